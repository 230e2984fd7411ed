//! The API server's create pipeline for a Pod, in Kubernetes' order (apiserver's `createHandler`, staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go, then `Store.Create`):
//! defaulting → namespace → mutating admission → create step (name, status, QoS,
//! dropped fields) → ValidatePodCreate → validating admission.

mod create;

use crate::admission::{self, AdmissionError, AdmissionSettings, Ctx, NameGenerator};
use crate::changes::{by, Change, Changes};
use crate::cluster::ClusterContext;
use crate::decode;
use crate::field::FieldError;
use crate::input::Subject;
use crate::options::Options;
use crate::pod_json;
use crate::schema::schema;
use crate::versions::Version;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One create request.
#[derive(Debug, Clone)]
pub struct AdmitInput {
    /// The v1 Pod as decoded (not yet defaulted).
    pub pod: Value,
    pub cluster: ClusterContext,
    /// The namespace in the request URL (kubectl's context namespace), `default` if unset.
    pub request_namespace: String,
    pub settings: AdmissionSettings,
    pub version: Version,
    /// Seed for the random name parts (token volume suffix, generateName). None = derived
    /// from the pod's namespace, name and generateName, so editing other fields does not
    /// change the names.
    pub seed: Option<u64>,
    /// Which intermediate objects the result keeps ([`Stages`]).
    pub stages: Stages,
    /// Quantities as written where not canonical, by field path (`Decoded::quantity_texts`).
    pub quantity_texts: Vec<(String, String)>,
}

/// Which of the pipeline's intermediate objects a result keeps. Each kept stage is a copy of
/// the whole pod, marshaled: about a fifth of a page analysis for a small pod, so only the
/// callers that read every stage (conformance checks, the pipeline's tests) ask for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stages {
    /// `schemeDefaulted`, `admitted`, `preparedForCreate` and the created pod, each reached.
    All,
    /// What the views read: the shown pod ([`AdmitResult::shown_pod`]) only. `admitted` is
    /// None (read [`AdmitResult::admitted_pod`]), `scheme_defaulted` Null and
    /// `prepared_for_create` None unless it is the shown pod.
    Shown,
}

impl AdmitInput {
    /// A request with default settings, the `default` namespace and no cluster objects.
    pub fn new(pod: Value, version: Version) -> Self {
        AdmitInput {
            pod,
            cluster: ClusterContext::default(),
            request_namespace: "default".to_string(),
            settings: AdmissionSettings::default(),
            version,
            seed: None,
            stages: Stages::All,
            quantity_texts: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Created,
    RejectedAdmission,
    RejectedValidation,
    RejectedValidatingAdmission,
    DecodeError,
    /// The request itself is wrong (e.g. namespace mismatch): HTTP 400.
    BadRequest,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmitResult {
    pub outcome: Outcome,
    /// The object as a server-side dry-run create returns it; None when rejected.
    pub pod: Option<Value>,
    /// Every error string, in Kubernetes' order and wording.
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
    pub changes: Vec<Change>,
    /// Pipeline stages, for explaining and for conformance checks (all of them only when the
    /// request asked for [`Stages::All`]).
    pub scheme_defaulted: Value,
    pub admitted: Option<Value>,
    pub prepared_for_create: Option<Value>,
    pub admission_plugins: Vec<String>,
    pub admission_error: Option<AdmissionError>,
    pub validation_errors: Vec<FieldError>,
    pub validating_admission_error: Option<AdmissionError>,
}

impl AdmitResult {
    /// The pod the views explain: the created pod, or the last stage reached when the API
    /// server rejected it.
    pub fn shown_pod(&self) -> &Value {
        self.pod
            .as_ref()
            .or(self.prepared_for_create.as_ref())
            .or(self.admitted.as_ref())
            .unwrap_or(&self.scheme_defaulted)
    }

    /// The pod as mutating admission left it; None when admission refused it (or the request
    /// never reached admission). With [`Stages::Shown`] that is the object prepared for create
    /// or the created pod: the create step (name, status, fields of disabled gates) changes
    /// none of the scheduling fields read from it (`nodeSelector`, `tolerations`, `overhead`,
    /// `priority`, `preemptionPolicy`, `priorityClassName`).
    pub fn admitted_pod(&self) -> Option<&Value> {
        self.admitted
            .as_ref()
            .or(self.prepared_for_create.as_ref())
            .or(self.pod.as_ref())
    }

    /// An empty stand-in for a result that stays where it was computed (the web worker sends
    /// the report without its stages; see `report::AdmitView::result`).
    pub fn not_sent() -> AdmitResult {
        AdmitResult {
            outcome: Outcome::DecodeError,
            pod: None,
            errors: Vec::new(),
            warnings: Vec::new(),
            changes: Vec::new(),
            scheme_defaulted: Value::Null,
            admitted: None,
            prepared_for_create: None,
            admission_plugins: Vec::new(),
            admission_error: None,
            validation_errors: Vec::new(),
            validating_admission_error: None,
        }
    }
}

/// `rest.EnsureObjectNamespaceMatchesRequestNamespace`.
pub const ERR_NAMESPACE_MISMATCH: &str =
    "the namespace of the provided object does not match the namespace sent on the request";

/// The create request for the paste's subject: the pod as its controller (or the person)
/// sends it, to the namespace kubectl would use (the object's own, else the context
/// namespace, else `default`), with the cluster context and the chosen admission settings.
pub fn create(subject: &Subject, context: &ClusterContext, options: &Options) -> AdmitResult {
    let mut result = run(AdmitInput {
        pod: subject.pod.clone(),
        cluster: context.clone(),
        request_namespace: subject.request_namespace(options),
        settings: options.admission.clone(),
        version: options.version,
        seed: None,
        stages: options.stages,
        quantity_texts: subject.quantity_texts.clone(),
    });
    // The controller acted before the API server saw the pod.
    result
        .changes
        .splice(0..0, subject.controller_changes.iter().cloned());
    result
}

/// Runs the whole create pipeline (handlers/create.go:createHandler, registry/store.go:Store.Create).
///
/// The pipeline works on the pod as the API server's Go structs hold it, where an explicit
/// `[]` or `{}` is a non-nil empty slice or map (a few checks tell it from nil); every stage
/// it exposes is shown as json.Marshal writes it, with `omitempty` applied.
pub fn run(mut input: AdmitInput) -> AdmitResult {
    let cluster = stored_cluster(std::mem::take(&mut input.cluster));
    run_stored(input, &cluster)
}

/// [`run`] against cluster objects already as the API server stores them ([`stored_cluster`];
/// `input.cluster` is not read): many requests against one cluster marshal it once (the
/// scheduling view admits every running pod of the paste; copying and marshaling the whole
/// cluster for each made that quadratic in the number of documents).
pub fn run_stored(input: AdmitInput, cluster: &ClusterContext) -> AdmitResult {
    let stages = input.stages;
    let mut result = admit_structs(input, cluster);
    if stages == Stages::Shown && result.admitted_pod().is_some() {
        // Past admission, the scheme-defaulted copy is never the shown pod.
        result.scheme_defaulted = Value::Null;
    }
    for stage in [
        Some(&mut result.scheme_defaulted),
        result.admitted.as_mut(),
        result.prepared_for_create.as_mut(),
        result.pod.as_mut(),
    ]
    .into_iter()
    .flatten()
    {
        decode::marshal_owned(stage, POD_GO_TYPE);
    }
    result
}

/// The Go type the pipeline's pod is.
const POD_GO_TYPE: &str = "v1.Pod";

/// Cluster objects as admission plugins read them from the API server's caches: stored
/// objects, so marshaled (an empty list or map given for an `omitempty` field is nil there).
pub fn stored_cluster(cluster: ClusterContext) -> ClusterContext {
    let objects = cluster
        .objects
        .into_iter()
        .map(|mut o| {
            let kind = o.get("kind").and_then(Value::as_str).unwrap_or("");
            let api_version = o.get("apiVersion").and_then(Value::as_str).unwrap_or("");
            if let Some(k) = schema().kind(kind, api_version) {
                decode::marshal_owned(&mut o, &k.go_type);
            }
            o
        })
        .collect();
    ClusterContext { objects, ..cluster }
}

fn admit_structs(input: AdmitInput, cluster: &ClusterContext) -> AdmitResult {
    let mut changes = Changes::new();
    let warnings: Vec<String> = Vec::new();
    let mut pod = input.pod;
    if !pod.is_object() {
        return AdmitResult::failed(
            Outcome::DecodeError,
            pod,
            "Object 'Kind' is missing in the request body: not a JSON object".to_string(),
            changes,
        );
    }

    // Releases that print a bad quantity with `%#v` show how it was parsed, which defaulting's
    // canonical rewrite hides: keep the decoded texts for validation.
    let decoded_quantities = if input.version.behaviour("FieldErrorQuotesNamedStrings") {
        Vec::new()
    } else {
        crate::validation::containers::decoded_quantities(&pod, &input.quantity_texts)
    };

    // 1. Scheme defaulting on the v1 object.
    crate::defaulting::set_object_defaults_pod(&mut pod, input.version, &mut changes);
    let scheme_defaulted = pod.clone();

    // 1b. Conversion to the internal type.
    convert_v1_to_internal(&mut pod, &mut changes);

    // 2. Namespace.
    let namespace = if input.request_namespace.is_empty() {
        "default".to_string()
    } else {
        input.request_namespace.clone()
    };
    let object_ns = pod
        .get("metadata")
        .map_or("", |m| pod_json::str_of(m, "namespace"))
        .to_string();
    if object_ns.is_empty() {
        if let Some(meta) = pod
            .as_object_mut()
            .and_then(|p| pod_json::child_obj(p, "metadata"))
        {
            meta.insert("namespace".into(), Value::String(namespace.clone()));
        }
        changes.add(
            "metadata.namespace",
            Value::String(namespace.clone()),
            by::NAMESPACE,
            "create.namespace",
            "the object names no namespace, so it goes to the namespace of the request (kubectl's current namespace)",
            Some("staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go"),
        );
    } else if object_ns != namespace {
        let mut r = AdmitResult::failed(
            Outcome::BadRequest,
            scheme_defaulted,
            ERR_NAMESPACE_MISMATCH.to_string(),
            changes,
        );
        r.warnings = warnings;
        return r;
    }

    // 3. Mutating admission. NamespaceLifecycle comes first: a namespace that is being
    // deleted accepts no new objects (only checked when the Namespace is pasted; podplay
    // otherwise assumes the namespace exists).
    if let Err(e) = admission::namespace_lifecycle::admit(cluster, &namespace, &pod) {
        let mut r = AdmitResult::failed(
            Outcome::RejectedAdmission,
            scheme_defaulted,
            e.message.clone(),
            changes,
        );
        r.admission_error = Some(e);
        r.warnings = warnings;
        return r;
    }
    let seed = input.seed.unwrap_or_else(|| default_seed(&pod, &namespace));
    let mut names = NameGenerator::new(seed);
    let mut ctx = Ctx {
        cluster,
        namespace: &namespace,
        settings: &input.settings,
        version: input.version,
        names: &mut names,
    };
    let plugins = admission::mutating_plugins(&ctx, &pod);
    let admission_plugins: Vec<String> = plugins.iter().map(|p| p.to_string()).collect();
    let mut result = AdmitResult {
        outcome: Outcome::Created,
        pod: None,
        errors: Vec::new(),
        warnings,
        changes: Vec::new(),
        scheme_defaulted,
        admitted: None,
        prepared_for_create: None,
        admission_plugins,
        admission_error: None,
        validation_errors: Vec::new(),
        validating_admission_error: None,
    };
    if let Err(e) = admission::run_mutating(&mut pod, &plugins, &mut ctx, &mut changes) {
        result.outcome = Outcome::RejectedAdmission;
        result.errors.push(e.message.clone());
        result.admission_error = Some(e);
        result.changes = changes.list;
        return result;
    }
    convert_internal_to_v1(&mut pod, &mut changes);
    if input.stages == Stages::All {
        result.admitted = Some(pod.clone());
    }

    // 4. Store create: name, status, dropped fields; then validation.
    // Validation and validating admission only read the pod: the object prepared for create
    // is the created pod, copied only when every stage is wanted.
    create::prepare_for_create(&mut pod, ctx.names, input.version, &mut changes);
    let mut vctx = crate::validation::ValidationContext::new(input.version);
    vctx.decoded_quantities = decoded_quantities;
    let field_errors = crate::validation::validate_pod_create(&pod, &vctx);
    if !field_errors.is_empty() {
        result.outcome = Outcome::RejectedValidation;
        result.errors = field_errors.iter().map(|e| e.render()).collect();
        result.validation_errors = field_errors;
        result.prepared_for_create = Some(pod);
        result.changes = changes.list;
        return result;
    }

    // rest.BeforeCreate adds WarningsOnCreate once validation passed (before validating
    // admission, so a pod rejected there still gets them).
    result.warnings = crate::warnings::on_create(&pod, input.version);

    // 5. Validating admission.
    if let Err(e) = admission::run_validating(&pod, &plugins_for_validation(&ctx, &pod), &ctx) {
        result.outcome = Outcome::RejectedValidatingAdmission;
        result.errors.push(e.message.clone());
        result.validating_admission_error = Some(e);
        result.prepared_for_create = Some(pod);
        result.changes = changes.list;
        return result;
    }
    if input.stages == Stages::All {
        result.prepared_for_create = Some(pod.clone());
    }
    result.pod = Some(pod);
    result.changes = changes.list;
    result
}

/// Validating plugins run in the same order; LimitRanger validates whenever LimitRanges exist.
fn plugins_for_validation(ctx: &Ctx, pod: &Value) -> Vec<&'static str> {
    admission::mutating_plugins(ctx, pod)
}

/// The full 422 message for a rejected-validation result (`Pod "x" is invalid: ...`).
pub fn validation_message(result: &AdmitResult) -> Option<String> {
    if result.validation_errors.is_empty() {
        return None;
    }
    let pod = result.prepared_for_create.as_ref()?;
    let name = pod
        .get("metadata")
        .map_or("", |m| pod_json::str_of(m, "name"));
    Some(crate::validation::aggregate_message(
        name,
        &result.validation_errors,
    ))
}

/// A stable seed: the pod's identity, not its whole content.
fn default_seed(pod: &Value, namespace: &str) -> u64 {
    let meta = pod.get("metadata");
    let name = meta.map_or("", |m| pod_json::str_of(m, "name"));
    let generate = meta.map_or("", |m| pod_json::str_of(m, "generateName"));
    NameGenerator::seed_from(&format!("{namespace}/{name}/{generate}"))
}

/// `Convert_v1_Pod_To_core_Pod` quirks: negative grace period → 1 (with a warning), and the
/// deprecated `serviceAccount` read when `serviceAccountName` is empty.
fn convert_v1_to_internal(pod: &mut Value, changes: &mut Changes) {
    let Some(spec) = pod_json::spec_mut(pod) else {
        return;
    };
    let negative = spec
        .get("terminationGracePeriodSeconds")
        .and_then(Value::as_i64)
        .is_some_and(|g| g < 0);
    if negative {
        // No warning: `pkg/api/pod/warnings.go` has one for a negative grace period, but
        // WarningsOnCreate sees the internal pod, where this conversion already made it 1
        // (a local v1.36.2 run returns no warning).
        spec.insert("terminationGracePeriodSeconds".into(), Value::from(1));
        changes.add(
            "spec.terminationGracePeriodSeconds",
            Value::from(1),
            by::CONVERSION,
            "conversion.terminationGracePeriodSeconds.negative",
            "a negative grace period is invalid; the API server treats it as 1 second",
            Some("pkg/apis/core/v1/conversion.go:Convert_v1_Pod_To_core_Pod"),
        );
    }
    let sa_name = spec
        .get("serviceAccountName")
        .and_then(Value::as_str)
        .unwrap_or("");
    let deprecated = spec
        .get("serviceAccount")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if sa_name.is_empty() && !deprecated.is_empty() {
        spec.insert(
            "serviceAccountName".into(),
            Value::String(deprecated.clone()),
        );
        changes.add(
            "spec.serviceAccountName",
            Value::String(deprecated),
            by::CONVERSION,
            "conversion.serviceAccount.deprecated",
            "serviceAccountName is empty, so the deprecated serviceAccount field is used",
            Some("pkg/apis/core/v1/conversion.go:Convert_v1_PodSpec_To_core_PodSpec"),
        );
    }
}

/// The field an admission rejection names, or `""`.
fn plugin_field(error: &Option<AdmissionError>) -> &str {
    error.as_ref().map_or("", |e| e.field.as_str())
}

/// `Convert_core_PodSpec_To_v1_PodSpec`: `serviceAccount` always mirrors `serviceAccountName`.
fn convert_internal_to_v1(pod: &mut Value, changes: &mut Changes) {
    let Some(spec) = pod_json::spec_mut(pod) else {
        return;
    };
    match spec
        .get("serviceAccountName")
        .and_then(Value::as_str)
        .map(str::to_string)
    {
        Some(name) if !name.is_empty() => {
            let before = spec
                .get("serviceAccount")
                .and_then(Value::as_str)
                .map(str::to_string);
            spec.insert("serviceAccount".into(), Value::String(name.clone()));
            if before.as_deref() != Some(name.as_str()) {
                changes.add(
                    "spec.serviceAccount",
                    Value::String(name),
                    crate::changes::by::CONVERSION,
                    "conversion.serviceAccount",
                    "the deprecated serviceAccount field always mirrors serviceAccountName in the stored object",
                    Some("pkg/apis/core/v1/conversion.go:Convert_core_PodSpec_To_v1_PodSpec"),
                );
            }
        }
        _ => {
            spec.remove("serviceAccount");
        }
    }
}

impl AdmitResult {
    /// Each error with the pod field it concerns (`""` when none), in order: validation
    /// errors carry their path, admission errors the field their plugin named.
    pub fn errors_with_fields(&self) -> Vec<(&str, &str)> {
        self.errors
            .iter()
            .enumerate()
            .map(|(i, message)| {
                let field = match self.outcome {
                    Outcome::RejectedValidation => self
                        .validation_errors
                        .get(i)
                        .map_or("", |e| e.field.as_str()),
                    Outcome::RejectedAdmission => plugin_field(&self.admission_error),
                    Outcome::RejectedValidatingAdmission => {
                        plugin_field(&self.validating_admission_error)
                    }
                    Outcome::BadRequest => "metadata.namespace",
                    Outcome::Created | Outcome::DecodeError => "",
                };
                (message.as_str(), field)
            })
            .collect()
    }

    fn failed(outcome: Outcome, pod: Value, error: String, changes: Changes) -> AdmitResult {
        AdmitResult {
            outcome,
            pod: None,
            errors: vec![error],
            warnings: Vec::new(),
            changes: changes.list,
            scheme_defaulted: pod,
            admitted: None,
            prepared_for_create: None,
            admission_plugins: Vec::new(),
            admission_error: None,
            validation_errors: Vec::new(),
            validating_admission_error: None,
        }
    }
}

#[cfg(test)]
mod tests;
