//! COMPUTED BY KUBERNETES: every expectation here is read from tests/conformance/ (real
//! Kubernetes output); no hand-derived row.
//!
//! `podplay timeline FILE <scenario args> --output json` against every termination case
//! computed by the real Kubernetes v1.36.2 code (tests/conformance/k8s-1.36/termination):
//! the case's own `args` are what the CLI gets.

use serde_json::{json, Map, Value};
use std::path::PathBuf;
use std::process::Command;

fn case_dirs() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/conformance/k8s-1.36/termination");
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    out.sort();
    out
}

fn read(path: PathBuf) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn timeline(input: &PathBuf, args: &[String]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_podplay"))
        .args([
            "timeline",
            "--kubernetes-version",
            "1.36",
            "--output",
            "json",
        ])
        .arg(input)
        .args(args)
        .output()
        .expect("run podplay");
    assert!(
        out.status.success(),
        "podplay timeline failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

/// `{container: lane[field]}` for the lanes where the field is set.
fn lanes(got: &Value, field: &str) -> Map<String, Value> {
    let mut m = Map::new();
    for lane in got["lanes"].as_array().unwrap() {
        if !lane[field].is_null() {
            m.insert(
                lane["container"].as_str().unwrap().to_string(),
                lane[field].clone(),
            );
        }
    }
    m
}

fn same(a: &Map<String, Value>, b: &Value) -> bool {
    let b = b.as_object().unwrap();
    a.len() == b.len() && a.iter().all(|(k, v)| b.get(k) == Some(v))
}

#[test]
fn podplay_timeline_matches_kubernetes_for_every_termination_case() {
    let dirs = case_dirs();
    assert!(dirs.len() >= 9);
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let scenario = read(dir.join("scenario.json"));
        let expected = read(dir.join("expected.json"));
        let args: Vec<String> = scenario["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_string())
            .collect();
        let got = timeline(&dir.join("input.yaml"), &args);
        assert_eq!(got["error"], Value::Null, "{name}");
        if !expected["kubeletGracePeriod"].is_null() {
            assert_eq!(
                got["gracePeriod"], expected["kubeletGracePeriod"],
                "{name}: gracePeriod"
            );
        } else {
            // A liveness kill: the container's own grace (StopContainer never gets less than
            // the kubelet's 2 s minimum, kuberuntime_manager.go:minimumGracePeriodInSeconds).
            let timeouts = expected["stopTimeouts"].as_object().unwrap();
            let grace = got["gracePeriod"].as_i64().map(|g| g.max(2));
            assert!(
                grace >= timeouts.values().next().and_then(Value::as_i64),
                "{name}: gracePeriod"
            );
        }
        assert_eq!(
            got["deletionGracePeriodSeconds"], expected["deletionGracePeriodSeconds"],
            "{name}: deletionGracePeriodSeconds"
        );
        for (lane_field, case_field) in [
            ("stopTimeout", "stopTimeouts"),
            ("stopSignalAt", "stopSignalAt"),
            ("sigkillAt", "sigkillAt"),
            ("exitedAt", "exitedAt"),
            ("exitCode", "finalExitCodes"),
        ] {
            let m = lanes(&got, lane_field);
            assert!(
                same(&m, &expected[case_field]),
                "{name}: {case_field}: got {m:?}, expected {}",
                expected[case_field]
            );
        }
        assert_eq!(got["order"], expected["order"], "{name}: order");
        assert_eq!(
            got["stopGroups"], expected["stopGroups"],
            "{name}: stopGroups"
        );
        assert_eq!(got["phase"], expected["phase"], "{name}: phase");
        // The kubelet's events (Killing, FailedPreStopHook) with their exact text.
        let events: Vec<Value> = got["kubeEvents"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["reason"] == "Killing" || e["reason"] == "FailedPreStopHook")
            .map(|e| {
                let path = e["fieldPath"].as_str().unwrap();
                let container = path.split('{').nth(1).unwrap_or("").trim_end_matches('}');
                json!({"t": e["t"], "container": container, "type": e["type"], "reason": e["reason"], "message": e["message"]})
            })
            .collect();
        assert_eq!(json!(events), expected["events"], "{name}: events");
        // The timeline's own events carry the same Killing messages and stop signals.
        let names: Vec<&str> = got["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["event"].as_str().unwrap())
            .collect();
        assert!(
            names.contains(&"Killing") && names.contains(&"StopSignal"),
            "{name}: {names:?}"
        );
        if let Some(k) = expected["kubectl"].as_object() {
            assert_eq!(
                got["kubectl"]["command"], k["command"],
                "{name}: kubectl command"
            );
            assert_eq!(
                json!(format!("{}\n", got["kubectl"]["stdout"].as_str().unwrap())),
                k["stdout"],
                "{name}: kubectl stdout"
            );
        }
    }
}

#[test]
fn a_rejected_pod_shows_the_api_servers_answer_instead_of_a_timeline() {
    // A sleep longer than the grace period is rejected by validation.
    let dir = std::env::temp_dir().join(format!("podplay-timeline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("pod.yaml");
    std::fs::write(
        &input,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  terminationGracePeriodSeconds: 5\n  containers:\n  - name: app\n    image: nginx\n    lifecycle:\n      preStop:\n        sleep:\n          seconds: 10\n",
    )
    .unwrap();
    let got = timeline(&input, &[]);
    assert_eq!(got["rejected"], true);
    assert_eq!(got["outcome"], "rejected-validation");
    assert_eq!(
        got["errors"][0],
        "spec.containers[0].lifecycle.preStop.sleep: Invalid value: 10: must be non-negative and less than terminationGracePeriodSeconds (5)"
    );
    assert!(got["events"].is_null());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn kubectl_misuse_is_reported_like_kubectl() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/conformance/k8s-1.36/termination/010-prestop-shorter-than-grace");
    let got = timeline(
        &dir.join("input.yaml"),
        &["--force".into(), "--grace-period".into(), "5".into()],
    );
    assert_eq!(
        got["error"],
        "error: --force and --grace-period greater than 0 cannot be specified together"
    );
    let got = timeline(
        &dir.join("input.yaml"),
        &["--scenario".into(), "force".into()],
    );
    assert_eq!(got["scenario"], "force");
    assert_eq!(got["deletionGracePeriodSeconds"], 0);
    assert_eq!(got["gracePeriod"], 1);
    assert_eq!(got["objectRemovedAt"], 0);
}
