//! The one entry point: the pasted documents plus options → a serializable [`Report`].
//!
//! The UI renders a Report and the CLI prints one; neither makes a Kubernetes decision
//! itself. Every message in a Report that concerns the input carries its line and column.

use crate::admit::{self, AdmissionSettings, AdmitInput, AdmitResult, Cluster, Outcome};
use crate::changes::Change;
use crate::decode::{decode, Decoded};
use crate::kubectl_yaml;
use crate::pod_images::{self, PodImages, PodImagesInput};
use crate::schema::schema;
use crate::versions::{Version, SUPPORTED};
use crate::yaml::{self, Node, Pos};
use serde::Serialize;
use serde_json::Value;

/// What the person chose: the Kubernetes version, the request namespace, admission settings.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub version: Version,
    /// The namespace of the request (kubectl's context namespace); `default` when None.
    pub namespace: Option<String>,
    pub admission: AdmissionSettings,
    /// Whether the pod's images are already on the node (changes what the kubelet does).
    pub image_present: bool,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// A message pinned to a place in the input (when it has one).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Where in the input (1-based line and column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pos: Option<Pos>,
    /// The Kubernetes field path it concerns, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Which step produced it: `yaml`, `decode`, `admission:<Plugin>`, `validation`, ...
    pub source: String,
}

/// One document of the paste and what podplay did with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentSummary {
    pub index: usize,
    pub kind: String,
    pub name: String,
    pub pos: Pos,
    /// `subject` (the pod analysed), `context` (cluster object used), or `ignored`.
    pub role: String,
    pub note: String,
}

/// A line of the resulting object in kubectl's format, with the change that added it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutputLine {
    pub text: String,
    pub path: String,
    /// Index into [`AdmitView::changes`] of the change that added or changed this line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<usize>,
}

/// A change, with the line of the output it shows on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeView {
    #[serde(flatten)]
    pub change: Change,
    /// 1-based line in `output` (None when the field is not in the final object).
    pub output_line: Option<usize>,
    /// The kubernetes.io page that explains the rule.
    pub doc: Option<crate::docs::DocLink>,
}

/// The create pipeline's result, shaped for display.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmitView {
    pub outcome: Outcome,
    /// The object the server would store (or the last stage reached when rejected), as kubectl prints it.
    pub output: Vec<OutputLine>,
    /// Whether `output` is the created pod (true) or the last stage before a rejection.
    pub created: bool,
    /// What the API server answers, as one message: `pod/<name> created` or the error text
    /// (`Pod "x" is invalid: [...]`, `pods "x" is forbidden: ...`).
    pub server_message: String,
    pub changes: Vec<ChangeView>,
    /// Errors in Kubernetes' wording, each pinned to its input line where possible.
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// The raw pipeline result (stages, plugin list), for the CLI and conformance checks.
    pub result: AdmitResult,
}

/// Everything podplay has to say about a paste.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub kubernetes_version: String,
    pub supported_versions: Vec<String>,
    pub documents: Vec<DocumentSummary>,
    /// The document analysed as the pod, with a note when it is a workload's template.
    pub subject: Option<DocumentSummary>,
    /// Every problem and hint, in order, for the editor's gutter and the problems list.
    pub diagnostics: Vec<Diagnostic>,
    /// Present when a pod was found and decoded.
    pub admit: Option<AdmitView>,
    /// Every image of the pod: reference, pull policy, kubelet decision, credentials.
    pub images: Option<PodImages>,
}

/// One document of the paste, decoded against its kind's Go type when podplay knows the kind.
#[derive(Debug, Clone)]
pub struct InputDocument {
    pub index: usize,
    pub node: Node,
    pub kind: String,
    pub api_version: String,
    pub name: String,
    /// None when the kind is not one podplay models.
    pub decoded: Option<Decoded>,
}

/// Reads every document of the paste: YAML 1.1, then the typed decode of known kinds.
pub fn read_documents(input: &str) -> Result<Vec<InputDocument>, yaml::YamlError> {
    let docs = yaml::parse_documents(input)?;
    Ok(docs
        .into_iter()
        .enumerate()
        .map(|(index, node)| {
            let kind = node
                .get("kind")
                .and_then(Node::as_str)
                .unwrap_or("")
                .to_string();
            let api_version = node
                .get("apiVersion")
                .and_then(Node::as_str)
                .unwrap_or("")
                .to_string();
            let name = node
                .get("metadata")
                .and_then(|m| m.get("name"))
                .and_then(Node::as_str)
                .unwrap_or("")
                .to_string();
            let decoded = schema()
                .kind(&kind, &api_version)
                .map(|k| decode(&node, &k.go_type));
            InputDocument {
                index,
                node,
                kind,
                api_version,
                name,
                decoded,
            }
        })
        .collect())
}

/// Workload kinds whose pod template podplay analyses as the pod the controller would create.
const WORKLOAD_TEMPLATE: &[(&str, &[&str])] = &[
    ("Deployment", &["spec", "template"]),
    ("StatefulSet", &["spec", "template"]),
    ("DaemonSet", &["spec", "template"]),
    ("ReplicaSet", &["spec", "template"]),
    ("ReplicationController", &["spec", "template"]),
    ("Job", &["spec", "template"]),
    ("CronJob", &["spec", "jobTemplate", "spec", "template"]),
    ("PodTemplate", &["template"]),
];

const CONTEXT_KINDS: &[&str] = &[
    "ServiceAccount",
    "Secret",
    "RuntimeClass",
    "PriorityClass",
    "LimitRange",
    "Namespace",
    // Read by the container environment (service links, envFrom, configMapKeyRef).
    "Service",
    "ConfigMap",
];

/// The pod a workload's controller would create from its template (decoded value), with
/// the template's field path.
/// The pod a workload's controller would create from its template, the template's field
/// path, and the changes the controller makes (its name for the pod).
fn pod_from_template(kind: &str, value: &Value) -> Option<(Value, String, Vec<Change>)> {
    let mut controller_changes = Vec::new();
    let (_, path) = WORKLOAD_TEMPLATE.iter().find(|(k, _)| *k == kind)?;
    let mut t = value;
    for seg in path.iter() {
        t = t.get(*seg)?;
    }
    let mut metadata = t
        .get("metadata")
        .cloned()
        .unwrap_or_else(|| serde_json::json!({}));
    // The controller names the pod after its owner: StatefulSet pods get ordinal names, the
    // others a generated name with the owner's name as prefix.
    let owner = value
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("");
    if let Some(m) = metadata.as_object_mut() {
        let unnamed = m
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .is_empty()
            && m.get("generateName")
                .and_then(Value::as_str)
                .unwrap_or("")
                .is_empty();
        if unnamed && !owner.is_empty() {
            let (field, value, why) = if kind == "StatefulSet" {
                ("name", format!("{owner}-0"), format!("the StatefulSet controller names its pods {owner}-<ordinal>; this is the first"))
            } else {
                ("generateName", format!("{owner}-"), format!("the {kind} controller names its pods after their owner ({owner}-...); the API server adds 5 random characters"))
            };
            m.insert(field.into(), Value::String(value.clone()));
            controller_changes.push(Change {
                path: format!("metadata.{field}"),
                value: Value::String(value),
                by: format!("controller:{kind}"),
                rule: "controller.podName".into(),
                why,
                source: Some("pkg/controller/controller_utils.go:GetPodFromTemplate".into()),
            });
        }
        if let Some(ns) = value
            .pointer("/metadata/namespace")
            .filter(|ns| ns.as_str() != Some(""))
        {
            m.insert("namespace".into(), ns.clone());
        }
    }
    let mut pod = serde_json::Map::new();
    pod.insert("kind".into(), Value::String("Pod".into()));
    pod.insert("apiVersion".into(), Value::String("v1".into()));
    pod.insert("metadata".into(), metadata);
    pod.insert(
        "spec".into(),
        t.get("spec")
            .cloned()
            .unwrap_or_else(|| serde_json::json!({})),
    );
    pod.insert("status".into(), serde_json::json!({}));
    Some((Value::Object(pod), path.join("."), controller_changes))
}

/// Analyses the pasted text.
pub fn analyze(input: &str, options: &Options) -> Report {
    let mut report = Report {
        kubernetes_version: options.version.to_string(),
        supported_versions: SUPPORTED.iter().map(|v| v.to_string()).collect(),
        documents: Vec::new(),
        subject: None,
        diagnostics: Vec::new(),
        admit: None,
        images: None,
    };
    let docs = match read_documents(input) {
        Ok(d) => d,
        Err(e) => {
            report.diagnostics.push(Diagnostic {
                severity: Severity::Error,
                message: kubernetes_yaml_error(&e),
                pos: Some(e.pos),
                field: None,
                source: "yaml".into(),
            });
            return report;
        }
    };
    let mut subject: Option<&InputDocument> = None;
    let mut cluster = Cluster::default();
    let mut node_config: Option<String> = None;
    let mut providers = Vec::new();
    for doc in &docs {
        let is_pod = doc.kind == "Pod" || WORKLOAD_TEMPLATE.iter().any(|(k, _)| *k == doc.kind);
        let (role, note) = if is_pod && subject.is_none() && doc.decoded.is_some() {
            subject = Some(doc);
            let note = if doc.kind == "Pod" {
                "the pod analysed".to_string()
            } else {
                format!(
                    "its pod template is analysed as the pod the {} controller would create",
                    doc.kind
                )
            };
            ("subject", note)
        } else if CONTEXT_KINDS.contains(&doc.kind.as_str()) && doc.decoded.is_some() {
            if let Some(d) = &doc.decoded {
                if d.error.is_none() {
                    cluster.objects.push(d.value.clone());
                }
            }
            ("context", format!("used as cluster context ({})", doc.kind))
        } else if doc.kind.is_empty() && doc.node.get("auths").is_some() {
            node_config = Some(doc.node.to_json().to_string());
            (
                "context",
                "the node's docker config.json (credentials the kubelet reads for every pod)"
                    .to_string(),
            )
        } else if doc.kind == "CredentialProviderConfig" {
            providers.extend(pod_images::providers_from_config(&doc.node.to_json()));
            (
                "context",
                "the kubelet's credential provider plugins".to_string(),
            )
        } else if doc.kind.is_empty() {
            ("ignored", "no kind: ignored".to_string())
        } else if doc.api_version.is_empty() {
            report.diagnostics.push(Diagnostic {
                severity: Severity::Error,
                message: "Object 'apiVersion' is missing: Kubernetes cannot decode this document"
                    .into(),
                pos: Some(doc.node.pos),
                field: Some("apiVersion".into()),
                source: "decode".into(),
            });
            ("ignored", "apiVersion is not set".to_string())
        } else if schema().kinds.iter().any(|k| k.kind == doc.kind) {
            (
                "ignored",
                format!(
                    "apiVersion {:?} is not one podplay knows for {}",
                    doc.api_version, doc.kind
                ),
            )
        } else {
            ("ignored", format!("{} is not used by podplay", doc.kind))
        };
        report.documents.push(DocumentSummary {
            index: doc.index,
            kind: doc.kind.clone(),
            name: doc.name.clone(),
            pos: doc.node.pos,
            role: role.into(),
            note,
        });
        // Decode problems of every known document are reported, the subject's included.
        if let Some(d) = &doc.decoded {
            if let Some(e) = &d.error {
                report.diagnostics.push(Diagnostic {
                    severity: Severity::Error,
                    message: e.message.clone(),
                    pos: Some(e.pos),
                    field: Some(e.field.clone()),
                    source: "decode".into(),
                });
            }
            for s in &d.strict {
                report.diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    message: format!(
                        "{}: kubectl's default strict field validation rejects the object (`{} in version \"{}\" cannot be handled as a {}: strict decoding error: {}`); with --validate=false the field is dropped silently",
                        s.message, doc.kind, doc.api_version, doc.kind, s.message
                    ),
                    pos: Some(s.pos),
                    field: Some(s.field.clone()),
                    source: "decode".into(),
                });
            }
        }
    }
    let Some(doc) = subject else {
        report.diagnostics.push(Diagnostic {
            severity: Severity::Info,
            message: "no Pod found: paste a document with `kind: Pod` (or a Deployment, Job, ... with a pod template)".into(),
            pos: None,
            field: None,
            source: "input".into(),
        });
        return report;
    };
    report.subject = report.documents.get(doc.index).cloned();
    let decoded = doc.decoded.as_ref().expect("subject is decoded");
    if let Some(e) = &decoded.error {
        report.admit = Some(decode_error_view(e));
        return report;
    }
    let (pod, template_path, controller_changes) = if doc.kind == "Pod" {
        (decoded.value.clone(), None, Vec::new())
    } else {
        match pod_from_template(&doc.kind, &decoded.value) {
            Some((pod, path, changes)) => (pod, Some(path), changes),
            None => return report,
        }
    };
    // kubectl sends the request to the object's own namespace when it has one, else to the
    // context namespace.
    let namespace = pod
        .pointer("/metadata/namespace")
        .and_then(Value::as_str)
        .filter(|ns| !ns.is_empty())
        .map(str::to_string)
        .or_else(|| options.namespace.clone())
        .unwrap_or_else(|| "default".into());
    let secrets = pod_images::secrets_from_objects(&cluster.objects);
    let input_pod = pod.clone();
    let mut result = admit::admit(AdmitInput {
        pod,
        cluster,
        request_namespace: namespace.clone(),
        settings: options.admission.clone(),
        version: options.version,
        seed: None,
    });
    // The controller acted before the API server saw the pod.
    result.changes.splice(0..0, controller_changes);
    let last_stage = result
        .pod
        .as_ref()
        .or(result.prepared_for_create.as_ref())
        .or(result.admitted.as_ref())
        .unwrap_or(&result.scheme_defaulted);
    report.images = Some(pod_images::analyze(&PodImagesInput {
        pod: Some(last_stage),
        input_pod: Some(&input_pod),
        namespace: &namespace,
        secrets,
        node_config,
        providers,
        image_present: options.image_present,
        always_pull_images: options.admission.always_pull_images,
        version: options.version,
    }));
    if let Some(images) = &report.images {
        let pod_node = template_path
            .as_deref()
            .and_then(|p| node_at(&doc.node, p))
            .unwrap_or(&doc.node);
        for img in &images.images {
            for w in &img.report.warnings {
                report.diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    message: format!("{} ({}): {}", img.image, img.name, w.message),
                    pos: field_pos(pod_node, &img.field),
                    field: Some(img.field.clone()),
                    source: "images".into(),
                });
            }
        }
    }
    let template_node = template_path.as_deref().and_then(|p| node_at(&doc.node, p));
    let view = admit_view(result, template_node.unwrap_or(&doc.node));
    report.diagnostics.extend(view.errors.iter().cloned());
    report.diagnostics.extend(view.warnings.iter().cloned());
    report.admit = Some(view);
    // Errors first (in Kubernetes' order), then warnings, then hints.
    let mut ranked: Vec<(u8, usize, Diagnostic)> = std::mem::take(&mut report.diagnostics)
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let rank = match d.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            };
            (rank, i, d)
        })
        .collect();
    crate::small_sort::sort_by(&mut ranked, |a, b| (a.0, a.1) < (b.0, b.1));
    report.diagnostics = ranked.into_iter().map(|(_, _, d)| d).collect();
    report
}

/// The view of a pod Kubernetes could not decode: nothing is created, the error is all.
fn decode_error_view(e: &crate::decode::DecodeError) -> AdmitView {
    let result = AdmitResult {
        outcome: Outcome::DecodeError,
        pod: None,
        errors: vec![e.message.clone()],
        warnings: Vec::new(),
        changes: Vec::new(),
        scheme_defaulted: Value::Null,
        admitted: None,
        prepared_for_create: None,
        admission_plugins: Vec::new(),
        admission_error: None,
        validation_errors: Vec::new(),
        validating_admission_error: None,
    };
    AdmitView {
        outcome: Outcome::DecodeError,
        output: Vec::new(),
        created: false,
        server_message: e.message.clone(),
        changes: Vec::new(),
        // Already in the report's diagnostics (every document's decode errors are).
        errors: Vec::new(),
        warnings: Vec::new(),
        result,
    }
}

/// A YAML syntax error as Kubernetes reports it (sigs.k8s.io/yaml over go-yaml v2):
/// `error converting YAML to JSON: yaml: line N: <problem>`. go-yaml drops libyaml's
/// "while parsing ..." context, and for parser (not scanner) errors it reports the
/// 0-based line of the problem, one less than the line the editor shows.
pub fn kubernetes_yaml_error(e: &yaml::YamlError) -> String {
    let (problem, parser_error) = match e.message.split_once(", ") {
        Some((context, problem)) if context.starts_with("while parsing") => (problem, true),
        Some((context, problem)) if context.starts_with("while scanning") => (problem, false),
        _ => (e.message.as_str(), false),
    };
    let line = if parser_error {
        e.pos.line.saturating_sub(1)
    } else {
        e.pos.line
    };
    if line == 0 {
        format!("error converting YAML to JSON: yaml: {problem}")
    } else {
        format!("error converting YAML to JSON: yaml: line {line}: {problem}")
    }
}

/// The node at a dotted path of map keys.
fn node_at<'a>(node: &'a Node, path: &str) -> Option<&'a Node> {
    path.split('.').try_fold(node, |n, k| n.get(k))
}

fn admit_view(result: AdmitResult, doc: &Node) -> AdmitView {
    let created = result.pod.is_some();
    let shown: Value = result
        .pod
        .clone()
        .or_else(|| result.prepared_for_create.clone())
        .or_else(|| result.admitted.clone())
        .unwrap_or_else(|| result.scheme_defaulted.clone());
    let lines = kubectl_yaml::render_lines(&shown);
    let mut output: Vec<OutputLine> = lines
        .into_iter()
        .map(|l| OutputLine {
            text: l.text,
            path: l.path,
            change: None,
        })
        .collect();
    let mut changes = Vec::new();
    let canon: Vec<String> = output.iter().map(|l| canon_path(&l.path)).collect();
    for (i, change) in result.changes.iter().enumerate() {
        let path = canon_path(&change.path);
        let covers = |p: &str| {
            p == path || p.starts_with(&format!("{path}.")) || p.starts_with(&format!("{path}["))
        };
        let line = canon.iter().position(|p| covers(p));
        if let Some(first) = line {
            for (l, p) in output.iter_mut().zip(&canon).skip(first) {
                if !covers(p) {
                    break;
                }
                l.change.get_or_insert(i);
            }
        }
        changes.push(ChangeView {
            change: change.clone(),
            output_line: line.map(|l| l + 1),
            doc: crate::docs::for_rule(&change.rule),
        });
    }
    let errors = result
        .errors
        .iter()
        .map(|e| Diagnostic {
            severity: Severity::Error,
            message: e.clone(),
            pos: error_pos(e, &result, doc),
            field: None,
            source: "kubernetes".into(),
        })
        .collect();
    let warnings = result
        .warnings
        .iter()
        .map(|w| Diagnostic {
            severity: Severity::Warning,
            message: w.clone(),
            pos: None,
            field: None,
            source: "kubernetes".into(),
        })
        .collect();
    AdmitView {
        outcome: result.outcome,
        output,
        created,
        server_message: server_message(&result),
        changes,
        errors,
        warnings,
        result,
    }
}

/// The API server's answer as one message.
fn server_message(result: &AdmitResult) -> String {
    if let Some(pod) = &result.pod {
        let name = pod
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or("");
        return format!("pod/{name} created (server dry run)");
    }
    if let Some(m) = admit::validation_message(result) {
        return m;
    }
    if let Some(e) = result
        .admission_error
        .as_ref()
        .or(result.validating_admission_error.as_ref())
    {
        return e.message.clone();
    }
    result.errors.join("\n")
}

/// One spelling for map keys: `spec.nodeSelector[runtime]` and `spec.nodeSelector.runtime`
/// both become the latter (list indexes stay `[0]`).
fn canon_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        let inner = &rest[open + 1..open + close];
        if inner.parse::<usize>().is_ok() {
            out.push_str(&rest[open..=open + close]);
        } else {
            out.push('.');
            out.push_str(inner);
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Finds the input position of the field an error names (validation errors start with it).
fn error_pos(message: &str, result: &AdmitResult, doc: &Node) -> Option<Pos> {
    for fe in &result.validation_errors {
        if message.contains(&fe.render()) {
            return field_pos(doc, &fe.field);
        }
    }
    // Admission errors concern the field the plugin reads.
    let plugin = result
        .admission_error
        .iter()
        .chain(result.validating_admission_error.iter())
        .find(|e| e.message == message)
        .map(|e| e.plugin.as_str());
    let field = match plugin? {
        "ServiceAccount" => "spec.serviceAccountName",
        "Priority" => {
            if message.contains("integer value of priority") {
                "spec.priority"
            } else if message.contains("PreemptionPolicy") {
                "spec.preemptionPolicy"
            } else {
                "spec.priorityClassName"
            }
        }
        "RuntimeClass" => {
            if message.contains("Overhead") {
                "spec.overhead"
            } else if message.contains("nodeSelector") {
                "spec.nodeSelector"
            } else {
                "spec.runtimeClassName"
            }
        }
        _ => "metadata",
    };
    field_pos(doc, field)
}

/// The position of a Kubernetes field path (`spec.containers[0].image`) in the input; falls back
/// to the nearest ancestor that exists there.
pub fn field_pos(doc: &Node, path: &str) -> Option<Pos> {
    let mut node = doc;
    let mut best = Some(doc.pos);
    for seg in parse_field_path(path) {
        let next = match (&seg, &node.value) {
            (PathSeg::Key(k), yaml::Value::Map(entries)) => {
                entries.iter().rev().find(|e| &e.key == k).map(|e| {
                    best = Some(e.key_pos);
                    &e.value
                })
            }
            (PathSeg::Index(i), yaml::Value::Seq(items)) => {
                items.get(*i).inspect(|n| best = Some(n.pos))
            }
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    best
}

#[derive(Debug, PartialEq)]
enum PathSeg {
    Key(String),
    Index(usize),
}

/// Splits `spec.containers[0].resources.limits[cpu]` into keys and indexes.
fn parse_field_path(path: &str) -> Vec<PathSeg> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                if !cur.is_empty() {
                    out.push(PathSeg::Key(std::mem::take(&mut cur)));
                }
            }
            '[' => {
                if !cur.is_empty() {
                    out.push(PathSeg::Key(std::mem::take(&mut cur)));
                }
                let mut inner = String::new();
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                    inner.push(c);
                }
                match inner.parse::<usize>() {
                    Ok(i) => out.push(PathSeg::Index(i)),
                    Err(_) => out.push(PathSeg::Key(inner)),
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(PathSeg::Key(cur));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths_split_into_segments() {
        assert_eq!(
            parse_field_path("spec.containers[0].resources.limits[cpu]"),
            vec![
                PathSeg::Key("spec".into()),
                PathSeg::Key("containers".into()),
                PathSeg::Index(0),
                PathSeg::Key("resources".into()),
                PathSeg::Key("limits".into()),
                PathSeg::Key("cpu".into()),
            ]
        );
    }

    #[test]
    fn field_positions_come_from_the_input() {
        let doc =
            yaml::parse_one("kind: Pod\nspec:\n  containers:\n  - name: a\n    image: ' x'\n")
                .unwrap();
        assert_eq!(
            field_pos(&doc, "spec.containers[0].image"),
            Some(Pos { line: 5, col: 5 })
        );
        // A missing field points at its nearest ancestor.
        assert_eq!(
            field_pos(&doc, "spec.containers[0].ports[0]"),
            Some(Pos { line: 4, col: 5 })
        );
    }

    #[test]
    fn syntax_errors_read_like_kubernetes() {
        let msg = |text: &str| kubernetes_yaml_error(&yaml::parse_documents(text).unwrap_err());
        assert_eq!(msg("a: b: c\n"), "error converting YAML to JSON: yaml: line 1: mapping values are not allowed in this context");
        assert_eq!(
            msg("a:\n  - b\n c: d\n"),
            "error converting YAML to JSON: yaml: line 2: did not find expected key"
        );
    }

    #[test]
    fn syntax_errors_become_positioned_diagnostics() {
        let r = analyze("kind: Pod\nspec: [\n", &Options::default());
        assert_eq!(r.diagnostics.len(), 1);
        assert!(r.diagnostics[0].pos.is_some());
        assert!(r.admit.is_none());
    }

    #[test]
    fn a_pod_is_found_among_other_documents() {
        let r = analyze(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n",
            &Options::default(),
        );
        assert_eq!(r.subject.as_ref().map(|s| s.name.as_str()), Some("p"));
        assert_eq!(r.documents[0].role, "context");
        assert!(r.admit.is_some());
    }
}
