//! `podplay timeline` beyond the conformance cases: start-up, flags, misuse.

use serde_json::Value;
use std::process::{Command, Output};

fn podplay(args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_podplay"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run podplay");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  terminationGracePeriodSeconds: 60\n  initContainers:\n  - name: setup\n    image: busybox:1.36\n  containers:\n  - name: app\n    image: nginx:1.25\n    lifecycle:\n      preStop:\n        exec:\n          command: [\"/bin/sh\", \"-c\", \"drain\"]\n";

fn json(args: &[&str]) -> Value {
    let mut all = vec!["timeline", "--output", "json", "-"];
    all.extend_from_slice(args);
    let out = podplay(&all, POD);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_docs_example_through_the_cli() {
    let v = json(&["--prestop", "app=55", "--exit-after", "app=10"]);
    assert_eq!(v["gracePeriod"], 60);
    assert_eq!(v["kubernetesVersion"], "1.36");
    let app = v["lanes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["container"] == "app")
        .unwrap();
    assert_eq!(app["stopSignalAt"], 55);
    assert_eq!(app["stopTimeout"], 5);
    assert_eq!(app["sigkillAt"], 60);
    assert_eq!(v["phase"], "Failed");
    let last = v["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["event"], "ObjectRemoved");
    assert_eq!(last["t"], 60);
}

#[test]
fn fractional_seconds_and_the_whole_second_truncation() {
    let v = json(&["--prestop", "app=3.7", "--exit-after", "app=never"]);
    let app = v["lanes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["container"] == "app")
        .unwrap();
    assert_eq!(app["stopSignalAt"], 3.7);
    assert_eq!(app["stopTimeout"], 57);
    assert_eq!(app["sigkillAt"], 60.7);
}

#[test]
fn startup_scenario() {
    let v = json(&[
        "--scenario",
        "startup",
        "--pull",
        "setup=2",
        "--pull",
        "app=fail",
    ]);
    assert_eq!(v["scenario"], "startup");
    assert_eq!(v["status"], "ImagePullBackOff");
    assert_eq!(v["initializedAt"], 2);
    let names: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(&names[..4], ["Scheduled", "Pulling", "Pulled", "Created"]);
    assert!(names.contains(&"ImagePullBackOff"));
}

#[test]
fn text_output_and_misuse() {
    let out = podplay(
        &[
            "timeline",
            "-",
            "--scenario",
            "force",
            "--exit-after",
            "app=never",
        ],
        POD,
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with(
            "$ kubectl delete pod/web --grace-period=0 --force\nWarning: Immediate deletion"
        ),
        "{text}"
    );
    assert!(text.contains("SIGKILL"));
    for bad in [
        vec!["timeline", "-", "--scenario", "nope"],
        vec!["timeline", "-", "--prestop", "app"],
        vec!["timeline", "-", "--exit-after", "app=soon"],
        vec![
            "timeline",
            "-",
            "--scenario",
            "startup",
            "--prestop",
            "app=1",
        ],
    ] {
        let out = podplay(&bad, POD);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn versions_decide_what_the_api_server_lets_through() {
    let zero_sleep = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: z\nspec:\n  containers:\n  - name: app\n    image: nginx\n    lifecycle:\n      preStop:\n        sleep:\n          seconds: 0\n";
    // PodLifecycleSleepAction (GA 1.34) and its zero-second form (beta, on, in 1.33) are
    // accepted in every supported release: the hook returns at once.
    for version in ["1.33", "1.34", "1.35", "1.36"] {
        let out = podplay(
            &[
                "timeline",
                "--kubernetes-version",
                version,
                "--output",
                "json",
                "-",
            ],
            zero_sleep,
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["rejected"], Value::Null, "{version}");
        let finished = v["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["event"] == "PreStopFinished")
            .unwrap();
        assert_eq!(finished["t"], 0, "{version}");
    }
    // lifecycle.stopSignal needs ContainerStopSignals (off in every supported release): the
    // API server drops it and the runtime sends SIGTERM.
    let stop_signal = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: s\nspec:\n  os:\n    name: linux\n  containers:\n  - name: app\n    image: nginx\n    lifecycle:\n      stopSignal: SIGUSR1\n";
    let out = podplay(&["timeline", "--output", "json", "-"], stop_signal);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let signal = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event"] == "StopSignal")
        .unwrap();
    assert_eq!(
        signal["message"],
        "StopContainer with timeout 30s: the runtime sends SIGTERM"
    );
    assert!(v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["rule"] == "create.dropDisabledField"));
}
