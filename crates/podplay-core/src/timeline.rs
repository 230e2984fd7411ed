//! What the termination and start-up timelines are drawn from: events with times, and one lane
//! per container made of bars (from/to) and markers (at a time).
//!
//! Times are kept in milliseconds ([`Ms`]) so the kubelet's truncation to whole seconds
//! (`int64(elapsed.Seconds())`) can be shown; they serialize as seconds (`3`, `3.5`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A time or a duration in milliseconds since the scenario started.
pub type Ms = u64;

/// Milliseconds in one second.
pub const SECOND: Ms = 1000;

/// The longest time a timeline works with (about 31 700 years): grace periods and durations
/// are capped here so that adding a few of them never overflows.
pub const MAX_SECONDS: u64 = 1_000_000_000_000;

/// Whole seconds as milliseconds (capped at [`MAX_SECONDS`]).
pub const fn secs(s: u64) -> Ms {
    if s > MAX_SECONDS {
        MAX_SECONDS * SECOND
    } else {
        s * SECOND
    }
}

/// A duration in milliseconds capped at [`MAX_SECONDS`].
pub const fn capped(ms: Ms) -> Ms {
    if ms > MAX_SECONDS * SECOND {
        MAX_SECONDS * SECOND
    } else {
        ms
    }
}

/// Serializes milliseconds as seconds: a whole number when it is one (`3`), else a fraction (`3.5`).
pub fn as_seconds<S: Serializer>(ms: &Ms, s: S) -> Result<S::Ok, S::Error> {
    if ms.is_multiple_of(SECOND) {
        s.serialize_u64(ms / SECOND)
    } else {
        s.serialize_f64(*ms as f64 / SECOND as f64)
    }
}

/// [`as_seconds`] for an optional time.
pub fn as_opt_seconds<S: Serializer>(ms: &Option<Ms>, s: S) -> Result<S::Ok, S::Error> {
    match ms {
        Some(ms) => as_seconds(ms, s),
        None => s.serialize_none(),
    }
}

/// Reads back what [`as_seconds`] wrote (the page receives reports as JSON). Read through
/// `Value` so no typed float visitor is linked (size budget); three decimals at most.
pub fn from_seconds<'de, D: Deserializer<'de>>(d: D) -> Result<Ms, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(seconds_value(&v))
}

/// [`from_seconds`] for an optional time.
pub fn from_opt_seconds<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Ms>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok((!v.is_null()).then(|| seconds_value(&v)))
}

fn seconds_value(v: &serde_json::Value) -> Ms {
    match v.as_u64() {
        Some(s) => secs(s),
        // Rounded to the millisecond; negative or non-numbers read as 0.
        None => capped((v.as_f64().unwrap_or(0.0).max(0.0) * SECOND as f64 + 0.5) as Ms),
    }
}

/// What the timeline views play: the termination scenario and what each container does
/// (what podplay cannot read from the spec). Part of [`crate::options::Options`], so a change
/// of a slider is a new analysis. Default: `kubectl delete pod`, every container with its
/// default behaviour.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TimelineOptions {
    pub scenario: crate::termination::Scenario,
    /// Per container (by name) for the termination view.
    pub stop: Vec<(String, crate::termination::Behaviour)>,
    /// Per container (by name) for the start-up view.
    pub start: Vec<(String, crate::startup::StartBehaviour)>,
}

/// Milliseconds as seconds text for messages: `3`, `3.5`, `0.25` (no float formatting).
pub fn seconds_text(ms: Ms) -> String {
    let whole = ms / SECOND;
    let frac = ms % SECOND;
    if frac == 0 {
        return whole.to_string();
    }
    let mut digits = format!("{frac:03}");
    while digits.ends_with('0') {
        digits.pop();
    }
    format!("{whole}.{digits}")
}

/// Seconds typed by a person (`3`, `3.5`, `0.25`; up to three decimals) as milliseconds,
/// without float parsing. None for anything else (negative, exponent, more decimals).
pub fn parse_seconds(text: &str) -> Option<Ms> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && frac.is_empty() || frac.len() > 3 {
        return None;
    }
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !digits(frac) {
        return None;
    }
    let whole: Ms = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac_ms: Ms = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<3}").parse().ok()?
    };
    whole.checked_mul(SECOND)?.checked_add(frac_ms)
}

/// A duration as Go's `time.Duration.String` writes it: `500ms`, `1.5s`, `10s`, `1m20s`,
/// `5m0s`, `1h0m0s` (Kubernetes prints back-off delays and pull times this way).
pub fn go_duration(ms: Ms) -> String {
    if ms == 0 {
        return "0s".into();
    }
    if ms < SECOND {
        return format!("{ms}ms");
    }
    let secs_part = seconds_text(ms % (60 * SECOND));
    let minutes = ms / (60 * SECOND);
    if minutes == 0 {
        return format!("{secs_part}s");
    }
    let (hours, minutes) = (minutes / 60, minutes % 60);
    if hours == 0 {
        format!("{minutes}m{secs_part}s")
    } else {
        format!("{hours}h{minutes}m{secs_part}s")
    }
}

/// Every kind of moment a timeline shows (the `event` names of `podplay timeline`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    // Termination.
    DeleteRequested,
    EndpointNotReady,
    Evicted,
    Preempted,
    Unhealthy,
    Killing,
    PreStopStarted,
    PreStopFinished,
    PreStopTimedOut,
    FailedPreStopHook,
    StopSignal,
    Exited,
    #[serde(rename = "SIGKILL")]
    Sigkill,
    WaitingForTurn,
    PodTerminal,
    ObjectRemoved,
    // Start-up (also a restart after a liveness kill).
    Scheduled,
    Pulling,
    Pulled,
    ErrImagePull,
    ImagePullBackOff,
    ErrImageNeverPull,
    InvalidImageName,
    /// The start failed before the image step ended: a pull secret that does not decode
    /// (the kubelet's `Failed` event, `Error: <err>`).
    Failed,
    Created,
    Started,
    PostStartStarted,
    PostStartFinished,
    FailedPostStartHook,
    Running,
    Completed,
    CrashLoopBackOff,
    PodInitialized,
    PodReady,
}

/// The JSON name of a unit enum value (`StopSignal`, `SIGKILL`, `preStop`): what the CLI
/// prints and the UI uses as a CSS class (no `{:?}` in output).
pub fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// One moment of the timeline (`{t, container, event, message}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEvent {
    #[serde(serialize_with = "as_seconds", deserialize_with = "from_seconds")]
    pub t: Ms,
    /// The container it concerns; empty for the pod itself.
    pub container: String,
    pub event: EventKind,
    pub message: String,
}

/// A Kubernetes event as `kubectl describe pod` lists it (Type, Reason, From, Message), with
/// the time it is recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KubeEvent {
    #[serde(serialize_with = "as_seconds", deserialize_with = "from_seconds")]
    pub t: Ms,
    /// `Normal` or `Warning`.
    #[serde(rename = "type")]
    pub kind: String,
    pub reason: String,
    /// The component that records it: `kubelet`, `default-scheduler`, ...
    pub from: String,
    /// The involved object's field path, e.g. `spec.containers{app}` (empty for the pod).
    pub field_path: String,
    pub message: String,
}

/// What a bar of a lane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BarKind {
    /// The container runs normally.
    Running,
    /// The preStop hook runs (the container still runs).
    PreStop,
    /// A sidecar waits for the containers it outlives to stop.
    WaitingForTurn,
    /// The stop signal was sent; the runtime waits up to the stop timeout.
    Stopping,
    /// Pulling the image.
    Pulling,
    /// Waiting for an earlier image pull of the same pod (pulls are serial).
    WaitingForPull,
    /// Waiting out a back-off (ImagePullBackOff or CrashLoopBackOff).
    BackOff,
    /// The postStart hook runs; the container is not yet Running.
    PostStart,
    /// Waiting for earlier (init) containers.
    Waiting,
}

/// A stretch of time on a lane.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bar {
    pub kind: BarKind,
    #[serde(serialize_with = "as_seconds", deserialize_with = "from_seconds")]
    pub start: Ms,
    #[serde(serialize_with = "as_seconds", deserialize_with = "from_seconds")]
    pub end: Ms,
    /// False when the bar does not end within the timeline (a hanging hook, a process that
    /// ignores its signal until killed is still closed at the kill).
    pub ends: bool,
    pub label: String,
}

/// A moment on a lane.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Marker {
    pub event: EventKind,
    #[serde(serialize_with = "as_seconds", deserialize_with = "from_seconds")]
    pub t: Ms,
    pub label: String,
}

/// Which list of the pod spec a container comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ContainerRole {
    /// A regular init container (runs to completion before the others).
    Init,
    /// A restartable init container (`restartPolicy: Always`).
    Sidecar,
    /// A regular container.
    Container,
}

/// A rule applied, with why and the Kubernetes source or page that has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    pub rule: String,
    pub why: String,
    pub source: String,
}

pub(crate) fn note(rule: &str, why: impl Into<String>, source: &str) -> Note {
    Note {
        rule: rule.to_string(),
        why: why.into(),
        source: source.to_string(),
    }
}

/// Keeps the first note of each rule (a rule applied to several containers is explained once).
pub(crate) fn dedupe_notes(notes: &mut Vec<Note>) {
    let mut seen: Vec<String> = Vec::new();
    notes.retain(|n| {
        if seen.contains(&n.rule) {
            return false;
        }
        seen.push(n.rule.clone());
        true
    });
}

/// Sorts events by time, keeping the order they were recorded in for equal times (the core's
/// one small sort, O(n log n), made stable by the original position).
pub(crate) fn sort_by_time<T>(items: &mut Vec<T>, t: impl Fn(&T) -> Ms) {
    let mut keyed: Vec<(Ms, usize, T)> = items
        .drain(..)
        .enumerate()
        .map(|(i, x)| (t(&x), i, x))
        .collect();
    crate::small_sort::sort_by(&mut keyed, |a, b| (a.0, a.1) < (b.0, b.1));
    items.extend(keyed.into_iter().map(|(_, _, x)| x));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page receives the views as JSON from its worker and reads them back into the same
    /// types: every gallery example, in a scenario with fractional times and odd behaviours,
    /// round-trips exactly (times in ms through seconds, `SIGKILL`, optional times).
    #[test]
    fn timelines_round_trip_through_json() {
        use crate::startup::{PostStart, Pull, StartBehaviour, StartupTimeline};
        use crate::termination::{Behaviour, ExitAfter, PreStop, Timeline};
        let mut options = crate::options::Options::new(crate::versions::Version::new(1, 36));
        let mut checked = 0;
        for (_, _, text) in crate::gallery::EXAMPLES {
            // Every container of the example hangs its preStop, ignores SIGTERM and pulls for
            // 1.25 s, so SIGKILL, open bars and fractional seconds all appear.
            let names = crate::report::build(text, &options)
                .views
                .termination
                .map(|t| {
                    t.lanes
                        .iter()
                        .map(|l| l.container.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            options.timeline = TimelineOptions {
                scenario: crate::termination::Scenario::default(),
                stop: names
                    .iter()
                    .map(|n| {
                        let b = Behaviour {
                            pre_stop: Some(PreStop::Hangs),
                            exit_after: Some(ExitAfter::After(1_500)),
                            exit_code: Some(137),
                        };
                        (n.clone(), b)
                    })
                    .collect(),
                start: names
                    .iter()
                    .map(|n| {
                        let b = StartBehaviour {
                            pull: Some(Pull::Takes(1_250)),
                            post_start: Some(PostStart::Fails(500)),
                            ..StartBehaviour::default()
                        };
                        (n.clone(), b)
                    })
                    .collect(),
            };
            let report = crate::report::build(text, &options);
            if let Some(t) = &report.views.termination {
                let json = serde_json::to_string(t).unwrap();
                assert_eq!(&serde_json::from_str::<Timeline>(&json).unwrap(), t);
                checked += 1;
            }
            if let Some(t) = &report.views.startup {
                let json = serde_json::to_string(t).unwrap();
                assert_eq!(&serde_json::from_str::<StartupTimeline>(&json).unwrap(), t);
                checked += 1;
            }
            // The options travel to the worker too.
            let json = serde_json::to_string(&options.timeline).unwrap();
            assert_eq!(
                serde_json::from_str::<TimelineOptions>(&json).unwrap(),
                options.timeline
            );
        }
        assert!(checked >= 10, "only {checked} timelines checked");
    }

    #[test]
    fn seconds_text_has_no_float_formatting() {
        for (ms, text) in [
            (0, "0"),
            (3000, "3"),
            (3500, "3.5"),
            (250, "0.25"),
            (10_001, "10.001"),
        ] {
            assert_eq!(seconds_text(ms), text);
        }
    }

    #[test]
    fn seconds_parse_without_floats() {
        for (text, ms) in [
            ("3", Some(3000)),
            ("3.5", Some(3500)),
            ("0.25", Some(250)),
            (".5", Some(500)),
            ("1.", Some(1000)),
        ] {
            assert_eq!(parse_seconds(text), ms, "{text}");
        }
        for bad in ["", ".", "-1", "1.2345", "x", "1e3", "99999999999999999999"] {
            assert_eq!(parse_seconds(bad), None, "{bad}");
        }
    }

    #[test]
    fn go_durations() {
        for (ms, text) in [
            (0, "0s"),
            (500, "500ms"),
            (1500, "1.5s"),
            (10_000, "10s"),
            (80_000, "1m20s"),
            (300_000, "5m0s"),
            (3_600_000, "1h0m0s"),
        ] {
            assert_eq!(go_duration(ms), text);
        }
    }

    #[test]
    fn times_serialize_as_seconds() {
        let e = TimelineEvent {
            t: 3500,
            container: "app".into(),
            event: EventKind::Sigkill,
            message: String::new(),
        };
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"t":3.5,"container":"app","event":"SIGKILL","message":""}"#
        );
        let e = TimelineEvent { t: 4000, ..e };
        assert!(serde_json::to_string(&e).unwrap().starts_with(r#"{"t":4,"#));
    }

    #[test]
    fn sort_is_stable() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        sort_by_time(&mut v, |x| x.0);
        assert_eq!(v, vec![(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
    }
}
