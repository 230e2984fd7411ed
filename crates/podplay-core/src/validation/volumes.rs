//! `ValidateVolumes` and every `validate*VolumeSource` of pkg/apis/core/validation (the
//! ephemeral and projected ones in `volumes/`).
//!
//! Volume sources are checked in the internal `VolumeSource` field order; the first source
//! counts, every further one is `Forbidden: may not specify more than 1 volume type`. A volume
//! with any error is left out of the returned map (Go's `vols`), so mounts naming it are
//! reported as not found.

mod ephemeral;
mod projected;

use super::containers::{self, ValidVolumes};
use super::names;
use super::pod_security::{validate_local_descending_path, validate_path_no_backsteps};
use super::{arr, bool_of, int_of, obj, str_of, validate_dns1123_label};
use super::{PodValidationOptions, ValidationContext};
use crate::field::{go_syntax_strings, FieldError, Path};
use ephemeral::ephemeral;
use projected::projected;
use serde_json::Value;

const FILE_MODE_ERROR_MSG: &str = "must be a number between 0 and 0777 (octal), both inclusive";
const MORE_THAN_ONE: &str = "may not specify more than 1 volume type";

/// `ValidateVolumes`: returns the volumes that passed, by name, and the errors.
pub fn validate_volumes<'a>(
    spec: &'a Value,
    metadata: &Value,
    path: &Path,
    opts: &PodValidationOptions,
    ctx: &ValidationContext,
) -> (ValidVolumes<'a>, Vec<FieldError>) {
    let mut errs = Vec::new();
    let mut valid: ValidVolumes<'a> = ValidVolumes::new();
    let mut all_names: Vec<&str> = Vec::new();
    let pod_name = str_of(metadata, "name");
    let volumes = arr(spec, "volumes");
    // PVCs that this pod's ephemeral volumes will create (needs the final pod name).
    let created_pvcs: Vec<String> = if pod_name.is_empty() {
        Vec::new()
    } else {
        volumes
            .iter()
            .filter(|v| obj(v, "ephemeral").is_some())
            .map(|v| format!("{pod_name}-{}", str_of(v, "name")))
            .collect()
    };
    for (i, vol) in volumes.iter().enumerate() {
        let idx_path = path.index(i);
        let name = str_of(vol, "name");
        let name_path = idx_path.child("name");
        let mut el = validate_volume_source(vol, &idx_path, name, pod_name, opts, ctx);
        if name.is_empty() {
            el.push(FieldError::required(&name_path, ""));
        } else {
            el.extend(validate_dns1123_label(name, &name_path));
        }
        if all_names.contains(&name) {
            el.push(FieldError::duplicate(&name_path, name));
        }
        if el.is_empty() {
            all_names.push(name);
            valid.insert(name, vol);
        } else {
            errs.extend(el);
        }
        if let Some(pvc) = obj(vol, "persistentVolumeClaim") {
            let claim = str_of(pvc, "claimName");
            if created_pvcs.iter().any(|c| c == claim) {
                errs.push(FieldError::invalid(
                    idx_path.child("persistentVolumeClaim").child("claimName"),
                    claim,
                    "must not reference a PVC that gets created for an ephemeral volume",
                ));
            }
        }
    }
    (valid, errs)
}

/// `validateVolumeSource`.
fn validate_volume_source(
    vol: &Value,
    path: &Path,
    vol_name: &str,
    pod_name: &str,
    opts: &PodValidationOptions,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut count = 0;
    // (JSON key, path used for the "more than 1" error, path used for the source's own checks)
    // Go's paths have two quirks kept here: `persistentDisk` for gcePersistentDisk checks,
    // `downwarAPI` for the duplicate-type error, `cephFS`/`cephfs`.
    type Check = fn(&Value, &Path, &PodValidationOptions, &ValidationContext) -> Vec<FieldError>;
    let sources: &[(&str, &str, &str, Check)] = &[
        ("emptyDir", "emptyDir", "emptyDir", empty_dir),
        ("hostPath", "hostPath", "hostPath", host_path),
        ("gitRepo", "gitRepo", "gitRepo", git_repo),
        (
            "gcePersistentDisk",
            "gcePersistentDisk",
            "persistentDisk",
            gce_pd,
        ),
        (
            "awsElasticBlockStore",
            "awsElasticBlockStore",
            "awsElasticBlockStore",
            aws_ebs,
        ),
        ("secret", "secret", "secret", secret),
        ("nfs", "nfs", "nfs", nfs),
        ("iscsi", "iscsi", "iscsi", iscsi),
        ("glusterfs", "glusterfs", "glusterfs", glusterfs),
        ("flocker", "flocker", "flocker", flocker),
        (
            "persistentVolumeClaim",
            "persistentVolumeClaim",
            "persistentVolumeClaim",
            pvc,
        ),
        ("rbd", "rbd", "rbd", rbd),
        ("cinder", "cinder", "cinder", cinder),
        ("cephfs", "cephFS", "cephfs", cephfs),
        ("quobyte", "quobyte", "quobyte", quobyte),
        ("downwardAPI", "downwarAPI", "downwardAPI", downward_api),
        ("fc", "fc", "fc", fc),
        ("flexVolume", "flexVolume", "flexVolume", flex),
        ("configMap", "configMap", "configMap", config_map),
        ("azureFile", "azureFile", "azureFile", azure_file),
        ("vsphereVolume", "vsphereVolume", "vsphereVolume", vsphere),
        (
            "photonPersistentDisk",
            "photonPersistentDisk",
            "photonPersistentDisk",
            photon,
        ),
        (
            "portworxVolume",
            "portworxVolume",
            "portworxVolume",
            portworx,
        ),
        ("azureDisk", "azureDisk", "azureDisk", azure_disk),
        ("storageos", "storageos", "storageos", storageos),
        ("projected", "projected", "projected", projected),
        ("scaleIO", "scaleIO", "scaleIO", scale_io),
        ("csi", "csi", "csi", csi),
        ("ephemeral", "ephemeral", "ephemeral", ephemeral),
        ("image", "image", "image", image),
    ];
    for (key, dup_path, check_path, check) in sources {
        let Some(source) = obj(vol, key) else {
            continue;
        };
        if count > 0 {
            errs.push(FieldError::forbidden(path.child(dup_path), MORE_THAN_ONE));
        } else {
            count += 1;
            errs.extend(check(source, &path.child(check_path), opts, ctx));
            if *key == "ephemeral" && !pod_name.is_empty() && !vol_name.is_empty() {
                let pvc_name = format!("{pod_name}-{vol_name}");
                for msg in names::name_is_dns_subdomain(&pvc_name, false) {
                    errs.push(FieldError::invalid(
                        path.child("name"),
                        vol_name,
                        format!("PVC name {}: {msg}", crate::go::strconv::quote(&pvc_name)),
                    ));
                }
            }
        }
        // The iSCSI name-length rule applies even when iscsi is a second source.
        if *key == "iscsi"
            && obj(source, "initiatorName").is_some()
            && vol_name.len() + 1 + str_of(source, "targetPortal").len() > 64
        {
            errs.push(FieldError::invalid(
                path.child("name"),
                vol_name,
                "Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.",
            ));
        }
    }
    if count == 0 {
        errs.push(FieldError::required(path, "must specify a volume type"));
    }
    errs
}

fn required_if_empty(v: &Value, key: &str, path: &Path, errs: &mut Vec<FieldError>) {
    if str_of(v, key).is_empty() {
        errs.push(FieldError::required(path.child(key), ""));
    }
}

fn file_mode(v: &Value, key: &str, path: &Path, errs: &mut Vec<FieldError>) {
    if let Some(mode) = obj(v, key).and_then(Value::as_i64) {
        if !(0..=0o777).contains(&mode) {
            errs.push(FieldError::invalid(
                path.child(key),
                mode,
                FILE_MODE_ERROR_MSG,
            ));
        }
    }
}

fn empty_dir(
    v: &Value,
    p: &Path,
    _: &PodValidationOptions,
    _: &ValidationContext,
) -> Vec<FieldError> {
    // A negative sizeLimit is the only check; quantities arrive in canonical form.
    match obj(v, "sizeLimit").and_then(Value::as_str) {
        Some(q) if q.starts_with('-') => {
            vec![FieldError::forbidden(
                p.child("sizeLimit"),
                "SizeLimit field must be a valid resource quantity",
            )]
        }
        _ => Vec::new(),
    }
}

fn host_path(
    v: &Value,
    p: &Path,
    _: &PodValidationOptions,
    _: &ValidationContext,
) -> Vec<FieldError> {
    let path = str_of(v, "path");
    if path.is_empty() {
        return vec![FieldError::required(p.child("path"), "")];
    }
    let mut errs = validate_path_no_backsteps(path, &p.child("path"));
    if let Some(kind) = obj(v, "type") {
        let kind = kind.as_str().unwrap_or("");
        const SUPPORTED: &[&str] = &[
            "",
            "BlockDevice",
            "CharDevice",
            "Directory",
            "DirectoryOrCreate",
            "File",
            "FileOrCreate",
            "Socket",
        ];
        if !SUPPORTED.contains(&kind) {
            errs.push(FieldError::not_supported(p.child("type"), kind, SUPPORTED));
        }
    }
    errs
}

fn git_repo(
    v: &Value,
    p: &Path,
    _: &PodValidationOptions,
    _: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(v, "repository", p, &mut errs);
    errs.extend(validate_local_descending_path(
        str_of(v, "directory"),
        &p.child("directory"),
    ));
    errs
}

fn partition(v: &Value, p: &Path, errs: &mut Vec<FieldError>) {
    let partition = int_of(v, "partition");
    if !(0..=255).contains(&partition) {
        errs.push(FieldError::invalid(
            p.child("partition"),
            partition,
            names::inclusive_range_error(1, 255),
        ));
    }
}

fn gce_pd(v: &Value, p: &Path, _: &PodValidationOptions, _: &ValidationContext) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(v, "pdName", p, &mut errs);
    partition(v, p, &mut errs);
    errs
}

fn aws_ebs(
    v: &Value,
    p: &Path,
    _: &PodValidationOptions,
    _: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(v, "volumeID", p, &mut errs);
    partition(v, p, &mut errs);
    errs
}

fn secret(v: &Value, p: &Path, _: &PodValidationOptions, _: &ValidationContext) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(v, "secretName", p, &mut errs);
    file_mode(v, "defaultMode", p, &mut errs);
    for (i, kp) in arr(v, "items").iter().enumerate() {
        errs.extend(key_to_path(kp, &p.child("items").index(i)));
    }
    errs
}

fn config_map(
    v: &Value,
    p: &Path,
    _: &PodValidationOptions,
    _: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(v, "name", p, &mut errs);
    file_mode(v, "defaultMode", p, &mut errs);
    for (i, kp) in arr(v, "items").iter().enumerate() {
        errs.extend(key_to_path(kp, &p.child("items").index(i)));
    }
    errs
}

/// `validateKeyToPath`.
fn key_to_path(kp: &Value, p: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(kp, "key", p, &mut errs);
    required_if_empty(kp, "path", p, &mut errs);
    errs.extend(validate_local_non_reserved_path(
        str_of(kp, "path"),
        &p.child("path"),
    ));
    file_mode(kp, "mode", p, &mut errs);
    errs
}

/// `ValidateLocalNonReservedPath`: relative, no `..` element, not starting with `..`.
pub fn validate_local_non_reserved_path(target: &str, p: &Path) -> Vec<FieldError> {
    let mut errs = validate_local_descending_path(target, p);
    if target.starts_with("..") && !target.starts_with("../") {
        errs.push(FieldError::invalid(p, target, "must not start with '..'"));
    }
    errs
}

fn pvc(v: &Value, p: &Path, _: &PodValidationOptions, _: &ValidationContext) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(v, "claimName", p, &mut errs);
    errs
}

fn nfs(v: &Value, p: &Path, _: &PodValidationOptions, _: &ValidationContext) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(v, "server", p, &mut errs);
    required_if_empty(v, "path", p, &mut errs);
    let path = str_of(v, "path");
    if !path.starts_with('/') {
        errs.push(FieldError::invalid(
            p.child("path"),
            path,
            "must be an absolute path",
        ));
    }
    errs
}

/// `iqn\.\d{4}-\d{2}\.([[:alnum:]-.]+)(:[^,;*&$|\s]+)$`, unanchored at the start.
fn iqn_matches(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len()).any(|start| iqn_matches_at(&b[start..]))
}

fn iqn_matches_at(b: &[u8]) -> bool {
    let Some(rest) = b.strip_prefix(b"iqn.") else {
        return false;
    };
    if rest.len() < 8
        || !rest[..4].iter().all(u8::is_ascii_digit)
        || rest[4] != b'-'
        || !rest[5..7].iter().all(u8::is_ascii_digit)
        || rest[7] != b'.'
    {
        return false;
    }
    let rest = &rest[8..];
    // ([[:alnum:]-.]+) then (:[^,;*&$|\s]+) to the end: try every colon as the split point.
    rest.iter().enumerate().any(|(i, &c)| {
        c == b':'
            && i > 0
            && rest[..i]
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'.')
            && rest.len() > i + 1
            && rest[i + 1..]
                .iter()
                .all(|c| !b",;*&$|".contains(c) && !c.is_ascii_whitespace() && *c != 0x0b)
    })
}

/// `^eui.[[:alnum:]]{16}$` / `^naa.[[:alnum:]]{32}$`.
fn eui_naa_matches(s: &str, prefix: &str, n: usize) -> bool {
    let Some(rest) = s.strip_prefix(prefix) else {
        return false;
    };
    let mut chars = rest.chars();
    chars.next().is_some() && {
        let tail: Vec<char> = chars.collect();
        tail.len() == n && tail.iter().all(char::is_ascii_alphanumeric)
    }
}

fn iscsi_name_ok(s: &str) -> bool {
    if s.starts_with("iqn") {
        iqn_matches(s)
    } else if s.starts_with("eui") {
        eui_naa_matches(s, "eui", 16)
    } else if s.starts_with("naa") {
        eui_naa_matches(s, "naa", 32)
    } else {
        true
    }
}

fn iscsi(v: &Value, p: &Path, _: &PodValidationOptions, _: &ValidationContext) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(v, "targetPortal", p, &mut errs);
    let iqn = str_of(v, "iqn");
    let known_prefix =
        |s: &str| s.starts_with("iqn") || s.starts_with("eui") || s.starts_with("naa");
    if iqn.is_empty() {
        errs.push(FieldError::required(p.child("iqn"), ""));
    } else if !known_prefix(iqn) {
        errs.push(FieldError::invalid(
            p.child("iqn"),
            iqn,
            "must be valid format starting with iqn, eui, or naa",
        ));
    } else if !iscsi_name_ok(iqn) {
        errs.push(FieldError::invalid(
            p.child("iqn"),
            iqn,
            "must be valid format",
        ));
    }
    let lun = int_of(v, "lun");
    if !(0..=255).contains(&lun) {
        errs.push(FieldError::invalid(
            p.child("lun"),
            lun,
            names::inclusive_range_error(0, 255),
        ));
    }
    if (bool_of(v, "chapAuthDiscovery") || bool_of(v, "chapAuthSession"))
        && obj(v, "secretRef").is_none()
    {
        errs.push(FieldError::required(p.child("secretRef"), ""));
    }
    if let Some(initiator) = obj(v, "initiatorName") {
        let initiator = initiator.as_str().unwrap_or("");
        let ip = p.child("initiatorname");
        if !known_prefix(initiator) {
            errs.push(FieldError::invalid(
                &ip,
                initiator,
                "must be valid format starting with iqn, eui, or naa",
            ));
        }
        if !iscsi_name_ok(initiator) {
            errs.push(FieldError::invalid(&ip, initiator, "must be valid format"));
        }
    }
    errs
}

fn glusterfs(
    v: &Value,
    p: &Path,
    _: &PodValidationOptions,
    _: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(v, "endpoints", p, &mut errs);
    required_if_empty(v, "path", p, &mut errs);
    errs
}

fn flocker(
    v: &Value,
    p: &Path,
    _: &PodValidationOptions,
    _: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let name = str_of(v, "datasetName");
    let uuid = str_of(v, "datasetUUID");
    if name.is_empty() && uuid.is_empty() {
        errs.push(FieldError::required(
            p,
            "one of datasetName and datasetUUID is required",
        ));
    }
    if !name.is_empty() && !uuid.is_empty() {
        errs.push(FieldError::invalid(
            p,
            "resource",
            "datasetName and datasetUUID can not be specified simultaneously",
        ));
    }
    if name.contains('/') {
        errs.push(FieldError::invalid(
            p.child("datasetName"),
            name,
            "must not contain '/'",
        ));
    }
    errs
}

fn rbd(v: &Value, p: &Path, _: &PodValidationOptions, _: &ValidationContext) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if arr(v, "monitors").is_empty() {
        errs.push(FieldError::required(p.child("monitors"), ""));
    }
    required_if_empty(v, "image", p, &mut errs);
    errs
}

fn secret_ref_name(v: &Value, p: &Path, errs: &mut Vec<FieldError>) {
    if let Some(secret_ref) = obj(v, "secretRef") {
        if str_of(secret_ref, "name").is_empty() {
            errs.push(FieldError::required(p.child("secretRef").child("name"), ""));
        }
    }
}

fn cinder(v: &Value, p: &Path, _: &PodValidationOptions, _: &ValidationContext) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(v, "volumeID", p, &mut errs);
    secret_ref_name(v, p, &mut errs);
    errs
}

fn cephfs(v: &Value, p: &Path, _: &PodValidationOptions, _: &ValidationContext) -> Vec<FieldError> {
    if arr(v, "monitors").is_empty() {
        vec![FieldError::required(p.child("monitors"), "")]
    } else {
        Vec::new()
    }
}

/// Go's `net.SplitHostPort` succeeds.
fn split_host_port_ok(s: &str) -> bool {
    if let Some(rest) = s.strip_prefix('[') {
        match rest.find(']') {
            Some(end) => rest[end + 1..].starts_with(':') && !rest[..end].contains('['),
            None => false,
        }
    } else {
        match s.rfind(':') {
            Some(i) => !s[..i].contains(':') && !s.contains('[') && !s.contains(']'),
            None => false,
        }
    }
}

fn quobyte(
    v: &Value,
    p: &Path,
    _: &PodValidationOptions,
    _: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let registry = str_of(v, "registry");
    const MSG: &str = "must be a host:port pair or multiple pairs separated by commas";
    if registry.is_empty() {
        errs.push(FieldError::required(p.child("registry"), MSG));
    } else if str_of(v, "tenant").len() >= 65 {
        errs.push(FieldError::required(
            p.child("tenant"),
            "must be a UUID and may not exceed a length of 64 characters",
        ));
    } else {
        for pair in registry.split(',') {
            if !split_host_port_ok(pair) {
                errs.push(FieldError::invalid(p.child("registry"), registry, MSG));
            }
        }
    }
    required_if_empty(v, "volume", p, &mut errs);
    errs
}

const VOLUME_DOWNWARD_API_PATHS: &[&str] = &[
    "metadata.annotations",
    "metadata.labels",
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
];

/// `validateDownwardAPIVolumeFile`; `p` is the source path (Go does not index the items).
fn downward_api_file(file: &Value, p: &Path, ctx: &ValidationContext) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(file, "path", p, &mut errs);
    errs.extend(validate_local_non_reserved_path(
        str_of(file, "path"),
        &p.child("path"),
    ));
    let field_ref = obj(file, "fieldRef");
    let resource_ref = obj(file, "resourceFieldRef");
    if let Some(field_ref) = field_ref {
        errs.extend(containers::validate_object_field_selector(
            field_ref,
            VOLUME_DOWNWARD_API_PATHS,
            &p.child("fieldRef"),
            &ctx.version,
        ));
        if resource_ref.is_some() {
            errs.push(FieldError::invalid(
                p,
                "resource",
                "fieldRef and resourceFieldRef can not be specified simultaneously",
            ));
        }
    } else if let Some(resource_ref) = resource_ref {
        errs.extend(containers::validate_container_resource_field_selector(
            resource_ref,
            &p.child("resourceFieldRef"),
            true,
        ));
    } else {
        errs.push(FieldError::required(
            p,
            "one of fieldRef and resourceFieldRef is required",
        ));
    }
    file_mode(file, "mode", p, &mut errs);
    errs
}

fn downward_api(
    v: &Value,
    p: &Path,
    _: &PodValidationOptions,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    file_mode(v, "defaultMode", p, &mut errs);
    for file in arr(v, "items") {
        errs.extend(downward_api_file(file, p, ctx));
    }
    errs
}

fn fc(v: &Value, p: &Path, _: &PodValidationOptions, ctx: &ValidationContext) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let wwns = arr(v, "targetWWNs");
    let wwids = arr(v, "wwids");
    if wwns.is_empty() && wwids.is_empty() {
        errs.push(FieldError::required(
            p.child("targetWWNs"),
            "must specify either targetWWNs or wwids, but not both",
        ));
    }
    if !wwns.is_empty() && !wwids.is_empty() {
        // The bad value is the []string (1.33 prints it with `%#v`).
        errs.push(
            FieldError::invalid(
                p.child("targetWWNs"),
                Value::Array(wwns.to_vec()),
                "targetWWNs and wwids can not be specified simultaneously",
            )
            .printed_with_go_syntax(&ctx.version, go_syntax_strings(wwns)),
        );
    }
    if !wwns.is_empty() {
        match obj(v, "lun").and_then(Value::as_i64) {
            None => errs.push(FieldError::required(
                p.child("lun"),
                "lun is required if targetWWNs is specified",
            )),
            Some(lun) if !(0..=255).contains(&lun) => errs.push(FieldError::invalid(
                p.child("lun"),
                lun,
                names::inclusive_range_error(0, 255),
            )),
            _ => {}
        }
    }
    errs
}

fn flex(v: &Value, p: &Path, _: &PodValidationOptions, _: &ValidationContext) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(v, "driver", p, &mut errs);
    for (k, _) in super::string_map(obj(v, "options")) {
        let namespace = k.split_once('/').map(|(ns, _)| ns).unwrap_or(k);
        let normalized = format!(".{}", namespace.to_lowercase());
        if normalized.ends_with(".kubernetes.io") || normalized.ends_with(".k8s.io") {
            errs.push(FieldError::invalid(
                p.child("options").key(k),
                k,
                "kubernetes.io and k8s.io namespaces are reserved",
            ));
        }
    }
    errs
}

fn azure_file(
    v: &Value,
    p: &Path,
    _: &PodValidationOptions,
    _: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(v, "secretName", p, &mut errs);
    required_if_empty(v, "shareName", p, &mut errs);
    errs
}

fn vsphere(
    v: &Value,
    p: &Path,
    _: &PodValidationOptions,
    _: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(v, "volumePath", p, &mut errs);
    errs
}

fn photon(v: &Value, p: &Path, _: &PodValidationOptions, _: &ValidationContext) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(v, "pdID", p, &mut errs);
    errs
}

fn portworx(
    v: &Value,
    p: &Path,
    _: &PodValidationOptions,
    _: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(v, "volumeID", p, &mut errs);
    errs
}

fn azure_disk(
    v: &Value,
    p: &Path,
    _: &PodValidationOptions,
    _: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(v, "diskName", p, &mut errs);
    required_if_empty(v, "diskURI", p, &mut errs);
    if let Some(mode) = obj(v, "cachingMode") {
        let mode = mode.as_str().unwrap_or("");
        if !["None", "ReadOnly", "ReadWrite"].contains(&mode) {
            errs.push(FieldError::not_supported(
                p.child("cachingMode"),
                mode,
                &["None", "ReadOnly", "ReadWrite"],
            ));
        }
    }
    let uri = str_of(v, "diskURI");
    if let Some(kind) = obj(v, "kind") {
        let kind = kind.as_str().unwrap_or("");
        if !["Dedicated", "Managed", "Shared"].contains(&kind) {
            errs.push(FieldError::not_supported(
                p.child("kind"),
                kind,
                &["Dedicated", "Managed", "Shared"],
            ));
        }
        if kind == "Managed" && !uri.starts_with("/subscriptions/") {
            errs.push(FieldError::not_supported(
                p.child("diskURI"),
                uri,
                &["/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}"],
            )
            .plain_string());
        }
        if kind != "Managed" && !uri.starts_with("https://") {
            errs.push(FieldError::not_supported(
                p.child("diskURI"),
                uri,
                &["https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd"],
            )
            .plain_string());
        }
    }
    errs
}

fn storageos(
    v: &Value,
    p: &Path,
    _: &PodValidationOptions,
    _: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let name = str_of(v, "volumeName");
    if name.is_empty() {
        errs.push(FieldError::required(p.child("volumeName"), ""));
    } else {
        errs.extend(validate_dns1123_label(name, &p.child("volumeName")));
    }
    let namespace = str_of(v, "volumeNamespace");
    if !namespace.is_empty() {
        errs.extend(validate_dns1123_label(
            namespace,
            &p.child("volumeNamespace"),
        ));
    }
    secret_ref_name(v, p, &mut errs);
    errs
}

fn scale_io(
    v: &Value,
    p: &Path,
    _: &PodValidationOptions,
    _: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    required_if_empty(v, "gateway", p, &mut errs);
    required_if_empty(v, "system", p, &mut errs);
    required_if_empty(v, "volumeName", p, &mut errs);
    errs
}

fn csi(v: &Value, p: &Path, _: &PodValidationOptions, ctx: &ValidationContext) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let driver = str_of(v, "driver");
    let dp = p.child("driver");
    // validation.go ValidateCSIDriverName: from 1.35 an empty name stops at Required; 1.33
    // and 1.34 go on and also report it as an invalid subdomain.
    let stop_at_required = ctx.version.behaviour("CSIDriverNameStopsAtRequired");
    if driver.is_empty() {
        errs.push(FieldError::required(&dp, ""));
    }
    if !driver.is_empty() || !stop_at_required {
        if driver.len() > 63 {
            errs.push(FieldError::too_long(&dp, 63));
        }
        for msg in names::is_dns1123_subdomain(&driver.to_lowercase()) {
            errs.push(FieldError::invalid(&dp, driver, msg));
        }
    }
    if let Some(secret_ref) = obj(v, "nodePublishSecretRef") {
        let name = str_of(secret_ref, "name");
        if name.is_empty() {
            errs.push(FieldError::required(
                p.child("nodePublishSecretRef").child("name"),
                "",
            ));
        } else {
            for msg in names::name_is_dns_subdomain(name, false) {
                // Go reports this at `csi.name`.
                errs.push(FieldError::invalid(p.child("name"), name, msg));
            }
        }
    }
    errs
}

fn image(
    v: &Value,
    p: &Path,
    opts: &PodValidationOptions,
    _: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if opts.resource_is_pod && str_of(v, "reference").is_empty() {
        errs.push(FieldError::required(p.child("reference"), ""));
    }
    errs.extend(containers::validate_pull_policy(
        str_of(v, "pullPolicy"),
        &p.child("pullPolicy"),
    ));
    errs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::versions::Version;
    use serde_json::json;

    fn run(spec: Value) -> Vec<String> {
        let ctx = ValidationContext::new(Version::new(1, 35));
        let (_, errs) = validate_volumes(
            &spec,
            &json!({"name": "p"}),
            &Path::new("spec.volumes"),
            &ctx.opts(),
            &ctx,
        );
        errs.iter().map(FieldError::render).collect()
    }

    #[test]
    fn volume_rules() {
        let got = run(json!({"volumes": [
            {"name": "a", "configMap": {"name": "c", "items": [{"key": "k", "path": "../a"}]}},
            {"name": "b"},
            {"name": "c", "emptyDir": {}, "hostPath": {"path": "/x"}},
            {"name": "c", "secret": {"secretName": "s", "defaultMode": 1000}},
            {"name": "d", "hostPath": {"path": "/x", "type": "Dir"}},
        ]}));
        assert_eq!(
            got,
            vec![
                "spec.volumes[0].configMap.items[0].path: Invalid value: \"../a\": must not contain '..'",
                "spec.volumes[1]: Required value: must specify a volume type",
                "spec.volumes[2].hostPath: Forbidden: may not specify more than 1 volume type",
                "spec.volumes[3].secret.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive",
                "spec.volumes[4].hostPath.type: Unsupported value: \"Dir\": supported values: \"\", \"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\"",
            ]
        );
    }

    #[test]
    fn duplicate_names_after_a_valid_volume() {
        let got = run(json!({"volumes": [
            {"name": "a", "emptyDir": {}},
            {"name": "a", "emptyDir": {}},
        ]}));
        assert_eq!(got, vec!["spec.volumes[1].name: Duplicate value: \"a\""]);
    }

    #[test]
    fn iscsi_names() {
        assert!(iqn_matches("iqn.2015-02.example.com:test"));
        assert!(!iqn_matches("iqn.2015-02.example.com"));
        assert!(eui_naa_matches("eui.02004567A425678D", "eui", 16));
        assert!(!eui_naa_matches("eui.02004567A425678", "eui", 16));
    }
}
