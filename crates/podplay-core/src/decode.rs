//! Decoding a YAML document into a Kubernetes object the way the API server does.
//!
//! Kubernetes converts YAML to JSON (keys sorted, as Go maps marshal) and decodes that JSON
//! into Go structs with a case-sensitive fork of encoding/json (sigs.k8s.io/json). This module
//! walks the [`Node`] tree against the Go types in [`crate::schema`] and produces:
//! - the object as Go would marshal it back (`serde_json::Value` in Go field order, `omitempty`
//!   fields dropped when zero, non-`omitempty` zero fields present, quantities canonical),
//!   except that an explicit empty list or map is kept: Go decodes it into a non-nil empty
//!   slice or map, which a few checks tell from nil; [`marshal`] drops it for output;
//! - the decode error Kubernetes would report, in its wording (`json: cannot unmarshal string
//!   into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32`),
//!   with the input position;
//! - what kubectl's default strict field validation would reject (unknown and duplicate
//!   fields), which a non-strict decode silently drops.

use crate::quantity::Quantity;
use crate::schema::{schema, Field, GoType, TypeDef};
use crate::versions::Version;
use crate::yaml::{Node, Pos, Value as Y};
use serde::Serialize;
use serde_json::{Map, Value as J};

/// A decode failure, as Kubernetes words it, and where it is in the input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecodeError {
    pub message: String,
    pub pos: Pos,
    /// Kubernetes field path of the offending value (`spec.containers[0].ports[0].containerPort`).
    pub field: String,
}

/// An unknown or duplicate field (kubectl's strict validation rejects these; a non-strict
/// decode drops unknown fields and keeps the last duplicate).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrictIssue {
    /// `unknown field "spec.foo"` or `duplicate field "metadata.name"`.
    pub message: String,
    pub pos: Pos,
    pub field: String,
    /// For a repeated YAML map key, go-yaml's strict-unmarshal line for it (`line 9: key
    /// "image" already set in map`, the line of the repeated value): the API server's strict
    /// YAML→JSON conversion (sigs.k8s.io/yaml `YAMLToJSONStrict`) fails with these before the
    /// JSON decoder looks for unknown fields.
    #[serde(skip)]
    pub yaml_duplicate: Option<String>,
}

impl StrictIssue {
    /// The issue as the API server's strict decoding error words it.
    pub fn kubernetes_text(&self) -> String {
        match &self.yaml_duplicate {
            Some(line) => format!("yaml: unmarshal errors:\n  {line}"),
            None => self.message.clone(),
        }
    }
}

/// The result of decoding one object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decoded {
    /// The object as the decoded Go struct holds it (meaningful also when `error` is set:
    /// it holds everything decoded before and around the error). Marshal-shaped, except
    /// that an explicit `[]` or `{}` stays (see [`marshal`]).
    pub value: J,
    pub error: Option<DecodeError>,
    pub strict: Vec<StrictIssue>,
    /// (field path, text) of each quantity whose decoded text is not its canonical form
    /// (`value` holds the canonical one). Only kept for releases whose field errors print a
    /// quantity as parsed (Go `%#v`, before 1.34), where `0.5` and `500m` differ.
    pub quantity_texts: Vec<(String, String)>,
}

impl Decoded {
    /// `strict decoding error: unknown field "a", duplicate field "b"` — what a strict
    /// server-side field validation reports, or None when there is nothing to report.
    pub fn strict_error(&self) -> Option<String> {
        if self.strict.is_empty() {
            return None;
        }
        // apimachinery runtime/serializer/json `unmarshal`: the YAML conversion's one error
        // (go-yaml's `yaml: unmarshal errors:` listing every repeated key, in document order)
        // comes first, then the JSON decoder's unknown fields.
        let mut duplicates: Vec<&StrictIssue> = self
            .strict
            .iter()
            .filter(|s| s.yaml_duplicate.is_some())
            .collect();
        crate::small_sort::sort_by(&mut duplicates, |a, b| {
            (a.pos.line, a.pos.col) < (b.pos.line, b.pos.col)
        });
        let mut list: Vec<String> = Vec::new();
        if !duplicates.is_empty() {
            let lines: Vec<&str> = duplicates
                .iter()
                .filter_map(|s| s.yaml_duplicate.as_deref())
                .collect();
            list.push(format!("yaml: unmarshal errors:\n  {}", lines.join("\n  ")));
        }
        list.extend(
            self.strict
                .iter()
                .filter(|s| s.yaml_duplicate.is_none())
                .map(|s| s.message.clone()),
        );
        Some(format!("strict decoding error: {}", list.join(", ")))
    }
}

/// How the document was written, which decides how the API server reads it.
#[derive(Debug, Clone, Default)]
pub enum Syntax {
    /// YAML: sigs.k8s.io/yaml converts it to JSON first (map keys sorted, the last of
    /// duplicate keys kept, numbers re-written by `json.Marshal`).
    #[default]
    Yaml,
    /// A JSON document (its first non-space byte is `{`): the JSON decoder reads the text
    /// itself (apimachinery runtime/serializer/json `RecognizesData`), so keys are decoded in
    /// document order, every duplicate in turn, and numbers from their literal text, given
    /// here by position (`go::json::number_literals`), in document order.
    Json(Vec<(Pos, String)>),
}

/// Decodes `node` as the Go type `go_type` (e.g. `v1.Pod`) as the API server of `version`
/// does: a field that release's API does not have is unknown (versions.rs `API_FIELDS`).
pub fn decode(node: &Node, go_type: &str, version: Version) -> Decoded {
    decode_as(node, go_type, version, &Syntax::Yaml)
}

/// [`decode`] of a document written in `syntax`.
pub fn decode_as(node: &Node, go_type: &str, version: Version, syntax: &Syntax) -> Decoded {
    let json_numbers = match syntax {
        Syntax::Yaml => None,
        Syntax::Json(numbers) => Some(numbers.as_slice()),
    };
    if json_numbers.is_none() {
        if let Some(error) = unsupported_float(node) {
            return Decoded {
                value: J::Null,
                error: Some(error),
                strict: Vec::new(),
                quantity_texts: Vec::new(),
            };
        }
    }
    let mut d = Decoder {
        version,
        json_numbers,
        first_type_error: None,
        hard_error: None,
        strict: Vec::new(),
        quantity_texts: Vec::new(),
    };
    let ty = GoType::Name(go_type.to_string());
    let ctx = Ctx {
        struct_name: String::new(),
        stack: String::new(),
        path: String::new(),
    };
    let value = d.value(node, &ty, &ctx).unwrap_or(J::Null);
    if d.json_numbers.is_some() {
        // sigs.k8s.io/json reports unknown and duplicate fields as it meets them.
        crate::small_sort::sort_by(&mut d.strict, |a, b| {
            (a.pos.line, a.pos.col) < (b.pos.line, b.pos.col)
        });
    }
    // An error returned by a type's own UnmarshalJSON aborts decoding and wins over an
    // earlier type mismatch, which Go only records and reports at the end.
    let error = d.hard_error.or(d.first_type_error);
    Decoded {
        value,
        error,
        strict: d.strict,
        quantity_texts: d.quantity_texts,
    }
}

/// `.inf`, `-.inf` or `.nan` anywhere in the document (known field or not): sigs.k8s.io/yaml's
/// `YAMLToJSON` keeps them as float64 and its `json.Marshal` fails with encoding/json's
/// `UnsupportedValueError` before any typed decoding, at the first one in marshal order
/// (map keys sorted, the last of duplicate keys kept): `json: unsupported value: +Inf`.
fn unsupported_float(node: &Node) -> Option<DecodeError> {
    match &node.value {
        Y::Float(f) if !f.is_finite() => {
            let text = if f.is_nan() {
                "NaN"
            } else if *f > 0.0 {
                "+Inf"
            } else {
                "-Inf"
            };
            Some(DecodeError {
                message: format!("json: unsupported value: {text}"),
                pos: node.pos,
                field: String::new(),
            })
        }
        Y::Seq(items) => items.iter().find_map(unsupported_float),
        Y::Map(entries) => sorted_last_wins(entries)
            .into_iter()
            .find_map(|i| unsupported_float(&entries[i].value)),
        _ => None,
    }
}

/// The Go zero value of a type, as it marshals.
pub fn zero_value(ty: &GoType) -> J {
    zero(ty)
}

/// The object as Go's `json.Marshal` writes it: `omitempty` and `omitzero` re-applied to
/// every struct field, following pointers, slices, maps and named types through the schema.
///
/// [`decode`] keeps explicit empty lists and maps (`finalizers: []`, `overhead: {}`) because
/// the API server's Go structs hold them as non-nil empty values through defaulting,
/// admission and validation; only the response drops them. Key order is kept; keys the
/// schema does not know are kept as they are.
pub fn marshal(value: &J, go_type: &str) -> J {
    let mut out = value.clone();
    marshal_owned(&mut out, go_type);
    out
}

/// [`marshal`] on a value the caller owns, in place (no copy of it).
pub fn marshal_owned(value: &mut J, go_type: &str) {
    marshal_in_place(value, &GoType::Name(go_type.to_string()));
}

fn marshal_in_place(v: &mut J, ty: &GoType) {
    match ty {
        GoType::Pointer(inner) => marshal_in_place(v, inner),
        GoType::Slice(inner) => {
            if let J::Array(items) = v {
                for item in items.iter_mut() {
                    marshal_in_place(item, inner);
                }
            }
        }
        GoType::Map(_, inner) => {
            if let J::Object(entries) = v {
                for (_, item) in entries.iter_mut() {
                    marshal_in_place(item, inner);
                }
            }
        }
        GoType::Name(name) => match schema().types.get(name.as_str()) {
            Some(TypeDef::Struct(fields)) => {
                if let J::Object(map) = v {
                    marshal_struct(map, fields);
                }
            }
            Some(TypeDef::Named(underlying)) => marshal_in_place(v, underlying),
            None => {}
        },
    }
}

/// One pass over the fields in order (`retain` keeps the order and removes in place: no
/// copy of every key, no shift per removed field).
fn marshal_struct(map: &mut Map<String, J>, fields: &[Field]) {
    map.retain(|key, v| match fields.iter().find(|f| f.json == *key) {
        Some(f) => {
            marshal_in_place(v, &f.ty);
            !omitted(f, v)
        }
        None => true,
    });
}

/// Whether json.Marshal leaves this struct field out.
fn omitted(f: &Field, v: &J) -> bool {
    (f.omitempty && is_empty(v, &f.ty)) || (f.omitzero && is_zero(v, &f.ty))
}

/// `[]` or `{}` for a slice or map type (named or not; not `[]byte`, which is text).
fn is_explicit_empty_collection(v: &J, ty: &GoType) -> bool {
    match ty {
        GoType::Slice(inner) => {
            !matches!(inner.as_ref(), GoType::Name(n) if n == "byte")
                && v.as_array().is_some_and(Vec::is_empty)
        }
        GoType::Map(_, _) => v.as_object().is_some_and(Map::is_empty),
        GoType::Name(n) => match schema().types.get(n.as_str()) {
            Some(TypeDef::Named(u)) => is_explicit_empty_collection(v, u),
            _ => false,
        },
        GoType::Pointer(_) => false,
    }
}

/// Where the decoder is: Go's error context (struct name + json field stack) and the
/// Kubernetes field path (with list indexes) for positions.
#[derive(Clone)]
struct Ctx {
    struct_name: String,
    /// The json field names from the outermost struct, joined by `.` (Go's `Field`).
    stack: String,
    path: String,
}

impl Ctx {
    /// The context inside field `json` of struct `struct_name`; `embedded_in` (the Go names
    /// of the inline structs it comes through, or "") joins Go's field stack before it.
    fn field(&self, struct_name: &str, embedded_in: &str, json: &str) -> Ctx {
        let mut stack =
            String::with_capacity(self.stack.len() + embedded_in.len() + json.len() + 2);
        if !self.stack.is_empty() {
            stack.push_str(&self.stack);
            stack.push('.');
        }
        if !embedded_in.is_empty() {
            stack.push_str(embedded_in);
            stack.push('.');
        }
        stack.push_str(json);
        let path = if self.path.is_empty() {
            json.to_string()
        } else {
            format!("{}.{json}", self.path)
        };
        Ctx {
            struct_name: struct_name.to_string(),
            stack,
            path,
        }
    }

    fn index(&self, i: usize) -> Ctx {
        self.with_path(format!("{}[{i}]", self.path))
    }

    fn key(&self, k: &str) -> Ctx {
        self.with_path(format!("{}[{k}]", self.path))
    }

    /// The same Go location at another Kubernetes path (without copying the old path).
    fn with_path(&self, path: String) -> Ctx {
        Ctx {
            struct_name: self.struct_name.clone(),
            stack: self.stack.clone(),
            path,
        }
    }

    /// `Go struct field ContainerPort.spec.containers.ports.containerPort` or `Go value`.
    fn go_location(&self) -> String {
        if self.struct_name.is_empty() && self.stack.is_empty() {
            "Go value".to_string()
        } else {
            format!("Go struct field {}.{}", self.struct_name, self.stack)
        }
    }
}

struct Decoder<'a> {
    version: Version,
    /// Set for a JSON document: its number literals by position ([`Syntax::Json`]).
    json_numbers: Option<&'a [(Pos, String)]>,
    first_type_error: Option<DecodeError>,
    hard_error: Option<DecodeError>,
    strict: Vec<StrictIssue>,
    quantity_texts: Vec<(String, String)>,
}

/// What Go's UnmarshalTypeError says about the JSON value (`string`, `number`, ...).
fn json_kind(node: &Node) -> String {
    match &node.value {
        Y::Null => "null".into(),
        Y::Bool(_) => "bool".into(),
        Y::Int(_) | Y::Float(_) => "number".into(),
        Y::Str(_) => "string".into(),
        Y::Seq(_) => "array".into(),
        Y::Map(_) => "object".into(),
    }
}

/// The JSON text of a number as Go's decoder sees it after YAML → JSON conversion.
fn number_text(node: &Node) -> Option<String> {
    match &node.value {
        Y::Int(i) => Some(i.to_string()),
        Y::Float(f) if f.is_finite() => Some(crate::go::json::format_float(*f)),
        _ => None,
    }
}

fn short_name(go_type: &str) -> &str {
    go_type.rsplit('.').next().unwrap_or(go_type)
}

impl Decoder<'_> {
    /// The literal text of a JSON document's number at `node` (YAML may have read `1e3` as a
    /// string and `1.50` as 1.5; Go's JSON decoder sees the literal).
    fn literal(&self, node: &Node) -> Option<&str> {
        let numbers = self.json_numbers?;
        let key = (node.pos.line, node.pos.col);
        let i = numbers
            .binary_search_by(|(p, _)| (p.line, p.col).cmp(&key))
            .ok()?;
        Some(numbers[i].1.as_str())
    }

    /// [`json_kind`], knowing a JSON document's numbers.
    fn kind_of(&self, node: &Node) -> String {
        match self.literal(node) {
            Some(_) => "number".into(),
            None => json_kind(node),
        }
    }

    /// The JSON text of a number as Go's decoder sees it: the literal of a JSON document,
    /// else the YAML value as `json.Marshal` writes it.
    fn number_text(&self, node: &Node) -> Option<String> {
        match self.literal(node) {
            Some(text) => Some(text.to_string()),
            None => number_text(node),
        }
    }

    /// A JSON document's number that YAML 1.1 read as a string (`1e3`).
    fn is_json_number(&self, node: &Node) -> bool {
        self.literal(node).is_some()
    }

    fn type_error(&mut self, what: String, ty: &GoType, node: &Node, ctx: &Ctx) {
        if self.first_type_error.is_none() {
            self.first_type_error = Some(DecodeError {
                message: format!(
                    "json: cannot unmarshal {what} into {} of type {}",
                    ctx.go_location(),
                    ty.go_string()
                ),
                pos: node.pos,
                field: ctx.path.clone(),
            });
        }
    }

    fn hard(&mut self, message: String, node: &Node, ctx: &Ctx) {
        if self.hard_error.is_none() {
            self.hard_error = Some(DecodeError {
                message,
                pos: node.pos,
                field: ctx.path.clone(),
            });
        }
    }

    /// Decodes a node into a Go type. Returns the marshaled value, or None when the JSON
    /// value leaves the Go value untouched (null into a non-nullable, or a type error).
    fn value(&mut self, node: &Node, ty: &GoType, ctx: &Ctx) -> Option<J> {
        if self.hard_error.is_some() {
            return None;
        }
        match ty {
            GoType::Pointer(inner) => {
                if matches!(node.value, Y::Null) {
                    return Some(J::Null);
                }
                self.value(node, inner, ctx)
            }
            GoType::Slice(inner) => {
                if let GoType::Name(n) = inner.as_ref() {
                    if n == "byte" {
                        return self.bytes(node, ty, ctx);
                    }
                }
                match &node.value {
                    Y::Null => Some(J::Null),
                    Y::Seq(items) => {
                        let mut out = Vec::with_capacity(items.len());
                        for (i, item) in items.iter().enumerate() {
                            let v = self
                                .value(item, inner, &ctx.index(i))
                                .unwrap_or_else(|| zero(inner));
                            out.push(v);
                        }
                        Some(J::Array(out))
                    }
                    _ => {
                        self.type_error(self.kind_of(node), ty, node, ctx);
                        None
                    }
                }
            }
            GoType::Map(_, inner) => match &node.value {
                Y::Null => Some(J::Null),
                Y::Map(entries) => {
                    // Each key's value is decoded afresh, so the last of duplicate keys wins
                    // either way; a JSON document is decoded in its own order (which type
                    // error comes first), a YAML one in the converted JSON's sorted order.
                    let mut values: Vec<Option<J>> = vec![None; entries.len()];
                    let json = self.json_numbers.is_some();
                    let order: Vec<usize> = if json {
                        (0..entries.len()).collect()
                    } else {
                        sorted_last_wins(entries)
                    };
                    for &i in &order {
                        let e = &entries[i];
                        values[i] = Some(
                            self.value(&e.value, inner, &ctx.key(&e.key))
                                .unwrap_or_else(|| zero(inner)),
                        );
                    }
                    let mut out = Map::new();
                    for i in if json {
                        sorted_last_wins(entries)
                    } else {
                        order
                    } {
                        out.insert(entries[i].key.clone(), values[i].take().unwrap_or(J::Null));
                    }
                    self.duplicates(entries, ctx);
                    Some(J::Object(out))
                }
                _ => {
                    self.type_error(self.kind_of(node), ty, node, ctx);
                    None
                }
            },
            GoType::Name(name) => self.named(node, name, ty, ctx),
        }
    }

    fn named(&mut self, node: &Node, name: &str, ty: &GoType, ctx: &Ctx) -> Option<J> {
        match name {
            "string" => match &node.value {
                Y::Str(s) if !self.is_json_number(node) => Some(J::String(s.clone())),
                Y::Null => None,
                _ => {
                    self.type_error(self.kind_of(node), ty, node, ctx);
                    None
                }
            },
            "bool" => match &node.value {
                Y::Bool(b) => Some(J::Bool(*b)),
                Y::Null => None,
                _ => {
                    self.type_error(self.kind_of(node), ty, node, ctx);
                    None
                }
            },
            "int" | "int32" | "int64" | "uint16" | "uint32" | "uint64" | "byte" => {
                self.integer(node, name, ty, ctx)
            }
            "float64" => match &node.value {
                _ if self.is_json_number(node) => {
                    let text = self.literal(node).unwrap_or_default();
                    // (not `str::parse`: see `yaml::parse_float`)
                    match crate::yaml::parse_float(text).and_then(serde_json::Number::from_f64) {
                        Some(n) => Some(J::Number(n)),
                        None => {
                            self.type_error(format!("number {text}"), ty, node, ctx);
                            None
                        }
                    }
                }
                Y::Int(i) => Some(J::from(*i as f64)),
                Y::Float(f) if f.is_finite() => serde_json::Number::from_f64(*f).map(J::Number),
                Y::Null => None,
                _ => {
                    self.type_error(self.kind_of(node), ty, node, ctx);
                    None
                }
            },
            "resource.Quantity" => self.quantity(node, ctx),
            "intstr.IntOrString" => self.int_or_string(node, ctx),
            "v1.Time" | "v1.MicroTime" => match &node.value {
                Y::Null => Some(J::Null),
                Y::Str(_) if self.is_json_number(node) => {
                    self.unmarshaler_type_error("number", "string", node, ctx);
                    None
                }
                Y::Str(s) if name == "v1.Time" => match crate::go::time::rfc3339_roundtrip(s) {
                    Ok(text) => Some(text.map_or(J::Null, J::String)),
                    Err(message) => {
                        self.hard(message, node, ctx);
                        None
                    }
                },
                Y::Str(s) => Some(J::String(s.clone())),
                _ => {
                    // metav1.Time.UnmarshalJSON decodes the text with the standard library's
                    // json.Unmarshal; the outer decoder then names the struct field (see
                    // `unmarshaler_type_error`).
                    let what = self.kind_of(node);
                    self.unmarshaler_type_error(&what, "string", node, ctx);
                    None
                }
            },
            "runtime.RawExtension" => Some(node.to_json()),
            _ => match schema().types.get(name) {
                Some(TypeDef::Struct(fields)) => self.object(node, name, fields, ty, ctx),
                Some(TypeDef::Named(underlying)) => {
                    // A named type decodes like its underlying type but is named in errors.
                    let underlying = underlying.clone();
                    match &underlying {
                        GoType::Name(base) if !is_struct(base) => {
                            self.named_scalar(node, base, ty, ctx)
                        }
                        _ => {
                            let saved = self.first_type_error.is_some();
                            let v = self.value(node, &underlying, ctx);
                            // Re-word a type error at this level with the named type.
                            if !saved {
                                if let Some(e) = &mut self.first_type_error {
                                    if e.field == ctx.path {
                                        e.message = e
                                            .message
                                            .replace(&underlying.go_string(), &ty.go_string());
                                    }
                                }
                            }
                            v
                        }
                    }
                }
                None => Some(node.to_json()),
            },
        }
    }

    /// A named scalar type such as `v1.Protocol` (string) or a named int.
    fn named_scalar(&mut self, node: &Node, base: &str, ty: &GoType, ctx: &Ctx) -> Option<J> {
        let before = self.first_type_error.is_some();
        let v = self.named(node, base, &GoType::Name(base.to_string()), ctx);
        if !before {
            if let Some(e) = &mut self.first_type_error {
                let suffix = format!(" of type {base}");
                if e.message.ends_with(&suffix) {
                    let cut = e.message.len() - suffix.len();
                    e.message = format!("{} of type {}", &e.message[..cut], ty.go_string());
                }
            }
        }
        v
    }

    fn integer(&mut self, node: &Node, name: &str, ty: &GoType, ctx: &Ctx) -> Option<J> {
        let text = match &node.value {
            _ if self.is_json_number(node) => self.number_text(node),
            Y::Null => return None,
            Y::Int(_) | Y::Float(_) => number_text(node),
            _ => {
                self.type_error(self.kind_of(node), ty, node, ctx);
                return None;
            }
        };
        let Some(text) = text else {
            self.type_error("number".into(), ty, node, ctx);
            return None;
        };
        let (min, max): (i128, i128) = match name {
            "int32" => (i32::MIN as i128, i32::MAX as i128),
            "int" | "int64" => (i64::MIN as i128, i64::MAX as i128),
            "uint16" => (0, u16::MAX as i128),
            "uint32" => (0, u32::MAX as i128),
            "byte" => (0, u8::MAX as i128),
            _ => (0, u64::MAX as i128),
        };
        match text.parse::<i128>() {
            Ok(v) if v >= min && v <= max => Some(J::from(v as i64)),
            _ => {
                self.type_error(format!("number {text}"), ty, node, ctx);
                None
            }
        }
    }

    fn quantity(&mut self, node: &Node, ctx: &Ctx) -> Option<J> {
        let text = match &node.value {
            _ if self.is_json_number(node) => self.number_text(node).unwrap_or_default(),
            Y::Null => return Some(J::String("0".into())),
            Y::Str(s) => go_trim_json_space(s).to_string(),
            Y::Bool(b) => b.to_string(),
            Y::Int(_) | Y::Float(_) => number_text(node).unwrap_or_default(),
            Y::Seq(_) | Y::Map(_) => String::from("{"),
        };
        match Quantity::parse(&text) {
            Ok(q) => {
                let canonical = q.canonical();
                if canonical != text && !self.version.behaviour("FieldErrorQuotesNamedStrings") {
                    self.quantity_texts.push((ctx.path.clone(), text));
                }
                Some(J::String(canonical))
            }
            Err(e) => {
                self.hard(e, node, ctx);
                None
            }
        }
    }

    /// `intstr.IntOrString.UnmarshalJSON`: a string is kept, anything else goes through the
    /// standard library's `json.Unmarshal` into an int32, whose error ends decoding and is
    /// given the struct field by the outer decoder (see `unmarshaler_type_error`).
    fn int_or_string(&mut self, node: &Node, ctx: &Ctx) -> Option<J> {
        let what = match &node.value {
            Y::Str(s) if !self.is_json_number(node) => return Some(J::String(s.clone())),
            Y::Null => return Some(J::from(0)),
            Y::Int(_) | Y::Float(_) | Y::Str(_) => {
                let text = self.number_text(node).unwrap_or_default();
                match text.parse::<i64>() {
                    Ok(v) if v >= i32::MIN as i64 && v <= i32::MAX as i64 => {
                        return Some(J::from(v))
                    }
                    _ => format!("number {text}"),
                }
            }
            _ => self.kind_of(node),
        };
        self.unmarshaler_type_error(&what, "int32", node, ctx);
        None
    }

    /// A type error returned by a field's own `UnmarshalJSON` (IntOrString, metav1.Time), which
    /// decodes with the standard library. It ends decoding, and the outer decoder's
    /// `addErrorContext` fills in the struct and field path because sigs.k8s.io/json aliases
    /// its `UnmarshalTypeError` to encoding/json's (`internal/golang/encoding/json/kubernetes_patch.go`):
    /// `json: cannot unmarshal number 80.5 into Go struct field HTTPGetAction.spec.containers.livenessProbe.ProbeHandler.httpGet.port of type int32`.
    fn unmarshaler_type_error(&mut self, what: &str, go_type: &str, node: &Node, ctx: &Ctx) {
        let msg = format!(
            "json: cannot unmarshal {what} into {} of type {go_type}",
            ctx.go_location()
        );
        self.hard(msg, node, ctx);
    }

    fn bytes(&mut self, node: &Node, ty: &GoType, ctx: &Ctx) -> Option<J> {
        match &node.value {
            Y::Null => Some(J::Null),
            // encoding/json decodes []byte with base64.StdEncoding.
            Y::Str(s) if !self.is_json_number(node) => match crate::go::base64::decode(s, true) {
                Ok(_) => Some(J::String(s.clone())),
                Err(message) => {
                    if self.first_type_error.is_none() {
                        self.first_type_error = Some(DecodeError {
                            message,
                            pos: node.pos,
                            field: ctx.path.clone(),
                        });
                    }
                    None
                }
            },
            _ => {
                self.type_error(self.kind_of(node), ty, node, ctx);
                None
            }
        }
    }

    fn object(
        &mut self,
        node: &Node,
        go_name: &str,
        fields: &[Field],
        ty: &GoType,
        ctx: &Ctx,
    ) -> Option<J> {
        let entries = match &node.value {
            Y::Null => return None,
            Y::Map(entries) => entries,
            _ => {
                self.type_error(self.kind_of(node), ty, node, ctx);
                return None;
            }
        };
        let struct_name = short_name(go_name);
        let mut decoded: Vec<Option<J>> = vec![None; fields.len()];
        // A JSON document is decoded in its own order and every duplicate in turn, each into
        // what the earlier ones left (`first_node` keeps the merged text of a repeated field).
        let json = self.json_numbers.is_some();
        let order: Vec<usize> = if json {
            (0..entries.len()).collect()
        } else {
            sorted_last_wins(entries)
        };
        let mut first_node: Vec<Option<Node>> = Vec::new();
        for e in order.iter().map(|&i| &entries[i]) {
            let known = |f: &Field| f.json == e.key && self.version.has_api_field(go_name, &f.json);
            match fields.iter().position(known) {
                Some(i) => {
                    // sigs.k8s.io/json (v0.0.0-20250730193827, in 1.35 and 1.36) names the
                    // embedded struct in the stack; older versions do not.
                    let embedded_in = if self.version.behaviour("DecodeErrorNamesEmbeddedStructs") {
                        fields[i].embedded_in.as_str()
                    } else {
                        ""
                    };
                    let fctx = ctx.field(struct_name, embedded_in, &e.key);
                    let v = self.value(&e.value, &fields[i].ty, &fctx);
                    if json {
                        if first_node.is_empty() {
                            first_node = vec![None; fields.len()];
                        }
                        if let Some(earlier) = first_node[i].take() {
                            let merged = merge_into(earlier, &e.value, &fields[i].ty);
                            decoded[i] = self.quietly(|d| d.value(&merged, &fields[i].ty, &fctx));
                            first_node[i] = Some(merged);
                            continue;
                        }
                        first_node[i] = Some(e.value.clone());
                    }
                    if let Some(v) = v {
                        decoded[i] = Some(v);
                    }
                }
                None => {
                    let field = if ctx.path.is_empty() {
                        e.key.clone()
                    } else {
                        format!("{}.{}", ctx.path, e.key)
                    };
                    self.strict.push(StrictIssue {
                        // sigs.k8s.io/json quotes the path with `%q`.
                        message: format!("unknown field {}", crate::go::strconv::quote(&field)),
                        pos: e.key_pos,
                        field,
                        yaml_duplicate: None,
                    });
                }
            }
        }
        self.duplicates(entries, ctx);
        let mut out = Map::new();
        for (f, v) in fields.iter().zip(decoded) {
            let v = v.unwrap_or_else(|| zero(&f.ty));
            // Go decodes `[]` and `{}` into non-nil empty slices and maps, which defaulting,
            // admission and validation see; only `marshal` drops them, as json.Marshal does.
            if is_explicit_empty_collection(&v, &f.ty) {
                out.insert(f.json.clone(), v);
                continue;
            }
            if omitted(f, &v) {
                continue;
            }
            out.insert(f.json.clone(), v);
        }
        Some(J::Object(out))
    }

    /// Runs `f` without keeping the errors it finds (a re-decode of merged duplicates, whose
    /// errors were found when each was decoded in turn).
    fn quietly(&mut self, f: impl FnOnce(&mut Self) -> Option<J>) -> Option<J> {
        let type_error = self.first_type_error.clone();
        let hard_error = self.hard_error.clone();
        let (strict, quantities) = (self.strict.len(), self.quantity_texts.len());
        let v = f(self);
        self.first_type_error = type_error;
        self.hard_error = hard_error;
        self.strict.truncate(strict);
        self.quantity_texts.truncate(quantities);
        v
    }

    fn duplicates(&mut self, entries: &[crate::yaml::Entry], ctx: &Ctx) {
        // Every entry whose key already appeared earlier in the document, in document order.
        let order = key_order(entries);
        let mut repeated: Vec<usize> = order
            .windows(2)
            .filter(|w| entries[w[0]].key == entries[w[1]].key)
            .map(|w| w[1])
            .collect();
        crate::small_sort::sort_by(&mut repeated, |a, b| a < b);
        for i in repeated {
            let e = &entries[i];
            let field = if ctx.path.is_empty() {
                e.key.clone()
            } else {
                format!("{}.{}", ctx.path, e.key)
            };
            // go-yaml v2 decode.go setMapIndex: the value node's line, the key as `%#v`
            // (a JSON document never goes through go-yaml: sigs.k8s.io/json's own wording).
            let yaml_duplicate = self.json_numbers.is_none().then(|| {
                format!(
                    "line {}: key {} already set in map",
                    e.value.pos.line,
                    crate::go::strconv::quote(&e.key)
                )
            });
            self.strict.push(StrictIssue {
                message: format!("duplicate field {}", crate::go::strconv::quote(&field)),
                pos: e.key_pos,
                field,
                yaml_duplicate,
            });
        }
    }
}

/// Indexes of the map entries of the JSON object Go decodes: duplicate keys collapsed (last
/// wins, as the YAML → map conversion does) and keys in sorted order (as Go marshals maps).
fn sorted_last_wins(entries: &[crate::yaml::Entry]) -> Vec<usize> {
    let order = key_order(entries);
    // The last entry of each run of equal keys wins.
    let mut out = Vec::with_capacity(entries.len());
    for (n, &i) in order.iter().enumerate() {
        let next_is_same = order
            .get(n + 1)
            .is_some_and(|&j| entries[j].key == entries[i].key);
        if !next_is_same {
            out.push(i);
        }
    }
    out
}

/// The JSON text Go's decoder ends with after decoding `later` into what `earlier` left in a
/// value of type `ty` (encoding/json decode.go): an object into a struct or map sets only its
/// own keys, an array into a slice decodes element by element into the old elements and cuts
/// the slice to its own length, `null` clears only pointers, maps and slices, and anything
/// else replaces.
fn merge_into(earlier: Node, later: &Node, ty: &GoType) -> Node {
    let kind = go_kind(ty);
    let null_clears =
        matches!(ty, GoType::Pointer(_)) || !matches!(kind, GoKind::Struct | GoKind::Other);
    match (earlier.value, &later.value) {
        (old, Y::Null) if !null_clears => Node {
            value: old,
            pos: earlier.pos,
        },
        (Y::Map(mut old), Y::Map(new)) if matches!(kind, GoKind::Struct | GoKind::Map) => {
            old.extend(new.iter().cloned());
            Node {
                value: Y::Map(old),
                pos: later.pos,
            }
        }
        (Y::Seq(old), Y::Seq(new)) if matches!(kind, GoKind::Slice(_)) => {
            let GoKind::Slice(elem) = kind else {
                unreachable!()
            };
            let mut old = old.into_iter();
            let items = new
                .iter()
                .map(|n| match old.next() {
                    Some(o) => merge_into(o, n, elem),
                    None => n.clone(),
                })
                .collect();
            Node {
                value: Y::Seq(items),
                pos: later.pos,
            }
        }
        _ => later.clone(),
    }
}

/// What decoding into a Go type does with an existing value (see [`merge_into`]).
#[derive(PartialEq)]
enum GoKind<'a> {
    Struct,
    Map,
    Slice(&'a GoType),
    /// Pointers: a JSON `null` clears them (and they decode into what they point to).
    Pointer,
    Other,
}

fn go_kind(ty: &GoType) -> GoKind<'_> {
    match ty {
        GoType::Pointer(inner) => match go_kind(inner) {
            GoKind::Struct => GoKind::Struct,
            _ => GoKind::Pointer,
        },
        GoType::Slice(inner) if !matches!(inner.as_ref(), GoType::Name(n) if n == "byte") => {
            GoKind::Slice(inner)
        }
        GoType::Slice(_) => GoKind::Pointer,
        GoType::Map(..) => GoKind::Map,
        GoType::Name(name) => match schema().types.get(name) {
            Some(TypeDef::Struct(_)) if !has_own_unmarshaler(name) => GoKind::Struct,
            Some(TypeDef::Named(underlying)) => match go_kind(underlying) {
                GoKind::Struct => GoKind::Struct,
                GoKind::Map => GoKind::Map,
                GoKind::Slice(_) => GoKind::Pointer,
                other => other,
            },
            _ => GoKind::Other,
        },
    }
}

/// Types whose own `UnmarshalJSON` replaces the whole value.
fn has_own_unmarshaler(name: &str) -> bool {
    matches!(
        name,
        "resource.Quantity"
            | "intstr.IntOrString"
            | "v1.Time"
            | "v1.MicroTime"
            | "runtime.RawExtension"
    )
}

/// Indexes of `entries` sorted by key, ties in document order (O(n log n): a hostile
/// document may have a hundred thousand keys).
fn key_order(entries: &[crate::yaml::Entry]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    crate::small_sort::sort_by(&mut order, |&a, &b| {
        (&entries[a].key, a) < (&entries[b].key, b)
    });
    order
}

/// `strings.TrimSpace` as `Quantity.UnmarshalJSON` applies it to the raw JSON text of a
/// string: Unicode spaces are trimmed, but not the ones JSON writes as escapes (`\t`, `\n`,
/// U+2028, ...), because Go trims the escaped text, not the decoded string.
fn go_trim_json_space(s: &str) -> &str {
    let trimmable = |c: char| c.is_whitespace() && c >= ' ' && c != '\u{2028}' && c != '\u{2029}';
    s.trim_matches(trimmable)
}

fn is_struct(name: &str) -> bool {
    matches!(schema().types.get(name), Some(TypeDef::Struct(_)))
}

/// The Go zero value of a type, as json.Marshal writes it.
fn zero(ty: &GoType) -> J {
    match ty {
        GoType::Pointer(_) | GoType::Slice(_) | GoType::Map(_, _) => J::Null,
        GoType::Name(n) => match n.as_str() {
            "string" => J::String(String::new()),
            "bool" => J::Bool(false),
            "int" | "int32" | "int64" | "uint16" | "uint32" | "uint64" | "byte" => J::from(0),
            "float64" => J::from(0),
            "resource.Quantity" => J::String("0".into()),
            "intstr.IntOrString" => J::from(0),
            "v1.Time" | "v1.MicroTime" | "runtime.RawExtension" => J::Null,
            other => match schema().types.get(other) {
                Some(TypeDef::Struct(fields)) => {
                    let mut out = Map::new();
                    for f in fields {
                        let v = zero(&f.ty);
                        if (f.omitempty && is_empty(&v, &f.ty)) || f.omitzero {
                            continue;
                        }
                        out.insert(f.json.clone(), v);
                    }
                    J::Object(out)
                }
                Some(TypeDef::Named(u)) => zero(u),
                None => J::Null,
            },
        },
    }
}

/// Go's `omitempty` test: false, 0, "", nil pointer, nil or empty slice/map. Structs are
/// never empty (Go ignores omitempty on them).
fn is_empty(v: &J, ty: &GoType) -> bool {
    match ty {
        GoType::Pointer(_) => v.is_null(),
        GoType::Slice(_) => {
            v.is_null()
                || v.as_array().is_some_and(Vec::is_empty)
                || v.as_str().is_some_and(str::is_empty)
        }
        GoType::Map(_, _) => v.is_null() || v.as_object().is_some_and(Map::is_empty),
        GoType::Name(n) => match n.as_str() {
            "string" => v.as_str() == Some(""),
            "bool" => v.as_bool() == Some(false),
            "int" | "int32" | "int64" | "uint16" | "uint32" | "uint64" | "byte" | "float64" => {
                v.as_f64() == Some(0.0)
            }
            other => match schema().types.get(other) {
                Some(TypeDef::Named(u)) => is_empty(v, u),
                _ => false,
            },
        },
    }
}

/// Go's `omitzero` test: the value equals the type's zero value.
fn is_zero(v: &J, ty: &GoType) -> bool {
    match ty {
        GoType::Name(n) if n == "v1.Time" || n == "v1.MicroTime" => v.is_null(),
        _ => *v == zero(ty),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse_one;
    use serde_json::json;

    fn pod(text: &str) -> Decoded {
        decode(&parse_one(text).unwrap(), "v1.Pod", Version::new(1, 36))
    }

    #[test]
    fn wrong_type_is_a_decode_error_in_kubernetes_words() {
        let d = pod("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports:\n    - containerPort: \"eighty\"\n");
        let e = d.error.unwrap();
        assert_eq!(
            e.message,
            "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32"
        );
        assert_eq!(e.pos, Pos { line: 10, col: 22 });
        assert_eq!(e.field, "spec.containers[0].ports[0].containerPort");
    }

    #[test]
    fn named_types_are_named_in_errors() {
        let d = pod("spec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: 80\n      protocol: 6\n");
        assert_eq!(
            d.error.unwrap().message,
            "json: cannot unmarshal number into Go struct field ContainerPort.spec.containers.ports.protocol of type v1.Protocol"
        );
    }

    #[test]
    fn numbers_that_do_not_fit_name_the_number() {
        let d = pod("spec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: 80.5\n");
        assert!(d
            .error
            .unwrap()
            .message
            .starts_with("json: cannot unmarshal number 80.5 into"));
        let d = pod("spec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: 80.0\n");
        assert!(d.error.is_none(), "80.0 is sent as 80 in JSON");
    }

    #[test]
    fn first_type_error_in_sorted_key_order_wins() {
        // `metadata` sorts before `spec`, so the name error is reported even though it comes later.
        let d = pod("spec:\n  containers: 5\nmetadata:\n  name: 7\n");
        assert!(d
            .error
            .unwrap()
            .message
            .contains("ObjectMeta.metadata.name of type string"));
    }

    #[test]
    fn output_is_go_marshal_shaped() {
        let d = pod("kind: Pod\napiVersion: v1\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: 80\n      hostPort: 0\n");
        assert!(d.error.is_none());
        assert_eq!(
            d.value["spec"]["containers"][0]["ports"][0],
            json!({"containerPort": 80})
        );
        // Keys come out in Go struct order.
        let keys: Vec<&String> = d.value.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["kind", "apiVersion", "metadata", "spec", "status"]);
    }

    #[test]
    fn explicit_empty_collections_are_kept_until_marshal() {
        let d = pod("metadata:\n  name: p\n  finalizers: []\n  labels: {}\n  annotations: null\nspec:\n  containers: []\n  overhead: {}\n  securityContext:\n    supplementalGroups: []\n    sysctls: null\n");
        assert!(d.error.is_none());
        // Decoded as Go holds it: `[]` and `{}` are non-nil, `null` is nil (absent).
        assert_eq!(
            d.value["metadata"],
            json!({"name": "p", "labels": {}, "finalizers": []})
        );
        assert_eq!(d.value["spec"]["overhead"], json!({}));
        assert_eq!(
            d.value["spec"]["securityContext"],
            json!({"supplementalGroups": []})
        );
        // Marshaled: omitempty drops the empties; `containers` has no omitempty, and structs
        // are never empty.
        let m = marshal(&d.value, "v1.Pod");
        assert_eq!(m["metadata"], json!({"name": "p"}));
        assert_eq!(m["spec"], json!({"containers": [], "securityContext": {}}));
    }

    #[test]
    fn marshal_follows_slices_maps_and_named_types() {
        let v = json!({"spec": {
            "containers": [{"name": "c", "args": [], "resources": {"limits": {}, "requests": {"cpu": "1"}}}],
            "overhead": {"cpu": "1"},
            "extra": []
        }});
        let m = marshal(&v, "v1.Pod");
        assert_eq!(
            m,
            json!({"spec": {
                "containers": [{"name": "c", "resources": {"requests": {"cpu": "1"}}}],
                "overhead": {"cpu": "1"},
                "extra": []
            }})
        );
        // Key order is kept.
        let keys: Vec<&String> = m["spec"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["containers", "overhead", "extra"]);
    }

    #[test]
    fn unknown_and_duplicate_fields_are_strict_issues() {
        let d = pod("metadata:\n  name: a\n  name: b\n  nmae: c\n");
        assert_eq!(d.value["metadata"]["name"], "b");
        let msgs: Vec<&str> = d.strict.iter().map(|s| s.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "unknown field \"metadata.nmae\"",
                "duplicate field \"metadata.name\""
            ]
        );
        assert_eq!(
            d.strict_error().unwrap(),
            // The YAML conversion's error first (the repeated value is on line 3), then the
            // JSON decoder's unknown field.
            "strict decoding error: yaml: unmarshal errors:\n  line 3: key \"name\" already set in map, unknown field \"metadata.nmae\""
        );
    }

    #[test]
    fn map_value_errors_do_not_name_the_key() {
        let d = pod("metadata:\n  labels:\n    a: 1\n");
        assert_eq!(
            d.error.unwrap().message,
            "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string"
        );
        let d = pod("metadata:\n  labels: [a]\n");
        assert_eq!(
            d.error.unwrap().message,
            "json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string"
        );
    }
}
