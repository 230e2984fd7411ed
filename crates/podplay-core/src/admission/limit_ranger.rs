//! LimitRanger admission (plugin/pkg/admission/limitranger/admission.go).
//! Acts only when the namespace has LimitRange objects.

use super::AdmissionError;
use super::Ctx;
use crate::changes::{by, Changes};
use crate::containers::{for_each_container_mut, spec_containers, ContainerKind};
use crate::pod_json::Pointer;
use crate::pod_json::{child_obj, quantity_text, spec_mut};
use crate::resources::{aggregate_container_resources, find, resource_list, ResourceList};
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
        for_each_container_mut(spec, ContainerKind::REGULAR_THEN_INIT, |kind, i, c| {
            let list = kind.field();
            let cname = c
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let Some(res) = child_obj(c, "resources") else {
                return;
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
            let noun = kind.noun();
            if !set_req.is_empty() {
                notes.push(format!("{} request for {noun} {cname}", set_req.join(", ")));
            }
            if !set_lim.is_empty() {
                notes.push(format!("{} limit for {noun} {cname}", set_lim.join(", ")));
            }
        });
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
    crate::small_sort::sort_by(&mut set, |a, b| a < b);
    set
}

/// Validate (`PodValidateLimitFunc`): min / max / maxLimitRequestRatio per Container and
/// per Pod; the first LimitRange with violations rejects, listing all of them. The errors
/// concern the containers' resources.
const FIELD: &str = "spec.containers";

pub fn validate(pod: &Value, ctx: &Ctx) -> Result<(), AdmissionError> {
    for lr in ctx.cluster.limit_ranges(ctx.namespace) {
        let errs = validate_one(lr, pod, ctx);
        match errs.len() {
            0 => {}
            1 => return Err(super::forbidden(NAME, pod, FIELD, &errs[0])),
            _ => {
                return Err(super::forbidden(
                    NAME,
                    pod,
                    FIELD,
                    format!("[{}]", errs.join(", ")),
                ))
            }
        }
    }
    Ok(())
}

type List = ResourceList;

fn list_of(obj: Option<&Value>) -> List {
    let mut out = resource_list(obj);
    crate::small_sort::sort_by(&mut out, |a, b| a.0 < b.0); // Go map order is random; sorted is stable
    out
}

/// `MilliValue()` of the quantity named `k`, if the list has it.
fn get(list: &List, k: &str) -> Option<i64> {
    find(list, k).map(|q| q.milli_value())
}

/// `Quantity.String()` of a value as written.
fn show(obj: Option<&Value>, k: &str) -> String {
    let text = obj
        .and_then(|o| o.get(k))
        .and_then(quantity_text)
        .unwrap_or_default();
    crate::defaulting::round_up_milli(&text).unwrap_or(text)
}

fn validate_one(lr: &Value, pod: &Value, ctx: &Ctx) -> Vec<String> {
    let mut errs = Vec::new();
    let items = lr
        .get("spec")
        .and_then(|s| s.get("limits"))
        .and_then(Value::as_array);
    for item in items.into_iter().flatten() {
        let kind = item.get("type").and_then(Value::as_str).unwrap_or("");
        let (min, max, ratio) = (
            item.get("min"),
            item.get("max"),
            item.get("maxLimitRequestRatio"),
        );
        let mut check = |req: &List,
                         lim: &List,
                         req_raw: Option<&Value>,
                         lim_raw: Option<&Value>| {
            for (k, e) in list_of(min) {
                let enforced = show(min, &k);
                match get(req, &k) {
                    None => errs.push(format!(
                        "minimum {k} usage per {kind} is {enforced}.  No request is specified"
                    )),
                    Some(r) if r < e.milli_value() => errs.push(format!(
                        "minimum {k} usage per {kind} is {enforced}, but request is {}",
                        show(req_raw, &k)
                    )),
                    _ => match get(lim, &k) {
                        Some(l) if l < e.milli_value() => errs.push(format!(
                            "minimum {k} usage per {kind} is {enforced}, but limit is {}",
                            show(lim_raw, &k)
                        )),
                        _ => {}
                    },
                }
            }
            for (k, e) in list_of(max) {
                let enforced = show(max, &k);
                match get(lim, &k) {
                    None => errs.push(format!(
                        "maximum {k} usage per {kind} is {enforced}.  No limit is specified"
                    )),
                    Some(l) if l > e.milli_value() => errs.push(format!(
                        "maximum {k} usage per {kind} is {enforced}, but limit is {}",
                        show(lim_raw, &k)
                    )),
                    _ => match get(req, &k) {
                        Some(r) if r > e.milli_value() => errs.push(format!(
                            "maximum {k} usage per {kind} is {enforced}, but request is {}",
                            show(req_raw, &k)
                        )),
                        _ => {}
                    },
                }
            }
            for (k, e) in list_of(ratio) {
                let enforced = show(ratio, &k);
                let r = get(req, &k).unwrap_or(0);
                let l = get(lim, &k).unwrap_or(0);
                if r == 0 {
                    errs.push(format!("{k} max limit to request ratio per {kind} is {enforced}, but no request is specified or request is 0"));
                } else if l == 0 {
                    errs.push(format!("{k} max limit to request ratio per {kind} is {enforced}, but no limit is specified or limit is 0"));
                } else {
                    let observed = l as f64 / r as f64;
                    if observed * 1000.0 > e.milli_value() as f64 {
                        errs.push(format!("{k} max limit to request ratio per {kind} is {enforced}, but provided ratio is {}", crate::fixed_point::fixed(observed, 6)));
                    }
                }
            }
        };
        let spec = pod.get("spec");
        match kind {
            "Container" => {
                let spec = spec.unwrap_or(&Value::Null);
                for c in spec_containers(spec, ContainerKind::REGULAR_THEN_INIT) {
                    let (rr, lr_) = (
                        c.value.at("/resources/requests"),
                        c.value.at("/resources/limits"),
                    );
                    check(&list_of(rr), &list_of(lr_), rr, lr_);
                }
            }
            "Pod" => {
                let spec_v = spec.cloned().unwrap_or(Value::Null);
                let mut req = aggregate_container_resources(&spec_v, "requests");
                let mut lim = aggregate_container_resources(&spec_v, "limits");
                if ctx.version.gate("PodLevelResources") {
                    override_pod_level(&mut req, spec_v.at("/resources/requests"));
                    override_pod_level(&mut lim, spec_v.at("/resources/limits"));
                }
                let as_json = |l: &List| {
                    Value::Object(
                        l.iter()
                            .map(|(k, q)| (k.clone(), json!(q.canonical())))
                            .collect(),
                    )
                };
                let (rj, lj) = (as_json(&req), as_json(&lim));
                check(&req, &lim, Some(&rj), Some(&lj));
            }
            _ => {}
        }
    }
    errs
}

/// Pod-level values replace the container totals for cpu, memory and hugepages.
fn override_pod_level(list: &mut List, pod_level: Option<&Value>) {
    for (k, q) in list_of(pod_level) {
        if k == "cpu" || k == "memory" || k.starts_with("hugepages-") {
            list.retain(|(n, _)| *n != k);
            list.push((k, q));
        }
    }
}
