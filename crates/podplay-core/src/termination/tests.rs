//! Scenario-level rules, one case each, with exact expected times (seconds).

use super::*;
use crate::timeline::SECOND;
use serde_json::json;

fn pod(spec: Value) -> Value {
    let mut spec = spec;
    if spec.get("terminationGracePeriodSeconds").is_none() {
        spec["terminationGracePeriodSeconds"] = json!(30);
    }
    json!({"metadata": {"name": "p", "namespace": "default"}, "spec": spec})
}

fn app(extra: Value) -> Value {
    let mut c = json!({"name": "app", "image": "nginx:1.25"});
    for (k, v) in extra.as_object().unwrap() {
        c[k] = v.clone();
    }
    c
}

fn b(
    pre_stop: Option<PreStop>,
    exit_after: Option<ExitAfter>,
    exit_code: Option<i32>,
) -> Behaviour {
    Behaviour {
        pre_stop,
        exit_after,
        exit_code,
    }
}

fn s(n: u64) -> Ms {
    n * SECOND
}

fn delete(grace_period: i64, now: bool, force: bool) -> Scenario {
    Scenario::Delete(DeleteFlags {
        grace_period,
        now,
        force,
    })
}

fn lane<'a>(tl: &'a Timeline, name: &str) -> &'a Lane {
    tl.lanes.iter().find(|l| l.container == name).unwrap()
}

fn run(p: &Value, sc: &Scenario, bs: &[(&str, Behaviour)]) -> Timeline {
    let bs: Vec<(String, Behaviour)> = bs.iter().map(|(n, b)| (n.to_string(), *b)).collect();
    timeline(p, sc, &bs, "node-1", "10.244.1.23", Version::new(1, 36))
}

fn kinds(tl: &Timeline, container: &str) -> Vec<EventKind> {
    tl.events
        .iter()
        .filter(|e| e.container == container)
        .map(|e| e.event)
        .collect()
}

#[test]
fn docs_example_grace_60_prestop_55_stop_10_is_killed_at_60() {
    let p = pod(json!({"terminationGracePeriodSeconds": 60,
        "containers": [app(json!({"lifecycle": {"preStop": {"exec": {"command": ["save"]}}}}))]}));
    let tl = run(
        &p,
        &delete(-1, false, false),
        &[(
            "app",
            b(
                Some(PreStop::Takes(s(55))),
                Some(ExitAfter::After(s(10))),
                Some(0),
            ),
        )],
    );
    let l = lane(&tl, "app");
    assert_eq!(tl.grace_period, Some(60));
    assert_eq!(l.stop_signal_at, Some(s(55)));
    assert_eq!(l.stop_timeout, Some(5));
    assert_eq!(l.sigkill_at, Some(s(60)));
    assert_eq!(l.exit_code, Some(137));
    assert_eq!(tl.phase.as_deref(), Some("Failed"));
    assert_eq!(tl.object_removed_at, Some(s(60)));
    assert_eq!(
        kinds(&tl, "app"),
        [
            EventKind::Killing,
            EventKind::PreStopStarted,
            EventKind::PreStopFinished,
            EventKind::StopSignal,
            EventKind::Sigkill
        ]
    );
    let pod_events: Vec<EventKind> = tl
        .events
        .iter()
        .filter(|e| e.container.is_empty())
        .map(|e| e.event)
        .collect();
    assert_eq!(
        pod_events,
        [
            EventKind::DeleteRequested,
            EventKind::EndpointNotReady,
            EventKind::PodTerminal,
            EventKind::ObjectRemoved
        ]
    );
}

#[test]
fn force_delete_removes_the_object_at_once_but_still_sigterm_then_sigkill_2s_later() {
    let p = pod(
        json!({"containers": [app(json!({"lifecycle": {"preStop": {"sleep": {"seconds": 20}}}}))]}),
    );
    let tl = run(
        &p,
        &delete(0, false, true),
        &[("app", b(None, Some(ExitAfter::Never), None))],
    );
    assert_eq!(tl.scenario, "force");
    assert_eq!(tl.deletion_grace_period_seconds, Some(0));
    assert_eq!(tl.grace_period, Some(1));
    assert_eq!(tl.object_removed_at, Some(0));
    let l = lane(&tl, "app");
    // preStop limited to the 1 s grace, then the 2 s minimum.
    assert_eq!(l.stop_signal_at, Some(s(1)));
    assert_eq!(l.sigkill_at, Some(s(3)));
    let k = tl.kubectl.as_ref().unwrap();
    assert_eq!(
        k.command,
        ["kubectl", "delete", "pod/p", "--grace-period=0", "--force"]
    );
    assert_eq!(k.stdout, "pod \"p\" force deleted from default namespace");
    assert!(k
        .stderr
        .starts_with("Warning: Immediate deletion does not wait"));
    // Without a preStop: SIGTERM at 0, SIGKILL at 2.
    let p = pod(json!({"containers": [app(json!({}))]}));
    let tl = run(
        &p,
        &delete(-1, false, true),
        &[("app", b(None, Some(ExitAfter::Never), None))],
    );
    let l = lane(&tl, "app");
    assert_eq!((l.stop_signal_at, l.sigkill_at), (Some(0), Some(s(2))));
}

#[test]
fn kubectl_grace_zero_without_force_and_now_become_one() {
    let p = pod(json!({"containers": [app(json!({}))]}));
    for sc in [delete(0, false, false), delete(-1, true, false)] {
        let tl = run(&p, &sc, &[("app", b(None, Some(ExitAfter::Never), None))]);
        assert_eq!(tl.deletion_grace_period_seconds, Some(1), "{sc:?}");
        assert_eq!(
            tl.object_removed_at,
            Some(s(2)),
            "{sc:?}: graceful, removed by the kubelet"
        );
        assert_eq!(lane(&tl, "app").sigkill_at, Some(s(2)), "{sc:?}");
    }
}

#[test]
fn kubectl_refusals_are_shown_instead_of_a_timeline() {
    let p = pod(json!({"containers": [app(json!({}))]}));
    let tl = run(&p, &delete(5, false, true), &[]);
    assert_eq!(
        tl.error.as_deref(),
        Some("error: --force and --grace-period greater than 0 cannot be specified together")
    );
    assert!(tl.events.is_empty());
}

#[test]
fn each_container_counts_its_own_grace() {
    // Two containers with different preStop times: each subtracts its own.
    let hook = json!({"lifecycle": {"preStop": {"exec": {"command": ["x"]}}}});
    let mut other = app(hook.clone());
    other["name"] = json!("other");
    let p = pod(json!({"terminationGracePeriodSeconds": 10, "containers": [app(hook), other]}));
    let tl = run(
        &p,
        &delete(-1, false, false),
        &[
            (
                "app",
                b(Some(PreStop::Takes(s(2))), Some(ExitAfter::Never), None),
            ),
            (
                "other",
                b(Some(PreStop::Takes(s(9))), Some(ExitAfter::Never), None),
            ),
        ],
    );
    assert_eq!(lane(&tl, "app").stop_timeout, Some(8));
    assert_eq!(lane(&tl, "app").sigkill_at, Some(s(10)));
    assert_eq!(lane(&tl, "other").stop_timeout, Some(2));
    assert_eq!(lane(&tl, "other").sigkill_at, Some(s(11)));
    assert_eq!(
        tl.stop_groups,
        [vec!["app".to_string()], vec!["other".to_string()]]
    );
}

#[test]
fn sidecars_stop_after_mains_in_reverse_order_with_their_prestop_at_the_start() {
    let p = pod(json!({"terminationGracePeriodSeconds": 30,
        "initContainers": [
            {"name": "s1", "image": "b", "restartPolicy": "Always",
             "lifecycle": {"preStop": {"sleep": {"seconds": 5}}}},
            {"name": "s2", "image": "b", "restartPolicy": "Always"}
        ],
        "containers": [app(json!({}))]}));
    let tl = run(
        &p,
        &delete(-1, false, false),
        &[
            ("app", b(None, Some(ExitAfter::After(s(3))), Some(0))),
            ("s2", b(None, Some(ExitAfter::After(s(1))), Some(0))),
            ("s1", b(None, Some(ExitAfter::After(s(1))), Some(0))),
        ],
    );
    // s1's preStop starts at 0 with everyone's Killing event.
    assert!(tl
        .events
        .iter()
        .any(|e| e.t == 0 && e.container == "s1" && e.event == EventKind::PreStopStarted));
    assert_eq!(lane(&tl, "app").exited_at, Some(s(3)));
    // s2 waits for app (3 s), s1 for s2 (4 s; its 5 s preStop ends later, so no wait).
    assert_eq!(lane(&tl, "s2").stop_signal_at, Some(s(3)));
    assert_eq!(lane(&tl, "s2").stop_timeout, Some(27));
    assert_eq!(lane(&tl, "s1").stop_signal_at, Some(s(5)));
    assert_eq!(lane(&tl, "s1").stop_timeout, Some(25));
    assert_eq!(tl.order, ["app", "s2", "s1"]);
    assert!(kinds(&tl, "s2").contains(&EventKind::WaitingForTurn));
    assert!(!kinds(&tl, "s1").contains(&EventKind::WaitingForTurn));
    assert_eq!(tl.phase.as_deref(), Some("Succeeded"));
}

#[test]
fn exit_codes_decide_the_phase_and_sidecars_do_not_count() {
    let p = pod(
        json!({"initContainers": [{"name": "proxy", "image": "b", "restartPolicy": "Always"}],
        "containers": [app(json!({}))]}),
    );
    let tl = run(
        &p,
        &delete(-1, false, false),
        &[
            ("app", b(None, Some(ExitAfter::After(s(1))), Some(143))),
            ("proxy", b(None, Some(ExitAfter::After(s(1))), Some(0))),
        ],
    );
    assert_eq!(tl.phase.as_deref(), Some("Failed"));
    let tl = run(
        &p,
        &delete(-1, false, false),
        &[
            ("app", b(None, Some(ExitAfter::After(s(1))), Some(0))),
            ("proxy", b(None, Some(ExitAfter::Never), None)),
        ],
    );
    assert_eq!(lane(&tl, "proxy").exit_code, Some(137));
    assert_eq!(tl.phase.as_deref(), Some("Succeeded"));
}

#[test]
fn hanging_and_failing_hooks() {
    let p = pod(json!({"terminationGracePeriodSeconds": 10,
        "containers": [app(json!({"lifecycle": {"preStop": {"httpGet": {"port": 80}}}}))]}));
    let tl = run(
        &p,
        &delete(-1, false, false),
        &[("app", b(Some(PreStop::Hangs), None, None))],
    );
    let l = lane(&tl, "app");
    assert_eq!(
        (l.stop_signal_at, l.stop_timeout, l.exited_at),
        (Some(s(10)), Some(2), Some(s(10)))
    );
    assert!(kinds(&tl, "app").contains(&EventKind::PreStopTimedOut));
    assert!(!l.bars[0].ends, "the hung hook goes on");
    let tl = run(
        &p,
        &delete(-1, false, false),
        &[("app", b(Some(PreStop::Fails(s(2))), None, None))],
    );
    let l = lane(&tl, "app");
    assert_eq!((l.stop_signal_at, l.stop_timeout), (Some(s(2)), Some(8)));
    let warning = tl
        .kube_events
        .iter()
        .find(|e| e.reason == "FailedPreStopHook")
        .unwrap();
    assert_eq!(
        (warning.t, warning.kind.as_str(), warning.message.as_str()),
        (s(2), "Warning", "PreStopHook failed")
    );
    // tcpSocket hooks are accepted by the API but the kubelet cannot run them: they fail at once.
    let p = pod(
        json!({"containers": [app(json!({"lifecycle": {"preStop": {"tcpSocket": {"port": 80}}}}))]}),
    );
    let tl = run(&p, &delete(-1, false, false), &[]);
    assert!(kinds(&tl, "app").contains(&EventKind::FailedPreStopHook));
}

#[test]
fn a_zero_second_sleep_returns_at_once() {
    let p = pod(
        json!({"containers": [app(json!({"lifecycle": {"preStop": {"sleep": {"seconds": 0}}}}))]}),
    );
    let tl = run(&p, &delete(-1, false, false), &[]);
    assert_eq!(lane(&tl, "app").stop_timeout, Some(30));
    assert!(kinds(&tl, "app").contains(&EventKind::PreStopFinished));
}

#[test]
fn eviction_hard_and_soft() {
    let p = pod(json!({"terminationGracePeriodSeconds": 30, "containers": [app(json!({}))]}));
    let never = [("app", b(None, Some(ExitAfter::Never), None))];
    let tl = run(
        &p,
        &Scenario::Evict {
            max_pod_grace_period: None,
        },
        &never,
    );
    assert_eq!(tl.grace_period, Some(1));
    assert_eq!(lane(&tl, "app").sigkill_at, Some(s(2)));
    assert_eq!(tl.phase.as_deref(), Some("Failed"));
    assert_eq!(tl.object_removed_at, None, "an evicted pod object stays");
    assert_eq!(tl.kube_events[0].reason, "Evicted");
    let tl = run(
        &p,
        &Scenario::Evict {
            max_pod_grace_period: Some(60),
        },
        &never,
    );
    assert_eq!(
        tl.grace_period,
        Some(30),
        "min(evictionMaxPodGracePeriod, pod's grace)"
    );
    let tl = run(
        &p,
        &Scenario::Evict {
            max_pod_grace_period: Some(10),
        },
        &never,
    );
    assert_eq!(tl.grace_period, Some(10));
    // Exit 0 or not, an evicted pod is Failed.
    let tl = run(
        &p,
        &Scenario::Evict {
            max_pod_grace_period: None,
        },
        &[("app", b(None, None, Some(0)))],
    );
    assert_eq!(tl.phase.as_deref(), Some("Failed"));
}

/// pkg/kubelet/eviction/eviction_manager.go:evictPod never evicts a critical pod
/// (`kubelettypes.IsCriticalPod`): priority >= SystemCriticalPriority, or a mirror pod.
#[test]
fn a_critical_pod_is_never_evicted() {
    let evict = Scenario::Evict {
        max_pod_grace_period: None,
    };
    // (priority, mirror annotation) -> refused
    let rows = [
        (Some(2_000_001_000), false, true),
        (Some(2_000_000_000), false, true),
        (Some(1_999_999_999), false, false),
        (Some(1_000_000_000), false, false),
        (None, false, false),
        (None, true, true),
    ];
    for (priority, mirror, refused) in rows {
        let mut p = pod(json!({"containers": [app(json!({}))]}));
        if let Some(priority) = priority {
            p["spec"]["priority"] = json!(priority);
        }
        if mirror {
            p["metadata"]["annotations"] = json!({"kubernetes.io/config.mirror": "x"});
        }
        let tl = run(&p, &evict, &[]);
        let error = tl.error.as_deref().unwrap_or("");
        assert_eq!(
            error.starts_with("Eviction manager: cannot evict a critical pod ("),
            refused,
            "{priority:?} {mirror}: {error}"
        );
        assert_eq!(tl.phase.is_none(), refused, "{priority:?} {mirror}");
    }
}

#[test]
fn liveness_kill_uses_the_probe_grace_and_restarts() {
    let probe = json!({"livenessProbe": {"httpGet": {"port": 8080}, "terminationGracePeriodSeconds": 5},
        "lifecycle": {"preStop": {"exec": {"command": ["x"]}}}});
    let p = pod(
        json!({"terminationGracePeriodSeconds": 60, "containers": [app(probe), {"name": "other", "image": "x:1"}]}),
    );
    let tl = run(
        &p,
        &Scenario::Liveness { container: None },
        &[(
            "app",
            b(Some(PreStop::Takes(s(4))), Some(ExitAfter::Never), None),
        )],
    );
    let l = lane(&tl, "app");
    assert_eq!(tl.grace_period, Some(5));
    assert_eq!(
        (l.stop_signal_at, l.stop_timeout, l.sigkill_at),
        (Some(s(4)), Some(2), Some(s(6)))
    );
    let killing = tl
        .kube_events
        .iter()
        .find(|e| e.reason == "Killing")
        .unwrap();
    assert_eq!(
        killing.message,
        "Container app failed liveness probe, will be restarted"
    );
    assert_eq!(tl.phase, None);
    assert!(!lane(&tl, "other").killed);
    let restarted: Vec<(Ms, EventKind)> = tl
        .events
        .iter()
        .filter(|e| e.t == s(6) && e.container == "app")
        .map(|e| (e.t, e.event))
        .collect();
    assert!(restarted.contains(&(s(6), EventKind::Started)));
    assert_eq!(tl.kube_events.last().unwrap().message, "Container started");
}

#[test]
fn liveness_kill_without_restart_of_the_only_container_kills_the_pod() {
    let probe =
        json!({"livenessProbe": {"exec": {"command": ["x"]}, "terminationGracePeriodSeconds": 5}});
    let p = pod(
        json!({"restartPolicy": "Never", "terminationGracePeriodSeconds": 12, "containers": [app(probe)]}),
    );
    let tl = run(
        &p,
        &Scenario::Liveness {
            container: Some("app".into()),
        },
        &[("app", b(None, Some(ExitAfter::Never), None))],
    );
    // KillPod: no override, the pod's grace (not the probe's), generic message.
    assert_eq!(lane(&tl, "app").sigkill_at, Some(s(12)));
    let killing = tl
        .kube_events
        .iter()
        .find(|e| e.reason == "Killing")
        .unwrap();
    assert_eq!(killing.message, "Stopping container app");
    assert_eq!(tl.phase.as_deref(), Some("Failed"));
}

#[test]
fn liveness_needs_a_probe() {
    let p = pod(json!({"containers": [app(json!({}))]}));
    let tl = run(
        &p,
        &Scenario::Liveness {
            container: Some("app".into()),
        },
        &[],
    );
    assert_eq!(
        tl.error.as_deref(),
        Some("container app has no livenessProbe")
    );
    let tl = run(&p, &Scenario::Liveness { container: None }, &[]);
    assert_eq!(
        tl.error.as_deref(),
        Some("no container of the pod has a livenessProbe")
    );
}

#[test]
fn job_pod_completes_then_sidecars_stop_with_the_pod_grace() {
    let p = pod(
        json!({"restartPolicy": "Never", "terminationGracePeriodSeconds": 20,
        "initContainers": [
            {"name": "log", "image": "b", "restartPolicy": "Always"},
            {"name": "mesh", "image": "b", "restartPolicy": "Always"}
        ],
        "containers": [app(json!({}))]}),
    );
    let tl = run(
        &p,
        &Scenario::Complete,
        &[
            ("app", b(None, Some(ExitAfter::After(s(5))), Some(0))),
            ("mesh", b(None, Some(ExitAfter::Never), None)),
            ("log", b(None, Some(ExitAfter::After(s(1))), Some(0))),
        ],
    );
    assert_eq!(lane(&tl, "app").exited_at, Some(s(5)));
    // mesh (last declared) first, from 5 s, ignores SIGTERM: SIGKILL at 25.
    assert_eq!(lane(&tl, "mesh").stop_signal_at, Some(s(5)));
    assert_eq!(lane(&tl, "mesh").sigkill_at, Some(s(25)));
    // log waits for mesh: 20 s of grace used up → 2 s floor.
    assert_eq!(lane(&tl, "log").stop_signal_at, Some(s(25)));
    assert_eq!(lane(&tl, "log").stop_timeout, Some(2));
    assert_eq!(tl.phase.as_deref(), Some("Succeeded"));
    assert_eq!(tl.object_removed_at, None);
    let killing: Vec<&str> = tl.kube_events.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        killing,
        ["Stopping container mesh", "Stopping container log"]
    );
    // restartPolicy Always never completes.
    let p = pod(json!({"containers": [app(json!({}))]}));
    assert!(run(&p, &Scenario::Complete, &[]).error.is_some());
}

#[test]
fn a_custom_stop_signal_is_what_the_runtime_sends() {
    let p = pod(json!({"containers": [app(json!({"lifecycle": {"stopSignal": "SIGUSR1"}}))]}));
    let tl = run(&p, &delete(-1, false, false), &[]);
    let signal = tl
        .events
        .iter()
        .find(|e| e.event == EventKind::StopSignal)
        .unwrap();
    assert_eq!(
        signal.message,
        "StopContainer with timeout 30s: the runtime sends SIGUSR1"
    );
}

#[test]
fn unknown_container_in_behaviours_is_an_error() {
    let p = pod(json!({"containers": [app(json!({}))]}));
    let tl = run(
        &p,
        &delete(-1, false, false),
        &[("nope", Behaviour::default())],
    );
    assert_eq!(
        tl.error.as_deref(),
        Some("the pod has no container named \"nope\"")
    );
}

#[test]
fn timeline_serializes_in_camel_case_with_seconds() {
    let p = pod(json!({"terminationGracePeriodSeconds": 10, "containers": [app(json!({}))]}));
    let tl = run(
        &p,
        &delete(-1, false, false),
        &[("app", b(None, Some(ExitAfter::After(1500)), Some(0)))],
    );
    let v = serde_json::to_value(&tl).unwrap();
    assert_eq!(v["gracePeriod"], 10);
    assert_eq!(v["lanes"][0]["exitedAt"], 1.5);
    assert_eq!(v["lanes"][0]["bars"][0]["kind"], "stopping");
    assert_eq!(v["events"][0]["event"], "DeleteRequested");
    assert_eq!(v["kubeEvents"][0]["from"], "kubelet");
}

#[test]
fn a_stop_signal_dropped_by_the_api_server_is_explained() {
    let report = crate::report::build(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  os:\n    name: linux\n  containers:\n  - name: app\n    image: nginx\n    lifecycle:\n      stopSignal: SIGUSR1\n",
        &crate::options::Options::new(crate::versions::Version::new(1, 36)),
    );
    let admit = report.admit.unwrap();
    let notes = dropped_lifecycle_notes(&admit.result.changes);
    assert_eq!(notes.len(), 1);
    // The views carry the same note.
    let view = report.views.termination.unwrap();
    assert!(view.notes.contains(&notes[0]));
    assert!(notes[0].why.starts_with("spec.containers[0].lifecycle.stopSignal is dropped: feature gate ContainerStopSignals is off"));
    // The admitted pod has no stop signal left: SIGTERM.
    let tl = run(&admit.result.pod.unwrap(), &delete(-1, false, false), &[]);
    let signal = tl
        .events
        .iter()
        .find(|e| e.event == EventKind::StopSignal)
        .unwrap();
    assert!(signal.message.ends_with("SIGTERM"));
}

#[test]
fn preemption_deletes_with_the_pods_own_grace() {
    let p = pod(json!({"terminationGracePeriodSeconds": 15,
        "containers": [app(json!({"lifecycle": {"preStop": {"exec": {"command": ["x"]}}}}))]}));
    let tl = run(
        &p,
        &Scenario::Preempt,
        &[(
            "app",
            b(Some(PreStop::Takes(s(5))), Some(ExitAfter::Never), None),
        )],
    );
    assert_eq!(tl.scenario, "preempt");
    assert_eq!(tl.kubectl, None);
    assert_eq!(tl.deletion_grace_period_seconds, Some(15));
    assert_eq!(lane(&tl, "app").sigkill_at, Some(s(15)));
    assert_eq!(tl.events[0].event, EventKind::Preempted);
    assert_eq!(tl.kube_events[0].from, "default-scheduler");
    // The victim's node is the one the pod runs on (`run` places it on node-1).
    assert_eq!(
        tl.kube_events[0].message,
        "Preempted by pod <preemptor uid> on node node-1"
    );
    // The placeholder is explained beside it.
    assert!(tl.notes.iter().any(|n| n.rule == "scheduler.preemption.preemptor"
        && n.why == "<preemptor uid> stands for the uid of the pod that preempts this one: the scheduler names it there, and it is another pod than the one pasted"));
    assert_eq!(tl.object_removed_at, Some(s(15)));
}

#[test]
fn absurd_grace_periods_and_durations_do_not_overflow() {
    let p = pod(json!({"terminationGracePeriodSeconds": i64::MAX,
        "initContainers": [{"name": "s", "image": "b", "restartPolicy": "Always"}],
        "containers": [app(json!({"lifecycle": {"preStop": {"exec": {"command": ["x"]}}}}))]}));
    let never = b(Some(PreStop::Takes(u64::MAX)), Some(ExitAfter::Never), None);
    for sc in [
        delete(-1, false, false),
        Scenario::Evict {
            max_pod_grace_period: Some(i64::MAX),
        },
        Scenario::Preempt,
    ] {
        let tl = run(&p, &sc, &[("app", never), ("s", never)]);
        assert_eq!(tl.phase.as_deref(), Some("Failed"), "{sc:?}");
        assert!(
            lane(&tl, "s").sigkill_at >= lane(&tl, "app").sigkill_at,
            "{sc:?}"
        );
    }
    let p = pod(
        json!({"restartPolicy": "Never", "terminationGracePeriodSeconds": i64::MAX,
        "initContainers": [{"name": "s", "image": "b", "restartPolicy": "Always"}],
        "containers": [app(json!({}))]}),
    );
    let tl = run(
        &p,
        &Scenario::Complete,
        &[("app", b(None, Some(ExitAfter::After(u64::MAX)), None))],
    );
    assert_eq!(tl.phase.as_deref(), Some("Succeeded"));
}

/// A tcpSocket liveness probe dials its host, else the (simulated) pod IP: the Unhealthy
/// message has the address, as pkg/probe/tcp/tcp.go reports a refused connection.
#[test]
fn a_tcp_liveness_failure_names_the_address_it_dialled() {
    let rows = [
        (
            json!({"port": 8080}),
            "dial tcp 10.244.1.23:8080: connect: connection refused",
        ),
        (
            json!({"port": 6379, "host": "10.0.0.9"}),
            "dial tcp 10.0.0.9:6379: connect: connection refused",
        ),
        (
            json!({"port": 80, "host": "fd00::1"}),
            "dial tcp [fd00::1]:80: connect: connection refused",
        ),
    ];
    for (tcp, want) in rows {
        let p = pod(json!({"containers": [app(json!({"livenessProbe": {"tcpSocket": tcp}}))]}));
        let tl = run(&p, &Scenario::Liveness { container: None }, &[]);
        let unhealthy = tl
            .kube_events
            .iter()
            .find(|e| e.reason == "Unhealthy")
            .map(|e| e.message.clone());
        assert_eq!(
            unhealthy,
            Some(format!("Liveness probe failed: {want}")),
            "{tcp}"
        );
    }
}

/// An exec liveness probe's failure text is whatever its command printed: the event keeps a
/// named placeholder and a note says what it stands for.
#[test]
fn an_exec_liveness_failure_explains_its_placeholder() {
    let p = pod(json!({"containers": [app(json!({
        "livenessProbe": {"exec": {"command": ["cat", "/tmp/healthy"]}}}))]}));
    let tl = run(&p, &Scenario::Liveness { container: None }, &[]);
    let unhealthy = tl.kube_events.iter().find(|e| e.reason == "Unhealthy");
    assert_eq!(
        unhealthy.map(|e| e.message.as_str()),
        Some("Liveness probe failed: <command output>")
    );
    assert!(tl
        .notes
        .iter()
        .any(|n| n.rule == "termination.probe.execOutput"
            && n.why.starts_with("<command output> stands for")));
    let http = pod(json!({"containers": [app(json!({
        "livenessProbe": {"httpGet": {"port": 80}}}))]}));
    let tl = run(&http, &Scenario::Liveness { container: None }, &[]);
    assert!(!tl
        .notes
        .iter()
        .any(|n| n.rule == "termination.probe.execOutput"));
}

/// A pod outside `default`: the command names its namespace, kubectl's line says it (1.34+).
#[test]
fn kubectl_command_names_a_namespace_other_than_default() {
    let mut p = pod(json!({"containers": [app(json!({}))]}));
    p["metadata"]["namespace"] = json!("team");
    let tl = run(&p, &delete(grace::KUBECTL_GRACE_UNSET, false, false), &[]);
    let k = tl.kubectl.as_ref().unwrap();
    assert_eq!(k.command, ["kubectl", "delete", "pod/p", "-n", "team"]);
    assert_eq!(k.stdout, "pod \"p\" deleted from team namespace");
}
