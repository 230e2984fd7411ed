//! Pod-level checks of `ValidatePodSpec` that are not volumes, security context or affinity:
//! policies, DNS config, gates, topology spread, tolerations, host aliases,
//! hostname override, user namespaces, OS, resource claims and pod-level resources.

use super::affinity::{self, strings};
use super::ip::validate_ip_for_legacy_field;
use super::meta::validate_label_name;
use super::names;
use super::{arr, bool_of, obj, str_of, validate_dns1123_label, validate_dns1123_subdomain};
use super::{containers, validate_qualified_name, visit_containers};
use super::{PodValidationOptions, ValidationContext};
use crate::field::{go_syntax_strings, FieldError, Path};
use crate::resources::{aggregate_container_resources, find, resource_list};
use crate::versions::Version;
use serde_json::Value;

/// `gatherPodResourceClaimNames`.
pub fn gather_pod_resource_claim_names(spec: &Value) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for claim in arr(spec, "resourceClaims") {
        let name = str_of(claim, "name");
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// `validatePodResourceClaims`.
pub fn validate_pod_resource_claims(
    metadata: &Value,
    spec: &Value,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let is_mirror = obj(metadata, "annotations")
        .and_then(|a| a.get(super::meta::MIRROR_POD_ANNOTATION_KEY))
        .is_some();
    for (i, claim) in arr(spec, "resourceClaims").iter().enumerate() {
        if is_mirror {
            errs.push(FieldError::forbidden(
                "",
                "static pods do not support resource claims",
            ));
            continue;
        }
        let p = path.index(i);
        let name = str_of(claim, "name");
        if name.is_empty() {
            errs.push(FieldError::required(p.child("name"), ""));
        } else if seen.contains(&name) {
            errs.push(FieldError::duplicate(p.child("name"), name));
        } else {
            errs.extend(validate_dns1123_label(name, &p.child("name")));
            seen.push(name);
        }
        let claim_name = obj(claim, "resourceClaimName").and_then(Value::as_str);
        let template_name = obj(claim, "resourceClaimTemplateName").and_then(Value::as_str);
        // Go prints the internal struct, which has no JSON tags: {"Name":…,"ResourceClaimName":…}.
        let as_go = || {
            serde_json::json!({
                "Name": name,
                "ResourceClaimName": claim_name,
                "ResourceClaimTemplateName": template_name,
            })
        };
        if claim_name.is_some() && template_name.is_some() {
            errs.push(FieldError::invalid(
                &p,
                as_go(),
                "at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified",
            ));
        }
        if claim_name.is_none() && template_name.is_none() {
            errs.push(FieldError::invalid(
                &p,
                as_go(),
                "must specify one of: `resourceClaimName`, `resourceClaimTemplateName`",
            ));
        }
        for (key, value) in [
            ("resourceClaimName", claim_name),
            ("resourceClaimTemplateName", template_name),
        ] {
            if let Some(v) = value {
                for msg in names::name_is_dns_subdomain(v, false) {
                    errs.push(FieldError::invalid(p.child(key), v, msg));
                }
            }
        }
    }
    errs
}

/// `validatePodResources` (PodLevelResources), then `validatePodResourceConsistency`.
pub fn validate_pod_resources(
    spec: &Value,
    claim_names: &[&str],
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let Some(resources) = obj(spec, "resources") else {
        return Vec::new();
    };
    let rpath = path.child("resources");
    if obj(spec, "os").map(|os| str_of(os, "name")) == Some("windows") {
        return vec![FieldError::forbidden(
            rpath,
            "may not be set for a windows pod",
        )];
    }
    let mut errs = Vec::new();
    if obj(resources, "claims").is_some() {
        errs.push(FieldError::forbidden(
            rpath.child("claims"),
            "claims may not be set for Resources at pod-level",
        ));
    }
    errs.extend(containers::validate_resource_requirements(
        resources,
        &rpath,
        containers::ResourceScope::Pod,
        claim_names,
        ctx,
    ));
    errs.extend(validate_pod_resource_consistency(spec, resources, &rpath));
    errs
}

/// `validatePodResourceConsistency`: pod-level requests cover the containers' aggregate
/// requests, pod-level hugepage limits cover their aggregate limits, and no regular container
/// limit exceeds the pod-level limit. (Go walks maps; here it is document order.)
fn validate_pod_resource_consistency(
    spec: &Value,
    resources: &Value,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let pod_requests = resource_list(resources.get("requests"));
    let pod_limits = resource_list(resources.get("limits"));

    for (name, aggregate) in aggregate_container_resources(spec, "requests") {
        let Some(pod_request) = find(&pod_requests, &name).cloned() else {
            continue;
        };
        if aggregate > pod_request {
            errs.push(FieldError::invalid(
                path.child("requests").key(&name),
                pod_request.canonical(),
                format!(
                    "must be greater than or equal to aggregate container requests of {}",
                    aggregate.canonical()
                ),
            ));
        }
    }
    for (name, aggregate) in aggregate_container_resources(spec, "limits") {
        if !name.starts_with("hugepages-") {
            continue;
        }
        let Some(pod_limit) = find(&pod_limits, &name).cloned() else {
            continue;
        };
        if aggregate > pod_limit {
            errs.push(FieldError::invalid(
                path.child("limits").key(&name),
                pod_limit.canonical(),
                format!(
                    "must be greater than or equal to aggregate container limits of {}",
                    aggregate.canonical()
                ),
            ));
        }
    }
    for (i, c) in arr(spec, "containers").iter().enumerate() {
        let Some(requirements) = obj(c, "resources") else {
            continue;
        };
        for (name, limit) in resource_list(requirements.get("limits")) {
            let Some(pod_limit) = find(&pod_limits, &name).cloned() else {
                continue;
            };
            if limit > pod_limit {
                // Go builds this path as containers[i][name].limits under spec.resources.
                errs.push(FieldError::invalid(
                    path.child("containers").index(i).key(&name).child("limits"),
                    limit.canonical(),
                    format!(
                        "must be less than or equal to pod limits of {}",
                        pod_limit.canonical()
                    ),
                ));
            }
        }
    }
    errs
}

/// `validateRestartPolicy`.
pub fn validate_restart_policy(spec: &Value, path: &Path) -> Vec<FieldError> {
    match str_of(spec, "restartPolicy") {
        "Always" | "OnFailure" | "Never" => Vec::new(),
        "" => vec![FieldError::required(path, "")],
        other => vec![FieldError::not_supported(
            path,
            other,
            &["Always", "OnFailure", "Never"],
        )],
    }
}

/// `ValidatePreemptionPolicy`.
pub fn validate_preemption_policy(policy: &str, path: &Path) -> Vec<FieldError> {
    match policy {
        "PreemptLowerPriority" | "Never" => Vec::new(),
        "" => vec![FieldError::required(path, "")],
        other => vec![FieldError::not_supported(
            path,
            other,
            &["PreemptLowerPriority", "Never"],
        )],
    }
}

/// `validateDNSPolicy`.
pub fn validate_dns_policy(spec: &Value, path: &Path) -> Vec<FieldError> {
    match str_of(spec, "dnsPolicy") {
        "ClusterFirstWithHostNet" | "ClusterFirst" | "Default" | "None" => Vec::new(),
        "" => vec![FieldError::required(path, "")],
        other => vec![FieldError::not_supported(
            path,
            other,
            &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
        )],
    }
}

/// `validateImagePullSecrets`: only `name` may be set. The v1 type has no other field, so a
/// decoded pod always passes; extra keys are reported as Go would report a differing struct.
pub fn validate_image_pull_secrets(spec: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, secret) in arr(spec, "imagePullSecrets").iter().enumerate() {
        if let Some(map) = secret.as_object() {
            if map.keys().any(|k| k != "name") {
                errs.push(FieldError::invalid(
                    path.index(i),
                    secret.clone(),
                    "only name may be set",
                ));
            }
        }
    }
    errs
}

pub const MAX_DNS_NAMESERVERS: usize = 3;
pub const MAX_DNS_SEARCH_PATHS: usize = 32;
pub const MAX_DNS_SEARCH_LIST_CHARS: usize = 2048;

/// `validatePodDNSConfig`.
/// `version`: its StrictIPCIDRValidation gate (validation.go `IsValidIPForLegacyField`) and
/// how it prints a `[]string` bad value.
pub fn validate_pod_dns_config(
    spec: &Value,
    path: &Path,
    opts: &PodValidationOptions,
    version: &Version,
) -> Vec<FieldError> {
    let strict_ip = version.gate("StrictIPCIDRValidation");
    let mut errs = Vec::new();
    let config = obj(spec, "dnsConfig");
    if str_of(spec, "dnsPolicy") == "None" {
        match config {
            None => {
                return vec![FieldError::required(
                    path,
                    "must provide `dnsConfig` when `dnsPolicy` is None",
                )]
            }
            Some(c) if arr(c, "nameservers").is_empty() => {
                return vec![FieldError::required(
                    path.child("nameservers"),
                    "must provide at least one DNS nameserver when `dnsPolicy` is None",
                )]
            }
            _ => {}
        }
    }
    let Some(config) = config else {
        return errs;
    };
    let nameservers = arr(config, "nameservers");
    if nameservers.len() > MAX_DNS_NAMESERVERS {
        errs.push(
            FieldError::invalid(
                path.child("nameservers"),
                Value::Array(nameservers.to_vec()),
                format!("must not have more than {MAX_DNS_NAMESERVERS} nameservers"),
            )
            .printed_with_go_syntax(version, go_syntax_strings(nameservers)),
        );
    }
    for (i, ns) in nameservers.iter().enumerate() {
        errs.extend(validate_ip_for_legacy_field(
            &path.child("nameservers").index(i),
            ns.as_str().unwrap_or(""),
            strict_ip,
        ));
    }
    let searches = arr(config, "searches");
    if searches.len() > MAX_DNS_SEARCH_PATHS {
        errs.push(
            FieldError::invalid(
                path.child("searches"),
                Value::Array(searches.to_vec()),
                format!("must not have more than {MAX_DNS_SEARCH_PATHS} search paths"),
            )
            .printed_with_go_syntax(version, go_syntax_strings(searches)),
        );
    }
    let joined_len = strings(searches).join(" ").len();
    if joined_len > MAX_DNS_SEARCH_LIST_CHARS {
        errs.push(FieldError::invalid(
            path.child("searches"),
            Value::Array(searches.to_vec()),
            format!("must not have more than {MAX_DNS_SEARCH_LIST_CHARS} characters (including spaces) in the search list"),
        )
        .printed_with_go_syntax(version, go_syntax_strings(searches)));
    }
    for (i, search) in strings(searches).into_iter().enumerate() {
        let p = path.child("searches").index(i);
        if opts.allow_relaxed_dns_search_validation {
            if search != "." {
                let s = search.strip_suffix('.').unwrap_or(search);
                for msg in names::is_dns1123_subdomain_with_underscore(s, version) {
                    errs.push(FieldError::invalid(&p, s, msg));
                }
            }
        } else {
            let s = search.strip_suffix('.').unwrap_or(search);
            errs.extend(validate_dns1123_subdomain(s, &p));
        }
    }
    for (i, option) in arr(config, "options").iter().enumerate() {
        if str_of(option, "name").is_empty() {
            errs.push(FieldError::required(
                path.child("options").index(i),
                "must not be empty",
            ));
        }
    }
    errs
}

/// `validateReadinessGates`.
pub fn validate_readiness_gates(
    spec: &Value,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, gate) in arr(spec, "readinessGates").iter().enumerate() {
        errs.extend(validate_qualified_name(
            str_of(gate, "conditionType"),
            &path.index(i).child("conditionType"),
            ctx,
        ));
    }
    errs
}

/// `validateSchedulingGates`.
pub fn validate_scheduling_gates(
    spec: &Value,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (i, gate) in arr(spec, "schedulingGates").iter().enumerate() {
        let name = str_of(gate, "name");
        errs.extend(validate_qualified_name(name, &path.index(i), ctx));
        if seen.contains(&name) {
            errs.push(FieldError::duplicate(path.index(i), name));
        }
        seen.push(name);
    }
    errs
}

/// `validateTopologySpreadConstraints`.
pub fn validate_topology_spread_constraints(
    spec: &Value,
    path: &Path,
    opts: &PodValidationOptions,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let constraints = arr(spec, "topologySpreadConstraints");
    for (i, c) in constraints.iter().enumerate() {
        let p = path.index(i);
        let max_skew = c.get("maxSkew").and_then(Value::as_i64).unwrap_or(0);
        if max_skew <= 0 {
            errs.push(FieldError::invalid(
                p.child("maxSkew"),
                max_skew,
                "must be greater than zero",
            ));
        }
        let topology_key = str_of(c, "topologyKey");
        if topology_key.is_empty() {
            errs.push(FieldError::required(
                p.child("topologyKey"),
                "can not be empty",
            ));
        }
        let action = str_of(c, "whenUnsatisfiable");
        if action != "DoNotSchedule" && action != "ScheduleAnyway" {
            errs.push(FieldError::not_supported(
                p.child("whenUnsatisfiable"),
                action,
                &["DoNotSchedule", "ScheduleAnyway"],
            ));
        }
        let repeated = constraints.iter().skip(i + 1).any(|other| {
            str_of(other, "topologyKey") == topology_key
                && str_of(other, "whenUnsatisfiable") == action
        });
        if repeated {
            errs.push(FieldError::duplicate(
                p.child("{topologyKey, whenUnsatisfiable}"),
                format!("{{{topology_key}, {action}}}"),
            ));
        }
        if let Some(min_domains) = obj(c, "minDomains").and_then(Value::as_i64) {
            if min_domains <= 0 {
                errs.push(FieldError::invalid(
                    p.child("minDomains"),
                    min_domains,
                    "must be greater than zero",
                ));
            }
            if action != "DoNotSchedule" {
                errs.push(FieldError::invalid(
                    p.child("minDomains"),
                    min_domains,
                    format!(
                        "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {action}"
                    ),
                ));
            }
        }
        for key in ["nodeAffinityPolicy", "nodeTaintsPolicy"] {
            if let Some(policy) = obj(c, key) {
                let policy = policy.as_str().unwrap_or("");
                if policy != "Honor" && policy != "Ignore" {
                    errs.push(FieldError::not_supported(
                        p.child(key),
                        policy,
                        &["Honor", "Ignore"],
                    ));
                }
            }
        }
        let match_label_keys = strings(arr(c, "matchLabelKeys"));
        let selector = obj(c, "labelSelector");
        let merge = opts.allow_match_label_keys_in_pod_topology_spread
            && opts.allow_match_label_keys_in_pod_topology_spread_selector_merge;
        let legacy_violation = opts.allow_match_label_keys_in_pod_topology_spread
            && !opts.allow_match_label_keys_in_pod_topology_spread_selector_merge
            && opts.old_pod_violates_legacy_match_label_keys_validation;
        if (merge && !opts.old_pod_violates_match_label_keys_validation) || legacy_violation {
            errs.extend(affinity::validate_match_label_keys_and_mismatch_label_keys(
                &p,
                &match_label_keys,
                &[],
                selector,
                ctx,
            ));
        } else {
            errs.extend(affinity::validate_match_label_keys_in_topology_spread(
                &p.child("matchLabelKeys"),
                &match_label_keys,
                selector,
                ctx,
            ));
        }
        if !opts.allow_invalid_topology_spread_constraint_label_selector {
            errs.extend(affinity::validate_label_selector(
                selector,
                false,
                &p.child("labelSelector"),
                ctx,
            ));
        }
    }
    errs
}

/// `validateHostUsers`: user namespaces (`hostUsers: false`) exclude host namespaces and
/// (from 1.34) volume devices. The message names the field as the release does
/// (versions.rs wording `hostUsers.forbidden`).
pub fn validate_host_users(
    spec: &Value,
    path: &Path,
    opts: &PodValidationOptions,
    version: &Version,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if spec.get("hostUsers").and_then(Value::as_bool) != Some(false) {
        return errs;
    }
    let detail = version.wording("hostUsers.forbidden");
    if !opts.allow_user_namespaces_host_network_support && bool_of(spec, "hostNetwork") {
        errs.push(FieldError::forbidden(path.child("hostNetwork"), detail));
    }
    // Go spells these two paths with capitals.
    if bool_of(spec, "hostPID") {
        errs.push(FieldError::forbidden(path.child("HostPID"), detail));
    }
    if bool_of(spec, "hostIPC") {
        errs.push(FieldError::forbidden(path.child("HostIPC"), detail));
    }
    // v1.33's validateHostUsers has no volumeDevices check (added in 1.34).
    let checks_devices = version.behaviour("UserNamespacesForbidVolumeDevices");
    if checks_devices && !opts.allow_user_namespaces_with_volume_devices {
        for (c, cpath) in visit_containers(spec, path) {
            if !arr(c, "volumeDevices").is_empty() {
                errs.push(FieldError::forbidden(cpath.child("volumeDevices"), detail));
            }
        }
    }
    errs
}

/// `validatePodHostName` (`hostnameOverride`).
pub fn validate_pod_host_name(spec: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(hostname) = obj(spec, "hostnameOverride") else {
        return errs;
    };
    let hostname = hostname.as_str().unwrap_or("");
    let p = path.child("hostnameOverride");
    if spec.get("setHostnameAsFQDN").and_then(Value::as_bool) == Some(true) {
        errs.push(FieldError::forbidden(
            &p,
            "may not be specified when setHostnameAsFQDN is true",
        ));
    }
    if bool_of(spec, "hostNetwork") {
        errs.push(FieldError::forbidden(
            &p,
            "may not be specified when hostNetwork is true",
        ));
    }
    if hostname.len() > 64 {
        errs.push(FieldError::too_long(&p, 64));
    }
    errs.extend(validate_dns1123_subdomain(hostname, &p));
    errs
}

/// `ValidateTolerations` (pkg/apis/core/validation/validation.go).
pub fn validate_tolerations(
    tolerations: &[Value],
    path: &Path,
    opts: &PodValidationOptions,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, t) in tolerations.iter().enumerate() {
        let p = path.index(i);
        let key = str_of(t, "key");
        let operator = str_of(t, "operator");
        let value = str_of(t, "value");
        let effect = str_of(t, "effect");
        if !key.is_empty() {
            errs.extend(validate_label_name(key, &p.child("key"), ctx));
        }
        if key.is_empty() && operator != "Exists" {
            errs.push(FieldError::invalid(
                p.child("operator"),
                operator,
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            ));
        }
        if obj(t, "tolerationSeconds").is_some() && effect != "NoExecute" {
            errs.push(FieldError::invalid(
                p.child("effect"),
                effect,
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            ));
        }
        match operator {
            "Equal" | "" => {
                let msgs = names::is_label_value(value, &ctx.version);
                if !msgs.is_empty() {
                    errs.push(FieldError::invalid(
                        p.child("operator"),
                        value,
                        msgs.join(";"),
                    ));
                }
            }
            "Exists" => {
                if !value.is_empty() {
                    errs.push(FieldError::invalid(
                        p.child("operator"),
                        value,
                        "value must be empty when `operator` is 'Exists'",
                    ));
                }
            }
            "Lt" | "Gt" if opts.allow_taint_toleration_comparison_operators => {
                for msg in names::is_decimal_integer(value) {
                    errs.push(FieldError::invalid(p.child("value"), value, msg));
                }
                if let Some(msg) = go_parse_int64_error(value) {
                    errs.push(FieldError::invalid(p.child("value"), value, msg));
                }
            }
            // Before 1.35 core had no Lt/Gt toleration operators (they came with the
            // TaintTolerationComparisonOperators gate): they fall to the default arm, which
            // lists only Equal and Exists (validation.go ValidateTolerations).
            "Lt" | "Gt" if ctx.version.has_gate("TaintTolerationComparisonOperators") => {
                errs.push(FieldError::not_supported(
                    p.child("operator"),
                    operator,
                    &["Equal", "Exists", "Lt", "Gt"],
                ))
            }
            _ => errs.push(FieldError::not_supported(
                p.child("operator"),
                operator,
                &["Equal", "Exists"],
            )),
        }
        if !effect.is_empty() && !matches!(effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute")
        {
            errs.push(FieldError::not_supported(
                p.child("effect"),
                effect,
                &["NoSchedule", "PreferNoSchedule", "NoExecute"],
            ));
        }
    }
    errs
}

/// The error text of Go's `strconv.ParseInt(s, 10, 64)`, if it fails.
fn go_parse_int64_error(s: &str) -> Option<String> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some(format!(
            "strconv.ParseInt: parsing {}: invalid syntax",
            crate::go::strconv::quote(s)
        ));
    }
    if s.parse::<i64>().is_err() {
        return Some(format!(
            "strconv.ParseInt: parsing {}: value out of range",
            crate::go::strconv::quote(s)
        ));
    }
    None
}

/// `ValidateHostAliases`.
/// `strict_ip`: the StrictIPCIDRValidation gate (validation.go `IsValidIPForLegacyField`).
pub fn validate_host_aliases(aliases: &[Value], path: &Path, strict_ip: bool) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, alias) in aliases.iter().enumerate() {
        errs.extend(validate_ip_for_legacy_field(
            &path.index(i).child("ip"),
            str_of(alias, "ip"),
            strict_ip,
        ));
        for (j, hostname) in arr(alias, "hostnames").iter().enumerate() {
            errs.extend(validate_dns1123_subdomain(
                hostname.as_str().unwrap_or(""),
                &path.index(i).child("hostnames").index(j),
            ));
        }
    }
    errs
}

/// `validateOS`.
/// `validateOS`; v1.33's Required error has a detail (`cannot be empty`), later ones none
/// (versions.rs wording `os.name.required`).
pub fn validate_os(os: &Value, path: &Path, version: &Version) -> Vec<FieldError> {
    let name = str_of(os, "name");
    if name.is_empty() {
        return vec![FieldError::required(
            path.child("name"),
            version.wording("os.name.required"),
        )];
    }
    if name != "linux" && name != "windows" {
        return vec![FieldError::not_supported(path, name, &["linux", "windows"])];
    }
    Vec::new()
}

/// `validateWorkloadReference` (GenericWorkload).
pub fn validate_workload_reference(workload_ref: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let name = str_of(workload_ref, "name");
    for msg in names::name_is_dns_subdomain(name, false) {
        errs.push(FieldError::invalid(path.child("name"), name, msg));
    }
    let group = str_of(workload_ref, "podGroup");
    for msg in names::name_is_dns_label(group, false) {
        errs.push(FieldError::invalid(path.child("podGroup"), group, msg));
    }
    let replica_key = str_of(workload_ref, "podGroupReplicaKey");
    if !replica_key.is_empty() {
        for msg in names::name_is_dns_label(replica_key, false) {
            errs.push(FieldError::invalid(
                path.child("podGroupReplicaKey"),
                replica_key,
                msg,
            ));
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ctx() -> ValidationContext {
        ValidationContext::new(Version::new(1, 35))
    }

    fn render(errs: Vec<FieldError>) -> Vec<String> {
        errs.iter().map(FieldError::render).collect()
    }

    #[test]
    fn toleration_rules() {
        let tolerations = vec![
            json!({"operator": "Equal", "value": "v"}),
            json!({"key": "k", "operator": "Exists", "value": "v"}),
            json!({"key": "k", "operator": "Equal", "value": "v", "effect": "NoSchedule", "tolerationSeconds": 5}),
            json!({"key": "k", "operator": "Lt", "value": "5"}),
            json!({"key": "k", "operator": "Foo"}),
            json!({"key": "k", "effect": "Never"}),
        ];
        let got = render(validate_tolerations(
            &tolerations,
            &Path::new("spec.tolerations"),
            &ctx().opts(),
            &ctx(),
        ));
        assert_eq!(
            got,
            vec![
                "spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
                "spec.tolerations[1].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
                "spec.tolerations[2].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
                "spec.tolerations[3].operator: Unsupported value: \"Lt\": supported values: \"Equal\", \"Exists\", \"Lt\", \"Gt\"",
                "spec.tolerations[4].operator: Unsupported value: \"Foo\": supported values: \"Equal\", \"Exists\"",
                "spec.tolerations[5].effect: Unsupported value: \"Never\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
            ]
        );
    }

    #[test]
    fn dns_config_rules() {
        let opts = ctx().opts();
        let spec = json!({"dnsPolicy": "None"});
        assert_eq!(
            render(validate_pod_dns_config(
                &spec,
                &Path::new("spec.dnsConfig"),
                &opts,
                &ctx().version
            )),
            vec![
                "spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None"
            ]
        );
        let spec = json!({"dnsPolicy": "ClusterFirst", "dnsConfig": {
            "nameservers": ["1.1.1.1", "bad"], "searches": ["ok.example.", "_srv.example", "Bad"],
            "options": [{"value": "1"}]}});
        assert_eq!(
            render(validate_pod_dns_config(&spec, &Path::new("spec.dnsConfig"), &opts, &ctx().version)),
            vec![
                "spec.dnsConfig.nameservers[1]: Invalid value: \"bad\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
                "spec.dnsConfig.searches[2]: Invalid value: \"Bad\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')",
                "spec.dnsConfig.options[0]: Required value: must not be empty",
            ]
        );
    }

    #[test]
    fn topology_spread_duplicate_and_min_domains() {
        let spec = json!({"topologySpreadConstraints": [
            {"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "ScheduleAnyway", "minDomains": 2},
            {"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "ScheduleAnyway"}
        ]});
        assert_eq!(
            render(validate_topology_spread_constraints(&spec, &Path::new("spec.topologySpreadConstraints"), &ctx().opts(), &ctx())),
            vec![
                "spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: \"{zone, ScheduleAnyway}\"",
                "spec.topologySpreadConstraints[0].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway",
            ]
        );
    }

    #[test]
    fn host_users_false_forbids_host_namespaces() {
        let spec =
            json!({"hostUsers": false, "hostNetwork": true, "hostPID": true, "hostIPC": true});
        assert_eq!(
            render(validate_host_users(
                &spec,
                &Path::new("spec"),
                &ctx().opts(),
                &ctx().version
            )),
            vec![
                "spec.hostNetwork: Forbidden: when `hostUsers` is false",
                "spec.HostPID: Forbidden: when `hostUsers` is false",
                "spec.HostIPC: Forbidden: when `hostUsers` is false",
            ]
        );
    }
}
