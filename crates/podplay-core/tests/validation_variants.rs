//! HAND-DERIVED expectations (not computed by Kubernetes): every row below was worked out
//! by reading the Kubernetes source named with it. Rows computed by Kubernetes live in the
//! `conformance_*.rs` tests.
//!
//! Variants of the public conformance cases (same categories, other fields, boundaries and
//! error order), run through the whole `podplay admit` pipeline. Every expectation was derived
//! by reading Kubernetes v1.35.4's source; the Go function is named with each case.

mod common;
use podplay_core::report::{build, Options};
use podplay_core::versions::Version;

use common::admit::errors;

/// (name, pod YAML, expected errors) checked with 1.35.
fn check(cases: &[(&str, &str, &[&str])]) {
    for (name, yaml, want) in cases {
        let got = errors(yaml, 35);
        assert_eq!(got, *want, "case {name}");
    }
}

/// A pod named `p` with `spec` (indented two spaces) appended.
fn pod(spec: &str) -> String {
    format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n{spec}")
}

#[test]
fn pod_level_resources_against_containers() {
    // validation.go: validatePodResources → validatePodResourceRequirements, then
    // validatePodResourceConsistency (component-helpers AggregateContainerRequests/Limits).
    let below_aggregate = pod(r#"  resources:
    requests:
      cpu: "1"
  containers:
  - name: app
    image: nginx
    resources:
      limits:
        cpu: "2"
"#);
    let container_over_pod_limit = pod(r#"  resources:
    limits:
      cpu: "2"
      memory: 1Gi
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        cpu: "1"
      limits:
        memory: 2Gi
"#);
    let sidecar_and_init = pod(r#"  resources:
    requests:
      cpu: 500m
  initContainers:
  - name: side
    image: busybox
    restartPolicy: Always
    resources:
      requests:
        cpu: 200m
  - name: init
    image: busybox
    resources:
      requests:
        cpu: "1"
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        cpu: 100m
"#);
    let hugepages = pod(r#"  resources:
    limits:
      hugepages-2Mi: 2Mi
      memory: 1Gi
  containers:
  - name: app
    image: nginx
    resources:
      limits:
        hugepages-2Mi: 4Mi
        memory: 1Gi
"#);
    check(&[
        (
            "requests below the containers' total",
            &below_aggregate,
            &["spec.resources.requests[cpu]: Invalid value: \"1\": must be greater than or equal to aggregate container requests of 2"],
        ),
        (
            "container limit above the pod limit",
            &container_over_pod_limit,
            &[
                "spec.resources.requests: Invalid value: \"2Gi\": must be less than or equal to memory limit of 1Gi",
                "spec.resources.containers[0][memory].limits: Invalid value: \"2Gi\": must be less than or equal to pod limits of 1Gi",
            ],
        ),
        (
            "an init container with the sidecars before it sets the maximum",
            &sidecar_and_init,
            &["spec.resources.requests[cpu]: Invalid value: \"500m\": must be greater than or equal to aggregate container requests of 1200m"],
        ),
        (
            "hugepage limits",
            &hugepages,
            &[
                // The pod-level hugepages request defaults to the pod limit (defaultPodRequests).
                "spec.resources.requests[hugepages-2Mi]: Invalid value: \"2Mi\": must be greater than or equal to aggregate container requests of 4Mi",
                "spec.resources.limits[hugepages-2Mi]: Invalid value: \"2Mi\": must be greater than or equal to aggregate container limits of 4Mi",
                "spec.resources.containers[0][hugepages-2Mi].limits: Invalid value: \"4Mi\": must be less than or equal to pod limits of 2Mi",
            ],
        ),
    ]);
}

#[test]
fn ephemeral_volume_claim_template() {
    // validateEphemeralVolumeSource → ValidatePersistentVolumeClaimTemplate:
    // ValidateTemplateObjectMeta (validateFieldAllowList over ObjectMeta, Go field names with
    // the first letter lowered) and ValidatePersistentVolumeClaimSpec (ValidatePositiveQuantityValue).
    let yaml = pod(r#"  containers:
  - name: app
    image: nginx
  volumes:
  - name: eph
    ephemeral:
      volumeClaimTemplate:
        metadata:
          name: foo
          namespace: bar
          uid: "1"
          labels:
            a: b
        spec:
          accessModes: ["ReadWriteOnce"]
          resources:
            requests:
              storage: 0
  - name: eph2
    ephemeral:
      volumeClaimTemplate:
        spec:
          accessModes: ["ReadWriteOncePod", "ReadWriteMany"]
          resources:
            requests:
              storage: -1Gi
"#);
    check(&[(
        "metadata allow-list and storage quantities",
        &yaml,
        &[
            "spec.volumes[0].ephemeral.volumeClaimTemplate.metadata.name: Forbidden: cannot be set",
            "spec.volumes[0].ephemeral.volumeClaimTemplate.metadata.namespace: Forbidden: cannot be set",
            "spec.volumes[0].ephemeral.volumeClaimTemplate.metadata.uID: Forbidden: cannot be set",
            "spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources[storage]: Invalid value: \"0\": must be greater than zero",
            "spec.volumes[1].ephemeral.volumeClaimTemplate.spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes",
            "spec.volumes[1].ephemeral.volumeClaimTemplate.spec.resources[storage]: Invalid value: \"-1Gi\": must be greater than zero",
        ],
    )]);
}

#[test]
fn tolerations_annotation_with_bad_json() {
    // ValidatePodSpecificAnnotations → ValidateTolerationsInPodAnnotations: json.Unmarshal's
    // syntax error text (encoding/json scanner) as the detail.
    let yaml = |value: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    scheduler.alpha.kubernetes.io/tolerations: '{value}'\nspec:\n  containers:\n  - name: app\n    image: nginx\n")
    };
    check(&[
        (
            "not JSON",
            &yaml("not json"),
            &["metadata.annotations: Invalid value: \"scheduler.alpha.kubernetes.io/tolerations\": invalid character 'o' in literal null (expecting 'u')"],
        ),
        (
            "trailing comma",
            &yaml("[{\"key\": \"a\",}]"),
            &["metadata.annotations: Invalid value: \"scheduler.alpha.kubernetes.io/tolerations\": invalid character '}' looking for beginning of object key string"],
        ),
    ]);
}

#[test]
fn container_quantities_round_up_to_milli_before_validation() {
    // zz_generated.defaults.go: SetObjectDefaults_Pod calls SetDefaults_ResourceList
    // (RoundUp(-3)) on every container's limits and requests after SetDefaults_Pod copied
    // limits to requests, so 0.0001 cpu becomes 1m and equals a 1000000n request.
    let rounded = pod(r#"  containers:
  - name: app
    image: nginx
    resources:
      limits:
        cpu: 0.0001
      requests:
        cpu: 1000000n
"#);
    assert_eq!(errors(&rounded, 35), Vec::<String>::new());
    let created = created_pod(&rounded);
    assert_eq!(
        created["spec"]["containers"][0]["resources"],
        serde_json::json!({"limits": {"cpu": "1m"}, "requests": {"cpu": "1m"}})
    );
    let over = pod(r#"  containers:
  - name: app
    image: nginx
    resources:
      limits:
        cpu: 0.0001
      requests:
        cpu: 2m
"#);
    check(&[(
        "the rounded limit is what requests are compared with",
        &over,
        &["spec.containers[0].resources.requests: Invalid value: \"2m\": must be less than or equal to cpu limit of 1m"],
    )]);
}

/// The created pod for `yaml` (1.35), or Null when it is rejected.
fn created_pod(yaml: &str) -> serde_json::Value {
    let options = Options::new(Version::new(1, 35));
    build(yaml, &options)
        .admit
        .and_then(|view| view.result.pod)
        .unwrap_or(serde_json::Value::Null)
}

#[test]
fn match_label_keys_stay_unmerged_as_in_the_conformance_harness() {
    // A real API server merges matchLabelKeys into the selector in PrepareForCreate
    // (mutatePodAffinity / mutateTopologySpreadConstraints); the conformance harness does not
    // emulate that step (tests/conformance/README.md), so neither does podplay. With the keys
    // unmerged, a key that is also in matchLabels is not an error
    // (ValidateMatchLabelKeysAndMismatchLabelKeys only looks at matchExpressions).
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: web\nspec:\n  topologySpreadConstraints:\n  - maxSkew: 1\n    topologyKey: zone\n    whenUnsatisfiable: DoNotSchedule\n    labelSelector:\n      matchLabels:\n        app: web\n    matchLabelKeys: [\"app\"]\n  containers:\n  - name: app\n    image: nginx\n";
    assert_eq!(errors(yaml, 35), Vec::<String>::new());
    assert_eq!(
        created_pod(yaml)["spec"]["topologySpreadConstraints"][0]["labelSelector"],
        serde_json::json!({"matchLabels": {"app": "web"}})
    );
}
