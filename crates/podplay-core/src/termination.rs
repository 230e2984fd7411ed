//! How a running pod stops, second by second: `kubectl delete` (with its flags), a kubelet
//! eviction, a liveness-probe kill, or a Job-style pod whose main containers completed.
//!
//! The input is the admitted pod (assumed scheduled and running: every regular container and
//! sidecar runs, every regular init container has completed), the scenario, and what the
//! spec cannot know about each container ([`Behaviour`]: how long its preStop takes, how long
//! it needs to exit after the stop signal, its exit code). The output is a [`Timeline`]:
//! events with times, `kubectl describe`-style Kubernetes events, one lane per container,
//! the pod's final phase and when the API object goes away.
//!
//! Submodules: [`grace`] (kubectl, API server and kubelet grace periods), [`order`] (sidecar
//! termination ordering), [`kill`] (one container's `killContainer`), `pod_kill` (all
//! containers at once, lanes, stop order, phase), `scenarios` (delete, preempt, evict,
//! complete) and `liveness` (a probe kill and the restart).

pub mod grace;
pub mod kill;
mod liveness;
pub mod order;
mod pod_kill;
mod scenarios;

use scenarios::{complete, delete, evict, preempt};

use crate::go::strconv::quote as go_quote;
use crate::images::{self, PresentOrigin};
use crate::pod_json::Pointer;
use crate::timeline::{
    as_opt_seconds, as_seconds, capped, from_opt_seconds, from_seconds, note, secs, sort_by_time,
    Bar, BarKind, ContainerRole, EventKind, KubeEvent, Marker, Ms, Note, TimelineEvent,
};
use crate::versions::Version;
use grace::{DeleteFlags, SRC_API, SRC_KUBECTL, SRC_SET_GRACE, SRC_WORKER};
use kill::{kill, kube_event, HookRun, KillInput, Killed, SRC_KILL, SRC_PRESTOP};
use order::{
    members, prerequisites, restarts_all_containers, settle_order, should_restart, Member,
    SRC_ORDER, SRC_SHOULD_RESTART,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

const SRC_PHASE: &str = "pkg/kubelet/kubelet_pods.go:getPhase";
const SRC_STATUS_DELETE: &str = "pkg/kubelet/status/status_manager.go:canBeDeleted";
const SRC_ENDPOINTS: &str = "staging/src/k8s.io/endpointslice/utils.go:podToEndpoint";
const SRC_EVICTION: &str = "pkg/kubelet/eviction/eviction_manager.go:synchronize";
const SRC_PROBE_KILL: &str = "pkg/kubelet/kuberuntime/kuberuntime_manager.go:computePodActions";
const SRC_RESTART_ALL: &str = "pkg/kubelet/kuberuntime/kuberuntime_manager.go:getContainersToReset";
const DOC_TERMINATION: &str =
    "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination";
const DOC_HOOKS: &str = "https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/";

/// What stops the pod.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Scenario {
    /// `kubectl delete pod` with its flags (`--grace-period`, `--now`, `--force`).
    Delete(DeleteFlags),
    /// The kubelet evicts the pod under node pressure. `max_pod_grace_period`: a soft
    /// threshold's `evictionMaxPodGracePeriod` (None: a hard threshold, grace 1 s).
    Evict { max_pod_grace_period: Option<i64> },
    /// The container's liveness probe fails: it alone is killed (and restarted). None: the
    /// first container (or sidecar) that has a liveness probe.
    Liveness { container: Option<String> },
    /// The main containers exit by themselves (a Job's pod); then the sidecars are stopped.
    Complete,
    /// The scheduler preempts the pod for a higher-priority one: it marks it with the
    /// DisruptionTarget condition and deletes it with no grace period of its own (the pod's
    /// terminationGracePeriodSeconds applies).
    Preempt,
}

impl Default for Scenario {
    /// `kubectl delete pod NAME` without flags.
    fn default() -> Self {
        Scenario::Delete(DeleteFlags::default())
    }
}

impl Scenario {
    pub fn name(&self) -> &'static str {
        match self {
            Scenario::Delete(f) if f.force => "force",
            Scenario::Delete(_) => "delete",
            Scenario::Evict { .. } => "evict",
            Scenario::Liveness { .. } => "liveness",
            Scenario::Complete => "complete",
            Scenario::Preempt => "preempt",
        }
    }
}

/// How long a preStop hook takes (exec and httpGet hooks; a `sleep` hook takes its seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PreStop {
    /// Returns successfully after this many milliseconds.
    Takes(Ms),
    /// Never returns.
    Hangs,
    /// Returns an error after this many milliseconds.
    Fails(Ms),
}

/// When the process exits after its stop signal (for `complete`: after the scenario starts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExitAfter {
    After(Ms),
    /// It ignores the stop signal (SIGKILL ends it).
    Never,
}

/// What podplay cannot read from the spec about one container.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Behaviour {
    /// Default: an exec/httpGet hook returns at once.
    pub pre_stop: Option<PreStop>,
    /// Default: exits at once.
    pub exit_after: Option<ExitAfter>,
    /// Default: 0.
    pub exit_code: Option<i32>,
}

/// Per-container behaviours by container name.
pub type Behaviours = [(String, Behaviour)];

/// What kubectl runs, sends and prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KubectlView {
    pub command: Vec<String>,
    /// `DeleteOptions.gracePeriodSeconds` (null: left out, the pod's own applies).
    pub grace_period_seconds: Option<i64>,
    pub stdout: String,
    pub stderr: String,
    pub why: String,
}

/// One container's lane: bars and markers to draw, and what happened to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Lane {
    pub container: String,
    pub role: ContainerRole,
    pub field_path: String,
    pub bars: Vec<Bar>,
    pub markers: Vec<Marker>,
    /// Whether the scenario stops it.
    pub killed: bool,
    /// The grace period its kill started with, in seconds.
    pub grace_period: Option<i64>,
    /// The CRI StopContainer timeout (grace left after preStop and waiting, at least 2).
    pub stop_timeout: Option<i64>,
    #[serde(
        serialize_with = "as_opt_seconds",
        deserialize_with = "from_opt_seconds"
    )]
    pub stop_signal_at: Option<Ms>,
    #[serde(
        serialize_with = "as_opt_seconds",
        deserialize_with = "from_opt_seconds"
    )]
    pub exited_at: Option<Ms>,
    #[serde(
        serialize_with = "as_opt_seconds",
        deserialize_with = "from_opt_seconds"
    )]
    pub sigkill_at: Option<Ms>,
    /// The exit code it ends with (init containers: 0, they completed before).
    pub exit_code: Option<i32>,
}

/// The whole termination story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    pub scenario: String,
    /// The grace period the kill uses, in seconds (the kubelet's effective value; for a
    /// liveness kill or a Job's sidecars, the container's own).
    pub grace_period: Option<i64>,
    /// What the API server stores in `metadata.deletionGracePeriodSeconds` (delete only).
    pub deletion_grace_period_seconds: Option<i64>,
    pub kubectl: Option<KubectlView>,
    /// kubectl's refusal or a scenario that does not apply; no timeline then.
    pub error: Option<String>,
    pub events: Vec<TimelineEvent>,
    /// As `kubectl describe pod` lists them.
    pub kube_events: Vec<KubeEvent>,
    pub lanes: Vec<Lane>,
    /// Pod-level moments (delete request, endpoints, terminal phase, removal).
    pub pod_markers: Vec<Marker>,
    /// When the pod's grace period runs out (a vertical line on the chart).
    #[serde(
        serialize_with = "as_opt_seconds",
        deserialize_with = "from_opt_seconds"
    )]
    pub grace_deadline: Option<Ms>,
    /// Containers in the order their stop signal was sent.
    pub order: Vec<String>,
    /// The same, grouped by the moment the signal was sent.
    pub stop_groups: Vec<Vec<String>>,
    /// The pod's phase at the end (None: unchanged, still Running).
    pub phase: Option<String>,
    #[serde(
        serialize_with = "as_opt_seconds",
        deserialize_with = "from_opt_seconds"
    )]
    pub object_removed_at: Option<Ms>,
    /// The last moment of the timeline.
    #[serde(serialize_with = "as_seconds", deserialize_with = "from_seconds")]
    pub end: Ms,
    pub notes: Vec<Note>,
}

impl Timeline {
    fn empty(scenario: &Scenario) -> Self {
        Timeline {
            scenario: scenario.name().to_string(),
            grace_period: None,
            deletion_grace_period_seconds: None,
            kubectl: None,
            error: None,
            events: Vec::new(),
            kube_events: Vec::new(),
            lanes: Vec::new(),
            pod_markers: Vec::new(),
            grace_deadline: None,
            order: Vec::new(),
            stop_groups: Vec::new(),
            phase: None,
            object_removed_at: None,
            end: 0,
            notes: Vec::new(),
        }
    }

    fn pod_event(&mut self, t: Ms, event: EventKind, message: String) {
        self.pod_markers.push(Marker {
            event,
            t,
            label: message.clone(),
        });
        self.events.push(TimelineEvent {
            t,
            container: String::new(),
            event,
            message,
        });
    }

    fn fail(mut self, message: String) -> Self {
        self.error = Some(message);
        self
    }
}

/// The termination timeline of `pod` (the admitted pod) in `scenario`.
pub fn timeline(
    pod: &Value,
    scenario: &Scenario,
    behaviours: &Behaviours,
    node: &str,
    pod_ip: &str,
    version: Version,
) -> Timeline {
    let tl = Timeline::empty(scenario);
    let members = members(pod);
    for (name, _) in behaviours {
        if !members.iter().any(|m| &m.name == name) {
            return tl.fail(format!("the pod has no container named {}", go_quote(name)));
        }
    }
    let spec_grace = pod
        .at("/spec/terminationGracePeriodSeconds")
        .and_then(Value::as_i64);
    let name = str_at(pod, "/metadata/name");
    let namespace = match str_at(pod, "/metadata/namespace") {
        "" => "default",
        ns => ns,
    };
    let ordering = version.gate("SidecarContainers")
        && members.iter().any(|m| m.role == ContainerRole::Sidecar);
    let ctx = Ctx {
        members: &members,
        behaviours,
        ordering,
    };
    match scenario {
        Scenario::Delete(flags) => delete(tl, &ctx, *flags, spec_grace, name, namespace, version),
        Scenario::Preempt => preempt(tl, &ctx, spec_grace, name, namespace, node, version),
        Scenario::Evict {
            max_pod_grace_period,
        } => evict(tl, &ctx, pod, *max_pod_grace_period, spec_grace),
        Scenario::Liveness { container } => {
            let probe = liveness::Probe { pod, pod_ip };
            liveness::liveness(tl, &ctx, container.as_deref(), probe, spec_grace, version)
        }
        Scenario::Complete => complete(tl, &ctx, pod, spec_grace, version),
    }
}

/// The termination view: the created pod stopped in the options' scenario (None when the
/// API server rejected the pod: it never runs).
pub fn view(
    input: &crate::views::ViewInput,
    placement: &crate::placement::Placement,
) -> Option<Timeline> {
    if !input.created {
        return None;
    }
    let opts = &input.options.timeline;
    let mut tl = timeline(
        input.pod,
        &opts.scenario,
        &opts.stop,
        &placement.node_name,
        &input.options.simulated.pod_ip,
        input.options.version,
    );
    tl.notes
        .extend(dropped_lifecycle_notes(&input.admit.changes));
    Some(tl)
}

/// What the API server dropped from the containers' `lifecycle` because this release's
/// gates are off (`lifecycle.stopSignal` without ContainerStopSignals): the kill then uses the
/// image's STOPSIGNAL or SIGTERM. Give it the create pipeline's changes.
pub fn dropped_lifecycle_notes(changes: &[crate::changes::Change]) -> Vec<Note> {
    changes
        .iter()
        .filter(|c| c.rule == "create.dropDisabledField" && c.path.contains(".lifecycle"))
        .map(|c| {
            let effect = if c.path.ends_with(".stopSignal") {
                "; the runtime sends the image's STOPSIGNAL (SIGTERM by default) instead"
            } else {
                ""
            };
            note(
                "create.dropDisabledField",
                format!("{} is dropped: {}{effect}", c.path, c.why),
                c.source.as_deref().unwrap_or(""),
            )
        })
        .collect()
}

struct Ctx<'a> {
    members: &'a [Member<'a>],
    behaviours: &'a Behaviours,
    ordering: bool,
}

impl Ctx<'_> {
    /// The container's behaviour, every duration capped (no overflow on absurd inputs).
    fn behaviour(&self, name: &str) -> Behaviour {
        let mut b = self
            .behaviours
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, b)| *b)
            .unwrap_or_default();
        b.pre_stop = b.pre_stop.map(|p| match p {
            PreStop::Takes(d) => PreStop::Takes(capped(d)),
            PreStop::Fails(d) => PreStop::Fails(capped(d)),
            PreStop::Hangs => PreStop::Hangs,
        });
        b.exit_after = b.exit_after.map(|e| match e {
            ExitAfter::After(d) => ExitAfter::After(capped(d)),
            ExitAfter::Never => ExitAfter::Never,
        });
        b
    }
}

fn str_at<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.at(pointer).and_then(Value::as_str).unwrap_or("")
}

fn finalize(mut tl: Timeline) -> Timeline {
    sort_by_time(&mut tl.events, |e| e.t);
    sort_by_time(&mut tl.kube_events, |e| e.t);
    tl.end = tl
        .events
        .iter()
        .map(|e| e.t)
        .chain(tl.grace_deadline)
        .fold(tl.end, Ms::max);
    tl.notes.push(note(
        "docs.termination",
        "grace period, preStop and the stop signal share one budget per container",
        DOC_TERMINATION,
    ));
    if tl
        .events
        .iter()
        .any(|e| e.event == EventKind::PreStopStarted)
    {
        tl.notes.push(note(
            "kubelet.preStop",
            "the preStop hook must finish before the stop signal; it counts against the grace period and is cut (not retried) when that runs out",
            SRC_PRESTOP,
        ));
        tl.notes
            .push(note("docs.hooks", "container lifecycle hooks", DOC_HOOKS));
    }
    if tl.phase.is_some() {
        tl.notes.push(note(
            "kubelet.phase",
            "a terminating pod ends Succeeded when every main container exited 0, Failed otherwise",
            SRC_PHASE,
        ));
    }
    crate::timeline::dedupe_notes(&mut tl.notes);
    tl
}

#[cfg(test)]
mod tests;
