//! What each container of the created pod sees in its environment, and where every value came
//! from: one table per container (init, sidecar, regular), sorted by name because the kubelet
//! hands the runtime an unordered set; the `$(VAR)` references each value used; the values an
//! entry replaced; the kubelet's error when it cannot build the list; `command`/`args` after
//! expansion; the hostname; and which values podplay had to simulate.
//! Everything shown is decided by the core (`report.views.environment`); this only lays it out.

use crate::state::ReportRef;
use podplay_core::environment::expansion::Reference;
use podplay_core::environment::{
    ContainerEnvironment, ContainerKind, EnvVarRow, EnvironmentReport, ExpandedItem, SourceKind,
};
use podplay_core::placement::NodeChoice;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EnvironmentProps {
    pub report: ReportRef,
}

fn kind_label(kind: ContainerKind) -> &'static str {
    match kind {
        ContainerKind::Init => "init",
        ContainerKind::Sidecar => "sidecar",
        ContainerKind::Container => "container",
    }
}

/// A short mark (the "icon"), its colour class and the field name of each kind of source.
fn source_label(kind: SourceKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        SourceKind::Value => ("=", "src-value", "value"),
        SourceKind::FieldRef => ("F", "src-downward", "fieldRef"),
        SourceKind::ResourceFieldRef => ("R", "src-downward", "resourceFieldRef"),
        SourceKind::ConfigMapKeyRef => ("CM", "src-configmap", "configMapKeyRef"),
        SourceKind::SecretKeyRef => ("S", "src-secret", "secretKeyRef"),
        SourceKind::FileKeyRef => ("FK", "src-value", "fileKeyRef"),
        SourceKind::EnvFromConfigMap => ("CM", "src-configmap", "envFrom configMapRef"),
        SourceKind::EnvFromSecret => ("S", "src-secret", "envFrom secretRef"),
        SourceKind::Service => ("SVC", "src-service", "service link"),
    }
}

/// A value in code style; the empty string is shown as `""` so the row is not blank.
fn value_code(value: &str) -> Html {
    if value.is_empty() {
        html! { <code class="env-value env-empty">{ "\"\"" }</code> }
    } else {
        html! { <code class="env-value">{ value }</code> }
    }
}

/// The `$(VAR)` references a value used: resolved ones with where their value came from,
/// unresolved ones kept as written (the kubelet leaves `$(NAME)` in the text).
fn references(refs: &[Reference]) -> Html {
    if refs.is_empty() {
        return html! {};
    }
    html! {
        <ul class="env-refs">
            { for refs.iter().map(|r| {
                let what = if r.resolved {
                    r.from.clone().unwrap_or_else(|| "defined".into())
                } else {
                    "not defined: kept as written".into()
                };
                html! {
                    <li class={classes!((!r.resolved).then_some("unresolved"))}>
                        <code>{ format!("$({})", r.name) }</code>{ format!(" ← {what}") }
                    </li>
                }
            }) }
        </ul>
    }
}

fn env_row(row: &EnvVarRow) -> Html {
    let source = &row.source;
    let (mark, class, label) = source_label(source.kind);
    html! {
        <tr>
            <td class="env-name"><code>{ super::breakable(&row.name, &['_']) }</code></td>
            <td>
                { value_code(&row.value) }
                if let Some(declared) = source.declared.as_ref().filter(|d| **d != row.value) {
                    <div class="env-declared">{ "declared " }<code>{ declared }</code></div>
                }
                { references(&source.references) }
                { for row.replaced.iter().map(|old| html! {
                    <div class="env-replaced">
                        { "replaces " }<s><code>{ &old.value }</code></s>{ format!(" from {}", old.source.text) }
                    </div>
                }) }
            </td>
            <td class="env-source">
                <span class={classes!("src-icon", class)} title={label}>{ mark }</span>
                { format!(" {label}") }
                if source.simulated {
                    { " " }<span class="badge env-simulated">{ "simulated" }</span>
                }
                <div class="env-source-text">{ &source.text }</div>
            </td>
        </tr>
    }
}

/// `command` or `args` after expansion, each item with what it was declared as.
fn expanded_items(title: &str, items: &[ExpandedItem]) -> Html {
    if items.is_empty() {
        return html! {};
    }
    html! {
        <>
            <dt>{ title }</dt>
            <dd>
                <ol class="env-items">
                    { for items.iter().map(|i| html! {
                        <li>
                            { value_code(&i.value) }
                            if i.declared != i.value {
                                <span class="env-declared">{ " from " }<code>{ &i.declared }</code></span>
                            }
                            { references(&i.references) }
                        </li>
                    }) }
                </ol>
            </dd>
        </>
    }
}

fn container(c: &ContainerEnvironment) -> Html {
    let kind = kind_label(c.kind);
    html! {
        <article class="env-container">
            <h3>
                <code>{ &c.name }</code>{ " " }
                <span class={classes!("badge", format!("env-kind-{kind}"))}>{ kind }</span>
                <span class="env-field">{ format!(" {}", c.field) }</span>
            </h3>
            if let Some(error) = &c.error {
                <p class="k8s-error env-error">
                    <strong>{ &error.reason }</strong>{ ": " }{ &error.message }
                </p>
            }
            if let Some(rows) = &c.env {
                if rows.is_empty() {
                    <p class="env-note">{ "No variables from the kubelet." }</p>
                } else {
                    <table class="env-table">
                        <thead><tr><th>{ "NAME" }</th><th>{ "VALUE" }</th><th>{ "SOURCE" }</th></tr></thead>
                        <tbody>{ for rows.iter().map(env_row) }</tbody>
                    </table>
                }
            }
            { for c.runtime_vars.iter().map(|r| html! {
                <p class="env-note">
                    <code>{ format!("{}={}", r.name, r.value) }</code>{ format!(" — {}", r.note) }
                </p>
            }) }
            { for c.skipped.iter().map(|s| html! {
                <p class="env-note">{ format!("skipped {}: {}", s.field, s.text) }</p>
            }) }
            if c.error.is_none() && (!c.command_items.is_empty() || !c.args_items.is_empty()) {
                <dl class="env-command">
                    { expanded_items("command", &c.command_items) }
                    { expanded_items("args", &c.args_items) }
                </dl>
            }
        </article>
    }
}

/// One line naming the simulated values this environment used.
fn simulated_line(env: &EnvironmentReport) -> String {
    let sim = &env.simulated;
    let mut used = Vec::new();
    if env.node.simulated {
        used.push(format!(
            "node {} (InternalIP {}, allocatable cpu {}, memory {}, ephemeral-storage {}, pods {})",
            sim.node.name,
            sim.node.internal_ip,
            sim.node.cpu,
            sim.node.memory,
            sim.node.ephemeral_storage,
            sim.node.pods
        ));
    }
    used.push(format!("pod IP {}", env.node.pod_ips.join(", ")));
    if env.services.iter().any(|s| s.simulated) {
        let k = &sim.kubernetes_service;
        used.push(format!(
            "kubernetes Service {}:{}/{}",
            k.cluster_ip, k.port, k.protocol
        ));
    }
    if env.uid_simulated {
        used.push(format!("uid {}", sim.pod_uid));
    }
    format!(
        "Simulated: {}. Change them under Cluster settings → Simulated values.",
        used.join("; ")
    )
}

/// The node the values come from: its name, who chose it (and where it was given), its
/// addresses and allocatable.
fn node_line(report: &podplay_core::Report, env: &EnvironmentReport) -> Html {
    let node = &env.node;
    let allocatable = |k: &str| {
        node.allocatable
            .get(k)
            .and_then(|v| v.as_str())
            .unwrap_or("-")
    };
    let given = crate::components::documents::given_in(report, "Node");
    let from = match (node.choice, node.simulated) {
        (NodeChoice::Scheduler, false) => format!("from {given}, chosen by the scheduler"),
        (NodeChoice::SpecNodeName, false) => format!("from {given}, named by spec.nodeName"),
        _ => node.from.clone(),
    };
    html! {
        <p class="env-node" data-testid="env-node">
            { "Node " }<code>{ &node.name }</code>
            if node.simulated {
                { " " }<span class="badge env-simulated">{ "simulated" }</span>
            }
            { format!(" — {from}. ") }
            { format!("status.hostIPs {}; allocatable cpu {}, memory {} (what an unset limit in resourceFieldRef reads).",
                node.host_ips.join(", "), allocatable("cpu"), allocatable("memory")) }
        </p>
    }
}

fn hostname(env: &EnvironmentReport) -> Html {
    let h = &env.hostname;
    html! {
        <p class="env-hostname">
            { "hostname " }<code>{ &h.hostname }</code>
            if let Some(domain) = &h.domain {
                { " in " }<code>{ domain }</code>
            }
            if h.simulated {
                { " " }<span class="badge env-simulated">{ "simulated" }</span>
            }
            { format!(" ({}). The container runtime sets HOSTNAME to it, not the kubelet.", h.explanation) }
            if let Some(error) = &h.error {
                <span class="k8s-error">{ error }</span>
            }
        </p>
    }
}

#[function_component(Environment)]
pub fn environment(props: &EnvironmentProps) -> Html {
    let Some(env) = props.report.views.environment.as_ref() else {
        return html! {
            <section class="environment" aria-label="Environment">
                <p class="env-note">{ "No environment: the pod is not created, so no kubelet builds one." }</p>
            </section>
        };
    };
    html! {
        <section class="environment" aria-label="Environment">
            <h2>{ format!("Environment of {}/{}", env.namespace, env.pod_name) }</h2>
            { node_line(&props.report, env) }
            <p class="env-simulated-line">{ simulated_line(env) }</p>
            { hostname(env) }
            <p class="env-note">{ &env.env_order }</p>
            { for env.containers.iter().map(container) }
            if !env.services.is_empty() {
                <details class="env-services">
                    <summary>{ format!("Services ({}) — enableServiceLinks {}", env.services.len(), env.enable_service_links) }</summary>
                    <ul>
                        { for env.services.iter().map(|s| html! {
                            <li class={classes!(s.included.then_some("included"))}>
                                <code>{ format!("{}/{}", s.namespace, s.name) }</code>
                                { format!(" {}: {}", if s.included { "✓" } else { "✗" }, s.reason) }
                                if s.simulated {
                                    { " " }<span class="badge env-simulated">{ "simulated" }</span>
                                }
                            </li>
                        }) }
                    </ul>
                    <p class="env-note">{ &env.services_note }</p>
                </details>
            }
        </section>
    }
}
