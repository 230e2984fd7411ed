//! HAND-DERIVED expectations (not computed by Kubernetes): every row below was worked out
//! by reading the Kubernetes source named with it. Rows computed by Kubernetes live in the
//! `conformance_*.rs` tests.
//!
//! Explicit empty lists and maps (`supplementalGroups: []`, `overhead: {}`) in the input.
//!
//! The API server decodes JSON into Go structs, where `[]` is a non-nil empty slice and `{}`
//! a non-nil empty map; defaulting, admission and validation run on those structs and only
//! the response is marshaled (json.Marshal's `omitempty` dropping the empties). Most Go code
//! uses `len()`, so an empty collection acts like an absent one; the few `!= nil` and
//! `reflect.DeepEqual` checks tell them apart. Expectations come from Kubernetes v1.35.4:
//! pkg/apis/core/validation/validation.go, plugin/pkg/admission/* (named per test).

use podplay_core::pipeline::{AdmitResult, Stages};
use podplay_core::report::{build, Options};
use podplay_core::versions::Version;
use serde_json::{json, Value};

/// The report's pipeline result, with every stage (the stages test reads them all).
fn run(yaml: &str) -> AdmitResult {
    let mut options = Options::new(Version::new(1, 35));
    options.stages = Stages::All;
    build(yaml, &options)
        .admit
        .expect("a pod is analysed")
        .result
}

fn outcome(r: &AdmitResult) -> Value {
    serde_json::to_value(r.outcome).unwrap_or_default()
}

fn created(yaml: &str) -> Value {
    let r = run(yaml);
    assert_eq!(outcome(&r), json!("created"), "errors: {:?}", r.errors);
    r.pod.expect("created pod")
}

/// validateWindows: `securityContext.SupplementalGroups != nil`, so `[]` is forbidden.
#[test]
fn windows_pod_rejects_an_empty_supplemental_groups_list() {
    let r = run("apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  os:
    name: windows
  securityContext:
    supplementalGroups: []
  containers:
  - name: c
    image: nginx
");
    assert_eq!(outcome(&r), json!("rejected-validation"));
    assert_eq!(
        r.errors,
        ["spec.securityContext.supplementalGroups: Forbidden: cannot be set for a windows pod"]
    );
    // `null` is a nil slice: nothing to reject.
    created(
        "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  os:
    name: windows
  securityContext:
    supplementalGroups: null
  containers:
  - name: c
    image: nginx
",
    );
}

const EPHEMERAL: &str = "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: nginx
  volumes:
  - name: scratch
    ephemeral:
      volumeClaimTemplate:
        metadata:
          labels: {}
          FINALIZERS
        spec:
          accessModes: [ReadWriteOnce]
          resources:
            requests:
              storage: 1Gi
";

/// ValidateTemplateObjectMeta → validateFieldAllowList compares each field with its zero
/// value by reflect.DeepEqual, which tells `[]string{}` from nil.
#[test]
fn claim_template_rejects_an_empty_finalizers_list() {
    let r = run(&EPHEMERAL.replace("FINALIZERS", "finalizers: []"));
    assert_eq!(outcome(&r), json!("rejected-validation"));
    assert_eq!(
        r.errors,
        ["spec.volumes[0].ephemeral.volumeClaimTemplate.metadata.finalizers: Forbidden: cannot be set"]
    );
    created(&EPHEMERAL.replace("FINALIZERS", "finalizers: null"));
    created(&EPHEMERAL.replace("FINALIZERS", "name: \"\""));
}

/// Pod-level resources: `spec.Resources.Claims != nil` is forbidden (validatePodResources).
#[test]
fn pod_level_resources_reject_an_empty_claims_list() {
    let r = run("apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  resources:
    claims: []
  containers:
  - name: c
    image: nginx
");
    assert_eq!(outcome(&r), json!("rejected-validation"));
    assert_eq!(
        r.errors,
        ["spec.resources.claims: Forbidden: claims may not be set for Resources at pod-level"]
    );
}

/// RuntimeClass validate: `pod.Spec.Overhead != nil` without a RuntimeClass overhead is
/// forbidden, and `{}` is not nil.
#[test]
fn empty_overhead_without_runtime_class_is_forbidden() {
    let r = run("apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  overhead: {}
  containers:
  - name: c
    image: nginx
");
    assert_eq!(outcome(&r), json!("rejected-validating-admission"));
    assert_eq!(
        r.errors,
        ["pods \"p\" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead"]
    );
}

/// RuntimeClass setOverhead: `len(pod.Spec.Overhead) > 0` decides a mismatch, so `{}` is
/// replaced by the class's podFixed.
#[test]
fn empty_overhead_takes_the_runtime_class_overhead() {
    let r = run("apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  runtimeClassName: kata
  overhead: {}
  containers:
  - name: c
    image: nginx
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: kata
handler: kata
overhead:
  podFixed:
    cpu: 250m
");
    assert_eq!(outcome(&r), json!("created"), "errors: {:?}", r.errors);
    let pod = r.pod.as_ref().expect("created");
    assert_eq!(pod["spec"]["overhead"], json!({"cpu": "250m"}));
    assert!(r.changes.iter().any(|c| c.path == "spec.overhead"));
}

/// DefaultTolerationSeconds appends to the list whatever its length.
#[test]
fn empty_tolerations_still_get_the_default_tolerations() {
    let pod = created(
        "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  tolerations: []
  containers:
  - name: c
    image: nginx
",
    );
    let keys: Vec<&str> = pod["spec"]["tolerations"]
        .as_array()
        .expect("tolerations")
        .iter()
        .filter_map(|t| t["key"].as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "node.kubernetes.io/not-ready",
            "node.kubernetes.io/unreachable"
        ]
    );
}

/// ServiceAccount admission: `len(pod.Spec.ImagePullSecrets) == 0` copies the account's.
#[test]
fn empty_image_pull_secrets_get_the_service_account_ones() {
    let pod = created(
        "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  imagePullSecrets: []
  containers:
  - name: c
    image: nginx
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: default
imagePullSecrets:
- name: regcred
",
    );
    assert_eq!(
        pod["spec"]["imagePullSecrets"],
        json!([{"name": "regcred"}])
    );
}

/// RuntimeClass setScheduling merges the class's selector into a non-nil pod selector.
#[test]
fn empty_node_selector_gets_the_runtime_class_selector() {
    let pod = created(
        "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  runtimeClassName: gvisor
  nodeSelector: {}
  containers:
  - name: c
    image: nginx
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: gvisor
handler: runsc
scheduling:
  nodeSelector:
    sandbox: gvisor
",
    );
    assert_eq!(pod["spec"]["nodeSelector"], json!({"sandbox": "gvisor"}));
}

/// Every stage is shown as json.Marshal writes it: no `[]` or `{}` for omitempty fields.
#[test]
fn exposed_stages_drop_empty_lists_and_maps() {
    let r = run("apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {}
  finalizers: []
spec:
  nodeSelector: {}
  volumes: []
  securityContext:
    supplementalGroups: []
    sysctls: []
  containers:
  - name: c
    image: nginx
    args: []
    env: []
    ports: []
    resources:
      limits: {}
      requests: {}
");
    assert_eq!(outcome(&r), json!("created"), "errors: {:?}", r.errors);
    let stages = [
        ("scheme_defaulted", Some(&r.scheme_defaulted)),
        ("admitted", r.admitted.as_ref()),
        ("prepared_for_create", r.prepared_for_create.as_ref()),
        ("pod", r.pod.as_ref()),
    ];
    for (name, stage) in stages {
        let pod = stage.unwrap_or_else(|| panic!("{name} missing"));
        let meta = &pod["metadata"];
        assert!(meta.get("labels").is_none(), "{name}: {meta}");
        assert!(meta.get("finalizers").is_none(), "{name}: {meta}");
        let spec = &pod["spec"];
        assert!(spec.get("nodeSelector").is_none(), "{name}");
        assert_eq!(spec["securityContext"], json!({}), "{name}: a struct stays");
        let c = &spec["containers"][0];
        for key in ["args", "env", "ports"] {
            assert!(c.get(key).is_none(), "{name}: containers[0].{key}");
        }
        assert_eq!(c["resources"], json!({}), "{name}: a struct stays");
    }
    // The service account token volume is the only volume.
    let pod = r.pod.as_ref().expect("created");
    assert_eq!(pod["spec"]["volumes"].as_array().map(Vec::len), Some(1));
}
