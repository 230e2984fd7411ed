//! Kubernetes field errors (`k8s.io/apimachinery/pkg/util/validation/field`) and their rendering.
//!
//! Rendering follows `field.Error.Error()` exactly (apimachinery/pkg/util/validation/field/errors.go):
//! `<path>: <Type>[: <bad value>][: <detail>]` where strings are quoted like Go's `%q`,
//! numbers and booleans are printed bare, and anything else is printed as Go's `json.Marshal`
//! would. Required/Forbidden/TooLong/Internal never print the value.

use serde::Serialize;
use serde_json::Value;
use std::fmt;

use crate::go::strconv::quote as go_quote;

/// `field.ErrorType`, rendered as Kubernetes words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ErrorType {
    #[serde(rename = "FieldValueNotFound")]
    NotFound,
    #[serde(rename = "FieldValueRequired")]
    Required,
    #[serde(rename = "FieldValueDuplicate")]
    Duplicate,
    #[serde(rename = "FieldValueInvalid")]
    Invalid,
    #[serde(rename = "FieldValueNotSupported")]
    NotSupported,
    #[serde(rename = "FieldValueForbidden")]
    Forbidden,
    #[serde(rename = "FieldValueTooLong")]
    TooLong,
    #[serde(rename = "FieldValueTooMany")]
    TooMany,
    #[serde(rename = "InternalError")]
    Internal,
    #[serde(rename = "FieldValueTypeInvalid")]
    TypeInvalid,
}

impl ErrorType {
    /// The words Kubernetes prints for this type (`Required value`, `Invalid value`, ...).
    pub fn text(self) -> &'static str {
        match self {
            ErrorType::NotFound => "Not found",
            ErrorType::Required => "Required value",
            ErrorType::Duplicate => "Duplicate value",
            ErrorType::Invalid => "Invalid value",
            ErrorType::NotSupported => "Unsupported value",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::TooLong => "Too long",
            ErrorType::TooMany => "Too many",
            ErrorType::Internal => "Internal error",
            ErrorType::TypeInvalid => "Invalid value",
        }
    }

    /// The machine name (`FieldValueInvalid`, ...), as the API's `details.causes[].reason` says it.
    pub fn name(self) -> &'static str {
        match self {
            ErrorType::NotFound => "FieldValueNotFound",
            ErrorType::Required => "FieldValueRequired",
            ErrorType::Duplicate => "FieldValueDuplicate",
            ErrorType::Invalid => "FieldValueInvalid",
            ErrorType::NotSupported => "FieldValueNotSupported",
            ErrorType::Forbidden => "FieldValueForbidden",
            ErrorType::TooLong => "FieldValueTooLong",
            ErrorType::TooMany => "FieldValueTooMany",
            ErrorType::Internal => "InternalError",
            ErrorType::TypeInvalid => "FieldValueTypeInvalid",
        }
    }

    /// Types whose rendering never shows the bad value.
    fn omits_value(self) -> bool {
        matches!(
            self,
            ErrorType::Required | ErrorType::Forbidden | ErrorType::TooLong | ErrorType::Internal
        )
    }
}

/// One field error. `field` is the Kubernetes path (`spec.containers[0].image`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldError {
    #[serde(rename = "type")]
    pub kind: ErrorType,
    pub field: String,
    /// The offending value as JSON. `None` means Kubernetes' "omitted value" marker (the type is
    /// printed without a value); `Some(Value::Null)` is a Go nil and prints `null`.
    #[serde(rename = "badValue")]
    pub bad_value: Option<Value>,
    pub detail: String,
    /// The Go value is a `fmt.Stringer` of a named string type (`core.ResourceName`) and the
    /// release prints it bare, as 1.33 did (see [`FieldError::printed_by_stringer`]).
    #[serde(skip)]
    pub bare_value: bool,
    /// Go's `%#v` of the bad value, printed instead of it by releases whose `ErrorBody` falls
    /// back to `%#v` (see [`FieldError::printed_with_go_syntax`]).
    #[serde(skip)]
    pub go_syntax: Option<String>,
    /// The Go bad value is a named string type (`core.RestartPolicy`, `core.ResourceName`)
    /// rather than a `string`: from 1.34 `ErrorBody` prints it through `json.Marshal`
    /// (`"a\u003cb"` for `a<b`), see [`FieldError::print_for_release`].
    #[serde(skip)]
    pub named_string: bool,
}

impl FieldError {
    /// `field.Required`: the bad value is the empty string and is not printed.
    pub fn required(path: impl fmt::Display, detail: impl Into<String>) -> FieldError {
        FieldError::new(ErrorType::Required, path, Some(Value::from("")), detail)
    }

    /// `field.Forbidden`.
    pub fn forbidden(path: impl fmt::Display, detail: impl Into<String>) -> FieldError {
        FieldError::new(ErrorType::Forbidden, path, Some(Value::from("")), detail)
    }

    /// `field.Invalid`.
    pub fn invalid(
        path: impl fmt::Display,
        value: impl Into<Value>,
        detail: impl Into<String>,
    ) -> FieldError {
        FieldError::new(ErrorType::Invalid, path, Some(value.into()), detail)
    }

    /// `field.NotSupported`: detail lists the supported values, each Go-quoted. The value is
    /// taken to be one of the API's named string types, as at nearly every Kubernetes call
    /// site; [`FieldError::plain_string`] marks the others.
    pub fn not_supported(
        path: impl fmt::Display,
        value: impl Into<Value>,
        supported: &[&str],
    ) -> FieldError {
        let detail = if supported.is_empty() {
            String::new()
        } else {
            let quoted: Vec<String> = supported.iter().map(|s| go_quote(s)).collect();
            format!("supported values: {}", quoted.join(", "))
        };
        FieldError::new(ErrorType::NotSupported, path, Some(value.into()), detail).named_string()
    }

    /// The Go bad value is a named string type (see [`FieldError::named_string`] the field).
    pub fn named_string(mut self) -> FieldError {
        self.named_string = true;
        self
    }

    /// The Go bad value is a plain `string` (a call site that passes one to `NotSupported`).
    pub fn plain_string(mut self) -> FieldError {
        self.named_string = false;
        self
    }

    /// `field.Duplicate`.
    pub fn duplicate(path: impl fmt::Display, value: impl Into<Value>) -> FieldError {
        FieldError::new(ErrorType::Duplicate, path, Some(value.into()), "")
    }

    /// `field.NotFound`.
    pub fn not_found(path: impl fmt::Display, value: impl Into<Value>) -> FieldError {
        FieldError::new(ErrorType::NotFound, path, Some(value.into()), "")
    }

    /// `field.TooLong`: `may not be more than <n> bytes` (`byte` for 1, `value is too long` when
    /// the limit is negative). The value is replaced by `<value omitted>`.
    pub fn too_long(path: impl fmt::Display, max_length: i64) -> FieldError {
        let detail = if max_length >= 0 {
            let unit = if max_length == 1 { "byte" } else { "bytes" };
            format!("may not be more than {max_length} {unit}")
        } else {
            "value is too long".to_string()
        };
        FieldError::new(
            ErrorType::TooLong,
            path,
            Some(Value::from("<value omitted>")),
            detail,
        )
    }

    /// `field.TooMany`: `must have at most <n> items` with the actual count as the bad value
    /// (omitted when negative).
    pub fn too_many(path: impl fmt::Display, actual: i64, max: i64) -> FieldError {
        let detail = if max >= 0 {
            let unit = if max == 1 { "item" } else { "items" };
            format!("must have at most {max} {unit}")
        } else {
            "has too many items".to_string()
        };
        let value = if actual >= 0 {
            Some(Value::from(actual))
        } else {
            None
        };
        FieldError::new(ErrorType::TooMany, path, value, detail)
    }

    /// `field.InternalError`.
    pub fn internal(path: impl fmt::Display, detail: impl Into<String>) -> FieldError {
        FieldError::new(ErrorType::Internal, path, Some(Value::Null), detail)
    }

    fn new(
        kind: ErrorType,
        path: impl fmt::Display,
        bad_value: Option<Value>,
        detail: impl Into<String>,
    ) -> FieldError {
        FieldError {
            kind,
            field: path.to_string(),
            bad_value,
            detail: detail.into(),
            bare_value: false,
            go_syntax: None,
            named_string: false,
        }
    }

    /// Settles how `version`'s `ErrorBody` prints a named-string bad value: through
    /// `json.Marshal` from 1.34 (HTML characters and control bytes escaped as `\u00XX`);
    /// before, `%#v` quoted it as Go quotes any string (no change). Applied once to every
    /// error of a validation pass (`validation::validate_pod_create`).
    pub fn print_for_release(&mut self, version: &crate::versions::Version) {
        if !self.named_string
            || self.go_syntax.is_some()
            || !version.behaviour("FieldErrorQuotesNamedStrings")
        {
            return;
        }
        if let Some(value @ Value::String(_)) = &self.bad_value {
            self.go_syntax = Some(crate::go::json::marshal(value));
        }
    }

    /// The bad value is a named string type with a `String()` method (`core.ResourceName`):
    /// releases before 1.34 print it with `String()`, bare (`Invalid value: foo`); later
    /// ones quote it (versions.rs `FieldErrorQuotesNamedStrings`).
    pub fn printed_by_stringer(mut self, version: &crate::versions::Version) -> FieldError {
        self.bare_value = !version.behaviour("FieldErrorQuotesNamedStrings");
        self.named_string = true;
        self
    }

    /// The bad value is neither a string, number, bool, pointer nor `fmt.Stringer` (a slice,
    /// a struct such as `resource.Quantity`): releases before 1.34 print it with Go's `%#v`
    /// (`go_syntax`, e.g. `[]string{"a", "b"}`), later ones as `json.Marshal` does
    /// (apimachinery util/validation/field `ErrorBody`; versions.rs `FieldErrorQuotesNamedStrings`).
    pub fn printed_with_go_syntax(
        mut self,
        version: &crate::versions::Version,
        go_syntax: impl Into<String>,
    ) -> FieldError {
        if !version.behaviour("FieldErrorQuotesNamedStrings") {
            self.go_syntax = Some(go_syntax.into());
        }
        self
    }

    /// The message without the field path (`field.Error.ErrorBody()`).
    pub fn body(&self) -> String {
        let mut s = self.kind.text().to_string();
        if !self.kind.omits_value() {
            if let Some(go) = &self.go_syntax {
                s.push_str(": ");
                s.push_str(go);
            } else if let Some(value) = &self.bad_value {
                s.push_str(": ");
                match value {
                    Value::String(text) if self.bare_value => s.push_str(text),
                    _ => s.push_str(&render_value(value)),
                }
            }
        }
        if !self.detail.is_empty() {
            s.push_str(": ");
            s.push_str(&self.detail);
        }
        s
    }

    /// The full error string, as `field.Error.Error()` renders it.
    pub fn render(&self) -> String {
        format!("{}: {}", self.field, self.body())
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// A field path (`field.Path`): `spec.containers[0].ports[1]`, `metadata.labels[app]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Path(String);

impl Path {
    /// A root path (`field.NewPath("spec")`).
    pub fn new(name: &str) -> Path {
        Path(name.to_string())
    }

    /// `.child(name)`: `a.b`.
    pub fn child(&self, name: &str) -> Path {
        if self.0.is_empty() {
            Path(name.to_string())
        } else {
            Path(format!("{}.{}", self.0, name))
        }
    }

    /// `.Index(i)`: `a[3]`.
    pub fn index(&self, i: usize) -> Path {
        Path(format!("{}[{}]", self.0, i))
    }

    /// `.Key(k)`: `a[k]` (the key is printed as is, unquoted).
    pub fn key(&self, k: &str) -> Path {
        Path(format!("{}[{}]", self.0, k))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Go's `%#v` of a `[]string` (`[]string{"a", "b"}`), for
/// [`FieldError::printed_with_go_syntax`]. Non-string items print as empty strings.
pub fn go_syntax_strings(items: &[Value]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|item| go_quote(item.as_str().unwrap_or("")))
        .collect();
    format!("[]string{{{}}}", quoted.join(", "))
}

/// A bad value as Go prints it in a field error: strings `%q`, numbers and booleans bare,
/// null as `null`, everything else as Go's `json.Marshal`.
pub fn render_value(value: &Value) -> String {
    match value {
        Value::String(s) => go_quote(s),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => render_number(n),
        Value::Null => "null".to_string(),
        other => crate::go::json::marshal(other),
    }
}

fn render_number(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    match n.as_f64() {
        Some(f) => crate::go::strconv::format_float_g(f),
        None => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renders_like_field_error_error() {
        let rows: Vec<(FieldError, &str)> = vec![
            (
                FieldError::required("spec.containers[0].image", ""),
                "spec.containers[0].image: Required value",
            ),
            (
                FieldError::required("metadata.name", "name or generateName is required"),
                "metadata.name: Required value: name or generateName is required",
            ),
            (
                FieldError::forbidden("spec.nodeName", "cannot be set until all schedulingGates have been cleared"),
                "spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared",
            ),
            (
                FieldError::invalid("spec.containers[0].ports[0].containerPort", 65536, "must be between 1 and 65535, inclusive"),
                "spec.containers[0].ports[0].containerPort: Invalid value: 65536: must be between 1 and 65535, inclusive",
            ),
            (
                FieldError::invalid("metadata.name", "-web", "x"),
                "metadata.name: Invalid value: \"-web\": x",
            ),
            (
                FieldError::invalid("spec.hostNetwork", true, "x"),
                "spec.hostNetwork: Invalid value: true: x",
            ),
            (
                FieldError::not_supported("spec.os", "plan9", &["linux", "windows"]),
                "spec.os: Unsupported value: \"plan9\": supported values: \"linux\", \"windows\"",
            ),
            (
                FieldError::too_long("metadata.annotations", 262144),
                "metadata.annotations: Too long: may not be more than 262144 bytes",
            ),
            (
                FieldError::too_long("x", 1),
                "x: Too long: may not be more than 1 byte",
            ),
            (
                FieldError::too_many("spec.x", 21, 20),
                "spec.x: Too many: 21: must have at most 20 items",
            ),
            (
                FieldError::too_many("spec.x", -1, 1),
                "spec.x: Too many: must have at most 1 item",
            ),
            (
                FieldError::duplicate("spec.containers[1].name", "a"),
                "spec.containers[1].name: Duplicate value: \"a\"",
            ),
            (
                FieldError::not_found("spec.x", "a"),
                "spec.x: Not found: \"a\"",
            ),
            (
                FieldError::invalid("spec.x", json!(["a", "b"]), "d"),
                "spec.x: Invalid value: [\"a\",\"b\"]: d",
            ),
            (
                FieldError::invalid("spec.x", json!({"a": "<&>"}), "d"),
                "spec.x: Invalid value: {\"a\":\"\\u003c\\u0026\\u003e\"}: d",
            ),
            (
                FieldError::invalid("spec.x", Value::Null, "d"),
                "spec.x: Invalid value: null: d",
            ),
        ];
        for (err, want) in rows {
            assert_eq!(err.render(), want);
        }
    }

    #[test]
    fn required_and_too_long_carry_go_bad_values() {
        assert_eq!(FieldError::required("a", "").bad_value, Some(json!("")));
        assert_eq!(
            FieldError::too_long("a", 3).bad_value,
            Some(json!("<value omitted>"))
        );
    }

    #[test]
    fn paths_render_like_field_path() {
        let p = Path::new("spec")
            .child("containers")
            .index(0)
            .child("resources")
            .child("limits")
            .key("foo");
        assert_eq!(p.to_string(), "spec.containers[0].resources.limits[foo]");
    }
}
