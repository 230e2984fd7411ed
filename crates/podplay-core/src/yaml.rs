//! Kubernetes' YAML dialect, with the line and column of every node.
//!
//! Kubernetes (sigs.k8s.io/yaml over a go-yaml v2 fork) reads YAML 1.1 style plain scalars
//! and converts the result to JSON before decoding it into typed fields. This module does
//! the first half: events from `saphyr-parser` become a tree of [`Node`]s whose scalars are
//! resolved the go-yaml v2 way (`0644` is octal 420, `0x1E` is 30, `yes`/`on`/`y` are
//! booleans, `~` is null), with anchors, aliases and `<<` merge keys expanded.
//! Map keys are turned into strings as sigs.k8s.io/yaml does (`true`, `80`, ...).

mod builder;
mod libyaml_scan;
pub mod reader;
mod scalars;
mod spans;
mod stream;

use saphyr_parser::Span;
pub(crate) use scalars::parse_float;
pub use scalars::{resolve_plain, resolve_plain_non_string, resolve_scalar};
pub use spans::scalar_spans;
use stream::parse_stream;

/// A 1-based line and column in the input text.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// A resolved YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    /// Where the node starts.
    pub pos: Pos,
}

/// A map entry: the key (as a string, as sigs.k8s.io/yaml makes it) and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_pos: Pos,
    pub value: Node,
    pub key_type: KeyType,
}

/// The type go-yaml decodes a mapping key to, which sigs.k8s.io/yaml then writes as text (a
/// null or uint64 key it refuses). In fmt's order of a map's keys (nil first, then the order
/// of the types' descriptors as a go1.27.3 build of the v1.36.2 tree prints them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyType {
    Null,
    String,
    /// An integer above int64's range (go-yaml decodes it as a uint64).
    Uint,
    Int,
    Float,
    Bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// Any integer go-yaml accepts (int64 or uint64 range).
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in document order. Duplicate keys are kept here (the decoder lets the last
    /// one win, as Kubernetes does, and reports the duplicates).
    Map(Vec<Entry>),
}

/// A YAML problem, at its place in the text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct YamlError {
    pub message: String,
    pub pos: Pos,
    /// Which part of the reading found it (Kubernetes words each differently).
    #[serde(skip)]
    pub kind: YamlErrorKind,
}

/// Where a [`YamlError`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum YamlErrorKind {
    /// The scanner or parser (libyaml's messages; Kubernetes prints `yaml: line N: ...`).
    #[default]
    Syntax,
    /// go-yaml's decoder or reader, which report without a line (`yaml: map merge requires
    /// ...`, `yaml: invalid leading UTF-8 octet`).
    Decoder,
    /// Kubernetes' document splitter (`YAMLReader`), whose message is shown as is.
    Reader,
    /// sigs.k8s.io/yaml's conversion of the decoded value to JSON (`unsupported map key ...`),
    /// whose errors carry no `yaml:` prefix and no line.
    Converter,
    /// One of podplay's own input limits ([`crate::limits`]); the message is shown as is.
    Limit,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.pos.line, self.pos.col, self.message
        )
    }
}

pub use crate::limits::{MAX_DEPTH, MAX_DOCUMENTS, MAX_NODES};

/// Parses a YAML stream into its documents. Empty documents (only comments) are dropped,
/// as `kubectl` does. The input limits of [`crate::limits`] apply to the whole stream.
///
/// Kubernetes reads each part of the stream between `---` lines (apimachinery util/yaml
/// `YAMLReader`) with go-yaml's `Unmarshal`, which parses the first document of the part and
/// never looks past its end: text after a document that ends without `---` (`{...} x`, two
/// JSON objects in a row) is not read as YAML. A JSON document's decoder still sees it
/// (`invalid character 'x' after top-level value`, input.rs `ReaderChunks`).
pub fn parse_documents(text: &str) -> Result<Vec<Node>, YamlError> {
    let mut result = parse_stream(text);
    let mut blanked = None;
    // Each round hides one part's tail; a few rounds cover any real paste, and a hostile one
    // gets the error instead of a quadratic number of re-reads.
    for _ in 0..8 {
        match &result {
            Err(e)
                if e.unread_from.is_some()
                    || e.after_root
                        && !libyaml_scan::refuses_next_token(
                            blanked.as_deref().unwrap_or(text),
                            e.error.pos,
                        ) =>
            {
                let parts = reader::ReaderParts::new(blanked.as_deref().unwrap_or(text));
                let from = e.unread_from.unwrap_or(e.error.pos);
                let hidden = parts.blank(from, *parts.lines_of(e.error.pos.line).end());
                result = parse_stream(&hidden);
                blanked = Some(hidden);
            }
            _ => break,
        }
    }
    result.map_err(|e| e.error)
}

/// A paste read part by part, as Kubernetes reads it: each part between `---` lines is
/// converted on its own (apimachinery util/yaml `YAMLReader`, then sigs.k8s.io/yaml per part),
/// so a part that is not YAML fails alone and the others are still read.
#[derive(Debug, Clone, Default)]
pub struct Parts {
    /// The documents of every part that reads, in order.
    pub documents: Vec<Node>,
    /// The first error of each part that does not (at most [`MAX_BROKEN_PARTS`]), in order.
    pub broken: Vec<YamlError>,
    /// Where each document that is not its part's first starts (after a `...` end marker):
    /// go-yaml reads one document per part, so Kubernetes never sees these.
    pub unread: Vec<Pos>,
}

/// How many broken parts are told apart before the paste as a whole is refused (each costs
/// one more reading of the text).
pub const MAX_BROKEN_PARTS: usize = 8;

/// [`parse_documents`], part by part ([`Parts`]). Errors about the whole text (its size, a
/// bad `---` line, podplay's limits) still refuse it whole.
pub fn parse_parts(text: &str) -> Result<Parts, YamlError> {
    let mut broken = Vec::new();
    let mut hidden: Option<String> = None;
    loop {
        let current = hidden.as_deref().unwrap_or(text);
        match parse_documents(current) {
            Ok(documents) => {
                let (documents, unread) = first_of_each_part(current, documents);
                return Ok(Parts {
                    documents,
                    broken,
                    unread,
                });
            }
            Err(e) if matches!(e.kind, YamlErrorKind::Limit | YamlErrorKind::Reader) => {
                return Err(e)
            }
            Err(e) if broken.len() == MAX_BROKEN_PARTS => {
                return Err(broken.into_iter().next().unwrap_or(e))
            }
            Err(e) => {
                let parts = reader::ReaderParts::new(current);
                let lines = parts.lines_of(e.pos.line);
                let first = Pos {
                    line: *lines.start(),
                    col: 1,
                };
                hidden = Some(parts.blank(first, *lines.end()));
                broken.push(e);
            }
        }
    }
}

/// The documents that are the first of their part, and where the others start.
fn first_of_each_part(text: &str, documents: Vec<Node>) -> (Vec<Node>, Vec<Pos>) {
    let parts = reader::ReaderParts::new(text);
    let mut last_part = None;
    let mut unread = Vec::new();
    let mut kept = Vec::with_capacity(documents.len());
    for document in documents {
        let part = parts.lines_of(document.pos.line);
        if last_part.as_ref() == Some(&part) {
            unread.push(document.pos);
        } else {
            kept.push(document);
        }
        last_part = Some(part);
    }
    (kept, unread)
}

/// Parses exactly one YAML (or JSON) document; an empty text gives `Value::Null`.
pub fn parse_one(text: &str) -> Result<Node, YamlError> {
    let mut docs = parse_documents(text)?;
    Ok(if docs.is_empty() {
        Node {
            value: Value::Null,
            pos: Pos { line: 1, col: 1 },
        }
    } else {
        docs.swap_remove(0)
    })
}

pub(super) fn pos_of(span: &Span) -> Pos {
    Pos {
        line: span.start.line() as u32,
        col: span.start.col() as u32 + 1,
    }
}

impl Node {
    /// A short name of the node's kind, as Go's JSON decoder words it in type errors.
    pub fn json_kind(&self) -> &'static str {
        match &self.value {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Seq(_) => "array",
            Value::Map(_) => "object",
        }
    }

    /// The value of a map entry (the last one, if the key is duplicated).
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .rev()
                .find(|e| e.key == key)
                .map(|e| &e.value),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The node as JSON text whose top-level object keeps repeated keys, in document order,
    /// for readers that decode each occurrence in turn (a docker config.json's `auths`:
    /// encoding/json merges a repeated map field). Deeper levels are as [`Node::to_json`].
    pub fn to_json_text_keeping_top_duplicates(&self) -> String {
        let Value::Map(entries) = &self.value else {
            return crate::go::json::compact(&self.to_json());
        };
        let mut out = String::from("{");
        for (i, e) in entries.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&crate::go::json::compact(&serde_json::Value::String(
                e.key.clone(),
            )));
            out.push(':');
            out.push_str(&crate::go::json::compact(&e.value.to_json()));
        }
        out.push('}');
        out
    }

    /// Converts to plain JSON the way sigs.k8s.io/yaml does (duplicate keys: last wins).
    /// Floats that JSON cannot carry (NaN, ±Inf) become null.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => {
                if let Ok(v) = i64::try_from(*i) {
                    J::from(v)
                } else if let Ok(v) = u64::try_from(*i) {
                    J::from(v)
                } else {
                    J::Null
                }
            }
            Value::Float(f) => {
                if f.is_finite() {
                    if f.fract() == 0.0 && f.abs() < 9.0e15 {
                        J::from(*f as i64)
                    } else {
                        serde_json::Number::from_f64(*f)
                            .map(J::Number)
                            .unwrap_or(J::Null)
                    }
                } else {
                    J::Null
                }
            }
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => {
                let mut m = serde_json::Map::new();
                for e in entries {
                    m.insert(e.key.clone(), e.value.to_json());
                }
                J::Object(m)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Value {
        parse_one(text).unwrap().value
    }

    fn scalar(text: &str) -> Value {
        match one(&format!("k: {text}")) {
            Value::Map(mut e) => e.remove(0).value.value,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn yaml_1_1_scalars() {
        let rows: &[(&str, Value)] = &[
            ("0644", Value::Int(420)),
            ("0x1E", Value::Int(30)),
            ("0o17", Value::Int(15)),
            ("0b101", Value::Int(5)),
            ("1_000", Value::Int(1000)),
            ("-12", Value::Int(-12)),
            ("+12", Value::Int(12)),
            ("yes", Value::Bool(true)),
            ("No", Value::Bool(false)),
            ("on", Value::Bool(true)),
            ("OFF", Value::Bool(false)),
            ("y", Value::Bool(true)),
            ("n", Value::Bool(false)),
            ("~", Value::Null),
            ("null", Value::Null),
            ("1.5", Value::Float(1.5)),
            ("1e9", Value::Float(1e9)),
            ("+1.5", Value::Float(1.5)),
            ("-.5", Value::Float(-0.5)),
            ("1.", Value::Float(1.0)),
            ("007.50", Value::Float(7.5)),
            ("0.0", Value::Float(0.0)),
            ("2.5E-3", Value::Float(0.0025)),
            ("1e400", Value::Str("1e400".into())), // ParseFloat fails: go-yaml keeps the string
            (".5", Value::Float(0.5)),
            ("'0644'", Value::Str("0644".into())),
            ("\"yes\"", Value::Str("yes".into())),
            ("!!str 80", Value::Str("80".into())),
            ("089", Value::Float(89.0)), // not octal, so go-yaml v2 falls through to its float pattern
            ("1.2.3", Value::Str("1.2.3".into())),
            ("2024-01-01", Value::Str("2024-01-01".into())),
            ("nginx", Value::Str("nginx".into())),
            ("18446744073709551615", Value::Int(18446744073709551615)),
        ];
        for (text, want) in rows {
            assert_eq!(&scalar(text), want, "scalar {text}");
        }
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let v = parse_one("base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  b: 3\n").unwrap();
        let x = v.get("x").unwrap();
        assert_eq!(x.get("a").unwrap().value, Value::Int(1));
        assert_eq!(x.get("b").unwrap().value, Value::Int(3));
        let v = parse_one("a: &x [1, 2]\nb: *x\n").unwrap();
        assert_eq!(v.get("b").unwrap().value, v.get("a").unwrap().value);
    }

    #[test]
    fn merge_of_a_list_prefers_earlier_maps() {
        let v = parse_one("p: &p {a: 1}\nq: &q {a: 2, c: 3}\nr:\n  <<: [*p, *q]\n").unwrap();
        let r = v.get("r").unwrap();
        assert_eq!(r.get("a").unwrap().value, Value::Int(1));
        assert_eq!(r.get("c").unwrap().value, Value::Int(3));
    }

    #[test]
    fn merges_apply_in_document_order_like_go_yaml_v2() {
        // go-yaml v2 writes every item into one map in order: a key before `<<` is
        // overwritten, a key after it wins; a quoted "<<" is an ordinary key.
        let rows: &[(&str, &str)] = &[
            (
                "m: &m {a: 1, b: 1}\nx: {a: 2, <<: *m}\n",
                r#"{"a":1,"b":1}"#,
            ),
            (
                "m: &m {a: 1, b: 1}\nx: {<<: *m, a: 2}\n",
                r#"{"a":2,"b":1}"#,
            ),
            ("m: &m {a: 1}\nx: {'<<': *m}\n", r#"{"<<":{"a":1}}"#),
            ("m: &m {a: 1}\nx: {!!merge <<: *m}\n", r#"{"a":1}"#),
            ("x: {<<: {a: 1, a: 2}}\n", r#"{"a":2}"#),
        ];
        for (text, want) in rows {
            let v = parse_one(text).unwrap();
            let x = v.get("x").unwrap().to_json().to_string();
            assert_eq!(x, *want, "{text}");
        }
        let err = parse_one("x: {<<: 1}\n").unwrap_err();
        assert_eq!(
            (err.message.as_str(), err.kind, err.pos.line),
            (
                "map merge requires map or sequence of maps as the value",
                YamlErrorKind::Decoder,
                1
            )
        );
        assert!(parse_one("a: &a [1]\nx: {<<: [*a]}\n").is_err());
    }

    #[test]
    fn merged_entries_count_towards_the_node_limit() {
        // A 10,000-key map merged 11 times. The anchor and its key are 20,002 nodes; each
        // merge adds 20,003 (its key, `<<`, the map and 10,000 merged entries).
        let fit = (MAX_NODES - 20_002) / 20_003;
        assert!(fit < 11);
        let mut text = String::from("a: &a {");
        for i in 0..10_000 {
            text.push_str(&format!("k{i}: v, "));
        }
        text.push_str("}\n");
        for j in 0..11 {
            text.push_str(&format!("b{j}: {{<<: *a}}\n"));
        }
        let err = parse_documents(&text).unwrap_err();
        assert_eq!(err.kind, YamlErrorKind::Limit);
        assert!(
            err.message.contains(&format!("{MAX_NODES} YAML nodes")),
            "{err}"
        );
        // The merge after the last that fits is refused, at its `*a`.
        let line = 1 + (fit + 1) as u32;
        assert_eq!(err.pos, Pos { line, col: 10 });
        // The merges that fit are applied.
        let fitting = text.lines().take(1 + fit).collect::<Vec<_>>().join("\n");
        let doc = parse_one(&fitting).unwrap();
        let last = doc.get(&format!("b{}", fit - 1)).unwrap();
        assert_eq!(last.to_json().as_object().unwrap().len(), 10_000);
    }

    #[test]
    fn binary_scalars_are_decoded_like_go_yaml() {
        assert_eq!(scalar("!!binary aGVsbG8="), Value::Str("hello".into()));
        assert_eq!(one("k: !!binary |\n  aGVs\n  bG8=\n"), one("k: hello\n"));
        // Bytes that are not UTF-8 become U+FFFD, one per byte, as encoding/json writes them.
        assert_eq!(scalar("!!binary /w=="), Value::Str("\u{fffd}".into()));
        let err = parse_one("k: !!binary aGVsbG8\n").unwrap_err();
        assert_eq!(err.message, "!!binary value contains invalid base64 data");
        assert_eq!(err.kind, YamlErrorKind::Decoder);
    }

    #[test]
    fn control_characters_are_refused_like_go_yaml() {
        for (text, line, col) in [
            ("a: 1\nk: a\u{1}b\n", 2, 5),
            ("k: \"\u{7f}\"\n", 1, 5),
            ("k: \u{fffe}\n", 1, 4),
            ("é: \u{0}\n", 1, 4),
        ] {
            let err = parse_documents(text).unwrap_err();
            assert_eq!(
                err.message, "control characters are not allowed",
                "{text:?}"
            );
            assert_eq!(
                (err.pos.line, err.pos.col, err.kind),
                (line, col, YamlErrorKind::Decoder)
            );
        }
        for text in [
            "k: \"a\tb\"\r\n",
            "k: \u{85}\u{a0}é\u{10000}\n",
            "\u{feff}k: v\n",
        ] {
            assert!(parse_documents(text).is_ok(), "{text:?}");
        }
    }

    #[test]
    fn explicitly_tagged_scalars_like_go_yaml() {
        let rows: &[(&str, Result<Value, &str>)] = &[
            ("!!int '3'", Ok(Value::Int(3))),
            ("!!float 1", Ok(Value::Float(1.0))),
            ("!!bool \"yes\"", Ok(Value::Bool(true))),
            ("!!null ''", Ok(Value::Null)),
            ("!!str 0x10", Ok(Value::Str("0x10".into()))),
            ("!custom 123", Ok(Value::Str("123".into()))),
            ("!!int abc", Err("cannot decode !!str `abc` as a !!int")),
            ("!!bool 1", Err("cannot decode !!int `1` as a !!bool")),
        ];
        for (text, want) in rows {
            let got = parse_one(&format!("k: {text}\n")).map(|n| n.get("k").unwrap().value.clone());
            assert_eq!(
                got.map_err(|e| e.message),
                want.clone().map_err(str::to_string),
                "{text}"
            );
        }
    }

    #[test]
    fn document_count_limit() {
        let text = "---\na: 1\n".repeat(crate::limits::MAX_DOCUMENTS + 1);
        let err = parse_documents(&text).unwrap_err();
        assert_eq!(err.kind, YamlErrorKind::Limit);
        assert_eq!(err.pos.line as usize, 2 * crate::limits::MAX_DOCUMENTS + 1);
        let ok = "---\na: 1\n".repeat(crate::limits::MAX_DOCUMENTS);
        assert_eq!(
            parse_documents(&ok).unwrap().len(),
            crate::limits::MAX_DOCUMENTS
        );
    }

    #[test]
    fn json_text_keeps_repeated_top_level_keys() {
        let v = parse_one(
            "{\"auths\": {\"a\": 1}, \"x\": [1, 2], \"auths\": {\"b\": {\"c\": 2, \"c\": 3}}}",
        )
        .unwrap();
        assert_eq!(
            v.to_json_text_keeping_top_duplicates(),
            r#"{"auths":{"a":1},"x":[1,2],"auths":{"b":{"c":3}}}"#
        );
        assert_eq!(
            parse_one("[1]")
                .unwrap()
                .to_json_text_keeping_top_duplicates(),
            "[1]"
        );
    }

    #[test]
    fn keys_become_strings_like_sigs_yaml() {
        let v = parse_one("yes: 1\n80: 2\n").unwrap();
        assert!(v.get("true").is_some());
        assert!(v.get("80").is_some());
    }

    #[test]
    fn positions_are_one_based() {
        let v = parse_one("a:\n  b: [1, 2]\n").unwrap();
        let b = v.get("a").unwrap().get("b").unwrap();
        assert_eq!(b.pos, Pos { line: 2, col: 6 });
        if let Value::Map(e) = &v.get("a").unwrap().value {
            assert_eq!(e[0].key_pos, Pos { line: 2, col: 3 });
        }
    }

    #[test]
    fn several_documents_and_json() {
        let docs =
            parse_documents("a: 1\n---\n# only a comment\n---\n{\"b\": [true, null]}\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].to_json(), serde_json::json!({"b": [true, null]}));
    }

    #[test]
    fn syntax_errors_have_positions() {
        let err = parse_documents("a: 1\nb: [1, 2\n").unwrap_err();
        assert!(err.pos.line >= 2, "{err}");
        let err = parse_documents("a:\n  - b\n c: d\n").unwrap_err();
        assert!(err.pos.line >= 2, "{err}");
    }

    #[test]
    fn hostile_documents_are_refused_not_crashing() {
        let deep = "[".repeat(10_000);
        assert!(parse_documents(&deep).is_err());
        let mut laughs = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
            laughs.push_str(&format!("l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let err = parse_documents(&laughs).unwrap_err();
        assert!(err.message.contains("YAML nodes"), "{err}");
    }
}
