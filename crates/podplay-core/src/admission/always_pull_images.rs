//! AlwaysPullImages admission (plugin/pkg/admission/alwayspullimages/admission.go,
//! plugin/pkg/admission/alwayspullimages). Off by default in kube-apiserver.

use super::forbidden;
use super::AdmissionError;
use crate::changes::{by, Changes};
use crate::containers::{for_each_container_mut, pod_containers, ContainerKind};
use crate::field::FieldError;
use crate::pod_json::{spec_mut, str_of};
use crate::versions::Version;
use serde_json::{json, Value};

pub const NAME: &str = "AlwaysPullImages";
const SRC: &str = "plugin/pkg/admission/alwayspullimages/admission.go";

/// Sets `imagePullPolicy: Always` on every container and `pullPolicy: Always` on image volumes.
pub fn admit(pod: &mut Value, changes: &mut Changes) {
    let Some(spec) = spec_mut(pod) else { return };
    let why = "AlwaysPullImages is enabled: every image is pulled again, so only pods with the pull credentials can use it";
    for_each_container_mut(spec, ContainerKind::ALL, |kind, i, c| {
        if c.get("imagePullPolicy").and_then(Value::as_str) != Some("Always") {
            changes.add(
                format!("spec.{}[{i}].imagePullPolicy", kind.field()),
                json!("Always"),
                by::admission(NAME),
                "admission.alwaysPullImages",
                why,
                Some(SRC),
            );
        }
        c.insert("imagePullPolicy".into(), json!("Always"));
    });
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

/// Rejects any pull policy other than Always (one Forbidden per field, aggregated). The
/// value is a `core.PullPolicy`, printed as `version`'s field errors print named strings.
pub fn validate(pod: &Value, version: &Version) -> Result<(), AdmissionError> {
    let mut errors = Vec::new();
    let spec = pod.get("spec");
    for c in pod_containers(pod) {
        let policy = str_of(c.value, "imagePullPolicy");
        if policy != "Always" {
            let mut error = FieldError::not_supported(
                format!("{}.imagePullPolicy", c.path()),
                policy,
                &["Always"],
            );
            error.print_for_release(version);
            errors.push(forbidden(
                NAME,
                pod,
                &error.field.clone(),
                error.to_string(),
            ));
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
                let mut error = FieldError::not_supported(
                    format!("spec.volumes[{i}].image.pullPolicy"),
                    policy,
                    &["Always"],
                );
                error.print_for_release(version);
                errors.push(forbidden(
                    NAME,
                    pod,
                    &error.field.clone(),
                    error.to_string(),
                ));
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
