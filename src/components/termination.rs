//! How the pod stops, played back: one lane per container (sidecars marked), lanes for the API
//! object and the endpoint, the grace window and its deadline, and the `kubectl describe`
//! events in step with the playhead. The scenario and each container's behaviour are part of
//! the analysis options (`options.timeline`): changing one asks the app for a new analysis
//! through `on_options`, and the core recomputes the timeline (`report.views.termination`).

use super::timeline_chart::{
    notes_list, playback, use_played, use_player, Chart, ChartBar, ChartLane,
};
use crate::state::ReportRef;
use podplay_core::termination::grace::{DeleteFlags, KUBECTL_GRACE_UNSET};
use podplay_core::termination::{Behaviour, ExitAfter, PreStop, Scenario, Timeline};
use podplay_core::timeline::{
    parse_seconds, seconds_text, ContainerRole, EventKind, Ms, TimelineOptions, SECOND,
};
use podplay_core::Report;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TerminationProps {
    pub report: ReportRef,
    /// The options the report was made with (scenario and behaviours).
    pub options: TimelineOptions,
    /// Called with new options when a control changes; the app re-runs the analysis.
    pub on_options: Callback<TimelineOptions>,
}

/// The scenario choices: (value, label).
const SCENARIOS: &[(&str, &str)] = &[
    ("delete", "kubectl delete"),
    ("grace", "kubectl delete --grace-period N"),
    ("now", "kubectl delete --now"),
    ("force", "kubectl delete --force --grace-period=0"),
    ("evict", "node-pressure eviction"),
    ("preempt", "preemption"),
    ("liveness", "liveness probe failure"),
    ("complete", "containers complete (Job)"),
];

fn scenario_value(s: &Scenario) -> &'static str {
    match s {
        Scenario::Delete(f) if f.force => "force",
        Scenario::Delete(f) if f.now => "now",
        Scenario::Delete(f) if f.grace_period != KUBECTL_GRACE_UNSET => "grace",
        Scenario::Delete(_) => "delete",
        Scenario::Evict { .. } => "evict",
        Scenario::Preempt => "preempt",
        Scenario::Liveness { .. } => "liveness",
        Scenario::Complete => "complete",
    }
}

fn scenario_of(value: &str, grace: i64) -> Scenario {
    let flags = DeleteFlags::default();
    match value {
        "grace" => Scenario::Delete(DeleteFlags {
            grace_period: grace,
            ..flags
        }),
        "now" => Scenario::Delete(DeleteFlags { now: true, ..flags }),
        "force" => Scenario::Delete(DeleteFlags {
            grace_period: 0,
            force: true,
            ..flags
        }),
        "evict" => Scenario::Evict {
            max_pod_grace_period: None,
        },
        "preempt" => Scenario::Preempt,
        "liveness" => Scenario::Liveness { container: None },
        "complete" => Scenario::Complete,
        _ => Scenario::Delete(flags),
    }
}

/// The chart: the API object, the endpoint, then every container.
fn chart_of(tl: &Timeline) -> Chart {
    let pod_markers = |keep: &dyn Fn(EventKind) -> bool| {
        tl.pod_markers
            .iter()
            .filter(|m| keep(m.event))
            .cloned()
            .collect::<Vec<_>>()
    };
    let endpoint = pod_markers(&|e| e == EventKind::EndpointNotReady);
    let ready_until = endpoint.first().map_or(tl.end, |m| m.t);
    let mut lanes = vec![
        ChartLane {
            label: "API object".into(),
            kind: "api",
            bars: vec![ChartBar {
                class: "exists".into(),
                start: 0,
                end: tl.object_removed_at.unwrap_or(tl.end),
                open: tl.object_removed_at.is_none(),
                label: "the pod object exists".into(),
            }],
            markers: pod_markers(&|e| e != EventKind::EndpointNotReady),
        },
        ChartLane {
            label: "endpoint".into(),
            kind: "endpoint",
            bars: vec![ChartBar {
                class: "ready".into(),
                start: 0,
                end: ready_until,
                open: endpoint.is_empty(),
                label: "the pod's endpoint is ready".into(),
            }],
            markers: endpoint,
        },
    ];
    lanes.extend(
        tl.lanes
            .iter()
            .map(|l| ChartLane::container(&l.container, l.role, &l.bars, &l.markers)),
    );
    let grace = tl.grace_deadline.map(|deadline| {
        let start = deadline.saturating_sub(tl.grace_period.unwrap_or(0).max(0) as Ms * SECOND);
        (start, deadline)
    });
    Chart {
        lanes,
        end: tl.end.max(SECOND),
        grace,
    }
}

/// A seconds slider's value (whole seconds, 0–120).
fn slider_seconds(e: &InputEvent) -> Ms {
    let input: web_sys::HtmlInputElement = e.target_unchecked_into();
    parse_seconds(&input.value()).unwrap_or(0)
}

fn select_value(e: &Event) -> String {
    let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
    select.value()
}

fn pre_stop_of(kind: &str, ms: Ms) -> PreStop {
    match kind {
        "hangs" => PreStop::Hangs,
        "fails" => PreStop::Fails(ms),
        _ => PreStop::Takes(ms),
    }
}

/// Emits the options with one container's behaviour changed by `f` (ctx: the options, the
/// callback, the container's name).
fn change(
    ctx: &(TimelineOptions, Callback<TimelineOptions>, String),
    f: impl FnOnce(&mut Behaviour),
) {
    let (options, on_options, name) = ctx;
    let mut next = options.clone();
    match next.stop.iter_mut().find(|(n, _)| n == name) {
        Some((_, b)) => f(b),
        None => {
            let mut b = Behaviour::default();
            f(&mut b);
            next.stop.push((name.clone(), b));
        }
    }
    on_options.emit(next);
}

/// The preStop handler (`exec`, `httpGet`, `sleep`, `tcpSocket`) of container `name` in the
/// stored pod, read from the defaults view's field-tagged lines (the page has no pod JSON).
fn pre_stop_handler(report: &Report, name: &str) -> Option<String> {
    let lines = &report.views.defaults.as_ref()?.output;
    let name_line = format!("name: {name}");
    let prefix = lines.iter().find_map(|l| {
        let container = l.path.strip_suffix(".name")?;
        let in_list = container.starts_with("spec.containers[")
            || container.starts_with("spec.initContainers[");
        (in_list && l.text.trim().trim_start_matches("- ") == name_line)
            .then(|| format!("{container}.lifecycle.preStop."))
    })?;
    lines.iter().find_map(|l| {
        let rest = l.path.strip_prefix(&prefix)?;
        Some(rest.split('.').next().unwrap_or(rest).to_string())
    })
}

/// The controls of one container's behaviour. Only an exec or httpGet preStop hook takes a
/// time the spec cannot tell; a `sleep` hook takes its seconds and tcpSocket fails at once.
fn behaviour_row(
    name: &str,
    handler: Option<String>,
    options: &TimelineOptions,
    on_options: &Callback<TimelineOptions>,
) -> Html {
    let b = options
        .stop
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| *b)
        .unwrap_or_default();
    let ctx = Rc::new((options.clone(), on_options.clone(), name.to_string()));
    let (hook, hook_ms) = match b.pre_stop {
        None => ("returns", 0),
        Some(PreStop::Takes(ms)) => ("returns", ms),
        Some(PreStop::Hangs) => ("hangs", 0),
        Some(PreStop::Fails(ms)) => ("fails", ms),
    };
    let (exit, exit_ms) = match b.exit_after {
        None => ("exits", 0),
        Some(ExitAfter::After(ms)) => ("exits", ms),
        Some(ExitAfter::Never) => ("never", 0),
    };
    let on_hook = {
        let (ctx, ms) = (ctx.clone(), hook_ms);
        Callback::from(move |e: Event| {
            let p = pre_stop_of(&select_value(&e), ms);
            change(&ctx, |b| b.pre_stop = Some(p))
        })
    };
    let on_hook_ms = {
        let (ctx, kind) = (ctx.clone(), hook.to_string());
        Callback::from(move |e: InputEvent| {
            let p = pre_stop_of(&kind, slider_seconds(&e));
            change(&ctx, |b| b.pre_stop = Some(p))
        })
    };
    let on_exit = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let x = match select_value(&e).as_str() {
                "never" => ExitAfter::Never,
                _ => ExitAfter::After(exit_ms),
            };
            change(&ctx, |b| b.exit_after = Some(x))
        })
    };
    let on_exit_ms = {
        let ctx = ctx.clone();
        Callback::from(move |e: InputEvent| {
            let x = ExitAfter::After(slider_seconds(&e));
            change(&ctx, |b| b.exit_after = Some(x))
        })
    };
    let on_code = Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        let code = input.value().parse::<i32>().ok();
        change(&ctx, |b| b.exit_code = code)
    });
    let secs = |ms: Ms| (ms / SECOND).to_string();
    let hook_cell = match handler.as_deref() {
        None => html! { <span class="tl-secs">{ "no preStop hook" }</span> },
        Some("sleep") => {
            html! { <span class="tl-secs">{ "sleep: its seconds are in the spec" }</span> }
        }
        Some("tcpSocket") => {
            html! { <span class="tl-secs">{ "tcpSocket: fails at once (the kubelet has no tcpSocket handler)" }</span> }
        }
        Some(h) => html! {
            <>
                <span class="tl-secs">{ format!("{h} ") }</span>
                <select onchange={on_hook} aria-label={format!("{name} preStop")}>
                    { for ["returns", "hangs", "fails"].iter().map(|k| html! { <option value={*k} selected={*k == hook}>{ *k }</option> }) }
                </select>
                <input type="range" min="0" max="120" value={secs(hook_ms)} disabled={hook == "hangs"}
                    oninput={on_hook_ms} aria-label={format!("{name} preStop seconds")} />
                <span class="tl-secs">{ format!("{} s", seconds_text(hook_ms)) }</span>
            </>
        },
    };
    html! {
        <tr>
            <th scope="row"><code>{ name }</code></th>
            <td>{ hook_cell }</td>
            <td>
                <select onchange={on_exit} aria-label={format!("{name} after the stop signal")}>
                    <option value="exits" selected={exit == "exits"}>{ "exits after" }</option>
                    <option value="never" selected={exit == "never"}>{ "ignores it" }</option>
                </select>
                <input type="range" min="0" max="120" value={secs(exit_ms)} disabled={exit == "never"}
                    oninput={on_exit_ms} aria-label={format!("{name} exits after seconds")} />
                <span class="tl-secs">{ format!("{} s", seconds_text(exit_ms)) }</span>
            </td>
            <td>
                <input type="number" class="tl-code" value={b.exit_code.unwrap_or(0).to_string()}
                    oninput={on_code} aria-label={format!("{name} exit code")} />
            </td>
        </tr>
    }
}

/// The scenario selector (and the grace period for `--grace-period N`).
fn scenario_controls(options: &TimelineOptions, on_options: &Callback<TimelineOptions>) -> Html {
    let current = scenario_value(&options.scenario);
    let grace = match options.scenario {
        Scenario::Delete(f) if f.grace_period >= 0 => f.grace_period,
        _ => 30,
    };
    let emit = |options: &TimelineOptions, on_options: &Callback<TimelineOptions>| {
        let (options, on_options) = (options.clone(), on_options.clone());
        move |scenario: Scenario| {
            on_options.emit(TimelineOptions {
                scenario,
                ..options.clone()
            })
        }
    };
    let on_scenario = {
        let emit = emit(options, on_options);
        Callback::from(move |e: Event| emit(scenario_of(&select_value(&e), grace)))
    };
    let on_grace = {
        let emit = emit(options, on_options);
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let g = input.value().parse::<i64>().unwrap_or(0);
            emit(scenario_of("grace", g))
        })
    };
    html! {
        <div class="tl-scenario">
            <label>{ "scenario " }
                <select onchange={on_scenario} data-testid="tl-scenario">
                    { for SCENARIOS.iter().map(|(v, label)| html! {
                        <option value={*v} selected={*v == current}>{ *label }</option>
                    }) }
                </select>
            </label>
            if current == "grace" {
                <label>{ " --grace-period " }
                    <input type="range" min="0" max="120" value={grace.to_string()} oninput={on_grace}
                        aria-label="grace period seconds" />
                    <span class="tl-secs">{ format!("{grace} s") }</span>
                </label>
            }
        </div>
    }
}

#[function_component(Termination)]
pub fn termination(props: &TerminationProps) -> Html {
    let tl = props.report.views.termination.as_ref();
    let played = use_played(props.report.clone(), |r| {
        let tl = r.views.termination.as_ref()?;
        Some((chart_of(tl), &tl.kube_events[..], &tl.events[..]))
    });
    let player = use_player(played.chart.end);
    let Some(tl) = tl else {
        return html! {};
    };
    html! {
        <section class="timeline termination" aria-label="Termination">
            <h2>{ "How the pod stops" }</h2>
            { scenario_controls(&props.options, &props.on_options) }
            if let Some(k) = &tl.kubectl {
                <pre class="tl-kubectl">{ format!("$ {}", k.command.join(" ")) }
                    if !k.stderr.is_empty() { { format!("\n{}", k.stderr) } }
                    if !k.stdout.is_empty() { { format!("\n{}", k.stdout) } }
                </pre>
            }
            if let Some(error) = &tl.error {
                <p class="k8s-error">{ error }</p>
            } else {
                <p class="tl-summary">
                    { tl.grace_period.map(|g| format!("grace period {g} s · ")).unwrap_or_default() }
                    { format!("stop order: {}", tl.order.join(", ")) }
                    { tl.phase.as_ref().map(|p| format!(" · phase {p}")).unwrap_or_default() }
                </p>
                { playback(&player, &played, "tl-termination") }
            }
            <details class="tl-behaviours">
                <summary>{ "What each container does" }</summary>
                <table>
                    <thead><tr><th>{ "container" }</th><th>{ "preStop hook" }</th><th>{ "after the stop signal" }</th><th>{ "exit code" }</th></tr></thead>
                    <tbody>
                        // Init containers completed before; nothing of theirs is stopped.
                        { for tl.lanes.iter().filter(|l| l.role != ContainerRole::Init).map(|l| behaviour_row(&l.container, pre_stop_handler(&props.report, &l.container), &props.options, &props.on_options)) }
                    </tbody>
                </table>
            </details>
            { notes_list(&tl.notes) }
        </section>
    }
}
