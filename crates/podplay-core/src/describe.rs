//! `kubectl describe pod` for the stored pod: the page's "Copy as kubectl describe".
//!
//! The layout follows kubectl's pod describer (kubernetes/kubectl `pkg/describe/describe.go`:
//! `describePod`, `describeContainers`, `describeVolumes`, `printLabelsMultiline`,
//! `printAnnotationsMultiline`, `printTolerationsMultilineWithIndent`, `DescribeProbe`) and its
//! column alignment (`tabbedString`: Go's `text/tabwriter` with padding 2, spaces). It shows
//! what the API server stored at creation, so there are no container statuses, and the event
//! list is empty (`Events: <none>`), as `kubectl describe` prints right after `kubectl create`.
//! Kept modest: volume kinds other than the common ones print their source's field name,
//! and topology spread constraints are left out.

use crate::go::strconv::quote;
use crate::pod_json::str_of;
use crate::pod_json::Pointer;
use crate::small_sort::sort_by_key;
use crate::timeline::{KubeEvent, Ms, SECOND};
use crate::versions::Version;
use serde_json::{Map, Value};

/// The text `kubectl describe pod` prints for `pod` (v1 JSON, as stored), as the kubectl of
/// `version` prints it.
pub fn describe_pod(pod: &Value, version: Version) -> String {
    let mut w = Writer::default();
    let meta = &pod["metadata"];
    let spec = &pod["spec"];
    let status = &pod["status"];
    w.line(0, &["Name:\t", str_of(meta, "name")]);
    w.line(0, &["Namespace:\t", str_of(meta, "namespace")]);
    if let Some(p) = spec.get("priority").and_then(Value::as_i64) {
        w.line(0, &["Priority:\t", &p.to_string()]);
    }
    let labelled = [
        ("Priority Class Name", "priorityClassName"),
        ("Runtime Class Name", "runtimeClassName"),
        ("Service Account", "serviceAccountName"),
    ];
    for (label, key) in labelled {
        let value = str_of(spec, key);
        if !value.is_empty() {
            w.line(0, &[label, ":\t", value]);
        }
    }
    let node = str_of(spec, "nodeName");
    if node.is_empty() {
        w.line(0, &["Node:\t<none>"]);
    } else {
        w.line(0, &["Node:\t", node, "/", str_of(status, "hostIP")]);
    }
    multiline(&mut w, "Labels", meta.get("labels"));
    annotations(&mut w, meta.get("annotations"));
    w.line(0, &["Status:\t", str_of(status, "phase")]);
    for (label, key) in [("Reason", "reason"), ("Message", "message")] {
        let value = str_of(status, key);
        if !value.is_empty() {
            w.line(0, &[label, ":\t", value]);
        }
    }
    if let Some(seccomp) = spec.at("/securityContext/seccompProfile") {
        seccomp_profile(&mut w, 0, seccomp);
    }
    w.line(0, &["IP:\t", str_of(status, "podIP")]);
    let ips: Vec<&str> = items(status.get("podIPs"))
        .map(|ip| str_of(ip, "ip"))
        .collect();
    if ips.is_empty() {
        w.line(0, &["IPs:\t<none>"]);
    } else {
        w.line(0, &["IPs:"]);
        ips.iter().for_each(|ip| w.line(1, &["IP:\t", ip]));
    }
    let controller = items(meta.get("ownerReferences")).find(|r| r["controller"] == true);
    if let Some(owner) = controller {
        let (kind, name) = (str_of(owner, "kind"), str_of(owner, "name"));
        w.line(0, &["Controlled By:\t", kind, "/", name]);
    }
    let nominated = str_of(status, "nominatedNodeName");
    if !nominated.is_empty() {
        w.line(0, &["NominatedNodeName:\t", nominated]);
    }
    if let Some(resources) = spec.get("resources") {
        w.line(0, &["Resources:"]);
        resource_lists(&mut w, resources, 1);
    }
    if spec.get("initContainers").is_some_and(|c| !is_empty(c)) {
        containers(
            &mut w,
            "Init Containers",
            spec,
            "initContainers",
            pod,
            version,
        );
    }
    containers(&mut w, "Containers", spec, "containers", pod, version);
    if spec
        .get("ephemeralContainers")
        .is_some_and(|c| !is_empty(c))
    {
        containers(
            &mut w,
            "Ephemeral Containers",
            spec,
            "ephemeralContainers",
            pod,
            version,
        );
    }
    let conditions: Vec<&Value> = items(status.get("conditions")).collect();
    if !conditions.is_empty() {
        w.line(0, &["Conditions:"]);
        w.line(0, &["  Type\tStatus"]);
        for c in conditions {
            let (kind, state) = (str_of(c, "type"), str_of(c, "status"));
            w.line(1, &[kind, " \t", state, " "]);
        }
    }
    volumes(&mut w, spec.get("volumes"));
    w.line(0, &["QoS Class:\t", str_of(status, "qosClass")]);
    multiline(&mut w, "Node-Selectors", spec.get("nodeSelector"));
    tolerations(&mut w, spec.get("tolerations"));
    w.line(0, &["Events:\t<none>"]);
    w.finish()
}

/// `DescribeEvents`: the `Events:` table as `kubectl describe` prints it at time `now` (the
/// Age column is how long before `now` each event happened, in `HumanDuration` form). Each
/// event is its own row (podplay's timelines do not aggregate repeats into `(xN over …)`).
/// From kubectl 1.35 a container's event message starts with its field path
/// (`spec.containers{app}: Container created`; absent from the v1.34.2 tree).
pub fn events(events: &[KubeEvent], now: Ms, version: Version) -> String {
    let with_path = version.behaviour("KubectlDescribeEventFieldPath");
    let mut w = Writer::default();
    if events.is_empty() {
        w.line(0, &["Events:\t<none>"]);
        return w.finish();
    }
    w.line(0, &["Events:"]);
    w.line(0, &["  Type\tReason\tAge\tFrom\tMessage"]);
    w.line(1, &["----\t------\t----\t----\t-------"]);
    for e in events {
        let age = human_duration(now.saturating_sub(e.t) / SECOND);
        let message = if with_path && !e.field_path.is_empty() {
            format!("{}: {}", e.field_path, e.message.trim())
        } else {
            e.message.trim().to_string()
        };
        w.line(
            1,
            &[
                &e.kind, "\t", &e.reason, "\t", &age, "\t", &e.from, "\t", &message,
            ],
        );
    }
    w.finish()
}

/// apimachinery's `duration.HumanDuration` for whole seconds (up to days).
fn human_duration(seconds: u64) -> String {
    let (minutes, hours) = (seconds / 60, seconds / 3600);
    match () {
        _ if seconds < 120 => format!("{seconds}s"),
        _ if minutes < 10 && seconds.is_multiple_of(60) => format!("{minutes}m"),
        _ if minutes < 10 => format!("{minutes}m{}s", seconds % 60),
        _ if minutes < 180 => format!("{minutes}m"),
        _ if hours < 8 && minutes % 60 == 0 => format!("{hours}h"),
        _ if hours < 8 => format!("{hours}h{}m", minutes % 60),
        _ if hours < 48 => format!("{hours}h"),
        _ if hours < 192 && hours % 24 == 0 => format!("{}d", hours / 24),
        _ if hours < 192 => format!("{}d{}h", hours / 24, hours % 24),
        _ => format!("{}d", hours / 24),
    }
}

/// The items of a JSON array (none for anything else).
fn items(v: Option<&Value>) -> impl Iterator<Item = &Value> {
    v.and_then(Value::as_array).into_iter().flatten()
}

/// A bool as Go's `%t`/`%v` prints it.
fn go_bool(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Null => true,
        _ => false,
    }
}

/// A map's entries sorted by key (Go's `sort.Strings`: byte order).
fn sorted(map: Option<&Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = map
        .and_then(Value::as_object)
        .map(|m| m.iter().collect())
        .unwrap_or_default();
    sort_by_key(&mut entries, |(k, _)| *k);
    entries
}

/// A string map's value as Go prints a `string` (non-strings as their JSON text).
fn text(v: &Value) -> String {
    // Go's json.Marshal text (the core's one JSON writer), not `Value`'s Display, which
    // links a second serializer into the worker.
    match v.as_str() {
        Some(s) => s.to_string(),
        None => crate::go::json::marshal(v),
    }
}

/// `printLabelsMultiline`: `Title:` then one sorted `key=value` per line, or `<none>`.
fn multiline(w: &mut Writer, title: &str, map: Option<&Value>) {
    let entries = sorted(map);
    if entries.is_empty() {
        return w.line(0, &[title, ":\t<none>"]);
    }
    for (i, (k, v)) in entries.iter().enumerate() {
        let head = if i == 0 {
            format!("{title}:")
        } else {
            String::new()
        };
        w.line(0, &[&head, "\t", k, "=", &text(v)]);
    }
}

/// `printAnnotationsMultiline`: like labels as `key: value`, but long or multi-line values
/// go below their key, each line cut at 138 bytes; kubectl's last-applied annotation is skipped.
fn annotations(w: &mut Writer, map: Option<&Value>) {
    const MAX: usize = 140;
    let entries: Vec<_> = sorted(map)
        .into_iter()
        .filter(|(k, _)| *k != "kubectl.kubernetes.io/last-applied-configuration")
        .collect();
    if entries.is_empty() {
        return w.line(0, &["Annotations:\t<none>"]);
    }
    for (i, (key, value)) in entries.iter().enumerate() {
        let head = if i == 0 { "Annotations:" } else { "" };
        let value = text(value);
        let value = value.strip_suffix('\n').unwrap_or(&value);
        if value.len() + key.len() + 2 > MAX || value.contains('\n') {
            w.line(0, &[head, "\t", key, ":"]);
            for part in value.split('\n') {
                w.line(0, &["\t  ", &shorten(part, MAX - 2)]);
            }
        } else {
            w.line(0, &[head, "\t", key, ": ", value]);
        }
    }
}

/// `shorten`: at most `max` bytes (cut on a character boundary), then `...`.
fn shorten(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &s[..end])
}

fn seccomp_profile(w: &mut Writer, level: usize, profile: &Value) {
    let kind = str_of(profile, "type");
    w.line(level, &["SeccompProfile:\t", kind]);
    if kind == "Localhost" {
        let path = str_of(profile, "localhostProfile");
        w.line(level + 1, &["LocalhostProfile:\t", path]);
    }
}

/// `describeResources`: `Limits:` and `Requests:`, each resource sorted by name.
fn resource_lists(w: &mut Writer, resources: &Value, level: usize) {
    for (title, key) in [("Limits", "limits"), ("Requests", "requests")] {
        let entries = sorted(resources.get(key));
        if !entries.is_empty() {
            w.line(level, &[title, ":"]);
        }
        for (name, quantity) in entries {
            w.line(level + 1, &[name, ":\t", &text(quantity)]);
        }
    }
}

/// `describeContainers` for one of the pod's container lists (no statuses: not yet running).
fn containers(w: &mut Writer, title: &str, spec: &Value, key: &str, pod: &Value, version: Version) {
    let list: Vec<&Value> = items(spec.get(key)).collect();
    let none = if list.is_empty() { " <none>" } else { "" };
    w.line(0, &[title, ":", none]);
    for c in list {
        w.line(1, &[str_of(c, "name"), ":"]);
        w.line(2, &["Image:\t", str_of(c, "image")]);
        let ports: Vec<&Value> = items(c.get("ports")).collect();
        // describeContainerPorts / describeContainerHostPorts: kubectl 1.34 added the port's
        // name, `80/TCP (http)` (v1.33.5's kubectl prints `80/TCP`).
        let named = version.behaviour("KubectlDescribeNamesPorts");
        let join = |field: &str| {
            let each = ports.iter().map(|p| {
                let number = p.get(field).and_then(Value::as_i64).unwrap_or(0);
                let name = str_of(p, "name");
                if named && !name.is_empty() {
                    format!("{number}/{} ({name})", str_of(p, "protocol"))
                } else {
                    format!("{number}/{}", str_of(p, "protocol"))
                }
            });
            each.collect::<Vec<_>>().join(", ")
        };
        for (one, many, text) in [
            ("Port", "Ports", join("containerPort")),
            ("Host Port", "Host Ports", join("hostPort")),
        ] {
            if text.contains(',') {
                w.line(2, &[many, ":\t", &text]);
            } else if text.is_empty() {
                w.line(2, &[one, ":\t<none>"]);
            } else {
                w.line(2, &[one, ":\t", &text]);
            }
        }
        if let Some(seccomp) = c.at("/securityContext/seccompProfile") {
            seccomp_profile(w, 2, seccomp);
        }
        for (title, key) in [("Command", "command"), ("Args", "args")] {
            let words: Vec<&Value> = items(c.get(key)).collect();
            if !words.is_empty() {
                w.line(2, &[title, ":"]);
            }
            for word in words {
                text(word).split('\n').for_each(|s| w.line(3, &[s]));
            }
        }
        if let Some(resources) = c.get("resources") {
            resource_lists(w, resources, 2);
        }
        for (title, key) in [
            ("Liveness", "livenessProbe"),
            ("Readiness", "readinessProbe"),
            ("Startup", "startupProbe"),
        ] {
            if let Some(probe) = c.get(key).filter(|p| p.is_object()) {
                w.line(2, &[title, ":\t", &describe_probe(probe)]);
            }
        }
        env_from(w, c);
        env(w, c, pod);
        mounts(w, c);
    }
}

/// `describeContainerEnvFrom` (only when the container has `envFrom`).
fn env_from(w: &mut Writer, c: &Value) {
    let sources: Vec<&Value> = items(c.get("envFrom")).collect();
    if sources.is_empty() {
        return;
    }
    w.line(2, &["Environment Variables from:"]);
    for source in sources {
        let (kind, reference) = match (source.get("configMapRef"), source.get("secretRef")) {
            (Some(r), _) => ("ConfigMap", r),
            (None, Some(r)) => ("Secret", r),
            (None, None) => ("", &Value::Null),
        };
        let name = str_of(reference, "name");
        let optional = reference["optional"] == true;
        let prefix = str_of(source, "prefix");
        if prefix.is_empty() {
            w.line(3, &[name, "\t", kind, "\tOptional: ", go_bool(optional)]);
        } else {
            w.line(
                3,
                &[
                    name,
                    "\t",
                    kind,
                    " with prefix '",
                    prefix,
                    "'\tOptional: ",
                    go_bool(optional),
                ],
            );
        }
    }
}

/// `describeContainerEnvVars`: values as written; references as kubectl resolves them.
fn env(w: &mut Writer, c: &Value, pod: &Value) {
    let vars: Vec<&Value> = items(c.get("env")).collect();
    if vars.is_empty() {
        return w.line(2, &["Environment:\t<none>"]);
    }
    w.line(2, &["Environment:"]);
    for var in vars {
        let name = str_of(var, "name");
        let Some(from) = var.get("valueFrom").filter(|v| v.is_object()) else {
            for (i, part) in str_of(var, "value").split('\n').enumerate() {
                let head = if i == 0 {
                    format!("{name}:")
                } else {
                    String::new()
                };
                w.line(3, &[&head, "\t", part]);
            }
            continue;
        };
        if let Some(field) = from.get("fieldRef") {
            let path = str_of(field, "fieldPath");
            let value = field_ref(pod, path);
            let api = str_of(field, "apiVersion");
            w.line(3, &[name, ":\t", &value, " (", api, ":", path, ")"]);
        } else if let Some(selector) = from.get("resourceFieldRef") {
            let resource = str_of(selector, "resource");
            let mut value = resource_ref(selector, c, pod);
            if value == "0" && (resource == "limits.cpu" || resource == "limits.memory") {
                value = "node allocatable".into();
            }
            w.line(3, &[name, ":\t", &value, " (", resource, ")"]);
        } else {
            for (key, noun, of) in [
                ("secretKeyRef", "secret", "in"),
                ("configMapKeyRef", "config map", "of"),
            ] {
                if let Some(r) = from.get(key) {
                    let (k, n) = (str_of(r, "key"), str_of(r, "name"));
                    let optional = r["optional"] == true;
                    let set = format!("<set to the key '{k}' {of} {noun} '{n}'>");
                    w.line(3, &[name, ":\t", &set, "\tOptional: ", go_bool(optional)]);
                }
            }
        }
    }
}

/// kubectl's `EnvValueRetriever` (`fieldpath.ExtractFieldPathAsString`): only metadata
/// paths resolve; anything else shows empty (`spec.nodeName`, `status.podIP`, ...).
fn field_ref(pod: &Value, path: &str) -> String {
    let meta = &pod["metadata"];
    if let Some((map, key)) = crate::environment::downward::split_subscript(path) {
        return match map {
            "metadata.labels" | "metadata.annotations" => {
                let which = &map["metadata.".len()..];
                meta[which].get(key).map(text).unwrap_or_default()
            }
            _ => String::new(),
        };
    }
    match path {
        "metadata.name" => str_of(meta, "name").into(),
        "metadata.namespace" => str_of(meta, "namespace").into(),
        "metadata.uid" => str_of(meta, "uid").into(),
        // FormatMap: sorted `key="value"` lines.
        "metadata.labels" | "metadata.annotations" => sorted(meta.get(&path["metadata.".len()..]))
            .iter()
            .map(|(k, v)| format!("{k}={}", quote(&text(v))))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

/// `ExtractContainerResourceValue` on the described container itself (kubectl ignores
/// `containerName` and the node: an unset limit is 0, shown as "node allocatable").
fn resource_ref(selector: &Value, container: &Value, pod: &Value) -> String {
    use crate::environment::downward::{resource_field_ref_value, ResourceContext};
    let mut own = selector.clone();
    if let Some(o) = own.as_object_mut() {
        o.remove("containerName");
    }
    let no_node = Map::new();
    let ctx = ResourceContext {
        pod,
        allocatable: &no_node,
        version: crate::versions::Version::newest(),
    };
    resource_field_ref_value(&own, container, &ctx)
        .map(|r| r.value)
        .unwrap_or_default()
}

/// `DescribeProbe`: the handler, then its timing.
fn describe_probe(probe: &Value) -> String {
    let int = |k: &str| probe.get(k).and_then(Value::as_i64).unwrap_or(0);
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        int("initialDelaySeconds"),
        int("timeoutSeconds"),
        int("periodSeconds"),
        int("successThreshold"),
        int("failureThreshold")
    );
    let port = |h: &Value| h.get("port").map(text).unwrap_or_default();
    if let Some(exec) = probe.get("exec") {
        let words: Vec<String> = items(exec.get("command")).map(text).collect();
        return format!("exec [{}] {attrs}", words.join(" "));
    }
    if let Some(http) = probe.get("httpGet") {
        let scheme = str_of(http, "scheme").to_ascii_lowercase();
        let (host, port) = (str_of(http, "host"), port(http));
        let host = match (host.contains(':'), port.is_empty()) {
            (_, true) => host.to_string(),
            (true, false) => format!("[{host}]:{port}"),
            (false, false) => format!("{host}:{port}"),
        };
        let path = str_of(http, "path");
        // net/url adds the slash between a host and a relative path.
        let slash = if !path.is_empty() && !path.starts_with('/') && !host.is_empty() {
            "/"
        } else {
            ""
        };
        let scheme = if scheme.is_empty() {
            String::new()
        } else {
            format!("{scheme}:")
        };
        return format!("http-get {scheme}//{host}{slash}{path} {attrs}");
    }
    if let Some(tcp) = probe.get("tcpSocket") {
        return format!("tcp-socket {}:{} {attrs}", str_of(tcp, "host"), port(tcp));
    }
    if let Some(grpc) = probe.get("grpc") {
        let number = grpc.get("port").and_then(Value::as_i64).unwrap_or(0);
        return format!("grpc <pod>:{number} {} {attrs}", str_of(grpc, "service"));
    }
    format!("unknown {attrs}")
}

/// `describeContainerVolumes`: mounts sorted by path, `(ro|rw[,path="sub"])`.
fn mounts(w: &mut Writer, c: &Value) {
    let mut list: Vec<(usize, &Value)> = items(c.get("volumeMounts")).enumerate().collect();
    if list.is_empty() {
        return w.line(2, &["Mounts:\t<none>"]);
    }
    w.line(2, &["Mounts:"]);
    sort_by_key(&mut list, |(i, m)| (str_of(m, "mountPath"), *i));
    for (_, m) in list {
        let mut flags = if m["readOnly"] == true { "ro" } else { "rw" }.to_string();
        let sub = str_of(m, "subPath");
        if !sub.is_empty() {
            flags.push_str(&format!(",path={}", quote(sub)));
        }
        let (path, name) = (str_of(m, "mountPath"), str_of(m, "name"));
        w.line(3, &[path, " from ", name, " (", &flags, ")"]);
    }
    let mut devices: Vec<(usize, &Value)> = items(c.get("volumeDevices")).enumerate().collect();
    if !devices.is_empty() {
        w.line(2, &["Devices:"]);
        sort_by_key(&mut devices, |(i, d)| (str_of(d, "devicePath"), *i));
        for (_, d) in devices {
            let (path, name) = (str_of(d, "devicePath"), str_of(d, "name"));
            w.line(3, &[path, " from ", name]);
        }
    }
}

/// `describeVolumes` for the common sources (the token volume ServiceAccount admission adds,
/// emptyDir, hostPath, configMap, secret, persistentVolumeClaim, downwardAPI).
fn volumes(w: &mut Writer, list: Option<&Value>) {
    let list: Vec<&Value> = items(list).collect();
    if list.is_empty() {
        return w.line(0, &["Volumes:\t<none>"]);
    }
    w.line(0, &["Volumes:"]);
    for v in list {
        w.line(1, &[str_of(v, "name"), ":"]);
        let optional = |s: &Value| go_bool(s["optional"] == true);
        if let Some(s) = v.get("projected") {
            w.line(
                2,
                &["Type:\tProjected (a volume that contains injected data from multiple sources)"],
            );
            for source in items(s.get("sources")) {
                if let Some(secret) = source.get("secret") {
                    w.line(2, &["SecretName:\t", str_of(secret, "name")]);
                    w.line(2, &["Optional:\t", optional(secret)]);
                } else if source.get("downwardAPI").is_some() {
                    w.line(2, &["DownwardAPI:\ttrue"]);
                } else if let Some(map) = source.get("configMap") {
                    w.line(2, &["ConfigMapName:\t", str_of(map, "name")]);
                    w.line(2, &["Optional:\t", optional(map)]);
                } else if let Some(token) = source.get("serviceAccountToken") {
                    let seconds = token.get("expirationSeconds").map(text).unwrap_or_default();
                    w.line(2, &["TokenExpirationSeconds:\t", &seconds]);
                }
            }
        } else if let Some(s) = v.get("emptyDir") {
            let limit = s.get("sizeLimit").map(text).filter(|q| q != "0");
            w.line(
                2,
                &["Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)"],
            );
            w.line(2, &["Medium:\t", str_of(s, "medium")]);
            w.line(2, &["SizeLimit:\t", limit.as_deref().unwrap_or("<unset>")]);
        } else if let Some(s) = v.get("hostPath") {
            let kind = s.get("type").map(text);
            w.line(2, &["Type:\tHostPath (bare host directory volume)"]);
            w.line(2, &["Path:\t", str_of(s, "path")]);
            w.line(2, &["HostPathType:\t", kind.as_deref().unwrap_or("<none>")]);
        } else if let Some(s) = v.get("configMap") {
            w.line(2, &["Type:\tConfigMap (a volume populated by a ConfigMap)"]);
            w.line(2, &["Name:\t", str_of(s, "name")]);
            w.line(2, &["Optional:\t", optional(s)]);
        } else if let Some(s) = v.get("secret") {
            w.line(2, &["Type:\tSecret (a volume populated by a Secret)"]);
            w.line(2, &["SecretName:\t", str_of(s, "secretName")]);
            w.line(2, &["Optional:\t", optional(s)]);
        } else if let Some(s) = v.get("persistentVolumeClaim") {
            w.line(2, &["Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)"]);
            w.line(2, &["ClaimName:\t", str_of(s, "claimName")]);
            w.line(2, &["ReadOnly:\t", go_bool(s["readOnly"] == true)]);
        } else if v.get("downwardAPI").is_some() {
            w.line(
                2,
                &["Type:\tDownwardAPI (a volume populated by information about the pod)"],
            );
            w.line(2, &["Items:"]);
            for item in items(v.at("/downwardAPI/items")) {
                let path = str_of(item, "path");
                if let Some(f) = item.get("fieldRef") {
                    w.line(3, &[str_of(f, "fieldPath"), " -> ", path]);
                } else if let Some(r) = item.get("resourceFieldRef") {
                    w.line(3, &[str_of(r, "resource"), " -> ", path]);
                }
            }
        } else {
            // Other sources: podplay names the source instead of kubectl's per-kind fields.
            let source = v.as_object().and_then(|o| o.keys().find(|k| *k != "name"));
            w.line(2, &["Type:\t", source.map_or("<unknown>", |s| s.as_str())]);
        }
    }
}

/// `printPodTolerationsMultiline`: sorted by key; `key[=value][:effect][ op=Exists][ for Ns]`.
fn tolerations(w: &mut Writer, list: Option<&Value>) {
    let mut list: Vec<(usize, &Value)> = items(list).enumerate().collect();
    if list.is_empty() {
        return w.line(0, &["Tolerations:\t<none>"]);
    }
    sort_by_key(&mut list, |(i, t)| (str_of(t, "key"), *i));
    for (n, (_, t)) in list.iter().enumerate() {
        let (key, value, effect) = (str_of(t, "key"), str_of(t, "value"), str_of(t, "effect"));
        let mut s = key.to_string();
        if !value.is_empty() {
            s.push('=');
            s.push_str(value);
        }
        if !effect.is_empty() {
            s.push(':');
            s.push_str(effect);
        }
        if str_of(t, "operator") == "Exists" && value.is_empty() {
            let space = if key.is_empty() && effect.is_empty() {
                ""
            } else {
                " "
            };
            s.push_str(space);
            s.push_str("op=Exists");
        }
        if let Some(seconds) = t.get("tolerationSeconds").and_then(Value::as_i64) {
            s.push_str(&format!(" for {seconds}s"));
        }
        let head = if n == 0 { "Tolerations:" } else { "" };
        w.line(0, &[head, "\t", &s]);
    }
}

/// kubectl's `PrefixWriter` (two spaces per level) over Go's `text/tabwriter` as
/// `tabbedString` sets it up: `\t` ends a cell; a column's cells are padded to its widest
/// cell + 2 within each run of consecutive lines that have that column.
#[derive(Default)]
struct Writer {
    lines: Vec<String>,
}

impl Writer {
    /// One line: the level's indent, then `parts` (kept apart rather than formatted: less
    /// code in the worker's wasm).
    fn line(&mut self, level: usize, parts: &[&str]) {
        // Sized once: growing it part by part reallocated two or three times a line.
        let len = 2 * level + parts.iter().map(|p| p.len()).sum::<usize>();
        let mut line = String::with_capacity(len);
        line.extend(std::iter::repeat_n("  ", level));
        parts.iter().for_each(|p| line.push_str(p));
        self.lines.push(line);
    }

    fn finish(self) -> String {
        let cells: Vec<Vec<&str>> = self.lines.iter().map(|l| l.split('\t').collect()).collect();
        let mut widths = Vec::new();
        let mut out = String::new();
        format_block(&cells, 0, cells.len(), &mut widths, &mut out);
        out
    }
}

/// Go's `tabwriter.(*Writer).format`: finds each run of lines that have a cell in the next
/// column, sizes that column for the run, and recurses into it.
fn format_block(
    cells: &[Vec<&str>],
    mut start: usize,
    end: usize,
    widths: &mut Vec<usize>,
    out: &mut String,
) {
    let column = widths.len();
    let mut this = start;
    while this < end {
        // The last cell of a line is not tab-terminated, so it is not part of a column.
        if column + 1 >= cells[this].len() {
            this += 1;
            continue;
        }
        write_lines(cells, start, this, widths, out);
        start = this;
        let mut width = 0;
        while this < end && column + 1 < cells[this].len() {
            width = width.max(cells[this][column].chars().count() + 2);
            this += 1;
        }
        widths.push(width);
        format_block(cells, start, this, widths, out);
        widths.pop();
        start = this;
    }
    write_lines(cells, start, end, widths, out);
}

fn write_lines(cells: &[Vec<&str>], start: usize, end: usize, widths: &[usize], out: &mut String) {
    for line in &cells[start..end] {
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if let Some(width) = widths.get(j).filter(|_| j + 1 < line.len()) {
                let pad = width.saturating_sub(cell.chars().count());
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The pod kubectl describes right after `kubectl create` of a one-container pod with
    /// the default ServiceAccount admission (layout checked against kubectl's output).
    fn stored_pod() -> Value {
        json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "web", "namespace": "default"},
            "spec": {
                "containers": [{
                    "name": "app", "image": "nginx",
                    "ports": [{"containerPort": 8080, "protocol": "TCP"}],
                    "volumeMounts": [{"name": "kube-api-access-abcde", "readOnly": true,
                        "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}]
                }],
                "priority": 0,
                "serviceAccountName": "default",
                "tolerations": [
                    {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
                    {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}
                ],
                "volumes": [{"name": "kube-api-access-abcde", "projected": {"sources": [
                    {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                    {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
                    {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}
                ]}}]
            },
            "status": {"phase": "Pending", "qosClass": "BestEffort"}
        })
    }

    const STORED_POD: &str = "\
Name:             web
Namespace:        default
Priority:         0
Service Account:  default
Node:             <none>
Labels:           <none>
Annotations:      <none>
Status:           Pending
IP:               
IPs:              <none>
Containers:
  app:
    Image:        nginx
    Port:         8080/TCP
    Host Port:    0/TCP
    Environment:  <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-abcde (ro)
Volumes:
  kube-api-access-abcde:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:                      <none>
";

    #[test]
    fn a_created_pod_reads_as_kubectl_describe_prints_it() {
        assert_eq!(describe_pod(&stored_pod(), Version::new(1, 36)), STORED_POD);
    }

    /// Named ports: kubectl 1.34+ prints the name after the port.
    #[test]
    fn port_names_per_version() {
        let pod = json!({"spec": {"containers": [{"name": "c", "ports": [
            {"name": "http", "containerPort": 80, "protocol": "TCP"},
            {"containerPort": 53, "hostPort": 53, "protocol": "UDP"}]}]}});
        // (minor, Ports line, Host Ports line), spaces squeezed (the column width varies).
        let rows = [
            (33, "Ports: 80/TCP, 53/UDP", "Host Ports: 0/TCP, 53/UDP"),
            (
                34,
                "Ports: 80/TCP (http), 53/UDP",
                "Host Ports: 0/TCP (http), 53/UDP",
            ),
            (
                36,
                "Ports: 80/TCP (http), 53/UDP",
                "Host Ports: 0/TCP (http), 53/UDP",
            ),
        ];
        for (minor, ports, host_ports) in rows {
            let got = describe_pod(&pod, Version::new(1, minor));
            let lines: Vec<String> = got
                .lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            assert!(lines.iter().any(|l| l == ports), "1.{minor}: {got}");
            assert!(lines.iter().any(|l| l == host_ports), "1.{minor}: {got}");
        }
    }

    /// (what the pod has, the lines it gives, each exactly as kubectl prints them)
    #[test]
    fn sections() {
        let table: &[(Value, &[&str])] = &[
            (
                json!({"metadata": {"name": "p", "labels": {"b": "2", "a": "1"},
                    "annotations": {"x": "y", "kubectl.kubernetes.io/last-applied-configuration": "{}"}}}),
                &["Labels:       a=1", "              b=2", "Annotations:  x: y"],
            ),
            (
                json!({"spec": {"containers": [{"name": "c", "image": "i",
                    "ports": [{"containerPort": 80, "protocol": "TCP"}, {"containerPort": 53, "hostPort": 53, "protocol": "UDP"}],
                    "command": ["sh", "-c"], "args": ["echo hi"],
                    "resources": {"limits": {"memory": "128Mi", "cpu": "500m"}, "requests": {"cpu": "250m"}},
                    "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080, "scheme": "HTTP"},
                        "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3},
                    "env": [{"name": "A", "value": "1"},
                        {"name": "POD", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
                        {"name": "NODE", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "spec.nodeName"}}},
                        {"name": "MEM", "valueFrom": {"resourceFieldRef": {"resource": "limits.memory", "divisor": "1Mi"}}},
                        {"name": "CPU", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu"}}},
                        {"name": "S", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}},
                        {"name": "M", "valueFrom": {"configMapKeyRef": {"name": "m", "key": "k", "optional": true}}}],
                    "envFrom": [{"configMapRef": {"name": "cm"}, "prefix": "P_"}],
                    "volumeMounts": [{"name": "b", "mountPath": "/b", "subPath": "x"}, {"name": "a", "mountPath": "/a"}]}]},
                    "metadata": {"name": "web"}}),
                &[
                    "    Image:       i",
                    "    Ports:       80/TCP, 53/UDP",
                    "    Host Ports:  0/TCP, 53/UDP",
                    "    Command:",
                    "      sh",
                    "      -c",
                    "    Args:",
                    "      echo hi",
                    "    Limits:",
                    "      cpu:     500m",
                    "      memory:  128Mi",
                    "    Requests:",
                    // The tabwriter aligns a run of lines: Requests' items with Liveness.
                    "      cpu:     250m",
                    "    Liveness:  http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3",
                    "    Environment Variables from:",
                    "      cm  ConfigMap with prefix 'P_'  Optional: false",
                    "    Environment:",
                    "      A:     1",
                    "      POD:   web (v1:metadata.name)",
                    // kubectl resolves only metadata paths.
                    "      NODE:   (v1:spec.nodeName)",
                    "      MEM:   128 (limits.memory)",
                    "      CPU:   1 (limits.cpu)",
                    "      S:     <set to the key 'k' in secret 's'>      Optional: false",
                    "      M:     <set to the key 'k' of config map 'm'>  Optional: true",
                    "    Mounts:",
                    "      /a from a (rw)",
                    "      /b from b (rw,path=\"x\")",
                ],
            ),
            (
                json!({"spec": {"containers": [{"name": "c", "env": [
                        {"name": "CPU", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu"}}}]}],
                    "tolerations": [{"operator": "Exists"}, {"key": "k", "operator": "Equal", "value": "v", "effect": "NoSchedule"}],
                    "nodeSelector": {"disk": "ssd"}}}),
                &["      CPU:       node allocatable (limits.cpu)", "    Mounts:      <none>", "Node-Selectors:  disk=ssd", "Tolerations:     op=Exists", "                 k=v:NoSchedule"],
            ),
        ];
        for (pod, want) in table {
            let got = describe_pod(pod, Version::new(1, 36));
            let lines: Vec<&str> = got.lines().collect();
            // The wanted lines appear in order.
            let mut at = 0;
            for line in *want {
                let found = lines[at..].iter().position(|l| l == line);
                assert!(
                    found.is_some(),
                    "missing {line:?} after line {at} in\n{got}"
                );
                at += found.unwrap() + 1;
            }
        }
    }

    #[test]
    fn events_as_kubectl_describe_lists_them() {
        let event = |t: Ms, kind: &str, reason: &str, from: &str, message: &str| KubeEvent {
            t,
            kind: kind.into(),
            reason: reason.into(),
            from: from.into(),
            field_path: String::new(),
            message: message.into(),
        };
        let list = [
            event(0, "Normal", "Killing", "kubelet", "Stopping container app"),
            event(
                30 * SECOND,
                "Warning",
                "FailedPreStopHook",
                "kubelet",
                "PreStopHook failed ",
            ),
        ];
        assert_eq!(
            events(&list, 150 * SECOND, Version::new(1, 36)),
            "\
Events:
  Type     Reason             Age    From     Message
  ----     ------             ----   ----     -------
  Normal   Killing            2m30s  kubelet  Stopping container app
  Warning  FailedPreStopHook  2m     kubelet  PreStopHook failed
"
        );
        assert_eq!(events(&[], 0, Version::new(1, 36)), "Events:  <none>\n");
    }

    /// kubectl 1.35+ puts a container event's field path before its message.
    #[test]
    fn event_field_path_per_version() {
        let list = [KubeEvent {
            t: 0,
            kind: "Normal".into(),
            reason: "Created".into(),
            from: "kubelet".into(),
            field_path: "spec.containers{app}".into(),
            message: "Container created".into(),
        }];
        let last = |minor| {
            events(&list, 0, Version::new(1, minor))
                .lines()
                .last()
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(last(34), "Normal Created 0s kubelet Container created");
        assert_eq!(
            last(35),
            "Normal Created 0s kubelet spec.containers{app}: Container created"
        );
    }

    #[test]
    fn human_durations() {
        let table: &[(u64, &str)] = &[
            (0, "0s"),
            (119, "119s"),
            (120, "2m"),
            (150, "2m30s"),
            (600, "10m"),
            (3 * 3600, "3h"),
            (3 * 3600 + 60, "3h1m"),
            (9 * 3600, "9h"),
            (50 * 3600, "2d2h"),
            (10 * 86400, "10d"),
        ];
        for (seconds, want) in table {
            assert_eq!(human_duration(*seconds), *want, "{seconds}");
        }
    }

    #[test]
    fn tabwriter_pads_each_run_of_lines_separately() {
        let mut w = Writer::default();
        w.line(0, &["a:\t1"]);
        w.line(0, &["long key:\t2"]);
        w.line(0, &["break"]);
        w.line(0, &["b:\t3"]);
        assert_eq!(w.finish(), "a:         1\nlong key:  2\nbreak\nb:  3\n");
    }
}
