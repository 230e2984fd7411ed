//! `labels.Parse` + `Selector.Matches` against the rows computed by apimachinery v0.36.2
//! (tests/conformance/k8s-1.36/selectors.tsv).

use podplay_core::labels;
use podplay_core::versions::Version;
use serde_json::Value;

/// TSV field: `\N` is null; `\\`, `\t`, `\n`, `\r` are escaped.
fn field(raw: &str) -> Option<String> {
    if raw == "\\N" {
        return None;
    }
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    Some(out)
}

#[test]
fn selectors_tsv_rows() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/conformance/k8s-1.36/selectors.tsv"
    );
    let text = std::fs::read_to_string(path).expect("selectors.tsv is in the repository");
    let version = Version::new(1, 36);
    let mut rows = 0;
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 5, "row {line:?}");
        let selector = field(cols[0]).unwrap_or_default();
        let labels: Value = serde_json::from_str(&field(cols[1]).unwrap_or_default()).unwrap();
        let labels = labels.as_object().cloned().unwrap_or_default();
        let matched = field(cols[2]).map(|m| m == "true");
        let error = field(cols[3]);
        let canonical = field(cols[4]);
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
