//! The downward API in environment variables: `valueFrom.fieldRef` and
//! `valueFrom.resourceFieldRef`, as the kubelet resolves them when it creates a container.
//!
//! - fieldRef: pkg/kubelet/kubelet_pods.go `podFieldSelectorRuntimeValue`, then
//!   pkg/apis/core/pods/helpers.go `ConvertDownwardAPIFieldLabel` and pkg/fieldpath
//!   `ExtractFieldPathAsString`.
//! - resourceFieldRef: pkg/kubelet/kubelet_resources.go `defaultPodLimitsForDownwardAPI` (an
//!   unset or zero limit becomes the node's allocatable, or the pod-level limit) and
//!   pkg/api/v1/resource/helpers.go `ExtractContainerResourceValue` (value / divisor, rounded up).

use crate::pod_json::Pointer;
use crate::quantity::Quantity;
use crate::versions::Version;
use serde_json::Value;

/// What the kubelet knows beside the pod when it resolves a fieldRef.
#[derive(Debug, Clone)]
pub struct FieldContext<'a> {
    /// The pod as the API server created it.
    pub pod: &'a Value,
    /// What the kubelet's copy has beside it (bound to its node, stored with a namespace and
    /// a uid): these answer `spec.nodeName`, `metadata.namespace` and `metadata.uid` (the
    /// pod itself is not copied to set them).
    pub node_name: &'a str,
    pub namespace: &'a str,
    pub uid: &'a str,
    /// The pod's IPs (the first is `status.podIP`).
    pub pod_ips: &'a [String],
    /// The node's host IPs (`GetNodeHostIPs`), or the kubelet's error when it has none.
    pub host_ips: Result<&'a [String], &'a str>,
}

/// `SplitMaybeSubscriptedPath`: `metadata.labels['key']` → (`metadata.labels`, `key`).
pub fn split_subscript(path: &str) -> Option<(&str, &str)> {
    let inner = path.strip_suffix("']")?;
    let (head, key) = inner.split_once("['")?;
    (!head.is_empty()).then_some((head, key))
}

/// The value of an env `fieldRef` (`{apiVersion, fieldPath}`), or the kubelet's error.
pub fn field_ref_value(selector: &Value, ctx: &FieldContext) -> Result<String, String> {
    let api_version = selector
        .get("apiVersion")
        .and_then(Value::as_str)
        .unwrap_or("");
    let path = selector
        .get("fieldPath")
        .and_then(Value::as_str)
        .unwrap_or("");
    // ConvertDownwardAPIFieldLabel (pkg/apis/core/pods/helpers.go).
    if api_version != "v1" {
        return Err(format!("unsupported pod version: {api_version}"));
    }
    if let Some((head, key)) = split_subscript(path) {
        return match head {
            // The annotation key is validated lower-cased, but looked up as written
            // (conformance case 040: `Example.com/Mixed` finds nothing).
            "metadata.annotations" | "metadata.labels" => Ok(meta_map(ctx.pod, &head[9..])
                .and_then(|m| m.get(key))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()),
            _ => Err(format!("field label does not support subscript: {path}")),
        };
    }
    let pod = ctx.pod;
    let text = |p: &str| pod.at(p).and_then(Value::as_str).unwrap_or("").to_string();
    match path {
        "spec.nodeName" | "spec.host" => Ok(ctx.node_name.to_string()),
        "spec.serviceAccountName" => Ok(text("/spec/serviceAccountName")),
        "status.hostIP" => ctx
            .host_ips
            .map(|ips| ips.first().cloned().unwrap_or_default())
            .map_err(str::to_string),
        "status.hostIPs" => ctx
            .host_ips
            .map(|ips| ips.join(","))
            .map_err(str::to_string),
        "status.podIP" => Ok(ctx.pod_ips.first().cloned().unwrap_or_default()),
        "status.podIPs" => Ok(ctx.pod_ips.join(",")),
        "metadata.name" => Ok(text("/metadata/name")),
        "metadata.namespace" => Ok(ctx.namespace.to_string()),
        "metadata.uid" => Ok(ctx.uid.to_string()),
        "metadata.labels" | "metadata.annotations" => Ok(format_map(meta_map(ctx.pod, &path[9..]))),
        // Known to ConvertDownwardAPIFieldLabel but not to ExtractFieldPathAsString.
        "spec.restartPolicy" | "spec.schedulerName" | "status.phase" => {
            Err(format!("unsupported fieldPath: {path}"))
        }
        _ => Err(format!("field label not supported: {path}")),
    }
}

fn meta_map<'a>(pod: &'a Value, which: &str) -> Option<&'a serde_json::Map<String, Value>> {
    pod.get("metadata")?.get(which)?.as_object()
}

/// `fieldpath.FormatMap`: `key="value"` lines, keys sorted, values quoted as Go's %q.
fn format_map(map: Option<&serde_json::Map<String, Value>>) -> String {
    let Some(map) = map else {
        return String::new();
    };
    let mut keys: Vec<&String> = map.keys().collect();
    crate::small_sort::sort_by(&mut keys, |a, b| a < b);
    let mut out = String::new();
    for k in keys {
        let v = map.get(k).and_then(Value::as_str).unwrap_or("");
        out.push_str(k);
        out.push('=');
        out.push_str(&crate::go::strconv::quote(v));
        out.push('\n');
    }
    // FormatMap trims the final newline.
    out.pop();
    out
}

/// The node's allocatable resources and the pod-level limits that replace them
/// (`defaultPodLimitsForDownwardAPI`).
#[derive(Debug, Clone)]
pub struct ResourceContext<'a> {
    pub pod: &'a Value,
    /// `node.status.allocatable` (resource name → quantity).
    pub allocatable: &'a serde_json::Map<String, Value>,
    pub version: Version,
}

/// Resources whose unset limit the kubelet fills before the downward API reads it
/// (`MergeContainerResourceLimits`; hugepages are never overcommitted, so never filled).
const FILLED_LIMITS: &[&str] = &["cpu", "memory", "ephemeral-storage"];
/// Pod-level resources (`IsSupportedPodLevelResource`, component-helpers/resource).
const POD_LEVEL: &[&str] = &["cpu", "memory"];

/// Where a container's limit for the downward API came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitOrigin {
    Container,
    PodLevel,
    NodeAllocatable,
    Unset,
}

fn quantity_of(list: Option<&Value>, resource: &str) -> Option<Quantity> {
    Quantity::from_json_value(list?.get(resource)?).ok()
}

fn quantity_of_map(list: &serde_json::Map<String, Value>, resource: &str) -> Option<Quantity> {
    Quantity::from_json_value(list.get(resource)?).ok()
}

/// The limit the downward API sees for one resource of a container whose limits the
/// kubelet defaulted (`merged`), and where it came from.
fn merged_limit(
    container: &Value,
    resource: &str,
    ctx: &ResourceContext,
    merged: bool,
) -> (Quantity, LimitOrigin) {
    let own = quantity_of(container.at("/resources/limits"), resource);
    if let Some(q) = own.as_ref().filter(|q| !q.is_zero()) {
        return (q.clone(), LimitOrigin::Container);
    }
    if merged && FILLED_LIMITS.contains(&resource) {
        if let Some(node) = quantity_of_map(ctx.allocatable, resource) {
            // PodLevelResources: a pod-level limit replaces the node's allocatable (only for
            // resources the node reports).
            let pod_limits = ctx.pod.at("/spec/resources/limits");
            let pod_level_set = ctx.version.gate("PodLevelResources")
                && pod_limits
                    .and_then(Value::as_object)
                    .is_some_and(|m| m.keys().any(|k| POD_LEVEL.contains(&k.as_str())));
            if pod_level_set && POD_LEVEL.contains(&resource) {
                if let Some(p) = quantity_of(pod_limits, resource).filter(|q| !q.is_zero()) {
                    return (p, LimitOrigin::PodLevel);
                }
            }
            return (node, LimitOrigin::NodeAllocatable);
        }
    }
    (own.unwrap_or_default(), LimitOrigin::Unset)
}

/// The result of a resourceFieldRef: the value and, for limits, where the limit came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceValue {
    pub value: String,
    pub origin: LimitOrigin,
    /// Whether the division was inexact and Kubernetes rounded the result up.
    pub rounded_up: bool,
}

/// `containerResourceRuntimeValue` for `selector` (`{containerName, resource, divisor}`) in
/// `container`, the container being created.
pub fn resource_field_ref_value(
    selector: &Value,
    container: &Value,
    ctx: &ResourceContext,
) -> Result<ResourceValue, String> {
    let resource = selector
        .get("resource")
        .and_then(Value::as_str)
        .unwrap_or("");
    let target_name = selector
        .get("containerName")
        .and_then(Value::as_str)
        .unwrap_or("");
    // The container is the one being created (its limits defaulted), or the named one looked
    // up in the defaulted pod: regular containers first, then init containers, whose limits
    // the kubelet does NOT default (it only defaults spec.containers of its pod copy).
    let (target, merged) = if target_name.is_empty() {
        (container, true)
    } else {
        let find = |list: &str| {
            ctx.pod.at(list).and_then(Value::as_array).and_then(|cs| {
                cs.iter()
                    .find(|c| c.get("name").and_then(Value::as_str) == Some(target_name))
            })
        };
        match (find("/spec/containers"), find("/spec/initContainers")) {
            (Some(c), _) => (c, true),
            (None, Some(c)) => (c, false),
            (None, None) => return Err(format!("container {target_name} not found")),
        }
    };
    // ExtractContainerResourceValue: a zero divisor means 1.
    let divisor = selector
        .get("divisor")
        .and_then(|d| Quantity::from_json_value(d).ok())
        .filter(|d| !d.is_zero())
        .unwrap_or_else(|| Quantity::new(1, crate::quantity::Format::DecimalSI));
    let (kind, name) = resource
        .split_once('.')
        .filter(|(k, _)| *k == "limits" || *k == "requests")
        .ok_or_else(|| unsupported(resource))?;
    let known =
        matches!(name, "cpu" | "memory" | "ephemeral-storage") || name.starts_with("hugepages-");
    if !known {
        return Err(unsupported(resource));
    }
    let (quantity, origin) = if kind == "limits" {
        merged_limit(target, name, ctx, merged)
    } else {
        let q = quantity_of(target.at("/resources/requests"), name);
        let origin = if q.is_some() {
            LimitOrigin::Container
        } else {
            LimitOrigin::Unset
        };
        (q.unwrap_or_default(), origin)
    };
    let milli = name == "cpu";
    let value = divide_round_up(&quantity, &divisor, milli);
    let (a, b) = if milli {
        (quantity.milli_value(), divisor.milli_value())
    } else {
        (quantity.value(), divisor.value())
    };
    Ok(ResourceValue {
        value: value.to_string(),
        origin,
        rounded_up: b != 0 && a % b != 0,
    })
}

fn unsupported(resource: &str) -> String {
    format!("unsupported container resource : {resource}")
}

/// `convertResource*ToString`: `ceil(float64(value) / float64(divisor))` with CPU in
/// millicores and everything else in units. The division is done in float64 as Kubernetes
/// does, so huge values round as they do there.
pub fn divide_round_up(quantity: &Quantity, divisor: &Quantity, milli: bool) -> i64 {
    let (value, by) = if milli {
        (quantity.milli_value(), divisor.milli_value())
    } else {
        (quantity.value(), divisor.value())
    };
    (value as f64 / by as f64).ceil() as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Rows from the conformance README (section 2) and cases 019/021/022.
    #[test]
    fn divisors_round_up() {
        let rows: &[(&str, &str, bool, i64)] = &[
            ("1500m", "1", true, 2),
            ("1500m", "1m", true, 1500),
            ("250m", "1", true, 1),
            ("250m", "1m", true, 250),
            ("2", "1", true, 2),
            ("1500Mi", "1", false, 1_572_864_000),
            ("1500Mi", "1Mi", false, 1500),
            ("1500Mi", "1Gi", false, 2),
            ("100Mi", "1k", false, 104_858),
            ("1Gi", "1Mi", false, 1024),
            ("8Gi", "1Mi", false, 8192),
            ("0", "1", false, 0),
            ("1", "1M", false, 1),
        ];
        for (q, d, milli, want) in rows {
            let q = Quantity::parse(q).unwrap();
            let d = Quantity::parse(d).unwrap();
            assert_eq!(divide_round_up(&q, &d, *milli), *want, "{q} / {d}");
        }
    }

    fn ctx_pod() -> Value {
        json!({
            "metadata": {"name": "p", "namespace": "ns", "uid": "u-1",
                         "labels": {"app": "web", "tier": "a\"b"},
                         "annotations": {"example.com/mixed": "lower"}},
            "spec": {"nodeName": "node-1", "serviceAccountName": "default",
                     "containers": [{"name": "main"}, {"name": "helper", "resources": {"requests": {"cpu": "50m"}}}],
                     "initContainers": [{"name": "init"}]}
        })
    }

    #[test]
    fn field_paths() {
        let pod = ctx_pod();
        let ips = vec!["10.244.1.23".to_string()];
        let host = vec!["192.168.1.10".to_string()];
        let ctx = FieldContext {
            pod: &pod,
            node_name: "node-1",
            namespace: "ns",
            uid: "u-1",
            pod_ips: &ips,
            host_ips: Ok(&host),
        };
        let rows: &[(&str, Result<&str, &str>)] = &[
            ("metadata.name", Ok("p")),
            ("metadata.namespace", Ok("ns")),
            ("metadata.uid", Ok("u-1")),
            ("spec.nodeName", Ok("node-1")),
            ("spec.serviceAccountName", Ok("default")),
            ("status.podIP", Ok("10.244.1.23")),
            ("status.podIPs", Ok("10.244.1.23")),
            ("status.hostIP", Ok("192.168.1.10")),
            ("status.hostIPs", Ok("192.168.1.10")),
            ("metadata.labels['app']", Ok("web")),
            ("metadata.labels['nope']", Ok("")),
            ("metadata.annotations['example.com/mixed']", Ok("lower")),
            ("metadata.annotations['Example.com/Mixed']", Ok("")),
            ("metadata.labels", Ok("app=\"web\"\ntier=\"a\\\"b\"")),
            (
                "metadata.name['x']",
                Err("field label does not support subscript: metadata.name['x']"),
            ),
            (
                "spec.containers",
                Err("field label not supported: spec.containers"),
            ),
        ];
        for (path, want) in rows {
            let got = field_ref_value(&json!({"apiVersion": "v1", "fieldPath": path}), &ctx);
            assert_eq!(got.as_deref().map_err(String::as_str), *want, "{path}");
        }
        let got = field_ref_value(
            &json!({"apiVersion": "v2", "fieldPath": "metadata.name"}),
            &ctx,
        );
        assert_eq!(got, Err("unsupported pod version: v2".to_string()));
    }

    #[test]
    fn limits_default_to_allocatable_or_pod_level() {
        let pod = ctx_pod();
        let alloc =
            json!({"cpu": "4", "memory": "8Gi", "ephemeral-storage": "100Gi", "pods": "110"});
        let ctx = ResourceContext {
            pod: &pod,
            allocatable: alloc.as_object().unwrap(),
            version: Version::new(1, 36),
        };
        let main = pod.at("/spec/containers/0").unwrap();
        let value = |sel: Value| resource_field_ref_value(&sel, main, &ctx).map(|v| v.value);
        assert_eq!(value(json!({"resource": "limits.cpu"})).unwrap(), "4");
        assert_eq!(
            value(json!({"resource": "limits.memory"})).unwrap(),
            "8589934592"
        );
        assert_eq!(
            value(json!({"resource": "limits.ephemeral-storage"})).unwrap(),
            "107374182400"
        );
        assert_eq!(value(json!({"resource": "requests.cpu"})).unwrap(), "0");
        assert_eq!(
            value(json!({"resource": "requests.cpu", "divisor": "1m", "containerName": "helper"}))
                .unwrap(),
            "50"
        );
        assert_eq!(
            value(
                json!({"resource": "limits.memory", "divisor": "1Mi", "containerName": "helper"})
            )
            .unwrap(),
            "8192"
        );
        // An init container named by containerName keeps its unset limit: 0.
        assert_eq!(
            value(json!({"resource": "limits.cpu", "containerName": "init"})).unwrap(),
            "0"
        );
        assert_eq!(
            value(json!({"resource": "limits.hugepages-2Mi"})).unwrap(),
            "0"
        );
        assert_eq!(
            value(json!({"resource": "limits.gpu"})),
            Err("unsupported container resource : limits.gpu".to_string())
        );
        assert_eq!(
            value(json!({"resource": "limits.cpu", "containerName": "ghost"})),
            Err("container ghost not found".to_string())
        );
        // Pod-level limits replace the node's allocatable for cpu and memory.
        let mut pod2 = pod.clone();
        pod2["spec"]["resources"] = json!({"limits": {"cpu": "2", "memory": "1Gi"}});
        let ctx2 = ResourceContext {
            pod: &pod2,
            ..ctx.clone()
        };
        let got =
            resource_field_ref_value(&json!({"resource": "limits.cpu"}), main, &ctx2).unwrap();
        assert_eq!(
            (got.value.as_str(), got.origin),
            ("2", LimitOrigin::PodLevel)
        );
        let got = resource_field_ref_value(
            &json!({"resource": "limits.ephemeral-storage"}),
            main,
            &ctx2,
        )
        .unwrap();
        assert_eq!(
            (got.value.as_str(), got.origin),
            ("107374182400", LimitOrigin::NodeAllocatable)
        );
    }
}
