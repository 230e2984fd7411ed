//! What the conformance tests share: the versions whose cases are in the repository and
//! where each version's create-pipeline cases are.
#![allow(dead_code)]

pub mod admit;
pub mod schedule;
pub mod tsv;

use podplay_core::versions::Version;
use serde_json::Value;
use std::path::PathBuf;

/// Every version the selector offers; each has `tests/conformance/k8s-1.XX/defaults`, computed
/// by that release (v1.33.5, v1.34.2, v1.35.4, v1.36.2).
pub const VERSIONS: &[Version] = &[
    Version::new(1, 33),
    Version::new(1, 34),
    Version::new(1, 35),
    Version::new(1, 36),
];

/// `tests/conformance/k8s-<version>/defaults`.
pub fn defaults_dir(version: Version) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../tests/conformance/k8s-{version}/defaults"))
}

/// The case directories of a version, sorted by name.
pub fn case_dirs(version: Version) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(defaults_dir(version))
        .expect("conformance cases are in the repository")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// A case's `expected.json`, with v1.33's `creationTimestamp: null` dropped (its README: a
/// zero time marshals as null there, which later releases omit; treat it as absent).
pub fn expected(dir: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(dir.join("expected.json")).expect("expected.json");
    let mut v: Value = serde_json::from_str(&text).expect("expected.json is JSON");
    drop_null_creation_timestamps(&mut v);
    v
}

fn drop_null_creation_timestamps(v: &mut Value) {
    match v {
        Value::Array(items) => items.iter_mut().for_each(drop_null_creation_timestamps),
        Value::Object(map) => {
            if map.get("creationTimestamp").is_some_and(Value::is_null) {
                map.remove("creationTimestamp");
            }
            map.values_mut().for_each(drop_null_creation_timestamps);
        }
        _ => {}
    }
}

/// The case's name (its directory's).
pub fn name(dir: &std::path::Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
