//! NodeName (pkg/scheduler/framework/plugins/nodename): a pod naming `spec.nodeName` fits only
//! that node. (The scheduler never queues such a pod: it is already bound.)

use super::node_info::NodeInfo;
use super::{Code, PodFacts, Status};

pub const NAME: &str = "NodeName";
pub const REASON: &str = "node(s) didn't match the requested node name";

pub fn filter(pod: &PodFacts, node: &NodeInfo) -> Option<Status> {
    (!pod.node_name.is_empty() && pod.node_name != node.name)
        .then(|| Status::new(Code::UnschedulableAndUnresolvable, REASON))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::versions::Version;
    use serde_json::json;

    #[test]
    fn only_the_named_node() {
        let pod = PodFacts::new(
            &json!({"spec": {"nodeName": "b", "containers": []}}),
            Version::new(1, 36),
        );
        let node = |n: &str| NodeInfo::new(&json!({"metadata": {"name": n}}), &[]);
        assert_eq!(
            filter(&pod, &node("a")).map(|s| s.code),
            Some(Code::UnschedulableAndUnresolvable)
        );
        assert_eq!(filter(&pod, &node("b")), None);
    }
}
