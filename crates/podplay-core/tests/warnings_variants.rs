//! API warnings of a created pod (`podStrategy.WarningsOnCreate` + pkg/api/pod/warnings.go
//! `GetWarningsForPod`), each expected list COMPUTED by Kubernetes v1.36.2's own create pipeline
//! run locally on the same tree as `tests/conformance/k8s-1.36` (see `podplay_core::warnings`).

use podplay_core::report::{build, Options};
use podplay_core::versions::Version;

fn check(name: &str, yaml: &str, want: &[&str]) {
    let report = build(yaml, &Options::new(Version::new(1, 36)));
    let view = report
        .admit
        .unwrap_or_else(|| panic!("case {name}: no pod analysed"));
    assert_eq!(
        serde_json::to_value(view.result.outcome).unwrap(),
        serde_json::json!("created"),
        "case {name}: outcome"
    );
    assert_eq!(view.result.warnings, want, "case {name}: warnings");
}

#[test]
fn labels_annotations_volumes_env_and_ports() {
    let yaml = r#"apiVersion: v1
kind: Pod
metadata:
  name: p.x
  annotations: {security.alpha.kubernetes.io/sysctls: a, seccomp.security.alpha.kubernetes.io/pod: runtime/default, container.seccomp.security.alpha.kubernetes.io/c: runtime/default}
spec:
  hostAliases: [{ip: "10.0.0.1", hostnames: [a]}, {ip: "10.0.0.1", hostnames: [b]}]
  nodeSelector: {beta.kubernetes.io/os: linux, failure-domain.beta.kubernetes.io/zone: a}
  containers:
  - name: c
    image: nginx:1
    env: [{name: A, value: "1"}, {name: A, value: "$(A)x"}, {name: A, value: "$(A)"}]
    resources: {requests: {memory: 1.5, ephemeral-storage: 100m}}
    ports: [{containerPort: 80, name: h}, {containerPort: 80, hostPort: 80, name: h2}, {containerPort: 81, hostIP: 1.2.3.4}]
  volumes: [{name: g, gitRepo: {repository: r}}, {name: s, storageos: {volumeName: v}}, {name: cm, configMap: {name: c, items: [{key: a, path: x/}, {key: b, path: x/y}]}}]
  initContainers: [{name: i, image: b, restartPolicy: Always, ports: [{containerPort: 80, name: h}]}]
  topologySpreadConstraints: [{maxSkew: 1, topologyKey: beta.kubernetes.io/os, whenUnsatisfiable: ScheduleAnyway}]
  affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: k}]}, nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, preference: {matchExpressions: [{key: beta.kubernetes.io/arch, operator: In, values: ["bad value!"]}]}}]}}
"#;
    check(
        "a-many.yaml",
        yaml,
        &[
            r#"metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]"#,
            r#"spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" instead"#,
            r#"spec.nodeSelector[failure-domain.beta.kubernetes.io/zone]: deprecated since v1.17; use "topology.kubernetes.io/zone" instead"#,
            r#"spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].key: beta.kubernetes.io/arch is deprecated since v1.14; use "kubernetes.io/arch" instead"#,
            r#"spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].values[0]: bad value! is invalid, a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"#,
            r#"spec.topologySpreadConstraints[0].topologyKey: beta.kubernetes.io/os is deprecated since v1.14; use "kubernetes.io/os" instead"#,
            r#"spec.topologySpreadConstraints[0].labelSelector: a null labelSelector results in matching no pod"#,
            r#"metadata.annotations[security.alpha.kubernetes.io/sysctls]: non-functional in v1.11+; use the "sysctls" field instead"#,
            r#"spec.volumes[0].gitRepo: deprecated in v1.11, and disabled by default in v1.33+"#,
            r#"spec.volumes[1].storageOS: deprecated in v1.22, non-functional in v1.25+"#,
            r#"volume "cm" (ConfigMap "c"): overlapping paths: "x/y" with "x""#,
            r#"spec.hostAliases[1].ip: duplicate ip "10.0.0.1""#,
            r#"metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]: non-functional in v1.27+; use the "seccompProfile" field instead"#,
            r#"metadata.annotations[container.seccomp.security.alpha.kubernetes.io/c]: non-functional in v1.27+; use the "seccompProfile" field instead"#,
            r#"spec.containers[0].resources.requests[memory]: fractional byte value "1500m" is invalid, must be an integer"#,
            r#"spec.containers[0].resources.requests[ephemeral-storage]: fractional byte value "100m" is invalid, must be an integer"#,
            r#"spec.containers[0].env[2]: hides previous definition of "A", which may be dropped when using apply"#,
            r#"spec.containers[0].ports[0]: duplicate port definition with spec.initContainers[0].ports[0]"#,
            r#"spec.containers[0].ports[1]: overlapping port definition with spec.initContainers[0].ports[0]"#,
            r#"spec.containers[0].ports[1]: overlapping port definition with spec.containers[0].ports[0]"#,
            r#"spec.containers[0].ports[2]: hostIP set without hostPort: {Name: HostPort:0 ContainerPort:81 Protocol:TCP HostIP:1.2.3.4}"#,
            r#"spec.containers[0].ports[0]: duplicate port name "h" with spec.initContainers[0].ports[0], services and probes that select ports by name will use spec.initContainers[0].ports[0]"#,
            r#"spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector: a null labelSelector results in matching no pod"#,
        ],
    );
}

#[test]
fn overlapping_paths_pull_secrets_and_fractional_bytes() {
    let yaml = r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  imagePullSecrets: [{name: a}, {name: ""}, {name: a}, {}]
  runtimeClassName: rc
  overhead: {memory: "0.5", ephemeral-storage: 1k}
  containers:
  - name: c
    image: nginx:1
    resources: {limits: {memory: 100m, ephemeral-storage: "1.5"}}
  volumes:
  - name: pj
    projected:
      sources:
      - {}
      - serviceAccountToken: {path: t}
      - configMap: {name: c1, items: [{key: a, path: t/x}, {key: b, path: u}]}
      - {}
      - secret: {name: s1, items: [{key: a, path: u/}]}
      - downwardAPI: {items: [{path: t, fieldRef: {fieldPath: metadata.name}}]}
  - name: sec
    secret: {secretName: s, items: [{key: a, path: a}, {key: b, path: a}, {key: c, path: a/b}]}
  - name: dapi
    downwardAPI: {items: [{path: x, fieldRef: {fieldPath: metadata.name}}, {path: x/y, fieldRef: {fieldPath: metadata.uid}}]}
  - name: eph
    ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: "1.5"}, limits: {storage: 100m}}}}}
  - name: gl
    glusterfs: {endpoints: e, path: p}
  - name: ce
    cephfs: {monitors: [m]}
  - name: sc
    scaleIO: {gateway: g, system: s, volumeName: v, secretRef: {name: x}}
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: rc}
handler: h
overhead: {podFixed: {memory: "0.5", ephemeral-storage: 1k}}
"#;
    check(
        "b-volumes.yaml",
        yaml,
        &[
            r#"spec.volumes[3].ephemeral.volumeClaimTemplate.spec.resources.requests[storage]: fractional byte value "1500m" is invalid, must be an integer"#,
            r#"spec.volumes[3].ephemeral.volumeClaimTemplate.spec.resources.limits[storage]: fractional byte value "100m" is invalid, must be an integer"#,
            r#"spec.volumes[4].glusterfs: deprecated in v1.25, non-functional in v1.26+"#,
            r#"spec.volumes[5].cephfs: deprecated in v1.28, non-functional in v1.31+"#,
            r#"spec.volumes[6].scaleIO: deprecated in v1.16, non-functional in v1.22+"#,
            r#"volume "pj" (Projected) has no sources provided"#,
            r#"volume "pj" (Projected): overlapping paths: "t/x" (ConfigMap "c1") with "t" (ServiceAccountToken)"#,
            r#"volume "pj" (Projected) has no sources provided"#,
            r#"volume "pj" (Projected): overlapping paths: "u" (Secret "s1") with "u" (ConfigMap "c1")"#,
            r#"volume "pj" (Projected): overlapping paths: "t" (DownwardAPI) with "t" (ServiceAccountToken)"#,
            r#"volume "pj" (Projected): overlapping paths: "t" (DownwardAPI) with "t/x" (ConfigMap "c1")"#,
            r#"volume "sec" (Secret "s"): overlapping paths: "a" with "a""#,
            r#"volume "sec" (Secret "s"): overlapping paths: "a/b" with "a""#,
            r#"volume "sec" (Secret "s"): overlapping paths: "a/b" with "a""#,
            r#"volume "dapi" (DownwardAPI): overlapping paths: "x/y" with "x""#,
            r#"spec.imagePullSecrets[2].name: duplicate name "a""#,
            r#"spec.imagePullSecrets[3].name: duplicate name """#,
            r#"spec.imagePullSecrets[1].name: invalid empty name """#,
            r#"spec.imagePullSecrets[3].name: invalid empty name """#,
            r#"spec.overhead[memory]: fractional byte value "500m" is invalid, must be an integer"#,
            r#"spec.containers[0].resources.limits[memory]: fractional byte value "100m" is invalid, must be an integer"#,
            r#"spec.containers[0].resources.requests[memory]: fractional byte value "100m" is invalid, must be an integer"#,
            r#"spec.containers[0].resources.limits[ephemeral-storage]: fractional byte value "1500m" is invalid, must be an integer"#,
            r#"spec.containers[0].resources.requests[ephemeral-storage]: fractional byte value "1500m" is invalid, must be an integer"#,
        ],
    );
}

#[test]
fn port_conflicts_env_and_affinity() {
    let yaml = r#"apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: {scheduler.alpha.kubernetes.io/critical-pod: "", security.alpha.kubernetes.io/unsafe-sysctls: x}
spec:
  initContainers:
  - name: i
    image: b
    restartPolicy: Always
    ports: [{containerPort: 90, hostPort: 90, hostIP: 10.0.0.1, name: web}]
  containers:
  - name: c
    image: nginx:1
    env: [{name: A, value: x}, {name: A, valueFrom: {fieldRef: {fieldPath: metadata.name}}}, {name: B}, {name: B, value: "$(B)"}, {name: C, value: a}, {name: C, value: "$(C)-b"}]
    ports: [{containerPort: 90, hostPort: 90, name: web2}, {containerPort: 90, protocol: UDP}, {containerPort: 91, hostIP: 10.0.0.2, name: web}]
  - name: d
    image: nginx:1
    ports: [{containerPort: 90, hostPort: 90, hostIP: 10.0.0.1}]
  affinity:
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, podAffinityTerm: {topologyKey: k}}]
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: node-role.kubernetes.io/master, operator: Exists}]}]}
  topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {}}]
"#;
    check(
        "c-ports-env.yaml",
        yaml,
        &[
            r#"spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key: node-role.kubernetes.io/master is use "node-role.kubernetes.io/control-plane" instead"#,
            r#"metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]: non-functional in v1.16+; use the "priorityClassName" field instead"#,
            r#"metadata.annotations[security.alpha.kubernetes.io/unsafe-sysctls]: non-functional in v1.11+; use the "sysctls" field instead"#,
            r#"spec.containers[0].env[1]: hides previous definition of "A", which may be dropped when using apply"#,
            r#"spec.containers[0].env[3]: hides previous definition of "B", which may be dropped when using apply"#,
            r#"spec.containers[0].ports[0]: dangerously ambiguous port definition with spec.initContainers[0].ports[0]"#,
            r#"spec.containers[0].ports[2]: hostIP set without hostPort: {Name:web HostPort:0 ContainerPort:91 Protocol:TCP HostIP:10.0.0.2}"#,
            r#"spec.containers[1].ports[0]: duplicate port definition with spec.initContainers[0].ports[0]"#,
            r#"spec.containers[1].ports[0]: dangerously ambiguous port definition with spec.containers[0].ports[0]"#,
            r#"spec.containers[0].ports[2]: duplicate port name "web" with spec.initContainers[0].ports[0], services and probes that select ports by name will use spec.initContainers[0].ports[0]"#,
            r#"spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector: a null labelSelector results in matching no pod"#,
        ],
    );
}

/// GetWarningsForIP on dnsConfig.nameservers and hostAliases[].ip. The 1.35 rows were
/// computed by the same v1.36.2 tree with StrictIPCIDRValidation off (its 1.35 default),
/// the only difference that matters here.
#[test]
fn ip_address_spellings() {
    let pod = |ip: &str, minor: u32| {
        let yaml = format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  dnsConfig: {{nameservers: [\"{ip}\"]}}\n  hostAliases: [{{ip: \"{ip}\", hostnames: [a]}}]\n  containers:\n  - name: c\n    image: nginx:1\n");
        let report = build(&yaml, &Options::new(Version::new(1, minor)));
        report.admit.expect("a pod").result.warnings
    };
    let both = |ip: &str, what: &str| {
        vec![
            format!("spec.dnsConfig.nameservers[0]: {ip} {what}"),
            format!("spec.hostAliases[0].ip: {ip} {what}"),
        ]
    };
    let rows: Vec<(&str, u32, Vec<String>)> = vec![
        (
            "2001:DB8::1",
            36,
            both(
                "IPv6 address \"2001:DB8::1\"",
                "should be in RFC 5952 canonical format (\"2001:db8::1\")",
            ),
        ),
        (
            "1:0:0:2:0:0:0:3",
            36,
            both(
                "IPv6 address \"1:0:0:2:0:0:0:3\"",
                "should be in RFC 5952 canonical format (\"1:0:0:2::3\")",
            ),
        ),
        ("fe80::1", 36, vec![]),
        (
            "010.1.1.1",
            35,
            both(
                "non-standard IP address \"010.1.1.1\"",
                "is invalid: use \"10.1.1.1\"",
            ),
        ),
        (
            "::ffff:1.2.3.4",
            35,
            both(
                "non-standard IP address \"::ffff:1.2.3.4\"",
                "is invalid: use \"1.2.3.4\"",
            ),
        ),
        (
            "::ffff:010.2.3.4",
            35,
            both(
                "non-standard IP address \"::ffff:010.2.3.4\"",
                "is invalid: use \"10.2.3.4\"",
            ),
        ),
    ];
    for (ip, minor, want) in rows {
        assert_eq!(pod(ip, minor), want, "{ip} in 1.{minor}");
    }
}
