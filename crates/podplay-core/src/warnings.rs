//! The warnings the API server returns with a created pod: `podStrategy.WarningsOnCreate`
//! (pkg/registry/core/pod/strategy.go: a hostname warning for a name that is not a DNS label)
//! followed by `GetWarningsForPod` (pkg/api/pod/warnings.go `warningsForPodSpecAndMeta`), in
//! their order. They are computed on the pod as it is stored (after admission), and only when
//! validation passed (rest.BeforeCreate adds them after `Validate`). Expected texts were
//! checked against a local v1.36.2 run (tests/warnings_variants.rs).

use crate::quantity::Quantity;
use crate::validation::names::{is_dns1123_label, is_label_value};
use crate::versions::Version;
use serde_json::Value;

/// `deprecatedNodeLabels` (pkg/api/node/util.go).
const DEPRECATED_NODE_LABELS: &[(&str, &str)] = &[
    (
        "beta.kubernetes.io/arch",
        "deprecated since v1.14; use \"kubernetes.io/arch\" instead",
    ),
    (
        "beta.kubernetes.io/os",
        "deprecated since v1.14; use \"kubernetes.io/os\" instead",
    ),
    (
        "failure-domain.beta.kubernetes.io/region",
        "deprecated since v1.17; use \"topology.kubernetes.io/region\" instead",
    ),
    (
        "failure-domain.beta.kubernetes.io/zone",
        "deprecated since v1.17; use \"topology.kubernetes.io/zone\" instead",
    ),
    (
        "beta.kubernetes.io/instance-type",
        "deprecated since v1.17; use \"node.kubernetes.io/instance-type\" instead",
    ),
    ("app.kubernetes.io/created-by", "deprecated since v1.9"),
    (
        "scheduler.alpha.kubernetes.io/preferAvoidPods",
        "deprecated since v1.22; use Taints and Tolerations instead",
    ),
    (
        "node-role.kubernetes.io/master",
        "use \"node-role.kubernetes.io/control-plane\" instead",
    ),
];

/// `deprecatedAnnotations` (pkg/api/pod/warnings.go).
const DEPRECATED_ANNOTATIONS: &[(&str, &str)] = &[
    (
        "scheduler.alpha.kubernetes.io/critical-pod",
        "non-functional in v1.16+; use the \"priorityClassName\" field instead",
    ),
    (
        "security.alpha.kubernetes.io/sysctls",
        "non-functional in v1.11+; use the \"sysctls\" field instead",
    ),
    (
        "security.alpha.kubernetes.io/unsafe-sysctls",
        "non-functional in v1.11+; use the \"sysctls\" field instead",
    ),
];

/// Removed or deprecated volume plugins: (json field, Go field name in the path, message).
/// gitRepo's wording assumes the GitRepoVolumeDriver gate is off (its default from 1.33).
const DEPRECATED_VOLUMES: &[(&str, &str, &str)] = &[
    (
        "photonPersistentDisk",
        "photonPersistentDisk",
        "deprecated in v1.11, non-functional in v1.16+",
    ),
    (
        "gitRepo",
        "gitRepo",
        "deprecated in v1.11, and disabled by default in v1.33+",
    ),
    (
        "scaleIO",
        "scaleIO",
        "deprecated in v1.16, non-functional in v1.22+",
    ),
    (
        "flocker",
        "flocker",
        "deprecated in v1.22, non-functional in v1.25+",
    ),
    (
        "storageos",
        "storageOS",
        "deprecated in v1.22, non-functional in v1.25+",
    ),
    (
        "quobyte",
        "quobyte",
        "deprecated in v1.22, non-functional in v1.25+",
    ),
    (
        "glusterfs",
        "glusterfs",
        "deprecated in v1.25, non-functional in v1.26+",
    ),
    (
        "cephfs",
        "cephfs",
        "deprecated in v1.28, non-functional in v1.31+",
    ),
    (
        "rbd",
        "rbd",
        "deprecated in v1.28, non-functional in v1.31+",
    ),
];

const SECCOMP_POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
const SECCOMP_CONTAINER_ANNOTATION_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";
const SECCOMP_ANNOTATION_GONE: &str =
    "non-functional in v1.27+; use the \"seccompProfile\" field instead";
const NULL_SELECTOR: &str = "a null labelSelector results in matching no pod";

fn arr(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn deprecated_label(key: &str) -> Option<&'static str> {
    DEPRECATED_NODE_LABELS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, m)| *m)
}

/// The warnings of a created pod (`pod` as stored, JSON), in Kubernetes' order.
pub fn on_create(pod: &Value, version: Version) -> Vec<String> {
    let mut w = Vec::new();
    let empty = Value::Null;
    let meta = pod.get("metadata").unwrap_or(&empty);
    let spec = pod.get("spec").unwrap_or(&empty);
    let name_problems = is_dns1123_label(text(meta, "name"));
    if !name_problems.is_empty() {
        w.push(format!(
            "metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [{}]",
            name_problems.join(" ")
        ));
    }
    node_labels(spec, version, &mut w);
    annotations(meta, &mut w);
    volumes(spec, &mut w);
    duplicates(spec, &mut w);
    fractional("spec.overhead", spec.get("overhead"), &mut w);
    if spec.pointer("/securityContext/seccompProfile").is_none()
        && meta
            .pointer("/annotations")
            .and_then(|a| a.get(SECCOMP_POD_ANNOTATION))
            .is_some()
    {
        w.push(format!(
            "metadata.annotations[{SECCOMP_POD_ANNOTATION}]: {SECCOMP_ANNOTATION_GONE}"
        ));
    }
    let containers = containers(spec);
    for (path, c) in &containers {
        container(meta, path, c, &mut w);
    }
    ports(&containers, &mut w);
    port_names(&containers, &mut w);
    for kind in ["podAffinity", "podAntiAffinity"] {
        let base = format!("spec.affinity.{kind}");
        let Some(a) = spec.pointer(&format!("/affinity/{kind}")) else {
            continue;
        };
        let required = "requiredDuringSchedulingIgnoredDuringExecution";
        for (i, t) in arr(a.get(required)).iter().enumerate() {
            if t.get("labelSelector").is_none_or(Value::is_null) {
                w.push(format!(
                    "{base}.{required}[{i}].labelSelector: {NULL_SELECTOR}"
                ));
            }
        }
        let preferred = "preferredDuringSchedulingIgnoredDuringExecution";
        for (i, t) in arr(a.get(preferred)).iter().enumerate() {
            if t.pointer("/podAffinityTerm/labelSelector")
                .is_none_or(Value::is_null)
            {
                w.push(format!(
                    "{base}.{preferred}[{i}].podAffinityTerm.labelSelector: {NULL_SELECTOR}"
                ));
            }
        }
    }
    for (i, ns) in arr(spec.pointer("/dnsConfig/nameservers"))
        .iter()
        .enumerate()
    {
        ip_warning(&format!("spec.dnsConfig.nameservers[{i}]"), ns, &mut w);
    }
    for (i, alias) in arr(spec.get("hostAliases")).iter().enumerate() {
        let ip = alias.get("ip").unwrap_or(&Value::Null);
        ip_warning(&format!("spec.hostAliases[{i}].ip"), ip, &mut w);
    }
    w
}

/// `GetWarningsForIP` (apimachinery util/validation/ip.go), for an address validation let
/// through: one netip.ParseAddr refuses (leading 0s) or an IPv4-mapped one is non-standard
/// (only reachable without StrictIPCIDRValidation, i.e. before 1.36); an IPv6 one not in
/// RFC 5952 form gets its canonical spelling.
fn ip_warning(path: &str, value: &Value, w: &mut Vec<String>) {
    use crate::go::netip;
    let q = crate::go::strconv::quote;
    let value = value.as_str().unwrap_or("");
    if !crate::validation::ip::parse_ip_sloppy(value) {
        return;
    }
    if netip::parse_addr(value).is_err() || netip::is_4in6(value) {
        // ParseIPSloppy reads IPv4 octets in decimal whatever their leading zeros.
        let std = netip::net_ip_string(&without_octet_zeros(value)).unwrap_or_default();
        w.push(format!(
            "{path}: non-standard IP address {} is invalid: use {}",
            q(value),
            q(&std)
        ));
        return;
    }
    if value.contains(':') {
        let canonical = netip::addr_string(value).unwrap_or_default();
        if canonical != value {
            w.push(format!(
                "{path}: IPv6 address {} should be in RFC 5952 canonical format ({})",
                q(value),
                q(&canonical)
            ));
        }
    }
}

/// The address with the leading zeros of its dotted IPv4 octets removed (`010.1.1.1` →
/// `10.1.1.1`, `::ffff:001.2.3.4` → `::ffff:1.2.3.4`).
fn without_octet_zeros(ip: &str) -> String {
    let (head, v4) = match ip.rfind(':') {
        Some(i) => ip.split_at(i + 1),
        None => ("", ip),
    };
    let octets: Vec<&str> = v4
        .split('.')
        .map(|o| {
            let t = o.trim_start_matches('0');
            if t.is_empty() && !o.is_empty() {
                "0"
            } else {
                t
            }
        })
        .collect();
    format!("{head}{}", octets.join("."))
}

/// Deprecated node labels in nodeSelector (keys in sorted order: Go ranges over the map),
/// node affinity terms (and invalid values in preferred terms), and topology spread keys;
/// a spread constraint without labelSelector.
fn node_labels(spec: &Value, version: Version, w: &mut Vec<String>) {
    if let Some(sel) = spec.get("nodeSelector").and_then(Value::as_object) {
        let mut keys: Vec<&String> = sel.keys().collect();
        crate::small_sort::sort_by(&mut keys, |a, b| a < b);
        for k in keys {
            if let Some(msg) = deprecated_label(k) {
                w.push(format!("spec.nodeSelector[{k}]: {msg}"));
            }
        }
    }
    let term = |path: String, term: &Value, check_values: bool, w: &mut Vec<String>| {
        for (i, e) in arr(term.get("matchExpressions")).iter().enumerate() {
            let key = text(e, "key");
            if let Some(msg) = deprecated_label(key) {
                w.push(format!("{path}.matchExpressions[{i}].key: {key} is {msg}"));
            }
            if check_values {
                for (j, v) in arr(e.get("values")).iter().enumerate() {
                    let v = v.as_str().unwrap_or("");
                    for msg in is_label_value(v, &version) {
                        w.push(format!(
                            "{path}.matchExpressions[{i}].values[{j}]: {v} is invalid, {msg}"
                        ));
                    }
                }
            }
        }
    };
    if let Some(na) = spec.pointer("/affinity/nodeAffinity") {
        let req = "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms";
        let terms = na.pointer("/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms");
        for (i, t) in arr(terms).iter().enumerate() {
            term(format!("{req}[{i}]"), t, false, w);
        }
        let pref = "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution";
        for (i, t) in arr(na.get("preferredDuringSchedulingIgnoredDuringExecution"))
            .iter()
            .enumerate()
        {
            let empty = Value::Null;
            term(
                format!("{pref}[{i}].preference"),
                t.get("preference").unwrap_or(&empty),
                true,
                w,
            );
        }
    }
    for (i, t) in arr(spec.get("topologySpreadConstraints"))
        .iter()
        .enumerate()
    {
        let key = text(t, "topologyKey");
        if let Some(msg) = deprecated_label(key) {
            w.push(format!(
                "spec.topologySpreadConstraints[{i}].topologyKey: {key} is {msg}"
            ));
        }
        if t.get("labelSelector").is_none_or(Value::is_null) {
            w.push(format!(
                "spec.topologySpreadConstraints[{i}].labelSelector: {NULL_SELECTOR}"
            ));
        }
    }
}

fn annotations(meta: &Value, w: &mut Vec<String>) {
    let Some(ann) = meta.get("annotations").and_then(Value::as_object) else {
        return;
    };
    for (key, msg) in DEPRECATED_ANNOTATIONS {
        if ann.contains_key(*key) {
            w.push(format!("metadata.annotations[{key}]: {msg}"));
        }
    }
}

/// Deprecated plugins, ephemeral claim sizes, then overlapping paths of every volume.
fn volumes(spec: &Value, w: &mut Vec<String>) {
    let vols = arr(spec.get("volumes"));
    for (i, v) in vols.iter().enumerate() {
        for (json, go_name, msg) in DEPRECATED_VOLUMES {
            if v.get(*json).is_some_and(|s| !s.is_null()) {
                w.push(format!("spec.volumes[{i}].{go_name}: {msg}"));
            }
            // GetWarningsForPersistentVolumeClaimSpec comes between glusterfs and cephfs.
            if *json == "glusterfs" {
                if let Some(pvc) = v.pointer("/ephemeral/volumeClaimTemplate/spec") {
                    let base =
                        format!("spec.volumes[{i}].ephemeral.volumeClaimTemplate.spec.resources");
                    for part in ["requests", "limits"] {
                        let q = pvc.pointer(&format!("/resources/{part}/storage"));
                        fractional_one(&format!("{base}.{part}[storage]"), q, w);
                    }
                }
            }
        }
    }
    for v in vols {
        overlapping_paths(v, w);
    }
}

/// A path and what it comes from (`"p" (Secret "s")`), as warnings.go's `pathAndSource`.
struct PathSource {
    path: String,
    source: String,
}

impl PathSource {
    fn show(&self) -> String {
        let path = crate::go::strconv::quote(&self.path);
        if self.source.is_empty() {
            path
        } else {
            format!("{path} ({})", self.source)
        }
    }
}

/// `checkForOverlap` then append: the path against the earlier ones (equal, or one a
/// directory of the other), after trimming trailing `/`; `each` gets every collision.
fn add_path(seen: &mut Vec<PathSource>, mut ps: PathSource, mut each: impl FnMut(String)) {
    ps.path = ps.path.trim_end_matches('/').to_string();
    if !ps.path.is_empty() {
        for item in seen.iter().filter(|i| !i.path.is_empty()) {
            let (a, b) = (format!("{}/", item.path), format!("{}/", ps.path));
            let same = item.path == ps.path && item.source == ps.source;
            if same || a.starts_with(&b) || b.starts_with(&a) {
                each(format!("{} with {}", ps.show(), item.show()));
            }
        }
    }
    seen.push(ps);
}

/// `checkVolumeMappingForOverlap`: the items of one source against each other.
fn overlaps(paths: Vec<PathSource>, mut each: impl FnMut(String)) {
    let mut seen = Vec::new();
    for ps in paths {
        add_path(&mut seen, ps, &mut each);
    }
}

fn item_paths(items: &[Value], source: &str) -> Vec<PathSource> {
    items
        .iter()
        .map(|i| PathSource {
            path: text(i, "path").to_string(),
            source: source.to_string(),
        })
        .collect()
}

/// `warningsForOverlappingVirtualPaths` for one volume.
fn overlapping_paths(v: &Value, w: &mut Vec<String>) {
    let name = crate::go::strconv::quote(text(v, "name"));
    let mut warn = |desc: String, body: String| {
        w.push(format!("volume {name} ({desc}): overlapping paths: {body}"))
    };
    let q = crate::go::strconv::quote;
    if let Some(items) = v.pointer("/configMap/items").and_then(Value::as_array) {
        let desc = format!("ConfigMap {}", q(text(&v["configMap"], "name")));
        overlaps(item_paths(items, ""), |b| warn(desc.clone(), b));
    }
    if let Some(items) = v.pointer("/secret/items").and_then(Value::as_array) {
        let desc = format!("Secret {}", q(text(&v["secret"], "secretName")));
        overlaps(item_paths(items, ""), |b| warn(desc.clone(), b));
    }
    if let Some(items) = v.pointer("/downwardAPI/items").and_then(Value::as_array) {
        overlaps(item_paths(items, ""), |b| warn("DownwardAPI".into(), b));
    }
    let Some(sources) = v.pointer("/projected/sources").and_then(Value::as_array) else {
        return;
    };
    let kinds = [
        "configMap",
        "secret",
        "downwardAPI",
        "serviceAccountToken",
        "clusterTrustBundle",
        "podCertificate",
    ];
    let mut all = Vec::new();
    for s in sources {
        let present = |k: &str| s.get(k).is_some_and(|x| !x.is_null());
        if !kinds.iter().any(|k| present(k)) {
            w.push(format!("volume {name} (Projected) has no sources provided"));
            continue;
        }
        let mut paths = Vec::new();
        if let Some(items) = s.pointer("/configMap/items").and_then(Value::as_array) {
            let source = format!("ConfigMap {}", q(text(&s["configMap"], "name")));
            paths = item_paths(items, &source);
        } else if let Some(items) = s.pointer("/secret/items").and_then(Value::as_array) {
            paths = item_paths(items, &format!("Secret {}", q(text(&s["secret"], "name"))));
        } else if let Some(items) = s.pointer("/downwardAPI/items").and_then(Value::as_array) {
            paths = item_paths(items, "DownwardAPI");
        } else if present("serviceAccountToken") {
            let t = &s["serviceAccountToken"];
            paths.push(PathSource {
                path: text(t, "path").into(),
                source: "ServiceAccountToken".into(),
            });
        } else if present("clusterTrustBundle") {
            let b = &s["clusterTrustBundle"];
            let n = b
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_else(|| text(b, "signerName"));
            paths.push(PathSource {
                path: text(b, "path").into(),
                source: format!("ClusterTrustBundle {}", q(n)),
            });
        } else if present("podCertificate") {
            let p = &s["podCertificate"];
            for (k, what) in [
                ("certificateChainPath", "chain"),
                ("keyPath", "key"),
                ("credentialBundlePath", "credential bundle"),
            ] {
                if !text(p, k).is_empty() {
                    paths.push(PathSource {
                        path: text(p, k).into(),
                        source: format!("PodCertificate {what}"),
                    });
                }
            }
        }
        for ps in paths {
            add_path(&mut all, ps, |b| {
                w.push(format!("volume {name} (Projected): overlapping paths: {b}"))
            });
        }
    }
}

/// Duplicate hostAliases IPs and imagePullSecrets names; empty imagePullSecrets names.
fn duplicates(spec: &Value, w: &mut Vec<String>) {
    let q = crate::go::strconv::quote;
    let dup = |list: &[Value], key: &str, what: &str, path: &str, w: &mut Vec<String>| {
        if list.len() < 2 {
            return;
        }
        let mut seen: Vec<&str> = Vec::new();
        for (i, item) in list.iter().enumerate() {
            let v = text(item, key);
            if seen.contains(&v) {
                w.push(format!("{path}[{i}].{key}: duplicate {what} {}", q(v)));
            } else {
                seen.push(v);
            }
        }
    };
    dup(
        arr(spec.get("hostAliases")),
        "ip",
        "ip",
        "spec.hostAliases",
        w,
    );
    let secrets = arr(spec.get("imagePullSecrets"));
    dup(secrets, "name", "name", "spec.imagePullSecrets", w);
    for (i, s) in secrets.iter().enumerate() {
        if text(s, "name").is_empty() {
            w.push(format!(
                "spec.imagePullSecrets[{i}].name: invalid empty name \"\""
            ));
        }
    }
}

/// `fractional byte value` for a memory or ephemeral-storage quantity that is not whole.
fn fractional_one(path: &str, q: Option<&Value>, w: &mut Vec<String>) {
    let Some(Ok(q)) = q.and_then(Value::as_str).map(Quantity::parse) else {
        return;
    };
    if q.milli_value() % 1000 != 0 {
        w.push(format!(
            "{path}: fractional byte value {} is invalid, must be an integer",
            crate::go::strconv::quote(&q.canonical())
        ));
    }
}

fn fractional(path: &str, list: Option<&Value>, w: &mut Vec<String>) {
    for r in ["memory", "ephemeral-storage"] {
        fractional_one(&format!("{path}[{r}]"), list.and_then(|l| l.get(r)), w);
    }
}

/// Init containers then containers, with their paths (`pods.VisitContainersWithPath`;
/// ephemeral containers cannot be set on create).
fn containers(spec: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    for kind in ["initContainers", "containers"] {
        for (i, c) in arr(spec.get(kind)).iter().enumerate() {
            out.push((format!("spec.{kind}[{i}]"), c));
        }
    }
    out
}

fn container(meta: &Value, path: &str, c: &Value, w: &mut Vec<String>) {
    let name = text(c, "name");
    if c.pointer("/securityContext/seccompProfile").is_none() {
        let key = format!("{SECCOMP_CONTAINER_ANNOTATION_PREFIX}{name}");
        if meta.get("annotations").and_then(|a| a.get(&key)).is_some() {
            w.push(format!(
                "metadata.annotations[{key}]: {SECCOMP_ANNOTATION_GONE}"
            ));
        }
    }
    // limits then requests, memory then ephemeral-storage, as warnings.go lists them
    for r in ["memory", "ephemeral-storage"] {
        for part in ["limits", "requests"] {
            let q = c
                .pointer(&format!("/resources/{part}"))
                .and_then(|l| l.get(r));
            fractional_one(&format!("{path}.resources.{part}[{r}]"), q, w);
        }
    }
    let env = arr(c.get("env"));
    let mut seen: Vec<&str> = Vec::new();
    for (i, e) in env.iter().enumerate() {
        let n = text(e, "name");
        if !seen.contains(&n) {
            seen.push(n);
            continue;
        }
        let reference = format!("$({n})");
        let value = text(e, "value");
        let from = e.get("valueFrom").is_some_and(|v| !v.is_null());
        if from || value == reference || !value.contains(&reference) {
            w.push(format!(
                "{path}.env[{i}]: hides previous definition of {}, which may be dropped when using apply",
                crate::go::strconv::quote(n)
            ));
        }
    }
}

struct Port<'a> {
    path: String,
    host_ip: &'a str,
    host_port: i64,
}

/// hostIP without hostPort, and ports defined twice (same number and protocol).
fn ports(containers: &[(String, &Value)], w: &mut Vec<String>) {
    let mut by_key: Vec<(String, Vec<Port>)> = Vec::new();
    for (cpath, c) in containers {
        for (i, p) in arr(c.get("ports")).iter().enumerate() {
            let path = format!("{cpath}.ports[{i}]");
            let host_ip = text(p, "hostIP");
            let host_port = p.get("hostPort").and_then(Value::as_i64).unwrap_or(0);
            let container_port = p.get("containerPort").and_then(Value::as_i64).unwrap_or(0);
            let protocol = text(p, "protocol");
            if !host_ip.is_empty() && host_port == 0 {
                w.push(format!(
                    "{path}: hostIP set without hostPort: {{Name:{} HostPort:{host_port} ContainerPort:{container_port} Protocol:{protocol} HostIP:{host_ip}}}",
                    text(p, "name")
                ));
            }
            let key = format!("{container_port}/{protocol}");
            let port = Port {
                path: path.clone(),
                host_ip,
                host_port,
            };
            match by_key.iter_mut().find(|(k, _)| *k == key) {
                Some((_, others)) => {
                    for o in others.iter() {
                        let (a, b) = (host_ip.is_empty(), o.host_ip.is_empty());
                        if host_ip == o.host_ip && host_port == o.host_port {
                            w.push(format!("{path}: duplicate port definition with {}", o.path));
                        } else if host_port == 0 || o.host_port == 0 {
                            w.push(format!(
                                "{path}: overlapping port definition with {}",
                                o.path
                            ));
                        } else if host_port == o.host_port && (a || b) && !(a && b) {
                            w.push(format!(
                                "{path}: dangerously ambiguous port definition with {}",
                                o.path
                            ));
                        }
                    }
                    others.push(port);
                }
                None => by_key.push((key, vec![port])),
            }
        }
    }
}

fn port_names(containers: &[(String, &Value)], w: &mut Vec<String>) {
    let mut names: Vec<(&str, String)> = Vec::new();
    for (cpath, c) in containers {
        for (i, p) in arr(c.get("ports")).iter().enumerate() {
            let name = text(p, "name");
            if name.is_empty() {
                continue;
            }
            let path = format!("{cpath}.ports[{i}]");
            match names.iter().find(|(n, _)| *n == name) {
                Some((_, other)) => w.push(format!(
                    "{path}: duplicate port name {} with {other}, services and probes that select ports by name will use {other}",
                    crate::go::strconv::quote(name)
                )),
                None => names.push((name, path)),
            }
        }
    }
}
