//! Pod QoS class (`pkg/apis/core/helper/qos/qos.go:ComputePodQOS`, identical in v1.35 and
//! v1.36). The API server computes it in the registry's PrepareForCreate, after defaulting
//! (requests copied from limits) and admission, and stores it in `status.qosClass`.
//!
//! The rule, as the Go function applies it:
//! - only `cpu` and `memory` count, and only quantities greater than zero;
//! - regular containers, then init containers (sidecars included); ephemeral containers
//!   cannot set resources and are ignored;
//! - with the PodLevelResources gate on and `spec.resources` present (even `{}`), the
//!   pod-level lists replace the containers' entirely (a pod with `resources: {}` is
//!   BestEffort whatever its containers ask; later releases fix that behind
//!   PodLevelResourcesFixKubeletQOSClass, which v1.35/v1.36 do not have);
//! - BestEffort: no request and no limit at all; Guaranteed: every container (or the pod)
//!   has both a cpu and a memory limit, and the summed requests equal the summed limits for
//!   exactly the same resources; anything else is Burstable.

use crate::quantity::Quantity;
use crate::versions::Version;
use serde_json::Value;

use crate::containers::{spec_containers, ContainerKind};

pub const BEST_EFFORT: &str = "BestEffort";
pub const BURSTABLE: &str = "Burstable";
pub const GUARANTEED: &str = "Guaranteed";

/// Rule id and source for the reports.
pub const RULE: &str = "status.qosClass";
pub const SOURCE: &str = "pkg/apis/core/helper/qos/qos.go:ComputePodQOS";

/// The resources QoS looks at, in the order reasons mention them.
const QOS_RESOURCES: [&str; 2] = ["cpu", "memory"];

/// `BestEffort`, `Burstable` or `Guaranteed` for a v1 Pod JSON object in a chosen release
/// (the PodLevelResources gate differs between releases).
pub fn compute_pod_qos(pod: &Value, version: &Version) -> &'static str {
    explain(pod, version).0
}

/// The class and a one-line reason ("why is this pod Burstable?") in a chosen release.
pub fn explain(pod: &Value, version: &Version) -> (&'static str, String) {
    let spec = pod.get("spec").unwrap_or(&Value::Null);
    let pod_resources = spec.get("resources").filter(|r| r.is_object());
    match pod_resources {
        Some(resources) if version.gate("PodLevelResources") => classify_pod_level(resources),
        _ => classify_containers(spec),
    }
}

/// Summed cpu/memory quantities (> 0 only), keyed in QOS_RESOURCES order.
#[derive(Default)]
struct Totals {
    cpu: Option<Quantity>,
    memory: Option<Quantity>,
}

impl Totals {
    fn slot(&mut self, name: &str) -> Option<&mut Option<Quantity>> {
        match name {
            "cpu" => Some(&mut self.cpu),
            "memory" => Some(&mut self.memory),
            _ => None,
        }
    }

    fn get(&self, name: &str) -> Option<&Quantity> {
        match name {
            "cpu" => self.cpu.as_ref(),
            "memory" => self.memory.as_ref(),
            _ => None,
        }
    }

    fn add(&mut self, name: &str, quantity: &Quantity) {
        if let Some(slot) = self.slot(name) {
            match slot {
                Some(total) => total.add(quantity),
                None => *slot = Some(quantity.clone()),
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.cpu.is_none() && self.memory.is_none()
    }

    fn len(&self) -> usize {
        usize::from(self.cpu.is_some()) + usize::from(self.memory.is_some())
    }

    fn describe(&self) -> String {
        QOS_RESOURCES
            .iter()
            .filter_map(|name| self.get(name).map(|q| format!("{name} {q}")))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The cpu/memory entries of a resource list that are greater than zero. Values that do
/// not parse cannot reach QoS in Kubernetes (decoding fails first) and are skipped.
fn positive_entries(list: Option<&Value>) -> Vec<(&'static str, Quantity)> {
    let Some(map) = list.and_then(Value::as_object) else {
        return Vec::new();
    };
    QOS_RESOURCES
        .iter()
        .filter_map(|name| {
            let quantity = Quantity::from_json_value(map.get(*name)?).ok()?;
            (quantity.sign() > 0).then_some((*name, quantity))
        })
        .collect()
}

/// Adds a list's positive cpu/memory entries; returns which names it had.
fn accumulate(totals: &mut Totals, list: Option<&Value>) -> Vec<&'static str> {
    positive_entries(list)
        .into_iter()
        .map(|(name, quantity)| {
            totals.add(name, &quantity);
            name
        })
        .collect()
}

fn classify_pod_level(resources: &Value) -> (&'static str, String) {
    let mut requests = Totals::default();
    let mut limits = Totals::default();
    accumulate(&mut requests, resources.get("requests"));
    let limit_names = accumulate(&mut limits, resources.get("limits"));
    let has_limit_list = resources
        .get("limits")
        .and_then(Value::as_object)
        .is_some_and(|m| !m.is_empty());
    // Go only checks the limit set when the pod-level limits list is non-empty.
    let missing_limit = if has_limit_list {
        QOS_RESOURCES
            .iter()
            .find(|name| !limit_names.contains(name))
            .map(|name| format!("spec.resources.limits has no {name} limit above zero"))
    } else {
        None
    };
    decide(&requests, &limits, missing_limit, Scope::PodLevel)
}

fn classify_containers(spec: &Value) -> (&'static str, String) {
    let mut requests = Totals::default();
    let mut limits = Totals::default();
    let mut missing_limit = None;
    for c in spec_containers(spec, ContainerKind::REGULAR_THEN_INIT) {
        let resources = c.value.get("resources");
        accumulate(&mut requests, resources.and_then(|r| r.get("requests")));
        let found = accumulate(&mut limits, resources.and_then(|r| r.get("limits")));
        if missing_limit.is_none() {
            missing_limit = QOS_RESOURCES.iter().find(|r| !found.contains(r)).map(|r| {
                format!(
                    "{} \"{}\" has no {r} limit above zero",
                    c.kind.noun(),
                    c.name()
                )
            });
        }
    }
    decide(&requests, &limits, missing_limit, Scope::Containers)
}

/// Where the requests and limits came from.
#[derive(Clone, Copy, PartialEq)]
enum Scope {
    Containers,
    /// `spec.resources` with the PodLevelResources gate on.
    PodLevel,
}

/// The common tail of ComputePodQOS once requests and limits are summed.
fn decide(
    requests: &Totals,
    limits: &Totals,
    missing_limit: Option<String>,
    scope: Scope,
) -> (&'static str, String) {
    if requests.is_empty() && limits.is_empty() {
        let why = match scope {
            Scope::Containers => {
                "no container or init container has a cpu or memory request or limit above zero"
            }
            Scope::PodLevel => {
                "spec.resources is set but has no cpu or memory request or limit above zero, \
                 and pod-level resources replace container resources for QoS"
            }
        };
        return (BEST_EFFORT, why.to_string());
    }
    if let Some(why) = missing_limit {
        return (
            BURSTABLE,
            format!("{why}; Guaranteed needs cpu and memory limits everywhere"),
        );
    }
    for name in QOS_RESOURCES {
        let Some(request) = requests.get(name) else {
            continue;
        };
        match limits.get(name) {
            None => {
                return (
                    BURSTABLE,
                    format!("{name} is requested ({request}) but has no limit"),
                )
            }
            Some(limit) if limit != request => {
                return (
                    BURSTABLE,
                    format!("{name} requests total {request} but {name} limits total {limit}"),
                )
            }
            Some(_) => {}
        }
    }
    if requests.len() != limits.len() {
        let unrequested = QOS_RESOURCES
            .iter()
            .find(|name| limits.get(name).is_some() && requests.get(name).is_none())
            .copied()
            .unwrap_or("a resource");
        return (
            BURSTABLE,
            format!("{unrequested} has a limit but no request above zero"),
        );
    }
    let why = match scope {
        Scope::Containers => format!(
            "every container has cpu and memory limits and the summed requests equal them ({})",
            limits.describe()
        ),
        Scope::PodLevel => format!(
            "spec.resources sets cpu and memory limits equal to its requests ({}); \
             pod-level resources replace container resources for QoS",
            limits.describe()
        ),
    };
    (GUARANTEED, why)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn container(name: &str, requests: Value, limits: Value) -> Value {
        json!({"name": name, "resources": {"requests": requests, "limits": limits}})
    }

    fn pod(containers: Vec<Value>, init: Vec<Value>) -> Value {
        json!({"spec": {"containers": containers, "initContainers": init}})
    }

    /// `getResourceList(cpu, memory)` from the Go test: empty strings leave the entry out.
    fn list(cpu: &str, memory: &str) -> Value {
        let mut map = serde_json::Map::new();
        if !cpu.is_empty() {
            map.insert("cpu".into(), json!(cpu));
        }
        if !memory.is_empty() {
            map.insert("memory".into(), json!(memory));
        }
        Value::Object(map)
    }

    fn with_hugepages(mut list: Value) -> Value {
        if let Some(map) = list.as_object_mut() {
            map.insert("hugepages-2Mi".into(), json!("1Gi"));
        }
        list
    }

    fn pod_with_resources(containers: Vec<Value>, requests: Value, limits: Value) -> Value {
        json!({"spec": {"containers": containers,
            "resources": {"requests": requests, "limits": limits}}})
    }

    /// TestComputePodQOS from pkg/apis/core/v1/helper/qos/qos_test.go (v1.36), as v1 JSON.
    /// The gate column is the test's podLevelResourcesEnabled.
    #[test]
    fn upstream_table() {
        let c = container;
        let table: Vec<(Value, &str, bool)> = vec![
            (
                pod(
                    vec![c(
                        "guaranteed",
                        list("100m", "100Mi"),
                        list("100m", "100Mi"),
                    )],
                    vec![],
                ),
                GUARANTEED,
                false,
            ),
            (
                pod(
                    vec![
                        c("guaranteed", list("100m", "100Mi"), list("100m", "100Mi")),
                        c("guaranteed", list("100m", "100Mi"), list("100m", "100Mi")),
                    ],
                    vec![],
                ),
                GUARANTEED,
                false,
            ),
            (
                pod(
                    vec![
                        c("best-effort", list("", ""), list("", "")),
                        c("best-effort", list("", ""), list("", "")),
                    ],
                    vec![],
                ),
                BEST_EFFORT,
                false,
            ),
            (
                pod(vec![c("best-effort", list("", ""), list("", ""))], vec![]),
                BEST_EFFORT,
                false,
            ),
            (
                pod(
                    vec![
                        c("best-effort", list("", ""), list("", "")),
                        c("burstable", list("1", ""), list("2", "")),
                    ],
                    vec![],
                ),
                BURSTABLE,
                false,
            ),
            (
                pod(
                    vec![
                        c("best-effort", list("", ""), list("", "")),
                        c("guaranteed", list("10m", "100Mi"), list("10m", "100Mi")),
                    ],
                    vec![],
                ),
                BURSTABLE,
                false,
            ),
            (
                pod(
                    vec![c("burstable", list("", "100Mi"), list("", "100Mi"))],
                    vec![],
                ),
                BURSTABLE,
                false,
            ),
            (
                pod(
                    vec![c("burstable", list("100m", "100Mi"), list("", ""))],
                    vec![],
                ),
                BURSTABLE,
                false,
            ),
            (
                pod(
                    vec![
                        c("burstable", list("1", "100Mi"), list("2", "100Mi")),
                        c("guaranteed", list("100m", "100Mi"), list("100m", "100Mi")),
                    ],
                    vec![],
                ),
                BURSTABLE,
                false,
            ),
            (
                pod(
                    vec![
                        c("burstable", list("100m", "100Mi"), list("200m", "200Mi")),
                        c("burstable-unbounded", list("100m", "100Mi"), list("", "")),
                    ],
                    vec![],
                ),
                BURSTABLE,
                false,
            ),
            (
                pod(
                    vec![c("burstable", list("10m", "100Mi"), list("100m", "200Mi"))],
                    vec![],
                ),
                BURSTABLE,
                false,
            ),
            (
                pod(
                    vec![c("burstable", list("0", "0"), list("100m", "200Mi"))],
                    vec![],
                ),
                BURSTABLE,
                false,
            ),
            (
                pod(
                    vec![c(
                        "best-effort",
                        with_hugepages(list("0", "0")),
                        with_hugepages(list("0", "0")),
                    )],
                    vec![],
                ),
                BEST_EFFORT,
                false,
            ),
            (
                pod(
                    vec![c("best-effort", list("", ""), list("", ""))],
                    vec![c("burstable", list("10m", "100Mi"), list("100m", "200Mi"))],
                ),
                BURSTABLE,
                false,
            ),
            (
                pod_with_resources(
                    vec![c("best-effort", list("", ""), list("", ""))],
                    list("10m", "100Mi"),
                    list("10m", "100Mi"),
                ),
                GUARANTEED,
                true,
            ),
            (
                pod_with_resources(
                    vec![c("burstable", list("3m", "10Mi"), list("5m", "20Mi"))],
                    list("10m", "100Mi"),
                    list("10m", "100Mi"),
                ),
                GUARANTEED,
                true,
            ),
            (
                pod_with_resources(
                    vec![c("best-effort", list("", ""), list("", ""))],
                    list("10m", "10Mi"),
                    list("20m", "50Mi"),
                ),
                BURSTABLE,
                true,
            ),
            (
                pod_with_resources(
                    vec![c("burstable", list("5m", "10Mi"), list("5m", "10Mi"))],
                    list("10m", "10Mi"),
                    list("20m", "50Mi"),
                ),
                BURSTABLE,
                true,
            ),
            (
                pod_with_resources(
                    vec![c("burstable", list("5m", "10Mi"), list("", ""))],
                    list("10m", "10Mi"),
                    list("", ""),
                ),
                BURSTABLE,
                true,
            ),
            (
                pod_with_resources(
                    vec![
                        c("burstable", list("5m", "10Mi"), list("", "")),
                        c("guaranteed", list("5m", "10Mi"), list("5m", "10Mi")),
                    ],
                    list("10m", "10Mi"),
                    list("5m", ""),
                ),
                BURSTABLE,
                true,
            ),
        ];
        let gate_on = Version::new(1, 34);
        let gate_off = Version::new(1, 33);
        assert!(gate_on.gate("PodLevelResources") && !gate_off.gate("PodLevelResources"));
        for (i, (pod, expected, gate)) in table.iter().enumerate() {
            let version = if *gate { &gate_on } else { &gate_off };
            assert_eq!(compute_pod_qos(pod, version), *expected, "case {i}: {pod}");
        }
    }

    /// podplay's own cases: init-only resources, sums across containers, numeric equality,
    /// a zero request beside a limit, ephemeral containers.
    #[test]
    fn more_container_cases() {
        let cpu_mem = |c: &str, m: &str| json!({"cpu": c, "memory": m});
        let table: Vec<(Value, &str)> = vec![
            (
                pod(
                    vec![json!({"name": "app"})],
                    vec![container(
                        "init",
                        cpu_mem("10m", "10Mi"),
                        cpu_mem("10m", "10Mi"),
                    )],
                ),
                BURSTABLE,
            ),
            (
                pod(
                    vec![container(
                        "app",
                        cpu_mem("10m", "10Mi"),
                        cpu_mem("10m", "10Mi"),
                    )],
                    vec![container(
                        "init",
                        cpu_mem("10m", "10Mi"),
                        cpu_mem("10m", "10Mi"),
                    )],
                ),
                GUARANTEED,
            ),
            // Summed requests equal summed limits even though per container they differ.
            (
                pod(
                    vec![
                        container("a", cpu_mem("100m", "1Gi"), cpu_mem("200m", "1Gi")),
                        container("b", cpu_mem("300m", "1Gi"), cpu_mem("200m", "1Gi")),
                    ],
                    vec![],
                ),
                GUARANTEED,
            ),
            // Numeric equality: 0.5 == 500m, 1Gi == 1073741824.
            (
                pod(
                    vec![container(
                        "g",
                        cpu_mem("0.5", "1Gi"),
                        json!({"cpu": "500m", "memory": 1073741824}),
                    )],
                    vec![],
                ),
                GUARANTEED,
            ),
            // A limit with no positive request: requests and limits cover different sets.
            (
                pod(
                    vec![container(
                        "b",
                        json!({"cpu": "1", "memory": "0"}),
                        cpu_mem("1", "1Gi"),
                    )],
                    vec![],
                ),
                BURSTABLE,
            ),
            // Extended resources alone do not count.
            (
                pod(
                    vec![container("g", json!({}), json!({"nvidia.com/gpu": "2"}))],
                    vec![],
                ),
                BEST_EFFORT,
            ),
            // Ephemeral containers are ignored.
            (
                json!({"spec": {"containers": [{"name": "a"}], "ephemeralContainers": [
                    {"name": "e", "resources": {"requests": {"cpu": "1"}}}]}}),
                BEST_EFFORT,
            ),
        ];
        for (i, (pod, expected)) in table.iter().enumerate() {
            assert_eq!(
                compute_pod_qos(pod, &Version::new(1, 36)),
                *expected,
                "case {i}: {pod}"
            );
        }
    }

    #[test]
    fn pod_level_resources() {
        let containers = json!([{"name": "a", "resources": {
            "requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"cpu": "1", "memory": "1Gi"}}}]);
        let with_pod =
            |resources: Value| json!({"spec": {"containers": containers, "resources": resources}});
        let v133 = Version::new(1, 33);
        let v134 = Version::new(1, 34);
        let table = [
            (
                json!({"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"cpu": "1", "memory": "1Gi"}}),
                GUARANTEED,
                "spec.resources sets cpu and memory limits equal to its requests (cpu 1, memory 1Gi); \
                 pod-level resources replace container resources for QoS",
            ),
            (
                json!({"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"cpu": "2", "memory": "1Gi"}}),
                BURSTABLE,
                "cpu requests total 1 but cpu limits total 2",
            ),
            (
                json!({"limits": {"cpu": "1"}}),
                BURSTABLE,
                "spec.resources.limits has no memory limit above zero; \
                 Guaranteed needs cpu and memory limits everywhere",
            ),
            (
                json!({"requests": {"cpu": "1"}}),
                BURSTABLE,
                "cpu is requested (1) but has no limit",
            ),
            (
                json!({"limits": {"hugepages-2Mi": "2Mi"}}),
                BEST_EFFORT,
                "spec.resources is set but has no cpu or memory request or limit above zero, \
                 and pod-level resources replace container resources for QoS",
            ),
            // The v1.35/v1.36 quirk: an empty spec.resources hides container resources.
            (
                json!({}),
                BEST_EFFORT,
                "spec.resources is set but has no cpu or memory request or limit above zero, \
                 and pod-level resources replace container resources for QoS",
            ),
        ];
        for (resources, expected, why) in table {
            let pod = with_pod(resources.clone());
            assert_eq!(
                explain(&pod, &v134),
                (expected, why.to_string()),
                "{resources}"
            );
            // Without the gate the containers decide.
            assert_eq!(compute_pod_qos(&pod, &v133), GUARANTEED, "{resources}");
        }
        let null_resources = with_pod(Value::Null);
        assert_eq!(compute_pod_qos(&null_resources, &v134), GUARANTEED);
    }

    #[test]
    fn reasons_name_the_cause() {
        let table = [
            (
                pod(vec![json!({"name": "app"})], vec![]),
                BEST_EFFORT,
                "no container or init container has a cpu or memory request or limit above zero",
            ),
            (
                pod(
                    vec![container("app", json!({"cpu": "250m"}), json!({"cpu": "250m"}))],
                    vec![],
                ),
                BURSTABLE,
                "container \"app\" has no memory limit above zero; Guaranteed needs cpu and memory limits everywhere",
            ),
            (
                pod(
                    vec![json!({"name": "app", "resources": {
                        "requests": {"cpu": "250m", "memory": "64Mi"},
                        "limits": {"cpu": "500m", "memory": "64Mi"}}})],
                    vec![],
                ),
                BURSTABLE,
                "cpu requests total 250m but cpu limits total 500m",
            ),
            (
                pod(
                    vec![container(
                        "app",
                        json!({"cpu": "0.5", "memory": "1G"}),
                        json!({"cpu": "500m", "memory": "1G"}),
                    )],
                    vec![],
                ),
                GUARANTEED,
                "every container has cpu and memory limits and the summed requests equal them (cpu 500m, memory 1G)",
            ),
            (
                pod(
                    vec![container(
                        "app",
                        json!({"cpu": "1"}),
                        json!({"cpu": "1", "memory": "1Gi"}),
                    )],
                    vec![],
                ),
                BURSTABLE,
                "memory has a limit but no request above zero",
            ),
        ];
        for (pod, class, why) in table {
            assert_eq!(
                explain(&pod, &Version::new(1, 36)),
                (class, why.to_string()),
                "{pod}"
            );
        }
    }

    #[test]
    fn malformed_pods_do_not_panic() {
        for pod in [
            json!(null),
            json!({}),
            json!({"spec": []}),
            json!({"spec": {"containers": "x"}}),
            json!({"spec": {"containers": [null, 3, {"resources": {"limits": {"cpu": "bad"}}}]}}),
        ] {
            for v in crate::versions::SUPPORTED {
                assert_eq!(compute_pod_qos(&pod, v), BEST_EFFORT, "{pod}");
            }
        }
    }
}
