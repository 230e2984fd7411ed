//! Resource requirements: `validateResourceRequirements`, resource names
//! (`validateContainerResourceName` / `validatePodResourceName`), quantities, hugepages and
//! claims (pkg/apis/core/validation/validation.go).

use std::cmp::Ordering;
use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::{list, text};
use crate::field::{FieldError, Path};
use crate::quantity::Quantity;
use crate::validation::names;
use crate::validation::ValidationContext;

/// Which resource names a requirements block accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceScope {
    /// `validateContainerResourceName` (containers and `spec.overhead`).
    Container,
    /// `validatePodResourceName` (pod-level `spec.resources`).
    Pod,
}

/// Standard (unprefixed) resource names (`helper.IsStandardResourceName`, without hugepages).
const STANDARD_RESOURCES: &[&str] = &[
    "cpu",
    "memory",
    "ephemeral-storage",
    "requests.cpu",
    "requests.memory",
    "requests.ephemeral-storage",
    "limits.cpu",
    "limits.memory",
    "limits.ephemeral-storage",
    "pods",
    "resourcequotas",
    "services",
    "replicationcontrollers",
    "secrets",
    "configmaps",
    "persistentvolumeclaims",
    "storage",
    "requests.storage",
    "services.nodeports",
    "services.loadbalancers",
];

/// Resources counted in whole units (`helper.IsIntegerResourceName`, besides extended ones).
const INTEGER_RESOURCES: &[&str] = &[
    "pods",
    "resourcequotas",
    "services",
    "replicationcontrollers",
    "secrets",
    "configmaps",
    "persistentvolumeclaims",
    "services.nodeports",
    "services.loadbalancers",
];

/// Resources that may be set at pod level, as the error lists them
/// (`resourcehelper.SupportedPodLevelResources`, sorted); any `hugepages-*` name is accepted.
const POD_LEVEL_RESOURCES: &[&str] = &["cpu", "hugepages-", "memory"];

const HUGEPAGES_PREFIX: &str = "hugepages-";

fn is_hugepages(name: &str) -> bool {
    name.starts_with(HUGEPAGES_PREFIX)
}

/// `helper.IsNativeResource`: unprefixed or in a `kubernetes.io/` namespace.
fn is_native(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

/// `helper.IsExtendedResourceName`: a prefixed, non-native name that is still a qualified name
/// once `requests.` is prepended.
fn is_extended(name: &str, ctx: &ValidationContext) -> bool {
    if is_native(name) || name.starts_with("requests.") {
        return false;
    }
    names::is_qualified_name(&format!("requests.{name}"), &ctx.version).is_empty()
}

/// `helper.IsOvercommitAllowed`: requests may differ from limits.
fn overcommit_allowed(name: &str) -> bool {
    is_native(name) && !is_hugepages(name)
}

/// `validateResourceName`: a qualified name; unprefixed names must be standard.
fn validate_resource_name(name: &str, path: &Path, ctx: &ValidationContext) -> Vec<FieldError> {
    let errs: Vec<FieldError> = names::is_qualified_name(name, &ctx.version)
        .into_iter()
        .map(|msg| FieldError::invalid(path, name, msg).printed_by_stringer(&ctx.version))
        .collect();
    if !errs.is_empty() {
        return errs;
    }
    let standard = STANDARD_RESOURCES.contains(&name)
        || is_hugepages(name)
        || name.starts_with("requests.hugepages-");
    if !name.contains('/') && !standard {
        return vec![FieldError::invalid(
            path,
            name,
            "must be a standard resource type or fully qualified",
        )
        .printed_by_stringer(&ctx.version)];
    }
    Vec::new()
}

/// `validateContainerResourceName`.
fn validate_container_resource_name(
    name: &str,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = validate_resource_name(name, path, ctx);
    if !name.contains('/') {
        if !matches!(name, "cpu" | "memory" | "ephemeral-storage") && !is_hugepages(name) {
            errs.push(
                FieldError::invalid(path, name, "must be a standard resource for containers")
                    .printed_by_stringer(&ctx.version),
            );
        }
    } else if !is_native(name) && !is_extended(name, ctx) {
        errs.push(
            FieldError::invalid(path, name, "doesn't follow extended resource name standard")
                .printed_by_stringer(&ctx.version),
        );
    }
    errs
}

/// `validatePodResourceName`.
fn validate_pod_resource_name(name: &str, path: &Path, ctx: &ValidationContext) -> Vec<FieldError> {
    let errs = validate_resource_name(name, path, ctx);
    if !errs.is_empty() {
        return errs;
    }
    if !matches!(name, "cpu" | "memory") && !is_hugepages(name) {
        return vec![FieldError::not_supported(path, name, POD_LEVEL_RESOURCES)
            .printed_by_stringer(&ctx.version)];
    }
    Vec::new()
}

/// `ValidateResourceQuantityValue`: non-negative, whole for integer resources.
fn validate_quantity_value(
    name: &str,
    q: &Quantity,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if q.sign() < 0 {
        errs.push(FieldError::invalid(
            path,
            q.canonical(),
            "must be greater than or equal to 0",
        ));
    }
    let integer = INTEGER_RESOURCES.contains(&name) || is_extended(name, ctx);
    if integer && q.milli_value() % 1000 != 0 {
        // The bad value is the resource.Quantity itself: 1.33 prints it with `%#v`.
        errs.push(
            FieldError::invalid(path, q.canonical(), "must be an integer")
                .printed_with_go_syntax(&ctx.version, as_decoded(q, path, ctx).go_syntax()),
        );
    }
    errs
}

/// The quantity at `path` as Kubernetes holds it at validation time: parsed from the decoded
/// text, then rounded by SetDefaults_ResourceList (which keeps a text already that precise).
/// Falls back to `q` (parsed from its canonical form) when the text is unknown.
fn as_decoded(q: &Quantity, path: &Path, ctx: &ValidationContext) -> Quantity {
    ctx.decoded_quantities
        .iter()
        .find(|(p, _)| p == path.as_str())
        .and_then(|(_, text)| crate::defaulting::resource_list_value(text.trim()))
        .unwrap_or_else(|| q.clone())
}

/// Every container's `resources.limits`/`requests` quantity text as decoded (before
/// defaulting), by field path: the pod's canonical text unless `written` (the decoder's
/// non-canonical texts by path) has another. A request missing where a limit is set gets the
/// limit's text: SetDefaults_Pod copies the limit (`DeepCopy`, before any rounding) into the
/// requests of containers and init containers.
pub fn decoded_quantities(pod: &Value, written: &[(String, String)]) -> Vec<(String, String)> {
    let text_at = |path: &str, value: &Value| {
        written
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, t)| t.clone())
            .or_else(|| crate::pod_json::quantity_text(value))
    };
    let mut out = Vec::new();
    let Some(spec) = pod.get("spec") else {
        return out;
    };
    for (list, copies_limits) in [
        ("containers", true),
        ("initContainers", true),
        ("ephemeralContainers", false),
    ] {
        let Some(ctrs) = spec.get(list).and_then(Value::as_array) else {
            continue;
        };
        for (i, ctr) in ctrs.iter().enumerate() {
            let resources = ctr.get("resources");
            let map = |key| {
                resources
                    .and_then(|r| r.get(key))
                    .and_then(Value::as_object)
            };
            let limits = map("limits");
            let requests = map("requests");
            let base = format!("spec.{list}[{i}].resources");
            for (key, value) in limits.into_iter().flatten() {
                let path = format!("{base}.limits[{key}]");
                if let Some(text) = text_at(&path, value) {
                    out.push((path, text.clone()));
                    let requested = requests.is_some_and(|r| r.contains_key(key));
                    if copies_limits && !requested {
                        out.push((format!("{base}.requests[{key}]"), text));
                    }
                }
            }
            for (key, value) in requests.into_iter().flatten() {
                let path = format!("{base}.requests[{key}]");
                if let Some(text) = text_at(&path, value) {
                    out.push((path, text));
                }
            }
        }
    }
    out
}

/// `helper.IsHugePageResourceValueDivisible`: the value is a whole number of pages.
fn hugepages_divisible(name: &str, q: &Quantity) -> bool {
    let Some(size) = name.strip_prefix(HUGEPAGES_PREFIX) else {
        return false;
    };
    let Ok(page) = Quantity::parse(size) else {
        return false;
    };
    if page.sign() <= 0 || page.milli_value() % 1000 != 0 {
        return false;
    }
    let page_bytes = page.value();
    page_bytes != 0 && q.value() % page_bytes == 0
}

/// The hugepages value rule (`validateResourceQuantityHugePageValue`; indivisible values are
/// only allowed for pods that already had them, never on create).
fn validate_hugepages_value(name: &str, q: &Quantity, path: &Path) -> Option<FieldError> {
    if !is_hugepages(name) || hugepages_divisible(name, q) {
        return None;
    }
    let value = q.canonical();
    Some(FieldError::invalid(
        path,
        value.as_str(),
        format!("{value} is not positive integer multiple of {name}"),
    ))
}

/// A resource list as (name, parsed quantity) pairs; unparsable quantities are skipped (the
/// decoder has already rejected them).
fn resource_list(requirements: &Value, field: &str) -> Vec<(String, Quantity)> {
    let Some(map) = requirements.get(field).and_then(Value::as_object) else {
        return Vec::new();
    };
    parse_list(map)
}

fn parse_list(map: &Map<String, Value>) -> Vec<(String, Quantity)> {
    map.iter()
        .filter_map(|(k, v)| {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => return None,
            };
            Quantity::parse(&text).ok().map(|q| (k.clone(), q))
        })
        .collect()
}

/// `ValidateContainerResourceRequirements` (scope `Container`) or
/// `validatePodResourceRequirements` (scope `Pod`). `claim_names` are the names in
/// `spec.resourceClaims`. Go walks limits then requests in map order; here it is the
/// document's order.
pub fn validate_resource_requirements(
    requirements: &Value,
    path: &Path,
    scope: ResourceScope,
    claim_names: &[&str],
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let limits_path = path.child("limits");
    let requests_path = path.child("requests");
    let limits = resource_list(requirements, "limits");
    let requests = resource_list(requirements, "requests");
    let check_name = |name: &str, p: &Path| match scope {
        ResourceScope::Container => validate_container_resource_name(name, p, ctx),
        ResourceScope::Pod => validate_pod_resource_name(name, p, ctx),
    };
    let is_cpu_or_memory = |name: &str| matches!(name, "cpu" | "memory");

    let mut has_cpu_or_memory = false;
    let mut has_hugepages = false;
    for (name, q) in &limits {
        let p = limits_path.key(name);
        errs.extend(check_name(name, &p));
        errs.extend(validate_quantity_value(name, q, &p, ctx));
        if is_hugepages(name) {
            has_hugepages = true;
            errs.extend(validate_hugepages_value(name, q, &p));
        }
        has_cpu_or_memory |= is_cpu_or_memory(name);
    }
    for (name, q) in &requests {
        let p = requests_path.key(name);
        errs.extend(check_name(name, &p));
        errs.extend(validate_quantity_value(name, q, &p, ctx));
        match limits.iter().find(|(n, _)| n == name) {
            Some((_, limit)) => {
                let order = q.cmp(limit);
                // Requests are reported on the `requests` map itself, with the request value.
                if order != Ordering::Equal && !overcommit_allowed(name) {
                    errs.push(FieldError::invalid(
                        &requests_path,
                        q.canonical(),
                        format!("must be equal to {name} limit of {}", limit.canonical()),
                    ));
                } else if order == Ordering::Greater {
                    errs.push(FieldError::invalid(
                        &requests_path,
                        q.canonical(),
                        format!(
                            "must be less than or equal to {name} limit of {}",
                            limit.canonical()
                        ),
                    ));
                }
            }
            None if !overcommit_allowed(name) => errs.push(FieldError::required(
                &limits_path,
                "Limit must be set for non overcommitable resources",
            )),
            None => {}
        }
        if is_hugepages(name) {
            has_hugepages = true;
            errs.extend(validate_hugepages_value(name, q, &p));
        }
        has_cpu_or_memory |= is_cpu_or_memory(name);
    }
    if has_hugepages && !has_cpu_or_memory {
        errs.push(FieldError::forbidden(
            path,
            "HugePages require cpu or memory",
        ));
    }
    errs.extend(validate_claim_names(
        list(requirements, "claims"),
        claim_names,
        &path.child("claims"),
    ));
    errs
}

/// `validateResourceClaimNames`: each claim (or claim/request) once, and named in
/// `spec.resourceClaims`.
fn validate_claim_names(claims: &[Value], pod_claims: &[&str], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (i, claim) in claims.iter().enumerate() {
        let p = path.index(i);
        let name = text(claim, "name");
        if name.is_empty() {
            errs.push(FieldError::required(&p, ""));
            continue;
        }
        if seen.contains(name) {
            // The whole claim was already referenced.
            errs.push(FieldError::duplicate(&p, name));
        } else {
            let request = text(claim, "request");
            let mut key = name.to_string();
            if !request.is_empty() {
                for msg in names::is_dns1123_label(request) {
                    errs.push(FieldError::invalid(p.child("request"), request, msg));
                }
                key = format!("{name}/{request}");
            }
            if seen.contains(&key) {
                errs.push(FieldError::duplicate(&p, key.as_str()));
            } else if request.is_empty() {
                // Referencing a whole claim overlaps any earlier claim/request entry.
                let prefix = format!("{name}/");
                let overlaps = seen.iter().filter(|k| k.starts_with(&prefix)).count();
                for _ in 0..overlaps {
                    errs.push(FieldError::duplicate(&p, name));
                }
            }
            seen.insert(key);
        }
        if !pod_claims.contains(&name) {
            let mut err = FieldError::not_found(&p, name);
            let mut known: Vec<&str> = pod_claims.to_vec();
            crate::small_sort::sort_by(&mut known, |a, b| a < b);
            known.dedup();
            err.detail = if known.is_empty() {
                "must be one of the names in pod.spec.resourceClaims which is empty".to_string()
            } else {
                format!(
                    "must be one of the names in pod.spec.resourceClaims: {}",
                    known.join(", ")
                )
            };
            errs.push(err);
        }
    }
    errs
}
