//! Resource lists and their aggregation over a pod's containers, as
//! k8s.io/component-helpers/resource/helpers.go computes them (`AggregateContainerRequests`,
//! `AggregateContainerLimits`, `addResourceList`, `maxResourceList`). Used by pod-level
//! defaulting, LimitRanger and pod-level resource validation.

use serde_json::Value;

use crate::containers::{spec_containers, ContainerKind};
use crate::quantity::Quantity;

/// A resource list as (name, quantity) pairs in document order (Go walks a map; podplay keeps
/// the order written).
pub type ResourceList = Vec<(String, Quantity)>;

/// A `requests` or `limits` object as a list; entries that do not parse are skipped (the
/// decoder has already rejected them).
pub fn resource_list(list: Option<&Value>) -> ResourceList {
    list.and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| Some((k.clone(), Quantity::from_json_value(v).ok()?)))
        .collect()
}

/// The quantity named `name`, if the list has it.
pub fn find<'a>(list: &'a [(String, Quantity)], name: &str) -> Option<&'a Quantity> {
    list.iter().find(|(n, _)| n == name).map(|(_, q)| q)
}

/// `addResourceList`: a missing name is copied, a present one gets `Add` (which keeps the
/// first operand's format).
pub fn add_resource_list(into: &mut ResourceList, add: &[(String, Quantity)]) {
    for (k, q) in add {
        match into.iter_mut().find(|(n, _)| n == k) {
            Some((_, have)) => have.add(q),
            None => into.push((k.clone(), q.clone())),
        }
    }
}

/// `maxResourceList`: a missing name is copied, a present one replaced when `other`'s is larger.
pub fn max_resource_list(into: &mut ResourceList, other: &[(String, Quantity)]) {
    for (k, q) in other {
        match into.iter_mut().find(|(n, _)| n == k) {
            Some((_, have)) if *q > *have => *have = q.clone(),
            Some(_) => {}
            None => into.push((k.clone(), q.clone())),
        }
    }
}

/// `AggregateContainerRequests` / `AggregateContainerLimits` (`list` is "requests" or
/// "limits"): regular containers and sidecars add up; each plain init container, plus the
/// sidecars started before it, is a candidate maximum.
pub fn aggregate_container_resources(spec: &Value, list: &str) -> ResourceList {
    aggregate_containers(spec, |c| {
        resource_list(c.get("resources").and_then(|r| r.get(list)))
    })
}

/// The same aggregation over each container's list as `of_container` gives it (the
/// scheduler's scoring fills in defaults for a container that requests no cpu or memory).
pub fn aggregate_containers(
    spec: &Value,
    of_container: impl Fn(&Value) -> ResourceList,
) -> ResourceList {
    let mut total = ResourceList::new();
    let mut sidecars = ResourceList::new();
    let mut init_max = ResourceList::new();
    for c in spec_containers(spec, ContainerKind::REGULAR_THEN_INIT) {
        let own = of_container(c.value);
        if c.kind == ContainerKind::Regular {
            add_resource_list(&mut total, &own);
        } else if c.is_sidecar() {
            add_resource_list(&mut total, &own);
            add_resource_list(&mut sidecars, &own);
            max_resource_list(&mut init_max, &sidecars);
        } else {
            let mut running = own;
            add_resource_list(&mut running, &sidecars);
            max_resource_list(&mut init_max, &running);
        }
    }
    max_resource_list(&mut total, &init_max);
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sums_keep_the_first_operands_format() {
        let q = |s: &str| ("r".to_string(), Quantity::parse(s).unwrap());
        let rows = [
            (["500m", "1"], "1500m"),
            (["128Mi", "64Mi"], "192Mi"),
            (["1Gi", "500M"], "1573741824"),
            (["1e3", "1"], "1001"),
        ];
        for ([a, b], want) in rows {
            let mut l = vec![q(a)];
            add_resource_list(&mut l, &[q(b)]);
            assert_eq!(l[0].1.canonical(), want, "{a} + {b}");
        }
    }

    #[test]
    fn init_containers_are_a_maximum_and_sidecars_add_up() {
        let spec = json!({
            "containers": [{"resources": {"requests": {"cpu": "500m"}}}],
            "initContainers": [
                {"restartPolicy": "Always", "resources": {"requests": {"cpu": "200m"}}},
                {"resources": {"requests": {"cpu": "2", "memory": "1Gi"}}}
            ]
        });
        let got: Vec<(String, String)> = aggregate_container_resources(&spec, "requests")
            .into_iter()
            .map(|(k, q)| (k, q.canonical()))
            .collect();
        // 500m + 200m (sidecar) = 700m against the init container's 2 + 200m running beside it.
        assert_eq!(
            got,
            [
                ("cpu".to_string(), "2200m".to_string()),
                ("memory".to_string(), "1Gi".to_string())
            ]
        );
    }
}
