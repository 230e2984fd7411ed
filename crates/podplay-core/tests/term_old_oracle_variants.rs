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

/// A pod reset by RestartAllContainers (1.36): app exits at 2 s with 42, matching its rule.
/// The real SyncPod's `ContainersToReset` loop, run by the oracle: each container still
/// running, regular ones then init ones in spec order, is killed one after another with
/// `killContainer(..., "killing", reasonRestartAllContainers, &0, nil)`: no preStop hook (web's
/// sleep and s1's exec are skipped), StopContainer with timeout 2; s1 exits 1 s after its
/// signal, web and s2 ignore it (SIGKILL). The pod never gets a phase.
const RESET_POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: reset\nspec:\n  restartPolicy: Never\n  terminationGracePeriodSeconds: 30\n  initContainers:\n  - name: s1\n    image: busybox:1.36\n    restartPolicy: Always\n    lifecycle:\n      preStop:\n        exec:\n          command: [drain]\n  - name: init0\n    image: busybox:1.36\n  - name: s2\n    image: busybox:1.36\n    restartPolicy: Always\n  containers:\n  - name: app\n    image: nginx:1.25\n    restartPolicy: Never\n    restartPolicyRules:\n    - action: RestartAllContainers\n      exitCodes:\n        operator: In\n        values: [42]\n  - name: web\n    image: nginx:1.25\n    lifecycle:\n      preStop:\n        sleep:\n          seconds: 3\n";

/// (container, Killing "killing" and StopContainer at, timeout, SIGKILL at, exited at, exit
/// code), times in seconds, as the oracle recorded them (plus app's 2 s).
#[allow(clippy::type_complexity)]
const RESET_LANES: &[(&str, u64, i64, Option<u64>, Option<u64>, i32)] = &[
    ("web", 2, 2, Some(4), None, 137),
    ("s1", 4, 2, None, Some(5), 0),
    ("s2", 5, 2, Some(7), None, 137),
];

#[test]
fn restart_all_containers_kills_the_others_one_by_one_without_grace() {
    let mut options = Options::new(Version::new(1, 36));
    let behaviour = |pre_stop, exit_after, exit_code| Behaviour {
        pre_stop,
        exit_after: Some(exit_after),
        exit_code,
    };
    options.timeline = TimelineOptions {
        scenario: Scenario::Complete,
        stop: vec![
            (
                "app".to_string(),
                behaviour(None, ExitAfter::After(2 * SECOND), Some(42)),
            ),
            ("web".to_string(), behaviour(None, ExitAfter::Never, None)),
            (
                "s1".to_string(),
                behaviour(
                    Some(podplay_core::termination::PreStop::Takes(5 * SECOND)),
                    ExitAfter::After(SECOND),
                    None,
                ),
            ),
            ("s2".to_string(), behaviour(None, ExitAfter::Never, None)),
        ],
        start: Vec::new(),
    };
    let tl = build(RESET_POD, &options)
        .views
        .termination
        .expect("a termination view");
    assert_eq!(tl.error, None);
    assert_eq!(tl.phase, None);
    let mut failures = Vec::new();
    for (name, stop_at, timeout, sigkill, exited, code) in RESET_LANES {
        let lane = tl.lanes.iter().find(|l| l.container == *name).unwrap();
        let got = (
            lane.stop_signal_at.map(|t| t / SECOND),
            lane.stop_timeout,
            lane.sigkill_at.map(|t| t / SECOND),
            lane.exited_at.map(|t| t / SECOND),
            lane.exit_code,
        );
        let want = (
            Some(*stop_at),
            Some(*timeout),
            *sigkill,
            *exited,
            Some(*code),
        );
        if got != want {
            failures.push(format!("{name}: got {got:?}, want {want:?}"));
        }
    }
    let killing: Vec<(u64, String, String)> = tl
        .kube_events
        .iter()
        .filter(|e| e.reason == "Killing" || e.reason == "FailedPreStopHook")
        .map(|e| (e.t / SECOND, e.field_path.clone(), e.message.clone()))
        .collect();
    let want: Vec<(u64, String, String)> = [
        (2, "spec.containers{web}"),
        (4, "spec.initContainers{s1}"),
        (5, "spec.initContainers{s2}"),
    ]
    .iter()
    .map(|(t, path)| (*t, path.to_string(), "killing".to_string()))
    .collect();
    if killing != want {
        failures.push(format!("events: got {killing:?}, want {want:?}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
