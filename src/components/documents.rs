//! The cluster context: which document of a multi-document paste is the pod, what the others
//! are used for, and, per view, what it took from the paste or assumed instead (a Node, the
//! example cluster, a simulated value). Every fact comes from the report; this only words it.

use crate::state::ReportRef;
use podplay_core::input::CONTEXT_GIVEN_IN;
use podplay_core::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DocumentsProps {
    pub report: ReportRef,
}

/// The names of the paste's context documents of `kind` (`kind name`, comma-separated).
fn pasted(report: &Report, kind: &str) -> Vec<String> {
    report
        .documents
        .iter()
        .filter(|d| d.role == "context" && d.kind == kind)
        .map(|d| d.name.clone())
        .collect()
}

/// Where the context documents of `kind` were given: `the paste`, `the cluster context
/// panel`, or both (`DocumentSummary.origin`).
pub fn given_in(report: &Report, kind: &str) -> &'static str {
    let (mut paste, mut panel) = (false, false);
    for d in report
        .documents
        .iter()
        .filter(|d| d.role == "context" && d.kind == kind)
    {
        if d.origin == "panel" {
            panel = true
        } else {
            paste = true
        }
    }
    match (paste, panel) {
        (true, true) => "the paste and the cluster context panel",
        (false, true) => "the cluster context panel",
        _ => "the paste",
    }
}

/// `kind a, b from the paste`, or `no kind in the paste or the cluster context: <assumed>`.
fn from_paste_or(report: &Report, kind: &str, assumed: &str) -> String {
    let names = pasted(report, kind);
    if names.is_empty() {
        format!("no {kind} in {CONTEXT_GIVEN_IN}: {assumed}")
    } else {
        format!(
            "{kind} {} from {}",
            names.join(", "),
            given_in(report, kind)
        )
    }
}

/// What each view used, one line per fact: (view label, fact).
fn uses(report: &Report) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let v = &report.views;
    if v.defaults.is_some() {
        let admission = "Defaults (admission)";
        out.push((
            admission,
            from_paste_or(
                report,
                "ServiceAccount",
                "the namespace's default ServiceAccount is assumed (every namespace has one)",
            ),
        ));
        out.push((
            admission,
            from_paste_or(
                report,
                "Namespace",
                "the namespace is assumed to exist and be active",
            ),
        ));
        for kind in ["PriorityClass", "LimitRange"] {
            if !pasted(report, kind).is_empty() {
                out.push((admission, from_paste_or(report, kind, "")));
            }
        }
    }
    if let Some(images) = &v.images {
        let label = "Images & credentials";
        out.push((
            label,
            match &images.node_config {
                Some(_) => format!("the node's config.json from {}", given_in(report, "")),
                None => format!(
                    "no config.json in {CONTEXT_GIVEN_IN}: the node has no credentials of its own"
                ),
            },
        ));
        if !images.pull_secrets.is_empty() {
            let secrets = images
                .pull_secrets
                .iter()
                .map(|s| format!("{} ({})", s.name, s.status))
                .collect::<Vec<_>>();
            out.push((label, format!("pull secrets: {}", secrets.join(", "))));
        }
        if !pasted(report, "CredentialProviderConfig").is_empty() {
            out.push((
                label,
                format!(
                    "the kubelet's credential provider plugins from {}",
                    given_in(report, "CredentialProviderConfig")
                ),
            ));
        }
    }
    if let Some(s) = &v.scheduling {
        let label = "Scheduling";
        let n = s.node_labels.len();
        out.push((
            label,
            match s.node_source {
                podplay_core::scheduling::paste::NodeSource::Paste => {
                    format!("{n} Node(s) from {}", given_in(report, "Node"))
                }
                podplay_core::scheduling::paste::NodeSource::ExampleCluster => format!(
                    "no Node in {CONTEXT_GIVEN_IN}: scheduled on podplay's example cluster ({n} nodes)"
                ),
            },
        ));
        if let Some(m) = &s.merge {
            let name = m.runtime_class_name.as_deref().unwrap_or("");
            out.push((
                label,
                if m.runtime_class_found {
                    format!(
                        "RuntimeClass {name} from {}",
                        given_in(report, "RuntimeClass")
                    )
                } else {
                    format!("RuntimeClass {name} is not in {CONTEXT_GIVEN_IN}")
                },
            ));
        }
        let running = report
            .documents
            .iter()
            .filter(|d| d.role == "context" && d.kind == "Pod")
            .count();
        if running > 0 {
            let from = given_in(report, "Pod");
            out.push((label, format!("{running} running Pod(s) from {from}")));
        }
    }
    if v.termination.is_some() || v.startup.is_some() {
        out.push((
            "Termination, Start-up",
            "the pod only, with the scenario and the behaviours chosen in these tabs".into(),
        ));
    }
    if let Some(env) = &v.environment {
        let label = "Environment";
        out.push((
            label,
            if env.node.simulated {
                format!(
                    "no Node {} in {CONTEXT_GIVEN_IN}: simulated node (cluster settings)",
                    env.node.name
                )
            } else {
                format!("Node {} from {}", env.node.name, given_in(report, "Node"))
            },
        ));
        let services = env.services.iter().filter(|s| !s.simulated).count();
        let kubernetes = if env.services.iter().any(|s| s.simulated) {
            "; the kubernetes Service is simulated (cluster settings)"
        } else {
            ""
        };
        out.push((
            label,
            format!(
                "{services} Service(s) from {}{kubernetes}",
                given_in(report, "Service")
            ),
        ));
        for kind in ["ConfigMap", "Secret"] {
            if !pasted(report, kind).is_empty() {
                out.push((label, from_paste_or(report, kind, "")));
            }
        }
        out.push((label, "the pod IP is simulated (cluster settings)".into()));
    }
    out
}

#[function_component(Documents)]
pub fn documents(props: &DocumentsProps) -> Html {
    let report = &props.report;
    let docs = &report.documents;
    if docs.is_empty() || report.admit.is_none() {
        return html! {};
    }
    let context = docs.iter().filter(|d| d.role == "context").count();
    let facts = uses(report);
    html! {
        <details class="documents" data-testid="cluster-context" open={docs.len() > 1}>
            <summary>
                <h2>{ "Documents and context used" }</h2>
                <span class="doc-count">{ format!(" — {} document(s), {context} as context", docs.len()) }</span>
            </summary>
            if docs.len() > 1 {
                <ul class="doc-list">
                    { for docs.iter().map(|d| html! {
                        <li class={d.role.clone()}>
                            <code>{ format!("{} {}", if d.kind.is_empty() { "?" } else { &d.kind }, d.name) }</code>
                            { format!(" — {} ({}, Ln {})", d.note, if d.origin == "panel" { "cluster context panel" } else { "paste" }, d.pos.line) }
                        </li>
                    }) }
                </ul>
            } else {
                <p class="hint">{ "Only the pod. Add ServiceAccounts, Secrets, RuntimeClasses, Nodes, Services, ConfigMaps, PriorityClasses, LimitRanges, the node's config.json or a CredentialProviderConfig after `---` in the same paste, or in the cluster context panel beside the editor, and the views use them." }</p>
            }
            <h3>{ "What the views used" }</h3>
            <dl class="doc-uses" data-testid="context-uses">
                { for facts.iter().enumerate().map(|(i, (view, fact))| html! {
                    <>
                        // One term per view, then its facts.
                        if i == 0 || facts[i - 1].0 != *view { <dt>{ *view }</dt> }
                        <dd>{ fact }</dd>
                    </>
                }) }
            </dl>
        </details>
    }
}
