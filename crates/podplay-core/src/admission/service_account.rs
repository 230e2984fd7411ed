//! ServiceAccount admission (plugin/pkg/admission/serviceaccount/admission.go).

use super::AdmissionError;
use super::{forbidden, Ctx};
use crate::changes::{by, Changes};
use crate::containers::{for_each_container_mut, pod_containers, spec_containers, ContainerKind};
use crate::pod_json::{annotation, child_arr, spec_mut, str_of};
use serde_json::{json, Value};

pub const NAME: &str = "ServiceAccount";
const SRC: &str = "plugin/pkg/admission/serviceaccount/admission.go";
const DEFAULT_SA: &str = "default";
const VOLUME_PREFIX: &str = "kube-api-access-";
const TOKEN_MOUNT_PATH: &str = "/var/run/secrets/kubernetes.io/serviceaccount";
const MIRROR_ANNOTATION: &str = "kubernetes.io/config.mirror";
const ENFORCE_ANNOTATION: &str = "kubernetes.io/enforce-mountable-secrets";

fn is_mirror(pod: &Value) -> bool {
    annotation(pod, MIRROR_ANNOTATION).is_some()
        || pod
            .get("metadata")
            .and_then(|m| m.get("annotations"))
            .and_then(|a| a.get(MIRROR_ANNOTATION))
            .is_some()
}

fn sa_name(pod: &Value) -> &str {
    pod.get("spec")
        .map_or("", |s| str_of(s, "serviceAccountName"))
}

/// Admit on create: default the service account, mount its token, copy its pull secrets,
/// then run Validate (the plugin's Admit ends with it).
pub fn admit(pod: &mut Value, ctx: &mut Ctx, changes: &mut Changes) -> Result<(), AdmissionError> {
    if is_mirror(pod) {
        // Mirror pods are not mutated (the kubelet would delete a changed one).
        return validate(pod, ctx);
    }
    if sa_name(pod).is_empty() {
        if let Some(spec) = spec_mut(pod) {
            spec.insert("serviceAccountName".into(), json!(DEFAULT_SA));
        }
        changes.add(
            "spec.serviceAccountName",
            json!(DEFAULT_SA),
            by::admission(NAME),
            "admission.serviceAccount.defaultName",
            "no service account named: the namespace's `default` service account is used",
            Some(SRC),
        );
    }
    let name = sa_name(pod).to_string();
    let sa = lookup(pod, ctx, &name)?;
    if should_automount(&sa, pod) {
        mount_token(pod, ctx, changes);
    }
    copy_pull_secrets(pod, &sa, changes);
    validate(pod, ctx)
}

/// The field ServiceAccount rejections concern: the account the pod names (the limits on
/// mountable secrets come from that account too).
const SA_FIELD: &str = "spec.serviceAccountName";

/// The pod's ServiceAccount, or the plugin's not-found error.
fn lookup(pod: &Value, ctx: &Ctx, name: &str) -> Result<Value, AdmissionError> {
    ctx.cluster
        .service_account(ctx.namespace, name)
        .ok_or_else(|| {
            forbidden(
                NAME,
                pod,
                SA_FIELD,
                // apierrors.NewNotFound: `%s %q not found`.
                format!(
                    "error looking up service account {}/{name}: serviceaccount {} not found",
                    ctx.namespace,
                    crate::go::strconv::quote(name)
                ),
            )
        })
}

/// `shouldAutomount`: the pod's automountServiceAccountToken wins, then the SA's, else true.
fn should_automount(sa: &Value, pod: &Value) -> bool {
    let pod_pref = pod
        .get("spec")
        .and_then(|s| s.get("automountServiceAccountToken"))
        .and_then(Value::as_bool);
    let sa_pref = sa
        .get("automountServiceAccountToken")
        .and_then(Value::as_bool);
    pod_pref.or(sa_pref).unwrap_or(true)
}

/// The projected token volume (`TokenVolumeSource`): token, cluster CA, namespace.
pub fn token_volume(name: &str) -> Value {
    json!({
        "name": name,
        "projected": {
            "sources": [
                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
                {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}
            ],
            "defaultMode": 420
        }
    })
}

fn mount_token(pod: &mut Value, ctx: &mut Ctx, changes: &mut Changes) {
    let Some(spec) = spec_mut(pod) else { return };
    let existing = spec
        .get("volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|v| str_of(v, "name"))
        .find(|n| n.starts_with(VOLUME_PREFIX))
        .map(str::to_string);
    let has_volume = existing.is_some();
    let volume_name = existing.unwrap_or_else(|| ctx.names.generate(VOLUME_PREFIX));
    let mount = json!({"name": volume_name, "readOnly": true, "mountPath": TOKEN_MOUNT_PATH});

    let mut mounted = false;
    for_each_container_mut(spec, ContainerKind::INIT_THEN_REGULAR, |kind, i, c| {
        let already = c
            .get("volumeMounts")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .any(|m| str_of(m, "mountPath") == TOKEN_MOUNT_PATH);
        if already {
            return;
        }
        let Some(mounts) = child_arr(c, "volumeMounts") else {
            return;
        };
        mounts.push(mount.clone());
        mounted = true;
        changes.add(
            format!(
                "spec.{}[{i}].volumeMounts[{}]",
                kind.field(),
                mounts.len() - 1
            ),
            mount.clone(),
            by::admission(NAME),
            "admission.serviceAccount.tokenMount",
            "the service account token is mounted read-only where client libraries look for it",
            Some(SRC),
        );
    });
    if !has_volume && mounted {
        let volume = token_volume(&volume_name);
        if let Some(vols) = child_arr(spec, "volumes") {
            vols.push(volume.clone());
            changes.add(
                format!("spec.volumes[{}]", vols.len() - 1),
                volume,
                by::admission(NAME),
                "admission.serviceAccount.tokenVolume",
                "a projected volume with a short-lived service account token, the cluster CA and the namespace (name ends in 5 random characters)",
                Some(SRC),
            );
        }
    }
}

fn copy_pull_secrets(pod: &mut Value, sa: &Value, changes: &mut Changes) {
    let Some(spec) = spec_mut(pod) else { return };
    let pod_has = spec
        .get("imagePullSecrets")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty());
    if pod_has {
        return;
    }
    let copied: Vec<Value> = sa
        .get("imagePullSecrets")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|s| json!({"name": str_of(s, "name")}))
        .collect();
    if copied.is_empty() {
        return; // an empty list is not written out
    }
    spec.insert("imagePullSecrets".into(), Value::Array(copied.clone()));
    changes.add(
        "spec.imagePullSecrets",
        Value::Array(copied),
        by::admission(NAME),
        "admission.serviceAccount.imagePullSecrets",
        "the pod lists no pull secrets, so the service account's imagePullSecrets are used",
        Some(SRC),
    );
}

/// Validate on create (also the end of Admit).
pub fn validate(pod: &Value, ctx: &Ctx) -> Result<(), AdmissionError> {
    if is_mirror(pod) {
        return validate_mirror(pod);
    }
    let name = sa_name(pod);
    if name.is_empty() {
        let pod_name = pod.get("metadata").map_or("", |m| str_of(m, "name"));
        return Err(forbidden(
            NAME,
            pod,
            SA_FIELD,
            format!(
                "no service account specified for pod {}/{pod_name}",
                ctx.namespace
            ),
        ));
    }
    let sa = lookup(pod, ctx, name)?;
    if enforce_mountable_secrets(&sa) {
        if let Err(reason) = limit_secret_references(&sa, pod) {
            return Err(forbidden(NAME, pod, SA_FIELD, reason));
        }
    }
    Ok(())
}

fn validate_mirror(pod: &Value) -> Result<(), AdmissionError> {
    if !sa_name(pod).is_empty() {
        return Err(forbidden(
            NAME,
            pod,
            SA_FIELD,
            "a mirror pod may not reference service accounts",
        ));
    }
    if !secret_names(pod).is_empty() {
        return Err(forbidden(
            NAME,
            pod,
            "spec",
            "a mirror pod may not reference secrets",
        ));
    }
    let token_projection = arr_items(pod.get("spec"), "volumes").any(|v| {
        arr_items(v.get("projected"), "sources")
            .any(|s| s.get("serviceAccountToken").is_some_and(|t| !t.is_null()))
    });
    if token_projection {
        return Err(forbidden(
            NAME,
            pod,
            "spec.volumes",
            "a mirror pod may not use ServiceAccountToken volume projections",
        ));
    }
    Ok(())
}

fn arr_items<'a>(obj: Option<&'a Value>, key: &str) -> impl Iterator<Item = &'a Value> {
    obj.and_then(|o| o.get(key))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// `strconv.ParseBool` of the enforce annotation.
fn enforce_mountable_secrets(sa: &Value) -> bool {
    matches!(
        annotation(sa, ENFORCE_ANNOTATION),
        Some("1" | "t" | "T" | "true" | "TRUE" | "True")
    )
}

fn name_list(sa: &Value, key: &str) -> Vec<String> {
    arr_items(Some(sa), key)
        .map(|s| str_of(s, "name").to_string())
        .collect()
}

/// `limitSecretReferences`: every secret the pod uses must be listed by the SA.
fn limit_secret_references(sa: &Value, pod: &Value) -> Result<(), String> {
    let sa_name = sa.get("metadata").map_or("", |m| str_of(m, "name"));
    let mountable = name_list(sa, "secrets");
    let spec = pod.get("spec");
    for v in arr_items(spec, "volumes") {
        if let Some(secret) = v.get("secret").filter(|s| !s.is_null()) {
            let name = str_of(secret, "secretName");
            if !mountable.iter().any(|m| m == name) {
                return Err(format!(
                    "volume with secret.secretName=\"{name}\" is not allowed because service account {sa_name} does not reference that secret"
                ));
            }
        }
    }
    let no_spec = Value::Null;
    for ctr in spec_containers(spec.unwrap_or(&no_spec), ContainerKind::INIT_THEN_REGULAR) {
        let (c, kind) = (ctr.value, ctr.kind.noun());
        let cname = ctr.name();
        for e in arr_items(Some(c), "env") {
            if let Some(r) = e
                .get("valueFrom")
                .and_then(|v| v.get("secretKeyRef"))
                .filter(|r| !r.is_null())
            {
                let name = str_of(r, "name");
                if !mountable.iter().any(|m| m == name) {
                    return Err(format!(
                        "{kind} {cname} with envVar {} referencing secret.secretName=\"{name}\" is not allowed because service account {sa_name} does not reference that secret",
                        str_of(e, "name")
                    ));
                }
            }
        }
        for e in arr_items(Some(c), "envFrom") {
            if let Some(r) = e.get("secretRef").filter(|r| !r.is_null()) {
                let name = str_of(r, "name");
                if !mountable.iter().any(|m| m == name) {
                    return Err(format!(
                        "{kind} {cname} with envFrom referencing secret.secretName=\"{name}\" is not allowed because service account {sa_name} does not reference that secret"
                    ));
                }
            }
        }
    }
    let pull = name_list(sa, "imagePullSecrets");
    for (i, s) in arr_items(spec, "imagePullSecrets").enumerate() {
        let name = str_of(s, "name");
        if !pull.iter().any(|p| p == name) {
            return Err(format!(
                "imagePullSecrets[{i}].name=\"{name}\" is not allowed because service account {sa_name} does not reference that imagePullSecret"
            ));
        }
    }
    Ok(())
}

/// `VisitPodSecretNames`: every non-empty secret name the pod references.
pub fn secret_names(pod: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |n: &str| {
        if !n.is_empty() {
            out.push(n.to_string());
        }
    };
    let spec = pod.get("spec");
    for s in arr_items(spec, "imagePullSecrets") {
        push(str_of(s, "name"));
    }
    for ctr in pod_containers(pod) {
        let c = ctr.value;
        for e in arr_items(Some(c), "envFrom") {
            if let Some(r) = e.get("secretRef").filter(|r| r.is_object()) {
                push(str_of(r, "name"));
            }
        }
        for e in arr_items(Some(c), "env") {
            if let Some(r) = e
                .get("valueFrom")
                .and_then(|v| v.get("secretKeyRef"))
                .filter(|r| r.is_object())
            {
                push(str_of(r, "name"));
            }
        }
    }
    for v in arr_items(spec, "volumes") {
        let src = |k: &str| v.get(k).filter(|s| s.is_object());
        if let Some(s) = src("azureFile") {
            push(str_of(s, "secretName"));
        } else if let Some(s) = src("cephfs")
            .or(src("cinder"))
            .or(src("flexVolume"))
            .or(src("rbd"))
            .or(src("scaleIO"))
            .or(src("iscsi"))
            .or(src("storageos"))
        {
            if let Some(r) = s.get("secretRef").filter(|r| r.is_object()) {
                push(str_of(r, "name"));
            }
        } else if let Some(p) = src("projected") {
            for s in arr_items(Some(p), "sources") {
                if let Some(sec) = s.get("secret").filter(|r| r.is_object()) {
                    push(str_of(sec, "name"));
                }
            }
        } else if let Some(s) = src("secret") {
            push(str_of(s, "secretName"));
        } else if let Some(s) = src("csi") {
            if let Some(r) = s.get("nodePublishSecretRef").filter(|r| r.is_object()) {
                push(str_of(r, "name"));
            }
        }
    }
    out
}
