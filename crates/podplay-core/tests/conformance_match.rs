//! COMPUTED BY KUBERNETES: every expectation here is read from tests/conformance/ (real
//! Kubernetes output); no hand-derived row.
//!
//! Every row of tests/conformance/k8s-1.35/match.tsv (URLsMatchStr computed by Kubernetes v1.35.4).

mod common;

use common::tsv;
use podplay_core::credentials::keyring::urls_match_str;
use podplay_core::versions::Version;

fn conformance_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/k8s-1.35")
}

#[test]
fn every_match_row_matches() {
    let mut failures = Vec::new();
    let mut count = 0;
    for cols in tsv::rows(&conformance_dir().join("match.tsv"), 4) {
        count += 1;
        let [pattern, image, matched, error] = <[Option<String>; 4]>::try_from(cols).unwrap();
        let (pattern, image) = (pattern.unwrap(), image.unwrap());
        let matched = matched.as_deref() == Some("true");
        let got = urls_match_str(&pattern, &image, Version::new(1, 35));
        if got.matched != matched || got.error != error {
            failures.push(format!(
                "{pattern:?} vs {image:?}: got ({}, {:?}), want ({matched}, {error:?}) — {}",
                got.matched, got.error, got.why
            ));
        }
    }
    assert_eq!(count, 46, "match.tsv row count");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The one difference the README reports for v1.36: `::1` no longer parses.
#[test]
fn v1_36_rejects_bare_ipv6_pattern() {
    let got = urls_match_str("::1", "::1/a", Version::new(1, 36));
    assert!(!got.matched);
    assert_eq!(
        got.error.as_deref(),
        Some("parse \"https://::1\": invalid port \"::1\" after host")
    );
}
