//! `validateAffinity` (node affinity, pod affinity, pod anti-affinity) and the metav1
//! `LabelSelector` checks they share with topology spread constraints (pkg/apis/core/validation/validation.go,
//! apimachinery/pkg/apis/meta/v1/validation).

use super::meta::validate_label_name;
use super::names;
use super::{arr, int_of, obj, str_of, string_map, ValidationContext};
use super::{meta, PodValidationOptions};
use crate::field::{FieldError, Path};
use serde_json::Value;

/// `validateAffinity`.
pub fn validate_affinity(
    affinity: Option<&Value>,
    opts: &PodValidationOptions,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(affinity) = affinity else {
        return errs;
    };
    if let Some(na) = obj(affinity, "nodeAffinity") {
        errs.extend(validate_node_affinity(
            na,
            opts,
            &path.child("nodeAffinity"),
            ctx,
        ));
    }
    let allow_invalid = opts.allow_invalid_label_value_in_selector;
    for key in ["podAffinity", "podAntiAffinity"] {
        if let Some(pa) = obj(affinity, key) {
            let p = path.child(key);
            if let Some(required) = obj(pa, "requiredDuringSchedulingIgnoredDuringExecution") {
                let rp = p.child("requiredDuringSchedulingIgnoredDuringExecution");
                for (i, term) in required.as_array().into_iter().flatten().enumerate() {
                    errs.extend(validate_pod_affinity_term(
                        term,
                        allow_invalid,
                        &rp.index(i),
                        ctx,
                    ));
                }
            }
            if let Some(preferred) = obj(pa, "preferredDuringSchedulingIgnoredDuringExecution") {
                let pp = p.child("preferredDuringSchedulingIgnoredDuringExecution");
                for (j, weighted) in preferred.as_array().into_iter().flatten().enumerate() {
                    let weight = int_of(weighted, "weight");
                    if weight <= 0 || weight > 100 {
                        errs.push(FieldError::invalid(
                            pp.index(j).child("weight"),
                            weight,
                            "must be in the range 1-100",
                        ));
                    }
                    let empty = Value::Object(Default::default());
                    let term = obj(weighted, "podAffinityTerm").unwrap_or(&empty);
                    errs.extend(validate_pod_affinity_term(
                        term,
                        allow_invalid,
                        &pp.index(j).child("podAffinityTerm"),
                        ctx,
                    ));
                }
            }
        }
    }
    errs
}

fn validate_node_affinity(
    na: &Value,
    opts: &PodValidationOptions,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if let Some(required) = obj(na, "requiredDuringSchedulingIgnoredDuringExecution") {
        errs.extend(validate_node_selector(
            required,
            opts.allow_invalid_label_value_in_required_node_affinity,
            &path.child("requiredDuringSchedulingIgnoredDuringExecution"),
            ctx,
        ));
    }
    let preferred = arr(na, "preferredDuringSchedulingIgnoredDuringExecution");
    let pp = path.child("preferredDuringSchedulingIgnoredDuringExecution");
    for (i, term) in preferred.iter().enumerate() {
        let weight = int_of(term, "weight");
        if weight <= 0 || weight > 100 {
            errs.push(FieldError::invalid(
                pp.index(i).child("weight"),
                weight,
                "must be in the range 1-100",
            ));
        }
        let empty = Value::Object(Default::default());
        errs.extend(validate_node_selector_term(
            obj(term, "preference").unwrap_or(&empty),
            true,
            &pp.index(i).child("preference"),
            ctx,
        ));
    }
    errs
}

/// `ValidateNodeSelector`.
pub fn validate_node_selector(
    selector: &Value,
    allow_invalid_value: bool,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let terms_path = path.child("nodeSelectorTerms");
    let terms = arr(selector, "nodeSelectorTerms");
    if terms.is_empty() {
        return vec![FieldError::required(
            terms_path,
            "must have at least one node selector term",
        )];
    }
    let mut errs = Vec::new();
    for (i, term) in terms.iter().enumerate() {
        errs.extend(validate_node_selector_term(
            term,
            allow_invalid_value,
            &terms_path.index(i),
            ctx,
        ));
    }
    errs
}

/// `ValidateNodeSelectorTerm`.
pub fn validate_node_selector_term(
    term: &Value,
    allow_invalid_value: bool,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (j, req) in arr(term, "matchExpressions").iter().enumerate() {
        errs.extend(validate_node_selector_requirement(
            req,
            allow_invalid_value,
            &path.child("matchExpressions").index(j),
            ctx,
        ));
    }
    for (j, req) in arr(term, "matchFields").iter().enumerate() {
        errs.extend(validate_node_field_selector_requirement(
            req,
            &path.child("matchFields").index(j),
        ));
    }
    errs
}

fn validate_node_selector_requirement(
    req: &Value,
    allow_invalid_value: bool,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let values = arr(req, "values");
    let operator = str_of(req, "operator");
    match operator {
        "In" | "NotIn" => {
            if values.is_empty() {
                errs.push(FieldError::required(
                    path.child("values"),
                    "must be specified when `operator` is 'In' or 'NotIn'",
                ));
            }
        }
        "Exists" | "DoesNotExist" => {
            if !values.is_empty() {
                errs.push(FieldError::forbidden(
                    path.child("values"),
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                ));
            }
        }
        "Gt" | "Lt" => {
            if values.len() != 1 {
                errs.push(FieldError::required(
                    path.child("values"),
                    "must be specified single value when `operator` is 'Lt' or 'Gt'",
                ));
            }
        }
        _ => errs.push(
            FieldError::invalid(
                path.child("operator"),
                operator,
                "not a valid selector operator",
            )
            .named_string(),
        ),
    }
    errs.extend(validate_requirement_key_and_values(
        req,
        allow_invalid_value,
        path,
        ctx,
    ));
    errs
}

/// The tail both requirement validators share: the key is a label name and, unless invalid
/// values are tolerated (`AllowInvalidLabelValueInSelector`), each value is a label value.
fn validate_requirement_key_and_values(
    req: &Value,
    allow_invalid_value: bool,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = validate_label_name(str_of(req, "key"), &path.child("key"), ctx);
    if !allow_invalid_value {
        for (i, v) in arr(req, "values").iter().enumerate() {
            let v = v.as_str().unwrap_or("");
            for msg in names::is_label_value(v, &ctx.version) {
                errs.push(FieldError::invalid(path.child("values").index(i), v, msg));
            }
        }
    }
    errs
}

fn validate_node_field_selector_requirement(req: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let values = arr(req, "values");
    let operator = str_of(req, "operator");
    match operator {
        "In" | "NotIn" => {
            if values.len() != 1 {
                errs.push(FieldError::required(
                    path.child("values"),
                    "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
                ));
            }
        }
        _ => errs.push(
            FieldError::invalid(
                path.child("operator"),
                operator,
                "not a valid selector operator",
            )
            .named_string(),
        ),
    }
    let key = str_of(req, "key");
    if key != "metadata.name" {
        errs.push(FieldError::invalid(
            path.child("key"),
            key,
            "not a valid field selector key",
        ));
    } else {
        for (i, v) in values.iter().enumerate() {
            let v = v.as_str().unwrap_or("");
            for msg in names::name_is_dns_subdomain(v, false) {
                errs.push(FieldError::invalid(path.child("values").index(i), v, msg));
            }
        }
    }
    errs
}

/// `validatePodAffinityTerm`.
fn validate_pod_affinity_term(
    term: &Value,
    allow_invalid_value: bool,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    errs.extend(validate_label_selector(
        obj(term, "labelSelector"),
        allow_invalid_value,
        &path.child("labelSelector"),
        ctx,
    ));
    errs.extend(validate_label_selector(
        obj(term, "namespaceSelector"),
        allow_invalid_value,
        &path.child("namespaceSelector"),
        ctx,
    ));
    for ns in arr(term, "namespaces") {
        let ns = ns.as_str().unwrap_or("");
        for msg in names::name_is_dns_label(ns, false) {
            errs.push(FieldError::invalid(path.child("namespace"), ns, msg));
        }
    }
    errs.extend(validate_match_label_keys_and_mismatch_label_keys(
        path,
        &strings(arr(term, "matchLabelKeys")),
        &strings(arr(term, "mismatchLabelKeys")),
        obj(term, "labelSelector"),
        ctx,
    ));
    let topology_key = str_of(term, "topologyKey");
    if topology_key.is_empty() {
        errs.push(FieldError::required(
            path.child("topologyKey"),
            "can not be empty",
        ));
    }
    errs.extend(validate_label_name(
        topology_key,
        &path.child("topologyKey"),
        ctx,
    ));
    errs
}

/// `metav1validation.ValidateLabelSelector` (a missing selector is valid).
pub fn validate_label_selector(
    selector: Option<&Value>,
    allow_invalid_value: bool,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(selector) = selector else {
        return errs;
    };
    errs.extend(meta::validate_labels(
        obj(selector, "matchLabels"),
        &path.child("matchLabels"),
        ctx,
    ));
    for (i, expr) in arr(selector, "matchExpressions").iter().enumerate() {
        let p = path.child("matchExpressions").index(i);
        let values = arr(expr, "values");
        let operator = str_of(expr, "operator");
        match operator {
            "In" | "NotIn" => {
                if values.is_empty() {
                    errs.push(FieldError::required(
                        p.child("values"),
                        "must be specified when `operator` is 'In' or 'NotIn'",
                    ));
                }
            }
            "Exists" | "DoesNotExist" => {
                if !values.is_empty() {
                    errs.push(FieldError::forbidden(
                        p.child("values"),
                        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                    ));
                }
            }
            _ => errs.push(
                FieldError::invalid(
                    p.child("operator"),
                    operator,
                    "not a valid selector operator",
                )
                .named_string(),
            ),
        }
        errs.extend(validate_requirement_key_and_values(
            expr,
            allow_invalid_value,
            &p,
            ctx,
        ));
    }
    errs
}

/// `ValidateMatchLabelKeysAndMismatchLabelKeys`.
pub fn validate_match_label_keys_and_mismatch_label_keys(
    path: &Path,
    match_label_keys: &[&str],
    mismatch_label_keys: &[&str],
    selector: Option<&Value>,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    errs.extend(validate_label_keys(
        &path.child("matchLabelKeys"),
        match_label_keys,
        selector,
        ctx,
    ));
    errs.extend(validate_label_keys(
        &path.child("mismatchLabelKeys"),
        mismatch_label_keys,
        selector,
        ctx,
    ));
    if let Some(selector) = selector {
        // Go keeps the LAST index of a repeated key.
        let index_of = |key: &str| match_label_keys.iter().rposition(|k| *k == key);
        let mut selector_keys: Vec<&str> = string_map(obj(selector, "matchLabels"))
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        for expr in arr(selector, "matchExpressions") {
            let key = str_of(expr, "key");
            if let Some(i) = index_of(key) {
                if selector_keys.contains(&key) {
                    // Note: Go indexes the term path itself here, not matchLabelKeys.
                    errs.push(FieldError::invalid(
                        path.index(i),
                        key,
                        "exists in both matchLabelKeys and labelSelector",
                    ));
                }
            }
            selector_keys.push(key);
        }
    }
    for (i, k) in match_label_keys.iter().enumerate() {
        if mismatch_label_keys.contains(k) {
            errs.push(FieldError::invalid(
                path.child("matchLabelKeys").index(i),
                *k,
                "exists in both matchLabelKeys and mismatchLabelKeys",
            ));
        }
    }
    errs
}

/// `ValidateMatchLabelKeysInTopologySpread`.
pub fn validate_match_label_keys_in_topology_spread(
    path: &Path,
    match_label_keys: &[&str],
    selector: Option<&Value>,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if match_label_keys.is_empty() {
        return errs;
    }
    let mut selector_keys: Vec<&str> = Vec::new();
    match selector {
        Some(selector) => {
            selector_keys.extend(
                string_map(obj(selector, "matchLabels"))
                    .into_iter()
                    .map(|(k, _)| k),
            );
            selector_keys.extend(
                arr(selector, "matchExpressions")
                    .iter()
                    .map(|e| str_of(e, "key")),
            );
        }
        None => errs.push(FieldError::forbidden(
            path,
            "must not be specified when labelSelector is not set",
        )),
    }
    for (i, key) in match_label_keys.iter().enumerate() {
        errs.extend(validate_label_name(key, &path.index(i), ctx));
        if selector_keys.contains(key) {
            errs.push(FieldError::invalid(
                path.index(i),
                *key,
                "exists in both matchLabelKeys and labelSelector",
            ));
        }
    }
    errs
}

fn validate_label_keys(
    path: &Path,
    keys: &[&str],
    selector: Option<&Value>,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    if keys.is_empty() {
        return Vec::new();
    }
    if selector.is_none() {
        return vec![FieldError::forbidden(
            path,
            "must not be specified when labelSelector is not set",
        )];
    }
    let mut errs = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        errs.extend(validate_label_name(key, &path.index(i), ctx));
    }
    errs
}

pub(crate) fn strings(values: &[Value]) -> Vec<&str> {
    values.iter().map(|v| v.as_str().unwrap_or("")).collect()
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
    fn node_affinity_messages() {
        let opts = ctx().opts();
        let affinity = json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
            {"matchExpressions": [
                {"key": "a", "operator": "In"},
                {"key": "b", "operator": "Exists", "values": ["x"]},
                {"key": "c", "operator": "Gt", "values": ["1", "2"]},
                {"key": "d", "operator": "Foo"}
            ]}
        ]}}});
        let got: Vec<String> =
            validate_affinity(Some(&affinity), &opts, &Path::new("spec.affinity"), &ctx())
                .iter()
                .map(|e| e.render())
                .collect();
        let base = "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions";
        assert_eq!(
            got,
            vec![
                format!("{base}[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"),
                format!("{base}[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
                format!("{base}[2].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"),
                format!("{base}[3].operator: Invalid value: \"Foo\": not a valid selector operator"),
            ]
        );
        let empty = json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": []}}});
        let got = validate_affinity(Some(&empty), &opts, &Path::new("spec.affinity"), &ctx());
        assert_eq!(
            got[0].render(),
            "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term"
        );
    }

    #[test]
    fn pod_anti_affinity_topology_key_required() {
        let affinity = json!({"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
            {"labelSelector": {"matchLabels": {"app": "x"}}, "topologyKey": ""}
        ]}});
        let got: Vec<String> = validate_affinity(
            Some(&affinity),
            &ctx().opts(),
            &Path::new("spec.affinity"),
            &ctx(),
        )
        .iter()
        .map(|e| e.render())
        .collect();
        assert_eq!(got[0], "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty");
        assert_eq!(got.len(), 3, "{got:?}");
    }
}
