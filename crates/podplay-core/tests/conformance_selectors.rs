//! COMPUTED BY KUBERNETES: every expectation here is read from tests/conformance/ (real
//! Kubernetes output); no hand-derived row.
//!
//! `labels.Parse` + `Selector.Matches` against the rows computed by apimachinery v0.36.2
//! (tests/conformance/k8s-1.36/selectors.tsv).

mod common;

use common::tsv;
use podplay_core::labels;
use podplay_core::versions::Version;
use serde_json::Value;

#[test]
fn selectors_tsv_rows() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/conformance/k8s-1.36/selectors.tsv"
    );
    let version = Version::new(1, 36);
    let mut rows = 0;
    for cols in tsv::rows(std::path::Path::new(path), 5) {
        let [selector, labels, matched, error, canonical] =
            <[Option<String>; 5]>::try_from(cols).unwrap();
        let selector = selector.unwrap_or_default();
        let labels: Value = serde_json::from_str(&labels.unwrap_or_default()).unwrap();
        let labels = labels.as_object().cloned().unwrap_or_default();
        let matched = matched.map(|m| m == "true");
        match labels::parse(&selector, &version) {
            Ok(sel) => {
                assert_eq!(error, None, "{selector:?} should fail");
                assert_eq!(Some(sel.matches(&labels)), matched, "{selector:?} matched");
                assert_eq!(Some(sel.text()), canonical, "{selector:?} canonical");
            }
            Err(e) => assert_eq!(Some(e), error, "{selector:?} error"),
        }
        rows += 1;
    }
    assert_eq!(rows, 36);
}
