//! COMPUTED BY KUBERNETES: every expectation here is read from tests/conformance/ (real
//! Kubernetes output); no hand-derived row.
//!
//! Decode step of every conformance case: the same decode error (or none) as Kubernetes v1.35.4.

use podplay_core::report::read_documents;
use serde_json::Value;
use std::path::PathBuf;

fn cases() -> Vec<(String, String, Value)> {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/k8s-1.35/defaults");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("conformance dir") {
        let path = entry.unwrap().path();
        let input = std::fs::read_to_string(path.join("input.yaml")).unwrap();
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(path.join("expected.json")).unwrap())
                .unwrap();
        out.push((
            path.file_name().unwrap().to_string_lossy().into_owned(),
            input,
            expected,
        ));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn decode_errors_match_kubernetes() {
    let all = cases();
    assert!(
        all.len() >= 90,
        "expected the 90 public cases, found {}",
        all.len()
    );
    let mut failures = Vec::new();
    for (name, input, expected) in &all {
        let docs = read_documents(input).expect("conformance inputs are valid YAML");
        let pod = docs
            .iter()
            .find(|d| d.kind == "Pod")
            .expect("a Pod document");
        let decoded = pod.decoded.as_ref().expect("Pod v1 is a known kind");
        let got = decoded.error.as_ref().map(|e| e.message.clone());
        let want = expected["decodeError"].as_str().map(str::to_string);
        if got != want {
            failures.push(format!("{name}: decodeError got {got:?}, want {want:?}"));
        }
        let got_strict = decoded.strict_error();
        let want_strict = expected["strictDecodeError"].as_str().map(str::to_string);
        if want_strict.is_some() && got_strict != want_strict {
            failures.push(format!(
                "{name}: strictDecodeError got {got_strict:?}, want {want_strict:?}"
            ));
        }
        if want_strict.is_none() && got_strict.is_some() {
            failures.push(format!("{name}: unexpected strict issues {got_strict:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}
