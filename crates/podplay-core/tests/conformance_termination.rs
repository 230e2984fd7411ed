//! COMPUTED BY KUBERNETES: every expectation here is read from tests/conformance/ (real
//! Kubernetes output); no hand-derived row.
//!
//! The termination timeline against the cases computed by the real Kubernetes v1.36.2 code
//! (kubectl delete, the API server's graceful delete, the kubelet's killPod/killContainer
//! with the real lifecycle hook runner, getPhase) on a fake clock:
//! tests/conformance/k8s-1.36/termination/*/{input.yaml,scenario.json,expected.json}.
//!
//! Every recorded field podplay models is compared: grace periods, stop timeouts, stop signal,
//! SIGKILL and exit times, final exit codes, stop order and groups, the Killing and
//! FailedPreStopHook events with their exact messages, the phase, kubectl's output.

use podplay_core::options::Options;
use podplay_core::report::build;
use podplay_core::termination::grace::{DeleteFlags, KUBECTL_GRACE_UNSET};
use podplay_core::termination::{Behaviour, ExitAfter, PreStop, Scenario, Timeline};
use podplay_core::timeline::TimelineOptions;
use podplay_core::timeline::{Ms, SECOND};
use podplay_core::versions::Version;
use serde_json::{json, Map, Value};
use std::path::PathBuf;

fn cases() -> Vec<(String, String, Value, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/conformance/k8s-1.36/termination");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("termination cases are in the repository")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    dirs.sort();
    let read = |p: PathBuf| std::fs::read_to_string(p).expect("readable");
    dirs.into_iter()
        .map(|d| {
            let name = d.file_name().unwrap().to_string_lossy().into_owned();
            let input = read(d.join("input.yaml"));
            let scenario = serde_json::from_str(&read(d.join("scenario.json"))).expect("JSON");
            let expected = serde_json::from_str(&read(d.join("expected.json"))).expect("JSON");
            (name, input, scenario, expected)
        })
        .collect()
}

fn seconds(v: &Value) -> Ms {
    (v.as_f64().expect("seconds") * SECOND as f64) as Ms
}

fn scenario_of(s: &Value) -> Scenario {
    if let Some(kill) = s.get("kill").filter(|k| !k.is_null()) {
        assert_eq!(kill["reason"], "liveness");
        return Scenario::Liveness {
            container: kill["container"].as_str().map(str::to_string),
        };
    }
    let d = &s["delete"];
    Scenario::Delete(DeleteFlags {
        grace_period: d["gracePeriod"].as_i64().unwrap_or(KUBECTL_GRACE_UNSET),
        now: d["now"].as_bool().unwrap_or(false),
        force: d["force"].as_bool().unwrap_or(false),
    })
}

fn behaviours_of(s: &Value) -> Vec<(String, Behaviour)> {
    let mut out = Vec::new();
    for (name, c) in s["containers"].as_object().unwrap() {
        let pre_stop = match &c["preStop"] {
            Value::Null => None,
            Value::String(x) if x == "fail" => Some(PreStop::Fails(0)),
            Value::String(x) if x == "hang" => Some(PreStop::Hangs),
            v => Some(PreStop::Takes(seconds(v))),
        };
        let exit_after = match &c["exitAfter"] {
            Value::Null => None,
            Value::String(x) if x == "never" => Some(ExitAfter::Never),
            v => Some(ExitAfter::After(seconds(v))),
        };
        let exit_code = c["exitCode"].as_i64().map(|c| c as i32);
        out.push((
            name.clone(),
            Behaviour {
                pre_stop,
                exit_after,
                exit_code,
            },
        ));
    }
    out
}

fn run(input: &str, scenario: &Value) -> Timeline {
    // Through the report, as the CLI and the UI: the scenario is part of the options.
    let mut options = Options::new(Version::new(1, 36));
    options.timeline = TimelineOptions {
        scenario: scenario_of(scenario),
        stop: behaviours_of(scenario),
        start: Vec::new(),
    };
    build(input, &options)
        .views
        .termination
        .expect("the case's pod is created")
}

/// The lanes' values as the case's `{container: value}` maps.
fn by_container(tl: &Timeline, f: impl Fn(&podplay_core::termination::Lane) -> Value) -> Value {
    let mut m = Map::new();
    for lane in &tl.lanes {
        let v = f(lane);
        if !v.is_null() {
            m.insert(lane.container.clone(), v);
        }
    }
    Value::Object(m)
}

/// `{a: 1, b: 2}` compared regardless of key order.
fn same_map(a: &Value, b: &Value) -> bool {
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else {
        return a == b;
    };
    a.len() == b.len() && a.iter().all(|(k, v)| b.get(k) == Some(v))
}

#[test]
fn termination_matches_kubernetes_for_every_case() {
    let cases = cases();
    assert!(cases.len() >= 9, "the termination cases are present");
    for (name, input, scenario, expected) in cases {
        let tl = run(&input, &scenario);
        assert_eq!(tl.error, None, "{name}: no error");
        let t = |ms: Option<Ms>| ms.map_or(Value::Null, |ms| json!(ms / SECOND));
        // Grace periods.
        assert_eq!(
            json!(tl.deletion_grace_period_seconds),
            expected["deletionGracePeriodSeconds"],
            "{name}: deletionGracePeriodSeconds"
        );
        if !expected["kubeletGracePeriod"].is_null() {
            assert_eq!(
                json!(tl.grace_period),
                expected["kubeletGracePeriod"],
                "{name}: kubelet grace"
            );
        }
        let checks = [
            ("stopTimeouts", by_container(&tl, |l| json!(l.stop_timeout))),
            ("stopSignalAt", by_container(&tl, |l| t(l.stop_signal_at))),
            ("sigkillAt", by_container(&tl, |l| t(l.sigkill_at))),
            ("exitedAt", by_container(&tl, |l| t(l.exited_at))),
            ("finalExitCodes", by_container(&tl, |l| json!(l.exit_code))),
        ];
        for (field, got) in checks {
            assert!(
                same_map(&got, &expected[field]),
                "{name}: {field}: got {got}, expected {}",
                expected[field]
            );
        }
        assert_eq!(json!(tl.order), expected["order"], "{name}: order");
        assert_eq!(
            json!(tl.stop_groups),
            expected["stopGroups"],
            "{name}: stopGroups"
        );
        assert_eq!(json!(tl.phase), expected["phase"], "{name}: phase");
        // When the pod kill returned: the last container stopped.
        let last = tl
            .lanes
            .iter()
            .filter_map(|l| l.exited_at.or(l.sigkill_at))
            .max();
        assert_eq!(
            t(last),
            expected["killPodReturnedAt"],
            "{name}: killPodReturnedAt"
        );
        // The kubelet's Killing / FailedPreStopHook events, in order, with exact messages.
        let got: Vec<Value> = tl
            .kube_events
            .iter()
            .filter(|e| e.reason == "Killing" || e.reason == "FailedPreStopHook")
            .map(|e| {
                let container = e.field_path.split('{').nth(1).unwrap_or("").trim_end_matches('}');
                json!({"t": e.t / SECOND, "container": container, "type": e.kind, "reason": e.reason, "message": e.message})
            })
            .collect();
        assert_eq!(json!(got), expected["events"], "{name}: events");
        // The recorded runtime/hook calls, per container, as timeline events: same moments,
        // same order.
        let mut want: Vec<(String, Ms, &str)> = Vec::new();
        for c in expected["calls"].as_array().unwrap() {
            let what = match c["what"].as_str().unwrap() {
                "PreStopStarted" => "PreStopStarted",
                "PreStopFinished" => "PreStopFinished",
                "PreStopTimedOut" => "PreStopTimedOut",
                "PreStopFailed" => "FailedPreStopHook",
                "StopContainer" => "StopSignal",
                "Exited" => "Exited",
                "Killed" => "SIGKILL",
                _ => continue,
            };
            want.push((
                c["container"].as_str().unwrap().to_string(),
                seconds(&c["t"]),
                what,
            ));
        }
        let kinds = [
            "PreStopStarted",
            "PreStopFinished",
            "PreStopTimedOut",
            "FailedPreStopHook",
            "StopSignal",
            "Exited",
            "SIGKILL",
        ];
        for container in want
            .iter()
            .map(|w| w.0.clone())
            .collect::<std::collections::BTreeSet<_>>()
        {
            let expected_calls: Vec<(Ms, &str)> = want
                .iter()
                .filter(|w| w.0 == container)
                .map(|w| (w.1, w.2))
                .collect();
            let got: Vec<(Ms, String)> = tl
                .events
                .iter()
                .filter(|e| e.container == container)
                .map(|e| {
                    (
                        e.t,
                        serde_json::to_value(e.event)
                            .unwrap()
                            .as_str()
                            .unwrap()
                            .to_string(),
                    )
                })
                .filter(|(_, k)| kinds.contains(&k.as_str()))
                .collect();
            let got: Vec<(Ms, &str)> = got.iter().map(|(t, k)| (*t, k.as_str())).collect();
            assert_eq!(got, expected_calls, "{name}: calls of {container}");
        }
        // The StopContainer timeouts recorded in the calls.
        for c in expected["calls"].as_array().unwrap() {
            if c["what"] == "StopContainer" {
                let lane = tl
                    .lanes
                    .iter()
                    .find(|l| l.container == c["container"].as_str().unwrap())
                    .unwrap();
                assert_eq!(
                    json!(lane.stop_timeout),
                    c["timeout"],
                    "{name}: StopContainer timeout"
                );
            }
        }
        // kubectl: what it sends and prints.
        if let Some(k) = expected["kubectl"].as_object() {
            let view = tl.kubectl.as_ref().expect("kubectl view");
            assert_eq!(
                json!(view.grace_period_seconds),
                k["gracePeriodSeconds"],
                "{name}: request"
            );
            assert_eq!(
                json!(format!("{}\n", view.stdout)),
                k["stdout"],
                "{name}: stdout"
            );
            assert_eq!(json!(view.command), k["command"], "{name}: command");
        }
    }
}
