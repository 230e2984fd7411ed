//! Small, panic-free helpers for reading and editing a Pod as JSON.
//!
//! The pipeline works on the decoded v1 JSON (not on typed structs), so these helpers
//! encode Go's notion of "unset": a missing key, `null`, or the zero value of the field.

use serde_json::{Map, Value};

/// True when a non-pointer Go field is at its zero value (or absent).
pub fn is_zero(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(Value::Number(n)) => n.as_f64() == Some(0.0),
        Some(Value::Bool(b)) => !*b,
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
    }
}

/// True when a Go pointer/map/slice field is nil (absent or `null`).
pub fn is_nil(v: Option<&Value>) -> bool {
    matches!(v, None | Some(Value::Null))
}

/// The string at `key`, or "" when absent or not a string.
pub fn str_of<'a>(obj: &'a Value, key: &str) -> &'a str {
    obj.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The object at `key`, created as `{}` when absent or null. None when the key holds
/// something that is not an object (bad input is left alone).
pub fn child_obj<'a>(
    obj: &'a mut Map<String, Value>,
    key: &str,
) -> Option<&'a mut Map<String, Value>> {
    let slot = obj.entry(key.to_string()).or_insert(Value::Null);
    if slot.is_null() {
        *slot = Value::Object(Map::new());
    }
    slot.as_object_mut()
}

/// The array at `key`, created as `[]` when absent or null.
pub fn child_arr<'a>(obj: &'a mut Map<String, Value>, key: &str) -> Option<&'a mut Vec<Value>> {
    let slot = obj.entry(key.to_string()).or_insert(Value::Null);
    if slot.is_null() {
        *slot = Value::Array(Vec::new());
    }
    slot.as_array_mut()
}

/// Length of the array at `key` of `obj` (0 when absent or not an array).
pub fn arr_len(obj: &Value, key: &str) -> usize {
    obj.get(key).and_then(Value::as_array).map_or(0, Vec::len)
}

/// Iterates `(index, element)` of the array at `key`, skipping nothing.
pub fn arr<'a>(obj: &'a Value, key: &str) -> impl Iterator<Item = (usize, &'a Value)> {
    obj.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().enumerate())
        .into_iter()
        .flatten()
}

/// A resource quantity as text: JSON strings as-is, numbers in their JSON form
/// (Kubernetes' Quantity also accepts numbers).
pub fn quantity_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The pod's spec as a mutable object, if it is one.
pub fn spec_mut(pod: &mut Value) -> Option<&mut Map<String, Value>> {
    pod.get_mut("spec").and_then(Value::as_object_mut)
}

/// `metadata.name`, `metadata.generateName` or `Unknown`: the name Kubernetes puts in
/// admission errors before the object has a name.
pub fn name_for_errors(pod: &Value) -> String {
    let meta = pod.get("metadata");
    let name = meta.map_or("", |m| str_of(m, "name"));
    if !name.is_empty() {
        return name.to_string();
    }
    let generate = meta.map_or("", |m| str_of(m, "generateName"));
    if !generate.is_empty() {
        return generate.to_string();
    }
    "Unknown".to_string()
}

/// `metadata.annotations[key]` if present.
pub fn annotation<'a>(obj: &'a Value, key: &str) -> Option<&'a str> {
    obj.get("metadata")?.get("annotations")?.get(key)?.as_str()
}

/// A JSON pointer (RFC 6901: `/spec/containers/0/name`, `~1` for `/` and `~0` for `~` in a
/// token) read the way `serde_json::Value::pointer` reads it, without its two allocations per
/// token (a measured hot spot: the views look fields up this way on every analysis).
pub trait Pointer {
    fn at(&self, pointer: &str) -> Option<&Value>;
}

impl Pointer for Value {
    fn at(&self, pointer: &str) -> Option<&Value> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        rest.split('/').try_fold(self, |target, token| {
            let unescaped;
            let token = if token.contains('~') {
                unescaped = token.replace("~1", "/").replace("~0", "~");
                unescaped.as_str()
            } else {
                token
            };
            match target {
                Value::Object(map) => map.get(token),
                Value::Array(list) => array_index(token).and_then(|i| list.get(i)),
                _ => None,
            }
        })
    }
}

/// An array index as a JSON pointer token spells it: digits, no leading zero, no sign.
fn array_index(token: &str) -> Option<usize> {
    if token.is_empty() || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    if !token.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    token.parse().ok()
}

#[cfg(test)]
mod pointer_tests {
    use super::Pointer;
    use serde_json::json;

    /// The same answers as serde_json's `pointer`, escapes and indexes included.
    #[test]
    fn reads_like_serde_json_pointer() {
        let v = json!({"a": {"b/c": [1, {"d~e": 2}], "": 3}, "n": [0]});
        for path in [
            "",
            "/a",
            "/a/b~1c",
            "/a/b~1c/0",
            "/a/b~1c/1/d~0e",
            "/a/b~1c/01",
            "/a/b~1c/+1",
            "/a/b~1c/2",
            "/a/",
            "/n/0",
            "/n/-",
            "a",
            "/x/y",
            "/a/b~1c/1/d~0e/z",
        ] {
            assert_eq!(v.at(path), v.pointer(path), "{path:?}");
        }
    }
}
