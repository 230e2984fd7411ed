//! COMPUTED BY KUBERNETES: outputs from a local build of the real v1.36.2 tree (see the file header)
//!
//! Scheduling variants whose expected outputs were computed by Kubernetes v1.36.2's own
//! scheduler: a test file in pkg/scheduler ran each input through the Priority,
//! DefaultTolerationSeconds and RuntimeClass admission plugins and `ValidatePodCreate`, then
//! `scheduler.New` with the default profile over a fake clientset and one `ScheduleOne`, with the
//! scheduler's own `findNodesThatFitPod` / `prioritizeNodes` for the feasible nodes and total
//! scores (the pipeline of tests/conformance/k8s-1.36/schedule). Each row is a place where
//! `podplay schedule` differed during a differential run.

mod common;
use common::schedule::{Want, Winner};

fn check(name: &str, yaml: &str, want: Want) {
    common::schedule::check(name, 36, yaml, want);
}

/// Required pod affinity counts a running pod only when it matches every term: `cache` and `db` each match one term, so no domain has a match.
#[test]
fn pod_affinity_counts_pods_matching_every_term() {
    check(
        "affinity-all-terms",
        r#"apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: db}}
spec:
  affinity:
    podAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - {labelSelector: {matchLabels: {app: cache}}, topologyKey: zone}
      - {labelSelector: {matchLabels: {app: db}}, topologyKey: zone}
  containers:
  - {name: app, image: nginx}
---
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {zone: za}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata: {name: n2, labels: {zone: za}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Pod
metadata: {name: cache, labels: {app: cache}}
spec:
  nodeName: n1
  containers:
  - {name: app, image: nginx}
---
apiVersion: v1
kind: Pod
metadata: {name: db, labels: {app: db}}
spec:
  nodeName: n2
  containers:
  - {name: app, image: nginx}
"#,
        Want {
            admission_error: None,
            message: Some("0/2 nodes are available: 2 node(s) didn't match pod affinity rules. no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."),
            feasible: &[],
            winner: Winner::None,
            scores: &[],
            rejected: Some(&["n1: InterPodAffinity: node(s) didn't match pod affinity rules", "n2: InterPodAffinity: node(s) didn't match pod affinity rules"]),
        },
    );
}

/// `both` matches both terms: its zone and its host count; `back` matches one term only and counts nowhere.
#[test]
fn pod_affinity_counts_one_pod_in_every_terms_domain() {
    check(
        "affinity-pod-matching-all-terms",
        r#"apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: db}}
spec:
  affinity:
    podAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - {labelSelector: {matchLabels: {tier: back}}, topologyKey: zone}
      - {labelSelector: {matchLabels: {app: db}}, topologyKey: kubernetes.io/hostname}
  containers:
  - {name: app, image: nginx}
---
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1, zone: za}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata: {name: n2, labels: {kubernetes.io/hostname: n2, zone: za}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata: {name: n3, labels: {kubernetes.io/hostname: n3, zone: zb}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Pod
metadata: {name: both, labels: {app: db, tier: back}}
spec:
  nodeName: n1
  containers:
  - {name: app, image: nginx}
---
apiVersion: v1
kind: Pod
metadata: {name: back, labels: {tier: back}}
spec:
  nodeName: n3
  containers:
  - {name: app, image: nginx}
"#,
        Want {
            admission_error: None,
            message: None,
            feasible: &["n1"],
            winner: Winner::One("n1"),
            scores: &[],
            rejected: Some(&[
                "n2: InterPodAffinity: node(s) didn't match pod affinity rules",
                "n3: InterPodAffinity: node(s) didn't match pod affinity rules",
            ]),
        },
    );
}

/// ImageLocality: the cache keeps one size per image name, the one of the first Node added (Nodes are listed by name): `aa` (100 MB) before `zz` (900 MB), so both score 4, not 4 and 41.
#[test]
fn image_locality_uses_the_size_of_the_first_node_by_name() {
    check(
        "image-first-node-size",
        r#"apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: app, image: "nginx:1.25"}
---
apiVersion: v1
kind: Node
metadata: {name: zz, labels: {kubernetes.io/hostname: zz}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
  images: [{names: ["nginx:1.25"], sizeBytes: 900000000}]
---
apiVersion: v1
kind: Node
metadata: {name: aa, labels: {kubernetes.io/hostname: aa}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
  images: [{names: ["nginx:1.25"], sizeBytes: 100000000}]
---
apiVersion: v1
kind: Node
metadata: {name: mm, labels: {kubernetes.io/hostname: mm}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
"#,
        Want {
            admission_error: None,
            message: None,
            feasible: &["aa", "mm", "zz"],
            winner: Winner::Tie(&["aa", "zz"]),
            scores: &[("aa", 401), ("mm", 397), ("zz", 401)],
            rejected: Some(&[]),
        },
    );
}

/// The pod image `nginx` is looked up as `nginx:latest`; a node listing plain `nginx` (or `docker.io/library/redis:7` for `redis:7`) does not match, only the literal `nginx:latest`.
#[test]
fn image_locality_matches_node_image_names_as_written() {
    check(
        "image-raw-node-names",
        r#"apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: app, image: nginx}
  - {name: side, image: "redis:7"}
---
apiVersion: v1
kind: Node
metadata: {name: n1}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
  images:
  - {names: [nginx, "docker.io/library/redis:7"], sizeBytes: 900000000}
---
apiVersion: v1
kind: Node
metadata: {name: n2}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
  images:
  - {names: ["nginx:latest"], sizeBytes: 900000000}
"#,
        Want {
            admission_error: None,
            message: None,
            feasible: &["n1", "n2"],
            winner: Winner::One("n2"),
            scores: &[("n1", 395), ("n2", 415)],
            rejected: Some(&[]),
        },
    );
}

/// NodeResourcesFit scores the containers' requests (100m + 300m cpu, 200Mi + 200Mi memory) though `spec.resources` asks 2 cpu / 2Gi: 92 on both nodes, a tie.
#[test]
fn least_allocated_scores_container_requests_under_pod_level_resources() {
    check(
        "podlevel-least-allocated",
        r#"apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources: {requests: {cpu: "2", memory: 2Gi}}
  containers:
  - {name: app, image: "nginx:1.25"}
  - {name: b, image: "nginx:1.25", resources: {requests: {cpu: 300m}}}
---
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata: {name: n2, labels: {kubernetes.io/hostname: n2}}
status:
  allocatable: {cpu: "8", memory: 4Gi, pods: "110"}
"#,
        Want {
            admission_error: None,
            message: None,
            feasible: &["n1", "n2"],
            winner: Winner::Tie(&["n1", "n2"]),
            scores: &[("n1", 460), ("n2", 460)],
            rejected: Some(&[]),
        },
    );
}

/// `labelSelector: {}` counts no running pod (countPodsMatchSelector), so two pods on n1 do not make it skewed.
#[test]
fn topology_spread_empty_selector_counts_no_pod() {
    check(
        "spread-empty-selector-filter",
        r#"apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: web}}
spec:
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {}}
  containers:
  - {name: app, image: nginx}
---
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata: {name: n2, labels: {kubernetes.io/hostname: n2}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Pod
metadata: {name: a, labels: {app: web}}
spec:
  nodeName: n1
  containers:
  - {name: app, image: nginx}
---
apiVersion: v1
kind: Pod
metadata: {name: b, labels: {app: web}}
spec:
  nodeName: n1
  containers:
  - {name: app, image: nginx}
"#,
        Want {
            admission_error: None,
            message: None,
            feasible: &["n1", "n2"],
            winner: Winner::One("n2"),
            scores: &[("n1", 392), ("n2", 397)],
            rejected: Some(&[]),
        },
    );
}

/// ScheduleAnyway with `labelSelector: {}`: no pod counts, both nodes get the full PodTopologySpread score.
#[test]
fn topology_spread_empty_selector_scores_every_node_alike() {
    check(
        "spread-empty-selector-score",
        r#"apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: web}}
spec:
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {}}
  containers:
  - {name: app, image: nginx}
---
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata: {name: n2, labels: {kubernetes.io/hostname: n2}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Pod
metadata: {name: a, labels: {app: web}}
spec:
  nodeName: n1
  containers:
  - {name: app, image: nginx}
---
apiVersion: v1
kind: Pod
metadata: {name: b, labels: {app: web}}
spec:
  nodeName: n1
  containers:
  - {name: app, image: nginx}
"#,
        Want {
            admission_error: None,
            message: None,
            feasible: &["n1", "n2"],
            winner: Winner::One("n2"),
            scores: &[("n1", 592), ("n2", 597)],
            rejected: Some(&[]),
        },
    );
}

/// Twelve nodes, each short of a different extended resource: the message passes 1024 bytes and
/// the scheduler cuts it to `message[:1020] + " ..."` (schedule_one.go truncateMessage).
#[test]
fn a_long_message_is_cut_with_a_spaced_ellipsis() {
    let names: Vec<String> = (0..12)
        .map(|i| format!("example.com/a-rather-long-extended-resource-name-for-truncation-{i:02}"))
        .collect();
    let wants: String = names.iter().map(|n| format!("{n}: '1', ")).collect();
    let mut yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n  - name: app\n    image: nginx\n    resources: {{requests: {{{wants}}}, limits: {{{wants}}}}}\n"
    );
    for i in 0..12 {
        let has: String = names
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, n)| format!("{n}: '1', "))
            .collect();
        yaml.push_str(&format!(
            "---\napiVersion: v1\nkind: Node\nmetadata: {{name: n{i:02}}}\nstatus:\n  allocatable: {{{has}cpu: '4', memory: 8Gi, pods: '110'}}\n"
        ));
    }
    let rejected: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("n{i:02}: NodeResourcesFit: Insufficient {n}"))
        .collect();
    let rejected: Vec<&str> = rejected.iter().map(String::as_str).collect();
    check(
        "long-message",
        &yaml,
        Want {
            admission_error: None,
            message: Some(LONG_MESSAGE),
            feasible: &[],
            winner: Winner::None,
            scores: &[],
            rejected: Some(&rejected),
        },
    );
}

const LONG_MESSAGE: &str = "0/12 nodes are available: 1 Insufficient example.com/a-rather-long-extended-resource-name-for-truncation-00, 1 Insufficient example.com/a-rather-long-extended-resource-name-for-truncation-01, 1 Insufficient example.com/a-rather-long-extended-resource-name-for-truncation-02, 1 Insufficient example.com/a-rather-long-extended-resource-name-for-truncation-03, 1 Insufficient example.com/a-rather-long-extended-resource-name-for-truncation-04, 1 Insufficient example.com/a-rather-long-extended-resource-name-for-truncation-05, 1 Insufficient example.com/a-rather-long-extended-resource-name-for-truncation-06, 1 Insufficient example.com/a-rather-long-extended-resource-name-for-truncation-07, 1 Insufficient example.com/a-rather-long-extended-resource-name-for-truncation-08, 1 Insufficient example.com/a-rather-long-extended-resource-name-for-truncation-09, 1 Insufficient example.com/a-rather-long-extended-resource-name-for-truncation-10, 1 Insufficient example.com/a-rather-long-extended-resource-name-for-truncation-11 ...";
