//! PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread). Filter
//! (filtering.go): for each `whenUnsatisfiable: DoNotSchedule` constraint, placing the pod in
//! the node's domain must keep `matching pods in the domain + self − global minimum ≤ maxSkew`.
//! Score (scoring.go): `ScheduleAnyway` constraints prefer domains with fewer matching pods.

use super::node_info::NodeInfo;
use super::{Code, PodFacts, Status};
use crate::labels::{self, Operator, Requirement, Selector};
use crate::pod_json::Pointer;
use crate::versions::Version;
use serde_json::{Map, Value};

pub const NAME: &str = "PodTopologySpread";
pub const SCORE_WEIGHT: i64 = 2;
pub const REASON: &str = "node(s) didn't match pod topology spread constraints";
pub const REASON_MISSING_LABEL: &str =
    "node(s) didn't match pod topology spread constraints (missing required label)";

/// One hard constraint.
#[derive(Debug, Clone)]
pub struct Constraint {
    pub max_skew: i64,
    pub topology_key: String,
    pub min_domains: i64,
    /// None: a nil selector (matches no pod).
    pub selector: Option<Selector>,
    /// `nodeAffinityPolicy: Honor` (the default): only nodes matching the pod's
    /// nodeSelector/required affinity count.
    pub honor_node_affinity: bool,
    /// `nodeTaintsPolicy: Honor` (default Ignore): only nodes whose taints the pod tolerates count.
    pub honor_taints: bool,
}

/// The pod's constraints with `whenUnsatisfiable: <action>` (DoNotSchedule filters,
/// ScheduleAnyway scores); `matchLabelKeys` become `key in (pod's value)` requirements (the
/// API server merges them from 1.34, the scheduler before).
pub fn constraints(pod: &Value, action: &str, version: Version) -> Vec<Constraint> {
    let labels = pod
        .at("/metadata/labels")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut out = Vec::new();
    for c in pod
        .at("/spec/topologySpreadConstraints")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if c.get("whenUnsatisfiable").and_then(Value::as_str) != Some(action) {
            continue;
        }
        let mut selector =
            labels::from_label_selector(c.get("labelSelector").unwrap_or(&Value::Null), &version)
                .ok()
                .flatten();
        if let Some(sel) = selector.as_mut() {
            for key in c
                .get("matchLabelKeys")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if let Some(v) = labels.get(key).and_then(Value::as_str) {
                    if let Ok(r) =
                        Requirement::new(key, Operator::In, vec![v.to_string()], None, &version)
                    {
                        sel.requirements.push(r);
                    }
                }
            }
        }
        out.push(Constraint {
            max_skew: c.get("maxSkew").and_then(Value::as_i64).unwrap_or(1),
            topology_key: c
                .get("topologyKey")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            min_domains: c.get("minDomains").and_then(Value::as_i64).unwrap_or(1),
            selector,
            honor_node_affinity: c.get("nodeAffinityPolicy").and_then(Value::as_str)
                != Some("Ignore"),
            honor_taints: c.get("nodeTaintsPolicy").and_then(Value::as_str) == Some("Honor"),
        });
    }
    out
}

/// Matching pods per domain, per constraint (`TpValueToMatchNum`).
#[derive(Debug, Clone, Default)]
pub struct State {
    counts: Vec<Vec<(String, i64)>>,
}

fn matches(sel: &Option<Selector>, labels: &Map<String, Value>) -> bool {
    sel.as_ref().is_some_and(|s| s.matches(labels))
}

/// PreFilter: count the pods the selectors match (in the pod's namespace) on every eligible
/// node: one that has every constraint's topology key and passes the inclusion policies.
pub fn pre_filter(pod: &PodFacts, nodes: &[NodeInfo], version: Version) -> State {
    let mut counts = vec![Vec::<(String, i64)>::new(); pod.spread.len()];
    for node in nodes {
        if !pod
            .spread
            .iter()
            .all(|c| node.labels.contains_key(&c.topology_key))
        {
            continue;
        }
        for (i, c) in pod.spread.iter().enumerate() {
            if c.honor_node_affinity && !pod.required.matches(node) {
                continue;
            }
            if c.honor_taints
                && super::taint_toleration::first_untolerated(
                    &node.taints,
                    &pod.tolerations,
                    version,
                )
                .is_some()
            {
                continue;
            }
            let value = node
                .labels
                .get(&c.topology_key)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let n = count_matching(pod, c, node);
            match counts[i].iter_mut().find(|(v, _)| *v == value) {
                Some((_, have)) => *have += n,
                None => counts[i].push((value, n)),
            }
        }
    }
    State { counts }
}

pub fn filter(pod: &PodFacts, node: &NodeInfo, state: &State) -> Option<Status> {
    for (i, c) in pod.spread.iter().enumerate() {
        let Some(value) = node.labels.get(&c.topology_key).and_then(Value::as_str) else {
            return Some(Status::new(
                Code::UnschedulableAndUnresolvable,
                REASON_MISSING_LABEL,
            ));
        };
        let domains = &state.counts[i];
        // With fewer eligible domains than minDomains the global minimum is 0.
        let min = if (domains.len() as i64) < c.min_domains {
            0
        } else {
            domains.iter().map(|(_, n)| *n).min().unwrap_or(0)
        };
        let here = domains
            .iter()
            .find(|(v, _)| v == value)
            .map_or(0, |(_, n)| *n);
        let self_match = i64::from(matches(&c.selector, &pod.labels));
        if here + self_match - min > c.max_skew {
            return Some(Status::new(Code::Unschedulable, REASON));
        }
    }
    None
}

const HOSTNAME: &str = "kubernetes.io/hostname";

/// What PreScore computed for the ScheduleAnyway constraints.
#[derive(Debug, Clone, Default)]
pub struct ScoreState {
    /// Feasible nodes lacking a constraint's topology key: they score 0.
    ignored: Vec<String>,
    counts: Vec<Vec<(String, i64)>>,
    /// `log(domains + 2)` per constraint.
    weights: Vec<f64>,
}

fn has_all_keys(node: &NodeInfo, constraints: &[Constraint]) -> bool {
    constraints
        .iter()
        .all(|c| node.labels.contains_key(&c.topology_key))
}

fn included(pod: &PodFacts, c: &Constraint, node: &NodeInfo, version: Version) -> bool {
    let affinity_ok = !c.honor_node_affinity || pod.required.matches(node);
    let taints_ok = !c.honor_taints
        || super::taint_toleration::first_untolerated(&node.taints, &pod.tolerations, version)
            .is_none();
    affinity_ok && taints_ok
}

/// `countPodsMatchSelector` (podtopologyspread/common.go): the running pods of the pod's
/// namespace the selector matches, leaving out pods being deleted (`deletionTimestamp` set);
/// an empty selector (`labelSelector: {}`) counts none, although it matches the incoming pod
/// itself. A preemption dry run's RemovePod (filtering.go `updateWithPod`) then subtracts each
/// removed pod of the namespace the selector matches without those two exceptions, so a
/// removed pod being deleted, or any removed pod under an empty selector, lowers the count
/// below what is left.
fn count_matching(pod: &PodFacts, c: &Constraint, node: &NodeInfo) -> i64 {
    let empty = c
        .selector
        .as_ref()
        .is_some_and(|s| s.requirements.is_empty());
    let in_scope = |p: &&super::node_info::PodOnNode| {
        p.namespace == pod.namespace && matches(&c.selector, &p.labels)
    };
    let counted = if empty {
        0
    } else {
        node.pods
            .iter()
            .filter(in_scope)
            .filter(|p| !p.terminating)
            .count() as i64
    };
    let uncounted_removed = node
        .removed
        .iter()
        .filter(in_scope)
        .filter(|p| empty || p.terminating)
        .count() as i64;
    counted - uncounted_removed
}

/// PreScore: None (Skip) when the pod has no ScheduleAnyway constraint. (A pod with no
/// constraint at all would get the cluster defaults when a Service or controller selects it;
/// podplay does not look for those.)
pub fn score_state(
    pod: &PodFacts,
    feasible: &[&NodeInfo],
    all: &[NodeInfo],
    version: Version,
) -> Option<ScoreState> {
    let cs = &pod.soft_spread;
    if cs.is_empty() {
        return None;
    }
    let mut st = ScoreState {
        counts: vec![Vec::new(); cs.len()],
        ..ScoreState::default()
    };
    for node in feasible {
        if !has_all_keys(node, cs) {
            st.ignored.push(node.name.clone());
            continue;
        }
        for (i, c) in cs.iter().enumerate() {
            if c.topology_key == HOSTNAME {
                continue;
            }
            let value = node
                .labels
                .get(&c.topology_key)
                .and_then(Value::as_str)
                .unwrap_or("");
            if !st.counts[i].iter().any(|(v, _)| v == value) {
                st.counts[i].push((value.to_string(), 0));
            }
        }
    }
    st.weights = cs
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let size = if c.topology_key == HOSTNAME {
                feasible.len() - st.ignored.len()
            } else {
                st.counts[i].len()
            };
            ((size + 2) as f64).ln()
        })
        .collect();
    for node in all {
        if !has_all_keys(node, cs) {
            continue;
        }
        for (i, c) in cs.iter().enumerate() {
            if !included(pod, c, node, version) {
                continue;
            }
            let value = node
                .labels
                .get(&c.topology_key)
                .and_then(Value::as_str)
                .unwrap_or("");
            let n = count_matching(pod, c, node);
            if let Some((_, have)) = st.counts[i].iter_mut().find(|(v, _)| v == value) {
                *have += n;
            }
        }
    }
    Some(st)
}

/// Score: Σ matching pods in the node's domain × log(domains + 2) + (maxSkew − 1), rounded;
/// fewer is better (NormalizeScore reverses it).
pub fn score(pod: &PodFacts, st: &ScoreState, node: &NodeInfo) -> i64 {
    if st.ignored.contains(&node.name) {
        return 0;
    }
    let mut total = 0.0;
    for (i, c) in pod.soft_spread.iter().enumerate() {
        let Some(value) = node.labels.get(&c.topology_key).and_then(Value::as_str) else {
            continue;
        };
        let count = if c.topology_key == HOSTNAME {
            count_matching(pod, c, node)
        } else {
            st.counts[i]
                .iter()
                .find(|(v, _)| v == value)
                .map_or(0, |(_, n)| *n)
        };
        total += count as f64 * st.weights[i] + (c.max_skew - 1) as f64;
    }
    total.round() as i64
}

/// NormalizeScore: `100 × (max + min − score) / max` over the nodes not ignored (100 for all
/// when every score is 0); ignored nodes get 0.
pub fn normalize(st: &ScoreState, names: &[&str], scores: &mut [i64]) {
    let counted = |i: usize| !st.ignored.iter().any(|n| n == names[i]);
    let min = (0..scores.len())
        .filter(|i| counted(*i))
        .map(|i| scores[i])
        .min()
        .unwrap_or(0);
    let max = (0..scores.len())
        .filter(|i| counted(*i))
        .map(|i| scores[i])
        .max()
        .unwrap_or(0)
        .max(0);
    for (i, score) in scores.iter_mut().enumerate() {
        *score = if !counted(i) {
            0
        } else if max == 0 {
            super::MAX_NODE_SCORE
        } else {
            super::MAX_NODE_SCORE * (max + min - *score) / max
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduling::node_info::PodOnNode;
    use crate::scheduling::PodFacts;
    use serde_json::json;

    #[test]
    fn skew_and_missing_label() {
        let v = Version::new(1, 36);
        let pod = json!({"metadata": {"name": "p", "labels": {"app": "web"}}, "spec": {"containers": [{"name": "a"}],
            "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule", "labelSelector": {"matchLabels": {"app": "web"}}}]}});
        let facts = PodFacts::new(&pod, v);
        let web = json!({"metadata": {"name": "w", "namespace": "default", "labels": {"app": "web"}}, "spec": {"containers": [{"name": "a"}]}});
        let node = |name: &str, zone: Option<&str>, pods: usize| {
            let labels = zone.map_or(json!({}), |z| json!({"zone": z}));
            let mut n = NodeInfo::new(&json!({"metadata": {"name": name, "labels": labels}}), &[]);
            for i in 0..pods {
                let mut p = web.clone();
                p["metadata"]["name"] = json!(format!("{name}-{i}"));
                n.add_pod(PodOnNode::new(&p));
            }
            n
        };
        let nodes = vec![
            node("a", Some("a"), 2),
            node("b", Some("b"), 1),
            node("c", None, 0),
        ];
        let state = pre_filter(&facts, &nodes, v);
        // Zone a: 2 + 1 − 1 = 2 > 1; zone b: 1 + 1 − 1 = 1.
        assert_eq!(
            filter(&facts, &nodes[0], &state).map(|s| s.reasons),
            Some(vec![REASON.to_string()])
        );
        assert_eq!(filter(&facts, &nodes[1], &state), None);
        assert_eq!(
            filter(&facts, &nodes[2], &state).map(|s| s.code),
            Some(Code::UnschedulableAndUnresolvable)
        );
    }
}
