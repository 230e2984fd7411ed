//! PodLevelResources defaulting in `SetDefaults_Pod` (`defaultHugePagePodLimits`, then
//! `defaultPodRequests`), only when `spec.resources` is set.
//!
//! The container totals come from [`crate::resources`] (component-helpers' aggregation).

use crate::changes::{by, Changes};
use crate::resources::aggregate_container_resources;
use serde_json::{json, Map, Value};

const SRC: &str = "pkg/apis/core/v1/defaults.go:SetDefaults_Pod";

/// cpu, memory and hugepages-* may be set at pod level.
fn is_supported_pod_level(name: &str) -> bool {
    name == "cpu" || name == "memory" || name.starts_with("hugepages-")
}

fn is_hugepages(name: &str) -> bool {
    name.starts_with("hugepages-")
}

/// Native, non-hugepage resources may be overcommitted (request < limit).
fn is_overcommit_allowed(name: &str) -> bool {
    let native = !name.contains('/') || name.starts_with("kubernetes.io/");
    native && !is_hugepages(name)
}

pub fn default_pod_level_resources(
    spec: &mut Map<String, Value>,
    path: &str,
    changes: &mut Changes,
) {
    let Some(res) = spec.get("resources").and_then(Value::as_object) else {
        return;
    };
    let mut limits = res
        .get("limits")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut requests = res
        .get("requests")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let spec_value = Value::Object(spec.clone());

    // defaultHugePagePodLimits
    let mut limits_changed = false;
    if !(limits.is_empty() && requests.is_empty()) {
        for (key, q) in aggregate_container_resources(&spec_value, "limits") {
            if !is_supported_pod_level(&key) || !is_hugepages(&key) || requests.contains_key(&key) {
                continue;
            }
            if !limits.contains_key(&key) {
                let text = q.canonical();
                limits.insert(key.clone(), json!(text));
                limits_changed = true;
                changes.add(
                    format!("{path}.resources.limits[{key}]"),
                    json!(text),
                    by::DEFAULTING,
                    "defaults.pod.podLevelHugePageLimits",
                    format!("the pod sets pod-level resources but no {key} limit: it is the sum of the containers' {key} limits"),
                    Some(SRC),
                );
            }
        }
    }

    // defaultPodRequests
    let mut requests_changed = false;
    if !limits.is_empty() {
        for (key, q) in aggregate_container_resources(&spec_value, "requests") {
            if !requests.contains_key(&key)
                && is_supported_pod_level(&key)
                && is_overcommit_allowed(&key)
            {
                let text = q.canonical();
                requests.insert(key.clone(), json!(text));
                requests_changed = true;
                changes.add(
                    format!("{path}.resources.requests[{key}]"),
                    json!(text),
                    by::DEFAULTING,
                    "defaults.pod.podLevelRequestsFromContainers",
                    format!("the pod has a pod-level limit but no pod-level {key} request: it is the containers' total {key} request"),
                    Some(SRC),
                );
            }
        }
        for (key, lim) in limits.clone() {
            if !requests.contains_key(&key) && is_supported_pod_level(&key) {
                requests.insert(key.clone(), lim.clone());
                requests_changed = true;
                changes.add(
                    format!("{path}.resources.requests[{key}]"),
                    lim,
                    by::DEFAULTING,
                    "defaults.pod.podLevelRequestsFromLimits",
                    format!("no container requests {key} and the pod has a pod-level {key} limit, so the pod-level request is the limit"),
                    Some(SRC),
                );
            }
        }
    }

    if let Some(res) = spec.get_mut("resources").and_then(Value::as_object_mut) {
        if limits_changed {
            res.insert("limits".into(), Value::Object(limits));
        }
        if requests_changed {
            res.insert("requests".into(), Value::Object(requests));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pod_requests_default_from_containers_then_limits() {
        let mut spec = json!({
            "resources": {"limits": {"cpu": "2", "memory": "1Gi"}},
            "containers": [
                {"name": "a", "resources": {"requests": {"cpu": "500m"}}},
                {"name": "b", "resources": {"requests": {"cpu": "250m"}}}
            ]
        });
        let mut ch = Changes::new();
        default_pod_level_resources(spec.as_object_mut().unwrap(), "spec", &mut ch);
        assert_eq!(
            spec["resources"]["requests"],
            json!({"cpu": "750m", "memory": "1Gi"})
        );
        assert_eq!(ch.list.len(), 2);
    }

    #[test]
    fn nothing_without_pod_level_limits() {
        let mut spec = json!({
            "resources": {"requests": {"cpu": "1"}},
            "containers": [{"name": "a", "resources": {"requests": {"memory": "1Gi"}}}]
        });
        let mut ch = Changes::new();
        default_pod_level_resources(spec.as_object_mut().unwrap(), "spec", &mut ch);
        assert_eq!(spec["resources"], json!({"requests": {"cpu": "1"}}));
        assert!(ch.list.is_empty());
    }
}
