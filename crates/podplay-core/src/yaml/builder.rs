//! saphyr-parser's events to [`Node`]s: anchors, aliases and `<<` merge keys expanded, keys
//! turned into strings, podplay's node and depth limits counted.

use super::scalars::{resolve_plain_non_string, resolve_scalar};
use super::{
    pos_of, Entry, KeyType, Node, Pos, Value, YamlError, YamlErrorKind, MAX_DEPTH, MAX_DOCUMENTS,
    MAX_NODES,
};
use saphyr_parser::{Event, Parser, ScalarStyle};
use std::collections::HashMap;

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

/// saphyr-parser's scanner errors where libyaml's scanner reads a token its parser then
/// refuses in the block context: text after a double-quoted scalar on its line, and a
/// closing bracket outside any flow collection.
pub(super) const SAPHYR_NEXT_TOKEN_ERRORS: &[&str] = &[
    "invalid trailing content after double-quoted scalar",
    "misplaced bracket",
];

/// saphyr-parser's error for a line less indented than its block scalar (but more than the
/// collection around): libyaml ends the scalar there (`yaml_parser_scan_block_scalar`), and
/// the token on that line is the collection's next token.
pub(super) const SAPHYR_WRONGLY_INDENTED: &str = "wrongly indented line in block scalar";

/// Where a complete node of the block context sits, which decides what libyaml's parser wants
/// next.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum BlockParent {
    /// A key's value or an entry's node is due.
    Node,
    Mapping,
    Sequence,
    Root,
}

impl BlockParent {
    /// libyaml's parser error for a token that is neither the next key or entry nor the end
    /// (parserc.go `yaml_parser_parse_node`, `yaml_parser_parse_block_mapping_key`,
    /// `..._block_sequence_entry`, `..._document_start`).
    pub(super) fn next_token_error(self) -> &'static str {
        match self {
            BlockParent::Node => "while parsing a block node, did not find expected node content",
            BlockParent::Mapping => "while parsing a block mapping, did not find expected key",
            BlockParent::Sequence => {
                "while parsing a block collection, did not find expected '-' indicator"
            }
            BlockParent::Root => "did not find expected <document start>",
        }
    }
}

pub(super) struct Builder<'a> {
    text: &'a str,
    stack: Vec<Frame>,
    /// Anchored nodes and their node counts (so an alias is counted without a walk).
    anchors: HashMap<usize, (Node, usize)>,
    pub(super) documents: Vec<Node>,
    /// Nodes so far in the stream, aliases and merges expanded (see [`MAX_NODES`]).
    nodes: usize,
    /// The plain `<<` scalar just read is a merge key (set by the scalar, used by push_node).
    scalar_is_merge: bool,
    /// The syntax error `run` stopped at came after a document's root node was complete.
    pub(super) failed_after_root: bool,
    /// Where saphyr-parser stopped at one of [`SAPHYR_NEXT_TOKEN_ERRORS`], if it did.
    pub(super) next_token_in: Option<BlockParent>,
    /// The document's first error of go-yaml's decoding, kept for its end: go-yaml parses a
    /// whole document (syntax errors, unknown aliases) before it decodes it (decode.go: a
    /// tag's value, a merge, a collection as a key, in document order).
    deferred: Option<YamlError>,
    /// The document has a null or uint64 key: sigs.k8s.io/yaml refuses it when it converts
    /// the decoded value, after decoding, if no later key replaced it ([`live_unsupported_key`]).
    unsupported_keys: bool,
}

impl<'a> Builder<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Builder {
            text,
            stack: Vec::new(),
            anchors: HashMap::new(),
            documents: Vec::new(),
            nodes: 0,
            scalar_is_merge: false,
            failed_after_root: false,
            next_token_in: None,
            deferred: None,
            unsupported_keys: false,
        }
    }

    pub(super) fn run(&mut self) -> Result<(), YamlError> {
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
                if e.info() == SAPHYR_WRONGLY_INDENTED {
                    // The block scalar before is complete: no node is due.
                    self.next_token_in = Some(self.block_collection_at(pos));
                }
                if SAPHYR_NEXT_TOKEN_ERRORS.contains(&e.info()) {
                    // (Meaningful in the block context only: in a flow collection saphyr-parser
                    // may still be looking ahead for a simple key, with no event sent yet.)
                    self.next_token_in = Some(self.block_parent_at(pos));
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
                    self.after_decoding(doc_root.as_ref())?;
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
                    let (count, mut value) = (*count, anchored.value.clone());
                    let merge_source = matches!(
                        self.stack.last(),
                        Some(Frame::Map {
                            pending_merge: true,
                            pending_key: Some(_),
                            ..
                        })
                    );
                    if merge_source && !matches!(value, Value::Map(_)) {
                        // go-yaml merges an alias only of a mapping (decode.go `merge`), not
                        // of a sequence of mappings: the merge fails as a scalar's would.
                        value = Value::Null;
                    }
                    if !merge_source {
                        self.count(count, pos)?;
                    }
                    let count = if merge_source { 0 } else { count };
                    self.finish(Node { value, pos }, 0, count, &mut doc_root)?;
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
                        (Some(tag), _) => resolve_scalar(&text, style, Some(tag))
                            .unwrap_or_else(|message| self.defer(message, pos)),
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
        self.after_decoding(doc_root.as_ref())
    }

    /// At a document's end: its decoding error, else sigs.k8s.io/yaml's conversion error.
    fn after_decoding(&mut self, root: Option<&Node>) -> Result<(), YamlError> {
        if let Some(e) = self.deferred.take() {
            return Err(e);
        }
        if !std::mem::take(&mut self.unsupported_keys) {
            return Ok(());
        }
        match root.and_then(live_unsupported_key) {
            // sigs.k8s.io/yaml `convertToJSONableObject`: `%s` of the key's type, `%+#v` of
            // the key and of the value.
            Some(e) => Err(YamlError {
                message: format!(
                    "unsupported map key of type: {}, value: {}",
                    match e.key_type {
                        KeyType::Null => "%!s(<nil>), key: <nil>".to_string(),
                        _ => format!("uint64, key: {}", go_sharp_v_uint(&e.key)),
                    },
                    go_sharp_v(&e.value, true)
                ),
                pos: e.key_pos,
                kind: YamlErrorKind::Converter,
            }),
            None => Ok(()),
        }
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

    /// The block collection a token at `at` meets (libyaml's parser state there): the
    /// collections indented past it have ended (the scanner unrolls their indentation).
    fn block_parent_at(&self, at: Pos) -> BlockParent {
        // Right after a key's `:` or an entry's `-` (none of them ended) a node is due.
        if self.open_at(at) == self.stack.len()
            && !self.stack.is_empty()
            && matches!(self.char_before(at), Some(':' | '-'))
        {
            return BlockParent::Node;
        }
        self.block_collection_at(at)
    }

    /// [`Builder::block_parent_at`] where the node before is complete: the collection whose
    /// next key or entry is due.
    fn block_collection_at(&self, at: Pos) -> BlockParent {
        match &self.stack[..self.open_at(at)] {
            // A sequence at its mapping's column (`a:\n- b`) is indentless: it ends at the
            // first token that is no `-`, and the mapping goes on.
            [.., Frame::Map { pos: map, .. }, Frame::Seq { pos: seq, .. }]
                if self.first_dash_col(*seq) == Some(map.col) =>
            {
                BlockParent::Mapping
            }
            [.., Frame::Seq { .. }] => BlockParent::Sequence,
            [.., Frame::Map { .. }] => BlockParent::Mapping,
            [] => BlockParent::Root,
        }
    }

    /// How many collections of the stack are still open at `at` (the scanner unrolls those
    /// indented past it).
    fn open_at(&self, at: Pos) -> usize {
        self.stack
            .iter()
            .rposition(|frame| self.indentation(frame) <= at.col)
            .map_or(0, |i| i + 1)
    }

    /// The last character before `at` that is not blank (line breaks included).
    fn char_before(&self, at: Pos) -> Option<char> {
        let mut lines = self.text.split('\n');
        let head: usize = lines
            .by_ref()
            .take(at.line as usize - 1)
            .map(|l| l.len() + 1)
            .sum();
        let line = lines.next().unwrap_or("");
        let col = line
            .char_indices()
            .nth(at.col as usize - 1)
            .map_or(line.len(), |(i, _)| i);
        self.text[..(head + col).min(self.text.len())]
            .trim_end()
            .chars()
            .next_back()
    }

    /// The column a block collection is indented to: its first key's, or its first `-`'s.
    fn indentation(&self, frame: &Frame) -> u32 {
        match frame {
            Frame::Map { pos, .. } => pos.col,
            Frame::Seq { pos, .. } => self.first_dash_col(*pos).unwrap_or(pos.col),
        }
    }

    /// The column of a block sequence's first `-`: saphyr-parser starts an indentless
    /// sequence at its first entry's node, not at the `-` before it.
    fn first_dash_col(&self, seq: Pos) -> Option<u32> {
        let line = self.text.split('\n').nth(seq.line as usize - 1)?;
        let (dash, _) = line
            .chars()
            .take(seq.col as usize)
            .enumerate()
            .filter(|&(_, c)| c == '-')
            .last()?;
        Some(dash as u32 + 1)
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
        let mut failed = None;
        let mut unsupported_key = false;
        match self.stack.last_mut() {
            None => return Ok(Some(node)),
            Some(Frame::Seq { items, size, .. }) => {
                *size += count;
                items.push(node);
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
                    Some(_) if std::mem::take(pending_merge) => {
                        *has_merges = true;
                        items.push(MapItem::Merge(node));
                    }
                    Some(key) => {
                        let key_pos = key.pos;
                        let (key, key_type) = key_string(key).unwrap_or_else(|message| {
                            failed = Some(message);
                            (String::new(), KeyType::String)
                        });
                        unsupported_key = matches!(key_type, KeyType::Null | KeyType::Uint);
                        items.push(MapItem::Entry(Entry {
                            key,
                            key_pos,
                            value: node,
                            key_type,
                        }));
                        if let Some(message) = failed {
                            self.defer(message, key_pos);
                        }
                    }
                }
            }
        }
        self.unsupported_keys |= unsupported_key;
        Ok(None)
    }

    /// Keeps a decoding error for the document's end ([`Builder::deferred`]): the first in
    /// document order. Returns the null a bad scalar is read as meanwhile.
    fn defer(&mut self, message: String, pos: Pos) -> Value {
        if self.deferred.as_ref().is_none_or(|kept| pos < kept.pos) {
            self.deferred = Some(YamlError {
                message,
                pos,
                kind: YamlErrorKind::Decoder,
            });
        }
        Value::Null
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
            // A mapping, or a sequence of mappings (none is fine), applied from its end.
            let maps: Option<Vec<&Node>> = match &source.value {
                Value::Map(_) => Some(vec![&source]),
                Value::Seq(items) => Some(items.iter().rev().collect()),
                _ => None,
            };
            let Some(maps) = maps.filter(|m| m.iter().all(|m| matches!(m.value, Value::Map(_))))
            else {
                let message = "map merge requires map or sequence of maps as the value";
                self.defer(message.into(), source.pos);
                continue;
            };
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

/// How fmt orders two keys of a decoded map (internal/fmtsort): by type ([`KeyType`]),
/// then by value.
fn go_key_order(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    let number = |e: &Entry| super::scalars::parse_float(&e.key).unwrap_or(f64::NAN);
    a.key_type.cmp(&b.key_type).then_with(|| match a.key_type {
        KeyType::Uint | KeyType::Int | KeyType::Float => number(a).total_cmp(&number(b)),
        _ => a.key.cmp(&b.key),
    })
}

/// The first null or uint64 key left in a decoded value, in document order (Go's map order is
/// random: any of them is Kubernetes' answer): of repeated keys go-yaml keeps the last (`"a"`
/// and `a` are one key, `1` and `"1"` two), and a value it replaced is never converted.
fn live_unsupported_key(node: &Node) -> Option<&Entry> {
    match &node.value {
        Value::Seq(items) => items.iter().find_map(live_unsupported_key),
        Value::Map(entries) => {
            let mut seen = std::collections::HashSet::new();
            let mut live = vec![false; entries.len()];
            for (i, e) in entries.iter().enumerate().rev() {
                live[i] = seen.insert((e.key_type, e.key.as_str()));
            }
            entries
                .iter()
                .zip(live)
                .filter(|(_, live)| *live)
                .find_map(|(e, _)| match e.key_type {
                    KeyType::Null | KeyType::Uint => Some(e),
                    _ => live_unsupported_key(&e.value),
                })
        }
        _ => None,
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

/// Map keys become strings the way sigs.k8s.io/yaml converts them for JSON, with the type
/// go-yaml decoded them to (a null or uint64 key is refused later, [`live_unsupported_key`]).
/// A sequence or mapping key fails in go-yaml's decoder (decode.go `mapping`: `invalid map
/// key: %#v`).
fn key_string(key: Node) -> Result<(String, KeyType), String> {
    match key.value {
        Value::Str(s) => Ok((s, KeyType::String)),
        Value::Int(i) if i > i128::from(i64::MAX) => Ok((i.to_string(), KeyType::Uint)),
        Value::Int(i) => Ok((i.to_string(), KeyType::Int)),
        Value::Bool(b) => Ok((b.to_string(), KeyType::Bool)),
        Value::Float(f) => Ok((format_float_key(f), KeyType::Float)),
        Value::Null => Ok((String::new(), KeyType::Null)),
        Value::Seq(_) | Value::Map(_) => {
            Err(format!("invalid map key: {}", go_sharp_v(&key, true)))
        }
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
        Value::Int(i) if *i > i128::from(i64::MAX) => go_sharp_v_uint(&i.to_string()),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => crate::go::strconv::format_float_g(*f),
        Value::Str(s) => crate::go::strconv::quote(s),
        Value::Seq(items) => {
            let parts: Vec<String> = items.iter().map(|i| go_sharp_v(i, false)).collect();
            format!("[]interface {{}}{{{}}}", parts.join(", "))
        }
        Value::Map(entries) => {
            // Sorted as fmt sorts an interface-keyed map (internal/fmtsort): by the key's type,
            // then its value; ties in document order, the last of each run of equal keys wins.
            let mut order: Vec<usize> = (0..entries.len()).collect();
            crate::small_sort::sort_by(&mut order, |&a, &b| {
                match go_key_order(&entries[a], &entries[b]) {
                    std::cmp::Ordering::Equal => a < b,
                    other => other.is_lt(),
                }
            });
            let kept = order.iter().enumerate().filter(|&(n, &i)| {
                order.get(n + 1).is_none_or(|&j| {
                    go_key_order(&entries[j], &entries[i]) != std::cmp::Ordering::Equal
                })
            });
            let parts: Vec<String> = kept
                .map(|(_, &i)| &entries[i])
                .map(|e| {
                    let key = match e.key_type {
                        KeyType::String => crate::go::strconv::quote(&e.key),
                        KeyType::Null => "interface {}(nil)".into(),
                        KeyType::Uint => go_sharp_v_uint(&e.key),
                        _ => e.key.clone(),
                    };
                    format!("{key}:{}", go_sharp_v(&e.value, false))
                })
                .collect();
            format!("map[interface {{}}]interface {{}}{{{}}}", parts.join(", "))
        }
    }
}

/// Go's `%#v` of a uint64 (`0x8000000000000000`), given in decimal.
fn go_sharp_v_uint(decimal: &str) -> String {
    format!("{:#x}", decimal.parse::<u64>().unwrap_or_default())
}

/// A float key as sigs.k8s.io/yaml writes it: `strconv.FormatFloat(f, 'g', -1, 32)`, with
/// YAML's words for the infinities and NaN.
fn format_float_key(f: f64) -> String {
    match crate::go::strconv::format_float_g32(f).as_str() {
        "+Inf" => ".inf".into(),
        "-Inf" => "-.inf".into(),
        "NaN" => ".nan".into(),
        s => s.into(),
    }
}
