//! How a scheduled pod starts, second by second: image pulls, init containers one after
//! another, sidecars started in order, postStart blocking the container from Running, a failing
//! postStart killing it, and the ErrImagePull → ImagePullBackOff and CrashLoopBackOff back-off
//! schedules.
//!
//! The kubelet's pod worker starts a pod's containers in one sync, one at a time
//! (`pkg/kubelet/kuberuntime/kuberuntime_manager.go:SyncPod`): for each, the image step
//! (`EnsureImageExists`; never two pulls of one pod at once), CreateContainer, StartContainer,
//! then the postStart hook synchronously. The next init container starts only when the previous
//! one has completed (a sidecar: once it has started).

use crate::go::strconv::quote as go_quote;
use crate::images::{self, KubeletAction, PresentOrigin};
use crate::placement::{NodeChoice, Placement};
use crate::pod_json::Pointer;
use crate::termination::grace;
use crate::termination::kill::{kill, kube_event, HookRun, KillInput};
use crate::termination::order::{members, should_restart, Member};
use crate::timeline::{
    as_opt_seconds, as_seconds, capped, from_opt_seconds, from_seconds, go_duration, note, secs,
    sort_by_time, Bar, BarKind, ContainerRole, EventKind, KubeEvent, Marker, Ms, Note,
    TimelineEvent,
};
use crate::versions::{CrashLoopBackOff, Version};
use serde::{Deserialize, Serialize};
use serde_json::Value;

const SRC_SYNC: &str = "pkg/kubelet/kuberuntime/kuberuntime_manager.go:SyncPod";
const SRC_START: &str = "pkg/kubelet/kuberuntime/kuberuntime_container.go:startContainer";
const SRC_BACKOFF: &str = "pkg/kubelet/kuberuntime/kuberuntime_manager.go:doBackOff";
const SRC_PULL: &str = "pkg/kubelet/images/image_manager.go:EnsureImageExists";
const SRC_SERIAL: &str = "pkg/kubelet/images/puller.go:serialImagePuller";
const DOC_INIT: &str = "https://kubernetes.io/docs/concepts/workloads/pods/init-containers/";

/// How many back-off cycles a lane shows before "and so on".
const CYCLES_SHOWN: u32 = 6;

/// The image size in the `Pulled` event when a container's behaviour gives none (bytes;
/// simulated: a real node reports the size the runtime stored).
pub const DEFAULT_IMAGE_SIZE: u64 = 50_000_000;

/// How an image pull goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Pull {
    /// Succeeds after this long.
    Takes(Ms),
    /// Every attempt fails (e.g. the image does not exist).
    Fails,
}

/// How a postStart hook goes (exec and httpGet; a `sleep` hook takes its seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PostStart {
    Takes(Ms),
    Hangs,
    /// Fails after this long: the kubelet kills the container.
    Fails(Ms),
}

/// What the container's process does once started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Run {
    /// Exits by itself after this long (with the behaviour's exit code).
    ExitsAfter(Ms),
    /// Keeps running.
    Forever,
}

/// What podplay cannot read from the spec about one container's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StartBehaviour {
    /// Default: the pull takes no time.
    pub pull: Option<Pull>,
    /// How long the pull waits behind other pods' pulls first (the kubelet's
    /// `serializeImagePulls: true` default, or `maxParallelImagePulls` reached). Default: 0.
    pub pull_wait: Option<Ms>,
    /// Whether the image is already on the node (default: the cluster settings' "Images
    /// already on the node").
    pub image_present: Option<bool>,
    /// The image's size in bytes, for the `Pulled` event (default: [`DEFAULT_IMAGE_SIZE`]).
    pub image_size: Option<u64>,
    /// Default: the hook returns at once.
    pub post_start: Option<PostStart>,
    /// Default: regular init containers exit at once with 0; the others run on.
    pub run: Option<Run>,
    /// Default: 0.
    pub exit_code: Option<i32>,
}

impl StartBehaviour {
    /// The values this behaviour gives a pull's events (the images view shows the same ones).
    pub fn simulated_pull(&self) -> images::SimulatedPull {
        images::SimulatedPull {
            pull: match self.pull {
                Some(Pull::Takes(d)) => d,
                _ => 0,
            },
            wait: self.pull_wait.unwrap_or(0),
            size: self.image_size.unwrap_or(DEFAULT_IMAGE_SIZE),
            fails: self.pull == Some(Pull::Fails),
        }
    }
}

/// The start behaviour of container `name` (the last one given wins), every duration capped
/// (no overflow on absurd inputs), the image on the node or not as `image_present` says when
/// the behaviour does not. The start-up and images views both read it.
pub fn behaviour_of(
    behaviours: &[(String, StartBehaviour)],
    name: &str,
    image_present: bool,
) -> StartBehaviour {
    let mut b = behaviours
        .iter()
        .rev()
        .find(|(n, _)| n == name)
        .map(|(_, b)| *b)
        .unwrap_or_default();
    b.pull = b.pull.map(|p| match p {
        Pull::Takes(d) => Pull::Takes(capped(d)),
        other => other,
    });
    b.pull_wait = b.pull_wait.map(capped);
    b.image_present = Some(b.image_present.unwrap_or(image_present));
    b.post_start = b.post_start.map(|p| match p {
        PostStart::Takes(d) => PostStart::Takes(capped(d)),
        PostStart::Fails(d) => PostStart::Fails(capped(d)),
        other => other,
    });
    b.run = b.run.map(|r| match r {
        Run::ExitsAfter(d) => Run::ExitsAfter(capped(d)),
        other => other,
    });
    b
}

/// One container's lane.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StartLane {
    pub container: String,
    pub role: ContainerRole,
    pub field_path: String,
    pub bars: Vec<Bar>,
    pub markers: Vec<Marker>,
    /// When it first became Running (postStart done), if it did.
    #[serde(
        serialize_with = "as_opt_seconds",
        deserialize_with = "from_opt_seconds"
    )]
    pub running_at: Option<Ms>,
    /// Its state at the end: `Running`, `Terminated`, or the waiting reason
    /// (`ImagePullBackOff`, `CrashLoopBackOff`, `PodInitializing`, `ContainerCreating`...).
    pub state: String,
    pub restart_count: u32,
    /// The last exit code, if it exited.
    pub exit_code: Option<i32>,
    /// The container's postStart handler (`exec`, `httpGet`, `sleep`, `tcpSocket`), if any:
    /// only `exec` and `httpGet` take their time from the start behaviour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_start_hook: Option<String>,
}

/// The handler a postStart hook uses.
fn post_start_hook(container: &Value) -> Option<String> {
    let hook = container.at("/lifecycle/postStart")?;
    crate::termination::kill::hook_handler(hook).map(str::to_string)
}

/// The whole start-up story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StartupTimeline {
    pub scenario: String,
    pub error: Option<String>,
    pub events: Vec<TimelineEvent>,
    pub kube_events: Vec<KubeEvent>,
    pub lanes: Vec<StartLane>,
    pub pod_markers: Vec<Marker>,
    /// The pod's phase at the end.
    pub phase: Option<String>,
    /// `kubectl get pod` STATUS at the end (`Running`, `Init:0/2`, `ImagePullBackOff`...).
    pub status: String,
    #[serde(
        serialize_with = "as_opt_seconds",
        deserialize_with = "from_opt_seconds"
    )]
    pub initialized_at: Option<Ms>,
    #[serde(
        serialize_with = "as_opt_seconds",
        deserialize_with = "from_opt_seconds"
    )]
    pub ready_at: Option<Ms>,
    #[serde(serialize_with = "as_seconds", deserialize_with = "from_seconds")]
    pub end: Ms,
    pub crash_loop_backoff: CrashLoopBackOff,
    pub notes: Vec<Note>,
}

/// What one start attempt led to.
enum Attempt {
    /// Running from this time.
    Running(Ms),
    /// The image step failed for good or keeps backing off; the container never starts.
    NoImage,
    /// The postStart hook hangs: the sync never goes on.
    Hung,
    /// The postStart hook failed (after `fail_after`) and the container was killed at `at`.
    Killed { at: Ms, fail_after: Ms },
}

/// What the start-up needs besides the pod and its containers' behaviours.
#[derive(Debug, Clone, Copy)]
pub struct StartFacts<'a> {
    /// The node the pod runs on ([`crate::placement`]).
    pub placement: &'a Placement,
    /// `metadata.uid` when the pod has none (the API server generates one): the simulated uid.
    pub simulated_uid: &'a str,
    /// Whether the images are on the node when a behaviour does not say (`Options.image_present`).
    pub image_present: bool,
    /// The decode error of a pull secret of the pod that does not decode (the images view's
    /// `pull_secret_error`): every pull then fails before it starts.
    pub pull_secret_error: Option<&'a str>,
}

struct Sim<'a> {
    pod: &'a Value,
    version: Version,
    behaviours: &'a [(String, StartBehaviour)],
    facts: StartFacts<'a>,
    uid_simulated: bool,
    tl: StartupTimeline,
    pod_ref: String,
    spec_grace: Option<i64>,
}

/// The start-up view: the created pod started with the options' behaviours (None when the
/// API server rejected the pod).
pub fn view(
    input: &crate::views::ViewInput,
    placement: &Placement,
    pull_secret_error: Option<&str>,
) -> Option<StartupTimeline> {
    if !input.created {
        return None;
    }
    let opts = &input.options.timeline;
    let facts = StartFacts {
        placement,
        simulated_uid: &input.options.simulated.pod_uid,
        image_present: input.options.image_present,
        pull_secret_error,
    };
    let mut tl = timeline(input.pod, &opts.start, facts, input.options.version);
    tl.notes.extend(crate::termination::dropped_lifecycle_notes(
        &input.admit.changes,
    ));
    Some(tl)
}

/// The start-up timeline of `pod` (the admitted pod), scheduled at t = 0 on
/// `facts.placement`'s node.
pub fn timeline(
    pod: &Value,
    behaviours: &[(String, StartBehaviour)],
    facts: StartFacts,
    version: Version,
) -> StartupTimeline {
    let name = str_at(pod, "/metadata/name");
    let namespace = match str_at(pod, "/metadata/namespace") {
        "" => "default",
        ns => ns,
    };
    let uid_simulated = str_at(pod, "/metadata/uid").is_empty();
    let uid = match str_at(pod, "/metadata/uid") {
        "" => facts.simulated_uid,
        u => u,
    };
    let mut sim = Sim {
        pod,
        version,
        behaviours,
        facts,
        uid_simulated,
        tl: StartupTimeline {
            scenario: "startup".into(),
            error: None,
            events: Vec::new(),
            kube_events: Vec::new(),
            lanes: Vec::new(),
            pod_markers: Vec::new(),
            phase: None,
            status: String::new(),
            initialized_at: None,
            ready_at: None,
            end: 0,
            crash_loop_backoff: version.crash_loop_backoff(),
            notes: Vec::new(),
        },
        pod_ref: format!("{name}_{namespace}({uid})"),
        spec_grace: pod
            .at("/spec/terminationGracePeriodSeconds")
            .and_then(Value::as_i64),
    };
    let members = members(pod);
    for (n, _) in behaviours {
        if !members.iter().any(|m| &m.name == n) {
            sim.tl.error = Some(format!("the pod has no container named {}", go_quote(n)));
            return sim.tl;
        }
    }
    sim.tl.lanes = members
        .iter()
        .map(|m| StartLane {
            container: m.name.clone(),
            role: m.role,
            field_path: m.field_path.clone(),
            bars: Vec::new(),
            markers: Vec::new(),
            running_at: None,
            state: "Waiting".into(),
            restart_count: 0,
            exit_code: None,
            post_start_hook: post_start_hook(m.spec),
        })
        .collect();
    sim.scheduled(namespace, name);
    sim.run(&members);
    let mut tl = sim.tl;
    sort_by_time(&mut tl.events, |e| e.t);
    sort_by_time(&mut tl.kube_events, |e| e.t);
    tl.end = tl.events.iter().map(|e| e.t).fold(tl.end, Ms::max);
    crate::timeline::dedupe_notes(&mut tl.notes);
    tl
}

fn str_at<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.at(pointer).and_then(Value::as_str).unwrap_or("")
}

impl Sim<'_> {
    /// t = 0: the pod is on its node. The scheduler's `Scheduled` event, unless the pod named
    /// its node (then the scheduler never sees it and sends none).
    fn scheduled(&mut self, namespace: &str, name: &str) {
        let placement = self.facts.placement;
        let node = &placement.node_name;
        if placement.choice == NodeChoice::SpecNodeName {
            self.pod_event(
                0,
                EventKind::Scheduled,
                format!("spec.nodeName is {node}: the pod is bound when created; the scheduler sends no Scheduled event"),
            );
            return;
        }
        let message = crate::scheduling::scheduled_event(namespace, name, node);
        self.pod_event(0, EventKind::Scheduled, message.clone());
        self.tl.kube_events.push(KubeEvent {
            t: 0,
            kind: "Normal".into(),
            reason: "Scheduled".into(),
            from: "default-scheduler".into(),
            field_path: String::new(),
            message,
        });
        if placement.choice == NodeChoice::Simulated {
            self.tl.notes.push(note(
                "startup.node.simulated",
                format!("{node} is simulated (cluster settings): {}", placement.why),
                "pkg/scheduler/schedule_one.go:bindingCycle",
            ));
        }
    }

    /// The container's behaviour ([`behaviour_of`]).
    fn behaviour(&self, name: &str) -> StartBehaviour {
        behaviour_of(self.behaviours, name, self.facts.image_present)
    }

    fn pod_event(&mut self, t: Ms, event: EventKind, message: String) {
        self.tl.pod_markers.push(Marker {
            event,
            t,
            label: message.clone(),
        });
        self.tl.events.push(TimelineEvent {
            t,
            container: String::new(),
            event,
            message,
        });
    }

    /// A timeline event on lane `i`, and optionally the Kubernetes event it is.
    fn event(
        &mut self,
        i: usize,
        t: Ms,
        event: EventKind,
        message: String,
        kube: Option<(&str, &str, String)>,
    ) {
        let lane = &mut self.tl.lanes[i];
        lane.markers.push(Marker {
            event,
            t,
            label: message.clone(),
        });
        let container = lane.container.clone();
        let field_path = lane.field_path.clone();
        self.tl.events.push(TimelineEvent {
            t,
            container,
            event,
            message,
        });
        if let Some((kind, reason, message)) = kube {
            self.tl
                .kube_events
                .push(kube_event(t, kind, reason, &field_path, message));
        }
    }

    fn bar(&mut self, i: usize, kind: BarKind, start: Ms, end: Ms, ends: bool, label: String) {
        self.tl.lanes[i].bars.push(Bar {
            kind,
            start,
            end,
            ends,
            label,
        });
    }

    fn run(&mut self, members: &[Member]) {
        let mut t: Ms = 0;
        let inits = members
            .iter()
            .filter(|m| m.role != ContainerRole::Container)
            .count();
        self.tl.notes.push(note(
            "kubelet.start.serial",
            "the kubelet starts a pod's containers one at a time in one sync: image, create, start, postStart; init containers each wait for the previous to complete (a sidecar only to start)",
            SRC_SYNC,
        ));
        for (i, m) in members.iter().enumerate() {
            if m.role == ContainerRole::Container {
                continue;
            }
            if t > 0 {
                self.bar(
                    i,
                    BarKind::Waiting,
                    0,
                    t,
                    true,
                    "waiting for the previous init containers".into(),
                );
            }
            match self.attempt(i, m, t) {
                Attempt::Running(at) if m.role == ContainerRole::Sidecar => {
                    self.after_start(i, m, at);
                    t = at;
                }
                Attempt::Running(at) => {
                    let b = self.behaviour(&m.name);
                    let run = b.run.unwrap_or(Run::ExitsAfter(0));
                    let code = b.exit_code.unwrap_or(0);
                    let Run::ExitsAfter(d) = run else {
                        self.stuck(
                            members,
                            i,
                            at,
                            format!(
                                "init container {} never exits: the pod stays in Init",
                                m.name
                            ),
                        );
                        return;
                    };
                    if code != 0 {
                        self.crash_loop(i, m, at, d, code);
                        self.stuck(
                            members,
                            i,
                            at,
                            format!("init container {} fails: the next ones never start", m.name),
                        );
                        return;
                    }
                    self.exit(i, at + d, 0);
                    self.bar(
                        i,
                        BarKind::Running,
                        at,
                        at + d,
                        true,
                        "running to completion".into(),
                    );
                    t = at + d;
                }
                Attempt::Killed { at, fail_after } => {
                    self.crash_after_post_start(i, m, at, fail_after);
                    self.stuck(
                        members,
                        i,
                        at,
                        format!(
                            "init container {}'s postStart fails: the next ones never start",
                            m.name
                        ),
                    );
                    return;
                }
                Attempt::NoImage | Attempt::Hung => {
                    self.stuck(
                        members,
                        i,
                        t,
                        format!(
                            "init container {} cannot start: the containers after it wait",
                            m.name
                        ),
                    );
                    return;
                }
            }
        }
        if inits > 0 {
            self.tl.notes.push(note(
                "docs.init",
                "init containers run one after another before the app containers",
                DOC_INIT,
            ));
        }
        self.tl.initialized_at = Some(t);
        self.pod_event(
            t,
            EventKind::PodInitialized,
            "condition Initialized=True: every init container completed (sidecars started)".into(),
        );
        let mut all_running = true;
        for (i, m) in members.iter().enumerate() {
            if m.role != ContainerRole::Container {
                continue;
            }
            if t > 0 {
                self.bar(
                    i,
                    BarKind::Waiting,
                    0,
                    t,
                    true,
                    "waiting for the containers before it".into(),
                );
            }
            match self.attempt(i, m, t) {
                Attempt::Running(at) => {
                    t = at;
                    if !self.after_start(i, m, at) {
                        all_running = false;
                    }
                }
                Attempt::NoImage => all_running = false,
                Attempt::Killed { at, fail_after } => {
                    self.crash_after_post_start(i, m, at, fail_after);
                    t = at;
                    all_running = false;
                }
                Attempt::Hung => {
                    self.tl.notes.push(note(
                        "kubelet.postStart.blocks",
                        format!("{}'s postStart never returns: the kubelet's sync is stuck in it, so the containers after it never start and the pod status is not refreshed", m.name),
                        SRC_START,
                    ));
                    for (j, later) in members.iter().enumerate().skip(i + 1) {
                        if later.role == ContainerRole::Container {
                            self.tl.lanes[j].state = "ContainerCreating".into();
                        }
                    }
                    self.tl.lanes[i].state = "ContainerCreating".into();
                    self.finish(Some("Pending"), "ContainerCreating".into());
                    return;
                }
            }
        }
        if all_running {
            self.tl.ready_at = Some(t);
            self.pod_event(t, EventKind::PodReady, "every container is running: condition Ready=True (readiness probes assumed to pass)".into());
        }
        let phase = self.phase_after(members);
        let status = self.status(members, &phase);
        self.finish(Some(&phase), status);
    }

    fn finish(&mut self, phase: Option<&str>, status: String) {
        self.tl.phase = phase.map(str::to_string);
        self.tl.status = status;
    }

    /// The pod cannot get past init container `i`.
    fn stuck(&mut self, members: &[Member], i: usize, t: Ms, why: String) {
        let inits = members
            .iter()
            .filter(|m| m.role != ContainerRole::Container)
            .count();
        let done = members[..i]
            .iter()
            .filter(|m| m.role != ContainerRole::Container)
            .count();
        for j in i + 1..members.len() {
            self.tl.lanes[j].state = "PodInitializing".into();
            self.bar(
                j,
                BarKind::Waiting,
                0,
                t,
                false,
                "waiting for the init containers".into(),
            );
        }
        self.tl
            .notes
            .push(note("kubelet.init.blocked", why, SRC_SYNC));
        // A failed init container the kubelet will not restart fails the pod (the same
        // podutil.ContainerShouldRestart rule as the termination view).
        let failed_for_good = self.tl.lanes[i].state == "Terminated"
            && !should_restart(
                &members[i],
                self.pod,
                self.tl.lanes[i].exit_code.unwrap_or(1),
                self.version,
            );
        let reason = self.tl.lanes[i].state.clone();
        let status = match reason.as_str() {
            "ErrImagePull" | "ImagePullBackOff" | "CrashLoopBackOff" | "ErrImageNeverPull"
            | "InvalidImageName" => format!("Init:{reason}"),
            // The kubelet's waiting reason is the decode error's own text.
            r if Some(r) == self.facts.pull_secret_error => format!("Init:{reason}"),
            _ => format!("Init:{done}/{inits}"),
        };
        self.finish(
            Some(if failed_for_good { "Failed" } else { "Pending" }),
            if failed_for_good {
                "Init:Error".into()
            } else {
                status
            },
        );
    }

    /// The lanes of the regular containers (not init containers or sidecars).
    fn main_lanes(&self, members: &[Member]) -> Vec<&StartLane> {
        members
            .iter()
            .zip(&self.tl.lanes)
            .filter(|(m, _)| m.role == ContainerRole::Container)
            .map(|(_, l)| l)
            .collect()
    }

    /// `getPhase` once every container had its go.
    fn phase_after(&self, members: &[Member]) -> String {
        let mains = self.main_lanes(members);
        if mains
            .iter()
            .any(|l| l.state == "Running" || l.state == "CrashLoopBackOff")
        {
            return "Running".into();
        }
        if mains.iter().all(|l| l.state == "Terminated") {
            let all_zero = mains.iter().all(|l| l.exit_code == Some(0));
            return if all_zero { "Succeeded" } else { "Failed" }.into();
        }
        "Pending".into()
    }

    /// kubectl's STATUS column, printed by the API server (`printPod` in
    /// pkg/printers/internalversion/printers.go) once the pod is initialized: the containers
    /// are read last to first, so the first one with a waiting or terminated reason wins (a
    /// terminated container says `Completed` for exit 0, `Error` otherwise). When that is
    /// `Completed`, a running container turns it back into `Running` (pod Ready) or
    /// `NotReady`; from 1.35 (the fix for kubernetes issue #121563: in the v1.35.2 tree, absent
    /// from v1.34.2's) a container that failed wins first (row `KubectlStatusShowsFailedContainer`), so a pod whose first
    /// container completed and second failed says `Error`, not `Completed`.
    fn status(&self, members: &[Member], phase: &str) -> String {
        let mains = self.main_lanes(members);
        // Ready condition: every container running (readiness probes assumed to pass).
        let ready = mains.iter().all(|l| l.state == "Running");
        let mut reason = phase.to_string();
        let mut has_running = false;
        let mut error_reason = None;
        for l in mains.iter().rev() {
            match l.state.as_str() {
                "Running" => has_running = true,
                "Terminated" => {
                    let failed = l.exit_code.unwrap_or(0) != 0;
                    reason = if failed { "Error" } else { "Completed" }.into();
                    if failed {
                        error_reason = Some(reason.clone());
                    }
                }
                // A waiting container without a reason does not change it.
                "Waiting" => {}
                waiting => reason = waiting.to_string(),
            }
        }
        if reason == "Completed" {
            let prefer_error = self.version.behaviour("KubectlStatusShowsFailedContainer");
            if has_running && ready {
                reason = "Running".into();
            } else if let (true, Some(e)) = (prefer_error, error_reason) {
                reason = e;
            } else if has_running {
                reason = "NotReady".into();
            }
        }
        reason
    }
}

mod attempt;
mod backoff;
#[cfg(test)]
mod tests;
