//! Environment: `ValidateEnv`, `validateEnvVarValueFrom` and its selectors, `ValidateEnvFrom`,
//! `validateFileKeyRefVolumes`. Downward API field paths are
//! `validEnvDownwardAPIFieldPathExpressions` (pkg/apis/core/validation/validation.go).

use serde_json::Value;

use super::{list, object, text, PodFacts};
use crate::containers::{spec_containers, ContainerKind};
use crate::field::{FieldError, Path};
use crate::quantity::Quantity;
use crate::validation::names;
use crate::versions::Version;

/// Downward API fields an env var may read (`validEnvDownwardAPIFieldPathExpressions`, sorted).
const ENV_FIELD_PATHS: &[&str] = &[
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

/// Container resources a `resourceFieldRef` may read, in env vars and downwardAPI volumes alike
/// (`validContainerResourceFieldPathExpressions`, sorted), plus the hugepages prefixes
/// (`validContainerResourceFieldPathPrefixesWithDownwardAPIHugePages`).
const RESOURCE_FIELD_PATHS: &[&str] = &[
    "limits.cpu",
    "limits.ephemeral-storage",
    "limits.memory",
    "requests.cpu",
    "requests.ephemeral-storage",
    "requests.memory",
];
const HUGEPAGES_PREFIXES: &[&str] = &["limits.hugepages-", "requests.hugepages-"];

/// Field labels `ConvertDownwardAPIFieldLabel` knows for v1 pods (before the env allow-list).
const CONVERTIBLE_FIELD_LABELS: &[&str] = &[
    "metadata.annotations",
    "metadata.labels",
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.serviceAccountName",
    "spec.schedulerName",
    "status.phase",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

/// Validates an environment variable name or envFrom prefix with the rule of this release.
fn env_name_errors(name: &str, facts: &PodFacts) -> Vec<String> {
    if facts.gate("RelaxedEnvironmentVariableValidation") {
        names::is_relaxed_env_var_name(name)
    } else {
        names::is_env_var_name(name)
    }
}

/// `ValidateEnv`.
pub(super) fn validate_env(vars: &[Value], path: &Path, facts: &PodFacts) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, var) in vars.iter().enumerate() {
        let p = path.index(i);
        let name = text(var, "name");
        if name.is_empty() {
            errs.push(FieldError::required(p.child("name"), ""));
        } else {
            for msg in env_name_errors(name, facts) {
                errs.push(FieldError::invalid(p.child("name"), name, msg));
            }
        }
        errs.extend(validate_value_from(var, &p.child("valueFrom"), facts));
    }
    errs
}

/// `validateEnvVarValueFrom`: exactly one source, and none together with `value`.
fn validate_value_from(var: &Value, path: &Path, facts: &PodFacts) -> Vec<FieldError> {
    let Some(from) = object(var, "valueFrom") else {
        return Vec::new();
    };
    let mut errs = Vec::new();
    let mut sources = 0;
    if let Some(r) = object(from, "fieldRef") {
        sources += 1;
        errs.extend(validate_object_field_selector(
            r,
            ENV_FIELD_PATHS,
            &path.child("fieldRef"),
            &facts.ctx.version,
        ));
    }
    if let Some(r) = object(from, "resourceFieldRef") {
        sources += 1;
        errs.extend(validate_container_resource_field_selector(
            r,
            &path.child("resourceFieldRef"),
            false,
        ));
    }
    if let Some(r) = object(from, "configMapKeyRef") {
        sources += 1;
        errs.extend(validate_key_selector(r, &path.child("configMapKeyRef")));
    }
    if let Some(r) = object(from, "secretKeyRef") {
        sources += 1;
        errs.extend(validate_key_selector(r, &path.child("secretKeyRef")));
    }
    if let Some(r) = object(from, "fileKeyRef") {
        sources += 1;
        errs.extend(validate_file_key_selector(r, &path.child("fileKeyRef")));
    }

    if sources == 0 {
        let msg = if facts.gate("EnvFiles") {
            "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`"
        } else {
            "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"
        };
        errs.push(FieldError::invalid(path, "", msg));
    } else if !text(var, "value").is_empty() {
        errs.push(FieldError::invalid(
            path,
            "",
            "may not be specified when `value` is not empty",
        ));
    } else if sources > 1 {
        errs.push(FieldError::invalid(
            path,
            "",
            "may not have more than one field specified at a time",
        ));
    }
    errs
}

/// `fieldpath.SplitMaybeSubscriptedPath`: `metadata.labels['key']` → (`metadata.labels`, `key`).
fn split_subscript(field_path: &str) -> Option<(&str, &str)> {
    let inner = field_path.strip_suffix("']")?;
    let (path, subscript) = inner.split_once("['")?;
    if path.is_empty() {
        return None;
    }
    Some((path, subscript))
}

/// `ConvertDownwardAPIFieldLabel` for v1 pods: the internal label, or the conversion error.
fn convert_field_label(api_version: &str, label: &str) -> Result<String, String> {
    if api_version != "v1" {
        return Err(format!("unsupported pod version: {api_version}"));
    }
    if let Some((path, _)) = split_subscript(label) {
        return match path {
            "metadata.annotations" | "metadata.labels" => Ok(label.to_string()),
            _ => Err(format!("field label does not support subscript: {label}")),
        };
    }
    if label == "spec.host" {
        // Old v1 clients' name for spec.nodeName.
        return Ok("spec.nodeName".to_string());
    }
    if CONVERTIBLE_FIELD_LABELS.contains(&label) {
        Ok(label.to_string())
    } else {
        Err(format!("field label not supported: {label}"))
    }
}

/// `validateObjectFieldSelector`: `valid_paths` is the allow-list of unsubscripted paths
/// (sorted, as the NotSupported message lists them); subscripted `metadata.labels['k']` and
/// `metadata.annotations['k']` keys must be qualified names. Also used for downwardAPI volumes.
pub fn validate_object_field_selector(
    selector: &Value,
    valid_paths: &[&str],
    path: &Path,
    version: &Version,
) -> Vec<FieldError> {
    let api_version = text(selector, "apiVersion");
    if api_version.is_empty() {
        return vec![FieldError::required(path.child("apiVersion"), "")];
    }
    let field_path = text(selector, "fieldPath");
    if field_path.is_empty() {
        return vec![FieldError::required(path.child("fieldPath"), "")];
    }
    let internal = match convert_field_label(api_version, field_path) {
        Ok(label) => label,
        Err(e) => {
            return vec![FieldError::invalid(
                path.child("fieldPath"),
                field_path,
                format!("error converting fieldPath: {e}"),
            )]
        }
    };
    let mut errs = Vec::new();
    match split_subscript(&internal) {
        Some(("metadata.annotations", key)) => {
            let key = key.to_lowercase();
            for msg in names::is_qualified_name(&key, version) {
                errs.push(FieldError::invalid(path, key.as_str(), msg));
            }
        }
        Some(("metadata.labels", key)) => {
            for msg in names::is_qualified_name(key, version) {
                errs.push(FieldError::invalid(path, key, msg));
            }
        }
        Some((other, _)) => {
            errs.push(FieldError::invalid(
                path,
                other,
                "does not support subscript",
            ));
        }
        None if !valid_paths.contains(&internal.as_str()) => {
            errs.push(
                FieldError::not_supported(path.child("fieldPath"), internal.as_str(), valid_paths)
                    // validateObjectFieldSelector passes the path as a plain string.
                    .plain_string(),
            );
        }
        None => {}
    }
    errs
}

/// `validateContainerResourceFieldSelector`: one of [`RESOURCE_FIELD_PATHS`] (listed in the
/// message) or a hugepages name; downwardAPI volume items (`volume: true`) also need a
/// containerName. Also used for downwardAPI volumes.
pub fn validate_container_resource_field_selector(
    selector: &Value,
    path: &Path,
    volume: bool,
) -> Vec<FieldError> {
    let (valid, prefixes) = (RESOURCE_FIELD_PATHS, HUGEPAGES_PREFIXES);
    let mut errs = Vec::new();
    let resource = text(selector, "resource");
    if volume && text(selector, "containerName").is_empty() {
        errs.push(FieldError::required(path.child("containerName"), ""));
    } else if resource.is_empty() {
        errs.push(FieldError::required(path.child("resource"), ""));
    } else if !valid.contains(&resource) && !prefixes.iter().any(|p| resource.starts_with(p)) {
        errs.push(
            FieldError::not_supported(path.child("resource"), resource, valid)
                // validateContainerResourceFieldSelector: `fs.Resource` is a plain string.
                .plain_string(),
        );
    }
    errs.extend(validate_divisor(resource, selector, path));
    errs
}

const DIVISORS_CPU: &[&str] = &["1m", "1"];
const DIVISORS_BYTES: &[&str] = &[
    "1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei",
];
const BYTES_LIST: &str = "1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei";

/// `validateContainerResourceDivisor`: an unset or zero divisor is fine; otherwise only a few
/// unit values per resource.
fn validate_divisor(resource: &str, selector: &Value, path: &Path) -> Vec<FieldError> {
    let Some(divisor) = selector.get("divisor").and_then(Value::as_str) else {
        return Vec::new();
    };
    let Ok(q) = Quantity::parse(divisor) else {
        return Vec::new();
    };
    if q.sign() == 0 {
        return Vec::new();
    }
    let canonical = q.canonical();
    let mut errs = Vec::new();
    let mut check = |allowed: &[&str], msg: String| {
        if !allowed.contains(&canonical.as_str()) {
            errs.push(FieldError::invalid(path.child("divisor"), resource, msg));
        }
    };
    match resource {
        "limits.cpu" | "requests.cpu" => check(
            DIVISORS_CPU,
            "only divisor's values 1m and 1 are supported with the cpu resource".to_string(),
        ),
        "limits.memory" | "requests.memory" => check(
            DIVISORS_BYTES,
            format!("only divisor's values {BYTES_LIST} are supported with the memory resource"),
        ),
        "limits.ephemeral-storage" | "requests.ephemeral-storage" => check(
            DIVISORS_BYTES,
            format!(
                "only divisor's values {BYTES_LIST} are supported with the local ephemeral storage resource"
            ),
        ),
        _ => {}
    }
    if HUGEPAGES_PREFIXES.iter().any(|p| resource.starts_with(p)) {
        check(
            DIVISORS_BYTES,
            format!("only divisor's values {BYTES_LIST} are supported with the hugepages resource"),
        );
    }
    errs
}

/// `validateConfigMapKeySelector` / `validateSecretKeySelector` (identical rules).
fn validate_key_selector(selector: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let name = text(selector, "name");
    for msg in names::name_is_dns_subdomain(name, false) {
        errs.push(FieldError::invalid(path.child("name"), name, msg));
    }
    let key = text(selector, "key");
    if key.is_empty() {
        errs.push(FieldError::required(path.child("key"), ""));
    } else {
        for msg in names::is_config_map_key(key) {
            errs.push(FieldError::invalid(path.child("key"), key, msg));
        }
    }
    errs
}

/// `validateFileKeySelector` (EnvFiles).
fn validate_file_key_selector(selector: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let key = text(selector, "key");
    if key.is_empty() {
        errs.push(FieldError::required(path.child("key"), ""));
    } else {
        for msg in names::is_relaxed_env_var_name(key) {
            errs.push(FieldError::invalid(path.child("key"), key, msg));
        }
    }
    let volume = text(selector, "volumeName");
    if volume.is_empty() {
        errs.push(FieldError::required(path.child("volumeName"), ""));
    } else {
        for msg in names::is_dns1123_label(volume) {
            errs.push(FieldError::invalid(path.child("volumeName"), volume, msg));
        }
    }
    let file = text(selector, "path");
    if file.is_empty() {
        errs.push(FieldError::required(path.child("path"), ""));
    } else {
        errs.extend(crate::validation::pod_security::validate_path_no_backsteps(
            file,
            &path.child("path"),
        ));
    }
    errs
}

/// `ValidateEnvFrom`. Errors about the number of sources name the list, not the entry.
pub(super) fn validate_env_from(
    sources: &[Value],
    path: &Path,
    facts: &PodFacts,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        let p = path.index(i);
        let prefix = text(source, "prefix");
        if !prefix.is_empty() {
            for msg in env_name_errors(prefix, facts) {
                errs.push(FieldError::invalid(p.child("prefix"), prefix, msg));
            }
        }
        let mut count = 0;
        for field in ["configMapRef", "secretRef"] {
            if let Some(r) = object(source, field) {
                count += 1;
                errs.extend(validate_env_source_name(r, &p.child(field)));
            }
        }
        if count == 0 {
            errs.push(FieldError::invalid(
                path,
                "",
                "must specify one of: `configMapRef` or `secretRef`",
            ));
        } else if count > 1 {
            errs.push(FieldError::invalid(
                path,
                "",
                "may not have more than one field specified at a time",
            ));
        }
    }
    errs
}

/// `validateConfigMapEnvSource` / `validateSecretEnvSource`: the name may end with `-`
/// (validated as a generateName prefix).
fn validate_env_source_name(source: &Value, path: &Path) -> Vec<FieldError> {
    let name = text(source, "name");
    if name.is_empty() {
        return vec![FieldError::required(path.child("name"), "")];
    }
    names::name_is_dns_subdomain(name, true)
        .into_iter()
        .map(|msg| FieldError::invalid(path.child("name"), name, msg))
        .collect()
}

/// `validateFileKeyRefVolumes`: init, regular, then ephemeral containers.
pub(super) fn validate_file_key_ref_volumes(spec: &Value) -> Vec<FieldError> {
    let volumes = list(spec, "volumes");
    let mut errs = Vec::new();
    let spec_path = Path::new("spec");
    for ctr in spec_containers(spec, ContainerKind::ALL) {
        let path = ctr.field_path(&spec_path);
        for (j, var) in list(ctr.value, "env").iter().enumerate() {
            let Some(file_ref) = object(var, "valueFrom").and_then(|f| object(f, "fileKeyRef"))
            else {
                continue;
            };
            let name = text(file_ref, "volumeName");
            let name_path = path
                .child("env")
                .index(j)
                .child("valueFrom")
                .child("fileKeyRef")
                .child("volumeName");
            // Later volumes with the same name win, as in Go's map.
            match volumes.iter().rev().find(|v| text(v, "name") == name) {
                None => errs.push(FieldError::not_found(name_path, name)),
                Some(v) if object(v, "emptyDir").is_none() => errs.push(FieldError::invalid(
                    name_path,
                    name,
                    "referenced volume must be of type emptyDir",
                )),
                Some(_) => {}
            }
        }
    }
    errs
}
