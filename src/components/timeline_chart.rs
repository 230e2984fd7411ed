//! What the termination and start-up panels share: a playhead that plays, pauses, scrubs and
//! steps (`use_player`), its controls, the SVG lanes and the `kubectl describe`-style event
//! list. Like Yew's boids example, each frame is a pure function of (timeline, playhead time):
//! the lanes are drawn once in full (faint) and once clipped at the playhead (solid), so a
//! frame only moves one clip rectangle and one line, however many containers the pod has.
//! Every time and label comes from the core's timeline; this module only lays them out.

use crate::browser;
use crate::state::ReportRef;
use gloo_timers::callback::Interval;
use podplay_core::timeline::{
    name_of, seconds_text, Bar, ContainerRole, KubeEvent, Marker, Ms, Note, TimelineEvent, SECOND,
};
use podplay_core::Report;
use std::rc::Rc;
use yew::prelude::*;

/// The chart is drawn in CSS pixels at the width its box has (so 12px text stays 12px and the
/// time axis fits the width, whatever the screen): this width until the box is measured.
const DEFAULT_WIDTH: u64 = 640;
/// The narrowest drawing; a narrower box shrinks it (style.css: `width: 100%`).
const MIN_WIDTH: u64 = 240;
/// Below this width (a phone) each lane's label goes above its bars, so the time axis gets the
/// whole width instead of what the label column leaves.
const NARROW: u64 = 480;
/// The label column: wide enough for the longest label (about 7 px a character of 12px text),
/// at least this, at most 2/5 of the width (longer labels go above their bars instead).
const LABEL_MIN_W: u64 = 100;
const CHAR_W: u64 = 7;
/// A lane's bar band, and the label line above it in the narrow layout.
const BAND_H: u64 = 28;
const LABEL_H: u64 = 15;
const AXIS_H: u64 = 22;
/// The least room a time tick's label needs.
const TICK_W: u64 = 56;
/// About 60 frames a second.
const FRAME_MS: u32 = 16;
/// Playback speeds offered, in quarters (1x = 4).
const SPEEDS: &[(u64, &str)] = &[(2, "0.5×"), (4, "1×"), (8, "2×"), (20, "5×"), (40, "10×")];

/// Whether the person asked for less motion (then the final state is shown, never animated).
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// The playhead's state.
#[derive(Clone, PartialEq)]
pub struct Player {
    pub t: Ms,
    pub end: Ms,
    pub playing: bool,
    /// Speed in quarters (4 = real time).
    pub speed: u64,
    /// Wall-clock ms of the last tick while playing.
    last: f64,
    pub reduced: bool,
}

pub enum PlayerAction {
    /// A new timeline (a slider moved): keep the time, within the new end.
    SetEnd(Ms),
    Toggle,
    Tick,
    Seek(Ms),
    Speed(u64),
    Restart,
}

impl Reducible for Player {
    type Action = PlayerAction;

    fn reduce(self: Rc<Self>, action: PlayerAction) -> Rc<Self> {
        let mut p = (*self).clone();
        match action {
            PlayerAction::SetEnd(end) => {
                p.end = end;
                p.t = if p.reduced { end } else { p.t.min(end) };
            }
            // With reduced motion, playing shows the end at once.
            PlayerAction::Toggle if p.reduced => p.t = p.end,
            PlayerAction::Toggle => {
                if !p.playing && p.t >= p.end {
                    p.t = 0;
                }
                p.playing = !p.playing;
                p.last = browser::now_ms();
            }
            PlayerAction::Tick => {
                if !p.playing {
                    return self;
                }
                let now = browser::now_ms();
                let elapsed = (now - p.last).max(0.0) as u64;
                p.last = now;
                p.t = (p.t + elapsed * p.speed / 4).min(p.end);
                p.playing = p.t < p.end;
            }
            PlayerAction::Seek(t) => p.t = t.min(p.end),
            PlayerAction::Speed(s) => p.speed = s,
            PlayerAction::Restart => {
                p.t = if p.reduced { p.end } else { 0 };
                p.playing = !p.reduced;
                p.last = browser::now_ms();
            }
        }
        Rc::new(p)
    }
}

/// A playhead over `[0, end]`, advanced by a 16 ms interval while playing.
#[hook]
pub fn use_player(end: Ms) -> UseReducerHandle<Player> {
    let player = use_reducer(|| {
        let reduced = reduced_motion();
        Player {
            t: if reduced { end } else { 0 },
            end,
            playing: false,
            speed: 4,
            last: 0.0,
            reduced,
        }
    });
    {
        let dispatcher = player.dispatcher();
        use_effect_with(end, move |end| {
            dispatcher.dispatch(PlayerAction::SetEnd(*end))
        });
    }
    {
        let dispatcher = player.dispatcher();
        use_effect_with(player.playing, move |playing| {
            let interval = playing
                .then(|| Interval::new(FRAME_MS, move || dispatcher.dispatch(PlayerAction::Tick)));
            move || drop(interval)
        });
    }
    player
}

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub player: UseReducerHandle<Player>,
    /// Every moment of the timeline, for "next event".
    pub times: Rc<Vec<Ms>>,
}

/// Play/pause, speed, scrub, next event, restart, and the time.
#[function_component(PlayerControls)]
pub fn player_controls(props: &ControlsProps) -> Html {
    let p = &props.player;
    let toggle = {
        let d = p.dispatcher();
        Callback::from(move |_| d.dispatch(PlayerAction::Toggle))
    };
    let restart = {
        let d = p.dispatcher();
        Callback::from(move |_| d.dispatch(PlayerAction::Restart))
    };
    let next = {
        let d = p.dispatcher();
        let (t, end, times) = (p.t, p.end, props.times.clone());
        Callback::from(move |_| {
            let at = times
                .iter()
                .copied()
                .filter(|&x| x > t)
                .min()
                .unwrap_or(end);
            d.dispatch(PlayerAction::Seek(at));
        })
    };
    let scrub = {
        let d = p.dispatcher();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            d.dispatch(PlayerAction::Seek(input.value().parse().unwrap_or(0)));
        })
    };
    let speed = {
        let d = p.dispatcher();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            d.dispatch(PlayerAction::Speed(select.value().parse().unwrap_or(4)));
        })
    };
    html! {
        <div class="tl-controls">
            <button onclick={toggle} data-testid="tl-play">{ if p.playing { "Pause" } else { "Play" } }</button>
            <button onclick={next} data-testid="tl-next" title="Step to the next event">{ "Next event" }</button>
            <button onclick={restart} data-testid="tl-restart">{ "Restart" }</button>
            <label>{ "speed " }
                <select onchange={speed} aria-label="Playback speed">
                    { for SPEEDS.iter().map(|(q, label)| html! {
                        <option value={q.to_string()} selected={*q == p.speed}>{ *label }</option>
                    }) }
                </select>
            </label>
            <input type="range" class="tl-scrub" aria-label="Time" min="0" max={p.end.to_string()}
                step="10" value={p.t.to_string()} oninput={scrub} />
            <span class="tl-time" data-testid="tl-time">{ format!("{} s / {} s", seconds_text(p.t), seconds_text(p.end)) }</span>
        </div>
    }
}

/// One lane of the chart.
#[derive(Clone, PartialEq)]
pub struct ChartLane {
    pub label: String,
    /// `sidecar`, `init`, `api`, `endpoint` or empty (a class on the lane).
    pub kind: &'static str,
    pub bars: Vec<ChartBar>,
    pub markers: Vec<Marker>,
}

impl ChartLane {
    /// A container's lane: its name marked with its role, its bars and markers as the core
    /// drew them.
    pub fn container(name: &str, role: ContainerRole, bars: &[Bar], markers: &[Marker]) -> Self {
        let (label, kind) = match role {
            ContainerRole::Sidecar => (format!("{name} (sidecar)"), "sidecar"),
            ContainerRole::Init => (format!("{name} (init)"), "init"),
            ContainerRole::Container => (name.to_string(), ""),
        };
        ChartLane {
            label,
            kind,
            bars: bars.iter().map(ChartBar::of).collect(),
            markers: markers.to_vec(),
        }
    }
}

/// A bar: the core's kind name (a CSS class), its span and label.
#[derive(Clone, PartialEq)]
pub struct ChartBar {
    pub class: String,
    pub start: Ms,
    pub end: Ms,
    pub open: bool,
    pub label: String,
}

impl ChartBar {
    pub fn of(bar: &Bar) -> ChartBar {
        ChartBar {
            class: name_of(&bar.kind),
            start: bar.start,
            end: bar.end,
            open: !bar.ends,
            label: bar.label.clone(),
        }
    }
}

/// Everything the chart draws.
#[derive(Clone, PartialEq)]
pub struct Chart {
    pub lanes: Vec<ChartLane>,
    pub end: Ms,
    /// The grace period's window (start, deadline).
    pub grace: Option<(Ms, Ms)>,
}

/// What a timeline panel plays, derived once per report: the chart, the `kubectl describe`
/// events, every step, and the steps' times (for "next event").
pub struct Played {
    pub chart: Rc<Chart>,
    pub events: Rc<Vec<KubeEvent>>,
    pub steps: Rc<Vec<TimelineEvent>>,
    pub times: Rc<Vec<Ms>>,
}

/// The panel's timeline in `report` as `parts` reads it (its chart, events and steps; None
/// when the report has none: an empty chart), recomputed only for a new report.
#[hook]
pub fn use_played(
    report: ReportRef,
    parts: fn(&Report) -> Option<(Chart, &[KubeEvent], &[TimelineEvent])>,
) -> Rc<Played> {
    use_memo(report, move |r| {
        let (chart, events, steps) = parts(r).unwrap_or_else(|| {
            let empty = Chart {
                lanes: Vec::new(),
                end: SECOND,
                grace: None,
            };
            (empty, &[], &[])
        });
        Played {
            chart: Rc::new(chart),
            events: Rc::new(events.to_vec()),
            times: Rc::new(steps.iter().map(|e| e.t).collect()),
            steps: Rc::new(steps.to_vec()),
        }
    })
}

/// The playback both panels show: controls, the chart (`id`: its SVG ids), the step at the
/// playhead, the `kubectl describe` events and every step.
pub fn playback(player: &UseReducerHandle<Player>, played: &Played, id: &'static str) -> Html {
    let t = player.t;
    let now = played.steps.iter().rev().find(|e| e.t <= t);
    html! {
        <>
            <PlayerControls player={player.clone()} times={played.times.clone()} />
            <TimelineSvg chart={ChartRef(played.chart.clone())} t={t} id={id} />
            <p class="tl-now" aria-live="polite">
                { now.map(|e| format!("{} s · {} · {} — {}", seconds_text(e.t),
                    if e.container.is_empty() { "pod" } else { &e.container },
                    name_of(&e.event), e.message)).unwrap_or_default() }
            </p>
            <EventTable events={played.events.clone()} t={t} />
            <StepList events={played.steps.clone()} t={t} />
        </>
    }
}

/// The timeline's notes with their sources (the `docs.` ones are links shown elsewhere).
pub fn notes_list(notes: &[Note]) -> Html {
    html! {
        <ul class="tl-notes">
            { for notes.iter().filter(|n| !n.rule.starts_with("docs.")).map(|n| html! {
                <li>{ &n.why }{ " " }<span class="tl-source">{ format!("({})", n.source) }</span></li>
            }) }
        </ul>
    }
}

/// Where things go for a drawing `width` CSS pixels wide.
#[derive(Clone, Copy, PartialEq)]
struct Layout {
    width: u64,
    /// The time axis: from `plot_x`, `plot_w` wide.
    plot_x: u64,
    plot_w: u64,
    /// Each lane's label above its bars (narrow) or to their left (wide).
    label_above: bool,
}

impl Layout {
    /// The layout for `width` CSS pixels and labels of at most `label_chars` characters.
    fn new(width: u64, label_chars: u64) -> Layout {
        let width = width.max(MIN_WIDTH);
        let label_w = (label_chars * CHAR_W + 12).max(LABEL_MIN_W);
        if width < NARROW || label_w > width * 2 / 5 {
            // Room for half a tick label ("0s") on the left.
            Layout {
                width,
                plot_x: 12,
                plot_w: width - 24,
                label_above: true,
            }
        } else {
            Layout {
                width,
                plot_x: label_w,
                plot_w: width - label_w - 10,
                label_above: false,
            }
        }
    }

    fn lane_h(&self) -> u64 {
        if self.label_above {
            LABEL_H + BAND_H
        } else {
            BAND_H
        }
    }

    /// The whole drawing's height for `lanes` lanes.
    fn height(&self, lanes: usize) -> u64 {
        AXIS_H + lanes as u64 * self.lane_h() + 4
    }

    /// The x of time `t` on an axis that ends at `end`.
    fn x(&self, t: Ms, end: Ms) -> u64 {
        self.plot_x + t.min(end) * self.plot_w / end.max(1)
    }
}

/// The lanes in full: bars, markers, the grace window and the time axis.
fn lanes_svg(chart: &Chart, layout: Layout) -> Html {
    let end = chart.end;
    let lane_h = layout.lane_h();
    let x_of = |t: Ms| layout.x(t, end);
    let lanes = chart.lanes.iter().enumerate().map(|(i, lane)| {
        let y = AXIS_H + i as u64 * lane_h;
        // The bars' band (below the label when it is above).
        let band = if layout.label_above { y + LABEL_H } else { y };
        let bars = lane.bars.iter().map(|b| {
            let (x0, x1) = (x_of(b.start), x_of(b.end));
            html! {
                <rect class={classes!("tl-bar", b.class.clone(), b.open.then_some("open"))}
                    x={x0.to_string()} y={(band + 6).to_string()}
                    width={(x1.saturating_sub(x0)).max(2).to_string()} height={(BAND_H - 12).to_string()}>
                    <title>{ format!("{} ({} s – {} s)", b.label, seconds_text(b.start), seconds_text(b.end)) }</title>
                </rect>
            }
        });
        let markers = lane.markers.iter().map(|m| {
            let x = x_of(m.t);
            html! {
                <g class={classes!("tl-marker", name_of(&m.event))}>
                    <line x1={x.to_string()} x2={x.to_string()} y1={(band + 3).to_string()} y2={(band + BAND_H - 3).to_string()} />
                    <circle cx={x.to_string()} cy={(band + BAND_H / 2).to_string()} r="4" />
                    <title>{ format!("{} s: {}", seconds_text(m.t), m.label) }</title>
                </g>
            }
        });
        let rule_x = if layout.label_above { 0 } else { layout.plot_x };
        html! {
            <g class={classes!("tl-lane", lane.kind)}>
                <line class="tl-rule" x1={rule_x.to_string()} x2={layout.width.to_string()}
                    y1={(y + lane_h).to_string()} y2={(y + lane_h).to_string()} />
                { for bars }{ for markers }
            </g>
        }
    });
    let lanes_end = AXIS_H + chart.lanes.len() as u64 * lane_h;
    let grace = chart.grace.map(|(from, to)| {
        let (x0, x1) = (x_of(from), x_of(to));
        html! {
            <g class="tl-grace">
                <rect x={x0.to_string()} y={AXIS_H.to_string()} width={x1.saturating_sub(x0).to_string()}
                    height={(lanes_end - AXIS_H).to_string()}>
                    <title>{ format!("grace period: {} s to {} s", seconds_text(from), seconds_text(to)) }</title>
                </rect>
                <line x1={x1.to_string()} x2={x1.to_string()} y1={(AXIS_H - 4).to_string()}
                    y2={lanes_end.to_string()} />
            </g>
        }
    });
    html! { <>{ for grace }{ for lanes }</> }
}

/// The time axis' labels: ticks on round seconds, about six, fewer where the axis is too
/// short for their labels. Drawn once with the lane labels, so they never fade.
fn ticks_svg(chart: &Chart, layout: Layout) -> Html {
    let end = chart.end;
    let most = (layout.plot_w / TICK_W).clamp(2, 6);
    let step = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600]
        .iter()
        .map(|s| s * SECOND)
        .find(|s| end / s <= most)
        .unwrap_or(end.max(1));
    let ticks = (0..=end / step).map(|k| {
        let x = layout.x(k * step, end);
        html! { <text class="tl-tick" x={x.to_string()} y="14" text-anchor="middle">{ format!("{}s", seconds_text(k * step)) }</text> }
    });
    html! { <>{ for ticks }</> }
}

/// The lanes' labels and the time axis, drawn once over both layers: above the bars they
/// cross the time axis, and must not fade after the playhead.
fn labels_svg(chart: &Chart, layout: Layout) -> Html {
    let labels = chart.lanes.iter().enumerate().map(|(i, lane)| {
        let y = AXIS_H + i as u64 * layout.lane_h();
        let baseline = if layout.label_above {
            y + LABEL_H - 3
        } else {
            y + BAND_H / 2 + 4
        };
        // Above the bars a label starts right of 0 s, so the playhead at rest never crosses it.
        let x = if layout.label_above {
            layout.plot_x + 4
        } else {
            4
        };
        html! {
            <g class={classes!("tl-lane", lane.kind)}>
                <text class="tl-label" x={x.to_string()} y={baseline.to_string()}>{ &lane.label }</text>
            </g>
        }
    });
    html! { <g class="tl-labels">{ ticks_svg(chart, layout) }{ for labels }</g> }
}

/// A chart that compares by identity (panels build it once per report with `use_memo`), so
/// the lanes are not re-rendered or diffed while only the playhead moves.
#[derive(Clone)]
pub struct ChartRef(pub Rc<Chart>);

impl PartialEq for ChartRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
struct LayerProps {
    chart: ChartRef,
    layout: Layout,
    /// The labels instead of the lanes.
    #[prop_or_default]
    labels: bool,
}

/// The lanes in full (or their labels), re-rendered only for a new timeline or a new width.
#[function_component(Layer)]
fn layer(props: &LayerProps) -> Html {
    if props.labels {
        labels_svg(&props.chart.0, props.layout)
    } else {
        lanes_svg(&props.chart.0, props.layout)
    }
}

#[derive(Properties, PartialEq)]
pub struct LanesProps {
    pub chart: ChartRef,
    /// The playhead; only the clip and the line depend on it.
    pub t: Ms,
    /// Unique per panel (SVG ids are document-wide).
    pub id: AttrValue,
}

/// The width of the element behind `node` in CSS pixels, followed as it changes (None until
/// it is first measured).
#[hook]
fn use_width(node: NodeRef) -> Option<u64> {
    let width = use_state_eq(|| None);
    {
        let width = width.clone();
        use_effect_with(node, move |node| {
            let watch = node
                .cast::<web_sys::Element>()
                .map(|el| browser::watch_width(&el, move |w| width.set(Some(u64::from(w)))));
            move || drop(watch)
        });
    }
    *width
}

/// The SVG timeline at the playhead's time, drawn at its box's width.
#[function_component(TimelineSvg)]
pub fn timeline_svg(props: &LanesProps) -> Html {
    let node = use_node_ref();
    let chart = &props.chart.0;
    let label_chars = chart.lanes.iter().map(|l| l.label.chars().count()).max();
    let layout = Layout::new(
        use_width(node.clone()).unwrap_or(DEFAULT_WIDTH),
        label_chars.unwrap_or(0) as u64,
    );
    let height = layout.height(chart.lanes.len());
    let x = layout.x(props.t, chart.end);
    let clip = format!("{}-past", props.id);
    html! {
        <div class="tl-chart" role="region" aria-label="Timeline chart" ref={node}>
        <svg class="tl-svg" width={layout.width.to_string()} height={height.to_string()}
            viewBox={format!("0 0 {} {height}", layout.width)} role="img"
            aria-label="Timeline, one lane per container">
            <defs>
                <clipPath id={clip.clone()}>
                    <rect x="0" y="0" width={x.to_string()} height={height.to_string()} />
                </clipPath>
            </defs>
            <g class="tl-future"><Layer chart={props.chart.clone()} layout={layout} /></g>
            <g class="tl-past" clip-path={format!("url(#{clip})")}><Layer chart={props.chart.clone()} layout={layout} /></g>
            // Starts below the tick labels, so "0s" stays readable when the playhead sits on it,
            // and is drawn under the lanes' labels, so it never strikes through one as it passes.
            <line class="tl-playhead" x1={x.to_string()} x2={x.to_string()} y1={(AXIS_H - 4).to_string()} y2={height.to_string()} />
            <Layer chart={props.chart.clone()} layout={layout} labels=true />
        </svg>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct EventsProps {
    pub events: Rc<Vec<KubeEvent>>,
    pub t: Ms,
}

/// The events as `kubectl describe pod` lists them; those after the playhead are faded and
/// the latest one so far is marked.
#[function_component(EventTable)]
pub fn event_table(props: &EventsProps) -> Html {
    let current = props.events.iter().rposition(|e| e.t <= props.t);
    html! {
        // Focusable: on a phone the table scrolls sideways (axe `scrollable-region-focusable`).
        <div class="tl-events-scroll" tabindex="0" role="region" aria-label="Events">
            <table class="tl-events" aria-label="Events">
                <thead><tr><th>{ "Type" }</th><th>{ "Reason" }</th><th>{ "At" }</th><th>{ "From" }</th><th>{ "Message" }</th></tr></thead>
                <tbody>
                    { for props.events.iter().enumerate().map(|(i, e)| {
                        let class = if e.t > props.t {
                            Some("future")
                        } else if Some(i) == current {
                            Some("current")
                        } else {
                            None
                        };
                        html! {
                            <tr class={classes!(class, (e.kind == "Warning").then_some("warning"))}>
                                <td>{ &e.kind }</td><td>{ &e.reason }</td>
                                <td>{ format!("{}s", seconds_text(e.t)) }</td>
                                <td>{ &e.from }</td><td>{ &e.message }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct StepsProps {
    pub events: Rc<Vec<TimelineEvent>>,
    pub t: Ms,
}

/// Every moment of the timeline (more than `kubectl describe` records: hooks, signals, exits),
/// those after the playhead faded.
#[function_component(StepList)]
pub fn step_list(props: &StepsProps) -> Html {
    html! {
        <details class="tl-steps">
            <summary>{ format!("Every step ({})", props.events.len()) }</summary>
            <ol>
                { for props.events.iter().map(|e| html! {
                    <li class={classes!((e.t > props.t).then_some("future"))}>
                        { format!("{}s ", seconds_text(e.t)) }
                        <code>{ if e.container.is_empty() { "pod" } else { &e.container } }</code>
                        { format!(" {} — {}", name_of(&e.event), e.message) }
                    </li>
                }) }
            </ol>
        </details>
    }
}
