//! Container securityContext: `ValidateSecurityContext`, `validateSeccompProfileField`,
//! `ValidateAppArmorProfileField`, `validateWindowsSecurityContextOptions`.

use serde_json::Value;

use super::{flag, list, object, text};
use crate::field::{FieldError, Path};
use crate::validation::names;

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
                sc.clone(),
                "cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
            ));
        }
        if let Some(caps) = object(sc, "capabilities") {
            for cap in list(caps, "add") {
                if cap.as_str() == Some("CAP_SYS_ADMIN") {
                    errs.push(FieldError::invalid(
                        path,
                        sc.clone(),
                        "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN",
                    ));
                }
            }
        }
    }
    errs.extend(validate_windows_options(
        object(sc, "windowsOptions"),
        &path.child("windowsOptions"),
    ));
    errs.extend(validate_apparmor_profile_field(
        object(sc, "appArmorProfile"),
        &path.child("appArmorProfile"),
    ));
    errs
}

/// `validateSeccompProfileField` (containers and the pod securityContext).
pub fn validate_seccomp_profile_field(profile: Option<&Value>, path: &Path) -> Vec<FieldError> {
    let Some(profile) = profile else {
        return Vec::new();
    };
    let mut errs = Vec::new();
    let kind = text(profile, "type");
    match kind {
        "Localhost" | "RuntimeDefault" | "Unconfined" => {}
        "" => errs.push(FieldError::required(
            path.child("type"),
            "type is required when seccompProfile is set",
        )),
        other => errs.push(FieldError::not_supported(
            path.child("type"),
            other,
            &["Localhost", "RuntimeDefault", "Unconfined"],
        )),
    }
    let localhost = object(profile, "localhostProfile");
    if kind == "Localhost" {
        match localhost.and_then(Value::as_str) {
            None => errs.push(FieldError::required(
                path.child("localhostProfile"),
                "must be set when seccomp type is Localhost",
            )),
            Some(file) => errs.extend(super::mounts::validate_local_descending_path(
                file,
                &path.child("localhostProfile"),
            )),
        }
    } else if localhost.is_some() {
        errs.push(FieldError::invalid(
            path.child("localhostProfile"),
            profile.clone(),
            "can only be set when seccomp type is Localhost",
        ));
    }
    errs
}

/// `ValidateAppArmorProfileField` (containers and the pod securityContext).
pub fn validate_apparmor_profile_field(profile: Option<&Value>, path: &Path) -> Vec<FieldError> {
    let Some(profile) = profile else {
        return Vec::new();
    };
    let mut errs = Vec::new();
    let localhost = object(profile, "localhostProfile").and_then(Value::as_str);
    let localhost_path = path.child("localhostProfile");
    match text(profile, "type") {
        "Localhost" => match localhost {
            None => errs.push(FieldError::required(
                &localhost_path,
                "must be set when AppArmor type is Localhost",
            )),
            Some(name) => {
                let trimmed = name.trim();
                if trimmed != name {
                    errs.push(FieldError::invalid(
                        &localhost_path,
                        name,
                        "must not be padded with whitespace",
                    ));
                } else if trimmed.is_empty() {
                    errs.push(FieldError::required(
                        &localhost_path,
                        "must be set when AppArmor type is Localhost",
                    ));
                }
                // PATH_MAX - 1
                if name.len() > 4095 {
                    errs.push(FieldError::too_long(&localhost_path, 4095));
                }
            }
        },
        "RuntimeDefault" | "Unconfined" => {
            if let Some(name) = localhost {
                errs.push(FieldError::invalid(
                    &localhost_path,
                    name,
                    "can only be set when AppArmor type is Localhost",
                ));
            }
        }
        "" => errs.push(FieldError::required(
            path.child("type"),
            "type is required when appArmorProfile is set",
        )),
        other => errs.push(FieldError::not_supported(
            path.child("type"),
            other,
            &["Localhost", "RuntimeDefault", "Unconfined"],
        )),
    }
    errs
}

/// Size limit of an inline GMSA credential spec (64 KiB).
const MAX_GMSA_SPEC_KIB: usize = 64;
const MAX_RUN_AS_DOMAIN_LEN: usize = 256;
const MAX_RUN_AS_USER_LEN: usize = 104;

/// `validateWindowsSecurityContextOptions`.
fn validate_windows_options(options: Option<&Value>, path: &Path) -> Vec<FieldError> {
    let Some(options) = options else {
        return Vec::new();
    };
    let mut errs = Vec::new();
    if let Some(name) = object(options, "gmsaCredentialSpecName").and_then(Value::as_str) {
        for msg in names::is_dns1123_subdomain(name) {
            errs.push(FieldError::invalid(
                path.child("gmsaCredentialSpecName"),
                name,
                msg,
            ));
        }
    }
    if let Some(spec) = object(options, "gmsaCredentialSpec").and_then(Value::as_str) {
        let p = path.child("gmsaCredentialSpec");
        if spec.is_empty() {
            errs.push(FieldError::invalid(
                &p,
                spec,
                "gmsaCredentialSpec cannot be an empty string",
            ));
        } else if spec.len() > MAX_GMSA_SPEC_KIB * 1024 {
            errs.push(FieldError::invalid(
                &p,
                spec,
                format!("gmsaCredentialSpec size must be under {MAX_GMSA_SPEC_KIB} KiB"),
            ));
        }
    }
    if let Some(user) = object(options, "runAsUserName").and_then(Value::as_str) {
        let p = path.child("runAsUserName");
        for msg in run_as_user_name_errors(user) {
            errs.push(FieldError::invalid(&p, user, msg));
        }
    }
    errs
}

/// The messages for a Windows `runAsUserName` (`DOMAIN\USER` or `USER`).
fn run_as_user_name_errors(name: &str) -> Vec<String> {
    if name.is_empty() {
        return vec!["runAsUserName cannot be an empty string".to_string()];
    }
    if name.chars().any(|c| c.is_ascii_control()) {
        return vec!["runAsUserName cannot contain control characters".to_string()];
    }
    let parts: Vec<&str> = name.split('\\').collect();
    let (domain, user) = match parts.as_slice() {
        [user] => (None, *user),
        [domain, user] => (Some(*domain), *user),
        _ => return vec!["runAsUserName cannot contain more than one backslash".to_string()],
    };
    let mut msgs = Vec::new();
    let domain_text = domain.unwrap_or("");
    if domain_text.len() >= MAX_RUN_AS_DOMAIN_LEN {
        msgs.push(format!(
            "runAsUserName's Domain length must be under {MAX_RUN_AS_DOMAIN_LEN} characters"
        ));
    }
    if let Some(d) = domain {
        if !is_netbios_domain(d) && !is_dns_domain(d) {
            msgs.push("runAsUserName's Domain doesn't match the NetBios nor the DNS format".into());
        }
    }
    if user.is_empty() {
        msgs.push("runAsUserName's User cannot be empty".into());
    } else if user.len() > MAX_RUN_AS_USER_LEN {
        msgs.push(format!(
            "runAsUserName's User length must not be longer than {MAX_RUN_AS_USER_LEN} characters"
        ));
    }
    if !user.is_empty() && user.chars().all(|c| c == '.' || c == ' ') {
        msgs.push("runAsUserName's User cannot contain only periods or spaces".into());
    }
    if user.chars().any(|c| "\"/\\:;|=,+*?<>@[]".contains(c)) {
        msgs.push(
            r#"runAsUserName's User cannot contain the following characters: "/\:;|=,+*?<>@[]"#
                .into(),
        );
    }
    msgs
}

/// NetBIOS domain: 1–15 characters, none of `\ / : * ? " < > |`, not starting with `.`.
fn is_netbios_domain(domain: &str) -> bool {
    const FORBIDDEN: &str = "\\/:*?\"<>|";
    let chars: Vec<char> = domain.chars().collect();
    match chars.first() {
        None => false,
        Some(first) => {
            chars.len() <= 15 && *first != '.' && chars.iter().all(|c| !FORBIDDEN.contains(*c))
        }
    }
}

/// DNS domain: dot-separated labels of letters, digits and inner hyphens, each 1–63 long.
fn is_dns_domain(domain: &str) -> bool {
    domain.split('.').all(|label| {
        let bytes = label.as_bytes();
        !bytes.is_empty()
            && bytes.len() <= 63
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
            && bytes.first().is_some_and(u8::is_ascii_alphanumeric)
            && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
    })
}
