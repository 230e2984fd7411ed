//! Variants whose expected outputs were COMPUTED by Kubernetes v1.36.2's own create pipeline
//! (decode with the legacy scheme's deserializer, `SetObjectDefaults_Pod`, conversion, the
//! ServiceAccount/Priority/DefaultTolerationSeconds/RuntimeClass plugins, `DropDisabledPodFields`,
//! `ValidatePodCreate`), run locally on the same tree and toolchain as `tests/conformance/k8s-1.36`
//! during a differential run against `podplay admit`. Each row is a place where podplay differed.

mod common;
use podplay_core::report::{build, Options};
use podplay_core::versions::Version;

use common::admit::check_cases as check;

/// A pod named `p` with one container `c` whose fields (indented four spaces) are appended.
fn container(extra: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n{extra}"
    )
}

#[test]
fn unmarshaler_type_errors_name_the_struct_field() {
    // intstr.IntOrString / metav1.Time UnmarshalJSON call encoding/json; sigs.k8s.io/json's
    // addErrorContext then fills Struct and Field (its UnmarshalTypeError is an alias).
    let ts = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  deletionTimestamp: true\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n";
    check(&[
        ("intstr-float", 36, &container("    livenessProbe:\n      httpGet: {port: 80.5}\n"), "decode-error", &[
            "json: cannot unmarshal number 80.5 into Go struct field HTTPGetAction.spec.containers.livenessProbe.ProbeHandler.httpGet.port of type int32",
        ]),
        ("intstr-overflow", 36, &container("    readinessProbe:\n      tcpSocket: {port: 2147483648}\n"), "decode-error", &[
            "json: cannot unmarshal number 2147483648 into Go struct field TCPSocketAction.spec.containers.readinessProbe.ProbeHandler.tcpSocket.port of type int32",
        ]),
        ("intstr-array", 36, &container("    readinessProbe:\n      tcpSocket: {port: [1]}\n"), "decode-error", &[
            "json: cannot unmarshal array into Go struct field TCPSocketAction.spec.containers.readinessProbe.ProbeHandler.tcpSocket.port of type int32",
        ]),
        ("time-bool", 36, ts, "decode-error", &[
            "json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.deletionTimestamp of type string",
        ]),
    ]);
}

#[test]
fn non_finite_yaml_floats_fail_the_yaml_to_json_step() {
    // sigs.k8s.io/yaml YAMLToJSON keeps .inf/.nan as float64; json.Marshal (sorted map keys)
    // fails with UnsupportedValueError at the first one, even in an unknown field.
    check(&[
        (
            "inf",
            36,
            &container("    ports: [{containerPort: .inf}]\n"),
            "decode-error",
            &["json: unsupported value: +Inf"],
        ),
        (
            "nan-unknown-field-first",
            36,
            &container("    ports: [{containerPort: -.inf}]\n  bogus: .nan\n"),
            "decode-error",
            &["json: unsupported value: NaN"],
        ),
        (
            "sorted-keys",
            36,
            &format!(
                "zzz: .nan\n{}",
                container("    ports: [{containerPort: -.inf}]\n")
            ),
            "decode-error",
            &["json: unsupported value: -Inf"],
        ),
        (
            "duplicate-key-last-wins",
            36,
            &container("    ports: [{containerPort: .nan, containerPort: 1}]\n"),
            "created",
            &[],
        ),
    ]);
}

#[test]
fn map_keys_json_cannot_hold() {
    // go-yaml v2 decode.go `mapping`: a sequence or mapping key fails decoding
    // (`invalid map key: %#v`); a null key decodes and then fails sigs.k8s.io/yaml's
    // convertToJSONableObject (`unsupported map key of type: %s, key: %+#v, value: %+#v`).
    // podplay words every YAML→JSON failure as kubectl (sigs.k8s.io/yaml.Unmarshal) does,
    // with the `error converting YAML to JSON: ` prefix; the rest is the oracle's text.
    let labels = |l: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {{{l}}}\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n")
    };
    let cases: &[(&str, String, &str)] = &[
        ("null-key-string", labels("~: a"), "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: \"a\""),
        ("null-key-null", labels("~: ~"), "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: <nil>"),
        ("null-key-seq", labels("~: [x, 2, ~]"), "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: []interface {}{\"x\", 2, interface {}(nil)}"),
        ("null-key-map", labels("~: {z: 1, a: [b], z: 2}"), "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: map[interface {}]interface {}{\"a\":[]interface {}{\"b\"}, \"z\":2}"),
        ("seq-key", labels("[a, [b]]: 1"), "error converting YAML to JSON: yaml: invalid map key: []interface {}{\"a\", []interface {}{\"b\"}}"),
        // libyaml's stale simple key (saphyr words it "simple key expect ':'").
        (
            "stale-simple-key",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    a: |\n    multi\n    line\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n".to_string(),
            "error converting YAML to JSON: yaml: line 8: could not find expected ':'",
        ),
        (
            "unknown-anchor",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {a: *nope}\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n".to_string(),
            "error converting YAML to JSON: yaml: unknown anchor 'nope' referenced",
        ),
        (
            "cannot-start-token",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    a: @x\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n".to_string(),
            "error converting YAML to JSON: yaml: line 6: found character that cannot start any token",
        ),
        (
            "tab-indentation",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n\tlabels: {}\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n".to_string(),
            "error converting YAML to JSON: yaml: line 5: found a tab character that violates indentation",
        ),
        (
            "tab-after-multiline-plain-scalar",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    a: one\n     two\n     three\n\tfour: x\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n".to_string(),
            "error converting YAML to JSON: yaml: line 9: found a tab character that violates indentation",
        ),
        (
            "document-separator-with-content",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n--- x: y\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n".to_string(),
            "invalid Yaml document separator: x: y",
        ),
        (
            "four-dashes",
            "---- \napiVersion: v1\nkind: Pod\n".to_string(),
            "invalid Yaml document separator: -",
        ),
        ("map-key", labels("{a: 1}: 1"), "error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{\"a\":1}"),
    ];
    for (name, yaml, want) in cases {
        // The CLI reads the paste first and stops there (args.rs), as kubectl does.
        let err = podplay_core::yaml::parse_documents(yaml).expect_err(name);
        assert_eq!(
            podplay_core::input::kubernetes_yaml_error(&err),
            *want,
            "case {name}"
        );
    }
}

#[test]
fn a_pod_of_another_version_is_a_decode_error() {
    // The legacy scheme has Pod only in v1: runtime.notRegisteredErr from Scheme.New.
    let pod = |v: &str| {
        format!("apiVersion: {v}\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n")
    };
    check(&[
        ("apps-v1", 36, &pod("apps/v1"), "decode-error", &[
            "no kind \"Pod\" is registered for version \"apps/v1\" in scheme \"pkg/api/legacyscheme/scheme.go:30\"",
        ]),
        ("v2", 36, &pod("v2"), "decode-error", &[
            "no kind \"Pod\" is registered for version \"v2\" in scheme \"pkg/api/legacyscheme/scheme.go:30\"",
        ]),
        ("two-slashes", 36, &pod("a/b/c"), "decode-error", &["unexpected GroupVersion string: a/b/c"]),
        ("empty-group-is-v1", 36, &pod("/v1"), "created", &[]),
        ("trailing-space", 36, &pod("'v1 '"), "decode-error", &[
            "no kind \"Pod\" is registered for version \"v1 \" in scheme \"pkg/api/legacyscheme/scheme.go:30\"",
        ]),
    ]);
}

#[test]
fn names_in_api_errors_are_go_quoted() {
    // apierrors.NewForbidden (`%s %q is forbidden`), NewNotFound (`%s %q not found`) and the
    // RuntimeClass plugin's `RuntimeClass %q not found` quote with strconv.Quote.
    let pod = |meta: &str, spec: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata:\n{meta}spec:\n{spec}  containers:\n  - name: c\n    image: nginx:1\n")
    };
    check(&[
        ("forbidden-pod-name", 36, &pod("  name: \"a\\\"b<\\u00e9>\\t\"\n", "  priorityClassName: nope\n"), "rejected-admission", &[
            "pods \"a\\\"b<é>\\t\" is forbidden: no PriorityClass with name nope was found",
        ]),
        ("service-account-not-found", 36, &pod("  name: p\n", "  serviceAccountName: \"x\\ny\\\"z\"\n"), "rejected-admission", &[
            "pods \"p\" is forbidden: error looking up service account default/x\ny\"z: serviceaccount \"x\\ny\\\"z\" not found",
        ]),
        ("runtime-class-not-found", 36, &pod("  name: p\n", "  runtimeClassName: \"r\\u0001\\\"c\"\n"), "rejected-admission", &[
            "pods \"p\" is forbidden: pod rejected: RuntimeClass \"r\\x01\\\"c\" not found",
        ]),
    ]);
    // apierrors.NewInvalid: `Pod %q is invalid: ...`.
    let yaml = pod("  name: \"a\\\"b\\u00e9\\u0007\"\n", "");
    let report = build(&yaml, &Options::new(Version::new(1, 36)));
    let result = report.admit.expect("a pod").result;
    assert_eq!(
        podplay_core::pipeline::validation_message(&result).as_deref(),
        Some("Pod \"a\\\"bé\\a\" is invalid: metadata.name: Invalid value: \"a\\\"bé\\a\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
    );
}

#[test]
fn named_string_values_print_through_json_marshal() {
    // apimachinery util/validation/field ErrorBody: a bad value of a named string type
    // (`core.RestartPolicy`, `core.NodeSelectorOperator`, `core.ResourceName`) is not a
    // `string` in its type switch, so it goes through json.Marshal (`<`, `>`, `&` escaped);
    // a plain `string` (resourceFieldRef's resource) is `%q`-quoted. The same in 1.34.2.
    let pod = |spec: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n{spec}  containers:\n  - name: c\n    image: nginx:1\n")
    };
    let restart = pod("  restartPolicy: a<b&c\n");
    let toleration = pod("  tolerations:\n  - {key: k, operator: a<b&c}\n");
    let affinity = pod("  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - {key: k, operator: a<b&c, values: [x]}\n");
    let resource = container("    resources:\n      requests:\n        a<b&c: \"1\"\n");
    let field_ref = container(
        "    env:\n    - name: E\n      valueFrom:\n        resourceFieldRef: {resource: a<b&c}\n",
    );
    for minor in [34, 36] {
        check(&[
            (
                "restartPolicy",
                minor,
                &restart,
                "rejected-validation",
                &[
                    r#"spec.restartPolicy: Unsupported value: "a\u003cb\u0026c": supported values: "Always", "OnFailure", "Never""#,
                ],
            ),
            (
                "toleration-operator",
                minor,
                &toleration,
                "rejected-validation",
                &[
                    r#"spec.tolerations[0].operator: Unsupported value: "a\u003cb\u0026c": supported values: "Equal", "Exists""#,
                ],
            ),
            (
                "node-selector-operator",
                minor,
                &affinity,
                "rejected-validation",
                &[
                    r#"spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "a\u003cb\u0026c": not a valid selector operator"#,
                ],
            ),
            (
                "resource-name",
                minor,
                &resource,
                "rejected-validation",
                &[
                    r#"spec.containers[0].resources.requests[a<b&c]: Invalid value: "a\u003cb\u0026c": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
                    r#"spec.containers[0].resources.requests[a<b&c]: Invalid value: "a\u003cb\u0026c": must be a standard resource for containers"#,
                ],
            ),
            (
                "resource-field-ref",
                minor,
                &field_ref,
                "rejected-validation",
                &[
                    r#"spec.containers[0].env[0].valueFrom.resourceFieldRef.resource: Unsupported value: "a<b&c": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory""#,
                ],
            ),
        ]);
    }
}

#[test]
fn yaml_error_lines_count_from_the_documents_own_first_line() {
    // apimachinery util/yaml YAMLReader.Read splits the stream at `---` lines before each
    // document is converted, so go-yaml's line is the document's: a separator ends the
    // document read so far, and one met before any of a document's lines stays in it.
    let cases: &[(&str, &str, &str)] = &[
        ("sa--key", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n   bad: x\n", "error converting YAML to JSON: yaml: line 8: did not find expected key"),
        ("sa-comment--tab", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n--- # pod next\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n \tx: 1\n", "error converting YAML to JSON: yaml: line 5: found a tab character that violates indentation"),
        ("lead--flow", "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {a: [\n", "error converting YAML to JSON: yaml: line 6: did not find expected node content"),
        ("lead2--colon", "---\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p: q\n", "error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context"),
        ("comment-sep--key", "# hello\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n   bad: x\n", "error converting YAML to JSON: yaml: line 8: did not find expected key"),
        ("sa-sep-sep--first", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n---\n---\napiVersion: v1: x\nkind: Pod\n", "error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context"),
        ("sa-blank--key", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n---\n\n\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n   bad: x\n", "error converting YAML to JSON: yaml: line 10: did not find expected key"),
    ];
    for (name, yaml, want) in cases {
        let input = podplay_core::input::read(yaml, Version::new(1, 36));
        let messages: Vec<&str> = input
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(messages, [*want], "case {name}");
    }
}
