//! Container securityContext (`ValidateSecurityContext`). The seccomp, AppArmor and Windows
//! option rules are shared with the pod securityContext and live in `pod_security`.

use serde_json::{json, Map, Value};

use super::{flag, list, object};
use crate::field::{FieldError, Path};
use crate::validation::names;
use crate::validation::pod_security::{
    validate_apparmor_profile_field, validate_seccomp_profile_field,
    validate_windows_security_context_options,
};

/// `ValidateSecurityContext` for one container. `host_users` is the pod's
/// `securityContext.hostUsers` (true when unset); `allow_privileged` is kube-apiserver's
/// `--allow-privileged` (default false, as in the conformance cases).
pub(super) fn validate_security_context(
    sc: Option<&Value>,
    path: &Path,
    host_users: bool,
    allow_privileged: bool,
) -> Vec<FieldError> {
    let Some(sc) = sc else {
        return Vec::new();
    };
    let mut errs = Vec::new();
    let privileged = flag(sc, "privileged");
    if privileged && !allow_privileged {
        errs.push(FieldError::forbidden(
            path.child("privileged"),
            "disallowed by cluster policy",
        ));
    }
    if let Some(uid) = sc.get("runAsUser").and_then(Value::as_i64) {
        for msg in names::is_valid_user_id(uid) {
            errs.push(FieldError::invalid(path.child("runAsUser"), uid, msg));
        }
    }
    if let Some(gid) = sc.get("runAsGroup").and_then(Value::as_i64) {
        for msg in names::is_valid_group_id(gid) {
            errs.push(FieldError::invalid(path.child("runAsGroup"), gid, msg));
        }
    }
    if let Some(proc_mount) = object(sc, "procMount").and_then(Value::as_str) {
        if !matches!(proc_mount, "Default" | "Unmasked") {
            errs.push(FieldError::not_supported(
                path.child("procMount"),
                proc_mount,
                &["Default", "Unmasked"],
            ));
        }
        if host_users && proc_mount == "Unmasked" {
            errs.push(FieldError::invalid(
                path.child("procMount"),
                proc_mount,
                "`hostUsers` must be false to use `Unmasked`",
            ));
        }
    }
    errs.extend(validate_seccomp_profile_field(
        object(sc, "seccompProfile"),
        &path.child("seccompProfile"),
    ));
    let no_escalation = sc.get("allowPrivilegeEscalation").and_then(Value::as_bool) == Some(false);
    if no_escalation {
        if privileged {
            errs.push(FieldError::invalid(
                path,
                internal_security_context(sc),
                "cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
            ));
        }
        if let Some(caps) = object(sc, "capabilities") {
            for cap in list(caps, "add") {
                if cap.as_str() == Some("CAP_SYS_ADMIN") {
                    errs.push(FieldError::invalid(
                        path,
                        internal_security_context(sc),
                        "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN",
                    ));
                }
            }
        }
    }
    errs.extend(validate_windows_security_context_options(
        object(sc, "windowsOptions"),
        &path.child("windowsOptions"),
    ));
    errs.extend(validate_apparmor_profile_field(
        object(sc, "appArmorProfile"),
        &path.child("appArmorProfile"),
    ));
    errs
}

/// The bad value Go reports for a whole securityContext: the internal struct, which has no
/// JSON tags, so its keys are Go field names in struct order and unset pointers are null.
fn internal_security_context(sc: &Value) -> Value {
    let field = |key: &str| object(sc, key).cloned().unwrap_or(Value::Null);
    let capabilities = object(sc, "capabilities").map_or(
        Value::Null,
        |c| json!({"Add": field_of(c, "add"), "Drop": field_of(c, "drop")}),
    );
    let se_linux = object(sc, "seLinuxOptions").map_or(Value::Null, |o| {
        let text_of = |k: &str| Value::from(o.get(k).and_then(Value::as_str).unwrap_or(""));
        json!({"User": text_of("user"), "Role": text_of("role"), "Type": text_of("type"), "Level": text_of("level")})
    });
    let windows = object(sc, "windowsOptions").map_or(Value::Null, |w| {
        json!({
            "GMSACredentialSpecName": field_of(w, "gmsaCredentialSpecName"),
            "GMSACredentialSpec": field_of(w, "gmsaCredentialSpec"),
            "RunAsUserName": field_of(w, "runAsUserName"),
            "HostProcess": field_of(w, "hostProcess"),
        })
    });
    let profile = |key: &str| {
        object(sc, key).map_or(Value::Null, |p| {
            json!({"Type": p.get("type").cloned().unwrap_or(Value::from("")), "LocalhostProfile": field_of(p, "localhostProfile")})
        })
    };
    let mut out = Map::new();
    out.insert("Capabilities".into(), capabilities);
    out.insert("Privileged".into(), field("privileged"));
    out.insert("SELinuxOptions".into(), se_linux);
    out.insert("WindowsOptions".into(), windows);
    out.insert("RunAsUser".into(), field("runAsUser"));
    out.insert("RunAsGroup".into(), field("runAsGroup"));
    out.insert("RunAsNonRoot".into(), field("runAsNonRoot"));
    out.insert(
        "ReadOnlyRootFilesystem".into(),
        field("readOnlyRootFilesystem"),
    );
    out.insert(
        "AllowPrivilegeEscalation".into(),
        field("allowPrivilegeEscalation"),
    );
    out.insert("ProcMount".into(), field("procMount"));
    out.insert("SeccompProfile".into(), profile("seccompProfile"));
    out.insert("AppArmorProfile".into(), profile("appArmorProfile"));
    Value::Object(out)
}

/// A pointer or slice field of a nested struct: its value, or null when unset.
fn field_of(v: &Value, key: &str) -> Value {
    object(v, key).cloned().unwrap_or(Value::Null)
}
