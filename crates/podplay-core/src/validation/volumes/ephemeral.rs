//! `validateEphemeralVolumeSource` and the parts of `ValidatePersistentVolumeClaimTemplate`
//! a pod's generic ephemeral volume goes through (pkg/apis/core/validation).

use super::super::affinity::validate_label_selector;
use super::super::meta::{validate_annotations, validate_labels};
use super::super::names;
use super::super::{arr, obj, str_of};
use super::super::{PodValidationOptions, ValidationContext};
use crate::field::{FieldError, Path};
use crate::quantity::Quantity;
use serde_json::Value;

/// `validateEphemeralVolumeSource` with the parts of `ValidatePersistentVolumeClaimTemplate`
/// that a pod author can get wrong: template metadata, access modes, selector, storage request,
/// storage class, volume mode, data sources and volume attributes class.
pub(super) fn ephemeral(
    v: &Value,
    p: &Path,
    _: &PodValidationOptions,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let Some(template) = obj(v, "volumeClaimTemplate") else {
        return vec![FieldError::required(p.child("volumeClaimTemplate"), "")];
    };
    let tp = p.child("volumeClaimTemplate");
    let empty = Value::Object(Default::default());
    let meta = obj(template, "metadata").unwrap_or(&empty);
    let mut errs = validate_annotations(
        obj(meta, "annotations"),
        &tp.child("metadata").child("annotations"),
        ctx,
    );
    errs.extend(validate_labels(
        obj(meta, "labels"),
        &tp.child("metadata").child("labels"),
        ctx,
    ));
    errs.extend(template_meta_allow_list(meta, &tp.child("metadata")));
    let spec = obj(template, "spec").unwrap_or(&empty);
    let sp = tp.child("spec");
    let modes = arr(spec, "accessModes");
    if modes.is_empty() {
        errs.push(FieldError::required(
            sp.child("accessModes"),
            "at least 1 access mode is required",
        ));
    }
    if let Some(selector) = obj(spec, "selector") {
        errs.extend(validate_label_selector(
            Some(selector),
            false,
            &sp.child("selector"),
            ctx,
        ));
    }
    const MODES: &[&str] = &[
        "ReadOnlyMany",
        "ReadWriteMany",
        "ReadWriteOnce",
        "ReadWriteOncePod",
    ];
    let (mut rwop, mut other) = (false, false);
    for mode in modes {
        let mode = mode.as_str().unwrap_or("");
        if !MODES.contains(&mode) {
            errs.push(FieldError::not_supported(
                sp.child("accessModes"),
                mode,
                MODES,
            ));
        }
        if mode == "ReadWriteOncePod" {
            rwop = true;
        } else if MODES.contains(&mode) {
            other = true;
        }
    }
    if rwop && other {
        errs.push(FieldError::forbidden(
            sp.child("accessModes"),
            "may not use ReadWriteOncePod with other access modes",
        ));
    }
    // ValidatePositiveQuantityValue on requests[storage] (the value as Quantity.String()).
    let storage_path = sp.child("resources").key("storage");
    match obj(spec, "resources")
        .and_then(|r| obj(r, "requests"))
        .and_then(|r| obj(r, "storage"))
    {
        None => errs.push(FieldError::required(storage_path, "")),
        Some(q) => {
            let text = match q {
                Value::String(s) => s.clone(),
                other => crate::go::json::compact(other),
            };
            if let Ok(q) = Quantity::parse(&text) {
                if q.sign() <= 0 {
                    errs.push(FieldError::invalid(
                        storage_path,
                        q.canonical(),
                        "must be greater than zero",
                    ));
                }
            }
        }
    }
    let class = str_of(spec, "storageClassName");
    if !class.is_empty() {
        for msg in names::name_is_dns_subdomain(class, false) {
            errs.push(FieldError::invalid(
                sp.child("storageClassName"),
                class,
                msg,
            ));
        }
    }
    if let Some(mode) = obj(spec, "volumeMode") {
        let mode = mode.as_str().unwrap_or("");
        if mode != "Block" && mode != "Filesystem" {
            errs.push(FieldError::not_supported(
                sp.child("volumeMode"),
                mode,
                &["Block", "Filesystem"],
            ));
        }
    }
    errs.extend(claim_data_sources(spec, &sp));
    // VolumeAttributesClass is GA (on) in every supported version.
    let attributes_class = str_of(spec, "volumeAttributesClassName");
    if !attributes_class.is_empty() {
        for msg in names::name_is_dns_subdomain(attributes_class, false) {
            errs.push(FieldError::invalid(
                sp.child("volumeAttributesClassName"),
                attributes_class,
                msg,
            ));
        }
    }
    errs
}

/// `ValidatePersistentVolumeClaimSpec`'s data source part: `validateDataSource`,
/// `validateDataSourceRef`, then how the two must agree.
fn claim_data_sources(spec: &Value, sp: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let source = obj(spec, "dataSource");
    let source_ref = obj(spec, "dataSourceRef");
    if let Some(source) = source {
        errs.extend(data_source_reference(source, &sp.child("dataSource")));
    }
    if let Some(source_ref) = source_ref {
        let rp = sp.child("dataSourceRef");
        errs.extend(data_source_reference(source_ref, &rp));
        let namespace = str_of(source_ref, "namespace");
        if !namespace.is_empty() {
            for msg in names::name_is_dns_label(namespace, false) {
                errs.push(FieldError::invalid(rp.child("namespace"), namespace, msg));
            }
        }
    }
    // The bad value is a *field.Path, which encoding/json prints as {}.
    let path_value = || Value::Object(Default::default());
    let ref_namespace = source_ref.map_or("", |r| str_of(r, "namespace"));
    if !ref_namespace.is_empty() {
        if source.is_some() {
            errs.push(FieldError::invalid(
                sp,
                path_value(),
                "may not be specified when dataSourceRef.namespace is specified",
            ));
        }
    } else if let (Some(source), Some(source_ref)) = (source, source_ref) {
        // isDataSourceEqualDataSourceRef: apiGroup pointers compared deeply (nil ≠ "").
        let same = source.get("apiGroup").filter(|g| !g.is_null())
            == source_ref.get("apiGroup").filter(|g| !g.is_null())
            && str_of(source, "kind") == str_of(source_ref, "kind")
            && str_of(source, "name") == str_of(source_ref, "name");
        if !same {
            errs.push(FieldError::invalid(
                sp,
                path_value(),
                "must match dataSourceRef",
            ));
        }
    }
    errs
}

/// The checks `validateDataSource` and `validateDataSourceRef` share: name, kind, and the
/// API group (core only for PersistentVolumeClaim, otherwise a DNS subdomain).
fn data_source_reference(reference: &Value, p: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if str_of(reference, "name").is_empty() {
        errs.push(FieldError::required(p.child("name"), ""));
    }
    let kind = str_of(reference, "kind");
    if kind.is_empty() {
        errs.push(FieldError::required(p.child("kind"), ""));
    }
    let api_group = str_of(reference, "apiGroup");
    if api_group.is_empty() && kind != "PersistentVolumeClaim" {
        errs.push(FieldError::invalid(
            p,
            kind,
            "must be 'PersistentVolumeClaim' when referencing the default apiGroup",
        ));
    }
    for msg in names::is_dns1123_subdomain(api_group) {
        if !api_group.is_empty() {
            errs.push(FieldError::invalid(p.child("apiGroup"), api_group, msg));
        }
    }
    errs
}

/// `ValidateTemplateObjectMeta`'s `validateFieldAllowList`: a claim template's metadata may
/// only carry labels and annotations; every other set field is `Forbidden: cannot be set`, in
/// Go's `ObjectMeta` field order with the Go field name's first letter lowered (so `uID`).
fn template_meta_allow_list(meta: &Value, path: &Path) -> Vec<FieldError> {
    const FIELDS: &[(&str, &str)] = &[
        ("name", "name"),
        ("generateName", "generateName"),
        ("namespace", "namespace"),
        ("selfLink", "selfLink"),
        ("uid", "uID"),
        ("resourceVersion", "resourceVersion"),
        ("generation", "generation"),
        ("creationTimestamp", "creationTimestamp"),
        ("deletionTimestamp", "deletionTimestamp"),
        ("deletionGracePeriodSeconds", "deletionGracePeriodSeconds"),
        ("ownerReferences", "ownerReferences"),
        ("finalizers", "finalizers"),
        ("managedFields", "managedFields"),
    ];
    let is_zero = |v: &Value| match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Number(n) => n.as_f64() == Some(0.0),
        // reflect.DeepEqual tells a non-nil empty slice (`finalizers: []`) from nil.
        Value::Array(_) => false,
        Value::Object(o) => o.is_empty(),
        Value::Bool(b) => !b,
    };
    FIELDS
        .iter()
        .filter(|(json_name, _)| meta.get(*json_name).is_some_and(|v| !is_zero(v)))
        .map(|(_, go_name)| FieldError::forbidden(path.child(go_name), "cannot be set"))
        .collect()
}
