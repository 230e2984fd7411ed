//! COMPUTED BY KUBERNETES: every expectation here is read from tests/conformance/ (real
//! Kubernetes output); no hand-derived row.
//!
//! The scheduling view against the cases the real kube-scheduler computed (default profile,
//! one ScheduleOne): tests/conformance/k8s-1.36/schedule (v1.36.2) and k8s-1.35/schedule
//! (v1.35.4). Admission error, admitted pod fields, per-node verdicts, the FailedScheduling
//! message, the winner (or the tied nodes), feasible nodes, total scores and preemption.

use podplay_core::report::Options;
use podplay_core::scheduling::paste::{self, admitted_fields};
use podplay_core::versions::Version;
use serde_json::{json, Map, Value};
use std::path::PathBuf;

fn cases(version: &str) -> Vec<(String, String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/conformance")
        .join(format!("k8s-{version}"))
        .join("schedule");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("schedule cases are in the repository")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|d| {
            let name = d.file_name().unwrap().to_string_lossy().into_owned();
            let input = std::fs::read_to_string(d.join("input.yaml")).unwrap();
            let expected =
                serde_json::from_str(&std::fs::read_to_string(d.join("expected.json")).unwrap())
                    .unwrap();
            (name, input, expected)
        })
        .collect()
}

fn null_if_missing(v: Option<&Value>) -> Value {
    v.cloned().unwrap_or(Value::Null)
}

/// Runs every case of one version; returns the failures (case: what differs).
fn check(version: &str) -> (usize, Vec<String>) {
    let v = Version::parse(version).unwrap();
    let options = Options::new(v);
    let mut failures = Vec::new();
    let all = cases(version);
    for (name, input, want) in &all {
        let got = paste::analyze(input, &options, false);
        // The scheduling result (the report nests it under `scheduling`).
        let got_json = serde_json::to_value(&got.scheduling).unwrap();
        let mut diff = |what: &str, got: Value, want: Value| {
            if got != want {
                failures.push(format!("{name}: {what}: got {got} want {want}"));
            }
        };
        diff(
            "admissionError",
            json!(got.admission_error),
            want["admissionError"].clone(),
        );
        if let Some(plugin) = want.get("admissionErrorPlugin") {
            diff(
                "admissionErrorPlugin",
                json!(got.admission_error_plugin),
                plugin.clone(),
            );
        }
        // The admitted pod's scheduling fields.
        let got_pod = got.admitted_pod.as_ref().map(admitted_fields);
        match (want["pod"].as_object(), got_pod) {
            (Some(wp), Some(gp)) => {
                for (k, gv) in &gp {
                    diff(&format!("pod.{k}"), gv.clone(), null_if_missing(wp.get(k)));
                }
            }
            (None, None) => {}
            (w, g) => diff("pod", json!(g), json!(w)),
        }
        // Per-node verdicts.
        let mut got_nodes = Map::new();
        for n in got_json
            .get("nodes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            got_nodes.insert(
                n["name"].as_str().unwrap().to_string(),
                json!({"feasible": n["feasible"], "plugin": n["plugin"], "code": n["code"], "reasons": n["reasons"]}),
            );
        }
        let want_nodes = want["nodes"].clone();
        let got_nodes = if got.scheduling.is_some() {
            Value::Object(got_nodes)
        } else {
            Value::Null
        };
        // A feasible node's code is null in our report; the oracle writes "Success" or null.
        let normalise = |mut nodes: Value| {
            if let Some(m) = nodes.as_object_mut() {
                for n in m.values_mut() {
                    if n["feasible"] == json!(true) {
                        n["code"] = Value::Null;
                        n["reasons"] = json!([]);
                    }
                }
            }
            nodes
        };
        diff("nodes", normalise(got_nodes), normalise(want_nodes));
        diff(
            "message",
            null_if_missing(got_json.get("message")),
            want["message"].clone(),
        );
        diff(
            "assignedTo",
            null_if_missing(got_json.get("assignedTo")),
            want["assignedTo"].clone(),
        );
        if let Some(among) = want.get("assignedAmong") {
            diff(
                "assignedAmong",
                null_if_missing(got_json.get("assignedAmong")),
                among.clone(),
            );
        }
        if let Some(event) = want.get("scheduledEvent") {
            diff(
                "scheduledEvent",
                null_if_missing(got_json.get("scheduledEvent")),
                event.clone(),
            );
        }
        let want_feasible = want["feasibleNodes"].clone();
        let got_feasible = if got.scheduling.is_some() {
            null_if_missing(got_json.get("feasibleNodes"))
        } else {
            Value::Null
        };
        diff("feasibleNodes", got_feasible, want_feasible);
        if let Some(scores) = want.get("scores").filter(|s| !s.is_null()) {
            let mut got_scores = Map::new();
            for n in got_json["nodes"].as_array().into_iter().flatten() {
                if !n["total"].is_null() {
                    got_scores.insert(n["name"].as_str().unwrap().to_string(), n["total"].clone());
                }
            }
            diff("scores", Value::Object(got_scores), scores.clone());
        }
        if let Some(post) = want.get("postFilterMessage") {
            diff(
                "postFilterMessage",
                null_if_missing(got_json.get("postFilterMessage")),
                post.clone(),
            );
        }
        if let Some(node) = want.get("nominatedNode") {
            diff(
                "nominatedNode",
                null_if_missing(got_json.get("nominatedNode")),
                node.clone(),
            );
        }
        if let Some(victims) = want.get("preemptionVictims") {
            diff(
                "preemptionVictims",
                null_if_missing(got_json.get("preemptionVictims")),
                victims.clone(),
            );
        }
        if let Some(among) = want.get("nominatedAmong").filter(|a| !a.is_null()) {
            let names: Vec<&String> = among
                .as_object()
                .map(|m| m.keys().collect())
                .unwrap_or_default();
            diff(
                "nominatedAmong",
                null_if_missing(got_json.get("nominatedAmong")),
                json!(names),
            );
        }
    }
    (all.len(), failures)
}

#[test]
fn schedule_cases_1_36() {
    let (n, failures) = check("1.36");
    assert_eq!(n, 26);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn schedule_cases_1_35() {
    let (n, failures) = check("1.35");
    assert_eq!(n, 24);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
