//! Where the pod would run: the RuntimeClass merge (pod / RuntimeClass / result), the node ×
//! filter matrix, the feasible nodes' scores, and the scheduler's own message. Everything is
//! decided by the core (`report.views.scheduling`); this only lays it out. The label-selector
//! tester calls the core's `labels::parse` (Kubernetes' `labels.Parse`) on what is typed.

use crate::state::ReportRef;
use podplay_core::input::CONTEXT_GIVEN_IN;
use podplay_core::labels;
use podplay_core::scheduling::merge::{value_text, Columns, MergeReport};
use podplay_core::scheduling::paste::{NodeSource, ScheduleReport};
use podplay_core::scheduling::{Code, FilterOutcome, FilterReport, NodeReport, Scheduling};
use podplay_core::tolerations::Toleration;
use podplay_core::versions::Version;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SchedulingProps {
    pub report: ReportRef,
}

fn code_name(code: Option<Code>) -> &'static str {
    match code {
        Some(Code::Unschedulable) => "Unschedulable (preemption may help)",
        Some(Code::UnschedulableAndUnresolvable) => "UnschedulableAndUnresolvable",
        None => "",
    }
}

/// A merge cell: a list (tolerations) one item a line, an object (nodeSelector, overhead) one
/// `key: value` a line, anything else as the core writes it.
fn merge_value(v: &serde_json::Value) -> Html {
    use serde_json::Value;
    let lines: Vec<String> = match v {
        // Tolerations, as `kubectl describe pod` lists them.
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .map(|t| Toleration::from_json(t).describe())
            .collect(),
        Value::Object(map) if !map.is_empty() => map
            .iter()
            .map(|(k, v)| {
                format!(
                    "{k}: {}",
                    v.as_str().map_or_else(|| value_text(v), str::to_string)
                )
            })
            .collect(),
        _ => vec![value_text(v)],
    };
    html! { <ul class="sched-values">{ for lines.into_iter().map(|l| html! { <li><code>{ super::breakable(&l, &['/', ':', '=', ',']) }</code></li> }) }</ul> }
}

fn merge_row(name: &str, c: &Columns) -> Html {
    html! {
        <tr class={classes!(c.conflict.is_some().then_some("conflict"))}>
            <th scope="row">{ name }</th>
            <td>{ merge_value(&c.pod) }</td>
            <td>{ merge_value(&c.runtime_class) }</td>
            <td>
                { merge_value(&c.result) }
                if let Some(field) = &c.conflict {
                    <div class="sched-conflict">{ format!("conflict at {field}") }</div>
                }
            </td>
        </tr>
    }
}

/// `admission_error`: the API server's rejection shown below (not repeated here).
fn merge_table(m: &MergeReport, admission_error: Option<&str>) -> Html {
    let rc = m.runtime_class_name.as_deref().unwrap_or("—");
    let found = match (m.runtime_class_found, &m.handler) {
        (true, Some(h)) => format!("handler {h}"),
        (true, None) => "found".to_string(),
        (false, _) => format!("not in {CONTEXT_GIVEN_IN}"),
    };
    html! {
        <div class="sched-merge">
            <h3>{ format!("RuntimeClass {rc} ({found})") }</h3>
            <table>
                <thead><tr><th></th><th>{ "pod" }</th><th>{ "RuntimeClass" }</th><th>{ "result" }</th></tr></thead>
                <tbody>
                    { merge_row("nodeSelector", &m.node_selector) }
                    { merge_row("tolerations", &m.tolerations) }
                    { merge_row("overhead", &m.overhead) }
                </tbody>
            </table>
            if !m.dropped.is_empty() {
                <ul class="sched-dropped">
                    { for m.dropped.iter().map(|d| html! {
                        // The core's sentence names the dropped toleration and the one covering it.
                        <li>{ &d.why }</li>
                    }) }
                </ul>
            }
            if let Some(e) = m.error.as_ref().filter(|e| Some(e.as_str()) != admission_error) {
                <p class="k8s-error">{ e }</p>
            }
        </div>
    }
}

fn filter_cell(f: &FilterReport) -> Html {
    match f.status {
        FilterOutcome::Passed => html! { <td class="f-pass" title="passed">{ "✓" }</td> },
        FilterOutcome::Rejected => {
            let reasons = f.reasons.join("; ");
            let title = format!("{} — {reasons}", code_name(f.code));
            html! {
                <td class="f-reject" title={title}>
                    { "✗ " }{ reasons }
                    if let Some(detail) = &f.note {
                        <div class="sched-why">{ detail }</div>
                    }
                </td>
            }
        }
        FilterOutcome::NotReached => {
            let title = f.note.clone().unwrap_or_else(|| "not reached".into());
            html! { <td class="f-skip" title={title}>{ "·" }</td> }
        }
        FilterOutcome::Skipped => {
            let title = f.note.clone().unwrap_or_else(|| "skipped".into());
            html! { <td class="f-skip" title={title}>{ "–" }</td> }
        }
    }
}

/// The node × filter matrix, one column per node and one row per filter in profile order
/// (a pod meets a handful of nodes but a dozen filters: this way it fits a pane and reads
/// top-down in the order the scheduler runs them). The first row says whether the node fits.
fn filter_matrix(s: &Scheduling) -> Html {
    // Every node that reached the filters lists all of them, in profile order.
    let Some(first) = s.nodes.iter().max_by_key(|n| n.filters.len()) else {
        return html! {};
    };
    let verdict = |n: &NodeReport| {
        if n.feasible {
            html! { <td class="f-pass">{ "fits" }</td> }
        } else if n.filters.is_empty() {
            html! { <td class="f-reject">{ "✗ " }<span class="sched-why">{ n.reasons.join("; ") }</span></td> }
        } else {
            html! { <td class="f-reject">{ format!("✗ {}", n.plugin.as_deref().unwrap_or("")) }</td> }
        }
    };
    html! {
        // Focusable: a keyboard can scroll the wide table (axe `scrollable-region-focusable`).
        <div class="sched-scroll" tabindex="0" role="region" aria-label="Filters per node">
            <table class="sched-matrix" data-testid="filter-matrix">
                <thead>
                    <tr>
                        <th>{ "filter" }</th>
                        { for s.nodes.iter().map(|n| html! {
                            <th scope="col" class={classes!(n.feasible.then_some("feasible"))}>{ &n.name }</th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    <tr class="sched-fit">
                        <th scope="row">{ "result" }</th>
                        { for s.nodes.iter().map(verdict) }
                    </tr>
                    { for first.filters.iter().enumerate().map(|(i, f)| html! {
                        <tr>
                            <th scope="row">{ &f.plugin }</th>
                            { for s.nodes.iter().map(|n| match n.filters.get(i) {
                                Some(cell) => filter_cell(cell),
                                None => html! { <td class="f-skip">{ "·" }</td> },
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="sched-why sched-legend">{ "✓ passed, ✗ rejected (the reason the scheduler records), – skipped (nothing for it to check), · not reached (the scheduler stops at the first rejection)" }</p>
            { for s.nodes.iter().filter_map(|n| n.preemption.as_ref().map(|p| html! {
                <p class="sched-why">{ format!("preemption on {}: {p}", n.name) }</p>
            })) }
        </div>
    }
}

fn is_winner(s: &Scheduling, n: &NodeReport) -> bool {
    s.assigned_to.as_deref() == Some(n.name.as_str()) || s.assigned_among.contains(&n.name)
}

/// Feasible nodes' scores per plugin (`score × weight`), the total, the winner or the tie.
fn score_table(s: &Scheduling) -> Html {
    let scored: Vec<&NodeReport> = s.nodes.iter().filter(|n| !n.scores.is_empty()).collect();
    if scored.is_empty() {
        return html! {};
    }
    let plugins = &scored[0].scores;
    html! {
        <div class="sched-scroll" tabindex="0" role="region" aria-label="Scores per node">
            <table class="sched-scores">
                <thead>
                    <tr>
                        <th>{ "node" }</th>
                        { for plugins.iter().map(|p| html! { <th>{ format!("{} ×{}", p.plugin, p.weight) }</th> }) }
                        <th>{ "total" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for scored.iter().map(|n| html! {
                        <tr class={classes!(is_winner(s, n).then_some("winner"))}>
                            <th scope="row">{ &n.name }</th>
                            { for n.scores.iter().map(|c| html! {
                                <td title={format!("raw {}, normalized {}, weight {}", c.raw, c.score, c.weight)}>{ c.weighted }</td>
                            }) }
                            <td class="total">{ n.total.map(|t| t.to_string()).unwrap_or_default() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            { for s.score_plugins.iter().filter_map(|p| p.skipped.as_ref().map(|why| html! {
                <p class="sched-why">{ format!("{} did not score: {why}", p.plugin) }</p>
            })) }
        </div>
    }
}

/// The scheduler's words: the FailedScheduling note or the Scheduled event, and the winner.
fn verdict(s: &Scheduling) -> Html {
    html! {
        <div class="sched-verdict">
            if let Some(bypass) = &s.bypassed {
                <p class="sched-bypass">{ bypass }</p>
            }
            if let Some(m) = &s.message {
                <p class="k8s-error" data-testid="scheduling-message">{ format!("Warning FailedScheduling: {m}") }</p>
            }
            if let Some(e) = &s.scheduled_event {
                <p class="sched-ok" data-testid="scheduling-message">{ format!("Normal Scheduled: {e}") }</p>
            }
            if s.assigned_to.is_none() && !s.assigned_among.is_empty() {
                <p class="sched-ok">
                    { format!("tie between {}", s.assigned_among.join(", ")) }
                    if let Some(t) = &s.tie { <span class="sched-why">{ format!(" — {t}") }</span> }
                </p>
            }
            if let Some(n) = &s.nominated_node {
                <p>
                    { format!("nominated node: {n}") }
                    if !s.preemption_victims.is_empty() {
                        { format!("; victims: {}", s.preemption_victims.join(", ")) }
                    }
                </p>
            }
            { for s.notes.iter().map(|n| html! { <p class="sched-why">{ n }</p> }) }
        </div>
    }
}

/// `-l` expression → requirements (or the parse error) and which nodes and the pod match.
#[derive(Properties, PartialEq)]
struct TesterProps {
    report: ReportRef,
}

#[function_component(SelectorTester)]
fn selector_tester(props: &TesterProps) -> Html {
    let expr = use_state(|| "disktype=ssd,zone in (a,b),!legacy".to_string());
    let Some(view) = props.report.views.scheduling.as_ref() else {
        return html! {};
    };
    let version = Version::parse(&view.kubernetes_version).unwrap_or_else(|_| Version::newest());
    let oninput = {
        let expr = expr.clone();
        Callback::from(move |e: InputEvent| {
            expr.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let result = match labels::parse(&expr, &version) {
        Err(e) => html! { <p class="k8s-error" role="status">{ e }</p> },
        Ok(sel) => {
            let (nodes, pod) = view.selector_matches(&sel);
            html! {
                <div role="status">
                    <ul class="sched-reqs">
                        if sel.requirements.is_empty() {
                            <li>{ "(empty: matches everything)" }</li>
                        }
                        { for sel.requirements.iter().map(|r| html! { <li><code>{ &r.text }</code></li> }) }
                    </ul>
                    <p>{ format!("nodes matching: {}", if nodes.is_empty() { "none".to_string() } else { nodes.join(", ") }) }</p>
                    <p>{ format!("pod labels match: {}", if pod { "yes" } else { "no" }) }</p>
                </div>
            }
        }
    };
    html! {
        <details class="match-tester sched-tester">
            <summary>{ "label selector tester (-l)" }</summary>
            <label>{ "selector " }<input aria-label="label selector" value={(*expr).clone()} {oninput} /></label>
            { result }
        </details>
    }
}

fn node_source_note(report: &podplay_core::Report, r: &ScheduleReport) -> String {
    let n = r.node_labels.len();
    match r.node_source {
        NodeSource::Paste => format!(
            "{n} node(s) from {}",
            crate::components::documents::given_in(report, "Node")
        ),
        NodeSource::ExampleCluster => format!(
            "No Node in {CONTEXT_GIVEN_IN}: scheduled on podplay's example cluster ({n} nodes). Paste Node documents, or add them in the cluster context panel, to use your own."
        ),
    }
}

#[function_component(SchedulingView)]
pub fn scheduling_view(props: &SchedulingProps) -> Html {
    let Some(r) = props.report.views.scheduling.as_ref() else {
        return html! {};
    };
    html! {
        <section class="scheduling" aria-label="Scheduling">
            <h2>{ "Scheduling" }</h2>
            <p class={classes!("sched-source", (r.node_source == NodeSource::ExampleCluster).then_some("example"))}>
                { node_source_note(&props.report, r) }
            </p>
            { for r.diagnostics.iter().map(|d| html! { <p class="sched-why">{ d }</p> }) }
            if let Some(m) = &r.merge {
                { merge_table(m, r.admission_error.as_deref()) }
            }
            if let Some(e) = &r.admission_error {
                <p class="k8s-error">{ format!("not scheduled: the API server rejects the pod ({}): {e}", r.admission_error_plugin.as_deref().unwrap_or("")) }</p>
            }
            if let Some(s) = &r.scheduling {
                { verdict(s) }
                if s.bypassed.is_some() {
                    // The scheduler never sees the pod: the matrix is only what it would do.
                    <details class="sched-what-if">
                        <summary>{ "Filters, had the scheduler queued it" }</summary>
                        { filter_matrix(s) }
                    </details>
                } else {
                    <h3>{ "Filters" }</h3>
                    { filter_matrix(s) }
                    if s.nodes.iter().any(|n| !n.scores.is_empty()) {
                        <h3>{ "Scores" }</h3>
                        { score_table(s) }
                    }
                }
            }
            <SelectorTester report={props.report.clone()} />
        </section>
    }
}
