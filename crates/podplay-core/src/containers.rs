//! The three container lists of a pod spec — `initContainers`, `containers`,
//! `ephemeralContainers` — named once: their JSON field, Kubernetes' noun for each, the order
//! Kubernetes visits them in (`podutil.VisitContainers`, pkg/api/pod/util.go), and iterators
//! that yield each container with its kind, index and field path.

use serde_json::{Map, Value};

use crate::field::Path;

/// Which list a container is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    Init,
    Regular,
    Ephemeral,
}

impl ContainerKind {
    /// `VisitContainers`' order: init, regular, ephemeral.
    pub const ALL: &'static [ContainerKind] = &[Self::Init, Self::Regular, Self::Ephemeral];
    /// The containers that count for resources (`SetDefaults_Pod`, LimitRanger, QoS): regular
    /// first, then init; ephemeral containers have no resources.
    pub const REGULAR_THEN_INIT: &'static [ContainerKind] = &[Self::Regular, Self::Init];
    /// Init then regular (ServiceAccount's volume mounts, `VisitContainers` without ephemeral).
    pub const INIT_THEN_REGULAR: &'static [ContainerKind] = &[Self::Init, Self::Regular];

    /// The pod spec field holding this list.
    pub fn field(self) -> &'static str {
        match self {
            Self::Init => "initContainers",
            Self::Regular => "containers",
            Self::Ephemeral => "ephemeralContainers",
        }
    }

    /// Kubernetes' words for one container of this kind (`init container "a"`).
    pub fn noun(self) -> &'static str {
        match self {
            Self::Init => "init container",
            Self::Regular => "container",
            Self::Ephemeral => "ephemeral container",
        }
    }
}

/// One container of a pod spec.
#[derive(Debug, Clone, Copy)]
pub struct PodContainer<'a> {
    pub kind: ContainerKind,
    /// Index within its list.
    pub index: usize,
    pub value: &'a Value,
}

impl<'a> PodContainer<'a> {
    /// Field path of the container in a pod (`spec.initContainers[0]`).
    pub fn path(&self) -> String {
        format!("spec.{}[{}]", self.kind.field(), self.index)
    }

    /// Field path under a given spec path, as a validation [`Path`].
    pub fn field_path(&self, spec: &Path) -> Path {
        spec.child(self.kind.field()).index(self.index)
    }

    /// JSON pointer of one of its fields in a pod (`/spec/containers/0/imagePullPolicy`).
    pub fn pointer(&self, field: &str) -> String {
        format!("/spec/{}/{}/{field}", self.kind.field(), self.index)
    }

    /// The container's `name` ("" when absent).
    pub fn name(&self) -> &'a str {
        self.value.get("name").and_then(Value::as_str).unwrap_or("")
    }

    /// An init container with `restartPolicy: Always`.
    pub fn is_sidecar(&self) -> bool {
        self.kind == ContainerKind::Init
            && self.value.get("restartPolicy").and_then(Value::as_str) == Some("Always")
    }
}

/// Every container of a pod spec of the given kinds, in that order (lists that are absent or
/// not arrays yield nothing).
pub fn spec_containers<'a>(
    spec: &'a Value,
    kinds: &'a [ContainerKind],
) -> impl Iterator<Item = PodContainer<'a>> + 'a {
    kinds.iter().flat_map(move |&kind| {
        spec.get(kind.field())
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .map(move |(index, value)| PodContainer { kind, index, value })
    })
}

/// Every container of a pod, in `VisitContainers`' order.
pub fn pod_containers(pod: &Value) -> impl Iterator<Item = PodContainer<'_>> {
    static NO_SPEC: Value = Value::Null;
    let spec = pod.get("spec").unwrap_or(&NO_SPEC);
    spec_containers(spec, ContainerKind::ALL)
}

/// Calls `f(kind, index, container)` for every container object of the given kinds, in that
/// order, for pipeline steps that edit containers in place.
pub fn for_each_container_mut(
    spec: &mut Map<String, Value>,
    kinds: &[ContainerKind],
    mut f: impl FnMut(ContainerKind, usize, &mut Map<String, Value>),
) {
    for &kind in kinds {
        let Some(list) = spec.get_mut(kind.field()).and_then(Value::as_array_mut) else {
            continue;
        };
        for (i, c) in list.iter_mut().enumerate() {
            if let Some(c) = c.as_object_mut() {
                f(kind, i, c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn visits_init_regular_ephemeral_with_paths() {
        let pod = json!({"spec": {
            "containers": [{"name": "a"}, {"name": "b"}],
            "initContainers": [{"name": "i", "restartPolicy": "Always"}],
            "ephemeralContainers": [{"name": "e"}],
        }});
        let got: Vec<(String, &str, bool)> = pod_containers(&pod)
            .map(|c| (c.path(), c.name(), c.is_sidecar()))
            .collect();
        assert_eq!(
            got,
            [
                ("spec.initContainers[0]".to_string(), "i", true),
                ("spec.containers[0]".to_string(), "a", false),
                ("spec.containers[1]".to_string(), "b", false),
                ("spec.ephemeralContainers[0]".to_string(), "e", false),
            ]
        );
        let regular_first: Vec<&str> =
            spec_containers(&pod["spec"], ContainerKind::REGULAR_THEN_INIT)
                .map(|c| c.name())
                .collect();
        assert_eq!(regular_first, ["a", "b", "i"]);
    }

    #[test]
    fn bad_lists_yield_nothing() {
        assert_eq!(
            pod_containers(&json!({"spec": {"containers": "x"}})).count(),
            0
        );
        assert_eq!(pod_containers(&json!(null)).count(), 0);
    }
}
