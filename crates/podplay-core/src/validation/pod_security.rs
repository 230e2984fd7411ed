//! Pod security context (`validatePodSpecSecurityContext`), sysctls, seccomp and AppArmor
//! (fields and the deprecated annotations), Windows options, and the OS-specific checks
//! (`validateLinux`, `validateWindows`, `validateWindowsHostProcessPod`).
//!
//! In the internal type `hostNetwork`, `hostPID`, `hostIPC`, `shareProcessNamespace` and
//! `hostUsers` belong to the pod security context; in v1 they sit on the spec, so they are read
//! from there.

use super::names;
use super::{arr, bool_of, obj, str_of, string_map, visit_containers};
use super::{PodValidationOptions, ValidationContext};
use crate::field::{FieldError, Path};
use serde_json::Value;

pub const SECCOMP_POD_ANNOTATION_KEY: &str = "seccomp.security.alpha.kubernetes.io/pod";
pub const SECCOMP_CONTAINER_ANNOTATION_KEY_PREFIX: &str =
    "container.seccomp.security.alpha.kubernetes.io/";
pub const APPARMOR_CONTAINER_ANNOTATION_KEY_PREFIX: &str =
    "container.apparmor.security.beta.kubernetes.io/";

const SYSCTL_MAX_LENGTH: usize = 253;
const SYSCTL_REGEX: &str =
    "^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$";

/// `validatePodSpecSecurityContext`.
pub fn validate_pod_spec_security_context(
    spec: &Value,
    path: &Path,
    opts: &PodValidationOptions,
) -> Vec<FieldError> {
    let empty = Value::Object(Default::default());
    // Conversion always creates the internal security context.
    let sc = obj(spec, "securityContext").unwrap_or(&empty);
    let mut errs = Vec::new();
    if let Some(fs_group) = obj(sc, "fsGroup").and_then(Value::as_i64) {
        for msg in names::is_valid_group_id(fs_group) {
            errs.push(FieldError::invalid(path.child("fsGroup"), fs_group, msg));
        }
    }
    if let Some(uid) = obj(sc, "runAsUser").and_then(Value::as_i64) {
        for msg in names::is_valid_user_id(uid) {
            errs.push(FieldError::invalid(path.child("runAsUser"), uid, msg));
        }
    }
    if let Some(gid) = obj(sc, "runAsGroup").and_then(Value::as_i64) {
        for msg in names::is_valid_group_id(gid) {
            errs.push(FieldError::invalid(path.child("runAsGroup"), gid, msg));
        }
    }
    for (g, gid) in arr(sc, "supplementalGroups").iter().enumerate() {
        let gid = gid.as_i64().unwrap_or(0);
        for msg in names::is_valid_group_id(gid) {
            errs.push(FieldError::invalid(
                path.child("supplementalGroups").index(g),
                gid,
                msg,
            ));
        }
    }
    if spec.get("shareProcessNamespace").and_then(Value::as_bool) == Some(true)
        && bool_of(spec, "hostPID")
    {
        errs.push(FieldError::invalid(
            path.child("shareProcessNamespace"),
            true,
            "ShareProcessNamespace and HostPID cannot both be enabled",
        ));
    }
    if !arr(sc, "sysctls").is_empty() {
        errs.extend(validate_sysctls(spec, sc, &path.child("sysctls"), opts));
    }
    if let Some(policy) = obj(sc, "fsGroupChangePolicy") {
        let policy = policy.as_str().unwrap_or("");
        if policy != "OnRootMismatch" && policy != "Always" {
            errs.push(FieldError::not_supported(
                path.child("fsGroupChangePolicy"),
                policy,
                &["Always", "OnRootMismatch"],
            ));
        }
    }
    errs.extend(validate_seccomp_profile_field(
        obj(sc, "seccompProfile"),
        &path.child("seccompProfile"),
    ));
    errs.extend(validate_windows_security_context_options(
        obj(sc, "windowsOptions"),
        &path.child("windowsOptions"),
    ));
    errs.extend(validate_apparmor_profile_field(
        obj(sc, "appArmorProfile"),
        &path.child("appArmorProfile"),
    ));
    if let Some(policy) = obj(sc, "supplementalGroupsPolicy") {
        let policy = policy.as_str().unwrap_or("");
        if policy != "Merge" && policy != "Strict" {
            errs.push(FieldError::not_supported(
                path.child("supplementalGroupsPolicy"),
                policy,
                &["Merge", "Strict"],
            ));
        }
    }
    if let Some(policy) = obj(sc, "seLinuxChangePolicy") {
        let policy = policy.as_str().unwrap_or("");
        let p = path.child("seLinuxChangePolicy");
        if opts.allow_only_recursive_selinux_change_policy {
            if policy != "Recursive" {
                errs.push(FieldError::not_supported(p, policy, &["Recursive"]));
            }
        } else if policy != "Recursive" && policy != "MountOption" {
            errs.push(FieldError::not_supported(
                p,
                policy,
                &["MountOption", "Recursive"],
            ));
        }
    }
    errs
}

/// Which kernel namespace a sysctl belongs to (`component-helpers/node/util/sysctl`).
#[derive(Debug, PartialEq, Eq)]
enum SysctlNamespace {
    Ipc,
    Net,
    Unknown,
}

fn sysctl_namespace(sysctl: &str) -> SysctlNamespace {
    let mut name = normalize_sysctl_name(sysctl);
    if let Some(star) = name.find('*') {
        name.truncate(star);
    }
    const IPC_NAMES: &[&str] = &[
        "kernel.sem",
        "kernel.shmall",
        "kernel.shmmax",
        "kernel.shmmni",
        "kernel.shm_rmid_forced",
        "kernel.shm",
        "kernel.msgmax",
        "kernel.msgmnb",
        "kernel.msgmni",
        "kernel.msg",
    ];
    if IPC_NAMES.contains(&name.as_str()) {
        SysctlNamespace::Ipc
    } else if name.starts_with("net.") {
        SysctlNamespace::Net
    } else if name.starts_with("fs.mqueue.") {
        SysctlNamespace::Ipc
    } else {
        SysctlNamespace::Unknown
    }
}

/// `sysctl.NormalizeName`: when the first separator is `/`, swap `.` and `/`.
fn normalize_sysctl_name(name: &str) -> String {
    match name.find(['.', '/']) {
        Some(i) if name.as_bytes()[i] == b'/' => name
            .chars()
            .map(|c| match c {
                '.' => '/',
                '/' => '.',
                c => c,
            })
            .collect(),
        _ => name.to_string(),
    }
}

fn is_valid_sysctl_name(name: &str) -> bool {
    if name.len() > SYSCTL_MAX_LENGTH {
        return false;
    }
    let segment_ok = |s: &[u8]| match (s.first(), s.last()) {
        (Some(f), Some(l)) => {
            (f.is_ascii_lowercase() || f.is_ascii_digit())
                && (l.is_ascii_lowercase() || l.is_ascii_digit())
                && s.iter().all(|&b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
                })
        }
        _ => false,
    };
    name.as_bytes()
        .split(|&b| b == b'.' || b == b'/')
        .all(segment_ok)
}

/// `validateSysctls`.
fn validate_sysctls(
    spec: &Value,
    sc: &Value,
    path: &Path,
    opts: &PodValidationOptions,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (i, s) in arr(sc, "sysctls").iter().enumerate() {
        let name = str_of(s, "name");
        let p = path.index(i).child("name");
        if name.is_empty() {
            errs.push(FieldError::required(&p, ""));
        } else if !is_valid_sysctl_name(name) {
            errs.push(FieldError::invalid(
                &p,
                name,
                format!("must have at most {SYSCTL_MAX_LENGTH} characters and match regex {SYSCTL_REGEX}"),
            ));
        } else if seen.contains(&name) {
            errs.push(FieldError::duplicate(&p, name));
        }
        if !opts.allow_namespaced_sysctls_for_host_net_and_host_ipc {
            let ns = sysctl_namespace(name);
            if bool_of(spec, "hostNetwork") && ns == SysctlNamespace::Net {
                errs.push(FieldError::invalid(
                    &p,
                    name,
                    "may not be specified when 'hostNetwork' is true",
                ));
            } else if bool_of(spec, "hostIPC") && ns == SysctlNamespace::Ipc {
                errs.push(FieldError::invalid(
                    &p,
                    name,
                    "may not be specified when 'hostIPC' is true",
                ));
            }
        }
        seen.push(name);
    }
    errs
}

/// `validateSeccompProfileField`.
pub fn validate_seccomp_profile_field(profile: Option<&Value>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(sp) = profile else {
        return errs;
    };
    let kind = str_of(sp, "type");
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
    let localhost = obj(sp, "localhostProfile");
    if kind == "Localhost" {
        match localhost {
            None => errs.push(FieldError::required(
                path.child("localhostProfile"),
                "must be set when seccomp type is Localhost",
            )),
            Some(p) => errs.extend(validate_local_descending_path(
                p.as_str().unwrap_or(""),
                &path.child("localhostProfile"),
            )),
        }
    } else if localhost.is_some() {
        // Go prints the whole internal SeccompProfile struct, which has no JSON tags.
        let shown = serde_json::json!({"Type": kind, "LocalhostProfile": localhost});
        errs.push(FieldError::invalid(
            path.child("localhostProfile"),
            shown,
            "can only be set when seccomp type is Localhost",
        ));
    }
    errs
}

/// `ValidateAppArmorProfileField`.
pub fn validate_apparmor_profile_field(profile: Option<&Value>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(profile) = profile else {
        return errs;
    };
    let localhost = obj(profile, "localhostProfile");
    match str_of(profile, "type") {
        "Localhost" => match localhost.map(|v| v.as_str().unwrap_or("")) {
            None => errs.push(FieldError::required(
                path.child("localhostProfile"),
                "must be set when AppArmor type is Localhost",
            )),
            Some(lp) => {
                let trimmed = go_trim_space(lp);
                if trimmed != lp {
                    errs.push(FieldError::invalid(
                        path.child("localhostProfile"),
                        lp,
                        "must not be padded with whitespace",
                    ));
                } else if trimmed.is_empty() {
                    errs.push(FieldError::required(
                        path.child("localhostProfile"),
                        "must be set when AppArmor type is Localhost",
                    ));
                }
                if lp.len() > 4095 {
                    errs.push(FieldError::too_long(path.child("localhostProfile"), 4095));
                }
            }
        },
        "RuntimeDefault" | "Unconfined" => {
            if let Some(lp) = localhost {
                errs.push(FieldError::invalid(
                    path.child("localhostProfile"),
                    lp.clone(),
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

/// Go's `strings.TrimSpace` (Unicode white space).
fn go_trim_space(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace())
}

/// `validateLocalDescendingPath`: relative, no `..` element.
pub fn validate_local_descending_path(target: &str, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if target.starts_with('/') {
        errs.push(FieldError::invalid(path, target, "must be a relative path"));
    }
    errs.extend(validate_path_no_backsteps(target, path));
    errs
}

/// `validatePathNoBacksteps`: no `..` path element (one error is enough).
pub fn validate_path_no_backsteps(target: &str, path: &Path) -> Vec<FieldError> {
    if target.split('/').any(|part| part == "..") {
        vec![FieldError::invalid(path, target, "must not contain '..'")]
    } else {
        Vec::new()
    }
}

/// `validateWindowsSecurityContextOptions`.
pub fn validate_windows_security_context_options(
    options: Option<&Value>,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(options) = options else {
        return errs;
    };
    if let Some(name) = obj(options, "gmsaCredentialSpecName") {
        let name = name.as_str().unwrap_or("");
        for msg in names::is_dns1123_subdomain(name) {
            errs.push(FieldError::invalid(
                path.child("gmsaCredentialSpecName"),
                name,
                msg,
            ));
        }
    }
    if let Some(spec) = obj(options, "gmsaCredentialSpec") {
        let spec = spec.as_str().unwrap_or("");
        let p = path.child("gmsaCredentialSpec");
        if spec.is_empty() {
            errs.push(FieldError::invalid(
                p,
                spec,
                "gmsaCredentialSpec cannot be an empty string",
            ));
        } else if spec.len() > 64 * 1024 {
            errs.push(FieldError::invalid(
                p,
                spec,
                "gmsaCredentialSpec size must be under 64 KiB",
            ));
        }
    }
    if let Some(user) = obj(options, "runAsUserName") {
        let user_name = user.as_str().unwrap_or("");
        errs.extend(validate_run_as_user_name(
            user_name,
            &path.child("runAsUserName"),
        ));
    }
    errs
}

fn validate_run_as_user_name(value: &str, p: &Path) -> Vec<FieldError> {
    let invalid = |msg: &str| FieldError::invalid(p, value, msg.to_string());
    if value.is_empty() {
        return vec![invalid("runAsUserName cannot be an empty string")];
    }
    if value.chars().any(|c| (c as u32) < 0x20 || c as u32 == 0x7f) {
        return vec![invalid("runAsUserName cannot contain control characters")];
    }
    let parts: Vec<&str> = value.split('\\').collect();
    if parts.len() > 2 {
        return vec![invalid(
            "runAsUserName cannot contain more than one backslash",
        )];
    }
    let (has_domain, domain, user) = match parts.as_slice() {
        [user] => (false, "", *user),
        [domain, user] => (true, *domain, *user),
        _ => (false, "", ""),
    };
    let mut errs = Vec::new();
    if domain.len() >= 256 {
        errs.push(invalid(
            "runAsUserName's Domain length must be under 256 characters",
        ));
    }
    if has_domain && !(is_netbios_domain(domain) || is_windows_dns_domain(domain)) {
        errs.push(invalid(
            "runAsUserName's Domain doesn't match the NetBios nor the DNS format",
        ));
    }
    if user.is_empty() {
        errs.push(invalid("runAsUserName's User cannot be empty"));
    } else if user.len() > 104 {
        errs.push(invalid(
            "runAsUserName's User length must not be longer than 104 characters",
        ));
    }
    if !user.is_empty() && user.chars().all(|c| c == '.' || c == ' ') {
        errs.push(invalid(
            "runAsUserName's User cannot contain only periods or spaces",
        ));
    }
    if user.chars().any(|c| "\"/\\:;|=,+*?<>@[]".contains(c)) {
        errs.push(invalid(
            "runAsUserName's User cannot contain the following characters: \"/\\:;|=,+*?<>@[]",
        ));
    }
    errs
}

/// `^[^\\/:\*\?"<>|\.][^\\/:\*\?"<>|]{0,14}$`
fn is_netbios_domain(d: &str) -> bool {
    let bad = |c: char| "\\/:*?\"<>|".contains(c);
    let chars: Vec<char> = d.chars().collect();
    match chars.split_first() {
        Some((first, rest)) => {
            !bad(*first) && *first != '.' && rest.len() <= 14 && !rest.iter().any(|c| bad(*c))
        }
        None => false,
    }
}

/// Dot-separated labels of `[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?`.
fn is_windows_dns_domain(d: &str) -> bool {
    d.split('.').all(|label| {
        let b = label.as_bytes();
        match (b.first(), b.last()) {
            (Some(f), Some(l)) => {
                b.len() <= 63
                    && f.is_ascii_alphanumeric()
                    && l.is_ascii_alphanumeric()
                    && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
            }
            _ => false,
        }
    })
}

/// `validateLinux`: no Windows options on a Linux pod.
pub fn validate_linux(spec: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let msg = "windows options cannot be set for a linux pod";
    if let Some(sc) = obj(spec, "securityContext") {
        if obj(sc, "windowsOptions").is_some() {
            errs.push(FieldError::forbidden(
                path.child("securityContext").child("windowsOptions"),
                msg,
            ));
        }
    }
    for (c, cpath) in visit_containers(spec, path) {
        if let Some(sc) = obj(c, "securityContext") {
            if obj(sc, "windowsOptions").is_some() {
                errs.push(FieldError::forbidden(
                    cpath.child("securityContext").child("windowsOptions"),
                    msg,
                ));
            }
        }
    }
    errs
}

/// `validateWindows`: Linux-only settings are forbidden on a Windows pod.
pub fn validate_windows(spec: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let msg = "cannot be set for a windows pod";
    let scp = path.child("securityContext");
    let empty = Value::Object(Default::default());
    let sc = obj(spec, "securityContext").unwrap_or(&empty);
    let set = |v: &Value, k: &str| obj(v, k).is_some();
    if set(sc, "appArmorProfile") {
        errs.push(FieldError::forbidden(scp.child("appArmorProfile"), msg));
    }
    if set(sc, "seLinuxOptions") {
        errs.push(FieldError::forbidden(scp.child("seLinuxOptions"), msg));
    }
    if set(spec, "hostUsers") {
        errs.push(FieldError::forbidden(path.child("hostUsers"), msg));
    }
    if bool_of(spec, "hostPID") {
        errs.push(FieldError::forbidden(path.child("hostPID"), msg));
    }
    if bool_of(spec, "hostIPC") {
        errs.push(FieldError::forbidden(path.child("hostIPC"), msg));
    }
    for key in ["seccompProfile", "fsGroup", "fsGroupChangePolicy"] {
        if set(sc, key) {
            errs.push(FieldError::forbidden(scp.child(key), msg));
        }
    }
    if !arr(sc, "sysctls").is_empty() {
        errs.push(FieldError::forbidden(scp.child("sysctls"), msg));
    }
    if set(spec, "shareProcessNamespace") {
        errs.push(FieldError::forbidden(
            path.child("shareProcessNamespace"),
            msg,
        ));
    }
    for key in [
        "runAsUser",
        "runAsGroup",
        "supplementalGroups",
        "supplementalGroupsPolicy",
        "seLinuxChangePolicy",
    ] {
        if set(sc, key) {
            errs.push(FieldError::forbidden(scp.child(key), msg));
        }
    }
    for (c, cpath) in visit_containers(spec, path) {
        if let Some(csc) = obj(c, "securityContext") {
            let p = cpath.child("securityContext");
            for key in [
                "appArmorProfile",
                "seLinuxOptions",
                "seccompProfile",
                "capabilities",
                "readOnlyRootFilesystem",
                "privileged",
                "allowPrivilegeEscalation",
                "procMount",
                "runAsUser",
                "runAsGroup",
            ] {
                if set(csc, key) {
                    errs.push(FieldError::forbidden(p.child(key), msg));
                }
            }
        }
    }
    errs
}

/// `validateWindowsHostProcessPod`.
pub fn validate_windows_host_process_pod(
    spec: &Value,
    path: &Path,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let host_process = |v: &Value| {
        obj(v, "securityContext")
            .and_then(|sc| obj(sc, "windowsOptions"))
            .and_then(|w| obj(w, "hostProcess"))
            .and_then(Value::as_bool)
    };
    let pod_host_process = host_process(spec);
    let host_network = bool_of(spec, "hostNetwork");
    let mut container_count = 0;
    let mut host_process_count = 0;
    for (c, cpath) in visit_containers(spec, path) {
        container_count += 1;
        let container_host_process = host_process(c);
        if let (Some(pod), Some(container)) = (pod_host_process, container_host_process) {
            if pod != container {
                errs.push(FieldError::invalid(
                    cpath
                        .child("securityContext")
                        .child("windowsOptions")
                        .child("hostProcess"),
                    container,
                    format!(
                        "pod hostProcess value must be identical if both are specified, was {pod}"
                    ),
                ));
            }
        }
        match container_host_process {
            Some(true) => host_process_count += 1,
            None if pod_host_process == Some(true) => host_process_count += 1,
            _ => {}
        }
    }
    if host_process_count > 0 {
        if host_process_count != container_count {
            errs.push(FieldError::invalid(
                path,
                "",
                "If pod contains any hostProcess containers then all containers must be HostProcess containers",
            ));
        }
        if !host_network {
            errs.push(FieldError::invalid(
                path.child("hostNetwork"),
                host_network,
                "hostNetwork must be true if pod contains any hostProcess containers",
            ));
        }
        if !ctx.allow_privileged {
            errs.push(FieldError::forbidden(
                path,
                "hostProcess containers are disallowed by cluster policy",
            ));
        }
    }
    errs
}

/// `ValidateSeccompPodAnnotations`: the deprecated seccomp annotations must name a valid
/// profile. The path uses `.child(key)`, so it reads `metadata.annotations.<key>`.
pub fn validate_seccomp_pod_annotations(
    annotations: Option<&Value>,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let entries = string_map(annotations);
    if let Some((_, p)) = entries
        .iter()
        .find(|(k, _)| *k == SECCOMP_POD_ANNOTATION_KEY)
    {
        errs.extend(validate_seccomp_profile(
            p,
            &path.child(SECCOMP_POD_ANNOTATION_KEY),
        ));
    }
    for (k, p) in &entries {
        if k.starts_with(SECCOMP_CONTAINER_ANNOTATION_KEY_PREFIX) {
            errs.extend(validate_seccomp_profile(p, &path.child(k)));
        }
    }
    errs
}

/// `ValidateSeccompProfile` (annotation form).
fn validate_seccomp_profile(p: &str, path: &Path) -> Vec<FieldError> {
    if p == "runtime/default" || p == "docker/default" || p == "unconfined" {
        return Vec::new();
    }
    if let Some(local) = p.strip_prefix("localhost/") {
        return validate_local_descending_path(local, path);
    }
    vec![FieldError::invalid(
        path,
        p,
        "must be a valid seccomp profile",
    )]
}

/// `ValidateAppArmorPodAnnotations`.
pub fn validate_apparmor_pod_annotations(
    annotations: Option<&Value>,
    spec: &Value,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (k, p) in string_map(annotations) {
        let Some(container_name) = k.strip_prefix(APPARMOR_CONTAINER_ANNOTATION_KEY_PREFIX) else {
            continue;
        };
        let has_container = visit_containers(spec, &Path::new("spec"))
            .iter()
            .any(|(c, _)| str_of(c, "name") == container_name);
        if !has_container {
            errs.push(FieldError::invalid(
                path.key(k),
                container_name,
                "container not found",
            ));
        }
        let valid = p.is_empty()
            || p == "runtime/default"
            || p == "unconfined"
            || p.starts_with("localhost/");
        if !valid {
            errs.push(FieldError::invalid(
                path.key(k),
                p,
                format!(
                    "invalid AppArmor profile name: {}",
                    crate::go::strconv::quote(p)
                ),
            ));
        }
    }
    errs
}

/// `validateSeccompAnnotationsAndFields`: when both an annotation and a field are set they
/// must agree.
pub fn validate_seccomp_annotations_and_fields(
    metadata: &Value,
    spec: &Value,
    spec_path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let annotation = |key: &str| {
        obj(metadata, "annotations")
            .and_then(|a| a.get(key))
            .and_then(Value::as_str)
    };
    let pod_field = obj(spec, "securityContext").and_then(|sc| obj(sc, "seccompProfile"));
    if let (Some(field), Some(value)) = (pod_field, annotation(SECCOMP_POD_ANNOTATION_KEY)) {
        let p = spec_path.child("securityContext").child("seccompProfile");
        errs.extend(seccomp_annotation_matches_field(value, field, &p));
    }
    for (c, cpath) in visit_containers(spec, spec_path) {
        let Some(field) = obj(c, "securityContext").and_then(|sc| obj(sc, "seccompProfile")) else {
            continue;
        };
        let key = format!(
            "{SECCOMP_CONTAINER_ANNOTATION_KEY_PREFIX}{}",
            str_of(c, "name")
        );
        if let Some(value) = annotation(&key) {
            let p = cpath.child("securityContext").child("seccompProfile");
            errs.extend(seccomp_annotation_matches_field(value, field, &p));
        }
    }
    errs
}

fn seccomp_annotation_matches_field(
    annotation: &str,
    field: &Value,
    path: &Path,
) -> Option<FieldError> {
    let type_mismatch = || {
        Some(FieldError::forbidden(
            path.child("type"),
            "seccomp type in annotation and field must match",
        ))
    };
    match str_of(field, "type") {
        "Unconfined" if annotation != "unconfined" => type_mismatch(),
        "RuntimeDefault" if annotation != "runtime/default" && annotation != "docker/default" => {
            type_mismatch()
        }
        "Localhost" => match annotation.strip_prefix("localhost/") {
            None => type_mismatch(),
            Some(profile)
                if obj(field, "localhostProfile").and_then(Value::as_str) != Some(profile) =>
            {
                Some(FieldError::forbidden(
                    path.child("localhostProfile"),
                    "seccomp profile in annotation and field must match",
                ))
            }
            Some(_) => None,
        },
        _ => None,
    }
}

/// `validateAppArmorAnnotationsAndFieldsMatchOnCreate`.
pub fn validate_apparmor_annotations_and_fields_match_on_create(
    metadata: &Value,
    spec: &Value,
    spec_path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if obj(spec, "os").map(|os| str_of(os, "name")) == Some("windows") {
        return errs;
    }
    let pod_profile = obj(spec, "securityContext").and_then(|sc| obj(sc, "appArmorProfile"));
    for (c, cpath) in visit_containers(spec, spec_path) {
        let profile = obj(c, "securityContext")
            .and_then(|sc| obj(sc, "appArmorProfile"))
            .or(pod_profile);
        let Some(profile) = profile else {
            continue;
        };
        let key = format!(
            "{APPARMOR_CONTAINER_ANNOTATION_KEY_PREFIX}{}",
            str_of(c, "name")
        );
        let Some(annotation) = obj(metadata, "annotations")
            .and_then(|a| a.get(key.as_str()))
            .and_then(Value::as_str)
        else {
            continue;
        };
        let p = cpath.child("securityContext").child("appArmorProfile");
        let type_mismatch = FieldError::forbidden(
            p.child("type"),
            "apparmor type in annotation and field must match",
        );
        match str_of(profile, "type") {
            "Unconfined" if annotation != "unconfined" => errs.push(type_mismatch),
            "RuntimeDefault" if annotation != "runtime/default" => errs.push(type_mismatch),
            "Localhost" => match annotation.strip_prefix("localhost/") {
                None => errs.push(type_mismatch),
                Some(name) => {
                    if obj(profile, "localhostProfile").and_then(Value::as_str) != Some(name) {
                        errs.push(FieldError::forbidden(
                            p.child("localhostProfile"),
                            "apparmor profile in annotation and field must match",
                        ));
                    }
                }
            },
            _ => {}
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::versions::Version;
    use serde_json::json;

    fn opts() -> PodValidationOptions {
        ValidationContext::new(Version::new(1, 35)).opts()
    }

    #[test]
    fn sysctl_rules() {
        let spec = json!({"hostIPC": true, "hostNetwork": true, "securityContext": {"sysctls": [
            {"name": "kernel.shm_rmid_forced", "value": "1"},
            {"name": "net.core.somaxconn", "value": "1"},
            {"name": "Bad..name", "value": "1"},
            {"name": "net.core.somaxconn", "value": "1"},
            {"name": "net/ipv4/ip_forward", "value": "1"}
        ]}});
        let got: Vec<String> =
            validate_pod_spec_security_context(&spec, &Path::new("spec.securityContext"), &opts())
                .iter()
                .map(FieldError::render)
                .collect();
        assert_eq!(
            got,
            vec![
                "spec.securityContext.sysctls[0].name: Invalid value: \"kernel.shm_rmid_forced\": may not be specified when 'hostIPC' is true",
                "spec.securityContext.sysctls[1].name: Invalid value: \"net.core.somaxconn\": may not be specified when 'hostNetwork' is true",
                "spec.securityContext.sysctls[2].name: Invalid value: \"Bad..name\": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$",
                "spec.securityContext.sysctls[3].name: Duplicate value: \"net.core.somaxconn\"",
                "spec.securityContext.sysctls[3].name: Invalid value: \"net.core.somaxconn\": may not be specified when 'hostNetwork' is true",
                "spec.securityContext.sysctls[4].name: Invalid value: \"net/ipv4/ip_forward\": may not be specified when 'hostNetwork' is true",
            ]
        );
    }

    #[test]
    fn seccomp_and_apparmor_fields() {
        let p = Path::new("spec.securityContext.seccompProfile");
        let got = validate_seccomp_profile_field(Some(&json!({"type": "Localhost"})), &p);
        assert_eq!(got[0].render(), "spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost");
        let got = validate_seccomp_profile_field(Some(&json!({"type": "Foo"})), &p);
        assert_eq!(got[0].render(), "spec.securityContext.seccompProfile.type: Unsupported value: \"Foo\": supported values: \"Localhost\", \"RuntimeDefault\", \"Unconfined\"");
        let a = Path::new("spec.securityContext.appArmorProfile");
        let got = validate_apparmor_profile_field(
            Some(&json!({"type": "Localhost", "localhostProfile": " x"})),
            &a,
        );
        assert_eq!(got[0].render(), "spec.securityContext.appArmorProfile.localhostProfile: Invalid value: \" x\": must not be padded with whitespace");
    }

    #[test]
    fn share_process_namespace_with_host_pid() {
        let spec = json!({"hostPID": true, "shareProcessNamespace": true});
        let got =
            validate_pod_spec_security_context(&spec, &Path::new("spec.securityContext"), &opts());
        assert_eq!(got[0].render(), "spec.securityContext.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled");
    }
}
