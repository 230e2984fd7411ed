//! Every field the server adds or changes has a reason: for every gallery example and every
//! public conformance case that is created, each leaf of the stored pod either is in the input
//! unchanged or is covered by a recorded change (the change's path or one of its parents).

use podplay_core::report::{build, Options};
use serde_json::Value;
use std::path::PathBuf;

/// Every leaf of `v` with its path as (display path, segments).
fn leaves(v: &Value, path: String, segs: Vec<Value>, out: &mut Vec<(String, Vec<Value>, Value)>) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, c) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                let mut s = segs.clone();
                s.push(Value::String(k.clone()));
                leaves(c, p, s, out);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            for (i, c) in a.iter().enumerate() {
                let mut s = segs.clone();
                s.push(Value::from(i));
                leaves(c, format!("{path}[{i}]"), s, out);
            }
        }
        other => out.push((path, segs, other.clone())),
    }
}

/// `a.b[c]` → `a.b.c` (map keys), list indexes kept.
fn canon(path: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let close = rest[open..]
            .find(']')
            .map(|c| open + c)
            .unwrap_or(rest.len() - 1);
        let inner = &rest[open + 1..close];
        if inner.parse::<usize>().is_ok() {
            out.push_str(&rest[open..=close]);
        } else {
            out.push('.');
            out.push_str(inner);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn input_value<'a>(input: &'a Value, segs: &[Value]) -> Option<&'a Value> {
    segs.iter().try_fold(input, |cur, seg| match seg {
        Value::String(k) => cur.get(k),
        other => cur.get(other.as_u64()? as usize),
    })
}

fn check(name: &str, text: &str, failures: &mut Vec<String>) {
    let version = podplay_core::versions::Version::newest();
    let report = build(text, &Options::new(version));
    let Some(view) = report.admit.as_ref() else {
        return;
    };
    let Some(defaults) = report.views.defaults.as_ref() else {
        return;
    };
    let Some(pod) = view.result.pod.as_ref() else {
        return;
    };
    let docs = podplay_core::input::read_documents(text, version).unwrap();
    let Some(input) = docs
        .iter()
        .find(|d| d.kind == "Pod")
        .and_then(|d| d.decoded.as_ref())
        .map(|d| d.value.clone())
    else {
        return;
    };
    let changed: Vec<String> = defaults
        .changes
        .iter()
        .map(|c| canon(&c.change.path))
        .collect();
    let mut all = Vec::new();
    leaves(pod, String::new(), Vec::new(), &mut all);
    for (path, segs, value) in all {
        if matches!(path.as_str(), "kind" | "apiVersion") {
            continue;
        }
        if input_value(&input, &segs) == Some(&value) {
            continue;
        }
        let covered = changed.iter().any(|c| {
            path == *c || path.starts_with(&format!("{c}.")) || path.starts_with(&format!("{c}["))
        });
        if !covered {
            failures.push(format!("{name}: {path} = {value} has no recorded reason"));
        }
    }
}

#[test]
fn every_added_field_has_a_reason() {
    let mut failures = Vec::new();
    for (file, _, text) in podplay_core::gallery::EXAMPLES {
        check(file, text, &mut failures);
    }
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/k8s-1.35/defaults");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(path.join("input.yaml")).unwrap();
        check(
            &path.file_name().unwrap().to_string_lossy(),
            &text,
            &mut failures,
        );
        checked += 1;
    }
    assert!(checked >= 90);
    assert!(
        failures.is_empty(),
        "{} fields without a reason:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
