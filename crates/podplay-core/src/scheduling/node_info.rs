//! The scheduler's view of one node (`framework.NodeInfo`, pkg/scheduler/framework/types.go):
//! the Node's labels, taints and allocatable resources, plus the pods already bound to it,
//! their summed requests and the host ports they hold.

use super::resources::{node_non_zero, pod_resources, RequestOptions, Resources};
use crate::pod_json::Pointer;
use crate::tolerations::Taint;
use crate::versions::Version;
use serde_json::{Map, Value};

/// `(hostIP, protocol, hostPort)` as `HostPortInfo` keys it: an empty IP is `0.0.0.0`, an
/// empty protocol is `TCP` (`HostPortInfo.sanitize`, k8s.io/kube-scheduler/framework/types.go).
/// Only the empty string is rewritten: `::` is a key of its own and does not bind all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPort {
    pub ip: String,
    pub protocol: String,
    pub port: i64,
}

impl HostPort {
    /// `HostPortInfo.CheckConflict`: `0.0.0.0` conflicts with the same protocol and port on any IP.
    pub fn conflicts(&self, other: &HostPort) -> bool {
        self.port == other.port
            && self.protocol == other.protocol
            && (self.ip == other.ip || self.ip == BIND_ALL || other.ip == BIND_ALL)
    }
}

const BIND_ALL: &str = "0.0.0.0";

/// `schedutil.GetHostPorts`: host ports of the regular containers and, from 1.34, of
/// restartable init containers (sidecars run for the pod's whole life; v1.33's NodePorts and
/// `NodeInfo.updateUsedPorts` read `spec.containers` only: versions behaviour
/// `SchedulerSidecarHostPorts`); ports without `hostPort` do not count.
pub fn host_ports(pod: &Value, version: Version) -> Vec<HostPort> {
    let sidecars = version.behaviour("SchedulerSidecarHostPorts");
    let spec = pod.get("spec").unwrap_or(&Value::Null);
    let mut out = Vec::new();
    let mut take = |c: &Value| {
        for p in c
            .get("ports")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let port = p.get("hostPort").and_then(Value::as_i64).unwrap_or(0);
            if port <= 0 {
                continue;
            }
            let ip = p.get("hostIP").and_then(Value::as_str).unwrap_or("");
            let ip = if ip.is_empty() { BIND_ALL } else { ip };
            let protocol = p.get("protocol").and_then(Value::as_str).unwrap_or("");
            out.push(HostPort {
                ip: ip.to_string(),
                protocol: if protocol.is_empty() { "TCP" } else { protocol }.to_string(),
                port,
            });
        }
    };
    for c in spec
        .get("initContainers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if sidecars && c.get("restartPolicy").and_then(Value::as_str) == Some("Always") {
            take(c);
        }
    }
    for c in spec
        .get("containers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        take(c);
    }
    out
}

/// A pod already bound to a node.
#[derive(Debug, Clone)]
pub struct PodOnNode {
    /// `namespace/name`.
    pub key: String,
    pub priority: i64,
    pub requests: Resources,
    /// Requests with the scoring defaults for containers that request nothing.
    pub non_zero: Resources,
    pub ports: Vec<HostPort>,
    pub namespace: String,
    pub labels: Map<String, Value>,
    /// `metadata.deletionTimestamp` is set: the pod is being deleted.
    pub terminating: bool,
    /// `status.startTime` as written (RFC 3339, compared as text): preemption prefers to
    /// keep older pods.
    pub start_time: Option<String>,
    /// `spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution` terms.
    pub anti_affinity: Vec<Value>,
    /// The pod's whole `spec.affinity` (its pod-affinity terms also score the incoming pod).
    pub affinity: Value,
}

impl PodOnNode {
    /// Tests' shorthand: pod-level requests counted (PodLevelResources on, as in 1.34+).
    #[cfg(test)]
    pub fn new(pod: &Value) -> PodOnNode {
        PodOnNode::for_version(pod, Version::new(1, 36))
    }

    /// As `version` counts it: its PodLevelResources gate (pod-level `spec.resources` replace
    /// the containers' sum) and which containers' host ports it holds.
    pub fn for_version(pod: &Value, version: Version) -> PodOnNode {
        let pod_level = version.gate("PodLevelResources");
        // NodeInfo counts a resized container's actuated/allocated requests
        // (framework/types.go PodInfo.calculateResource: UseStatusResources).
        let status_resources = version.gate("InPlacePodVerticalScaling");
        let meta = pod.get("metadata").unwrap_or(&Value::Null);
        let s = |k: &str| meta.get(k).and_then(Value::as_str).unwrap_or("");
        let ns = if s("namespace").is_empty() {
            "default"
        } else {
            s("namespace")
        };
        PodOnNode {
            key: format!("{ns}/{}", s("name")),
            priority: pod_priority(pod),
            requests: pod_resources(
                pod,
                RequestOptions {
                    non_missing_defaults: false,
                    pod_level,
                    status_resources,
                },
            ),
            non_zero: node_non_zero(
                pod,
                RequestOptions {
                    non_missing_defaults: true,
                    pod_level,
                    status_resources,
                },
            ),
            ports: host_ports(pod, version),
            namespace: ns.to_string(),
            labels: meta
                .get("labels")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
            terminating: meta.get("deletionTimestamp").is_some_and(|t| !t.is_null()),
            start_time: pod
                .at("/status/startTime")
                .and_then(Value::as_str)
                .map(str::to_string),
            anti_affinity: pod
                .at("/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
            affinity: pod.at("/spec/affinity").cloned().unwrap_or(Value::Null),
        }
    }
}

/// `corev1helpers.PodPriority`: `spec.priority`, 0 when unset.
pub fn pod_priority(pod: &Value) -> i64 {
    pod.at("/spec/priority")
        .and_then(Value::as_i64)
        .unwrap_or(0)
}

/// One node with what is already on it.
#[derive(Debug, Clone)]
pub struct NodeInfo {
    pub name: String,
    pub labels: Map<String, Value>,
    pub unschedulable: bool,
    pub taints: Vec<Taint>,
    pub allocatable: Resources,
    /// Sum of the bound pods' requests (`NodeInfo.Requested`).
    pub requested: Resources,
    /// The same with the scoring defaults (`NodeInfo.NonZeroRequested`).
    pub non_zero_requested: Resources,
    pub pods: Vec<PodOnNode>,
    /// `NodeInfo.UsedPorts`: a set, so removing a pod frees its ports even when another
    /// bound pod also lists them (`HostPortInfo.Remove`; preemption's dry run sees this).
    used_ports: Vec<HostPort>,
    /// Pods a preemption dry run took off this node (and has not put back): PodTopologySpread's
    /// RemovePod subtracts them from its counts by its own rule.
    pub removed: Vec<PodOnNode>,
    /// Images on the node: each name exactly as `status.images` lists it (the scheduler's
    /// cache keys them raw; only the pod's side is normalized) and the entry's size in bytes.
    pub images: Vec<(String, i64)>,
    /// `status.declaredFeatures` (the NodeDeclaredFeatures filter, 1.36).
    pub declared_features: Vec<String>,
}

/// `normalizedImageName` (imagelocality): a name without a tag gets `:latest`.
pub fn normalized_image_name(name: &str) -> String {
    // Go compares strings.LastIndex results, which are -1 when absent.
    let at = |c: char| name.rfind(c).map_or(-1, |i| i as i64);
    if at(':') <= at('/') {
        format!("{name}:latest")
    } else {
        name.to_string()
    }
}

impl NodeInfo {
    /// Tests' shorthand: from a (defaulted) Node and the pods bound to it, PodLevelResources on.
    #[cfg(test)]
    pub fn new(node: &Value, pods: &[&Value]) -> NodeInfo {
        NodeInfo::for_version(node, pods, Version::new(1, 36))
    }

    /// From a (defaulted) Node and the pods bound to it, as `version` counts them
    /// ([`PodOnNode::for_version`]).
    pub fn for_version(node: &Value, pods: &[&Value], version: Version) -> NodeInfo {
        let name = node
            .at("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let labels = node
            .at("/metadata/labels")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let taints = node
            .at("/spec/taints")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|t| {
                let s = |k: &str| t.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                Taint {
                    key: s("key"),
                    value: s("value"),
                    effect: s("effect"),
                }
            })
            .collect();
        let mut images = Vec::new();
        for img in node
            .at("/status/images")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let size = img.get("sizeBytes").and_then(Value::as_i64).unwrap_or(0);
            for n in img
                .get("names")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(n) = n.as_str() {
                    images.push((n.to_string(), size));
                }
            }
        }
        let mut info = NodeInfo {
            name,
            labels,
            unschedulable: node
                .at("/spec/unschedulable")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            taints,
            allocatable: Resources::from_list(node.at("/status/allocatable")),
            requested: Resources::default(),
            non_zero_requested: Resources::default(),
            pods: Vec::new(),
            used_ports: Vec::new(),
            removed: Vec::new(),
            images,
            declared_features: node
                .at("/status/declaredFeatures")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
        };
        for p in pods {
            info.add_pod(PodOnNode::for_version(p, version));
        }
        info
    }

    pub fn add_pod(&mut self, pod: PodOnNode) {
        self.requested.add(&pod.requests);
        self.non_zero_requested.add(&pod.non_zero);
        for port in &pod.ports {
            if !self.used_ports.contains(port) {
                self.used_ports.push(port.clone());
            }
        }
        self.removed.retain(|r| r.key != pod.key);
        self.pods.push(pod);
    }

    pub fn remove_pod(&mut self, key: &str) -> Option<PodOnNode> {
        let i = self.pods.iter().position(|p| p.key == key)?;
        let pod = self.pods.remove(i);
        self.requested.sub(&pod.requests);
        self.non_zero_requested.sub(&pod.non_zero);
        self.used_ports.retain(|used| !pod.ports.contains(used));
        self.removed.push(pod.clone());
        Some(pod)
    }

    /// The host ports the node counts as held (`NodeInfo.UsedPorts`).
    pub fn used_ports(&self) -> impl Iterator<Item = &HostPort> {
        self.used_ports.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_names_get_latest_only_without_a_tag() {
        for (raw, want) in [
            ("nginx", "nginx:latest"),
            ("nginx:1.25", "nginx:1.25"),
            ("localhost:5000/app", "localhost:5000/app:latest"),
            ("localhost:5000/app:v1", "localhost:5000/app:v1"),
        ] {
            assert_eq!(normalized_image_name(raw), want);
        }
    }

    #[test]
    fn wildcard_ip_conflicts_with_any_ip() {
        let hp = |ip: &str, proto: &str| HostPort {
            ip: ip.into(),
            protocol: proto.into(),
            port: 80,
        };
        assert!(hp("0.0.0.0", "TCP").conflicts(&hp("10.0.0.1", "TCP")));
        assert!(hp("10.0.0.1", "TCP").conflicts(&hp("0.0.0.0", "TCP")));
        assert!(!hp("10.0.0.1", "TCP").conflicts(&hp("10.0.0.2", "TCP")));
        assert!(!hp("0.0.0.0", "UDP").conflicts(&hp("0.0.0.0", "TCP")));
    }
}
