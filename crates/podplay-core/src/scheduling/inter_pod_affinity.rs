//! InterPodAffinity, Filter part (pkg/scheduler/framework/plugins/interpodaffinity/filtering.go):
//! the pod's required pod affinity and anti-affinity against the pods running in each
//! topology domain, and running pods' required anti-affinity against the pod.
//! (Preferred terms only score; podplay does not score them.)

use super::node_info::{NodeInfo, PodOnNode};
use super::{Code, PodFacts, Status};
use crate::labels::{self, Operator, Requirement, Selector};
use crate::pod_json::Pointer;
use crate::versions::Version;
use serde_json::{Map, Value};

pub const NAME: &str = "InterPodAffinity";
pub const SCORE_WEIGHT: i64 = 2;
pub const REASON_AFFINITY: &str = "node(s) didn't match pod affinity rules";
pub const REASON_ANTI_AFFINITY: &str = "node(s) didn't match pod anti-affinity rules";
pub const REASON_EXISTING_ANTI_AFFINITY: &str =
    "node(s) didn't satisfy existing pods anti-affinity rules";

/// A parsed `PodAffinityTerm`.
#[derive(Debug, Clone)]
pub struct Term {
    pub topology_key: String,
    /// None: nil selector, matches no pod.
    pub selector: Option<Selector>,
    /// None: every namespace (`namespaceSelector: {}`).
    pub namespaces: Option<Vec<String>>,
}

impl Term {
    /// `AffinityTerm.Matches`: namespace, then labels.
    pub fn matches(&self, namespace: &str, labels: &Map<String, Value>) -> bool {
        let ns_ok = self
            .namespaces
            .as_ref()
            .is_none_or(|list| list.iter().any(|n| n == namespace));
        ns_ok && self.selector.as_ref().is_some_and(|s| s.matches(labels))
    }
}

/// Parses the terms of one pod. `matchLabelKeys` / `mismatchLabelKeys` add `key in (value)` /
/// `key notin (value)` with the owner's label value (what the API server merges in).
pub fn parse_terms(
    terms: &[Value],
    owner_ns: &str,
    owner_labels: &Map<String, Value>,
    version: Version,
) -> Vec<Term> {
    let mut out = Vec::new();
    for t in terms {
        let mut selector =
            labels::from_label_selector(t.get("labelSelector").unwrap_or(&Value::Null), &version)
                .ok()
                .flatten();
        if let Some(sel) = selector.as_mut() {
            for (field, op) in [
                ("matchLabelKeys", Operator::In),
                ("mismatchLabelKeys", Operator::NotIn),
            ] {
                for key in t
                    .get(field)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    if let Some(v) = owner_labels.get(key).and_then(Value::as_str) {
                        if let Ok(r) =
                            Requirement::new(key, op, vec![v.to_string()], None, &version)
                        {
                            sel.requirements.push(r);
                        }
                    }
                }
            }
        }
        let listed: Vec<String> = t
            .get("namespaces")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|n| n.as_str().map(str::to_string))
            .collect();
        let ns_selector = t.get("namespaceSelector").filter(|s| !s.is_null());
        let all_namespaces = ns_selector.is_some_and(|s| s.as_object().is_some_and(Map::is_empty));
        let namespaces = if all_namespaces {
            None
        } else if listed.is_empty() {
            // No list and no selector: the owner's own namespace. (A non-empty namespaceSelector
            // needs Namespace labels podplay does not have; it selects only the listed ones here.)
            Some(if ns_selector.is_some() {
                Vec::new()
            } else {
                vec![owner_ns.to_string()]
            })
        } else {
            Some(listed)
        };
        out.push(Term {
            topology_key: t
                .get("topologyKey")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            selector,
            namespaces,
        });
    }
    out
}

/// Counts per topology pair, as the PreFilter computes them.
#[derive(Debug, Clone, Default)]
pub struct State {
    existing_anti: Vec<(String, String)>,
    affinity: Vec<(String, String)>,
    anti: Vec<(String, String)>,
}

fn label<'a>(node: &'a NodeInfo, key: &str) -> Option<&'a str> {
    node.labels.get(key).and_then(Value::as_str)
}

/// Whether the PreFilter returns Skip: no running pod has required anti-affinity against the
/// pod and the pod has no required terms.
pub fn skip(pod: &PodFacts, state: &State) -> bool {
    state.existing_anti.is_empty() && pod.affinity.is_empty() && pod.anti_affinity.is_empty()
}

pub fn pre_filter(pod: &PodFacts, nodes: &[NodeInfo], version: Version) -> State {
    let mut state = State::default();
    for node in nodes {
        for p in &node.pods {
            // Running pods' required anti-affinity that the incoming pod matches.
            for term in existing_terms(p, version) {
                if term.matches(&pod.namespace, &pod.labels) {
                    if let Some(v) = label(node, &term.topology_key) {
                        state
                            .existing_anti
                            .push((term.topology_key.clone(), v.to_string()));
                    }
                }
            }
            // Affinity counts a running pod only when it matches *every* required affinity
            // term, and then in each term's domain (filtering.go `appendWithAffinityTerms` /
            // `podMatchesAllAffinityTerms`); anti-affinity counts each term it matches.
            let matches_all = !pod.affinity.is_empty()
                && pod
                    .affinity
                    .iter()
                    .all(|t| t.matches(&p.namespace, &p.labels));
            for term in &pod.affinity {
                if let Some(v) = label(node, &term.topology_key).filter(|_| matches_all) {
                    state
                        .affinity
                        .push((term.topology_key.clone(), v.to_string()));
                }
            }
            for term in &pod.anti_affinity {
                if term.matches(&p.namespace, &p.labels) {
                    if let Some(v) = label(node, &term.topology_key) {
                        state.anti.push((term.topology_key.clone(), v.to_string()));
                    }
                }
            }
        }
    }
    state
}

fn existing_terms(p: &PodOnNode, version: Version) -> Vec<Term> {
    parse_terms(&p.anti_affinity, &p.namespace, &p.labels, version)
}

fn has(counts: &[(String, String)], key: &str, value: &str) -> bool {
    counts.iter().any(|(k, v)| k == key && v == value)
}

pub fn filter(pod: &PodFacts, node: &NodeInfo, state: &State) -> Option<Status> {
    // Affinity: every term needs a matching pod in the node's domain (and the node its label).
    let mut pods_exist = true;
    for term in &pod.affinity {
        match label(node, &term.topology_key) {
            Some(v) => pods_exist &= has(&state.affinity, &term.topology_key, v),
            None => {
                return Some(Status::new(
                    Code::UnschedulableAndUnresolvable,
                    REASON_AFFINITY,
                ))
            }
        }
    }
    if !pods_exist {
        // The first pod of a group that has affinity to itself may go anywhere.
        let first_of_group = state.affinity.is_empty()
            && pod
                .affinity
                .iter()
                .all(|t| t.matches(&pod.namespace, &pod.labels));
        if !first_of_group {
            return Some(Status::new(
                Code::UnschedulableAndUnresolvable,
                REASON_AFFINITY,
            ));
        }
    }
    for term in &pod.anti_affinity {
        if let Some(v) = label(node, &term.topology_key) {
            if has(&state.anti, &term.topology_key, v) {
                return Some(Status::new(Code::Unschedulable, REASON_ANTI_AFFINITY));
            }
        }
    }
    let hit = node
        .labels
        .iter()
        .any(|(k, v)| has(&state.existing_anti, k, v.as_str().unwrap_or("")));
    hit.then(|| Status::new(Code::Unschedulable, REASON_EXISTING_ANTI_AFFINITY))
}

/// `hardPodAffinityWeight` (InterPodAffinityArgs default): a running pod's *required* affinity
/// that the incoming pod matches adds this much to its domain.
pub const HARD_POD_AFFINITY_WEIGHT: i64 = 1;

/// Weighted terms (`WeightedPodAffinityTerm`) at `path` of an affinity object.
pub fn weighted_terms(
    affinity: &Value,
    path: &str,
    owner_ns: &str,
    owner_labels: &Map<String, Value>,
    version: Version,
) -> Vec<(i64, Term)> {
    let raw = affinity
        .at(path)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    raw.iter()
        .map(|w| {
            let weight = w.get("weight").and_then(Value::as_i64).unwrap_or(0);
            let term = w.get("podAffinityTerm").cloned().unwrap_or(Value::Null);
            let parsed = parse_terms(&[term], owner_ns, owner_labels, version);
            (weight, parsed.into_iter().next().expect("one term"))
        })
        .collect()
}

const PREFERRED_AFFINITY: &str = "/podAffinity/preferredDuringSchedulingIgnoredDuringExecution";
const PREFERRED_ANTI: &str = "/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution";
const REQUIRED_AFFINITY: &str = "/podAffinity/requiredDuringSchedulingIgnoredDuringExecution";

/// PreScore: weights per topology pair (`topologyScore`) from the pod's preferred terms
/// against running pods, and running pods' required (weight 1) and preferred terms against
/// the pod. None when nothing applies (PreScore returns Skip).
pub fn score_state(
    pod: &Value,
    facts: &PodFacts,
    nodes: &[NodeInfo],
    version: Version,
) -> Option<Vec<(String, String, i64)>> {
    let affinity = pod.at("/spec/affinity").cloned().unwrap_or(Value::Null);
    let own_pref = weighted_terms(
        &affinity,
        PREFERRED_AFFINITY,
        &facts.namespace,
        &facts.labels,
        version,
    );
    let own_anti = weighted_terms(
        &affinity,
        PREFERRED_ANTI,
        &facts.namespace,
        &facts.labels,
        version,
    );
    let mut topo: Vec<(String, String, i64)> = Vec::new();
    let mut add = |node: &NodeInfo, term: &Term, weight: i64| {
        if let Some(v) = label(node, &term.topology_key) {
            match topo
                .iter_mut()
                .find(|(k, val, _)| *k == term.topology_key && val == v)
            {
                Some((_, _, s)) => *s += weight,
                None => topo.push((term.topology_key.clone(), v.to_string(), weight)),
            }
        }
    };
    for node in nodes {
        if node.labels.is_empty() {
            continue;
        }
        for p in &node.pods {
            for (w, t) in &own_pref {
                if t.matches(&p.namespace, &p.labels) {
                    add(node, t, *w);
                }
            }
            for (w, t) in &own_anti {
                if t.matches(&p.namespace, &p.labels) {
                    add(node, t, -w);
                }
            }
            let required = p
                .affinity
                .at(REQUIRED_AFFINITY)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for t in parse_terms(&required, &p.namespace, &p.labels, version) {
                if t.matches(&facts.namespace, &facts.labels) {
                    add(node, &t, HARD_POD_AFFINITY_WEIGHT);
                }
            }
            for (path, sign) in [(PREFERRED_AFFINITY, 1), (PREFERRED_ANTI, -1)] {
                for (w, t) in weighted_terms(&p.affinity, path, &p.namespace, &p.labels, version) {
                    if t.matches(&facts.namespace, &facts.labels) {
                        add(node, &t, sign * w);
                    }
                }
            }
        }
    }
    (!topo.is_empty()).then_some(topo)
}

/// Score: the sum of the topology pairs the node has.
pub fn score(state: &[(String, String, i64)], node: &NodeInfo) -> i64 {
    state
        .iter()
        .filter(|(k, v, _)| label(node, k) == Some(v.as_str()))
        .map(|(_, _, s)| *s)
        .sum()
}

/// NormalizeScore: min–max scaling to 0–100 (all 0 when every node scores the same).
pub fn normalize(scores: &mut [i64]) {
    let (Some(min), Some(max)) = (scores.iter().copied().min(), scores.iter().copied().max())
    else {
        return;
    };
    for s in scores.iter_mut() {
        *s = if max > min {
            (super::MAX_NODE_SCORE as f64 * ((*s - min) as f64 / (max - min) as f64)) as i64
        } else {
            0
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn node(name: &str, zone: &str, pods: &[Value]) -> NodeInfo {
        let refs: Vec<&Value> = pods.iter().collect();
        NodeInfo::new(
            &json!({"metadata": {"name": name, "labels": {"zone": zone}}}),
            &refs,
        )
    }

    #[test]
    fn affinity_anti_affinity_and_existing() {
        let v = Version::new(1, 36);
        let db = json!({"metadata": {"name": "db", "namespace": "default", "labels": {"app": "db"}}, "spec": {"containers": [{"name": "a"}]}});
        let nodes = vec![node("a", "za", &[db]), node("b", "zb", &[])];
        let term =
            json!([{"topologyKey": "zone", "labelSelector": {"matchLabels": {"app": "db"}}}]);
        let with = |kind: &str| {
            let pod = json!({"metadata": {"name": "p", "labels": {"app": "web"}}, "spec": {"containers": [{"name": "a"}], "affinity": {kind: {"requiredDuringSchedulingIgnoredDuringExecution": term.clone()}}}});
            PodFacts::new(&pod, v)
        };
        let aff = with("podAffinity");
        let st = pre_filter(&aff, &nodes, v);
        assert_eq!(filter(&aff, &nodes[0], &st), None);
        assert_eq!(
            filter(&aff, &nodes[1], &st).map(|s| s.reasons),
            Some(vec![REASON_AFFINITY.to_string()])
        );
        let anti = with("podAntiAffinity");
        let st = pre_filter(&anti, &nodes, v);
        assert_eq!(
            filter(&anti, &nodes[0], &st).map(|s| s.code),
            Some(Code::Unschedulable)
        );
        assert_eq!(filter(&anti, &nodes[1], &st), None);
        // A running pod that refuses web pods in its zone.
        let guard = json!({"metadata": {"name": "g", "namespace": "default", "labels": {"app": "g"}}, "spec": {"containers": [{"name": "a"}],
            "affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [{"topologyKey": "zone", "labelSelector": {"matchLabels": {"app": "web"}}}]}}}});
        let nodes = vec![node("a", "za", &[guard]), node("b", "zb", &[])];
        let plain = PodFacts::new(
            &json!({"metadata": {"name": "p", "labels": {"app": "web"}}, "spec": {"containers": [{"name": "a"}]}}),
            v,
        );
        let st = pre_filter(&plain, &nodes, v);
        assert!(!skip(&plain, &st));
        assert_eq!(
            filter(&plain, &nodes[0], &st).map(|s| s.reasons),
            Some(vec![REASON_EXISTING_ANTI_AFFINITY.to_string()])
        );
        assert_eq!(filter(&plain, &nodes[1], &st), None);
    }
}
