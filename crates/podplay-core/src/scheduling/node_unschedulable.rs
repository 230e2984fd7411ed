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
