//! The scenarios that stop the whole pod: `kubectl delete`, scheduler preemption, kubelet
//! eviction, and a Job-style pod whose main containers completed.

use super::pod_kill::{
    finish_kill, finish_lanes, kill_input, kill_pod, kill_running, stop_pod_to_terminal_phase,
};
use super::*;
use crate::cluster::SYSTEM_CRITICAL_PRIORITY;
use crate::validation::meta::MIRROR_POD_ANNOTATION_KEY;
pub(super) fn delete(
    mut tl: Timeline,
    ctx: &Ctx,
    flags: DeleteFlags,
    spec_grace: Option<i64>,
    name: &str,
    namespace: &str,
    version: Version,
) -> Timeline {
    let command = grace::kubectl_command(flags, name, namespace);
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
    let end = stop_pod_to_terminal_phase(&mut tl, ctx, effective);
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

pub(super) fn preempt(
    tl: Timeline,
    ctx: &Ctx,
    spec_grace: Option<i64>,
    name: &str,
    namespace: &str,
    node: &str,
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
    // pkg/scheduler/framework/preemption/executor.go PreemptPod (v1.36; prepareCandidate in
    // preemption.go before): "Preempted by %s %v on node %v" with the preemptor type "pod".
    // (the preemptor's uid, the victim's node). The preemptor is not in the paste.
    let message = format!("Preempted by pod <preemptor uid> on node {node}");
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
        "pkg/scheduler/framework/preemption/executor.go:PreemptPod",
    ));
    // The one value of the event the paste cannot hold: say what it stands for.
    tl.notes.push(note(
        "scheduler.preemption.preemptor",
        "<preemptor uid> stands for the uid of the pod that preempts this one: the scheduler names it there, and it is another pod than the one pasted",
        "pkg/scheduler/framework/preemption/executor.go:PreemptPod",
    ));
    tl
}

pub(super) fn evict(
    mut tl: Timeline,
    ctx: &Ctx,
    pod: &Value,
    max_pod_grace: Option<i64>,
    spec_grace: Option<i64>,
) -> Timeline {
    // pkg/kubelet/eviction/eviction_manager.go:evictPod refuses a critical pod
    // (kubelettypes.IsCriticalPod: a mirror pod, or priority >= SystemCriticalPriority).
    let priority = pod.at("/spec/priority").and_then(Value::as_i64);
    let mirror = pod
        .at("/metadata/annotations")
        .and_then(|a| a.get(MIRROR_POD_ANNOTATION_KEY))
        .is_some();
    if mirror || priority.is_some_and(|p| p >= SYSTEM_CRITICAL_PRIORITY) {
        let why = match priority {
            Some(p) if !mirror => {
                format!("spec.priority {p} is at least {SYSTEM_CRITICAL_PRIORITY}, system-critical")
            }
            _ => format!("a mirror pod ({MIRROR_POD_ANNOTATION_KEY})"),
        };
        return tl.fail(format!("Eviction manager: cannot evict a critical pod ({why}): the kubelet never evicts it and reclaims the resource from other pods"));
    }
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

pub(super) fn complete(
    mut tl: Timeline,
    ctx: &Ctx,
    pod: &Value,
    spec_grace: Option<i64>,
    version: Version,
) -> Timeline {
    let policy = match str_at(pod, "/spec/restartPolicy") {
        "" => "Always",
        p => p,
    };
    // A main container whose exit matches a RestartAllContainers rule resets the whole pod
    // as soon as it exits (1.36).
    let reset_at = ctx
        .members
        .iter()
        .filter(|m| m.role == ContainerRole::Container)
        .filter_map(|m| {
            let b = ctx.behaviour(&m.name);
            match b.exit_after {
                Some(ExitAfter::After(at))
                    if restarts_all_containers(m, b.exit_code.unwrap_or(0), version) =>
                {
                    Some(at)
                }
                _ => None,
            }
        })
        .min();
    if let Some(at) = reset_at {
        return restart_all_containers(tl, ctx, at);
    }
    // The main containers exit by themselves; each one the kubelet would restart keeps the pod
    // from completing (its own restartPolicy and rules count from ContainerRestartRules on).
    let mut lanes_done = Vec::new();
    let mut last_exit = Some(0);
    let mut restarted: Vec<&str> = Vec::new();
    let mut own_policy = false;
    for (i, m) in ctx.members.iter().enumerate() {
        if m.role != ContainerRole::Container {
            continue;
        }
        let b = ctx.behaviour(&m.name);
        let code = b.exit_code.unwrap_or(0);
        let restarts = should_restart(m, pod, code, version);
        if restarts {
            restarted.push(&m.name);
            own_policy |=
                version.gate("ContainerRestartRules") && m.spec.get("restartPolicy").is_some();
        }
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
    let mains = ctx
        .members
        .iter()
        .filter(|m| m.role == ContainerRole::Container)
        .count();
    if policy == "Always" && !own_policy && restarted.len() >= mains {
        return tl.fail("restartPolicy Always: the kubelet restarts containers that exit, so the pod never completes (use a Job's restartPolicy Never or OnFailure)".into());
    }
    let restarts_failures = !restarted.is_empty();
    let spec_g = grace::container_grace_period(None, None, spec_grace);
    tl.grace_period = Some(spec_g);
    let mut killed: Vec<Option<Killed>> = vec![None; ctx.members.len()];
    let kill_at = match last_exit {
        Some(at) if !restarts_failures => at,
        _ => {
            tl.notes.push(note(
                "kubelet.complete.notYet",
                if restarts_failures && policy == "OnFailure" && !own_policy {
                    "restartPolicy OnFailure: a container that exited non-zero is restarted, so the pod does not complete yet".to_string()
                } else if restarts_failures {
                    format!("the kubelet restarts {} (the container's own restartPolicy, restartPolicyRules first, over the pod's), so the pod does not complete yet", restarted.join(", "))
                } else {
                    "a main container never exits: the pod does not complete and its sidecars keep running".to_string()
                },
                if restarts_failures { SRC_SHOULD_RESTART } else { SRC_PROBE_KILL },
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
        format!("every main container has completed and none is restarted (pod restartPolicy {policy}): the kubelet kills the pod, sidecars last in reverse order, each with terminationGracePeriodSeconds ({spec_g}s, no override)"),
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
        "pod.completed.object",
        "a completed pod is not deleted: the object stays until its Job (ttlSecondsAfterFinished) or the PodGC (terminated-pod-gc-threshold) removes it",
        "pkg/controller/podgc/gc_controller.go",
    ));
    tl.notes.push(note(
        "kubelet.phase.sidecars",
        "sidecar exit codes (often 137 or 143 after their stop) do not count toward Succeeded/Failed",
        SRC_PHASE,
    ));
    finalize(tl)
}

/// A main container exited at `at` matching a restartPolicyRules rule with action
/// RestartAllContainers (RestartAllContainersOnContainerExits, 1.36): the pod gets the
/// condition AllContainersRestarting=True and the kubelet's next SyncPod kills every container
/// still running, one after another, with a grace period of 0 (killContainer skips the preStop
/// hook and gives StopContainer the 2 s minimum; Killing message `killing`): regular containers
/// in spec order, then init containers (sidecars) in spec order. Then it removes every container
/// and starts the pod again from its first init container; the pod never completes
/// (pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions `ContainersToReset`,
/// SyncPod).
fn restart_all_containers(mut tl: Timeline, ctx: &Ctx, at: Ms) -> Timeline {
    let mut exited = Vec::new();
    for (i, m) in ctx.members.iter().enumerate() {
        if m.role != ContainerRole::Container {
            continue;
        }
        let b = ctx.behaviour(&m.name);
        // Exited by the time of the reset: removed, not killed.
        if let Some(ExitAfter::After(t)) = b.exit_after {
            if t > at {
                continue;
            }
            let code = b.exit_code.unwrap_or(0);
            let reason = if code == 0 { "Completed" } else { "Error" };
            exited.push((i, t, code));
            tl.events.push(TimelineEvent {
                t,
                container: m.name.clone(),
                event: EventKind::Exited,
                message: format!("the process exits by itself with code {code} ({reason})"),
            });
        }
    }
    tl.grace_period = Some(0);
    tl.notes.push(note(
        "kubelet.complete.restartAll",
        "a main container exited matching a restartPolicyRules rule with action RestartAllContainers: the pod gets the condition AllContainersRestarting=True (\"container exited with restart policy rule\"); the kubelet kills every container still running one after another (regular containers, then sidecars, in spec order) with a grace period of 0: no preStop hook, StopContainer with the 2s minimum, Killing message \"killing\"; then it removes all containers and starts the pod again from its first init container, so the pod does not complete",
        SRC_RESTART_ALL,
    ));
    // Regular containers first, then init containers, each in spec order.
    let targets = ctx
        .members
        .iter()
        .enumerate()
        .filter(|(i, m)| m.role == ContainerRole::Container && !exited.iter().any(|x| x.0 == *i))
        .chain(
            ctx.members
                .iter()
                .enumerate()
                .filter(|(_, m)| m.role == ContainerRole::Sidecar),
        );
    let mut killed: Vec<Option<Killed>> = vec![None; ctx.members.len()];
    let mut cursor = at;
    let mut sequence: Vec<&str> = Vec::new();
    for (i, m) in targets {
        sequence.push(&m.name);
        let mut input = kill_input(ctx, m, cursor, 0, "killing".into(), Vec::new(), false);
        if m.role == ContainerRole::Container {
            // A main container's exit time is its own, not counted from the signal.
            input.exit_after = input.exit_after.map(|t| t.saturating_sub(cursor));
        }
        let k = kill(&input);
        cursor = k.terminated_at;
        killed[i] = Some(k);
    }
    finish_lanes(&mut tl, ctx, &killed, &exited, cursor);
    // At one instant, a container's stop comes before the next one's kill.
    let rank = |name: &str| {
        sequence
            .iter()
            .position(|n| *n == name)
            .map_or(0, |p| p + 1)
    };
    let mut keyed: Vec<(Ms, usize, usize, TimelineEvent)> = tl
        .events
        .drain(..)
        .enumerate()
        .map(|(i, e)| (e.t, rank(&e.container), i, e))
        .collect();
    crate::small_sort::sort_by(&mut keyed, |a, b| (a.0, a.1, a.2) < (b.0, b.1, b.2));
    tl.events = keyed.into_iter().map(|(_, _, _, e)| e).collect();
    finalize(tl)
}
