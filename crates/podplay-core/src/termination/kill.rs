//! One container's kill, step by step as `killContainer` does it
//! (`pkg/kubelet/kuberuntime/kuberuntime_container.go`): the `Killing` event, the preStop hook
//! bounded by the grace period, the wait for its turn (sidecars), the 2-second floor, then the
//! runtime's stop signal and SIGKILL when the stop timeout runs out.

use super::grace::MINIMUM_STOP_TIMEOUT;
use crate::timeline::{
    capped, seconds_text, secs, Bar, BarKind, EventKind, KubeEvent, Marker, Ms, TimelineEvent,
    SECOND,
};

pub const SRC_KILL: &str = "pkg/kubelet/kuberuntime/kuberuntime_container.go:killContainer";
pub const SRC_PRESTOP: &str = "pkg/kubelet/kuberuntime/kuberuntime_container.go:executePreStopHook";

/// The exit code a runtime reports for a SIGKILLed process (128 + 9).
pub const SIGKILL_EXIT_CODE: i32 = 137;

/// The handler a lifecycle hook (`lifecycle.preStop` / `postStart`) uses: the first of its
/// handler fields that is set (validation allows only one). The kubelet runs `exec`, `httpGet`
/// and `sleep`; it has no `tcpSocket` runner, so such a hook fails at once
/// (pkg/kubelet/lifecycle/handlers.go `Run`).
pub fn hook_handler(hook: &serde_json::Value) -> Option<&'static str> {
    ["exec", "httpGet", "tcpSocket", "sleep"]
        .into_iter()
        .find(|k| hook.get(*k).is_some())
}

/// How a preStop hook run goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HookRun {
    /// Returns successfully after this long.
    Completes(Ms),
    /// Returns an error after this long (`FailedPreStopHook`).
    Fails(Ms),
    /// Never returns.
    Hangs,
}

/// Everything one kill needs.
#[derive(Debug, Clone)]
pub struct KillInput {
    pub name: String,
    pub field_path: String,
    /// When the kill starts.
    pub start: Ms,
    /// The container's grace period in seconds (override or `setTerminationGracePeriod`).
    pub grace: i64,
    /// The `Killing` event's message.
    pub message: String,
    /// The preStop hook: its handler kind (`exec`, `httpGet`, `sleep`, `tcpSocket`) and run.
    pub pre_stop: Option<(String, HookRun)>,
    /// Whether a termination ordering exists (the pod has a sidecar).
    pub ordering: bool,
    /// When each prerequisite's StopContainer returned (sidecars only), with its name.
    pub prerequisites: Vec<(String, Ms)>,
    /// The stop signal the runtime sends (`SIGTERM` unless `lifecycle.stopSignal` says otherwise).
    pub stop_signal: String,
    /// How long the process takes to exit after the stop signal (None: it ignores it).
    pub exit_after: Option<Ms>,
    /// Its exit code when it exits by itself.
    pub exit_code: i32,
}

/// What happened to the container.
#[derive(Debug, Clone, Default)]
pub struct Killed {
    /// The grace period the kill started with.
    pub grace: i64,
    /// The timeout handed to CRI StopContainer (grace left, at least 2).
    pub stop_timeout: i64,
    pub stop_signal_at: Ms,
    pub exited_at: Option<Ms>,
    pub sigkill_at: Option<Ms>,
    /// When StopContainer returned (the container is gone; later sidecars may go).
    pub terminated_at: Ms,
    pub exit_code: i32,
    pub events: Vec<TimelineEvent>,
    pub kube_events: Vec<KubeEvent>,
    pub bars: Vec<Bar>,
    pub markers: Vec<Marker>,
}

impl Killed {
    fn event(&mut self, t: Ms, container: &str, event: EventKind, message: String) {
        self.markers.push(Marker {
            event,
            t,
            label: message.clone(),
        });
        self.events.push(TimelineEvent {
            t,
            container: container.to_string(),
            event,
            message,
        });
    }
}

pub(crate) fn kube_event(
    t: Ms,
    kind: &str,
    reason: &str,
    field_path: &str,
    message: String,
) -> KubeEvent {
    KubeEvent {
        t,
        kind: kind.to_string(),
        reason: reason.to_string(),
        from: "kubelet".to_string(),
        field_path: field_path.to_string(),
        message,
    }
}

/// Runs `killContainer` for one container.
pub fn kill(input: &KillInput) -> Killed {
    let name = input.name.as_str();
    let mut out = Killed {
        grace: input.grace,
        ..Killed::default()
    };
    let mut t = input.start;
    let mut grace = input.grace;

    // The Killing event comes first, before the preStop hook.
    out.event(t, name, EventKind::Killing, input.message.clone());
    out.kube_events.push(kube_event(
        t,
        "Normal",
        "Killing",
        &input.field_path,
        input.message.clone(),
    ));

    // preStop runs only when there is grace left; the kubelet waits at most `grace` seconds
    // and subtracts the whole seconds it waited.
    if let (Some((handler, run)), true) = (&input.pre_stop, grace > 0) {
        let limit = secs(grace as u64);
        out.event(
            t,
            name,
            EventKind::PreStopStarted,
            format!("Running preStop hook ({handler})"),
        );
        let run = &match *run {
            HookRun::Completes(d) => HookRun::Completes(capped(d)),
            HookRun::Fails(d) => HookRun::Fails(capped(d)),
            HookRun::Hangs => HookRun::Hangs,
        };
        let elapsed = match *run {
            HookRun::Completes(d) if d < limit => {
                out.event(
                    t + d,
                    name,
                    EventKind::PreStopFinished,
                    "PreStop hook completed".into(),
                );
                d
            }
            HookRun::Fails(d) if d < limit => {
                hook_failed(&mut out, input, t + d);
                d
            }
            _ => {
                out.event(
                    t + limit,
                    name,
                    EventKind::PreStopTimedOut,
                    format!("PreStop hook not completed in grace period ({grace}s): the kubelet stops waiting for it"),
                );
                if let HookRun::Fails(d) = *run {
                    // The abandoned hook still records its failure when it returns.
                    hook_failed(&mut out, input, t + d);
                }
                limit
            }
        };
        out.bars.push(Bar {
            kind: BarKind::PreStop,
            start: t,
            end: t + elapsed,
            // A hook cut by the grace period goes on in the background.
            ends: matches!(*run, HookRun::Completes(d) | HookRun::Fails(d) if d < limit),
            label: format!("preStop ({handler})"),
        });
        grace -= (elapsed / SECOND) as i64;
        t += elapsed;
    }

    // Sidecars wait for their turn, at most for the grace left.
    if input.ordering && grace > 0 && !input.prerequisites.is_empty() {
        let ready = input
            .prerequisites
            .iter()
            .map(|(_, at)| *at)
            .max()
            .unwrap_or(0);
        let deadline = t + secs(grace as u64);
        let resume = ready.max(t).min(deadline);
        if resume > t {
            let waiting: Vec<&str> = input
                .prerequisites
                .iter()
                .filter(|(_, at)| *at > t)
                .map(|(n, _)| n.as_str())
                .collect();
            out.event(
                t,
                name,
                EventKind::WaitingForTurn,
                format!(
                    "sidecar waits for {} to stop before its own stop signal (at most the {grace}s of grace left)",
                    waiting.join(", ")
                ),
            );
            out.bars.push(Bar {
                kind: BarKind::WaitingForTurn,
                start: t,
                end: resume,
                ends: true,
                label: format!("waiting for {}", waiting.join(", ")),
            });
            grace -= ((resume - t) / SECOND) as i64;
            t = resume;
        }
    }

    // Always a minimal shutdown window, even when the grace period is used up.
    let timeout = grace.max(MINIMUM_STOP_TIMEOUT);
    out.stop_timeout = timeout;
    out.stop_signal_at = t;
    let timeout_ms = secs(timeout as u64);
    let immediate_kill = input.stop_signal == "SIGKILL";
    out.event(
        t,
        name,
        EventKind::StopSignal,
        if immediate_kill {
            "StopContainer: the runtime sends SIGKILL (lifecycle.stopSignal)".to_string()
        } else if grace < MINIMUM_STOP_TIMEOUT {
            format!(
                "StopContainer with timeout {timeout}s: the runtime sends {} (grace left {}s, raised to the 2s minimum)",
                input.stop_signal,
                grace.max(0)
            )
        } else {
            format!("StopContainer with timeout {timeout}s: the runtime sends {}", input.stop_signal)
        },
    );
    let exits = match input.exit_after.map(capped) {
        _ if immediate_kill => None,
        Some(e) if e < timeout_ms => Some(e),
        _ => None,
    };
    match exits {
        Some(e) => {
            let at = t + e;
            out.exited_at = Some(at);
            out.exit_code = input.exit_code;
            out.terminated_at = at;
            let reason = if input.exit_code == 0 {
                "Completed"
            } else {
                "Error"
            };
            out.event(
                at,
                name,
                EventKind::Exited,
                format!(
                    "exited with code {} ({reason}) {}s after {}",
                    input.exit_code,
                    seconds_text(e),
                    input.stop_signal
                ),
            );
            out.bars.push(Bar {
                kind: BarKind::Stopping,
                start: t,
                end: at,
                ends: true,
                label: format!(
                    "{} sent, exits after {}s",
                    input.stop_signal,
                    seconds_text(e)
                ),
            });
        }
        None => {
            let at = if immediate_kill { t } else { t + timeout_ms };
            out.sigkill_at = Some(at);
            out.exit_code = SIGKILL_EXIT_CODE;
            out.terminated_at = at;
            out.event(
                at,
                name,
                EventKind::Sigkill,
                if immediate_kill {
                    "killed at once: exit code 137".to_string()
                } else {
                    format!("still running {timeout}s after {}: the runtime sends SIGKILL (exit code 137)", input.stop_signal)
                },
            );
            out.bars.push(Bar {
                kind: BarKind::Stopping,
                start: t,
                end: at,
                ends: true,
                label: format!("{} sent, SIGKILL after {timeout}s", input.stop_signal),
            });
        }
    }
    out
}

fn hook_failed(out: &mut Killed, input: &KillInput, at: Ms) {
    // The hook's output is left out of the event on purpose (it could hold secrets).
    out.event(
        at,
        &input.name,
        EventKind::FailedPreStopHook,
        "PreStopHook failed".into(),
    );
    out.kube_events.push(kube_event(
        at,
        "Warning",
        "FailedPreStopHook",
        &input.field_path,
        "PreStopHook failed".into(),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(grace: i64, pre_stop: Option<HookRun>, exit_after: Option<Ms>) -> KillInput {
        KillInput {
            name: "app".into(),
            field_path: "spec.containers{app}".into(),
            start: 0,
            grace,
            message: "Stopping container app".into(),
            pre_stop: pre_stop.map(|r| ("exec".to_string(), r)),
            ordering: false,
            prerequisites: Vec::new(),
            stop_signal: "SIGTERM".into(),
            exit_after,
            exit_code: 0,
        }
    }

    /// (grace, preStop, exit after) → (stop timeout, stop signal at, exited at, SIGKILL at).
    #[test]
    fn kill_container_rules() {
        #[allow(clippy::type_complexity)]
        let rows: &[(
            &str,
            i64,
            Option<HookRun>,
            Option<Ms>,
            i64,
            Ms,
            Option<Ms>,
            Option<Ms>,
        )] = &[
            (
                "no hook, exits in time",
                30,
                None,
                Some(1000),
                30,
                0,
                Some(1000),
                None,
            ),
            (
                "no hook, ignores SIGTERM",
                30,
                None,
                None,
                30,
                0,
                None,
                Some(30_000),
            ),
            (
                "hook 3s of 10: timeout 7",
                10,
                Some(HookRun::Completes(3000)),
                Some(1000),
                7,
                3000,
                Some(4000),
                None,
            ),
            // The seeds' example: grace 60, preStop 55 s, 10 s to stop → SIGKILL at 60.
            (
                "docs example 60/55/10",
                60,
                Some(HookRun::Completes(55_000)),
                Some(10_000),
                5,
                55_000,
                None,
                Some(60_000),
            ),
            (
                "hook uses the whole grace: 2s floor",
                5,
                Some(HookRun::Completes(5000)),
                Some(1000),
                2,
                5000,
                Some(6000),
                None,
            ),
            (
                "hook hangs: 2s floor after grace",
                10,
                Some(HookRun::Hangs),
                None,
                2,
                10_000,
                None,
                Some(12_000),
            ),
            (
                "hook leaves 1s: raised to 2",
                10,
                Some(HookRun::Completes(9000)),
                None,
                2,
                9000,
                None,
                Some(11_000),
            ),
            (
                "fractional hook time truncates",
                10,
                Some(HookRun::Completes(3700)),
                None,
                7,
                3700,
                None,
                Some(10_700),
            ),
            (
                "hook fails fast: full grace left",
                10,
                Some(HookRun::Fails(0)),
                Some(1000),
                10,
                0,
                Some(1000),
                None,
            ),
            (
                "force delete: grace 1, then 2s",
                1,
                None,
                None,
                2,
                0,
                None,
                Some(2000),
            ),
            (
                "grace 0: no preStop at all",
                0,
                Some(HookRun::Hangs),
                None,
                2,
                0,
                None,
                Some(2000),
            ),
            (
                "exit exactly at the timeout is a SIGKILL",
                5,
                None,
                Some(5000),
                5,
                0,
                None,
                Some(5000),
            ),
        ];
        for (name, grace, hook, exit, timeout, signal, exited, killed) in rows {
            let k = kill(&input(*grace, *hook, *exit));
            assert_eq!(k.stop_timeout, *timeout, "{name}: timeout");
            assert_eq!(k.stop_signal_at, *signal, "{name}: signal");
            assert_eq!(k.exited_at, *exited, "{name}: exited");
            assert_eq!(k.sigkill_at, *killed, "{name}: SIGKILL");
            assert_eq!(
                k.exit_code,
                if killed.is_some() { 137 } else { 0 },
                "{name}: code"
            );
        }
    }

    #[test]
    fn events_in_order_with_kubernetes_messages() {
        let k = kill(&input(10, Some(HookRun::Fails(2000)), Some(1000)));
        let kinds: Vec<EventKind> = k.events.iter().map(|e| e.event).collect();
        assert_eq!(
            kinds,
            [
                EventKind::Killing,
                EventKind::PreStopStarted,
                EventKind::FailedPreStopHook,
                EventKind::StopSignal,
                EventKind::Exited
            ]
        );
        let kube: Vec<(&str, &str, &str)> = k
            .kube_events
            .iter()
            .map(|e| (e.kind.as_str(), e.reason.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(
            kube,
            [
                ("Normal", "Killing", "Stopping container app"),
                ("Warning", "FailedPreStopHook", "PreStopHook failed")
            ]
        );
        assert_eq!(k.stop_timeout, 8);
    }

    #[test]
    fn abandoned_failing_hook_still_reports_its_failure() {
        let k = kill(&input(4, Some(HookRun::Fails(6000)), Some(1000)));
        let at: Vec<(EventKind, Ms)> = k.events.iter().map(|e| (e.event, e.t)).collect();
        assert!(at.contains(&(EventKind::PreStopTimedOut, 4000)));
        assert!(at.contains(&(EventKind::FailedPreStopHook, 6000)));
        assert_eq!(k.stop_signal_at, 4000);
        assert_eq!(k.stop_timeout, 2);
    }

    #[test]
    fn sidecar_waits_for_its_turn_within_its_own_grace() {
        let mut i = input(10, None, None);
        i.ordering = true;
        // The main container stops at 4 s: the sidecar waits 4 s and keeps 6.
        i.prerequisites = vec![("main".into(), 4000)];
        let k = kill(&i);
        assert_eq!((k.stop_signal_at, k.stop_timeout), (4000, 6));
        assert_eq!(k.sigkill_at, Some(10_000));
        // The main container is SIGKILLed at 10 s: the wait ends with the grace, 2 s floor.
        i.prerequisites = vec![("main".into(), 10_000)];
        let k = kill(&i);
        assert_eq!((k.stop_signal_at, k.stop_timeout), (10_000, 2));
        assert_eq!(k.sigkill_at, Some(12_000));
        // A later sidecar still stopping at 12 s: the wait is capped at the grace (10 s).
        i.prerequisites = vec![("main".into(), 10_000), ("s2".into(), 12_000)];
        let k = kill(&i);
        assert_eq!((k.stop_signal_at, k.stop_timeout), (10_000, 2));
    }

    #[test]
    fn stop_signal_sigkill_kills_at_once() {
        let mut i = input(30, None, Some(1000));
        i.stop_signal = "SIGKILL".into();
        let k = kill(&i);
        assert_eq!((k.sigkill_at, k.exit_code), (Some(0), 137));
    }
}
