//! Priority admission (plugin/pkg/admission/priority/admission.go).

use super::AdmissionError;
use super::{forbidden, Ctx};
use crate::changes::{by, Changes};
use crate::pod_json::{spec_mut, str_of};
use serde_json::{json, Value};

pub const NAME: &str = "Priority";
const SRC: &str = "plugin/pkg/admission/priority/admission.go";
const DEFAULT_PREEMPTION: &str = "PreemptLowerPriority";

/// The class a pod ends up with.
struct Resolved {
    class_name: String,
    value: i64,
    preemption: String,
    why: String,
}

fn class_value(pc: &Value) -> i64 {
    pc.get("value").and_then(Value::as_i64).unwrap_or(0)
}

/// A stored PriorityClass always has a preemptionPolicy (its own defaulting).
fn class_preemption(pc: &Value) -> String {
    match str_of(pc, "preemptionPolicy") {
        "" => DEFAULT_PREEMPTION.to_string(),
        p => p.to_string(),
    }
}

fn establish(pod: &Value, ctx: &Ctx) -> Result<Resolved, AdmissionError> {
    let name = pod
        .get("spec")
        .map_or("", |s| str_of(s, "priorityClassName"));
    if name.is_empty() {
        // The globalDefault class with the lowest value, if any.
        let default = ctx
            .cluster
            .priority_classes()
            .into_iter()
            .filter(|pc| pc.get("globalDefault").and_then(Value::as_bool) == Some(true))
            .min_by_key(class_value);
        return Ok(match default {
            Some(pc) => {
                let class_name = pc
                    .get("metadata")
                    .map_or("", |m| str_of(m, "name"))
                    .to_string();
                Resolved {
                    why: format!("no priorityClassName: the cluster's global default class {class_name} applies"),
                    value: class_value(&pc),
                    preemption: class_preemption(&pc),
                    class_name,
                }
            }
            None => Resolved {
                class_name: String::new(),
                value: 0,
                preemption: DEFAULT_PREEMPTION.to_string(),
                why: "no priorityClassName and no global default PriorityClass: priority 0"
                    .to_string(),
            },
        });
    }
    match ctx.cluster.priority_class(name) {
        Some(pc) => Ok(Resolved {
            class_name: name.to_string(),
            value: class_value(&pc),
            preemption: class_preemption(&pc),
            why: format!("taken from PriorityClass {name}"),
        }),
        None => Err(forbidden(
            NAME,
            pod,
            "spec.priorityClassName",
            format!("no PriorityClass with name {name} was found"),
        )),
    }
}

/// Admit on create: resolve the class and set priority and preemptionPolicy.
pub fn admit(pod: &mut Value, ctx: &mut Ctx, changes: &mut Changes) -> Result<(), AdmissionError> {
    let r = establish(pod, ctx)?;
    let spec_view = pod.get("spec").unwrap_or(&Value::Null);
    if let Some(p) = spec_view.get("priority").filter(|p| !p.is_null()) {
        if p.as_i64() != Some(r.value) {
            return Err(forbidden(
                NAME,
                pod,
                "spec.priority",
                format!(
                    "the integer value of priority ({}) must not be provided in pod spec; priority admission controller computed {} from the given PriorityClass name",
                    crate::go::json::compact(p),
                    r.value
                ),
            ));
        }
    }
    let user_preemption = str_of(spec_view, "preemptionPolicy");
    let preemption_given = spec_view
        .get("preemptionPolicy")
        .is_some_and(|p| !p.is_null());
    if preemption_given && user_preemption != r.preemption {
        return Err(forbidden(
            NAME,
            pod,
            "spec.preemptionPolicy",
            format!(
                "the string value of PreemptionPolicy ({user_preemption}) must not be provided in pod spec; priority admission controller computed {} from the given PriorityClass name",
                r.preemption
            ),
        ));
    }
    // What the pod gave, read before the spec is edited.
    let class_name_given = !str_of(spec_view, "priorityClassName").is_empty();
    let priority_given = spec_view.get("priority").is_some_and(|p| !p.is_null());
    let Some(spec) = spec_mut(pod) else {
        return Ok(());
    };
    let source = Some(SRC);
    if !r.class_name.is_empty() && !class_name_given {
        spec.insert("priorityClassName".into(), json!(r.class_name));
        changes.add(
            "spec.priorityClassName",
            json!(r.class_name),
            by::admission(NAME),
            "admission.priority.globalDefault",
            r.why.clone(),
            source,
        );
    }
    if !priority_given {
        changes.add(
            "spec.priority",
            json!(r.value),
            by::admission(NAME),
            "admission.priority.value",
            r.why.clone(),
            source,
        );
    }
    spec.insert("priority".into(), json!(r.value));
    if !preemption_given {
        changes.add(
            "spec.preemptionPolicy",
            json!(r.preemption),
            by::admission(NAME),
            "admission.priority.preemptionPolicy",
            format!("{}; the pod may preempt per {}", r.why, r.preemption),
            source,
        );
    }
    spec.insert("preemptionPolicy".into(), json!(r.preemption));
    Ok(())
}
