//! Kubernetes' YAML dialect, with the line and column of every node.
//!
//! Kubernetes (sigs.k8s.io/yaml over a go-yaml v2 fork) reads YAML 1.1 style plain scalars
//! and converts the result to JSON before decoding it into typed fields. This module does
//! the first half: events from `saphyr-parser` become a tree of [`Node`]s whose scalars are
//! resolved the go-yaml v2 way (`0644` is octal 420, `0x1E` is 30, `yes`/`on`/`y` are
//! booleans, `~` is null), with anchors, aliases and `<<` merge keys expanded.
//! Map keys are turned into strings as sigs.k8s.io/yaml does (`true`, `80`, ...).

mod libyaml_scan;
pub mod reader;

use libyaml_scan::{libyaml_tabs, lift_multiline, Lifted};
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::collections::HashMap;

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
                if e.after_root
                    && !is_unscannable(blanked.as_deref().unwrap_or(text), e.error.pos) =>
            {
                let parts = reader::ReaderParts::new(blanked.as_deref().unwrap_or(text));
                let hidden = parts.blank(e.error.pos, *parts.lines_of(e.error.pos.line).end());
                result = parse_stream(&hidden);
                blanked = Some(hidden);
            }
            _ => break,
        }
    }
    result.map_err(|e| e.error)
}

/// Whether the text at `at` starts with a character libyaml's scanner cannot start a token
/// with (`found character that cannot start any token`): go-yaml fails there even after a
/// complete document, since it reads the next token to end the document.
fn is_unscannable(text: &str, at: Pos) -> bool {
    let line = text
        .split('\n')
        .nth(at.line.saturating_sub(1) as usize)
        .unwrap_or("");
    let rest: String = line
        .chars()
        .skip(at.col.saturating_sub(1) as usize)
        .collect();
    matches!(rest.trim_start().chars().next(), Some('@' | '`'))
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

/// A syntax error of [`parse_stream`], and whether it came after a document's root node was
/// complete (text go-yaml never reads when it is a token its scanner accepts).
struct StreamError {
    error: YamlError,
    after_root: bool,
}

impl From<YamlError> for StreamError {
    fn from(error: YamlError) -> Self {
        StreamError {
            error,
            after_root: false,
        }
    }
}

fn parse_stream(text: &str) -> Result<Vec<Node>, StreamError> {
    crate::limits::check_text_len(text)?;
    check_printable(text)?;
    check_separators(text)?;
    // saphyr-parser reads the text with its tabs as libyaml reads them; libyaml's first tab
    // error stands unless saphyr-parser stops at another syntax error before it (its own
    // complaints about tabs and indentation follow YAML 1.2, not libyaml).
    let tabs = libyaml_tabs(text);
    let mut builder = Builder::new(&tabs.text);
    let mut result = builder.run();
    let lifted;
    if matches!(&result, Err(e) if SAPHYR_INDENTATION_RULES.contains(&e.message.as_str())) {
        // Read again with each multi-line flow collection and quoted scalar on its own.
        lifted = lift_multiline(&tabs.text);
        builder = Builder::new(&lifted.text);
        result = match &lifted.error {
            Some(e) => Err(e.clone()),
            None => read_lifted(&tabs.text, &lifted).and_then(|mut nodes| {
                nodes.reverse();
                builder.lifted = nodes;
                builder.run()
            }),
        };
    }
    let after_root = builder.failed_after_root;
    let result = result.map_err(|e| in_libyaml_words(text, e));
    match (result, tabs.error) {
        // go-yaml meets an unknown alias while it builds its nodes, in text order with the
        // scanner's errors (a merge key's errors come later, when it decodes).
        (Err(e), Some(tab))
            if (e.kind == YamlErrorKind::Syntax || e.message.starts_with("unknown anchor"))
                && e.pos < tab.pos
                && !SAPHYR_TAB_RULES.contains(&e.message.as_str())
                && !SAPHYR_INDENTATION_RULES.contains(&e.message.as_str()) =>
        {
            Err(StreamError {
                error: e,
                after_root,
            })
        }
        (_, Some(tab)) => Err(tab.into()),
        (Err(e), None) => {
            let after_root = after_root || closes_a_flow_root(text, e.pos);
            Err(StreamError {
                error: e,
                after_root,
            })
        }
        (Ok(()), None) => Ok(builder.documents),
    }
}

/// saphyr-parser's scanner errors that libyaml's scanner does not raise: inside a flow
/// collection libyaml reads on and its parser finds no `,` where the next entry starts.
const SAPHYR_FLOW_SCANNER_ERRORS: &[&str] = &[
    "illegal placement of ':' indicator",
    "invalid trailing content after double-quoted scalar",
    "misplaced bracket",
    r#""-" is only valid inside a block"#,
];

/// saphyr-parser's errors for a quoted scalar that does not end: libyaml's scanner, reading
/// one part of the paste, runs to the part's end (a `---` line ends the part first).
const SAPHYR_UNENDED_QUOTE: &[&str] = &[
    "while scanning a quoted scalar, found unexpected end of stream",
    "while scanning a quoted scalar, found unexpected document indicator",
];

/// `e` as libyaml words it, where saphyr-parser's scanner stops inside a flow collection or
/// in a quoted scalar that does not end.
fn in_libyaml_words(text: &str, e: YamlError) -> YamlError {
    if e.kind != YamlErrorKind::Syntax {
        return e;
    }
    if SAPHYR_UNENDED_QUOTE.contains(&e.message.as_str()) {
        // The problem is where the part's text ends (libyaml's mark at the end of input),
        // unless a `...` line comes first (libyaml_scan.rs finds that one).
        let parts = reader::ReaderParts::new(text);
        let lines = parts.lines_of(e.pos.line);
        let part = parts.text_of(&lines);
        let first = *lines.start();
        let dots = part
            .split('\n')
            .zip(first..)
            .find(|(l, n)| *n >= e.pos.line && l.starts_with("..."));
        if let Some((_, line)) = dots {
            return YamlError {
                message: SAPHYR_UNENDED_QUOTE[1].into(),
                pos: Pos { line, col: 1 },
                ..e
            };
        }
        // Kubernetes' reader ends every line with a line break (util/yaml `LineReader`), so
        // the input ends at the start of the line after the part.
        return YamlError {
            message: SAPHYR_UNENDED_QUOTE[0].into(),
            pos: Pos {
                line: lines.end() + 1,
                col: 1,
            },
            ..e
        };
    }
    if e.message == "while parsing a flow mapping, did not find expected ',' or '}'" {
        // saphyr-parser words the end of a single-pair mapping in a flow sequence (`[a: b c]`)
        // as a mapping's; libyaml's parser is back in the sequence there.
        let parts = reader::ReaderParts::new(text);
        let lines = parts.lines_of(e.pos.line);
        let state =
            libyaml_scan::flow_at(parts.text_of(&lines), *lines.start(), e.pos).unwrap_or_default();
        if state.innermost == Some('[') {
            return YamlError {
                message: "while parsing a flow sequence, did not find expected ',' or ']'".into(),
                ..e
            };
        }
        return e;
    }
    if !SAPHYR_FLOW_SCANNER_ERRORS.contains(&e.message.as_str()) {
        return e;
    }
    let parts = reader::ReaderParts::new(text);
    let lines = parts.lines_of(e.pos.line);
    let state =
        libyaml_scan::flow_at(parts.text_of(&lines), *lines.start(), e.pos).unwrap_or_default();
    // A `- ` where an entry starts is no node at all; elsewhere the `,` is missing.
    let entry_starts = matches!(state.previous, Some(',' | '[' | '{'));
    let message = match state.innermost {
        Some(_) if entry_starts && e.message.starts_with("\"-\"") => {
            "while parsing a flow node, did not find expected node content"
        }
        Some('[') => "while parsing a flow sequence, did not find expected ',' or ']'",
        Some('{') => "while parsing a flow mapping, did not find expected ',' or '}'",
        _ => return e,
    };
    YamlError {
        message: message.into(),
        ..e
    }
}

/// Whether the part holding `at` starts with a flow collection that is closed before `at`:
/// the document ended there, and go-yaml reads no further.
fn closes_a_flow_root(text: &str, at: Pos) -> bool {
    let parts = reader::ReaderParts::new(text);
    let lines = parts.lines_of(at.line);
    libyaml_scan::flow_at(parts.text_of(&lines), *lines.start(), at).is_some_and(|s| s.root_closed)
}

/// Each lifted part read as a document of its own (no block around it), its positions those
/// of the whole text.
fn read_lifted(text: &str, lifted: &Lifted) -> Result<Vec<(Pos, Node)>, YamlError> {
    let shift = |p: &mut Pos, start: Pos| {
        if p.line == 1 {
            p.col += start.col - 1;
        }
        p.line += start.line - 1;
    };
    fn shift_all(node: &mut Node, start: Pos, shift: &impl Fn(&mut Pos, Pos)) {
        shift(&mut node.pos, start);
        match &mut node.value {
            Value::Seq(items) => items.iter_mut().for_each(|n| shift_all(n, start, shift)),
            Value::Map(entries) => entries.iter_mut().for_each(|e| {
                shift(&mut e.key_pos, start);
                shift_all(&mut e.value, start, shift);
            }),
            _ => {}
        }
    }
    let mut nodes = Vec::with_capacity(lifted.parts.len());
    for part in &lifted.parts {
        let mut builder = Builder::new(&text[part.range.clone()]);
        if let Err(mut e) = builder.run() {
            shift(&mut e.pos, part.pos);
            return Err(e);
        }
        let mut node = builder.documents.pop().unwrap_or(Node {
            value: Value::Null,
            pos: Pos { line: 1, col: 1 },
        });
        shift_all(&mut node, part.pos, &shift);
        nodes.push((part.pos, node));
    }
    Ok(nodes)
}

/// saphyr-parser's errors for the indentation of flow collections and quoted scalars'
/// continuation lines, which libyaml never checks ([`lift_multiline`]); the bare one is
/// raised only in a flow collection (in the block context the indentation unrolls first).
const SAPHYR_INDENTATION_RULES: &[&str] = &[
    "invalid indentation in flow construct",
    "invalid indentation in quoted scalar",
    "invalid indentation",
];

/// saphyr-parser's errors about tabs (YAML 1.2's rules; libyaml's are [`libyaml_tabs`]'s).
const SAPHYR_TAB_RULES: &[&str] = &[
    "tabs disallowed within this context (block indentation)",
    "tabs disallowed in this context",
    "a block scalar content cannot start with a tab",
    "tab cannot be used as indentation",
    "while scanning a plain scalar, found a tab",
];

/// Kubernetes' stream splitter (apimachinery util/yaml `YAMLReader.Read`, which kubectl uses
/// too) treats every line starting with `---` as a document separator and allows only spaces
/// or a comment after it: `invalid Yaml document separator: <rest, trimmed>`.
fn check_separators(text: &str) -> Result<(), YamlError> {
    for (i, line) in text.lines().enumerate() {
        let Some(rest) = line.strip_prefix("---") else {
            continue;
        };
        let rest = rest.trim();
        if !rest.is_empty() && !rest.starts_with('#') {
            return Err(YamlError {
                message: format!("invalid Yaml document separator: {rest}"),
                pos: Pos {
                    line: i as u32 + 1,
                    col: 4,
                },
                kind: YamlErrorKind::Reader,
            });
        }
    }
    Ok(())
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

/// Where each scalar of the text is written: its start (as [`Node::pos`] gives it) and the
/// byte range of its source: quotes included; for a block scalar (`|`, `>`), from its first
/// content character to the end of its last line break. For editing a value in
/// place while the rest of the text stays byte-identical (the page's share-link redaction).
/// A text that does not parse gives the scalars before the error.
pub fn scalar_spans(text: &str) -> Vec<(Pos, std::ops::Range<usize>)> {
    // Separator tabs as libyaml reads them (same length: the offsets hold for `text`), and
    // the parts read on their own where saphyr-parser refuses their indentation, as
    // `parse_documents` reads them.
    let tabs = libyaml_tabs(text);
    let mut spans = Vec::new();
    if let Err(message) = push_scalar_spans(text, &tabs.text, None, &mut spans) {
        if SAPHYR_INDENTATION_RULES.contains(&message.as_str()) {
            spans.clear();
            let lifted = lift_multiline(&tabs.text);
            let parts = Some((tabs.text.as_ref(), lifted.parts.as_slice()));
            let _ = push_scalar_spans(text, &lifted.text, parts, &mut spans);
        }
    }
    spans
}

/// Adds the spans of the scalars `parsed` holds (`source` as written: the same characters
/// but for blanks); with lifted parts, each part's scalars in place of its placeholder.
/// Stops at the parser's error, which it returns.
fn push_scalar_spans(
    source: &str,
    parsed: &str,
    lifted: Option<(&str, &[libyaml_scan::Multiline])>,
    spans: &mut Vec<(Pos, std::ops::Range<usize>)>,
) -> Result<(), String> {
    // The parser counts characters: map them to bytes with a cursor that moves forward
    // (events come in order; a step back restarts it).
    let mut cursor = (0usize, 0usize); // (char index, byte offset)
    let mut byte_of = move |char_index: usize| {
        if char_index < cursor.0 {
            cursor = (0, 0);
        }
        for c in source[cursor.1..].chars() {
            if cursor.0 == char_index {
                break;
            }
            cursor = (cursor.0 + 1, cursor.1 + c.len_utf8());
        }
        cursor.1
    };
    let (tabs_text, parts) = lifted.unwrap_or_default();
    let mut next_part = 0;
    for item in Parser::new_from_str(parsed) {
        let (event, span) = item.map_err(|e| e.info().to_string())?;
        let Event::Scalar(_, style, ..) = event else {
            continue;
        };
        let pos = pos_of(&span);
        while parts.get(next_part).is_some_and(|p| p.pos < pos) {
            next_part += 1;
        }
        let end = Pos {
            line: span.end.line() as u32,
            col: span.end.col() as u32 + 1,
        };
        if let Some(part) = parts.get(next_part).filter(|p| p.pos < end) {
            // The placeholder: the part's own scalars, at their places in the whole text.
            let range = part.range.clone();
            let mut inner = Vec::new();
            let _ = push_scalar_spans(
                &source[range.clone()],
                &tabs_text[range.clone()],
                None,
                &mut inner,
            );
            for (mut at, bytes) in inner {
                if at.line == 1 {
                    at.col += part.pos.col - 1;
                }
                at.line += part.pos.line - 1;
                spans.push((at, bytes.start + range.start..bytes.end + range.start));
            }
            next_part += 1;
            continue;
        }
        let start = byte_of(span.start.index());
        let end = byte_of(span.end.index()).max(start);
        spans.push((pos, start..scalar_end(source, start, end, style)));
    }
    Ok(())
}

/// Where a scalar's source ends: the parser's end may run on over trailing blanks, a comment
/// or the next line's indentation.
fn scalar_end(text: &str, start: usize, end: usize, style: ScalarStyle) -> usize {
    let source = &text[start..end];
    match style {
        ScalarStyle::DoubleQuoted | ScalarStyle::SingleQuoted => {
            let quote = if style == ScalarStyle::DoubleQuoted {
                b'"'
            } else {
                b'\''
            };
            let bytes = text.as_bytes();
            let mut i = start + 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' if quote == b'"' => i += 2,
                    b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
                    b if b == quote => return i + 1,
                    _ => i += 1,
                }
            }
            end
        }
        ScalarStyle::Literal | ScalarStyle::Folded => source
            .rfind('\n')
            .map_or(end, |newline| start + newline + 1),
        _ => start + source.trim_end().len(),
    }
}

/// go-yaml's reader accepts only YAML's printable characters (readerc.go
/// `yaml_parser_update_buffer`): tab, line breaks, U+0020–U+007E, U+0085, U+00A0–U+D7FF,
/// U+E000–U+FFFD and U+10000 up. It reports others without a line; the position is podplay's.
fn check_printable(text: &str) -> Result<(), YamlError> {
    let printable = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}')
            || matches!(c, '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
    };
    // Most text is printable ASCII: check bytes first, characters only past the first doubt.
    let Some(start) = text
        .bytes()
        .position(|b| !(0x20..0x7f).contains(&b) && b != b'\n')
    else {
        return Ok(());
    };
    match text[start..].char_indices().find(|&(_, c)| !printable(c)) {
        None => Ok(()),
        Some((i, _)) => Err(YamlError {
            message: "control characters are not allowed".into(),
            pos: crate::limits::pos_at(text, start + i),
            kind: YamlErrorKind::Decoder,
        }),
    }
}

fn pos_of(span: &Span) -> Pos {
    Pos {
        line: span.start.line() as u32,
        col: span.start.col() as u32 + 1,
    }
}

/// One item of a mapping in document order: an entry, or the value of a `<<` merge key.
enum MapItem {
    Entry(Entry),
    Merge(Node),
}

enum Frame {
    Seq {
        pos: Pos,
        anchor: usize,
        items: Vec<Node>,
        /// Nodes in the items so far (see [`count_nodes`]).
        size: usize,
    },
    Map {
        pos: Pos,
        anchor: usize,
        items: Vec<MapItem>,
        pending_key: Option<Node>,
        /// The pending key is a plain (or `!!merge`-tagged) `<<`, which go-yaml merges.
        pending_merge: bool,
        has_merges: bool,
        /// Nodes in the keys and values so far (merged entries are added at the end).
        size: usize,
    },
}

struct Builder<'a> {
    text: &'a str,
    stack: Vec<Frame>,
    /// Anchored nodes and their node counts (so an alias is counted without a walk).
    anchors: HashMap<usize, (Node, usize)>,
    documents: Vec<Node>,
    /// Nodes so far in the stream, aliases and merges expanded (see [`MAX_NODES`]).
    nodes: usize,
    /// The plain `<<` scalar just read is a merge key (set by the scalar, used by push_node).
    scalar_is_merge: bool,
    /// Parts read on their own ([`lift_multiline`]), each in place of the placeholder scalar
    /// at its position; the last is the first in the text.
    lifted: Vec<(Pos, Node)>,
    /// The syntax error `run` stopped at came after a document's root node was complete.
    failed_after_root: bool,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Self {
        Builder {
            text,
            stack: Vec::new(),
            anchors: HashMap::new(),
            documents: Vec::new(),
            nodes: 0,
            scalar_is_merge: false,
            lifted: Vec::new(),
            failed_after_root: false,
        }
    }

    fn run(&mut self) -> Result<(), YamlError> {
        let mut parser = Parser::new_from_str(self.text);
        let mut doc_root: Option<Node> = None;
        let mut document_count = 0;
        // A document ended and the next has not started.
        let mut between_documents = false;
        for item in parser.by_ref() {
            if item.is_err() {
                self.failed_after_root =
                    between_documents || (doc_root.is_some() && self.stack.is_empty());
            }
            let (event, span) = item.map_err(|e| {
                let pos = Pos {
                    line: e.marker().line() as u32,
                    col: e.marker().col() as u32 + 1,
                };
                if e.info() == "while parsing node, found unknown anchor" {
                    // go-yaml's decoder (decode.go `alias`), without a line.
                    return YamlError {
                        message: format!(
                            "unknown anchor '{}' referenced",
                            alias_name_at(self.text, pos)
                        ),
                        pos,
                        kind: YamlErrorKind::Decoder,
                    };
                }
                YamlError {
                    message: e.info().to_string(),
                    pos,
                    kind: YamlErrorKind::Syntax,
                }
            })?;
            let pos = pos_of(&span);
            match event {
                Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
                Event::DocumentStart(_) => {
                    between_documents = false;
                    document_count += 1;
                    if document_count > MAX_DOCUMENTS {
                        return Err(crate::limits::limit_error(
                            format!("podplay limit: more than {MAX_DOCUMENTS} documents; podplay analyses at most {MAX_DOCUMENTS} in one input"),
                            pos,
                        ));
                    }
                    doc_root = None;
                    self.anchors.clear();
                }
                Event::DocumentEnd => {
                    between_documents = true;
                    if let Some(root) = doc_root.take() {
                        if root.value != Value::Null {
                            self.documents.push(root);
                        }
                    }
                }
                Event::Alias(id) => {
                    let Some((anchored, count)) = self.anchors.get(&id) else {
                        return Err(YamlError {
                            message: "unknown anchor".into(),
                            pos,
                            kind: YamlErrorKind::Syntax,
                        });
                    };
                    // The value of a merge key is counted by the entries it merges.
                    let (count, value) = (*count, anchored.value.clone());
                    let merge_source = matches!(
                        self.stack.last(),
                        Some(Frame::Map {
                            pending_merge: true,
                            pending_key: Some(_),
                            ..
                        })
                    );
                    if !merge_source {
                        self.count(count, pos)?;
                    }
                    let count = if merge_source { 0 } else { count };
                    self.finish(Node { value, pos }, 0, count, &mut doc_root)?;
                }
                Event::Scalar(ref text, ScalarStyle::Plain, ..)
                    if text == "x" && self.is_lifted(pos, &span) =>
                {
                    let Event::Scalar(_, _, anchor, tag) = event else {
                        continue;
                    };
                    let Some((_, node)) = self.lifted.pop() else {
                        continue;
                    };
                    // A tag on a lifted quoted scalar resolves its text; on a collection,
                    // it changes nothing.
                    let value = match (node.value, tag) {
                        (Value::Str(text), Some(tag)) => resolve_scalar(
                            &text,
                            ScalarStyle::DoubleQuoted,
                            Some(&format!("{}{}", tag.handle, tag.suffix)),
                        )
                        .map_err(|message| YamlError {
                            message,
                            pos,
                            kind: YamlErrorKind::Decoder,
                        })?,
                        (value, _) => value,
                    };
                    self.scalar_is_merge = false;
                    let count = count_nodes(&value, MAX_NODES);
                    self.count(count, pos)?;
                    self.finish(Node { value, pos }, anchor, count, &mut doc_root)?;
                }
                Event::Scalar(text, style, anchor, tag) => {
                    let tag_name = tag.as_ref().map(|t| format!("{}{}", t.handle, t.suffix));
                    self.scalar_is_merge = text == "<<"
                        && match tag_name.as_deref() {
                            None => style == ScalarStyle::Plain,
                            Some(t) => t == "!!merge" || t == "tag:yaml.org,2002:merge",
                        };
                    // Most scalars are untagged strings: keep the parser's text, uncopied.
                    let value = match (&tag_name, style) {
                        (None, ScalarStyle::Plain) => {
                            resolve_plain_non_string(&text).unwrap_or(Value::Str(text.into_owned()))
                        }
                        (None, _) => Value::Str(text.into_owned()),
                        (Some(tag), _) => {
                            resolve_scalar(&text, style, Some(tag)).map_err(|message| {
                                YamlError {
                                    message,
                                    pos,
                                    kind: YamlErrorKind::Decoder,
                                }
                            })?
                        }
                    };
                    self.count(1, pos)?;
                    self.finish(Node { value, pos }, anchor, 1, &mut doc_root)?;
                }
                Event::SequenceStart(anchor, _) => {
                    self.open(
                        Frame::Seq {
                            pos,
                            anchor,
                            items: Vec::new(),
                            size: 0,
                        },
                        pos,
                    )?;
                }
                Event::MappingStart(anchor, _) => {
                    self.open(
                        Frame::Map {
                            pos,
                            anchor,
                            items: Vec::new(),
                            pending_key: None,
                            pending_merge: false,
                            has_merges: false,
                            size: 0,
                        },
                        pos,
                    )?;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let frame = self.stack.pop().expect("parser balances collections");
                    let (node, anchor, count) = match frame {
                        Frame::Seq {
                            pos,
                            anchor,
                            items,
                            size,
                        } => (
                            Node {
                                value: Value::Seq(items),
                                pos,
                            },
                            anchor,
                            1 + size,
                        ),
                        Frame::Map {
                            pos,
                            anchor,
                            items,
                            has_merges,
                            size,
                            ..
                        } => {
                            let mut merged = 0;
                            let entries = if has_merges {
                                self.apply_merges(items, &mut merged)?
                            } else {
                                items
                                    .into_iter()
                                    .filter_map(|i| match i {
                                        MapItem::Entry(e) => Some(e),
                                        MapItem::Merge(_) => None,
                                    })
                                    .collect()
                            };
                            (
                                Node {
                                    value: Value::Map(entries),
                                    pos,
                                },
                                anchor,
                                1 + size + merged,
                            )
                        }
                    };
                    self.count(1, pos)?;
                    self.finish(node, anchor, count, &mut doc_root)?;
                }
            }
        }
        Ok(())
    }

    /// Records an anchor, then places the node in its parent (or as the document root).
    fn finish(
        &mut self,
        node: Node,
        anchor: usize,
        count: usize,
        doc_root: &mut Option<Node>,
    ) -> Result<(), YamlError> {
        if anchor > 0 {
            self.anchors.insert(anchor, (node.clone(), count));
        }
        if let Some(root) = self.push_node(node, count)? {
            *doc_root = Some(root);
        }
        Ok(())
    }

    fn open(&mut self, frame: Frame, pos: Pos) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(crate::limits::limit_error(
                format!("podplay limit: the document nests deeper than {MAX_DEPTH} levels"),
                pos,
            ));
        }
        self.stack.push(frame);
        Ok(())
    }

    /// Whether the placeholder scalar read at `span` (from `pos`, an anchor or tag included)
    /// stands for the next lifted part.
    fn is_lifted(&mut self, pos: Pos, span: &Span) -> bool {
        while self.lifted.last().is_some_and(|(at, _)| *at < pos) {
            self.lifted.pop();
        }
        let end = Pos {
            line: span.end.line() as u32,
            col: span.end.col() as u32 + 1,
        };
        self.lifted.last().is_some_and(|(at, _)| *at < end)
    }

    /// Adds `n` nodes to the stream's count; an error once it passes [`MAX_NODES`].
    fn count(&mut self, n: usize, pos: Pos) -> Result<(), YamlError> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > MAX_NODES {
            return Err(crate::limits::limit_error(
                format!(
                    "podplay limit: the input expands to more than {MAX_NODES} YAML nodes (aliases and merge keys counted as copies)"
                ),
                pos,
            ));
        }
        Ok(())
    }

    /// Adds a finished node to the open collection; returns it if it is a document root.
    /// `count` is the node's size in nodes (0 for the value of a merge key).
    fn push_node(&mut self, node: Node, count: usize) -> Result<Option<Node>, YamlError> {
        let is_merge = std::mem::take(&mut self.scalar_is_merge);
        match self.stack.last_mut() {
            None => Ok(Some(node)),
            Some(Frame::Seq { items, size, .. }) => {
                *size += count;
                items.push(node);
                Ok(None)
            }
            Some(Frame::Map {
                items,
                pending_key,
                pending_merge,
                has_merges,
                size,
                ..
            }) => {
                // A merge key's value is not part of the tree: its entries are counted as merged.
                if !(pending_key.is_some() && *pending_merge) {
                    *size += count;
                }
                match pending_key.take() {
                    None => {
                        *pending_key = Some(node);
                        *pending_merge = is_merge;
                    }
                    Some(key) => {
                        if std::mem::take(pending_merge) {
                            *has_merges = true;
                            items.push(MapItem::Merge(node));
                        } else {
                            let key_pos = key.pos;
                            let key =
                                key_string(key, &node).map_err(|(message, kind)| YamlError {
                                    message,
                                    pos: key_pos,
                                    kind,
                                })?;
                            items.push(MapItem::Entry(Entry {
                                key,
                                key_pos,
                                value: node,
                            }));
                        }
                    }
                }
                Ok(None)
            }
        }
    }

    /// go-yaml v2 merge (decode.go `mapping` and `merge`): the items are applied in document
    /// order, each write replacing the key's earlier value, so an explicit key after `<<`
    /// wins and one before it is overwritten; in `<<: [*a, *b]` the list is applied from the
    /// end, so earlier maps win. Linear: a key's place is found through an index, and each
    /// merged entry counts its key and value towards [`MAX_NODES`].
    fn apply_merges(
        &mut self,
        items: Vec<MapItem>,
        merged: &mut usize,
    ) -> Result<Vec<Entry>, YamlError> {
        let mut out: Vec<Entry> = Vec::with_capacity(items.len());
        let mut place: HashMap<String, usize> = HashMap::new();
        for item in items {
            let source = match item {
                MapItem::Entry(e) => {
                    place.insert(e.key.clone(), out.len());
                    out.push(e);
                    continue;
                }
                MapItem::Merge(source) => source,
            };
            // Limit errors point at the merge, not at the merged map.
            let at = source.pos;
            let maps: Vec<&Node> = match &source.value {
                Value::Map(_) => vec![&source],
                Value::Seq(items) => items.iter().rev().collect(),
                _ => vec![],
            };
            if maps.is_empty() || maps.iter().any(|m| !matches!(m.value, Value::Map(_))) {
                return Err(YamlError {
                    message: "map merge requires map or sequence of maps as the value".into(),
                    pos: source.pos,
                    kind: YamlErrorKind::Decoder,
                });
            }
            for map in maps {
                let Value::Map(entries) = &map.value else {
                    continue;
                };
                for e in entries {
                    let n = 1 + count_nodes(&e.value.value, MAX_NODES);
                    self.count(n, at)?;
                    *merged += n;
                    match place.get(&e.key) {
                        Some(&i) => out[i] = e.clone(),
                        None => {
                            place.insert(e.key.clone(), out.len());
                            out.push(e.clone());
                        }
                    }
                }
            }
        }
        Ok(out)
    }
}

/// The nodes in a tree (a mapping entry counts its key and its value); stops counting
/// once past `limit`.
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

/// The name of the alias (`*name`) at `pos` (libyaml anchor names: letters, digits, `-`, `_`).
fn alias_name_at(text: &str, pos: Pos) -> String {
    let line = text
        .lines()
        .nth(pos.line.saturating_sub(1) as usize)
        .unwrap_or("");
    line.chars()
        .skip(pos.col.saturating_sub(1) as usize)
        .skip_while(|&c| c == '*')
        .take_while(|&c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        .collect()
}

/// Map keys become strings the way sigs.k8s.io/yaml converts them for JSON. A sequence or
/// mapping key fails in go-yaml's decoder (decode.go `mapping`: `invalid map key: %#v`); a
/// null key decodes, then fails sigs.k8s.io/yaml's `convertToJSONableObject`
/// (`unsupported map key of type: %s, key: %+#v, value: %+#v`).
fn key_string(key: Node, value: &Node) -> Result<String, (String, YamlErrorKind)> {
    match key.value {
        Value::Str(s) => Ok(s),
        Value::Int(i) => Ok(i.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Float(f) => Ok(format_float_key(f)),
        Value::Null => Err((
            format!(
                "unsupported map key of type: %!s(<nil>), key: <nil>, value: {}",
                go_sharp_v(value, true)
            ),
            YamlErrorKind::Converter,
        )),
        Value::Seq(_) | Value::Map(_) => Err((
            format!("invalid map key: {}", go_sharp_v(&key, true)),
            YamlErrorKind::Decoder,
        )),
    }
}

/// Go's `%#v` of what go-yaml decodes a node into: `"a"`, `1`, `true`, `[]interface {}{"x", 2}`,
/// `map[interface {}]interface {}{"a":1}` (fmt sorts map keys; the last duplicate wins), and
/// `<nil>` (`interface {}(nil)` inside a collection).
fn go_sharp_v(node: &Node, top: bool) -> String {
    match &node.value {
        Value::Null if top => "<nil>".into(),
        Value::Null => "interface {}(nil)".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => crate::go::strconv::format_float_g(*f),
        Value::Str(s) => crate::go::strconv::quote(s),
        Value::Seq(items) => {
            let parts: Vec<String> = items.iter().map(|i| go_sharp_v(i, false)).collect();
            format!("[]interface {{}}{{{}}}", parts.join(", "))
        }
        Value::Map(entries) => {
            // Sorted by key, ties in document order; the last of each run of equal keys wins.
            let mut order: Vec<usize> = (0..entries.len()).collect();
            crate::small_sort::sort_by(&mut order, |&a, &b| {
                (&entries[a].key, a) < (&entries[b].key, b)
            });
            let kept = order.iter().enumerate().filter(|&(n, &i)| {
                order
                    .get(n + 1)
                    .is_none_or(|&j| entries[j].key != entries[i].key)
            });
            let parts: Vec<String> = kept
                .map(|(_, &i)| &entries[i])
                .map(|e| {
                    let key = crate::go::strconv::quote(&e.key);
                    format!("{key}:{}", go_sharp_v(&e.value, false))
                })
                .collect();
            format!("map[interface {{}}]interface {{}}{{{}}}", parts.join(", "))
        }
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

/// Resolves a scalar the go-yaml v2 way (YAML 1.1 style), `text` being the scalar's text.
///
/// With an explicit tag (resolve.go `resolve`, decode.go `scalar`): `!!str` keeps the text;
/// `!!binary` is base64-decoded and its bytes become text as encoding/json writes a Go string
/// (one U+FFFD per invalid byte); `!!int`, `!!float`, `!!bool` and `!!null` resolve the text,
/// quoted or not, and must get that kind (`!!float` also takes an integer); any other tag
/// (`!custom`) keeps the text. Errors are go-yaml's.
pub fn resolve_scalar(text: &str, style: ScalarStyle, tag: Option<&str>) -> Result<Value, String> {
    let Some(tag) = tag else {
        return Ok(if style == ScalarStyle::Plain {
            resolve_plain(text)
        } else {
            Value::Str(text.to_string())
        });
    };
    let short = tag
        .strip_prefix("tag:yaml.org,2002:")
        .or_else(|| tag.strip_prefix("!!"));
    let want = match short {
        Some("binary") => {
            return match crate::go::base64::decode(text, true) {
                Ok(bytes) => Ok(Value::Str(crate::credentials::dockerconfig::go_lossy_utf8(
                    &bytes,
                ))),
                Err(_) => Err("!!binary value contains invalid base64 data".into()),
            }
        }
        Some(t @ ("int" | "float" | "bool" | "null")) => t,
        _ => return Ok(Value::Str(text.to_string())),
    };
    let resolved = resolve_plain(text);
    let got = match &resolved {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Int(_) => "int",
        Value::Float(_) => "float",
        _ => "str",
    };
    match (want, resolved) {
        (w, v) if w == got => Ok(v),
        ("float", Value::Int(i)) => Ok(Value::Float(i as f64)),
        _ => Err(format!("cannot decode !!{got} `{text}` as a !!{want}")),
    }
}

/// The go-yaml v2 resolution table for plain scalars.
pub fn resolve_plain(s: &str) -> Value {
    resolve_plain_non_string(s).unwrap_or_else(|| Value::Str(s.to_string()))
}

/// [`resolve_plain`] when the scalar is a null, bool, int or float; None (and no allocation)
/// when it stays a string, as most scalars do.
pub fn resolve_plain_non_string(s: &str) -> Option<Value> {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Some(Value::Bool(true))
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Some(Value::Bool(false))
        }
        ".nan" | ".NaN" | ".NAN" => return Some(Value::Float(f64::NAN)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Some(Value::Float(f64::INFINITY))
        }
        "-.inf" | "-.Inf" | "-.INF" => return Some(Value::Float(f64::NEG_INFINITY)),
        _ => {}
    }
    let first = s.as_bytes()[0];
    if !(first.is_ascii_digit() || first == b'-' || first == b'+' || first == b'.') {
        return None;
    }
    let plain: std::borrow::Cow<str> = if s.contains('_') {
        s.replace('_', "").into()
    } else {
        s.into()
    };
    if let Some(i) = parse_go_int(&plain) {
        return Some(Value::Int(i));
    }
    if let Some(rest) = plain.strip_prefix("0b") {
        if let Ok(i) = i128::from_str_radix(rest, 2) {
            if i <= u64::MAX as i128 {
                return Some(Value::Int(i));
            }
        }
    }
    if let Some(rest) = plain.strip_prefix("-0b") {
        if let Ok(i) = i128::from_str_radix(rest, 2) {
            if i <= i64::MAX as i128 + 1 {
                return Some(Value::Int(-i));
            }
        }
    }
    if is_yaml_float(&plain) {
        if let Some(f) = parse_float(&plain) {
            return Some(Value::Float(f));
        }
    }
    None
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
pub(crate) fn parse_float(text: &str) -> Option<f64> {
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

#[cfg(test)]
mod lifted_tests {
    use super::*;

    #[test]
    fn unindented_flow_and_quoted_lines_read_as_libyaml_reads_them() {
        // saphyr-parser refuses both (YAML 1.2 indentation); libyaml does not check it.
        let text = "a:\n  b: {c: d,\n e: [f,\ng]}\n  h: \"i\n j\"\n  k: &x 'l\n\n m'\n  o: *x\n";
        let doc = parse_one(text).unwrap();
        let b = doc.get("a").unwrap().get("b").unwrap();
        assert_eq!(b.pos, Pos { line: 2, col: 6 });
        let Value::Map(entries) = &b.value else {
            panic!("{b:?}")
        };
        assert_eq!(entries[1].key_pos, Pos { line: 3, col: 2 });
        assert_eq!(entries[1].value.pos, Pos { line: 3, col: 5 });
        assert_eq!(b.to_json(), serde_json::json!({"c": "d", "e": ["f", "g"]}));
        let a = doc.get("a").unwrap();
        assert_eq!(a.get("h").unwrap().value, Value::Str("i j".into()));
        assert_eq!(a.get("h").unwrap().pos, Pos { line: 5, col: 6 });
        assert_eq!(a.get("k").unwrap().value, Value::Str("l\nm".into()));
        assert_eq!(a.get("o").unwrap().value, Value::Str("l\nm".into()));
    }

    #[test]
    fn a_multiline_key_is_libyamls_error_at_its_colon() {
        let err = parse_one("a:\n  b:\n    \"c\n d\": e\n").unwrap_err();
        assert_eq!(
            (err.message.as_str(), err.pos),
            (
                "mapping values are not allowed in this context",
                Pos { line: 4, col: 4 }
            )
        );
    }
}

#[cfg(test)]
mod scalar_span_tests {
    use super::*;

    #[test]
    fn spans_of_lifted_parts_are_in_the_whole_text() {
        let text = "a:\n  b: {c: é,\n d: [e,\nf]}\n  g:\t\"h\n i\"\n  j: k\n";
        let spans: Vec<(Pos, &str)> = scalar_spans(text)
            .into_iter()
            .map(|(pos, r)| (pos, &text[r]))
            .collect();
        let p = |line, col| Pos { line, col };
        assert_eq!(
            spans,
            vec![
                (p(1, 1), "a"),
                (p(2, 3), "b"),
                (p(2, 7), "c"),
                (p(2, 10), "é"),
                (p(3, 2), "d"),
                (p(3, 6), "e"),
                (p(4, 1), "f"),
                (p(5, 3), "g"),
                (p(5, 6), "\"h\n i\""),
                (p(7, 3), "j"),
                (p(7, 6), "k"),
            ]
        );
        // The same positions as the nodes.
        let doc = parse_one(text).unwrap();
        let b = doc.get("a").unwrap().get("b").unwrap();
        assert_eq!(b.get("d").unwrap().pos, p(3, 5));
    }

    #[test]
    fn spans_cover_each_scalar_as_written() {
        let text = "a: plain value # c\nb: \"q\\\"x\"  # c\nc: 'é ''s'\nd: |\n  line\n  two\n\n# c\ne: [x, y]\nf: >\n    folded\n  g: 1\n";
        let spans: Vec<(Pos, &str)> = scalar_spans(text)
            .into_iter()
            .map(|(pos, r)| (pos, &text[r]))
            .collect();
        let p = |line, col| Pos { line, col };
        assert_eq!(
            spans,
            vec![
                (p(1, 1), "a"),
                (p(1, 4), "plain value"),
                (p(2, 1), "b"),
                (p(2, 4), "\"q\\\"x\""),
                (p(3, 1), "c"),
                (p(3, 4), "'é ''s'"),
                (p(4, 1), "d"),
                (p(5, 3), "line\n  two\n\n"),
                (p(9, 1), "e"),
                (p(9, 5), "x"),
                (p(9, 8), "y"),
                (p(10, 1), "f"),
                (p(11, 5), "folded\n"),
            ]
        );
    }
}
