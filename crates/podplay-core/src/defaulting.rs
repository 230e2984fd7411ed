//! API-server scheme defaulting of a Pod (`SetObjectDefaults_Pod`, pkg/apis/core/v1/zz_generated.defaults.go), on v1 JSON.
//!
//! Defaulting only fills fields that are unset (absent, null, or Go's zero value for a
//! non-pointer field); it never overrides a user value. Every field it fills is recorded
//! as a [`Change`](crate::changes::Change) with a rule id, a reason and the source it follows.

pub mod cluster_objects;
pub(crate) mod pod_level;

use crate::changes::{by, Changes};
use crate::containers::{for_each_container_mut, ContainerKind};
use crate::pod_json::{child_obj, is_nil, is_zero, quantity_text, str_of};
use crate::quantity::Quantity;
use crate::reference::Reference;
use crate::versions::Version;
use serde_json::{json, Map, Value};
use std::borrow::Cow;

/// `pkg/apis/core/v1/defaults.go:<function>` as a constant (a change's source is borrowed,
/// not formatted for every defaulted field).
macro_rules! defaults_go {
    ($function:literal) => {
        concat!("pkg/apis/core/v1/defaults.go:", $function)
    };
}
const SRC_GENERATED: &str = "pkg/apis/core/v1/zz_generated.defaults.go:SetObjectDefaults_Pod";
const SRC_TYPES: &str = "staging/src/k8s.io/api/core/v1/types.go";

/// What is being defaulted: a Pod, or a pod template inside a workload (Deployment, Job, ...).
/// Templates skip `SetDefaults_Pod` (requests from limits, pod-level requests,
/// enableServiceLinks, hostNetwork host ports) and status defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultingTarget {
    Pod,
    Template,
}

/// `SetObjectDefaults_Pod`: defaults a v1 Pod in place, in Kubernetes' order
/// (pkg/apis/core/v1/zz_generated.defaults.go).
pub fn set_object_defaults_pod(pod: &mut Value, version: Version, changes: &mut Changes) {
    let Some(spec) = pod.get_mut("spec").and_then(Value::as_object_mut) else {
        return;
    };
    default_pod_spec(spec, "spec", DefaultingTarget::Pod, version, changes);
}

/// Defaults a pod spec found at `path` (`spec` for a Pod, `spec.template.spec` for a
/// Deployment) the way the generated defaulter of its owner does.
pub fn default_pod_spec(
    spec: &mut Map<String, Value>,
    path: &str,
    target: DefaultingTarget,
    version: Version,
    changes: &mut Changes,
) {
    let mut d = Defaulter {
        version,
        changes,
        path: path.to_string(),
    };
    if target == DefaultingTarget::Pod {
        d.set_defaults_pod(spec);
    }
    d.set_defaults_pod_spec(spec);
    d.volumes(spec);
    let base = d.path.clone();
    for_each_container_mut(spec, ContainerKind::ALL, |kind, i, c| {
        d.container(c, &format!("{base}.{}[{i}]", kind.field()));
    });
    let overhead_path = format!("{}.overhead", d.path);
    if let Some(o) = spec.get_mut("overhead").and_then(Value::as_object_mut) {
        d.round_resource_list(o, &overhead_path);
    }
    if let Some(r) = spec.get_mut("resources").and_then(Value::as_object_mut) {
        for list in ["limits", "requests"] {
            let p = format!("{}.resources.{list}", d.path);
            if let Some(l) = r.get_mut(list).and_then(Value::as_object_mut) {
                d.round_resource_list(l, &p);
            }
        }
    }
}

/// The default `imagePullPolicy` for an image and the reason, following
/// `SetDefaults_Container` (pkg/apis/core/v1/defaults.go): the tag `ParseImageName` returns
/// is `latest` (case-sensitive; also returned when there is neither tag nor digest) →
/// `Always`; anything else (another tag, digest only, or an unparsable reference) →
/// `IfNotPresent`. The one implementation: the images view reads the reason the pipeline
/// recorded from here.
pub fn default_pull_policy(image: &Reference) -> (&'static str, String) {
    let Ok(named) = &image.normalized else {
        let err = image.image_name().error.unwrap_or_default();
        return (
            "IfNotPresent",
            format!("the image reference does not parse ({err}), so Kubernetes sees no tag and uses IfNotPresent; the kubelet will report InvalidImageName"),
        );
    };
    match (named.tag.as_deref(), &named.digest) {
        (Some("latest"), None) => (
            "Always",
            "the image tag is :latest, and :latest is pulled Always".to_string(),
        ),
        (Some("latest"), Some(_)) => (
            "Always",
            "the image tag is :latest; the digest does not change the rule, so it is pulled Always"
                .to_string(),
        ),
        (Some(tag), _) if tag.eq_ignore_ascii_case("latest") => (
            "IfNotPresent",
            format!("the image tag :{tag} is compared case-sensitively with \"latest\", so it is pulled IfNotPresent"),
        ),
        (Some(tag), _) => (
            "IfNotPresent",
            format!("the image tag is :{tag} (not :latest), so it is pulled IfNotPresent"),
        ),
        (None, None) => (
            "Always",
            "image has no tag, so Kubernetes assumes :latest, and :latest is pulled Always"
                .to_string(),
        ),
        (None, Some(_)) => (
            "IfNotPresent",
            "the image is pinned by digest only (no tag), so it is pulled IfNotPresent".to_string(),
        ),
    }
}

/// Rounds a quantity up to milli precision and writes it in canonical form
/// (`SetDefaults_ResourceList`). None when the text is not a quantity.
pub fn round_up_milli(text: &str) -> Option<String> {
    Some(resource_list_value(text)?.canonical())
}

/// A quantity of a ResourceList as `SetDefaults_ResourceList` leaves it: parsed, then
/// `val.RoundUp(milliScale)` (`0.0001` becomes `1m`; `100m` keeps its text).
pub fn resource_list_value(text: &str) -> Option<Quantity> {
    let mut q = Quantity::parse(text).ok()?;
    q.round_up(-3);
    Some(q)
}

struct Defaulter<'a> {
    version: Version,
    changes: &'a mut Changes,
    /// Field path of the pod spec.
    path: String,
}

impl Defaulter<'_> {
    fn add(
        &mut self,
        path: String,
        value: Value,
        rule: &'static str,
        why: impl Into<Cow<'static, str>>,
        source: &'static str,
    ) {
        self.changes
            .add(path, value, by::DEFAULTING, rule, why, Some(source));
    }

    /// Sets `obj[key] = value` if the field is unset by Go's rules and records it.
    #[allow(clippy::too_many_arguments)]
    fn fill(
        &mut self,
        obj: &mut Map<String, Value>,
        key: &str,
        value: Value,
        pointer: bool,
        path: &str,
        rule: &'static str,
        why: &'static str,
        source: &'static str,
    ) {
        let unset = if pointer {
            is_nil(obj.get(key))
        } else {
            is_zero(obj.get(key))
        };
        if unset {
            obj.insert(key.to_string(), value.clone());
            self.add(format!("{path}.{key}"), value, rule, why, source);
        }
    }

    // ----- SetDefaults_Pod (Pod only) -----

    fn set_defaults_pod(&mut self, spec: &mut Map<String, Value>) {
        let base = self.path.clone();
        for_each_container_mut(spec, ContainerKind::REGULAR_THEN_INIT, |kind, i, c| {
            self.requests_from_limits(c, &format!("{base}.{}[{i}]", kind.field()));
        });
        if self.version.gate("PodLevelResources") {
            let path = self.path.clone();
            pod_level::default_pod_level_resources(spec, &path, self.changes);
        }
        let path = self.path.clone();
        self.fill(
            spec,
            "enableServiceLinks",
            json!(true),
            true,
            &path,
            "defaults.pod.enableServiceLinks",
            "service links are on unless turned off: Service environment variables are injected",
            defaults_go!("SetDefaults_Pod"),
        );
        if spec.get("hostNetwork").and_then(Value::as_bool) == Some(true) {
            for_each_container_mut(spec, ContainerKind::REGULAR_THEN_INIT, |kind, i, c| {
                self.host_network_ports(c, &format!("{path}.{}[{i}]", kind.field()));
            });
        }
    }

    /// A container's limits without a request become its requests (`SetDefaults_Pod`).
    fn requests_from_limits(&mut self, c: &mut Map<String, Value>, cpath: &str) {
        let Some(res) = child_obj(c, "resources") else {
            return;
        };
        let Some(limits) = res.get("limits").and_then(Value::as_object).cloned() else {
            return;
        };
        let requests_now = res.get("requests").and_then(Value::as_object);
        if limits
            .keys()
            .all(|k| requests_now.is_some_and(|r| r.contains_key(k)))
        {
            return; // nothing to copy (an empty requests map is never written out)
        }
        let Some(requests) = child_obj(res, "requests") else {
            return;
        };
        for (key, value) in limits {
            if !requests.contains_key(&key) {
                requests.insert(key.clone(), value.clone());
                self.changes.add(
                    format!("{cpath}.resources.requests[{key}]"),
                    value,
                    by::DEFAULTING,
                    "defaults.pod.requestsFromLimits",
                    format!("{key} has a limit but no request, so the request is set to the limit"),
                    Some(defaults_go!("SetDefaults_Pod")),
                );
            }
        }
    }

    /// `defaultHostNetworkPorts`: with hostNetwork, hostPort = containerPort.
    fn host_network_ports(&mut self, c: &mut Map<String, Value>, cpath: &str) {
        let Some(ports) = c.get_mut("ports").and_then(Value::as_array_mut) else {
            return;
        };
        for (j, p) in ports.iter_mut().enumerate() {
            let Some(p) = p.as_object_mut() else { continue };
            if is_zero(p.get("hostPort")) {
                let Some(cp) = p.get("containerPort").cloned() else {
                    continue;
                };
                if is_zero(Some(&cp)) {
                    continue;
                }
                p.insert("hostPort".into(), cp.clone());
                self.changes.add(
                    format!("{cpath}.ports[{j}].hostPort"),
                    cp,
                    by::DEFAULTING,
                    "defaults.pod.hostNetworkHostPort",
                    "with hostNetwork the container port is opened on the node, so hostPort = containerPort",
                    Some(defaults_go!("defaultHostNetworkPorts")),
                );
            }
        }
    }

    // ----- SetDefaults_PodSpec -----

    fn set_defaults_pod_spec(&mut self, spec: &mut Map<String, Value>) {
        let p = self.path.clone();
        let src = defaults_go!("SetDefaults_PodSpec");
        self.fill(
            spec,
            "dnsPolicy",
            json!("ClusterFirst"),
            false,
            &p,
            "defaults.podSpec.dnsPolicy",
            "no dnsPolicy given: the pod uses the cluster DNS (ClusterFirst)",
            src,
        );
        self.fill(
            spec,
            "restartPolicy",
            json!("Always"),
            false,
            &p,
            "defaults.podSpec.restartPolicy",
            "no restartPolicy given: containers are restarted Always",
            src,
        );
        self.fill(
            spec,
            "terminationGracePeriodSeconds",
            json!(30),
            true,
            &p,
            "defaults.podSpec.terminationGracePeriodSeconds",
            "no grace period given: containers get 30 seconds to stop after SIGTERM",
            src,
        );
        self.fill(
            spec,
            "securityContext",
            json!({}),
            true,
            &p,
            "defaults.podSpec.securityContext",
            "the pod security context is always present, empty when nothing is set",
            src,
        );
        self.fill(
            spec,
            "schedulerName",
            json!("default-scheduler"),
            false,
            &p,
            "defaults.podSpec.schedulerName",
            "no scheduler named: the default scheduler places the pod",
            src,
        );
    }

    // ----- volumes -----

    fn volumes(&mut self, spec: &mut Map<String, Value>) {
        let base = self.path.clone();
        let Some(vols) = spec.get_mut("volumes").and_then(Value::as_array_mut) else {
            return;
        };
        for (i, v) in vols.iter_mut().enumerate() {
            if let Some(v) = v.as_object_mut() {
                self.volume(v, &format!("{base}.volumes[{i}]"));
            }
        }
    }

    fn volume(&mut self, v: &mut Map<String, Value>, path: &str) {
        let src_vol = defaults_go!("SetDefaults_Volume");
        // No source at all (only a name) → emptyDir.
        let has_source = v.iter().any(|(k, val)| k != "name" && !val.is_null());
        if !has_source {
            v.insert("emptyDir".into(), json!({}));
            self.add(
                format!("{path}.emptyDir"),
                json!({}),
                "defaults.volume.emptyDir",
                "the volume names no source, so it becomes an empty directory",
                src_vol,
            );
        }
        if self.version.gate("ImageVolume") {
            if let Some(img) = v.get_mut("image").and_then(Value::as_object_mut) {
                if is_zero(img.get("pullPolicy")) {
                    let (policy, why) = default_pull_policy(&Reference::parse(str_of(
                        &Value::Object(img.clone()),
                        "reference",
                    )));
                    img.insert("pullPolicy".into(), json!(policy));
                    self.add(
                        format!("{path}.image.pullPolicy"),
                        json!(policy),
                        "defaults.volume.image.pullPolicy",
                        why,
                        src_vol,
                    );
                }
            }
        }
        let mode_why = "files are created with mode 0644 (420) unless defaultMode says otherwise";
        let mode_rule = "defaults.volume.defaultMode";
        if let Some(h) = v.get_mut("hostPath").and_then(Value::as_object_mut) {
            self.fill(
                h,
                "type",
                json!(""),
                true,
                &format!("{path}.hostPath"),
                "defaults.volume.hostPath.type",
                "no hostPath type given: no check is done on what is at the path",
                defaults_go!("SetDefaults_HostPathVolumeSource"),
            );
        }
        for (kind, source) in [
            ("secret", defaults_go!("SetDefaults_SecretVolumeSource")),
            (
                "configMap",
                defaults_go!("SetDefaults_ConfigMapVolumeSource"),
            ),
            (
                "downwardAPI",
                defaults_go!("SetDefaults_DownwardAPIVolumeSource"),
            ),
            (
                "projected",
                defaults_go!("SetDefaults_ProjectedVolumeSource"),
            ),
        ] {
            if let Some(s) = v.get_mut(kind).and_then(Value::as_object_mut) {
                self.fill(
                    s,
                    "defaultMode",
                    json!(420),
                    true,
                    &format!("{path}.{kind}"),
                    mode_rule,
                    mode_why,
                    source,
                );
            }
        }
        if let Some(s) = v.get_mut("iscsi").and_then(Value::as_object_mut) {
            self.fill(
                s,
                "iscsiInterface",
                json!("default"),
                false,
                &format!("{path}.iscsi"),
                "defaults.volume.iscsi.iscsiInterface",
                "no iSCSI interface given: the default transport is used",
                SRC_TYPES,
            );
        }
        if let Some(s) = v.get_mut("rbd").and_then(Value::as_object_mut) {
            let p = format!("{path}.rbd");
            self.fill(
                s,
                "pool",
                json!("rbd"),
                false,
                &p,
                "defaults.volume.rbd.pool",
                "no Ceph pool given: pool rbd",
                SRC_TYPES,
            );
            self.fill(
                s,
                "user",
                json!("admin"),
                false,
                &p,
                "defaults.volume.rbd.user",
                "no Ceph user given: user admin",
                SRC_TYPES,
            );
            self.fill(
                s,
                "keyring",
                json!("/etc/ceph/keyring"),
                false,
                &p,
                "defaults.volume.rbd.keyring",
                "no keyring given: /etc/ceph/keyring",
                SRC_TYPES,
            );
        }
        if let Some(s) = v.get_mut("azureDisk").and_then(Value::as_object_mut) {
            let p = format!("{path}.azureDisk");
            self.fill(
                s,
                "cachingMode",
                json!("ReadWrite"),
                true,
                &p,
                "defaults.volume.azureDisk.cachingMode",
                "no caching mode given: ReadWrite",
                SRC_TYPES,
            );
            self.fill(
                s,
                "fsType",
                json!("ext4"),
                true,
                &p,
                "defaults.volume.azureDisk.fsType",
                "no filesystem given: ext4",
                SRC_TYPES,
            );
            self.fill(
                s,
                "readOnly",
                json!(false),
                true,
                &p,
                "defaults.volume.azureDisk.readOnly",
                "mounted read-write unless readOnly is set",
                SRC_TYPES,
            );
            self.fill(
                s,
                "kind",
                json!("Shared"),
                true,
                &p,
                "defaults.volume.azureDisk.kind",
                "no disk kind given: Shared",
                SRC_TYPES,
            );
        }
        if let Some(s) = v.get_mut("scaleIO").and_then(Value::as_object_mut) {
            let p = format!("{path}.scaleIO");
            self.fill(
                s,
                "storageMode",
                json!("ThinProvisioned"),
                false,
                &p,
                "defaults.volume.scaleIO.storageMode",
                "no storage mode given: ThinProvisioned",
                SRC_TYPES,
            );
            self.fill(
                s,
                "fsType",
                json!("xfs"),
                false,
                &p,
                "defaults.volume.scaleIO.fsType",
                "no filesystem given: xfs",
                SRC_TYPES,
            );
        }
        if let Some(d) = v.get_mut("downwardAPI").and_then(Value::as_object_mut) {
            self.field_ref_items(d, &format!("{path}.downwardAPI"));
        }
        if let Some(pr) = v.get_mut("projected").and_then(Value::as_object_mut) {
            if let Some(sources) = pr.get_mut("sources").and_then(Value::as_array_mut) {
                for (j, s) in sources.iter_mut().enumerate() {
                    let sp = format!("{path}.projected.sources[{j}]");
                    if let Some(d) = s.get_mut("downwardAPI").and_then(Value::as_object_mut) {
                        self.field_ref_items(d, &format!("{sp}.downwardAPI"));
                    }
                    if let Some(t) = s
                        .get_mut("serviceAccountToken")
                        .and_then(Value::as_object_mut)
                    {
                        self.fill(
                            t,
                            "expirationSeconds",
                            json!(3600),
                            true,
                            &format!("{sp}.serviceAccountToken"),
                            "defaults.volume.projected.serviceAccountToken.expirationSeconds",
                            "no expiration given: the projected token is valid for 1 hour",
                            defaults_go!("SetDefaults_ServiceAccountTokenProjection"),
                        );
                    }
                }
            }
        }
        if let Some(e) = v.get_mut("ephemeral").and_then(Value::as_object_mut) {
            if let Some(t) = e
                .get_mut("volumeClaimTemplate")
                .and_then(Value::as_object_mut)
            {
                if let Some(s) = t.get_mut("spec").and_then(Value::as_object_mut) {
                    let sp = format!("{path}.ephemeral.volumeClaimTemplate.spec");
                    self.fill(
                        s,
                        "volumeMode",
                        json!("Filesystem"),
                        true,
                        &sp,
                        "defaults.volume.ephemeral.volumeMode",
                        "no volume mode given: the claim is a filesystem",
                        defaults_go!("SetDefaults_PersistentVolumeClaimSpec"),
                    );
                    if let Some(r) = s.get_mut("resources").and_then(Value::as_object_mut) {
                        for list in ["limits", "requests"] {
                            if let Some(l) = r.get_mut(list).and_then(Value::as_object_mut) {
                                self.round_resource_list(l, &format!("{sp}.resources.{list}"));
                            }
                        }
                    }
                }
            }
        }
    }

    fn field_ref_items(&mut self, d: &mut Map<String, Value>, path: &str) {
        let Some(items) = d.get_mut("items").and_then(Value::as_array_mut) else {
            return;
        };
        for (k, item) in items.iter_mut().enumerate() {
            if let Some(f) = item.get_mut("fieldRef").and_then(Value::as_object_mut) {
                self.field_ref(f, &format!("{path}.items[{k}].fieldRef"));
            }
        }
    }

    fn field_ref(&mut self, f: &mut Map<String, Value>, path: &str) {
        self.fill(
            f,
            "apiVersion",
            json!("v1"),
            false,
            path,
            "defaults.fieldRef.apiVersion",
            "field paths are read from the v1 Pod unless apiVersion says otherwise",
            defaults_go!("SetDefaults_ObjectFieldSelector"),
        );
    }

    // ----- containers -----

    fn container(&mut self, c: &mut Map<String, Value>, path: &str) {
        let src = defaults_go!("SetDefaults_Container");
        if is_zero(c.get("imagePullPolicy")) {
            let image = c
                .get("image")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let (policy, why) = default_pull_policy(&Reference::parse(&image));
            c.insert("imagePullPolicy".into(), json!(policy));
            self.add(
                format!("{path}.imagePullPolicy"),
                json!(policy),
                "defaults.container.imagePullPolicy",
                why,
                src,
            );
        }
        self.fill(
            c,
            "terminationMessagePath",
            json!("/dev/termination-log"),
            false,
            path,
            "defaults.container.terminationMessagePath",
            "the container's termination message is read from /dev/termination-log",
            src,
        );
        self.fill(
            c,
            "terminationMessagePolicy",
            json!("File"),
            false,
            path,
            "defaults.container.terminationMessagePolicy",
            "the termination message comes from the file only (not from the log)",
            src,
        );
        if let Some(ports) = c.get_mut("ports").and_then(Value::as_array_mut) {
            for (j, p) in ports.iter_mut().enumerate() {
                if let Some(p) = p.as_object_mut() {
                    self.fill(
                        p,
                        "protocol",
                        json!("TCP"),
                        false,
                        &format!("{path}.ports[{j}]"),
                        "defaults.container.port.protocol",
                        "no protocol given: the port is TCP",
                        SRC_GENERATED,
                    );
                }
            }
        }
        if let Some(env) = c.get_mut("env").and_then(Value::as_array_mut) {
            for (j, e) in env.iter_mut().enumerate() {
                let Some(vf) = e.get_mut("valueFrom").and_then(Value::as_object_mut) else {
                    continue;
                };
                let ep = format!("{path}.env[{j}].valueFrom");
                if let Some(f) = vf.get_mut("fieldRef").and_then(Value::as_object_mut) {
                    self.field_ref(f, &format!("{ep}.fieldRef"));
                }
                if let Some(f) = vf.get_mut("fileKeyRef").and_then(Value::as_object_mut) {
                    self.fill(
                        f,
                        "optional",
                        json!(false),
                        true,
                        &format!("{ep}.fileKeyRef"),
                        "defaults.container.env.fileKeyRef.optional",
                        "the file and key must exist unless optional is set",
                        SRC_TYPES,
                    );
                }
            }
        }
        if let Some(r) = c.get_mut("resources").and_then(Value::as_object_mut) {
            for list in ["limits", "requests"] {
                if let Some(l) = r.get_mut(list).and_then(Value::as_object_mut) {
                    self.round_resource_list(l, &format!("{path}.resources.{list}"));
                }
            }
        }
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            if let Some(p) = c.get_mut(probe).and_then(Value::as_object_mut) {
                self.probe(p, &format!("{path}.{probe}"));
            }
        }
        if let Some(l) = c.get_mut("lifecycle").and_then(Value::as_object_mut) {
            for hook in ["postStart", "preStop"] {
                if let Some(h) = l.get_mut(hook).and_then(Value::as_object_mut) {
                    if let Some(g) = h.get_mut("httpGet").and_then(Value::as_object_mut) {
                        self.http_get(g, &format!("{path}.lifecycle.{hook}.httpGet"));
                    }
                }
            }
        }
    }

    fn probe(&mut self, p: &mut Map<String, Value>, path: &str) {
        let src = defaults_go!("SetDefaults_Probe");
        self.fill(
            p,
            "timeoutSeconds",
            json!(1),
            false,
            path,
            "defaults.probe.timeoutSeconds",
            "a probe attempt times out after 1 second",
            src,
        );
        self.fill(
            p,
            "periodSeconds",
            json!(10),
            false,
            path,
            "defaults.probe.periodSeconds",
            "the probe runs every 10 seconds",
            src,
        );
        self.fill(
            p,
            "successThreshold",
            json!(1),
            false,
            path,
            "defaults.probe.successThreshold",
            "one success marks the probe as passing",
            src,
        );
        self.fill(
            p,
            "failureThreshold",
            json!(3),
            false,
            path,
            "defaults.probe.failureThreshold",
            "3 failures in a row mark the probe as failed",
            src,
        );
        if let Some(g) = p.get_mut("httpGet").and_then(Value::as_object_mut) {
            self.http_get(g, &format!("{path}.httpGet"));
        }
        if let Some(g) = p.get_mut("grpc").and_then(Value::as_object_mut) {
            self.fill(
                g,
                "service",
                json!(""),
                true,
                &format!("{path}.grpc"),
                "defaults.probe.grpc.service",
                "no gRPC service name: the server's overall health is checked",
                SRC_TYPES,
            );
        }
    }

    fn http_get(&mut self, g: &mut Map<String, Value>, path: &str) {
        let src = defaults_go!("SetDefaults_HTTPGetAction");
        self.fill(
            g,
            "path",
            json!("/"),
            false,
            path,
            "defaults.httpGet.path",
            "no path given: GET /",
            src,
        );
        self.fill(
            g,
            "scheme",
            json!("HTTP"),
            false,
            path,
            "defaults.httpGet.scheme",
            "no scheme given: plain HTTP",
            src,
        );
    }

    /// `SetDefaults_ResourceList`: every quantity rounded up to milli precision, canonical form.
    fn round_resource_list(&mut self, list: &mut Map<String, Value>, path: &str) {
        for (key, value) in list.iter_mut() {
            let Some(text) = quantity_text(value) else {
                continue;
            };
            let Some(rounded) = round_up_milli(&text) else {
                continue;
            };
            *value = json!(rounded);
            if rounded != text {
                self.changes.add(
                    format!("{path}[{key}]"),
                    json!(rounded),
                    by::DEFAULTING,
                    "defaults.resourceList.roundUp",
                    format!("{text} is written in canonical form {rounded} (rounded up to milli precision)"),
                    Some(defaults_go!("SetDefaults_ResourceList")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests;
