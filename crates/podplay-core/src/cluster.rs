//! The cluster context: every document of the paste that is not the subject, by kind, plus
//! the node's docker config.json and the kubelet's credential provider plugins. The create
//! pipeline's admission plugins and every view read the cluster through it.

use crate::credentials::provider::Provider;
use serde_json::{json, Value};

/// Cluster objects given beside the pod (decoded v1 JSON, or the document's plain JSON for a
/// kind podplay has no schema for): ServiceAccount, Secret, RuntimeClass, PriorityClass,
/// LimitRange, Namespace, Node, Pod (running pods), Service, ConfigMap. Objects without a
/// namespace belong to the pod's namespace.
#[derive(Debug, Clone, Default)]
pub struct ClusterContext {
    pub objects: Vec<Value>,
    /// The node's docker config.json text, if the paste has one.
    pub node_config: Option<String>,
    /// The kubelet's credential provider plugins (`CredentialProviderConfig`).
    pub credential_providers: Vec<Provider>,
}

/// `scheduling.SystemCriticalPriority` (pkg/apis/scheduling/types.go): a pod at or above it is
/// critical (`kubelettypes.IsCriticalPodBasedOnPriority`).
pub const SYSTEM_CRITICAL_PRIORITY: i64 = 2_000_000_000;

/// PriorityClasses every cluster has (created by the API server at start-up).
const SYSTEM_PRIORITY_CLASSES: &[(&str, i64)] = &[
    ("system-node-critical", 2_000_001_000),
    ("system-cluster-critical", 2_000_000_000),
];

fn kind_of(obj: &Value) -> &str {
    obj.get("kind").and_then(Value::as_str).unwrap_or("")
}

fn name_of(obj: &Value) -> &str {
    obj.get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("")
}

fn namespace_of(obj: &Value) -> &str {
    obj.get("metadata")
        .and_then(|m| m.get("namespace"))
        .and_then(Value::as_str)
        .unwrap_or("")
}

impl ClusterContext {
    /// A cluster holding these objects (no node config, no credential providers).
    pub fn new(objects: Vec<Value>) -> Self {
        ClusterContext {
            objects,
            ..ClusterContext::default()
        }
    }

    /// Every object of a kind, in paste order (`context.of_kind("Node")`).
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.objects.iter().filter(move |o| kind_of(o) == kind)
    }

    /// Objects of a kind; for namespaced kinds, those in `namespace` (objects without a
    /// namespace count as being in the pod's namespace, i.e. in every namespace asked for).
    pub fn in_namespace(&self, kind: &str, namespace: Option<&str>) -> Vec<&Value> {
        self.objects
            .iter()
            .filter(|o| {
                kind_of(o) == kind
                    && namespace.is_none_or(|ns| {
                        let own = namespace_of(o);
                        own.is_empty() || own == ns
                    })
            })
            .collect()
    }

    /// One object by kind, namespace (None for cluster-scoped kinds) and name.
    pub fn find(&self, kind: &str, namespace: Option<&str>, name: &str) -> Option<&Value> {
        self.in_namespace(kind, namespace)
            .into_iter()
            .find(|o| name_of(o) == name)
    }

    /// A ServiceAccount. `default` exists in every namespace unless one is given.
    pub fn service_account(&self, namespace: &str, name: &str) -> Option<Value> {
        if let Some(sa) = self.find("ServiceAccount", Some(namespace), name) {
            return Some(sa.clone());
        }
        (name == "default").then(|| {
            json!({"apiVersion": "v1", "kind": "ServiceAccount",
                   "metadata": {"name": "default", "namespace": namespace}})
        })
    }

    pub fn secret(&self, namespace: &str, name: &str) -> Option<&Value> {
        self.find("Secret", Some(namespace), name)
    }

    /// The objects admission plugins look up (ServiceAccounts, Secrets, LimitRanges,
    /// PriorityClasses, RuntimeClasses, Namespaces, ...): all but Pods and Nodes, which no
    /// admission plugin podplay models reads. Admitting each running pod in this smaller
    /// cluster keeps a paste of many running pods linear.
    pub fn for_admission(&self) -> ClusterContext {
        ClusterContext {
            objects: (self.objects.iter())
                .filter(|o| !matches!(kind_of(o), "Pod" | "Node"))
                .cloned()
                .collect(),
            node_config: self.node_config.clone(),
            credential_providers: self.credential_providers.clone(),
        }
    }

    pub fn runtime_class(&self, name: &str) -> Option<&Value> {
        self.find("RuntimeClass", None, name)
    }

    /// Every PriorityClass, including the built-in system classes unless overridden.
    pub fn priority_classes(&self) -> Vec<Value> {
        let mut out: Vec<Value> = self.of_kind("PriorityClass").cloned().collect();
        for (name, value) in SYSTEM_PRIORITY_CLASSES {
            if !out.iter().any(|pc| name_of(pc) == *name) {
                out.push(json!({"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass",
                    "metadata": {"name": name}, "value": value, "preemptionPolicy": "PreemptLowerPriority"}));
            }
        }
        out
    }

    pub fn priority_class(&self, name: &str) -> Option<Value> {
        self.priority_classes()
            .into_iter()
            .find(|pc| name_of(pc) == name)
    }

    pub fn limit_ranges(&self, namespace: &str) -> Vec<&Value> {
        self.in_namespace("LimitRange", Some(namespace))
    }

    pub fn namespace(&self, name: &str) -> Option<&Value> {
        self.find("Namespace", None, name)
    }
}

/// Providers from a `CredentialProviderConfig` document (kubelet.config.k8s.io).
pub fn providers_from_config(doc: &Value) -> Vec<Provider> {
    doc.get("providers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|p| Provider {
            name: p
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            match_images: p
                .get("matchImages")
                .and_then(Value::as_array)
                .map(|l| {
                    l.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}
