//! A liveness-probe failure: the container alone is killed with the probe's (or the pod's)
//! grace period and restarted, or the whole pod when nothing is left to run.

use super::pod_kill::{finish_kill, kill_input, stop_pod_to_terminal_phase};
use super::*;
use crate::reference::Reference;
/// The pod whose probe fails, and its IP (the simulated one: a tcpSocket probe dials it).
pub(super) struct Probe<'a> {
    pub pod: &'a Value,
    pub pod_ip: &'a str,
}

pub(super) fn liveness(
    mut tl: Timeline,
    ctx: &Ctx,
    target: Option<&str>,
    probe_of: Probe,
    spec_grace: Option<i64>,
    version: Version,
) -> Timeline {
    let pod = probe_of.pod;
    let found = match target {
        Some(t) => ctx.members.iter().position(|m| m.name == t),
        None => ctx
            .members
            .iter()
            .position(|m| m.role != ContainerRole::Init && m.spec.get("livenessProbe").is_some()),
    };
    let Some(index) = found else {
        return tl.fail(match target {
            Some(t) => format!("the pod has no container named {}", go_quote(t)),
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
    let unhealthy = format!(
        "Liveness probe failed: {}",
        probe_failure_output(probe, probe_of.pod_ip)
    );
    if probe
        .at("/tcpSocket/host")
        .and_then(Value::as_str)
        .unwrap_or("")
        .is_empty()
        && probe.get("tcpSocket").is_some()
    {
        tl.notes.push(note(
            "termination.probe.podIp",
            format!("the tcpSocket probe dials the pod IP, {} here: simulated (cluster settings → Simulated values)", probe_of.pod_ip),
            "pkg/probe/tcp/tcp.go:DoTCPProbe",
        ));
    }
    if probe.get("exec").is_some() {
        tl.notes.push(note(
            "termination.probe.execOutput",
            "<command output> stands for what the probe's command printed (stdout and stderr together): the kubelet puts it after \"Liveness probe failed: \", and it is empty when the command printed nothing",
            "pkg/kubelet/prober/prober.go:probe; pkg/probe/exec/exec.go (CombinedOutput)",
        ));
    }
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
        stop_pod_to_terminal_phase(&mut tl, ctx, g);
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
    // computePodActions (pkg/kubelet/kuberuntime/kuberuntime_manager.go) words a container's
    // kill "Container X failed liveness probe[, will be restarted]"; a sidecar's comes from
    // computeInitContainerActions (kuberuntime_container.go): "Init container X failed
    // liveness probe", never with the suffix (a sidecar is always restarted).
    let message = if member.role == ContainerRole::Sidecar {
        format!("Init container {target} failed liveness probe")
    } else if restart {
        format!("Container {target} failed liveness probe, will be restarted")
    } else {
        format!("Container {target} failed liveness probe")
    };
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

/// What a failing probe of this kind typically reports. A tcpSocket probe dials its `host`,
/// else the pod's IP (`pod_ip`: simulated, the cluster settings'), as
/// pkg/probe/tcp/tcp.go:DoTCPProbe reports a refused connection.
pub(super) fn probe_failure_output(probe: &Value, pod_ip: &str) -> String {
    if probe.get("httpGet").is_some() {
        "HTTP probe failed with statuscode: 500".into()
    } else if let Some(t) = probe.get("tcpSocket") {
        let port = t.get("port").map(|p| match p {
            Value::String(s) => s.clone(),
            other => crate::go::json::compact(other),
        });
        let host = match t.get("host").and_then(Value::as_str) {
            Some(h) if !h.is_empty() => h,
            _ => pod_ip,
        };
        // net.JoinHostPort: an IPv6 address goes in brackets.
        let host = if host.contains(':') {
            format!("[{host}]")
        } else {
            host.to_string()
        };
        format!(
            "dial tcp {host}:{}: connect: connection refused",
            port.unwrap_or_default()
        )
    } else if probe.get("grpc").is_some() {
        "service unhealthy (responded with \"NOT_SERVING\")".into()
    } else {
        "<command output>".into()
    }
}

pub(super) fn restart_container(
    tl: &mut Timeline,
    member: &Member,
    index: usize,
    at: Ms,
    version: Version,
) {
    let image = str_at(member.spec, "/image");
    let policy = match str_at(member.spec, "/imagePullPolicy") {
        "" => "IfNotPresent",
        p => p,
    };
    let plan = images::kubelet_pull(
        &Reference::parse(image),
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
