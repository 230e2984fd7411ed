//! What the environment view reports: each container's variables with their sources, the
//! references it could not resolve, its expanded command and arguments, the node it runs on.

use super::expansion::Reference;
use super::service_links::ServiceDecision;
use super::SimulatedValues;
use crate::placement::NodeChoice;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// Which list a container is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContainerKind {
    Init,
    /// An init container with `restartPolicy: Always`.
    Sidecar,
    Container,
}

/// Where a value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SourceKind {
    /// `env[].value`, after `$(VAR)` expansion.
    Value,
    FieldRef,
    ResourceFieldRef,
    ConfigMapKeyRef,
    SecretKeyRef,
    /// `env[].valueFrom.fileKeyRef`: read from a file when the container starts.
    FileKeyRef,
    EnvFromConfigMap,
    EnvFromSecret,
    /// A service link variable.
    Service,
}

impl SourceKind {
    /// The rule id of values from this source.
    pub fn rule(self) -> &'static str {
        match self {
            SourceKind::Value => "kubelet.env.value",
            SourceKind::FieldRef => "kubelet.env.fieldRef",
            SourceKind::ResourceFieldRef => "kubelet.env.resourceFieldRef",
            SourceKind::ConfigMapKeyRef => "kubelet.env.configMapKeyRef",
            SourceKind::SecretKeyRef => "kubelet.env.secretKeyRef",
            SourceKind::FileKeyRef => "kubelet.env.fileKeyRef",
            SourceKind::EnvFromConfigMap => "kubelet.env.envFrom.configMap",
            SourceKind::EnvFromSecret => "kubelet.env.envFrom.secret",
            SourceKind::Service => "kubelet.env.service",
        }
    }

    /// The Kubernetes function that produces such a value.
    pub fn kubernetes_source(self) -> &'static str {
        match self {
            SourceKind::Value => "third_party/forked/golang/expansion/expand.go:Expand",
            SourceKind::FieldRef => "pkg/kubelet/kubelet_pods.go:podFieldSelectorRuntimeValue",
            SourceKind::ResourceFieldRef => {
                "pkg/api/v1/resource/helpers.go:ExtractContainerResourceValue"
            }
            SourceKind::Service => "pkg/kubelet/envvars/envvars.go:FromServices",
            _ => "pkg/kubelet/kubelet_pods.go:makeEnvironmentVariables",
        }
    }
}

/// An API object a value was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectRef {
    pub kind: String,
    pub namespace: String,
    pub name: String,
}

/// The source of one variable, structured for a UI, with one line of text to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvSource {
    pub kind: SourceKind,
    /// The rule id (`kubelet.env.<kind>`; [`crate::docs::for_rule`] gives its kubernetes.io page).
    pub rule: Cow<'static, str>,
    /// The Kubernetes source that produces such a value.
    pub kubernetes_source: Cow<'static, str>,
    /// One line a person reads: `env[1] value "hello-$(A)"`, `Secret default/creds key "user" via envFrom[0] (prefix "DB_")`.
    pub text: String,
    /// The pod field it was declared at (`spec.containers[0].env[1]`); for service variables,
    /// None.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<ObjectRef>,
    /// The ConfigMap/Secret key, the fieldRef path or the resourceFieldRef resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The envFrom prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// The value as declared, before `$(VAR)` expansion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared: Option<String>,
    /// The `$(VAR)` references in the declared value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,
    /// Whether the value comes from a simulated setting (node, pod IP, uid, kubernetes Service).
    pub simulated: bool,
}

/// A value that an entry replaced (precedence when names collide).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Replaced {
    pub value: String,
    pub source: EnvSource,
}

/// One variable of a container's final environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvVarRow {
    pub name: String,
    pub value: String,
    pub source: EnvSource,
    /// Earlier values of the same name this one won over, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaced: Vec<Replaced>,
}

/// A reference that produced no variable (an optional ConfigMap/Secret or key that is absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SkippedRef {
    pub field: String,
    /// `kubelet.env.optional`: an optional reference that is absent is skipped.
    pub rule: Cow<'static, str>,
    pub text: String,
}

/// One `command`/`args` item before and after expansion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpandedItem {
    pub declared: String,
    pub value: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,
}

/// The kubelet's error for a container: it is not created, and waits with this reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerError {
    /// The exact message (the container status' waiting message).
    pub message: String,
    /// `kubelet.env.error`.
    pub rule: Cow<'static, str>,
    /// `CreateContainerConfigError`.
    pub reason: String,
    /// The field that caused it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// A variable the container runtime adds itself (not part of the kubelet's list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuntimeVar {
    pub name: String,
    /// `kubelet.env.hostname`: the runtime names the variable after the sandbox hostname.
    pub rule: Cow<'static, str>,
    pub value: String,
    pub note: String,
}

/// One container's environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerEnvironment {
    pub name: String,
    pub kind: ContainerKind,
    /// `spec.containers[0]`, `spec.initContainers[1]`.
    pub field: String,
    /// The final environment sorted by name; None when the kubelet fails (see `error`).
    pub env: Option<Vec<EnvVarRow>>,
    /// `command` after expansion against the final environment ([] when not set).
    pub command: Option<Vec<String>>,
    pub args: Option<Vec<String>>,
    pub command_items: Vec<ExpandedItem>,
    pub args_items: Vec<ExpandedItem>,
    pub error: Option<ContainerError>,
    /// Optional references that were absent and produced nothing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<SkippedRef>,
    /// Variables the runtime sets (HOSTNAME), which the kubelet does not.
    pub runtime_vars: Vec<RuntimeVar>,
}

/// The pod's hostname as the container sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HostnameInfo {
    /// What `hostname` prints in the container (the runtime's HOSTNAME).
    pub hostname: String,
    /// `kubelet.env.hostname` (pkg/kubelet/kubelet_pods.go:GeneratePodHostNameAndDomain).
    pub rule: Cow<'static, str>,
    /// `<subdomain>.<namespace>.svc.<clusterDomain>` when `subdomain` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// How the name was chosen.
    pub explanation: String,
    /// The kubelet's error when it cannot build the name (the sandbox is not created).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub simulated: bool,
}

/// The node the kubelet runs on, as far as the environment is concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeUsed {
    pub name: String,
    /// The node's own hostname (its `Hostname` address, else its name): what a hostNetwork
    /// pod sees.
    pub hostname: String,
    /// True when the values are the simulated node's (no Node of that name in the paste or the
    /// cluster context panel).
    pub simulated: bool,
    /// Who chose the node: spec.nodeName, the scheduler, or nobody (the simulated node).
    #[serde(default)]
    pub choice: NodeChoice,
    /// Where the node's values come from, in one line (e.g. `from Node w1 (given),
    /// chosen by the scheduler`).
    #[serde(default)]
    pub from: String,
    /// `status.hostIP(s)`.
    #[serde(rename = "hostIPs")]
    pub host_ips: Vec<String>,
    /// `status.allocatable`, which replaces unset limits in resourceFieldRef.
    pub allocatable: Map<String, Value>,
    /// The pod's IPs (simulated: the network plugin assigns them).
    #[serde(rename = "podIPs")]
    pub pod_ips: Vec<String>,
}

/// The environment view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentReport {
    pub namespace: String,
    pub pod_name: String,
    pub service_account_name: String,
    pub enable_service_links: bool,
    /// Why the lists are sorted ([`ENV_ORDER`]).
    pub env_order: String,
    pub hostname: HostnameInfo,
    pub node: NodeUsed,
    /// Whether `metadata.uid` is the simulated one.
    pub uid_simulated: bool,
    /// Every Service the kubelet lists, and whether this pod's containers get its variables.
    pub services: Vec<ServiceDecision>,
    /// When service variables are fixed ([`SERVICES_NOTE`]).
    pub services_note: String,
    pub containers: Vec<ContainerEnvironment>,
    /// The simulated values used (shown as such, editable in the cluster settings).
    pub simulated: SimulatedValues,
}
