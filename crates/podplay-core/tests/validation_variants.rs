//! Variants of the public conformance cases (same categories, other fields, boundaries and
//! error order), run through the whole `podplay admit` pipeline. Every expectation was derived
//! by reading Kubernetes v1.35.4's source; the Go function is named with each case.

use podplay_core::report::{analyze, Options};
use podplay_core::versions::Version;

/// The error strings `podplay admit` reports for `yaml` with Kubernetes 1.`minor`.
fn errors(yaml: &str, minor: u32) -> Vec<String> {
    let options = Options {
        version: Version::new(1, minor),
        ..Options::default()
    };
    let report = analyze(yaml, &options);
    match report.admit {
        Some(view) => view.result.errors,
        None => vec!["<no pod analysed>".to_string()],
    }
}

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

/// The created pod for `yaml` (1.35), or Null when it is rejected.
fn created_pod(yaml: &str) -> serde_json::Value {
    let options = Options {
        version: Version::new(1, 35),
        ..Options::default()
    };
    analyze(yaml, &options)
        .admit
        .and_then(|view| view.result.pod)
        .unwrap_or(serde_json::Value::Null)
}

#[test]
fn match_label_keys_merge_into_the_selector_on_create() {
    // pkg/registry/core/pod/strategy.go: PrepareForCreate → mutatePodAffinity,
    // mutateTopologySpreadConstraints (applyLabelKeysToLabelSelector).
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: web\n    tier: fe\nspec:\n  topologySpreadConstraints:\n  - maxSkew: 1\n    topologyKey: zone\n    whenUnsatisfiable: DoNotSchedule\n    labelSelector:\n      matchLabels:\n        x: z\n    matchLabelKeys: [\"app\", \"nothere\"]\n  affinity:\n    podAntiAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n      - topologyKey: kubernetes.io/hostname\n        labelSelector:\n          matchLabels:\n            x: z\n        matchLabelKeys: [\"app\"]\n        mismatchLabelKeys: [\"tier\"]\n  containers:\n  - name: app\n    image: nginx\n";
    let pod = created_pod(yaml);
    assert_eq!(
        pod["spec"]["topologySpreadConstraints"][0]["labelSelector"],
        serde_json::json!({"matchLabels": {"x": "z"}, "matchExpressions": [
            {"key": "app", "operator": "In", "values": ["web"]}
        ]})
    );
    assert_eq!(
        pod["spec"]["affinity"]["podAntiAffinity"]
            ["requiredDuringSchedulingIgnoredDuringExecution"][0]["labelSelector"],
        serde_json::json!({"matchLabels": {"x": "z"}, "matchExpressions": [
            {"key": "app", "operator": "In", "values": ["web"]},
            {"key": "tier", "operator": "NotIn", "values": ["fe"]}
        ]})
    );
}

#[test]
fn match_label_keys_already_in_the_selector() {
    // ValidateMatchLabelKeysAndMismatchLabelKeys runs on the merged selector and indexes the
    // term (or constraint) path itself, not matchLabelKeys.
    let spread = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: web\nspec:\n  topologySpreadConstraints:\n  - maxSkew: 1\n    topologyKey: zone\n    whenUnsatisfiable: DoNotSchedule\n    labelSelector:\n      matchLabels:\n        app: web\n    matchLabelKeys: [\"app\"]\n  containers:\n  - name: app\n    image: nginx\n";
    let affinity = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: web\nspec:\n  affinity:\n    podAffinity:\n      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 10\n        podAffinityTerm:\n          topologyKey: zone\n          labelSelector:\n            matchLabels:\n              app: web\n          matchLabelKeys: [\"app\"]\n          mismatchLabelKeys: [\"app\"]\n  containers:\n  - name: app\n    image: nginx\n";
    check(&[
        (
            "topology spread",
            spread,
            &["spec.topologySpreadConstraints[0][0]: Invalid value: \"app\": exists in both matchLabelKeys and labelSelector"],
        ),
        (
            "pod affinity: both merged expressions collide, then the mismatch duplicate",
            affinity,
            &[
                "spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm[0]: Invalid value: \"app\": exists in both matchLabelKeys and labelSelector",
                "spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm[0]: Invalid value: \"app\": exists in both matchLabelKeys and labelSelector",
                "spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.matchLabelKeys[0]: Invalid value: \"app\": exists in both matchLabelKeys and mismatchLabelKeys",
            ],
        ),
    ]);
}
