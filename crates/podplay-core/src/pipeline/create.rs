//! The store's create step for a Pod (staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go:Store.Create): generated name, reset status,
//! and `DropDisabledPodFields` (pkg/api/pod/util.go) for gates that are off.

use crate::admission::NameGenerator;
use crate::changes::{by, Changes};
use crate::containers::{for_each_container_mut, ContainerKind};
use crate::pod_json::str_of;
use crate::versions::Version;
use serde_json::{json, Map, Value};

const SRC_STRATEGY: &str = "pkg/registry/core/pod/strategy.go:PrepareForCreate";
const SRC_DROP: &str = "pkg/api/pod/util.go:DropDisabledPodFields";

pub fn prepare_for_create(
    pod: &mut Value,
    names: &mut NameGenerator,
    version: Version,
    changes: &mut Changes,
) {
    generate_name(pod, names, changes);
    let qos = crate::qos::compute_pod_qos(pod, &version);
    let status = json!({"phase": "Pending", "qosClass": qos});
    if let Some(p) = pod.as_object_mut() {
        p.insert("status".into(), status.clone());
    }
    changes.add("status", status, by::CREATE, "create.status",
        format!("a new pod starts Pending; its QoS class is {qos}; any status in the request is discarded"),
        Some(SRC_STRATEGY));
    drop_disabled_fields(pod, version, changes);
}

fn generate_name(pod: &mut Value, names: &mut NameGenerator, changes: &mut Changes) {
    let Some(meta) = pod.get_mut("metadata").and_then(Value::as_object_mut) else {
        return;
    };
    let name = meta.get("name").and_then(Value::as_str).unwrap_or("");
    let base = meta
        .get("generateName")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if !name.is_empty() || base.is_empty() {
        return;
    }
    let generated = names.generate(&base);
    meta.insert("name".into(), json!(generated));
    changes.add(
        "metadata.name",
        json!(generated),
        by::CREATE,
        "create.generateName",
        "the name is generateName plus 5 random characters (base cut to 58)",
        Some("staging/src/k8s.io/apiserver/pkg/storage/names/generate.go"),
    );
}

/// Removes a key, recording why.
struct Dropper<'a> {
    version: Version,
    changes: &'a mut Changes,
}

impl Dropper<'_> {
    /// Whether the release drops the gate's fields: it has the gate and it is off.
    fn off(&self, gate: &str) -> bool {
        self.version.has_gate(gate) && !self.version.gate(gate)
    }

    fn drop(&mut self, obj: &mut Map<String, Value>, key: &str, path: &str, gate: &str) {
        if obj.remove(key).is_some() {
            self.changes.add(format!("{path}.{key}"), Value::Null, by::CREATE, "create.dropDisabledField",
                format!("feature gate {gate} is off in Kubernetes {}, so the API server drops this field", self.version),
                Some(SRC_DROP));
        }
    }
}

fn drop_disabled_fields(pod: &mut Value, version: Version, changes: &mut Changes) {
    let Some(spec) = pod.get_mut("spec").and_then(Value::as_object_mut) else {
        return;
    };
    let mut d = Dropper { version, changes };

    if let Some(sc) = spec
        .get_mut("securityContext")
        .and_then(Value::as_object_mut)
    {
        for (gate, key) in [
            ("UserNamespacesSupport", "hostUsers"),
            ("SupplementalGroupsPolicy", "supplementalGroupsPolicy"),
            ("SELinuxChangePolicy", "seLinuxChangePolicy"),
        ] {
            if d.off(gate) {
                d.drop(sc, key, "spec.securityContext", gate);
            }
        }
    }
    for (gate, key) in [
        ("PodLevelResources", "resources"),
        ("HostnameOverride", "hostnameOverride"),
        ("DynamicResourceAllocation", "resourceClaims"),
        ("GenericWorkload", "schedulingGroup"),
        ("GenericWorkload", "workloadRef"),
    ] {
        if d.off(gate) {
            d.drop(spec, key, "spec", gate);
        }
    }
    if let Some(tscs) = spec
        .get_mut("topologySpreadConstraints")
        .and_then(Value::as_array_mut)
    {
        for (i, t) in tscs.iter_mut().enumerate() {
            let Some(t) = t.as_object_mut() else { continue };
            let p = format!("spec.topologySpreadConstraints[{i}]");
            for (gate, key) in [
                ("NodeInclusionPolicyInPodTopologySpread", "nodeTaintsPolicy"),
                (
                    "NodeInclusionPolicyInPodTopologySpread",
                    "nodeAffinityPolicy",
                ),
                ("MatchLabelKeysInPodTopologySpread", "matchLabelKeys"),
            ] {
                if d.off(gate) {
                    d.drop(t, key, &p, gate);
                }
            }
        }
    }
    if d.off("MatchLabelKeysInPodAffinity") {
        drop_affinity_label_keys(spec, &mut d);
    }
    if let Some(vols) = spec.get_mut("volumes").and_then(Value::as_array_mut) {
        for (i, v) in vols.iter_mut().enumerate() {
            let Some(srcs) = v
                .get_mut("projected")
                .and_then(|p| p.get_mut("sources"))
                .and_then(Value::as_array_mut)
            else {
                continue;
            };
            for (j, s) in srcs.iter_mut().enumerate() {
                let Some(s) = s.as_object_mut() else { continue };
                let p = format!("spec.volumes[{i}].projected.sources[{j}]");
                for (gate, key) in [
                    ("ClusterTrustBundleProjection", "clusterTrustBundle"),
                    ("PodCertificateRequest", "podCertificate"),
                ] {
                    if d.off(gate) {
                        d.drop(s, key, &p, gate);
                    }
                }
            }
        }
    }
    let image_volumes = if d.off("ImageVolume") {
        drop_image_volumes(spec, &mut d)
    } else {
        Vec::new()
    };

    for_each_container_mut(spec, ContainerKind::ALL, |kind, i, c| {
        let p = format!("spec.{}[{i}]", kind.field());
        if d.off("InPlacePodVerticalScaling") {
            d.drop(c, "resizePolicy", &p, "InPlacePodVerticalScaling");
        }
        if d.off("DynamicResourceAllocation") {
            if let Some(r) = c.get_mut("resources").and_then(Value::as_object_mut) {
                d.drop(
                    r,
                    "claims",
                    &format!("{p}.resources"),
                    "DynamicResourceAllocation",
                );
            }
        }
        if kind == ContainerKind::Init && d.off("SidecarContainers") {
            d.drop(c, "restartPolicy", &p, "SidecarContainers");
        }
        if d.off("ContainerRestartRules") {
            let sidecar = kind == ContainerKind::Init
                && str_of(&Value::Object(c.clone()), "restartPolicy") == "Always";
            if !sidecar {
                d.drop(c, "restartPolicy", &p, "ContainerRestartRules");
            }
            d.drop(c, "restartPolicyRules", &p, "ContainerRestartRules");
        }
        if d.off("ProcMountType") {
            if let Some(sc) = c.get_mut("securityContext").and_then(Value::as_object_mut) {
                if sc.get("procMount").is_some_and(|v| !v.is_null()) {
                    sc.insert("procMount".into(), json!("Default"));
                }
            }
        }
        if let Some(mounts) = c.get_mut("volumeMounts").and_then(Value::as_array_mut) {
            if !image_volumes.is_empty() {
                mounts.retain(|m| !image_volumes.iter().any(|n| n == str_of(m, "name")));
            }
            if d.off("RecursiveReadOnlyMounts") {
                for (j, m) in mounts.iter_mut().enumerate() {
                    if let Some(m) = m.as_object_mut() {
                        d.drop(
                            m,
                            "recursiveReadOnly",
                            &format!("{p}.volumeMounts[{j}]"),
                            "RecursiveReadOnlyMounts",
                        );
                    }
                }
            }
        }
        if d.off("EnvFiles") {
            if let Some(env) = c.get_mut("env").and_then(Value::as_array_mut) {
                for (j, e) in env.iter_mut().enumerate() {
                    if let Some(vf) = e.get_mut("valueFrom").and_then(Value::as_object_mut) {
                        d.drop(
                            vf,
                            "fileKeyRef",
                            &format!("{p}.env[{j}].valueFrom"),
                            "EnvFiles",
                        );
                    }
                }
            }
        }
        drop_lifecycle_fields(c, &p, &mut d);
    });
}

fn drop_lifecycle_fields(c: &mut Map<String, Value>, p: &str, d: &mut Dropper) {
    let Some(l) = c.get_mut("lifecycle").and_then(Value::as_object_mut) else {
        return;
    };
    let lp = format!("{p}.lifecycle");
    if d.off("PodLifecycleSleepAction") {
        for hook in ["preStop", "postStart"] {
            let Some(h) = l.get_mut(hook).and_then(Value::as_object_mut) else {
                continue;
            };
            if h.get("sleep").is_none() {
                continue;
            }
            d.drop(
                h,
                "sleep",
                &format!("{lp}.{hook}"),
                "PodLifecycleSleepAction",
            );
            if h.is_empty() {
                l.remove(hook);
            }
        }
        // dropPodLifecycleSleepAction drops a lifecycle left without hooks or stop signal.
        if !["preStop", "postStart", "stopSignal"]
            .iter()
            .any(|k| l.contains_key(*k))
        {
            c.remove("lifecycle");
            return;
        }
    }
    // dropContainerStopSignals removes the lifecycle only when dropping the signal emptied
    // it: a `lifecycle: {}` the user wrote is kept.
    if d.off("ContainerStopSignals") && l.contains_key("stopSignal") {
        d.drop(l, "stopSignal", &lp, "ContainerStopSignals");
        if l.is_empty() {
            c.remove("lifecycle");
        }
    }
}

fn drop_affinity_label_keys(spec: &mut Map<String, Value>, d: &mut Dropper) {
    let Some(aff) = spec.get_mut("affinity").and_then(Value::as_object_mut) else {
        return;
    };
    for kind in ["podAffinity", "podAntiAffinity"] {
        let Some(a) = aff.get_mut(kind).and_then(Value::as_object_mut) else {
            continue;
        };
        for (when, nested) in [
            ("requiredDuringSchedulingIgnoredDuringExecution", false),
            ("preferredDuringSchedulingIgnoredDuringExecution", true),
        ] {
            let Some(terms) = a.get_mut(when).and_then(Value::as_array_mut) else {
                continue;
            };
            for (i, t) in terms.iter_mut().enumerate() {
                let mut path = format!("spec.affinity.{kind}.{when}[{i}]");
                let term = if nested {
                    path.push_str(".podAffinityTerm");
                    t.get_mut("podAffinityTerm").and_then(Value::as_object_mut)
                } else {
                    t.as_object_mut()
                };
                if let Some(term) = term {
                    d.drop(term, "matchLabelKeys", &path, "MatchLabelKeysInPodAffinity");
                    d.drop(
                        term,
                        "mismatchLabelKeys",
                        &path,
                        "MatchLabelKeysInPodAffinity",
                    );
                }
            }
        }
    }
}

/// Removes image volumes; returns their names so their mounts go too.
fn drop_image_volumes(spec: &mut Map<String, Value>, d: &mut Dropper) -> Vec<String> {
    let Some(vols) = spec.get_mut("volumes").and_then(Value::as_array_mut) else {
        return Vec::new();
    };
    let mut names = Vec::new();
    let mut i = 0;
    vols.retain(|v| {
        let is_image = v.get("image").is_some_and(|x| !x.is_null());
        if is_image {
            names.push(str_of(v, "name").to_string());
            d.changes.add(format!("spec.volumes[{i}]"), Value::Null, by::CREATE, "create.dropDisabledField",
                format!("feature gate ImageVolume is off in Kubernetes {}, so image volumes (and their mounts) are dropped", d.version),
                Some(SRC_DROP));
        }
        i += 1;
        !is_image
    });
    if vols.is_empty() {
        spec.remove("volumes");
    }
    names
}
