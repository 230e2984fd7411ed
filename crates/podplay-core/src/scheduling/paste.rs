//! The scheduling view: the subject pod goes through the create pipeline (so Priority,
//! DefaultTolerationSeconds and RuntimeClass admission are the real ones), running Pods
//! through the same mutating chain (priority, overhead), then one scheduling cycle over the
//! pasted Nodes — or the example cluster when there are none.

use super::merge::{self, MergeReport};
use super::node_info::NodeInfo;
use super::{node_infos, schedule_on, Scheduling, EXAMPLE_CLUSTER};
use crate::cluster::ClusterContext;
use crate::defaulting::cluster_objects::set_defaults_node;
use crate::input;
use crate::options::Options;
use crate::pipeline::{self, AdmitInput, AdmitResult};
use crate::pod_json::Pointer;
use crate::versions::{Version, SUPPORTED};
use crate::views::ViewInput;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::sync::OnceLock;

/// Where the nodes came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum NodeSource {
    Paste,
    ExampleCluster,
}

/// The admitted pod's scheduling fields, as Kubernetes serializes them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmittedPod {
    pub node_selector: Value,
    pub tolerations: Value,
    pub overhead: Value,
    pub priority: Value,
    pub preemption_policy: Value,
    pub priority_class_name: Value,
}

/// A node's name and labels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeLabels {
    pub name: String,
    pub labels: Value,
}

/// The whole scheduling view: the RuntimeClass merge, then the scheduler.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleReport {
    pub kubernetes_version: String,
    /// `namespace/name` of the pod scheduled.
    pub pod: Option<String>,
    pub node_source: NodeSource,
    #[serde(default)]
    pub merge: Option<MergeReport>,
    /// The create pipeline's rejection (then nothing is scheduled).
    pub admission_error: Option<String>,
    pub admission_error_plugin: Option<String>,
    pub admitted_pod: Option<AdmittedPod>,
    /// Present when the pod was created. Nested, not flattened (size budget: see
    /// `defaults_view::ChangeView`); `podplay schedule` lifts its keys to the top level.
    pub scheduling: Option<Scheduling>,
    /// Every node's labels (for the label-selector tester), in node order.
    #[serde(default)]
    pub node_labels: Vec<NodeLabels>,
    /// The pod's own labels.
    #[serde(default)]
    pub pod_labels: Value,
    /// Problems reading the paste, and pods left out.
    #[serde(default)]
    pub diagnostics: Vec<String>,
}

impl ScheduleReport {
    /// The report as one flat JSON object, the scheduling result's keys (`nodes`, `message`,
    /// `assignedTo`, …) at the top level: `podplay schedule`'s JSON contract. (The report
    /// itself nests them under `scheduling`, see the field.)
    pub fn flat_json(&self) -> Value {
        let mut json = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Some(object) = json.as_object_mut() {
            if let Some(Value::Object(scheduling)) = object.remove("scheduling") {
                object.extend(scheduling);
            }
        }
        json
    }
}

fn node_name(pod: &Value) -> &str {
    pod.at("/spec/nodeName")
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// The Nodes of the example cluster (decoded as `version` decodes them). Read once per
/// supported version for the whole process and lent, not copied: the view runs on every
/// analysis, and parsing and decoding the example's YAML each time took about a third of a
/// seed pod's whole analysis (another version is read on every call).
pub fn example_nodes(version: Version) -> Cow<'static, [Value]> {
    static READ: [OnceLock<Vec<Value>>; SUPPORTED.len()] =
        [const { OnceLock::new() }; SUPPORTED.len()];
    match SUPPORTED.iter().position(|v| *v == version) {
        Some(i) => Cow::Borrowed(READ[i].get_or_init(|| read_example_nodes(version))),
        None => Cow::Owned(read_example_nodes(version)),
    }
}

/// The example cluster's Nodes as the scheduler holds them with no pod bound ([`NodeInfo`]):
/// made once per supported version, like [`example_nodes`] (building them on every analysis
/// was about 3% of a seed pod's).
pub fn example_node_infos(version: Version) -> Cow<'static, [NodeInfo]> {
    static MADE: [OnceLock<Vec<NodeInfo>>; SUPPORTED.len()] =
        [const { OnceLock::new() }; SUPPORTED.len()];
    let make = || node_infos(&example_nodes(version), &[], version);
    match SUPPORTED.iter().position(|v| *v == version) {
        Some(i) => Cow::Borrowed(MADE[i].get_or_init(make)),
        None => Cow::Owned(make()),
    }
}

fn read_example_nodes(version: Version) -> Vec<Value> {
    input::read_documents(EXAMPLE_CLUSTER, version)
        .unwrap_or_default()
        .into_iter()
        .filter(|d| d.kind == "Node")
        .filter_map(|d| d.decoded.filter(|x| x.error.is_none()).map(|x| x.value))
        // Stored as the API server stores them (allocatable := capacity), so the scheduler
        // (which defaults every Node it reads) needs no copy of them.
        .map(|mut node| {
            set_defaults_node(&mut node);
            // A real kubelet of this release publishes the features it declares.
            let declared = super::node_declared_features::kubelet_declared(version);
            if !declared.is_empty() {
                node["status"]["declaredFeatures"] = serde_json::json!(declared);
            }
            node
        })
        .collect()
}

fn admission_error(r: &AdmitResult) -> Option<(String, String)> {
    if let Some(e) = &r.admission_error {
        return Some((e.message.clone(), e.plugin.clone()));
    }
    if let Some(msg) = pipeline::validation_message(r) {
        return Some((msg, "validation".into()));
    }
    r.validating_admission_error
        .as_ref()
        .map(|e| (e.message.clone(), format!("{} (validating)", e.plugin)))
}

/// The view the page shows: with no Node in the paste or the cluster context it schedules on the example cluster
/// (and says so in `nodeSource`), so there is always something to look at.
pub fn view(input: &ViewInput) -> Option<ScheduleReport> {
    Some(report(input, true))
}

/// Reads the paste and `options.context_text` (input::read_with_context → pipeline::create →
/// this view, the page's path). With no Node in either, `example_cluster` decides between the example cluster and a cluster without
/// nodes (`no nodes available to schedule pods`, what a real scheduler says; the CLI's
/// default).
pub fn analyze(text: &str, options: &Options, example_cluster: bool) -> ScheduleReport {
    let read = input::read_with_context(text, &options.context_text, options.version);
    let diagnostics: Vec<String> = read.diagnostics.iter().map(|d| d.message.clone()).collect();
    let subject = match &read.subject {
        Some(s) if s.decode_error.is_none() => s,
        _ => {
            return ScheduleReport {
                kubernetes_version: options.version.to_string(),
                pod: None,
                node_source: NodeSource::Paste,
                merge: None,
                admission_error: None,
                admission_error_plugin: None,
                admitted_pod: None,
                scheduling: None,
                node_labels: Vec::new(),
                pod_labels: Value::Null,
                diagnostics,
            }
        }
    };
    let result = pipeline::create(subject, &read.context, options);
    let shown = result.shown_pod();
    let mut out = report(
        &ViewInput {
            pod: shown,
            created: result.pod.is_some(),
            admit: &result,
            subject,
            context: &read.context,
            options,
        },
        example_cluster,
    );
    out.diagnostics.splice(0..0, diagnostics);
    out
}

/// The RuntimeClass merge, then one scheduling cycle, for the pipeline's result in `input`.
pub fn report(input: &ViewInput, example_cluster: bool) -> ScheduleReport {
    let options = input.options;
    let subject = input.subject;
    let name = subject
        .pod
        .at("/metadata/name")
        .or_else(|| input.pod.at("/metadata/name"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let mut report = ScheduleReport {
        kubernetes_version: options.version.to_string(),
        pod: Some(format!("{}/{name}", subject.request_namespace(options))),
        node_source: NodeSource::Paste,
        merge: None,
        admission_error: None,
        admission_error_plugin: None,
        admitted_pod: None,
        scheduling: None,
        node_labels: Vec::new(),
        pod_labels: Value::Null,
        diagnostics: Vec::new(),
    };
    let mut nodes: Cow<[Value]> = input.context.of_kind("Node").cloned().collect();
    if nodes.is_empty() && example_cluster {
        nodes = example_nodes(options.version);
        report.node_source = NodeSource::ExampleCluster;
    }
    let labels_of = |v: &Value| {
        v.at("/metadata/labels")
            .cloned()
            .unwrap_or_else(|| Value::Object(Map::new()))
    };
    report.node_labels = nodes
        .iter()
        .map(|n| NodeLabels {
            name: n
                .at("/metadata/name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            labels: labels_of(n),
        })
        .collect();
    report.pod_labels = labels_of(input.pod);

    // The pod as RuntimeClass admission received it: the same request without that plugin.
    let result = input.admit;
    let mut without_rc = options.clone();
    without_rc.admission.runtime_class = false;
    let rc_name = subject
        .pod
        .at("/spec/runtimeClassName")
        .and_then(Value::as_str);
    let runtime_classes: Vec<&Value> = input.context.of_kind("RuntimeClass").collect();
    report.merge = merge::report(rc_name, &runtime_classes, result, || {
        pipeline::create(subject, input.context, &without_rc)
    });
    if let Some(admitted) = result.admitted_pod() {
        let f = |k: &str| {
            admitted
                .at(&format!("/spec/{k}"))
                .cloned()
                .unwrap_or(Value::Null)
        };
        report.admitted_pod = Some(AdmittedPod {
            node_selector: f("nodeSelector"),
            tolerations: f("tolerations"),
            overhead: f("overhead"),
            priority: f("priority"),
            preemption_policy: f("preemptionPolicy"),
            priority_class_name: f("priorityClassName"),
        });
    }
    if let Some((message, plugin)) = admission_error(result) {
        report.admission_error = Some(message);
        report.admission_error_plugin = Some(plugin);
        report.admitted_pod = None;
        return report;
    }
    let Some(created) = result.pod.as_ref() else {
        return report;
    };

    // Running pods: the same mutating chain (priority, overhead); the stored object otherwise.
    // The cluster they are admitted in is made once, on the first running pod, without the
    // Pods and Nodes admission never reads (`ClusterContext::for_admission`).
    let mut running = Vec::new();
    let mut cluster = None;
    for p in input.context.of_kind("Pod") {
        if node_name(p).is_empty() {
            report.diagnostics.push(format!(
                "Pod {} has no spec.nodeName: only the first such Pod is scheduled; it is ignored",
                p.at("/metadata/name").and_then(Value::as_str).unwrap_or("")
            ));
            continue;
        }
        let mut settings = options.admission.clone();
        settings.service_account = false;
        let namespace = p
            .at("/metadata/namespace")
            .and_then(Value::as_str)
            .filter(|ns| !ns.is_empty())
            .map(str::to_string)
            .or_else(|| options.namespace.clone())
            .unwrap_or_else(|| "default".into());
        let cluster =
            cluster.get_or_insert_with(|| pipeline::stored_cluster(input.context.for_admission()));
        let request = AdmitInput {
            pod: p.clone(),
            cluster: ClusterContext::default(),
            request_namespace: namespace,
            settings,
            version: options.version,
            seed: None,
            // The admitted pod is read (or the defaulted one, when admission refused it).
            stages: pipeline::Stages::All,
            quantity_texts: Vec::new(),
        };
        let r = pipeline::run_stored(request, cluster);
        running.push(r.admitted.unwrap_or(r.scheme_defaulted));
    }
    // With no running pod, the example cluster's nodes are as made once for the release.
    let infos = if report.node_source == NodeSource::ExampleCluster && running.is_empty() {
        example_node_infos(options.version)
    } else {
        Cow::Owned(node_infos(&nodes, &running, options.version))
    };
    report.scheduling = Some(schedule_on(created, &infos, options.version));
    report
}

impl ScheduleReport {
    /// The nodes a label selector matches (in node order) and whether it matches the pod's
    /// labels, for the label-selector tester.
    pub fn selector_matches(&self, selector: &crate::labels::Selector) -> (Vec<String>, bool) {
        let empty = Map::new();
        let matches = |v: &Value| selector.matches(v.as_object().unwrap_or(&empty));
        let nodes = self
            .node_labels
            .iter()
            .filter(|n| matches(&n.labels))
            .map(|n| n.name.clone())
            .collect();
        (nodes, matches(&self.pod_labels))
    }
}

/// The admitted pod's fields as a JSON object (for tests and the CLI's text output).
pub fn admitted_fields(pod: &AdmittedPod) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("nodeSelector".into(), pod.node_selector.clone());
    m.insert("tolerations".into(), pod.tolerations.clone());
    m.insert("overhead".into(), pod.overhead.clone());
    m.insert("priority".into(), pod.priority.clone());
    m.insert("preemptionPolicy".into(), pod.preemption_policy.clone());
    m.insert("priorityClassName".into(), pod.priority_class_name.clone());
    m
}
