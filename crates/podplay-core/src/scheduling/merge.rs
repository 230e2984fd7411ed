//! What RuntimeClass admission did to the pod's scheduling fields, as three columns per field:
//! the pod before the plugin, the RuntimeClass, and the result. Everything here is read from
//! the create pipeline's runs (admission/runtime_class.rs); nothing is merged a second time.

use crate::admission::runtime_class::{self, RULE_DROPPED};
use crate::pipeline::AdmitResult;
use crate::pod_json::Pointer;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One field in three columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Columns {
    /// The pod's own value, before RuntimeClass admission (after Priority and
    /// DefaultTolerationSeconds); null when unset.
    pub pod: Value,
    /// What the RuntimeClass declares (`scheduling.nodeSelector`, `scheduling.tolerations`,
    /// `overhead.podFixed`); null when it declares nothing.
    pub runtime_class: Value,
    /// The admitted pod's value; null when unset or when admission rejected the pod.
    pub result: Value,
    /// The pod field the RuntimeClass plugin rejected in this row (`spec.nodeSelector[disk]`,
    /// `spec.overhead`), from the plugin's own error.
    #[serde(default)]
    pub conflict: Option<String>,
}

/// A toleration the merge left out, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dropped {
    pub toleration: Value,
    pub why: String,
}

/// The merge of a RuntimeClass into the pod.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MergeReport {
    pub runtime_class_name: Option<String>,
    /// Whether a RuntimeClass of that name is in the paste.
    pub runtime_class_found: bool,
    /// The CRI handler the kubelet will ask for.
    pub handler: Option<String>,
    pub node_selector: Columns,
    pub tolerations: Columns,
    pub overhead: Columns,
    pub dropped: Vec<Dropped>,
    /// The RuntimeClass plugin's rejection (mutating or validating), exactly as the API
    /// server returns it.
    pub error: Option<String>,
}

fn field(pod: Option<&Value>, key: &str) -> Value {
    pod.and_then(|p| p.at(&format!("/spec/{key}")))
        .cloned()
        .unwrap_or(Value::Null)
}

/// `result`: the full pipeline; `before`: runs the same request with RuntimeClass admission
/// turned off (the pod as the plugin received it). None when the pod names no RuntimeClass
/// and the plugin said nothing.
pub fn report(
    pod_name_rc: Option<&str>,
    runtime_classes: &[&Value],
    result: &AdmitResult,
    before: impl FnOnce() -> AdmitResult,
) -> Option<MergeReport> {
    let rejection = result
        .admission_error
        .as_ref()
        .or(result.validating_admission_error.as_ref())
        .filter(|e| e.plugin == runtime_class::NAME);
    let error = rejection.map(|e| e.message.clone());
    if pod_name_rc.is_none() && error.is_none() {
        return None;
    }
    let rc = pod_name_rc.and_then(|name| {
        runtime_classes
            .iter()
            .find(|rc| rc.at("/metadata/name").and_then(Value::as_str) == Some(name))
            .copied()
    });
    let rc_field = |path: &str| rc.and_then(|r| r.at(path)).cloned().unwrap_or(Value::Null);
    // Only now is the second run needed (most pods name no RuntimeClass).
    let before = before();
    let pod_before = before.admitted_pod().unwrap_or(&before.scheme_defaulted);
    let admitted = result.pod.as_ref().or(result.admitted_pod());
    let columns = |key: &str, rc_path: &str| Columns {
        pod: field(Some(pod_before), key),
        runtime_class: rc_field(rc_path),
        result: field(admitted, key),
        // The field the plugin rejected, when it is this row's (`spec.<key>` or under it).
        conflict: rejection
            .map(|e| e.field.clone())
            .filter(|f| f.strip_prefix("spec.").is_some_and(|r| r.starts_with(key))),
    };
    let dropped = result
        .changes
        .iter()
        .filter(|c| c.rule == RULE_DROPPED)
        .map(|c| Dropped {
            toleration: c.value.clone(),
            why: c.why.to_string(),
        })
        .collect();
    Some(MergeReport {
        runtime_class_name: pod_name_rc.map(str::to_string),
        runtime_class_found: rc.is_some(),
        handler: rc
            .and_then(|r| r.get("handler"))
            .and_then(Value::as_str)
            .map(str::to_string),
        node_selector: columns("nodeSelector", "/scheduling/nodeSelector"),
        tolerations: columns("tolerations", "/scheduling/tolerations"),
        overhead: columns("overhead", "/overhead/podFixed"),
        dropped,
        error,
    })
}

/// A column's value as compact JSON (what the panel shows); `—` when unset.
pub fn value_text(v: &Value) -> String {
    if v.is_null() {
        "—".to_string()
    } else {
        crate::go::json::compact(v)
    }
}
