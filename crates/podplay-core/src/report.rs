//! The one entry point: the pasted documents plus options → a serializable [`Report`].
//!
//! The UI renders a Report and the CLI prints one; neither makes a Kubernetes decision
//! itself. Every message in a Report that concerns the input carries its line and column.

use crate::admit::{self, AdmissionSettings, AdmitInput, AdmitResult, Cluster, Outcome};
use crate::changes::Change;
use crate::kubectl_yaml;
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
    };
    let docs = match yaml::parse_documents(input) {
        Ok(d) => d,
        Err(e) => {
            report.diagnostics.push(Diagnostic {
                severity: Severity::Error,
                message: format!("YAML syntax error: {}", e.message),
                pos: Some(e.pos),
                field: None,
                source: "yaml".into(),
            });
            return report;
        }
    };
    let mut subject: Option<(usize, &Node)> = None;
    let mut cluster = Cluster::default();
    for (index, doc) in docs.iter().enumerate() {
        let kind = doc
            .get("kind")
            .and_then(Node::as_str)
            .unwrap_or("")
            .to_string();
        let name = doc
            .get("metadata")
            .and_then(|m| m.get("name"))
            .and_then(Node::as_str)
            .unwrap_or("")
            .to_string();
        let (role, note) = if kind == "Pod" && subject.is_none() {
            subject = Some((index, doc));
            ("subject", "the pod analysed".to_string())
        } else if is_context_kind(&kind) {
            cluster.objects.push(doc.to_json());
            ("context", format!("used as cluster context ({kind})"))
        } else {
            (
                "ignored",
                if kind.is_empty() {
                    "no kind: ignored".to_string()
                } else {
                    format!("{kind} is not used by podplay")
                },
            )
        };
        report.documents.push(DocumentSummary {
            index,
            kind,
            name,
            pos: doc.pos,
            role: role.into(),
            note,
        });
    }
    let Some((index, doc)) = subject else {
        report.diagnostics.push(Diagnostic {
            severity: Severity::Info,
            message: "no Pod found: paste a document with `kind: Pod`".into(),
            pos: None,
            field: None,
            source: "input".into(),
        });
        return report;
    };
    report.subject = report.documents.get(index).cloned();
    let namespace = options
        .namespace
        .clone()
        .unwrap_or_else(|| "default".into());
    let result = admit::admit(AdmitInput {
        pod: doc.to_json(),
        cluster,
        request_namespace: namespace,
        settings: options.admission.clone(),
        version: options.version,
    });
    let view = admit_view(result, doc);
    report.diagnostics.extend(view.errors.iter().cloned());
    report.diagnostics.extend(view.warnings.iter().cloned());
    report.admit = Some(view);
    report
}

fn is_context_kind(kind: &str) -> bool {
    matches!(
        kind,
        "ServiceAccount" | "Secret" | "RuntimeClass" | "PriorityClass" | "LimitRange" | "Namespace"
    )
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
    for (i, change) in result.changes.iter().enumerate() {
        let line = output.iter().position(|l| {
            l.path == change.path
                || l.path.starts_with(&format!("{}.", change.path))
                || l.path.starts_with(&format!("{}[", change.path))
        });
        if let Some(first) = line {
            for l in output.iter_mut().skip(first) {
                if l.path == change.path
                    || l.path.starts_with(&format!("{}.", change.path))
                    || l.path.starts_with(&format!("{}[", change.path))
                {
                    l.change.get_or_insert(i);
                } else {
                    break;
                }
            }
        }
        changes.push(ChangeView {
            change: change.clone(),
            output_line: line.map(|l| l + 1),
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
        changes,
        errors,
        warnings,
        result,
    }
}

/// Finds the input position of the field an error names (validation errors start with it).
fn error_pos(message: &str, result: &AdmitResult, doc: &Node) -> Option<Pos> {
    for fe in &result.validation_errors {
        if message.contains(&fe.render()) {
            return field_pos(doc, &fe.field);
        }
    }
    None
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
    fn syntax_errors_become_positioned_diagnostics() {
        let r = analyze("kind: Pod\nspec: [\n", &Options::default());
        assert_eq!(r.diagnostics.len(), 1);
        assert!(r.diagnostics[0].pos.is_some());
        assert!(r.admit.is_none());
    }

    #[test]
    fn a_pod_is_found_among_other_documents() {
        let r = analyze(
            "kind: ServiceAccount\nmetadata: {name: sa}\n---\nkind: Pod\nmetadata: {name: p}\n",
            &Options::default(),
        );
        assert_eq!(r.subject.as_ref().map(|s| s.name.as_str()), Some("p"));
        assert_eq!(r.documents[0].role, "context");
        assert!(r.admit.is_some());
    }
}
