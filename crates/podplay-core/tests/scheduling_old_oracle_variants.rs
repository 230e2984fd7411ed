//! COMPUTED BY KUBERNETES: outputs from local builds of the real v1.34.2 and v1.33.5 trees (see the file header)
//!
//! Scheduling variants for Kubernetes 1.34 and 1.33 whose expected outputs were computed by
//! those releases' own schedulers: a test file in each tree's pkg/scheduler ran every input
//! through the Priority, DefaultTolerationSeconds and RuntimeClass admission plugins and
//! `ValidatePodCreate` of that tree, then `scheduler.New` with the default profile over a fake
//! clientset and one `ScheduleOne`, with the scheduler's own `findNodesThatFitPod` /
//! `prioritizeNodes` for the feasible nodes and total scores. There are no public 1.33/1.34
//! schedule cases; both oracles agreed with all 24 public 1.35 and 26 public 1.36 schedule
//! cases wherever the releases' code is the same (the 1.33 oracle differs from them only where
//! v1.33.5's source does). Each row is a place where `podplay schedule --kubernetes-version
//! 1.34` (or 1.33) differed during a differential run. Rows that also name 1.35/1.36 were run
//! through the same oracle built from the v1.35.2 and v1.36.2 trees.

mod common;
use common::schedule::{Want, Winner};

fn check(name: &str, minor: u32, yaml: &str, want: Want) {
    common::schedule::check(name, minor, yaml, want);
}

/// NodeResourcesFit's LeastAllocated score ignores pod-level `spec.resources` in 1.34 too (its
/// scorer is built without the PodLevelResources flag): the pod counts as its container's
/// 100m, not 3 cpu, so n0 scores 459 and n3 415 (podplay read the pod level: 423 and 397).
#[test]
fn least_allocated_ignores_pod_level_resources_in_134() {
    check(
        "v/r1-0056",
        34,
        r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx:1.25
    resources:
      requests:
        cpu: 100m
    ports:
    - containerPort: 80
      hostPort: 80
      protocol: TCP
      hostIP: 0.0.0.0
  resources:
    requests:
      cpu: '3'
---
apiVersion: v1
kind: Node
metadata:
  name: n0
  labels:
    kubernetes.io/hostname: n0
    zone: c
    num: '14'
spec: {}
status:
  allocatable:
    cpu: '4'
    memory: 2Gi
    pods: '3'
  images:
  - names:
    - nginx:1.25
    sizeBytes: 300000000
---
apiVersion: v1
kind: Node
metadata:
  name: n1
  labels:
    kubernetes.io/hostname: n1
    zone: c
    disk: ssd
spec:
  taints:
  - key: dedicated
    effect: PreferNoSchedule
    value: x
status:
  allocatable:
    cpu: '1'
    memory: 8Gi
    pods: '3'
    ephemeral-storage: 100Gi
    example.com/gpu: '4'
---
apiVersion: v1
kind: Node
metadata:
  name: n2
  labels:
    kubernetes.io/hostname: n2
    zone: a
    num: '2'
spec: {}
status:
  allocatable:
    cpu: '1'
    memory: 4Gi
    pods: '3'
---
apiVersion: v1
kind: Node
metadata:
  name: n3
  labels:
    kubernetes.io/hostname: n3
    num: '0'
spec: {}
status:
  allocatable:
    cpu: '8'
    memory: 8Gi
    pods: '110'
    hugepages-2Mi: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: r0
spec:
  containers:
  - name: app
    image: nginx:1.25
    resources:
      requests:
        cpu: '5'
  nodeName: n3
"#,
        Want {
            admission_error: None,
            message: None,
            feasible: &["n0", "n3"],
            winner: Winner::One("n0"),
            scores: &[("n0", 459), ("n3", 415)],
            rejected: Some(&[
                "n1: NodeResourcesFit: Insufficient cpu",
                "n2: NodeResourcesFit: Insufficient cpu",
            ]),
        },
    );
}

/// The two nodes every resize row below uses; the running pod `r1` is on n1.
const TWO_NODES: &str = r#"---
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
status:
  allocatable: {cpu: '4', memory: 8Gi, pods: '110'}
---
apiVersion: v1
kind: Node
metadata: {name: n2, labels: {kubernetes.io/hostname: n2}}
status:
  allocatable: {cpu: '4', memory: 8Gi, pods: '110'}
"#;

/// A resized running pod holds what its sidecar's status reports: `side` asks 100m in its spec
/// but its `initContainerStatuses` entry reports 2 cpu actuated and `app` 1 cpu, so n1 has
/// 3 cpu taken and the pod's 2 cpu do not fit (the same in v1.33.5, v1.35.2 and v1.36.2).
#[test]
fn running_sidecar_counts_its_status_resources() {
    let yaml = format!(
        r#"apiVersion: v1
kind: Pod
metadata: {{name: p}}
spec:
  containers:
  - name: app
    image: nginx:1.25
    resources: {{requests: {{cpu: '2'}}}}
{TWO_NODES}---
apiVersion: v1
kind: Pod
metadata: {{name: r1}}
spec:
  nodeName: n1
  containers:
  - name: app
    image: nginx:1.25
    resources: {{requests: {{cpu: '1'}}}}
  initContainers:
  - name: side
    image: busybox:1.36
    restartPolicy: Always
    resources: {{requests: {{cpu: 100m}}}}
status:
  phase: Running
  containerStatuses:
  - {{name: app, image: nginx:1.25, imageID: '', ready: true, restartCount: 0, resources: {{requests: {{cpu: '1'}}}}}}
  initContainerStatuses:
  - {{name: side, image: busybox:1.36, imageID: '', ready: true, restartCount: 0, resources: {{requests: {{cpu: '2'}}}}}}
"#
    );
    for minor in [34, 33] {
        check(
            "rs/sidecar",
            minor,
            &yaml,
            Want {
                admission_error: None,
                message: None,
                feasible: &["n2"],
                winner: Winner::One("n2"),
                scores: &[],
                rejected: Some(&["n1: NodeResourcesFit: Insufficient cpu"]),
            },
        );
    }
}

/// A running container counts the largest of its spec, actuated and allocated requests (cpu
/// 2 from status.resources, memory 6Gi from allocatedResources): n1 scores 422, n2 485.
#[test]
fn running_container_counts_the_largest_of_spec_status_and_allocated() {
    let yaml = format!(
        r#"apiVersion: v1
kind: Pod
metadata: {{name: p}}
spec:
  containers:
  - name: app
    image: nginx:1.25
    resources: {{requests: {{cpu: 500m}}}}
{TWO_NODES}---
apiVersion: v1
kind: Pod
metadata: {{name: r1}}
spec:
  nodeName: n1
  containers:
  - name: app
    image: nginx:1.25
    resources: {{requests: {{cpu: '1'}}}}
status:
  phase: Running
  containerStatuses:
  - name: app
    image: nginx:1.25
    imageID: ''
    ready: true
    restartCount: 0
    resources: {{requests: {{cpu: '2', memory: 4Gi}}}}
    allocatedResources: {{cpu: 1500m, memory: 6Gi}}
"#
    );
    for minor in [34, 33] {
        check(
            "rs/scores",
            minor,
            &yaml,
            Want {
                admission_error: None,
                message: None,
                feasible: &["n1", "n2"],
                winner: Winner::One("n2"),
                scores: &[("n1", 422), ("n2", 485)],
                rejected: Some(&[]),
            },
        );
    }
}

/// When the pod's `PodResizePending` condition says `Infeasible`, the spec's 3 cpu are left
/// out: r1 holds its actuated 500m, so the 2-cpu pod fits n1 (scores 434 and 448).
#[test]
fn infeasible_resize_counts_status_only() {
    let yaml = format!(
        r#"apiVersion: v1
kind: Pod
metadata: {{name: p}}
spec:
  containers:
  - name: app
    image: nginx:1.25
    resources: {{requests: {{cpu: '2'}}}}
{TWO_NODES}---
apiVersion: v1
kind: Pod
metadata: {{name: r1}}
spec:
  nodeName: n1
  containers:
  - name: app
    image: nginx:1.25
    resources: {{requests: {{cpu: '3'}}}}
status:
  phase: Running
  containerStatuses:
  - name: app
    image: nginx:1.25
    imageID: ''
    ready: true
    restartCount: 0
    resources: {{requests: {{cpu: 500m}}}}
    allocatedResources: {{cpu: 500m}}
  conditions:
  - {{type: PodResizePending, status: 'True', reason: Infeasible}}
"#
    );
    for minor in [34, 33] {
        check(
            "rs/infeasible",
            minor,
            &yaml,
            Want {
                admission_error: None,
                message: None,
                feasible: &["n1", "n2"],
                winner: Winner::One("n2"),
                scores: &[("n1", 434), ("n2", 448)],
                rejected: Some(&[]),
            },
        );
    }
}

/// The cluster of the topology-spread rows: r1 and r2 (zone za) are being deleted, r3 runs
/// in zb.
const SPREAD_CLUSTER: &str = r#"---
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1, topology.kubernetes.io/zone: za}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata: {name: n2, labels: {kubernetes.io/hostname: n2, topology.kubernetes.io/zone: zb}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Pod
metadata: {name: r1, labels: {app: web}, deletionTimestamp: "2026-01-01T00:00:00Z"}
spec:
  nodeName: n1
  containers:
  - {name: app, image: nginx:1.25}
---
apiVersion: v1
kind: Pod
metadata: {name: r2, labels: {app: web}, deletionTimestamp: "2026-01-01T00:00:00Z"}
spec:
  nodeName: n1
  containers:
  - {name: app, image: nginx:1.25}
---
apiVersion: v1
kind: Pod
metadata: {name: r3, labels: {app: web}}
spec:
  nodeName: n2
  containers:
  - {name: app, image: nginx:1.25}
"#;

fn spread_pod(when: &str) -> String {
    format!(
        r#"apiVersion: v1
kind: Pod
metadata: {{name: p, labels: {{app: web}}}}
spec:
  topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: {when}
    labelSelector: {{matchLabels: {{app: web}}}}
  containers:
  - {{name: app, image: nginx:1.25}}
{SPREAD_CLUSTER}"#
    )
}

/// PodTopologySpread leaves pods being deleted out of its counts (countPodsMatchSelector): za
/// counts 0 and zb 1, so only n1 keeps the skew (the same in v1.33.5 and v1.36.2; podplay
/// counted r1 and r2 and chose n2).
#[test]
fn topology_spread_skips_pods_being_deleted() {
    for minor in [34, 33] {
        check(
            "hand/pts-deleting",
            minor,
            &spread_pod("DoNotSchedule"),
            Want {
                admission_error: None,
                message: None,
                feasible: &["n1"],
                winner: Winner::One("n1"),
                scores: &[],
                rejected: Some(&[
                    "n2: PodTopologySpread: node(s) didn't match pod topology spread constraints",
                ]),
            },
        );
        check(
            "hand/pts-deleting-score",
            minor,
            &spread_pod("ScheduleAnyway"),
            Want {
                admission_error: None,
                message: None,
                feasible: &["n1", "n2"],
                winner: Winner::One("n1"),
                scores: &[("n1", 592), ("n2", 395)],
                rejected: Some(&[]),
            },
        );
    }
}

/// The pod preemption nominates a node for and the victims the scheduler deletes there.
fn check_preemption(name: &str, minor: u32, yaml: &str, node: &str, victims: &[&str]) {
    use podplay_core::report::Options;
    use podplay_core::scheduling::paste;
    use podplay_core::versions::Version;
    let got = paste::analyze(yaml, &Options::new(Version::new(1, minor)), false);
    let s = serde_json::to_value(&got.scheduling).unwrap();
    assert_eq!(
        s["nominatedNode"],
        serde_json::json!(node),
        "{name} 1.{minor}"
    );
    assert_eq!(
        s["preemptionVictims"],
        serde_json::json!(victims),
        "{name} 1.{minor}"
    );
}

/// Preempting a pod that is already being deleted: every release nominates n1, but from 1.35
/// the scheduler sends no delete for r1 (its deletionTimestamp is set); v1.34.2 deletes it.
#[test]
fn preemption_skips_victims_already_being_deleted_from_135() {
    let yaml = r#"apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  priorityClassName: high
  containers:
  - {name: app, image: nginx:1.25, resources: {requests: {cpu: "3"}}}
---
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Pod
metadata: {name: r1, deletionTimestamp: "2026-01-01T00:00:00Z"}
spec:
  nodeName: n1
  containers:
  - {name: app, image: nginx:1.25, resources: {requests: {cpu: "2"}}}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
"#;
    for minor in [33, 34, 35, 36] {
        check(
            "hand/preempt-deleting",
            minor,
            yaml,
            Want {
                admission_error: None,
                message: Some("0/1 nodes are available: 1 Insufficient cpu."),
                feasible: &[],
                winner: Winner::None,
                scores: &[],
                rejected: Some(&["n1: NodeResourcesFit: Insufficient cpu"]),
            },
        );
    }
    check_preemption("hand/preempt-deleting", 33, yaml, "n1", &["default/r1"]);
    check_preemption("hand/preempt-deleting", 34, yaml, "n1", &["default/r1"]);
    check_preemption("hand/preempt-deleting", 35, yaml, "n1", &[]);
    check_preemption("hand/preempt-deleting", 36, yaml, "n1", &[]);
}

/// A running pod with pod-level requests adds no scoring defaults for a resource its whole
/// requests already name: r0 (pod-level cpu 1, the sidecar's 1Gi memory) counts 1 cpu and
/// 1Gi on n1, not 1Gi plus 200Mi for `app`'s missing memory request, so NodeResourcesFit
/// gives n1 47 (total 422; podplay had 45 and 420).
#[test]
fn running_pod_level_pod_adds_no_default_for_a_named_resource() {
    for minor in [34, 35] {
        check(
            "g5/g51-0073",
            minor,
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
  labels:
    app: web
spec:
  containers:
  - name: app
    image: nginx:1.25
    resources:
      requests:
        cpu: '2'
    ports:
    - containerPort: 80
      hostPort: 9090
  topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: DoNotSchedule
    labelSelector:
      matchLabels:
        app: web
---
apiVersion: v1
kind: Node
metadata:
  name: n0
  labels:
    kubernetes.io/hostname: n0
    topology.kubernetes.io/zone: zc
spec: {}
status:
  allocatable:
    cpu: '8'
    memory: 8Gi
    pods: '110'
---
apiVersion: v1
kind: Node
metadata:
  name: n1
  labels:
    kubernetes.io/hostname: n1
    topology.kubernetes.io/zone: zb
spec: {}
status:
  allocatable:
    cpu: '4'
    memory: 4Gi
    pods: '110'
---
apiVersion: v1
kind: Pod
metadata:
  name: r0
  labels:
    app: db
  deletionTimestamp: '2026-01-01T00:00:00Z'
spec:
  nodeName: n1
  containers:
  - name: app
    image: nginx:1.25
    resources:
      requests:
        cpu: '1'
  initContainers:
  - name: side
    image: busybox:1.36
    restartPolicy: Always
    resources:
      requests:
        cpu: 100m
        memory: 1Gi
  resources:
    requests:
      cpu: '1'
"#,
            Want {
                admission_error: None,
                message: None,
                feasible: &["n0", "n1"],
                winner: Winner::One("n0"),
                scores: &[("n0", 473), ("n1", 422)],
                rejected: Some(&[]),
            },
        );
    }
}

/// The node's used host ports are a set: preemption's dry run removes r0 and with it port
/// 8080, although r1 (higher priority, staying) lists the same port, so the pod fits and r0
/// is the victim (every release; podplay kept 8080 held by r1 and found no victims).
#[test]
fn removing_a_pod_frees_a_host_port_another_pod_also_lists() {
    let yaml = r#"apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  priorityClassName: low
  containers:
  - name: app
    image: nginx:1.25
    resources: {requests: {cpu: "1"}}
    ports: [{containerPort: 80, hostPort: 8080}]
---
apiVersion: v1
kind: Node
metadata: {name: n0, labels: {kubernetes.io/hostname: n0}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Pod
metadata: {name: r0}
spec:
  nodeName: n0
  containers:
  - name: app
    image: nginx:1.25
    resources: {requests: {cpu: 500m}}
    ports: [{containerPort: 80, hostPort: 8080}]
---
apiVersion: v1
kind: Pod
metadata: {name: r1}
spec:
  nodeName: n0
  priorityClassName: high
  containers:
  - name: app
    image: nginx:1.25
    resources: {requests: {cpu: "3"}}
    ports: [{containerPort: 80, hostPort: 8080}]
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: low}
value: 10
"#;
    for minor in [33, 34, 35, 36] {
        check(
            "hand/preempt-shared-port",
            minor,
            yaml,
            Want {
                admission_error: None,
                message: Some(
                    "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports.",
                ),
                feasible: &[],
                winner: Winner::None,
                scores: &[],
                rejected: Some(&[
                    "n0: NodePorts: node(s) didn't have free ports for the requested pod ports",
                ]),
            },
        );
        check_preemption(
            "hand/preempt-shared-port",
            minor,
            yaml,
            "n0",
            &["default/r0"],
        );
    }
}

/// Preemption keeps the pod that started first: ra (started 2026-01-01) and rb (2026-02-01)
/// have the same priority, `MoreImportantPod` ranks ra first, so it is reprieved and rb is the
/// victim (every release; podplay, ignoring `status.startTime`, evicted ra).
#[test]
fn preemption_reprieves_the_pod_that_started_first() {
    let yaml = r#"apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  priorityClassName: high
  containers:
  - {name: app, image: nginx:1.25, resources: {requests: {cpu: "2"}}}
---
apiVersion: v1
kind: Node
metadata: {name: n0, labels: {kubernetes.io/hostname: n0}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Pod
metadata: {name: ra}
spec:
  nodeName: n0
  containers:
  - {name: app, image: nginx:1.25, resources: {requests: {cpu: "2"}}}
status:
  phase: Running
  startTime: "2026-01-01T00:00:00Z"
---
apiVersion: v1
kind: Pod
metadata: {name: rb}
spec:
  nodeName: n0
  containers:
  - {name: app, image: nginx:1.25, resources: {requests: {cpu: "2"}}}
status:
  phase: Running
  startTime: "2026-02-01T00:00:00Z"
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
"#;
    for minor in [33, 34, 35, 36] {
        check(
            "hand/preempt-starttime",
            minor,
            yaml,
            Want {
                admission_error: None,
                message: Some("0/1 nodes are available: 1 Insufficient cpu."),
                feasible: &[],
                winner: Winner::None,
                scores: &[],
                rejected: Some(&["n0: NodeResourcesFit: Insufficient cpu"]),
            },
        );
        check_preemption("hand/preempt-starttime", minor, yaml, "n0", &["default/rb"]);
    }
}

/// Between two otherwise equal preemption candidates the node whose victim started latest
/// wins (`pickOneNodeForPreemption`, `GetEarliestPodStartTime`): n1, evicting rb (podplay
/// reported a tie).
#[test]
fn preemption_prefers_the_node_whose_victims_started_latest() {
    let yaml = r#"apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  priorityClassName: high
  containers:
  - {name: app, image: nginx:1.25, resources: {requests: {cpu: "3"}}}
---
apiVersion: v1
kind: Node
metadata: {name: n0, labels: {kubernetes.io/hostname: n0}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Pod
metadata: {name: ra}
spec:
  nodeName: n0
  containers:
  - {name: app, image: nginx:1.25, resources: {requests: {cpu: "2"}}}
status:
  phase: Running
  startTime: "2026-01-01T00:00:00Z"
---
apiVersion: v1
kind: Pod
metadata: {name: rb}
spec:
  nodeName: n1
  containers:
  - {name: app, image: nginx:1.25, resources: {requests: {cpu: "2"}}}
status:
  phase: Running
  startTime: "2026-02-01T00:00:00Z"
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
"#;
    for minor in [33, 34, 35, 36] {
        check(
            "hand/preempt-starttime-nodes",
            minor,
            yaml,
            Want {
                admission_error: None,
                message: Some("0/2 nodes are available: 2 Insufficient cpu."),
                feasible: &[],
                winner: Winner::None,
                scores: &[],
                rejected: Some(&[
                    "n0: NodeResourcesFit: Insufficient cpu",
                    "n1: NodeResourcesFit: Insufficient cpu",
                ]),
            },
        );
        check_preemption(
            "hand/preempt-starttime-nodes",
            minor,
            yaml,
            "n1",
            &["default/rb"],
        );
    }
}

/// Preemption's dry run on n1 removes r6 (being deleted, so PodTopologySpread never counted
/// it) and RemovePod still subtracts it: za drops to 0 and the pod fits there; putting r6 back
/// breaks the skew again, so r6 is the victim (1.35+ nominate n1 without deleting r6). podplay
/// recounted the remaining pods, found za unchanged and did not preempt.
#[test]
fn spread_remove_pod_subtracts_a_pod_being_deleted() {
    let yaml = r#"apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: web}}
spec:
  priorityClassName: low
  topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: DoNotSchedule
    labelSelector: {matchLabels: {app: web}}
  containers:
  - {name: app, image: nginx:1.25, resources: {requests: {cpu: "1"}}}
---
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1, topology.kubernetes.io/zone: za}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata: {name: n2, labels: {kubernetes.io/hostname: n2, topology.kubernetes.io/zone: zb}}
status:
  allocatable: {cpu: "1", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Pod
metadata: {name: r2, labels: {app: web}}
spec:
  nodeName: n1
  priorityClassName: low
  containers:
  - {name: app, image: nginx:1.25, resources: {requests: {cpu: "1"}}}
---
apiVersion: v1
kind: Pod
metadata: {name: r6, labels: {app: web}, deletionTimestamp: "2026-01-01T00:00:00Z"}
spec:
  nodeName: n1
  containers:
  - {name: app, image: nginx:1.25, resources: {requests: {cpu: "1"}}}
---
apiVersion: v1
kind: Pod
metadata: {name: r3, labels: {app: db}}
spec:
  nodeName: n2
  priorityClassName: high
  containers:
  - {name: app, image: nginx:1.25, resources: {requests: {cpu: "1"}}}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: low}
value: 10
"#;
    for minor in [33, 34, 35, 36] {
        check(
            "hand/preempt-spread-deleting2",
            minor,
            yaml,
            Want {
                admission_error: None,
                message: Some(
                    "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match pod topology spread constraints.",
                ),
                feasible: &[],
                winner: Winner::None,
                scores: &[],
                rejected: Some(&[
                    "n1: PodTopologySpread: node(s) didn't match pod topology spread constraints",
                    "n2: NodeResourcesFit: Insufficient cpu",
                ]),
            },
        );
        let victims: &[&str] = if minor >= 35 { &[] } else { &["default/r6"] };
        check_preemption("hand/preempt-spread-deleting2", minor, yaml, "n1", victims);
    }
}
