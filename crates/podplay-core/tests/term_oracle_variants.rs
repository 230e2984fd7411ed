//! COMPUTED BY KUBERNETES: outputs from a local build of the real v1.36.2 tree (see the file header)
//!
//! Variants of the `termination/` conformance cases checked against Kubernetes v1.36.2's own
//! kubelet code, built locally on the same tree and toolchain as
//! `tests/conformance/k8s-1.36/termination`: `killPodWithSyncResult` -> `killContainer` with
//! the real lifecycle handler runner and termination ordering over a fake container runtime on
//! a fake clock (a `testing/synctest` bubble), the kill chosen as `computePodActions` and
//! `podutil.ContainerShouldRestart` choose it, during a differential run against
//! `podplay timeline`. Each row is a place where podplay differed.

use podplay_core::options::Options;
use podplay_core::report::build;
use podplay_core::termination::{Behaviour, ExitAfter, Scenario};
use podplay_core::timeline::{TimelineOptions, SECOND};
use podplay_core::versions::Version;

/// A pod whose main container `app` has its own `restartPolicy` (ContainerRestartRules, on
/// from 1.35) next to the pod's, and a sidecar `proxy` that never exits by itself.
fn pod(pod_policy: &str, app_policy: &str, rules: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: crr\nspec:\n  restartPolicy: {pod_policy}\n  terminationGracePeriodSeconds: 10\n  initContainers:\n  - name: proxy\n    image: busybox:1.36\n    restartPolicy: Always\n  containers:\n  - name: app\n    image: nginx:1.25\n    restartPolicy: {app_policy}\n{rules}"
    )
}

const RESTART_ON_42: &str = "    restartPolicyRules:\n    - action: Restart\n      exitCodes:\n        operator: In\n        values: [42]\n";

/// Job completion (`--scenario complete`): app exits by itself at 3 s with `code`. Either the
/// kubelet restarts it (no kill, no phase) or it kills the pod: the sidecar gets
/// StopContainer with the pod's 10 s (no override) and SIGKILL, and the phase follows app's
/// exit code. (pod policy, app policy, rules, app exit code) -> None or (phase, proxy stop
/// signal at, stop timeout, SIGKILL at) in seconds.
#[allow(clippy::type_complexity)]
const COMPLETE: &[(&str, &str, &str, i32, Option<(&str, u64, i64, u64)>)] = &[
    // The container's Never wins over the pod's Always: the pod completes.
    ("Always", "Never", "", 1, Some(("Failed", 3, 10, 13))),
    ("Always", "Never", "", 0, Some(("Succeeded", 3, 10, 13))),
    // The container's Always wins over the pod's Never: app is restarted.
    ("Never", "Always", "", 0, None),
    // OnFailure on the container: restarted on 1, not on 0.
    ("Never", "OnFailure", "", 1, None),
    ("Never", "OnFailure", "", 0, Some(("Succeeded", 3, 10, 13))),
    // A matching Restart rule comes first; another exit code falls back to Never.
    ("Never", "Never", RESTART_ON_42, 42, None),
    (
        "Never",
        "Never",
        RESTART_ON_42,
        1,
        Some(("Failed", 3, 10, 13)),
    ),
];

#[test]
fn job_completion_follows_container_restart_policy() {
    let mut failures = Vec::new();
    for (pod_policy, app_policy, rules, code, want) in COMPLETE {
        let name = format!("pod {pod_policy}, app {app_policy} {rules:?}, exit {code}");
        let mut options = Options::new(Version::new(1, 36));
        options.timeline = TimelineOptions {
            scenario: Scenario::Complete,
            stop: vec![
                (
                    "app".to_string(),
                    Behaviour {
                        pre_stop: None,
                        exit_after: Some(ExitAfter::After(3 * SECOND)),
                        exit_code: Some(*code),
                    },
                ),
                (
                    "proxy".to_string(),
                    Behaviour {
                        pre_stop: None,
                        exit_after: Some(ExitAfter::Never),
                        exit_code: None,
                    },
                ),
            ],
            start: Vec::new(),
        };
        let report = build(&pod(pod_policy, app_policy, rules), &options);
        let Some(tl) = report.views.termination else {
            failures.push(format!("{name}: no termination view"));
            continue;
        };
        let proxy = tl.lanes.iter().find(|l| l.container == "proxy").unwrap();
        let got = tl.phase.as_deref().map(|phase| {
            (
                phase,
                proxy.stop_signal_at.unwrap_or(0) / SECOND,
                proxy.stop_timeout.unwrap_or(0),
                proxy.sigkill_at.unwrap_or(0) / SECOND,
            )
        });
        if tl.error.is_some() || got != *want {
            failures.push(format!(
                "{name}: got {got:?} (error {:?}), want {want:?}",
                tl.error
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
