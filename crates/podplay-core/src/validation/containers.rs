//! Container validation inside `ValidatePodSpec` (pkg/apis/core/validation/validation.go):
//! regular, init and ephemeral containers, with Kubernetes' exact messages and order.
//!
//! # Public API (called by `validation.rs` where Go calls the matching function)
//!
//! All functions take the pod's `spec` as v1 JSON (after defaulting/admission) and return
//! errors in Kubernetes' order. Paths are rooted at `spec`.
//!
//! - [`validate_containers`] — `validateContainers` (`spec.containers`).
//! - [`validate_init_containers`] — `validateInitContainers` (`spec.initContainers`).
//! - [`validate_ephemeral_containers`] — `validateEphemeralContainers` (`spec.ephemeralContainers`).
//! - [`validate_host_network_ports`] — `validatePodHostNetworkDeps` (hostPort must match
//!   containerPort with hostNetwork); Go calls it right after `validatePodResources`.
//! - [`validate_file_key_ref_volumes`] — `validateFileKeyRefVolumes`, the last call of `ValidatePodSpec`.
//! - [`validate_containers_only_for_pod`] — `validateContainersOnlyForPod` for `containers` then
//!   `initContainers` (image whitespace); Go calls it in `validatePodMetadataAndSpec` after
//!   `ValidatePodSpec` and the projected service-account-token check.
//! - [`validate_resource_requirements`] — `ValidateContainerResourceRequirements` /
//!   `validatePodResourceRequirements`, reusable for `spec.overhead` (pass `{"limits": overhead}`)
//!   and pod-level `spec.resources`.
//! - [`security::validate_seccomp_profile_field`], [`security::validate_apparmor_profile_field`] —
//!   shared with the pod-level securityContext.
//!
//! `volumes` is Go's `vols` map returned by `ValidateVolumes`: only volumes that passed
//! validation, by name, each the volume's JSON object (mount checks need `persistentVolumeClaim`
//! / `ephemeral`).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::field::FieldError;
use crate::validation::ValidationContext;

/// Volumes that passed `ValidateVolumes`, by name (Go's `vols`).
pub type ValidVolumes<'a> = BTreeMap<&'a str, &'a Value>;

/// Which resource names a requirements block accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceScope {
    /// `validateContainerResourceName` (containers and `spec.overhead`).
    Container,
    /// `validatePodResourceName` (pod-level `spec.resources`).
    Pod,
}

/// `validateContainers`: `spec.containers`.
pub fn validate_containers(
    _spec: &Value,
    _volumes: &ValidVolumes,
    _ctx: &ValidationContext,
) -> Vec<FieldError> {
    Vec::new()
}

/// `validateInitContainers`: `spec.initContainers`.
pub fn validate_init_containers(
    _spec: &Value,
    _volumes: &ValidVolumes,
    _ctx: &ValidationContext,
) -> Vec<FieldError> {
    Vec::new()
}

/// `validateEphemeralContainers`: `spec.ephemeralContainers`.
pub fn validate_ephemeral_containers(
    _spec: &Value,
    _volumes: &ValidVolumes,
    _ctx: &ValidationContext,
) -> Vec<FieldError> {
    Vec::new()
}

/// `validatePodHostNetworkDeps` for a Pod (`ResourceIsPod`).
pub fn validate_host_network_ports(_spec: &Value) -> Vec<FieldError> {
    Vec::new()
}

/// `validateFileKeyRefVolumes`.
pub fn validate_file_key_ref_volumes(_spec: &Value) -> Vec<FieldError> {
    Vec::new()
}

/// `validateContainersOnlyForPod` for `spec.containers` then `spec.initContainers`.
pub fn validate_containers_only_for_pod(_spec: &Value) -> Vec<FieldError> {
    Vec::new()
}

/// `validateResourceRequirements` with the container or pod resource-name rule.
/// `claim_names` are the names in `spec.resourceClaims`.
pub fn validate_resource_requirements(
    _requirements: &Value,
    _path: &str,
    _scope: ResourceScope,
    _claim_names: &[&str],
    _ctx: &ValidationContext,
) -> Vec<FieldError> {
    Vec::new()
}
