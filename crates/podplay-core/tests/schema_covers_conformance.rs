//! Every key in the conformance cases (the input documents and the Pods that real Kubernetes
//! wrote back) must be a field the schema declares at that position, and every value must
//! have the JSON shape its Go type takes — except in the cases where Kubernetes itself failed
//! to decode the input with a type error.

mod common;

use podplay_core::schema::{schema, GoType, Schema, TypeDef};
use podplay_core::yaml;
use serde_json::Value;

/// What one walk found.
#[derive(Default)]
struct Findings {
    /// Keys the schema does not declare at that position.
    unknown: Vec<String>,
    /// Values whose JSON kind does not fit the Go type (Go's decoder would fail).
    misshapen: Vec<String>,
    /// Struct fields checked (so a walk that silently checks nothing fails).
    fields_checked: usize,
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The JSON kinds a builtin or special type accepts; `None` for declared types.
fn builtin_accepts(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "string" => &["string"],
        "bool" => &["bool"],
        "int" | "int32" | "int64" | "uint16" | "uint32" | "uint64" | "float64" | "byte" => {
            &["number"]
        }
        "resource.Quantity" | "intstr.IntOrString" => &["string", "number"],
        "v1.Time" | "v1.MicroTime" => &["string"],
        "v1.FieldsV1" | "runtime.RawExtension" => &["string", "number", "bool", "array", "object"],
        _ => return None,
    })
}

fn walk(s: &Schema, ty: &GoType, v: &Value, path: &str, out: &mut Findings) {
    if v.is_null() {
        return; // null decodes into anything (it leaves the Go value as it is)
    }
    let misshapen = |out: &mut Findings, want: &str| {
        out.misshapen
            .push(format!("{path}: {} for {want}", json_kind(v)))
    };
    match ty {
        GoType::Pointer(inner) => walk(s, inner, v, path, out),
        GoType::Slice(inner) if **inner == GoType::Name("byte".into()) => {
            if !v.is_string() {
                misshapen(out, "[]byte");
            }
        }
        GoType::Slice(inner) => match v {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(s, inner, item, &format!("{path}[{i}]"), out);
                }
            }
            _ => misshapen(out, &ty.go_string()),
        },
        // Maps are free-form: keys are data (labels, resource names), only values are typed.
        GoType::Map(_, value_ty) => match v {
            Value::Object(entries) => {
                for (key, item) in entries {
                    walk(s, value_ty, item, &format!("{path}[{key}]"), out);
                }
            }
            _ => misshapen(out, &ty.go_string()),
        },
        GoType::Name(name) => {
            if let Some(kinds) = builtin_accepts(name) {
                if !kinds.contains(&json_kind(v)) {
                    misshapen(out, name);
                }
                return;
            }
            match s.types.get(name) {
                Some(TypeDef::Named(underlying)) => walk(s, underlying, v, path, out),
                Some(TypeDef::Struct(fields)) => match v {
                    Value::Object(entries) => {
                        for (key, item) in entries {
                            let child = format!("{path}.{key}");
                            match fields.iter().find(|f| &f.json == key) {
                                Some(f) => {
                                    out.fields_checked += 1;
                                    walk(s, &f.ty, item, &child, out);
                                }
                                None => out.unknown.push(format!("{child} (in {name})")),
                            }
                        }
                    }
                    _ => misshapen(out, name),
                },
                None => out.unknown.push(format!("{path}: undeclared type {name}")),
            }
        }
    }
}

/// Walks one top-level object, finding its Go type from `kind` and `apiVersion`.
fn walk_object(v: &Value, where_: &str, out: &mut Findings) {
    let s = schema();
    let kind = v.get("kind").and_then(Value::as_str).unwrap_or("");
    let api_version = v.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    match s.kind(kind, api_version) {
        Some(k) => walk(s, &GoType::Name(k.go_type.clone()), v, where_, out),
        None => out
            .unknown
            .push(format!("{where_}: no kind {kind} {api_version}")),
    }
}

struct Case {
    name: String,
    input_docs: Vec<Value>,
    expected: Value,
}

/// Every version's cases (the inputs are the same; what each release wrote back differs).
fn read_cases() -> Vec<Case> {
    common::VERSIONS
        .iter()
        .flat_map(|v| common::case_dirs(*v).into_iter().map(move |d| (*v, d)))
        .map(|(version, dir)| {
            let name = format!("{version} {}", common::name(&dir));
            let input = std::fs::read_to_string(dir.join("input.yaml")).expect("input.yaml");
            let docs =
                yaml::parse_documents(&input).unwrap_or_else(|e| panic!("{name}/input.yaml: {e}"));
            Case {
                name,
                input_docs: docs.iter().map(yaml::Node::to_json).collect(),
                expected: common::expected(&dir),
            }
        })
        .collect()
}

#[test]
fn every_conformance_key_is_a_declared_field() {
    let cases = read_cases();
    assert_eq!(
        cases.len(),
        4 * 90,
        "the public conformance set has 90 pod cases per version"
    );
    let mut failures = Vec::new();
    let mut fields_checked = 0;
    let mut type_error_cases = 0;
    for case in &cases {
        let mut found = Findings::default();
        for (i, doc) in case.input_docs.iter().enumerate() {
            walk_object(doc, &format!("input.yaml#{i}"), &mut found);
        }
        let input_misshapen = std::mem::take(&mut found.misshapen);
        for key in ["schemeDefaulted", "admitted", "preparedForCreate"] {
            if let Some(pod) = case.expected.get(key).filter(|v| !v.is_null()) {
                walk_object(pod, key, &mut found);
            }
        }
        fields_checked += found.fields_checked;
        let name = &case.name;
        failures.extend(found.unknown.iter().map(|u| format!("{name}: unknown {u}")));
        // What Kubernetes wrote back must always fit the Go types.
        failures.extend(found.misshapen.iter().map(|m| format!("{name}: {m}")));
        // An input that does not fit must be exactly the cases Go failed with a type error.
        let decode_error = case.expected["decodeError"].as_str().unwrap_or("");
        let type_error = decode_error.starts_with("json: cannot unmarshal");
        if type_error {
            type_error_cases += 1;
        }
        let input_fits = input_misshapen.is_empty();
        if type_error == input_fits {
            failures.push(format!(
                "{name}: decodeError {decode_error:?} but misshapen input {input_misshapen:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        type_error_cases >= 1,
        "a type-error case exercises the shape check"
    );
    assert!(
        fields_checked > 5000,
        "only {fields_checked} fields checked"
    );
}

#[test]
fn the_walk_reports_unknown_keys_and_bad_shapes() {
    let pod: Value = serde_json::json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "p", "labels": {"any/key": "v"}, "nmae": "typo"},
        "spec": {"containers": [{"name": "a", "ports": [{"containerPort": "80"}],
                                 "resources": {"limits": {"cpu": 1, "example.com/gpu": "2"}},
                                 "livenessProbe": {"httpGet": {"port": "http"}, "exec": {"cmd": []}}}]}
    });
    let mut found = Findings::default();
    walk_object(&pod, "pod", &mut found);
    assert_eq!(
        found.unknown,
        [
            "pod.metadata.nmae (in v1.ObjectMeta)",
            "pod.spec.containers[0].livenessProbe.exec.cmd (in v1.ExecAction)"
        ]
    );
    assert_eq!(
        found.misshapen,
        ["pod.spec.containers[0].ports[0].containerPort: string for int32"]
    );
}
