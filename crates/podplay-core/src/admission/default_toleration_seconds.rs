//! DefaultTolerationSeconds admission
//! (plugin/pkg/admission/defaulttolerationseconds/admission.go).

use super::AdmissionSettings;
use crate::changes::{by, Changes};
use crate::pod_json::{child_arr, spec_mut};
use crate::tolerations::Toleration;
use serde_json::{json, Value};

pub const NAME: &str = "DefaultTolerationSeconds";
const SRC: &str = "plugin/pkg/admission/defaulttolerationseconds/admission.go";
const NOT_READY: &str = "node.kubernetes.io/not-ready";
const UNREACHABLE: &str = "node.kubernetes.io/unreachable";

/// Whether some toleration already covers `key:NoExecute` by this plugin's test: key equal or
/// empty, effect NoExecute or empty (operator and value are not looked at).
fn already_tolerates(tolerations: &[Toleration], key: &str) -> bool {
    tolerations.iter().any(|t| {
        (t.key == key || t.key.is_empty()) && (t.effect == "NoExecute" || t.effect.is_empty())
    })
}

/// Appends the not-ready and unreachable NoExecute tolerations the pod lacks.
pub fn admit(pod: &mut Value, settings: &AdmissionSettings, changes: &mut Changes) {
    let Some(spec) = spec_mut(pod) else { return };
    let existing: Vec<Toleration> = spec
        .get("tolerations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(Toleration::from_json)
        .collect();
    let missing: Vec<(&str, i64, &str)> = [
        (
            NOT_READY,
            settings.not_ready_toleration_seconds,
            "--default-not-ready-toleration-seconds",
        ),
        (
            UNREACHABLE,
            settings.unreachable_toleration_seconds,
            "--default-unreachable-toleration-seconds",
        ),
    ]
    .into_iter()
    .filter(|(key, _, _)| !already_tolerates(&existing, key))
    .collect();
    if missing.is_empty() {
        return;
    }
    let Some(list) = child_arr(spec, "tolerations") else {
        return;
    };
    for (key, seconds, flag) in missing {
        let t = json!({"key": key, "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": seconds});
        list.push(t.clone());
        changes.add(
            format!("spec.tolerations[{}]", list.len() - 1),
            t,
            by::admission(NAME),
            "admission.defaultTolerationSeconds",
            format!("if the node becomes {}, the pod stays bound for {seconds} seconds before it is evicted ({flag})",
                if key == NOT_READY { "not ready" } else { "unreachable" }),
            Some(SRC),
        );
    }
}
