//! `ValidatePodCreate` (pkg/apis/core/validation) with Kubernetes' exact messages and order.
//!
//! Input is the v1 Pod JSON as it stands after defaulting, admission and PrepareForCreate.
//! Kubernetes validates the *internal* type; the differences that matter here are handled where
//! they are read: `hostNetwork`/`hostPID`/`hostIPC`/`shareProcessNamespace`/`hostUsers` live in the
//! internal pod security context, and an empty `serviceAccountName` takes the deprecated
//! `serviceAccount` value.
//!
//! The call order below is Go's `ValidatePodCreate` → `validatePodMetadataAndSpec` →
//! `ValidatePodSpec`, step by step; container checks are in [`containers`].

pub mod affinity;
pub mod containers;
pub mod ip;
pub mod meta;
pub mod names;
pub mod pod_security;
pub mod pod_spec;
pub mod volumes;

use crate::containers::{spec_containers, ContainerKind};
use crate::field::{FieldError, Path};
use crate::versions::Version;
use serde_json::{Map, Value};

/// What validation needs besides the pod.
#[derive(Debug, Clone)]
pub struct ValidationContext {
    pub version: Version,
    /// `capabilities.Get().AllowPrivileged` (kube-apiserver `--allow-privileged`). The flag's
    /// default is false, and the conformance cases were computed with it false.
    pub allow_privileged: bool,
    /// Container quantities as decoded, before defaulting rewrote them in canonical form:
    /// (field path, text). Only filled for releases that print a bad quantity with Go's `%#v`,
    /// which shows how the quantity was parsed ([`containers::decoded_quantities`]).
    pub decoded_quantities: Vec<(String, String)>,
}

impl ValidationContext {
    /// A context for `version` with the API server's default capabilities.
    pub fn new(version: Version) -> Self {
        ValidationContext {
            version,
            allow_privileged: false,
            decoded_quantities: Vec::new(),
        }
    }

    /// `GetValidationOptionsFromPodSpecAndMeta(pod, nil, ...)` for a create: every option
    /// follows its feature gate (there is no old pod whose use of a field must be tolerated).
    pub fn opts(&self) -> PodValidationOptions {
        let g = |name| self.version.gate(name);
        PodValidationOptions {
            allow_invalid_pod_deletion_cost: !g("PodDeletionCost"),
            allow_invalid_label_value_in_selector: false,
            allow_indivisible_huge_pages_values: false,
            allow_invalid_topology_spread_constraint_label_selector: false,
            allow_non_local_projected_token_path: false,
            allow_namespaced_sysctls_for_host_net_and_host_ipc: false,
            resource_is_pod: true,
            allow_relaxed_environment_variable_validation: g(
                "RelaxedEnvironmentVariableValidation",
            ),
            allow_relaxed_dns_search_validation: g("RelaxedDNSSearchValidation"),
            allow_pod_lifecycle_sleep_action_zero_value: g("PodLifecycleSleepActionAllowZero"),
            allow_only_recursive_selinux_change_policy: !g("SELinuxMount"),
            pod_level_resources_enabled: g("PodLevelResources"),
            in_place_pod_level_resources_vertical_scaling_enabled: g(
                "InPlacePodLevelResourcesVerticalScaling",
            ),
            allow_sidecar_resize_policy: g("InPlacePodVerticalScaling"),
            allow_invalid_label_value_in_required_node_affinity: false,
            allow_match_label_keys_in_pod_topology_spread: g("MatchLabelKeysInPodTopologySpread"),
            allow_match_label_keys_in_pod_topology_spread_selector_merge: g(
                "MatchLabelKeysInPodTopologySpreadSelectorMerge",
            ),
            old_pod_violates_match_label_keys_validation: false,
            old_pod_violates_legacy_match_label_keys_validation: false,
            allow_env_files_validation: g("EnvFiles"),
            allow_container_restart_policy_rules: g("ContainerRestartRules"),
            allow_user_namespaces_with_volume_devices: false,
            allow_taint_toleration_comparison_operators: g("TaintTolerationComparisonOperators"),
            allow_user_namespaces_host_network_support: g("UserNamespacesHostNetworkSupport"),
            allow_restart_all_containers: g("RestartAllContainersOnContainerExits"),
        }
    }
}

/// Go's `PodValidationOptions`, field for field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodValidationOptions {
    pub allow_invalid_pod_deletion_cost: bool,
    pub allow_invalid_label_value_in_selector: bool,
    pub allow_indivisible_huge_pages_values: bool,
    pub allow_invalid_topology_spread_constraint_label_selector: bool,
    pub allow_non_local_projected_token_path: bool,
    pub allow_namespaced_sysctls_for_host_net_and_host_ipc: bool,
    pub resource_is_pod: bool,
    pub allow_relaxed_environment_variable_validation: bool,
    pub allow_relaxed_dns_search_validation: bool,
    pub allow_pod_lifecycle_sleep_action_zero_value: bool,
    pub allow_only_recursive_selinux_change_policy: bool,
    pub pod_level_resources_enabled: bool,
    pub in_place_pod_level_resources_vertical_scaling_enabled: bool,
    pub allow_sidecar_resize_policy: bool,
    pub allow_invalid_label_value_in_required_node_affinity: bool,
    pub allow_match_label_keys_in_pod_topology_spread: bool,
    pub allow_match_label_keys_in_pod_topology_spread_selector_merge: bool,
    pub old_pod_violates_match_label_keys_validation: bool,
    pub old_pod_violates_legacy_match_label_keys_validation: bool,
    pub allow_env_files_validation: bool,
    pub allow_container_restart_policy_rules: bool,
    pub allow_user_namespaces_with_volume_devices: bool,
    pub allow_taint_toleration_comparison_operators: bool,
    pub allow_user_namespaces_host_network_support: bool,
    pub allow_restart_all_containers: bool,
}

/// Validates a pod as the API server does on create (after admission and PrepareForCreate).
/// Errors come in Kubernetes' order.
pub fn validate_pod_create(pod: &Value, ctx: &ValidationContext) -> Vec<FieldError> {
    let empty = Value::Object(Map::new());
    let spec = pod.get("spec").filter(|s| s.is_object()).unwrap_or(&empty);
    let metadata = pod
        .get("metadata")
        .filter(|m| m.is_object())
        .unwrap_or(&empty);
    let spec_path = Path::new("spec");

    let mut errs = validate_pod_metadata_and_spec(metadata, spec, ctx);

    // EphemeralContainers can only be set through the ephemeralcontainers subresource.
    if !arr(spec, "ephemeralContainers").is_empty() {
        errs.push(FieldError::forbidden(
            spec_path.child("ephemeralContainers"),
            "cannot be set on create",
        ));
    }
    if !str_of(spec, "nodeName").is_empty() && !arr(spec, "schedulingGates").is_empty() {
        errs.push(FieldError::forbidden(
            spec_path.child("nodeName"),
            "cannot be set until all schedulingGates have been cleared",
        ));
    }
    errs.extend(pod_security::validate_seccomp_annotations_and_fields(
        metadata, spec, &spec_path,
    ));
    errs.extend(
        pod_security::validate_apparmor_annotations_and_fields_match_on_create(
            metadata, spec, &spec_path,
        ),
    );
    for e in &mut errs {
        e.print_for_release(&ctx.version);
    }
    errs
}

/// `validatePodMetadataAndSpec`.
fn validate_pod_metadata_and_spec(
    metadata: &Value,
    spec: &Value,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let meta_path = Path::new("metadata");
    let spec_path = Path::new("spec");
    let opts = ctx.opts();

    let mut errs = meta::validate_object_meta(metadata, &meta_path, ctx);
    errs.extend(meta::validate_pod_specific_annotations(
        metadata,
        spec,
        &meta_path.child("annotations"),
        &opts,
        ctx,
    ));
    errs.extend(validate_pod_spec(spec, metadata, &spec_path, ctx));

    // A projected service-account token needs a service account.
    if service_account_name(spec).is_empty() {
        for (vi, volume) in arr(spec, "volumes").iter().enumerate() {
            let path = spec_path.child("volumes").index(vi).child("projected");
            if let Some(projected) = obj(volume, "projected") {
                for (si, source) in arr(projected, "sources").iter().enumerate() {
                    if obj(source, "serviceAccountToken").is_some() {
                        errs.push(FieldError::forbidden(
                            path.child("sources").index(si).child("serviceAccountToken"),
                            "must not be specified when serviceAccountName is not set",
                        ));
                    }
                }
            }
        }
    }

    errs.extend(containers::validate_containers_only_for_pod(spec));
    errs
}

/// `ValidatePodSpec`, in Go's order.
pub fn validate_pod_spec(
    spec: &Value,
    metadata: &Value,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let opts = ctx.opts();
    let mut errs = Vec::new();

    if obj(spec, "terminationGracePeriodSeconds").is_none() {
        errs.push(FieldError::required(
            path.child("terminationGracePeriodSeconds"),
            "",
        ));
    }

    let (valid_volumes, volume_errs) =
        volumes::validate_volumes(spec, metadata, &path.child("volumes"), &opts, ctx);
    errs.extend(volume_errs);
    let claim_names = pod_spec::gather_pod_resource_claim_names(spec);
    errs.extend(pod_spec::validate_pod_resource_claims(
        metadata,
        spec,
        &path.child("resourceClaims"),
    ));
    errs.extend(containers::validate_containers(spec, &valid_volumes, ctx));
    errs.extend(containers::validate_init_containers(
        spec,
        &valid_volumes,
        ctx,
    ));
    errs.extend(containers::validate_ephemeral_containers(
        spec,
        &valid_volumes,
        ctx,
    ));

    if opts.pod_level_resources_enabled {
        errs.extend(pod_spec::validate_pod_resources(
            spec,
            &claim_names,
            path,
            ctx,
        ));
    }

    errs.extend(containers::validate_host_network_ports(spec));
    errs.extend(pod_spec::validate_restart_policy(
        spec,
        &path.child("restartPolicy"),
    ));
    errs.extend(pod_spec::validate_dns_policy(
        spec,
        &path.child("dnsPolicy"),
    ));
    errs.extend(meta::validate_labels(
        obj(spec, "nodeSelector"),
        &path.child("nodeSelector"),
        ctx,
    ));
    errs.extend(pod_security::validate_pod_spec_security_context(
        spec,
        &path.child("securityContext"),
        &opts,
    ));
    errs.extend(pod_spec::validate_image_pull_secrets(
        spec,
        &path.child("imagePullSecrets"),
    ));
    errs.extend(affinity::validate_affinity(
        obj(spec, "affinity"),
        &opts,
        &path.child("affinity"),
        ctx,
    ));
    let strict_ip = ctx.version.gate("StrictIPCIDRValidation");
    errs.extend(pod_spec::validate_pod_dns_config(
        spec,
        &path.child("dnsConfig"),
        &opts,
        &ctx.version,
    ));
    errs.extend(pod_spec::validate_readiness_gates(
        spec,
        &path.child("readinessGates"),
        ctx,
    ));
    errs.extend(pod_spec::validate_scheduling_gates(
        spec,
        &path.child("schedulingGates"),
        ctx,
    ));
    errs.extend(pod_spec::validate_topology_spread_constraints(
        spec,
        &path.child("topologySpreadConstraints"),
        &opts,
        ctx,
    ));
    errs.extend(pod_security::validate_windows_host_process_pod(
        spec, path, ctx,
    ));
    errs.extend(pod_spec::validate_host_users(
        spec,
        path,
        &opts,
        &ctx.version,
    ));
    errs.extend(pod_spec::validate_pod_host_name(spec, path));

    let sa = service_account_name(spec);
    if !sa.is_empty() {
        for msg in names::name_is_dns_subdomain(sa, false) {
            errs.push(FieldError::invalid(
                path.child("serviceAccountName"),
                sa,
                msg,
            ));
        }
    }
    let node_name = str_of(spec, "nodeName");
    if !node_name.is_empty() {
        for msg in names::name_is_dns_subdomain(node_name, false) {
            errs.push(FieldError::invalid(path.child("nodeName"), node_name, msg));
        }
    }
    if let Some(value) = obj(spec, "activeDeadlineSeconds").and_then(Value::as_i64) {
        if value < 1 || value > i32::MAX as i64 {
            errs.push(FieldError::invalid(
                path.child("activeDeadlineSeconds"),
                value,
                names::inclusive_range_error(1, i32::MAX as i64),
            ));
        }
    }
    for key in ["hostname", "subdomain"] {
        let value = str_of(spec, key);
        if !value.is_empty() {
            errs.extend(validate_dns1123_label(value, &path.child(key)));
        }
    }
    if !arr(spec, "tolerations").is_empty() {
        errs.extend(pod_spec::validate_tolerations(
            arr(spec, "tolerations"),
            &path.child("tolerations"),
            &opts,
            ctx,
        ));
    }
    if !arr(spec, "hostAliases").is_empty() {
        errs.extend(pod_spec::validate_host_aliases(
            arr(spec, "hostAliases"),
            &path.child("hostAliases"),
            strict_ip,
        ));
    }
    let priority_class = str_of(spec, "priorityClassName");
    if !priority_class.is_empty() {
        for msg in names::name_is_dns_subdomain(priority_class, false) {
            errs.push(FieldError::invalid(
                path.child("priorityClassName"),
                priority_class,
                msg,
            ));
        }
    }
    if let Some(rc) = obj(spec, "runtimeClassName") {
        let rc = rc.as_str().unwrap_or("");
        for msg in names::name_is_dns_subdomain(rc, false) {
            errs.push(FieldError::invalid(path.child("runtimeClassName"), rc, msg));
        }
    }
    if let Some(policy) = obj(spec, "preemptionPolicy") {
        errs.extend(pod_spec::validate_preemption_policy(
            policy.as_str().unwrap_or(""),
            &path.child("preemptionPolicy"),
        ));
    }
    if let Some(overhead) = obj(spec, "overhead") {
        let requirements = serde_json::json!({ "limits": overhead });
        errs.extend(containers::validate_resource_requirements(
            &requirements,
            &path.child("overhead"),
            containers::ResourceScope::Container,
            &[],
            ctx,
        ));
    }
    if let Some(os) = obj(spec, "os") {
        let os_errs = pod_spec::validate_os(os, &path.child("os"), &ctx.version);
        let os_name = str_of(os, "name");
        if !os_errs.is_empty() {
            errs.extend(os_errs);
        } else if os_name == "linux" {
            errs.extend(pod_security::validate_linux(spec, path));
        } else if os_name == "windows" {
            errs.extend(pod_security::validate_windows(spec, path));
        }
    }
    if let Some(workload_ref) = obj(spec, "workloadRef") {
        errs.extend(pod_spec::validate_workload_reference(
            workload_ref,
            &path.child("workloadRef"),
        ));
    }
    errs.extend(containers::validate_file_key_ref_volumes(spec));
    errs
}

/// The aggregate 422 message: `Pod "x" is invalid: [a, b]` (single error without brackets,
/// duplicates removed).
pub fn aggregate_message(name: &str, errors: &[FieldError]) -> String {
    let mut rendered: Vec<String> = Vec::new();
    for e in errors {
        let r = e.render();
        if !rendered.contains(&r) {
            rendered.push(r);
        }
    }
    // apierrors.NewInvalid: `%s %q is invalid: %v`.
    let name = crate::go::strconv::quote(name);
    if rendered.len() == 1 {
        format!("Pod {name} is invalid: {}", rendered[0])
    } else {
        format!("Pod {name} is invalid: [{}]", rendered.join(", "))
    }
}

// ---------------------------------------------------------------------------------------------
// Small shared helpers
// ---------------------------------------------------------------------------------------------

/// `ValidateDNS1123Label(value, path)`: one Invalid error per message.
pub fn validate_dns1123_label(value: &str, path: &Path) -> Vec<FieldError> {
    names::is_dns1123_label(value)
        .into_iter()
        .map(|msg| FieldError::invalid(path, value, msg))
        .collect()
}

/// `ValidateDNS1123Subdomain(value, path)`.
pub fn validate_dns1123_subdomain(value: &str, path: &Path) -> Vec<FieldError> {
    names::is_dns1123_subdomain(value)
        .into_iter()
        .map(|msg| FieldError::invalid(path, value, msg))
        .collect()
}

/// `ValidateQualifiedName(value, path)`.
pub fn validate_qualified_name(
    value: &str,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    names::is_qualified_name(value, &ctx.version)
        .into_iter()
        .map(|msg| FieldError::invalid(path, value, msg))
        .collect()
}

/// The effective service account: internal conversion uses the deprecated `serviceAccount`
/// when `serviceAccountName` is empty.
pub(crate) fn service_account_name(spec: &Value) -> &str {
    let name = str_of(spec, "serviceAccountName");
    if name.is_empty() {
        str_of(spec, "serviceAccount")
    } else {
        name
    }
}

/// A member that is present and not null.
pub(crate) fn obj<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.get(key).filter(|x| !x.is_null())
}

/// A string member, "" when absent (Go's zero value).
pub(crate) fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// An array member, empty when absent.
pub(crate) fn arr<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// A boolean member, false when absent.
pub(crate) fn bool_of(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// An integer member, 0 when absent.
pub(crate) fn int_of(v: &Value, key: &str) -> i64 {
    v.get(key).and_then(Value::as_i64).unwrap_or(0)
}

/// Entries of a string map member (labels, annotations, nodeSelector), in stored order.
pub(crate) fn string_map(v: Option<&Value>) -> Vec<(&str, &str)> {
    v.and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or("")))
                .collect()
        })
        .unwrap_or_default()
}

/// `podshelper.VisitContainersWithPath`: init containers, containers, ephemeral containers.
pub(crate) fn visit_containers<'a>(spec: &'a Value, path: &Path) -> Vec<(&'a Value, Path)> {
    spec_containers(spec, ContainerKind::ALL)
        .map(|c| (c.value, c.field_path(path)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A valid pod as it stands after defaulting and admission.
    fn base_pod() -> Value {
        json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "p", "namespace": "default"},
            "spec": {
                "containers": [{"name": "app", "image": "nginx", "imagePullPolicy": "Always",
                    "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"}],
                "restartPolicy": "Always", "terminationGracePeriodSeconds": 30,
                "dnsPolicy": "ClusterFirst", "securityContext": {}, "schedulerName": "default-scheduler",
                "serviceAccountName": "default", "serviceAccount": "default",
                "enableServiceLinks": true, "preemptionPolicy": "PreemptLowerPriority", "priority": 0
            }
        })
    }

    fn errors_for(pod: &Value, minor: u32) -> Vec<String> {
        validate_pod_create(pod, &ValidationContext::new(Version::new(1, minor)))
            .iter()
            .map(FieldError::render)
            .collect()
    }

    fn with(patch: impl FnOnce(&mut Value)) -> Value {
        let mut pod = base_pod();
        patch(&mut pod);
        pod
    }

    #[test]
    fn valid_pod_has_no_errors() {
        assert_eq!(errors_for(&base_pod(), 35), Vec::<String>::new());
        assert_eq!(errors_for(&base_pod(), 36), Vec::<String>::new());
    }

    #[test]
    fn create_only_rules_come_last_in_go_order() {
        let pod = with(|p| {
            p["spec"]["nodeName"] = json!("node-1");
            p["spec"]["schedulingGates"] = json!([{"name": "example.com/gate"}]);
            p["spec"]["restartPolicy"] = json!("Sometimes");
            p["metadata"]["labels"] = json!({"app": "-bad"});
        });
        assert_eq!(
            errors_for(&pod, 35),
            vec![
                "metadata.labels: Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
                "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
                "spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared",
            ]
        );
    }

    #[test]
    fn projected_token_needs_a_service_account() {
        let pod = with(|p| {
            p["spec"]["serviceAccountName"] = json!("");
            p["spec"]["serviceAccount"] = json!("");
            p["spec"]["volumes"] = json!([{"name": "tok", "projected": {"sources": [
                {"serviceAccountToken": {"expirationSeconds": 3600, "path": "token"}}
            ]}}]);
        });
        assert_eq!(
            errors_for(&pod, 35),
            vec!["spec.volumes[0].projected.sources[0].serviceAccountToken: Forbidden: must not be specified when serviceAccountName is not set"]
        );
    }

    #[test]
    fn label_length_wording_follows_the_version() {
        let pod = with(|p| p["metadata"]["labels"] = json!({ "a": "x".repeat(64) }));
        assert_eq!(
            errors_for(&pod, 35),
            vec!["metadata.labels: Invalid value: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\": must be no more than 63 bytes"]
        );
        assert_eq!(
            errors_for(&pod, 34),
            vec!["metadata.labels: Invalid value: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\": must be no more than 63 characters"]
        );
    }

    #[test]
    fn seccomp_annotation_must_match_field() {
        let pod = with(|p| {
            p["metadata"]["annotations"] =
                json!({"seccomp.security.alpha.kubernetes.io/pod": "unconfined"});
            p["spec"]["securityContext"] = json!({"seccompProfile": {"type": "RuntimeDefault"}});
        });
        assert_eq!(
            errors_for(&pod, 35),
            vec!["spec.securityContext.seccompProfile.type: Forbidden: seccomp type in annotation and field must match"]
        );
    }

    #[test]
    fn pod_level_scalar_checks() {
        let pod = with(|p| {
            p["spec"]["activeDeadlineSeconds"] = json!(0);
            p["spec"]["hostname"] = json!("Host");
            p["spec"]["priorityClassName"] = json!("Bad_Class");
            p["spec"]["os"] = json!({"name": "linux"});
            p["spec"]["securityContext"] =
                json!({"runAsUser": -1, "windowsOptions": {"runAsUserName": "x"}});
            p["spec"]["ephemeralContainers"] = json!([{"name": "dbg", "image": "busybox", "imagePullPolicy": "Always", "terminationMessagePolicy": "File"}]);
        });
        let got = errors_for(&pod, 35);
        let want_suffixes = [
            "spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive",
            "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive",
            "spec.hostname: Invalid value: \"Host\": a lowercase RFC 1123 label",
            "spec.priorityClassName: Invalid value: \"Bad_Class\": a lowercase RFC 1123 subdomain",
            "spec.securityContext.windowsOptions: Forbidden: windows options cannot be set for a linux pod",
            "spec.ephemeralContainers: Forbidden: cannot be set on create",
        ];
        let mut last = 0;
        for want in want_suffixes {
            let pos = got
                .iter()
                .position(|g| g.starts_with(want))
                .unwrap_or_else(|| panic!("missing {want:?} in {got:#?}"));
            assert!(pos >= last, "{want:?} out of order in {got:#?}");
            last = pos;
        }
    }
}
