//! HAND-DERIVED expectations (not computed by Kubernetes): every row below was worked out
//! by reading the Kubernetes source named with it. Rows computed by Kubernetes live in the
//! `conformance_*.rs` tests.
//!
//! Scheduling cases of our own (tests/scheduling/*.yaml), one per filter, conflict and
//! scoring rule, with the exact FailedScheduling message for 1.33–1.36. Each expectation is
//! worked out from the Kubernetes rules the module comments cite (reasons sorted as strings,
//! the 1.34 taint wording, DRA's PostFilter part from 1.34, resource reasons unresolvable above
//! allocatable from 1.34, BalancedAllocation's improvement formula in 1.36).

use podplay_core::report::Options;
use podplay_core::scheduling::paste::{analyze, ScheduleReport};
use podplay_core::versions::Version;
use serde_json::{json, Value};

fn run(name: &str, version: &str, example: bool) -> (ScheduleReport, Value) {
    let path = format!(
        "{}/tests/scheduling/{name}.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("case file");
    let options = Options::new(Version::parse(version).unwrap());
    let report = analyze(&text, &options, example);
    let json = report.flat_json();
    (report, json)
}

const ALL: [&str; 4] = ["1.33", "1.34", "1.35", "1.36"];
const DRA: &str = "no new claims to deallocate, ";

/// (case, versions, expected message) — the message differs only where the versions say so.
fn message_rows() -> Vec<(&'static str, Vec<&'static str>, String)> {
    let not_helpful = |n: usize, dra: bool| {
        format!("{}preemption: 0/{n} nodes are available: {n} Preemption is not helpful for scheduling.", if dra { DRA } else { "" })
    };
    vec![
        ("cordoned", vec!["1.33"], format!("0/1 nodes are available: 1 node(s) were unschedulable. {}", not_helpful(1, false))),
        ("cordoned", vec!["1.34", "1.35", "1.36"], format!("0/1 nodes are available: 1 node(s) were unschedulable. {}", not_helpful(1, true))),
        ("taint", vec!["1.33"], format!("0/2 nodes are available: 1 node(s) had untolerated taint {{node-role.kubernetes.io/control-plane: }}, 1 node(s) had untolerated taint {{nvidia.com/gpu: present}}. {}", not_helpful(2, false))),
        ("taint", vec!["1.34", "1.35", "1.36"], format!("0/2 nodes are available: 2 node(s) had untolerated taint(s). {}", not_helpful(2, true))),
        ("selector", vec!["1.33"], format!("0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. {}", not_helpful(2, false))),
        ("selector", vec!["1.34", "1.35", "1.36"], format!("0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. {}", not_helpful(2, true))),
        ("fields-conflict", vec!["1.33"], format!("0/2 nodes are available: pod affinity terms conflict. {}", not_helpful(2, false))),
        ("fields-conflict", vec!["1.34", "1.35", "1.36"], format!("0/2 nodes are available: pod affinity terms conflict. {}", not_helpful(2, true))),
        ("too-many-pods", vec!["1.33"], "0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.".into()),
        ("too-many-pods", vec!["1.34", "1.35", "1.36"], format!("0/1 nodes are available: 1 Too many pods. {DRA}preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.")),
        // n1 (2 CPUs) cannot hold 3 CPUs even empty: unresolvable from 1.34, so preemption skips it.
        ("cpu-unresolvable", vec!["1.33"], "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.".into()),
        ("cpu-unresolvable", vec!["1.34", "1.35", "1.36"], format!("0/2 nodes are available: 2 Insufficient cpu. {DRA}preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.")),
        // Preemption succeeds: no PostFilter part at all.
        ("preempt-cpu", ALL.to_vec(), "0/1 nodes are available: 1 Insufficient cpu.".into()),
        ("ports-victim", ALL.to_vec(), "0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports.".into()),
        // a: zone za holds 2 web pods, zone zb none (its only node is cordoned, but it counts):
        // 2 + 1 − 0 > maxSkew 1. c has no zone label.
        ("spread", vec!["1.33"], "0/3 nodes are available: 1 node(s) didn't match pod topology spread constraints, 1 node(s) didn't match pod topology spread constraints (missing required label), 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.".into()),
        ("spread", vec!["1.34", "1.35", "1.36"], format!("0/3 nodes are available: 1 node(s) didn't match pod topology spread constraints, 1 node(s) didn't match pod topology spread constraints (missing required label), 1 node(s) were unschedulable. {DRA}preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.")),
        // A running pod refuses web pods in zone za; evicting it (lower priority) makes room.
        ("anti-affinity", ALL.to_vec(), "0/2 nodes are available: 2 node(s) didn't satisfy existing pods anti-affinity rules.".into()),
        // NodeDeclaredFeatures (default profile from 1.36): n2 does not declare the feature a
        // RestartAllContainers rule needs (before 1.36 the API server rejects the action).
        ("declared-features", vec!["1.36"], format!("0/2 nodes are available: 1 node(s) didn't match Pod's required features, 1 node(s) were unschedulable. {}", not_helpful(2, true))),
    ]
}

#[test]
fn failed_scheduling_messages_per_version() {
    for (case, versions, want) in message_rows() {
        for v in versions {
            let (_, got) = run(case, v, false);
            assert_eq!(got["message"], json!(want), "{case} {v}");
            assert_eq!(got["assignedTo"], Value::Null, "{case} {v}");
        }
    }
}

#[test]
fn seed_examples_on_the_example_cluster() {
    // The pods chapter's kubia-gpu (nodeSelector gpu: "true"): the GPU node has the label but
    // also a taint the pod does not tolerate, so no node is left.
    let (_, got) = run("seed-kubia-gpu", "1.36", true);
    assert_eq!(got["nodeSource"], json!("exampleCluster"));
    assert_eq!(got["message"], json!(format!("0/5 nodes are available: 2 node(s) didn't match Pod's node affinity/selector, 3 node(s) had untolerated taint(s). {DRA}preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.")));
    let (_, got) = run("seed-kubia-gpu", "1.33", true);
    assert_eq!(got["message"], json!("0/5 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had untolerated taint {nvidia.com/gpu: present}, 1 node(s) had untolerated taint {runtime: gvisor}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling."));
    // The RuntimeClass page's myclass (handler only): nothing merged; the two workers tie.
    let (report, got) = run("seed-myclass", "1.36", true);
    let merge = report.merge.expect("merge report");
    assert_eq!(merge.handler.as_deref(), Some("myconfiguration"));
    assert_eq!(merge.node_selector.result, Value::Null);
    assert!(merge.dropped.is_empty());
    assert_eq!(got["assignedAmong"], json!(["worker-1", "worker-2"]));
    assert_eq!(got["assignedTo"], Value::Null);
    assert!(got["tie"]
        .as_str()
        .unwrap()
        .contains("does not pick one at random"));
}

#[test]
fn runtime_class_merge_columns_and_rejections() {
    // The worked example: nodeSelector and tolerations merged, overhead set from the class.
    let (report, got) = run("rc-merge", "1.36", true);
    let m = report.merge.expect("merge");
    assert_eq!(m.node_selector.pod, json!({"disk": "ssd"}));
    assert_eq!(m.node_selector.runtime_class, json!({"runtime": "gvisor"}));
    assert_eq!(
        m.node_selector.result,
        json!({"disk": "ssd", "runtime": "gvisor"})
    );
    assert_eq!(m.overhead.pod, Value::Null);
    assert_eq!(m.overhead.result, json!({"cpu": "250m", "memory": "120Mi"}));
    assert_eq!(m.tolerations.result.as_array().unwrap().len(), 3);
    assert_eq!(got["message"], json!(format!("0/5 nodes are available: 2 node(s) had untolerated taint(s), 3 node(s) didn't match Pod's node affinity/selector. {DRA}preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.")));
    // The example cluster's sandbox node: the class's nodeSelector and toleration lead there.
    let (_, got) = run("rc-sandbox", "1.36", true);
    assert_eq!(got["assignedTo"], json!("sandbox-1"));
    assert_eq!(
        got["scheduledEvent"],
        json!("Successfully assigned default/sandboxed to sandbox-1")
    );
    // A class tolerating everything: the pod's own and the default tolerations are dropped.
    let (report, got) = run("rc-exists", "1.36", false);
    let m = report.merge.expect("merge");
    assert_eq!(m.tolerations.result, json!([{"operator": "Exists"}]));
    assert_eq!(m.dropped.len(), 3);
    assert_eq!(
        m.dropped[0].toleration,
        json!({"key": "a", "operator": "Exists"})
    );
    assert!(
        m.dropped[0]
            .why
            .contains("the broader {\"operator\":\"Exists\"}"),
        "{}",
        m.dropped[0].why
    );
    assert_eq!(got["assignedTo"], json!("n1"));
    assert_eq!(
        got["scheduledEvent"],
        json!("Successfully assigned default/p to n1")
    );
    // Conflicts: the exact rejections, and nothing scheduled.
    for (case, want) in [
        ("rc-conflict", "pods \"p\" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[sandbox] = gvisor; pod.spec.nodeSelector[sandbox] = kata"),
        ("rc-overhead-mismatch", "pods \"p\" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead"),
    ] {
        for v in ALL {
            let (report, got) = run(case, v, false);
            assert_eq!(report.admission_error.as_deref(), Some(want), "{case} {v}");
            assert_eq!(report.merge.as_ref().and_then(|m| m.error.as_deref()), Some(want), "{case} {v}");
            assert!(got.get("nodes").is_none(), "{case}: nothing is scheduled");
        }
    }
}

#[test]
fn filters_matrix_and_bypass() {
    // NodeName: the pod is never scheduled; the matrix still shows the NodeName filter.
    let (report, got) = run("nodename", "1.36", false);
    let s = report.scheduling.expect("scheduling");
    assert!(s
        .bypassed
        .as_deref()
        .unwrap()
        .starts_with("spec.nodeName is n2"));
    assert_eq!(got["message"], Value::Null);
    assert_eq!(got["nodes"][0]["plugin"], json!("NodeName"));
    assert_eq!(
        got["nodes"][0]["reasons"],
        json!(["node(s) didn't match the requested node name"])
    );
    assert_eq!(got["nodes"][1]["feasible"], json!(true));
    // A rejected node: later filters are not reached; skipped ones say why.
    let (_, got) = run("taint", "1.36", false);
    let filters: Vec<(String, String)> = got["nodes"][0]["filters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["plugin"].as_str().unwrap().to_string(),
                f["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("NodeUnschedulable", "passed"),
        ("NodeName", "skipped"),
        ("TaintToleration", "rejected"),
        ("NodeAffinity", "skipped"),
        ("NodePorts", "skipped"),
        ("NodeResourcesFit", "notReached"),
        ("PodTopologySpread", "skipped"),
        ("InterPodAffinity", "skipped"),
        ("NodeDeclaredFeatures", "skipped"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(filters, want);
    // Before 1.36 the NodeDeclaredFeatures gate is off: the profile has no such filter.
    let (_, got) = run("taint", "1.35", false);
    let last = got["nodes"][0]["filters"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["plugin"], json!("InterPodAffinity"));
    let (_, got) = run("declared-features", "1.36", false);
    assert_eq!(got["notes"], json!(["the pod needs node feature(s) RestartAllContainersOnContainerExits: a kubelet lists the features it supports in its Node's status.declaredFeatures (a default 1.36 kubelet: ExtendWebSocketsToKubelet, InPlacePodLevelResourcesVerticalScaling, InPlacePodVerticalScalingInitContainers, RestartAllContainersOnContainerExits); a Node written by hand lists none, so NodeDeclaredFeatures rejects it"]));
    let (_, got) = run("declared-features", "1.35", false);
    assert_eq!(got["message"], Value::Null);
    // The example cluster's nodes declare what a default 1.36 kubelet declares.
    let (_, got) = run("restart-all-example", "1.36", true);
    assert_eq!(got["feasibleNodes"], json!(["worker-1", "worker-2"]));
    // Gt on a node label; one feasible node is bound without scoring.
    let (_, got) = run("affinity-gt", "1.36", false);
    assert_eq!(got["assignedTo"], json!("big"));
    assert_eq!(
        got["nodes"][0]["reasons"],
        json!(["node(s) didn't match Pod's node affinity/selector"])
    );
    assert_eq!(got["nodes"][1]["total"], Value::Null);
}

#[test]
fn preemption_victims_and_ties() {
    let (_, got) = run("preempt-cpu", "1.36", false);
    assert_eq!(got["nominatedNode"], json!("n1"));
    // Removing both low pods fits; putting `low2` (1 CPU) back still fits, `low` (2 CPUs) does not.
    assert_eq!(got["preemptionVictims"], json!(["default/low"]));
    let (_, got) = run("anti-affinity", "1.36", false);
    assert_eq!(got["nominatedNode"], json!("a"));
    assert_eq!(got["preemptionVictims"], json!(["default/guard"]));
    assert_eq!(
        got["nodes"][1]["preemption"],
        json!("No preemption victims found for incoming pod")
    );
    // Required pod affinity: only the zone with a db pod.
    let (_, got) = run("pod-affinity", "1.36", false);
    assert_eq!(got["assignedTo"], json!("a"));
    assert_eq!(
        got["nodes"][1]["reasons"],
        json!(["node(s) didn't match pod affinity rules"])
    );
    assert_eq!(
        got["nodes"][1]["code"],
        json!("UnschedulableAndUnresolvable")
    );
    let (_, got) = run("ports-victim", "1.36", false);
    assert_eq!(got["nominatedNode"], Value::Null);
    assert_eq!(
        got["nominatedAmong"],
        json!([
            {"node": "n1", "victims": ["default/web1"]},
            {"node": "n2", "victims": ["default/web2"]}
        ])
    );
}

#[test]
fn scores_per_version() {
    // 1.35: BalancedAllocation = (1 - std) × 100; 1.36: 50 + (50 + with - without) / 2.
    // n1: 4 CPU/8Gi with another pod (1 CPU, 4Gi); n2: 8 CPU/8Gi empty; the pod asks 1 CPU, 1Gi.
    // TaintToleration 100×3 each; LeastAllocated n1 (50+37)/2=43, n2 (87+87)/2=87.
    for (v, n1, n2, ba1, ba2) in [("1.35", 436, 487, 93, 100), ("1.36", 421, 462, 78, 75)] {
        let (_, got) = run("balanced", v, false);
        let node = |i: usize| &got["nodes"][i];
        assert_eq!(node(0)["total"], json!(n1), "{v}");
        assert_eq!(node(1)["total"], json!(n2), "{v}");
        let ba = |i: usize| {
            node(i)["scores"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["plugin"] == "NodeResourcesBalancedAllocation")
                .unwrap()["score"]
                .clone()
        };
        assert_eq!((ba(0), ba(1)), (json!(ba1), json!(ba2)), "{v}");
        assert_eq!(got["assignedTo"], json!("n2"));
    }
    // Preferred pod affinity (+80 for zone za, where the cache runs) and anti-affinity (−20 on
    // node a, where another web pod runs): a 60, b 80, c 0 → min–max 75, 100, 0, × 2.
    let (_, got) = run("preferred-pod-affinity", "1.36", false);
    let totals: Vec<Value> = (0..3).map(|i| got["nodes"][i]["total"].clone()).collect();
    assert_eq!(totals, vec![json!(542), json!(597), json!(397)]);
    assert_eq!(got["assignedTo"], json!("b"));
    // ScheduleAnyway spread by zone: za holds 2 web pods, zb none; 2 domains → weight ln 4.
    // a, b: round(2 × 1.386) = 3, c: 0 → normalized 100 × (3 + 0 − s) / 3 = 0, 0, 100, × 2.
    let (_, got) = run("soft-spread", "1.36", false);
    let totals: Vec<Value> = (0..3).map(|i| got["nodes"][i]["total"].clone()).collect();
    assert_eq!(totals, vec![json!(392), json!(397), json!(597)]);
    assert_eq!(got["assignedTo"], json!("c"));
    // Identical nodes tie: no fixed winner.
    for (v, total) in [("1.33", 474), ("1.35", 474), ("1.36", 452)] {
        let (_, got) = run("tie", v, false);
        assert_eq!(got["assignedAmong"], json!(["n1", "n2"]), "{v}");
        assert_eq!(got["nodes"][0]["total"], json!(total), "{v}");
        assert_eq!(got["scheduledEvent"], Value::Null);
    }
}

/// The page gets the report as JSON from a Web Worker and reads it back into the same types:
/// every part (merge columns, dropped tolerations, matrix, scores, preemption) survives.
#[test]
fn report_round_trips_through_json() {
    for (name, example) in [
        ("rc-merge", true),
        ("rc-conflict", false),
        ("tie", false),
        ("preempt-cpu", false),
        ("nodename", false),
        ("seed-kubia-gpu", true),
    ] {
        let (report, json) = run(name, "1.36", example);
        let text = serde_json::to_string(&report).unwrap();
        let back: ScheduleReport = serde_json::from_str(&text).unwrap();
        assert_eq!(back.flat_json(), json, "{name}");
    }
    // The row the RuntimeClass plugin rejected names its field (the panel highlights it).
    let (_, json) = run("rc-conflict", "1.36", false);
    assert_eq!(
        json["merge"]["nodeSelector"]["conflict"],
        json!("spec.nodeSelector[sandbox]")
    );
    assert_eq!(json["merge"]["tolerations"]["conflict"], Value::Null);
    assert_eq!(json["nodeLabels"], json!([{"name": "n1", "labels": {}}]));
}

/// The page's path: `report::build` runs the view, on the example cluster when the paste has
/// no Node (and says so); with Nodes in the paste, on those.
#[test]
fn report_build_carries_the_view() {
    let path = format!(
        "{}/tests/scheduling/rc-merge.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let options = Options::new(Version::parse("1.36").unwrap());
    let report = podplay_core::report::build(&text, &options);
    let view = report.views.scheduling.as_ref().expect("scheduling view");
    assert_eq!(
        serde_json::to_value(view.node_source).unwrap(),
        json!("exampleCluster")
    );
    assert_eq!(
        serde_json::to_value(view).unwrap(),
        serde_json::to_value(analyze(&text, &options, true)).unwrap()
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        json["views"]["scheduling"]["nodeSource"],
        json!("exampleCluster")
    );
}

/// The label-selector tester: which example-cluster nodes (and whether the pod) a `-l`
/// expression matches, from the labels the report carries.
#[test]
fn selector_tester_matches_nodes_and_pod() {
    let (report, _) = run("rc-merge", "1.36", true);
    let version = Version::parse("1.36").unwrap();
    let rows: [(&str, &[&str], bool); 4] = [
        ("disktype=ssd", &["worker-1"], false),
        (
            "!gpu",
            &["control-plane", "worker-1", "worker-2", "sandbox-1"],
            true,
        ),
        ("runtime in (gvisor,kata)", &["sandbox-1"], false),
        (
            "",
            &[
                "control-plane",
                "gpu-1",
                "worker-1",
                "worker-2",
                "sandbox-1",
            ],
            true,
        ),
    ];
    for (expr, nodes, pod) in rows {
        let sel = podplay_core::labels::parse(expr, &version).unwrap();
        let (got, got_pod) = report.selector_matches(&sel);
        assert_eq!(
            (got, got_pod),
            (nodes.iter().map(|s| s.to_string()).collect::<Vec<_>>(), pod),
            "{expr}"
        );
    }
}
