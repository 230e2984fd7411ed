//! Every image of a pod, as the kubelet sees it: the parsed reference, the pull policy and
//! why, what the kubelet does with it, and which registry credentials it would try.
//!
//! Sources of credentials, in the kubelet's order
//! (pkg/kubelet/images/image_manager.go:makeLookupPullCredentialsFunc): the pod's `imagePullSecrets`
//! (after the ServiceAccount plugin copied the ServiceAccount's), the node's docker
//! `config.json`, then credential provider plugins whose `matchImages` match.

use crate::changes::Change;
use crate::containers::pod_containers;
use crate::credentials::dockerconfig::{self, PayloadKind};
use crate::credentials::provider::{provider_runs, Provider, ProviderMatch};
use crate::credentials::secret::{pull_payload, resolve_pull_secrets, SecretObject, SecretUse};
use crate::credentials::{kubelet_lookup, Keyring, KubeletLookup};
use crate::diagnostic::{Diagnostic, Severity};
use crate::images::{analyze_image, Event, ImageInput, ImageReport, LOOKUP_FAILED_RULE};
use crate::pod_json::Pointer;
use crate::reference::Reference;
use crate::startup::{behaviour_of, StartBehaviour};
use crate::versions::Version;
use crate::views::ViewInput;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What the person told podplay about the node and the cluster.
#[derive(Debug, Clone)]
pub struct PodImagesInput<'a> {
    /// The pod after admission (or the last stage reached).
    pub pod: Option<&'a Value>,
    /// The pod as written (to tell a user-set pull policy from a defaulted one when no
    /// `changes` are given).
    pub input_pod: Option<&'a Value>,
    /// The create pipeline's recorded changes (`AdmitResult::changes`): a pull policy the
    /// pipeline set is explained by its Change, not derived again. Empty: derived here.
    pub changes: &'a [Change],
    pub namespace: &'a str,
    pub secrets: Vec<SecretObject>,
    /// The node's docker config.json text, if given.
    pub node_config: Option<String>,
    pub providers: Vec<Provider>,
    /// Whether images are on the node when a container's start behaviour does not say.
    pub image_present: bool,
    /// The start-up view's behaviours by container (`TimelineOptions.start`): the pull's
    /// simulated values and whether the image is on the node, shared by both views.
    pub start: &'a [(String, StartBehaviour)],
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
    /// What a failed pull's error would be for this image, as far as podplay can tell
    /// (the text itself is the container runtime's), when the kubelet pulls.
    pub pull_error: Option<String>,
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
    /// Set when the API server rejected the pod: no kubelet sees it, so the images are what
    /// would happen once it is accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_created: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeConfigView {
    pub error: Option<String>,
    pub keys: Vec<String>,
}

/// The images view: every image of the admitted pod (or the last stage reached), with the
/// pod's pull secrets, the node's config.json and the credential provider plugins.
pub fn view(input: &ViewInput) -> Option<PodImages> {
    let namespace = input.subject.request_namespace(input.options);
    let mut images = images_of_pod(&PodImagesInput {
        pod: Some(input.pod),
        input_pod: Some(&input.subject.pod),
        changes: &input.admit.changes,
        namespace: &namespace,
        secrets: secrets_from_objects(&input.context.objects),
        node_config: input.context.node_config.clone(),
        providers: input.context.credential_providers.clone(),
        image_present: input.options.image_present,
        start: &input.options.timeline.start,
        always_pull_images: input.options.admission.always_pull_images,
        version: input.options.version,
    });
    if !input.created {
        images.not_created = Some(NOT_CREATED.to_string());
    }
    Some(images)
}

/// Why the images of a rejected pod are hypothetical.
pub const NOT_CREATED: &str = "The API server rejects this pod, so no node pulls these images: below is what the kubelet would do once the pod is accepted.";

/// Warnings about the images, each on its image's field (for the editor's gutter).
pub fn diagnostics(images: &PodImages) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for img in &images.images {
        for w in &img.report.warnings {
            out.push(Diagnostic {
                severity: Severity::Warning,
                message: format!("{} ({}): {}", img.image, img.name, w.message),
                pos: None,
                field: Some(img.field.clone()),
                source: "images".into(),
            });
        }
    }
    out
}

/// Every image of the pod: reference, pull policy, kubelet decision, credentials tried.
pub fn images_of_pod(input: &PodImagesInput) -> PodImages {
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
    let version = input.version;
    let mut secrets_keyring = Keyring::new(version);
    let mut pull_secrets = Vec::new();
    let mut pull_secret_error = None;
    for (i, (name, usage)) in resolved.found.iter().enumerate() {
        match usage {
            SecretUse::Payload { kind, text } => match dockerconfig::decode(text, *kind, version) {
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
                    let why = match dockerconfig::api_server_error(text, version) {
                        Some(refused) => format!(
                            "{e}: the API server refuses such a Secret when it is written ({}), so no cluster has it; a kubelet given it would fail every pull of this pod with this error",
                            secret_refusal(name, kind.key(), &refused)
                        ),
                        None => format!("{e}: the kubelet's lookup fails, so every pull of this pod fails with this error"),
                    };
                    pull_secrets.push(PullSecretView {
                        name: name.clone(),
                        status: "unparsable".into(),
                        why,
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
        match dockerconfig::decode(text, PayloadKind::DockerConfigJson, version) {
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

    let images = pod_image_fields(pod)
        .into_iter()
        .map(
            |ImageField {
                 field,
                 name,
                 role,
                 image,
                 policy_field,
                 policy_pointer,
             }| {
                let user_policy = input
                    .input_pod
                    .and_then(|p| p.at(&policy_pointer))
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty());
                let recorded_policy = input.changes.iter().rev().find(|c| c.path == policy_field);
                // Containers take the start-up view's behaviour; an image volume has none.
                let behaviour = if role == IMAGE_VOLUME {
                    behaviour_of(&[], &name, input.image_present)
                } else {
                    behaviour_of(input.start, &name, input.image_present)
                };
                // Parsed once; every part of the analysis reads this parse.
                let reference = Reference::parse(&image);
                let report = analyze_image(&ImageInput {
                    image: &reference,
                    user_policy,
                    recorded_policy,
                    always_pull_images: input.always_pull_images,
                    image_present: behaviour.image_present.unwrap_or(input.image_present),
                    present_origin: Default::default(),
                    simulated: behaviour.simulated_pull(),
                    pull_secret_error: pull_secret_error.as_deref(),
                    version: input.version,
                });
                let mut sources: Vec<(&str, &Keyring)> = Vec::new();
                if !secrets_keyring.is_empty() {
                    sources.push(("pod pull secrets", &secrets_keyring));
                }
                if !node_keyring.is_empty() {
                    sources.push(("node config.json", &node_keyring));
                }
                let mut credentials = kubelet_lookup(&reference, &sources);
                if report.kubelet.rule == LOOKUP_FAILED_RULE {
                    // MakeDockerKeyring failed: there is no keyring, so no credential is tried.
                    credentials.found = false;
                    credentials.matches.clear();
                    credentials.attempts = "none: the kubelet's credential lookup fails on the pull secret that does not decode, so nothing is pulled".to_string();
                }
                let providers = input
                    .providers
                    .iter()
                    .map(|p| provider_runs(p, &credentials.repo_to_pull, input.version))
                    .collect::<Vec<_>>();
                let pull_error = report
                    .pull
                    .as_ref()
                    .map(|_| pull_error_why(&credentials, &providers));
                PodImage {
                    field,
                    name,
                    role,
                    image,
                    report,
                    credentials,
                    providers,
                    pull_error,
                }
            },
        )
        .collect();

    PodImages {
        images,
        pull_secrets,
        missing_secrets_event: resolved.event,
        pull_secret_error,
        node_config,
        not_created: None,
    }
}

/// The API server's answer to writing a docker config Secret whose payload is not a JSON
/// object (pkg/apis/core/validation/validation.go:ValidateSecret; the 422 StatusError text).
fn secret_refusal(name: &str, key: &str, error: &str) -> String {
    let e = crate::field::FieldError::invalid(
        format!("data[{key}]"),
        "<secret contents redacted>",
        error,
    );
    format!(
        "Secret {} is invalid: {}",
        crate::go::strconv::quote(name),
        e.render()
    )
}

/// The role of an image a volume mounts (`spec.volumes[].image`).
const IMAGE_VOLUME: &str = "image volume";

/// What the runtime's error in `Failed to pull image` would be about, for this image's
/// credentials. The text is the container runtime's own (containerd and CRI-O word it
/// differently), so podplay names the kind of failure and does not invent the wording.
fn pull_error_why(credentials: &KubeletLookup, providers: &[ProviderMatch]) -> String {
    if let Some(p) = providers.iter().find(|p| p.runs) {
        return format!("the credential provider plugin {} supplies credentials when the kubelet pulls; if the registry refuses them, the error is an authorization failure worded by the container runtime", p.provider);
    }
    match credentials.matches.len() {
        0 => format!("no credentials matched {}, so the pull is anonymous: a public image pulls, a private repository is refused with an authorization failure (or reported as not found), worded by the container runtime (containerd and CRI-O differ)", credentials.repo_to_pull),
        1 => "the matched credential is sent; if the registry refuses it, the error is an authorization failure worded by the container runtime; a wrong name or tag is a not-found error".to_string(),
        n => format!("the {n} matched credentials are tried in order; if every one fails, the kubelet joins their errors in one list [error 1, error 2, ...] (pkg/kubelet/kuberuntime/kuberuntime_image.go:PullImage), each worded by the container runtime"),
    }
}

/// One image field of a pod.
struct ImageField {
    /// Field path of the image (`spec.containers[0].image`).
    field: String,
    name: String,
    role: String,
    image: String,
    /// Field path and JSON pointer of its pull policy.
    policy_field: String,
    policy_pointer: String,
}

fn pod_image_fields(pod: &Value) -> Vec<ImageField> {
    let mut out = Vec::new();
    for c in pod_containers(pod) {
        let role = if c.is_sidecar() {
            "sidecar"
        } else {
            c.kind.noun()
        };
        out.push(ImageField {
            field: format!("{}.image", c.path()),
            name: c.name().to_string(),
            role: role.to_string(),
            image: c
                .value
                .get("image")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            policy_field: format!("{}.imagePullPolicy", c.path()),
            policy_pointer: c.pointer("imagePullPolicy"),
        });
    }
    let spec = pod.get("spec").unwrap_or(&Value::Null);
    for (i, v) in spec
        .get("volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        if let Some(image) = v.get("image") {
            out.push(ImageField {
                field: format!("spec.volumes[{i}].image.reference"),
                name: v
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                role: IMAGE_VOLUME.to_string(),
                image: image
                    .get("reference")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                policy_field: format!("spec.volumes[{i}].image.pullPolicy"),
                policy_pointer: format!("/spec/volumes/{i}/image/pullPolicy"),
            });
        }
    }
    out
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

    /// A request for `pod` in `default` with nothing else given.
    fn request(pod: &Value) -> PodImagesInput<'_> {
        PodImagesInput {
            pod: Some(pod),
            input_pod: None,
            changes: &[],
            namespace: "default",
            secrets: Vec::new(),
            node_config: None,
            providers: Vec::new(),
            image_present: false,
            start: &[],
            always_pull_images: false,
            version: Version::new(1, 36),
        }
    }

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
        let r = images_of_pod(&PodImagesInput {
            input_pod: Some(&pod),
            secrets: vec![secret(
                "regcred",
                r#"{"auths": {"my-registry.io/images": {"username": "robot", "password": "x"}}}"#,
            )],
            node_config: Some(r#"{"auths": {"my-registry.io": {"auth": "bm9kZTpwdw=="}}}"#.into()),
            version: Version::new(1, 35),
            ..request(&pod)
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
        let r = images_of_pod(&request(&pod));
        let roles: Vec<&str> = r.images.iter().map(|i| i.role.as_str()).collect();
        assert_eq!(roles, ["sidecar", "container", "image volume"]);
        assert!(!r.images[1].credentials.found);
        assert_eq!(r.images[2].field, "spec.volumes[0].image.reference");
    }

    #[test]
    fn an_unparsable_pull_secret_fails_every_pull() {
        let pod = json!({"spec": {"imagePullSecrets": [{"name": "bad"}], "containers": [{"name": "a", "image": "x.io/a"}]}});
        let r = images_of_pod(&PodImagesInput {
            secrets: vec![secret(
                "bad",
                r#"{"auths": {"x.io": {"auth": "cGFudHM="}}}"#,
            )],
            ..request(&pod)
        });
        assert_eq!(
            r.pull_secret_error.as_deref(),
            Some("unable to parse auth field, must be formatted as base64(username:password)")
        );
        assert_eq!(r.pull_secrets[0].status, "unparsable");
        // No pull: the start fails with the decode error as the waiting reason.
        let kubelet = &r.images[0].report.kubelet;
        assert_eq!(kubelet.action, crate::images::KubeletAction::Fail);
        assert_eq!(
            kubelet.waiting_reason.as_deref(),
            Some("unable to parse auth field, must be formatted as base64(username:password)")
        );
        let events: Vec<String> = kubelet
            .events
            .iter()
            .map(|e| format!("{} {}: {}", e.kind, e.reason, e.message))
            .collect();
        assert_eq!(
            events,
            ["Warning Failed: Error: unable to parse auth field, must be formatted as base64(username:password)"]
        );
        assert!(r.images[0].report.pull.is_none());
        assert_eq!(r.images[0].pull_error, None);
        assert_eq!(
            r.images[0].credentials.attempts,
            "none: the kubelet's credential lookup fails on the pull secret that does not decode, so nothing is pulled"
        );
    }

    /// A payload that is not even a JSON object: the API server would have refused the Secret.
    #[test]
    fn a_pull_secret_the_api_server_refuses_says_so() {
        let pod = json!({"spec": {"imagePullSecrets": [{"name": "bad"}], "containers": [{"name": "a", "image": "x.io/a"}]}});
        let r = images_of_pod(&PodImagesInput {
            secrets: vec![secret("bad", "not json")],
            ..request(&pod)
        });
        assert_eq!(
            r.pull_secrets[0].why,
            "invalid character 'o' in literal null (expecting 'u'): the API server refuses such a Secret when it is written (Secret \"bad\" is invalid: data[.dockerconfigjson]: Invalid value: \"<secret contents redacted>\": invalid character 'o' in literal null (expecting 'u')), so no cluster has it; a kubelet given it would fail every pull of this pod with this error"
        );
    }

    /// The keyring is only built when the kubelet needs credentials: an image it starts from
    /// the node, or refuses to pull (Never), is not affected by a bad pull secret.
    #[test]
    fn an_unparsable_pull_secret_does_not_touch_images_not_pulled() {
        let pod = json!({"spec": {"imagePullSecrets": [{"name": "bad"}], "containers": [
            {"name": "a", "image": "x.io/a:1", "imagePullPolicy": "Never"},
            {"name": "b", "image": "x.io/b:1"}
        ]}});
        let start = [(
            "b".to_string(),
            StartBehaviour {
                image_present: Some(true),
                ..Default::default()
            },
        )];
        let r = images_of_pod(&PodImagesInput {
            secrets: vec![secret("bad", "{")],
            start: &start,
            input_pod: Some(&pod),
            ..request(&pod)
        });
        let rules: Vec<&str> = r
            .images
            .iter()
            .map(|i| i.report.kubelet.rule.as_str())
            .collect();
        assert_eq!(
            rules,
            ["kubelet.pull.neverAbsent", "kubelet.pull.presentAccessible"]
        );
    }

    /// The images view shows the start-up view's simulated values for each container (one
    /// behaviour, two views) and explains the runtime's error for the image's credentials.
    #[test]
    fn pull_events_use_the_start_up_behaviours() {
        use crate::startup::Pull;
        let pod = json!({"spec": {"containers": [
            {"name": "app", "image": "nginx:1.25"},
            {"name": "cache", "image": "redis:7"},
            {"name": "local", "image": "busybox:1"}
        ]}});
        let start = [
            (
                "app".to_string(),
                StartBehaviour {
                    pull: Some(Pull::Takes(3_000)),
                    pull_wait: Some(5_000),
                    image_size: Some(187_654_321),
                    ..Default::default()
                },
            ),
            (
                "local".to_string(),
                StartBehaviour {
                    image_present: Some(true),
                    ..Default::default()
                },
            ),
        ];
        let r = images_of_pod(&PodImagesInput {
            start: &start,
            ..request(&pod)
        });
        let pulled: Vec<Option<String>> = r
            .images
            .iter()
            .map(|i| i.report.pull.as_ref().map(|p| p.success[0].message.clone()))
            .collect();
        assert_eq!(
            pulled,
            [
                Some("Successfully pulled image \"nginx:1.25\" in 3s (8s including waiting). Image size: 187654321 bytes.".to_string()),
                Some("Successfully pulled image \"redis:7\" in 0s (0s including waiting). Image size: 50000000 bytes.".to_string()),
                None,
            ]
        );
        assert_eq!(
            r.images[0].pull_error.as_deref(),
            Some("no credentials matched docker.io/library/nginx, so the pull is anonymous: a public image pulls, a private repository is refused with an authorization failure (or reported as not found), worded by the container runtime (containerd and CRI-O differ)")
        );
        assert_eq!(r.images[2].pull_error, None);
    }

    /// A pod the API server rejects never reaches a kubelet: the view says its images are
    /// what would happen once it is accepted; an accepted pod's view has no such line.
    #[test]
    fn a_rejected_pods_images_are_hypothetical() {
        let options = crate::options::Options::new(Version::new(1, 36));
        let pod = |policy: &str| {
            format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx:1.25\n    imagePullPolicy: {policy}\n")
        };
        let not_created = |text: String| {
            crate::report::build(&text, &options)
                .views
                .images
                .and_then(|i| i.not_created)
        };
        assert_eq!(not_created(pod("Maybe")).as_deref(), Some(NOT_CREATED));
        assert_eq!(not_created(pod("Always")), None);
    }
}
