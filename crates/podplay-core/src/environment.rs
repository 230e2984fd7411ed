//! The container environment: what each container of an admitted pod actually sees, and where
//! every value came from (pkg/kubelet/kubelet_pods.go `makeEnvironmentVariables`, then
//! pkg/kubelet/container/helpers.go `ExpandContainerCommandAndArgs`).
//!
//! The kubelet assembles each container's environment when it creates the container:
//! 1. `envFrom` in order: every key of the ConfigMap's `data` / the Secret's `data`, with the
//!    entry's prefix; a later entry replaces an earlier one. A missing object is an error
//!    unless `optional: true`.
//! 2. `env` in order: a non-empty `value` is `$(VAR)`-expanded against what is defined so far
//!    (envFrom keys and earlier env entries), then the service variables; otherwise `valueFrom`
//!    is resolved, and never expanded. An entry replaces any earlier value of its name.
//! 3. The service variables whose names are still free.
//!
//! `command` and `args` are then expanded against that final list. The kubelet hands the
//! runtime the list in Go map order (random on every call); podplay sorts it by name.
//!
//! Values the paste cannot give (node, pod IP, the `kubernetes` Service, the pod's uid) come
//! from [`SimulatedValues`] and are marked as simulated wherever they show.
//!
//! Entry points: [`view`] is the view seam's (`report.environment`: the created pod, the
//! cluster context's Service/ConfigMap/Secret/Node objects, `Options.simulated`);
//! [`environment`] is the same over plain inputs.

pub mod downward;
pub mod expansion;
mod node;
mod report;
pub mod service_links;
mod simulated;

#[cfg(test)]
mod node_tests;

use std::collections::BTreeMap;

use crate::credentials::dockerconfig::go_lossy_utf8;
use crate::credentials::secret::secret_from_json;
use crate::input::CONTEXT_GIVEN_IN;
use crate::placement::{NodeChoice, Placement};
use crate::pod_json::Pointer;
use crate::versions::Version;
use downward::{FieldContext, LimitOrigin, ResourceContext};
use expansion::expand;
use serde_json::Value;
use service_links::ServiceVar;

use node::{hostname_info, node_from, node_used};
pub use report::*;
pub use simulated::{SimulatedKubernetesService, SimulatedNode, SimulatedValues};

/// Why the environment is listed sorted: the kubelet's own order is random.
pub const ENV_ORDER: &str = "The kubelet hands the container runtime an unordered set: it builds the list by ranging over Go maps, so the order changes on every start. Listed here sorted by name.";

/// Service variables are a snapshot (pkg/kubelet/kubelet_pods.go, makeEnvironmentVariables).
pub const SERVICES_NOTE: &str = "Service variables are computed when the container is created: a Service created later is not seen until the container is recreated, and changing a Service does not restart containers. DNS (<service>.<namespace>.svc) has no such race.";

/// What the view reads: the admitted pod, the paste's other objects, the simulated values.
#[derive(Debug, Clone)]
pub struct EnvironmentInput<'a> {
    /// The pod as the API server stored it (defaulted, admitted).
    pub pod: &'a Value,
    /// Context objects of the paste (Service, ConfigMap, Secret, Node; other kinds ignored).
    /// Namespaced objects without a namespace are in the pod's namespace.
    pub objects: &'a [&'a Value],
    pub simulated: &'a SimulatedValues,
    /// The node the pod runs on ([`crate::placement`]): the scheduler's choice binds a pod
    /// without `spec.nodeName` to it.
    pub placement: &'a Placement,
    pub version: Version,
}

fn text<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.at(pointer).and_then(Value::as_str).unwrap_or("")
}

fn kind_of(v: &Value) -> &str {
    text(v, "/kind")
}

/// A namespaced context object by kind, namespace and name (no namespace = the pod's).
fn find_object<'a>(
    objects: &[&'a Value],
    kind: &str,
    namespace: &str,
    name: &str,
) -> Option<&'a Value> {
    objects.iter().copied().find(|o| {
        kind_of(o) == kind
            && text(o, "/metadata/name") == name
            && match text(o, "/metadata/namespace") {
                "" => true,
                ns => ns == namespace,
            }
    })
}

/// Builds the environment view of an admitted pod.
pub fn environment(input: &EnvironmentInput) -> EnvironmentReport {
    let sim = input.simulated;
    let pod = input.pod;
    let namespace = match text(pod, "/metadata/namespace") {
        "" => "default".to_string(),
        ns => ns.to_string(),
    };
    // Bound the way the scheduler (its Binding) or the API server would have: the node's
    // name and the uid are read from here, the pod is not copied to set them.
    let unbound = text(pod, "/spec/nodeName").is_empty();
    let choice = if unbound {
        input.placement.choice
    } else {
        NodeChoice::SpecNodeName
    };
    let node_simulated = unbound && choice == NodeChoice::Simulated;
    let uid_simulated = text(pod, "/metadata/uid").is_empty();
    let uid = if uid_simulated {
        sim.pod_uid.as_str()
    } else {
        text(pod, "/metadata/uid")
    };
    let node_name = match choice {
        _ if !unbound => text(pod, "/spec/nodeName"),
        NodeChoice::Simulated => sim.node.name.as_str(),
        _ => input.placement.node_name.as_str(),
    };
    let (mut node, host_ips) = node_used(input.objects, node_name, sim, &sim.pod_ip);
    node.choice = choice;
    node.from = node_from(&node, input.placement);
    let enable_links = pod.at("/spec/enableServiceLinks").and_then(Value::as_bool);
    let mut services: Vec<Value> = Vec::new();
    for o in input.objects.iter().filter(|o| kind_of(o) == "Service") {
        let mut s = (*o).clone();
        crate::defaulting::cluster_objects::set_defaults_service(&mut s);
        services.push(s);
    }
    let links = service_links::service_links(
        &namespace,
        enable_links.unwrap_or(false),
        &services,
        &sim.kubernetes_service_object(),
    );
    let ctx = Context {
        namespace: &namespace,
        objects: input.objects,
        service_env: links.vars.clone(),
        field: FieldContext {
            pod,
            node_name,
            namespace: &namespace,
            uid,
            pod_ips: &node.pod_ips,
            host_ips: host_ips.as_deref().map_err(String::as_str),
        },
        resources: ResourceContext {
            pod,
            allocatable: &node.allocatable,
            version: input.version,
        },
        simulated_fields: SimulatedFields {
            node_name: node_simulated,
            scheduled: choice == NodeChoice::Scheduler,
            node: node.simulated,
            uid: uid_simulated,
            name: !text(pod, "/metadata/generateName").is_empty(),
        },
        enable_links,
    };
    let hostname = hostname_info(pod, &namespace, &node, sim, input.version);
    let mut containers = Vec::new();
    // The kubelet starts init containers (and sidecars) before the regular ones.
    let spec = pod.get("spec").unwrap_or(&Value::Null);
    for c in crate::containers::spec_containers(
        spec,
        crate::containers::ContainerKind::INIT_THEN_REGULAR,
    ) {
        let kind = match c.kind {
            crate::containers::ContainerKind::Init
                if text(c.value, "/restartPolicy") == "Always"
                    && input.version.gate("SidecarContainers") =>
            {
                ContainerKind::Sidecar
            }
            crate::containers::ContainerKind::Init => ContainerKind::Init,
            _ => ContainerKind::Container,
        };
        containers.push(container_environment(
            &ctx,
            c.value,
            kind,
            &c.path(),
            &hostname,
        ));
    }
    EnvironmentReport {
        service_account_name: text(pod, "/spec/serviceAccountName").to_string(),
        pod_name: text(pod, "/metadata/name").to_string(),
        namespace,
        enable_service_links: enable_links.unwrap_or(false),
        env_order: ENV_ORDER.to_string(),
        hostname,
        uid_simulated,
        services: links.services,
        services_note: SERVICES_NOTE.to_string(),
        containers,
        simulated: sim.clone(),
        node,
    }
}

#[derive(Debug, Clone, Copy)]
struct SimulatedFields {
    /// The pod had no spec.nodeName: bound to the simulated node's name.
    node_name: bool,
    /// The pod had no spec.nodeName: the scheduler bound it to a pasted Node.
    scheduled: bool,
    /// No Node of that name in the paste or the cluster context panel: addresses and allocatable
    /// are simulated.
    node: bool,
    uid: bool,
    /// The name was generated from generateName (random suffix).
    name: bool,
}

struct Context<'a> {
    namespace: &'a str,
    objects: &'a [&'a Value],
    service_env: Vec<ServiceVar>,
    field: FieldContext<'a>,
    resources: ResourceContext<'a>,
    simulated_fields: SimulatedFields,
    enable_links: Option<bool>,
}

/// A ConfigMap's `data` or a Secret's decoded `data` (+ `stringData`), by key.
type Data = BTreeMap<String, (String, bool)>;

/// Looks up a ConfigMap or Secret of the pod's namespace; None when absent. Secret values are
/// bytes: the kubelet passes `string(bytes)`, shown with U+FFFD for bytes that are not UTF-8
/// (the bool says the value was not valid UTF-8).
fn data_of(ctx: &Context, kind: &str, name: &str) -> Option<Data> {
    let obj = find_object(ctx.objects, kind, ctx.namespace, name)?;
    let mut data = Data::new();
    if kind == "Secret" {
        // A Secret whose data is not base64 could not have been created.
        let secret = secret_from_json(obj).ok()?;
        for (k, bytes) in secret.data {
            let binary = std::str::from_utf8(&bytes).is_err();
            data.insert(k, (go_lossy_utf8(&bytes), binary));
        }
    } else if let Some(d) = obj.get("data").and_then(Value::as_object) {
        for (k, v) in d {
            data.insert(k.clone(), (v.as_str().unwrap_or("").to_string(), false));
        }
    }
    Some(data)
}

/// The watch-based managers' not-found error (`configmap "x" not found`, `secret "x" not found`).
fn not_found(kind: &str, name: &str) -> String {
    let resource = if kind == "Secret" {
        "secret"
    } else {
        "configmap"
    };
    // apierrors.NewNotFound: `%s %q not found`.
    format!("{resource} {} not found", crate::go::strconv::quote(name))
}

struct Entry {
    value: String,
    source: EnvSource,
    replaced: Vec<Replaced>,
}

fn source(kind: SourceKind, text: String, field: &str) -> EnvSource {
    EnvSource {
        kind,
        rule: kind.rule().into(),
        kubernetes_source: kind.kubernetes_source().into(),
        text,
        field: Some(field.to_string()),
        object: None,
        key: None,
        prefix: None,
        declared: None,
        references: Vec::new(),
        simulated: false,
    }
}

fn object_ref(kind: &str, namespace: &str, name: &str) -> Option<ObjectRef> {
    Some(ObjectRef {
        kind: kind.into(),
        namespace: namespace.into(),
        name: name.into(),
    })
}

fn set(tmp: &mut BTreeMap<String, Entry>, name: String, value: String, source: EnvSource) {
    let replaced = match tmp.remove(&name) {
        Some(old) => {
            let mut r = old.replaced;
            r.push(Replaced {
                value: old.value,
                source: old.source,
            });
            r
        }
        None => Vec::new(),
    };
    tmp.insert(
        name,
        Entry {
            value,
            source,
            replaced,
        },
    );
}

fn failed(
    mut c: ContainerEnvironment,
    message: String,
    field: Option<String>,
) -> ContainerEnvironment {
    c.error = Some(ContainerError {
        message,
        rule: "kubelet.env.error".into(),
        reason: "CreateContainerConfigError".into(),
        field,
    });
    c
}

/// A failure of the kubelet for one container: its message and the field that caused it.
struct Failure {
    message: String,
    field: String,
}

/// What one `env` entry or `envFrom` entry produced.
#[allow(clippy::large_enum_variant)] // short-lived, one per entry
enum Produced {
    /// A variable (name, value, source).
    Set(String, String, EnvSource),
    /// An optional reference that is absent: nothing is set.
    Skipped(SkippedRef),
}

fn container_environment(
    ctx: &Context,
    container: &Value,
    kind: ContainerKind,
    path: &str,
    hostname: &HostnameInfo,
) -> ContainerEnvironment {
    let mut out = ContainerEnvironment {
        name: text(container, "/name").to_string(),
        kind,
        field: path.to_string(),
        env: None,
        command: None,
        args: None,
        command_items: Vec::new(),
        args_items: Vec::new(),
        error: None,
        skipped: Vec::new(),
        runtime_vars: Vec::new(),
    };
    if ctx.enable_links.is_none() {
        return failed(
            out,
            "nil pod.spec.enableServiceLinks encountered, cannot construct envvars".into(),
            Some("spec.enableServiceLinks".into()),
        );
    }
    let mut tmp: BTreeMap<String, Entry> = BTreeMap::new();
    // 1. envFrom, then 2. env, in declaration order; the first failure stops the container.
    let mut outcomes = Vec::new();
    let env_from = container.get("envFrom").and_then(Value::as_array);
    for (i, from) in env_from.into_iter().flatten().enumerate() {
        match env_from_entry(ctx, from, &format!("{path}.envFrom[{i}]"), i) {
            Ok(list) => outcomes.extend(list),
            Err(f) => return failed(out, f.message, Some(f.field)),
        }
    }
    for outcome in outcomes {
        match outcome {
            Produced::Set(name, value, source) => set(&mut tmp, name, value, source),
            Produced::Skipped(s) => out.skipped.push(s),
        }
    }
    let env = container.get("env").and_then(Value::as_array);
    for (i, e) in env.into_iter().flatten().enumerate() {
        // Each entry sees the variables set so far, so it is applied before the next.
        match env_entry(ctx, container, e, &tmp, &format!("{path}.env[{i}]"), i) {
            Ok(Produced::Set(name, value, source)) => set(&mut tmp, name, value, source),
            Ok(Produced::Skipped(s)) => out.skipped.push(s),
            Err(f) => return failed(out, f.message, Some(f.field)),
        }
    }
    // 3. Service variables whose names are free; the others are recorded as replaced.
    let final_env = add_service_vars(tmp, &ctx.service_env);
    // Command and args against the final list.
    let version = ctx.resources.version;
    out.command_items = expand_items(container, "command", &final_env, version);
    out.args_items = expand_items(container, "args", &final_env, version);
    out.command = Some(out.command_items.iter().map(|i| i.value.clone()).collect());
    out.args = Some(out.args_items.iter().map(|i| i.value.clone()).collect());
    let user_hostname = final_env.contains_key("HOSTNAME");
    out.env = Some(
        final_env
            .into_iter()
            .map(|(name, e)| EnvVarRow {
                name,
                value: e.value,
                source: e.source,
                replaced: e.replaced,
            })
            .collect(),
    );
    out.runtime_vars.push(RuntimeVar {
        name: "HOSTNAME".into(),
        rule: "kubelet.env.hostname".into(),
        value: hostname.hostname.clone(),
        note: if user_hostname {
            "the container runtime (containerd, CRI-O) sets HOSTNAME to the pod's hostname, but the env entry HOSTNAME above overrides it".into()
        } else {
            "set by the container runtime (containerd, CRI-O) from the pod's hostname, not by the kubelet: $(HOSTNAME) in env, command or args is not expanded".into()
        },
    });
    out
}

/// One `envFrom` entry: every key of the ConfigMap's or Secret's data, with the prefix.
fn env_from_entry(
    ctx: &Context,
    from: &Value,
    field: &str,
    i: usize,
) -> Result<Vec<Produced>, Failure> {
    let ns = ctx.namespace;
    let (kind, reference, source_kind) =
        if let Some(r) = from.get("configMapRef").filter(|v| v.is_object()) {
            ("ConfigMap", r, SourceKind::EnvFromConfigMap)
        } else if let Some(r) = from.get("secretRef").filter(|v| v.is_object()) {
            ("Secret", r, SourceKind::EnvFromSecret)
        } else {
            return Ok(Vec::new());
        };
    let name = text(reference, "/name");
    let optional = reference.get("optional").and_then(Value::as_bool) == Some(true);
    let prefix = text(from, "/prefix");
    let Some(data) = data_of(ctx, kind, name) else {
        if optional {
            return Ok(vec![Produced::Skipped(SkippedRef {
                field: field.to_string(),
                rule: "kubelet.env.optional".into(),
                text: format!(
                    "{kind} {ns}/{name} is not in {CONTEXT_GIVEN_IN}; optional, so nothing is added"
                ),
            })]);
        }
        return Err(Failure {
            message: not_found(kind, name),
            field: field.to_string(),
        });
    };
    let mut out = Vec::new();
    for (key, (value, binary)) in data {
        // Keys are not validated (1.36): the prefix is prepended as is.
        let var = format!("{prefix}{key}");
        let mut t = format!(
            "{kind} {ns}/{name} key {} via envFrom[{i}]",
            crate::go::strconv::quote(&key)
        );
        if !prefix.is_empty() {
            t.push_str(&format!(" (prefix {})", crate::go::strconv::quote(prefix)));
        }
        if binary {
            t.push_str("; not UTF-8: bytes shown as U+FFFD");
        }
        let mut s = source(source_kind, t, field);
        s.object = object_ref(kind, ns, name);
        s.key = Some(key);
        s.prefix = (!prefix.is_empty()).then(|| prefix.to_string());
        out.push(Produced::Set(var, value, s));
    }
    Ok(out)
}

/// One `env` entry: an expanded `value`, or the resolved `valueFrom` (never expanded).
fn env_entry(
    ctx: &Context,
    container: &Value,
    e: &Value,
    tmp: &BTreeMap<String, Entry>,
    field: &str,
    i: usize,
) -> Result<Produced, Failure> {
    let name = text(e, "/name").to_string();
    let declared = text(e, "/value");
    if !declared.is_empty() {
        let (value, s) = expand_value(ctx, tmp, declared, field, i);
        return Ok(Produced::Set(name, value, s));
    }
    let empty = || {
        let s = source(
            SourceKind::Value,
            format!("env[{i}] with an empty value"),
            field,
        );
        Ok(Produced::Set(name.clone(), String::new(), s))
    };
    let Some(from) = e.get("valueFrom").filter(|v| v.is_object()) else {
        return empty();
    };
    let selector = |key: &str| from.get(key).filter(|v| v.is_object());
    if let Some(sel) = selector("fieldRef") {
        let fp = text(sel, "/fieldPath");
        let value = downward::field_ref_value(sel, &ctx.field).map_err(|message| Failure {
            message,
            field: format!("{field}.valueFrom.fieldRef"),
        })?;
        let (simulated, note) = field_simulation(fp, ctx.simulated_fields);
        let mut s = source(SourceKind::FieldRef, format!("fieldRef {fp}{note}"), field);
        s.key = Some(fp.to_string());
        s.simulated = simulated;
        return Ok(Produced::Set(name, value, s));
    }
    if let Some(sel) = selector("resourceFieldRef") {
        return resource_entry(ctx, container, sel, name, field);
    }
    if let Some(sel) = selector("configMapKeyRef") {
        return key_entry(ctx, "ConfigMap", sel, name, field);
    }
    if let Some(sel) = selector("secretKeyRef") {
        return key_entry(ctx, "Secret", sel, name, field);
    }
    if let Some(sel) = selector("fileKeyRef") {
        let t = if ctx.resources.version.gate("EnvFiles") {
            format!(
                "fileKeyRef key {} of {} in volume {}: read when the container starts (podplay cannot read the file; value unknown)",
                crate::go::strconv::quote(text(sel, "/key")),
                crate::go::strconv::quote(text(sel, "/path")),
                text(sel, "/volumeName")
            )
        } else {
            "fileKeyRef ignored: the EnvFiles feature is off in this version".to_string()
        };
        let mut s = source(SourceKind::FileKeyRef, t, field);
        s.key = Some(text(sel, "/key").to_string());
        return Ok(Produced::Set(name, String::new(), s));
    }
    empty()
}

/// `$(VAR)` expansion of an env value against the variables set so far, then the service
/// variables; every resolved reference names where its value came from.
fn expand_value(
    ctx: &Context,
    tmp: &BTreeMap<String, Entry>,
    declared: &str,
    field: &str,
    i: usize,
) -> (String, EnvSource) {
    let service = |n: &str| ctx.service_env.iter().find(|v| v.name == n);
    let mut expanded = expand(declared, ctx.resources.version, |n| {
        tmp.get(n)
            .map(|e| e.value.as_str())
            .or_else(|| service(n).map(|v| v.value.as_str()))
    });
    let mut t = format!("env[{i}] value {}", crate::go::strconv::quote(declared));
    for r in expanded.references.iter_mut() {
        if !r.resolved {
            t.push_str(&format!(
                "; $({}) is not defined before this entry: kept as written",
                r.name
            ));
            continue;
        }
        r.from = tmp
            .get(&r.name)
            .map(|e| e.source.text.clone())
            .or_else(|| service(&r.name).map(|v| service_source(v).text));
    }
    let mut s = source(SourceKind::Value, t, field);
    s.declared = Some(declared.to_string());
    s.references = expanded.references;
    (expanded.text, s)
}

/// A resourceFieldRef, with where an unset limit came from.
fn resource_entry(
    ctx: &Context,
    container: &Value,
    sel: &Value,
    name: String,
    field: &str,
) -> Result<Produced, Failure> {
    let v =
        downward::resource_field_ref_value(sel, container, &ctx.resources).map_err(|message| {
            Failure {
                message,
                field: format!("{field}.valueFrom.resourceFieldRef"),
            }
        })?;
    let resource = text(sel, "/resource");
    let mut t = format!("resourceFieldRef {resource}");
    let of = text(sel, "/containerName");
    if !of.is_empty() {
        t.push_str(&format!(" of container {of}"));
    }
    if let Some(d) = sel
        .get("divisor")
        .and_then(crate::pod_json::quantity_text)
        .filter(|d| d != "0")
    {
        t.push_str(&format!(", divisor {d}"));
    }
    if v.rounded_up {
        t.push_str(", rounded up");
    }
    let node_simulated = ctx.simulated_fields.node;
    t.push_str(match v.origin {
        LimitOrigin::NodeAllocatable if node_simulated => {
            "; no limit set: the simulated node's allocatable"
        }
        LimitOrigin::NodeAllocatable => "; no limit set: the node's allocatable",
        LimitOrigin::PodLevel => "; no container limit: the pod-level limit (spec.resources)",
        LimitOrigin::Unset => "; not set: 0",
        LimitOrigin::Container => "",
    });
    let mut s = source(SourceKind::ResourceFieldRef, t, field);
    s.key = Some(resource.to_string());
    s.simulated = v.origin == LimitOrigin::NodeAllocatable && node_simulated;
    Ok(Produced::Set(name, v.value, s))
}

/// A configMapKeyRef or secretKeyRef.
fn key_entry(
    ctx: &Context,
    kind: &str,
    sel: &Value,
    name: String,
    field: &str,
) -> Result<Produced, Failure> {
    let ns = ctx.namespace;
    let (selector, source_kind) = if kind == "Secret" {
        ("secretKeyRef", SourceKind::SecretKeyRef)
    } else {
        ("configMapKeyRef", SourceKind::ConfigMapKeyRef)
    };
    let obj = text(sel, "/name");
    let key = text(sel, "/key");
    let optional = sel.get("optional").and_then(Value::as_bool) == Some(true);
    let sel_field = format!("{field}.valueFrom.{selector}");
    let skipped = |why: String| {
        Ok(Produced::Skipped(SkippedRef {
            field: sel_field.clone(),
            rule: "kubelet.env.optional".into(),
            text: format!("{kind} {ns}/{obj} {why}; optional, so {name} is not set"),
        }))
    };
    let Some(data) = data_of(ctx, kind, obj) else {
        if optional {
            return skipped(format!("is not in {CONTEXT_GIVEN_IN}"));
        }
        return Err(Failure {
            message: not_found(kind, obj),
            field: sel_field,
        });
    };
    let Some((value, binary)) = data.get(key) else {
        if optional {
            return skipped(format!("has no key {}", crate::go::strconv::quote(key)));
        }
        return Err(Failure {
            message: format!("couldn't find key {key} in {kind} {ns}/{obj}"),
            field: sel_field,
        });
    };
    let mut t = format!("{kind} {ns}/{obj} key {}", crate::go::strconv::quote(key));
    if *binary {
        t.push_str("; not UTF-8: bytes shown as U+FFFD");
    }
    let mut s = source(source_kind, t, field);
    s.object = object_ref(kind, ns, obj);
    s.key = Some(key.to_string());
    Ok(Produced::Set(name, value.clone(), s))
}

/// Step 3: service variables are added under the names still free; an env/envFrom variable
/// of the same name wins, and records the service value it replaced.
fn add_service_vars(
    mut env: BTreeMap<String, Entry>,
    service_env: &[ServiceVar],
) -> BTreeMap<String, Entry> {
    for v in service_env {
        let replaced = Replaced {
            value: v.value.clone(),
            source: service_source(v),
        };
        match env.get_mut(&v.name) {
            Some(entry) => entry.replaced.insert(0, replaced),
            None => {
                env.insert(
                    v.name.clone(),
                    Entry {
                        value: replaced.value,
                        source: replaced.source,
                        replaced: Vec::new(),
                    },
                );
            }
        }
    }
    env
}

/// `ExpandContainerCommandAndArgs` for `command` or `args`: against the final environment.
fn expand_items(
    container: &Value,
    key: &str,
    final_env: &BTreeMap<String, Entry>,
    version: Version,
) -> Vec<ExpandedItem> {
    container
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|item| {
            let declared = item.as_str().unwrap_or("");
            let mut e = expand(declared, version, |n| {
                final_env.get(n).map(|e| e.value.as_str())
            });
            for r in e.references.iter_mut().filter(|r| r.resolved) {
                r.from = final_env.get(&r.name).map(|v| v.source.text.clone());
            }
            ExpandedItem {
                declared: declared.to_string(),
                value: e.text,
                references: e.references,
            }
        })
        .collect()
}

fn service_source(v: &ServiceVar) -> EnvSource {
    let what = if v.simulated { " (simulated)" } else { "" };
    EnvSource {
        kind: SourceKind::Service,
        rule: SourceKind::Service.rule().into(),
        kubernetes_source: SourceKind::Service.kubernetes_source().into(),
        text: format!(
            "Service {}/{}{what}: {}",
            v.service_namespace, v.service_name, v.meaning
        ),
        field: None,
        object: object_ref("Service", &v.service_namespace, &v.service_name),
        key: None,
        prefix: None,
        declared: None,
        references: Vec::new(),
        simulated: v.simulated,
    }
}

/// Whether a fieldRef's value is simulated, and a note saying so.
fn field_simulation(path: &str, sim: SimulatedFields) -> (bool, &'static str) {
    match path {
        "status.podIP" | "status.podIPs" => (true, " (simulated pod IP)"),
        "status.hostIP" | "status.hostIPs" if sim.node => (true, " (simulated node)"),
        "spec.nodeName" | "spec.host" if sim.node_name => (true, " (simulated node)"),
        "spec.nodeName" | "spec.host" if sim.scheduled => (false, " (chosen by the scheduler)"),
        "metadata.uid" if sim.uid => (true, " (simulated uid: the API server generates one)"),
        "metadata.name" if sim.name => (true, " (generated name: the random suffix is simulated)"),
        _ => (false, ""),
    }
}

/// The kubelet's errors, each on the field that caused it (for the editor's gutter): the pod
/// is created, but that container never starts (`CreateContainerConfigError`).
pub fn diagnostics(report: &EnvironmentReport) -> Vec<crate::diagnostic::Diagnostic> {
    report
        .containers
        .iter()
        .filter_map(|c| {
            let e = c.error.as_ref()?;
            Some(crate::diagnostic::Diagnostic {
                severity: crate::diagnostic::Severity::Warning,
                message: format!("container {}: {}: {}", c.name, e.reason, e.message),
                pos: None,
                field: Some(e.field.clone().unwrap_or_else(|| c.field.clone())),
                source: "kubelet".into(),
            })
        })
        .collect()
}

/// The kinds of context object the environment reads.
const CONTEXT_KINDS: [&str; 4] = ["Service", "ConfigMap", "Secret", "Node"];

/// The environment view: present only when the API server created the pod (a rejected pod
/// never reaches a kubelet). Reads the paste's Service, ConfigMap, Secret and Node objects
/// and the simulated values of [`Options`](crate::options::Options).
pub fn view(input: &crate::views::ViewInput, placement: &Placement) -> Option<EnvironmentReport> {
    if !input.created {
        return None;
    }
    let objects: Vec<&Value> = CONTEXT_KINDS
        .iter()
        .flat_map(|kind| input.context.of_kind(kind))
        .collect();
    Some(environment(&EnvironmentInput {
        pod: input.pod,
        objects: &objects,
        simulated: &input.options.simulated,
        placement,
        version: input.options.version,
    }))
}
