//! COMPUTED BY KUBERNETES: outputs from a local build of the real v1.36.2 tree (see the file header)
//!
//! Termination variants checked release by release against local builds of the real
//! Kubernetes trees (v1.36.2, v1.35.2, v1.34.2, v1.33.5; the same toolchain as
//! `tests/conformance/`), each with its own default feature gates: the kubelet's kill path
//! (`killPodWithSyncResult` -> `killContainer` with the real lifecycle handler runner and
//! termination ordering over a fake container runtime on a `testing/synctest` clock) and
//! `podutil.ContainerShouldRestart` (pkg/api/v1/pod/util.go), during a differential run against
//! `podplay timeline --kubernetes-version 1.X`. Each row is a place where podplay differed.

use podplay_core::options::Options;
use podplay_core::report::build;
use podplay_core::termination::{Behaviour, ExitAfter, Scenario};
use podplay_core::timeline::{TimelineOptions, SECOND};
use podplay_core::versions::Version;

/// A pod whose main container `app` has `restartPolicy: Never` of its own and one rule, next
/// to a sidecar `proxy` that never exits by itself.
fn pod(pod_policy: &str, rule: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: rac\nspec:\n  restartPolicy: {pod_policy}\n  terminationGracePeriodSeconds: 10\n  initContainers:\n  - name: proxy\n    image: busybox:1.36\n    restartPolicy: Always\n  containers:\n  - name: app\n    image: nginx:1.25\n    restartPolicy: Never\n    restartPolicyRules:\n{rule}"
    )
}

const ALL_ON_42: &str = "    - action: RestartAllContainers\n      exitCodes:\n        operator: In\n        values: [42]\n";
const ALL_BUT_0: &str = "    - action: RestartAllContainers\n      exitCodes:\n        operator: NotIn\n        values: [0]\n";

/// Job completion (`--scenario complete`) in 1.36: app exits by itself at 3 s with `code`.
/// `podutil.ContainerShouldRestart` (v1.36.2, RestartAllContainersOnContainerExits beta on):
/// a matching `RestartAllContainers` rule restarts the container (and the pod's others), so
/// the pod does not complete (None); no match falls back to app's Never: the kubelet kills the
/// sidecar with the pod's 10 s and the phase follows the exit code.
/// (pod policy, rule, app exit code) -> None or (phase, proxy stop signal at, stop timeout).
#[allow(clippy::type_complexity)]
const COMPLETE_136: &[(&str, &str, i32, Option<(&str, u64, i64)>)] = &[
    ("Always", ALL_ON_42, 42, None),
    ("OnFailure", ALL_ON_42, 42, None),
    ("Never", ALL_ON_42, 42, None),
    ("Never", ALL_BUT_0, 1, None),
    ("Always", ALL_BUT_0, 42, None),
    // No match: app's own Never.
    ("Never", ALL_ON_42, 1, Some(("Failed", 3, 10))),
    ("Always", ALL_BUT_0, 0, Some(("Succeeded", 3, 10))),
];

fn complete(version: Version, text: &str, code: i32) -> podplay_core::termination::Timeline {
    let mut options = Options::new(version);
    options.timeline = TimelineOptions {
        scenario: Scenario::Complete,
        stop: vec![
            (
                "app".to_string(),
                Behaviour {
                    pre_stop: None,
                    exit_after: Some(ExitAfter::After(3 * SECOND)),
                    exit_code: Some(code),
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
    build(text, &options)
        .views
        .termination
        .expect("a termination view")
}

#[test]
fn restart_all_containers_rule_keeps_the_pod_from_completing_in_1_36() {
    let mut failures = Vec::new();
    for (pod_policy, rule, code, want) in COMPLETE_136 {
        let name = format!("pod {pod_policy}, rule {rule:?}, exit {code}");
        let tl = complete(Version::new(1, 36), &pod(pod_policy, rule), *code);
        let proxy = tl.lanes.iter().find(|l| l.container == "proxy").unwrap();
        let got = tl.phase.as_deref().map(|phase| {
            (
                phase,
                proxy.stop_signal_at.unwrap_or(0) / SECOND,
                proxy.stop_timeout.unwrap_or(0),
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
