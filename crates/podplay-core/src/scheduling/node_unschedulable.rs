//! NodeUnschedulable (pkg/scheduler/framework/plugins/nodeunschedulable): a cordoned node
//! (`spec.unschedulable`) takes only pods that tolerate `node.kubernetes.io/unschedulable:NoSchedule`.

use super::node_info::NodeInfo;
use super::{Code, PodFacts, Status};
use crate::tolerations::{tolerates_taint, Taint};
use crate::versions::Version;

pub const NAME: &str = "NodeUnschedulable";
pub const REASON: &str = "node(s) were unschedulable";
const TAINT_KEY: &str = "node.kubernetes.io/unschedulable";

pub fn filter(pod: &PodFacts, node: &NodeInfo, version: Version) -> Option<Status> {
    if !node.unschedulable {
        return None;
    }
    let taint = Taint {
        key: TAINT_KEY.to_string(),
        value: String::new(),
        effect: "NoSchedule".to_string(),
    };
    let gate = version.gate("TaintTolerationComparisonOperators");
    let tolerated = pod
        .tolerations
        .iter()
        .any(|t| tolerates_taint(t, &taint, gate));
    (!tolerated).then(|| Status::new(Code::UnschedulableAndUnresolvable, REASON))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cordoned_node_needs_the_unschedulable_toleration() {
        let v = Version::new(1, 36);
        let node = NodeInfo::new(
            &json!({"metadata": {"name": "n"}, "spec": {"unschedulable": true}}),
            &[],
        );
        let rows = [
            (json!([]), Some(REASON)),
            (
                json!([{"key": "node.kubernetes.io/unschedulable", "operator": "Exists", "effect": "NoSchedule"}]),
                None,
            ),
            (json!([{"operator": "Exists"}]), None),
            // NoExecute does not tolerate a NoSchedule taint.
            (
                json!([{"key": "node.kubernetes.io/unschedulable", "operator": "Exists", "effect": "NoExecute"}]),
                Some(REASON),
            ),
        ];
        for (tolerations, want) in rows {
            let pod = PodFacts::new(
                &json!({"spec": {"containers": [], "tolerations": tolerations}}),
                v,
            );
            let got = filter(&pod, &node, v).map(|s| s.reasons[0].clone());
            assert_eq!(got.as_deref(), want, "{tolerations}");
        }
        let ready = NodeInfo::new(&json!({"metadata": {"name": "n"}}), &[]);
        let pod = PodFacts::new(&json!({"spec": {"containers": []}}), v);
        assert_eq!(filter(&pod, &ready, v), None);
    }
}
