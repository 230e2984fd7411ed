//! HAND-DERIVED expectations (not computed by Kubernetes): every row below was worked out
//! by reading the Kubernetes source named with it. Rows computed by Kubernetes live in the
//! `conformance_*.rs` tests.
//!
//! Variants of the create-pipeline conformance topics of cases 133–268 (sysctls, DNS,
//! tolerations, admission plugins, scheduling fields, pull policy, decode errors), each run
//! with the release it names, the way `podplay admit --kubernetes-version 1.XX` runs it.

mod common;

use common::admit::check_cases as check;

/// A pod named `p` with one container `app` and `spec` (indented two spaces) appended.
fn pod(spec: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: nginx:1.25\n{spec}"
    )
}

#[test]
fn toleration_comparison_operators_by_release() {
    // validation.go ValidateTolerations: the Lt/Gt operators exist from 1.35 on (gate
    // TaintTolerationComparisonOperators, off): rejected as NotSupported listing all four.
    // 1.33/1.34 have no such operators: the default arm lists Equal and Exists only.
    let yaml = pod("  tolerations:\n  - key: k\n    operator: Gt\n    value: \"5\"\n");
    let four = "spec.tolerations[0].operator: Unsupported value: \"Gt\": supported values: \"Equal\", \"Exists\", \"Lt\", \"Gt\"";
    let two = "spec.tolerations[0].operator: Unsupported value: \"Gt\": supported values: \"Equal\", \"Exists\"";
    check(&[
        ("gt-1.33", 33, &yaml, "rejected-validation", &[two]),
        ("gt-1.34", 34, &yaml, "rejected-validation", &[two]),
        ("gt-1.35", 35, &yaml, "rejected-validation", &[four]),
        ("gt-1.36", 36, &yaml, "rejected-validation", &[four]),
    ]);
}

#[test]
fn legacy_ip_fields_strict_from_1_36() {
    // apimachinery util/validation/ip.go parseIP (via validation.go IsValidIPForLegacyField):
    // the StrictIPCIDRValidation gate (pkg/features/kube_features.go: beta and on in 1.36)
    // refuses what ParseIPSloppy accepts but netip.ParseAddr does not (leading 0s) and
    // IPv4-mapped IPv6 addresses, in dnsConfig.nameservers and hostAliases[].ip.
    let yaml = pod(concat!(
        "  dnsConfig:\n    nameservers: [\"010.1.1.1\", \"::ffff:1.2.3.4\", \"::ffff:0102:0304\"]\n",
        "  hostAliases:\n  - ip: \"::ffff:010.2.3.4\"\n  - ip: \"1.2.3.4\"\n",
        "  - ip: \"fe80::ffff:1.2.3.4\"\n  - ip: \"0:0:0:0:0:ffff:1.2.3.4\"\n",
    ));
    check(&[
        ("sloppy-1.35", 35, &yaml, "created", &[]),
        // k8s.io/utils/net parseIPv4 (`dtoi`): any number of leading zeros, value <= 255.
        ("zeros-1.35", 35, &pod("  hostAliases: [{ip: \"000000001.2.3.4\"}, {ip: \"1.2.3.256\"}]\n"), "rejected-validation", &[
            "spec.hostAliases[1].ip: Invalid value: \"1.2.3.256\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
        ]),
        ("strict-1.36", 36, &yaml, "rejected-validation", &[
            "spec.dnsConfig.nameservers[0]: Invalid value: \"010.1.1.1\": must not have leading 0s",
            "spec.dnsConfig.nameservers[1]: Invalid value: \"::ffff:1.2.3.4\": must not be an IPv4-mapped IPv6 address",
            "spec.dnsConfig.nameservers[2]: Invalid value: \"::ffff:0102:0304\": must not be an IPv4-mapped IPv6 address",
            "spec.hostAliases[0].ip: Invalid value: \"::ffff:010.2.3.4\": must not have leading 0s",
            "spec.hostAliases[3].ip: Invalid value: \"0:0:0:0:0:ffff:1.2.3.4\": must not be an IPv4-mapped IPv6 address",
        ]),
    ]);
}

#[test]
fn user_namespaces_and_os_name_by_release() {
    // validation.go validateHostUsers: v1.33.5 says "when `pod.Spec.HostUsers` is false" and
    // has no volumeDevices check; v1.34 renamed the field in the message and added the
    // volumeDevices rule (init containers first, podshelper.VisitContainersWithPath).
    let yaml = concat!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n",
        "  hostNetwork: true\n  hostPID: true\n  hostIPC: true\n  hostUsers: false\n",
        "  initContainers:\n  - name: i\n    image: busybox\n",
        "    volumeDevices: [{name: d, devicePath: /dev/x}]\n",
        "  containers:\n  - name: app\n    image: nginx:1.25\n",
        "    volumeDevices: [{name: d, devicePath: /dev/y}]\n",
        "  volumes:\n  - name: d\n    persistentVolumeClaim: {claimName: c}\n",
    );
    let old = "when `pod.Spec.HostUsers` is false";
    let new = "when `hostUsers` is false";
    let f = |path: &str, detail: &str| format!("{path}: Forbidden: {detail}");
    let v133 = [
        f("spec.hostNetwork", old),
        f("spec.HostPID", old),
        f("spec.HostIPC", old),
    ];
    let v134 = [
        f("spec.hostNetwork", new),
        f("spec.HostPID", new),
        f("spec.HostIPC", new),
        f("spec.initContainers[0].volumeDevices", new),
        f("spec.containers[0].volumeDevices", new),
    ];
    let v133: Vec<&str> = v133.iter().map(String::as_str).collect();
    let v134: Vec<&str> = v134.iter().map(String::as_str).collect();
    // validation.go validateOS: v1.33.5 `field.Required(name, "cannot be empty")`, later "".
    let os = pod("  os: {}\n");
    check(&[
        ("userns-1.33", 33, yaml, "rejected-validation", &v133),
        ("userns-1.34", 34, yaml, "rejected-validation", &v134),
        ("userns-1.36", 36, yaml, "rejected-validation", &v134),
        (
            "os-1.33",
            33,
            &os,
            "rejected-validation",
            &["spec.os.name: Required value: cannot be empty"],
        ),
        (
            "os-1.34",
            34,
            &os,
            "rejected-validation",
            &["spec.os.name: Required value"],
        ),
    ]);
}

#[test]
fn dns_config_errors_in_v1_33() {
    // v1.33 apimachinery field/errors.go ErrorBody has no json.Marshal branch: a []string bad
    // value prints with %#v (`[]string{"a", "b"}`); 1.34 prints JSON. And v1.33
    // util/validation IsDNS1123SubdomainWithUnderscore shows the plain subdomain regex.
    let yaml = pod(concat!(
        "  dnsPolicy: None\n  dnsConfig:\n",
        "    nameservers: [1.1.1.1, 2.2.2.2, 3.3.3.3, 4.4.4.4]\n",
        "    searches: [\"x..y\"]\n",
    ));
    let detail = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is";
    let v133 = [
        "spec.dnsConfig.nameservers: Invalid value: []string{\"1.1.1.1\", \"2.2.2.2\", \"3.3.3.3\", \"4.4.4.4\"}: must not have more than 3 nameservers".to_string(),
        format!("spec.dnsConfig.searches[0]: Invalid value: \"x..y\": {detail} '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
    ];
    let v134 = [
        "spec.dnsConfig.nameservers: Invalid value: [\"1.1.1.1\",\"2.2.2.2\",\"3.3.3.3\",\"4.4.4.4\"]: must not have more than 3 nameservers".to_string(),
        format!("spec.dnsConfig.searches[0]: Invalid value: \"x..y\": {detail} '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')"),
    ];
    let v133: Vec<&str> = v133.iter().map(String::as_str).collect();
    let v134: Vec<&str> = v134.iter().map(String::as_str).collect();
    check(&[
        ("dns-1.33", 33, &yaml, "rejected-validation", &v133),
        ("dns-1.34", 34, &yaml, "rejected-validation", &v134),
    ]);
}

#[test]
fn decode_errors_name_embedded_structs_from_1_35() {
    // sigs.k8s.io/json internal/golang/encoding/json decode.go `d.object`: the version that
    // 1.35.4 and 1.36.2 vendor (v0.0.0-20250730193827) pushes an embedded (`json:",inline"`)
    // struct's Go name onto the error's field stack; 1.33.5/1.34.2 vendor an older one
    // (v0.0.0-20241014173422) that does not.
    let probe = pod("    livenessProbe: {periodSeconds: 1, exec: \"x\"}\n");
    let volume = pod("  volumes: [{name: v, secret: {secretName: 5}}]\n");
    let env = pod("    env: [{name: A, valueFrom: {secretKeyRef: {name: 5, key: k}}}]\n");
    let e = "json: cannot unmarshal";
    check(&[
        ("probe-1.34", 34, &probe, "decode-error", &[&format!("{e} string into Go struct field Probe.spec.containers.livenessProbe.exec of type v1.ExecAction")]),
        ("probe-1.35", 35, &probe, "decode-error", &[&format!("{e} string into Go struct field Probe.spec.containers.livenessProbe.ProbeHandler.exec of type v1.ExecAction")]),
        ("volume-1.33", 33, &volume, "decode-error", &[&format!("{e} number into Go struct field SecretVolumeSource.spec.volumes.secret.secretName of type string")]),
        ("volume-1.36", 36, &volume, "decode-error", &[&format!("{e} number into Go struct field SecretVolumeSource.spec.volumes.VolumeSource.secret.secretName of type string")]),
        ("env-1.36", 36, &env, "decode-error", &[&format!("{e} number into Go struct field SecretKeySelector.spec.containers.env.valueFrom.secretKeyRef.LocalObjectReference.name of type string")]),
    ]);
}
