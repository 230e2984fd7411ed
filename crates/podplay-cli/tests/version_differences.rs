//! HAND-DERIVED cases (from Kubernetes' release notes, pkg/features/kube_features.go and the
//! sources named per test) for what changes between releases, run
//! through the `podplay` binary with `--kubernetes-version`.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

fn podplay(args: &[&str], stdin: &str) -> Value {
    let mut child = Command::new(env!("CARGO_BIN_EXE_podplay"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run podplay");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn admit(version: &str, pod: &str) -> Value {
    podplay(&["admit", "--kubernetes-version", version, "-"], pod)
}

const RESIZE_NEVER: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: Never\n  containers:\n  - name: app\n    image: nginx:1.25\n    resizePolicy:\n    - resourceName: cpu\n      restartPolicy: RestartContainer\n";

#[test]
fn resize_policy_with_restart_policy_never_is_worded_per_release() {
    let e35 = admit("1.35", RESIZE_NEVER);
    let e36 = admit("1.36", RESIZE_NEVER);
    assert_eq!(
        e35["errors"][0],
        "spec.containers[0].resizePolicy: Invalid value: \"RestartContainer\": must be 'NotRequired' when `restartPolicy` is 'Never'"
    );
    assert_eq!(
        e36["errors"][0],
        "spec.containers[0].resizePolicy: Invalid value: \"RestartContainer\": must be 'NotRequired' when pod `restartPolicy` is 'Never'"
    );
}

#[test]
fn restart_all_containers_action_is_new_in_1_36() {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: nginx:1.25\n    restartPolicy: Never\n    restartPolicyRules:\n    - action: RestartAllContainers\n      exitCodes:\n        operator: In\n        values: [42]\n";
    assert_eq!(admit("1.35", pod)["outcome"], "rejected-validation");
    assert_eq!(
        admit("1.35", pod)["errors"][0],
        "spec.containers[0].restartPolicyRules[0].action: Unsupported value: \"RestartAllContainers\": supported values: \"Restart\""
    );
    assert_eq!(admit("1.36", pod)["outcome"], "created");
}

#[test]
fn label_length_errors_say_bytes_from_1_35() {
    let long = "v".repeat(64);
    let pod = format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: {long}\nspec:\n  containers:\n  - name: a\n    image: nginx:1.25\n");
    let e34 = admit("1.34", &pod)["errors"][0]
        .as_str()
        .unwrap()
        .to_string();
    let e36 = admit("1.36", &pod)["errors"][0]
        .as_str()
        .unwrap()
        .to_string();
    assert!(e34.ends_with("must be no more than 63 characters"), "{e34}");
    assert!(e36.ends_with("must be no more than 63 bytes"), "{e36}");
}

/// What `kubectl apply` of a minimal Pod becomes in v1.36 (hand-derived).
#[test]
fn appendix_1_worked_example_on_1_36() {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: app\n    image: nginx\n    ports: [{containerPort: 80}]\n    resources: {limits: {cpu: 500m, memory: 128Mi}}\n";
    let r = admit("1.36", pod);
    assert_eq!(r["outcome"], "created");
    let p = &r["pod"];
    let c = &p["spec"]["containers"][0];
    assert_eq!(c["imagePullPolicy"], "Always");
    assert_eq!(c["ports"][0]["protocol"], "TCP");
    assert_eq!(
        c["resources"]["requests"],
        serde_json::json!({"cpu": "500m", "memory": "128Mi"})
    );
    assert_eq!(c["terminationMessagePath"], "/dev/termination-log");
    assert_eq!(
        c["volumeMounts"][0]["mountPath"],
        "/var/run/secrets/kubernetes.io/serviceaccount"
    );
    let s = &p["spec"];
    for (k, v) in [
        ("dnsPolicy", "ClusterFirst"),
        ("restartPolicy", "Always"),
        ("schedulerName", "default-scheduler"),
        ("serviceAccountName", "default"),
        ("serviceAccount", "default"),
        ("preemptionPolicy", "PreemptLowerPriority"),
    ] {
        assert_eq!(s[k], v, "{k}");
    }
    assert_eq!(s["terminationGracePeriodSeconds"], 30);
    assert_eq!(s["enableServiceLinks"], true);
    assert_eq!(s["priority"], 0);
    assert_eq!(s["tolerations"].as_array().unwrap().len(), 2);
    assert_eq!(
        s["volumes"][0]["projected"]["sources"][0]["serviceAccountToken"]["expirationSeconds"],
        3607
    );
    assert!(s.get("imagePullSecrets").is_none());
    assert_eq!(
        p["status"],
        serde_json::json!({"phase": "Pending", "qosClass": "Guaranteed"})
    );
}

/// Go 1.26's stricter URL parsing: `::1` as a registry key no longer parses in 1.36.
#[test]
fn colon_keys_stop_parsing_in_1_36() {
    let m35 = podplay(
        &[
            "match",
            "--kubernetes-version",
            "1.35",
            "--output",
            "json",
            "::1",
            "::1/app",
        ],
        "",
    );
    let m36 = podplay(
        &[
            "match",
            "--kubernetes-version",
            "1.36",
            "--output",
            "json",
            "::1",
            "::1/app",
        ],
        "",
    );
    assert!(m35["error"].is_null(), "{m35}");
    assert!(
        m36["error"]
            .as_str()
            .is_some_and(|e| e.contains("invalid port")),
        "{m36}"
    );
}

/// A pod whose only resources are pod-level `spec.resources`: 1.33 has PodLevelResources off,
/// so the API server drops the field and the stored pod is BestEffort; from 1.34 the field is
/// kept and the pod is Guaranteed (QoS is computed with the release's gates, not the newest).
#[test]
fn pod_level_resources_are_dropped_and_ignored_by_qos_in_1_33() {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  resources:\n    limits: {cpu: '1', memory: 1Gi}\n  containers:\n  - name: app\n    image: nginx:1.25\n";
    // (version, spec.resources kept, qosClass)
    for (version, kept, qos) in [
        ("1.33", false, "BestEffort"),
        ("1.34", true, "Guaranteed"),
        ("1.35", true, "Guaranteed"),
        ("1.36", true, "Guaranteed"),
    ] {
        let out = admit(version, pod);
        assert_eq!(out["outcome"], "created", "{version}: {}", out["errors"]);
        assert_eq!(
            !out["pod"]["spec"]["resources"].is_null(),
            kept,
            "{version}"
        );
        assert_eq!(out["pod"]["status"]["qosClass"], qos, "{version}");
    }
}
