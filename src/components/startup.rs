//! How the pod starts, played back: image pulls, init containers in order, sidecars,
//! postStart hooks, Running, and the ImagePullBackOff / CrashLoopBackOff schedules, one lane per
//! container, with the `kubectl describe` events in step with the playhead. Everything comes
//! from the core (`report.views.startup`).

use super::timeline_chart::{notes_list, playback, use_played, use_player, Chart, ChartLane};
use crate::state::ReportRef;
use podplay_core::startup::{Pull, Run, StartBehaviour, StartupTimeline};
use podplay_core::timeline::{
    parse_seconds, seconds_text, ContainerRole, Ms, TimelineOptions, SECOND,
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
    let on_ms = Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        on.emit((
            current.to_string(),
            parse_seconds(&input.value()).unwrap_or(0),
        ))
    });
    html! {
        <>
            <select onchange={on_choice} aria-label={label.clone()}>
                { for choices.iter().map(|(v, text)| html! { <option value={*v} selected={*v == current}>{ *text }</option> }) }
            </select>
            <input type="range" min="0" max="120" value={(ms / SECOND).to_string()} disabled={!timed(current)}
                oninput={on_ms} aria-label={format!("{label} seconds")} />
            <span class="tl-secs">{ format!("{} s", seconds_text(ms)) }</span>
        </>
    }
}

const PULLS: &[(&str, &str)] = &[
    ("takes", "succeeds after"),
    ("fails", "fails (ErrImagePull)"),
];
const RUNS: &[(&str, &str)] = &[("forever", "keeps running"), ("exits", "exits after")];

/// One container's start behaviour: how its image pull goes and what its process does.
fn behaviour_row(name: &str, role: ContainerRole, props: &StartupProps) -> Html {
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
    let on_code = {
        let on = emit(|b, code, _| b.exit_code = code.parse().ok());
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on.emit((input.value(), 0))
        })
    };
    html! {
        <tr>
            <th scope="row"><code>{ name }</code></th>
            <td>{ choice_seconds(format!("{name} image pull"), PULLS, pull, pull_ms, |c| c == "takes",
                emit(|b, c, ms| b.pull = Some(if c == "fails" { Pull::Fails } else { Pull::Takes(ms) }))) }</td>
            <td>{ choice_seconds(format!("{name} process"), RUNS, run, run_ms, |c| c == "exits",
                emit(|b, c, ms| b.run = Some(if c == "exits" { Run::ExitsAfter(ms) } else { Run::Forever }))) }</td>
            <td><input type="number" class="tl-code" value={b.exit_code.unwrap_or(0).to_string()}
                oninput={on_code} aria-label={format!("{name} exit code")} /></td>
        </tr>
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
                if tl.end == 0 {
                    <p class="tl-hint">{ "Every step takes no time with the default behaviours (an instant pull, a process that starts at once). Give the image pull some seconds, or make it fail, under “What each container does”." }</p>
                }
                { playback(&player, &played, "tl-startup") }
            }
            <details class="tl-behaviours">
                <summary>{ "What each container does" }</summary>
                <table>
                    <thead><tr><th>{ "container" }</th><th>{ "image pull" }</th><th>{ "its process" }</th><th>{ "exit code" }</th></tr></thead>
                    <tbody>{ for tl.lanes.iter().map(|l| behaviour_row(&l.container, l.role, props)) }</tbody>
                </table>
            </details>
            { notes_list(&tl.notes) }
        </section>
    }
}
