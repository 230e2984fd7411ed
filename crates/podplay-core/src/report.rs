//! The one entry point: the pasted text plus options → a serializable [`Report`].
//!
//! Three steps, each its own module: [`input::read`] turns the paste into a subject (the pod
//! to create) and the cluster context; [`pipeline::create`] runs the API server's create
//! pipeline on the subject; [`views::views`] runs every view on the result. This module only
//! assembles the report and pins every message to its line in the input: producers give the
//! field path, [`diagnostic::field_pos`] finds it. The UI renders a Report and the CLI prints
//! one; neither makes a Kubernetes decision itself.

use crate::decode::DecodeError;
use crate::diagnostic;
use crate::input;
use crate::pipeline::{self, AdmitResult, Outcome};
use crate::pod_json::Pointer;
use crate::versions::SUPPORTED;
use crate::views::{self, ViewInput, Views};
use crate::yaml::Node;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use crate::diagnostic::{Diagnostic, Severity};
pub use crate::input::DocumentSummary;
pub use crate::options::Options;

/// The create pipeline's answer, shaped for display.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmitView {
    pub outcome: Outcome,
    /// Whether the pod was created (false: the views show the last stage before a rejection).
    pub created: bool,
    /// What the API server answers, as one message: `pod/<name> created` or the error text
    /// (`Pod "x" is invalid: [...]`, `pods "x" is forbidden: ...`).
    pub server_message: String,
    /// Errors in Kubernetes' wording, each pinned to the input line of its field.
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// The raw pipeline result (stages, plugin list), for the CLI and conformance checks.
    /// Not read back from JSON: the web page never shows it, so its worker sends
    /// [`AdmitResult::not_sent`] in its place and the page's copy holds that.
    #[serde(skip_deserializing, default = "AdmitResult::not_sent")]
    pub result: AdmitResult,
}

/// Everything podplay has to say about a paste.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub kubernetes_version: String,
    pub supported_versions: Vec<String>,
    pub documents: Vec<DocumentSummary>,
    /// The document analysed as the pod, with a note when it is a workload's template.
    pub subject: Option<DocumentSummary>,
    /// Every problem and hint, errors first, for the editor's gutter and the problems list.
    pub diagnostics: Vec<Diagnostic>,
    /// Present when a pod was found (and decoded, or failed to decode).
    pub admit: Option<AdmitView>,
    /// Every view's part (`defaults`, `images`, ...), present when a pod was decoded.
    /// The JSON's `views` object (nested, not flattened: size budget, see
    /// `defaults_view::ChangeView`).
    pub views: Views,
}

/// Reads the paste, creates its subject, runs every view.
pub fn build(text: &str, options: &Options) -> Report {
    let input::Input {
        documents,
        summaries,
        subject,
        context,
        diagnostics,
    } = input::read_with_context(text, &options.context_text, options.version);
    let mut report = Report {
        kubernetes_version: options.version.to_string(),
        supported_versions: SUPPORTED.iter().map(|v| v.to_string()).collect(),
        subject: None,
        documents: summaries,
        diagnostics,
        admit: None,
        views: Views::default(),
    };
    let Some(subject) = &subject else {
        return report;
    };
    report.subject = report.documents.get(subject.document).cloned();
    if let Some(e) = &subject.decode_error {
        report.admit = Some(decode_error_view(e));
        return report;
    }
    let Some(pod_node) = subject.pod_node(&documents) else {
        return report;
    };
    let result = pipeline::create(subject, &context, options);
    let created = result.pod.is_some();
    let shown = result.shown_pod();
    report.views = views::views(&ViewInput {
        pod: shown,
        created,
        admit: &result,
        subject,
        context: &context,
        options,
    });
    for mut d in report.views.diagnostics() {
        if let Some(field) = &d.field {
            d.pos = diagnostic::field_pos(pod_node, field);
        }
        report.diagnostics.push(d);
    }
    let view = admit_view(result, pod_node);
    report.diagnostics.extend(view.errors.iter().cloned());
    report.diagnostics.extend(view.warnings.iter().cloned());
    report.admit = Some(view);
    report.diagnostics = diagnostic::rank(std::mem::take(&mut report.diagnostics));
    report
}

/// The view of a pod Kubernetes could not decode: nothing is created, the error is all.
fn decode_error_view(e: &DecodeError) -> AdmitView {
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
        created: false,
        server_message: e.message.clone(),
        // Already in the report's diagnostics (every document's decode errors are).
        errors: Vec::new(),
        warnings: Vec::new(),
        result,
    }
}

fn admit_view(result: AdmitResult, pod_node: &Node) -> AdmitView {
    let errors = result
        .errors_with_fields()
        .into_iter()
        .map(|(message, field)| Diagnostic {
            severity: Severity::Error,
            message: message.to_string(),
            pos: (!field.is_empty())
                .then(|| diagnostic::field_pos(pod_node, field))
                .flatten(),
            field: (!field.is_empty()).then(|| field.to_string()),
            source: "kubernetes".into(),
        })
        .collect();
    let warnings = result
        .warnings
        .iter()
        .map(|w| {
            let field = warning_field(w);
            Diagnostic {
                severity: Severity::Warning,
                message: w.clone(),
                pos: field.and_then(|f| diagnostic::field_pos(pod_node, f)),
                field: field.map(str::to_string),
                source: "kubernetes".into(),
            }
        })
        .collect();
    AdmitView {
        outcome: result.outcome,
        created: result.pod.is_some(),
        server_message: server_message(&result),
        errors,
        warnings,
        result,
    }
}

/// The field a pod warning is about: the API server writes most as `<field path>: <message>`
/// (pkg/api/pod/warnings.go `fmt.Sprintf("%s: %s", fieldPath, ...)`), so the problems list
/// can point at the line.
fn warning_field(warning: &str) -> Option<&str> {
    let (path, _) = warning.split_once(": ")?;
    let is_path =
        (path.starts_with("metadata.") || path.starts_with("spec.")) && !path.contains(' ');
    is_path.then_some(path)
}

/// The API server's answer as one message.
fn server_message(result: &AdmitResult) -> String {
    if let Some(pod) = &result.pod {
        let name = pod
            .at("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or("");
        return format!("pod/{name} created (server dry run)");
    }
    if let Some(m) = pipeline::validation_message(result) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::versions::Version;

    fn options() -> Options {
        Options::new(Version::new(1, 36))
    }

    /// The API server's warnings on create point at the field they name.
    #[test]
    fn pod_warnings_point_at_their_field() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: my.pod\nspec:\n  containers:\n  - name: app\n    image: nginx:1.25\n";
        let r = build(text, &options());
        let w = r
            .diagnostics
            .iter()
            .find(|d| d.message.starts_with("metadata.name: "))
            .expect("the DNS-label warning");
        assert_eq!(w.field.as_deref(), Some("metadata.name"));
        assert_eq!(w.pos.map(|p| p.line), Some(4));
        assert_eq!(warning_field("no path here: x"), None);
    }

    #[test]
    fn syntax_errors_become_positioned_diagnostics() {
        let r = build("kind: Pod\nspec: [\n", &options());
        assert_eq!(r.diagnostics.len(), 1);
        assert!(r.diagnostics[0].pos.is_some());
        assert!(r.admit.is_none());
    }

    #[test]
    fn a_pod_is_found_among_other_documents() {
        let r = build(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n",
            &options(),
        );
        assert_eq!(r.subject.as_ref().map(|s| s.name.as_str()), Some("p"));
        assert_eq!(r.documents[0].role, "context");
        assert!(r.admit.is_some());
        assert!(r.views.defaults.is_some() && r.views.images.is_some());
    }

    /// (paste, error field, error line): each error carries its field from where it is
    /// produced, and is pinned to that field's line.
    const PINNED: &[(&str, &str, u32)] = &[
        // Validation.
        (
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: ' x'\n",
            "spec.containers[0].image",
            7,
        ),
        // Mutating admission (Priority).
        (
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priorityClassName: nope\n  containers:\n  - {name: a, image: nginx}\n",
            "spec.priorityClassName",
            5,
        ),
        // Mutating admission (ServiceAccount).
        (
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: nginx}\n  serviceAccountName: robot\n",
            "spec.serviceAccountName",
            7,
        ),
        // A workload's template: paths are found under the template.
        (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      runtimeClassName: gone\n      containers:\n      - {name: a, image: nginx}\n",
            "spec.runtimeClassName",
            7,
        ),
    ];

    #[test]
    fn errors_carry_their_field_and_line() {
        for (text, field, line) in PINNED {
            let r = build(text, &options());
            let errors = &r.admit.as_ref().expect("a pod").errors;
            assert_eq!(errors.len(), 1, "{text}");
            assert_eq!(errors[0].field.as_deref(), Some(*field), "{text}");
            assert_eq!(errors[0].pos.map(|p| p.line), Some(*line), "{text}");
        }
    }

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: nginx, env: [{name: X, value: $(WEB_SERVICE_HOST)}]}\n";

    /// Context documents, each used by some view: the ServiceAccount by admission (no token volume), the Node by
    /// scheduling and the environment, the Service by the environment.
    const CONTEXT: &[&str] = &[
        "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\nautomountServiceAccountToken: false\n",
        "apiVersion: v1\nkind: Node\nmetadata: {name: n1, labels: {zone: a}}\nstatus:\n  allocatable: {cpu: '2', memory: 4Gi, pods: '110'}\n",
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  clusterIP: 10.0.0.5\n  ports: [{port: 80}]\n",
    ];

    #[test]
    fn the_cluster_context_panel_is_read_like_the_paste() {
        for ctx in CONTEXT {
            let pasted = build(&format!("{POD}---\n{ctx}"), &options());
            let mut side = options();
            side.context_text = ctx.to_string();
            let beside = build(POD, &side);
            let json = |r: &Report| serde_json::to_string(&(&r.views, &r.admit)).unwrap();
            assert_eq!(json(&pasted), json(&beside), "{ctx}");
            assert_ne!(
                json(&build(POD, &options())),
                json(&beside),
                "{ctx} is used"
            );
            assert_eq!(pasted.documents[1].origin, "paste");
            assert_eq!(beside.documents[1].origin, "panel");
            assert_eq!(pasted.documents[1].note, beside.documents[1].note);
            assert_eq!(beside.documents[1].pos.line, 1);
        }
        let pasted = build(&format!("{POD}---\n{}", CONTEXT[1]), &options());
        assert_eq!(
            pasted.views.scheduling.as_ref().map(|s| s.node_source),
            Some(crate::scheduling::paste::NodeSource::Paste)
        );
    }

    #[test]
    fn a_pod_in_the_panel_is_a_running_pod_never_the_subject() {
        let running = "apiVersion: v1\nkind: Pod\nmetadata: {name: old}\nspec:\n  containers:\n  - {name: a, image: nginx}\n";
        let mut side = options();
        side.context_text = running.into();
        let r = build(POD, &side);
        assert_eq!(r.subject.as_ref().map(|s| s.name.as_str()), Some("p"));
        let old = &r.documents[1];
        assert_eq!(
            (old.role.as_str(), old.origin.as_str()),
            ("context", "panel")
        );
        assert_eq!(
            old.note,
            "a running pod (cluster context: it uses its node's resources and host ports)"
        );
        // With no pod in the editor, the panel's pod is still not analysed.
        let r = build("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n", &side);
        assert!(r.subject.is_none() && r.admit.is_none());
    }

    #[test]
    fn panel_problems_name_the_panel_not_an_editor_line() {
        let mut side = options();
        side.context_text = "apiVersion: v1\nkind: Node\nmetadata: {name: [\n".into();
        let r = build(POD, &side);
        let d = r
            .diagnostics
            .iter()
            .find(|d| d.source == "cluster context")
            .expect("a panel diagnostic");
        assert!(d.pos.is_none());
        assert!(
            d.message.starts_with("cluster context, line "),
            "{}",
            d.message
        );
    }
}
