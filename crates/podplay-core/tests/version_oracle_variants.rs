//! Variants whose expected outputs were COMPUTED by Kubernetes' own create pipeline in the
//! releases podplay models before 1.36: local builds of the v1.33.5, v1.34.2 and v1.35.2 trees
//! (the same trees as `tests/conformance/k8s-1.33` … `k8s-1.35`, each agreeing with all 90 of
//! that folder's public cases) running decode, defaulting, admission and `ValidatePodCreate`,
//! during a differential run against `podplay admit --kubernetes-version 1.XX`. Each row is a
//! place where podplay differed in one of those releases.

mod common;
use podplay_core::input::read_documents;
use podplay_core::versions::Version;

use common::admit::check_cases as check;

const CSI_EMPTY_DRIVER: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n  volumes:\n  - name: v\n    csi: {driver: \"\"}\n";

const SUBDOMAIN: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

#[test]
fn an_empty_csi_driver_is_also_an_invalid_subdomain_before_1_35() {
    // pkg/apis/core/validation ValidateCSIDriverName: 1.35 returns after Required.
    let both = [
        "spec.volumes[0].csi.driver: Required value".to_string(),
        format!("spec.volumes[0].csi.driver: Invalid value: \"\": {SUBDOMAIN}"),
    ];
    let both: Vec<&str> = both.iter().map(String::as_str).collect();
    check(&[
        (
            "csi-empty-1.33",
            33,
            CSI_EMPTY_DRIVER,
            "rejected-validation",
            &both,
        ),
        (
            "csi-empty-1.34",
            34,
            CSI_EMPTY_DRIVER,
            "rejected-validation",
            &both,
        ),
        (
            "csi-empty-1.35",
            35,
            CSI_EMPTY_DRIVER,
            "rejected-validation",
            &both[..1],
        ),
        (
            "csi-empty-1.36",
            36,
            CSI_EMPTY_DRIVER,
            "rejected-validation",
            &both[..1],
        ),
    ]);
}

/// The strict decoding error (what `--validate=strict` / server-side field validation
/// reports) of the first Pod in `yaml`.
fn strict_error(yaml: &str, minor: u32) -> Option<String> {
    let docs = read_documents(yaml, Version::new(1, minor)).expect("valid YAML");
    let pod = docs.iter().find(|d| d.kind == "Pod").expect("a Pod");
    pod.decoded.as_ref().expect("decoded").strict_error()
}

#[test]
fn repeated_yaml_keys_fail_the_strict_yaml_to_json_conversion() {
    // sigs.k8s.io/yaml YAMLToJSONStrict (go-yaml v2 UnmarshalStrict): `line N: key %#v already
    // set in map` for each repeated key at its value's line, as one error before the JSON
    // decoder's unknown fields. The same in every release podplay models.
    let one = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n    image: nginx:2\n";
    let meta = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  name: q\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n";
    let with_unknown = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    a: x1\n    a: x2\nspec:\n  bogus: 1\n  containers:\n  - name: c\n    image: nginx:1\n";
    for minor in 33..=36 {
        assert_eq!(
            strict_error(one, minor).as_deref(),
            Some("strict decoding error: yaml: unmarshal errors:\n  line 9: key \"image\" already set in map"),
            "1.{minor}"
        );
        assert_eq!(
            strict_error(meta, minor).as_deref(),
            Some("strict decoding error: yaml: unmarshal errors:\n  line 5: key \"name\" already set in map"),
            "1.{minor}"
        );
        assert_eq!(
            strict_error(with_unknown, minor).as_deref(),
            Some("strict decoding error: yaml: unmarshal errors:\n  line 7: key \"a\" already set in map, unknown field \"spec.bogus\""),
            "1.{minor}"
        );
    }
}
