//! NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go): Filter checks the
//! pod count and every requested resource against allocatable minus what bound pods request;
//! Score is LeastAllocated over cpu and memory (weight 1 each).

use super::node_info::NodeInfo;
use super::{Code, PodFacts, Status, MAX_NODE_SCORE};
use crate::versions::Version;

pub const NAME: &str = "NodeResourcesFit";
pub const WEIGHT: i64 = 1;

/// `fitsRequest`: (reason, unresolvable) per insufficient resource, in Kubernetes' order:
/// pods, cpu, memory, ephemeral-storage, then extended resources (sorted by name; Go ranges
/// over a map there).
pub fn insufficient(pod: &PodFacts, node: &NodeInfo) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let alloc = &node.allocatable;
    let used = &node.requested;
    if node.pods.len() as i64 + 1 > alloc.allowed_pods {
        out.push(("Too many pods".to_string(), false));
    }
    let req = &pod.requests;
    let mut check = |name: &str, want: i64, have: i64, used: i64| {
        if want > 0 && want > have - used {
            out.push((format!("Insufficient {name}"), want > have));
        }
    };
    check("cpu", req.milli_cpu, alloc.milli_cpu, used.milli_cpu);
    check("memory", req.memory, alloc.memory, used.memory);
    check(
        "ephemeral-storage",
        req.ephemeral_storage,
        alloc.ephemeral_storage,
        used.ephemeral_storage,
    );
    for (name, want) in &req.scalar {
        check(name, *want, alloc.scalar(name), used.scalar(name));
    }
    out
}

/// Since 1.34 a request larger than the node's whole allocatable is UnschedulableAndUnresolvable
/// (preemption cannot free enough); before, every resource reason was Unschedulable.
pub fn filter(pod: &PodFacts, node: &NodeInfo, version: Version) -> Option<Status> {
    let found = insufficient(pod, node);
    if found.is_empty() {
        return None;
    }
    let unresolvable = version.behaviour("SchedulerUnresolvableInsufficientResources")
        && found.iter().any(|(_, u)| *u);
    let code = if unresolvable {
        Code::UnschedulableAndUnresolvable
    } else {
        Code::Unschedulable
    };
    let detail = detail(pod, node);
    Some(Status {
        code,
        reasons: found.into_iter().map(|(r, _)| r).collect(),
        detail: Some(detail),
    })
}

/// The numbers behind the reasons: what the pod asks, what the node has, what is in use.
fn detail(pod: &PodFacts, node: &NodeInfo) -> String {
    let a = &node.allocatable;
    let u = &node.requested;
    let r = &pod.requests;
    let mut parts = vec![format!(
        "pods: {} running of {} allowed",
        node.pods.len(),
        a.allowed_pods
    )];
    if r.milli_cpu > 0 {
        parts.push(format!(
            "cpu: asks {}m, allocatable {}m, {}m requested by running pods",
            r.milli_cpu, a.milli_cpu, u.milli_cpu
        ));
    }
    if r.memory > 0 {
        parts.push(format!(
            "memory: asks {}, allocatable {}, {} requested by running pods",
            r.memory, a.memory, u.memory
        ));
    }
    if r.ephemeral_storage > 0 {
        parts.push(format!(
            "ephemeral-storage: asks {}, allocatable {}, {} requested",
            r.ephemeral_storage, a.ephemeral_storage, u.ephemeral_storage
        ));
    }
    for (name, want) in &r.scalar {
        parts.push(format!(
            "{name}: asks {want}, allocatable {}, {} requested",
            a.scalar(name),
            u.scalar(name)
        ));
    }
    parts.join("; ")
}

/// `leastRequestedScore`: the unused share of capacity, 0–100.
fn least_requested(requested: i64, capacity: i64) -> i64 {
    if capacity == 0 || requested > capacity {
        return 0;
    }
    (capacity - requested) * MAX_NODE_SCORE / capacity
}

/// LeastAllocated: cpu and memory, each (allocatable − requested) / allocatable with the
/// scoring defaults (100m, 200Mi) for containers that request nothing, averaged.
pub fn score(pod: &PodFacts, node: &NodeInfo) -> i64 {
    let alloc = &node.allocatable;
    let used = &node.non_zero_requested;
    let mut total = 0;
    let mut weights = 0;
    for (want, have, used) in [
        (pod.non_zero.milli_cpu, alloc.milli_cpu, used.milli_cpu),
        (pod.non_zero.memory, alloc.memory, used.memory),
    ] {
        if have == 0 {
            continue;
        }
        total += least_requested(used + want, have);
        weights += 1;
    }
    if weights == 0 {
        0
    } else {
        total / weights
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::scheduling::node_info::NodeInfo;
    use crate::scheduling::PodFacts;
    use serde_json::{json, Value};

    fn pod(requests: Value) -> Value {
        json!({"metadata": {"name": "x"}, "spec": {"containers": [{"name": "a", "resources": {"requests": requests}}]}})
    }

    #[test]
    fn least_allocated_reads_container_requests_under_pod_level_resources() {
        use crate::versions::Version;
        // spec.resources asks 2 cpu; the container asks nothing (100m when scoring).
        let p = json!({"metadata": {"name": "x"}, "spec": {
            "resources": {"requests": {"cpu": "2"}},
            "containers": [{"name": "a"}]}});
        let node = NodeInfo::new(
            &json!({"metadata": {"name": "n"}, "status": {"allocatable": {"cpu": "4", "memory": "8Gi"}}}),
            &[],
        );
        // The Fit scorer skips pod-level resources (1.34–1.36 alike): cpu (4000 − 100)/4000
        // → 97, memory (8Gi − 200Mi)/8Gi → 97; the filter still reads the pod level.
        for minor in [34, 35, 36] {
            let facts = PodFacts::new(&p, Version::new(1, minor));
            assert_eq!(facts.requests.milli_cpu, 2000, "1.{minor}");
            assert_eq!(score(&facts, &node), 97, "1.{minor}");
        }
    }

    #[test]
    fn filter_reasons_and_codes() {
        let node = |alloc: Value, running: &[Value]| {
            let refs: Vec<&Value> = running.iter().collect();
            NodeInfo::new(
                &json!({"metadata": {"name": "n"}, "status": {"allocatable": alloc}}),
                &refs,
            )
        };
        let small = node(
            json!({"cpu": "2", "memory": "4Gi", "pods": "110"}),
            &[pod(json!({"cpu": "1"}))],
        );
        let rows = [
            // (request, version, reasons, code)
            (
                json!({"cpu": "1500m"}),
                "1.36",
                vec!["Insufficient cpu"],
                Code::Unschedulable,
            ),
            (
                json!({"cpu": "3"}),
                "1.36",
                vec!["Insufficient cpu"],
                Code::UnschedulableAndUnresolvable,
            ),
            (
                json!({"cpu": "3"}),
                "1.33",
                vec!["Insufficient cpu"],
                Code::Unschedulable,
            ),
            (
                json!({"cpu": "3", "memory": "5Gi"}),
                "1.36",
                vec!["Insufficient cpu", "Insufficient memory"],
                Code::UnschedulableAndUnresolvable,
            ),
            (
                json!({"example.com/dongle": "1"}),
                "1.36",
                vec!["Insufficient example.com/dongle"],
                Code::UnschedulableAndUnresolvable,
            ),
        ];
        for (req, v, reasons, code) in rows {
            let version = Version::parse(v).unwrap();
            let facts = PodFacts::new(&pod(req.clone()), version);
            let got = filter(&facts, &small, version).expect("rejected");
            assert_eq!(got.reasons, reasons, "{req} {v}");
            assert_eq!(got.code, code, "{req} {v}");
        }
        // A best-effort pod is checked only against the pod count.
        let full = node(json!({"cpu": "1", "pods": "1"}), &[pod(json!({}))]);
        let facts = PodFacts::new(&pod(json!({})), Version::new(1, 36));
        assert_eq!(
            filter(&facts, &full, Version::new(1, 36)).map(|s| s.reasons),
            Some(vec!["Too many pods".to_string()])
        );
        let roomy = node(
            json!({"cpu": "1", "pods": "2"}),
            &[pod(json!({"cpu": "1"}))],
        );
        assert_eq!(filter(&facts, &roomy, Version::new(1, 36)), None);
    }

    #[test]
    fn least_requested_rows() {
        // 4 CPUs, 100m requested → 97 (integer division).
        assert_eq!(least_requested(100, 4000), 97);
        assert_eq!(least_requested(5000, 4000), 0);
        assert_eq!(least_requested(0, 0), 0);
    }
}
