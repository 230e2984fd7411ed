//! COMPUTED BY KUBERNETES: every expectation here is read from tests/conformance/ (real
//! Kubernetes output); no hand-derived row.
//!
//! Conformance: every case in tests/conformance/k8s-1.36/env (computed by the real kubelet's
//! `makeEnvironmentVariables` and `ExpandContainerCommandAndArgs`, v1.36.2) run through the
//! create pipeline and the environment view, compared container by container: the
//! environment as a sorted list (the kubelet's own order is random), command, args, error.

use podplay_core::environment::EnvironmentReport;
use podplay_core::report::Options;
use podplay_core::versions::Version;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The paste through the same path as the page and the CLI (`report::build`), reduced to
/// what these tests read.
struct Analysis {
    server_message: Option<String>,
    environment: Option<EnvironmentReport>,
}

fn analyze_paste(text: &str, options: &Options) -> Analysis {
    let report = podplay_core::report::build(text, options);
    Analysis {
        server_message: report.admit.map(|a| a.server_message),
        environment: report.views.environment,
    }
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/k8s-1.36/env")
}

/// podplay's answer in the expected.json shape.
fn podplay(input: &str) -> Value {
    let options = Options {
        version: Version::new(1, 36),
        ..Options::new(Version::new(1, 36))
    };
    let analysis = analyze_paste(input, &options);
    let Some(env) = analysis.environment else {
        return json!({"rejected": analysis.server_message});
    };
    let containers: Vec<Value> = env
        .containers
        .iter()
        .map(|c| {
            json!({
                "name": c.name,
                "kind": c.kind,
                "env": c.env.as_ref().map(|rows| rows.iter().map(|r| json!({"name": r.name, "value": r.value})).collect::<Vec<_>>()),
                "command": c.error.is_none().then_some(&c.command),
                "args": c.error.is_none().then_some(&c.args),
                "error": c.error.as_ref().map(|e| e.message.clone()),
            })
        })
        .collect();
    json!({
        "namespace": env.namespace,
        "serviceAccountName": env.service_account_name,
        "containers": containers,
    })
}

/// The expected file without the fields podplay does not produce, env sorted by name
/// (it already is; sorting again makes the comparison a set comparison).
fn normalized_expected(mut expected: Value) -> Value {
    if let Some(o) = expected.as_object_mut() {
        o.remove("envOrder");
    }
    for c in expected["containers"].as_array_mut().into_iter().flatten() {
        if let Some(env) = c["env"].as_array_mut() {
            env.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
        }
    }
    expected
}

#[test]
fn every_env_case_matches_the_kubelet() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("conformance env cases")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert_eq!(dirs.len(), 14, "the public env cases");
    let mut failures = Vec::new();
    for dir in &dirs {
        let input = std::fs::read_to_string(dir.join("input.yaml")).unwrap();
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                .unwrap();
        let want = normalized_expected(expected);
        let got = podplay(&input);
        if got != want {
            failures.push(format!(
                "{}:\n  want {}\n  got  {}",
                dir.file_name().unwrap().to_string_lossy(),
                want,
                got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
