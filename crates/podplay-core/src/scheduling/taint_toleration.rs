//! TaintToleration (pkg/scheduler/framework/plugins/tainttoleration): Filter rejects a node
//! with a NoSchedule/NoExecute taint the pod does not tolerate (the first one, in node order);
//! Score counts PreferNoSchedule taints the pod does not tolerate (fewer is better).

use super::node_info::NodeInfo;
use super::{Code, PodFacts, Status};
use crate::tolerations::{tolerates_taint, Taint, Toleration};
use crate::versions::Version;

pub const NAME: &str = "TaintToleration";
pub const WEIGHT: i64 = 3;

/// `FindMatchingUntoleratedTaint` with `DoNotScheduleTaintsFilterFunc`.
pub fn first_untolerated<'a>(
    taints: &'a [Taint],
    tolerations: &[Toleration],
    version: Version,
) -> Option<&'a Taint> {
    let gate = version.gate("TaintTolerationComparisonOperators");
    taints
        .iter()
        .filter(|t| t.effect == "NoSchedule" || t.effect == "NoExecute")
        .find(|taint| !tolerations.iter().any(|t| tolerates_taint(t, taint, gate)))
}

/// The Filter reason: since 1.34 (v1.34.2) the taint is not named (its key or value may be sensitive);
/// before, `node(s) had untolerated taint {key: value}` (versions row `scheduler.taint`).
pub fn reason(taint: &Taint, version: Version) -> String {
    version
        .wording("scheduler.taint")
        .replace("%KEY%", &taint.key)
        .replace("%VALUE%", &taint.value)
}

pub fn filter(pod: &PodFacts, node: &NodeInfo, version: Version) -> Option<Status> {
    let taint = first_untolerated(&node.taints, &pod.tolerations, version)?;
    let shown = if taint.value.is_empty() {
        format!("{}:{}", taint.key, taint.effect)
    } else {
        format!("{}={}:{}", taint.key, taint.value, taint.effect)
    };
    Some(
        Status::new(Code::UnschedulableAndUnresolvable, reason(taint, version)).with_detail(
            format!("no toleration of the pod tolerates the taint {shown}"),
        ),
    )
}

/// Score: PreferNoSchedule taints not tolerated by the pod's tolerations whose effect is
/// empty or PreferNoSchedule (`getAllTolerationPreferNoSchedule`).
pub fn score(pod: &PodFacts, node: &NodeInfo, version: Version) -> i64 {
    let gate = version.gate("TaintTolerationComparisonOperators");
    let prefer: Vec<&Toleration> = pod
        .tolerations
        .iter()
        .filter(|t| t.effect.is_empty() || t.effect == "PreferNoSchedule")
        .collect();
    node.taints
        .iter()
        .filter(|t| t.effect == "PreferNoSchedule")
        .filter(|taint| !prefer.iter().any(|t| tolerates_taint(t, taint, gate)))
        .count() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taint(key: &str, value: &str, effect: &str) -> Taint {
        Taint {
            key: key.into(),
            value: value.into(),
            effect: effect.into(),
        }
    }

    #[test]
    fn reason_per_version() {
        let t = taint("node-role.kubernetes.io/control-plane", "", "NoSchedule");
        assert_eq!(
            reason(&t, Version::new(1, 33)),
            "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"
        );
        assert_eq!(
            reason(&t, Version::new(1, 34)),
            "node(s) had untolerated taint(s)"
        );
        assert_eq!(
            reason(&t, Version::new(1, 35)),
            "node(s) had untolerated taint(s)"
        );
        assert_eq!(
            reason(&t, Version::new(1, 36)),
            "node(s) had untolerated taint(s)"
        );
    }

    #[test]
    fn prefer_no_schedule_never_filters() {
        let taints = [
            taint("spot", "true", "PreferNoSchedule"),
            taint("a", "b", "NoExecute"),
        ];
        let found = first_untolerated(&taints, &[], Version::new(1, 36));
        assert_eq!(found.map(|t| t.key.as_str()), Some("a"));
    }
}
