//! COMPUTED BY KUBERNETES: outputs from a local build of the real v1.35.2 tree (see the file header)
//!
//! Scheduling variants for Kubernetes 1.35 whose expected outputs were computed by v1.35.2's own
//! scheduler (its vendored pkg/scheduler is byte-identical to the v1.35.4 one that computed
//! tests/conformance/k8s-1.35/schedule): a test file in pkg/scheduler ran each input through
//! the Priority, DefaultTolerationSeconds and RuntimeClass admission plugins and
//! `ValidatePodCreate` of that tree, then `scheduler.New` with the default profile over a fake
//! clientset and one `ScheduleOne`, with the scheduler's own `findNodesThatFitPod` /
//! `prioritizeNodes` for the feasible nodes and total scores. The oracle agreed with all 24
//! public 1.35 cases. Each row pins a place where 1.35 differs from 1.36 (the same inputs give
//! other results under v1.36.2), so that `podplay schedule --kubernetes-version 1.35` keeps
//! the 1.35 behaviour.

mod common;
use common::schedule::{Want, Winner};

fn check(name: &str, yaml: &str, want: Want) {
    common::schedule::check(name, 35, yaml, want);
}

/// NodeResourcesBalancedAllocation scores the balance with the pod only (n0: 1 of 2 cpu and
/// 4 of 8Gi is perfectly balanced, 100; n1 81), so n0 wins 450 to 449. v1.36.2 scores the
/// improvement instead and picks n1 (433 to 425).
#[test]
fn balanced_allocation_scores_the_balance_with_the_pod() {
    check(
        "w6/t9-0151",
        r#"apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector: {matchLabels: {app: db}}
        topologyKey: topology.kubernetes.io/zone
        namespaces: [other]
        namespaceSelector: {}
  containers:
  - name: app
    image: nginx:1.25
    resources:
      requests: {cpu: '1', memory: 4Gi}
---
apiVersion: v1
kind: Node
metadata:
  name: n0
  labels: {kubernetes.io/hostname: n0, topology.kubernetes.io/zone: za}
spec: {}
status:
  allocatable: {cpu: '2', memory: 8Gi, pods: '110'}
---
apiVersion: v1
kind: Node
metadata:
  name: n1
  labels: {kubernetes.io/hostname: n1, topology.kubernetes.io/zone: zb}
spec: {}
status:
  allocatable: {cpu: '8', memory: 8Gi, pods: '110'}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: mid}
value: 500
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: low}
value: 10
"#,
        Want {
            admission_error: None,
            message: None,
            feasible: &["n0", "n1"],
            winner: Winner::One("n0"),
            scores: &[("n0", 450), ("n1", 449)],
            rejected: None,
        },
    );
}

/// ImageLocality counts container images only: node `a` holding the image volume's
/// `redis:7` scores no higher than `b` (ImageLocality 0 on both, a tie at 397).
#[test]
fn image_locality_ignores_image_volumes() {
    check(
        "x/image-volume",
        r#"apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: app, image: "busybox:1.36", volumeMounts: [{name: data, mountPath: /data}]}
  volumes:
  - name: data
    image: {reference: "redis:7", pullPolicy: IfNotPresent}
---
apiVersion: v1
kind: Node
metadata: {name: a, labels: {kubernetes.io/hostname: a}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
  images: [{names: ["docker.io/library/redis:7", "redis:7"], sizeBytes: 500000000}]
---
apiVersion: v1
kind: Node
metadata: {name: b, labels: {kubernetes.io/hostname: b}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
"#,
        Want {
            admission_error: None,
            message: None,
            feasible: &["a", "b"],
            winner: Winner::Tie(&["a", "b"]),
            scores: &[("a", 397), ("b", 397)],
            rejected: None,
        },
    );
}

/// `RestartAllContainers` is not a valid restart-rule action in 1.35
/// (RestartAllContainersOnContainerExits is off); v1.36.2 admits the pod.
#[test]
fn restart_all_containers_action_is_rejected() {
    check(
        "h/ndf-restart-all",
        r#"apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.25
    restartPolicy: Never
    restartPolicyRules:
    - action: RestartAllContainers
      exitCodes: {operator: In, values: [42]}
  restartPolicy: Never
---
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
spec: {}
status:
  allocatable: {cpu: '4', memory: 8Gi, pods: '110'}
  declaredFeatures: [RestartAllContainersOnContainerExits]
---
apiVersion: v1
kind: Node
metadata: {name: n2, labels: {kubernetes.io/hostname: n2}}
spec: {}
status:
  allocatable: {cpu: '4', memory: 8Gi, pods: '110'}
"#,
        Want {
            admission_error: Some(
                "Pod \"p\" is invalid: spec.containers[0].restartPolicyRules[0].action: Unsupported value: \"RestartAllContainers\": supported values: \"Restart\"",
            ),
            message: None,
            feasible: &[],
            winner: Winner::None,
            scores: &[],
            rejected: None,
        },
    );
}
