//! What Kubernetes does with one container image: how the reference parses, which pull policy
//! it gets and why, what the kubelet then does (pull, use the local copy, or fail) with the
//! events it records, reviewer warnings, and the ImagePullBackOff retry schedule.
//!
//! Entry points:
//! - [`analyze_image`] — the whole story for one image ([`ImageInput`] → [`ImageReport`]).
//! - [`describe_reference`] — every parse of the reference (the conformance `images.jsonl` row).
//! - [`default_pull_policy`] — API defaulting of `imagePullPolicy` with its reason.
//! - [`effective_pull_policy`] — user value, default, and the AlwaysPullImages override.
//! - [`kubelet_pull`] — the kubelet's decision (pkg/kubelet/images/image_manager.go).
//! - [`image_warnings`] — review hints (`:latest`, no digest, unparsable, surprising cases).
//! - [`backoff_schedule`] — the ImagePullBackOff delays (10 s doubling to 300 s, reset after 600 s).
//! - [`image_validation_errors`] — the API server's only checks on `image` (`validateContainerCommon`,
//!   pkg/apis/core/validation/validation.go).
//!
//! Every decision carries a rule id, a one-line why, and a source. All reports serialize to
//! camelCase JSON.

use serde::{Deserialize, Serialize};

use crate::changes::{by, Change};
use crate::go::strconv::quote as go_quote;
use crate::reference::Reference;
use crate::timeline::{as_seconds, from_seconds, go_duration, Ms};
use crate::versions::Version;

const SRC_DEFAULTS: &str = "pkg/apis/core/v1/defaults.go:SetDefaults_Container";
const SRC_ALWAYS_PULL: &str = "plugin/pkg/admission/alwayspullimages/admission.go:Admit";
const SRC_IMAGE_MANAGER: &str = "pkg/kubelet/images/image_manager.go:EnsureImageExists";
const SRC_DEFAULT_TAG: &str = "pkg/kubelet/images/image_manager.go:applyDefaultImageTag";
const SRC_BACKOFF: &str = "pkg/kubelet/kubelet.go:imageBackOffPeriod,MaxImageBackOff";
const DOC_IMAGES: &str = "https://kubernetes.io/docs/concepts/containers/images/";
const DOC_PULL_POLICY: &str =
    "https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy";

/// `imageBackOffPeriod`: the first ImagePullBackOff delay.
pub const BACKOFF_INITIAL_SECONDS: u64 = 10;
/// `MaxImageBackOff`: the cap.
pub const BACKOFF_MAX_SECONDS: u64 = 300;
/// flowcontrol `hasExpired`: an entry older than 2 × max is forgotten (the next failure starts at 10 s).
pub const BACKOFF_RESET_SECONDS: u64 = 2 * BACKOFF_MAX_SECONDS;

/// Every parse Kubernetes and distribution/reference make of one reference; mirrors the
/// columns of the conformance file images.jsonl (null where Go returns no value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceReport {
    #[serde(rename = "ref")]
    pub reference: String,
    /// `ParseNormalizedNamed` succeeded.
    pub valid: bool,
    pub error: Option<String>,
    pub name: Option<String>,
    pub domain: Option<String>,
    pub path: Option<String>,
    pub tag: Option<String>,
    pub digest: Option<String>,
    pub familiar_name: Option<String>,
    pub familiar_string: Option<String>,
    pub string: Option<String>,
    pub tag_name_only: Option<String>,
    pub any_reference: Option<String>,
    pub any_reference_error: Option<String>,
    pub docker_ref: Option<String>,
    pub docker_ref_error: Option<String>,
    /// `ParseImageName` results ("" where Go returns "").
    pub k8s_repo_to_pull: String,
    pub k8s_tag: String,
    pub k8s_digest: String,
    pub k8s_error: Option<String>,
    pub default_pull_policy: String,
}

/// Every parse Kubernetes makes of `image` (each derived from its one parse).
pub fn describe_reference(image: &Reference) -> ReferenceReport {
    let any = image.any_reference();
    let docker = image.docker_ref();
    let k8s = image.image_name();
    let named = image.normalized.as_ref().ok();
    ReferenceReport {
        reference: image.text.to_string(),
        valid: named.is_some(),
        error: image.normalized.as_ref().err().cloned(),
        name: named.map(|n| n.name()),
        domain: named.map(|n| n.domain.clone()),
        path: named.map(|n| n.path.clone()),
        tag: named.and_then(|n| n.tag.clone()),
        digest: named.and_then(|n| n.digest.clone()),
        familiar_name: named.map(|n| n.familiar_name()),
        familiar_string: named.map(|n| n.familiar_string()),
        string: named.map(|n| n.string()),
        tag_name_only: named.map(|n| n.tag_name_only().string()),
        any_reference: any.as_ref().ok().map(|a| a.string()),
        any_reference_error: any.err(),
        docker_ref: docker.as_ref().ok().map(|n| n.string()),
        docker_ref_error: docker.err(),
        k8s_repo_to_pull: k8s.repo_to_pull,
        k8s_tag: k8s.tag,
        k8s_digest: k8s.digest,
        k8s_error: k8s.error,
        default_pull_policy: default_pull_policy(image).policy,
    }
}

/// Who set the effective pull policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PolicySetBy {
    /// The pod spec gave a value.
    User,
    /// API defaulting filled it in.
    Default,
    /// The AlwaysPullImages admission plugin overwrote it.
    AlwaysPullImages,
}

/// The pull policy a container ends up with, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyDecision {
    pub policy: String,
    pub set_by: PolicySetBy,
    pub rule: String,
    pub why: String,
    pub source: String,
}

/// API defaulting of an empty `imagePullPolicy` as a [`PolicyDecision`]: the rule and reason
/// are [`crate::defaulting::default_pull_policy`]'s.
pub fn default_pull_policy(image: &Reference) -> PolicyDecision {
    let (policy, why) = crate::defaulting::default_pull_policy(image);
    PolicyDecision {
        policy: policy.to_string(),
        set_by: PolicySetBy::Default,
        rule: "defaults.container.imagePullPolicy".to_string(),
        why,
        source: SRC_DEFAULTS.to_string(),
    }
}

/// The decision the create pipeline recorded for a pull-policy field (its Change): the
/// value, rule, reason and source as the pipeline wrote them, not derived again.
pub fn recorded_pull_policy(change: &Change) -> PolicyDecision {
    let set_by = if change.by == by::admission(crate::admission::always_pull_images::NAME) {
        PolicySetBy::AlwaysPullImages
    } else {
        PolicySetBy::Default
    };
    PolicyDecision {
        policy: change.value.as_str().unwrap_or("").to_string(),
        set_by,
        rule: change.rule.to_string(),
        why: change.why.to_string(),
        source: change.source.as_deref().unwrap_or("").to_string(),
    }
}

/// The policy the kubelet sees: the user's value (or the default), overwritten with `Always`
/// when the AlwaysPullImages admission plugin is enabled.
pub fn effective_pull_policy(
    image: &Reference,
    user_policy: Option<&str>,
    always_pull_images: bool,
) -> PolicyDecision {
    if always_pull_images {
        return PolicyDecision {
            policy: "Always".to_string(),
            set_by: PolicySetBy::AlwaysPullImages,
            rule: "admission.AlwaysPullImages".to_string(),
            why: "the AlwaysPullImages admission plugin sets every container's imagePullPolicy to Always so that pods must present credentials for private images".to_string(),
            source: SRC_ALWAYS_PULL.to_string(),
        };
    }
    match user_policy.filter(|p| !p.is_empty()) {
        Some(p) => {
            // The error text without its path: validation's own `validatePullPolicy`.
            let rejected = crate::validation::containers::validate_pull_policy(
                p,
                &crate::field::Path::new(""),
            );
            let why = match rejected.first() {
                None => format!("the pod spec sets imagePullPolicy: {p}"),
                Some(e) => format!(
                    "the pod spec sets imagePullPolicy: {p}, which validation rejects: {}",
                    e.to_string().trim_start_matches(": ")
                ),
            };
            PolicyDecision {
                policy: p.to_string(),
                set_by: PolicySetBy::User,
                rule: "spec.container.imagePullPolicy".to_string(),
                why,
                source: DOC_PULL_POLICY.to_string(),
            }
        }
        None => default_pull_policy(image),
    }
}

/// Where an image already on the node came from; matters only with KubeletEnsureSecretPulledImages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum PresentOrigin {
    /// Put on the node by something other than this kubelet (pre-loaded); the default policy
    /// `NeverVerifyPreloadedImages` lets any pod use it.
    #[default]
    Preloaded,
    /// Pulled by the kubelet without credentials: accessible to every pod.
    PulledAnonymously,
    /// Pulled by the kubelet with credentials the pod also presents (same secret or SA).
    PulledWithMatchingCredentials,
    /// Pulled by the kubelet with credentials this pod does not present: must be re-verified.
    PulledWithOtherCredentials,
}

/// One Kubernetes event (`kubectl describe pod` → Events).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: String,
    pub reason: String,
    pub message: String,
}

fn event(kind: &str, reason: &str, message: String) -> Event {
    Event {
        kind: kind.to_string(),
        reason: reason.to_string(),
        message,
    }
}

/// What the kubelet does with the image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum KubeletAction {
    /// Pull from the registry (credentials: see the credentials module).
    Pull,
    /// Start the container from the image already on the node.
    UseLocal,
    /// The container cannot start (waiting reason set).
    Fail,
}

/// What a pull's events carry that only a real node knows. podplay simulates these values:
/// they come from the start-up view's controls for the container
/// ([`crate::startup::StartBehaviour::simulated_pull`]), so both views tell one story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimulatedPull {
    /// How long the pull itself takes (`pullDuration`).
    #[serde(serialize_with = "as_seconds", deserialize_with = "from_seconds")]
    pub pull: Ms,
    /// How long it waits behind other pods' pulls first (serializeImagePulls).
    #[serde(serialize_with = "as_seconds", deserialize_with = "from_seconds")]
    pub wait: Ms,
    /// The image size the runtime reports, in bytes.
    pub size: u64,
    /// Whether the start-up view plays this pull as failing.
    pub fails: bool,
}

/// The placeholder for the container runtime's pull error: Kubernetes prints the CRI error as
/// it comes (`Failed to pull image %q: %v`), so its text is the runtime's (containerd, CRI-O),
/// not Kubernetes'.
pub const RUNTIME_ERROR: &str = "<the container runtime's error>";

/// What [`RUNTIME_ERROR`] stands for, in the views' notes.
pub const RUNTIME_ERROR_WHY: &str = "<the container runtime's error> stands for the error the container runtime returns: the kubelet prints it as it comes, so its text depends on the runtime (containerd, CRI-O) and the registry; Kubernetes has no fixed wording for it";

// The kubelet's pull events, written once (pkg/kubelet/images/image_manager.go:pullImage);
// the images and start-up views both use them.

/// Normal `Pulling`: the image as the pod spec gives it.
pub fn pulling_message(image: &str) -> String {
    format!("Pulling image {}", go_quote(image))
}

/// Normal `Pulled` after a pull: the pull time, the time including the wait, the size.
pub fn pulled_message(image: &str, sim: &SimulatedPull) -> String {
    format!(
        "Successfully pulled image {} in {} ({} including waiting). Image size: {} bytes.",
        go_quote(image),
        go_duration(sim.pull),
        go_duration(sim.pull.saturating_add(sim.wait)),
        sim.size
    )
}

/// Warning `Failed`: the runtime's error as it comes.
pub fn failed_to_pull_message(image: &str, error: &str) -> String {
    format!("Failed to pull image {}: {error}", go_quote(image))
}

/// Normal `BackOff` while the image back-off runs.
pub fn backoff_message(image: &str) -> String {
    format!("Back-off pulling image {}", go_quote(image))
}

/// The events a pull produces, by outcome, with the simulated values filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PullOutcomes {
    pub pulling: Event,
    pub success: Vec<Event>,
    pub failure: Vec<Event>,
    /// The waiting reason right after a failed pull.
    pub failure_waiting_reason: String,
    /// While the back-off runs: the event and the container's waiting state.
    pub backoff: Vec<Event>,
    pub backoff_waiting_reason: String,
    pub backoff_waiting_message: String,
    /// The values in these events that podplay simulates.
    pub simulated: SimulatedPull,
    /// Which of the values are simulated, in words.
    pub simulated_why: String,
    /// What [`RUNTIME_ERROR`] stands for.
    pub error_why: String,
}

/// The kubelet's decision for one container image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KubeletPlan {
    pub action: KubeletAction,
    /// The image string handed to the runtime (`:latest` appended to the original text when it
    /// has neither tag nor digest); None when the reference does not parse.
    pub image_with_default_tag: Option<String>,
    /// Events recorded before any pull (or instead of it).
    pub events: Vec<Event>,
    /// The container's waiting reason when the action is Fail.
    pub waiting_reason: Option<String>,
    pub rule: String,
    pub why: String,
    pub source: String,
}

/// `applyDefaultImageTag`: appends `:<tag>` (always `latest`) to the ORIGINAL string when the
/// image has no digest and does not already end with `:<tag>`.
pub fn apply_default_image_tag(reference: &Reference) -> Result<String, String> {
    let image = reference.text;
    let parsed = reference.image_name();
    if let Some(err) = parsed.error {
        return Err(err);
    }
    if parsed.digest.is_empty()
        && !parsed.tag.is_empty()
        && !image.ends_with(&format!(":{}", parsed.tag))
    {
        return Ok(format!("{image}:{}", parsed.tag));
    }
    Ok(image.to_string())
}

/// The kubelet's pull decision (`EnsureImageExists`), version-aware for KubeletEnsureSecretPulledImages.
pub fn kubelet_pull(
    reference: &Reference,
    policy: &str,
    image_present: bool,
    origin: PresentOrigin,
    version: Version,
) -> KubeletPlan {
    let image = reference.text;
    let quoted = go_quote(image);
    let with_tag = match apply_default_image_tag(reference) {
        Ok(t) => t,
        Err(err) => {
            return KubeletPlan {
                action: KubeletAction::Fail,
                image_with_default_tag: None,
                events: vec![event(
                    "Warning",
                    "InspectFailed",
                    format!("Failed to apply default image tag {quoted}: {err}"),
                )],
                waiting_reason: Some("InvalidImageName".to_string()),
                rule: "kubelet.image.invalidName".to_string(),
                why: "the API server accepts any non-blank image, but the kubelet cannot parse this one, so the container never starts".to_string(),
                source: SRC_DEFAULT_TAG.to_string(),
            };
        }
    };
    let plan = |action, events, waiting: Option<&str>, rule: &str, why: String| KubeletPlan {
        action,
        image_with_default_tag: Some(with_tag.clone()),
        events,
        waiting_reason: waiting.map(str::to_string),
        rule: rule.to_string(),
        why,
        source: SRC_IMAGE_MANAGER.to_string(),
    };
    let pulling = || vec![event("Normal", "Pulling", pulling_message(image))];
    let never_error = || {
        vec![event(
            "Warning",
            "ErrImageNeverPull",
            format!("Container image {quoted} is not present with pull policy of Never"),
        )]
    };

    if policy == "Always" {
        return plan(
            KubeletAction::Pull,
            pulling(),
            None,
            "kubelet.pull.always",
            "imagePullPolicy Always: the kubelet asks the registry every time a container starts (the runtime skips layers it already has)".to_string(),
        );
    }
    if !image_present {
        return if policy == "Never" {
            plan(
                KubeletAction::Fail,
                never_error(),
                Some("ErrImageNeverPull"),
                "kubelet.pull.neverAbsent",
                "imagePullPolicy Never and the image is not on the node".to_string(),
            )
        } else {
            plan(
                KubeletAction::Pull,
                pulling(),
                None,
                "kubelet.pull.ifNotPresentAbsent",
                "imagePullPolicy IfNotPresent and the image is not on the node, so the kubelet pulls it".to_string(),
            )
        };
    }
    if !version.gate("KubeletEnsureSecretPulledImages") {
        return plan(
            KubeletAction::UseLocal,
            vec![event(
                "Normal",
                "Pulled",
                format!("Container image {quoted} already present on machine"),
            )],
            None,
            "kubelet.pull.present",
            format!("imagePullPolicy {policy} and the image is on the node; without KubeletEnsureSecretPulledImages any pod may use it"),
        );
    }
    let must_reverify = origin == PresentOrigin::PulledWithOtherCredentials;
    if !must_reverify {
        return plan(
            KubeletAction::UseLocal,
            vec![event(
                "Normal",
                "Pulled",
                format!("Container image {quoted} already present on machine and can be accessed by the pod"),
            )],
            None,
            "kubelet.pull.presentAccessible",
            format!("imagePullPolicy {policy}, the image is on the node and {}", origin_why(origin)),
        );
    }
    if policy == "Never" {
        return plan(
            KubeletAction::Fail,
            never_error(),
            Some("ErrImageNeverPull"),
            "kubelet.pull.neverNotAccessible",
            "the image is on the node but was pulled with credentials this pod does not present; with Never the kubelet cannot re-check them (KubeletEnsureSecretPulledImages)".to_string(),
        );
    }
    plan(
        KubeletAction::Pull,
        pulling(),
        None,
        "kubelet.pull.reverifyCredentials",
        "the image is on the node but was pulled with credentials this pod does not present, so the kubelet pulls again to check the pod's own credentials (KubeletEnsureSecretPulledImages)".to_string(),
    )
}

const SRC_LOOKUP_FAILED: &str = "pkg/kubelet/images/image_manager.go:makeLookupPullCredentialsFunc, pkg/credentialprovider/secrets/secrets.go:MakeDockerKeyring, pkg/kubelet/kuberuntime/kuberuntime_container.go:startContainer, pkg/kubelet/kubelet_pods.go:convertToAPIContainerStatuses";

/// The rule of [`credential_lookup_failed`].
pub const LOOKUP_FAILED_RULE: &str = "kubelet.pull.pullSecretUndecodable";

/// The kubelet builds the pod's keyring from its pull secrets when it needs credentials: just
/// before a pull, or to re-check an image pulled with other credentials. A pull secret that
/// does not decode ends the image step there with the decode error: no `Pulling` event, the
/// start fails with `Failed` `Error: <err>`, and the container's waiting reason and message
/// are the error's own text (the kubelet's reason cache keeps the error, not a reason word).
/// The kubelet tries again at every sync of the pod, with the same outcome.
pub fn credential_lookup_failed(plan: KubeletPlan, error: &str) -> KubeletPlan {
    let looks_up =
        plan.action == KubeletAction::Pull || plan.rule == "kubelet.pull.neverNotAccessible";
    if !looks_up {
        return plan;
    }
    KubeletPlan {
        action: KubeletAction::Fail,
        events: vec![event("Warning", "Failed", format!("Error: {error}"))],
        waiting_reason: Some(error.to_string()),
        rule: LOOKUP_FAILED_RULE.to_string(),
        why: "a pull secret of the pod does not decode: the kubelet's credential lookup fails before any pull, so the container never starts and waits with the decode error as its reason; the kubelet retries at every sync".to_string(),
        source: SRC_LOOKUP_FAILED.to_string(),
        ..plan
    }
}

fn origin_why(origin: PresentOrigin) -> &'static str {
    match origin {
        PresentOrigin::Preloaded => "was not pulled by this kubelet (imagePullCredentialsVerificationPolicy NeverVerifyPreloadedImages)",
        PresentOrigin::PulledAnonymously => "was pulled without credentials, so every pod may use it",
        PresentOrigin::PulledWithMatchingCredentials => "was pulled with credentials this pod also presents",
        PresentOrigin::PulledWithOtherCredentials => "was pulled with credentials this pod does not present",
    }
}

/// The events of a pull of `image` with the simulated values (`sim`).
pub fn pull_outcomes(image: &str, sim: &SimulatedPull) -> PullOutcomes {
    let failed = failed_to_pull_message(image, RUNTIME_ERROR);
    PullOutcomes {
        pulling: event("Normal", "Pulling", pulling_message(image)),
        success: vec![event("Normal", "Pulled", pulled_message(image, sim))],
        failure: vec![
            event("Warning", "Failed", failed),
            event("Warning", "Failed", "Error: ErrImagePull".to_string()),
        ],
        failure_waiting_reason: "ErrImagePull".to_string(),
        backoff: vec![event("Normal", "BackOff", backoff_message(image))],
        backoff_waiting_reason: "ImagePullBackOff".to_string(),
        // The previous pull's error, kept for the waiting message (prevPullErrMsg).
        backoff_waiting_message: format!("{}: ErrImagePull: {RUNTIME_ERROR}", backoff_message(image)),
        simulated: *sim,
        simulated_why: format!(
            "simulated: the pull time ({}), the wait behind other pulls ({}) and the image size ({} bytes), from the start-up view's controls; a real node reports its own",
            go_duration(sim.pull),
            go_duration(sim.wait),
            sim.size
        ),
        error_why: RUNTIME_ERROR_WHY.to_string(),
    }
}

/// A review hint about an image reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Warning {
    pub rule: String,
    pub message: String,
    pub why: String,
    pub source: String,
}

fn warning(rule: &str, message: &str, why: &str, source: &str) -> Warning {
    Warning {
        rule: rule.to_string(),
        message: message.to_string(),
        why: why.to_string(),
        source: source.to_string(),
    }
}

/// Reviewer warnings for an image reference.
pub fn image_warnings(image: &Reference) -> Vec<Warning> {
    let mut out = Vec::new();
    let named = match &image.normalized {
        Ok(n) => n,
        Err(_) => {
            out.push(warning(
                "images.warning.invalid",
                "the image reference does not parse",
                "the API server accepts it, but the kubelet reports InvalidImageName and the container never starts",
                SRC_DEFAULT_TAG,
            ));
            return out;
        }
    };
    match (&named.tag, &named.digest) {
        (None, None) => out.push(warning(
            "images.warning.latest",
            "no tag: the image is :latest",
            ":latest moves; nodes may run different builds, and a rollback cannot pin the old one",
            DOC_IMAGES,
        )),
        (Some(t), None) if t == "latest" => out.push(warning(
            "images.warning.latest",
            "the tag is :latest",
            ":latest moves; nodes may run different builds, and a rollback cannot pin the old one",
            DOC_IMAGES,
        )),
        (Some(_), None) => out.push(warning(
            "images.warning.noDigest",
            "tag without a digest",
            "a tag can be re-pushed; add @sha256:<digest> to run exactly the image you reviewed",
            DOC_IMAGES,
        )),
        (Some(t), Some(_)) if t == "latest" => out.push(warning(
            "images.warning.latestWithDigest",
            ":latest with a digest still defaults to imagePullPolicy Always",
            "the default looks only at the tag; the digest pins the content, so set imagePullPolicy: IfNotPresent to avoid a registry round-trip",
            SRC_DEFAULTS,
        )),
        _ => {}
    }
    if let Some(t) = &named.tag {
        if t != "latest" && t.eq_ignore_ascii_case("latest") {
            out.push(warning(
                "images.warning.latestCase",
                "this tag is not :latest for the pull-policy default",
                "the default compares the tag case-sensitively with \"latest\", so it becomes IfNotPresent and a stale local copy may be used",
                SRC_DEFAULTS,
            ));
        }
    }
    out
}

/// The API server's errors on `spec.containers[0].image` when a minimal pod with that image is
/// created in `version` (the conformance `podValidationErrors` column): the pod is defaulted
/// and validated as a create is (pkg/apis/core/v1 `SetObjectDefaults_Pod`, then
/// validation.go `ValidatePodCreate`: `validateContainerCommon`'s required value and
/// `validateContainerOnlyForPod`'s whitespace rule; never the reference grammar), so the
/// release's own wording is used.
pub fn image_validation_errors(image: &str, version: Version) -> Vec<String> {
    const FIELD: &str = "spec.containers[0].image";
    let mut pod = serde_json::json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "p", "namespace": "default"},
        "spec": {"containers": [{"name": "c", "image": image}]},
    });
    crate::defaulting::set_object_defaults_pod(&mut pod, version, &mut Default::default());
    let ctx = crate::validation::ValidationContext::new(version);
    crate::validation::validate_pod_create(&pod, &ctx)
        .into_iter()
        .filter(|e| e.field == FIELD)
        .map(|e| e.to_string())
        .collect()
}

/// One failed pull and the wait that follows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackoffStep {
    /// 1 for the first failure.
    pub failure: u32,
    /// Seconds the kubelet waits before trying again.
    pub backoff_seconds: u64,
    /// Seconds since the first failure at which the next attempt may start (pulls taken as instant).
    pub retry_at_seconds: u64,
}

/// The ImagePullBackOff schedule, as data a chart can draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackoffSchedule {
    pub initial_seconds: u64,
    pub max_seconds: u64,
    pub reset_after_seconds: u64,
    pub steps: Vec<BackoffStep>,
    pub rule: String,
    pub why: String,
    pub source: String,
}

/// The kubelet's back-off delays (`flowcontrol.Backoff` without jitter): `initial`, doubled
/// after each failure, capped at `max`; one delay per failure. ImagePullBackOff and
/// CrashLoopBackOff both use it, with their own initial and max.
pub fn doubling_delays(initial: u64, max: u64, failures: u32) -> Vec<u64> {
    let mut out = Vec::new();
    let mut delay = initial.min(max);
    for _ in 0..failures.min(64) {
        out.push(delay);
        delay = delay.saturating_mul(2).min(max);
    }
    out
}

/// The back-off after each of `failures` consecutive failed pulls of one image in one pod.
pub fn backoff_schedule(failures: u32) -> BackoffSchedule {
    let mut steps = Vec::new();
    let mut at = 0;
    for (i, delay) in doubling_delays(BACKOFF_INITIAL_SECONDS, BACKOFF_MAX_SECONDS, failures)
        .into_iter()
        .enumerate()
    {
        at += delay;
        steps.push(BackoffStep {
            failure: i as u32 + 1,
            backoff_seconds: delay,
            retry_at_seconds: at,
        });
    }
    BackoffSchedule {
        initial_seconds: BACKOFF_INITIAL_SECONDS,
        max_seconds: BACKOFF_MAX_SECONDS,
        reset_after_seconds: BACKOFF_RESET_SECONDS,
        steps,
        rule: "kubelet.image.backoff".to_string(),
        why: "each failed pull doubles the wait (10 s, 20 s, 40 s ... capped at 300 s, no jitter); 600 s without a failure resets it".to_string(),
        source: SRC_BACKOFF.to_string(),
    }
}

/// Inputs for [`analyze_image`].
#[derive(Debug, Clone)]
pub struct ImageInput<'a> {
    pub image: &'a Reference<'a>,
    /// `imagePullPolicy` as written in the pod (None or "" = not set).
    pub user_policy: Option<&'a str>,
    /// The create pipeline's Change for this pull-policy field, when it made one (defaulting
    /// or AlwaysPullImages): its reason and provenance are shown as recorded.
    pub recorded_policy: Option<&'a Change>,
    /// Whether the AlwaysPullImages admission plugin is enabled (off by default).
    pub always_pull_images: bool,
    /// Whether the image is already on the node.
    pub image_present: bool,
    pub present_origin: PresentOrigin,
    /// The simulated values a pull's events show.
    pub simulated: SimulatedPull,
    /// The decode error of the pod's first pull secret that does not decode, if any.
    pub pull_secret_error: Option<&'a str>,
    pub version: Version,
}

/// Everything about one image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageReport {
    pub reference: ReferenceReport,
    pub pull_policy: PolicyDecision,
    pub kubelet: KubeletPlan,
    /// The events of the pull, when the kubelet pulls.
    pub pull: Option<PullOutcomes>,
    pub warnings: Vec<Warning>,
    pub backoff: BackoffSchedule,
}

/// The whole analysis for one image.
pub fn analyze_image(input: &ImageInput) -> ImageReport {
    let pull_policy = match input.recorded_policy {
        Some(change) => recorded_pull_policy(change),
        None => effective_pull_policy(input.image, input.user_policy, input.always_pull_images),
    };
    let mut kubelet = kubelet_pull(
        input.image,
        &pull_policy.policy,
        input.image_present,
        input.present_origin,
        input.version,
    );
    if let Some(error) = input.pull_secret_error {
        kubelet = credential_lookup_failed(kubelet, error);
    }
    ImageReport {
        reference: describe_reference(input.image),
        pull_policy,
        pull: (kubelet.action == KubeletAction::Pull)
            .then(|| pull_outcomes(input.image.text, &input.simulated)),
        kubelet,
        warnings: image_warnings(input.image),
        backoff: backoff_schedule(8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX64: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /// The policy rows live with the rule (defaulting/tests.rs); here only the view's wrapping.
    #[test]
    fn default_policy_is_defaultings_decision() {
        let d = default_pull_policy(&Reference::parse("nginx:LATEST"));
        assert_eq!(d.policy, "IfNotPresent");
        assert_eq!(d.rule, "defaults.container.imagePullPolicy");
        assert_eq!(
            d.why,
            crate::defaulting::default_pull_policy(&Reference::parse("nginx:LATEST")).1
        );
        assert_eq!(d.set_by, PolicySetBy::Default);
    }

    #[test]
    fn recorded_change_is_shown_as_recorded() {
        let mut changes = crate::changes::Changes::new();
        changes.add(
            "spec.containers[0].imagePullPolicy",
            serde_json::json!("Always"),
            by::admission("AlwaysPullImages"),
            "admission.alwaysPullImages",
            "recorded reason",
            Some("plugin/pkg/admission/alwayspullimages/admission.go"),
        );
        let input = ImageInput {
            image: &Reference::parse("nginx:1.25"),
            user_policy: None,
            recorded_policy: changes.list.first(),
            always_pull_images: false,
            image_present: false,
            present_origin: PresentOrigin::default(),
            simulated: crate::startup::StartBehaviour::default().simulated_pull(),
            pull_secret_error: None,
            version: Version::new(1, 36),
        };
        let d = analyze_image(&input).pull_policy;
        assert_eq!(
            (d.policy.as_str(), d.set_by, d.rule.as_str(), d.why.as_str()),
            (
                "Always",
                PolicySetBy::AlwaysPullImages,
                "admission.alwaysPullImages",
                "recorded reason"
            )
        );
    }

    #[test]
    fn effective_policy_rows() {
        let rows: &[(&str, Option<&str>, bool, &str, PolicySetBy)] = &[
            ("nginx:1", None, false, "IfNotPresent", PolicySetBy::Default),
            (
                "nginx:1",
                Some(""),
                false,
                "IfNotPresent",
                PolicySetBy::Default,
            ),
            ("nginx", Some("Never"), false, "Never", PolicySetBy::User),
            (
                "nginx:1",
                Some("Never"),
                true,
                "Always",
                PolicySetBy::AlwaysPullImages,
            ),
        ];
        for (image, user, always, want, by) in rows {
            let d = effective_pull_policy(&Reference::parse(image), *user, *always);
            assert_eq!(
                (d.policy.as_str(), d.set_by),
                (*want, *by),
                "{image} {user:?}"
            );
        }
    }

    #[test]
    fn default_tag_applied_to_original_string() {
        let rows: Vec<(String, Result<String, String>)> = vec![
            ("nginx".into(), Ok("nginx:latest".into())),
            ("nginx:1".into(), Ok("nginx:1".into())),
            (format!("nginx@sha256:{HEX64}"), Ok(format!("nginx@sha256:{HEX64}"))),
            (format!("nginx:latest@sha256:{HEX64}"), Ok(format!("nginx:latest@sha256:{HEX64}"))),
            ("localhost:5000/app".into(), Ok("localhost:5000/app:latest".into())),
            ("UPPER".into(), Err("couldn't parse image name \"UPPER\": invalid reference format: repository name (library/UPPER) must be lowercase".into())),
        ];
        for (image, want) in rows {
            assert_eq!(
                apply_default_image_tag(&Reference::parse(&image)),
                want,
                "{image}"
            );
        }
    }

    /// `EnsureImageExists` (pkg/kubelet/images/image_manager.go): (policy, present, origin, version minor) → (action, first event reason, message, waiting).
    #[test]
    fn kubelet_decision_rows() {
        use KubeletAction::*;
        use PresentOrigin::*;
        type Row = (
            &'static str,
            bool,
            PresentOrigin,
            u32,
            KubeletAction,
            &'static str,
            &'static str,
            Option<&'static str>,
        );
        let rows: &[Row] = &[
            ("Always", true, Preloaded, 35, Pull, "Pulling", "Pulling image \"nginx\"", None),
            ("IfNotPresent", false, Preloaded, 35, Pull, "Pulling", "Pulling image \"nginx\"", None),
            ("IfNotPresent", true, Preloaded, 34, UseLocal, "Pulled", "Container image \"nginx\" already present on machine", None),
            ("IfNotPresent", true, Preloaded, 35, UseLocal, "Pulled", "Container image \"nginx\" already present on machine and can be accessed by the pod", None),
            ("IfNotPresent", true, PulledWithOtherCredentials, 35, Pull, "Pulling", "Pulling image \"nginx\"", None),
            ("IfNotPresent", true, PulledWithOtherCredentials, 34, UseLocal, "Pulled", "Container image \"nginx\" already present on machine", None),
            ("Never", false, Preloaded, 35, Fail, "ErrImageNeverPull", "Container image \"nginx\" is not present with pull policy of Never", Some("ErrImageNeverPull")),
            ("Never", true, PulledWithOtherCredentials, 36, Fail, "ErrImageNeverPull", "Container image \"nginx\" is not present with pull policy of Never", Some("ErrImageNeverPull")),
            ("Never", true, PulledAnonymously, 36, UseLocal, "Pulled", "Container image \"nginx\" already present on machine and can be accessed by the pod", None),
        ];
        for (policy, present, origin, minor, action, reason, message, waiting) in rows {
            let p = kubelet_pull(
                &Reference::parse("nginx"),
                policy,
                *present,
                *origin,
                Version::new(1, *minor),
            );
            assert_eq!(p.action, *action, "{policy} {present} {origin:?} 1.{minor}");
            assert_eq!(p.events[0].reason, *reason);
            assert_eq!(p.events[0].message, *message);
            assert_eq!(p.waiting_reason.as_deref(), *waiting);
        }
    }

    #[test]
    fn invalid_image_is_inspect_failed() {
        let p = kubelet_pull(
            &Reference::parse("Nginx"),
            "IfNotPresent",
            false,
            PresentOrigin::Preloaded,
            Version::new(1, 35),
        );
        assert_eq!(p.action, KubeletAction::Fail);
        assert_eq!(p.waiting_reason.as_deref(), Some("InvalidImageName"));
        assert_eq!(
            p.events[0].message,
            "Failed to apply default image tag \"Nginx\": couldn't parse image name \"Nginx\": invalid reference format: repository name (library/Nginx) must be lowercase"
        );
    }

    /// The kubelet's pull events with the simulated values filled in (image_manager.go:pullImage).
    #[test]
    fn pull_outcome_texts() {
        let sim = SimulatedPull {
            pull: 1_234,
            wait: 61_000,
            size: 187_654_321,
            fails: false,
        };
        let o = pull_outcomes("nginx", &sim);
        let texts = |events: &[Event]| -> Vec<String> {
            events
                .iter()
                .map(|e| format!("{} {}: {}", e.kind, e.reason, e.message))
                .collect()
        };
        assert_eq!(
            texts(std::slice::from_ref(&o.pulling)),
            ["Normal Pulling: Pulling image \"nginx\""]
        );
        assert_eq!(
            texts(&o.success),
            ["Normal Pulled: Successfully pulled image \"nginx\" in 1.234s (1m2.234s including waiting). Image size: 187654321 bytes."]
        );
        assert_eq!(
            texts(&o.failure),
            [
                "Warning Failed: Failed to pull image \"nginx\": <the container runtime's error>",
                "Warning Failed: Error: ErrImagePull"
            ]
        );
        assert_eq!(
            texts(&o.backoff),
            ["Normal BackOff: Back-off pulling image \"nginx\""]
        );
        assert_eq!(
            (
                o.backoff_waiting_reason.as_str(),
                o.backoff_waiting_message.as_str()
            ),
            (
                "ImagePullBackOff",
                "Back-off pulling image \"nginx\": ErrImagePull: <the container runtime's error>"
            )
        );
        assert_eq!(
            o.simulated_why,
            "simulated: the pull time (1.234s), the wait behind other pulls (1m1s) and the image size (187654321 bytes), from the start-up view's controls; a real node reports its own"
        );
    }

    /// An image the kubelet pulls carries its pull's events; one it does not, none.
    #[test]
    fn pull_events_only_when_the_kubelet_pulls() {
        let reference = Reference::parse("nginx:1.25");
        let input = |present| ImageInput {
            image: &reference,
            user_policy: None,
            recorded_policy: None,
            always_pull_images: false,
            image_present: present,
            present_origin: PresentOrigin::default(),
            simulated: crate::startup::StartBehaviour::default().simulated_pull(),
            pull_secret_error: None,
            version: Version::new(1, 36),
        };
        let pulled = analyze_image(&input(false))
            .pull
            .map(|p| p.success[0].message.clone());
        assert_eq!(
            pulled.as_deref(),
            Some("Successfully pulled image \"nginx:1.25\" in 0s (0s including waiting). Image size: 50000000 bytes.")
        );
        assert_eq!(analyze_image(&input(true)).pull, None);
    }

    #[test]
    fn warning_rows() {
        let rows: Vec<(String, Vec<&str>)> = vec![
            ("nginx".into(), vec!["images.warning.latest"]),
            ("nginx:latest".into(), vec!["images.warning.latest"]),
            ("nginx:1.25".into(), vec!["images.warning.noDigest"]),
            (
                "nginx:LATEST".into(),
                vec!["images.warning.noDigest", "images.warning.latestCase"],
            ),
            (format!("nginx@sha256:{HEX64}"), vec![]),
            (
                format!("nginx:latest@sha256:{HEX64}"),
                vec!["images.warning.latestWithDigest"],
            ),
            ("Nginx".into(), vec!["images.warning.invalid"]),
        ];
        for (image, want) in rows {
            let got: Vec<String> = image_warnings(&Reference::parse(&image))
                .into_iter()
                .map(|w| w.rule)
                .collect();
            assert_eq!(got, want, "{image}");
        }
    }

    #[test]
    fn validation_rows() {
        let v = Version::new(1, 36);
        assert_eq!(
            image_validation_errors("", v),
            vec!["spec.containers[0].image: Required value"]
        );
        assert_eq!(
            image_validation_errors(" nginx", v),
            vec!["spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace"]
        );
        assert!(image_validation_errors("UPPER", v).is_empty());
    }

    #[test]
    fn backoff_doubles_to_cap() {
        let s = backoff_schedule(8);
        let delays: Vec<u64> = s.steps.iter().map(|x| x.backoff_seconds).collect();
        assert_eq!(delays, vec![10, 20, 40, 80, 160, 300, 300, 300]);
        let at: Vec<u64> = s.steps.iter().map(|x| x.retry_at_seconds).collect();
        assert_eq!(at, vec![10, 30, 70, 150, 310, 610, 910, 1210]);
        assert_eq!(s.reset_after_seconds, 600);
    }

    #[test]
    fn doubling_delays_serve_both_back_offs() {
        // ImagePullBackOff and the default CrashLoopBackOff: 10 s to 300 s.
        assert_eq!(doubling_delays(10, 300, 7), [10, 20, 40, 80, 160, 300, 300]);
        // ReduceDefaultCrashLoopBackOffDecay: 1 s to 60 s.
        assert_eq!(doubling_delays(1, 60, 8), [1, 2, 4, 8, 16, 32, 60, 60]);
        // A max below the initial delay lowers the initial one (maxContainerRestartPeriod).
        assert_eq!(doubling_delays(10, 5, 2), [5, 5]);
        assert!(doubling_delays(10, 300, 0).is_empty());
    }
}
