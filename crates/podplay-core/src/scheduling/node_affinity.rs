//! NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity, matching from
//! k8s.io/component-helpers/scheduling/corev1/nodeaffinity): `spec.nodeSelector` AND the
//! required node affinity (terms ORed, a term's expressions and fields ANDed) filter; the
//! preferred terms' weights score.

use super::node_info::NodeInfo;
use super::{Code, PodFacts, Status};
use crate::labels::{Operator, Requirement};
use crate::pod_json::Pointer;
use crate::versions::Version;
use serde_json::{Map, Value};

pub const NAME: &str = "NodeAffinity";
pub const WEIGHT: i64 = 2;
pub const REASON: &str = "node(s) didn't match Pod's node affinity/selector";
/// PreFilter: every term pins `metadata.name`, and no name is left.
pub const REASON_CONFLICT: &str = "pod affinity terms conflict";

/// A `matchFields` requirement: only `metadata.name` exists on a node.
#[derive(Debug, Clone)]
pub struct FieldRequirement {
    pub key: String,
    pub not_in: bool,
    pub value: String,
}

/// One parsed `NodeSelectorTerm`. A term with a parse error never matches.
#[derive(Debug, Clone, Default)]
pub struct Term {
    pub labels: Option<Vec<Requirement>>,
    pub fields: Option<Vec<FieldRequirement>>,
    pub errors: Vec<String>,
}

impl Term {
    /// `nodeSelectorTerm.match`.
    pub fn matches(&self, node: &NodeInfo) -> bool {
        if !self.errors.is_empty() {
            return false;
        }
        if let Some(reqs) = &self.labels {
            if !reqs.iter().all(|r| r.matches(&node.labels)) {
                return false;
            }
        }
        if let Some(fields) = &self.fields {
            let ok = fields.iter().all(|f| {
                let have = if f.key == "metadata.name" {
                    node.name.as_str()
                } else {
                    ""
                };
                (have == f.value) != f.not_in
            });
            if !ok {
                return false;
            }
        }
        true
    }
}

/// The names a raw term pins with `matchFields metadata.name In` (intersected); None when it
/// pins none (then every node is eligible).
fn pinned_names(raw: &Value) -> Option<Vec<String>> {
    let mut names: Option<Vec<String>> = None;
    for f in raw
        .get("matchFields")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let key = f.get("key").and_then(Value::as_str).unwrap_or("");
        let op = f.get("operator").and_then(Value::as_str).unwrap_or("");
        if key != "metadata.name" || op != "In" {
            continue;
        }
        let values: Vec<String> = strings(f.get("values"));
        names = Some(match names {
            None => values,
            Some(have) => have.into_iter().filter(|n| values.contains(n)).collect(),
        });
    }
    names
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

fn is_empty_term(term: &Value) -> bool {
    let empty = |k: &str| {
        term.get(k)
            .and_then(Value::as_array)
            .is_none_or(Vec::is_empty)
    };
    empty("matchExpressions") && empty("matchFields")
}

/// `newNodeSelectorTerm`: expressions become label requirements (`In`, `NotIn`, `Exists`,
/// `DoesNotExist`, `Gt`, `Lt`), fields `metadata.name` In/NotIn with one value.
pub fn parse_term(term: &Value, path: &str, version: Version) -> Term {
    let mut out = Term::default();
    if let Some(exprs) = term
        .get("matchExpressions")
        .and_then(Value::as_array)
        .filter(|e| !e.is_empty())
    {
        let mut reqs = Vec::new();
        for (i, e) in exprs.iter().enumerate() {
            let p = format!("{path}.matchExpressions[{i}]");
            let key = e.get("key").and_then(Value::as_str).unwrap_or("");
            let op_text = e.get("operator").and_then(Value::as_str).unwrap_or("");
            let op = match op_text {
                "In" => Operator::In,
                "NotIn" => Operator::NotIn,
                "Exists" => Operator::Exists,
                "DoesNotExist" => Operator::DoesNotExist,
                "Gt" => Operator::GreaterThan,
                "Lt" => Operator::LessThan,
                _ => {
                    out.errors
                        .push(format!("{p}.operator: Unsupported value: \"{op_text}\""));
                    continue;
                }
            };
            match Requirement::new(key, op, strings(e.get("values")), Some(&p), &version) {
                Ok(r) => reqs.push(r),
                Err(err) => out.errors.push(err),
            }
        }
        out.labels = Some(reqs);
    }
    if let Some(fields) = term
        .get("matchFields")
        .and_then(Value::as_array)
        .filter(|f| !f.is_empty())
    {
        let mut reqs = Vec::new();
        for (i, f) in fields.iter().enumerate() {
            let p = format!("{path}.matchFields[{i}]");
            let key = f
                .get("key")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let op = f.get("operator").and_then(Value::as_str).unwrap_or("");
            let values = strings(f.get("values"));
            if op != "In" && op != "NotIn" {
                out.errors.push(format!("{p}.operator: Unsupported value: \"{op}\": supported values: \"In\", \"NotIn\""));
                continue;
            }
            match values.as_slice() {
                [one] => reqs.push(FieldRequirement {
                    key,
                    not_in: op == "NotIn",
                    value: one.clone(),
                }),
                _ => out
                    .errors
                    .push(format!("{p}.values: must have one element")),
            }
        }
        out.fields = Some(reqs);
    }
    out
}

/// The pod's required scheduling constraints (`GetRequiredNodeAffinity`).
#[derive(Debug, Clone, Default)]
pub struct Required {
    /// `spec.nodeSelector` (None when nil).
    pub node_selector: Option<Map<String, Value>>,
    /// The non-empty required terms (None when no required node affinity is set).
    pub terms: Option<Vec<Term>>,
    /// The raw terms, for the PreFilter's node-name pinning.
    raw_terms: Vec<Value>,
}

impl Required {
    pub fn from_pod(pod: &Value, version: Version) -> Required {
        let node_selector = pod
            .at("/spec/nodeSelector")
            .and_then(Value::as_object)
            .cloned();
        let required = pod
            .at("/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution")
            .filter(|r| !r.is_null());
        let mut raw_terms = Vec::new();
        let terms = required.map(|r| {
            let mut terms = Vec::new();
            for (i, t) in r
                .get("nodeSelectorTerms")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                // An empty term selects nothing and is left out.
                if is_empty_term(t) {
                    continue;
                }
                raw_terms.push(t.clone());
                terms.push(parse_term(t, &format!("nodeSelectorTerms[{i}]"), version));
            }
            terms
        });
        Required {
            node_selector,
            terms,
            raw_terms,
        }
    }

    /// `RequiredNodeAffinity.Match`: every nodeSelector pair, and one matching term.
    pub fn matches(&self, node: &NodeInfo) -> bool {
        if let Some(sel) = &self.node_selector {
            let ok = sel.iter().all(|(k, v)| {
                node.labels.get(k).and_then(Value::as_str) == Some(v.as_str().unwrap_or(""))
            });
            if !ok {
                return false;
            }
        }
        match &self.terms {
            Some(terms) => terms.iter().any(|t| t.matches(node)),
            None => true,
        }
    }
}

/// What the PreFilter decided.
#[derive(Debug, Clone, PartialEq)]
pub enum PreFilter {
    /// No nodeSelector and no required affinity: Filter is skipped.
    Skip,
    /// Filter runs on every node.
    All,
    /// `matchFields metadata.name` pins these nodes; the others are not even filtered.
    Only(Vec<String>),
    /// The terms pin disjoint names: no node can match.
    Conflict,
}

pub fn pre_filter(pod: &PodFacts) -> PreFilter {
    let r = &pod.required;
    if r.terms.is_none() && r.node_selector.is_none() {
        return PreFilter::Skip;
    }
    let mut names: Option<Vec<String>> = None;
    for raw in &r.raw_terms {
        let Some(pinned) = pinned_names(raw) else {
            // A term that pins no name makes every node eligible (terms are ORed).
            return PreFilter::All;
        };
        let mut all = names.unwrap_or_default();
        for n in pinned {
            if !all.contains(&n) {
                all.push(n);
            }
        }
        names = Some(all);
    }
    match names {
        Some(n) if n.is_empty() => PreFilter::Conflict,
        Some(n) => PreFilter::Only(n),
        None => PreFilter::All,
    }
}

pub fn filter(pod: &PodFacts, node: &NodeInfo) -> Option<Status> {
    if pod.required.matches(node) {
        return None;
    }
    Some(Status::new(Code::UnschedulableAndUnresolvable, REASON).with_detail(mismatch(pod, node)))
}

/// Which part did not match: the first nodeSelector pair, or the required terms.
fn mismatch(pod: &PodFacts, node: &NodeInfo) -> String {
    for (k, v) in pod.required.node_selector.iter().flatten() {
        let want = v.as_str().unwrap_or("");
        match node.labels.get(k).and_then(Value::as_str) {
            Some(have) if have == want => {}
            Some(have) => {
                return format!("nodeSelector {k}={want}: the node's label {k} is \"{have}\"")
            }
            None => return format!("nodeSelector {k}={want}: the node has no label {k}"),
        }
    }
    "no term of requiredDuringSchedulingIgnoredDuringExecution matches the node (terms are ORed; a term's expressions and fields are ANDed)".to_string()
}

/// The preferred terms with a non-zero weight (`NewPreferredSchedulingTerms`).
pub fn preferred(pod: &Value, version: Version) -> Vec<(i64, Term)> {
    let mut out = Vec::new();
    let terms =
        pod.at("/spec/affinity/nodeAffinity/preferredDuringSchedulingIgnoredDuringExecution");
    for (i, t) in terms
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let weight = t.get("weight").and_then(Value::as_i64).unwrap_or(0);
        if weight == 0 {
            continue;
        }
        let pref = t.get("preference").unwrap_or(&Value::Null);
        let mut term = parse_term(
            pref,
            &format!("preferredDuringSchedulingIgnoredDuringExecution[{i}].preference"),
            version,
        );
        if is_empty_term(pref) {
            // An empty preference matches no node.
            term.errors.push("empty preference".into());
        }
        out.push((weight, term));
    }
    out
}

/// PreScore: nothing to do without preferred terms.
pub fn score_skip(pod: &PodFacts) -> Option<&'static str> {
    pod.preferred
        .is_empty()
        .then_some("the pod has no preferred node affinity (PreScore returns Skip)")
}

/// Score: the sum of the weights of the preferred terms the node matches.
pub fn score(pod: &PodFacts, node: &NodeInfo) -> i64 {
    pod.preferred
        .iter()
        .filter(|(_, t)| t.matches(node))
        .map(|(w, _)| *w)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn node(name: &str, labels: Value) -> NodeInfo {
        NodeInfo::new(&json!({"metadata": {"name": name, "labels": labels}}), &[])
    }

    fn required(affinity: Value) -> Required {
        let pod = json!({"spec": {"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": affinity}}}});
        Required::from_pod(&pod, Version::new(1, 36))
    }

    #[test]
    fn operators_terms_and_fields() {
        let n = node("n1", json!({"zone": "a", "gpu": "4"}));
        let rows = [
            (
                json!({"nodeSelectorTerms": [{"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a", "b"]}]}]}),
                true,
            ),
            (
                json!({"nodeSelectorTerms": [{"matchExpressions": [{"key": "zone", "operator": "NotIn", "values": ["a"]}]}]}),
                false,
            ),
            (
                json!({"nodeSelectorTerms": [{"matchExpressions": [{"key": "ssd", "operator": "NotIn", "values": ["x"]}]}]}),
                true,
            ),
            (
                json!({"nodeSelectorTerms": [{"matchExpressions": [{"key": "ssd", "operator": "DoesNotExist"}]}]}),
                true,
            ),
            (
                json!({"nodeSelectorTerms": [{"matchExpressions": [{"key": "gpu", "operator": "Gt", "values": ["3"]}]}]}),
                true,
            ),
            (
                json!({"nodeSelectorTerms": [{"matchExpressions": [{"key": "gpu", "operator": "Lt", "values": ["x"]}]}]}),
                false,
            ),
            // Expressions ANDed within a term, terms ORed.
            (
                json!({"nodeSelectorTerms": [{"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a"]}, {"key": "gpu", "operator": "Exists"}]}]}),
                true,
            ),
            (
                json!({"nodeSelectorTerms": [{"matchExpressions": [{"key": "zone", "operator": "In", "values": ["b"]}]}, {"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["n1"]}]}]}),
                true,
            ),
            (
                json!({"nodeSelectorTerms": [{"matchFields": [{"key": "metadata.name", "operator": "NotIn", "values": ["n1"]}]}]}),
                false,
            ),
            // Only empty terms: nothing matches.
            (json!({"nodeSelectorTerms": [{}]}), false),
        ];
        for (affinity, want) in rows {
            assert_eq!(required(affinity.clone()).matches(&n), want, "{affinity}");
        }
    }
}
