//! What a pod asks of a node: `resourcehelper.PodRequests`
//! (k8s.io/component-helpers/resource/helpers.go) and the scheduler's `framework.Resource`.

use crate::pod_json::Pointer;
use crate::quantity::{Format, Quantity};
use crate::resources::{
    add_resource_list, aggregate_containers, find, max_resource_list, resource_list, ResourceList,
};
use serde::Serialize;
use serde_json::Value;

/// `schedutil.DefaultMilliCPURequest`: what scoring assumes for a container without a cpu request.
pub const DEFAULT_MILLI_CPU_REQUEST: i64 = 100;
/// `schedutil.DefaultMemoryRequest` (200 MiB): the same for memory.
pub const DEFAULT_MEMORY_REQUEST: i64 = 200 * 1024 * 1024;

/// `framework.Resource`: cpu in millicores, memory and ephemeral storage in bytes, the pod
/// count, and extended resources (hugepages, `vendor/name`) by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Resources {
    pub milli_cpu: i64,
    pub memory: i64,
    pub ephemeral_storage: i64,
    pub allowed_pods: i64,
    /// Extended resources, sorted by name.
    pub scalar: Vec<(String, i64)>,
}

/// `IsScalarResourceName`: extended (`vendor/name`) and hugepages resources; names like `foo`
/// are neither native nor extended and are not counted.
fn is_scalar(name: &str) -> bool {
    name.contains('/') || name.starts_with("hugepages-")
}

impl Resources {
    /// `framework.Resource.Add` over a resource list.
    pub fn add_list(&mut self, list: &[(String, Quantity)]) {
        for (name, q) in list {
            match name.as_str() {
                "cpu" => self.milli_cpu += q.milli_value(),
                "memory" => self.memory += q.value(),
                "ephemeral-storage" => self.ephemeral_storage += q.value(),
                "pods" => self.allowed_pods += q.value(),
                other if is_scalar(other) => self.add_scalar(other, q.value()),
                _ => {}
            }
        }
    }

    pub fn add(&mut self, other: &Resources) {
        self.milli_cpu += other.milli_cpu;
        self.memory += other.memory;
        self.ephemeral_storage += other.ephemeral_storage;
        self.allowed_pods += other.allowed_pods;
        for (name, v) in &other.scalar {
            self.add_scalar(name, *v);
        }
    }

    pub fn sub(&mut self, other: &Resources) {
        self.milli_cpu -= other.milli_cpu;
        self.memory -= other.memory;
        self.ephemeral_storage -= other.ephemeral_storage;
        for (name, v) in &other.scalar {
            self.add_scalar(name, -v);
        }
    }

    fn add_scalar(&mut self, name: &str, v: i64) {
        match self.scalar.iter_mut().find(|(n, _)| n == name) {
            Some((_, have)) => *have += v,
            None => {
                self.scalar.push((name.to_string(), v));
                crate::small_sort::sort_by(&mut self.scalar, |a, b| a.0 < b.0);
            }
        }
    }

    /// An extended resource's amount (0 when absent).
    pub fn scalar(&self, name: &str) -> i64 {
        self.scalar
            .iter()
            .find(|(n, _)| n == name)
            .map_or(0, |(_, v)| *v)
    }

    /// From a v1 ResourceList object (node allocatable, pod overhead).
    pub fn from_list(list: Option<&Value>) -> Resources {
        let mut r = Resources::default();
        r.add_list(&resource_list(list));
        r
    }
}

/// How to total a pod's requests.
#[derive(Debug, Clone, Copy, Default)]
pub struct RequestOptions {
    /// `NonMissingContainerRequests` = {cpu: 100m, memory: 200Mi}: scoring's assumption for a
    /// container that requests no cpu or memory.
    pub non_missing_defaults: bool,
    /// PodLevelResources: `spec.resources.requests` (cpu, memory, hugepages) replace the
    /// containers' total.
    pub pod_level: bool,
    /// `UseStatusResources` (InPlacePodVerticalScaling): a running container whose status
    /// reports `resources` asks the most of its spec, actuated and allocated requests.
    pub status_resources: bool,
}

/// Which scoring defaults fill a container's missing requests: (cpu, memory).
type Defaults = (bool, bool);

/// A container's requests, with the scoring defaults asked for.
fn container_requests(
    pod: &Value,
    c: &Value,
    opts: RequestOptions,
    defaults: Defaults,
) -> ResourceList {
    let mut reqs = match resized_requests(pod, c, opts) {
        Some(reqs) => reqs,
        None => resource_list(c.at("/resources/requests")),
    };
    if defaults.0 && find(&reqs, "cpu").is_none() {
        reqs.push((
            "cpu".into(),
            Quantity::new_milli(DEFAULT_MILLI_CPU_REQUEST, Format::DecimalSI),
        ));
    }
    if defaults.1 && find(&reqs, "memory").is_none() {
        reqs.push((
            "memory".into(),
            Quantity::new(DEFAULT_MEMORY_REQUEST, Format::BinarySI),
        ));
    }
    reqs
}

/// What a resized container holds (component-helpers resource/helpers.go
/// `AggregateContainerRequests` with `UseStatusResources`): for a regular container or a
/// sidecar whose status (`containerStatuses` / `initContainerStatuses`, by name) has
/// `resources`, the largest of each request in its spec, `status.resources.requests` and
/// `status.allocatedResources`; the spec is left out when the pod's `PodResizePending`
/// condition says `Infeasible`. None: the spec's requests apply.
fn resized_requests(pod: &Value, c: &Value, opts: RequestOptions) -> Option<ResourceList> {
    if !opts.status_resources {
        return None;
    }
    let regular = pod
        .at("/spec/containers")
        .and_then(Value::as_array)
        .is_some_and(|cs| cs.iter().any(|x| std::ptr::eq(x, c)));
    let sidecar = c.get("restartPolicy").and_then(Value::as_str) == Some("Always");
    if !regular && !sidecar {
        return None;
    }
    let name = c.get("name").and_then(Value::as_str)?;
    let statuses = |list: &str| {
        pod.at(&format!("/status/{list}"))
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .rfind(|st| st.get("name").and_then(Value::as_str) == Some(name))
    };
    // The Go code keys both lists by name, the init containers' last.
    let status = statuses("initContainerStatuses").or_else(|| statuses("containerStatuses"))?;
    let actuated = status.get("resources").filter(|r| !r.is_null())?;
    let infeasible = pod
        .at("/status/conditions")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .find(|cond| cond.get("type").and_then(Value::as_str) == Some("PodResizePending"))
        .is_some_and(|cond| cond.get("reason").and_then(Value::as_str) == Some("Infeasible"));
    let mut reqs = if infeasible {
        ResourceList::new()
    } else {
        resource_list(c.at("/resources/requests"))
    };
    max_resource_list(&mut reqs, &resource_list(actuated.get("requests")));
    max_resource_list(&mut reqs, &resource_list(status.get("allocatedResources")));
    Some(reqs)
}

/// `resourcehelper.PodRequests`: the containers' aggregate (`resources::aggregate_containers`:
/// regular containers and sidecars add up, init containers are a peak), pod-level requests
/// where set (cpu, memory, hugepages), plus `spec.overhead`.
pub fn pod_requests(pod: &Value, opts: RequestOptions) -> ResourceList {
    let both = opts.non_missing_defaults;
    pod_requests_with(pod, opts, (both, both))
}

fn pod_requests_with(pod: &Value, opts: RequestOptions, defaults: Defaults) -> ResourceList {
    let spec = pod.get("spec").unwrap_or(&Value::Null);
    let mut reqs = aggregate_containers(spec, |c| container_requests(pod, c, opts, defaults));
    if opts.pod_level {
        for (name, q) in resource_list(spec.at("/resources/requests")) {
            if name == "cpu" || name == "memory" || name.starts_with("hugepages-") {
                match reqs.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, have)) => *have = q,
                    None => reqs.push((name, q)),
                }
            }
        }
    }
    add_resource_list(&mut reqs, &resource_list(spec.get("overhead")));
    reqs
}

/// The pod's requests as the scheduler's `framework.Resource`.
pub fn pod_resources(pod: &Value, opts: RequestOptions) -> Resources {
    let mut r = Resources::default();
    r.add_list(&pod_requests(pod, opts));
    r
}

/// What a pod on a node adds to the node's non-zero requests (`PodInfo.CalculateResource`,
/// framework/types.go, with `getNonMissingContainerRequests`): every container without a cpu
/// or memory request counts the defaults, except when the pod sets pod-level requests: then a
/// default applies only to a resource missing from the pod's whole requests (pod level and
/// containers), and none at all when both are there. `opts.non_missing_defaults` is ignored.
pub fn node_non_zero(pod: &Value, opts: RequestOptions) -> Resources {
    let pod_level_set = opts.pod_level
        && resource_list(pod.at("/spec/resources/requests"))
            .iter()
            .any(|(name, _)| name == "cpu" || name == "memory" || name.starts_with("hugepages-"));
    let defaults = if pod_level_set {
        let requests = pod_requests_with(pod, opts, (false, false));
        (
            find(&requests, "cpu").is_none(),
            find(&requests, "memory").is_none(),
        )
    } else {
        (true, true)
    };
    let mut r = Resources::default();
    r.add_list(&pod_requests_with(pod, opts, defaults));
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn c(cpu: &str) -> Value {
        json!({"name": "c", "resources": {"requests": {"cpu": cpu}}})
    }

    #[test]
    fn init_peak_sidecars_and_overhead() {
        let opts = RequestOptions {
            pod_level: true,
            ..Default::default()
        };
        // Regular 1 + sidecar 1 = 2; an init container after the sidecar runs beside it: 3 + 1 = 4.
        let mut sidecar = c("1");
        sidecar["restartPolicy"] = json!("Always");
        let pod = json!({"spec": {"initContainers": [sidecar, c("3")], "containers": [c("1")]}});
        assert_eq!(pod_resources(&pod, opts).milli_cpu, 4000);
        // An init container before the sidecar does not run beside it: max(3, 1 + 1) = 3.
        let mut sidecar = c("1");
        sidecar["restartPolicy"] = json!("Always");
        let pod = json!({"spec": {"initContainers": [c("3"), sidecar], "containers": [c("1")]}});
        assert_eq!(pod_resources(&pod, opts).milli_cpu, 3000);
        let pod = json!({"spec": {"containers": [c("500m")], "overhead": {"cpu": "600m"}}});
        assert_eq!(pod_resources(&pod, opts).milli_cpu, 1100);
    }

    #[test]
    fn scoring_defaults_fill_missing_requests() {
        let opts = RequestOptions {
            non_missing_defaults: true,
            pod_level: true,
            ..Default::default()
        };
        let pod = json!({"spec": {"containers": [{"name": "a"}, c("250m")]}});
        let r = pod_resources(&pod, opts);
        assert_eq!(r.milli_cpu, 350);
        assert_eq!(r.memory, 2 * DEFAULT_MEMORY_REQUEST);
    }

    #[test]
    fn extended_resources_are_scalar() {
        let pod = json!({"spec": {"containers": [{"name": "a", "resources": {"requests": {"nvidia.com/gpu": "2", "foo": "1"}}}]}});
        let r = pod_resources(&pod, RequestOptions::default());
        assert_eq!(r.scalar, vec![("nvidia.com/gpu".to_string(), 2)]);
    }
}
