//! How the pod starts, played back: image pulls, init containers in order, sidecars,
//! postStart hooks, Running, and the ImagePullBackOff / CrashLoopBackOff schedules, one lane per
//! container, with the `kubectl describe` events in step with the playhead. Everything comes
//! from the core (`report.views.startup`).

use super::timeline_chart::{
    use_player, Chart, ChartBar, ChartLane, ChartRef, EventTable, PlayerControls, StepList,
    TimelineSvg,
};
use crate::state::ReportRef;
use podplay_core::startup::StartupTimeline;
use podplay_core::timeline::{name_of, seconds_text, ContainerRole, SECOND};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StartupProps {
    pub report: ReportRef,
}

/// The chart: the pod's own moments, then every container.
fn chart_of(tl: &StartupTimeline) -> Chart {
    let mut lanes = vec![ChartLane {
        label: "pod".into(),
        kind: "api",
        bars: Vec::new(),
        markers: tl.pod_markers.clone(),
    }];
    lanes.extend(tl.lanes.iter().map(|l| ChartLane {
        label: match l.role {
            ContainerRole::Sidecar => format!("{} (sidecar)", l.container),
            ContainerRole::Init => format!("{} (init)", l.container),
            ContainerRole::Container => l.container.clone(),
        },
        kind: match l.role {
            ContainerRole::Sidecar => "sidecar",
            ContainerRole::Init => "init",
            ContainerRole::Container => "",
        },
        bars: l.bars.iter().map(ChartBar::of).collect(),
        markers: l.markers.clone(),
    }));
    Chart {
        lanes,
        end: tl.end.max(SECOND),
        grace: None,
    }
}

#[function_component(Startup)]
pub fn startup(props: &StartupProps) -> Html {
    let chart = use_memo(props.report.clone(), |r| {
        r.views
            .startup
            .as_ref()
            .map(chart_of)
            .unwrap_or_else(|| Chart {
                lanes: Vec::new(),
                end: SECOND,
                grace: None,
            })
    });
    let events = use_memo(props.report.clone(), |r| {
        r.views
            .startup
            .as_ref()
            .map(|t| t.kube_events.clone())
            .unwrap_or_default()
    });
    let steps = use_memo(props.report.clone(), |r| {
        r.views
            .startup
            .as_ref()
            .map(|t| t.events.clone())
            .unwrap_or_default()
    });
    let times = use_memo(steps.clone(), |s| s.iter().map(|e| e.t).collect::<Vec<_>>());
    let player = use_player(chart.end);
    let Some(tl) = props.report.views.startup.as_ref() else {
        return html! {};
    };
    let t = player.t;
    let now = tl.events.iter().rev().find(|e| e.t <= t);
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
                <PlayerControls player={player.clone()} times={times.clone()} />
                <TimelineSvg chart={ChartRef(chart.clone())} t={t} id="tl-startup" />
                <p class="tl-now" aria-live="polite">
                    { now.map(|e| format!("{} s · {} · {} — {}", seconds_text(e.t),
                        if e.container.is_empty() { "pod" } else { &e.container },
                        name_of(&e.event), e.message)).unwrap_or_default() }
                </p>
                <EventTable events={events.clone()} t={t} />
                <StepList events={steps.clone()} t={t} />
            }
            <ul class="tl-notes">
                { for tl.notes.iter().filter(|n| !n.rule.starts_with("docs.")).map(|n| html! {
                    <li>{ &n.why }{ " " }<span class="tl-source">{ format!("({})", n.source) }</span></li>
                }) }
            </ul>
        </section>
    }
}
