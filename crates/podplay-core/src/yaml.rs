//! Kubernetes' YAML dialect, with the line and column of every node.
//!
//! Kubernetes (sigs.k8s.io/yaml over a go-yaml v2 fork) reads YAML 1.1 style plain scalars
//! and converts the result to JSON before decoding it into typed fields. This module does
//! the first half: events from `saphyr-parser` become a tree of [`Node`]s whose scalars are
//! resolved the go-yaml v2 way (`0644` is octal 420, `0x1E` is 30, `yes`/`on`/`y` are
//! booleans, `~` is null), with anchors, aliases and `<<` merge keys expanded.
//! Map keys are turned into strings as sigs.k8s.io/yaml does (`true`, `80`, ...).

use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::collections::HashMap;

/// A 1-based line and column in the input text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, serde::Serialize)]
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

/// A YAML syntax error, at its place in the text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct YamlError {
    pub message: String,
    pub pos: Pos,
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

/// How deep a document may nest before we stop (hostile input must not overflow the stack).
pub const MAX_DEPTH: usize = 256;
/// How many nodes alias expansion may produce in one stream ("billion laughs" guard).
pub const MAX_NODES: usize = 1_000_000;

/// Parses a YAML stream into its documents. Empty documents (only comments) are dropped,
/// as `kubectl` does.
pub fn parse_documents(text: &str) -> Result<Vec<Node>, YamlError> {
    let mut builder = Builder::new(text);
    builder.run()?;
    Ok(builder.documents)
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

fn pos_of(span: &Span) -> Pos {
    Pos {
        line: span.start.line() as u32,
        col: span.start.col() as u32 + 1,
    }
}

enum Frame {
    Seq {
        pos: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        anchor: usize,
        entries: Vec<Entry>,
        pending_key: Option<Node>,
        merges: Vec<Node>,
    },
}

struct Builder<'a> {
    text: &'a str,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    documents: Vec<Node>,
    nodes: usize,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Self {
        Builder {
            text,
            stack: Vec::new(),
            anchors: HashMap::new(),
            documents: Vec::new(),
            nodes: 0,
        }
    }

    fn run(&mut self) -> Result<(), YamlError> {
        let mut parser = Parser::new_from_str(self.text);
        let mut doc_root: Option<Node> = None;
        for item in parser.by_ref() {
            let (event, span) = item.map_err(|e| YamlError {
                message: e.info().to_string(),
                pos: Pos {
                    line: e.marker().line() as u32,
                    col: e.marker().col() as u32 + 1,
                },
            })?;
            let pos = pos_of(&span);
            match event {
                Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
                Event::DocumentStart(_) => {
                    doc_root = None;
                    self.anchors.clear();
                }
                Event::DocumentEnd => {
                    if let Some(root) = doc_root.take() {
                        if root.value != Value::Null {
                            self.documents.push(root);
                        }
                    }
                }
                Event::Alias(id) => {
                    let node = match self.anchors.get(&id) {
                        Some(n) => Node {
                            value: n.value.clone(),
                            pos,
                        },
                        None => {
                            return Err(YamlError {
                                message: "unknown anchor".into(),
                                pos,
                            });
                        }
                    };
                    self.count(&node, pos)?;
                    if let Some(root) = self.push_node(node, pos)? {
                        doc_root = Some(root);
                    }
                }
                Event::Scalar(text, style, anchor, tag) => {
                    let tag_name = tag.as_ref().map(|t| format!("{}{}", t.handle, t.suffix));
                    let value = resolve_scalar(&text, style, tag_name.as_deref());
                    let node = Node { value, pos };
                    if anchor > 0 {
                        self.anchors.insert(anchor, node.clone());
                    }
                    self.nodes += 1;
                    if let Some(root) = self.push_node(node, pos)? {
                        doc_root = Some(root);
                    }
                }
                Event::SequenceStart(anchor, _) => {
                    self.open(
                        Frame::Seq {
                            pos,
                            anchor,
                            items: Vec::new(),
                        },
                        pos,
                    )?;
                }
                Event::MappingStart(anchor, _) => {
                    self.open(
                        Frame::Map {
                            pos,
                            anchor,
                            entries: Vec::new(),
                            pending_key: None,
                            merges: Vec::new(),
                        },
                        pos,
                    )?;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let frame = self.stack.pop().expect("parser balances collections");
                    let (node, anchor) = match frame {
                        Frame::Seq { pos, anchor, items } => (
                            Node {
                                value: Value::Seq(items),
                                pos,
                            },
                            anchor,
                        ),
                        Frame::Map {
                            pos,
                            anchor,
                            entries,
                            merges,
                            ..
                        } => (
                            Node {
                                value: Value::Map(apply_merges(entries, merges)),
                                pos,
                            },
                            anchor,
                        ),
                    };
                    if anchor > 0 {
                        self.anchors.insert(anchor, node.clone());
                    }
                    self.nodes += 1;
                    if let Some(root) = self.push_node(node, pos)? {
                        doc_root = Some(root);
                    }
                }
            }
        }
        Ok(())
    }

    fn open(&mut self, frame: Frame, pos: Pos) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(YamlError {
                message: format!("document nests deeper than {MAX_DEPTH} levels"),
                pos,
            });
        }
        self.stack.push(frame);
        Ok(())
    }

    fn count(&mut self, node: &Node, pos: Pos) -> Result<(), YamlError> {
        self.nodes += count_nodes(&node.value, MAX_NODES);
        if self.nodes > MAX_NODES {
            return Err(YamlError {
                message: format!(
                    "document expands to more than {MAX_NODES} nodes (too many aliases)"
                ),
                pos,
            });
        }
        Ok(())
    }

    /// Adds a finished node to the open collection; returns it if it is a document root.
    fn push_node(&mut self, node: Node, pos: Pos) -> Result<Option<Node>, YamlError> {
        match self.stack.last_mut() {
            None => Ok(Some(node)),
            Some(Frame::Seq { items, .. }) => {
                items.push(node);
                Ok(None)
            }
            Some(Frame::Map {
                entries,
                pending_key,
                merges,
                ..
            }) => {
                match pending_key.take() {
                    None => *pending_key = Some(node),
                    Some(key) => {
                        if is_merge_key(&key) {
                            merges.push(node);
                        } else {
                            let key_pos = key.pos;
                            let key = key_string(&key).map_err(|message| YamlError {
                                message,
                                pos: key_pos,
                            })?;
                            entries.push(Entry {
                                key,
                                key_pos,
                                value: node,
                            });
                        }
                    }
                }
                let _ = pos;
                Ok(None)
            }
        }
    }
}

fn count_nodes(v: &Value, limit: usize) -> usize {
    match v {
        Value::Seq(items) => {
            let mut n = 1;
            for i in items {
                n += count_nodes(&i.value, limit);
                if n > limit {
                    break;
                }
            }
            n
        }
        Value::Map(entries) => {
            let mut n = 1;
            for e in entries {
                n += 1 + count_nodes(&e.value.value, limit);
                if n > limit {
                    break;
                }
            }
            n
        }
        _ => 1,
    }
}

fn is_merge_key(key: &Node) -> bool {
    matches!(&key.value, Value::Str(s) if s == "<<") && key_is_plain_merge(key)
}

fn key_is_plain_merge(_key: &Node) -> bool {
    // resolve_scalar only yields the merge marker string for a plain `<<`; a quoted "<<"
    // resolves to the same string, which go-yaml also treats as an ordinary key. We cannot
    // tell them apart after resolution, and a quoted "<<" key never appears in real pods.
    true
}

/// go-yaml v2 merge: explicit keys win; among merged maps, earlier ones win.
fn apply_merges(entries: Vec<Entry>, merges: Vec<Node>) -> Vec<Entry> {
    if merges.is_empty() {
        return entries;
    }
    let mut out = entries;
    let mut sources: Vec<&Node> = Vec::new();
    for m in &merges {
        match &m.value {
            Value::Map(_) => sources.push(m),
            Value::Seq(items) => sources.extend(items.iter()),
            _ => {}
        }
    }
    for src in sources {
        if let Value::Map(src_entries) = &src.value {
            for e in src_entries {
                if !out.iter().any(|x| x.key == e.key) {
                    out.push(e.clone());
                }
            }
        }
    }
    out
}

/// Map keys become strings the way sigs.k8s.io/yaml converts them for JSON.
fn key_string(key: &Node) -> Result<String, String> {
    match &key.value {
        Value::Str(s) => Ok(s.clone()),
        Value::Int(i) => Ok(i.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Float(f) => Ok(format_float_key(*f)),
        Value::Null => Err("unsupported map key of type: <nil>".into()),
        Value::Seq(_) => Err("invalid map key: a sequence cannot be a key".into()),
        Value::Map(_) => Err("invalid map key: a mapping cannot be a key".into()),
    }
}

fn format_float_key(f: f64) -> String {
    if f.is_nan() {
        ".nan".into()
    } else if f.is_infinite() {
        if f > 0.0 {
            ".inf".into()
        } else {
            "-.inf".into()
        }
    } else {
        crate::go::json::format_float(f)
    }
}

/// Resolves a scalar the go-yaml v2 way (YAML 1.1 style).
pub fn resolve_scalar(text: &str, style: ScalarStyle, tag: Option<&str>) -> Value {
    match tag {
        Some("!!str") | Some("tag:yaml.org,2002:str") => return Value::Str(text.to_string()),
        Some("!!binary") | Some("tag:yaml.org,2002:binary") => return Value::Str(text.to_string()),
        _ => {}
    }
    if style != ScalarStyle::Plain {
        return Value::Str(text.to_string());
    }
    resolve_plain(text)
}

/// The go-yaml v2 resolution table for plain scalars.
pub fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Value::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Value::Bool(false)
        }
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        _ => {}
    }
    let first = s.as_bytes()[0];
    if first.is_ascii_digit() || first == b'-' || first == b'+' || first == b'.' {
        let plain = s.replace('_', "");
        if let Some(i) = parse_go_int(&plain) {
            return Value::Int(i);
        }
        if let Some(rest) = plain.strip_prefix("0b") {
            if let Ok(i) = i128::from_str_radix(rest, 2) {
                if i <= u64::MAX as i128 {
                    return Value::Int(i);
                }
            }
        }
        if let Some(rest) = plain.strip_prefix("-0b") {
            if let Ok(i) = i128::from_str_radix(rest, 2) {
                if i <= i64::MAX as i128 + 1 {
                    return Value::Int(-i);
                }
            }
        }
        if is_yaml_float(&plain) {
            if let Some(f) = parse_float(&plain) {
                return Value::Float(f);
            }
        }
    }
    Value::Str(s.to_string())
}

/// Go's `strconv.ParseInt(s, 0, 64)` then `ParseUint(s, 0, 64)`: sign, `0x`, `0o`, `0b` and a
/// leading `0` for octal.
fn parse_go_int(s: &str) -> Option<i128> {
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if body.is_empty() {
        return None;
    }
    let (radix, digits) =
        if let Some(r) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            (16, r)
        } else if let Some(r) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
            (8, r)
        } else if let Some(r) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
            (2, r)
        } else if body.len() > 1 && body.starts_with('0') {
            (8, &body[1..])
        } else {
            (10, body)
        };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = i128::from_str_radix(digits, radix).ok()?;
    if neg {
        if magnitude <= i64::MAX as i128 + 1 {
            Some(-magnitude)
        } else {
            None
        }
    } else if magnitude <= u64::MAX as i128 {
        Some(magnitude)
    } else {
        None
    }
}

/// Parses text that matched the YAML float pattern. serde_json's number parser does the
/// work (the standard library's float parser would add its own 17 KB of tables to the
/// WebAssembly bundle); the text is first put in JSON's number syntax.
fn parse_float(text: &str) -> Option<f64> {
    let body = text.strip_prefix('+').unwrap_or(text);
    let (sign, body) = match body.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", body),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => body.split_at(i),
        None => (body, ""),
    };
    // JSON allows neither leading zeros (`089`) nor a bare `.5` or `1.`.
    let trimmed = mantissa.trim_start_matches('0');
    let mut json = String::with_capacity(text.len() + 2);
    json.push_str(sign);
    if trimmed.is_empty() || trimmed.starts_with('.') {
        json.push('0');
    }
    json.push_str(trimmed);
    if trimmed.ends_with('.') {
        json.push('0');
    }
    json.push_str(exponent);
    // Out of range (`1e400`): Go's ParseFloat fails, and go-yaml then keeps the text as a string.
    // Parsed as a `Value`, not a `Number`: `Number`'s visitor links serde's type-error text,
    // whose float case brings in the standard library's float formatter (~9 KB).
    match serde_json::from_str::<serde_json::Value>(&json) {
        Ok(serde_json::Value::Number(n)) => n.as_f64().filter(|f| f.is_finite()),
        _ => None,
    }
}

/// go-yaml v2's float pattern: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if int_digits == 0 && i == frac_start {
            return false;
        }
    } else if int_digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        let exp_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return false;
        }
    }
    i == b.len()
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
        assert!(err.message.contains("too many aliases"), "{err}");
    }
}
