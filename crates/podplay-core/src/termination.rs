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
//! termination ordering), [`kill`] (one container's `killContainer`).

pub mod grace;
pub mod kill;
pub mod order;

use crate::images::{self, PresentOrigin};
use crate::timeline::{
    as_opt_seconds, as_seconds, note, secs, sort_by_time, Bar, BarKind, ContainerRole, EventKind,
    KubeEvent, Marker, Ms, Note, TimelineEvent,
};
use crate::versions::Version;
use grace::{DeleteFlags, SRC_API, SRC_KUBECTL, SRC_SET_GRACE, SRC_WORKER};
use kill::{kill, kube_event, HookRun, KillInput, Killed, SRC_KILL, SRC_PRESTOP};
use order::{members, prerequisites, settle_order, Member, SRC_ORDER};
use serde::Serialize;
use serde_json::Value;

const SRC_PHASE: &str = "pkg/kubelet/kubelet_pods.go:getPhase";
const SRC_STATUS_DELETE: &str = "pkg/kubelet/status/status_manager.go:canBeDeleted";
const SRC_ENDPOINTS: &str = "staging/src/k8s.io/endpointslice/utils.go:podToEndpoint";
const SRC_EVICTION: &str = "pkg/kubelet/eviction/eviction_manager.go:synchronize";
const SRC_PROBE_KILL: &str = "pkg/kubelet/kuberuntime/kuberuntime_manager.go:computePodActions";
const DOC_TERMINATION: &str =
    "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination";
const DOC_HOOKS: &str = "https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/";

/// What stops the pod.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreStop {
    /// Returns successfully after this many milliseconds.
    Takes(Ms),
    /// Never returns.
    Hangs,
    /// Returns an error after this many milliseconds.
    Fails(Ms),
}

/// When the process exits after its stop signal (for `complete`: after the scenario starts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitAfter {
    After(Ms),
    /// It ignores the stop signal (SIGKILL ends it).
    Never,
}

/// What podplay cannot read from the spec about one container.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    #[serde(serialize_with = "as_opt_seconds")]
    pub stop_signal_at: Option<Ms>,
    #[serde(serialize_with = "as_opt_seconds")]
    pub exited_at: Option<Ms>,
    #[serde(serialize_with = "as_opt_seconds")]
    pub sigkill_at: Option<Ms>,
    /// The exit code it ends with (init containers: 0, they completed before).
    pub exit_code: Option<i32>,
}

/// The whole termination story.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    #[serde(serialize_with = "as_opt_seconds")]
    pub grace_deadline: Option<Ms>,
    /// Containers in the order their stop signal was sent.
    pub order: Vec<String>,
    /// The same, grouped by the moment the signal was sent.
    pub stop_groups: Vec<Vec<String>>,
    /// The pod's phase at the end (None: unchanged, still Running).
    pub phase: Option<String>,
    #[serde(serialize_with = "as_opt_seconds")]
    pub object_removed_at: Option<Ms>,
    /// The last moment of the timeline.
    #[serde(serialize_with = "as_seconds")]
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
    version: Version,
) -> Timeline {
    let tl = Timeline::empty(scenario);
    let members = members(pod);
    for (name, _) in behaviours {
        if !members.iter().any(|m| &m.name == name) {
            return tl.fail(format!("the pod has no container named {name:?}"));
        }
    }
    let spec_grace = pod
        .pointer("/spec/terminationGracePeriodSeconds")
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
        Scenario::Preempt => preempt(tl, &ctx, spec_grace, name, namespace, version),
        Scenario::Evict {
            max_pod_grace_period,
        } => evict(tl, &ctx, *max_pod_grace_period, spec_grace),
        Scenario::Liveness { container } => {
            liveness(tl, &ctx, container.as_deref(), pod, spec_grace, version)
        }
        Scenario::Complete => complete(tl, &ctx, pod, spec_grace),
    }
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
    fn behaviour(&self, name: &str) -> Behaviour {
        self.behaviours
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, b)| *b)
            .unwrap_or_default()
    }
}

fn str_at<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

fn delete(
    mut tl: Timeline,
    ctx: &Ctx,
    flags: DeleteFlags,
    spec_grace: Option<i64>,
    name: &str,
    namespace: &str,
    version: Version,
) -> Timeline {
    let command = grace::kubectl_command(flags, name);
    let request = match grace::kubectl_request(flags) {
        Ok(r) => r,
        Err(e) => {
            tl.kubectl = Some(KubectlView {
                command,
                grace_period_seconds: None,
                stdout: String::new(),
                stderr: e.clone(),
                why: String::new(),
            });
            return tl.fail(e);
        }
    };
    tl.kubectl = Some(KubectlView {
        command,
        grace_period_seconds: request.grace_period_seconds,
        stdout: grace::kubectl_stdout(version, request.operation, name, namespace),
        stderr: request.warning.clone().unwrap_or_default(),
        why: request.why.clone(),
    });
    if !request.why.is_empty() {
        tl.notes.push(note(
            "kubectl.delete.flags",
            request.why.clone(),
            SRC_KUBECTL,
        ));
    }
    let deletion = grace::api_grace_period(request.grace_period_seconds, spec_grace);
    tl.deletion_grace_period_seconds = Some(deletion);
    let effective = grace::kubelet_grace_period(Some(deletion), None, spec_grace);
    tl.grace_period = Some(effective);
    tl.notes.push(note(
        "api.delete.gracePeriod",
        match request.grace_period_seconds {
            Some(g) => format!("the request's gracePeriodSeconds ({g}) becomes deletionGracePeriodSeconds: {deletion}"),
            None => format!("no grace period in the request: the pod's terminationGracePeriodSeconds ({deletion}) is used"),
        },
        SRC_API,
    ));
    tl.notes.push(note(
        "kubelet.gracePeriod.effective",
        if effective > deletion {
            format!("the kubelet never uses less than 1 s: grace {deletion} becomes {effective}, so every container still gets its stop signal (and SIGKILL 2 s later at the earliest)")
        } else {
            format!("the kubelet kills every container with the pod's grace period override of {effective}s")
        },
        SRC_WORKER,
    ));
    if deletion == 0 {
        tl.pod_event(
            0,
            EventKind::DeleteRequested,
            "deletionGracePeriodSeconds: 0: the API server removes the pod at once; the kubelet still stops its containers".into(),
        );
        tl.pod_event(
            0,
            EventKind::ObjectRemoved,
            "the pod object is gone from the API (kubectl get no longer lists it)".into(),
        );
        tl.object_removed_at = Some(0);
        tl.pod_event(
            0,
            EventKind::EndpointNotReady,
            "the pod is gone: its endpoints leave every EndpointSlice".into(),
        );
        tl.notes.push(note(
            "api.delete.immediate",
            "with grace 0 the API object is removed at once, while the containers may still run on the node",
            "staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go:Store.Delete",
        ));
    } else {
        tl.pod_event(
            0,
            EventKind::DeleteRequested,
            format!("deletionTimestamp = now + {deletion}s, deletionGracePeriodSeconds: {deletion}; kubectl get shows Terminating"),
        );
        tl.pod_event(
            0,
            EventKind::EndpointNotReady,
            "EndpointSlice: ready=false, terminating=true (serving follows the Ready condition): Services stop sending new connections".into(),
        );
        tl.notes.push(note(
            "endpoints.terminating",
            "an endpoint is ready only when the pod is Ready and not terminating; terminating endpoints stay in the slice (terminating=true) until the pod is terminal",
            SRC_ENDPOINTS,
        ));
    }
    tl.grace_deadline = Some(secs(effective as u64));
    let killed = kill_pod(
        &mut tl,
        ctx,
        0,
        |_| effective,
        |m| format!("Stopping container {}", m.name),
    );
    let end = finish_kill(&mut tl, ctx, &killed);
    let phase = terminal_phase(ctx, &killed);
    tl.pod_event(
        end,
        EventKind::PodTerminal,
        phase_message(&phase, ctx, &killed),
    );
    tl.phase = Some(phase);
    if deletion > 0 {
        tl.pod_event(
            end,
            EventKind::ObjectRemoved,
            "the phase is terminal and the volumes are unmounted: the kubelet deletes the pod object (grace 0, UID precondition)".into(),
        );
        tl.object_removed_at = Some(end);
        tl.notes.push(note(
            "kubelet.status.delete",
            "the API object of a gracefully deleted pod is removed by the kubelet itself, once the pod is terminal; nothing removes it when deletionTimestamp passes",
            SRC_STATUS_DELETE,
        ));
    }
    finalize(tl)
}

fn preempt(
    tl: Timeline,
    ctx: &Ctx,
    spec_grace: Option<i64>,
    name: &str,
    namespace: &str,
    version: Version,
) -> Timeline {
    let mut tl = delete(
        tl,
        ctx,
        DeleteFlags::default(),
        spec_grace,
        name,
        namespace,
        version,
    );
    // The scheduler, not kubectl, sends the DELETE (empty DeleteOptions).
    tl.kubectl = None;
    tl.notes.retain(|n| n.rule != "kubectl.delete.flags");
    let message = "Preempted by pod <preemptor uid> on node <node>".to_string();
    tl.events.insert(
        0,
        TimelineEvent {
            t: 0,
            container: String::new(),
            event: EventKind::Preempted,
            message: format!("{message}; condition DisruptionTarget=True (PreemptionByScheduler)"),
        },
    );
    tl.pod_markers.insert(
        0,
        Marker {
            event: EventKind::Preempted,
            t: 0,
            label: message.clone(),
        },
    );
    tl.kube_events.insert(
        0,
        KubeEvent {
            t: 0,
            kind: "Normal".into(),
            reason: "Preempted".into(),
            from: "default-scheduler".into(),
            field_path: String::new(),
            message,
        },
    );
    tl.notes.push(note(
        "scheduler.preemption",
        "the scheduler adds the DisruptionTarget condition, then deletes the victim with empty DeleteOptions: its own terminationGracePeriodSeconds applies, preStop hooks included",
        "pkg/scheduler/framework/preemption/preemption.go:prepareCandidate",
    ));
    tl
}

fn evict(
    mut tl: Timeline,
    ctx: &Ctx,
    max_pod_grace: Option<i64>,
    spec_grace: Option<i64>,
) -> Timeline {
    // Hard thresholds evict with 1 s; soft ones with min(evictionMaxPodGracePeriod, the pod's).
    let override_grace = match max_pod_grace {
        None => 1,
        Some(max) => match spec_grace {
            Some(spec) => max.min(spec),
            None => max,
        },
    };
    let effective = grace::kubelet_grace_period(None, Some(override_grace), spec_grace);
    tl.grace_period = Some(effective);
    tl.grace_deadline = Some(secs(effective as u64));
    tl.notes.push(note(
        "kubelet.eviction.grace",
        match max_pod_grace {
            None => "a hard eviction threshold: the kubelet kills the pod with a grace period of 1 s".to_string(),
            Some(max) => format!("a soft eviction threshold: grace = min(evictionMaxPodGracePeriod {max}, terminationGracePeriodSeconds) = {override_grace}"),
        },
        SRC_EVICTION,
    ));
    let message = "The node was low on resource: memory. ".to_string();
    tl.pod_event(0, EventKind::Evicted, message.clone());
    tl.kube_events.push(KubeEvent {
        t: 0,
        kind: "Warning".into(),
        reason: "Evicted".into(),
        from: "kubelet".into(),
        field_path: String::new(),
        message,
    });
    let killed = kill_pod(
        &mut tl,
        ctx,
        0,
        |_| effective,
        |m| format!("Stopping container {}", m.name),
    );
    let end = finish_kill(&mut tl, ctx, &killed);
    tl.pod_event(
        end,
        EventKind::PodTerminal,
        "phase Failed, reason Evicted (set by the eviction manager whatever the exit codes); condition DisruptionTarget (TerminationByKubelet)".into(),
    );
    tl.pod_event(
        end,
        EventKind::EndpointNotReady,
        "the pod is Failed: its endpoints leave every EndpointSlice".into(),
    );
    tl.phase = Some("Failed".into());
    tl.notes.push(note(
        "kubelet.eviction.object",
        "an evicted pod is not deleted: the Failed object stays until its controller or the PodGC (terminated-pod-gc-threshold) removes it",
        "pkg/controller/podgc/gc_controller.go",
    ));
    finalize(tl)
}

fn liveness(
    mut tl: Timeline,
    ctx: &Ctx,
    target: Option<&str>,
    pod: &Value,
    spec_grace: Option<i64>,
    version: Version,
) -> Timeline {
    let found = match target {
        Some(t) => ctx.members.iter().position(|m| m.name == t),
        None => ctx
            .members
            .iter()
            .position(|m| m.role != ContainerRole::Init && m.spec.get("livenessProbe").is_some()),
    };
    let Some(index) = found else {
        return tl.fail(match target {
            Some(t) => format!("the pod has no container named {t:?}"),
            None => "no container of the pod has a livenessProbe".to_string(),
        });
    };
    let target = ctx.members[index].name.as_str();
    let member = &ctx.members[index];
    if member.role == ContainerRole::Init {
        return tl.fail(format!(
            "{target} is an init container: probes run only on containers and sidecars"
        ));
    }
    let Some(probe) = member.spec.get("livenessProbe") else {
        return tl.fail(format!("container {target} has no livenessProbe"));
    };
    let pod_policy = match str_at(pod, "/spec/restartPolicy") {
        "" => "Always",
        p => p,
    };
    let policy = match member.spec.get("restartPolicy").and_then(Value::as_str) {
        Some(p)
            if member.role == ContainerRole::Sidecar || version.gate("ContainerRestartRules") =>
        {
            p
        }
        _ => pod_policy,
    };
    let restart = policy != "Never";
    let threshold = probe
        .get("failureThreshold")
        .and_then(Value::as_i64)
        .unwrap_or(3);
    let unhealthy = format!("Liveness probe failed: {}", probe_failure_output(probe));
    tl.events.push(TimelineEvent {
        t: 0,
        container: target.to_string(),
        event: EventKind::Unhealthy,
        message: format!("{unhealthy} ({threshold} consecutive failures: failureThreshold)"),
    });
    tl.kube_events.push(kube_event(
        0,
        "Warning",
        "Unhealthy",
        &member.field_path,
        unhealthy,
    ));
    let keeps_others = ctx
        .members
        .iter()
        .any(|m| m.role == ContainerRole::Container && m.name != target);
    if !restart && member.role == ContainerRole::Container && !keeps_others {
        // Nothing to keep or start: the whole pod is killed, with no override.
        tl.notes.push(note(
            "kubelet.probe.killPod",
            format!("{target} will not be restarted (restartPolicy {policy}) and no other container remains: the kubelet kills the whole pod with each container's own grace period"),
            SRC_PROBE_KILL,
        ));
        let g = grace::container_grace_period(None, None, spec_grace);
        tl.grace_period = Some(g);
        let killed = kill_pod(
            &mut tl,
            ctx,
            0,
            |_| g,
            |m| format!("Stopping container {}", m.name),
        );
        let end = finish_kill(&mut tl, ctx, &killed);
        let phase = terminal_phase(ctx, &killed);
        tl.pod_event(
            end,
            EventKind::PodTerminal,
            phase_message(&phase, ctx, &killed),
        );
        tl.phase = Some(phase);
        return finalize(tl);
    }
    let probe_grace = probe
        .get("terminationGracePeriodSeconds")
        .and_then(Value::as_i64);
    let g = grace::container_grace_period(None, probe_grace, spec_grace);
    tl.grace_period = Some(g);
    tl.grace_deadline = Some(secs(g as u64));
    tl.notes.push(note(
        "kubelet.probe.grace",
        match probe_grace {
            Some(p) => format!(
                "the liveness probe's own terminationGracePeriodSeconds ({p}) replaces the pod's"
            ),
            None => {
                format!("no probe-level terminationGracePeriodSeconds: the pod's ({g}) applies")
            }
        },
        SRC_SET_GRACE,
    ));
    let mut message = format!("Container {target} failed liveness probe");
    if restart {
        message.push_str(", will be restarted");
    }
    let input = kill_input(ctx, member, 0, g, message, Vec::new(), false);
    let k = kill(&input);
    let mut killed: Vec<Option<Killed>> = vec![None; ctx.members.len()];
    killed[index] = Some(k);
    let end = finish_kill(&mut tl, ctx, &killed);
    if restart {
        restart_container(&mut tl, member, index, end, version);
        tl.notes.push(note(
            "kubelet.probe.restart",
            "the first restart after a kill is immediate; later exits wait out the CrashLoopBackOff delay (10 s doubling to 5 min)",
            SRC_PROBE_KILL,
        ));
    } else {
        tl.notes.push(note(
            "kubelet.probe.noRestart",
            format!(
                "restartPolicy {policy}: {target} stays terminated while the other containers run"
            ),
            SRC_PROBE_KILL,
        ));
    }
    finalize(tl)
}

/// What a failing probe of this kind typically reports.
fn probe_failure_output(probe: &Value) -> String {
    if probe.get("httpGet").is_some() {
        "HTTP probe failed with statuscode: 500".into()
    } else if let Some(t) = probe.get("tcpSocket") {
        let port = t.get("port").map(|p| match p {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        format!(
            "dial tcp <pod IP>:{}: connect: connection refused",
            port.unwrap_or_default()
        )
    } else if probe.get("grpc").is_some() {
        "service unhealthy (responded with \"NOT_SERVING\")".into()
    } else {
        "<command output>".into()
    }
}

fn restart_container(tl: &mut Timeline, member: &Member, index: usize, at: Ms, version: Version) {
    let image = str_at(member.spec, "/image");
    let policy = match str_at(member.spec, "/imagePullPolicy") {
        "" => "IfNotPresent",
        p => p,
    };
    let plan = images::kubelet_pull(
        image,
        policy,
        true,
        PresentOrigin::PulledAnonymously,
        version,
    );
    let push = |tl: &mut Timeline, event: EventKind, kind: &str, reason: &str, message: String| {
        tl.lanes[index].markers.push(Marker {
            event,
            t: at,
            label: message.clone(),
        });
        tl.events.push(TimelineEvent {
            t: at,
            container: member.name.clone(),
            event,
            message: message.clone(),
        });
        tl.kube_events
            .push(kube_event(at, kind, reason, &member.field_path, message));
    };
    for e in &plan.events {
        let kind = if e.reason == "Pulling" {
            EventKind::Pulling
        } else {
            EventKind::Pulled
        };
        push(tl, kind, &e.kind, &e.reason, e.message.clone());
    }
    let name = member.name.as_str();
    push(
        tl,
        EventKind::Created,
        "Normal",
        "Created",
        version.wording("event.created").replace("%NAME%", name),
    );
    push(
        tl,
        EventKind::Started,
        "Normal",
        "Started",
        version.wording("event.started").replace("%NAME%", name),
    );
    tl.lanes[index].bars.push(Bar {
        kind: BarKind::Running,
        start: at,
        end: at,
        ends: false,
        label: "restarted (restartCount 1)".into(),
    });
}

fn complete(mut tl: Timeline, ctx: &Ctx, pod: &Value, spec_grace: Option<i64>) -> Timeline {
    let policy = match str_at(pod, "/spec/restartPolicy") {
        "" => "Always",
        p => p,
    };
    if policy == "Always" {
        return tl.fail("restartPolicy Always: the kubelet restarts containers that exit, so the pod never completes (use a Job's restartPolicy Never or OnFailure)".into());
    }
    // The main containers exit by themselves.
    let mut lanes_done = Vec::new();
    let mut last_exit = Some(0);
    for (i, m) in ctx.members.iter().enumerate() {
        if m.role != ContainerRole::Container {
            continue;
        }
        let b = ctx.behaviour(&m.name);
        let code = b.exit_code.unwrap_or(0);
        match b.exit_after.unwrap_or(ExitAfter::After(0)) {
            ExitAfter::After(at) => {
                last_exit = last_exit.map(|l: Ms| l.max(at));
                let reason = if code == 0 { "Completed" } else { "Error" };
                lanes_done.push((i, at, code));
                tl.events.push(TimelineEvent {
                    t: at,
                    container: m.name.clone(),
                    event: EventKind::Exited,
                    message: format!("the process exits by itself with code {code} ({reason})"),
                });
            }
            ExitAfter::Never => last_exit = None,
        }
    }
    let restarts_failures = policy == "OnFailure" && lanes_done.iter().any(|(_, _, c)| *c != 0);
    let spec_g = grace::container_grace_period(None, None, spec_grace);
    tl.grace_period = Some(spec_g);
    let mut killed: Vec<Option<Killed>> = vec![None; ctx.members.len()];
    let kill_at = match last_exit {
        Some(at) if !restarts_failures => at,
        _ => {
            tl.notes.push(note(
                "kubelet.complete.notYet",
                if restarts_failures {
                    "restartPolicy OnFailure: a container that exited non-zero is restarted, so the pod does not complete yet"
                } else {
                    "a main container never exits: the pod does not complete and its sidecars keep running"
                },
                SRC_PROBE_KILL,
            ));
            let end = last_exit
                .unwrap_or(0)
                .max(lanes_done.iter().map(|x| x.1).max().unwrap_or(0));
            finish_lanes(&mut tl, ctx, &killed, &lanes_done, end);
            return finalize(tl);
        }
    };
    tl.notes.push(note(
        "kubelet.complete.killPod",
        format!("every main container has completed and restartPolicy is {policy}: the kubelet kills the pod, sidecars last in reverse order, each with terminationGracePeriodSeconds ({spec_g}s, no override)"),
        SRC_PROBE_KILL,
    ));
    let running: Vec<bool> = ctx
        .members
        .iter()
        .map(|m| m.role == ContainerRole::Sidecar)
        .collect();
    let stopping = |m: &Member| format!("Stopping container {}", m.name);
    kill_running(
        &mut tl,
        ctx,
        &running,
        kill_at,
        &|_| spec_g,
        &stopping,
        &mut killed,
    );
    let end = killed
        .iter()
        .flatten()
        .map(|k| k.terminated_at)
        .max()
        .unwrap_or(kill_at)
        .max(kill_at);
    finish_lanes(&mut tl, ctx, &killed, &lanes_done, end);
    let all_zero = lanes_done.iter().all(|(_, _, c)| *c == 0);
    let phase = if all_zero { "Succeeded" } else { "Failed" };
    tl.pod_event(
        end,
        EventKind::PodTerminal,
        format!(
            "phase {phase}: decided by the main containers' exit codes (sidecars' do not count)"
        ),
    );
    tl.phase = Some(phase.into());
    tl.notes.push(note(
        "kubelet.phase.sidecars",
        "sidecar exit codes (often 137 or 143 after their stop) do not count toward Succeeded/Failed",
        SRC_PHASE,
    ));
    finalize(tl)
}

fn kill_input(
    ctx: &Ctx,
    m: &Member,
    start: Ms,
    grace: i64,
    message: String,
    prerequisites: Vec<(String, Ms)>,
    ordering: bool,
) -> KillInput {
    let b = ctx.behaviour(&m.name);
    let pre_stop = m.spec.pointer("/lifecycle/preStop").and_then(|h| {
        let handler = ["exec", "httpGet", "tcpSocket", "sleep"]
            .into_iter()
            .find(|k| h.get(*k).is_some())?;
        let run = match handler {
            "sleep" => HookRun::Completes(secs(
                h.pointer("/sleep/seconds")
                    .and_then(Value::as_u64)
                    .unwrap_or(0),
            )),
            // The kubelet's lifecycle runner has no tcpSocket handler: the hook fails at once.
            "tcpSocket" => HookRun::Fails(0),
            _ => match b.pre_stop.unwrap_or(PreStop::Takes(0)) {
                PreStop::Takes(d) => HookRun::Completes(d),
                PreStop::Fails(d) => HookRun::Fails(d),
                PreStop::Hangs => HookRun::Hangs,
            },
        };
        Some((handler.to_string(), run))
    });
    let stop_signal = match m
        .spec
        .pointer("/lifecycle/stopSignal")
        .and_then(Value::as_str)
    {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => "SIGTERM".to_string(),
    };
    KillInput {
        name: m.name.clone(),
        field_path: m.field_path.clone(),
        start,
        grace,
        message,
        pre_stop,
        ordering,
        prerequisites,
        stop_signal,
        exit_after: match b.exit_after.unwrap_or(ExitAfter::After(0)) {
            ExitAfter::After(ms) => Some(ms),
            ExitAfter::Never => None,
        },
        exit_code: b.exit_code.unwrap_or(0),
    }
}

/// `killContainersWithSyncResult`: every running container (regular ones and sidecars) is
/// killed in parallel from `start`; sidecars wait for their turn.
fn kill_pod(
    tl: &mut Timeline,
    ctx: &Ctx,
    start: Ms,
    grace_for: impl Fn(&Member) -> i64,
    message: impl Fn(&Member) -> String,
) -> Vec<Option<Killed>> {
    let running: Vec<bool> = ctx
        .members
        .iter()
        .map(|m| m.role != ContainerRole::Init)
        .collect();
    let mut killed = vec![None; ctx.members.len()];
    kill_running(tl, ctx, &running, start, &grace_for, &message, &mut killed);
    killed
}

/// Kills the members marked `running`, settling regular containers first, then sidecars
/// from the last declared (whose turn depends on the others' stop times).
fn kill_running(
    tl: &mut Timeline,
    ctx: &Ctx,
    running: &[bool],
    start: Ms,
    grace_for: &dyn Fn(&Member) -> i64,
    message: &dyn Fn(&Member) -> String,
    killed: &mut [Option<Killed>],
) {
    let prereqs = prerequisites(ctx.members);
    if ctx.ordering {
        tl.notes.push(note(
            "kubelet.kill.sidecarOrder",
            "the pod has sidecars: they get their stop signal only after every main container has stopped, last declared first; each counts its own grace period (waiting included) and still gets the 2 s minimum",
            SRC_ORDER,
        ));
    }
    for i in settle_order(ctx.members) {
        if !running[i] {
            continue;
        }
        let m = &ctx.members[i];
        // A prerequisite that is not running counts as already stopped.
        let pre: Vec<(String, Ms)> = if ctx.ordering {
            prereqs[i]
                .iter()
                .map(|&p| {
                    let at = killed[p]
                        .as_ref()
                        .map_or(start, |k: &Killed| k.terminated_at);
                    (ctx.members[p].name.clone(), at)
                })
                .collect()
        } else {
            Vec::new()
        };
        let input = kill_input(ctx, m, start, grace_for(m), message(m), pre, ctx.ordering);
        killed[i] = Some(kill(&input));
    }
    tl.notes.push(note(
        "kubelet.kill.container",
        "each container: Killing event, preStop (bounded by the grace period, whole seconds subtracted), stop signal with the grace left (at least 2 s), SIGKILL when that runs out",
        SRC_KILL,
    ));
}

/// Builds the lanes, the events and the stop order from the kills; returns when the last
/// container stopped.
fn finish_kill(tl: &mut Timeline, ctx: &Ctx, killed: &[Option<Killed>]) -> Ms {
    let end = killed
        .iter()
        .flatten()
        .map(|k| k.terminated_at)
        .max()
        .unwrap_or(0);
    finish_lanes(tl, ctx, killed, &[], end);
    end
}

fn finish_lanes(
    tl: &mut Timeline,
    ctx: &Ctx,
    killed: &[Option<Killed>],
    exited_by_themselves: &[(usize, Ms, i32)],
    end: Ms,
) {
    let mut lanes = Vec::new();
    for (i, m) in ctx.members.iter().enumerate() {
        let mut lane = Lane {
            container: m.name.clone(),
            role: m.role,
            field_path: m.field_path.clone(),
            bars: Vec::new(),
            markers: Vec::new(),
            killed: false,
            grace_period: None,
            stop_timeout: None,
            stop_signal_at: None,
            exited_at: None,
            sigkill_at: None,
            exit_code: None,
        };
        if m.role == ContainerRole::Init {
            lane.exit_code = Some(0);
        }
        if let Some((_, at, code)) = exited_by_themselves.iter().find(|x| x.0 == i) {
            lane.bars.push(running_bar(0, *at));
            lane.markers.push(Marker {
                event: EventKind::Exited,
                t: *at,
                label: format!("exit code {code}"),
            });
            lane.exited_at = Some(*at);
            lane.exit_code = Some(*code);
        }
        if let Some(k) = &killed[i] {
            if k.events.first().is_some_and(|e| e.t > 0) {
                lane.bars.push(running_bar(0, k.events[0].t));
            }
            lane.killed = true;
            lane.grace_period = Some(k.grace);
            lane.bars.extend(k.bars.iter().cloned());
            lane.markers.extend(k.markers.iter().cloned());
            lane.stop_timeout = Some(k.stop_timeout);
            lane.stop_signal_at = Some(k.stop_signal_at);
            lane.exited_at = k.exited_at;
            lane.sigkill_at = k.sigkill_at;
            lane.exit_code = Some(k.exit_code);
        } else if m.role != ContainerRole::Init && lane.exited_at.is_none() {
            // Not stopped by the scenario: it keeps running.
            lane.bars.push(running_bar(0, end));
        }
        lanes.push(lane);
    }
    tl.lanes = lanes;
    // Events in the order the kill goroutines are settled (main containers, then sidecars
    // from the last declared), as the kubelet records them.
    let mut order: Vec<(Ms, usize)> = Vec::new();
    for i in settle_order(ctx.members) {
        if let Some(k) = &killed[i] {
            order.push((k.stop_signal_at, i));
            tl.events.extend(k.events.iter().cloned());
            tl.kube_events.extend(k.kube_events.iter().cloned());
        }
    }
    sort_by_time(&mut order, |x| x.0);
    let mut groups: Vec<(Ms, Vec<String>)> = Vec::new();
    for (t, i) in order {
        let name = ctx.members[i].name.clone();
        tl.order.push(name.clone());
        match groups.last_mut() {
            Some((gt, g)) if *gt == t => g.push(name),
            _ => groups.push((t, vec![name])),
        }
    }
    tl.stop_groups = groups.into_iter().map(|(_, g)| g).collect();
    tl.end = tl.end.max(end);
}

fn running_bar(start: Ms, end: Ms) -> Bar {
    Bar {
        kind: BarKind::Running,
        start,
        end,
        ends: true,
        label: "running".into(),
    }
}

/// `getPhase` for a pod being deleted: Succeeded iff every regular container exited 0.
fn terminal_phase(ctx: &Ctx, killed: &[Option<Killed>]) -> String {
    let all_zero = ctx
        .members
        .iter()
        .zip(killed)
        .filter(|(m, _)| m.role == ContainerRole::Container)
        .all(|(_, k)| k.as_ref().map_or(true, |k| k.exit_code == 0));
    if all_zero { "Succeeded" } else { "Failed" }.to_string()
}

fn phase_message(phase: &str, ctx: &Ctx, killed: &[Option<Killed>]) -> String {
    let failed: Vec<String> = ctx
        .members
        .iter()
        .zip(killed)
        .filter(|(m, _)| m.role == ContainerRole::Container)
        .filter_map(|(m, k)| {
            k.as_ref()
                .filter(|k| k.exit_code != 0)
                .map(|k| format!("{} exited {}", m.name, k.exit_code))
        })
        .collect();
    if failed.is_empty() {
        format!("phase {phase}: every main container exited 0 (sidecar exit codes do not count)")
    } else {
        format!("phase {phase}: {}", failed.join(", "))
    }
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
    tl
}

#[cfg(test)]
mod tests;
