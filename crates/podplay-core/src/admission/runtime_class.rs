//! RuntimeClass admission (plugin/pkg/admission/runtimeclass/admission.go):
//! pod overhead from the class, the class's nodeSelector and tolerations merged in.

use super::AdmissionError;
use super::{forbidden, Ctx};
use crate::changes::{by, Changes};
use crate::pod_json::{quantity_text, spec_mut, str_of};
use crate::quantity::Quantity;
use crate::tolerations::merge_tolerations_explained;
use serde_json::{json, Map, Value};

pub const NAME: &str = "RuntimeClass";
const SRC: &str = "plugin/pkg/admission/runtimeclass/admission.go";
const SRC_MERGE: &str = "pkg/util/tolerations/tolerations.go";
/// The rule id of a toleration MergeTolerations dropped (the change's value is that toleration).
pub const RULE_DROPPED: &str = "admission.runtimeClass.tolerations.dropped";
const ERR_OVERHEAD_MISMATCH: &str =
    "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead";
const ERR_OVERHEAD_WITHOUT_RC: &str =
    "pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead";

/// `prepareObjects`: the pod's RuntimeClass (None when runtimeClassName is not set).
fn runtime_class(pod: &Value, ctx: &Ctx) -> Result<Option<Value>, AdmissionError> {
    let Some(name) = pod
        .get("spec")
        .and_then(|s| s.get("runtimeClassName"))
        .filter(|n| !n.is_null())
    else {
        return Ok(None);
    };
    let name = name.as_str().unwrap_or("");
    if name.is_empty() {
        // The live GET of an empty name fails on the client side (not a Forbidden).
        return Err(AdmissionError {
            plugin: NAME.to_string(),
            message: "resource name may not be empty".to_string(),
            status_code: 500,
            field: "spec.runtimeClassName".to_string(),
        });
    }
    match ctx.cluster.runtime_class(name) {
        Some(rc) => Ok(Some(rc.clone())),
        None => Err(forbidden(
            NAME,
            pod,
            "spec.runtimeClassName",
            format!(
                "pod rejected: RuntimeClass {} not found",
                crate::go::strconv::quote(name)
            ),
        )),
    }
}

/// A resource list for semantic comparison (`Semantic.DeepEqual` compares quantities with
/// `Quantity.Cmp`, so `1` equals `1000m` and `1Ki` equals `1024`).
fn semantic_list(list: &Map<String, Value>) -> Vec<(String, Option<Quantity>)> {
    let mut out: Vec<(String, Option<Quantity>)> = list
        .iter()
        .map(|(k, v)| {
            let q = quantity_text(v).and_then(|t| Quantity::parse(&t).ok());
            (k.clone(), q)
        })
        .collect();
    crate::small_sort::sort_by(&mut out, |a, b| a.0 < b.0);
    out
}

/// The class's quantity as written out: RuntimeClass has no defaulting, so it is not
/// rounded to milli precision the way the pod's own lists are.
fn canonical_text(v: &Value) -> Value {
    let text = quantity_text(v).unwrap_or_default();
    match Quantity::parse(&text) {
        Ok(q) => json!(q.canonical()),
        Err(_) => json!(text),
    }
}

/// The class's `overhead.podFixed` as written out (canonical quantities); None when the
/// class has no overhead. `Some(None)` = overhead present but no podFixed.
fn pod_fixed(rc: &Value) -> Option<Option<Map<String, Value>>> {
    let overhead = rc.get("overhead").filter(|o| !o.is_null())?;
    Some(
        overhead
            .get("podFixed")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), canonical_text(v)))
                    .collect()
            }),
    )
}

/// Admit on create: setOverhead, then setScheduling.
pub fn admit(pod: &mut Value, ctx: &mut Ctx, changes: &mut Changes) -> Result<(), AdmissionError> {
    let Some(rc) = runtime_class(pod, ctx)? else {
        return Ok(());
    };
    let rc_name = rc
        .get("metadata")
        .map_or("", |m| str_of(m, "name"))
        .to_string();
    set_overhead(pod, &rc, &rc_name, changes)?;
    set_scheduling(pod, &rc, &rc_name, changes)
}

fn set_overhead(
    pod: &mut Value,
    rc: &Value,
    rc_name: &str,
    changes: &mut Changes,
) -> Result<(), AdmissionError> {
    let Some(fixed) = pod_fixed(rc) else {
        return Ok(());
    };
    let pod_overhead = pod
        .get("spec")
        .and_then(|s| s.get("overhead"))
        .and_then(Value::as_object)
        .cloned();
    if let Some(po) = pod_overhead.as_ref().filter(|po| !po.is_empty()) {
        let same = fixed
            .as_ref()
            .is_some_and(|f| semantic_list(f) == semantic_list(po));
        if !same {
            return Err(forbidden(NAME, pod, "spec.overhead", ERR_OVERHEAD_MISMATCH));
        }
    }
    let Some(spec) = spec_mut(pod) else {
        return Ok(());
    };
    match fixed {
        Some(f) => {
            let value = Value::Object(f);
            // An explicit `overhead: {}` is replaced too (Go checks len(), not nil).
            if pod_overhead.as_ref().is_none_or(Map::is_empty) {
                changes.add("spec.overhead", value.clone(), by::admission(NAME), "admission.runtimeClass.overhead",
                    format!("RuntimeClass {rc_name} declares a fixed per-pod overhead; it is added to the pod's resource accounting"),
                    Some(SRC));
            }
            spec.insert("overhead".into(), value);
        }
        None => {
            spec.remove("overhead");
        }
    }
    Ok(())
}

fn set_scheduling(
    pod: &mut Value,
    rc: &Value,
    rc_name: &str,
    changes: &mut Changes,
) -> Result<(), AdmissionError> {
    let Some(scheduling) = rc.get("scheduling").filter(|s| s.is_object()) else {
        return Ok(());
    };
    let rc_selector = scheduling
        .get("nodeSelector")
        .and_then(Value::as_object)
        .cloned();
    let pod_selector = pod
        .get("spec")
        .and_then(|s| s.get("nodeSelector"))
        .and_then(Value::as_object)
        .cloned();

    // Go iterates the class's map in random order; sorted keys make the reported conflict stable.
    let mut rc_keys: Vec<(String, Value)> = rc_selector
        .clone()
        .unwrap_or_default()
        .into_iter()
        .collect();
    crate::small_sort::sort_by(&mut rc_keys, |a, b| a.0 < b.0);
    let new_selector = match pod_selector {
        None => rc_selector.inspect(|_| {
            for (k, v) in &rc_keys {
                changes.add(
                    format!("spec.nodeSelector[{k}]"),
                    v.clone(),
                    by::admission(NAME),
                    "admission.runtimeClass.nodeSelector",
                    format!(
                        "RuntimeClass {rc_name} only runs on nodes labelled {k}={}",
                        v.as_str().unwrap_or("")
                    ),
                    Some(SRC),
                );
            }
        }),
        Some(mut sel) => {
            for (k, rv) in &rc_keys {
                match sel.get(k) {
                    Some(pv) if pv != rv => {
                        let show = |v: &Value| {
                            v.as_str()
                                .map_or_else(|| crate::go::json::compact(v), str::to_string)
                        };
                        return Err(forbidden(NAME, pod, &format!("spec.nodeSelector[{k}]"), format!(
                            "conflict: runtimeClass.scheduling.nodeSelector[{k}] = {}; pod.spec.nodeSelector[{k}] = {}",
                            show(rv), show(pv))));
                    }
                    Some(_) => {}
                    None => {
                        changes.add(
                            format!("spec.nodeSelector[{k}]"),
                            rv.clone(),
                            by::admission(NAME),
                            "admission.runtimeClass.nodeSelector",
                            format!(
                                "RuntimeClass {rc_name} only runs on nodes labelled {k}={}",
                                rv.as_str().unwrap_or("")
                            ),
                            Some(SRC),
                        );
                        sel.insert(k.clone(), rv.clone());
                    }
                }
            }
            Some(sel)
        }
    };

    let empty = Vec::new();
    let pod_tols = pod
        .get("spec")
        .and_then(|s| s.get("tolerations"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let rc_tols = scheduling
        .get("tolerations")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let (merged, dropped) = merge_tolerations_explained(&pod_tols, rc_tols);
    if merged != pod_tols {
        changes.add("spec.tolerations", Value::Array(merged.clone()), by::admission(NAME),
            "admission.runtimeClass.tolerations",
            format!("RuntimeClass {rc_name}'s tolerations are merged in; a toleration covered by a broader one is dropped"),
            Some(SRC));
    }
    // Each toleration MergeTolerations left out is recorded with the one that covers it
    // (the scheduling view shows them; rule admission.runtimeClass.tolerations.dropped).
    for d in &dropped {
        let from = if d.index < pod_tols.len() {
            "the pod's"
        } else {
            "the RuntimeClass's"
        };
        let why = if d.covered_by_later {
            format!("{from} toleration {} is dropped: the broader {} tolerates every taint it tolerates", compact(&d.toleration), compact(&d.covered_by))
        } else if d.toleration == d.covered_by {
            format!(
                "{from} toleration {} is dropped: an identical toleration is already in the list",
                compact(&d.toleration)
            )
        } else {
            format!("{from} toleration {} is dropped: {}, already in the list, tolerates every taint it tolerates", compact(&d.toleration), compact(&d.covered_by))
        };
        changes.add(
            "spec.tolerations",
            d.toleration.clone(),
            by::admission(NAME),
            RULE_DROPPED,
            why,
            Some(SRC_MERGE),
        );
    }
    let Some(spec) = spec_mut(pod) else {
        return Ok(());
    };
    match new_selector {
        Some(sel) => spec.insert("nodeSelector".into(), Value::Object(sel)),
        None => spec.remove("nodeSelector"),
    };
    if merged.is_empty() {
        spec.remove("tolerations");
    } else {
        spec.insert("tolerations".into(), Value::Array(merged));
    }
    Ok(())
}

/// Validate on create: the pod's overhead must match the class's (or be unset without one).
pub fn validate(pod: &Value, ctx: &Ctx) -> Result<(), AdmissionError> {
    let rc = runtime_class(pod, ctx)?;
    let pod_overhead = pod
        .get("spec")
        .and_then(|s| s.get("overhead"))
        .filter(|o| !o.is_null());
    match rc.as_ref().and_then(pod_fixed) {
        Some(fixed) => {
            let want = fixed.map(|f| semantic_list(&f)).unwrap_or_default();
            let have = pod_overhead
                .and_then(Value::as_object)
                .map(semantic_list)
                .unwrap_or_default();
            let nil_vs_empty = fixed_is_nil_mismatch(&rc, pod_overhead);
            if want != have || nil_vs_empty {
                return Err(forbidden(NAME, pod, "spec.overhead", ERR_OVERHEAD_MISMATCH));
            }
        }
        None => {
            if pod_overhead.is_some() {
                return Err(forbidden(
                    NAME,
                    pod,
                    "spec.overhead",
                    ERR_OVERHEAD_WITHOUT_RC,
                ));
            }
        }
    }
    Ok(())
}

/// `Semantic.DeepEqual` tells a nil map from an empty one.
fn fixed_is_nil_mismatch(rc: &Option<Value>, pod_overhead: Option<&Value>) -> bool {
    let fixed_nil = rc
        .as_ref()
        .and_then(|r| r.get("overhead"))
        .and_then(|o| o.get("podFixed"))
        .is_none_or(Value::is_null);
    fixed_nil != pod_overhead.is_none()
}

/// A toleration as one line of JSON with Go's field order (`{key, operator, value, effect, tolerationSeconds}`).
fn compact(t: &Value) -> String {
    let mut out = Map::new();
    for k in ["key", "operator", "value", "effect", "tolerationSeconds"] {
        if let Some(v) = t.get(k) {
            out.insert(k.into(), v.clone());
        }
    }
    crate::go::json::compact(&Value::Object(out))
}
