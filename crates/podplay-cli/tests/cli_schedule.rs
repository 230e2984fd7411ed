//! The `podplay schedule` and `podplay selector` JSON contracts, run through the built binary
//! over every scheduling conformance case (k8s-1.36 and k8s-1.35) and the selector rows.

mod common;

use serde_json::{json, Value};
use std::process::Command;

fn podplay(args: &[&str]) -> (u8, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_podplay"))
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1) as u8;
    (
        code,
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
    )
}

fn conformance(version: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/conformance")
        .join(format!("k8s-{version}/schedule"))
}

#[test]
fn schedule_contract_over_conformance_cases() {
    for version in ["1.36", "1.35"] {
        let mut dirs: Vec<_> = std::fs::read_dir(conformance(version))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        dirs.sort();
        for dir in dirs {
            let want: Value =
                serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                    .unwrap();
            let input = dir.join("input.yaml");
            let (code, got) = podplay(&[
                "schedule",
                "--kubernetes-version",
                version,
                input.to_str().unwrap(),
            ]);
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            assert_eq!(code, 0, "{name}");
            for key in [
                "message",
                "assignedTo",
                "admissionError",
                "feasibleNodes",
                "scores",
                "boundTo",
            ] {
                let got_v = got.get(key).cloned().unwrap_or(Value::Null);
                let got_v = if key == "feasibleNodes" && want["admissionError"] != Value::Null {
                    Value::Null
                } else {
                    got_v
                };
                assert_eq!(got_v, want[key], "{name} {version} {key}");
            }
            // Every node the scheduler saw, with the plugin that rejected it.
            if let Some(nodes) = want["nodes"].as_object() {
                for (node, verdict) in nodes {
                    let ours = got["nodes"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|n| n["name"] == json!(node))
                        .expect("node reported");
                    assert_eq!(ours["feasible"], verdict["feasible"], "{name} {node}");
                    assert_eq!(ours["plugin"], verdict["plugin"], "{name} {node}");
                }
            } else {
                assert_eq!(
                    got["nodes"],
                    Value::Null,
                    "{name}: nothing scheduled after a rejection"
                );
            }
        }
    }
}

#[test]
fn schedule_contract_shape() {
    let input = conformance("1.36").join("001-bars-cluster-cpu/input.yaml");
    let (_, got) = podplay(&["schedule", input.to_str().unwrap()]);
    let node = &got["nodes"][1];
    assert_eq!(node["name"], json!("w1"));
    assert_eq!(
        node["filters"][5],
        json!({"plugin": "NodeResourcesFit", "status": "rejected", "code": "UnschedulableAndUnresolvable", "reasons": ["Insufficient cpu"],
            "note": "pods: 0 running of 110 allowed; cpu: asks 2000m, allocatable 1000m, 0m requested by running pods"})
    );
    assert_eq!(got["merge"], Value::Null);
    // 1.33: the taint is named and a resource reason never makes a node unresolvable.
    let (_, got) = podplay(&[
        "schedule",
        "--kubernetes-version",
        "1.33",
        input.to_str().unwrap(),
    ]);
    assert_eq!(got["message"], json!("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."));
    // --example-cluster applies only when the file has no Node.
    let no_nodes = conformance("1.36").join("064-no-nodes/input.yaml");
    let (_, got) = podplay(&["schedule", "--example-cluster", no_nodes.to_str().unwrap()]);
    assert_eq!(got["nodeSource"], json!("exampleCluster"));
    assert_eq!(got["nodes"].as_array().unwrap().len(), 5);
    assert_eq!(got["assignedAmong"], json!(["worker-1", "worker-2"]));
}

#[test]
fn selector_contract() {
    let (code, got) = podplay(&[
        "selector",
        "app in (web,db),!tier",
        "--labels",
        r#"{"app":"db"}"#,
    ]);
    assert_eq!(code, 0);
    assert_eq!(got["valid"], json!(true));
    assert_eq!(got["canonical"], json!("app in (db,web),!tier"));
    assert_eq!(
        got["requirements"][1],
        json!({"key": "tier", "operator": "!", "values": [], "text": "!tier"})
    );
    assert_eq!(got["matched"], json!(true));
    let (_, got) = podplay(&["selector", "app in web"]);
    assert_eq!(
        got,
        json!({"valid": false, "error": "unable to parse requirement: found 'web' expected: '('", "canonical": null, "requirements": null, "matched": null})
    );
    // Label length errors say bytes from 1.35, characters before.
    let long = format!("app={}", "a".repeat(64));
    let (_, got) = podplay(&["selector", &long, "--kubernetes-version", "1.34"]);
    assert!(
        got["error"]
            .as_str()
            .unwrap()
            .ends_with("must be no more than 63 characters"),
        "{got}"
    );
    let (code, _) = podplay(&["selector"]);
    assert_eq!(code, 2);
}

/// `--context FILE` (the page's cluster context panel): every conformance case split in two —
/// the pod alone in FILE, every other document in the context file — gets the same answer.
#[test]
fn context_file_gives_the_answer_of_one_paste() {
    let tmp = std::env::temp_dir().join(format!("podplay-cli-context-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let dir = conformance("1.36");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    let mut split_cases = 0;
    for case in cases {
        let text = std::fs::read_to_string(case.join("input.yaml")).unwrap();
        // The subject: the first Pod document not bound to a node.
        let is_subject = |d: &str| d.contains("kind: Pod\n") && !d.contains("nodeName:");
        let Some((pod_file, context_file)) = common::split_for_context(&text, is_subject, &tmp)
        else {
            continue;
        };
        let (_, whole) = podplay(&["schedule", case.join("input.yaml").to_str().unwrap()]);
        let (code, split) = podplay(&[
            "schedule",
            "--context",
            context_file.to_str().unwrap(),
            pod_file.to_str().unwrap(),
        ]);
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(code, 0, "{name}");
        for key in ["message", "assignedTo", "admissionError", "feasibleNodes"] {
            assert_eq!(split.get(key), whole.get(key), "{name} {key}");
        }
        split_cases += 1;
    }
    assert!(
        split_cases >= 10,
        "only {split_cases} cases had context to split off"
    );
    std::fs::remove_dir_all(&tmp).ok();
}

#[test]
fn a_missing_context_file_is_named() {
    let out = Command::new(env!("CARGO_BIN_EXE_podplay"))
        .args(["schedule", "--context", "/nonexistent/ctx.yaml", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot read /nonexistent/ctx.yaml"), "{err}");
}
