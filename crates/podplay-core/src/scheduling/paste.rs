//! The scheduling view over a pasted multi-document file: the subject Pod goes through the
//! create pipeline (so Priority, DefaultTolerationSeconds and RuntimeClass admission are the
//! real ones), running Pods through the same mutating chain (priority, overhead), then one
//! scheduling cycle over the pasted Nodes — or the example cluster when there are none.

use super::merge::{self, MergeReport};
use super::{schedule, Scheduling, EXAMPLE_CLUSTER};
use crate::admit::{self, AdmitInput, AdmitResult, Cluster};
use crate::report::{kubernetes_yaml_error, read_documents, InputDocument, Options};
use serde::Serialize;
use serde_json::{Map, Value};

/// Kinds the pipeline reads as cluster context.
const CONTEXT_KINDS: &[&str] = &[
    "ServiceAccount",
    "Secret",
    "RuntimeClass",
    "PriorityClass",
    "LimitRange",
    "Namespace",
];

/// Where the nodes came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum NodeSource {
    Paste,
    ExampleCluster,
}

/// The admitted pod's scheduling fields, as Kubernetes serializes them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmittedPod {
    pub node_selector: Value,
    pub tolerations: Value,
    pub overhead: Value,
    pub priority: Value,
    pub preemption_policy: Value,
    pub priority_class_name: Value,
}

/// The whole scheduling view: the RuntimeClass merge, then the scheduler.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleReport {
    pub kubernetes_version: String,
    /// `namespace/name` of the pod scheduled.
    pub pod: Option<String>,
    pub node_source: NodeSource,
    pub merge: Option<MergeReport>,
    /// The create pipeline's rejection (then nothing is scheduled).
    pub admission_error: Option<String>,
    pub admission_error_plugin: Option<String>,
    pub admitted_pod: Option<AdmittedPod>,
    /// Present when the pod was created.
    #[serde(flatten)]
    pub scheduling: Option<Scheduling>,
    /// Problems reading the paste.
    pub diagnostics: Vec<String>,
}

fn is_pod(d: &InputDocument) -> bool {
    d.kind == "Pod" && d.decoded.as_ref().is_some_and(|x| x.error.is_none())
}

fn value(d: &InputDocument) -> Option<&Value> {
    d.decoded
        .as_ref()
        .filter(|x| x.error.is_none())
        .map(|x| &x.value)
}

fn node_name(pod: &Value) -> &str {
    pod.pointer("/spec/nodeName")
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// The Nodes of the example cluster (decoded).
pub fn example_nodes() -> Vec<Value> {
    read_documents(EXAMPLE_CLUSTER)
        .unwrap_or_default()
        .iter()
        .filter(|d| d.kind == "Node")
        .filter_map(value)
        .cloned()
        .collect()
}

fn request(pod: Value, cluster: &Cluster, options: &Options) -> AdmitInput {
    let namespace = pod
        .pointer("/metadata/namespace")
        .and_then(Value::as_str)
        .filter(|ns| !ns.is_empty())
        .map(str::to_string)
        .or_else(|| options.namespace.clone())
        .unwrap_or_else(|| "default".into());
    AdmitInput {
        pod,
        cluster: cluster.clone(),
        request_namespace: namespace,
        settings: options.admission.clone(),
        version: options.version,
        seed: None,
    }
}

fn admission_error(r: &AdmitResult) -> Option<(String, String)> {
    if let Some(e) = &r.admission_error {
        return Some((e.message.clone(), e.plugin.clone()));
    }
    if let Some(msg) = admit::validation_message(r) {
        return Some((msg, "validation".into()));
    }
    r.validating_admission_error
        .as_ref()
        .map(|e| (e.message.clone(), format!("{} (validating)", e.plugin)))
}

/// Reads the paste and runs admission and one scheduling cycle. With no Node in the paste,
/// `example_cluster` decides between the example cluster (the UI's default, the person can
/// edit it) and a cluster without nodes (`no nodes available to schedule pods`, what a real
/// scheduler says; the CLI's default).
pub fn analyze(text: &str, options: &Options, example_cluster: bool) -> ScheduleReport {
    let mut report = ScheduleReport {
        kubernetes_version: options.version.to_string(),
        pod: None,
        node_source: NodeSource::Paste,
        merge: None,
        admission_error: None,
        admission_error_plugin: None,
        admitted_pod: None,
        scheduling: None,
        diagnostics: Vec::new(),
    };
    let docs = match read_documents(text) {
        Ok(d) => d,
        Err(e) => {
            report.diagnostics.push(kubernetes_yaml_error(&e));
            return report;
        }
    };
    for d in &docs {
        if let Some(e) = d.decoded.as_ref().and_then(|x| x.error.as_ref()) {
            report.diagnostics.push(format!(
                "document {} ({}): {}",
                d.index + 1,
                d.kind,
                e.message
            ));
        }
    }
    // The subject: the first Pod without spec.nodeName; if every Pod has one, the first Pod.
    let pods: Vec<&InputDocument> = docs.iter().filter(|d| is_pod(d)).collect();
    let subject = pods
        .iter()
        .position(|d| value(d).is_some_and(|v| node_name(v).is_empty()))
        .or(if pods.is_empty() { None } else { Some(0) });
    let Some(subject) = subject else {
        report
            .diagnostics
            .push("no Pod found: paste a document with `kind: Pod`".into());
        return report;
    };
    let mut cluster = Cluster::default();
    let mut runtime_classes = Vec::new();
    let mut nodes = Vec::new();
    for d in &docs {
        let Some(v) = value(d) else { continue };
        if CONTEXT_KINDS.contains(&d.kind.as_str()) {
            cluster.objects.push(v.clone());
        }
        if d.kind == "RuntimeClass" {
            runtime_classes.push(v);
        }
        if d.kind == "Node" {
            nodes.push(v.clone());
        }
    }
    if nodes.is_empty() && example_cluster {
        nodes = example_nodes();
        report.node_source = NodeSource::ExampleCluster;
    }
    let pod = value(pods[subject]).cloned().unwrap_or(Value::Null);
    let meta = pod.get("metadata").cloned().unwrap_or_default();
    let ns = meta
        .get("namespace")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .or_else(|| options.namespace.clone())
        .unwrap_or_else(|| "default".into());
    report.pod = Some(format!(
        "{ns}/{}",
        meta.get("name").and_then(Value::as_str).unwrap_or("")
    ));

    // The pod as RuntimeClass admission received it: the same request without that plugin.
    let result = admit::admit(request(pod.clone(), &cluster, options));
    let mut without_rc = options.clone();
    without_rc.admission.runtime_class = false;
    let before = admit::admit(request(pod.clone(), &cluster, &without_rc));
    let rc_name = pod
        .pointer("/spec/runtimeClassName")
        .and_then(Value::as_str);
    report.merge = merge::report(rc_name, &runtime_classes, &result, &before);
    if let Some(admitted) = result.admitted.as_ref() {
        let f = |k: &str| {
            admitted
                .pointer(&format!("/spec/{k}"))
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
    if let Some((message, plugin)) = admission_error(&result) {
        report.admission_error = Some(message);
        report.admission_error_plugin = Some(plugin);
        report.admitted_pod = None;
        return report;
    }
    let Some(created) = result.pod.as_ref() else {
        return report;
    };

    // Running pods: the same mutating chain (priority, overhead); the stored object otherwise.
    let mut running = Vec::new();
    for (i, d) in pods.iter().enumerate() {
        if i == subject {
            continue;
        }
        let Some(p) = value(d) else { continue };
        if node_name(p).is_empty() {
            report.diagnostics.push(format!(
                "Pod {} has no spec.nodeName: only the first such Pod is scheduled; it is ignored",
                d.name
            ));
            continue;
        }
        let mut settings = options.clone();
        settings.admission.service_account = false;
        let r = admit::admit(request(p.clone(), &cluster, &settings));
        running.push(r.admitted.unwrap_or(r.scheme_defaulted));
    }
    report.scheduling = Some(schedule(created, &nodes, &running, options.version));
    report
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
