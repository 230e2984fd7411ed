//! Start-up rules, one case each, with exact times (milliseconds).

use super::*;
use crate::timeline::SECOND;
use serde_json::json;

fn s(n: u64) -> Ms {
    n * SECOND
}

fn pod(spec: Value) -> Value {
    let mut spec = spec;
    if spec.get("terminationGracePeriodSeconds").is_none() {
        spec["terminationGracePeriodSeconds"] = json!(30);
    }
    json!({"metadata": {"name": "p", "namespace": "default"}, "spec": spec})
}

fn c(name: &str, extra: Value) -> Value {
    let mut c =
        json!({"name": name, "image": format!("{name}:1"), "imagePullPolicy": "IfNotPresent"});
    for (k, v) in extra.as_object().unwrap() {
        c[k] = v.clone();
    }
    c
}

/// The simulated node, as the views use it when nothing chose a real one.
fn on_node_1() -> Placement {
    Placement::simulated(
        &crate::environment::SimulatedValues::default(),
        "the paste has no Node".into(),
    )
}

fn facts(placement: &Placement) -> StartFacts<'_> {
    StartFacts {
        placement,
        simulated_uid: "uid-1",
        image_present: false,
        pull_secret_error: None,
    }
}

fn run(p: &Value, bs: &[(&str, StartBehaviour)]) -> StartupTimeline {
    let bs: Vec<(String, StartBehaviour)> = bs.iter().map(|(n, b)| (n.to_string(), *b)).collect();
    timeline(p, &bs, facts(&on_node_1()), Version::new(1, 36))
}

fn pull(ms: Ms) -> StartBehaviour {
    StartBehaviour {
        pull: Some(Pull::Takes(ms)),
        ..StartBehaviour::default()
    }
}

fn at(tl: &StartupTimeline, container: &str, event: EventKind) -> Vec<Ms> {
    tl.events
        .iter()
        .filter(|e| e.container == container && e.event == event)
        .map(|e| e.t)
        .collect()
}

fn lane<'a>(tl: &'a StartupTimeline, name: &str) -> &'a StartLane {
    tl.lanes.iter().find(|l| l.container == name).unwrap()
}

#[test]
fn pulls_and_starts_are_serial_within_the_pod() {
    let p = pod(json!({"containers": [c("a", json!({})), c("b", json!({}))]}));
    let tl = run(&p, &[("a", pull(s(3))), ("b", pull(s(2)))]);
    assert_eq!(at(&tl, "a", EventKind::Pulling), [0]);
    assert_eq!(at(&tl, "a", EventKind::Started), [s(3)]);
    // b's pull starts only when a is started.
    assert_eq!(at(&tl, "b", EventKind::Pulling), [s(3)]);
    assert_eq!(at(&tl, "b", EventKind::Running), [s(5)]);
    assert_eq!(tl.ready_at, Some(s(5)));
    assert_eq!(tl.phase.as_deref(), Some("Running"));
    assert_eq!(tl.status, "Running");
    let pulled = tl
        .kube_events
        .iter()
        .find(|e| e.reason == "Pulled")
        .unwrap();
    assert_eq!(
        pulled.message,
        "Successfully pulled image \"a:1\" in 3s (3s including waiting). Image size: 50000000 bytes."
    );
}

#[test]
fn init_containers_run_one_after_another_and_sidecars_only_need_to_start() {
    let p = pod(json!({
        "initContainers": [
            c("setup", json!({})),
            c("proxy", json!({"restartPolicy": "Always", "lifecycle": {"postStart": {"sleep": {"seconds": 2}}}})),
            c("migrate", json!({}))
        ],
        "containers": [c("app", json!({}))]}));
    let run_for = |ms| StartBehaviour {
        run: Some(Run::ExitsAfter(ms)),
        ..StartBehaviour::default()
    };
    let tl = run(&p, &[("setup", run_for(s(4))), ("migrate", run_for(s(1)))]);
    assert_eq!(at(&tl, "setup", EventKind::Completed), [s(4)]);
    assert_eq!(at(&tl, "proxy", EventKind::Started), [s(4)]);
    // The sidecar's postStart blocks: the next init container waits for it.
    assert_eq!(at(&tl, "proxy", EventKind::Running), [s(6)]);
    assert_eq!(at(&tl, "migrate", EventKind::Started), [s(6)]);
    assert_eq!(tl.initialized_at, Some(s(7)));
    assert_eq!(at(&tl, "app", EventKind::Started), [s(7)]);
    assert_eq!(lane(&tl, "proxy").state, "Running");
}

#[test]
fn post_start_keeps_the_container_from_running_and_a_hang_blocks_the_rest() {
    let p = pod(json!({"containers": [
        c("a", json!({"lifecycle": {"postStart": {"exec": {"command": ["x"]}}}})),
        c("b", json!({}))
    ]}));
    let slow = StartBehaviour {
        post_start: Some(PostStart::Takes(s(5))),
        ..StartBehaviour::default()
    };
    let tl = run(&p, &[("a", slow)]);
    assert_eq!(lane(&tl, "a").post_start_hook.as_deref(), Some("exec"));
    assert_eq!(lane(&tl, "b").post_start_hook, None);
    assert_eq!(at(&tl, "a", EventKind::Started), [0]);
    assert_eq!(lane(&tl, "a").running_at, Some(s(5)));
    assert_eq!(at(&tl, "b", EventKind::Started), [s(5)]);
    let hang = StartBehaviour {
        post_start: Some(PostStart::Hangs),
        ..StartBehaviour::default()
    };
    let tl = run(&p, &[("a", hang)]);
    assert!(at(&tl, "b", EventKind::Started).is_empty());
    assert_eq!(tl.phase.as_deref(), Some("Pending"));
    assert_eq!(tl.status, "ContainerCreating");
}

#[test]
fn a_failing_post_start_kills_the_container_then_crash_loops() {
    let p = pod(json!({"terminationGracePeriodSeconds": 30, "containers": [
        c("a", json!({"lifecycle": {"postStart": {"httpGet": {"port": 80}}}}))
    ]}));
    let fails = StartBehaviour {
        post_start: Some(PostStart::Fails(s(1))),
        ..StartBehaviour::default()
    };
    let tl = run(&p, &[("a", fails)]);
    let warnings: Vec<(&str, &str)> = tl
        .kube_events
        .iter()
        .filter(|e| e.reason == "FailedPostStartHook" || e.reason == "Killing")
        .map(|e| (e.reason.as_str(), e.message.as_str()))
        .take(2)
        .collect();
    assert_eq!(
        warnings,
        [
            ("FailedPostStartHook", "PostStartHook failed"),
            ("Killing", "FailedPostStartHook")
        ]
    );
    assert_eq!(at(&tl, "a", EventKind::FailedPostStartHook)[0], s(1));
    // The first restart at once, then back-off 10 s, 20 s, 40 s after each kill (the hook
    // fails after 1 s each time; the kill itself takes no time here).
    assert_eq!(
        at(&tl, "a", EventKind::Started),
        [0, s(1), s(12), s(33), s(74)]
    );
    assert_eq!(lane(&tl, "a").state, "CrashLoopBackOff");
    assert_eq!(lane(&tl, "a").running_at, None);
    assert!(tl.kube_events.iter().any(|e| e.reason == "BackOff"
        && e.message == "Back-off restarting failed container a in pod p_default(uid-1)"));
}

#[test]
fn err_image_pull_then_image_pull_backoff_doubling_to_300() {
    let p = pod(json!({"containers": [c("a", json!({})), c("b", json!({}))]}));
    let tl = run(
        &p,
        &[(
            "a",
            StartBehaviour {
                pull: Some(Pull::Fails),
                ..StartBehaviour::default()
            },
        )],
    );
    let tries = at(&tl, "a", EventKind::Pulling);
    assert_eq!(tries, [0, s(10), s(30), s(70), s(150), s(310), s(610)]);
    // A failing image does not stop the next container of the sync.
    assert_eq!(at(&tl, "b", EventKind::Started), [0]);
    assert_eq!(lane(&tl, "a").state, "ImagePullBackOff");
    assert_eq!(tl.status, "ImagePullBackOff");
    let texts: Vec<&str> = tl
        .kube_events
        .iter()
        .filter(|e| e.t == 0 && e.field_path == "spec.containers{a}")
        .map(|e| e.message.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "Pulling image \"a:1\"",
            "Failed to pull image \"a:1\": <the container runtime's error>",
            "Error: ErrImagePull",
            "Back-off pulling image \"a:1\"",
            "Error: ImagePullBackOff"
        ]
    );
}

#[test]
fn a_failing_init_image_blocks_the_pod_in_init() {
    let p = pod(json!({"initContainers": [c("i", json!({}))], "containers": [c("a", json!({}))]}));
    let tl = run(
        &p,
        &[(
            "i",
            StartBehaviour {
                pull: Some(Pull::Fails),
                ..StartBehaviour::default()
            },
        )],
    );
    assert!(at(&tl, "a", EventKind::Pulling).is_empty());
    assert_eq!(tl.status, "Init:ImagePullBackOff");
    assert_eq!(lane(&tl, "a").state, "PodInitializing");
    assert_eq!(tl.phase.as_deref(), Some("Pending"));
}

#[test]
fn never_pull_and_present_images() {
    let p = pod(json!({"containers": [c("a", json!({"imagePullPolicy": "Never"}))]}));
    let tl = run(&p, &[]);
    assert_eq!(lane(&tl, "a").state, "ErrImageNeverPull");
    assert_eq!(
        tl.kube_events.last().unwrap().message,
        "Container image \"a:1\" is not present with pull policy of Never"
    );
    let present = StartBehaviour {
        image_present: Some(true),
        ..StartBehaviour::default()
    };
    let tl = run(&p, &[("a", present)]);
    assert_eq!(lane(&tl, "a").state, "Running");
    assert!(at(&tl, "a", EventKind::Pulling).is_empty());
}

#[test]
fn crash_loop_back_off_first_restart_immediate_then_10_20_40() {
    let p = pod(json!({"containers": [c("a", json!({}))]}));
    let crash = StartBehaviour {
        run: Some(Run::ExitsAfter(s(1))),
        exit_code: Some(1),
        ..StartBehaviour::default()
    };
    let tl = run(&p, &[("a", crash)]);
    let starts = at(&tl, "a", EventKind::Started);
    // run 1 s, exit; restart at once; run 1 s; wait 10; run; wait 20; ...
    assert_eq!(&starts[..5], [0, s(1), s(12), s(33), s(74)]);
    let l = lane(&tl, "a");
    assert_eq!(l.state, "CrashLoopBackOff");
    assert_eq!(l.restart_count, 6);
    let waiting: Vec<&str> = tl
        .events
        .iter()
        .filter(|e| e.event == EventKind::CrashLoopBackOff)
        .map(|e| e.message.as_str())
        .collect();
    assert_eq!(
        waiting[0],
        "back-off 10s restarting failed container=a pod=p_default(uid-1)"
    );
    assert_eq!(
        waiting[3],
        "back-off 1m20s restarting failed container=a pod=p_default(uid-1)"
    );
    // restartPolicy Never: it just ends, and the pod with it.
    let p = pod(json!({"restartPolicy": "Never", "containers": [c("a", json!({}))]}));
    let tl = run(&p, &[("a", crash)]);
    assert_eq!(at(&tl, "a", EventKind::Started), [0]);
    assert_eq!(tl.phase.as_deref(), Some("Failed"));
    assert_eq!(tl.status, "Error");
    let ok = StartBehaviour {
        exit_code: Some(0),
        ..crash
    };
    let p = pod(json!({"restartPolicy": "OnFailure", "containers": [c("a", json!({}))]}));
    let tl = run(&p, &[("a", ok)]);
    assert_eq!(tl.phase.as_deref(), Some("Succeeded"));
    assert_eq!(tl.status, "Completed");
}

#[test]
fn a_failing_init_container_with_never_fails_the_pod() {
    let p = pod(
        json!({"restartPolicy": "Never", "initContainers": [c("i", json!({}))], "containers": [c("a", json!({}))]}),
    );
    let fails = StartBehaviour {
        exit_code: Some(2),
        ..StartBehaviour::default()
    };
    let tl = run(&p, &[("i", fails)]);
    assert_eq!(tl.phase.as_deref(), Some("Failed"));
    assert_eq!(tl.status, "Init:Error");
    assert!(at(&tl, "a", EventKind::Started).is_empty());
}

#[test]
fn event_wording_follows_the_version() {
    let p = pod(json!({"containers": [c("a", json!({}))]}));
    // kuberuntime_container.go startContainer: the name left the messages in 1.35
    // (kubernetes PR #134043); before, `Created container: NAME` / `Started container NAME`.
    for (version, created_msg, started_msg) in [
        (
            Version::new(1, 34),
            "Created container: a",
            "Started container a",
        ),
        (
            Version::new(1, 35),
            "Container created",
            "Container started",
        ),
    ] {
        let tl = timeline(&p, &[], facts(&on_node_1()), version);
        let message = |reason: &str| {
            tl.kube_events
                .iter()
                .find(|e| e.reason == reason)
                .unwrap()
                .message
                .clone()
        };
        assert_eq!(message("Created"), created_msg, "{version}");
        assert_eq!(message("Started"), started_msg, "{version}");
    }
}

#[test]
fn crash_loop_parameters_are_version_data() {
    for v in crate::versions::SUPPORTED {
        let b = v.crash_loop_backoff();
        assert_eq!(
            (b.initial_seconds, b.max_seconds, b.reset_after_seconds),
            (10, 300, 600),
            "{v}"
        );
    }
    assert_eq!(Version::new(1, 34).crash_loop_backoff().gate, None);
    assert_eq!(
        Version::new(1, 35).crash_loop_backoff().gate.as_deref(),
        Some("KubeletCrashLoopBackOffMax")
    );
}

#[test]
fn a_pull_waiting_behind_other_pods_says_so() {
    let p = pod(json!({"containers": [c("a", json!({}))]}));
    let waits = StartBehaviour {
        pull: Some(Pull::Takes(s(2))),
        pull_wait: Some(s(8)),
        ..StartBehaviour::default()
    };
    let tl = run(&p, &[("a", waits)]);
    assert_eq!(at(&tl, "a", EventKind::Pulling), [0]);
    assert_eq!(at(&tl, "a", EventKind::Started), [s(10)]);
    let pulled = tl
        .kube_events
        .iter()
        .find(|e| e.reason == "Pulled")
        .unwrap();
    assert_eq!(
        pulled.message,
        "Successfully pulled image \"a:1\" in 2s (10s including waiting). Image size: 50000000 bytes."
    );
    assert_eq!(lane(&tl, "a").bars[0].kind, BarKind::WaitingForPull);
}

#[test]
fn absurd_durations_do_not_overflow() {
    let p = pod(
        json!({"terminationGracePeriodSeconds": i64::MAX, "containers": [
            c("a", json!({"lifecycle": {"postStart": {"exec": {"command": ["x"]}}}})),
            c("b", json!({}))
        ]}),
    );
    let huge = StartBehaviour {
        pull: Some(Pull::Takes(u64::MAX)),
        pull_wait: Some(u64::MAX),
        post_start: Some(PostStart::Fails(u64::MAX)),
        run: Some(Run::ExitsAfter(u64::MAX)),
        exit_code: Some(1),
        image_present: None,
        image_size: Some(u64::MAX),
    };
    let tl = run(&p, &[("a", huge), ("b", huge)]);
    assert_eq!(lane(&tl, "a").state, "CrashLoopBackOff");
}

#[test]
fn the_scheduled_event_names_the_node_the_pod_runs_on() {
    use crate::placement::NodeChoice;
    let p = pod(json!({"containers": [c("a", json!({}))]}));
    let on = |node: &str, choice| Placement {
        node_name: node.into(),
        choice,
        why: "why".into(),
    };
    // (placement, Scheduled kube event, the pod's first step, the node note)
    let cases = [
        (
            on("w2", NodeChoice::Scheduler),
            Some("Successfully assigned default/p to w2"),
            "Successfully assigned default/p to w2",
            None,
        ),
        (
            on("node-1", NodeChoice::Simulated),
            Some("Successfully assigned default/p to node-1"),
            "Successfully assigned default/p to node-1",
            Some("node-1 is simulated (cluster settings): why"),
        ),
        (
            on("w9", NodeChoice::SpecNodeName),
            None,
            "spec.nodeName is w9: the pod is bound when created; the scheduler sends no Scheduled event",
            None,
        ),
    ];
    for (placement, event, step, node_note) in cases {
        let tl = timeline(&p, &[], facts(&placement), Version::new(1, 36));
        let scheduled = tl.kube_events.iter().find(|e| e.reason == "Scheduled");
        assert_eq!(scheduled.map(|e| e.message.as_str()), event);
        assert_eq!(tl.events[0].event, EventKind::Scheduled);
        assert_eq!(tl.events[0].message, step);
        let note = tl.notes.iter().find(|n| n.rule == "startup.node.simulated");
        assert_eq!(note.map(|n| n.why.as_str()), node_note);
    }
}

#[test]
fn the_pulled_event_carries_the_image_size() {
    let p = pod(json!({"containers": [c("a", json!({})), c("b", json!({}))]}));
    let sized = StartBehaviour {
        image_size: Some(123_456),
        ..pull(s(2))
    };
    let tl = run(&p, &[("a", sized), ("b", pull(s(1)))]);
    let pulled: Vec<&str> = tl
        .kube_events
        .iter()
        .filter(|e| e.reason == "Pulled")
        .map(|e| e.message.as_str())
        .collect();
    assert_eq!(
        pulled,
        [
            "Successfully pulled image \"a:1\" in 2s (2s including waiting). Image size: 123456 bytes.",
            "Successfully pulled image \"b:1\" in 1s (1s including waiting). Image size: 50000000 bytes.",
        ]
    );
    let simulated: Vec<&str> = tl
        .notes
        .iter()
        .filter(|n| n.rule == "startup.pull.simulated")
        .map(|n| n.why.as_str())
        .collect();
    assert_eq!(
        simulated,
        ["the pull time, the wait behind other pulls and the image size in the pull events are simulated (0s, 0s and 50000000 bytes unless the container's start behaviour sets them); a real node reports its own"]
    );
}

#[test]
fn images_on_the_node_follow_the_cluster_setting_unless_a_container_says() {
    let p = pod(json!({"containers": [c("a", json!({})), c("b", json!({}))]}));
    let placement = on_node_1();
    let present = StartFacts {
        image_present: true,
        ..facts(&placement)
    };
    let absent = StartBehaviour {
        image_present: Some(false),
        ..StartBehaviour::default()
    };
    let tl = timeline(
        &p,
        &[("b".to_string(), absent)],
        present,
        Version::new(1, 36),
    );
    let reasons: Vec<(&str, &str)> = tl
        .kube_events
        .iter()
        .map(|e| (e.field_path.as_str(), e.reason.as_str()))
        .filter(|(_, r)| *r == "Pulled" || *r == "Pulling")
        .collect();
    assert_eq!(
        reasons,
        [
            ("spec.containers{a}", "Pulled"),
            ("spec.containers{b}", "Pulling"),
            ("spec.containers{b}", "Pulled"),
        ]
    );
}

/// A pull secret that does not decode: the kubelet's credential lookup fails before the pull
/// (image_manager.go), the start fails with `Error: <err>` (kuberuntime_container.go) and the
/// waiting reason is the error's own text, so `kubectl get pod` shows it (as `Init:<err>` for
/// an init container). An image the kubelet does not pull is not affected.
#[test]
fn an_undecodable_pull_secret_fails_the_start_before_any_pull() {
    let placement = on_node_1();
    let error = "unexpected end of JSON input";
    let facts = StartFacts {
        pull_secret_error: Some(error),
        ..facts(&placement)
    };
    let p = pod(json!({"containers": [c("a", json!({}))]}));
    let tl = timeline(&p, &[], facts, Version::new(1, 36));
    let events: Vec<String> = tl
        .kube_events
        .iter()
        .map(|e| format!("{} {}: {}", e.kind, e.reason, e.message))
        .collect();
    assert_eq!(
        events,
        [
            "Normal Scheduled: Successfully assigned default/p to node-1",
            "Warning Failed: Error: unexpected end of JSON input",
        ]
    );
    assert_eq!(lane(&tl, "a").state, error);
    assert_eq!(tl.status, error);

    let p = pod(json!({"initContainers": [c("i", json!({}))], "containers": [c("a", json!({}))]}));
    let tl = timeline(&p, &[], facts, Version::new(1, 36));
    assert_eq!(tl.status, "Init:unexpected end of JSON input");

    let present = [(
        "a".to_string(),
        StartBehaviour {
            image_present: Some(true),
            ..StartBehaviour::default()
        },
    )];
    let p = pod(json!({"containers": [c("a", json!({}))]}));
    let tl = timeline(&p, &present, facts, Version::new(1, 36));
    assert_eq!(tl.status, "Running");
}

/// kubectl's STATUS column (server-side printPod) per release: the first container's reason
/// wins; from 1.35 a failed container beats a first one that completed.
#[test]
fn status_column_per_version() {
    let exits = |code| StartBehaviour {
        run: Some(Run::ExitsAfter(s(1))),
        exit_code: Some(code),
        ..StartBehaviour::default()
    };
    let never = |names: [&str; 2]| {
        pod(
            json!({"restartPolicy": "Never", "containers": [c(names[0], json!({})), c(names[1], json!({}))]}),
        )
    };
    let p = never(["a", "b"]);
    let with = |v: u32, bs: &[(&str, StartBehaviour)]| {
        let bs: Vec<(String, StartBehaviour)> =
            bs.iter().map(|(n, b)| (n.to_string(), *b)).collect();
        timeline(&p, &bs, facts(&on_node_1()), Version::new(1, v))
    };
    // (first exit, second exit or None = keeps running, per version 1.33..1.36)
    let rows: [(&[(&str, StartBehaviour)], [&str; 4]); 4] = [
        (
            &[("a", exits(0)), ("b", exits(1))],
            ["Completed", "Completed", "Error", "Error"],
        ),
        (
            &[("a", exits(1)), ("b", exits(0))],
            ["Error", "Error", "Error", "Error"],
        ),
        (
            &[("a", exits(0)), ("b", exits(0))],
            ["Completed", "Completed", "Completed", "Completed"],
        ),
        // b keeps running: the pod is not Ready, so Completed turns into NotReady.
        (
            &[("a", exits(0))],
            ["NotReady", "NotReady", "NotReady", "NotReady"],
        ),
    ];
    for (bs, want) in rows {
        for (i, v) in (33..=36).enumerate() {
            assert_eq!(
                with(v, bs).status,
                want[i],
                "1.{v} {:?}",
                bs.iter().map(|(n, b)| (n, b.exit_code)).collect::<Vec<_>>()
            );
        }
    }
    // Both failed: Error everywhere; phase Failed.
    let tl = with(34, &[("a", exits(2)), ("b", exits(1))]);
    assert_eq!(
        (tl.phase.as_deref(), tl.status.as_str()),
        (Some("Failed"), "Error")
    );
}

#[test]
fn a_containers_own_restart_rules_decide_its_restart_from_1_35() {
    // podutil.ContainerShouldRestart (ContainerRestartRules, on from 1.35): a matching
    // `Restart` rule restarts a container of a `restartPolicy: Never` pod; without the gate
    // (1.34) only the pod's policy counts, so the container just ends.
    let p = pod(
        json!({"restartPolicy": "Never", "containers": [c("a", json!({
            "restartPolicy": "Never",
            "restartPolicyRules": [{"action": "Restart", "exitCodes": {"operator": "In", "values": [3]}}]
        }))]}),
    );
    let exits = |code: i32| StartBehaviour {
        run: Some(Run::ExitsAfter(s(1))),
        exit_code: Some(code),
        ..StartBehaviour::default()
    };
    let with = |version: Version, code: i32| {
        let bs = vec![("a".to_string(), exits(code))];
        timeline(&p, &bs, facts(&on_node_1()), version)
    };
    assert_eq!(
        lane(&with(Version::new(1, 36), 3), "a").state,
        "CrashLoopBackOff"
    );
    assert_eq!(
        lane(&with(Version::new(1, 35), 3), "a").state,
        "CrashLoopBackOff"
    );
    // Another exit code matches no rule: the container's own Never.
    assert_eq!(lane(&with(Version::new(1, 36), 1), "a").state, "Terminated");
    assert_eq!(lane(&with(Version::new(1, 34), 3), "a").state, "Terminated");
}
