use super::*;
use serde_json::json;

fn v136() -> Version {
    Version::new(1, 36)
}

fn is_token_name(s: &str) -> bool {
    s.strip_prefix("kube-api-access-")
        .is_some_and(|r| r.len() == 5 && r.bytes().all(|b| admission::NAME_ALPHABET.contains(&b)))
}

/// Hand-derived: a minimal Pod through the whole pipeline (v1.36, default plugins), as
/// `kubectl apply` of it returns it.
#[test]
fn appendix_1_worked_example() {
    let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"}, "spec": {"containers": [
        {"name": "app", "image": "nginx", "ports": [{"containerPort": 80}], "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}}}
    ]}, "status": {}});
    let r = run(AdmitInput::new(pod, v136()));
    assert_eq!(r.outcome, Outcome::Created);
    assert!(r.errors.is_empty() && r.warnings.is_empty());
    assert_eq!(
        r.admission_plugins,
        vec![
            "ServiceAccount",
            "Priority",
            "DefaultTolerationSeconds",
            "RuntimeClass"
        ]
    );
    let p = r.pod.expect("created");
    let token = p["spec"]["volumes"][0]["name"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(is_token_name(&token), "{token}");
    let mount = json!({"name": token, "readOnly": true, "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"});
    let want = json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {
            "containers": [{
                "name": "app", "image": "nginx", "imagePullPolicy": "Always",
                "ports": [{"containerPort": 80, "protocol": "TCP"}],
                "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": "500m", "memory": "128Mi"}},
                "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
                "volumeMounts": [mount]
            }],
            "dnsPolicy": "ClusterFirst", "restartPolicy": "Always", "schedulerName": "default-scheduler",
            "securityContext": {}, "terminationGracePeriodSeconds": 30, "enableServiceLinks": true,
            "serviceAccountName": "default", "serviceAccount": "default",
            "priority": 0, "preemptionPolicy": "PreemptLowerPriority",
            "tolerations": [
                {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
                {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}
            ],
            "volumes": [admission::service_account::token_volume(&token)]
        },
        "status": {"phase": "Pending", "qosClass": crate::qos::compute_pod_qos(&p, &v136())}
    });
    assert_eq!(p, want);
    // Every added field is explained, with who added it.
    let by_of = |path: &str| {
        r.changes
            .iter()
            .find(|c| c.path == path)
            .map(|c| c.by.clone())
    };
    assert_eq!(
        by_of("spec.containers[0].imagePullPolicy").as_deref(),
        Some("defaulting")
    );
    assert_eq!(
        by_of("spec.serviceAccountName").as_deref(),
        Some("admission:ServiceAccount")
    );
    assert_eq!(
        by_of("spec.priority").as_deref(),
        Some("admission:Priority")
    );
    assert_eq!(
        by_of("spec.tolerations[0]").as_deref(),
        Some("admission:DefaultTolerationSeconds")
    );
    assert_eq!(by_of("metadata.namespace").as_deref(), Some("namespace"));
    assert_eq!(by_of("status").as_deref(), Some("create"));
}

#[test]
fn same_input_same_names_and_names_survive_unrelated_edits() {
    let a = json!({"metadata": {"generateName": "web-"}, "spec": {"containers": [{"name": "a", "image": "x:1"}]}});
    let mut b = a.clone();
    b["spec"]["containers"][0]["image"] = json!("y:2");
    let ra = run(AdmitInput::new(a.clone(), v136()));
    let rb = run(AdmitInput::new(b, v136()));
    let ra2 = run(AdmitInput::new(a, v136()));
    let name = |r: &AdmitResult| {
        r.prepared_for_create.as_ref().unwrap()["metadata"]["name"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(name(&ra), name(&ra2));
    assert_eq!(name(&ra), name(&rb));
    assert!(name(&ra).starts_with("web-") && name(&ra).len() == 9);
    let mut seeded = AdmitInput::new(
        json!({"metadata": {"generateName": "web-"}, "spec": {}}),
        v136(),
    );
    seeded.seed = Some(99);
    let r = run(seeded);
    assert!(r.prepared_for_create.unwrap()["metadata"]["name"]
        .as_str()
        .unwrap()
        .starts_with("web-"));
}

#[test]
fn negative_grace_period_becomes_1_without_warning() {
    let r = run(AdmitInput::new(
        json!({"metadata": {"name": "p"}, "spec": {"terminationGracePeriodSeconds": -5, "containers": []}}),
        v136(),
    ));
    assert_eq!(
        r.scheme_defaulted["spec"]["terminationGracePeriodSeconds"],
        -5
    );
    assert_eq!(
        r.admitted.unwrap()["spec"]["terminationGracePeriodSeconds"],
        1
    );
    // warnings.go's negative-grace warning never fires on create: WarningsOnCreate sees the
    // converted (internal) pod, whose grace period is already 1.
    assert!(r.warnings.is_empty());
}

#[test]
fn deprecated_service_account_field_is_read_and_mirrored() {
    let objects = vec![json!({"kind": "ServiceAccount", "metadata": {"name": "builder"}})];
    let mut input = AdmitInput::new(
        json!({"metadata": {"name": "p"}, "spec": {"serviceAccount": "builder", "containers": []}}),
        v136(),
    );
    input.cluster = ClusterContext::new(objects);
    let r = run(input);
    let spec = &r.admitted.unwrap()["spec"];
    assert_eq!(
        (&spec["serviceAccountName"], &spec["serviceAccount"]),
        (&json!("builder"), &json!("builder"))
    );
}

#[test]
fn namespace_from_request_or_mismatch() {
    let mut input = AdmitInput::new(
        json!({"metadata": {"name": "p"}, "spec": {"containers": []}}),
        v136(),
    );
    input.request_namespace = "team".into();
    let r = run(input);
    assert_eq!(r.admitted.unwrap()["metadata"]["namespace"], "team");

    let mut input = AdmitInput::new(
        json!({"metadata": {"name": "p", "namespace": "other"}, "spec": {}}),
        v136(),
    );
    input.request_namespace = "team".into();
    let r = run(input);
    assert_eq!(r.outcome, Outcome::BadRequest);
    assert_eq!(
        r.errors,
        vec![
            "the namespace of the provided object does not match the namespace sent on the request"
        ]
    );
    assert!(r.admitted.is_none() && r.pod.is_none());
}

#[test]
fn admission_error_stops_the_pipeline() {
    let r = run(AdmitInput::new(
        json!({"metadata": {"generateName": "web-"}, "spec": {"priorityClassName": "nope", "containers": []}}),
        v136(),
    ));
    assert_eq!(r.outcome, Outcome::RejectedAdmission);
    let e = r.admission_error.unwrap();
    assert_eq!((e.plugin.as_str(), e.status_code), ("Priority", 403));
    assert_eq!(
        e.message,
        "pods \"web-\" is forbidden: no PriorityClass with name nope was found"
    );
    assert_eq!(r.errors, vec![e.message]);
    assert!(r.admitted.is_none() && r.prepared_for_create.is_none() && r.pod.is_none());
}

#[test]
fn validating_admission_rejects_overhead_without_runtime_class() {
    let r = run(AdmitInput::new(
        json!({"metadata": {"name": "p"}, "spec": {"overhead": {"cpu": "100m"}, "containers": [{"name": "c", "image": "nginx"}]}}),
        v136(),
    ));
    assert_eq!(r.outcome, Outcome::RejectedValidatingAdmission);
    assert_eq!(r.errors, vec!["pods \"p\" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead"]);
    assert!(r.prepared_for_create.is_some() && r.pod.is_none());
}

#[test]
fn user_status_is_discarded() {
    let r = run(AdmitInput::new(
        json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}, "status": {"phase": "Running", "podIP": "1.2.3.4"}}),
        v136(),
    ));
    let status = &r.pod.unwrap()["status"];
    assert_eq!(status["phase"], "Pending");
    assert!(status.get("podIP").is_none());
}

#[test]
fn disabled_gate_fields_are_dropped_per_version() {
    let pod = json!({"metadata": {"name": "p"}, "spec": {
        "hostnameOverride": "h",
        "containers": [{"name": "a", "image": "x:1", "lifecycle": {"stopSignal": "SIGUSR1"},
            "volumeMounts": [{"name": "img", "mountPath": "/img"}]}],
        "volumes": [{"name": "img", "image": {"reference": "art:1"}}]}});
    // 1.36: ContainerStopSignals is still off; HostnameOverride and ImageVolume are on.
    let r = run(AdmitInput::new(pod.clone(), v136()));
    let p = r.prepared_for_create.unwrap();
    assert!(
        p["spec"]["containers"][0].get("lifecycle").is_none(),
        "stopSignal dropped, empty lifecycle removed"
    );
    assert_eq!(p["spec"]["hostnameOverride"], "h");
    assert_eq!(p["spec"]["volumes"][0]["name"], "img");
    assert!(r
        .changes
        .iter()
        .any(|c| c.path == "spec.containers[0].lifecycle.stopSignal" && c.value.is_null()));
    // 1.34: HostnameOverride and ImageVolume are off too.
    let r = run(AdmitInput::new(pod, Version::new(1, 34)));
    let p = r.prepared_for_create.unwrap();
    assert!(p["spec"].get("hostnameOverride").is_none());
    let vols: Vec<&str> = p["spec"]["volumes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap())
        .collect();
    assert!(!vols.contains(&"img"));
    let mounts = p["spec"]["containers"][0]["volumeMounts"]
        .as_array()
        .unwrap();
    assert!(mounts.iter().all(|m| m["name"] != "img"));
}

/// 1.36 behaves like 1.35 on the admission path; these rows are hand-derived from
/// plugin/pkg/admission/* in v1.36.
#[test]
fn version_1_36_rows() {
    // GenericWorkload is off in 1.36: spec.schedulingGroup is dropped.
    let r = run(AdmitInput::new(
        json!({"metadata": {"name": "p"}, "spec": {"schedulingGroup": {"name": "g"}, "containers": []}}),
        v136(),
    ));
    assert!(r.prepared_for_create.unwrap()["spec"]
        .get("schedulingGroup")
        .is_none());
    // RuntimeClass tolerations merge after the defaults: a shorter NoExecute toleration is dropped.
    let mut input = AdmitInput::new(
        json!({"metadata": {"name": "p"}, "spec": {"runtimeClassName": "gv", "containers": []}}),
        v136(),
    );
    input.cluster = ClusterContext::new(vec![
        json!({"kind": "RuntimeClass", "metadata": {"name": "gv"}, "handler": "runsc",
        "scheduling": {"tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists"}]}}),
    ]);
    let r = run(input);
    assert_eq!(
        r.admitted.unwrap()["spec"]["tolerations"],
        json!([
            {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
            {"key": "node.kubernetes.io/not-ready", "operator": "Exists"}
        ])
    );
    // ImageVolume is GA in 1.36: pullPolicy is defaulted from the reference.
    let r = run(AdmitInput::new(
        json!({"metadata": {"name": "p"}, "spec": {"containers": [], "volumes": [{"name": "v", "image": {"reference": "art:latest"}}]}}),
        v136(),
    ));
    assert_eq!(
        r.scheme_defaulted["spec"]["volumes"][0]["image"]["pullPolicy"],
        "Always"
    );
    // Unknown service account in another namespace.
    let mut input = AdmitInput::new(
        json!({"metadata": {"name": "p", "namespace": "ns1"}, "spec": {"serviceAccountName": "robot", "containers": []}}),
        v136(),
    );
    input.request_namespace = "ns1".into();
    let r = run(input);
    assert_eq!(r.errors, vec!["pods \"p\" is forbidden: error looking up service account ns1/robot: serviceaccount \"robot\" not found"]);
}

#[test]
fn always_pull_images_when_enabled() {
    let mut input = AdmitInput::new(
        json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": "x:1"}]}}),
        v136(),
    );
    input.settings.always_pull_images = true;
    let r = run(input);
    assert_eq!(
        r.admission_plugins,
        vec![
            "ServiceAccount",
            "AlwaysPullImages",
            "Priority",
            "DefaultTolerationSeconds",
            "RuntimeClass"
        ]
    );
    assert_eq!(
        r.pod.unwrap()["spec"]["containers"][0]["imagePullPolicy"],
        "Always"
    );
}

#[test]
fn bad_input_never_panics() {
    for pod in [
        json!(null),
        json!([1]),
        json!({"metadata": 3, "spec": []}),
        json!({"spec": {"containers": [1, null], "volumes": "x", "tolerations": 5}}),
    ] {
        let _ = run(AdmitInput::new(pod, v136()));
    }
}

#[test]
fn a_terminating_namespace_accepts_no_new_pods() {
    let mut input = AdmitInput::new(
        json!({"metadata": {"name": "p", "namespace": "old"}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}}),
        v136(),
    );
    input.request_namespace = "old".into();
    input.cluster.objects.push(json!({"kind": "Namespace", "apiVersion": "v1", "metadata": {"name": "old"}, "status": {"phase": "Terminating"}}));
    let r = run(input.clone());
    assert_eq!(r.outcome, Outcome::RejectedAdmission);
    assert_eq!(
        r.errors,
        vec!["pods \"p\" is forbidden: unable to create new content in namespace old because it is being terminated"]
    );
    assert_eq!(r.admission_error.unwrap().plugin, "NamespaceLifecycle");
    // An active namespace changes nothing.
    input.cluster.objects[0]["status"]["phase"] = json!("Active");
    assert_eq!(run(input).outcome, Outcome::Created);
}
