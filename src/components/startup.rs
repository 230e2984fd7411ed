//! How the pod starts, played back: image pulls, init containers in order, sidecars,
//! postStart hooks, Running, and the ImagePullBackOff / CrashLoopBackOff schedules, one lane per
//! container, with the `kubectl describe` events in step with the playhead. Everything comes
//! from the core (`report.views.startup`).

use super::timeline_chart::{notes_list, playback, use_played, use_player, Chart, ChartLane};
use crate::state::ReportRef;
use podplay_core::startup::{
    PostStart, Pull, Run, StartBehaviour, StartLane, StartupTimeline, DEFAULT_IMAGE_SIZE,
};
use podplay_core::timeline::{
    parse_seconds, seconds_text, ContainerRole, EventKind, Ms, TimelineOptions, SECOND,
};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StartupProps {
    pub report: ReportRef,
    /// The options the report was made with (`start`: each container's behaviour).
    #[prop_or_default]
    pub options: TimelineOptions,
    /// Called with new options when a control changes; the app re-runs the analysis.
    #[prop_or_default]
    pub on_options: Callback<TimelineOptions>,
}

/// A 0–120 s slider and its value (disabled when the choice takes no time).
fn seconds_slider(label: String, ms: Ms, enabled: bool, on: Callback<Ms>) -> Html {
    let on_input = Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        on.emit(parse_seconds(&input.value()).unwrap_or(0))
    });
    html! {
        <>
            <input type="range" min="0" max="120" value={(ms / SECOND).to_string()} disabled={!enabled}
                oninput={on_input} aria-label={format!("{label} seconds")} />
            <span class="tl-secs">{ format!("{} s", seconds_text(ms)) }</span>
        </>
    }
}

/// A choice and its seconds: `(choice, seconds)` from a select and a 0–120 s slider (the
/// slider is disabled for choices that take no time).
fn choice_seconds(
    label: String,
    choices: &'static [(&'static str, &'static str)],
    current: &'static str,
    ms: Ms,
    timed: fn(&str) -> bool,
    on: Callback<(String, Ms)>,
) -> Html {
    let on_choice = {
        let on = on.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            on.emit((select.value(), ms))
        })
    };
    let on_ms = Callback::from(move |ms| on.emit((current.to_string(), ms)));
    html! {
        <>
            <select onchange={on_choice} aria-label={label.clone()}>
                { for choices.iter().map(|(v, text)| html! { <option value={*v} selected={*v == current}>{ *text }</option> }) }
            </select>
            { seconds_slider(label, ms, timed(current), on_ms) }
        </>
    }
}

const PULLS: &[(&str, &str)] = &[
    ("takes", "succeeds after"),
    ("fails", "fails (ErrImagePull)"),
];
const RUNS: &[(&str, &str)] = &[("forever", "keeps running"), ("exits", "exits after")];
const POST_STARTS: &[(&str, &str)] = &[
    ("takes", "returns after"),
    ("hangs", "never returns"),
    ("fails", "fails after"),
];
/// Whether the image is on the node: the cluster setting unless the container says.
const PRESENT: &[(&str, &str)] = &[
    ("", "as in the cluster settings"),
    ("yes", "already on the node"),
    ("no", "not on the node"),
];

/// One labelled line of a container's behaviour.
fn field(label: &str, controls: Html) -> Html {
    html! {
        <div class="tl-field">
            <span class="tl-label">{ label.to_string() }</span>
            <span class="tl-controls">{ controls }</span>
        </div>
    }
}

/// One container's start behaviour: its image (pull, wait behind other pulls, already on the
/// node, size), its postStart hook and what its process does; exactly `StartBehaviour`'s fields.
fn behaviour_row(lane: &StartLane, props: &StartupProps) -> Html {
    let (name, role) = (lane.container.as_str(), lane.role);
    let b = props
        .options
        .start
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| *b)
        .unwrap_or_default();
    let emit = |f: fn(&mut StartBehaviour, &str, Ms)| {
        let (options, on_options, name) = (
            props.options.clone(),
            props.on_options.clone(),
            name.to_string(),
        );
        Callback::from(move |(choice, ms): (String, Ms)| {
            let mut next = options.clone();
            match next.start.iter_mut().find(|(n, _)| *n == name) {
                Some((_, b)) => f(b, &choice, ms),
                None => {
                    let mut b = StartBehaviour::default();
                    f(&mut b, &choice, ms);
                    next.start.push((name.clone(), b));
                }
            }
            on_options.emit(next)
        })
    };
    // A text field's value as the choice (the exit code, the image size).
    let typed = |f: fn(&mut StartBehaviour, &str, Ms)| {
        let on = emit(f);
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on.emit((input.value(), 0))
        })
    };
    let (pull, pull_ms) = match b.pull {
        None => ("takes", 0),
        Some(Pull::Takes(ms)) => ("takes", ms),
        Some(Pull::Fails) => ("fails", 0),
    };
    let (run, run_ms) = match b.run {
        Some(Run::ExitsAfter(ms)) => ("exits", ms),
        Some(Run::Forever) => ("forever", 0),
        // The core's default: a regular init container exits at once, the others run on.
        None if role == ContainerRole::Init => ("exits", 0),
        None => ("forever", 0),
    };
    let (hook, hook_ms) = match b.post_start {
        None => ("takes", 0),
        Some(PostStart::Takes(ms)) => ("takes", ms),
        Some(PostStart::Hangs) => ("hangs", 0),
        Some(PostStart::Fails(ms)) => ("fails", ms),
    };
    let present = match b.image_present {
        None => "",
        Some(true) => "yes",
        Some(false) => "no",
    };
    let on_present = {
        let on = emit(|b, c, _| {
            b.image_present = match c {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            }
        });
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            on.emit((select.value(), 0))
        })
    };
    let on_wait = {
        let on = emit(|b, _, ms| b.pull_wait = Some(ms));
        Callback::from(move |ms| on.emit((String::new(), ms)))
    };
    let post_start = match lane.post_start_hook.as_deref() {
        Some("exec") | Some("httpGet") => choice_seconds(
            format!("{name} postStart"),
            POST_STARTS,
            hook,
            hook_ms,
            |c| c != "hangs",
            emit(|b, c, ms| {
                b.post_start = Some(match c {
                    "hangs" => PostStart::Hangs,
                    "fails" => PostStart::Fails(ms),
                    _ => PostStart::Takes(ms),
                })
            }),
        ),
        Some("sleep") => {
            html! { <span class="tl-secs">{ "sleep: the seconds the spec gives" }</span> }
        }
        Some("tcpSocket") => {
            html! { <span class="tl-secs">{ "tcpSocket: fails at once (the kubelet cannot run it)" }</span> }
        }
        _ => html! { <span class="tl-secs">{ "none in the spec" }</span> },
    };
    // The Images view's decision for this container's image (read with the same behaviour):
    // when the kubelet does not pull it, why.
    let no_pull = props
        .report
        .views
        .images
        .as_ref()
        .and_then(|v| {
            v.images
                .iter()
                .find(|i| i.name == name && i.role != "image volume")
        })
        .filter(|i| i.report.pull.is_none())
        .map(|i| i.report.kubelet.why.clone());
    let suffix = match role {
        ContainerRole::Sidecar => " (sidecar)",
        ContainerRole::Init => " (init)",
        ContainerRole::Container => "",
    };
    html! {
        <fieldset class="tl-behaviour">
            <legend><code>{ name }</code>{ suffix }</legend>
            { field("image on the node", html! {
                <select onchange={on_present} aria-label={format!("{name} image on the node")}>
                    { for PRESENT.iter().map(|(v, text)| html! { <option value={*v} selected={*v == present}>{ *text }</option> }) }
                </select>
            }) }
            // The pull's settings, disabled when the kubelet does not pull: they would do nothing.
            <fieldset class="tl-pull" disabled={no_pull.is_some()}>
                if let Some(why) = no_pull {
                    <p class="tl-secs tl-no-pull">{ format!("No pull, so the pull settings have no effect: {why}.") }</p>
                }
                { field("image pull", choice_seconds(format!("{name} image pull"), PULLS, pull, pull_ms, |c| c == "takes",
                    emit(|b, c, ms| b.pull = Some(if c == "fails" { Pull::Fails } else { Pull::Takes(ms) })))) }
                { field("wait for other pulls", seconds_slider(format!("{name} waiting for other pulls"),
                    b.pull_wait.unwrap_or(0), pull == "takes", on_wait)) }
                { field("image size (simulated)", html! {
                    <>
                        <input type="number" min="0" class="tl-size" placeholder={DEFAULT_IMAGE_SIZE.to_string()}
                            value={b.image_size.map(|s| s.to_string()).unwrap_or_default()}
                            oninput={typed(|b, v, _| b.image_size = v.trim().parse().ok())}
                            aria-label={format!("{name} image size in bytes (simulated)")} />
                        <span class="tl-secs">{ " bytes" }</span>
                    </>
                }) }
            </fieldset>
            { field("postStart hook", post_start) }
            { field("its process", choice_seconds(format!("{name} process"), RUNS, run, run_ms, |c| c == "exits",
                emit(|b, c, ms| b.run = Some(if c == "exits" { Run::ExitsAfter(ms) } else { Run::Forever })))) }
            { field("exit code", html! {
                <input type="number" class="tl-code" value={b.exit_code.unwrap_or(0).to_string()}
                    oninput={typed(|b, code, _| b.exit_code = code.parse().ok())} aria-label={format!("{name} exit code")} />
            }) }
        </fieldset>
    }
}

/// The chart: the pod's own moments, then every container.
fn chart_of(tl: &StartupTimeline) -> Chart {
    let mut lanes = vec![ChartLane {
        label: "pod".into(),
        kind: "api",
        bars: Vec::new(),
        markers: tl.pod_markers.clone(),
    }];
    lanes.extend(
        tl.lanes
            .iter()
            .map(|l| ChartLane::container(&l.container, l.role, &l.bars, &l.markers)),
    );
    Chart {
        lanes,
        end: tl.end.max(SECOND),
        grace: None,
    }
}

#[function_component(Startup)]
pub fn startup(props: &StartupProps) -> Html {
    let played = use_played(props.report.clone(), |r| {
        let tl = r.views.startup.as_ref()?;
        Some((chart_of(tl), &tl.kube_events[..], &tl.events[..]))
    });
    let player = use_player(played.chart.end);
    let Some(tl) = props.report.views.startup.as_ref() else {
        return html! {};
    };
    html! {
        <section class="timeline startup" aria-label="Start-up">
            <h2>{ "How the pod starts" }</h2>
            if let Some(error) = &tl.error {
                <p class="k8s-error">{ error }</p>
            } else {
                <p class="tl-summary">
                    { format!("kubectl get pod STATUS: {}", tl.status) }
                    { tl.phase.as_ref().map(|p| format!(" · phase {p}")).unwrap_or_default() }
                    { tl.ready_at.map(|r| format!(" · Ready at {} s", seconds_text(r))).unwrap_or_default() }
                </p>
                // Only where a pull happens: its settings are what would give the steps time.
                if tl.end == 0 && tl.events.iter().any(|e| e.event == EventKind::Pulling) {
                    <p class="tl-hint">{ "Every step takes no time with the default behaviours (an instant pull, a process that starts at once). Give the image pull some seconds, or make it fail, under “What each container does”." }</p>
                }
                { playback(&player, &played, "tl-startup") }
            }
            <details class="tl-behaviours">
                <summary>{ "What each container does" }</summary>
                <p class="tl-secs">{ "What the spec cannot say. Image sizes are simulated: they only fill the Pulled event's text (here and in the Images view)." }</p>
                { for tl.lanes.iter().map(|l| behaviour_row(l, props)) }
            </details>
            { notes_list(&tl.notes) }
        </section>
    }
}
