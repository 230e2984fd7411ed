//! Image pull Secrets as the kubelet reads them (pkg/kubelet/kubelet_pods.go:getPullSecretsForPod,
//! pkg/credentialprovider/secrets/secrets.go).
//!
//! Only Secrets in the pod's namespace can be referenced. Type `kubernetes.io/dockerconfigjson`
//! is read from key `.dockerconfigjson`, type `kubernetes.io/dockercfg` from `.dockercfg`; any
//! other Secret (or an empty key) is skipped. Missing Secrets are skipped with a Warning event.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::dockerconfig::PayloadKind;
use crate::go::base64;
use crate::images::Event;

/// A Secret object reduced to what the kubelet uses. `data` holds decoded bytes; `stringData`
/// is merged over it, as the API server does on write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretObject {
    pub name: String,
    pub namespace: Option<String>,
    pub secret_type: String,
    pub data: BTreeMap<String, Vec<u8>>,
}

/// Reads a Secret manifest (as JSON; YAML callers convert with `yaml::Node::to_json`).
pub fn secret_from_json(v: &Value) -> Result<SecretObject, String> {
    let obj = v.as_object().ok_or("a Secret must be an object")?;
    if obj.get("kind").and_then(Value::as_str) != Some("Secret") {
        return Err("not a Secret (kind must be Secret)".into());
    }
    let meta = obj.get("metadata").and_then(Value::as_object);
    let text = |m: Option<&serde_json::Map<String, Value>>, k: &str| {
        m.and_then(|m| m.get(k))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let mut data = BTreeMap::new();
    if let Some(d) = obj.get("data").and_then(Value::as_object) {
        for (k, v) in d {
            let encoded = v.as_str().unwrap_or("");
            let bytes = base64::decode(encoded, true).map_err(|e| format!("data[{k}]: {e}"))?;
            data.insert(k.clone(), bytes);
        }
    }
    if let Some(d) = obj.get("stringData").and_then(Value::as_object) {
        for (k, v) in d {
            data.insert(k.clone(), v.as_str().unwrap_or("").as_bytes().to_vec());
        }
    }
    Ok(SecretObject {
        name: text(meta, "name").unwrap_or_default(),
        namespace: text(meta, "namespace"),
        secret_type: obj
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("Opaque")
            .to_string(),
        data,
    })
}

/// What a Secret contributes to the keyring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "use")]
pub enum SecretUse {
    /// A docker config payload of this kind (the payload text itself is not serialized).
    Payload {
        kind: PayloadKind,
        #[serde(skip)]
        text: String,
    },
    /// Not a pull secret the kubelet reads.
    Ignored { why: String },
}

/// `secretsToTrackedDockerConfigs`: which key of which type is read.
pub fn pull_payload(secret: &SecretObject) -> SecretUse {
    let (kind, key) = match secret.secret_type.as_str() {
        "kubernetes.io/dockerconfigjson" => (PayloadKind::DockerConfigJson, ".dockerconfigjson"),
        "kubernetes.io/dockercfg" => (PayloadKind::Dockercfg, ".dockercfg"),
        other => {
            return SecretUse::Ignored {
                why: format!("type {other} is not kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg, so the kubelet ignores it"),
            }
        }
    };
    match secret.data.get(key) {
        Some(bytes) if !bytes.is_empty() => SecretUse::Payload {
            kind,
            text: String::from_utf8_lossy(bytes).into_owned(),
        },
        _ => SecretUse::Ignored {
            why: format!(
                "type {} has no non-empty {key} key, so the kubelet ignores it",
                secret.secret_type
            ),
        },
    }
}

/// The pod's `imagePullSecrets`, resolved against the Secrets that exist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResolvedPullSecrets {
    /// Secrets found, in the pod's order, with what each contributes.
    pub found: Vec<(String, SecretUse)>,
    /// Names that do not exist in the pod's namespace.
    pub missing: Vec<String>,
    /// `FailedToRetrieveImagePullSecret` when some are missing.
    pub event: Option<Event>,
}

/// `getPullSecretsForPod`: empty names are skipped; a name must exist in `namespace`
/// (Secrets without a namespace are taken to be in the pod's namespace).
pub fn resolve_pull_secrets(
    namespace: &str,
    names: &[String],
    secrets: &[SecretObject],
) -> ResolvedPullSecrets {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for name in names.iter().filter(|n| !n.is_empty()) {
        let hit = secrets
            .iter()
            .find(|s| s.name == *name && s.namespace.as_deref().unwrap_or(namespace) == namespace);
        match hit {
            Some(s) => found.push((name.clone(), pull_payload(s))),
            None => missing.push(name.clone()),
        }
    }
    let event = (!missing.is_empty()).then(|| Event {
        kind: "Warning".into(),
        reason: "FailedToRetrieveImagePullSecret".into(),
        message: format!(
            "Unable to retrieve some image pull secrets ({}); attempting to pull the image may not succeed.",
            missing.join(", ")
        ),
    });
    ResolvedPullSecrets {
        found,
        missing,
        event,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(name: &str, ns: Option<&str>, ty: &str, key: &str, payload: &str) -> SecretObject {
        SecretObject {
            name: name.into(),
            namespace: ns.map(str::to_string),
            secret_type: ty.into(),
            data: [(key.to_string(), payload.as_bytes().to_vec())]
                .into_iter()
                .collect(),
        }
    }

    #[test]
    fn payload_rows() {
        let rows: &[(SecretObject, bool)] = &[
            (
                secret(
                    "a",
                    None,
                    "kubernetes.io/dockerconfigjson",
                    ".dockerconfigjson",
                    "{}",
                ),
                true,
            ),
            (
                secret("a", None, "kubernetes.io/dockercfg", ".dockercfg", "{}"),
                true,
            ),
            (
                secret(
                    "a",
                    None,
                    "kubernetes.io/dockerconfigjson",
                    ".dockercfg",
                    "{}",
                ),
                false,
            ),
            (
                secret(
                    "a",
                    None,
                    "kubernetes.io/dockerconfigjson",
                    ".dockerconfigjson",
                    "",
                ),
                false,
            ),
            (
                secret("a", None, "Opaque", ".dockerconfigjson", "{}"),
                false,
            ),
        ];
        for (s, used) in rows {
            assert_eq!(
                matches!(pull_payload(s), SecretUse::Payload { .. }),
                *used,
                "{s:?}"
            );
        }
    }

    #[test]
    fn missing_and_other_namespace() {
        let secrets = vec![
            secret(
                "here",
                Some("team"),
                "kubernetes.io/dockercfg",
                ".dockercfg",
                "{}",
            ),
            secret(
                "elsewhere",
                Some("other"),
                "kubernetes.io/dockercfg",
                ".dockercfg",
                "{}",
            ),
        ];
        let names: Vec<String> = ["here", "", "elsewhere", "gone"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let r = resolve_pull_secrets("team", &names, &secrets);
        assert_eq!(r.found.len(), 1);
        assert_eq!(r.missing, ["elsewhere", "gone"]);
        assert_eq!(
            r.event.unwrap().message,
            "Unable to retrieve some image pull secrets (elsewhere, gone); attempting to pull the image may not succeed."
        );
    }

    #[test]
    fn reads_manifest_data_and_string_data() {
        let v: Value = serde_json::from_str(
            r#"{"kind":"Secret","metadata":{"name":"reg"},"type":"kubernetes.io/dockerconfigjson",
                "data":{".dockerconfigjson":"e30="},"stringData":{"extra":"x"}}"#,
        )
        .unwrap();
        let s = secret_from_json(&v).unwrap();
        assert_eq!(s.data.get(".dockerconfigjson").unwrap(), b"{}");
        assert_eq!(s.data.get("extra").unwrap(), b"x");
        assert_eq!(s.namespace, None);
    }
}
