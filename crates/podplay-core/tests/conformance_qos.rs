//! COMPUTED BY KUBERNETES: every expectation here is read from tests/conformance/ (real
//! Kubernetes output); no hand-derived row.
//!
//! QoS and quantity forms against the conformance cases computed by Kubernetes v1.35.4
//! (tests/conformance/k8s-1.35/defaults/*/expected.json); the QoS class also against every
//! other version's cases (the PodLevelResources gate differs between releases).

mod common;

use podplay_core::qos;
use podplay_core::quantity::{Quantity, MILLI};
use podplay_core::versions::Version;
use podplay_core::yaml;
use serde_json::Value;
use std::path::PathBuf;

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/k8s-1.35/defaults")
}

/// (case name, input.yaml text, expected.json) for every case, sorted by name.
fn cases() -> Vec<(String, String, Value)> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("conformance cases are in the repository")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.join("expected.json").is_file())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let input = std::fs::read_to_string(dir.join("input.yaml")).unwrap_or_default();
            let expected = std::fs::read_to_string(dir.join("expected.json"))
                .expect("expected.json is readable");
            let expected: Value = serde_json::from_str(&expected).expect("expected.json is JSON");
            (name, input, expected)
        })
        .collect()
}

#[test]
fn qos_class_matches_kubernetes_for_every_prepared_pod_in_every_version() {
    for version in common::VERSIONS {
        qos_class_matches(version);
    }
}

fn qos_class_matches(version: &Version) {
    let mut checked = 0;
    for dir in common::case_dirs(*version) {
        let (name, expected) = (common::name(&dir), common::expected(&dir));
        let prepared = &expected["preparedForCreate"];
        if prepared.is_null() {
            continue;
        }
        let class = expected["qosClass"].as_str().unwrap_or_default();
        assert_eq!(
            qos::compute_pod_qos(prepared, version),
            class,
            "{version} {name}: qosClass"
        );
        assert_eq!(
            prepared["status"]["qosClass"].as_str(),
            Some(class),
            "{name}: the prepared pod's status carries the same class"
        );
        let (explained, why) = qos::explain(prepared, version);
        assert_eq!(explained, class, "{name}: explain agrees");
        assert!(!why.is_empty(), "{name}: a reason is given");
        checked += 1;
    }
    assert!(checked >= 50, "only {checked} prepared pods were checked");
}

/// Every quantity in a `resources.{limits,requests}` or `overhead` list, with its JSON path.
fn quantities_in(value: &Value, path: &str, out: &mut Vec<(String, Value)>) {
    let lists_of = |key: &str, child: &Value| -> Vec<(String, Value)> {
        let lists: Vec<(String, &Value)> = match key {
            "overhead" => vec![(String::new(), child)],
            "resources" => ["limits", "requests"]
                .iter()
                .filter_map(|l| child.get(*l).map(|v| (format!(".{l}"), v)))
                .collect(),
            _ => Vec::new(),
        };
        lists
            .into_iter()
            .flat_map(|(suffix, list)| {
                list.as_object()
                    .into_iter()
                    .flatten()
                    .map(move |(name, q)| (format!("{suffix}.{name}"), q.clone()))
            })
            .collect()
    };
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let child_path = format!("{path}.{key}");
                for (suffix, quantity) in lists_of(key, child) {
                    out.push((format!("{child_path}{suffix}"), quantity));
                }
                quantities_in(child, &child_path, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                quantities_in(child, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn scheme_defaulted_quantities_are_canonical() {
    let mut checked = 0;
    for (name, _, expected) in cases() {
        let mut found = Vec::new();
        for stage in ["schemeDefaulted", "admitted", "preparedForCreate"] {
            quantities_in(&expected[stage], stage, &mut found);
        }
        for (path, value) in found {
            let text = value
                .as_str()
                .unwrap_or_else(|| panic!("{name} {path}: quantities serialize as strings"));
            let parsed = Quantity::parse(text)
                .unwrap_or_else(|e| panic!("{name} {path}: {text:?} does not parse: {e}"));
            assert_eq!(parsed.canonical(), text, "{name} {path}");
            assert_eq!(
                parsed.canonicalize(),
                text,
                "{name} {path}: fully canonical"
            );
            checked += 1;
        }
    }
    // 15 in schemeDefaulted; admitted/preparedForCreate add the RuntimeClass overhead.
    assert!(checked >= 40, "only {checked} quantities were checked");
}

/// The JSON text Kubernetes' decoder sees for a YAML scalar (sigs.k8s.io/yaml turns YAML
/// into JSON first), parsed as Quantity.UnmarshalJSON would.
fn quantity_from_yaml(node: &yaml::Node) -> Result<Quantity, String> {
    match &node.value {
        yaml::Value::Str(s) => Quantity::parse(s.trim()),
        yaml::Value::Int(i) => Quantity::parse(&i.to_string()),
        yaml::Value::Float(f) => Quantity::parse(&podplay_core::go::json::format_float(*f)),
        yaml::Value::Null => Ok(Quantity::default()),
        _ => Err(podplay_core::quantity::ERR_FORMAT_WRONG.to_string()),
    }
}

/// The first Pod document of a case's input.
fn input_pod(input: &str) -> Option<yaml::Node> {
    yaml::parse_documents(input)
        .ok()?
        .into_iter()
        .find(|doc| doc.get("kind").and_then(yaml::Node::as_str) == Some("Pod"))
}

/// Resource lists written in the input: (JSON path in the v1 pod, list node).
fn input_resource_lists(pod: &yaml::Node) -> Vec<(String, &yaml::Node)> {
    let mut lists = Vec::new();
    let Some(spec) = pod.get("spec") else {
        return lists;
    };
    if let Some(overhead) = spec.get("overhead") {
        lists.push((".spec.overhead".to_string(), overhead));
    }
    for list in ["requests", "limits"] {
        if let Some(node) = spec.get("resources").and_then(|r| r.get(list)) {
            lists.push((format!(".spec.resources.{list}"), node));
        }
    }
    for kind in ["initContainers", "containers"] {
        let Some(yaml::Value::Seq(containers)) = spec.get(kind).map(|n| &n.value) else {
            continue;
        };
        for (i, container) in containers.iter().enumerate() {
            for list in ["requests", "limits"] {
                if let Some(node) = container.get("resources").and_then(|r| r.get(list)) {
                    lists.push((format!(".spec.{kind}[{i}].resources.{list}"), node));
                }
            }
        }
    }
    lists
}

fn json_at<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    let mut current = root;
    for part in path.trim_start_matches('.').split('.') {
        let (key, index) = match part.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        current = current.get(key)?;
        if let Some(i) = index {
            current = current.get(i)?;
        }
    }
    Some(current)
}

#[test]
fn input_quantities_canonicalize_to_what_kubernetes_printed() {
    let mut checked = 0;
    for (name, input, expected) in cases() {
        let defaulted = &expected["schemeDefaulted"];
        if defaulted.is_null() {
            continue;
        }
        let Some(pod) = input_pod(&input) else {
            continue;
        };
        for (path, list) in input_resource_lists(&pod) {
            let yaml::Value::Map(entries) = &list.value else {
                continue;
            };
            for entry in entries {
                let mut quantity = quantity_from_yaml(&entry.value)
                    .unwrap_or_else(|e| panic!("{name}{path}.{}: {e}", entry.key));
                // SetDefaults_ResourceList rounds every value up to milli precision.
                quantity.round_up(MILLI);
                let printed = json_at(defaulted, &path)
                    .and_then(|l| l.get(&entry.key))
                    .and_then(Value::as_str)
                    .unwrap_or_else(|| panic!("{name}{path}.{} missing", entry.key));
                assert_eq!(quantity.canonical(), printed, "{name}{path}.{}", entry.key);
                checked += 1;
            }
        }
    }
    // Every resources/overhead value written in the inputs (ten of them).
    assert!(
        checked >= 10,
        "only {checked} input quantities were checked"
    );
}

#[test]
fn quantity_forms_case() {
    // defaults/076-resources-quantity-forms: cpu '0.5', memory 1e9 (a YAML float), 2G.
    let cases = cases();
    let (_, input, expected) = cases
        .iter()
        .find(|(name, _, _)| name == "076-resources-quantity-forms")
        .expect("case 076 exists");
    let pod = input_pod(input).expect("a pod");
    let limits = pod
        .get("spec")
        .and_then(|s| s.get("containers"))
        .and_then(|c| match &c.value {
            yaml::Value::Seq(items) => items.first(),
            _ => None,
        });
    let limits = limits
        .and_then(|c| c.get("resources"))
        .and_then(|r| r.get("limits"))
        .expect("limits");
    let form = |key: &str| {
        quantity_from_yaml(limits.get(key).expect("key"))
            .expect("parses")
            .canonical()
    };
    assert_eq!(form("cpu"), "500m");
    assert_eq!(form("memory"), "1G");
    assert_eq!(form("ephemeral-storage"), "2G");
    assert_eq!(
        expected["schemeDefaulted"]["spec"]["containers"][0]["resources"]["limits"]["memory"],
        "1G"
    );
}

#[test]
fn bad_quantity_case_reports_the_format_error() {
    let cases = cases();
    let (_, input, expected) = cases
        .iter()
        .find(|(name, _, _)| name == "268-decode-bad-quantity")
        .expect("case 268 exists");
    let pod = input_pod(input).expect("a pod");
    let cpu = pod
        .get("spec")
        .and_then(|s| s.get("containers"))
        .and_then(|c| match &c.value {
            yaml::Value::Seq(items) => items.first(),
            _ => None,
        })
        .and_then(|c| c.get("resources"))
        .and_then(|r| r.get("limits"))
        .and_then(|l| l.get("cpu"))
        .expect("cpu limit");
    let error = quantity_from_yaml(cpu).expect_err("1x is not a quantity");
    assert_eq!(Some(error.as_str()), expected["decodeError"].as_str());
}
