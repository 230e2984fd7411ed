//! `ValidateVolumeMounts` and `ValidateVolumeDevices`.
//!
//! Go quirk kept on purpose: subPath, subPathExpr, mountPropagation and recursiveReadOnly
//! errors are reported on the list path (`volumeMounts.subPath`), not on the entry.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{flag, list, object, text, ValidVolumes};
use crate::field::{FieldError, Path};
use crate::validation::pod_security::validate_local_descending_path;

/// `ValidateVolumeMounts` for one container.
pub(super) fn validate_volume_mounts(
    ctr: &Value,
    volumes: &ValidVolumes,
    path: &Path,
) -> Vec<FieldError> {
    // Go builds name -> devicePath maps, so a later entry with the same name wins.
    let devices = name_to_path(list(ctr, "volumeDevices"), "devicePath");
    let device_paths = set_of(devices.values().copied());
    let privileged = object(ctr, "securityContext")
        .map(|sc| flag(sc, "privileged"))
        .unwrap_or(false);

    let mut errs = Vec::new();
    let mut mount_points: BTreeSet<&str> = BTreeSet::new();
    for (i, mount) in list(ctr, "volumeMounts").iter().enumerate() {
        let p = path.index(i);
        let name = text(mount, "name");
        let mount_path = text(mount, "mountPath");
        if name.is_empty() {
            errs.push(FieldError::required(p.child("name"), ""));
        }
        if !volumes.contains_key(name) {
            errs.push(FieldError::not_found(p.child("name"), name));
        }
        if mount_path.is_empty() {
            errs.push(FieldError::required(p.child("mountPath"), ""));
        }
        if !mount_points.insert(mount_path) {
            errs.push(FieldError::invalid(
                p.child("mountPath"),
                mount_path,
                "must be unique",
            ));
        }
        if devices.contains_key(name) {
            errs.push(FieldError::invalid(
                p.child("name"),
                name,
                "must not already exist in volumeDevices",
            ));
        }
        if device_paths.contains(mount_path) {
            errs.push(FieldError::invalid(
                p.child("mountPath"),
                mount_path,
                "must not already exist as a path in volumeDevices",
            ));
        }

        let sub_path = text(mount, "subPath");
        if !sub_path.is_empty() {
            errs.extend(validate_local_descending_path(
                sub_path,
                &path.child("subPath"),
            ));
        }
        let sub_path_expr = text(mount, "subPathExpr");
        if !sub_path_expr.is_empty() {
            if !sub_path.is_empty() {
                errs.push(FieldError::invalid(
                    p.child("subPathExpr"),
                    sub_path_expr,
                    "subPathExpr and subPath are mutually exclusive",
                ));
            }
            errs.extend(validate_local_descending_path(
                sub_path_expr,
                &path.child("subPathExpr"),
            ));
        }

        let propagation = object(mount, "mountPropagation").and_then(Value::as_str);
        if let Some(mode) = propagation {
            errs.extend(validate_mount_propagation(
                mode,
                privileged,
                &path.child("mountPropagation"),
            ));
        }
        errs.extend(validate_recursive_read_only(
            mount,
            propagation,
            &path.child("recursiveReadOnly"),
        ));
    }
    errs
}

/// `validateMountPropagation`.
fn validate_mount_propagation(mode: &str, privileged: bool, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if !matches!(mode, "Bidirectional" | "HostToContainer" | "None") {
        errs.push(FieldError::not_supported(
            path,
            mode,
            &["Bidirectional", "HostToContainer", "None"],
        ));
    }
    if mode == "Bidirectional" && !privileged {
        errs.push(FieldError::forbidden(
            path,
            "Bidirectional mount propagation is available only to privileged containers",
        ));
    }
    errs
}

/// `validateMountRecursiveReadOnly`.
fn validate_recursive_read_only(
    mount: &Value,
    propagation: Option<&str>,
    path: &Path,
) -> Vec<FieldError> {
    let Some(mode) = object(mount, "recursiveReadOnly").and_then(Value::as_str) else {
        return Vec::new();
    };
    let mut errs = Vec::new();
    match mode {
        "Disabled" => {}
        "Enabled" | "IfPossible" => {
            if !flag(mount, "readOnly") {
                errs.push(FieldError::forbidden(
                    path,
                    "may only be specified when readOnly is true",
                ));
            }
            if propagation.is_some_and(|m| m != "None") {
                errs.push(FieldError::forbidden(
                    path,
                    "may only be specified when mountPropagation is None or not specified",
                ));
            }
        }
        other => errs.push(FieldError::not_supported(
            path,
            other,
            &["Disabled", "Enabled", "IfPossible"],
        )),
    }
    errs
}

/// `ValidateVolumeDevices` for one container (block devices need a PVC-backed volume).
pub(super) fn validate_volume_devices(
    ctr: &Value,
    volumes: &ValidVolumes,
    path: &Path,
) -> Vec<FieldError> {
    let mounts = name_to_path(list(ctr, "volumeMounts"), "mountPath");
    let mount_paths = set_of(mounts.values().copied());

    let mut errs = Vec::new();
    let mut device_paths: BTreeSet<&str> = BTreeSet::new();
    let mut device_names: BTreeSet<&str> = BTreeSet::new();
    for (i, device) in list(ctr, "volumeDevices").iter().enumerate() {
        let p = path.index(i);
        let name = text(device, "name");
        let device_path = text(device, "devicePath");
        let volume = volumes.get(name);
        let is_pvc = volume.is_some_and(|v| {
            object(v, "persistentVolumeClaim").is_some() || object(v, "ephemeral").is_some()
        });
        if name.is_empty() {
            errs.push(FieldError::required(p.child("name"), ""));
        }
        if device_names.contains(name) {
            errs.push(FieldError::invalid(p.child("name"), name, "must be unique"));
        }
        if volume.is_some() && !is_pvc {
            errs.push(FieldError::invalid(
                p.child("name"),
                name,
                "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode",
            ));
        }
        if volume.is_none() {
            errs.push(FieldError::not_found(p.child("name"), name));
        }
        if device_path.is_empty() {
            errs.push(FieldError::required(p.child("devicePath"), ""));
        }
        if device_paths.contains(device_path) {
            errs.push(FieldError::invalid(
                p.child("devicePath"),
                device_path,
                "must be unique",
            ));
        }
        if !device_path.is_empty() && device_path.split('/').any(|part| part == "..") {
            errs.push(FieldError::invalid(
                p.child("devicePath"),
                device_path,
                "can not contain backsteps ('..')",
            ));
        } else {
            device_paths.insert(device_path);
        }
        if mounts.contains_key(name) {
            errs.push(FieldError::invalid(
                p.child("name"),
                name,
                "must not already exist in volumeMounts",
            ));
        }
        if mount_paths.contains(device_path) {
            errs.push(FieldError::invalid(
                p.child("devicePath"),
                device_path,
                "must not already exist as a path in volumeMounts",
            ));
        }
        if !name.is_empty() {
            device_names.insert(name);
        }
    }
    errs
}

/// `GetVolumeMountMap` / `GetVolumeDeviceMap`: name -> path, later entries winning.
fn name_to_path<'a>(entries: &'a [Value], path_field: &str) -> BTreeMap<&'a str, &'a str> {
    // Inserted one by one (later entries win, as with `collect`): collecting into a B-tree
    // compiles in the standard library's stable sort, kilobytes of WebAssembly.
    let mut map = BTreeMap::new();
    for e in entries {
        map.insert(text(e, "name"), text(e, path_field));
    }
    map
}

/// The set of `items` (built by inserting; see `name_to_path` for why not `collect`).
pub(super) fn set_of<'a>(items: impl IntoIterator<Item = &'a str>) -> BTreeSet<&'a str> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}
