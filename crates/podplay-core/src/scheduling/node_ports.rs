//! NodePorts (pkg/scheduler/framework/plugins/nodeports): a host port (IP, protocol, port)
//! can be held by one pod per node. Unschedulable (not Unresolvable): preempting the holder helps.

use super::node_info::NodeInfo;
use super::{Code, PodFacts, Status};

pub const NAME: &str = "NodePorts";
pub const REASON: &str = "node(s) didn't have free ports for the requested pod ports";

/// PreFilter: nothing to do for a pod without host ports.
pub fn skip(pod: &PodFacts) -> Option<&'static str> {
    pod.host_ports
        .is_empty()
        .then_some("the pod asks for no host ports (PreFilter returns Skip)")
}

pub fn filter(pod: &PodFacts, node: &NodeInfo) -> Option<Status> {
    let want = pod
        .host_ports
        .iter()
        .find(|want| node.used_ports().any(|used| want.conflicts(used)))?;
    let holder = node
        .pods
        .iter()
        .find(|p| p.ports.iter().any(|used| want.conflicts(used)))
        .map_or("", |p| p.key.as_str());
    Some(
        Status::new(Code::Unschedulable, REASON).with_detail(format!(
            "host port {}/{} on {} is held by {holder}",
            want.port, want.protocol, want.ip
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::versions::Version;
    use serde_json::{json, Value};

    fn pod_with(ports: Value) -> Value {
        json!({"metadata": {"name": "x"}, "spec": {"containers": [{"name": "a", "ports": ports}]}})
    }

    #[test]
    fn conflicts_by_ip_protocol_and_port() {
        let v = Version::new(1, 36);
        let rows = [
            // (running pod's port, new pod's port, conflict)
            (
                json!({"containerPort": 80, "hostPort": 80}),
                json!({"containerPort": 80, "hostPort": 80}),
                true,
            ),
            (
                json!({"containerPort": 80, "hostPort": 80, "protocol": "UDP"}),
                json!({"containerPort": 80, "hostPort": 80}),
                false,
            ),
            (
                json!({"containerPort": 80, "hostPort": 80, "hostIP": "10.0.0.1"}),
                json!({"containerPort": 80, "hostPort": 80, "hostIP": "10.0.0.2"}),
                false,
            ),
            (
                json!({"containerPort": 80, "hostPort": 80, "hostIP": "10.0.0.1"}),
                json!({"containerPort": 80, "hostPort": 80}),
                true,
            ),
            (
                json!({"containerPort": 80, "hostPort": 81}),
                json!({"containerPort": 80, "hostPort": 80}),
                false,
            ),
            // `::` is not rewritten to 0.0.0.0 (HostPortInfo.sanitize only fills an empty IP),
            // so it conflicts only with 0.0.0.0 and with itself.
            (
                json!({"containerPort": 80, "hostPort": 80, "hostIP": "::"}),
                json!({"containerPort": 80, "hostPort": 80, "hostIP": "10.0.0.1"}),
                false,
            ),
            (
                json!({"containerPort": 80, "hostPort": 80, "hostIP": "10.0.0.1"}),
                json!({"containerPort": 80, "hostPort": 80, "hostIP": "::"}),
                false,
            ),
            (
                json!({"containerPort": 80, "hostPort": 80, "hostIP": "::"}),
                json!({"containerPort": 80, "hostPort": 80}),
                true,
            ),
            // containerPort alone holds no host port.
            (
                json!({"containerPort": 80}),
                json!({"containerPort": 80, "hostPort": 80}),
                false,
            ),
        ];
        for (running, wanted, conflict) in rows {
            let holder = pod_with(json!([running]));
            let node = NodeInfo::new(&json!({"metadata": {"name": "n"}}), &[&holder]);
            let pod = PodFacts::new(&pod_with(json!([wanted])), v);
            assert_eq!(
                filter(&pod, &node).is_some(),
                conflict,
                "{running} vs {wanted}"
            );
        }
        let no_ports = PodFacts::new(&pod_with(json!([{"containerPort": 80}])), v);
        assert!(skip(&no_ports).is_some());
    }
}
