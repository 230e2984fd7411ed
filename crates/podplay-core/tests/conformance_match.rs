//! COMPUTED BY KUBERNETES: every expectation here is read from tests/conformance/ (real
//! Kubernetes output); no hand-derived row.
//!
//! Every row of tests/conformance/k8s-1.35/match.tsv (URLsMatchStr computed by Kubernetes v1.35.4).

use podplay_core::credentials::keyring::urls_match_str;
use podplay_core::versions::Version;

fn conformance_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/k8s-1.35")
}

/// Undoes the TSV escaping described in tests/conformance/README.md (`\N` = null).
fn unescape(field: &str) -> Option<String> {
    if field == "\\N" {
        return None;
    }
    let mut out = String::new();
    let mut chars = field.chars();
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
fn every_match_row_matches() {
    let text = std::fs::read_to_string(conformance_dir().join("match.tsv")).unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
        count += 1;
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "bad row {line:?}");
        let pattern = unescape(cols[0]).unwrap();
        let image = unescape(cols[1]).unwrap();
        let matched = cols[2] == "true";
        let error = unescape(cols[3]);
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
