//! COMPUTED BY KUBERNETES: every expectation here is read from tests/conformance/ (real
//! Kubernetes output); no hand-derived row.
//!
//! `podplay admit --kubernetes-version 1.XX` against every public conformance case computed by
//! Kubernetes v1.33.5, v1.34.2, v1.35.4 and v1.36.2 (`tests/conformance/k8s-1.XX/defaults`):
//! outcome, errors and the created pod (structurally; the random `kube-api-access-xxxxx`
//! suffix and generated names are checked by pattern; v1.33's `creationTimestamp: null` is
//! treated as absent, as its README says).

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

const TOKEN_ALPHABET: &str = "bcdfghjklmnpqrstvwxz2456789";

/// Every version the selector offers, each with its cases computed by that release.
const VERSIONS: &[&str] = &["1.33", "1.34", "1.35", "1.36"];

fn case_dirs(version: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../tests/conformance/k8s-{version}/defaults"));
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    out.sort();
    out
}

fn admit(input: &PathBuf, version: &str) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_podplay"))
        .args(["admit", "--kubernetes-version", version, "--output", "json"])
        .arg(input)
        .output()
        .expect("run podplay");
    assert!(
        out.status.success(),
        "podplay admit failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

fn is_random_suffix(s: &str, len: usize) -> bool {
    s.len() == len && s.chars().all(|c| TOKEN_ALPHABET.contains(c))
}

/// Replaces `kube-api-access-xxxxx` names and a generated pod name by placeholders when they
/// have Kubernetes' random shape (anything else must then be equal to the letter).
fn normalize(v: &mut Value, generate_name: Option<&str>) {
    match v {
        Value::String(s) => {
            if let Some(suffix) = s.strip_prefix("kube-api-access-") {
                if is_random_suffix(suffix, 5) {
                    *s = "kube-api-access-XXXXX".into();
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| normalize(i, generate_name)),
        Value::Object(map) => {
            let has_generate_name = map.contains_key("generateName");
            if let (Some(prefix), Some(Value::String(name))) = (generate_name, map.get_mut("name"))
            {
                let generated = name
                    .strip_prefix(prefix)
                    .is_some_and(|rest| is_random_suffix(rest, 5));
                if has_generate_name && generated {
                    *name = format!("{prefix}XXXXX");
                }
            }
            if let Some(Value::String(name)) = map.get_mut("name") {
                if let Some(suffix) = name.strip_prefix("kube-api-access-") {
                    if is_random_suffix(suffix, 5) {
                        *name = "kube-api-access-XXXXX".into();
                    }
                }
            }
            for (_, child) in map.iter_mut() {
                normalize(child, generate_name);
            }
        }
        _ => {}
    }
}

/// v1.33 writes a zero `metadata.creationTimestamp` as `null` (no `omitzero` yet); the
/// conformance README says to treat it as absent.
fn drop_null_creation_timestamps(v: &mut Value) {
    match v {
        Value::Array(items) => items.iter_mut().for_each(drop_null_creation_timestamps),
        Value::Object(map) => {
            if map.get("creationTimestamp").is_some_and(Value::is_null) {
                map.remove("creationTimestamp");
            }
            map.values_mut().for_each(drop_null_creation_timestamps);
        }
        _ => {}
    }
}

/// Case 214 names one of several conflicting keys depending on Go map order.
fn errors_equal(case: &str, got: &Value, want: &Value) -> bool {
    if got == want {
        return true;
    }
    if case.starts_with("214-") {
        let g = got.to_string();
        return g.contains("conflict: runtimeClass.scheduling.nodeSelector[");
    }
    false
}

#[test]
fn admit_agrees_with_kubernetes_on_every_public_case_of_every_version() {
    let mut failures = Vec::new();
    let mut total = 0;
    for version in VERSIONS {
        let dirs = case_dirs(version);
        assert!(dirs.len() >= 90, "{version}: the 90 public cases");
        total += dirs.len();
        for dir in &dirs {
            if let Some(f) = check_case(dir, version) {
                failures.push(format!("{version} {f}"));
            }
        }
    }
    let passed = total - failures.len();
    assert!(
        failures.is_empty(),
        "{passed}/{total} cases agree; differing:\n{}",
        failures.join("\n")
    );
}

/// One case through `podplay admit`; None when it agrees with Kubernetes.
fn check_case(dir: &std::path::Path, version: &str) -> Option<String> {
    {
        let case = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut expected: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                .unwrap();
        drop_null_creation_timestamps(&mut expected);
        let got = admit(&dir.join("input.yaml"), version);
        let mut problems = Vec::new();
        if got["outcome"] != expected["outcome"] {
            problems.push(format!(
                "outcome {} != {}",
                got["outcome"], expected["outcome"]
            ));
        }
        if !errors_equal(&case, &got["errors"], &expected["errors"]) {
            problems.push(format!(
                "errors\n    got  {}\n    want {}",
                got["errors"], expected["errors"]
            ));
        }
        let want_pod = if expected["outcome"] == "created" {
            expected["preparedForCreate"].clone()
        } else {
            Value::Null
        };
        let generate_name = want_pod["metadata"]["generateName"]
            .as_str()
            .map(str::to_string);
        let mut got_pod = got["pod"].clone();
        let mut want_pod = want_pod;
        normalize(&mut got_pod, generate_name.as_deref());
        normalize(&mut want_pod, generate_name.as_deref());
        if got_pod != want_pod {
            problems.push(format!(
                "pod differs:\n    got  {got_pod}\n    want {want_pod}"
            ));
        }
        (!problems.is_empty()).then(|| format!("{case}: {}", problems.join("; ")))
    }
}
