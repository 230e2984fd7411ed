//! Tables of container specs and the exact errors Kubernetes reports for them (1.35 and 1.36).

use serde_json::{json, Value};

use super::*;
use crate::pod_json::Pointer;
use crate::versions::Version;

const V135: Version = Version::new(1, 35);
const V136: Version = Version::new(1, 36);

/// Every container check in Go's order, rendered as `field.Error.Error()`.
fn run(spec: &Value, version: Version) -> Vec<String> {
    let ctx = ValidationContext::new(version);
    let volumes: ValidVolumes = list(spec, "volumes")
        .iter()
        .map(|v| (text(v, "name"), v))
        .collect();
    let mut errs = validate_containers(spec, &volumes, &ctx);
    errs.extend(validate_init_containers(spec, &volumes, &ctx));
    errs.extend(validate_ephemeral_containers(spec, &volumes, &ctx));
    errs.extend(validate_host_network_ports(spec));
    errs.extend(validate_file_key_ref_volumes(spec));
    errs.extend(validate_containers_only_for_pod(spec));
    errs.iter().map(FieldError::render).collect()
}

/// A defaulted container named `c` with `extra` merged in.
fn ctr(extra: Value) -> Value {
    let mut c = json!({
        "name": "c",
        "image": "nginx",
        "imagePullPolicy": "Always",
        "terminationMessagePath": "/dev/termination-log",
        "terminationMessagePolicy": "File",
        "resources": {}
    });
    merge(&mut c, extra);
    c
}

/// A defaulted pod spec with `containers` and `extra` merged in.
fn spec(containers: Vec<Value>, extra: Value) -> Value {
    let mut s = json!({
        "containers": containers,
        "restartPolicy": "Always",
        "terminationGracePeriodSeconds": 30,
        "dnsPolicy": "ClusterFirst",
    });
    merge(&mut s, extra);
    s
}

fn merge(target: &mut Value, extra: Value) {
    if let (Some(t), Value::Object(e)) = (target.as_object_mut(), extra) {
        for (k, v) in e {
            t.insert(k, v);
        }
    }
}

/// A liveness probe with defaults and `handler` merged in.
fn probe(handler: Value) -> Value {
    let mut p = json!({
        "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3
    });
    merge(&mut p, handler);
    p
}

struct Case {
    name: &'static str,
    spec: Value,
    expected: &'static [&'static str],
}

fn check(cases: Vec<Case>, version: Version) {
    for case in cases {
        let got = run(&case.spec, version);
        assert_eq!(got, case.expected, "case {} ({version})", case.name);
    }
}

const LABEL_RE: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

#[test]
fn names_images_and_policies() {
    let label_err = format!("spec.containers[0].name: Invalid value: \"Web_1\": {LABEL_RE}");
    let got = run(&spec(vec![ctr(json!({"name": "Web_1"}))], json!({})), V136);
    assert_eq!(got, vec![label_err]);

    check(
        vec![
            Case {
                name: "valid",
                spec: spec(vec![ctr(json!({}))], json!({})),
                expected: &[],
            },
            Case {
                name: "no containers",
                spec: spec(vec![], json!({})),
                expected: &["spec.containers: Required value"],
            },
            Case {
                name: "dots in name",
                spec: spec(vec![ctr(json!({"name": "a.b"}))], json!({})),
                expected: &["spec.containers[0].name: Invalid value: \"a.b\": must not contain dots"],
            },
            Case {
                name: "empty name and image",
                spec: spec(vec![ctr(json!({"name": "", "image": ""}))], json!({})),
                expected: &[
                    "spec.containers[0].name: Required value",
                    "spec.containers[0].image: Required value",
                ],
            },
            Case {
                name: "padded image",
                spec: spec(vec![ctr(json!({"image": " nginx"}))], json!({})),
                expected: &["spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace"],
            },
            Case {
                name: "duplicate names across regular and init",
                spec: spec(
                    vec![ctr(json!({})), ctr(json!({}))],
                    json!({"initContainers": [ctr(json!({}))]}),
                ),
                expected: &[
                    "spec.containers[1].name: Duplicate value: \"c\"",
                    "spec.initContainers[0].name: Duplicate value: \"c\"",
                ],
            },
            Case {
                name: "pull policy",
                spec: spec(
                    vec![ctr(json!({"imagePullPolicy": "Sometimes"})), ctr(json!({"name": "d", "imagePullPolicy": ""}))],
                    json!({}),
                ),
                expected: &[
                    "spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\"",
                    "spec.containers[1].imagePullPolicy: Required value",
                ],
            },
            Case {
                name: "termination message policy",
                spec: spec(vec![ctr(json!({"terminationMessagePolicy": "Sometimes"}))], json!({})),
                expected: &["spec.containers[0].terminationMessagePolicy: Unsupported value: \"Sometimes\": supported values: \"File\", \"FallbackToLogsOnError\""],
            },
        ],
        V136,
    );
}

#[test]
fn ports() {
    check(
        vec![
            Case {
                name: "port range and protocol",
                spec: spec(
                    vec![ctr(json!({"ports": [
                        {"containerPort": 65536, "protocol": "TCP"},
                        {"containerPort": 80, "hostPort": 70000, "protocol": "tcp"},
                        {"containerPort": 0, "protocol": ""}
                    ]}))],
                    json!({}),
                ),
                expected: &[
                    "spec.containers[0].ports[0].containerPort: Invalid value: 65536: must be between 1 and 65535, inclusive",
                    "spec.containers[0].ports[1].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
                    "spec.containers[0].ports[1].protocol: Unsupported value: \"tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                    "spec.containers[0].ports[2].containerPort: Required value",
                    "spec.containers[0].ports[2].protocol: Required value",
                ],
            },
            Case {
                name: "port names",
                spec: spec(
                    vec![ctr(json!({"ports": [
                        {"name": "http", "containerPort": 80, "protocol": "TCP"},
                        {"name": "http", "containerPort": 81, "protocol": "TCP"},
                        {"name": "-Web--server-long", "containerPort": 82, "protocol": "TCP"},
                        {"name": "8080", "containerPort": 83, "protocol": "TCP"}
                    ]}))],
                    json!({}),
                ),
                expected: &[
                    "spec.containers[0].ports[1].name: Duplicate value: \"http\"",
                    "spec.containers[0].ports[2].name: Invalid value: \"-Web--server-long\": must be no more than 15 characters",
                    "spec.containers[0].ports[2].name: Invalid value: \"-Web--server-long\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                    "spec.containers[0].ports[2].name: Invalid value: \"-Web--server-long\": must not contain consecutive hyphens",
                    "spec.containers[0].ports[2].name: Invalid value: \"-Web--server-long\": must not begin or end with a hyphen",
                    "spec.containers[0].ports[3].name: Invalid value: \"8080\": must contain at least one letter (a-z)",
                ],
            },
            Case {
                name: "host port conflicts across containers, per init container",
                spec: spec(
                    vec![
                        ctr(json!({"ports": [{"containerPort": 80, "hostPort": 8080, "protocol": "TCP"}]})),
                        ctr(json!({"name": "d", "ports": [{"containerPort": 81, "hostPort": 8080, "protocol": "TCP"}]})),
                    ],
                    json!({"initContainers": [
                        ctr(json!({"name": "i0"})),
                        ctr(json!({"name": "i1", "ports": [
                            {"containerPort": 80, "hostPort": 9090, "protocol": "TCP"},
                            {"containerPort": 81, "hostPort": 9090, "protocol": "TCP"}
                        ]}))
                    ]}),
                ),
                expected: &[
                    "spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//8080\"",
                    // Go checks each init container alone, so the index is always 0.
                    "spec.initContainers[0].ports[1].hostPort: Duplicate value: \"TCP//9090\"",
                ],
            },
            Case {
                name: "hostNetwork needs hostPort == containerPort",
                spec: spec(
                    vec![ctr(json!({"ports": [{"containerPort": 80, "hostPort": 9090, "protocol": "TCP"}]}))],
                    json!({"hostNetwork": true}),
                ),
                expected: &["spec.containers[0].ports[0].hostPort: Invalid value: 9090: must match `containerPort` when `hostNetwork` is true"],
            },
        ],
        V136,
    );
}

#[test]
fn probes_and_handlers() {
    check(
        vec![
            Case {
                name: "two handlers",
                spec: spec(vec![ctr(json!({"livenessProbe": probe(json!({
                    "exec": {"command": ["true"]}, "tcpSocket": {"port": 80}
                }))}))], json!({})),
                expected: &["spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type"],
            },
            Case {
                name: "no handler, negative fields, liveness threshold",
                spec: spec(vec![ctr(json!({"livenessProbe": {
                    "initialDelaySeconds": -1, "timeoutSeconds": 1, "periodSeconds": 10,
                    "successThreshold": 2, "failureThreshold": 3, "terminationGracePeriodSeconds": 0
                }}))], json!({})),
                expected: &[
                    "spec.containers[0].livenessProbe: Required value: must specify a handler type",
                    "spec.containers[0].livenessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0",
                    "spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0",
                    "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
                ],
            },
            Case {
                name: "readiness may not set terminationGracePeriodSeconds; threshold 2 is fine",
                spec: spec(vec![ctr(json!({"readinessProbe": probe(json!({
                    "successThreshold": 2, "terminationGracePeriodSeconds": 5, "grpc": {"port": 9000}
                }))}))], json!({})),
                expected: &["spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes"],
            },
            Case {
                name: "httpGet fields",
                spec: spec(vec![ctr(json!({"startupProbe": probe(json!({
                    "httpGet": {"path": "", "port": "Http", "scheme": "FTP", "httpHeaders": [{"name": "X Bad", "value": "1"}]}
                }))}))], json!({})),
                expected: &[
                    "spec.containers[0].startupProbe.httpGet.path: Required value",
                    "spec.containers[0].startupProbe.httpGet.port: Invalid value: \"Http\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                    "spec.containers[0].startupProbe.httpGet.scheme: Unsupported value: \"FTP\": supported values: \"HTTP\", \"HTTPS\"",
                    "spec.containers[0].startupProbe.httpGet.httpHeaders: Invalid value: \"X Bad\": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')",
                ],
            },
            Case {
                name: "tcp port 0 and empty exec",
                spec: spec(vec![ctr(json!({
                    "livenessProbe": probe(json!({"tcpSocket": {"port": 0}})),
                    "readinessProbe": probe(json!({"exec": {}}))
                }))], json!({})),
                expected: &[
                    "spec.containers[0].livenessProbe.tcpSocket.port: Invalid value: 0: must be between 1 and 65535, inclusive",
                    "spec.containers[0].readinessProbe.exec.command: Required value",
                ],
            },
            Case {
                name: "named probe port need not exist",
                spec: spec(vec![ctr(json!({"livenessProbe": probe(json!({"httpGet": {"path": "/", "port": "nope", "scheme": "HTTP"}}))}))], json!({})),
                expected: &[],
            },
        ],
        V136,
    );
}

#[test]
fn lifecycle_hooks() {
    check(
        vec![
            Case {
                name: "sleep longer than grace",
                spec: spec(
                    vec![ctr(json!({"lifecycle": {"preStop": {"sleep": {"seconds": 10}}}}))],
                    json!({"terminationGracePeriodSeconds": 5}),
                ),
                expected: &["spec.containers[0].lifecycle.preStop.sleep: Invalid value: 10: must be non-negative and less than terminationGracePeriodSeconds (5)"],
            },
            Case {
                name: "sleep zero and equal to grace are fine",
                spec: spec(
                    vec![ctr(json!({"lifecycle": {
                        "postStart": {"sleep": {"seconds": 0}}, "preStop": {"sleep": {"seconds": 5}}
                    }}))],
                    json!({"terminationGracePeriodSeconds": 5}),
                ),
                expected: &[],
            },
            Case {
                name: "negative sleep, empty hook, tcpSocket hook accepted",
                spec: spec(
                    vec![ctr(json!({"lifecycle": {
                        "postStart": {"sleep": {"seconds": -1}}, "preStop": {}
                    }})), ctr(json!({"name": "d", "lifecycle": {"preStop": {"tcpSocket": {"port": 80}}}}))],
                    json!({}),
                ),
                expected: &[
                    "spec.containers[0].lifecycle.postStart.sleep: Invalid value: -1: must be non-negative and less than terminationGracePeriodSeconds (30)",
                    "spec.containers[0].lifecycle.preStop: Required value: must specify a handler type",
                ],
            },
            Case {
                name: "sleep plus exec",
                spec: spec(
                    vec![ctr(json!({"lifecycle": {"preStop": {"exec": {"command": ["x"]}, "sleep": {"seconds": 1}}}}))],
                    json!({}),
                ),
                expected: &["spec.containers[0].lifecycle.preStop.sleep: Forbidden: may not specify more than 1 handler type"],
            },
            Case {
                name: "stopSignal needs spec.os",
                spec: spec(vec![ctr(json!({"lifecycle": {"stopSignal": "SIGUSR1"}}))], json!({})),
                expected: &["spec.containers[0].lifecycle.stopSignal: Forbidden: may not be set for containers with empty `spec.os.name`"],
            },
            Case {
                name: "stopSignal on windows",
                spec: spec(
                    vec![ctr(json!({"lifecycle": {"stopSignal": "SIGUSR1"}}))],
                    json!({"os": {"name": "windows"}}),
                ),
                expected: &["spec.containers[0].lifecycle.stopSignal: Unsupported value: \"SIGUSR1\": supported values: \"SIGKILL\", \"SIGTERM\""],
            },
        ],
        V136,
    );
}

#[test]
fn env_and_env_from() {
    check(
        vec![
            Case {
                name: "names",
                spec: spec(vec![ctr(json!({"env": [
                    {"name": "A=B"}, {"name": ""}, {"name": "1 ok"}
                ]}))], json!({})),
                expected: &[
                    "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
                    "spec.containers[0].env[1].name: Required value",
                ],
            },
            Case {
                name: "fieldRef paths",
                spec: spec(vec![ctr(json!({"env": [
                    {"name": "A", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "spec.foo"}}},
                    {"name": "B", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.labels"}}},
                    {"name": "C", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.labels['a/b/c']"}}},
                    {"name": "D", "valueFrom": {"fieldRef": {"apiVersion": "v2", "fieldPath": "metadata.name"}}},
                    {"name": "E", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "spec.nodeName['x']"}}},
                    {"name": "F", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "spec.host"}}},
                    {"name": "G", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.annotations['Example.COM/Key']"}}}
                ]}))], json!({})),
                expected: &[
                    "spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: \"spec.foo\": error converting fieldPath: field label not supported: spec.foo",
                    "spec.containers[0].env[1].valueFrom.fieldRef.fieldPath: Unsupported value: \"metadata.labels\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\"",
                    "spec.containers[0].env[2].valueFrom.fieldRef: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                    "spec.containers[0].env[3].valueFrom.fieldRef.fieldPath: Invalid value: \"metadata.name\": error converting fieldPath: unsupported pod version: v2",
                    "spec.containers[0].env[4].valueFrom.fieldRef.fieldPath: Invalid value: \"spec.nodeName['x']\": error converting fieldPath: field label does not support subscript: spec.nodeName['x']",
                ],
            },
            Case {
                name: "sources",
                spec: spec(vec![ctr(json!({"env": [
                    {"name": "A", "valueFrom": {}},
                    {"name": "B", "value": "x", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}},
                    {"name": "C", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}, "configMapKeyRef": {"name": "c", "key": "k"}}},
                    {"name": "D", "valueFrom": {"configMapKeyRef": {"name": "Bad_Name", "key": "a b"}}},
                    {"name": "E", "valueFrom": {"secretKeyRef": {"name": "s", "key": ".."}}}
                ]}))], json!({})),
                expected: &[
                    "spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`",
                    "spec.containers[0].env[1].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty",
                    "spec.containers[0].env[2].valueFrom: Invalid value: \"\": may not have more than one field specified at a time",
                    "spec.containers[0].env[3].valueFrom.configMapKeyRef.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                    "spec.containers[0].env[3].valueFrom.configMapKeyRef.key: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
                    "spec.containers[0].env[4].valueFrom.secretKeyRef.key: Invalid value: \"..\": must not be '..'",
                ],
            },
            Case {
                name: "resourceFieldRef",
                spec: spec(vec![ctr(json!({"env": [
                    {"name": "A", "valueFrom": {"resourceFieldRef": {"resource": "limits.gpu"}}},
                    {"name": "B", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu", "divisor": "1Mi"}}},
                    {"name": "C", "valueFrom": {"resourceFieldRef": {"resource": "requests.hugepages-2Mi", "divisor": "1Mi"}}},
                    {"name": "D", "valueFrom": {"resourceFieldRef": {"resource": ""}}}
                ]}))], json!({})),
                expected: &[
                    "spec.containers[0].env[0].valueFrom.resourceFieldRef.resource: Unsupported value: \"limits.gpu\": supported values: \"limits.cpu\", \"limits.ephemeral-storage\", \"limits.memory\", \"requests.cpu\", \"requests.ephemeral-storage\", \"requests.memory\"",
                    "spec.containers[0].env[1].valueFrom.resourceFieldRef.divisor: Invalid value: \"limits.cpu\": only divisor's values 1m and 1 are supported with the cpu resource",
                    "spec.containers[0].env[3].valueFrom.resourceFieldRef.resource: Required value",
                ],
            },
            Case {
                name: "fileKeyRef",
                spec: spec(
                    vec![ctr(json!({"env": [
                        {"name": "A", "valueFrom": {"fileKeyRef": {"volumeName": "cfg", "path": "a/../b", "key": "K", "optional": false}}},
                        {"name": "B", "valueFrom": {"fileKeyRef": {"volumeName": "missing", "path": "f", "key": "K", "optional": false}}},
                        {"name": "C", "valueFrom": {"fileKeyRef": {"volumeName": "host", "path": "f", "key": "", "optional": false}}}
                    ]}))],
                    json!({"volumes": [{"name": "cfg", "emptyDir": {}}, {"name": "host", "hostPath": {"path": "/x"}}]}),
                ),
                expected: &[
                    "spec.containers[0].env[0].valueFrom.fileKeyRef.path: Invalid value: \"a/../b\": must not contain '..'",
                    "spec.containers[0].env[2].valueFrom.fileKeyRef.key: Required value",
                    "spec.containers[0].env[1].valueFrom.fileKeyRef.volumeName: Not found: \"missing\"",
                    "spec.containers[0].env[2].valueFrom.fileKeyRef.volumeName: Invalid value: \"host\": referenced volume must be of type emptyDir",
                ],
            },
            Case {
                name: "envFrom",
                spec: spec(vec![ctr(json!({"envFrom": [
                    {"prefix": "A=", "configMapRef": {"name": "cm-"}},
                    {},
                    {"configMapRef": {"name": "a"}, "secretRef": {"name": ""}}
                ]}))], json!({})),
                expected: &[
                    "spec.containers[0].envFrom[0].prefix: Invalid value: \"A=\": a valid environment variable name must consist only of printable ASCII characters other than '='",
                    "spec.containers[0].envFrom: Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`",
                    "spec.containers[0].envFrom[2].secretRef.name: Required value",
                    "spec.containers[0].envFrom: Invalid value: \"\": may not have more than one field specified at a time",
                ],
            },
        ],
        V136,
    );
}

#[test]
fn resources() {
    check(
        vec![
            Case {
                name: "unknown name",
                spec: spec(vec![ctr(json!({"resources": {"limits": {"foo": "1"}, "requests": {"foo": "1"}}}))], json!({})),
                expected: &[
                    "spec.containers[0].resources.limits[foo]: Invalid value: \"foo\": must be a standard resource type or fully qualified",
                    "spec.containers[0].resources.limits[foo]: Invalid value: \"foo\": must be a standard resource for containers",
                    "spec.containers[0].resources.requests[foo]: Invalid value: \"foo\": must be a standard resource type or fully qualified",
                    "spec.containers[0].resources.requests[foo]: Invalid value: \"foo\": must be a standard resource for containers",
                ],
            },
            Case {
                name: "request above limit",
                spec: spec(vec![ctr(json!({"resources": {"limits": {"cpu": "500m"}, "requests": {"cpu": "1"}}}))], json!({})),
                expected: &["spec.containers[0].resources.requests: Invalid value: \"1\": must be less than or equal to cpu limit of 500m"],
            },
            Case {
                name: "extended resources must match and be whole",
                spec: spec(vec![ctr(json!({"resources": {
                    "limits": {"example.com/gpu": "2"},
                    "requests": {"example.com/gpu": "1", "example.com/fpga": "1"}
                }}))], json!({})),
                expected: &[
                    "spec.containers[0].resources.requests: Invalid value: \"1\": must be equal to example.com/gpu limit of 2",
                    "spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources",
                ],
            },
            Case {
                name: "storage is standard but not for containers; negative",
                spec: spec(vec![ctr(json!({"resources": {"limits": {"storage": "1Gi", "memory": "-1"}}}))], json!({})),
                expected: &[
                    "spec.containers[0].resources.limits[storage]: Invalid value: \"storage\": must be a standard resource for containers",
                    "spec.containers[0].resources.limits[memory]: Invalid value: \"-1\": must be greater than or equal to 0",
                ],
            },
            Case {
                name: "hugepages need cpu or memory and whole pages",
                spec: spec(vec![ctr(json!({"resources": {
                    "limits": {"hugepages-2Mi": "3Mi"}, "requests": {"hugepages-2Mi": "3Mi"}
                }}))], json!({})),
                expected: &[
                    "spec.containers[0].resources.limits[hugepages-2Mi]: Invalid value: \"3Mi\": 3Mi is not positive integer multiple of hugepages-2Mi",
                    "spec.containers[0].resources.requests[hugepages-2Mi]: Invalid value: \"3Mi\": 3Mi is not positive integer multiple of hugepages-2Mi",
                    "spec.containers[0].resources: Forbidden: HugePages require cpu or memory",
                ],
            },
            Case {
                name: "bad extended name",
                spec: spec(vec![ctr(json!({"resources": {"limits": {"example.com/a..b": "1"}}}))], json!({})),
                expected: &[],
            },
            Case {
                name: "claims",
                spec: spec(
                    vec![ctr(json!({"resources": {"claims": [
                        {"name": "gpu"}, {"name": "gpu"}, {"name": ""}, {"name": "other"}
                    ]}}))],
                    json!({"resourceClaims": [{"name": "gpu", "resourceClaimName": "x"}]}),
                ),
                expected: &[
                    "spec.containers[0].resources.claims[1]: Duplicate value: \"gpu\"",
                    "spec.containers[0].resources.claims[2]: Required value",
                    "spec.containers[0].resources.claims[3]: Not found: \"other\": must be one of the names in pod.spec.resourceClaims: gpu",
                ],
            },
        ],
        V136,
    );
}

#[test]
fn volume_mounts_and_devices() {
    let volumes = json!({"volumes": [
        {"name": "data", "emptyDir": {}},
        {"name": "claim", "persistentVolumeClaim": {"claimName": "pvc"}}
    ]});
    check(
        vec![
            Case {
                name: "mounts",
                spec: spec(
                    vec![ctr(json!({"volumeMounts": [
                        {"name": "nope", "mountPath": "/a"},
                        {"name": "data", "mountPath": "/a", "subPath": "/abs/../x"},
                        {"name": "data", "mountPath": "/b", "subPath": "x", "subPathExpr": "$(X)"},
                        {"name": "data", "mountPath": "/c", "mountPropagation": "Bidirectional"},
                        {"name": "data", "mountPath": "/d", "recursiveReadOnly": "Enabled", "mountPropagation": "HostToContainer"},
                        {"name": "", "mountPath": ""}
                    ]}))],
                    volumes.clone(),
                ),
                expected: &[
                    "spec.containers[0].volumeMounts[0].name: Not found: \"nope\"",
                    "spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/a\": must be unique",
                    "spec.containers[0].volumeMounts.subPath: Invalid value: \"/abs/../x\": must be a relative path",
                    "spec.containers[0].volumeMounts.subPath: Invalid value: \"/abs/../x\": must not contain '..'",
                    "spec.containers[0].volumeMounts[2].subPathExpr: Invalid value: \"$(X)\": subPathExpr and subPath are mutually exclusive",
                    "spec.containers[0].volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers",
                    "spec.containers[0].volumeMounts.recursiveReadOnly: Forbidden: may only be specified when readOnly is true",
                    "spec.containers[0].volumeMounts.recursiveReadOnly: Forbidden: may only be specified when mountPropagation is None or not specified",
                    "spec.containers[0].volumeMounts[5].name: Required value",
                    "spec.containers[0].volumeMounts[5].name: Not found: \"\"",
                    "spec.containers[0].volumeMounts[5].mountPath: Required value",
                ],
            },
            Case {
                name: "devices",
                spec: spec(
                    vec![ctr(json!({
                        "volumeMounts": [{"name": "claim", "mountPath": "/dev/xvda"}],
                        "volumeDevices": [
                            {"name": "data", "devicePath": "/dev/a/../b"},
                            {"name": "claim", "devicePath": "/dev/xvda"}
                        ]
                    }))],
                    volumes.clone(),
                ),
                expected: &[
                    "spec.containers[0].volumeMounts[0].name: Invalid value: \"claim\": must not already exist in volumeDevices",
                    "spec.containers[0].volumeMounts[0].mountPath: Invalid value: \"/dev/xvda\": must not already exist as a path in volumeDevices",
                    "spec.containers[0].volumeDevices[0].name: Invalid value: \"data\": can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode",
                    "spec.containers[0].volumeDevices[0].devicePath: Invalid value: \"/dev/a/../b\": can not contain backsteps ('..')",
                    "spec.containers[0].volumeDevices[1].name: Invalid value: \"claim\": must not already exist in volumeMounts",
                    "spec.containers[0].volumeDevices[1].devicePath: Invalid value: \"/dev/xvda\": must not already exist as a path in volumeMounts",
                ],
            },
        ],
        V136,
    );
}

#[test]
fn security_context() {
    check(
        vec![
            Case {
                name: "privileged is disallowed by default; Bidirectional then allowed",
                spec: spec(
                    vec![ctr(json!({
                        "securityContext": {"privileged": true},
                        "volumeMounts": [{"name": "v", "mountPath": "/mnt", "mountPropagation": "Bidirectional"}]
                    }))],
                    json!({"volumes": [{"name": "v", "hostPath": {"path": "/mnt", "type": ""}}]}),
                ),
                expected: &["spec.containers[0].securityContext.privileged: Forbidden: disallowed by cluster policy"],
            },
            Case {
                name: "ids, procMount, seccomp, apparmor",
                spec: spec(vec![ctr(json!({"securityContext": {
                    "runAsUser": -1, "runAsGroup": 2147483648_i64, "procMount": "Unmasked",
                    "seccompProfile": {"type": "Localhost"},
                    "appArmorProfile": {"type": "Localhost", "localhostProfile": " p"}
                }}))], json!({})),
                expected: &[
                    "spec.containers[0].securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive",
                    "spec.containers[0].securityContext.runAsGroup: Invalid value: 2147483648: must be between 0 and 2147483647, inclusive",
                    "spec.containers[0].securityContext.procMount: Invalid value: \"Unmasked\": `hostUsers` must be false to use `Unmasked`",
                    "spec.containers[0].securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost",
                    "spec.containers[0].securityContext.appArmorProfile.localhostProfile: Invalid value: \" p\": must not be padded with whitespace",
                ],
            },
            Case {
                name: "unmasked with user namespaces; unknown types",
                spec: spec(
                    vec![ctr(json!({"securityContext": {
                        "procMount": "Unmasked",
                        "seccompProfile": {"type": "Bogus"},
                        "appArmorProfile": {"type": ""}
                    }}))],
                    json!({"hostUsers": false}),
                ),
                expected: &[
                    "spec.containers[0].securityContext.seccompProfile.type: Unsupported value: \"Bogus\": supported values: \"Localhost\", \"RuntimeDefault\", \"Unconfined\"",
                    "spec.containers[0].securityContext.appArmorProfile.type: Required value: type is required when appArmorProfile is set",
                ],
            },
            Case {
                name: "windows user names",
                spec: spec(vec![ctr(json!({"securityContext": {"windowsOptions": {
                    "runAsUserName": "a\\b\\c", "gmsaCredentialSpec": ""
                }}})), ctr(json!({"name": "d", "securityContext": {"windowsOptions": {"runAsUserName": "dom:ain\\..."}}}))], json!({})),
                expected: &[
                    "spec.containers[0].securityContext.windowsOptions.gmsaCredentialSpec: Invalid value: \"\": gmsaCredentialSpec cannot be an empty string",
                    "spec.containers[0].securityContext.windowsOptions.runAsUserName: Invalid value: \"a\\\\b\\\\c\": runAsUserName cannot contain more than one backslash",
                    "spec.containers[1].securityContext.windowsOptions.runAsUserName: Invalid value: \"dom:ain\\\\...\": runAsUserName's Domain doesn't match the NetBios nor the DNS format",
                    "spec.containers[1].securityContext.windowsOptions.runAsUserName: Invalid value: \"dom:ain\\\\...\": runAsUserName's User cannot contain only periods or spaces",
                ],
            },
        ],
        V136,
    );
}

#[test]
fn sidecars_and_init_containers() {
    check(
        vec![
            Case {
                name: "probes and lifecycle forbidden on plain init containers",
                spec: spec(
                    vec![ctr(json!({}))],
                    json!({"initContainers": [ctr(json!({
                        "name": "i",
                        "lifecycle": {"preStop": {"exec": {"command": ["x"]}}},
                        "readinessProbe": probe(json!({"exec": {"command": ["x"]}}))
                    }))]}),
                ),
                expected: &[
                    "spec.initContainers[0].lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always",
                    "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always",
                ],
            },
            Case {
                name: "sidecar probes are validated",
                spec: spec(
                    vec![ctr(json!({}))],
                    json!({"initContainers": [ctr(json!({
                        "name": "s", "restartPolicy": "Always",
                        "lifecycle": {"postStart": {}},
                        "startupProbe": probe(json!({"successThreshold": 3, "exec": {"command": ["x"]}}))
                    }))]}),
                ),
                expected: &[
                    "spec.initContainers[0].lifecycle.postStart: Required value: must specify a handler type",
                    "spec.initContainers[0].startupProbe.successThreshold: Invalid value: 3: must be 1",
                ],
            },
            Case {
                name: "init restartPolicy OnFailure is allowed with rules (1.35+); bad values",
                spec: spec(
                    vec![ctr(json!({}))],
                    json!({"initContainers": [
                        ctr(json!({"name": "a", "restartPolicy": "OnFailure"})),
                        ctr(json!({"name": "b", "restartPolicy": "Sometimes"})),
                        ctr(json!({"name": "c2", "restartPolicyRules": [{"action": "Restart", "exitCodes": {"operator": "In", "values": [1]}}]}))
                    ]}),
                ),
                expected: &[
                    "spec.initContainers[1].restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\", \"OnFailure\"",
                    "spec.initContainers[2].restartPolicy: Required value: must specify restartPolicy when restart rules are used",
                ],
            },
            Case {
                name: "regular container restart rules",
                spec: spec(
                    vec![ctr(json!({"restartPolicy": "Never", "restartPolicyRules": [
                        {"action": "Retry", "exitCodes": {"operator": "Is", "values": [1]}},
                        {"action": "Restart"}
                    ]}))],
                    json!({}),
                ),
                expected: &[
                    "spec.containers[0].restartPolicyRules[0].action: Unsupported value: \"Retry\": supported values: \"Restart\", \"RestartAllContainers\"",
                    "spec.containers[0].restartPolicyRules[0].exitCodes.operator: Unsupported value: \"Is\": supported values: \"In\", \"NotIn\"",
                    "spec.containers[0].restartPolicyRules[1].exitCodes: Required value: must be specified",
                ],
            },
        ],
        V136,
    );
}

#[test]
fn resize_policy() {
    let never = json!({"restartPolicy": "Never"});
    let s = spec(
        vec![ctr(json!({"resizePolicy": [
            {"resourceName": "cpu", "restartPolicy": "RestartContainer"},
            {"resourceName": "cpu", "restartPolicy": "NotRequired"},
            {"resourceName": "gpu", "restartPolicy": "Maybe"}
        ]}))],
        never,
    );
    assert_eq!(
        run(&s, V136),
        vec![
            "spec.containers[0].resizePolicy: Invalid value: \"RestartContainer\": must be 'NotRequired' when pod `restartPolicy` is 'Never'",
            "spec.containers[0].resizePolicy[1]: Duplicate value: \"cpu\"",
            "spec.containers[0].resizePolicy: Unsupported value: \"gpu\": supported values: \"cpu\", \"memory\"",
            "spec.containers[0].resizePolicy: Unsupported value: \"Maybe\": supported values: \"NotRequired\", \"RestartContainer\"",
            "spec.containers[0].resizePolicy: Invalid value: \"Maybe\": must be 'NotRequired' when pod `restartPolicy` is 'Never'",
        ]
    );
    assert_eq!(
        run(&s, V135)[0],
        "spec.containers[0].resizePolicy: Invalid value: \"RestartContainer\": must be 'NotRequired' when `restartPolicy` is 'Never'"
    );
}

#[test]
fn differences_between_1_35_and_1_36() {
    // RestartContainer resize policy on a non-sidecar init container: rejected from 1.36.
    let init_resize = spec(
        vec![ctr(json!({}))],
        json!({"initContainers": [
            ctr(json!({"name": "i", "resizePolicy": [{"resourceName": "memory", "restartPolicy": "RestartContainer"}]})),
            ctr(json!({"name": "s", "restartPolicy": "Always", "resizePolicy": [{"resourceName": "memory", "restartPolicy": "RestartContainer"}]}))
        ]}),
    );
    assert_eq!(run(&init_resize, V135), Vec::<String>::new());
    assert_eq!(
        run(&init_resize, V136),
        vec!["spec.initContainers[0].resizePolicy[0].restartPolicy: Invalid value: \"RestartContainer\": must not be set to 'RestartContainer' for non-sidecar initContainers"]
    );

    // More than 20 restartPolicyRules: Too long in 1.35, Too many in 1.36.
    let rule = json!({"action": "Restart", "exitCodes": {"operator": "In", "values": [1]}});
    let many = spec(
        vec![ctr(
            json!({"restartPolicy": "Never", "restartPolicyRules": vec![rule; 21]}),
        )],
        json!({}),
    );
    assert_eq!(
        run(&many, V135),
        vec!["spec.containers[0].restartPolicyRules: Too long: may not be more than 20 bytes"]
    );
    assert_eq!(
        run(&many, V136),
        vec!["spec.containers[0].restartPolicyRules: Too many: 21: must have at most 20 items"]
    );

    // More than 255 exit codes.
    let codes: Vec<i64> = (0..256).collect();
    let many_codes = spec(
        vec![ctr(
            json!({"restartPolicy": "Never", "restartPolicyRules": [
                {"action": "Restart", "exitCodes": {"operator": "In", "values": codes}}
            ]}),
        )],
        json!({}),
    );
    assert_eq!(
        run(&many_codes, V135),
        vec!["spec.containers[0].restartPolicyRules[0].exitCodes.values: Too long: may not be more than 255 bytes"]
    );
    assert_eq!(
        run(&many_codes, V136),
        vec!["spec.containers[0].restartPolicyRules[0].exitCodes.values: Too many: 256: must have at most 255 items"]
    );

    // RestartAllContainers: an action only from 1.36; sidecars may carry rules only then.
    let restart_all = spec(
        vec![ctr(
            json!({"restartPolicy": "Never", "restartPolicyRules": [
                {"action": "RestartAllContainers", "exitCodes": {"operator": "In", "values": [42]}}
            ]}),
        )],
        json!({"initContainers": [ctr(json!({"name": "s", "restartPolicy": "Always", "restartPolicyRules": [
            {"action": "Restart", "exitCodes": {"operator": "NotIn", "values": [0]}}
        ]}))]}),
    );
    assert_eq!(
        run(&restart_all, V135),
        vec![
            "spec.containers[0].restartPolicyRules[0].action: Unsupported value: \"RestartAllContainers\": supported values: \"Restart\"",
            "spec.initContainers[0].restartPolicyRules: Forbidden: restartPolicyRules are not allowed for init containers with restart policy Always",
        ]
    );
    assert_eq!(run(&restart_all, V136), Vec::<String>::new());
}

#[test]
fn older_releases_use_their_gates() {
    // 1.34: no container restart rules (ContainerRestartRules off), no fileKeyRef wording.
    let v134 = Version::new(1, 34);
    let s = spec(
        vec![ctr(
            json!({"restartPolicy": "Always", "env": [{"name": "A", "valueFrom": {}}]}),
        )],
        json!({"initContainers": [ctr(json!({"name": "i", "restartPolicy": "OnFailure"}))]}),
    );
    assert_eq!(
        run(&s, v134),
        vec![
            "spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
            "spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers",
            "spec.initContainers[0].restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"",
        ]
    );
}

#[test]
fn ephemeral_containers() {
    let s = spec(
        vec![ctr(json!({}))],
        json!({"ephemeralContainers": [
            ctr(json!({
                "name": "c", "image": "busybox ", "targetContainerName": "nope",
                "ports": [{"containerPort": 80, "protocol": "TCP"}],
                "resources": {"limits": {"cpu": "1"}},
                "readinessProbe": probe(json!({"exec": {"command": ["x"]}})),
                "volumeMounts": [{"name": "v", "mountPath": "/v", "subPath": "x"}]
            }))
        ], "volumes": [{"name": "v", "emptyDir": {}}]}),
    );
    assert_eq!(
        run(&s, V136),
        vec![
            "spec.ephemeralContainers[0].image: Invalid value: \"busybox \": must not have leading or trailing whitespace",
            "spec.ephemeralContainers[0].name: Duplicate value: \"c\"",
            "spec.ephemeralContainers[0].targetContainerName: Not found: \"nope\"",
            "spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container",
            "spec.ephemeralContainers[0].resources: Forbidden: cannot be set for an Ephemeral Container",
            "spec.ephemeralContainers[0].readinessProbe: Forbidden: cannot be set for an Ephemeral Container",
            "spec.ephemeralContainers[0].volumeMounts[0].subPath: Forbidden: cannot be set for an Ephemeral Container",
        ]
    );
}

#[test]
fn malformed_input_does_not_panic() {
    for s in [
        json!(null),
        json!({"containers": "x"}),
        json!({"containers": [null, 1, "x", {"ports": [null], "env": [3], "resources": {"limits": {"cpu": {}}}}]}),
        json!({"containers": [{"livenessProbe": {"httpGet": {"port": {}}}, "lifecycle": {"preStop": 5}}]}),
    ] {
        let _ = run(&s, V136);
    }
}

/// Container errors of every conformance case (computed by v1.35.4; v1.36.2 gives the same
/// results for these inputs): the expected errors whose path is inside a container list must
/// be exactly what these checks produce, in order.
#[test]
fn conformance_container_errors() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/conformance/k8s-1.35/defaults"
    );
    let Ok(entries) = std::fs::read_dir(dir) else {
        panic!("conformance cases missing at {dir}");
    };
    let mut checked = 0;
    for entry in entries.flatten() {
        let Ok(text_) = std::fs::read_to_string(entry.path().join("expected.json")) else {
            continue;
        };
        let expected: Value = serde_json::from_str(&text_).expect("expected.json parses");
        let Some(spec_json) = expected.at("/preparedForCreate/spec") else {
            continue;
        };
        let in_containers = |field: &str| {
            [
                "spec.containers",
                "spec.initContainers",
                "spec.ephemeralContainers",
            ]
            .iter()
            .any(|p| field.starts_with(p))
        };
        let want: Vec<String> = list(&expected, "validationErrors")
            .iter()
            .filter(|e| in_containers(text(e, "field")))
            .map(|e| text(e, "error").to_string())
            .collect();
        for version in [V135, V136] {
            let got: Vec<String> = run(spec_json, version)
                .into_iter()
                .filter(|e| in_containers(e))
                .collect();
            let case = entry.file_name();
            assert_eq!(got, want, "case {} ({version})", case.to_string_lossy());
        }
        checked += 1;
    }
    assert!(checked > 50, "only {checked} cases checked");
}

#[test]
fn whole_security_context_bad_value_uses_go_field_names() {
    let s = spec(
        vec![ctr(json!({"securityContext": {
            "allowPrivilegeEscalation": false,
            "capabilities": {"add": ["CAP_SYS_ADMIN"]}
        }}))],
        json!({}),
    );
    let ctx = ValidationContext::new(V136);
    let errs = validate_containers(&s, &ValidVolumes::new(), &ctx);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].field, "spec.containers[0].securityContext");
    assert_eq!(
        errs[0].detail,
        "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"
    );
    assert_eq!(
        errs[0].bad_value,
        Some(json!({
            "Capabilities": {"Add": ["CAP_SYS_ADMIN"], "Drop": null},
            "Privileged": null, "SELinuxOptions": null, "WindowsOptions": null,
            "RunAsUser": null, "RunAsGroup": null, "RunAsNonRoot": null,
            "ReadOnlyRootFilesystem": null, "AllowPrivilegeEscalation": false,
            "ProcMount": null, "SeccompProfile": null, "AppArmorProfile": null
        }))
    );
}
