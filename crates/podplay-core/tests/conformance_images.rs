//! COMPUTED BY KUBERNETES: every expectation here is read from tests/conformance/ (real
//! Kubernetes output); no hand-derived row.
//!
//! Every row of tests/conformance/k8s-1.35/images.jsonl (computed by Kubernetes v1.35.4)
//! against podplay's reference parser, pull-policy default and image validation.

use podplay_core::images::{describe_reference, image_validation_errors};
use podplay_core::reference::Reference;
use podplay_core::versions::Version;
use serde_json::Value;

fn conformance_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/k8s-1.35")
}

#[test]
fn every_images_row_matches() {
    let text = std::fs::read_to_string(conformance_dir().join("images.jsonl")).unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        count += 1;
        let expected: Value = serde_json::from_str(line).unwrap();
        let reference = expected["ref"].as_str().unwrap();
        let got = serde_json::to_value(describe_reference(&Reference::parse(reference))).unwrap();
        for (column, want) in expected.as_object().unwrap() {
            if column == "podValidationErrors" {
                let got_errors = image_validation_errors(reference, Version::new(1, 35));
                if serde_json::to_value(&got_errors).unwrap() != *want {
                    failures.push(format!(
                        "{reference:?} podValidationErrors: got {got_errors:?}, want {want}"
                    ));
                }
                continue;
            }
            let have = got
                .get(column)
                .cloned()
                .unwrap_or(Value::String("<missing>".into()));
            if have != *want {
                failures.push(format!("{reference:?} {column}: got {have}, want {want}"));
            }
        }
    }
    assert_eq!(count, 56, "images.jsonl row count");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
