//! The API server's create pipeline for a Pod, in Kubernetes' order (spec §0):
//! defaulting → namespace → mutating admission → create step (name, status, QoS,
//! dropped fields) → ValidatePodCreate → validating admission.
//! (contract stub — the defaulting/admission work fills it in)

use crate::changes::Change;
use crate::field::FieldError;
use crate::versions::Version;
use serde::Serialize;
use serde_json::Value;

/// Cluster objects given beside the pod (decoded v1 JSON): ServiceAccount, Secret,
/// RuntimeClass, PriorityClass, LimitRange, Namespace. Objects without a namespace
/// belong to the pod's namespace.
#[derive(Debug, Clone, Default)]
pub struct Cluster {
    pub objects: Vec<Value>,
}

/// Which admission plugins run, like an admission configuration. Defaults match a
/// default kube-apiserver.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmissionSettings {
    pub service_account: bool,
    pub priority: bool,
    pub default_toleration_seconds: bool,
    pub runtime_class: bool,
    /// Default OFF in Kubernetes.
    pub always_pull_images: bool,
    /// Acts only when a LimitRange is given.
    pub limit_ranger: bool,
    /// `--default-not-ready-toleration-seconds`.
    pub not_ready_toleration_seconds: i64,
    /// `--default-unreachable-toleration-seconds`.
    pub unreachable_toleration_seconds: i64,
}

impl Default for AdmissionSettings {
    fn default() -> Self {
        AdmissionSettings {
            service_account: true,
            priority: true,
            default_toleration_seconds: true,
            runtime_class: true,
            always_pull_images: false,
            limit_ranger: true,
            not_ready_toleration_seconds: 300,
            unreachable_toleration_seconds: 300,
        }
    }
}

/// One create request.
#[derive(Debug, Clone)]
pub struct AdmitInput {
    /// The v1 Pod as decoded (not yet defaulted).
    pub pod: Value,
    pub cluster: Cluster,
    /// The namespace in the request URL (kubectl's context namespace), `default` if unset.
    pub request_namespace: String,
    pub settings: AdmissionSettings,
    pub version: Version,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Created,
    RejectedAdmission,
    RejectedValidation,
    RejectedValidatingAdmission,
    DecodeError,
}

/// A rejection by an admission plugin.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmissionError {
    pub plugin: String,
    /// Full message, e.g. `pods "p" is forbidden: ...`.
    pub message: String,
    pub status_code: u16,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmitResult {
    pub outcome: Outcome,
    /// The object as a server-side dry-run create returns it; None when rejected.
    pub pod: Option<Value>,
    /// Every error string, in Kubernetes' order and wording.
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
    pub changes: Vec<Change>,
    /// Pipeline stages, for explaining and for conformance checks.
    pub scheme_defaulted: Value,
    pub admitted: Option<Value>,
    pub prepared_for_create: Option<Value>,
    pub admission_plugins: Vec<String>,
    pub admission_error: Option<AdmissionError>,
    pub validation_errors: Vec<FieldError>,
    pub validating_admission_error: Option<AdmissionError>,
}

/// Runs the whole create pipeline.
pub fn admit(input: AdmitInput) -> AdmitResult {
    AdmitResult {
        outcome: Outcome::Created,
        pod: Some(input.pod.clone()),
        errors: Vec::new(),
        warnings: Vec::new(),
        changes: Vec::new(),
        scheme_defaulted: input.pod,
        admitted: None,
        prepared_for_create: None,
        admission_plugins: Vec::new(),
        admission_error: None,
        validation_errors: Vec::new(),
        validating_admission_error: None,
    }
}
