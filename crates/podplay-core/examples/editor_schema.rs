//! Build step for the web editor (not a test): prints, as one JSON object, what the editor's
//! completion and field documentation need, all taken from the core itself — no handwritten copy.
//!
//! - `kinds`: every top-level kind podplay reads (`kind`, `apiVersion`, Go type), from schema.rs;
//! - `types`: each Go struct reachable from those kinds, its fields as `[json, Go type]`, and each
//!   named type's underlying type (`v1.RestartPolicy` → `string`), from schema.rs;
//! - `enums`: per version, the values validation accepts for a named string type, found by
//!   asking the core's own validation: a Pod with an unsupported value at each such field is
//!   analysed and the values are read from the `Unsupported value: …: supported values: …` error;
//! - `dropped`: per version, the Pod fields the API server drops there (a feature gate off),
//!   found the same way (the create step's `create.dropDisabledField` change);
//! - `defaults`: per field path, a default the core applied to a gallery example, with its rule
//!   id, one-line reason and kubernetes.io page (docs.rs).
//!
//! Run by scripts/build-editor.mjs (a Trunk hook):
//! `cargo run -p podplay-core --example editor_schema > target/editor/schema.json`.

use podplay_core::docs;
use podplay_core::gallery::EXAMPLES;
use podplay_core::report::{build, Options, Report};
use podplay_core::schema::{is_builtin, schema, GoType, TypeDef};
use podplay_core::versions::{Version, SUPPORTED};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// A bogus enum value no validation accepts.
const PROBE: &str = "podplay-probe";

/// Fields this deep below `spec` are not probed for being dropped (the gates are shallow).
const DROP_DEPTH: usize = 4;

fn main() {
    let s = schema();
    // Types reachable from the kinds, in a stable order.
    let mut seen = BTreeSet::new();
    for k in &s.kinds {
        reach(&GoType::Name(k.go_type.clone()), &mut seen);
    }
    let mut types = Map::new();
    for name in &seen {
        match s.types.get(name) {
            Some(TypeDef::Struct(fields)) => {
                let list: Vec<Value> = fields
                    .iter()
                    .map(|f| json!([f.json, f.ty.go_string()]))
                    .collect();
                types.insert(name.clone(), Value::Array(list));
            }
            Some(TypeDef::Named(t)) => {
                types.insert(name.clone(), Value::String(t.go_string()));
            }
            None => {}
        }
    }
    let kinds: Vec<Value> = s
        .kinds
        .iter()
        .map(|k| json!([k.kind, k.api_version, k.go_type]))
        .collect();

    // Every field path of a Pod below `spec` and `metadata`, arrays as `[0]`.
    let mut paths = Vec::new();
    walk("v1.Pod", "", 0, &mut Vec::new(), &mut paths);

    let mut enums = Map::new();
    let mut dropped = Map::new();
    for version in SUPPORTED {
        let options = Options::new(*version);
        let mut by_type: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut gone = Vec::new();
        for p in &paths {
            if let Some(named) = &p.enum_type {
                let report = build(&probe_pod(&p.path, json!(PROBE)), &options);
                if let Some(values) = supported_values(&report, &p.path) {
                    let list = by_type.entry(named.clone()).or_default();
                    for v in values {
                        if !list.contains(&v) {
                            list.push(v);
                        }
                    }
                }
            }
            if p.depth <= DROP_DEPTH && p.path.starts_with("spec.") {
                let report = build(&probe_pod(&p.path, sample(&p.ty)), &options);
                if was_dropped(&report, &p.path) {
                    gone.push(Value::String(pattern(&p.path)));
                }
            }
        }
        let by_type: Map<String, Value> = by_type.into_iter().map(|(k, v)| (k, json!(v))).collect();
        enums.insert(version.to_string(), Value::Object(by_type));
        dropped.insert(version.to_string(), Value::Array(gone));
    }

    let out = json!({
        "versions": SUPPORTED.iter().map(Version::to_string).collect::<Vec<_>>(),
        "kinds": kinds,
        "types": types,
        "enums": enums,
        "dropped": dropped,
        "defaults": defaults(),
    });
    println!("{out}");
}

/// Adds `ty` and every type it mentions to `seen`.
fn reach(ty: &GoType, seen: &mut BTreeSet<String>) {
    match ty {
        GoType::Pointer(t) | GoType::Slice(t) => reach(t, seen),
        GoType::Map(k, v) => {
            reach(k, seen);
            reach(v, seen);
        }
        GoType::Name(n) => {
            if is_builtin(n) || !seen.insert(n.clone()) {
                return;
            }
            match schema().types.get(n) {
                Some(TypeDef::Struct(fields)) => fields.iter().for_each(|f| reach(&f.ty, seen)),
                Some(TypeDef::Named(t)) => reach(t, seen),
                None => {}
            }
        }
    }
}

struct FieldPath {
    /// `spec.containers[0].imagePullPolicy`
    path: String,
    ty: GoType,
    depth: usize,
    /// The named type when the field is a named string type (a candidate enum).
    enum_type: Option<String>,
}

/// The element type below pointers and slices, and whether a slice was crossed.
fn element(ty: &GoType) -> (&GoType, bool) {
    match ty {
        GoType::Pointer(t) => element(t),
        GoType::Slice(t) => (element(t).0, true),
        t => (t, false),
    }
}

fn walk(
    strukt: &str,
    prefix: &str,
    depth: usize,
    stack: &mut Vec<String>,
    out: &mut Vec<FieldPath>,
) {
    let Some(fields) = schema().struct_fields(strukt) else {
        return;
    };
    if depth > 9 || stack.iter().any(|s| s == strukt) {
        return;
    }
    stack.push(strukt.to_string());
    for f in fields {
        if depth == 0 && !matches!(f.json.as_str(), "spec" | "metadata") {
            continue;
        }
        let path = if prefix.is_empty() {
            f.json.clone()
        } else {
            format!("{prefix}.{}", f.json)
        };
        let (inner, slice) = element(&f.ty);
        let GoType::Name(name) = inner else {
            continue;
        };
        let enum_type = match schema().types.get(name) {
            Some(TypeDef::Named(GoType::Name(u))) if u == "string" && !slice => Some(name.clone()),
            _ => None,
        };
        out.push(FieldPath {
            path: path.clone(),
            ty: f.ty.clone(),
            depth,
            enum_type,
        });
        if schema().struct_fields(name).is_some() {
            let below = if slice { format!("{path}[0]") } else { path };
            walk(name, &below, depth + 1, stack, out);
        }
    }
    stack.pop();
}

/// A small valid value of a type, for the drop probe.
fn sample(ty: &GoType) -> Value {
    match ty {
        GoType::Pointer(t) => sample(t),
        GoType::Slice(t) => json!([sample(t)]),
        GoType::Map(_, _) => json!({}),
        GoType::Name(n) => match n.as_str() {
            "bool" => json!(true),
            "int" | "int32" | "int64" | "uint16" | "uint32" | "uint64" | "float64" => json!(1),
            "resource.Quantity" => json!("1"),
            "intstr.IntOrString" => json!(1),
            _ => match schema().types.get(n) {
                Some(TypeDef::Struct(_)) => json!({}),
                Some(TypeDef::Named(t)) => sample(t),
                None => json!("x"),
            },
        },
    }
}

/// A valid Pod with `value` placed at `path` (objects and one-element arrays on the way).
fn probe_pod(path: &str, value: Value) -> String {
    let mut pod = json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "p"},
        "spec": {"containers": [{"name": "c", "image": "nginx"}]},
    });
    let mut at = &mut pod;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        let (key, index) = match part.strip_suffix("[0]") {
            Some(k) => (k, true),
            None => (*part, false),
        };
        let obj = at.as_object_mut().expect("objects along the path");
        if last {
            obj.insert(key.to_string(), value);
            break;
        }
        let next =
            obj.entry(key.to_string()).or_insert_with(
                || {
                    if index {
                        json!([{}])
                    } else {
                        json!({})
                    }
                },
            );
        at = if index { &mut next[0] } else { next };
    }
    pod.to_string()
}

/// The values of a `<path>: Unsupported value: "podplay-probe": supported values: "A", "B"` error.
fn supported_values(report: &Report, path: &str) -> Option<Vec<String>> {
    let needle = format!("{path}: Unsupported value: \"{PROBE}\": supported values: ");
    report.diagnostics.iter().find_map(|d| {
        let at = d.message.find(&needle)?;
        let rest = &d.message[at + needle.len()..];
        let mut values = Vec::new();
        for part in rest.split(", ") {
            let v = part.strip_prefix('"')?;
            let end = v.find('"')?;
            values.push(v[..end].to_string());
            if v[end + 1..].starts_with(|c| c != ',') {
                break;
            }
        }
        Some(values)
    })
}

fn was_dropped(report: &Report, path: &str) -> bool {
    report.views.defaults.as_ref().is_some_and(|d| {
        d.changes
            .iter()
            .any(|c| c.change.rule == "create.dropDisabledField" && c.change.path == path)
    })
}

/// `spec.containers[0].ports[3].protocol` → `spec.containers[].ports[].protocol`.
fn pattern(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            c => out.push(c),
        }
    }
    out
}

/// Defaults the core applied to the gallery's pods (newest version), by field path pattern:
/// `[value, rule, why, doc url]`, the first example that shows a field winning.
fn defaults() -> Value {
    let mut out = Map::new();
    for (_, _, text) in EXAMPLES {
        let report = build(text, &Options::new(Version::newest()));
        let Some(defaults) = &report.views.defaults else {
            continue;
        };
        // Only pod fields (a workload template's path starts with `spec.template`).
        for c in &defaults.changes {
            let c = &c.change;
            if !c.by.starts_with("defaulting") || c.value.is_null() {
                continue;
            }
            let key = pattern(&c.path);
            if out.contains_key(&key) {
                continue;
            }
            let doc = docs::for_rule(&c.rule).map(|d| d.url);
            out.insert(key, json!([c.value, c.rule, c.why, doc]));
        }
    }
    Value::Object(out)
}
