//! COMPUTED BY KUBERNETES: outputs from local builds of the real v1.35.2, v1.34.2 and v1.33.5 trees (see the file header)
//!
//! The kubelet's container environment where releases differ, COMPUTED by each release's own
//! kubelet: the env oracle of `env_oracle_variants.rs` (decode, defaults, ServiceAccount
//! admission, `ValidatePodCreate`, `newTestKubelet` with node-1 and `default/kubernetes`,
//! `makeEnvironmentVariables`, `ExpandContainerCommandAndArgs`) rebuilt in the v1.35.2,
//! v1.34.2 and v1.33.5 trees with each release's default feature gates, run differentially
//! against `podplay env --kubernetes-version 1.3X`. podplay agreed on every row; these pin the
//! release differences the runs met: `$` before a non-ASCII character (byte-wise before
//! v1.35.2), `fileKeyRef` (unknown in 1.33, EnvFiles off in 1.34), pod-level resources
//! (PodLevelResources off in 1.33) and a regular container's `restartPolicy`
//! (ContainerRestartRules off in 1.34, unknown to 1.33's DropDisabledPodFields), and the
//! sandbox hostname (`hostnameOverride` from 1.35, setHostnameAsFQDN, the 63-character cut).
//! Environments are sorted by name (the kubelet's own order is random).

use podplay_core::report::{build, Options};
use podplay_core::versions::Version;

/// A container's kubelet output: its sorted `NAME=value` list, command and args.
type Run<'a> = (&'a [&'a str], &'a [&'a str], &'a [&'a str]);

/// What the release answers.
enum Want<'a> {
    /// The API server's rejection message.
    Rejected(&'a str),
    /// Per container (init containers first): its output or the kubelet's error.
    Created(&'a [(&'a str, Result<Run<'a>, &'a str>)]),
}
use Want::{Created, Rejected};

/// (release minor, case name, paste, answer).
type Case<'a> = (u32, &'a str, &'a str, Want<'a>);

type Got = Result<Vec<(String, Result<[Vec<String>; 3], String>)>, String>;

fn check(cases: &[Case]) {
    let mut failures = Vec::new();
    for (minor, name, paste, want) in cases {
        let report = build(paste, &Options::new(Version::new(1, *minor)));
        let created = report.admit.as_ref().is_some_and(|a| a.created);
        let got: Got = if !created {
            Err(report.admit.map(|a| a.server_message).unwrap_or_default())
        } else {
            let containers = report
                .views
                .environment
                .map(|e| e.containers)
                .unwrap_or_default();
            Ok(containers
                .into_iter()
                .map(|c| {
                    let result = match (c.error, c.env) {
                        (Some(e), _) => Err(e.message),
                        (None, rows) => {
                            let mut vars: Vec<String> = rows
                                .iter()
                                .flatten()
                                .map(|r| format!("{}={}", r.name, r.value))
                                .collect();
                            vars.sort();
                            Ok([
                                vars,
                                c.command.unwrap_or_default(),
                                c.args.unwrap_or_default(),
                            ])
                        }
                    };
                    (c.name, result)
                })
                .collect())
        };
        let owned = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let want: Got = match want {
            Rejected(message) => Err(message.to_string()),
            Created(containers) => Ok(containers
                .iter()
                .map(|(c, r)| {
                    let r = r
                        .map(|(env, command, args)| [owned(env), owned(command), owned(args)])
                        .map_err(str::to_string);
                    (c.to_string(), r)
                })
                .collect()),
        };
        if got != want {
            failures.push(format!(
                "1.{minor} {name}:\n  got  {got:?}\n  want {want:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// third_party/forked/golang/expansion/expand.go `tryReadVariableName`: before kubernetes PR
/// #136325 (v1.35.2) `$` and a non-ASCII character became `$` + `string(input[0])` (the first
/// byte as a rune) and the rest of the character's bytes stayed as they were (not UTF-8:
/// U+FFFD each in JSON); from 1.35 the whole rune is kept. A substituted value and an envFrom
/// value are never scanned, whatever the release.
#[test]
fn dollar_before_a_non_ascii_character() {
    check(&[
        (
            34,
            "dollar-cmd-0",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "command":
    - "sh"
    - "$é"
    "args":
    - "$é"
    - "y$é"
    "env":
    - "name": "A"
      "value": "aval"
"#,
            Created(&[(
                "app",
                Ok((
                    &[
                        "A=aval",
                        "KUBERNETES_PORT=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1",
                        "KUBERNETES_PORT_443_TCP_PORT=443",
                        "KUBERNETES_PORT_443_TCP_PROTO=tcp",
                        "KUBERNETES_SERVICE_HOST=10.96.0.1",
                        "KUBERNETES_SERVICE_PORT=443",
                        "KUBERNETES_SERVICE_PORT_HTTPS=443",
                    ],
                    &["sh", "$Ã\u{fffd}"],
                    &["$Ã\u{fffd}", "y$Ã\u{fffd}"],
                )),
            )]),
        ),
        (
            33,
            "dollar-cmd-2",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "command":
    - "sh"
    - "$中文"
    "args":
    - "$中文"
    - "y$中文"
    "env":
    - "name": "A"
      "value": "aval"
"#,
            Created(&[(
                "app",
                Ok((
                    &[
                        "A=aval",
                        "KUBERNETES_PORT=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1",
                        "KUBERNETES_PORT_443_TCP_PORT=443",
                        "KUBERNETES_PORT_443_TCP_PROTO=tcp",
                        "KUBERNETES_SERVICE_HOST=10.96.0.1",
                        "KUBERNETES_SERVICE_PORT=443",
                        "KUBERNETES_SERVICE_PORT_HTTPS=443",
                    ],
                    &["sh", "$ä\u{fffd}\u{fffd}文"],
                    &["$ä\u{fffd}\u{fffd}文", "y$ä\u{fffd}\u{fffd}文"],
                )),
            )]),
        ),
        (
            34,
            "dollar-cmd-3",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "command":
    - "sh"
    - "$\U0001F600x"
    "args":
    - "$\U0001F600x"
    - "y$\U0001F600x"
    "env":
    - "name": "A"
      "value": "aval"
"#,
            Created(&[(
                "app",
                Ok((
                    &[
                        "A=aval",
                        "KUBERNETES_PORT=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1",
                        "KUBERNETES_PORT_443_TCP_PORT=443",
                        "KUBERNETES_PORT_443_TCP_PROTO=tcp",
                        "KUBERNETES_SERVICE_HOST=10.96.0.1",
                        "KUBERNETES_SERVICE_PORT=443",
                        "KUBERNETES_SERVICE_PORT_HTTPS=443",
                    ],
                    &["sh", "$ð\u{fffd}\u{fffd}\u{fffd}x"],
                    &[
                        "$ð\u{fffd}\u{fffd}\u{fffd}x",
                        "y$ð\u{fffd}\u{fffd}\u{fffd}x",
                    ],
                )),
            )]),
        ),
        (
            33,
            "dollar-cmd-7",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "command":
    - "sh"
    - "$\x80"
    "args":
    - "$\x80"
    - "y$\x80"
    "env":
    - "name": "A"
      "value": "aval"
"#,
            Created(&[(
                "app",
                Ok((
                    &[
                        "A=aval",
                        "KUBERNETES_PORT=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1",
                        "KUBERNETES_PORT_443_TCP_PORT=443",
                        "KUBERNETES_PORT_443_TCP_PROTO=tcp",
                        "KUBERNETES_SERVICE_HOST=10.96.0.1",
                        "KUBERNETES_SERVICE_PORT=443",
                        "KUBERNETES_SERVICE_PORT_HTTPS=443",
                    ],
                    &["sh", "$Â\u{fffd}"],
                    &["$Â\u{fffd}", "y$Â\u{fffd}"],
                )),
            )]),
        ),
        (
            35,
            "dollar-cmd-7",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "command":
    - "sh"
    - "$\x80"
    "args":
    - "$\x80"
    - "y$\x80"
    "env":
    - "name": "A"
      "value": "aval"
"#,
            Created(&[(
                "app",
                Ok((
                    &[
                        "A=aval",
                        "KUBERNETES_PORT=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1",
                        "KUBERNETES_PORT_443_TCP_PORT=443",
                        "KUBERNETES_PORT_443_TCP_PROTO=tcp",
                        "KUBERNETES_SERVICE_HOST=10.96.0.1",
                        "KUBERNETES_SERVICE_PORT=443",
                        "KUBERNETES_SERVICE_PORT_HTTPS=443",
                    ],
                    &["sh", "$\u{80}"],
                    &["$\u{80}", "y$\u{80}"],
                )),
            )]),
        ),
        (
            34,
            "dollar-cmd-10",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "command":
    - "sh"
    - "$Ā"
    "args":
    - "$Ā"
    - "y$Ā"
    "env":
    - "name": "A"
      "value": "aval"
"#,
            Created(&[(
                "app",
                Ok((
                    &[
                        "A=aval",
                        "KUBERNETES_PORT=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1",
                        "KUBERNETES_PORT_443_TCP_PORT=443",
                        "KUBERNETES_PORT_443_TCP_PROTO=tcp",
                        "KUBERNETES_SERVICE_HOST=10.96.0.1",
                        "KUBERNETES_SERVICE_PORT=443",
                        "KUBERNETES_SERVICE_PORT_HTTPS=443",
                    ],
                    &["sh", "$Ä\u{fffd}"],
                    &["$Ä\u{fffd}", "y$Ä\u{fffd}"],
                )),
            )]),
        ),
        (
            33,
            "dollar-ref-value-not-rescanned",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "command":
    - "$(B)"
    "env":
    - "name": "A"
      "value": "$é"
    - "name": "B"
      "value": "$(A)$é"
"#,
            Created(&[(
                "app",
                Ok((
                    &[
                        "A=$Ã\u{fffd}",
                        "B=$Ã\u{fffd}$Ã\u{fffd}",
                        "KUBERNETES_PORT=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1",
                        "KUBERNETES_PORT_443_TCP_PORT=443",
                        "KUBERNETES_PORT_443_TCP_PROTO=tcp",
                        "KUBERNETES_SERVICE_HOST=10.96.0.1",
                        "KUBERNETES_SERVICE_PORT=443",
                        "KUBERNETES_SERVICE_PORT_HTTPS=443",
                    ],
                    &["$Ã\u{fffd}$Ã\u{fffd}"],
                    &[],
                )),
            )]),
        ),
        (
            34,
            "dollar-envfrom-value",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "args":
    - "$(K)"
    "envFrom":
    - "configMapRef":
        "name": "a"
    "env":
    - "name": "B"
      "value": "$(K)$é"
---
"apiVersion": "v1"
"kind": "ConfigMap"
"metadata":
  "name": "a"
"data":
  "K": "$ü"
"#,
            Created(&[(
                "app",
                Ok((
                    &[
                        "B=$ü$Ã\u{fffd}",
                        "K=$ü",
                        "KUBERNETES_PORT=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1",
                        "KUBERNETES_PORT_443_TCP_PORT=443",
                        "KUBERNETES_PORT_443_TCP_PROTO=tcp",
                        "KUBERNETES_SERVICE_HOST=10.96.0.1",
                        "KUBERNETES_SERVICE_PORT=443",
                        "KUBERNETES_SERVICE_PORT_HTTPS=443",
                    ],
                    &[],
                    &["$ü"],
                )),
            )]),
        ),
        (
            35,
            "dollar-envfrom-value",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "args":
    - "$(K)"
    "envFrom":
    - "configMapRef":
        "name": "a"
    "env":
    - "name": "B"
      "value": "$(K)$é"
---
"apiVersion": "v1"
"kind": "ConfigMap"
"metadata":
  "name": "a"
"data":
  "K": "$ü"
"#,
            Created(&[(
                "app",
                Ok((
                    &[
                        "B=$ü$é",
                        "K=$ü",
                        "KUBERNETES_PORT=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443",
                        "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1",
                        "KUBERNETES_PORT_443_TCP_PORT=443",
                        "KUBERNETES_PORT_443_TCP_PROTO=tcp",
                        "KUBERNETES_SERVICE_HOST=10.96.0.1",
                        "KUBERNETES_SERVICE_PORT=443",
                        "KUBERNETES_SERVICE_PORT_HTTPS=443",
                    ],
                    &[],
                    &["$ü"],
                )),
            )]),
        ),
    ]);
}

/// `fileKeyRef` (EnvFiles): 1.33's decoder does not know the field and 1.34 drops it on create
/// (gate off, pkg/api/pod/util.go `dropDisabledFields`), so the variable is left with an empty
/// `valueFrom` (validation's message without `fileKeyRef`) or with its other source; from 1.35
/// it is validated (pkg/apis/core/validation `validateFileKeySelector`) and counted as a source.
#[test]
fn file_key_ref_by_release() {
    check(&[
        (
            34,
            "fk-plain",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "env":
    - "name": "F"
      "valueFrom":
        "fileKeyRef":
          "volumeName": "v"
          "path": "a.env"
          "key": "K"
    "volumeMounts":
    - "name": "v"
      "mountPath": "/v"
  "volumes":
  - "name": "v"
    "emptyDir": {}
"#,
            Rejected("Pod \"envpod\" is invalid: spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"),
        ),
        (
            33,
            "fk-plain",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "env":
    - "name": "F"
      "valueFrom":
        "fileKeyRef":
          "volumeName": "v"
          "path": "a.env"
          "key": "K"
    "volumeMounts":
    - "name": "v"
      "mountPath": "/v"
  "volumes":
  - "name": "v"
    "emptyDir": {}
"#,
            Rejected("Pod \"envpod\" is invalid: spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"),
        ),
        (
            34,
            "fk-and-cm",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "env":
    - "name": "F"
      "valueFrom":
        "fileKeyRef":
          "volumeName": "v"
          "path": "a.env"
          "key": "K"
        "configMapKeyRef":
          "name": "a"
          "key": "k"
    "volumeMounts":
    - "name": "v"
      "mountPath": "/v"
  "volumes":
  - "name": "v"
    "emptyDir": {}
---
"apiVersion": "v1"
"kind": "ConfigMap"
"metadata":
  "name": "a"
"data":
  "k": "1"
"#,
            Created(&[
                ("app", Ok((&["F=1", "KUBERNETES_PORT=tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1", "KUBERNETES_PORT_443_TCP_PORT=443", "KUBERNETES_PORT_443_TCP_PROTO=tcp", "KUBERNETES_SERVICE_HOST=10.96.0.1", "KUBERNETES_SERVICE_PORT=443", "KUBERNETES_SERVICE_PORT_HTTPS=443"], &[], &[]))),
            ]),
        ),
        (
            35,
            "fk-and-cm",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "env":
    - "name": "F"
      "valueFrom":
        "fileKeyRef":
          "volumeName": "v"
          "path": "a.env"
          "key": "K"
        "configMapKeyRef":
          "name": "a"
          "key": "k"
    "volumeMounts":
    - "name": "v"
      "mountPath": "/v"
  "volumes":
  - "name": "v"
    "emptyDir": {}
---
"apiVersion": "v1"
"kind": "ConfigMap"
"metadata":
  "name": "a"
"data":
  "k": "1"
"#,
            Rejected("Pod \"envpod\" is invalid: spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not have more than one field specified at a time"),
        ),
        (
            34,
            "fk-key-bad",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "env":
    - "name": "F"
      "valueFrom":
        "fileKeyRef":
          "volumeName": "v"
          "path": "a.env"
          "key": "a=b"
    "volumeMounts":
    - "name": "v"
      "mountPath": "/v"
  "volumes":
  - "name": "v"
    "emptyDir": {}
"#,
            Rejected("Pod \"envpod\" is invalid: spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"),
        ),
        (
            35,
            "fk-key-bad",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "env":
    - "name": "F"
      "valueFrom":
        "fileKeyRef":
          "volumeName": "v"
          "path": "a.env"
          "key": "a=b"
    "volumeMounts":
    - "name": "v"
      "mountPath": "/v"
  "volumes":
  - "name": "v"
    "emptyDir": {}
"#,
            Rejected("Pod \"envpod\" is invalid: spec.containers[0].env[0].valueFrom.fileKeyRef.key: Invalid value: \"a=b\": a valid environment variable name must consist only of printable ASCII characters other than '='"),
        ),
        (
            33,
            "valuefrom-empty",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "env":
    - "name": "F"
      "valueFrom": {}
"#,
            Rejected("Pod \"envpod\" is invalid: spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"),
        ),
        (
            35,
            "valuefrom-empty",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "env":
    - "name": "F"
      "valueFrom": {}
"#,
            Rejected("Pod \"envpod\" is invalid: spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`"),
        ),
    ]);
}

/// pkg/kubelet/kubelet_resources.go `defaultPodLimitsForDownwardAPI`: a container without
/// limits reads the pod-level limits from 1.34 (PodLevelResources on); in 1.33 the gate is off,
/// `spec.resources` is dropped on create, and the limits default to the node's allocatable
/// (cpu 4, memory 8Gi, ephemeral-storage 100Gi), with no pod-level validation either.
#[test]
fn pod_level_resources_by_release() {
    check(&[
        (
            33,
            "podlevel-0",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "env":
    - "name": "LIMITS_CPU"
      "valueFrom":
        "resourceFieldRef":
          "resource": "limits.cpu"
    - "name": "LIMITS_MEMORY"
      "valueFrom":
        "resourceFieldRef":
          "resource": "limits.memory"
    - "name": "LIMITS_EPHEMERAL_STORAGE"
      "valueFrom":
        "resourceFieldRef":
          "resource": "limits.ephemeral-storage"
    - "name": "REQUESTS_CPU"
      "valueFrom":
        "resourceFieldRef":
          "resource": "requests.cpu"
    - "name": "REQUESTS_MEMORY"
      "valueFrom":
        "resourceFieldRef":
          "resource": "requests.memory"
    - "name": "REQUESTS_EPHEMERAL_STORAGE"
      "valueFrom":
        "resourceFieldRef":
          "resource": "requests.ephemeral-storage"
  "resources":
    "limits":
      "cpu": "2"
      "memory": "1Gi"
"#,
            Created(&[
                ("app", Ok((&["KUBERNETES_PORT=tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1", "KUBERNETES_PORT_443_TCP_PORT=443", "KUBERNETES_PORT_443_TCP_PROTO=tcp", "KUBERNETES_SERVICE_HOST=10.96.0.1", "KUBERNETES_SERVICE_PORT=443", "KUBERNETES_SERVICE_PORT_HTTPS=443", "LIMITS_CPU=4", "LIMITS_EPHEMERAL_STORAGE=107374182400", "LIMITS_MEMORY=8589934592", "REQUESTS_CPU=0", "REQUESTS_EPHEMERAL_STORAGE=0", "REQUESTS_MEMORY=0"], &[], &[]))),
            ]),
        ),
        (
            34,
            "podlevel-0",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "env":
    - "name": "LIMITS_CPU"
      "valueFrom":
        "resourceFieldRef":
          "resource": "limits.cpu"
    - "name": "LIMITS_MEMORY"
      "valueFrom":
        "resourceFieldRef":
          "resource": "limits.memory"
    - "name": "LIMITS_EPHEMERAL_STORAGE"
      "valueFrom":
        "resourceFieldRef":
          "resource": "limits.ephemeral-storage"
    - "name": "REQUESTS_CPU"
      "valueFrom":
        "resourceFieldRef":
          "resource": "requests.cpu"
    - "name": "REQUESTS_MEMORY"
      "valueFrom":
        "resourceFieldRef":
          "resource": "requests.memory"
    - "name": "REQUESTS_EPHEMERAL_STORAGE"
      "valueFrom":
        "resourceFieldRef":
          "resource": "requests.ephemeral-storage"
  "resources":
    "limits":
      "cpu": "2"
      "memory": "1Gi"
"#,
            Created(&[
                ("app", Ok((&["KUBERNETES_PORT=tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1", "KUBERNETES_PORT_443_TCP_PORT=443", "KUBERNETES_PORT_443_TCP_PROTO=tcp", "KUBERNETES_SERVICE_HOST=10.96.0.1", "KUBERNETES_SERVICE_PORT=443", "KUBERNETES_SERVICE_PORT_HTTPS=443", "LIMITS_CPU=2", "LIMITS_EPHEMERAL_STORAGE=107374182400", "LIMITS_MEMORY=1073741824", "REQUESTS_CPU=0", "REQUESTS_EPHEMERAL_STORAGE=0", "REQUESTS_MEMORY=0"], &[], &[]))),
            ]),
        ),
        (
            33,
            "podlevel-sidecar-2",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "initContainers":
  - "name": "s"
    "image": "busybox:1.36"
    "env":
    - "name": "LIMITS_CPU"
      "valueFrom":
        "resourceFieldRef":
          "resource": "limits.cpu"
    - "name": "LIMITS_MEMORY"
      "valueFrom":
        "resourceFieldRef":
          "resource": "limits.memory"
    - "name": "LIMITS_EPHEMERAL_STORAGE"
      "valueFrom":
        "resourceFieldRef":
          "resource": "limits.ephemeral-storage"
    - "name": "REQUESTS_CPU"
      "valueFrom":
        "resourceFieldRef":
          "resource": "requests.cpu"
    - "name": "REQUESTS_MEMORY"
      "valueFrom":
        "resourceFieldRef":
          "resource": "requests.memory"
    - "name": "REQUESTS_EPHEMERAL_STORAGE"
      "valueFrom":
        "resourceFieldRef":
          "resource": "requests.ephemeral-storage"
    "resources":
      "limits":
        "cpu": "500m"
    "restartPolicy": "Always"
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
  "resources":
    "limits":
      "cpu": "2"
      "memory": "1Gi"
"#,
            Created(&[
                ("s", Ok((&["KUBERNETES_PORT=tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1", "KUBERNETES_PORT_443_TCP_PORT=443", "KUBERNETES_PORT_443_TCP_PROTO=tcp", "KUBERNETES_SERVICE_HOST=10.96.0.1", "KUBERNETES_SERVICE_PORT=443", "KUBERNETES_SERVICE_PORT_HTTPS=443", "LIMITS_CPU=1", "LIMITS_EPHEMERAL_STORAGE=107374182400", "LIMITS_MEMORY=8589934592", "REQUESTS_CPU=1", "REQUESTS_EPHEMERAL_STORAGE=0", "REQUESTS_MEMORY=0"], &[], &[]))),
                ("app", Ok((&["KUBERNETES_PORT=tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1", "KUBERNETES_PORT_443_TCP_PORT=443", "KUBERNETES_PORT_443_TCP_PROTO=tcp", "KUBERNETES_SERVICE_HOST=10.96.0.1", "KUBERNETES_SERVICE_PORT=443", "KUBERNETES_SERVICE_PORT_HTTPS=443"], &[], &[]))),
            ]),
        ),
        (
            33,
            "podlevel-4",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "env":
    - "name": "LIMITS_CPU"
      "valueFrom":
        "resourceFieldRef":
          "resource": "limits.cpu"
    - "name": "LIMITS_MEMORY"
      "valueFrom":
        "resourceFieldRef":
          "resource": "limits.memory"
    - "name": "LIMITS_EPHEMERAL_STORAGE"
      "valueFrom":
        "resourceFieldRef":
          "resource": "limits.ephemeral-storage"
    - "name": "REQUESTS_CPU"
      "valueFrom":
        "resourceFieldRef":
          "resource": "requests.cpu"
    - "name": "REQUESTS_MEMORY"
      "valueFrom":
        "resourceFieldRef":
          "resource": "requests.memory"
    - "name": "REQUESTS_EPHEMERAL_STORAGE"
      "valueFrom":
        "resourceFieldRef":
          "resource": "requests.ephemeral-storage"
    "resources":
      "requests":
        "cpu": "3"
  "resources":
    "requests":
      "cpu": "1"
    "limits":
      "cpu": "2"
"#,
            Created(&[
                ("app", Ok((&["KUBERNETES_PORT=tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1", "KUBERNETES_PORT_443_TCP_PORT=443", "KUBERNETES_PORT_443_TCP_PROTO=tcp", "KUBERNETES_SERVICE_HOST=10.96.0.1", "KUBERNETES_SERVICE_PORT=443", "KUBERNETES_SERVICE_PORT_HTTPS=443", "LIMITS_CPU=4", "LIMITS_EPHEMERAL_STORAGE=107374182400", "LIMITS_MEMORY=8589934592", "REQUESTS_CPU=3", "REQUESTS_EPHEMERAL_STORAGE=0", "REQUESTS_MEMORY=0"], &[], &[]))),
            ]),
        ),
        (
            34,
            "podlevel-4",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "env":
    - "name": "LIMITS_CPU"
      "valueFrom":
        "resourceFieldRef":
          "resource": "limits.cpu"
    - "name": "LIMITS_MEMORY"
      "valueFrom":
        "resourceFieldRef":
          "resource": "limits.memory"
    - "name": "LIMITS_EPHEMERAL_STORAGE"
      "valueFrom":
        "resourceFieldRef":
          "resource": "limits.ephemeral-storage"
    - "name": "REQUESTS_CPU"
      "valueFrom":
        "resourceFieldRef":
          "resource": "requests.cpu"
    - "name": "REQUESTS_MEMORY"
      "valueFrom":
        "resourceFieldRef":
          "resource": "requests.memory"
    - "name": "REQUESTS_EPHEMERAL_STORAGE"
      "valueFrom":
        "resourceFieldRef":
          "resource": "requests.ephemeral-storage"
    "resources":
      "requests":
        "cpu": "3"
  "resources":
    "requests":
      "cpu": "1"
    "limits":
      "cpu": "2"
"#,
            Rejected("Pod \"envpod\" is invalid: spec.resources.requests[cpu]: Invalid value: \"1\": must be greater than or equal to aggregate container requests of 3"),
        ),
    ]);
}

/// A regular container's `restartPolicy`: 1.33 keeps it and validation forbids it; 1.34 drops
/// it on create (ContainerRestartRules off) and the pod runs.
#[test]
fn regular_container_restart_policy_by_release() {
    check(&[
        (
            33,
            "restartpolicy-regular",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "env":
    - "name": "A"
      "value": "1"
    "restartPolicy": "OnFailure"
"#,
            Rejected("Pod \"envpod\" is invalid: spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers"),
        ),
        (
            34,
            "restartpolicy-regular",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
    "env":
    - "name": "A"
      "value": "1"
    "restartPolicy": "OnFailure"
"#,
            Created(&[
                ("app", Ok((&["A=1", "KUBERNETES_PORT=tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1", "KUBERNETES_PORT_443_TCP_PORT=443", "KUBERNETES_PORT_443_TCP_PROTO=tcp", "KUBERNETES_SERVICE_HOST=10.96.0.1", "KUBERNETES_SERVICE_PORT=443", "KUBERNETES_SERVICE_PORT_HTTPS=443"], &[], &[]))),
            ]),
        ),
    ]);
}

/// The sandbox hostname the runtime gives the container (its HOSTNAME): pkg/kubelet/kubelet_pods.go
/// `GeneratePodHostNameAndDomain` then pkg/kubelet/util `GetNodenameForKernel` (setHostnameAsFQDN),
/// as kuberuntime's `generatePodSandboxConfig` calls them. `hostnameOverride` wins from 1.35
/// (HostnameOverride on); 1.34 drops the field on create (gate off) and 1.33 does not know it.
#[test]
fn sandbox_hostname_by_release() {
    let cases: &[(u32, &str, &str, Result<&str, &str>)] = &[
        (
            34,
            "host-0-9",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
  "namespace": "team"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
  "hostnameOverride": "over.ride"
"#,
            Ok("envpod"),
        ),
        (
            35,
            "host-0-9",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
  "namespace": "team"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
  "hostnameOverride": "over.ride"
"#,
            Ok("over.ride"),
        ),
        (
            35,
            "host-0-11",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
  "hostnameOverride": "oooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooo.x"
"#,
            Ok("oooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooo"),
        ),
        (
            34,
            "host-0-13",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "envpod"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
  "hostnameOverride": "ov"
  "subdomain": "sub"
  "setHostnameAsFQDN": true
"#,
            Ok("envpod.sub.default.svc.cluster.local"),
        ),
        (
            33,
            "host-3-13",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-b"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
  "hostnameOverride": "ov"
  "subdomain": "sub"
  "setHostnameAsFQDN": true
"#,
            Err("failed to construct FQDN from pod hostname and cluster domain, FQDN aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.sub.default.svc.cluster.local is too long (64 characters is the max, 92 characters requested)"),
        ),
        (
            33,
            "host-3-0",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-b"
  "namespace": "team"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
"#,
            Ok("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        ),
        (
            34,
            "host-2-4",
            r#""apiVersion": "v1"
"kind": "Pod"
"metadata":
  "name": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
"spec":
  "containers":
  - "name": "app"
    "image": "busybox:1.36"
  "subdomain": "sub"
  "setHostnameAsFQDN": true
"#,
            Err("failed to construct FQDN from pod hostname and cluster domain, FQDN aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.sub.default.svc.cluster.local is too long (64 characters is the max, 93 characters requested)"),
        ),
    ];
    let mut failures = Vec::new();
    for (minor, name, paste, want) in cases {
        let report = build(paste, &Options::new(Version::new(1, *minor)));
        let got = match report.views.environment.map(|e| e.hostname) {
            Some(h) => match h.error {
                Some(e) => Err(e),
                None => Ok(h.hostname),
            },
            None => Err("no environment view".to_string()),
        };
        let want = want.map(str::to_string).map_err(str::to_string);
        if got != want {
            failures.push(format!(
                "1.{minor} {name}:\n  got  {got:?}\n  want {want:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
