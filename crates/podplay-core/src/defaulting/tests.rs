use super::*;
use serde_json::json;

fn defaulted(pod: Value, version: Version) -> (Value, Changes) {
    let mut pod = pod;
    let mut changes = Changes::new();
    set_object_defaults_pod(&mut pod, version, &mut changes);
    (pod, changes)
}

fn v135() -> Version {
    Version::new(1, 35)
}

/// Every reference of the conformance image table: our tag and default policy match
/// what real Kubernetes 1.35 computed.
#[test]
fn pull_policy_matches_conformance_image_table() {
    let text = include_str!("../../../../tests/conformance/k8s-1.35/images.jsonl");
    let mut rows = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).unwrap();
        let image = row["ref"].as_str().unwrap();
        let (policy, why) = default_pull_policy(&Reference::parse(image));
        assert_eq!(
            policy,
            row["defaultPullPolicy"].as_str().unwrap(),
            "policy for {image:?}"
        );
        assert!(!why.is_empty());
        let tag = crate::reference::parse_image_name(image).tag;
        assert_eq!(tag, row["k8sTag"].as_str().unwrap(), "tag for {image:?}");
        rows += 1;
    }
    assert_eq!(rows, 56);
}

#[test]
fn pull_policy_spec_rows() {
    let digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    for (image, want) in [
        ("nginx", "Always"),
        ("nginx:latest", "Always"),
        ("nginx:1.25", "IfNotPresent"),
        ("nginx:LATEST", "IfNotPresent"),
        ("nginx:Latest", "IfNotPresent"),
        (&format!("nginx@{digest}"), "IfNotPresent"),
        (&format!("nginx:latest@{digest}"), "Always"),
        (&format!("nginx:1.0@{digest}"), "IfNotPresent"),
        ("localhost:5000/app", "Always"),
        ("UPPER", "IfNotPresent"),
        ("nginx:", "IfNotPresent"),
        ("http://nginx", "IfNotPresent"),
        ("nginx:tag with space", "IfNotPresent"),
        (" ", "IfNotPresent"),
    ] {
        assert_eq!(
            default_pull_policy(&Reference::parse(image)).0,
            want,
            "{image}"
        );
    }
    assert_eq!(
        default_pull_policy(&Reference::parse("nginx")).1,
        "image has no tag, so Kubernetes assumes :latest, and :latest is pulled Always"
    );
    assert_eq!(
        default_pull_policy(&Reference::parse("nginx:LATEST")).1,
        "the image tag :LATEST is compared case-sensitively with \"latest\", so it is pulled IfNotPresent"
    );
    assert_eq!(
        default_pull_policy(&Reference::parse("UPPER")).1,
        "the image reference does not parse (couldn't parse image name \"UPPER\": invalid reference format: repository name (library/UPPER) must be lowercase), so Kubernetes sees no tag and uses IfNotPresent; the kubelet will report InvalidImageName"
    );
}

#[test]
fn minimal_pod_gets_every_spec_and_container_default_with_reasons() {
    let (pod, changes) = defaulted(
        json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
               "spec": {"containers": [{"name": "app", "image": "nginx", "ports": [{"containerPort": 80}],
                        "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}}}]}}),
        Version::new(1, 36),
    );
    let spec = &pod["spec"];
    assert_eq!(spec["dnsPolicy"], "ClusterFirst");
    assert_eq!(spec["restartPolicy"], "Always");
    assert_eq!(spec["schedulerName"], "default-scheduler");
    assert_eq!(spec["securityContext"], json!({}));
    assert_eq!(spec["terminationGracePeriodSeconds"], 30);
    assert_eq!(spec["enableServiceLinks"], true);
    let c = &spec["containers"][0];
    assert_eq!(c["imagePullPolicy"], "Always");
    assert_eq!(c["ports"][0]["protocol"], "TCP");
    assert_eq!(
        c["resources"]["requests"],
        json!({"cpu": "500m", "memory": "128Mi"})
    );
    assert_eq!(c["terminationMessagePath"], "/dev/termination-log");
    assert_eq!(c["terminationMessagePolicy"], "File");

    let find = |path: &str| {
        changes
            .list
            .iter()
            .find(|c| c.path == path)
            .unwrap_or_else(|| panic!("no change at {path}"))
    };
    let pull = find("spec.containers[0].imagePullPolicy");
    assert_eq!(pull.rule, "defaults.container.imagePullPolicy");
    assert_eq!(pull.by, "defaulting");
    assert_eq!(
        pull.source.as_deref(),
        Some("pkg/apis/core/v1/defaults.go:SetDefaults_Container")
    );
    assert_eq!(
        find("spec.containers[0].resources.requests[cpu]").value,
        json!("500m")
    );
    assert_eq!(
        find("spec.containers[0].ports[0].protocol").rule,
        "defaults.container.port.protocol"
    );
    assert_eq!(find("spec.enableServiceLinks").value, json!(true));
    // Every change has a reason and a source.
    assert!(changes
        .list
        .iter()
        .all(|c| !c.why.is_empty() && c.source.is_some()));
}

#[test]
fn user_values_are_never_overridden() {
    let (pod, changes) = defaulted(
        json!({"spec": {"dnsPolicy": "Default", "terminationGracePeriodSeconds": 0, "enableServiceLinks": false,
            "containers": [{"name": "a", "image": "nginx", "imagePullPolicy": "Never",
                "resources": {"limits": {"cpu": "1"}, "requests": {"cpu": "250m"}}}]}}),
        v135(),
    );
    assert_eq!(pod["spec"]["dnsPolicy"], "Default");
    assert_eq!(
        pod["spec"]["terminationGracePeriodSeconds"], 0,
        "0 is a set pointer value"
    );
    assert_eq!(pod["spec"]["enableServiceLinks"], false);
    assert_eq!(pod["spec"]["containers"][0]["imagePullPolicy"], "Never");
    assert_eq!(
        pod["spec"]["containers"][0]["resources"]["requests"],
        json!({"cpu": "250m"})
    );
    assert!(!changes
        .list
        .iter()
        .any(|c| c.path.contains("imagePullPolicy") || c.path.contains("requests")));
}

#[test]
fn probes_and_lifecycle_handlers() {
    let (pod, _) = defaulted(
        json!({"spec": {"containers": [{"name": "a", "image": "x:1",
            "livenessProbe": {"httpGet": {"port": 80}, "timeoutSeconds": 0},
            "readinessProbe": {"grpc": {"port": 9000}},
            "startupProbe": {"tcpSocket": {"port": 80}, "failureThreshold": 30},
            "lifecycle": {"preStop": {"httpGet": {"port": 80}}, "postStart": {"sleep": {"seconds": 0}}}}]}}),
        v135(),
    );
    let c = &pod["spec"]["containers"][0];
    assert_eq!(
        c["livenessProbe"],
        json!({"httpGet": {"port": 80, "path": "/", "scheme": "HTTP"}, "timeoutSeconds": 1,
               "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3})
    );
    assert_eq!(
        c["readinessProbe"]["grpc"],
        json!({"port": 9000, "service": ""})
    );
    assert_eq!(c["startupProbe"]["failureThreshold"], 30);
    assert!(c["startupProbe"].get("initialDelaySeconds").is_none());
    assert_eq!(
        c["lifecycle"]["preStop"]["httpGet"],
        json!({"port": 80, "path": "/", "scheme": "HTTP"})
    );
    assert_eq!(
        c["lifecycle"]["postStart"],
        json!({"sleep": {"seconds": 0}})
    );
}

#[test]
fn ephemeral_containers_get_container_defaults_but_not_requests_from_limits() {
    let (pod, _) = defaulted(
        json!({"spec": {"containers": [], "ephemeralContainers": [{"name": "d", "image": "busybox",
            "resources": {"limits": {"cpu": "1"}}, "ports": [{"containerPort": 1}]}], "hostNetwork": true}}),
        v135(),
    );
    let e = &pod["spec"]["ephemeralContainers"][0];
    assert_eq!(e["imagePullPolicy"], "Always");
    assert_eq!(
        e["ports"][0],
        json!({"containerPort": 1, "protocol": "TCP"})
    );
    assert!(e["resources"].get("requests").is_none());
}

#[test]
fn host_network_copies_container_ports_to_host_ports() {
    let (pod, changes) = defaulted(
        json!({"spec": {"hostNetwork": true,
            "initContainers": [{"name": "i", "image": "x:1", "ports": [{"containerPort": 53}]}],
            "containers": [{"name": "a", "image": "x:1", "ports": [{"containerPort": 80}, {"containerPort": 81, "hostPort": 9}]}]}}),
        v135(),
    );
    assert_eq!(pod["spec"]["containers"][0]["ports"][0]["hostPort"], 80);
    assert_eq!(pod["spec"]["containers"][0]["ports"][1]["hostPort"], 9);
    assert_eq!(pod["spec"]["initContainers"][0]["ports"][0]["hostPort"], 53);
    assert!(changes
        .list
        .iter()
        .any(|c| c.rule == "defaults.pod.hostNetworkHostPort"));
}

#[test]
fn volumes_by_type() {
    let (pod, changes) = defaulted(
        json!({"spec": {"containers": [], "volumes": [
            {"name": "bare"},
            {"name": "cm", "configMap": {"name": "c"}},
            {"name": "s", "secret": {"secretName": "s", "defaultMode": 256}},
            {"name": "hp", "hostPath": {"path": "/x"}},
            {"name": "d", "downwardAPI": {"items": [{"path": "n", "fieldRef": {"fieldPath": "metadata.name"}}]}},
            {"name": "p", "projected": {"sources": [{"serviceAccountToken": {"path": "t"}},
                {"downwardAPI": {"items": [{"path": "n", "fieldRef": {"fieldPath": "metadata.name"}}]}}]}},
            {"name": "i", "iscsi": {"targetPortal": "1.2.3.4", "iqn": "q", "lun": 0}},
            {"name": "r", "rbd": {"monitors": ["m"], "image": "i"}},
            {"name": "az", "azureDisk": {"diskName": "d", "diskURI": "u"}},
            {"name": "sio", "scaleIO": {"gateway": "g", "system": "s", "secretRef": {"name": "x"}}},
            {"name": "e", "ephemeral": {"volumeClaimTemplate": {"spec": {"accessModes": ["ReadWriteOnce"]}}}},
            {"name": "img", "image": {"reference": "repo/art:v1"}}
        ]}}),
        v135(),
    );
    let v = &pod["spec"]["volumes"];
    assert_eq!(v[0], json!({"name": "bare", "emptyDir": {}}));
    assert_eq!(v[1]["configMap"]["defaultMode"], 420);
    assert_eq!(v[2]["secret"]["defaultMode"], 256);
    assert_eq!(v[3]["hostPath"]["type"], "");
    assert_eq!(
        v[4]["downwardAPI"],
        json!({"items": [{"path": "n", "fieldRef": {"fieldPath": "metadata.name", "apiVersion": "v1"}}], "defaultMode": 420})
    );
    assert_eq!(v[5]["projected"]["defaultMode"], 420);
    assert_eq!(
        v[5]["projected"]["sources"][0]["serviceAccountToken"]["expirationSeconds"],
        3600
    );
    assert_eq!(
        v[5]["projected"]["sources"][1]["downwardAPI"]["items"][0]["fieldRef"]["apiVersion"],
        "v1"
    );
    assert_eq!(v[6]["iscsi"]["iscsiInterface"], "default");
    assert_eq!(
        (
            &v[7]["rbd"]["pool"],
            &v[7]["rbd"]["user"],
            &v[7]["rbd"]["keyring"]
        ),
        (&json!("rbd"), &json!("admin"), &json!("/etc/ceph/keyring"))
    );
    assert_eq!(
        v[8]["azureDisk"],
        json!({"diskName": "d", "diskURI": "u", "cachingMode": "ReadWrite", "fsType": "ext4", "readOnly": false, "kind": "Shared"})
    );
    assert_eq!(
        (&v[9]["scaleIO"]["storageMode"], &v[9]["scaleIO"]["fsType"]),
        (&json!("ThinProvisioned"), &json!("xfs"))
    );
    assert_eq!(
        v[10]["ephemeral"]["volumeClaimTemplate"]["spec"]["volumeMode"],
        "Filesystem"
    );
    assert_eq!(v[11]["image"]["pullPolicy"], "IfNotPresent");
    assert!(changes
        .list
        .iter()
        .any(|c| c.path == "spec.volumes[0].emptyDir" && c.rule == "defaults.volume.emptyDir"));
}

#[test]
fn image_volume_pull_policy_is_gated() {
    let pod = json!({"spec": {"containers": [], "volumes": [{"name": "img", "image": {"reference": "repo/art"}}]}});
    let (on, _) = defaulted(pod.clone(), v135());
    assert_eq!(on["spec"]["volumes"][0]["image"]["pullPolicy"], "Always");
    let (off, _) = defaulted(pod, Version::new(1, 34));
    assert!(
        off["spec"]["volumes"][0]["image"]
            .get("pullPolicy")
            .is_none(),
        "ImageVolume is off in 1.34"
    );
}

#[test]
fn env_field_ref_and_file_key_ref() {
    let (pod, _) = defaulted(
        json!({"spec": {"containers": [{"name": "a", "image": "x:1", "env": [
            {"name": "N", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
            {"name": "F", "valueFrom": {"fileKeyRef": {"volumeName": "v", "path": "p", "key": "F"}}},
            {"name": "G", "valueFrom": {"fileKeyRef": {"volumeName": "v", "path": "p", "key": "G", "optional": true}}}
        ]}]}}),
        v135(),
    );
    let env = &pod["spec"]["containers"][0]["env"];
    assert_eq!(env[0]["valueFrom"]["fieldRef"]["apiVersion"], "v1");
    assert_eq!(env[1]["valueFrom"]["fileKeyRef"]["optional"], false);
    assert_eq!(env[2]["valueFrom"]["fileKeyRef"]["optional"], true);
}

#[test]
fn templates_skip_pod_only_defaults() {
    let mut spec = json!({"hostNetwork": true, "containers": [{"name": "a", "image": "nginx",
        "ports": [{"containerPort": 80}], "resources": {"limits": {"cpu": "1"}}}]});
    let mut changes = Changes::new();
    default_pod_spec(
        spec.as_object_mut().unwrap(),
        "spec.template.spec",
        DefaultingTarget::Template,
        v135(),
        &mut changes,
    );
    assert!(spec.get("enableServiceLinks").is_none());
    assert!(spec["containers"][0]["resources"].get("requests").is_none());
    assert!(spec["containers"][0]["ports"][0].get("hostPort").is_none());
    assert_eq!(spec["restartPolicy"], "Always");
    assert_eq!(spec["containers"][0]["imagePullPolicy"], "Always");
    assert!(changes
        .list
        .iter()
        .any(|c| c.path == "spec.template.spec.containers[0].imagePullPolicy"));
}

#[test]
fn bad_input_never_panics() {
    for pod in [
        json!(null),
        json!({"spec": "x"}),
        json!({"spec": {"containers": "x", "volumes": [1, "a", null, {"name": "v", "secret": 3}]}}),
        json!({"spec": {"containers": [null, 1, {"ports": "x", "env": [1], "resources": {"limits": 5}}]}}),
        json!({"spec": {"hostNetwork": true, "containers": [{"ports": [{"containerPort": "x"}]}], "resources": {"limits": {"cpu": {}}}}}),
    ] {
        let _ = defaulted(pod, v135());
    }
}
