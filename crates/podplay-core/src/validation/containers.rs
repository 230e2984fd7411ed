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
//! - [`validate_object_field_selector`], [`validate_container_resource_field_selector`] — also
//!   used for downwardAPI volume items.
//!
//! Seccomp, AppArmor, Windows options and local-path rules are shared with the pod-level
//! securityContext and come from `validation::pod_security`.
//!
//! `volumes` is Go's `vols` map returned by `ValidateVolumes`: only volumes that passed
//! validation, by name, each the volume's JSON object (mount checks need `persistentVolumeClaim`
//! / `ephemeral`).
//!
//! Source: pkg/apis/core/validation/validation.go (v1.35.4 and v1.36.2); wording and rule
//! differences between releases come from `crate::versions`.

mod env;
mod mounts;
mod ports;
mod probes;
mod resources;
mod security;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::containers::{spec_containers, ContainerKind};
use crate::field::{FieldError, Path};
use crate::validation::names;
use crate::validation::ValidationContext;

pub use env::{validate_container_resource_field_selector, validate_object_field_selector};
pub use ports::validate_host_network_ports;
pub use resources::{decoded_quantities, validate_resource_requirements, ResourceScope};

/// Volumes that passed `ValidateVolumes`, by name (Go's `vols`).
pub type ValidVolumes<'a> = BTreeMap<&'a str, &'a Value>;

/// What every container check needs from the pod spec.
struct PodFacts<'a> {
    ctx: &'a ValidationContext,
    volumes: &'a ValidVolumes<'a>,
    /// Names in `spec.resourceClaims` (Go's `podClaimNames`).
    claim_names: Vec<&'a str>,
    /// `spec.terminationGracePeriodSeconds` (None when unset).
    grace_period: Option<i64>,
    /// `spec.os.name` when `spec.os` is set.
    os: Option<&'a str>,
    /// `spec.restartPolicy`.
    restart_policy: &'a str,
    /// `spec.hostUsers`, true when unset.
    host_users: bool,
}

impl<'a> PodFacts<'a> {
    fn new(spec: &'a Value, volumes: &'a ValidVolumes<'a>, ctx: &'a ValidationContext) -> Self {
        let claim_names = list(spec, "resourceClaims")
            .iter()
            .map(|c| text(c, "name"))
            .collect();
        // v1 keeps hostUsers on the spec (internal: PodSecurityContext.HostUsers).
        let host_users = spec
            .get("hostUsers")
            .and_then(Value::as_bool)
            .unwrap_or(true);
        PodFacts {
            ctx,
            volumes,
            claim_names,
            grace_period: spec
                .get("terminationGracePeriodSeconds")
                .and_then(Value::as_i64),
            os: object(spec, "os").map(|os| text(os, "name")),
            restart_policy: text(spec, "restartPolicy"),
            host_users,
        }
    }

    fn gate(&self, name: &str) -> bool {
        self.ctx.version.gate(name)
    }
}

/// `validateContainers`: `spec.containers`.
pub fn validate_containers(
    spec: &Value,
    volumes: &ValidVolumes,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let facts = PodFacts::new(spec, volumes, ctx);
    let path = Path::new("spec").child("containers");
    let containers = list(spec, "containers");
    if containers.is_empty() {
        return vec![FieldError::required(&path, "")];
    }
    let mut errs = Vec::new();
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for (i, ctr) in containers.iter().enumerate() {
        let p = path.index(i);
        errs.extend(validate_container_common(ctr, &p, &facts));
        // Collisions with init/ephemeral names are reported by those lists.
        let name = text(ctr, "name");
        if !names.insert(name) {
            errs.push(FieldError::duplicate(p.child("name"), name));
        }
        errs.extend(probes::validate_lifecycle_and_probes(ctr, &p, &facts));
        if facts.gate("ContainerRestartRules") {
            errs.extend(validate_container_restart_policy(ctr, &p, &facts));
        } else if ctr.get("restartPolicy").is_some_and(|v| !v.is_null()) {
            errs.push(FieldError::forbidden(
                p.child("restartPolicy"),
                "may not be set for non-init containers",
            ));
        }
    }
    // Host ports must be unique across all regular containers (they run together).
    errs.extend(ports::check_host_port_conflicts(containers, &path));
    errs
}

/// `validateInitContainers`: `spec.initContainers`.
pub fn validate_init_containers(
    spec: &Value,
    volumes: &ValidVolumes,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let facts = PodFacts::new(spec, volumes, ctx);
    let path = Path::new("spec").child("initContainers");
    let mut errs = Vec::new();
    let mut names = mounts::set_of(list(spec, "containers").iter().map(|c| text(c, "name")));
    for (i, ctr) in list(spec, "initContainers").iter().enumerate() {
        let p = path.index(i);
        errs.extend(validate_container_common(ctr, &p, &facts));
        errs.extend(validate_init_container_restart_policy(ctr, &p, &facts));
        let sidecar = is_sidecar(ctr);

        let name = text(ctr, "name");
        if names.contains(name) {
            errs.push(FieldError::duplicate(p.child("name"), name));
        } else if !name.is_empty() {
            names.insert(name);
        }

        // Init containers run one by one, so each is checked alone; Go passes a one-element
        // list, which is why the reported index is always 0.
        errs.extend(ports::check_host_port_conflicts(
            std::slice::from_ref(ctr),
            &path,
        ));

        if sidecar {
            errs.extend(probes::validate_lifecycle_and_probes(ctr, &p, &facts));
        } else {
            for field in [
                "lifecycle",
                "livenessProbe",
                "readinessProbe",
                "startupProbe",
            ] {
                if object(ctr, field).is_some() {
                    errs.push(FieldError::forbidden(
                        p.child(field),
                        "may not be set for init containers without restartPolicy=Always",
                    ));
                }
            }
        }

        let resize = list(ctr, "resizePolicy");
        if !facts.gate("InPlacePodVerticalScaling") && !resize.is_empty() {
            // Go reports the internal []ContainerResizePolicy (Go field names, no JSON tags).
            let shown: Vec<Value> = resize
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "ResourceName": text(r, "resourceName"),
                        "RestartPolicy": text(r, "restartPolicy"),
                    })
                })
                .collect();
            errs.push(FieldError::invalid(
                p.child("resizePolicy"),
                Value::Array(shown),
                "must not be set for init containers",
            ));
        }
        // 1.36: a non-sidecar init container cannot ask for a restart on resize.
        let restart_container_msg = facts.ctx.version.wording("resize.init.restartContainer");
        if !sidecar && !restart_container_msg.is_empty() {
            for (j, policy) in resize.iter().enumerate() {
                if text(policy, "restartPolicy") == "RestartContainer" {
                    errs.push(FieldError::invalid(
                        p.child("resizePolicy").index(j).child("restartPolicy"),
                        "RestartContainer",
                        restart_container_msg,
                    ));
                }
            }
        }
    }
    errs
}

/// Fields an ephemeral container may set, in the order of Go's `EphemeralContainerCommon`
/// struct (the allow-list check reports forbidden fields in that order).
const EPHEMERAL_FIELDS: &[(&str, bool)] = &[
    ("name", true),
    ("image", true),
    ("command", true),
    ("args", true),
    ("workingDir", true),
    ("ports", false),
    ("envFrom", true),
    ("env", true),
    ("resources", false),
    ("resizePolicy", false),
    ("restartPolicy", false),
    ("restartPolicyRules", false),
    ("volumeMounts", true),
    ("volumeDevices", true),
    ("livenessProbe", false),
    ("readinessProbe", false),
    ("startupProbe", false),
    ("lifecycle", false),
    ("terminationMessagePath", true),
    ("terminationMessagePolicy", true),
    ("imagePullPolicy", true),
    ("securityContext", true),
    ("stdin", true),
    ("stdinOnce", true),
    ("tty", true),
];

/// `validateEphemeralContainers`: `spec.ephemeralContainers`.
pub fn validate_ephemeral_containers(
    spec: &Value,
    volumes: &ValidVolumes,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let ephemeral = list(spec, "ephemeralContainers");
    if ephemeral.is_empty() {
        return Vec::new();
    }
    let facts = PodFacts::new(spec, volumes, ctx);
    let path = Path::new("spec").child("ephemeralContainers");
    let others =
        mounts::set_of(spec_containers(spec, ContainerKind::REGULAR_THEN_INIT).map(|c| c.name()));
    let mut names = others.clone();
    let mut errs = Vec::new();
    for (i, ec) in ephemeral.iter().enumerate() {
        let p = path.index(i);
        errs.extend(validate_container_common(ec, &p, &facts));
        errs.extend(validate_container_only_for_pod(ec, &p));

        let name = text(ec, "name");
        if !names.insert(name) {
            errs.push(FieldError::duplicate(p.child("name"), name));
        }

        let target = text(ec, "targetContainerName");
        if !target.is_empty() && !others.contains(target) {
            errs.push(FieldError::not_found(
                p.child("targetContainerName"),
                target,
            ));
        }

        for (field, allowed) in EPHEMERAL_FIELDS {
            if !allowed && is_set(ec, field) {
                errs.push(FieldError::forbidden(
                    p.child(field),
                    "cannot be set for an Ephemeral Container",
                ));
            }
        }

        // subPath mounts are bind mounts that outlive the container; not allowed here.
        for (j, mount) in list(ec, "volumeMounts").iter().enumerate() {
            for field in ["subPath", "subPathExpr"] {
                if !text(mount, field).is_empty() {
                    errs.push(FieldError::forbidden(
                        p.child("volumeMounts").index(j).child(field),
                        "cannot be set for an Ephemeral Container",
                    ));
                }
            }
        }
    }
    errs
}

/// `validateFileKeyRefVolumes`: every `env[].valueFrom.fileKeyRef.volumeName` must name an
/// emptyDir volume of the pod (init, regular, then ephemeral containers).
pub fn validate_file_key_ref_volumes(spec: &Value) -> Vec<FieldError> {
    env::validate_file_key_ref_volumes(spec)
}

/// `validateContainersOnlyForPod` for `spec.containers` then `spec.initContainers`.
pub fn validate_containers_only_for_pod(spec: &Value) -> Vec<FieldError> {
    let spec_path = Path::new("spec");
    spec_containers(spec, ContainerKind::REGULAR_THEN_INIT)
        .flat_map(|c| validate_container_only_for_pod(c.value, &c.field_path(&spec_path)))
        .collect()
}

/// `validateContainerOnlyForPod`: pods (not templates) reject padded image names.
fn validate_container_only_for_pod(ctr: &Value, path: &Path) -> Vec<FieldError> {
    validate_image_whitespace(text(ctr, "image"), &path.child("image"))
}

/// `validateContainerOnlyForPod`'s image rule: no leading or trailing whitespace (pods only;
/// templates may carry it).
pub fn validate_image_whitespace(image: &str, image_path: &Path) -> Vec<FieldError> {
    if image.len() != image.trim().len() {
        return vec![FieldError::invalid(
            image_path,
            image,
            "must not have leading or trailing whitespace",
        )];
    }
    Vec::new()
}

/// `validateContainerCommon`'s image rule: required (every container kind, templates too).
pub fn validate_image_required(image: &str, image_path: &Path) -> Vec<FieldError> {
    if image.is_empty() {
        return vec![FieldError::required(image_path, "")];
    }
    Vec::new()
}

/// `validateContainerCommon`: the checks every container kind gets, in Go's order.
fn validate_container_common(ctr: &Value, path: &Path, facts: &PodFacts) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let name = text(ctr, "name");
    let name_path = path.child("name");
    if name.is_empty() {
        errs.push(FieldError::required(&name_path, ""));
    } else {
        for msg in names::is_dns1123_label(name) {
            errs.push(FieldError::invalid(&name_path, name, msg));
        }
    }

    // Whitespace around the image is only checked for pods (validateContainerOnlyForPod).
    errs.extend(validate_image_required(
        text(ctr, "image"),
        &path.child("image"),
    ));

    let policy = text(ctr, "terminationMessagePolicy");
    match policy {
        "File" | "FallbackToLogsOnError" => {}
        "" => errs.push(FieldError::required(
            path.child("terminationMessagePolicy"),
            "",
        )),
        other => errs.push(FieldError::not_supported(
            path.child("terminationMessagePolicy"),
            other,
            &["File", "FallbackToLogsOnError"],
        )),
    }

    errs.extend(ports::validate_container_ports(
        list(ctr, "ports"),
        &path.child("ports"),
    ));
    errs.extend(env::validate_env(
        list(ctr, "env"),
        &path.child("env"),
        facts,
    ));
    errs.extend(env::validate_env_from(
        list(ctr, "envFrom"),
        &path.child("envFrom"),
        facts,
    ));
    errs.extend(mounts::validate_volume_mounts(
        ctr,
        facts.volumes,
        &path.child("volumeMounts"),
    ));
    errs.extend(mounts::validate_volume_devices(
        ctr,
        facts.volumes,
        &path.child("volumeDevices"),
    ));
    errs.extend(validate_pull_policy(
        text(ctr, "imagePullPolicy"),
        &path.child("imagePullPolicy"),
    ));
    let empty = Value::Null;
    errs.extend(validate_resource_requirements(
        ctr.get("resources").unwrap_or(&empty),
        &path.child("resources"),
        ResourceScope::Container,
        &facts.claim_names,
        facts.ctx,
    ));
    errs.extend(validate_resize_policy(
        list(ctr, "resizePolicy"),
        &path.child("resizePolicy"),
        facts,
    ));
    errs.extend(security::validate_security_context(
        object(ctr, "securityContext"),
        &path.child("securityContext"),
        facts.host_users,
        facts.ctx.allow_privileged,
    ));
    errs
}

/// `validatePullPolicy` (containers and image volumes).
pub fn validate_pull_policy(policy: &str, path: &Path) -> Vec<FieldError> {
    match policy {
        "Always" | "IfNotPresent" | "Never" => Vec::new(),
        "" => vec![FieldError::required(path, "")],
        other => vec![FieldError::not_supported(
            path,
            other,
            &["Always", "IfNotPresent", "Never"],
        )],
    }
}

/// `validateResizePolicy`. Errors about values name the list, not the entry (as Go does).
fn validate_resize_policy(policies: &[Value], path: &Path, facts: &PodFacts) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for (i, p) in policies.iter().enumerate() {
        let resource = text(p, "resourceName");
        // `p.ResourceName` is a core.ResourceName, a fmt.Stringer: 1.33 prints it bare.
        let version = &facts.ctx.version;
        if !seen.insert(resource) {
            errs.push(FieldError::duplicate(path.index(i), resource).printed_by_stringer(version));
        }
        match resource {
            "cpu" | "memory" => {}
            "" => errs.push(FieldError::required(path, "")),
            other => errs.push(
                FieldError::not_supported(path, other, &["cpu", "memory"])
                    .printed_by_stringer(version),
            ),
        }
        let restart = text(p, "restartPolicy");
        match restart {
            "NotRequired" | "RestartContainer" => {}
            "" => errs.push(FieldError::required(path, "")),
            other => errs.push(FieldError::not_supported(
                path,
                other,
                &["NotRequired", "RestartContainer"],
            )),
        }
        if facts.restart_policy == "Never" && restart != "NotRequired" {
            errs.push(FieldError::invalid(
                path,
                restart,
                facts.ctx.version.wording("resize.never"),
            ));
        }
    }
    errs
}

/// A sidecar is an init container with `restartPolicy: Always`.
fn is_sidecar(ctr: &Value) -> bool {
    text(ctr, "restartPolicy") == "Always"
}

/// `validateInitContainerRestartPolicy`.
fn validate_init_container_restart_policy(
    ctr: &Value,
    path: &Path,
    facts: &PodFacts,
) -> Vec<FieldError> {
    let rules = list(ctr, "restartPolicyRules");
    let Some(policy) = ctr.get("restartPolicy").filter(|v| !v.is_null()) else {
        if !rules.is_empty() {
            return vec![FieldError::required(
                path.child("restartPolicy"),
                "must specify restartPolicy when restart rules are used",
            )];
        }
        return Vec::new();
    };
    let policy = policy.as_str().unwrap_or("");
    if facts.gate("ContainerRestartRules") {
        if policy != "Always" || facts.gate("RestartAllContainersOnContainerExits") {
            return validate_container_restart_policy(ctr, path, facts);
        }
        if !rules.is_empty() {
            return vec![FieldError::forbidden(
                path.child("restartPolicyRules"),
                "restartPolicyRules are not allowed for init containers with restart policy Always",
            )];
        }
        return Vec::new();
    }
    if policy != "Always" {
        return vec![FieldError::not_supported(
            path.child("restartPolicy"),
            policy,
            &["Always"],
        )];
    }
    Vec::new()
}

/// `validateContainerRestartPolicy`: container-level restartPolicy and restartPolicyRules.
fn validate_container_restart_policy(
    ctr: &Value,
    path: &Path,
    facts: &PodFacts,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let rules = list(ctr, "restartPolicyRules");
    let policy_path = path.child("restartPolicy");
    match ctr.get("restartPolicy").filter(|v| !v.is_null()) {
        None if rules.is_empty() => return errs,
        None => errs.push(FieldError::required(
            &policy_path,
            "must specify restartPolicy when restart rules are used",
        )),
        Some(p) => {
            let policy = p.as_str().unwrap_or("");
            if !matches!(policy, "Always" | "Never" | "OnFailure") {
                errs.push(FieldError::not_supported(
                    &policy_path,
                    policy,
                    &["Always", "Never", "OnFailure"],
                ));
            }
        }
    }

    let rules_path = path.child("restartPolicyRules");
    if rules.len() > 20 {
        errs.push(too_many_items(&rules_path, rules.len(), 20, facts));
    }
    let actions: &[&str] = if facts.gate("RestartAllContainersOnContainerExits") {
        &["Restart", "RestartAllContainers"]
    } else {
        &["Restart"]
    };
    for (i, rule) in rules.iter().enumerate() {
        let rule_path = rules_path.index(i);
        let action = text(rule, "action");
        if !actions.contains(&action) {
            errs.push(FieldError::not_supported(
                rule_path.child("action"),
                action,
                actions,
            ));
        }
        match object(rule, "exitCodes") {
            Some(codes) => {
                let codes_path = rule_path.child("exitCodes");
                let operator = text(codes, "operator");
                if !matches!(operator, "In" | "NotIn") {
                    errs.push(FieldError::not_supported(
                        codes_path.child("operator"),
                        operator,
                        &["In", "NotIn"],
                    ));
                }
                let values = list(codes, "values");
                if values.len() > 255 {
                    errs.push(too_many_items(
                        &codes_path.child("values"),
                        values.len(),
                        255,
                        facts,
                    ));
                }
            }
            None => errs.push(FieldError::required(
                rule_path.child("exitCodes"),
                "must be specified",
            )),
        }
    }
    errs
}

/// A list longer than allowed: `Too long: may not be more than N bytes` in 1.35,
/// `Too many: <len>: must have at most N items` from 1.36.
fn too_many_items(path: &Path, len: usize, max: i64, facts: &PodFacts) -> FieldError {
    if facts.ctx.version.wording("list.maxItems.error") == "TooMany" {
        FieldError::too_many(path, len as i64, max)
    } else {
        FieldError::too_long(path, max)
    }
}

// ---- JSON access helpers: absent or null fields read as Go's zero values. ----

/// A string field, "" when absent or not a string.
fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// An integer field, 0 when absent.
fn int(v: &Value, key: &str) -> i64 {
    v.get(key).and_then(Value::as_i64).unwrap_or(0)
}

/// A boolean field, false when absent.
fn flag(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// An array field, empty when absent.
fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// A pointer/struct field that is present and not null.
fn object<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.get(key).filter(|x| !x.is_null())
}

/// Whether a field differs from its Go zero value (`reflect.DeepEqual` with zero):
/// an empty list or map still counts as set, an empty string or `false` does not.
fn is_set(v: &Value, key: &str) -> bool {
    match v.get(key) {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        // `resources` is a struct: set when any of its fields is set.
        Some(Value::Object(map)) if key == "resources" => map.values().any(|x| !x.is_null()),
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests;
