//! NodeDeclaredFeatures (pkg/scheduler/framework/plugins/nodedeclaredfeatures, default
//! profile once the NodeDeclaredFeatures gate is on: beta and on in 1.36, off in 1.35, absent
//! before; `applyFeatureGates` in pkg/scheduler/apis/config/v1/default_plugins.go appends it
//! after the other filters). A pod that needs a node feature (as
//! k8s.io/component-helpers/nodedeclaredfeatures `InferForPodScheduling` infers it) fits only
//! nodes that list that feature in `status.declaredFeatures`; a pod that needs none is skipped
//! by PreFilter.

use super::node_info::NodeInfo;
use super::{Code, PodFacts, Status};
use crate::pod_json::Pointer;
use crate::versions::Version;
use serde_json::Value;

pub const NAME: &str = "NodeDeclaredFeatures";
pub const REASON: &str = "node(s) didn't match Pod's required features";
pub const SKIP: &str = "the pod needs no declared node feature (PreFilter returns Skip)";

/// The features the pod needs, in the 1.36 registry's order (nodedeclaredfeatures/features
/// `AllFeatures`; the in-place resize and websocket features only matter to updates).
pub fn required(pod: &Value) -> Vec<&'static str> {
    let mut out = Vec::new();
    // restartallcontainers: a RestartAllContainers rule on a regular or init container.
    let restart_all = ["/spec/containers", "/spec/initContainers"]
        .iter()
        .filter_map(|p| pod.at(p).and_then(Value::as_array))
        .flatten()
        .filter_map(|c| c.get("restartPolicyRules").and_then(Value::as_array))
        .flatten()
        .any(|r| r.get("action").and_then(Value::as_str) == Some("RestartAllContainers"));
    if restart_all {
        out.push("RestartAllContainersOnContainerExits");
    }
    // usernamespaceshostnetwork: hostNetwork together with `hostUsers: false`.
    let host_network = pod.at("/spec/hostNetwork").and_then(Value::as_bool) == Some(true);
    let user_ns = pod.at("/spec/hostUsers").and_then(Value::as_bool) == Some(false);
    if host_network && user_ns {
        out.push("UserNamespacesHostNetworkSupport");
    }
    out
}

/// The features a default kubelet of `version` publishes in its Node's
/// `status.declaredFeatures` (kubelet.go `discoverNodeDeclaredFeatures`: each registered
/// feature whose `Discover` holds, i.e. whose feature gate is on; the host-network user
/// namespace feature also needs runtime support), sorted. None before the gate.
pub fn kubelet_declared(version: Version) -> Vec<&'static str> {
    if !version.gate("NodeDeclaredFeatures") {
        return Vec::new();
    }
    // (declared feature, the kubelet feature gate that enables it)
    const DISCOVERED: &[(&str, &str)] = &[
        ("ExtendWebSocketsToKubelet", "ExtendWebSocketsToKubelet"),
        (
            "InPlacePodLevelResourcesVerticalScaling",
            "InPlacePodLevelResourcesVerticalScaling",
        ),
        (
            "InPlacePodVerticalScalingInitContainers",
            "InPlacePodVerticalScalingInitContainers",
        ),
        (
            "RestartAllContainersOnContainerExits",
            "RestartAllContainersOnContainerExits",
        ),
        (
            "UserNamespacesHostNetworkSupport",
            "UserNamespacesHostNetworkSupport",
        ),
    ];
    DISCOVERED
        .iter()
        .filter(|(_, gate)| version.gate(gate))
        .map(|(feature, _)| *feature)
        .collect()
}

/// Filter: every required feature must be declared by the node.
pub fn filter(pod: &PodFacts, node: &NodeInfo) -> Option<Status> {
    let missing: Vec<&str> = pod
        .required_features
        .iter()
        .copied()
        .filter(|f| !node.declared_features.iter().any(|d| d == f))
        .collect();
    (!missing.is_empty()).then(|| {
        Status::new(Code::UnschedulableAndUnresolvable, REASON).with_detail(format!(
            "the pod needs {} but the node's status.declaredFeatures does not list it",
            missing.join(", ")
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_default_kubelet_declares_per_version() {
        let v = |m| Version::new(1, m);
        assert!(kubelet_declared(v(35)).is_empty());
        assert_eq!(
            kubelet_declared(v(36)),
            [
                "ExtendWebSocketsToKubelet",
                "InPlacePodLevelResourcesVerticalScaling",
                "InPlacePodVerticalScalingInitContainers",
                "RestartAllContainersOnContainerExits"
            ]
        );
    }

    #[test]
    fn required_features_rows() {
        let rows = [
            (json!({"spec": {"containers": [{"name": "c"}]}}), vec![]),
            (
                json!({"spec": {"containers": [{"name": "c", "restartPolicy": "Never",
                    "restartPolicyRules": [{"action": "RestartAllContainers", "exitCodes": {"operator": "In", "values": [1]}}]}]}}),
                vec!["RestartAllContainersOnContainerExits"],
            ),
            (
                json!({"spec": {"initContainers": [{"name": "i", "restartPolicy": "Never",
                    "restartPolicyRules": [{"action": "RestartAllContainers"}]}], "containers": [{"name": "c"}]}}),
                vec!["RestartAllContainersOnContainerExits"],
            ),
            (
                json!({"spec": {"containers": [{"name": "c", "restartPolicy": "Never",
                    "restartPolicyRules": [{"action": "Restart"}]}]}}),
                vec![],
            ),
            (
                json!({"spec": {"hostNetwork": true, "hostUsers": false, "containers": [{"name": "c"}]}}),
                vec!["UserNamespacesHostNetworkSupport"],
            ),
            (
                json!({"spec": {"hostNetwork": true, "containers": [{"name": "c"}]}}),
                vec![],
            ),
        ];
        for (pod, want) in rows {
            assert_eq!(required(&pod), want, "{pod}");
        }
    }

    #[test]
    fn node_must_declare_every_required_feature() {
        let v = Version::new(1, 36);
        let pod = PodFacts::new(
            &json!({"spec": {"containers": [{"name": "c", "restartPolicy": "Never",
                "restartPolicyRules": [{"action": "RestartAllContainers"}]}]}}),
            v,
        );
        let rows = [
            (json!({"metadata": {"name": "n"}}), Some(REASON)),
            (
                json!({"metadata": {"name": "n"}, "status": {"declaredFeatures": ["UserNamespacesHostNetworkSupport"]}}),
                Some(REASON),
            ),
            (
                json!({"metadata": {"name": "n"}, "status": {"declaredFeatures": ["RestartAllContainersOnContainerExits"]}}),
                None,
            ),
        ];
        for (node, want) in rows {
            let info = NodeInfo::new(&node, &[]);
            let got = filter(&pod, &info).map(|s| s.reasons[0].clone());
            assert_eq!(got.as_deref(), want, "{node}");
        }
    }
}
