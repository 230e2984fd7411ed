//! AlwaysPullImages admission (plugin/pkg/admission/alwayspullimages/admission.go,
//! spec §B.9). Off by default in kube-apiserver.

use super::forbidden;
use super::AdmissionError;
use crate::changes::{by, Changes};
use crate::pod_json::{spec_mut, str_of, CONTAINER_KINDS};
use serde_json::{json, Value};

pub const NAME: &str = "AlwaysPullImages";
const SRC: &str = "plugin/pkg/admission/alwayspullimages/admission.go";

/// Sets `imagePullPolicy: Always` on every container and `pullPolicy: Always` on image volumes.
pub fn admit(pod: &mut Value, changes: &mut Changes) {
    let Some(spec) = spec_mut(pod) else { return };
    let why = "AlwaysPullImages is enabled: every image is pulled again, so only pods with the pull credentials can use it";
    for (list, _) in CONTAINER_KINDS {
        let Some(containers) = spec.get_mut(*list).and_then(Value::as_array_mut) else {
            continue;
        };
        for (i, c) in containers.iter_mut().enumerate() {
            let Some(c) = c.as_object_mut() else { continue };
            if c.get("imagePullPolicy").and_then(Value::as_str) != Some("Always") {
                changes.add(
                    format!("spec.{list}[{i}].imagePullPolicy"),
                    json!("Always"),
                    by::admission(NAME),
                    "admission.alwaysPullImages",
                    why,
                    Some(SRC),
                );
            }
            c.insert("imagePullPolicy".into(), json!("Always"));
        }
    }
    let Some(vols) = spec.get_mut("volumes").and_then(Value::as_array_mut) else {
        return;
    };
    for (i, v) in vols.iter_mut().enumerate() {
        let Some(img) = v.get_mut("image").and_then(Value::as_object_mut) else {
            continue;
        };
        if img.get("pullPolicy").and_then(Value::as_str) != Some("Always") {
            changes.add(
                format!("spec.volumes[{i}].image.pullPolicy"),
                json!("Always"),
                by::admission(NAME),
                "admission.alwaysPullImages",
                why,
                Some(SRC),
            );
        }
        img.insert("pullPolicy".into(), json!("Always"));
    }
}

/// Rejects any pull policy other than Always (one Forbidden per field, aggregated).
pub fn validate(pod: &Value) -> Result<(), AdmissionError> {
    let mut errors = Vec::new();
    let spec = pod.get("spec");
    for (list, _) in CONTAINER_KINDS {
        for (i, c) in spec
            .and_then(|s| s.get(*list))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let policy = str_of(c, "imagePullPolicy");
            if policy != "Always" {
                errors.push(forbidden(NAME, pod, &format!("spec.{list}[{i}].imagePullPolicy"), format!(
                    "spec.{list}[{i}].imagePullPolicy: Unsupported value: \"{policy}\": supported values: \"Always\"")));
            }
        }
    }
    for (i, v) in spec
        .and_then(|s| s.get("volumes"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        if let Some(img) = v.get("image").filter(|x| x.is_object()) {
            let policy = str_of(img, "pullPolicy");
            if policy != "Always" {
                errors.push(forbidden(NAME, pod, &format!("spec.volumes[{i}].image.pullPolicy"), format!(
                    "spec.volumes[{i}].image.pullPolicy: Unsupported value: \"{policy}\": supported values: \"Always\"")));
            }
        }
    }
    match errors.len() {
        0 => Ok(()),
        1 => Err(errors.remove(0)),
        _ => Err(AdmissionError {
            plugin: NAME.to_string(),
            message: format!(
                "[{}]",
                errors
                    .iter()
                    .map(|e| e.message.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            status_code: 500,
            field: errors[0].field.clone(),
        }),
    }
}
