//! Reading the paste: YAML 1.1 documents, each decoded against its kind's Go type, sorted into
//! the subject (the pod to create) and the cluster context (every other document, by kind).
//!
//! One paste holds every document, like a `kubectl apply -f` bundle. The subject is the first
//! Pod (or workload, whose pod template is analysed as the pod its controller would create)
//! without `spec.nodeName`; when every Pod has a node, the first one. Other Pods are context:
//! pods already running on their nodes.

use crate::changes::Change;
use crate::cluster::ClusterContext;
use crate::decode::{decode_as, DecodeError, Decoded, Syntax};
use crate::diagnostic::{Diagnostic, Severity};
use crate::options::Options;
use crate::pod_json::Pointer;
use crate::schema::schema;
use crate::versions::Version;
use crate::yaml::{self, Node, Pos};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Where cluster context can be given, for podplay's own explanations of what is missing
/// ("no Node in …"): the paste's other documents, or the cluster context given apart (the
/// page's Cluster context panel, the CLI's `--context FILE`) ([`read_with_context`];
/// `DocumentSummary.origin` `paste` or `panel`).
pub const CONTEXT_GIVEN_IN: &str = "the paste or the cluster context";

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

/// One document of the paste and what podplay did with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentSummary {
    pub index: usize,
    pub kind: String,
    pub name: String,
    pub pos: Pos,
    /// `subject` (the pod analysed), `context` (cluster object used), or `ignored`.
    pub role: String,
    pub note: String,
    /// Where the document was given: `paste` (the editor) or `panel` (the cluster context
    /// text beside it, `Options.context_text`; its `pos` is then a line of that text).
    #[serde(default)]
    pub origin: String,
}

/// The pod to create, as the API server receives it.
#[derive(Debug, Clone)]
pub struct Subject {
    /// Index of its document in the paste.
    pub document: usize,
    /// `Pod`, or the workload kind whose template it comes from.
    pub kind: String,
    /// The v1 Pod as sent: the Pod itself, or the pod the controller makes from the template.
    pub pod: Value,
    /// Dotted path of the pod template in a workload document (`spec.template`).
    pub template_path: Option<String>,
    /// What the controller set before the API server saw the pod (its name for the pod).
    pub controller_changes: Vec<Change>,
    /// Kubernetes could not decode the document: nothing is created.
    pub decode_error: Option<DecodeError>,
    /// Quantities of a Pod document as written, where not canonical (`Decoded::quantity_texts`).
    pub quantity_texts: Vec<(String, String)>,
}

impl Subject {
    /// kubectl sends the request to the object's own namespace when it has one, else to the
    /// context namespace (`default` when none is chosen).
    pub fn request_namespace(&self, options: &Options) -> String {
        self.pod
            .at("/metadata/namespace")
            .and_then(Value::as_str)
            .filter(|ns| !ns.is_empty())
            .map(str::to_string)
            .or_else(|| options.namespace.clone())
            .unwrap_or_else(|| "default".into())
    }

    /// The input node the pod's field paths refer to: the Pod document, or the workload's
    /// template.
    pub fn pod_node<'a>(&self, documents: &'a [InputDocument]) -> Option<&'a Node> {
        let doc = &documents.get(self.document)?.node;
        Some(
            self.template_path
                .as_deref()
                .and_then(|p| node_at(doc, p))
                .unwrap_or(doc),
        )
    }
}

/// The paste, read.
#[derive(Debug, Clone)]
pub struct Input {
    pub documents: Vec<InputDocument>,
    /// One summary per document, in paste order.
    pub summaries: Vec<DocumentSummary>,
    pub subject: Option<Subject>,
    pub context: ClusterContext,
    /// YAML, decode and "no pod" problems, in paste order.
    pub diagnostics: Vec<Diagnostic>,
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

/// Kinds read as cluster context. A kind podplay has no schema for yet keeps the document's
/// plain JSON.
const CONTEXT_KINDS: &[&str] = &[
    "ServiceAccount",
    "Secret",
    "RuntimeClass",
    "PriorityClass",
    "LimitRange",
    "Namespace",
    "Node",
    "Pod",
    "Service",
    "ConfigMap",
];

/// Reads every document of the paste: YAML 1.1, then the typed decode of known kinds as the
/// API server of `version` decodes them.
pub fn read_documents(text: &str, version: Version) -> Result<Vec<InputDocument>, yaml::YamlError> {
    let parts = read_parts(text, version)?;
    match parts.broken.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(parts.documents),
    }
}

/// The documents of every part of the paste that reads, the YAML error of each part that
/// does not, and where the documents Kubernetes does not read start (see
/// [`yaml::parse_parts`]).
pub struct ReadParts {
    pub documents: Vec<InputDocument>,
    pub broken: Vec<yaml::YamlError>,
    pub unread: Vec<Pos>,
}

/// [`read_documents`], part by part: a part that is not YAML is left out, as Kubernetes'
/// reader leaves it (its error is in `broken`).
pub fn read_parts(text: &str, version: Version) -> Result<ReadParts, yaml::YamlError> {
    let parts = yaml::parse_parts(text)?;
    let chunks = ReaderChunks::new(text, version);
    let documents = parts
        .documents
        .into_iter()
        .enumerate()
        .map(|(index, node)| {
            let field = |path: &[&str]| {
                path.iter()
                    .try_fold(&node, |n, k| n.get(k))
                    .and_then(Node::as_str)
                    .unwrap_or("")
                    .to_string()
            };
            let kind = field(&["kind"]);
            let api_version = field(&["apiVersion"]);
            let name = field(&["metadata", "name"]);
            let syntax = chunks.syntax_of(&node);
            let decoded = match (schema().kind(&kind, &api_version), syntax) {
                (known, Err(error)) if known.is_some() || kind == "Pod" => Some(Decoded {
                    value: Value::Null,
                    error: Some(error),
                    strict: Vec::new(),
                    quantity_texts: Vec::new(),
                }),
                (Some(k), syntax) => Some(decode_as(
                    &node,
                    &k.go_type,
                    version,
                    &syntax.unwrap_or_default(),
                )),
                (None, syntax) if kind == "Pod" && !api_version.is_empty() => {
                    pod_of_other_version(&node, &api_version, version, &syntax.unwrap_or_default())
                }
                (None, _) => None,
            };
            InputDocument {
                index,
                node,
                kind,
                api_version,
                name,
                decoded,
            }
        })
        .collect();
    Ok(ReadParts {
        documents,
        broken: parts.broken,
        unread: parts.unread,
    })
}

/// A `kind: Pod` document whose apiVersion is not written `v1` still is the pod sent to the
/// API server. Its decoder parses the apiVersion (apimachinery `schema.ParseGroupVersion`:
/// `/v1` is v1; more than one `/` is an error) and then cannot create a Pod of any other
/// version: the legacy scheme's `runtime.notRegisteredErr` (`runtime/error.go`, from
/// `Scheme.New`), naming the scheme by where `legacyscheme` builds it. None (not a pod podplay
/// reads) when the version part is empty.
fn pod_of_other_version(
    node: &Node,
    api_version: &str,
    version: Version,
    syntax: &Syntax,
) -> Option<Decoded> {
    let message = match api_version.matches('/').count() {
        0 => format!("no kind \"Pod\" is registered for version {} in scheme \"pkg/api/legacyscheme/scheme.go:30\"",
            crate::go::strconv::quote(api_version)),
        1 => {
            let (group, v) = api_version.split_once('/').unwrap_or_default();
            if v.is_empty() {
                return None;
            }
            if group.is_empty() {
                if let Some(k) = schema().kind("Pod", v) {
                    // The serializer sets the parsed group/version back: `v1`.
                    let mut decoded = decode_as(node, &k.go_type, version, syntax);
                    if let Some(obj) = decoded.value.as_object_mut() {
                        obj.insert("apiVersion".into(), Value::String(k.api_version.clone()));
                    }
                    return Some(decoded);
                }
            }
            format!("no kind \"Pod\" is registered for version {} in scheme \"pkg/api/legacyscheme/scheme.go:30\"",
                crate::go::strconv::quote(api_version))
        }
        _ => format!("unexpected GroupVersion string: {api_version}"),
    };
    Some(Decoded {
        value: Value::Null,
        error: Some(DecodeError {
            message,
            pos: node.get("apiVersion").map_or(node.pos, |n| n.pos),
            field: "apiVersion".into(),
        }),
        strict: Vec::new(),
        quantity_texts: Vec::new(),
    })
}

/// How each document of the paste is read: a part of the paste (`yaml::reader`) whose first
/// non-space character is `{` is read by the JSON decoder itself (util/yaml `IsJSONBuffer`,
/// runtime/serializer/json `RecognizesData`), not as YAML.
struct ReaderChunks<'a> {
    parts: yaml::reader::ReaderParts<'a>,
    version: Version,
}

impl<'a> ReaderChunks<'a> {
    fn new(text: &'a str, version: Version) -> Self {
        ReaderChunks {
            parts: yaml::reader::ReaderParts::new(text),
            version,
        }
    }

    /// How the document starting at `node` is read: YAML, or JSON with its number literals.
    /// A JSON document the JSON decoder refuses fails as the serializer words it.
    fn syntax_of(&self, node: &Node) -> Result<Syntax, DecodeError> {
        let lines = self.parts.lines_of(node.pos.line);
        let chunk = self.parts.text_of(&lines);
        if !chunk.trim_start().starts_with('{') {
            return Ok(Syntax::Yaml);
        }
        let first_line = *lines.start();
        // The kind is read with the standard library's encoding/json, whose syntax errors
        // follow the Go release that built the API server (versions.rs `GoJsonV2`).
        let dialect = if self.version.behaviour("GoJsonV2") {
            crate::go::json::Dialect::GoJsonV2
        } else {
            crate::go::json::Dialect::Classic
        };
        match crate::go::json::number_literals(chunk, dialect) {
            Ok(ranges) => {
                let starts: Vec<usize> = ranges.iter().map(|r| r.start).collect();
                let positions = position_in(chunk, first_line, &starts);
                Ok(Syntax::Json(
                    positions
                        .into_iter()
                        .zip(ranges)
                        .map(|(pos, r)| (pos, chunk[r].to_string()))
                        .collect(),
                ))
            }
            // runtime/serializer/json `Decode` → `SimpleMetaFactory.Interpret`.
            Err((message, offset)) => Err(DecodeError {
                message: format!("couldn't get version/kind; json parse error: {message}"),
                pos: position_in(chunk, first_line, &[offset])[0],
                field: String::new(),
            }),
        }
    }
}

/// The line and column (1-based, columns in characters) of each byte offset of `offsets`
/// (ascending) in `chunk`, whose first line is line `first_line` of the paste. One pass.
fn position_in(chunk: &str, first_line: u32, offsets: &[usize]) -> Vec<Pos> {
    let mut out = Vec::with_capacity(offsets.len());
    let (mut line, mut col) = (first_line, 1);
    let mut wanted = offsets.iter().peekable();
    for (i, c) in chunk.char_indices() {
        while wanted.next_if(|&&o| o <= i).is_some() {
            out.push(Pos { line, col });
        }
        if wanted.peek().is_none() {
            break;
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    while out.len() < offsets.len() {
        out.push(Pos { line, col });
    }
    out
}

/// Reads the paste and the cluster context given beside it (`Options.context_text`). The
/// side text's documents go through the same classification as the paste's context documents
/// ([`place_in_context`]) but never give the subject; their diagnostics name the panel and
/// carry no position, since their lines are not the editor's.
pub fn read_with_context(text: &str, context_text: &str, version: Version) -> Input {
    let mut input = read(text, version);
    if context_text.trim().is_empty() {
        return input;
    }
    let mut diagnostics = Vec::new();
    match read_documents(context_text, version) {
        Ok(docs) => {
            for doc in &docs {
                let (role, note) = if is_pod_like(doc) && doc.kind != "Pod" {
                    // A Pod here is a running pod (a context kind); a workload is no pod yet.
                    (
                        "ignored",
                        "not analysed: the pod analysed comes only from the editor".to_string(),
                    )
                } else {
                    place_in_context(doc, &mut input.context, &mut diagnostics)
                };
                input.summaries.push(DocumentSummary {
                    index: doc.index,
                    kind: doc.kind.clone(),
                    name: doc.name.clone(),
                    pos: doc.node.pos,
                    role: role.into(),
                    note,
                    origin: "panel".into(),
                });
                decode_diagnostics(doc, &mut diagnostics);
            }
        }
        Err(e) => diagnostics.push(Diagnostic {
            severity: Severity::Error,
            message: kubernetes_yaml_error(&in_its_document(context_text, &e)),
            pos: Some(e.pos),
            field: None,
            source: "yaml".into(),
        }),
    }
    for mut d in diagnostics {
        let line = d.pos.take().map(|p| format!(", line {}", p.line));
        d.message = format!("cluster context{}: {}", line.unwrap_or_default(), d.message);
        d.field = None;
        d.source = "cluster context".into();
        input.diagnostics.push(d);
    }
    input
}

/// Reads the paste into documents, the subject and the cluster context.
pub fn read(text: &str, version: Version) -> Input {
    let mut input = Input {
        documents: Vec::new(),
        summaries: Vec::new(),
        subject: None,
        context: ClusterContext::default(),
        diagnostics: Vec::new(),
    };
    let yaml_error = |e: &yaml::YamlError, note: &str| Diagnostic {
        severity: Severity::Error,
        message: format!("{}{note}", kubernetes_yaml_error(&in_its_document(text, e))),
        pos: Some(e.pos),
        field: None,
        source: "yaml".into(),
    };
    let (broken, unread);
    (input.documents, broken, unread) = match read_parts(text, version) {
        Ok(parts) => (parts.documents, parts.broken, parts.unread),
        Err(e) => {
            input.diagnostics.push(yaml_error(&e, ""));
            return input;
        }
    };
    input.diagnostics.extend(unread.iter().map(|&pos| Diagnostic {
        severity: Severity::Warning,
        message: "not read: Kubernetes reads only the first document between `---` lines (an end marker `...` starts no new one)".into(),
        pos: Some(pos),
        field: None,
        source: "yaml".into(),
    }));
    let subject = choose_subject(&input.documents);
    // The conformance harness, like the API server for each document kubectl sends, reads
    // every part on its own: a broken part fails the paste only when no pod reads.
    match (subject, broken.first()) {
        (None, Some(e)) => {
            input.documents.clear();
            input.diagnostics.push(yaml_error(e, ""));
            return input;
        }
        _ => input.diagnostics.extend(broken.iter().map(|e| {
            yaml_error(
                e,
                " (this document is left out; `kubectl apply -f` stops at it and sends none of the documents after it)",
            )
        })),
    }
    for doc in &input.documents {
        let (role, note) = if Some(doc.index) == subject {
            let note = if doc.kind == "Pod" {
                "the pod analysed".to_string()
            } else {
                format!(
                    "its pod template is analysed as the pod the {} controller would create",
                    doc.kind
                )
            };
            ("subject", note)
        } else {
            place_in_context(doc, &mut input.context, &mut input.diagnostics)
        };
        input.summaries.push(DocumentSummary {
            index: doc.index,
            kind: doc.kind.clone(),
            name: doc.name.clone(),
            pos: doc.node.pos,
            role: role.into(),
            note,
            origin: "paste".into(),
        });
        decode_diagnostics(doc, &mut input.diagnostics);
    }
    match subject.and_then(|i| input.documents.get(i)) {
        Some(doc) => input.subject = subject_of(doc),
        None => input.diagnostics.push(Diagnostic {
            severity: Severity::Info,
            message: "no Pod found: paste a document with `kind: Pod` (or a Deployment, Job, ... with a pod template)".into(),
            pos: None,
            field: None,
            source: "input".into(),
        }),
    }
    input
}

/// Whether a document can be the subject: a decoded Pod or workload.
fn is_pod_like(doc: &InputDocument) -> bool {
    doc.decoded.is_some()
        && (doc.kind == "Pod" || WORKLOAD_TEMPLATE.iter().any(|(k, _)| *k == doc.kind))
}

/// The first Pod or workload not yet bound to a node; else the first one.
fn choose_subject(documents: &[InputDocument]) -> Option<usize> {
    let candidates = || documents.iter().filter(|d| is_pod_like(d));
    let unbound = candidates().find(|d| {
        let value = d.decoded.as_ref().map_or(&Value::Null, |x| &x.value);
        let spec = match template_of(&d.kind, value) {
            Some(t) => t.get("spec"),
            None => value.get("spec"),
        };
        spec.and_then(|s| s.get("nodeName"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .is_empty()
    });
    unbound.or_else(|| candidates().next()).map(|d| d.index)
}

/// A document that is not the subject: its role, and the cluster context it adds.
fn place_in_context(
    doc: &InputDocument,
    context: &mut ClusterContext,
    diagnostics: &mut Vec<Diagnostic>,
) -> (&'static str, String) {
    if CONTEXT_KINDS.contains(&doc.kind.as_str()) && !doc.api_version.is_empty() {
        match &doc.decoded {
            Some(d) if d.error.is_none() => context.objects.push(d.value.clone()),
            Some(_) => {}
            // No schema for this kind yet: its plain JSON still informs the views.
            None if !schema().kinds.iter().any(|k| k.kind == doc.kind) => {
                context.objects.push(doc.node.to_json())
            }
            None => {
                return (
                    "ignored",
                    format!(
                        "apiVersion {:?} is not one podplay knows for {}",
                        doc.api_version, doc.kind
                    ),
                )
            }
        }
        let note = if doc.kind == "Pod" {
            "a running pod (cluster context: it uses its node's resources and host ports)"
                .to_string()
        } else {
            format!("used as cluster context ({})", doc.kind)
        };
        return ("context", note);
    }
    if doc.kind.is_empty() && doc.node.get("auths").is_some() {
        // The kubelet reads config.json as JSON, where a repeated `auths` merges.
        context.node_config = Some(doc.node.to_json_text_keeping_top_duplicates());
        return (
            "context",
            "the node's docker config.json (credentials the kubelet reads for every pod)"
                .to_string(),
        );
    }
    if doc.kind == "CredentialProviderConfig" {
        context
            .credential_providers
            .extend(crate::cluster::providers_from_config(&doc.node.to_json()));
        return (
            "context",
            "the kubelet's credential provider plugins".to_string(),
        );
    }
    if doc.kind.is_empty() {
        return ("ignored", "no kind: ignored".to_string());
    }
    if doc.api_version.is_empty() {
        diagnostics.push(Diagnostic {
            severity: Severity::Error,
            message: "Object 'apiVersion' is missing: Kubernetes cannot decode this document"
                .into(),
            pos: Some(doc.node.pos),
            field: Some("apiVersion".into()),
            source: "decode".into(),
        });
        return ("ignored", "apiVersion is not set".to_string());
    }
    if is_pod_like(doc) {
        return (
            "ignored",
            "not analysed: the subject is the first pod or workload not yet bound to a node"
                .to_string(),
        );
    }
    if schema().kinds.iter().any(|k| k.kind == doc.kind) {
        return (
            "ignored",
            format!(
                "apiVersion {:?} is not one podplay knows for {}",
                doc.api_version, doc.kind
            ),
        );
    }
    ("ignored", format!("{} is not used by podplay", doc.kind))
}

/// Decode problems of every known document, the subject's included.
fn decode_diagnostics(doc: &InputDocument, diagnostics: &mut Vec<Diagnostic>) {
    let Some(d) = &doc.decoded else { return };
    if let Some(e) = &d.error {
        diagnostics.push(Diagnostic {
            severity: Severity::Error,
            message: e.message.clone(),
            pos: Some(e.pos),
            field: Some(e.field.clone()),
            source: "decode".into(),
        });
    }
    for s in &d.strict {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            message: format!(
                "{}: kubectl's default strict field validation rejects the object (`{} in version \"{}\" cannot be handled as a {}: strict decoding error: {}`); with --validate=false the field is dropped silently",
                s.message,
                doc.kind,
                doc.api_version,
                doc.kind,
                s.kubernetes_text()
            ),
            pos: Some(s.pos),
            field: Some(s.field.clone()),
            source: "decode".into(),
        });
    }
}

/// The subject of a decoded Pod or workload document.
fn subject_of(doc: &InputDocument) -> Option<Subject> {
    let decoded = doc.decoded.as_ref()?;
    let mut subject = Subject {
        document: doc.index,
        kind: doc.kind.clone(),
        pod: decoded.value.clone(),
        template_path: None,
        controller_changes: Vec::new(),
        decode_error: decoded.error.clone(),
        quantity_texts: Vec::new(),
    };
    if doc.kind == "Pod" {
        subject.quantity_texts = decoded.quantity_texts.clone();
    }
    if doc.kind != "Pod" && subject.decode_error.is_none() {
        let (pod, path, changes) = pod_from_template(&doc.kind, &decoded.value)?;
        subject.pod = pod;
        subject.template_path = Some(path);
        subject.controller_changes = changes;
    }
    Some(subject)
}

/// The pod template of a workload's decoded value.
fn template_of<'a>(kind: &str, value: &'a Value) -> Option<&'a Value> {
    let (_, path) = WORKLOAD_TEMPLATE.iter().find(|(k, _)| *k == kind)?;
    path.iter().try_fold(value, |t, seg| t.get(*seg))
}

/// The pod a workload's controller would create from its template, the template's field
/// path, and the changes the controller makes (its name for the pod).
fn pod_from_template(kind: &str, value: &Value) -> Option<(Value, String, Vec<Change>)> {
    let mut controller_changes = Vec::new();
    let (_, path) = WORKLOAD_TEMPLATE.iter().find(|(k, _)| *k == kind)?;
    let t = template_of(kind, value)?;
    let mut metadata = t
        .get("metadata")
        .cloned()
        .unwrap_or_else(|| serde_json::json!({}));
    // The controller names the pod after its owner: StatefulSet pods get ordinal names, the
    // others a generated name with the owner's name as prefix.
    let owner = value
        .at("/metadata/name")
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
                by: format!("controller:{kind}").into(),
                rule: "controller.podName".into(),
                why: why.into(),
                source: Some("pkg/controller/controller_utils.go:GetPodFromTemplate".into()),
            });
        }
        if let Some(ns) = value
            .at("/metadata/namespace")
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

/// The node at a dotted path of map keys.
fn node_at<'a>(node: &'a Node, path: &str) -> Option<&'a Node> {
    path.split('.').try_fold(node, |n, k| n.get(k))
}

/// libyaml's words (go-yaml's scannerc.go) for scanner errors saphyr words its own way:
/// a stale simple key, a tab in a plain scalar's indentation, and a character that cannot
/// start a token (a tab as block indentation, `@`, `` ` ``, `%` in content).
fn libyaml_scanner_problem(saphyr: &str) -> Option<&'static str> {
    match saphyr {
        "simple key expect ':'" => Some("could not find expected ':'"),
        "while scanning a plain scalar, found a tab" => {
            Some("found a tab character that violates indentation")
        }
        "tabs disallowed within this context (block indentation)" => {
            Some("found character that cannot start any token")
        }
        _ if saphyr.starts_with("unexpected character: ") => {
            Some("found character that cannot start any token")
        }
        _ => None,
    }
}

/// The error as Kubernetes sees it in its own document: the stream is split at `---` lines
/// first (apimachinery util/yaml `YAMLReader.Read`, used by kubectl and the API server's
/// callers) and each document is converted alone, so its lines count from its own first line.
/// A separator ends the document read so far; one met before any line of a document (the
/// stream's first line, or right after another separator) stays in that document. The
/// position shown in the editor stays the paste's.
fn in_its_document(text: &str, e: &yaml::YamlError) -> yaml::YamlError {
    let first = yaml::reader::first_line_of_part(text, e.pos.line);
    let mut e = e.clone();
    e.pos.line -= first.saturating_sub(1).min(e.pos.line.saturating_sub(1));
    e
}

/// libyaml's scanner errors whose context reads like a parser's (scannerc.go
/// `yaml_parser_scan_flow_scalar`, `yaml_parser_set_scanner_tag_error`).
const SCANNER_CONTEXTS: &[&str] = &[
    "while parsing a quoted scalar",
    "while parsing a tag",
    "while parsing a %TAG directive",
];

/// A YAML syntax error as Kubernetes reports it (sigs.k8s.io/yaml over go-yaml v2):
/// `error converting YAML to JSON: yaml: line N: <problem>`. go-yaml drops libyaml's
/// "while parsing ..." context, and for parser (not scanner) errors it reports the
/// 0-based line of the problem, one less than the line the editor shows.
pub fn kubernetes_yaml_error(e: &yaml::YamlError) -> String {
    match e.kind {
        // podplay's own input limits: not a Kubernetes message.
        yaml::YamlErrorKind::Limit | yaml::YamlErrorKind::Reader => return e.message.clone(),
        // go-yaml's decoder and reader errors carry no line.
        yaml::YamlErrorKind::Decoder => {
            return format!("error converting YAML to JSON: yaml: {}", e.message)
        }
        yaml::YamlErrorKind::Converter => {
            return format!("error converting YAML to JSON: {}", e.message)
        }
        yaml::YamlErrorKind::Syntax => {}
    }
    let (problem, parser_error) = match libyaml_scanner_problem(&e.message) {
        Some(problem) => (problem, false),
        // The one parser error libyaml words without a context.
        None if e.message == "did not find expected <document start>" => (e.message.as_str(), true),
        None => match e.message.split_once(", ") {
            // Scanner errors with a "while parsing" context (scannerc.go: escapes, tags).
            Some((context, problem)) if SCANNER_CONTEXTS.contains(&context) => (problem, false),
            Some((context, problem)) if context.starts_with("while parsing") => (problem, true),
            Some((context, problem)) if context.starts_with("while scanning") => (problem, false),
            _ => (e.message.as_str(), false),
        },
    };
    // saphyr-parser words one of libyaml's parser problems differently.
    let problem = match problem {
        "expected ',' or ']'" => "did not find expected ',' or ']'",
        other => other,
    };
    // go-yaml's `parser.fail` (decode.go) prints the problem's 0-based line, plus one for a
    // scanner error; a problem on the first line (0) falls back to the context's line, which
    // is the first line too: no line at all.
    let line = match (parser_error, e.pos.line) {
        (true, line) => line.saturating_sub(1),
        (false, 1) => 0,
        (false, line) => line,
    };
    if line == 0 {
        format!("error converting YAML to JSON: yaml: {problem}")
    } else {
        format!("error converting YAML to JSON: yaml: line {line}: {problem}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V: Version = Version::new(1, 36);

    #[test]
    fn syntax_errors_read_like_kubernetes() {
        let msg = |text: &str| kubernetes_yaml_error(&yaml::parse_documents(text).unwrap_err());
        // A scanner error on the first line has no line (checked against v1.36.2).
        assert_eq!(
            msg("a: b: c\n"),
            "error converting YAML to JSON: yaml: mapping values are not allowed in this context"
        );
        assert_eq!(msg("x: 1\na: b: c\n"), "error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context");
        assert_eq!(
            msg("a:\n  - b\n c: d\n"),
            "error converting YAML to JSON: yaml: line 2: did not find expected key"
        );
    }

    /// (paste, subject name, roles of the documents in order).
    const SUBJECTS: &[(&str, &str, &[&str])] = &[
        (
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n",
            "p",
            &["context", "subject"],
        ),
        // A pod bound to a node is a running pod; the unbound one is created.
        (
            "apiVersion: v1\nkind: Pod\nmetadata: {name: running}\nspec: {nodeName: n1}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: new}\n",
            "new",
            &["context", "subject"],
        ),
        // Every pod bound: the first is the subject.
        (
            "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {nodeName: n1}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec: {nodeName: n2}\n",
            "a",
            &["subject", "context"],
        ),
        // Kinds without a schema yet are context as plain JSON.
        (
            "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {template: {spec: {containers: [{name: a, image: nginx}]}}}\n",
            "web",
            &["context", "context", "subject"],
        ),
    ];

    #[test]
    fn the_subject_is_the_first_unbound_pod_and_the_rest_is_context() {
        for (text, name, roles) in SUBJECTS {
            let input = read(text, V);
            let subject = input.subject.as_ref().expect("a subject");
            assert_eq!(input.documents[subject.document].name, *name, "{text}");
            let got: Vec<&str> = input.summaries.iter().map(|s| s.role.as_str()).collect();
            assert_eq!(got, *roles, "{text}");
            let context_kinds: Vec<&str> = input
                .context
                .objects
                .iter()
                .filter_map(|o| o.get("kind").and_then(Value::as_str))
                .collect();
            assert_eq!(
                context_kinds.len(),
                roles.iter().filter(|r| **r == "context").count()
            );
        }
    }

    #[test]
    fn fields_a_release_does_not_have_are_unknown_to_it() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostnameOverride: h\n  containers: [{name: a, image: nginx}]\n";
        for (minor, dropped) in [(33, true), (34, false), (36, false)] {
            let input = read(text, Version::new(1, minor));
            let pod = &input.subject.as_ref().unwrap().pod;
            assert_eq!(
                pod.at("/spec/hostnameOverride").is_none(),
                dropped,
                "1.{minor}"
            );
            let strict = input.diagnostics.iter().any(|d| {
                d.message
                    .starts_with("unknown field \"spec.hostnameOverride\"")
            });
            assert_eq!(strict, dropped, "1.{minor}");
        }
    }
}
