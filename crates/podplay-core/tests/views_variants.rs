//! HAND-DERIVED expectations (not computed by Kubernetes): every row below was worked out
//! by reading the Kubernetes source named with it. Rows computed by Kubernetes live in the
//! `conformance_*.rs` tests.
//!
//! Audit variants of the scheduling and environment views: neighbours of the public
//! conformance cases (tests/conformance/k8s-1.36/{schedule,env}), each with its exact expected
//! output and the Kubernetes source that decides it. Run through the same entry points as the
//! `podplay schedule` / `podplay env` commands.

use podplay_core::report::Options;
use podplay_core::scheduling::paste::analyze;
use podplay_core::versions::Version;
use serde_json::Value;

/// The flat `podplay schedule` JSON of a paste.
fn schedule(text: &str, version: &str) -> Value {
    let options = Options::new(Version::parse(version).unwrap());
    analyze(text, &options, false).flat_json()
}

/// `name=value` of one container's environment (sorted by name), or its error.
fn env(text: &str, version: &str, container: &str) -> Result<Vec<String>, String> {
    let options = Options::new(Version::parse(version).unwrap());
    let report = podplay_core::report::build(text, &options);
    let e = report.views.environment.expect("the pod is created");
    let c = e
        .containers
        .iter()
        .find(|c| c.name == container)
        .expect("container");
    if let Some(err) = &c.error {
        return Err(err.message.clone());
    }
    Ok(c.env
        .as_ref()
        .unwrap()
        .iter()
        .filter(|v| !v.name.starts_with("KUBERNETES_"))
        .map(|v| format!("{}={}", v.name, v.value))
        .collect())
}

const NODE_N1: &str = "---\napiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus:\n  allocatable: {cpu: \"2\", memory: 4Gi, pods: \"10\"}\n";

/// NodePorts: `HostPortInfo.sanitize` (k8s.io/kube-scheduler/framework/types.go) fills only an
/// empty hostIP with 0.0.0.0; `::` is a key of its own, so it does not clash with 10.0.0.1.
#[test]
fn host_ip_double_colon_is_not_bind_all() {
    let pod = |name: &str, node: &str, ip: &str| {
        format!("---\napiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, namespace: default}}\nspec:\n  {node}containers:\n  - name: c\n    image: nginx\n    ports: [{{containerPort: 80, hostPort: 80, hostIP: \"{ip}\"}}]\n")
    };
    for (held, wanted, feasible) in [
        ("::", "10.0.0.1", true),
        ("10.0.0.1", "::", true),
        ("::", "::", false),
        ("::", "0.0.0.0", false),
    ] {
        let text = format!(
            "{}{}{NODE_N1}",
            pod("p", "", wanted),
            pod("holder", "nodeName: n1\n  ", held)
        );
        let got = schedule(&text, "1.36");
        let want_feasible: Vec<&str> = if feasible { vec!["n1"] } else { vec![] };
        assert_eq!(
            got["feasibleNodes"],
            serde_json::json!(want_feasible),
            "{held} held, {wanted} wanted"
        );
    }
}

/// `$` before a non-ASCII character: third_party/forked/golang/expansion tryReadVariableName
/// decodes the rune in v1.35.2 and v1.36.2 (kubernetes PR #136325); v1.33.5 and v1.34.2 write
/// `string(input[0])`.
#[test]
fn dollar_before_a_multibyte_character() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: busybox\n    env:\n    - {name: A, value: x}\n    - {name: B, value: \"$(A)$é-$€\"}\n";
    for (version, b) in [
        ("1.36", "B=x$é-$€"),
        ("1.35", "B=x$é-$€"),
        ("1.34", "B=x$Ã\u{fffd}-$â\u{fffd}\u{fffd}"),
        ("1.33", "B=x$Ã\u{fffd}-$â\u{fffd}\u{fffd}"),
    ] {
        assert_eq!(
            env(text, version, "c"),
            Ok(vec!["A=x".to_string(), b.to_string()]),
            "{version}"
        );
    }
}

/// kubectl delete's success line: ` from NS namespace` since kubectl 1.34
/// (staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go PrintObj, kubernetes PR #126619).
#[test]
fn kubectl_delete_names_the_namespace_from_1_34() {
    use podplay_core::termination::grace::{DeleteFlags, KUBECTL_GRACE_UNSET};
    use podplay_core::termination::Scenario;
    let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n  containers: [{name: app, image: nginx}]\n";
    for (version, force, want) in [
        ("1.33", false, "pod \"web\" deleted"),
        ("1.33", true, "pod \"web\" force deleted"),
        ("1.34", false, "pod \"web\" deleted from shop namespace"),
        (
            "1.35",
            true,
            "pod \"web\" force deleted from shop namespace",
        ),
        ("1.36", false, "pod \"web\" deleted from shop namespace"),
    ] {
        let mut options = Options::new(Version::parse(version).unwrap());
        options.timeline.scenario = Scenario::Delete(DeleteFlags {
            grace_period: if force { 0 } else { KUBECTL_GRACE_UNSET },
            now: false,
            force,
        });
        let tl = podplay_core::report::build(text, &options)
            .views
            .termination
            .expect("created");
        assert_eq!(tl.kubectl.unwrap().stdout, want, "{version} force={force}");
    }
}

/// A liveness kill's Killing message: a container's comes from computePodActions
/// (kuberuntime_manager.go, ", will be restarted" when it restarts); a sidecar's from
/// computeInitContainerActions (kuberuntime_container.go): "Init container X failed liveness
/// probe", without the suffix.
#[test]
fn liveness_kill_message_of_a_sidecar_and_of_a_container() {
    use podplay_core::termination::Scenario;
    let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: live}\nspec:\n  restartPolicy: Never\n  initContainers:\n  - name: side\n    image: busybox\n    restartPolicy: Always\n    livenessProbe: {exec: {command: [\"true\"]}}\n  containers:\n  - name: app\n    image: nginx\n    livenessProbe: {httpGet: {path: /, port: 80}}\n  - name: other\n    image: nginx\n";
    for (container, want) in [
        ("side", "Init container side failed liveness probe"),
        // restartPolicy Never: no restart, no suffix.
        ("app", "Container app failed liveness probe"),
    ] {
        let mut options = Options::new(Version::new(1, 36));
        options.timeline.scenario = Scenario::Liveness {
            container: Some(container.to_string()),
        };
        let tl = podplay_core::report::build(text, &options)
            .views
            .termination
            .expect("created");
        let killing: Vec<&str> = tl
            .kube_events
            .iter()
            .filter(|e| e.reason == "Killing")
            .map(|e| e.message.as_str())
            .collect();
        assert_eq!(killing, vec![want], "{container}");
    }
}

/// ImageLocality (pkg/scheduler/framework/plugins/imagelocality sumImageScores) counts an
/// `image` volume's image from 1.36; v1.35.4 counts only the containers' images.
#[test]
fn image_volumes_count_for_image_locality_from_1_36() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: app, image: busybox}]\n  volumes:\n  - name: data\n    image: {reference: \"example.com/data:v1\", pullPolicy: IfNotPresent}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: a}\nstatus:\n  allocatable: {cpu: \"2\", memory: 4Gi, pods: \"10\"}\n  images: [{names: [\"example.com/data:v1\"], sizeBytes: 524288000}]\n---\napiVersion: v1\nkind: Node\nmetadata: {name: b}\nstatus:\n  allocatable: {cpu: \"2\", memory: 4Gi, pods: \"10\"}\n";
    // 1.36: 500Mi × 1/2 nodes = 250Mi → 100 × (250Mi − 23Mi) / (1000Mi − 23Mi) = 23 on top
    // of TaintToleration 300 and NodeResourcesFit 95 (BalancedAllocation skips a best-effort pod).
    for (version, a, b) in [("1.36", 418, 395), ("1.35", 395, 395)] {
        let got = schedule(text, version);
        let total = |node: &str| {
            got["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .find(|n| n["name"] == node)
                .unwrap()["total"]
                .clone()
        };
        assert_eq!((total("a"), total("b")), (a.into(), b.into()), "{version}");
    }
}

/// SelectVictimsOnNode (pkg/scheduler/framework/plugins/defaultpreemption) reprieves the
/// potential victims in `util.MoreImportantPod` order: priority first; for equal priorities
/// both pods' start times are `time.Now()` (no status.startTime), so Go's insertion sort puts
/// them in the reverse of the node's pod order (informer list: namespace, then name). The
/// first one tried that still lets the pod fit is spared.
#[test]
fn equal_priority_victims_are_reprieved_last_name_first() {
    let low = |name: &str, cpu: &str, class: &str| {
        format!("---\napiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, namespace: default}}\nspec:\n  nodeName: n1\n  {class}containers: [{{name: c, image: nginx, resources: {{requests: {{cpu: \"{cpu}\"}}}}}}]\n")
    };
    let head = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priorityClassName: high\n  containers: [{name: app, image: nginx, resources: {requests: {cpu: \"1\"}}}]\n---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\n---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: mid}\nvalue: 10\n";
    let rows = [
        // Two equal pods, room for one more: low-2 is tried first and spared.
        (
            vec![low("low-1", "1", ""), low("low-2", "1", "")],
            vec!["default/low-1"],
        ),
        // The order in the file does not matter.
        (
            vec![low("low-2", "1", ""), low("low-1", "1", "")],
            vec!["default/low-1"],
        ),
        // A higher priority pod is tried first: mid-1 is spared, then low-2 fails.
        (
            vec![
                low("low-1", "1", ""),
                low("low-2", "1", ""),
                low("mid-1", "500m", "priorityClassName: mid\n  "),
            ],
            vec!["default/low-2", "default/low-1"],
        ),
    ];
    for (pods, victims) in rows {
        let text = format!("{head}{NODE_N1}{}", pods.concat());
        let got = schedule(&text, "1.36");
        assert_eq!(got["nominatedNode"], "n1", "{text}");
        assert_eq!(
            got["preemptionVictims"],
            serde_json::json!(victims),
            "{text}"
        );
    }
}

/// NodePorts: a sidecar's host port is held (and asked for) from 1.34 on
/// (`schedutil.GetHostPorts` reads restartable init containers); v1.33's NodePorts and
/// `NodeInfo.updateUsedPorts` read `spec.containers` only.
#[test]
fn sidecar_host_ports_count_from_1_34() {
    let text = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers: [{{name: app, image: nginx, ports: [{{containerPort: 80, hostPort: 8080}}]}}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {{name: holder, namespace: default}}\nspec:\n  nodeName: n1\n  initContainers: [{{name: proxy, image: envoy, restartPolicy: Always, ports: [{{containerPort: 80, hostPort: 8080}}]}}]\n  containers: [{{name: app, image: nginx}}]\n{NODE_N1}"
    );
    for (version, feasible) in [("1.33", true), ("1.34", false), ("1.36", false)] {
        let got = schedule(&text, version);
        let want: Vec<&str> = if feasible { vec!["n1"] } else { vec![] };
        assert_eq!(got["feasibleNodes"], serde_json::json!(want), "{version}");
    }
}
