//! PodTopologyLabels admission (plugin/pkg/admission/podtopologylabels/admission.go), on by
//! default but active only with the PodTopologyLabelsAdmission feature gate (beta and on from
//! 1.35; off in 1.33 and 1.34). A pod created already bound to a node (`spec.nodeName`) gets
//! that Node's `topology.kubernetes.io/zone` and `topology.kubernetes.io/region` labels,
//! overwriting its own. (The scheduler's binding gets the same copy; podplay does not model the
//! binding request.) A node that is not in the cluster is ignored, as the plugin ignores
//! NotFound.

use super::Ctx;
use crate::changes::{by, Changes};
use crate::pod_json::Pointer;
use serde_json::{Map, Value};

pub const NAME: &str = "PodTopologyLabels";
const SRC: &str = "plugin/pkg/admission/podtopologylabels/admission.go";
/// The plugin's default `Labels` configuration.
const LABELS: [&str; 2] = [
    "topology.kubernetes.io/zone",
    "topology.kubernetes.io/region",
];

/// The labels to copy: the node's topology labels (empty when the pod is not bound, the node
/// is unknown or has none, or the gate is off).
pub fn labels_to_copy(pod: &Value, ctx: &Ctx) -> Vec<(String, String)> {
    if !ctx.version.gate("PodTopologyLabelsAdmission") {
        return Vec::new();
    }
    let node_name = pod
        .at("/spec/nodeName")
        .and_then(Value::as_str)
        .unwrap_or("");
    if node_name.is_empty() {
        return Vec::new();
    }
    let Some(node) = ctx.cluster.find("Node", None, node_name) else {
        return Vec::new();
    };
    let labels = node.at("/metadata/labels").and_then(Value::as_object);
    LABELS
        .iter()
        .filter_map(|key| {
            let value = labels?.get(*key)?.as_str()?;
            Some((key.to_string(), value.to_string()))
        })
        .collect()
}

pub fn admit(pod: &mut Value, ctx: &Ctx, changes: &mut Changes) {
    let copy = labels_to_copy(pod, ctx);
    let node = pod
        .at("/spec/nodeName")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let Some(meta) = pod.get_mut("metadata").and_then(Value::as_object_mut) else {
        return;
    };
    let labels = meta
        .entry("labels")
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(labels) = labels.as_object_mut() else {
        return;
    };
    for (key, value) in copy {
        labels.insert(key.clone(), Value::String(value.clone()));
        changes.add(
            format!("metadata.labels[{key}]"),
            Value::String(value),
            by::admission(NAME),
            "admission.podTopologyLabels",
            format!("the pod is created bound to node {node}, so it gets the node's {key} label (feature gate PodTopologyLabelsAdmission)"),
            Some(SRC),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admission::{AdmissionSettings, NameGenerator};
    use crate::cluster::ClusterContext;
    use crate::versions::Version;
    use serde_json::json;

    #[test]
    fn copies_zone_and_region_from_1_35() {
        let cluster = ClusterContext {
            objects: vec![
                json!({"kind": "Node", "apiVersion": "v1", "metadata": {"name": "n1",
                "labels": {"topology.kubernetes.io/zone": "z1", "topology.kubernetes.io/region": "r1", "other": "x"}}}),
            ],
            ..ClusterContext::default()
        };
        let settings = AdmissionSettings::default();
        let rows: &[(Value, u32, Value)] = &[
            // (pod, minor, labels after admission)
            (
                json!({"metadata": {"name": "p", "labels": {"topology.kubernetes.io/zone": "mine"}}, "spec": {"nodeName": "n1"}}),
                36,
                json!({"topology.kubernetes.io/zone": "z1", "topology.kubernetes.io/region": "r1"}),
            ),
            (
                json!({"metadata": {"name": "p"}, "spec": {"nodeName": "n1"}}),
                35,
                json!({"topology.kubernetes.io/zone": "z1", "topology.kubernetes.io/region": "r1"}),
            ),
            (
                json!({"metadata": {"name": "p"}, "spec": {"nodeName": "n1"}}),
                34,
                Value::Null,
            ),
            (
                json!({"metadata": {"name": "p"}, "spec": {"nodeName": "absent"}}),
                36,
                Value::Null,
            ),
            (
                json!({"metadata": {"name": "p"}, "spec": {}}),
                36,
                Value::Null,
            ),
        ];
        for (pod, minor, want) in rows {
            let mut names = NameGenerator::new(1);
            let ctx = Ctx {
                cluster: &cluster,
                namespace: "default",
                settings: &settings,
                version: Version::new(1, *minor),
                names: &mut names,
            };
            let mut pod = pod.clone();
            let mut changes = Changes::default();
            if !labels_to_copy(&pod, &ctx).is_empty() {
                admit(&mut pod, &ctx, &mut changes);
            }
            let got = pod["metadata"]
                .get("labels")
                .cloned()
                .unwrap_or(Value::Null);
            assert_eq!(&got, want, "1.{minor}");
        }
    }
}
