//! One kube-scheduler cycle for the admitted pod (pkg/scheduler/schedule_one.go with the
//! default profile): PreFilter, the filters in profile order on every node, the
//! `FailedScheduling` message with its PostFilter (preemption) part, or the score plugins
//! with their default weights and the winner.
//!
//! [`schedule`] is a pure function of the admitted pod, the Nodes and the pods already
//! running; [`paste::analyze`] reads a multi-document paste and runs the create pipeline first.

pub mod balanced_allocation;
pub mod default_preemption;
pub mod image_locality;
pub mod inter_pod_affinity;
pub mod merge;
pub mod node_affinity;
pub mod node_declared_features;
pub mod node_info;
pub mod node_name;
pub mod node_ports;
pub mod node_resources_fit;
pub mod node_unschedulable;
pub mod paste;
pub use paste::view;
pub mod pod_topology_spread;
pub mod resources;
pub mod taint_toleration;

use crate::pod_json::Pointer;
use crate::tolerations::Toleration;
use crate::versions::Version;
use node_info::{host_ports, normalized_image_name, pod_priority, NodeInfo};
use resources::{pod_resources, RequestOptions, Resources};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The scheduler that schedules pods with no `spec.schedulerName` (defaulting sets it).
pub const DEFAULT_SCHEDULER: &str = "default-scheduler";
/// `framework.MaxNodeScore`.
pub const MAX_NODE_SCORE: i64 = 100;
/// The FitError message with no node at all (`ErrNoNodesAvailable`).
pub const NO_NODES: &str = "no nodes available to schedule pods";
/// The example cluster used when the paste has no Node: a tainted control-plane node, a GPU
/// node (label + taint), two small workers and a node for the gVisor sandbox runtime.
pub const EXAMPLE_CLUSTER: &str = include_str!("scheduling/example_cluster.yaml");

/// `framework.Code` of a rejection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Code {
    /// Preemption may help (removing lower-priority pods could make room).
    Unschedulable,
    /// Preemption cannot help on this node.
    UnschedulableAndUnresolvable,
}

/// A plugin's rejection: its code and reasons (the texts the event counts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    pub code: Code,
    pub reasons: Vec<String>,
    /// What exactly failed (which taint, which label, how much cpu), for people: the scheduler
    /// does not print it (the 1.35+ taint reason deliberately hides the taint).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Status {
    pub fn new(code: Code, reason: impl Into<String>) -> Status {
        Status {
            code,
            reasons: vec![reason.into()],
            detail: None,
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Status {
        self.detail = Some(detail.into());
        self
    }
}

/// Everything the plugins read from the pod, computed once per cycle.
#[derive(Debug, Clone)]
pub struct PodFacts {
    pub namespace: String,
    pub name: String,
    pub node_name: String,
    pub priority: i64,
    pub preemption_never: bool,
    pub labels: Map<String, Value>,
    pub tolerations: Vec<Toleration>,
    pub required: node_affinity::Required,
    pub preferred: Vec<(i64, node_affinity::Term)>,
    pub host_ports: Vec<node_info::HostPort>,
    /// Requests as NodeResourcesFit's Filter counts them (incl. overhead).
    pub requests: Resources,
    /// The same with the scoring defaults for containers that request nothing.
    pub non_zero: Resources,
    /// Normalized image names (init containers, containers, image volumes).
    pub images: Vec<String>,
    pub container_count: usize,
    /// `whenUnsatisfiable: DoNotSchedule` topology spread constraints.
    pub spread: Vec<pod_topology_spread::Constraint>,
    /// Required pod affinity and anti-affinity terms.
    pub affinity: Vec<inter_pod_affinity::Term>,
    pub anti_affinity: Vec<inter_pod_affinity::Term>,
    /// `whenUnsatisfiable: ScheduleAnyway` constraints (they only score).
    pub soft_spread: Vec<pod_topology_spread::Constraint>,
    /// Node features the pod needs (NodeDeclaredFeatures, 1.36).
    pub required_features: Vec<&'static str>,
}

impl PodFacts {
    pub fn new(pod: &Value, version: Version) -> PodFacts {
        let spec = pod.get("spec").unwrap_or(&Value::Null);
        let meta = pod.get("metadata").unwrap_or(&Value::Null);
        let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let list = |k: &str| -> &[Value] {
            spec.get(k)
                .and_then(Value::as_array)
                .map_or(&[], Vec::as_slice)
        };
        let mut images = Vec::new();
        for c in list("initContainers")
            .iter()
            .chain(list("containers").iter())
        {
            images.push(normalized_image_name(&s(c, "image")));
        }
        // ImageLocality's sumImageScores counts image volumes from 1.36 on (v1.35.4 and
        // v1.35.3 count only init and regular containers).
        if version.behaviour("ImageLocalityCountsImageVolumes") {
            for v in list("volumes").iter() {
                if let Some(r) = v.at("/image/reference").and_then(Value::as_str) {
                    images.push(normalized_image_name(r));
                }
            }
        }
        let namespace = s(meta, "namespace");
        let namespace = if namespace.is_empty() {
            "default".to_string()
        } else {
            namespace
        };
        let labels = meta
            .get("labels")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let terms = |path: &str| {
            let raw = pod
                .at(path)
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice);
            inter_pod_affinity::parse_terms(raw, &namespace, &labels, version)
        };
        let pod_level = version.gate("PodLevelResources");
        PodFacts {
            name: s(meta, "name"),
            node_name: s(spec, "nodeName"),
            priority: pod_priority(pod),
            preemption_never: spec.get("preemptionPolicy").and_then(Value::as_str) == Some("Never"),
            tolerations: list("tolerations")
                .iter()
                .map(Toleration::from_json)
                .collect(),
            required: node_affinity::Required::from_pod(pod, version),
            preferred: node_affinity::preferred(pod, version),
            host_ports: host_ports(pod, version),
            requests: pod_resources(
                pod,
                RequestOptions {
                    non_missing_defaults: false,
                    pod_level,
                    // A created pod's status is reset (the registry's PrepareForCreate).
                    status_resources: false,
                },
            ),
            // NodeResourcesFit's LeastAllocated scorer is built without the plugin's
            // PodLevelResources flag (noderesources/fit.go NewFit: the strategy's
            // resourceAllocationScorer leaves `enablePodLevelResources` false), so it scores
            // the containers' requests and ignores `spec.resources`; the Filter and
            // BalancedAllocation honour them. The same in every supported release (read in
            // v1.33.5, v1.34.2, v1.35.4 and v1.36.2; 1.34–1.36 checked by a scheduler oracle).
            non_zero: pod_resources(
                pod,
                RequestOptions {
                    non_missing_defaults: true,
                    pod_level: false,
                    status_resources: false,
                },
            ),
            images,
            container_count: list("initContainers").len() + list("containers").len(),
            spread: pod_topology_spread::constraints(pod, "DoNotSchedule", version),
            affinity: terms(
                "/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution",
            ),
            anti_affinity: terms(
                "/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution",
            ),
            soft_spread: pod_topology_spread::constraints(pod, "ScheduleAnyway", version),
            required_features: node_declared_features::required(pod),
            labels,
            namespace,
        }
    }
}

/// The default profile's filters podplay evaluates, in `default_plugins.go` order.
pub const FILTERS: &[&str] = &[
    node_unschedulable::NAME,
    node_name::NAME,
    taint_toleration::NAME,
    node_affinity::NAME,
    node_ports::NAME,
    node_resources_fit::NAME,
    pod_topology_spread::NAME,
    inter_pod_affinity::NAME,
];

/// [`FILTERS`] plus the filters a feature gate appends to the release's default profile
/// (`applyFeatureGates`: NodeDeclaredFeatures, last, when its gate is on).
pub fn filters(version: Version) -> Vec<&'static str> {
    let mut out = FILTERS.to_vec();
    if version.gate("NodeDeclaredFeatures") {
        out.push(node_declared_features::NAME);
    }
    out
}

/// What the PreFilters computed over all nodes, for the filters that look at the whole cluster.
#[derive(Debug, Clone, Default)]
pub struct CycleState {
    pub spread: pod_topology_spread::State,
    pub affinity: inter_pod_affinity::State,
    /// Filters whose PreFilter returned Skip: (plugin, why).
    pub skips: Vec<(&'static str, &'static str)>,
}

impl CycleState {
    pub fn new(pod: &PodFacts, infos: &[NodeInfo], version: Version) -> CycleState {
        let spread = pod_topology_spread::pre_filter(pod, infos, version);
        let affinity = inter_pod_affinity::pre_filter(pod, infos, version);
        let mut skips = Vec::new();
        if pod.node_name.is_empty() {
            skips.push((
                node_name::NAME,
                "the pod names no node (spec.nodeName is empty)",
            ));
        }
        if node_affinity::pre_filter(pod) == node_affinity::PreFilter::Skip {
            skips.push((node_affinity::NAME, "the pod has no nodeSelector and no required node affinity (PreFilter returns Skip)"));
        }
        if let Some(why) = node_ports::skip(pod) {
            skips.push((node_ports::NAME, why));
        }
        if pod.spread.is_empty() {
            skips.push((
                pod_topology_spread::NAME,
                "the pod has no DoNotSchedule topology spread constraint (PreFilter returns Skip)",
            ));
        }
        if pod.required_features.is_empty() {
            skips.push((node_declared_features::NAME, node_declared_features::SKIP));
        }
        if inter_pod_affinity::skip(pod, &affinity) {
            skips.push((inter_pod_affinity::NAME, "the pod has no required pod (anti-)affinity and no running pod's required anti-affinity selects it (PreFilter returns Skip)"));
        }
        CycleState {
            spread,
            affinity,
            skips,
        }
    }
}

/// What happened to one filter on one node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FilterOutcome {
    Passed,
    Rejected,
    /// An earlier filter rejected the node; the scheduler stops at the first failure.
    NotReached,
    /// The plugin's PreFilter said it has nothing to check for this pod.
    Skipped,
}

/// One cell of the node × filter matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterReport {
    pub plugin: String,
    pub status: FilterOutcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Code>,
    pub reasons: Vec<String>,
    /// Why the filter was skipped or not reached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One score plugin's result for a node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreReport {
    pub plugin: String,
    /// The plugin's own score before normalization (e.g. the count of untolerated
    /// PreferNoSchedule taints, the sum of matched preference weights).
    pub raw: i64,
    /// The score after NormalizeScore, 0–100.
    pub score: i64,
    pub weight: i64,
    /// `score × weight`, what the total adds up.
    pub weighted: i64,
}

/// Everything about one node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeReport {
    pub name: String,
    pub feasible: bool,
    /// The plugin that rejected the node (the one the scheduler reports); None when feasible
    /// or when a PreFilter left the node out before any filter ran.
    pub plugin: Option<String>,
    pub code: Option<Code>,
    pub reasons: Vec<String>,
    /// Every filter in profile order.
    pub filters: Vec<FilterReport>,
    /// Score plugins (only when more than one node is feasible: with one, the scheduler
    /// picks it without scoring).
    pub scores: Vec<ScoreReport>,
    pub total: Option<i64>,
    /// What preemption found on this node (when it ran and looked at the node).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preemption: Option<String>,
}

/// A score plugin of the default profile, its weight, and whether it ran for this pod.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScorePlugin {
    pub plugin: String,
    pub weight: i64,
    /// Why the plugin did not score (PreScore Skip, or not modelled by podplay).
    pub skipped: Option<String>,
}

/// The scheduler's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Scheduling {
    pub nodes: Vec<NodeReport>,
    /// The `FailedScheduling` event note, exactly as the chosen version writes it.
    pub message: Option<String>,
    /// The PostFilter part of the message (DRA, then preemption), when there is one.
    pub post_filter_message: Option<String>,
    /// The `Scheduled` event note: `Successfully assigned <ns>/<pod> to <node>`.
    pub scheduled_event: Option<String>,
    /// The node the pod is bound to (None on failure, or on a score tie).
    pub assigned_to: Option<String>,
    /// Nodes sharing the top score: the real scheduler does not break the tie at random
    /// (see `tie`), so any of them may win.
    pub assigned_among: Vec<String>,
    /// Why a tie has no fixed winner.
    pub tie: Option<String>,
    pub feasible_nodes: Vec<String>,
    pub score_plugins: Vec<ScorePlugin>,
    /// Preemption: the node nominated for the pod and the pods evicted there.
    pub nominated_node: Option<String>,
    /// Nodes equally good for preemption, each with its victims (the real choice starts at
    /// a random offset).
    pub nominated_among: Vec<default_preemption::Nominee>,
    pub preemption_victims: Vec<String>,
    /// Set when default-scheduler does not try the pod: it names `spec.nodeName` (already
    /// bound), another `schedulerName`, or has scheduling gates. The matrix is still computed.
    pub bypassed: Option<String>,
    /// Things podplay did not model for this input.
    pub notes: Vec<String>,
}

/// The `Scheduled` event's note once the pod is bound: `"Successfully assigned %v/%v to %v"`
/// (pkg/scheduler/schedule_one.go `bindingCycle`). The start-up view's first event is this text.
pub fn scheduled_event(namespace: &str, name: &str, node: &str) -> String {
    format!("Successfully assigned {namespace}/{name} to {node}")
}

/// `FitError.Error()`: `0/N nodes are available: <histogram>.` — each node counts its
/// reasons once, `"<count> <reason>"` strings are sorted as strings (so `10 …` before `2 …`).
pub fn fit_error_message(
    total_nodes: usize,
    statuses: &[&[String]],
    pre_filter: Option<&str>,
    post_filter: Option<&str>,
) -> String {
    let mut msg = format!("0/{total_nodes} nodes are available:");
    if let Some(p) = pre_filter {
        msg.push_str(&format!(" {p}."));
    } else {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for reasons in statuses {
            for r in reasons.iter() {
                match counts.iter_mut().find(|(k, _)| k == r) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((r.clone(), 1)),
                }
            }
        }
        let mut parts: Vec<String> = counts.iter().map(|(r, n)| format!("{n} {r}")).collect();
        crate::small_sort::sort_by(&mut parts, |a, b| a < b);
        if !parts.is_empty() {
            msg.push_str(&format!(" {}.", parts.join(", ")));
        }
    }
    if let Some(p) = post_filter.filter(|p| !p.is_empty()) {
        msg.push_str(&format!(" {p}"));
    }
    msg
}

/// The scheduler cuts the note (and the PodScheduled message) to 1024 bytes, the last four
/// being ` ...` (schedule_one.go `truncateMessage`: `message[:1024-4] + " ..."`).
fn event_note(mut note: String) -> String {
    const MAX: usize = 1024;
    const SUFFIX: &str = " ...";
    if note.len() > MAX {
        let mut cut = MAX - SUFFIX.len();
        while !note.is_char_boundary(cut) {
            cut -= 1;
        }
        note.truncate(cut);
        note.push_str(SUFFIX);
    }
    note
}

/// The filters for one node: the first rejection stops the node.
pub(crate) fn run_filters(
    pod: &PodFacts,
    node: &NodeInfo,
    cycle: &CycleState,
    version: Version,
) -> (Vec<FilterReport>, Option<(String, Status)>) {
    let skipped = &cycle.skips;
    let mut reports = Vec::new();
    let mut failed: Option<(String, Status)> = None;
    for plugin in filters(version) {
        if let Some((_, why)) = skipped.iter().find(|(p, _)| *p == plugin) {
            reports.push(FilterReport {
                plugin: plugin.to_string(),
                status: FilterOutcome::Skipped,
                code: None,
                reasons: Vec::new(),
                note: Some(why.to_string()),
            });
            continue;
        }
        if let Some((by, _)) = &failed {
            reports.push(FilterReport {
                plugin: plugin.to_string(),
                status: FilterOutcome::NotReached,
                code: None,
                reasons: Vec::new(),
                note: Some(format!("{by} already rejected the node")),
            });
            continue;
        }
        let status = match plugin {
            node_unschedulable::NAME => node_unschedulable::filter(pod, node, version),
            node_name::NAME => node_name::filter(pod, node),
            taint_toleration::NAME => taint_toleration::filter(pod, node, version),
            node_affinity::NAME => node_affinity::filter(pod, node),
            node_ports::NAME => node_ports::filter(pod, node),
            node_resources_fit::NAME => node_resources_fit::filter(pod, node, version),
            pod_topology_spread::NAME => pod_topology_spread::filter(pod, node, &cycle.spread),
            inter_pod_affinity::NAME => inter_pod_affinity::filter(pod, node, &cycle.affinity),
            node_declared_features::NAME => node_declared_features::filter(pod, node),
            _ => None,
        };
        match status {
            None => reports.push(FilterReport {
                plugin: plugin.to_string(),
                status: FilterOutcome::Passed,
                code: None,
                reasons: Vec::new(),
                note: None,
            }),
            Some(s) => {
                reports.push(FilterReport {
                    plugin: plugin.to_string(),
                    status: FilterOutcome::Rejected,
                    code: Some(s.code),
                    reasons: s.reasons.clone(),
                    note: s.detail.clone(),
                });
                failed = Some((plugin.to_string(), s));
            }
        }
    }
    (reports, failed)
}

/// Nodes as the scheduler's cache holds them: scheme-defaulted, each with the pods bound to it
/// (pods in a terminal phase are not in the scheduler's informer).
pub fn node_infos(nodes: &[Value], running: &[Value], version: Version) -> Vec<NodeInfo> {
    nodes
        .iter()
        .map(|n| {
            let node = crate::defaulting::cluster_objects::node_with_defaults(n);
            let name = node
                .at("/metadata/name")
                .and_then(Value::as_str)
                .unwrap_or("");
            let bound: Vec<&Value> = running
                .iter()
                .filter(|p| p.at("/spec/nodeName").and_then(Value::as_str) == Some(name))
                .filter(|p| {
                    !matches!(
                        p.at("/status/phase").and_then(Value::as_str),
                        Some("Succeeded") | Some("Failed")
                    )
                })
                .collect();
            NodeInfo::for_version(&node, &bound, version)
        })
        .collect()
}

/// One scheduling cycle for `pod` (the admitted v1 Pod) over `nodes` (v1 Nodes) with
/// `running` (v1 Pods with `spec.nodeName`) already bound.
pub fn schedule(pod: &Value, nodes: &[Value], running: &[Value], version: Version) -> Scheduling {
    schedule_on(pod, &node_infos(nodes, running, version), version)
}

/// [`schedule`] over nodes already made into [`NodeInfo`]s ([`node_infos`]; the example
/// cluster's are made once per release, `paste::example_node_infos`).
pub fn schedule_on(pod: &Value, infos: &[NodeInfo], version: Version) -> Scheduling {
    let facts = PodFacts::new(pod, version);
    let mut out = Scheduling::default();
    if !facts.node_name.is_empty() {
        out.bypassed = Some(format!(
            "spec.nodeName is {}: the pod is bound to that node when it is created, so the scheduler never queues it (no filters, no FailedScheduling event); the kubelet there runs its own admission checks",
            facts.node_name
        ));
    } else if let Some(other) = pod
        .at("/spec/schedulerName")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty() && *n != DEFAULT_SCHEDULER)
    {
        out.bypassed = Some(format!(
            "spec.schedulerName is {other}: default-scheduler leaves the pod to that scheduler; the matrix shows what the default profile would say"
        ));
    } else if let Some(gates) = pod
        .at("/spec/schedulingGates")
        .and_then(Value::as_array)
        .filter(|g| !g.is_empty())
    {
        let names: Vec<&str> = gates
            .iter()
            .filter_map(|g| g.get("name").and_then(Value::as_str))
            .collect();
        out.bypassed = Some(format!(
            "the pod has scheduling gates [{}]: it waits (condition PodScheduled=False, reason SchedulingGated, \"Scheduling is blocked due to non-empty scheduling gates\") until every gate is removed; the matrix shows what would happen then",
            names.join(" ")
        ));
    }
    let claims = pod
        .at("/spec/resourceClaims")
        .and_then(Value::as_array)
        .is_some_and(|c| !c.is_empty());
    if claims {
        out.notes.push("the pod has resourceClaims: DynamicResources (DRA) is not modelled; podplay schedules as if the claims were allocatable everywhere, and a real FailedScheduling message would not say \"no new claims to deallocate\"".into());
    }
    let pvcs = pod
        .at("/spec/volumes")
        .and_then(Value::as_array)
        .is_some_and(|v| {
            v.iter()
                .any(|v| v.get("persistentVolumeClaim").is_some() || v.get("ephemeral").is_some())
        });
    if pvcs {
        out.notes.push("the pod uses PersistentVolumeClaims: VolumeBinding, VolumeZone, VolumeRestrictions and NodeVolumeLimits are not modelled; podplay assumes the claims exist and are bound (a missing claim makes the real scheduler say `persistentvolumeclaim \"<name>\" not found`)".into());
    }
    if infos.is_empty() {
        out.message = Some(NO_NODES.to_string());
        return out;
    }

    // PreFilter: NodeAffinity may pin node names or find the terms contradictory.
    let cycle = CycleState::new(&facts, infos, version);
    let pre = node_affinity::pre_filter(&facts);
    let pre_filter_msg =
        (pre == node_affinity::PreFilter::Conflict).then_some(node_affinity::REASON_CONFLICT);
    let absent_reason = format!("node(s) didn't satisfy plugin(s) [{}]", node_affinity::NAME);
    let mut statuses: Vec<Option<Status>> = Vec::new();
    for info in infos {
        let excluded = match &pre {
            node_affinity::PreFilter::Conflict => Some(node_affinity::REASON_CONFLICT.to_string()),
            node_affinity::PreFilter::Only(names) if !names.contains(&info.name) => {
                Some(absent_reason.clone())
            }
            _ => None,
        };
        if let Some(reason) = excluded {
            let filters = filters(version)
                .iter()
                .map(|p| FilterReport {
                    plugin: p.to_string(),
                    status: FilterOutcome::NotReached,
                    code: None,
                    reasons: Vec::new(),
                    note: Some(format!(
                        "{}'s PreFilter left this node out: {reason}",
                        node_affinity::NAME
                    )),
                })
                .collect();
            let plugin = (pre == node_affinity::PreFilter::Conflict)
                .then(|| node_affinity::NAME.to_string());
            out.nodes.push(NodeReport {
                name: info.name.clone(),
                feasible: false,
                plugin,
                code: Some(Code::UnschedulableAndUnresolvable),
                reasons: vec![reason.clone()],
                filters,
                scores: Vec::new(),
                total: None,
                preemption: None,
            });
            statuses.push(Some(Status::new(
                Code::UnschedulableAndUnresolvable,
                reason,
            )));
            continue;
        }
        let (filters, failed) = run_filters(&facts, info, &cycle, version);
        let (plugin, code, reasons) = match &failed {
            Some((p, s)) => (Some(p.clone()), Some(s.code), s.reasons.clone()),
            None => (None, None, Vec::new()),
        };
        out.nodes.push(NodeReport {
            name: info.name.clone(),
            feasible: failed.is_none(),
            plugin,
            code,
            reasons,
            filters,
            scores: Vec::new(),
            total: None,
            preemption: None,
        });
        statuses.push(failed.map(|(_, s)| s));
    }
    if out
        .nodes
        .iter()
        .any(|n| n.plugin.as_deref() == Some(node_declared_features::NAME))
    {
        out.notes.push(format!(
            "the pod needs node feature(s) {}: a kubelet lists the features it supports in its Node's status.declaredFeatures (a default {version} kubelet: {}); a Node written by hand lists none, so NodeDeclaredFeatures rejects it",
            facts.required_features.join(", "),
            node_declared_features::kubelet_declared(version).join(", ")
        ));
    }
    let mut feasible: Vec<usize> = (0..infos.len())
        .filter(|i| statuses[*i].is_none())
        .collect();
    out.feasible_nodes = feasible.iter().map(|i| infos[*i].name.clone()).collect();
    crate::small_sort::sort_by(&mut out.feasible_nodes, |a, b| a < b);
    if out.bypassed.is_some() {
        // The matrix shows what the filters would say; no event, no preemption, no scores.
        return out;
    }

    if feasible.is_empty() {
        // PostFilter: DynamicResources (1.34+), then DefaultPreemption.
        let pre_result = default_preemption::preempt(&facts, infos, &statuses, version);
        for (node, note) in out.nodes.iter_mut().zip(pre_result.per_node.iter()) {
            node.preemption = note.clone();
        }
        let mut post = Vec::new();
        let dra = version.wording("scheduler.postfilter.dra");
        if !dra.is_empty() && version.gate("DynamicResourceAllocation") {
            post.push(dra.to_string());
        }
        match pre_result.outcome {
            default_preemption::Outcome::Nominated {
                node,
                among,
                victims,
            } => {
                // A successful PostFilter ends the PostFilter phase: no PostFilter message.
                post.clear();
                out.nominated_node = node;
                out.nominated_among = among;
                out.preemption_victims = victims;
            }
            default_preemption::Outcome::Failed(msg) => post.push(msg),
        }
        let post_msg = (!post.is_empty()).then(|| post.join(", "));
        let reasons: Vec<&[String]> = statuses
            .iter()
            .flatten()
            .map(|s| s.reasons.as_slice())
            .collect();
        out.message = Some(event_note(fit_error_message(
            infos.len(),
            &reasons,
            pre_filter_msg,
            post_msg.as_deref(),
        )));
        out.post_filter_message = post_msg;
        return out;
    }

    let to_find = num_feasible_nodes_to_find(infos.len());
    if feasible.len() > to_find {
        out.notes.push(format!(
            "with {} nodes the real scheduler stops filtering once it has found {to_find} feasible nodes (percentageOfNodesToScore, adaptive by default) and scores only those; which ones it finds depends on its parallel search, so the winner here is the best of all {} feasible nodes",
            infos.len(),
            feasible.len()
        ));
    }
    if feasible.len() == 1 {
        let winner = infos[feasible[0]].name.clone();
        out.scheduled_event = Some(scheduled_event(&facts.namespace, &facts.name, &winner));
        out.assigned_to = Some(winner);
        out.notes.push(
            "only one node is feasible: the scheduler binds the pod there without scoring".into(),
        );
        return out;
    }

    score_nodes(pod, &facts, infos, &mut feasible, &mut out, version);
    out
}

/// Score plugins of the default profile with their default weights (`default_plugins.go`).
fn score_plugins(
    pod: &PodFacts,
    spread_scores: bool,
    pod_affinity_scores: bool,
) -> Vec<ScorePlugin> {
    let p = |plugin: &str, weight: i64, skipped: Option<&str>| ScorePlugin {
        plugin: plugin.to_string(),
        weight,
        skipped: skipped.map(str::to_string),
    };
    vec![
        p(taint_toleration::NAME, taint_toleration::WEIGHT, None),
        p(
            node_affinity::NAME,
            node_affinity::WEIGHT,
            node_affinity::score_skip(pod),
        ),
        p(node_resources_fit::NAME, node_resources_fit::WEIGHT, None),
        p(
            pod_topology_spread::NAME,
            pod_topology_spread::SCORE_WEIGHT,
            (!spread_scores).then_some(if !pod.spread.is_empty() {
                "the pod's constraints are all DoNotSchedule: they filter, and nothing is left to score (PreScore returns Skip)"
            } else {
                "the pod has no topologySpreadConstraints; the cluster default constraints (ScheduleAnyway, by hostname and zone) apply only to pods a Service, ReplicaSet or StatefulSet selects, which podplay does not look for (PreScore returns Skip)"
            }),
        ),
        p(
            inter_pod_affinity::NAME,
            inter_pod_affinity::SCORE_WEIGHT,
            (!pod_affinity_scores).then_some(
                "no preferred pod (anti-)affinity of the pod, and no affinity term of a running pod, applies (PreScore returns Skip)",
            ),
        ),
        p(
            balanced_allocation::NAME,
            balanced_allocation::WEIGHT,
            balanced_allocation::score_skip(pod),
        ),
        p(image_locality::NAME, image_locality::WEIGHT, None),
    ]
}

/// `numFeasibleNodesToFind` with the default `percentageOfNodesToScore` (0 = adaptive):
/// every node below 100 nodes; otherwise `50 − nodes/125` percent (at least 5 %), at least 100.
pub fn num_feasible_nodes_to_find(nodes: usize) -> usize {
    const MIN_NODES: usize = 100;
    if nodes < MIN_NODES {
        return nodes;
    }
    let percentage = 50usize.saturating_sub(nodes / 125).max(5);
    (nodes * percentage / 100).max(MIN_NODES)
}

/// `helper.DefaultNormalizeScore`: scale to 0–100 against the highest score; `reverse`
/// turns "more is worse" counts into scores (all 100 when every count is 0).
pub fn default_normalize(scores: &mut [i64], reverse: bool) {
    let max = scores.iter().copied().max().unwrap_or(0).max(0);
    if max == 0 {
        if reverse {
            scores.iter_mut().for_each(|s| *s = MAX_NODE_SCORE);
        }
        return;
    }
    for s in scores.iter_mut() {
        let v = MAX_NODE_SCORE * *s / max;
        *s = if reverse { MAX_NODE_SCORE - v } else { v };
    }
}

fn score_nodes(
    raw_pod: &Value,
    pod: &PodFacts,
    infos: &[NodeInfo],
    feasible: &mut [usize],
    out: &mut Scheduling,
    version: Version,
) {
    let affinity_scores = inter_pod_affinity::score_state(raw_pod, pod, infos, version);
    let feasible_infos: Vec<&NodeInfo> = feasible.iter().map(|i| &infos[*i]).collect();
    let feasible_names: Vec<&str> = feasible_infos.iter().map(|n| n.name.as_str()).collect();
    let spread_scores = pod_topology_spread::score_state(pod, &feasible_infos, infos, version);
    let plugins = score_plugins(pod, spread_scores.is_some(), affinity_scores.is_some());
    let mut totals = vec![0i64; feasible.len()];
    for plugin in &plugins {
        if plugin.skipped.is_some() {
            continue;
        }
        let raw: Vec<i64> = feasible
            .iter()
            .map(|i| {
                let node = &infos[*i];
                match plugin.plugin.as_str() {
                    taint_toleration::NAME => taint_toleration::score(pod, node, version),
                    node_affinity::NAME => node_affinity::score(pod, node),
                    node_resources_fit::NAME => node_resources_fit::score(pod, node),
                    balanced_allocation::NAME => balanced_allocation::score(pod, node, version),
                    image_locality::NAME => image_locality::score(pod, node, infos),
                    pod_topology_spread::NAME => spread_scores
                        .as_ref()
                        .map_or(0, |st| pod_topology_spread::score(pod, st, node)),
                    inter_pod_affinity::NAME => affinity_scores
                        .as_deref()
                        .map_or(0, |st| inter_pod_affinity::score(st, node)),
                    _ => 0,
                }
            })
            .collect();
        let mut normalized = raw.clone();
        match plugin.plugin.as_str() {
            taint_toleration::NAME => default_normalize(&mut normalized, true),
            node_affinity::NAME => default_normalize(&mut normalized, false),
            inter_pod_affinity::NAME => inter_pod_affinity::normalize(&mut normalized),
            pod_topology_spread::NAME => {
                if let Some(st) = &spread_scores {
                    pod_topology_spread::normalize(st, &feasible_names, &mut normalized);
                }
            }
            _ => {}
        }
        for (k, i) in feasible.iter().enumerate() {
            let weighted = normalized[k] * plugin.weight;
            totals[k] += weighted;
            if let Some(n) = out.nodes.iter_mut().find(|n| n.name == infos[*i].name) {
                n.scores.push(ScoreReport {
                    plugin: plugin.plugin.clone(),
                    raw: raw[k],
                    score: normalized[k],
                    weight: plugin.weight,
                    weighted,
                });
            }
        }
    }
    for (k, i) in feasible.iter().enumerate() {
        if let Some(n) = out.nodes.iter_mut().find(|n| n.name == infos[*i].name) {
            n.total = Some(totals[k]);
        }
    }
    out.score_plugins = plugins;
    let best = totals.iter().copied().max().unwrap_or(0);
    let mut top: Vec<String> = feasible
        .iter()
        .zip(&totals)
        .filter(|(_, t)| **t == best)
        .map(|(i, _)| infos[*i].name.clone())
        .collect();
    crate::small_sort::sort_by(&mut top, |a, b| a < b);
    if top.len() == 1 {
        let winner = top.remove(0);
        out.scheduled_event = Some(scheduled_event(&pod.namespace, &pod.name, &winner));
        out.assigned_to = Some(winner);
    } else {
        out.tie = Some(format!(
            "{} nodes share the top score {best}. The scheduler does not pick one at random: without extenders every node's random tie-breaker is 0 (prioritizeNodes sets it only for extenders), so the winner is whichever the heap ordering over the feasible list puts first, and that list's order depends on the node snapshot and on which parallel filter goroutine finished first. Any of them may be chosen.",
            top.len()
        ));
        out.assigned_among = top;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_sorts_as_strings() {
        let taint = vec!["node(s) had untolerated taint(s)".to_string()];
        let both = vec![
            "Insufficient cpu".to_string(),
            "Insufficient memory".to_string(),
        ];
        let mem = vec!["Insufficient memory".to_string()];
        let mut statuses: Vec<&[String]> = vec![both.as_slice(), mem.as_slice()];
        statuses.extend(std::iter::repeat_n(taint.as_slice(), 10));
        assert_eq!(
            fit_error_message(12, &statuses, None, None),
            "0/12 nodes are available: 1 Insufficient cpu, 10 node(s) had untolerated taint(s), 2 Insufficient memory."
        );
        assert_eq!(
            fit_error_message(
                3,
                &[],
                Some("pod affinity terms conflict"),
                Some("preemption: x")
            ),
            "0/3 nodes are available: pod affinity terms conflict. preemption: x"
        );
    }

    #[test]
    fn event_note_is_cut_at_1024_bytes() {
        assert_eq!(event_note("short".into()), "short");
        let long = event_note("x".repeat(2000));
        assert_eq!(long.len(), 1024);
        assert_eq!(&long[1016..], "xxxx ...");
    }

    #[test]
    fn pods_the_default_scheduler_does_not_try() {
        let v = Version::new(1, 36);
        let nodes = vec![
            serde_json::json!({"metadata": {"name": "n1"}, "status": {"allocatable": {"cpu": "1", "pods": "10"}}}),
        ];
        for (spec, starts) in [
            (
                serde_json::json!({"schedulerName": "my-scheduler", "containers": []}),
                "spec.schedulerName is my-scheduler",
            ),
            (
                serde_json::json!({"schedulingGates": [{"name": "a"}, {"name": "b"}], "containers": []}),
                "the pod has scheduling gates [a b]",
            ),
        ] {
            let pod = serde_json::json!({"metadata": {"name": "p"}, "spec": spec});
            let out = schedule(&pod, &nodes, &[], v);
            assert!(out.bypassed.as_deref().unwrap().starts_with(starts));
            assert_eq!(out.message, None);
            assert_eq!(out.assigned_to, None);
            assert_eq!(out.feasible_nodes, vec!["n1".to_string()]);
        }
    }

    #[test]
    fn feasible_nodes_to_find() {
        assert_eq!(num_feasible_nodes_to_find(50), 50);
        assert_eq!(num_feasible_nodes_to_find(150), 100);
        // 1000 nodes: 50 − 8 = 42 %.
        assert_eq!(num_feasible_nodes_to_find(1000), 420);
        // 6000 nodes: 50 − 48 = 2 % → 5 %.
        assert_eq!(num_feasible_nodes_to_find(6000), 300);
    }

    #[test]
    fn normalize_rows() {
        let mut s = vec![0, 1, 2];
        default_normalize(&mut s, true);
        assert_eq!(s, vec![100, 50, 0]);
        let mut s = vec![0, 0];
        default_normalize(&mut s, true);
        assert_eq!(s, vec![100, 100]);
        let mut s = vec![0, 50];
        default_normalize(&mut s, false);
        assert_eq!(s, vec![0, 100]);
    }
}
