//! LimitRanger admission (plugin/pkg/admission/limitranger/admission.go, spec §B.3).
//! Acts only when the namespace has LimitRange objects.

use super::Ctx;
use crate::admit::podjson::{child_obj, spec_mut};
use crate::admit::AdmissionError;
use crate::changes::{by, Changes};
use serde_json::{json, Map, Value};

pub const NAME: &str = "LimitRanger";
const SRC: &str = "plugin/pkg/admission/limitranger/admission.go";
const ANNOTATION: &str = "kubernetes.io/limit-ranger";

/// `SetDefaults_LimitRangeItem` for a Container item: default ← max, defaultRequest ←
/// default, then defaultRequest ← min (only for missing keys).
fn defaulted_item(item: &Value) -> (Map<String, Value>, Map<String, Value>) {
    let get = |k: &str| {
        item.get(k)
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let (max, min) = (get("max"), get("min"));
    let mut default = get("default");
    let mut default_request = get("defaultRequest");
    for (k, v) in &max {
        default.entry(k.clone()).or_insert_with(|| v.clone());
    }
    for (k, v) in &default {
        default_request
            .entry(k.clone())
            .or_insert_with(|| v.clone());
    }
    for (k, v) in &min {
        default_request
            .entry(k.clone())
            .or_insert_with(|| v.clone());
    }
    (default_request, default)
}

/// `defaultContainerResourceRequirements`: requests and limits from every Container item.
fn container_defaults(limit_range: &Value) -> (Map<String, Value>, Map<String, Value>) {
    let mut requests = Map::new();
    let mut limits = Map::new();
    let items = limit_range
        .get("spec")
        .and_then(|s| s.get("limits"))
        .and_then(Value::as_array);
    for item in items.into_iter().flatten() {
        if item.get("type").and_then(Value::as_str) != Some("Container") {
            continue;
        }
        let (req, lim) = defaulted_item(item);
        requests.extend(req);
        limits.extend(lim);
    }
    (requests, limits)
}

/// Admit: fill missing container requests/limits from each LimitRange, then annotate.
pub fn admit(pod: &mut Value, ctx: &mut Ctx, changes: &mut Changes) -> Result<(), AdmissionError> {
    let ranges: Vec<Value> = ctx
        .cluster
        .limit_ranges(ctx.namespace)
        .into_iter()
        .cloned()
        .collect();
    for lr in &ranges {
        let (def_req, def_lim) = container_defaults(lr);
        let mut notes: Vec<String> = Vec::new();
        let Some(spec) = spec_mut(pod) else {
            return Ok(());
        };
        for (list, kind) in [
            ("containers", "container"),
            ("initContainers", "init container"),
        ] {
            let Some(containers) = spec.get_mut(list).and_then(Value::as_array_mut) else {
                continue;
            };
            for (i, c) in containers.iter_mut().enumerate() {
                let Some(c) = c.as_object_mut() else { continue };
                let cname = c
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let Some(res) = child_obj(c, "resources") else {
                    continue;
                };
                let set_lim = fill(
                    res,
                    "limits",
                    &def_lim,
                    &format!("spec.{list}[{i}].resources.limits"),
                    changes,
                );
                let set_req = fill(
                    res,
                    "requests",
                    &def_req,
                    &format!("spec.{list}[{i}].resources.requests"),
                    changes,
                );
                if !set_req.is_empty() {
                    notes.push(format!("{} request for {kind} {cname}", set_req.join(", ")));
                }
                if !set_lim.is_empty() {
                    notes.push(format!("{} limit for {kind} {cname}", set_lim.join(", ")));
                }
            }
        }
        if !notes.is_empty() {
            let value = format!("LimitRanger plugin set: {}", notes.join("; "));
            let Some(meta) = pod.as_object_mut().and_then(|p| child_obj(p, "metadata")) else {
                return Ok(());
            };
            let Some(ann) = child_obj(meta, "annotations") else {
                return Ok(());
            };
            ann.insert(ANNOTATION.into(), json!(value));
            changes.add(
                format!("metadata.annotations[{ANNOTATION}]"),
                json!(value),
                by::admission(NAME),
                "admission.limitRanger.annotation",
                "records which defaults the LimitRange filled in",
                Some(SRC),
            );
        }
    }
    Ok(())
}

/// Copies missing keys of `defaults` into `res[list]`; returns the sorted names it set.
fn fill(
    res: &mut Map<String, Value>,
    list: &str,
    defaults: &Map<String, Value>,
    path: &str,
    changes: &mut Changes,
) -> Vec<String> {
    if defaults.is_empty() {
        return Vec::new();
    }
    let Some(target) = child_obj(res, list) else {
        return Vec::new();
    };
    let mut set = Vec::new();
    for (k, v) in defaults {
        if !target.contains_key(k) {
            target.insert(k.clone(), v.clone());
            set.push(k.clone());
            changes.add(
                format!("{path}[{k}]"),
                v.clone(),
                by::admission(NAME),
                "admission.limitRanger.default",
                format!(
                    "the namespace's LimitRange gives containers a default {k} {}",
                    if list == "limits" { "limit" } else { "request" }
                ),
                Some(SRC),
            );
        }
    }
    if target.is_empty() {
        res.remove(list);
    }
    set.sort();
    set
}

/// Validate: min / max / maxLimitRequestRatio.
/// TODO: needs quantity comparison from crate::quantity; not enforced yet.
pub fn validate(_pod: &Value, _ctx: &Ctx) -> Result<(), AdmissionError> {
    Ok(())
}
