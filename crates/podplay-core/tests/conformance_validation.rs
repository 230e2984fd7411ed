//! COMPUTED BY KUBERNETES: every expectation here is read from tests/conformance/ (real
//! Kubernetes output); no hand-derived row.
//!
//! Conformance: `validate_pod_create` against the errors real Kubernetes v1.35.4 produced.
//!
//! For every case in tests/conformance/k8s-1.35/defaults/ whose expected.json has a non-null
//! `preparedForCreate`, validation of that object must give exactly `validationErrors`
//! (type, field, badValue, detail and the rendered string, in order) and the aggregate
//! `validationErrorMessage`; the same for every version's cases (`k8s-1.XX/defaults`, each
//! computed by that release).

mod common;

use podplay_core::validation::{aggregate_message, validate_pod_create, ValidationContext};
use podplay_core::versions::Version;
use serde_json::Value;

/// One case's differences, empty when it passes.
fn check_case(expected: &Value, version: Version) -> Vec<String> {
    let mut diffs = Vec::new();
    let Some(pod) = expected.get("preparedForCreate").filter(|p| !p.is_null()) else {
        return diffs;
    };
    let ctx = ValidationContext::new(version);
    let got = validate_pod_create(pod, &ctx);
    let want: Vec<Value> = expected
        .get("validationErrors")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();

    for i in 0..got.len().max(want.len()) {
        match (got.get(i), want.get(i)) {
            (Some(g), Some(w)) => {
                let g_json = serde_json::to_value(g).unwrap();
                for key in ["type", "field", "badValue", "detail"] {
                    if g_json.get(key) != w.get(key) {
                        diffs.push(format!(
                            "  [{i}] {key}: got {} want {}",
                            g_json.get(key).unwrap_or(&Value::Null),
                            w.get(key).unwrap_or(&Value::Null)
                        ));
                    }
                }
                let rendered = g.render();
                if Some(rendered.as_str()) != w.get("error").and_then(Value::as_str) {
                    diffs.push(format!(
                        "  [{i}] error:\n    got  {rendered}\n    want {}",
                        w["error"]
                    ));
                }
            }
            (Some(g), None) => diffs.push(format!("  [{i}] unexpected: {}", g.render())),
            (None, Some(w)) => diffs.push(format!("  [{i}] missing: {}", w["error"])),
            (None, None) => {}
        }
    }

    if let Some(want_msg) = expected
        .get("validationErrorMessage")
        .and_then(Value::as_str)
    {
        let name = pod
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or("");
        let got_msg = aggregate_message(name, &got);
        if got_msg != want_msg {
            diffs.push(format!(
                "  message:\n    got  {got_msg}\n    want {want_msg}"
            ));
        }
    } else if !got.is_empty() {
        diffs.push("  expected no validationErrorMessage".to_string());
    }
    diffs
}

fn run_all(version: Version) {
    let entries = common::case_dirs(version);

    let (mut total, mut passed) = (0, 0);
    let mut report = String::new();
    for dir in entries {
        let expected = common::expected(&dir);
        if expected.get("preparedForCreate").is_none_or(Value::is_null) {
            continue;
        }
        total += 1;
        let diffs = check_case(&expected, version);
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        if diffs.is_empty() {
            passed += 1;
        } else {
            report.push_str(&format!("FAIL {name}\n{}\n", diffs.join("\n")));
        }
    }
    println!("{report}conformance validation ({version}): {passed}/{total} cases pass");
    assert!(total > 0, "no conformance cases found");
    assert_eq!(passed, total, "\n{report}");
}

#[test]
fn conformance_validation_every_version() {
    for version in common::VERSIONS {
        run_all(*version);
    }
}
