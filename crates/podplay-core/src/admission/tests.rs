use super::AdmissionSettings;
use super::*;
use crate::cluster::ClusterContext;
use serde_json::json;

fn pod(spec: Value) -> Value {
    json!({"metadata": {"name": "p", "namespace": "default"}, "spec": spec})
}

/// Runs one plugin's admit with the given cluster objects.
fn run(plugin: &str, p: &mut Value, objects: Vec<Value>) -> Result<Changes, AdmissionError> {
    let cluster = ClusterContext::new(objects);
    let settings = AdmissionSettings::default();
    let mut names = NameGenerator::new(7);
    let mut ctx = Ctx {
        cluster: &cluster,
        namespace: "default",
        settings: &settings,
        version: Version::new(1, 36),
        names: &mut names,
    };
    let mut changes = Changes::new();
    run_mutating(p, &[plugin], &mut ctx, &mut changes)?;
    Ok(changes)
}

fn validate_with(plugin: &str, p: &Value, objects: Vec<Value>) -> Result<(), AdmissionError> {
    let cluster = ClusterContext::new(objects);
    let settings = AdmissionSettings::default();
    let mut names = NameGenerator::new(7);
    let ctx = Ctx {
        cluster: &cluster,
        namespace: "default",
        settings: &settings,
        version: Version::new(1, 36),
        names: &mut names,
    };
    run_validating(p, &[plugin], &ctx)
}

fn rc(name: &str, extra: Value) -> Value {
    let mut v = json!({"apiVersion": "node.k8s.io/v1", "kind": "RuntimeClass", "metadata": {"name": name}, "handler": "h"});
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

// ----- names -----

#[test]
fn forbidden_names_the_pod_or_its_prefix_or_unknown() {
    let e = forbidden("X", &json!({"metadata": {"name": "p"}}), "spec", "r");
    assert_eq!(
        (e.message.as_str(), e.status_code),
        ("pods \"p\" is forbidden: r", 403)
    );
    assert_eq!(
        forbidden(
            "X",
            &json!({"metadata": {"generateName": "web-"}}),
            "spec",
            "r"
        )
        .message,
        "pods \"web-\" is forbidden: r"
    );
    assert_eq!(
        forbidden("X", &json!({}), "spec", "r").message,
        "pods \"Unknown\" is forbidden: r"
    );
}

#[test]
fn name_generator_is_reproducible_and_uses_the_alphabet() {
    let a = NameGenerator::new(42).generate("kube-api-access-");
    assert_eq!(a, NameGenerator::new(42).generate("kube-api-access-"));
    let suffix = a.strip_prefix("kube-api-access-").unwrap();
    assert_eq!(suffix.len(), 5);
    assert!(suffix.bytes().all(|b| NAME_ALPHABET.contains(&b)));
    let long = "x".repeat(70);
    assert_eq!(
        NameGenerator::new(1).generate(&long).len(),
        63,
        "base cut to 58 + 5"
    );
    assert_ne!(
        NameGenerator::new(1).suffix(),
        NameGenerator::new(2).suffix()
    );
}

// ----- plugin/pkg/admission/runtimeclass/admission_test.go: TestSetOverhead / TestSetScheduling / TestValidateOverhead -----

#[test]
fn runtime_class_set_overhead_rows() {
    let small = json!({"overhead": {"podFixed": {"cpu": "100m", "memory": "1"}}});
    let big = json!({"overhead": {"podFixed": {"cpu": "10", "memory": "10G"}}});
    let rows: Vec<(Value, Value, Option<Value>)> = vec![
        (
            small.clone(),
            json!({"runtimeClassName": "r", "containers": [{"name": "a"}]}),
            Some(json!({"cpu": "100m", "memory": "1"})),
        ),
        (
            small.clone(),
            json!({"runtimeClassName": "r", "containers": [{"name": "a", "resources": {"limits": {"cpu": "1", "memory": "10"}, "requests": {"cpu": "1", "memory": "10"}}}]}),
            Some(json!({"cpu": "100m", "memory": "1"})),
        ),
        (
            big,
            json!({"runtimeClassName": "r", "overhead": {"cpu": "100m", "memory": "1"}}),
            None,
        ),
        (
            small,
            json!({"runtimeClassName": "r", "overhead": {"cpu": "100m", "memory": "1"}}),
            Some(json!({"cpu": "100m", "memory": "1"})),
        ),
    ];
    for (rc_extra, spec, want) in rows {
        let mut p = pod(spec);
        let result = run(runtime_class::NAME, &mut p, vec![rc("r", rc_extra)]);
        match want {
            Some(o) => {
                assert!(result.is_ok());
                assert_eq!(p["spec"]["overhead"], o);
            }
            None => assert_eq!(
                result.unwrap_err().message,
                "pods \"p\" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead"
            ),
        }
    }
}

#[test]
fn runtime_class_set_scheduling_rows() {
    let tol = |k: &str, v: &str| json!({"key": k, "operator": "Equal", "value": v, "effect": "NoSchedule"});
    // (rc scheduling, pod nodeSelector, pod tolerations, expected (nodeSelector, tolerations) or error)
    type Row = (
        Value,
        Option<Value>,
        Option<Value>,
        Result<(Value, Value), &'static str>,
    );
    let rows: Vec<Row> = vec![
        (Value::Null, Some(json!({"foo": "bar"})), Some(json!([])), Ok((json!({"foo": "bar"}), json!([])))),
        (json!({"nodeSelector": {"foo": "conflict"}}), Some(json!({"foo": "bar"})), Some(json!([])),
            Err("pods \"p\" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[foo] = conflict; pod.spec.nodeSelector[foo] = bar")),
        (json!({"nodeSelector": {"foo": "bar"}}), None, None, Ok((json!({"foo": "bar"}), Value::Null))),
        (json!({"nodeSelector": {"foo": "bar"}}), Some(json!({"foo": "bar"})), None, Ok((json!({"foo": "bar"}), Value::Null))),
        (json!({"nodeSelector": {"foo": "bar", "fizz": "buzz"}}), Some(json!({"foo": "bar"})), None,
            Ok((json!({"foo": "bar", "fizz": "buzz"}), Value::Null))),
        (json!({"tolerations": [tol("foo", "bar"), tol("fizz", "buzz")]}), Some(json!({"foo": "bar"})), Some(json!([tol("foo", "bar")])),
            Ok((json!({"foo": "bar"}), json!([tol("foo", "bar"), tol("fizz", "buzz")])))),
    ];
    for (scheduling, selector, tolerations, want) in rows {
        let mut spec = json!({"runtimeClassName": "r"});
        if let Some(s) = selector {
            spec["nodeSelector"] = s;
        }
        if let Some(t) = tolerations {
            spec["tolerations"] = t;
        }
        let extra = if scheduling.is_null() {
            json!({})
        } else {
            json!({"scheduling": scheduling})
        };
        let mut p = pod(spec);
        let result = run(runtime_class::NAME, &mut p, vec![rc("r", extra)]);
        match want {
            Ok((sel, tols)) => {
                assert!(result.is_ok(), "{result:?}");
                assert_eq!(p["spec"]["nodeSelector"], sel);
                // An empty toleration list is not written out.
                let got = p["spec"].get("tolerations").cloned().unwrap_or(Value::Null);
                let want_tols = if tols == json!([]) && got.is_null() {
                    Value::Null
                } else {
                    tols
                };
                assert_eq!(got, want_tols);
            }
            Err(msg) => assert_eq!(result.unwrap_err().message, msg),
        }
    }
}

#[test]
fn runtime_class_validate_overhead_rows() {
    let with = json!({"overhead": {"podFixed": {"cpu": "100m", "memory": "1"}}});
    let mismatch = "pods \"p\" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead";
    let without = "pods \"p\" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead";
    let ov = json!({"cpu": "100m", "memory": "1"});
    let rows: Vec<(Option<Value>, Option<Value>, Option<&str>)> = vec![
        (Some(with.clone()), None, Some(mismatch)),
        (Some(json!({})), Some(ov.clone()), Some(without)),
        (None, Some(ov.clone()), Some(without)),
        (
            Some(json!({"overhead": {"podFixed": {"cpu": "10", "memory": "10G"}}})),
            Some(ov.clone()),
            Some(mismatch),
        ),
        (Some(with), Some(ov), None),
    ];
    for (rc_extra, overhead, want) in rows {
        let mut spec = json!({"containers": [{"name": "a"}]});
        let mut objects = vec![];
        if let Some(extra) = rc_extra {
            spec["runtimeClassName"] = json!("r");
            objects.push(rc("r", extra));
        }
        if let Some(o) = overhead {
            spec["overhead"] = o;
        }
        let result = validate_with(runtime_class::NAME, &pod(spec), objects);
        assert_eq!(result.err().map(|e| e.message), want.map(str::to_string));
    }
}

#[test]
fn runtime_class_missing_is_forbidden() {
    let mut p = pod(json!({"runtimeClassName": "gvisor"}));
    let e = run(runtime_class::NAME, &mut p, vec![]).unwrap_err();
    assert_eq!(
        e.message,
        "pods \"p\" is forbidden: pod rejected: RuntimeClass \"gvisor\" not found"
    );
    assert_eq!((e.plugin.as_str(), e.status_code), ("RuntimeClass", 403));
}

/// The real order (pkg/kubeapiserver/options/plugins.go) — default tolerations first, then the class's merged in.
#[test]
fn runtime_class_worked_example() {
    let gvisor = rc(
        "gvisor",
        json!({"handler": "runsc", "overhead": {"podFixed": {"cpu": "250m", "memory": "120Mi"}},
        "scheduling": {"nodeSelector": {"runtime": "gvisor"},
            "tolerations": [{"key": "runtime", "operator": "Equal", "value": "gvisor", "effect": "NoSchedule"}]}}),
    );
    let mut p = pod(
        json!({"runtimeClassName": "gvisor", "nodeSelector": {"disk": "ssd"}, "containers": [{"name": "a"}]}),
    );
    run(default_toleration_seconds::NAME, &mut p, vec![]).unwrap();
    run(runtime_class::NAME, &mut p, vec![gvisor]).unwrap();
    assert_eq!(
        p["spec"]["nodeSelector"],
        json!({"disk": "ssd", "runtime": "gvisor"})
    );
    assert_eq!(
        p["spec"]["overhead"],
        json!({"cpu": "250m", "memory": "120Mi"})
    );
    assert_eq!(
        p["spec"]["tolerations"],
        json!([
            {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
            {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
            {"key": "runtime", "operator": "Equal", "value": "gvisor", "effect": "NoSchedule"}
        ])
    );
    // With an Exists-everything class toleration, the defaults are dropped as redundant.
    let all = rc(
        "all",
        json!({"scheduling": {"tolerations": [{"operator": "Exists"}]}}),
    );
    let mut p = pod(json!({"runtimeClassName": "all"}));
    run(default_toleration_seconds::NAME, &mut p, vec![]).unwrap();
    run(runtime_class::NAME, &mut p, vec![all]).unwrap();
    assert_eq!(p["spec"]["tolerations"], json!([{"operator": "Exists"}]));
}

// ----- DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds) -----

#[test]
fn default_toleration_seconds_rows() {
    let nr = json!({"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300});
    let un = json!({"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300});
    let rows: Vec<(Value, Value)> = vec![
        (json!(null), json!([nr.clone(), un.clone()])),
        (
            json!([{"operator": "Exists"}]),
            json!([{"operator": "Exists"}]),
        ),
        (
            json!([{"operator": "Exists", "effect": "NoSchedule"}]),
            json!([{"operator": "Exists", "effect": "NoSchedule"}, nr.clone(), un.clone()]),
        ),
        (
            json!([{"key": "node.kubernetes.io/not-ready", "operator": "Equal", "value": "x"}]),
            json!([{"key": "node.kubernetes.io/not-ready", "operator": "Equal", "value": "x"}, un.clone()]),
        ),
        (
            json!([{"key": "node.kubernetes.io/unreachable", "effect": "NoExecute", "tolerationSeconds": 5}]),
            json!([{"key": "node.kubernetes.io/unreachable", "effect": "NoExecute", "tolerationSeconds": 5}, nr.clone()]),
        ),
    ];
    for (given, want) in rows {
        let mut spec = json!({});
        if !given.is_null() {
            spec["tolerations"] = given;
        }
        let mut p = pod(spec);
        run(default_toleration_seconds::NAME, &mut p, vec![]).unwrap();
        assert_eq!(p["spec"]["tolerations"], want);
    }
}

// ----- Priority (plugin/pkg/admission/priority) -----

fn pc(name: &str, value: i64, global: bool, preemption: Option<&str>) -> Value {
    let mut v = json!({"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": name}, "value": value, "globalDefault": global});
    if let Some(p) = preemption {
        v["preemptionPolicy"] = json!(p);
    }
    v
}

#[test]
fn priority_rows() {
    // No class, no default → 0 / PreemptLowerPriority, no class name.
    let mut p = pod(json!({}));
    run(priority::NAME, &mut p, vec![]).unwrap();
    assert_eq!(
        (&p["spec"]["priority"], &p["spec"]["preemptionPolicy"]),
        (&json!(0), &json!("PreemptLowerPriority"))
    );
    assert!(p["spec"].get("priorityClassName").is_none());

    // Global default: the lowest-valued of several.
    let mut p = pod(json!({}));
    run(
        priority::NAME,
        &mut p,
        vec![
            pc("high", 1000, true, None),
            pc("low", 10, true, Some("Never")),
        ],
    )
    .unwrap();
    assert_eq!(
        (
            &p["spec"]["priorityClassName"],
            &p["spec"]["priority"],
            &p["spec"]["preemptionPolicy"]
        ),
        (&json!("low"), &json!(10), &json!("Never"))
    );

    // Built-in system class.
    let mut p = pod(json!({"priorityClassName": "system-node-critical"}));
    run(priority::NAME, &mut p, vec![]).unwrap();
    assert_eq!(p["spec"]["priority"], 2_000_001_000);
    let mut p = pod(json!({"priorityClassName": "system-cluster-critical"}));
    run(priority::NAME, &mut p, vec![]).unwrap();
    assert_eq!(p["spec"]["priority"], 2_000_000_000);

    // Errors.
    let mut p = pod(json!({"priorityClassName": "nope"}));
    assert_eq!(
        run(priority::NAME, &mut p, vec![]).unwrap_err().message,
        "pods \"p\" is forbidden: no PriorityClass with name nope was found"
    );
    let mut p = pod(json!({"priorityClassName": "batch", "priority": 5}));
    assert_eq!(
        run(priority::NAME, &mut p, vec![pc("batch", 100, false, None)]).unwrap_err().message,
        "pods \"p\" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 100 from the given PriorityClass name"
    );
    let mut p = pod(json!({"priorityClassName": "batch", "preemptionPolicy": "Never"}));
    assert_eq!(
        run(priority::NAME, &mut p, vec![pc("batch", 100, false, None)]).unwrap_err().message,
        "pods \"p\" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name"
    );
    // Equal values are accepted.
    let mut p = pod(
        json!({"priorityClassName": "batch", "priority": 100, "preemptionPolicy": "PreemptLowerPriority"}),
    );
    assert!(run(priority::NAME, &mut p, vec![pc("batch", 100, false, None)]).is_ok());
}

// ----- ServiceAccount (plugin/pkg/admission/serviceaccount) -----

fn sa(name: &str, extra: Value) -> Value {
    let mut v = json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name}});
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

#[test]
fn service_account_mounts_token_in_init_and_regular_containers() {
    let mut p = pod(
        json!({"initContainers": [{"name": "i"}], "containers": [{"name": "a"},
        {"name": "b", "volumeMounts": [{"name": "own", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}]}],
        "volumes": [{"name": "own", "emptyDir": {}}]}),
    );
    let changes = run(service_account::NAME, &mut p, vec![]).unwrap();
    let vols = p["spec"]["volumes"].as_array().unwrap();
    assert_eq!(vols.len(), 2);
    let name = vols[1]["name"].as_str().unwrap().to_string();
    assert!(name.starts_with("kube-api-access-") && name.len() == 21);
    assert_eq!(vols[1], service_account::token_volume(&name));
    let mount = json!({"name": name, "readOnly": true, "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"});
    assert_eq!(
        p["spec"]["initContainers"][0]["volumeMounts"],
        json!([mount.clone()])
    );
    assert_eq!(p["spec"]["containers"][0]["volumeMounts"], json!([mount]));
    assert_eq!(
        p["spec"]["containers"][1]["volumeMounts"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "existing mount at the path wins"
    );
    assert_eq!(p["spec"]["serviceAccountName"], "default");
    assert!(changes
        .list
        .iter()
        .all(|c| c.by == "admission:ServiceAccount"));
}

#[test]
fn service_account_automount_rules() {
    // Pod false wins over SA true; pod true wins over SA false; SA false alone disables.
    for (pod_pref, sa_pref, mounted) in [
        (Some(false), Some(true), false),
        (Some(true), Some(false), true),
        (None, Some(false), false),
        (None, None, true),
    ] {
        let mut spec = json!({"containers": [{"name": "a"}]});
        if let Some(b) = pod_pref {
            spec["automountServiceAccountToken"] = json!(b);
        }
        let extra = sa_pref.map_or(json!({}), |b| json!({"automountServiceAccountToken": b}));
        let mut p = pod(spec);
        run(service_account::NAME, &mut p, vec![sa("default", extra)]).unwrap();
        assert_eq!(
            p["spec"].get("volumes").is_some(),
            mounted,
            "pod {pod_pref:?} sa {sa_pref:?}"
        );
    }
}

#[test]
fn service_account_pull_secrets_only_when_pod_has_none() {
    let builder = sa(
        "default",
        json!({"imagePullSecrets": [{"name": "a"}, {"name": "b"}]}),
    );
    let mut p = pod(json!({"containers": [{"name": "c"}]}));
    run(service_account::NAME, &mut p, vec![builder.clone()]).unwrap();
    assert_eq!(
        p["spec"]["imagePullSecrets"],
        json!([{"name": "a"}, {"name": "b"}])
    );
    let mut p = pod(json!({"containers": [{"name": "c"}], "imagePullSecrets": [{"name": "mine"}]}));
    run(service_account::NAME, &mut p, vec![builder]).unwrap();
    assert_eq!(p["spec"]["imagePullSecrets"], json!([{"name": "mine"}]));
}

#[test]
fn service_account_errors() {
    let mut p = pod(json!({"serviceAccountName": "builder", "containers": [{"name": "c"}]}));
    let e = run(service_account::NAME, &mut p, vec![]).unwrap_err();
    assert_eq!(e.message, "pods \"p\" is forbidden: error looking up service account default/builder: serviceaccount \"builder\" not found");

    let enforce = sa(
        "default",
        json!({"metadata": {"name": "default", "annotations": {"kubernetes.io/enforce-mountable-secrets": "true"}}, "secrets": [{"name": "ok"}]}),
    );
    let mut p = pod(
        json!({"containers": [{"name": "c", "env": [{"name": "E", "valueFrom": {"secretKeyRef": {"name": "bad", "key": "k"}}}]}]}),
    );
    assert_eq!(
        run(service_account::NAME, &mut p, vec![enforce.clone()]).unwrap_err().message,
        "pods \"p\" is forbidden: container c with envVar E referencing secret.secretName=\"bad\" is not allowed because service account default does not reference that secret"
    );
    let mut p = pod(
        json!({"initContainers": [{"name": "i", "envFrom": [{"secretRef": {"name": "bad"}}]}], "containers": [{"name": "c"}]}),
    );
    assert_eq!(
        run(service_account::NAME, &mut p, vec![enforce.clone()]).unwrap_err().message,
        "pods \"p\" is forbidden: init container i with envFrom referencing secret.secretName=\"bad\" is not allowed because service account default does not reference that secret"
    );
    let mut p = pod(
        json!({"containers": [{"name": "c"}], "volumes": [{"name": "v", "secret": {"secretName": "ok"}}]}),
    );
    assert!(run(service_account::NAME, &mut p, vec![enforce]).is_ok());

    // Mirror pods: not mutated, but may not reference service accounts, secrets or token projections.
    let mirror = |spec: Value| json!({"metadata": {"name": "p", "annotations": {"kubernetes.io/config.mirror": "x"}}, "spec": spec});
    let mut p = mirror(json!({"containers": [{"name": "c"}]}));
    run(service_account::NAME, &mut p, vec![]).unwrap();
    assert!(p["spec"].get("serviceAccountName").is_none() && p["spec"].get("volumes").is_none());
    let mut p = mirror(json!({"serviceAccountName": "default"}));
    assert_eq!(
        run(service_account::NAME, &mut p, vec![])
            .unwrap_err()
            .message,
        "pods \"p\" is forbidden: a mirror pod may not reference service accounts"
    );
    let mut p = mirror(json!({"imagePullSecrets": [{"name": "s"}]}));
    assert_eq!(
        run(service_account::NAME, &mut p, vec![])
            .unwrap_err()
            .message,
        "pods \"p\" is forbidden: a mirror pod may not reference secrets"
    );
    let mut p = mirror(
        json!({"volumes": [{"name": "t", "projected": {"sources": [{"serviceAccountToken": {"path": "t"}}]}}]}),
    );
    assert_eq!(
        run(service_account::NAME, &mut p, vec![])
            .unwrap_err()
            .message,
        "pods \"p\" is forbidden: a mirror pod may not use ServiceAccountToken volume projections"
    );
}

// ----- AlwaysPullImages (plugin/pkg/admission/alwayspullimages), LimitRanger (plugin/pkg/admission/limitranger) -----

#[test]
fn always_pull_images_sets_and_validates() {
    let mut p = pod(
        json!({"initContainers": [{"name": "i", "imagePullPolicy": "Never"}], "containers": [{"name": "c", "imagePullPolicy": "IfNotPresent"}],
        "volumes": [{"name": "v", "image": {"reference": "r", "pullPolicy": "IfNotPresent"}}]}),
    );
    assert!(validate_with(always_pull_images::NAME, &p, vec![]).is_err());
    run(always_pull_images::NAME, &mut p, vec![]).unwrap();
    assert_eq!(p["spec"]["initContainers"][0]["imagePullPolicy"], "Always");
    assert_eq!(p["spec"]["containers"][0]["imagePullPolicy"], "Always");
    assert_eq!(p["spec"]["volumes"][0]["image"]["pullPolicy"], "Always");
    assert!(validate_with(always_pull_images::NAME, &p, vec![]).is_ok());
    let one = pod(json!({"containers": [{"name": "c", "imagePullPolicy": "IfNotPresent"}]}));
    assert_eq!(
        validate_with(always_pull_images::NAME, &one, vec![]).unwrap_err().message,
        "pods \"p\" is forbidden: spec.containers[0].imagePullPolicy: Unsupported value: \"IfNotPresent\": supported values: \"Always\""
    );
}

/// The pull policy is a `core.PullPolicy`: from 1.34 field errors print such named strings
/// through `json.Marshal` (apimachinery util/validation/field `ErrorBody`), before with `%#v`.
#[test]
fn always_pull_images_prints_the_policy_as_the_release_does() {
    let p = pod(json!({"containers": [{"name": "c", "imagePullPolicy": "a<b"}]}));
    let message = |minor| {
        always_pull_images::validate(&p, &Version::new(1, minor))
            .unwrap_err()
            .message
    };
    let prefix = "pods \"p\" is forbidden: spec.containers[0].imagePullPolicy: Unsupported value: ";
    assert_eq!(
        message(33),
        format!("{prefix}\"a<b\": supported values: \"Always\"")
    );
    for minor in [34, 35, 36] {
        assert_eq!(
            message(minor),
            format!("{prefix}\"a\\u003cb\": supported values: \"Always\"")
        );
    }
}

#[test]
fn limit_ranger_fills_defaults_and_annotates() {
    let lr = json!({"apiVersion": "v1", "kind": "LimitRange", "metadata": {"name": "lr"},
        "spec": {"limits": [{"type": "Container", "default": {"cpu": "500m", "memory": "256Mi"}, "defaultRequest": {"cpu": "100m"}, "max": {"memory": "1Gi"}}]}});
    let mut p = pod(
        json!({"initContainers": [{"name": "i", "resources": {"limits": {"cpu": "1"}, "requests": {"cpu": "1"}}}],
        "containers": [{"name": "a", "resources": {}}]}),
    );
    run(limit_ranger::NAME, &mut p, vec![lr]).unwrap();
    assert_eq!(
        p["spec"]["containers"][0]["resources"],
        json!({"limits": {"cpu": "500m", "memory": "256Mi"}, "requests": {"cpu": "100m", "memory": "256Mi"}})
    );
    assert_eq!(
        p["spec"]["initContainers"][0]["resources"],
        json!({"limits": {"cpu": "1", "memory": "256Mi"}, "requests": {"cpu": "1", "memory": "256Mi"}})
    );
    assert_eq!(
        p["metadata"]["annotations"]["kubernetes.io/limit-ranger"],
        "LimitRanger plugin set: cpu, memory request for container a; cpu, memory limit for container a; memory request for init container i; memory limit for init container i"
    );
}

#[test]
fn plugin_list_follows_settings_and_limit_ranges() {
    let cluster = ClusterContext::default();
    let mut settings = AdmissionSettings::default();
    let mut names = NameGenerator::new(1);
    let ctx = Ctx {
        cluster: &cluster,
        namespace: "default",
        settings: &settings,
        version: Version::new(1, 35),
        names: &mut names,
    };
    assert_eq!(
        mutating_plugins(&ctx, &json!({})),
        vec![
            "ServiceAccount",
            "Priority",
            "DefaultTolerationSeconds",
            "RuntimeClass"
        ]
    );
    settings.always_pull_images = true;
    let with_lr = ClusterContext::new(vec![
        json!({"kind": "LimitRange", "metadata": {"name": "x"}}),
    ]);
    let ctx = Ctx {
        cluster: &with_lr,
        namespace: "default",
        settings: &settings,
        version: Version::new(1, 35),
        names: &mut names,
    };
    assert_eq!(
        mutating_plugins(&ctx, &json!({})),
        vec![
            "LimitRanger",
            "ServiceAccount",
            "AlwaysPullImages",
            "Priority",
            "DefaultTolerationSeconds",
            "RuntimeClass"
        ]
    );
}

#[test]
fn limit_ranger_validates_min_max_and_ratio() {
    let lr = json!({"kind": "LimitRange", "metadata": {"name": "lr"}, "spec": {"limits": [
        {"type": "Container", "min": {"cpu": "100m"}, "max": {"memory": "1Gi"}, "maxLimitRequestRatio": {"cpu": "2"}}]}});
    let ok = pod(
        json!({"containers": [{"name": "a", "resources": {"requests": {"cpu": "200m", "memory": "64Mi"}, "limits": {"cpu": "400m", "memory": "128Mi"}}}]}),
    );
    assert!(validate_with(limit_ranger::NAME, &ok, vec![lr.clone()]).is_ok());
    let bad = pod(
        json!({"containers": [{"name": "a", "resources": {"requests": {"cpu": "50m"}, "limits": {"cpu": "1", "memory": "2Gi"}}}]}),
    );
    assert_eq!(
        validate_with(limit_ranger::NAME, &bad, vec![lr.clone()]).unwrap_err().message,
        "pods \"p\" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, maximum memory usage per Container is 1Gi, but limit is 2Gi, cpu max limit to request ratio per Container is 2, but provided ratio is 20.000000]"
    );
    let none = pod(json!({"containers": [{"name": "a", "resources": {}}]}));
    assert_eq!(
        validate_with(limit_ranger::NAME, &none, vec![lr]).unwrap_err().message,
        "pods \"p\" is forbidden: [minimum cpu usage per Container is 100m.  No request is specified, maximum memory usage per Container is 1Gi.  No limit is specified, cpu max limit to request ratio per Container is 2, but no request is specified or request is 0]"
    );
}
