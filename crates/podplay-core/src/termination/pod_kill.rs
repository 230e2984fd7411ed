//! Killing several containers at once (`killContainersWithSyncResult`) and turning the kills
//! into lanes, events, the stop order and the terminal phase.

use super::*;
use crate::pod_json::Pointer;
pub(super) fn kill_input(
    ctx: &Ctx,
    m: &Member,
    start: Ms,
    grace: i64,
    message: String,
    prerequisites: Vec<(String, Ms)>,
    ordering: bool,
) -> KillInput {
    let b = ctx.behaviour(&m.name);
    let pre_stop = m.spec.at("/lifecycle/preStop").and_then(|h| {
        let handler = kill::hook_handler(h)?;
        let run = match handler {
            "sleep" => HookRun::Completes(secs(
                h.at("/sleep/seconds").and_then(Value::as_u64).unwrap_or(0),
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
    let stop_signal = match m.spec.at("/lifecycle/stopSignal").and_then(Value::as_str) {
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
pub(super) fn kill_pod(
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
pub(super) fn kill_running(
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

/// The plain stop: every running container is killed from 0 s with `grace` seconds and the
/// kubelet's `Stopping container <name>` message, then the pod takes its terminal phase from
/// the exit codes. Returns when the last container stopped.
pub(super) fn stop_pod_to_terminal_phase(tl: &mut Timeline, ctx: &Ctx, grace: i64) -> Ms {
    let killed = kill_pod(
        tl,
        ctx,
        0,
        |_| grace,
        |m| format!("Stopping container {}", m.name),
    );
    let end = finish_kill(tl, ctx, &killed);
    let phase = terminal_phase(ctx, &killed);
    tl.pod_event(
        end,
        EventKind::PodTerminal,
        phase_message(&phase, ctx, &killed),
    );
    tl.phase = Some(phase);
    end
}

/// Builds the lanes, the events and the stop order from the kills; returns when the last
/// container stopped.
pub(super) fn finish_kill(tl: &mut Timeline, ctx: &Ctx, killed: &[Option<Killed>]) -> Ms {
    let end = killed
        .iter()
        .flatten()
        .map(|k| k.terminated_at)
        .max()
        .unwrap_or(0);
    finish_lanes(tl, ctx, killed, &[], end);
    end
}

pub(super) fn finish_lanes(
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

pub(super) fn running_bar(start: Ms, end: Ms) -> Bar {
    Bar {
        kind: BarKind::Running,
        start,
        end,
        ends: true,
        label: "running".into(),
    }
}

/// `getPhase` for a pod being deleted: Succeeded iff every regular container exited 0.
pub(super) fn terminal_phase(ctx: &Ctx, killed: &[Option<Killed>]) -> String {
    let all_zero = ctx
        .members
        .iter()
        .zip(killed)
        .filter(|(m, _)| m.role == ContainerRole::Container)
        .all(|(_, k)| k.as_ref().is_none_or(|k| k.exit_code == 0));
    if all_zero { "Succeeded" } else { "Failed" }.to_string()
}

pub(super) fn phase_message(phase: &str, ctx: &Ctx, killed: &[Option<Killed>]) -> String {
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
