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
    let conflict = pod
        .host_ports
        .iter()
        .any(|want| node.used_ports().any(|used| want.conflicts(used)));
    conflict.then(|| Status::new(Code::Unschedulable, REASON))
}
