//! Every image of a pod, as the kubelet sees it: the parsed reference, the pull policy and
//! why, what the kubelet does with it, and which registry credentials it would try.
//!
//! Sources of credentials, in the kubelet's order (spec §E.1): the pod's `imagePullSecrets`
//! (after the ServiceAccount plugin copied the ServiceAccount's), the node's docker
//! `config.json`, then credential provider plugins whose `matchImages` match.

use crate::credentials::dockerconfig::{self, PayloadKind};
use crate::credentials::provider::{provider_runs, Provider, ProviderMatch};
use crate::credentials::secret::{pull_payload, resolve_pull_secrets, SecretObject, SecretUse};
use crate::credentials::{kubelet_lookup, Keyring, KubeletLookup};
use crate::images::{analyze_image, Event, ImageInput, ImageReport};
use crate::reference;
use crate::versions::Version;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What the person told podplay about the node and the cluster.
#[derive(Debug, Clone, Default)]
pub struct PodImagesInput<'a> {
    /// The pod after admission (or the last stage reached).
    pub pod: Option<&'a Value>,
    /// The pod as written (to tell a user-set pull policy from a defaulted one).
    pub input_pod: Option<&'a Value>,
    pub namespace: &'a str,
    pub secrets: Vec<SecretObject>,
    /// The node's docker config.json text, if given.
    pub node_config: Option<String>,
    pub providers: Vec<Provider>,
    pub image_present: bool,
    pub always_pull_images: bool,
    pub version: Version,
}

/// One image of the pod.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodImage {
    /// Field path of the image (`spec.containers[0].image`).
    pub field: String,
    /// Container (or volume) name.
    pub name: String,
    /// `container`, `init container`, `sidecar`, `ephemeral container` or `image volume`.
    pub role: String,
    pub image: String,
    pub report: ImageReport,
    pub credentials: KubeletLookup,
    /// Credential provider plugins and whether each runs for this image.
    pub providers: Vec<ProviderMatch>,
}

/// One pull secret the pod names, and what became of it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PullSecretView {
    pub name: String,
    /// `used`, `ignored`, `missing` or `unparsable`.
    pub status: String,
    pub why: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodImages {
    pub images: Vec<PodImage>,
    pub pull_secrets: Vec<PullSecretView>,
    /// `FailedToRetrieveImagePullSecret` when a named secret does not exist.
    pub missing_secrets_event: Option<Event>,
    /// A pull secret that does not decode makes every pull fail with this error.
    pub pull_secret_error: Option<String>,
    /// Whether a node config.json was given, and its decode error if any.
    pub node_config: Option<NodeConfigView>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeConfigView {
    pub error: Option<String>,
    pub keys: Vec<String>,
}

/// Analyses every image of the pod.
pub fn analyze(input: &PodImagesInput) -> PodImages {
    let empty = Value::Null;
    let pod = input.pod.unwrap_or(&empty);
    let spec = pod.get("spec").unwrap_or(&empty);

    // Pull secrets: all usable ones go into one keyring (keys merged and sorted together).
    let names: Vec<String> = spec
        .get("imagePullSecrets")
        .and_then(Value::as_array)
        .map(|l| {
            l.iter()
                .filter_map(|r| r.get("name").and_then(Value::as_str))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let resolved = resolve_pull_secrets(input.namespace, &names, &input.secrets);
    let mut secrets_keyring = Keyring::new(input.version);
    let mut pull_secrets = Vec::new();
    let mut pull_secret_error = None;
    for (i, (name, usage)) in resolved.found.iter().enumerate() {
        match usage {
            SecretUse::Payload { kind, text } => match dockerconfig::decode(text, *kind) {
                Ok(entries) => {
                    secrets_keyring.add(&format!("pull secret {name}"), i, &entries);
                    pull_secrets.push(PullSecretView {
                        name: name.clone(),
                        status: "used".into(),
                        why: format!(
                            "{} entr{} read from the secret",
                            entries.len(),
                            if entries.len() == 1 { "y" } else { "ies" }
                        ),
                    });
                }
                Err(e) => {
                    pull_secret_error.get_or_insert_with(|| e.clone());
                    pull_secrets.push(PullSecretView {
                        name: name.clone(),
                        status: "unparsable".into(),
                        why: format!("{e}: the kubelet's lookup fails, so every pull of this pod fails with this error"),
                    });
                }
            },
            SecretUse::Ignored { why } => pull_secrets.push(PullSecretView {
                name: name.clone(),
                status: "ignored".into(),
                why: why.clone(),
            }),
        }
    }
    for name in &resolved.missing {
        pull_secrets.push(PullSecretView {
            name: name.clone(),
            status: "missing".into(),
            why: format!(
                "no Secret {name} in namespace {}: the kubelet skips it (pull secrets must be in the pod's namespace)",
                input.namespace
            ),
        });
    }

    // The node's config.json.
    let mut node_keyring = Keyring::new(input.version);
    let node_config = input.node_config.as_ref().map(|text| {
        match dockerconfig::decode(text, PayloadKind::DockerConfigJson) {
            Ok(entries) => {
                node_keyring.add("node config.json", 0, &entries);
                NodeConfigView {
                    error: None,
                    keys: entries.iter().map(|e| e.key.clone()).collect(),
                }
            }
            Err(e) => NodeConfigView {
                error: Some(e),
                keys: Vec::new(),
            },
        }
    });

    let images = pod_image_fields(spec)
        .into_iter()
        .map(|(field, name, role, image, policy_path)| {
            let user_policy = input
                .input_pod
                .and_then(|p| p.pointer(&policy_path))
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty());
            let report = analyze_image(&ImageInput {
                image: &image,
                user_policy,
                always_pull_images: input.always_pull_images,
                image_present: input.image_present,
                present_origin: Default::default(),
                version: input.version,
            });
            let mut sources: Vec<(&str, &Keyring)> = Vec::new();
            if !secrets_keyring.is_empty() {
                sources.push(("pod pull secrets", &secrets_keyring));
            }
            if !node_keyring.is_empty() {
                sources.push(("node config.json", &node_keyring));
            }
            let credentials = kubelet_lookup(&image, &sources);
            let repo = reference::parse_image_name(&image).repo_to_pull;
            let providers = input
                .providers
                .iter()
                .map(|p| provider_runs(p, &repo, input.version))
                .collect();
            PodImage {
                field,
                name,
                role,
                image,
                report,
                credentials,
                providers,
            }
        })
        .collect();

    PodImages {
        images,
        pull_secrets,
        missing_secrets_event: resolved.event,
        pull_secret_error,
        node_config,
    }
}

/// (field path, name, role, image, JSON pointer of its pull policy in the input pod).
fn pod_image_fields(spec: &Value) -> Vec<(String, String, String, String, String)> {
    let mut out = Vec::new();
    for (list, label) in [
        ("initContainers", "init container"),
        ("containers", "container"),
        ("ephemeralContainers", "ephemeral container"),
    ] {
        for (i, c) in spec
            .get(list)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let role = if list == "initContainers"
                && c.get("restartPolicy").and_then(Value::as_str) == Some("Always")
            {
                "sidecar"
            } else {
                label
            };
            out.push((
                format!("spec.{list}[{i}].image"),
                c.get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                role.to_string(),
                c.get("image")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                format!("/spec/{list}/{i}/imagePullPolicy"),
            ));
        }
    }
    for (i, v) in spec
        .get("volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        if let Some(image) = v.get("image") {
            out.push((
                format!("spec.volumes[{i}].image.reference"),
                v.get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                "image volume".to_string(),
                image
                    .get("reference")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                format!("/spec/volumes/{i}/image/pullPolicy"),
            ));
        }
    }
    out
}

/// Providers from a `CredentialProviderConfig` document (kubelet.config.k8s.io).
pub fn providers_from_config(doc: &Value) -> Vec<Provider> {
    doc.get("providers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|p| Provider {
            name: p
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            match_images: p
                .get("matchImages")
                .and_then(Value::as_array)
                .map(|l| {
                    l.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

/// Reads every Secret object among the cluster documents (bad ones are skipped).
pub fn secrets_from_objects(objects: &[Value]) -> Vec<SecretObject> {
    objects
        .iter()
        .filter(|o| o.get("kind").and_then(Value::as_str) == Some("Secret"))
        .filter_map(|o| crate::credentials::secret::secret_from_json(o).ok())
        .collect()
}

/// Whether a secret would be used as a pull secret at all (for explaining context documents).
pub fn secret_use(secret: &SecretObject) -> SecretUse {
    pull_payload(secret)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn secret(name: &str, payload: &str) -> SecretObject {
        SecretObject {
            name: name.into(),
            namespace: None,
            secret_type: "kubernetes.io/dockerconfigjson".into(),
            data: [(".dockerconfigjson".to_string(), payload.as_bytes().to_vec())]
                .into_iter()
                .collect(),
        }
    }

    #[test]
    fn pull_secret_then_node_config_in_order() {
        let pod = json!({"spec": {
            "imagePullSecrets": [{"name": "regcred"}, {"name": "gone"}],
            "containers": [{"name": "app", "image": "my-registry.io/images/app:1.0", "imagePullPolicy": "IfNotPresent"}]
        }});
        let r = analyze(&PodImagesInput {
            pod: Some(&pod),
            input_pod: Some(&pod),
            namespace: "default",
            secrets: vec![secret(
                "regcred",
                r#"{"auths": {"my-registry.io/images": {"username": "robot", "password": "x"}}}"#,
            )],
            node_config: Some(r#"{"auths": {"my-registry.io": {"auth": "bm9kZTpwdw=="}}}"#.into()),
            version: Version::new(1, 35),
            ..Default::default()
        });
        let creds = &r.images[0].credentials;
        let users: Vec<&str> = creds.matches.iter().map(|c| c.username.as_str()).collect();
        assert_eq!(
            users,
            ["robot", "node"],
            "pod secrets first, then the node's config"
        );
        assert_eq!(r.pull_secrets[1].status, "missing");
        assert_eq!(
            r.missing_secrets_event.unwrap().message,
            "Unable to retrieve some image pull secrets (gone); attempting to pull the image may not succeed."
        );
        assert_eq!(r.images[0].report.pull_policy.policy, "IfNotPresent");
    }

    #[test]
    fn sidecars_and_image_volumes_are_listed() {
        let pod = json!({"spec": {
            "initContainers": [{"name": "s", "image": "busybox", "restartPolicy": "Always"}],
            "containers": [{"name": "app", "image": "nginx"}],
            "volumes": [{"name": "v", "image": {"reference": "quay.io/x/data:1"}}]
        }});
        let r = analyze(&PodImagesInput {
            pod: Some(&pod),
            namespace: "default",
            ..Default::default()
        });
        let roles: Vec<&str> = r.images.iter().map(|i| i.role.as_str()).collect();
        assert_eq!(roles, ["sidecar", "container", "image volume"]);
        assert!(!r.images[1].credentials.found);
        assert_eq!(r.images[2].field, "spec.volumes[0].image.reference");
    }

    #[test]
    fn an_unparsable_pull_secret_fails_every_pull() {
        let pod = json!({"spec": {"imagePullSecrets": [{"name": "bad"}], "containers": [{"name": "a", "image": "x.io/a"}]}});
        let r = analyze(&PodImagesInput {
            pod: Some(&pod),
            namespace: "default",
            secrets: vec![secret(
                "bad",
                r#"{"auths": {"x.io": {"auth": "cGFudHM="}}}"#,
            )],
            ..Default::default()
        });
        assert_eq!(
            r.pull_secret_error.as_deref(),
            Some("unable to parse auth field, must be formatted as base64(username:password)")
        );
        assert_eq!(r.pull_secrets[0].status, "unparsable");
    }
}
