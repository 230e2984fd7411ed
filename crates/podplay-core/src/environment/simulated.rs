//! The values a paste cannot give (the node, the pod's IP, the `kubernetes` Service, the
//! pod's uid): podplay simulates them, marks them as simulated wherever they show, and lets
//! the cluster settings change them.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The simulated node, used unless the paste has the Node the pod is bound to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimulatedNode {
    pub name: String,
    /// The node's `InternalIP` address (`status.hostIP`).
    #[serde(rename = "internalIP")]
    pub internal_ip: String,
    /// `status.allocatable` quantities.
    pub cpu: String,
    pub memory: String,
    pub ephemeral_storage: String,
    pub pods: String,
}

/// The `kubernetes` Service in `default`, used unless the paste defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimulatedKubernetesService {
    #[serde(rename = "clusterIP")]
    pub cluster_ip: String,
    pub port: i64,
    pub port_name: String,
    pub protocol: String,
}

/// Everything podplay has to invent to build an environment: a real cluster decides these
/// when the pod is scheduled and started. The defaults are the values the conformance cases
/// were computed with; the cluster settings may change them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimulatedValues {
    pub node: SimulatedNode,
    /// The pod's IP (`status.podIP`, `status.podIPs`), given by the network plugin.
    #[serde(rename = "podIP")]
    pub pod_ip: String,
    pub kubernetes_service: SimulatedKubernetesService,
    /// `metadata.uid` when the pod has none (the API server generates one).
    pub pod_uid: String,
    /// The kubelet's `clusterDomain` (FQDN of a pod with `subdomain`).
    pub cluster_domain: String,
}

impl Default for SimulatedValues {
    fn default() -> Self {
        SimulatedValues {
            node: SimulatedNode {
                name: "node-1".into(),
                internal_ip: "192.168.1.10".into(),
                cpu: "4".into(),
                memory: "8Gi".into(),
                ephemeral_storage: "100Gi".into(),
                pods: "110".into(),
            },
            pod_ip: "10.244.1.23".into(),
            kubernetes_service: SimulatedKubernetesService {
                cluster_ip: "10.96.0.1".into(),
                port: 443,
                port_name: "https".into(),
                protocol: "TCP".into(),
            },
            pod_uid: "6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e5f".into(),
            cluster_domain: "cluster.local".into(),
        }
    }
}

impl SimulatedValues {
    /// The simulated master Service as a (defaulted) v1 Service.
    pub fn kubernetes_service_object(&self) -> Value {
        let s = &self.kubernetes_service;
        json!({
            "kind": "Service", "apiVersion": "v1",
            "metadata": {"name": "kubernetes", "namespace": "default"},
            "spec": {"clusterIP": s.cluster_ip, "type": "ClusterIP",
                     "ports": [{"name": s.port_name, "port": s.port, "protocol": s.protocol}]}
        })
    }
}
