//! COMPUTED BY KUBERNETES: every expectation here is read from tests/conformance/ (real
//! Kubernetes output); no hand-derived row.
//!
//! Decode step of every conformance case, for every version: the same decode error (or none)
//! and the same strict-decoding error as that Kubernetes release (a field the release's API
//! does not have is unknown to it).

mod common;

use podplay_core::input::read_documents;
use podplay_core::versions::Version;
use serde_json::Value;

fn cases(version: Version) -> Vec<(String, String, Value)> {
    common::case_dirs(version)
        .iter()
        .map(|dir| {
            let input = std::fs::read_to_string(dir.join("input.yaml")).unwrap();
            (common::name(dir), input, common::expected(dir))
        })
        .collect()
}

#[test]
fn decode_errors_match_kubernetes_in_every_version() {
    let mut failures = Vec::new();
    for version in common::VERSIONS {
        failures.extend(
            decode_failures(*version)
                .into_iter()
                .map(|f| format!("{version} {f}")),
        );
    }
    assert!(
        failures.is_empty(),
        "{} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn decode_failures(version: Version) -> Vec<String> {
    let all = cases(version);
    assert!(
        all.len() >= 90,
        "expected the 90 public cases, found {}",
        all.len()
    );
    let mut failures = Vec::new();
    for (name, input, expected) in &all {
        let docs = read_documents(input, version).expect("conformance inputs are valid YAML");
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
    failures
}
