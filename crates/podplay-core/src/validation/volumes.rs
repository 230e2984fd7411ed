//! `ValidateVolumes` and every `validate*VolumeSource` of pkg/apis/core/validation.
//!
//! Volume sources are checked in the internal `VolumeSource` field order; the first source
//! counts, every further one is `Forbidden: may not specify more than 1 volume type`. A volume
//! with any error is left out of the returned map (Go's `vols`), so mounts naming it are
//! reported as not found.

use super::affinity::validate_label_selector;
use super::containers::{self, ValidVolumes};
use super::meta::{validate_annotations, validate_labels};
use super::names;
use super::pod_security::{validate_local_descending_path, validate_path_no_backsteps};
use super::{arr, bool_of, int_of, obj, str_of, validate_dns1123_label};
use super::{PodValidationOptions, ValidationContext};
use crate::field::{go_syntax_strings, FieldError, Path};
use crate::quantity::Quantity;
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

/// `validateEphemeralVolumeSource` with the parts of `ValidatePersistentVolumeClaimTemplate`
/// that a pod author can get wrong: template metadata, access modes, selector, storage request,
/// storage class, volume mode, data sources and volume attributes class.
fn ephemeral(
    v: &Value,
    p: &Path,
    _: &PodValidationOptions,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let Some(template) = obj(v, "volumeClaimTemplate") else {
        return vec![FieldError::required(p.child("volumeClaimTemplate"), "")];
    };
    let tp = p.child("volumeClaimTemplate");
    let empty = Value::Object(Default::default());
    let meta = obj(template, "metadata").unwrap_or(&empty);
    let mut errs = validate_annotations(
        obj(meta, "annotations"),
        &tp.child("metadata").child("annotations"),
        ctx,
    );
    errs.extend(validate_labels(
        obj(meta, "labels"),
        &tp.child("metadata").child("labels"),
        ctx,
    ));
    errs.extend(template_meta_allow_list(meta, &tp.child("metadata")));
    let spec = obj(template, "spec").unwrap_or(&empty);
    let sp = tp.child("spec");
    let modes = arr(spec, "accessModes");
    if modes.is_empty() {
        errs.push(FieldError::required(
            sp.child("accessModes"),
            "at least 1 access mode is required",
        ));
    }
    if let Some(selector) = obj(spec, "selector") {
        errs.extend(validate_label_selector(
            Some(selector),
            false,
            &sp.child("selector"),
            ctx,
        ));
    }
    const MODES: &[&str] = &[
        "ReadOnlyMany",
        "ReadWriteMany",
        "ReadWriteOnce",
        "ReadWriteOncePod",
    ];
    let (mut rwop, mut other) = (false, false);
    for mode in modes {
        let mode = mode.as_str().unwrap_or("");
        if !MODES.contains(&mode) {
            errs.push(FieldError::not_supported(
                sp.child("accessModes"),
                mode,
                MODES,
            ));
        }
        if mode == "ReadWriteOncePod" {
            rwop = true;
        } else if MODES.contains(&mode) {
            other = true;
        }
    }
    if rwop && other {
        errs.push(FieldError::forbidden(
            sp.child("accessModes"),
            "may not use ReadWriteOncePod with other access modes",
        ));
    }
    // ValidatePositiveQuantityValue on requests[storage] (the value as Quantity.String()).
    let storage_path = sp.child("resources").key("storage");
    match obj(spec, "resources")
        .and_then(|r| obj(r, "requests"))
        .and_then(|r| obj(r, "storage"))
    {
        None => errs.push(FieldError::required(storage_path, "")),
        Some(q) => {
            let text = match q {
                Value::String(s) => s.clone(),
                other => crate::go::json::compact(other),
            };
            if let Ok(q) = Quantity::parse(&text) {
                if q.sign() <= 0 {
                    errs.push(FieldError::invalid(
                        storage_path,
                        q.canonical(),
                        "must be greater than zero",
                    ));
                }
            }
        }
    }
    let class = str_of(spec, "storageClassName");
    if !class.is_empty() {
        for msg in names::name_is_dns_subdomain(class, false) {
            errs.push(FieldError::invalid(
                sp.child("storageClassName"),
                class,
                msg,
            ));
        }
    }
    if let Some(mode) = obj(spec, "volumeMode") {
        let mode = mode.as_str().unwrap_or("");
        if mode != "Block" && mode != "Filesystem" {
            errs.push(FieldError::not_supported(
                sp.child("volumeMode"),
                mode,
                &["Block", "Filesystem"],
            ));
        }
    }
    errs.extend(claim_data_sources(spec, &sp));
    // VolumeAttributesClass is GA (on) in every supported version.
    let attributes_class = str_of(spec, "volumeAttributesClassName");
    if !attributes_class.is_empty() {
        for msg in names::name_is_dns_subdomain(attributes_class, false) {
            errs.push(FieldError::invalid(
                sp.child("volumeAttributesClassName"),
                attributes_class,
                msg,
            ));
        }
    }
    errs
}

/// `ValidatePersistentVolumeClaimSpec`'s data source part: `validateDataSource`,
/// `validateDataSourceRef`, then how the two must agree.
fn claim_data_sources(spec: &Value, sp: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let source = obj(spec, "dataSource");
    let source_ref = obj(spec, "dataSourceRef");
    if let Some(source) = source {
        errs.extend(data_source_reference(source, &sp.child("dataSource")));
    }
    if let Some(source_ref) = source_ref {
        let rp = sp.child("dataSourceRef");
        errs.extend(data_source_reference(source_ref, &rp));
        let namespace = str_of(source_ref, "namespace");
        if !namespace.is_empty() {
            for msg in names::name_is_dns_label(namespace, false) {
                errs.push(FieldError::invalid(rp.child("namespace"), namespace, msg));
            }
        }
    }
    // The bad value is a *field.Path, which encoding/json prints as {}.
    let path_value = || Value::Object(Default::default());
    let ref_namespace = source_ref.map_or("", |r| str_of(r, "namespace"));
    if !ref_namespace.is_empty() {
        if source.is_some() {
            errs.push(FieldError::invalid(
                sp,
                path_value(),
                "may not be specified when dataSourceRef.namespace is specified",
            ));
        }
    } else if let (Some(source), Some(source_ref)) = (source, source_ref) {
        // isDataSourceEqualDataSourceRef: apiGroup pointers compared deeply (nil ≠ "").
        let same = source.get("apiGroup").filter(|g| !g.is_null())
            == source_ref.get("apiGroup").filter(|g| !g.is_null())
            && str_of(source, "kind") == str_of(source_ref, "kind")
            && str_of(source, "name") == str_of(source_ref, "name");
        if !same {
            errs.push(FieldError::invalid(
                sp,
                path_value(),
                "must match dataSourceRef",
            ));
        }
    }
    errs
}

/// The checks `validateDataSource` and `validateDataSourceRef` share: name, kind, and the
/// API group (core only for PersistentVolumeClaim, otherwise a DNS subdomain).
fn data_source_reference(reference: &Value, p: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if str_of(reference, "name").is_empty() {
        errs.push(FieldError::required(p.child("name"), ""));
    }
    let kind = str_of(reference, "kind");
    if kind.is_empty() {
        errs.push(FieldError::required(p.child("kind"), ""));
    }
    let api_group = str_of(reference, "apiGroup");
    if api_group.is_empty() && kind != "PersistentVolumeClaim" {
        errs.push(FieldError::invalid(
            p,
            kind,
            "must be 'PersistentVolumeClaim' when referencing the default apiGroup",
        ));
    }
    for msg in names::is_dns1123_subdomain(api_group) {
        if !api_group.is_empty() {
            errs.push(FieldError::invalid(p.child("apiGroup"), api_group, msg));
        }
    }
    errs
}

/// `ValidateTemplateObjectMeta`'s `validateFieldAllowList`: a claim template's metadata may
/// only carry labels and annotations; every other set field is `Forbidden: cannot be set`, in
/// Go's `ObjectMeta` field order with the Go field name's first letter lowered (so `uID`).
fn template_meta_allow_list(meta: &Value, path: &Path) -> Vec<FieldError> {
    const FIELDS: &[(&str, &str)] = &[
        ("name", "name"),
        ("generateName", "generateName"),
        ("namespace", "namespace"),
        ("selfLink", "selfLink"),
        ("uid", "uID"),
        ("resourceVersion", "resourceVersion"),
        ("generation", "generation"),
        ("creationTimestamp", "creationTimestamp"),
        ("deletionTimestamp", "deletionTimestamp"),
        ("deletionGracePeriodSeconds", "deletionGracePeriodSeconds"),
        ("ownerReferences", "ownerReferences"),
        ("finalizers", "finalizers"),
        ("managedFields", "managedFields"),
    ];
    let is_zero = |v: &Value| match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Number(n) => n.as_f64() == Some(0.0),
        // reflect.DeepEqual tells a non-nil empty slice (`finalizers: []`) from nil.
        Value::Array(_) => false,
        Value::Object(o) => o.is_empty(),
        Value::Bool(b) => !b,
    };
    FIELDS
        .iter()
        .filter(|(json_name, _)| meta.get(*json_name).is_some_and(|v| !is_zero(v)))
        .map(|(_, go_name)| FieldError::forbidden(path.child(go_name), "cannot be set"))
        .collect()
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

/// `validateProjectedVolumeSource` + `validateProjectionSources`.
fn projected(
    v: &Value,
    p: &Path,
    opts: &PodValidationOptions,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    file_mode(v, "defaultMode", p, &mut errs);
    let mut all_paths: Vec<String> = Vec::new();
    let mut note_path = |path: &str, bad: Value, errs: &mut Vec<FieldError>| {
        if all_paths.iter().any(|x| x == path) {
            errs.push(FieldError::invalid(p, bad, "conflicting duplicate paths"));
        } else {
            all_paths.push(path.to_string());
        }
    };
    for (i, source) in arr(v, "sources").iter().enumerate() {
        let mut num_sources = 0;
        let sp = p.child("sources").index(i);
        for key in ["secret", "configMap"] {
            if let Some(s) = obj(source, key) {
                num_sources += 1;
                let pp = sp.child(key);
                let name = str_of(s, "name");
                if name.is_empty() {
                    errs.push(FieldError::required(pp.child("name"), ""));
                }
                for (j, kp) in arr(s, "items").iter().enumerate() {
                    errs.extend(key_to_path(kp, &pp.child("items").index(j)));
                    let path = str_of(kp, "path");
                    if !path.is_empty() {
                        note_path(path, Value::from(name), &mut errs);
                    }
                }
            }
        }
        if let Some(d) = obj(source, "downwardAPI") {
            num_sources += 1;
            let pp = sp.child("downwardAPI");
            for file in arr(d, "items") {
                errs.extend(downward_api_file(file, &pp, ctx));
                let path = str_of(file, "path");
                if !path.is_empty() {
                    note_path(path, Value::from(path), &mut errs);
                }
            }
        }
        if let Some(t) = obj(source, "serviceAccountToken") {
            num_sources += 1;
            let pp = sp.child("serviceAccountToken");
            let expiration = int_of(t, "expirationSeconds");
            if expiration < 600 {
                errs.push(FieldError::invalid(
                    pp.child("expirationSeconds"),
                    expiration,
                    "may not specify a duration less than 10 minutes",
                ));
            }
            if expiration > 1 << 32 {
                errs.push(FieldError::invalid(
                    pp.child("expirationSeconds"),
                    expiration,
                    "may not specify a duration larger than 2^32 seconds",
                ));
            }
            let path = str_of(t, "path");
            if path.is_empty() {
                // Go reports this at the projected path, not the source.
                errs.push(FieldError::required(p.child("path"), ""));
            } else if !opts.allow_non_local_projected_token_path {
                errs.extend(validate_local_non_reserved_path(path, &p.child("path")));
            }
        }
        if let Some(b) = obj(source, "clusterTrustBundle") {
            num_sources += 1;
            let pp = sp.child("clusterTrustBundle");
            let name = obj(b, "name");
            let signer = obj(b, "signerName");
            match (name, signer) {
                (Some(_), Some(_)) => errs.push(FieldError::invalid(
                    &pp,
                    // The internal struct has no JSON tags.
                    serde_json::json!({
                        "Name": name,
                        "SignerName": signer,
                        "LabelSelector": obj(b, "labelSelector"),
                        "Optional": obj(b, "optional"),
                        "Path": str_of(b, "path"),
                    }),
                    "only one of name and signerName may be used",
                )),
                (Some(name), None) => {
                    if name.as_str().unwrap_or("").is_empty() {
                        errs.push(FieldError::required(
                            pp.child("name"),
                            "must be a valid object name",
                        ));
                    }
                    if obj(b, "labelSelector").is_some() {
                        errs.push(FieldError::invalid(
                            pp.child("labelSelector"),
                            b["labelSelector"].clone(),
                            "labelSelector must be unset if name is specified",
                        ));
                    }
                }
                (None, Some(signer)) => {
                    if signer.as_str().unwrap_or("").is_empty() {
                        errs.push(FieldError::required(
                            pp.child("signerName"),
                            "must be a valid signer name",
                        ));
                    }
                    errs.extend(validate_label_selector(
                        obj(b, "labelSelector"),
                        false,
                        &pp.child("labelSelector"),
                        ctx,
                    ));
                }
                (None, None) => errs.push(FieldError::required(
                    &pp,
                    "either name or signerName must be specified",
                )),
            }
            let path = str_of(b, "path");
            if path.is_empty() {
                errs.push(FieldError::required(pp.child("path"), ""));
            }
            errs.extend(validate_local_non_reserved_path(path, &pp.child("path")));
            note_path(path, Value::from(path), &mut errs);
        }
        if let Some(c) = obj(source, "podCertificate") {
            num_sources += 1;
            let pp = sp.child("podCertificate");
            const KEY_TYPES: &[&str] = &[
                "RSA3072",
                "RSA4096",
                "ECDSAP256",
                "ECDSAP384",
                "ECDSAP521",
                "ED25519",
            ];
            let key_type = str_of(c, "keyType");
            if !KEY_TYPES.contains(&key_type) {
                errs.push(
                    FieldError::not_supported(pp.child("keyType"), key_type, KEY_TYPES)
                        // PodCertificateProjection.KeyType is a plain string.
                        .plain_string(),
                );
            }
            let mut num_paths = 0;
            for key in ["credentialBundlePath", "keyPath", "certificateChainPath"] {
                let path = str_of(c, key);
                if !path.is_empty() {
                    num_paths += 1;
                    errs.extend(validate_local_non_reserved_path(path, &pp.child(key)));
                    note_path(path, Value::from(path), &mut errs);
                }
            }
            if num_paths == 0 {
                errs.push(FieldError::required(
                    &pp,
                    "specify at least one of credentialBundlePath, keyPath, and certificateChainPath",
                ));
            }
        }
        if num_sources > 1 {
            errs.push(FieldError::forbidden(
                &sp,
                "may not specify more than 1 volume type per source",
            ));
        }
    }
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
