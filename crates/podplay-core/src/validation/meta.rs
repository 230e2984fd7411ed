//! Object metadata checks: `ValidateObjectMeta` (apimachinery/pkg/api/validation/objectmeta.go,
//! with core's extra finalizer rule) and `ValidatePodSpecificAnnotations`.
//!
//! Go iterates label and annotation maps in random order; with several bad entries the order
//! of their errors is not deterministic in Kubernetes. We use the object's key order.

use super::names;
use super::{arr, int_of, obj, str_of, string_map, ValidationContext};
use super::{pod_security, pod_spec, PodValidationOptions};
use crate::field::{go_syntax_strings, FieldError, Path};
use crate::go::strconv::quote as go_quote;
use serde_json::Value;

/// `TotalAnnotationSizeLimitB`: 256 KiB.
pub const TOTAL_ANNOTATION_SIZE_LIMIT_B: i64 = 256 * 1024;

pub const MIRROR_POD_ANNOTATION_KEY: &str = "kubernetes.io/config.mirror";
pub const TOLERATIONS_ANNOTATION_KEY: &str = "scheduler.alpha.kubernetes.io/tolerations";
pub const POD_DELETION_COST_ANNOTATION_KEY: &str = "controller.kubernetes.io/pod-deletion-cost";

/// Core `ValidateObjectMeta(meta, requiresNamespace=true, ValidatePodName, path)`.
pub fn validate_object_meta(
    metadata: &Value,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let generate_name = str_of(metadata, "generateName");
    if !generate_name.is_empty() {
        for msg in names::name_is_dns_subdomain(generate_name, true) {
            errs.push(FieldError::invalid(
                path.child("generateName"),
                generate_name,
                msg,
            ));
        }
    }
    let name = str_of(metadata, "name");
    if name.is_empty() {
        errs.push(FieldError::required(
            path.child("name"),
            "name or generateName is required",
        ));
    } else {
        for msg in names::name_is_dns_subdomain(name, false) {
            errs.push(FieldError::invalid(path.child("name"), name, msg));
        }
    }

    let namespace = str_of(metadata, "namespace");
    if namespace.is_empty() {
        errs.push(FieldError::required(path.child("namespace"), ""));
    } else {
        for msg in names::name_is_dns_label(namespace, false) {
            errs.push(FieldError::invalid(path.child("namespace"), namespace, msg));
        }
    }

    let generation = int_of(metadata, "generation");
    if generation < 0 {
        errs.push(FieldError::invalid(
            path.child("generation"),
            generation,
            "must be greater than or equal to 0",
        ));
    }
    errs.extend(validate_labels(
        obj(metadata, "labels"),
        &path.child("labels"),
        ctx,
    ));
    errs.extend(validate_annotations(
        obj(metadata, "annotations"),
        &path.child("annotations"),
        ctx,
    ));
    errs.extend(validate_owner_references(
        arr(metadata, "ownerReferences"),
        &path.child("ownerReferences"),
        ctx,
    ));
    errs.extend(validate_finalizers(
        arr(metadata, "finalizers"),
        &path.child("finalizers"),
        ctx,
    ));
    errs.extend(validate_managed_fields(
        arr(metadata, "managedFields"),
        &path.child("managedFields"),
    ));

    // Core's extra rule: a finalizer without `/` must be a standard one.
    for (i, f) in arr(metadata, "finalizers").iter().enumerate() {
        let f = f.as_str().unwrap_or("");
        if !f.contains('/') && !matches!(f, "kubernetes" | "orphan" | "foregroundDeletion") {
            errs.push(FieldError::invalid(
                path.child("finalizers").index(i),
                f,
                "name is neither a standard finalizer name nor is it fully qualified",
            ));
        }
    }
    errs
}

/// `metav1validation.ValidateLabels`: each key a qualified name, each value a label value; the
/// error path is the map itself (`metadata.labels`).
pub fn validate_labels(
    labels: Option<&Value>,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (k, v) in string_map(labels) {
        errs.extend(validate_label_name(k, path, ctx));
        for msg in names::is_label_value(v, &ctx.version) {
            errs.push(FieldError::invalid(path, v, msg));
        }
    }
    errs
}

/// `metav1validation.ValidateLabelName`.
pub fn validate_label_name(name: &str, path: &Path, ctx: &ValidationContext) -> Vec<FieldError> {
    names::is_qualified_name(name, &ctx.version)
        .into_iter()
        .map(|msg| FieldError::invalid(path, name, msg))
        .collect()
}

/// `ValidateAnnotations`: keys are checked lowercased as qualified names (the error shows the
/// original key), and the total size of keys and values is limited to 256 KiB.
pub fn validate_annotations(
    annotations: Option<&Value>,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let entries = string_map(annotations);
    for (k, _) in &entries {
        for msg in names::is_qualified_name(&k.to_lowercase(), &ctx.version) {
            errs.push(FieldError::invalid(path, *k, msg));
        }
    }
    let total: i64 = entries
        .iter()
        .map(|(k, v)| (k.len() + v.len()) as i64)
        .sum();
    if total > TOTAL_ANNOTATION_SIZE_LIMIT_B {
        errs.push(FieldError::too_long(path, TOTAL_ANNOTATION_SIZE_LIMIT_B));
    }
    errs
}

/// `ValidateOwnerReferences`.
fn validate_owner_references(
    refs: &[Value],
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut first_controller = String::new();
    for r in refs {
        let api_version = str_of(r, "apiVersion");
        let kind = str_of(r, "kind");
        // schema.FromAPIVersionAndKind → ParseGroupVersion: `version`, `group/version`; more
        // than one `/` does not parse, which leaves group and version empty.
        let (group, version) = match api_version.matches('/').count() {
            0 => ("", api_version),
            1 => api_version.split_once('/').unwrap_or_default(),
            _ => ("", ""),
        };
        if version.is_empty() {
            errs.push(FieldError::invalid(
                path.child("apiVersion"),
                api_version,
                "version must not be empty",
            ));
        }
        if kind.is_empty() {
            errs.push(FieldError::invalid(
                path.child("kind"),
                kind,
                ctx.version.wording("ownerReference.kind.empty"),
            ));
        }
        let name = str_of(r, "name");
        if name.is_empty() {
            errs.push(FieldError::invalid(
                path.child("name"),
                name,
                ctx.version.wording("ownerReference.name.empty"),
            ));
        }
        let uid = str_of(r, "uid");
        if uid.is_empty() {
            errs.push(FieldError::invalid(
                path.child("uid"),
                uid,
                ctx.version.wording("ownerReference.uid.empty"),
            ));
        }
        if group.is_empty() && version == "v1" && kind == "Event" {
            let err = FieldError::invalid(
                path,
                r.clone(),
                "/v1, Kind=Event is disallowed from being an owner",
            );
            // The bad value is the metav1.OwnerReference struct: 1.33 prints it with `%#v`,
            // reproducible while its two *bool fields are nil (else it shows addresses).
            let pointers_set =
                r.get("controller").is_some() || r.get("blockOwnerDeletion").is_some();
            errs.push(if pointers_set {
                err
            } else {
                let go = format!(
                    "v1.OwnerReference{{APIVersion:{}, Kind:{}, Name:{}, UID:{}, Controller:(*bool)(nil), BlockOwnerDeletion:(*bool)(nil)}}",
                    go_quote(api_version),
                    go_quote(kind),
                    go_quote(name),
                    go_quote(uid)
                );
                err.printed_with_go_syntax(&ctx.version, go)
            });
        }
        if r.get("controller").and_then(Value::as_bool) == Some(true) {
            let current = format!("{kind}/{name}");
            if first_controller.is_empty() {
                first_controller = current;
            } else {
                errs.push(FieldError::invalid(
                    path,
                    Value::Array(refs.to_vec()),
                    format!("Only one reference can have Controller set to true. Found \"true\" in references for {first_controller} and {current}"),
                ));
            }
        }
    }
    errs
}

/// `ValidateFinalizers` (apimachinery part): qualified names, and not both orphan and
/// foregroundDeletion.
fn validate_finalizers(
    finalizers: &[Value],
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut orphan = false;
    let mut foreground = false;
    for f in finalizers {
        let f = f.as_str().unwrap_or("");
        for msg in names::is_qualified_name(f, &ctx.version) {
            errs.push(FieldError::invalid(path, f, msg));
        }
        orphan |= f == "orphan";
        foreground |= f == "foregroundDeletion";
    }
    if orphan && foreground {
        // The bad value is the []string itself (1.33 prints it as `[]string{"a", "b"}`).
        errs.push(
            FieldError::invalid(
                path,
                Value::Array(finalizers.to_vec()),
                "finalizer orphan and foregroundDeletion cannot be both set",
            )
            .printed_with_go_syntax(&ctx.version, go_syntax_strings(finalizers)),
        );
    }
    errs
}

/// `ValidateManagedFields`.
fn validate_managed_fields(entries: &[Value], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let p = path.index(i);
        let operation = str_of(entry, "operation");
        if operation != "Apply" && operation != "Update" {
            errs.push(FieldError::invalid(
                p.child("operation"),
                operation,
                "must be `Apply` or `Update`",
            ));
        }
        let fields_type = str_of(entry, "fieldsType");
        if !fields_type.is_empty() && fields_type != "FieldsV1" {
            errs.push(FieldError::invalid(
                p.child("fieldsType"),
                fields_type,
                "must be `FieldsV1`",
            ));
        }
        let manager = str_of(entry, "manager");
        if manager.len() > 128 {
            errs.push(FieldError::too_long(p.child("manager"), 128));
        }
        for (pos, c) in manager.char_indices() {
            if !crate::go::strconv::is_print(c) {
                errs.push(FieldError::invalid(
                    p.child("manager"),
                    manager,
                    format!("invalid character {} (at position {pos})", go_unicode_u(c)),
                ));
            }
        }
        if str_of(entry, "subresource").len() > 256 {
            errs.push(FieldError::too_long(p.child("subresource"), 256));
        }
    }
    errs
}

/// Go's `%#U`: `U+0007` (and `U+0041 'A'` for printable characters).
fn go_unicode_u(c: char) -> String {
    let code = format!("U+{:04X}", c as u32);
    if crate::go::strconv::is_print(c) {
        format!("{code} '{c}'")
    } else {
        code
    }
}

/// `ValidatePodSpecificAnnotations`.
pub fn validate_pod_specific_annotations(
    metadata: &Value,
    spec: &Value,
    path: &Path,
    opts: &PodValidationOptions,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let annotations = obj(metadata, "annotations");
    let get = |key: &str| annotations.and_then(|a| a.get(key)).and_then(Value::as_str);

    if let Some(value) = get(MIRROR_POD_ANNOTATION_KEY) {
        if str_of(spec, "nodeName").is_empty() {
            errs.push(FieldError::invalid(
                path.key(MIRROR_POD_ANNOTATION_KEY),
                value,
                "must set spec.nodeName if mirror pod annotation is set",
            ));
        }
    }

    if let Some(text) = get(TOLERATIONS_ANNOTATION_KEY).filter(|t| !t.is_empty()) {
        // Go's json.Unmarshal checks the syntax first, with its own wording.
        let parsed = crate::go::json::parse(text);
        match parsed {
            Ok(Value::Array(tolerations)) => {
                if !tolerations.is_empty() {
                    errs.extend(pod_spec::validate_tolerations(
                        &tolerations,
                        &path.child(TOLERATIONS_ANNOTATION_KEY),
                        opts,
                        ctx,
                    ));
                }
            }
            Ok(Value::Null) => {}
            Ok(other) => errs.push(FieldError::invalid(
                path,
                TOLERATIONS_ANNOTATION_KEY,
                format!(
                    "json: cannot unmarshal {} into Go value of type []core.Toleration",
                    crate::go::json::kind(&other)
                ),
            )),
            Err(e) => errs.push(FieldError::invalid(path, TOLERATIONS_ANNOTATION_KEY, e)),
        }
    }

    if !opts.allow_invalid_pod_deletion_cost {
        if let Some(value) = get(POD_DELETION_COST_ANNOTATION_KEY) {
            if !is_valid_deletion_cost(value) {
                errs.push(FieldError::invalid(
                    path.key(POD_DELETION_COST_ANNOTATION_KEY),
                    value,
                    "must be a 32bit integer",
                ));
            }
        }
    }

    errs.extend(pod_security::validate_seccomp_pod_annotations(
        annotations,
        path,
    ));
    errs.extend(pod_security::validate_apparmor_pod_annotations(
        annotations,
        spec,
        path,
    ));
    errs
}

/// `GetDeletionCostFromPodAnnotations` succeeds: no `+`, no leading zeros, fits in int32.
fn is_valid_deletion_cost(value: &str) -> bool {
    let first_ok = match value.as_bytes() {
        [] => false,
        [b'-', ..] => true,
        [b'0'] => true,
        [b'1'..=b'9', ..] => true,
        _ => false,
    };
    first_ok && value.parse::<i32>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::versions::Version;
    use serde_json::json;

    fn ctx() -> ValidationContext {
        ValidationContext::new(Version::new(1, 35))
    }

    #[test]
    fn name_required_and_generate_name_prefix() {
        let errs = validate_object_meta(
            &json!({"namespace": "default"}),
            &Path::new("metadata"),
            &ctx(),
        );
        assert_eq!(
            errs[0].render(),
            "metadata.name: Required value: name or generateName is required"
        );
        let errs = validate_object_meta(
            &json!({"name": "web-abcde", "generateName": "web-", "namespace": "default"}),
            &Path::new("metadata"),
            &ctx(),
        );
        assert!(errs.is_empty());
    }

    #[test]
    fn annotation_size_limit() {
        let big = "x".repeat(262_144);
        let errs = validate_annotations(
            Some(&json!({ "a": big })),
            &Path::new("metadata.annotations"),
            &ctx(),
        );
        assert_eq!(
            errs[0].render(),
            "metadata.annotations: Too long: may not be more than 262144 bytes"
        );
    }

    #[test]
    fn deletion_cost() {
        for ok in ["0", "-5", "2147483647"] {
            assert!(is_valid_deletion_cost(ok), "{ok}");
        }
        for bad in ["+1", "01", "2147483648", "x", ""] {
            assert!(!is_valid_deletion_cost(bad), "{bad}");
        }
    }

    #[test]
    fn unknown_finalizer() {
        let errs = validate_object_meta(
            &json!({"name": "p", "namespace": "d", "finalizers": ["foo"]}),
            &Path::new("metadata"),
            &ctx(),
        );
        assert_eq!(
            errs[0].render(),
            "metadata.finalizers[0]: Invalid value: \"foo\": name is neither a standard finalizer name nor is it fully qualified"
        );
    }
}
