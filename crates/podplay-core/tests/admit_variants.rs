//! HAND-DERIVED expectations (not computed by Kubernetes): every row below was worked out
//! by reading the Kubernetes source named with it. Rows computed by Kubernetes live in the
//! `conformance_*.rs` tests.
//!
//! Variants of the public conformance categories, run the way `podplay admit
//! --kubernetes-version 1.35` runs them (report::build), with expectations derived by
//! reading Kubernetes v1.35 source. Each row names the source function it follows.
//!
//! A row gives the pod (plus optional cluster objects), the outcome, the exact error
//! strings, and JSON-pointer checks on the created pod (`None` = the key is absent).

use podplay_core::report::{build, Options};
use podplay_core::versions::Version;
use serde_json::{json, Value};

struct Row {
    name: &'static str,
    /// Source the expectation was derived from.
    source: &'static str,
    yaml: String,
    outcome: &'static str,
    errors: &'static [&'static str],
    /// (JSON pointer into the created pod, expected value or None for absent).
    checks: Vec<(&'static str, Option<Value>)>,
}

/// A pod named `p` with one container `c` (image nginx:1) and `extra` lines appended under
/// `spec:` (indented two spaces) or under the container (indented four spaces).
fn pod(container_extra: &str, spec_extra: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n{spec_extra}  containers:\n  - name: c\n    image: nginx:1\n{container_extra}"
    )
}

fn run(row: &Row) {
    let options = Options::new(Version::parse("1.35").unwrap());
    let report = build(&row.yaml, &options);
    let view = report
        .admit
        .as_ref()
        .unwrap_or_else(|| panic!("{}: no admit result", row.name));
    let outcome = serde_json::to_value(view.outcome).unwrap();
    assert_eq!(
        outcome,
        json!(row.outcome),
        "{}: outcome ({})",
        row.name,
        row.source
    );
    assert_eq!(
        view.result.errors, row.errors,
        "{}: errors ({})",
        row.name, row.source
    );
    if row.checks.is_empty() {
        return;
    }
    let pod = view
        .result
        .pod
        .as_ref()
        .unwrap_or_else(|| panic!("{}: no created pod", row.name));
    for (pointer, want) in &row.checks {
        assert_eq!(
            pod.pointer(pointer),
            want.as_ref(),
            "{}: {pointer} ({})",
            row.name,
            row.source
        );
    }
}

const FORMAT_WRONG: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

#[test]
fn quantity_variants() {
    let limits = |v: &str| {
        pod(
            &format!("    resources:\n      limits:\n        cpu: {v}\n"),
            "",
        )
    };
    let cpu = "/spec/containers/0/resources/limits/cpu";
    let req = "/spec/containers/0/resources/requests/cpu";
    let rows = vec![
        Row {
            name: "spaces around a quoted quantity are trimmed",
            source: "resource.Quantity.UnmarshalJSON: ParseQuantity(strings.TrimSpace(...))",
            yaml: limits("\" 250m \""),
            outcome: "created",
            errors: &[],
            checks: vec![(cpu, Some(json!("250m"))), (req, Some(json!("250m")))],
        },
        Row {
            name: "a tab is JSON-escaped, so not trimmed",
            source: "resource.Quantity.UnmarshalJSON trims the raw JSON text (\\t stays)",
            yaml: limits("\"\\t1\""),
            outcome: "decode-error",
            errors: &[FORMAT_WRONG],
            checks: vec![],
        },
        Row {
            name: "sub-milli values round up to 1m (limits and the copied requests)",
            source: "core/v1 SetDefaults_ResourceList: val.RoundUp(milliScale)",
            yaml: limits("0.0001"),
            outcome: "created",
            errors: &[],
            checks: vec![(cpu, Some(json!("1m"))), (req, Some(json!("1m")))],
        },
        Row {
            name: "micro suffix rounds up to milli",
            source: "core/v1 SetDefaults_ResourceList: val.RoundUp(milliScale)",
            yaml: limits("1u"),
            outcome: "created",
            errors: &[],
            checks: vec![(cpu, Some(json!("1m")))],
        },
        Row {
            name: "1.1m rounds up to 2m",
            source: "core/v1 SetDefaults_ResourceList: val.RoundUp(milliScale)",
            yaml: limits("1.1m"),
            outcome: "created",
            errors: &[],
            checks: vec![(cpu, Some(json!("2m")))],
        },
        Row {
            name: "YAML float 1e3 is the JSON number 1000",
            source: "sigs.k8s.io/yaml YAMLToJSON (float64 1000 marshals as 1000); ParseQuantity",
            yaml: limits("1e3"),
            outcome: "created",
            errors: &[],
            checks: vec![(cpu, Some(json!("1k")))],
        },
        Row {
            name: "quoted \"1E3\" keeps its text (canonical-looking exponent form)",
            source: "ParseQuantity fast path keeps s when scale%3==0",
            yaml: limits("\"1E3\""),
            outcome: "created",
            errors: &[],
            checks: vec![(cpu, Some(json!("1E3")))],
        },
        Row {
            name: "1.5Gi is written 1536Mi",
            source: "Quantity.CanonicalizeBytes (BinarySI)",
            yaml: limits("1.5Gi"),
            outcome: "created",
            errors: &[],
            checks: vec![(cpu, Some(json!("1536Mi")))],
        },
        Row {
            name: "YAML hex int",
            source: "go-yaml v2 resolve: strconv.ParseInt(plain, 0, 64)",
            yaml: limits("0x10"),
            outcome: "created",
            errors: &[],
            checks: vec![(cpu, Some(json!("16")))],
        },
        Row {
            name: "unknown suffix",
            source: "ParseQuantity: quantitySuffixer.interpret fails -> ErrSuffix",
            yaml: limits("1ki"),
            outcome: "decode-error",
            errors: &["unable to parse quantity's suffix"],
            checks: vec![],
        },
    ];
    for row in &rows {
        run(row);
    }
}

#[test]
fn runtime_class_overhead_variants() {
    let with_rc = |pod_overhead: &str, rc_overhead: &str| {
        format!(
            "{}---\napiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: rc\nhandler: h\n{rc_overhead}",
            pod("", &format!("  runtimeClassName: rc\n{pod_overhead}"))
        )
    };
    let rows = vec![
        Row {
            name: "pod overhead equal by value (1 vs 1000m) is accepted",
            source: "runtimeclass setOverhead: apiequality.Semantic.DeepEqual (Quantity.Cmp)",
            yaml: with_rc(
                "  overhead:\n    cpu: \"1\"\n",
                "overhead:\n  podFixed:\n    cpu: 1000m\n",
            ),
            outcome: "created",
            errors: &[],
            checks: vec![("/spec/overhead/cpu", Some(json!("1")))],
        },
        Row {
            name: "1Ki equals 1024 although the formats differ",
            source: "runtimeclass setOverhead: apiequality.Semantic.DeepEqual (Quantity.Cmp)",
            yaml: with_rc(
                "  overhead:\n    memory: 1Ki\n",
                "overhead:\n  podFixed:\n    memory: \"1024\"\n",
            ),
            outcome: "created",
            errors: &[],
            checks: vec![("/spec/overhead/memory", Some(json!("1024")))],
        },
        Row {
            name: "RuntimeClass quantities are not defaulted: 0.1m vs the pod's rounded 1m",
            source: "node/v1 has no defaulters; pod overhead goes through SetDefaults_ResourceList",
            yaml: with_rc(
                "  overhead:\n    cpu: 0.1m\n",
                "overhead:\n  podFixed:\n    cpu: 0.1m\n",
            ),
            outcome: "rejected-admission",
            errors: &["pods \"p\" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead"],
            checks: vec![],
        },
        Row {
            name: "the class's unrounded overhead is copied as is",
            source: "runtimeclass setOverhead: pod.Spec.Overhead = nodeOverhead.PodFixed",
            yaml: with_rc("", "overhead:\n  podFixed:\n    cpu: 0.1m\n"),
            outcome: "created",
            errors: &[],
            checks: vec![("/spec/overhead/cpu", Some(json!("100u")))],
        },
    ];
    for row in &rows {
        run(row);
    }
}

#[test]
fn create_step_variants() {
    let rows = vec![
        Row {
            name: "an empty lifecycle is kept",
            source: "pkg/api/pod/util.go dropContainerStopSignals: only wipes when StopSignal was set",
            yaml: pod("    lifecycle: {}\n", ""),
            outcome: "created",
            errors: &[],
            checks: vec![("/spec/containers/0/lifecycle", Some(json!({})))],
        },
        Row {
            name: "a lifecycle holding only a stop signal goes (ContainerStopSignals off in 1.35)",
            source: "pkg/api/pod/util.go dropContainerStopSignals",
            yaml: pod("    lifecycle: {stopSignal: SIGTERM}\n", ""),
            outcome: "created",
            errors: &[],
            checks: vec![("/spec/containers/0/lifecycle", None)],
        },
        Row {
            name: "stop signal dropped, hooks kept",
            source: "pkg/api/pod/util.go dropContainerStopSignals",
            yaml: pod(
                "    lifecycle:\n      stopSignal: SIGTERM\n      preStop:\n        sleep: {seconds: 1}\n",
                "",
            ),
            outcome: "created",
            errors: &[],
            checks: vec![(
                "/spec/containers/0/lifecycle",
                Some(json!({"preStop": {"sleep": {"seconds": 1}}})),
            )],
        },
        Row {
            name: "a status in the request is replaced",
            source: "pkg/registry/core/pod/strategy.go PrepareForCreate",
            yaml: format!(
                "{}status:\n  phase: Running\n  podIP: 10.0.0.1\n",
                pod("", "")
            ),
            outcome: "created",
            errors: &[],
            checks: vec![(
                "/status",
                Some(json!({"phase": "Pending", "qosClass": "BestEffort"})),
            )],
        },
    ];
    for row in &rows {
        run(row);
    }
}

#[test]
fn decode_error_variants() {
    let c = |extra: &str| pod(extra, "");
    let s = |extra: &str| pod("", extra);
    let rows = vec![
        Row {
            name: "float into an IntOrString port: the outer decoder names the struct field (oracle, v1.36.2)",
            source: "intstr.IntOrString.UnmarshalJSON -> encoding/json.Unmarshal(value, &IntVal)",
            yaml: c("    livenessProbe:\n      httpGet: {port: 80.5}\n"),
            outcome: "decode-error",
            errors: &["json: cannot unmarshal number 80.5 into Go struct field HTTPGetAction.spec.containers.livenessProbe.ProbeHandler.httpGet.port of type int32"],
            checks: vec![],
        },
        Row {
            name: "bool into an IntOrString port",
            source: "intstr.IntOrString.UnmarshalJSON -> encoding/json.Unmarshal(value, &IntVal)",
            yaml: c("    readinessProbe:\n      tcpSocket: {port: true}\n"),
            outcome: "decode-error",
            errors: &["json: cannot unmarshal bool into Go struct field TCPSocketAction.spec.containers.readinessProbe.ProbeHandler.tcpSocket.port of type int32"],
            checks: vec![],
        },
        Row {
            name: "int32 overflow in an IntOrString port",
            source: "intstr.IntOrString.UnmarshalJSON -> encoding/json.Unmarshal(value, &IntVal)",
            yaml: c("    readinessProbe:\n      tcpSocket: {port: 3000000000}\n"),
            outcome: "decode-error",
            errors: &["json: cannot unmarshal number 3000000000 into Go struct field TCPSocketAction.spec.containers.readinessProbe.ProbeHandler.tcpSocket.port of type int32"],
            checks: vec![],
        },
        Row {
            name: "a number as creationTimestamp",
            source: "metav1.Time.UnmarshalJSON -> encoding/json.Unmarshal(b, &str)",
            yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  creationTimestamp: 5\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n".to_string(),
            outcome: "decode-error",
            errors: &["json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string"],
            checks: vec![],
        },
        Row {
            name: "a YAML date is a string that RFC 3339 parsing rejects",
            source: "metav1.Time.UnmarshalJSON -> time.Parse(time.RFC3339, str) (*time.ParseError)",
            yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  creationTimestamp: 2024-01-01\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n".to_string(),
            outcome: "decode-error",
            errors: &["parsing time \"2024-01-01\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\""],
            checks: vec![],
        },
        Row {
            name: "a timestamp with an offset and a fraction comes back in UTC, whole seconds",
            source: "metav1.Time.MarshalJSON: t.UTC().Format(time.RFC3339)",
            yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  creationTimestamp: \"2024-01-01T05:30:00.25+05:30\"\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n".to_string(),
            outcome: "created",
            errors: &[],
            checks: vec![("/metadata/creationTimestamp", Some(json!("2024-01-01T00:00:00Z")))],
        },
        Row {
            name: "bool into a string field",
            source: "sigs.k8s.io/json literalStore: UnmarshalTypeError with struct context",
            yaml: c("    workingDir: true\n"),
            outcome: "decode-error",
            errors: &["json: cannot unmarshal bool into Go struct field Container.spec.containers.workingDir of type string"],
            checks: vec![],
        },
        Row {
            name: "object into a slice",
            source: "sigs.k8s.io/json object(): UnmarshalTypeError{Value: \"object\"}",
            yaml: c("    env: {name: A}\n"),
            outcome: "decode-error",
            errors: &["json: cannot unmarshal object into Go struct field Container.spec.containers.env of type []v1.EnvVar"],
            checks: vec![],
        },
        Row {
            name: "array into a struct",
            source: "sigs.k8s.io/json array(): UnmarshalTypeError{Value: \"array\"}",
            yaml: s("  securityContext: []\n"),
            outcome: "decode-error",
            errors: &["json: cannot unmarshal array into Go struct field PodSpec.spec.securityContext of type v1.PodSecurityContext"],
            checks: vec![],
        },
        Row {
            name: "int64 overflow (YAML uint64)",
            source: "go-yaml v2 resolve (ParseUint); literalStore OverflowInt",
            yaml: s("  activeDeadlineSeconds: 9223372036854775808\n"),
            outcome: "decode-error",
            errors: &["json: cannot unmarshal number 9223372036854775808 into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64"],
            checks: vec![],
        },
        Row {
            name: "float into int64",
            source: "literalStore: strconv.ParseInt fails -> \"number 1.5\"",
            yaml: s("  securityContext: {runAsUser: 1.5}\n"),
            outcome: "decode-error",
            errors: &["json: cannot unmarshal number 1.5 into Go struct field PodSecurityContext.spec.securityContext.runAsUser of type int64"],
            checks: vec![],
        },
        Row {
            name: "a bad quantity wins over an earlier type error",
            source: "decodeState.unmarshal: an Unmarshaler's error aborts; saved type errors come last",
            yaml: c("    tty: \"yes\"\n    resources:\n      limits: {memory: 1x}\n"),
            outcome: "decode-error",
            errors: &[FORMAT_WRONG],
            checks: vec![],
        },
        Row {
            name: "YAML 1.1 number forms: octal 0644, hex, underscores",
            source: "go-yaml v2 resolve: strconv.ParseInt(strings.Replace(in, \"_\", \"\", -1), 0, 64)",
            yaml: pod(
                "    ports:\n    - containerPort: 0x50\n    - containerPort: 1_000\n",
                "  volumes:\n  - name: v\n    configMap: {name: m, defaultMode: 0644}\n",
            ),
            outcome: "created",
            errors: &[],
            checks: vec![
                ("/spec/containers/0/ports/0/containerPort", Some(json!(80))),
                ("/spec/containers/0/ports/1/containerPort", Some(json!(1000))),
                ("/spec/volumes/0/configMap/defaultMode", Some(json!(420))),
            ],
        },
    ];
    for row in &rows {
        run(row);
    }
}
