//! Where libyaml's scanner is laxer than saphyr-parser's: tabs, and the indentation of flow
//! collections and quoted scalars.
//!
//! Kubernetes reads YAML with sigs.k8s.io/yaml over go-yaml v2, whose scanner is a port of
//! libyaml's (`scannerc.go`). Its tab rules are not YAML 1.2's, which saphyr-parser follows:
//!
//! - between tokens (`yaml_parser_scan_to_next_token`) a tab is eaten only in a flow collection
//!   or where no simple key may start (after a scalar, an anchor, a tag, a simple key's `:`, a
//!   closing bracket, `---`). At a block line's start and after `-`, `?` or a complex key's
//!   `:` a tab is left, and no token starts with one: `found character that cannot start any
//!   token`;
//! - a plain scalar (`yaml_parser_scan_plain_scalar`) eats the blanks and line breaks after
//!   it, and a tab in a line's leading blanks at a column below the block indentation + 1 is
//!   `found a tab character that violates indentation`;
//! - a quoted scalar (`yaml_parser_scan_flow_scalar`) skips any blanks that start its
//!   continuation lines, tabs included;
//! - a block scalar (`yaml_parser_scan_block_scalar_breaks`) wants spaces up to its
//!   indentation: `found a tab character where an indentation space is expected`; past it a
//!   tab is content;
//! - a double-quoted scalar's escapes are YAML 1.1's (`\'` is one, YAML 1.2's `\/` is not:
//!   `found unknown escape character`), and an error in one is where libyaml finds it.
//!
//! [`libyaml_tabs`] follows the scanner's state (flow level, whether a simple key may start,
//! the block indentation) over the text, finds the first of those errors, and turns every tab
//! libyaml reads as a separator into a space, so saphyr-parser sees what libyaml sees. The
//! text keeps its length (lines, columns and byte offsets stay exact); no tab inside a
//! scalar's content changes. One forward pass; a text without tabs, `\/`, `\'`, anchors
//! (`&`: libyaml's names are narrower), flow collections (whose brackets must match), a character that may start no token (`@`, `` ` ``, `%`, `|`
//! and `>` in a flow collection) or a line starting with a `:` is not scanned.
//!
//! A `:` with no key before it (none written, or its text began on an earlier line) is a
//! VALUE token alone, which libyaml's parser takes only after a `?` (`did not find expected
//! key`); saphyr-parser reads an empty key there.
//! At any other syntax problem the pass stops and leaves the rest to saphyr-parser.
//!
//! libyaml's scanner hands its parser no token after one that may start a simple key (a
//! `[` or `{` where a key may start, a quoted scalar at a line's start) until that key is
//! settled: a problem the parser would find in those tokens comes after the scanner's own
//! errors until then, after a required key's `could not find expected ':'`, or after the
//! block collection's refusal of a flow collection that turned out to be no key
//! ([`before_parser_error`]).
//!
//! libyaml never checks the indentation of a flow collection's lines or of a quoted scalar's
//! continuation lines; YAML 1.2 (saphyr-parser) wants them indented past the block around
//! them. [`lift_multiline`] lists the multi-line flow collections and quoted scalars of the
//! block context, so each can be read on its own, where no block surrounds it.

use super::builder::BlockParent;
use super::{Pos, YamlError, YamlErrorKind};
use std::borrow::Cow;

mod pending_key;
pub(super) use pending_key::before_parser_error;

/// The text as libyaml reads its tabs, and the first tab libyaml refuses.
pub(super) struct Tabs<'t> {
    /// The text with separator tabs turned into spaces (borrowed when nothing changed).
    pub text: Cow<'t, str>,
    /// libyaml's error for the first tab it refuses (a scanner error at the tab).
    pub error: Option<YamlError>,
    /// Each `\'` escape of a double-quoted scalar (libyaml's, not YAML 1.2's) reads `\e`
    /// in `text`: its ESC stands for a `'` ([`QUOTE_ESCAPE_STANDS_IN`]).
    pub quote_escapes: bool,
    /// The first alias of no anchor used as a key (`*a: b`), where it is and its name: go-yaml
    /// fails there (`unknown anchor`); saphyr-parser reads an empty key in its place.
    pub unknown_alias: Option<(Pos, String)>,
}

/// The character saphyr-parser reads for a `\'` escape rewritten as `\e` (an ESC, which a
/// paste holds only through an escape: such a paste is left as it is).
pub(super) const QUOTE_ESCAPE_STANDS_IN: char = '\u{1b}';

/// Reads `text`'s tabs the way go-yaml v2's scanner does (see the module documentation).
pub(super) fn libyaml_tabs(text: &str) -> Tabs<'_> {
    if !text.contains('\t')
        && !text.contains("\\/")
        && !text.contains("\\'")
        && !text.contains(['@', '`', '%', '|', '>', '[', '{', '&'])
        && !has_alias_key(text)
        && !has_glued_comment(text)
        && !has_keyless_colon(text)
    {
        return Tabs {
            text: Cow::Borrowed(text),
            error: None,
            quote_escapes: false,
            unknown_alias: None,
        };
    }
    let mut scan = Scan::new(text.as_bytes());
    let error = scan.run_to_error();
    let quote_escapes = !scan.quote_escapes.is_empty() && !scan.escaped_esc;
    if !quote_escapes {
        scan.quote_escapes.clear();
    }
    let text = if scan.separators.is_empty()
        && scan.quote_escapes.is_empty()
        && scan.comment_moves.is_empty()
        && scan.empty_keys.is_empty()
        && scan.glued_comments.is_empty()
        && scan.question_marks.is_empty()
    {
        Cow::Borrowed(text)
    } else {
        // Each edit keeps the text's length (lines, columns and offsets stay exact).
        let mut out = text.as_bytes().to_vec();
        for &at in &scan.separators {
            out[at] = b' ';
        }
        for &at in &scan.quote_escapes {
            out[at + 1] = b'e';
        }
        for &(to, by, end) in &scan.comment_moves {
            out.copy_within(to + by..end, to);
            out[end - by..end].fill(b' ');
        }
        for &(start, end) in &scan.glued_comments {
            out[start..end].fill(b' ');
        }
        for &at in &scan.question_marks {
            out[at] = b' ';
        }
        for &(at, len) in &scan.empty_keys {
            out[at] = b'~';
            out[at + 1..at + len].fill(b' ');
        }
        // Only ASCII bytes change, and a comment moves whole.
        Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string()))
    };
    Tabs {
        text,
        error,
        quote_escapes,
        unknown_alias: scan.unknown_alias,
    }
}

/// libyaml's first scanner error in `text` (as [`libyaml_tabs`] finds it, with no shortcut).
pub(super) fn first_error(text: &str) -> Option<YamlError> {
    Scan::new(text.as_bytes()).run_to_error()
}

/// The problem with a directive's name, given the text after its `%`
/// (`yaml_parser_scan_directive`: the name is followed by a blank, and only `YAML` and `TAG`
/// are known), and the name's length.
pub(super) fn directive_problem(after_percent: &[u8]) -> (Option<&'static str>, usize) {
    let name = after_percent
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
        .count();
    let blank_after = matches!(
        after_percent.get(name),
        None | Some(b' ' | b'\t' | b'\r' | b'\n')
    );
    let problem = match &after_percent[..name] {
        [] => Some("while scanning a directive, could not find expected directive name"),
        _ if !blank_after => {
            Some("while scanning a directive, found unexpected non-alphabetical character")
        }
        b"YAML" | b"TAG" => None,
        _ => Some("while scanning a directive, found unknown directive name"),
    };
    (problem, name)
}

/// Whether a `#` follows a quote or a flow indicator with no blank between (`"a"#`), where
/// libyaml may read a comment that saphyr-parser refuses.
fn has_glued_comment(text: &str) -> bool {
    text.match_indices('#')
        .any(|(at, _)| at > 0 && b"\"']},[{".contains(&text.as_bytes()[at - 1]))
}

/// Whether an alias is followed by a `:` (`*a:`), which saphyr-parser reads into its name.
fn has_alias_key(text: &str) -> bool {
    text.match_indices('*').any(|(at, _)| {
        let name = text[at + 1..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
            .count();
        name > 0 && text[at + 1 + name..].starts_with(':')
    })
}

/// Whether a line starts with a `:` value indicator (after its indentation and any `- `):
/// a `:` with no key, which libyaml's parser refuses in the block context.
fn has_keyless_colon(text: &str) -> bool {
    text.lines().any(|line| {
        let mut rest = line.trim_start_matches(' ');
        while let Some(entry) = rest.strip_prefix("- ") {
            rest = entry.trim_start_matches(' ');
        }
        rest.starts_with(':') && rest[1..].chars().next().is_none_or(char::is_whitespace)
    })
}

/// The flow collections open at a place of a part of the paste, as libyaml's scanner sees
/// them on its way there.
///
/// saphyr-parser stops inside a flow collection with scanner errors of its own (`illegal
/// placement of ':' indicator`, `misplaced bracket`, ...) where libyaml's scanner goes on and
/// its parser then finds no `,`; and a flow collection that is a document's whole root ends
/// the document where go-yaml stops reading.
#[derive(Debug, Default, PartialEq)]
pub(super) struct FlowState {
    /// The innermost open collection's bracket (`[` or `{`), if any.
    pub innermost: Option<char>,
    /// The part's first token opened a flow collection, and it was closed before the place.
    pub root_closed: bool,
    /// The last character before the place that is not a space or a line break.
    pub previous: Option<char>,
}

/// The [`FlowState`] of `part` (whose first line is line `first_line` of the paste) just
/// before `at`; None when libyaml's scanner stops before it.
pub(super) fn flow_at(part: &str, first_line: u32, at: Pos) -> Option<FlowState> {
    let mut scan = Scan::new(part.as_bytes());
    let line = (at.line + 1).checked_sub(first_line)?;
    scan.stop_at = Some((line, i64::from(at.col) - 1));
    scan.run().ok()?;
    Some(FlowState {
        innermost: scan.brackets.last().map(|&(b, _)| char::from(b)),
        root_closed: scan.root_closed,
        previous: scan.before().map(char::from),
    })
}

/// Whether libyaml's scanner refuses the token that starts at `at` or after the blanks there
/// (`{...} @`: `found character that cannot start any token`): go-yaml reads one token past a
/// document's complete root to end the document, so that token's scanner error is the
/// paste's, while any other text there is never read.
pub(super) fn refuses_next_token(text: &str, at: Pos) -> bool {
    let line = text
        .split('\n')
        .nth(at.line.saturating_sub(1) as usize)
        .unwrap_or("");
    let Some((offset, _)) = line.char_indices().nth(at.col.saturating_sub(1) as usize) else {
        return false;
    };
    let token = line[offset..].trim_start_matches([' ', '\t']);
    let before = &line[..line.len() - token.len()];
    let mut scan = Scan::new(token.as_bytes());
    scan.col = before.chars().count() as i64;
    // After the root's last token on the same line (a closing bracket or a scalar) no simple
    // key may start; at a line's first token one may (a line break allows it).
    scan.simple_key_allowed = before.trim_matches([' ', '\t']).is_empty();
    scan.stop_at = Some((1, scan.col + 1));
    scan.root_is_flow = Some(false);
    scan.run_to_error().is_some()
}

/// A multi-line flow collection or quoted scalar of the block context, as [`lift_multiline`]
/// finds it.
pub(super) struct Multiline {
    /// Where it starts (its first character).
    pub pos: Pos,
    /// Its bytes in the text, from its first character to its last.
    pub range: std::ops::Range<usize>,
}

/// The text with every multi-line flow collection and quoted scalar of the block context
/// replaced by a plain scalar `x` at its start and blanks (its line breaks kept, one blank a
/// character: lines and columns stay), and those parts, to be read on their own.
pub(super) struct Lifted {
    pub text: String,
    pub parts: Vec<Multiline>,
    /// libyaml's first scanner error the scan found (a tab, or an indicator out of place).
    pub error: Option<YamlError>,
}

/// Lifts the parts whose lines libyaml never checks for indentation out of `text` (see the
/// module documentation); `text` has its separator tabs as spaces already.
pub(super) fn lift_multiline(text: &str) -> Lifted {
    let mut scan = Scan::new(text.as_bytes());
    // A text libyaml refuses keeps the parts found before the problem.
    let error = scan.run_to_error();
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for part in &scan.multiline {
        out.push_str(&text[from..part.range.start]);
        for (i, c) in text[part.range.clone()].chars().enumerate() {
            out.push(match c {
                '\r' | '\n' => c,
                _ if i == 0 => 'x',
                _ => ' ',
            });
        }
        from = part.range.end;
    }
    out.push_str(&text[from..]);
    Lifted {
        text: out,
        parts: scan.multiline,
        error,
    }
}

const CANNOT_START: &str = "found character that cannot start any token";
const UNKNOWN_ESCAPE: &str = "while parsing a quoted scalar, found unknown escape character";
const VIOLATES_INDENTATION: &str = "found a tab character that violates indentation";
const NOT_INDENTATION_SPACE: &str = "found a tab character where an indentation space is expected";

/// Why the scan stopped early.
enum Stop {
    /// A scanner error libyaml reports at the scanner's position (the problem text): a tab
    /// it refuses, or an indicator where it does not fit.
    Libyaml(&'static str),
    /// Another syntax problem: saphyr-parser reports it.
    Other,
}

/// Where a simple key (one not introduced by `?`) could start: libyaml accepts its `:` on the
/// same line, at most 1024 characters on (`yaml_simple_key_is_valid`).
#[derive(Clone, Copy)]
struct SimpleKey {
    line: u32,
    index: usize,
    col: i64,
    /// At the block indentation's column: something there must be a key
    /// (`yaml_parser_save_simple_key`), or it is `could not find expected ':'`.
    required: bool,
    /// The block collection that wants its next key or entry where the token stands (none
    /// when a node is due there, or in a flow collection): a token that is no key is refused.
    wanted_by: Option<BlockParent>,
}

impl SimpleKey {
    fn is_stale(&self, line: u32, index: usize) -> bool {
        self.line < line || self.index + 1024 < index
    }
}

const NO_COLON: &str = "could not find expected ':'";

/// The part of libyaml's scanner state that decides what a tab is.
struct Scan<'t> {
    b: &'t [u8],
    /// Byte offset of the next character.
    i: usize,
    /// 1-based line and 0-based column (in characters), as libyaml's `mark`.
    line: u32,
    col: i64,
    /// Characters read so far (libyaml's `mark.index`).
    index: usize,
    flow_level: usize,
    simple_key_allowed: bool,
    /// The current block indentation (-1 at the top) and the enclosing ones, each with
    /// whether a block sequence set it (else a mapping did).
    indent: i64,
    indent_is_seq: bool,
    indents: Vec<(i64, bool)>,
    /// The block context's last token was `:`, `-` or `?`: a node is due.
    node_due: bool,
    /// The block collection the outermost open flow collection stands in, and the simple
    /// key its bracket may be (its `index`, and whether it is required), if it may be one.
    flow_parent: Option<BlockParent>,
    flow_key: Option<(usize, bool)>,
    /// The possible simple key of each flow level (index 0: the block context).
    keys: Vec<Option<SimpleKey>>,
    /// The bracket that opened each flow level, and whether a `?` key is open in it.
    brackets: Vec<(u8, bool)>,
    /// Where [`flow_at`] stops (line, 0-based column).
    stop_at: Option<(u32, i64)>,
    /// Whether the first token opened a flow collection, and whether that one has closed.
    root_is_flow: Option<bool>,
    root_closed: bool,
    /// Byte offsets of the tabs libyaml reads as separators, in order.
    separators: Vec<usize>,
    /// Where the outermost flow collection open now starts.
    flow_start: Option<(Pos, usize)>,
    /// The multi-line flow collections and quoted scalars of the block context, in order.
    multiline: Vec<Multiline>,
    /// A `?` of the block context waits for its `:`.
    block_question: bool,
    /// The simple key (by its `index`) [`flow_key_at`] follows, and what became of it: taken
    /// by a `:` (true) or dropped (false). The scan stops once it is settled.
    watched_key: Option<usize>,
    watched_fate: Option<bool>,
    /// Byte offsets of the `\'` escapes of double-quoted scalars, and whether an escape
    /// writes an ESC (`\e`, `\x1b`, ...).
    quote_escapes: Vec<usize>,
    escaped_esc: bool,
    /// Comments that end a block scalar less indented than its lines but more than the
    /// collection around: libyaml reads them as comments, saphyr-parser refuses the line, so
    /// each moves left to the collection's column (where, how far, the line's end).
    comment_moves: Vec<(usize, usize, usize)>,
    /// A quoted scalar or flow collection that was a value or an entry of the block context
    /// ended on this line: the parser refuses any token after it there, where the collection
    /// wants its next key or entry.
    value_ended_on: Option<(u32, BlockParent)>,
    /// The outermost open flow collection is a value or an entry (a node was due there).
    flow_node_due: bool,
    /// Where a problem the scan reports lies, when not where it stopped.
    error_at: Option<Pos>,
    /// The block collection that wants its next key or entry at this token, if it does.
    key_position: Option<BlockParent>,
    /// The anchors of the document so far, by name.
    anchor_names: Vec<&'t [u8]>,
    /// Anchors and aliases right before a key's `:` that saphyr-parser is to read as an empty
    /// key (`~`): where each starts, and its length without the `:`.
    empty_keys: Vec<(usize, usize)>,
    /// The first alias of no anchor as a key, and its name.
    unknown_alias: Option<(Pos, String)>,
    /// Comments right after a token, with no blank before them (byte ranges).
    glued_comments: Vec<(usize, usize)>,
    /// `?` key indicators glued to their key in a flow mapping (byte offsets).
    question_marks: Vec<usize>,
}

impl<'t> Scan<'t> {
    fn new(b: &'t [u8]) -> Self {
        Scan {
            b,
            i: 0,
            line: 1,
            col: 0,
            index: 0,
            flow_level: 0,
            simple_key_allowed: true,
            indent: -1,
            indent_is_seq: false,
            indents: Vec::new(),
            node_due: false,
            flow_parent: None,
            flow_key: None,
            keys: vec![None],
            brackets: Vec::new(),
            stop_at: None,
            root_is_flow: None,
            root_closed: false,
            separators: Vec::new(),
            flow_start: None,
            multiline: Vec::new(),
            block_question: false,
            watched_key: None,
            watched_fate: None,
            quote_escapes: Vec::new(),
            escaped_esc: false,
            comment_moves: Vec::new(),
            value_ended_on: None,
            flow_node_due: false,
            error_at: None,
            key_position: None,
            anchor_names: Vec::new(),
            empty_keys: Vec::new(),
            unknown_alias: None,
            glued_comments: Vec::new(),
            question_marks: Vec::new(),
        }
    }

    /// The byte `k` places on (0 past the end, libyaml's `is_z`; the text holds no NUL).
    fn at(&self, k: usize) -> u8 {
        self.b.get(self.i + k).copied().unwrap_or(0)
    }
    fn is_blank(&self, k: usize) -> bool {
        matches!(self.at(k), b' ' | b'\t')
    }
    fn is_break(&self, k: usize) -> bool {
        matches!(self.at(k), b'\r' | b'\n')
    }
    fn is_breakz(&self, k: usize) -> bool {
        matches!(self.at(k), b'\r' | b'\n' | 0)
    }
    fn is_blankz(&self, k: usize) -> bool {
        matches!(self.at(k), b' ' | b'\t' | b'\r' | b'\n' | 0)
    }
    fn at_end(&self) -> bool {
        self.i >= self.b.len()
    }

    /// Moves past one character (a UTF-8 sequence).
    fn skip(&mut self) {
        let Some(&first) = self.b.get(self.i) else {
            return;
        };
        self.i += match first {
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            _ => 1,
        };
        self.col += 1;
        self.index += 1;
    }

    /// Moves past a blank; a tab is recorded as a separator (libyaml drops it).
    fn skip_separator(&mut self) {
        if self.at(0) == b'\t' {
            self.separators.push(self.i);
        }
        self.skip();
    }

    /// Moves past a line break (`\r\n` is one).
    fn skip_line(&mut self) {
        let width = if self.at(0) == b'\r' && self.at(1) == b'\n' {
            2
        } else {
            1
        };
        self.i += width;
        self.index += width;
        self.line += 1;
        self.col = 0;
    }

    /// `---` or `...` at a line's start, followed by a blank or the end of a line.
    fn at_document_indicator(&self) -> bool {
        self.col == 0
            && matches!(
                (self.at(0), self.at(1), self.at(2)),
                (b'-', b'-', b'-') | (b'.', b'.', b'.')
            )
            && self.is_blankz(3)
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col as u32 + 1,
        }
    }

    /// Records the part from `start` to here when it spans lines.
    fn multiline_from(&mut self, (pos, start): (Pos, usize)) {
        if pos.line != self.line {
            self.multiline.push(Multiline {
                pos,
                range: start..self.i,
            });
        }
    }

    fn roll_indent(&mut self, column: i64, seq: bool) {
        if self.flow_level == 0 && self.indent < column {
            self.indents.push((self.indent, self.indent_is_seq));
            self.indent = column;
            self.indent_is_seq = seq;
        }
    }

    fn unroll_indent(&mut self, column: i64) {
        if self.flow_level == 0 {
            while self.indent > column {
                (self.indent, self.indent_is_seq) = self.indents.pop().unwrap_or((-1, false));
            }
        }
    }

    /// What libyaml's parser wants where a token of the block context stands: `unrolled`,
    /// the token ended deeper collections (each a BLOCK-END, a node due there is empty).
    fn block_parent(&self, unrolled: bool) -> BlockParent {
        match () {
            _ if self.node_due && !unrolled => BlockParent::Node,
            _ if self.indent == -1 => BlockParent::Root,
            _ if self.indent_is_seq => BlockParent::Sequence,
            _ => BlockParent::Mapping,
        }
    }

    fn save_simple_key(&mut self) -> Result<(), Stop> {
        if self.simple_key_allowed {
            let key = SimpleKey {
                line: self.line,
                index: self.index,
                col: self.col,
                required: self.flow_level == 0 && self.indent == self.col,
                wanted_by: self.key_position.filter(|_| self.flow_level == 0),
            };
            self.remove_simple_key()?;
            if let Some(slot) = self.keys.last_mut() {
                *slot = Some(key);
            }
        }
        Ok(())
    }

    /// Drops the possible simple key of this flow level: a required one is an error.
    fn remove_simple_key(&mut self) -> Result<(), Stop> {
        match self.keys.last_mut().and_then(Option::take) {
            Some(key) if key.required => Err(Stop::Libyaml(NO_COLON)),
            Some(key) => self.no_key(key),
            None => Ok(()),
        }
    }

    /// A possible simple key that is none: the parser gets its token, which the block
    /// collection refuses where it wants a key or an entry.
    fn no_key(&mut self, key: SimpleKey) -> Result<(), Stop> {
        if self.watched_key == Some(key.index) {
            self.watched_fate = Some(false);
        }
        match key.wanted_by {
            Some(parent) => {
                self.error_at = Some(Pos {
                    line: key.line,
                    col: key.col as u32 + 1,
                });
                self.parser_error(parent.next_token_error())?;
                self.error_at = None;
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Drops the simple keys whose `:` can no longer come (`yaml_parser_fetch_more_tokens`
    /// checks them before each token): a required one is an error.
    fn drop_stale_simple_keys(&mut self) -> Result<(), Stop> {
        let (line, index) = (self.line, self.index);
        for level in 0..self.keys.len() {
            if let Some(key) = self.keys[level].filter(|k| k.is_stale(line, index)) {
                if key.required {
                    return Err(Stop::Libyaml(NO_COLON));
                }
                self.keys[level] = None;
                self.no_key(key)?;
            }
        }
        Ok(())
    }

    /// After a quoted scalar or a flow collection of the block context: when a node was due
    /// there (a value or an entry), a token after it on its line is refused.
    fn value_ended(&mut self, node_due: bool) {
        if node_due {
            let parent = self.block_parent(true);
            if parent != BlockParent::Root {
                self.value_ended_on = Some((self.line, parent));
            }
        }
    }

    /// A problem libyaml's parser finds in the tokens here: the scan stops, unless it follows
    /// a pending key ([`pending_key_at`]), whose fate the scanner settles first.
    fn parser_error(&self, message: &'static str) -> Result<(), Stop> {
        if self.watched_key.is_some() {
            return Ok(());
        }
        Err(Stop::Libyaml(message))
    }

    /// Runs the scan; libyaml's scanner error where it stops on one.
    fn run_to_error(&mut self) -> Option<YamlError> {
        match self.run() {
            Err(Stop::Libyaml(message)) => {
                let pos = self.error_pos();
                let text = std::str::from_utf8(self.b).unwrap_or_default();
                let first = message
                    .starts_with("while parsing")
                    .then(|| before_parser_error(text, 1, pos))
                    .flatten();
                Some(first.unwrap_or(YamlError {
                    message: message.into(),
                    pos,
                    kind: YamlErrorKind::Syntax,
                }))
            }
            Err(Stop::Other) | Ok(()) => None,
        }
    }

    /// The scanner's token loop (`yaml_parser_fetch_next_token`), reduced to what moves the
    /// state a tab depends on.
    fn run(&mut self) -> Result<(), Stop> {
        // The reader drops a byte order mark at the start of the stream.
        if self.b.starts_with("\u{feff}".as_bytes()) {
            self.i = 3;
        }
        loop {
            self.drop_stale_simple_keys()?;
            let stop = |scan: &Self| scan.stop_at.is_some_and(|at| (scan.line, scan.col) >= at);
            // (A plain scalar may end past the stop: the scan goes no further.)
            if self.watched_fate.is_some() || stop(self) {
                return Ok(());
            }
            self.scan_to_next_token()?;
            if self.at_end() || stop(self) {
                return Ok(());
            }
            // (A `:` after it makes it a key instead.)
            let refused = self
                .value_ended_on
                .take()
                .filter(|&(line, _)| line == self.line && self.at(0) != b':');
            let token_start = self.pos();
            let indent = self.indent;
            self.unroll_indent(self.col);
            let unrolled = self.indent != indent;
            let node_due = std::mem::take(&mut self.node_due);
            let c = self.at(0);
            let flow_open = self.flow_level > 0;
            // Where no node is due, the block collection wants a key or an entry.
            self.key_position = Some(self.block_parent(true)).filter(|p| {
                !flow_open
                    && (!node_due || unrolled)
                    && matches!(p, BlockParent::Mapping | BlockParent::Sequence)
            });
            // A root node was read before this token, and no block collection holds it: the
            // root is complete (a scalar, or a closed flow collection).
            let root_complete = self.root_is_flow.is_some() && self.indent == -1 && !flow_open;
            if self.root_is_flow.is_none() && !self.at_document_indicator() && c != b'%' {
                self.root_is_flow = Some(matches!(c, b'[' | b'{'));
            }
            let flow = self.flow_level > 0;
            match c {
                b'%' if self.col == 0 => self.directive()?,
                b'-' | b'.' if self.at_document_indicator() => {
                    self.anchor_names.clear();
                    self.unroll_indent(-1);
                    self.remove_simple_key()?;
                    self.simple_key_allowed = false;
                    (0..3).for_each(|_| self.skip());
                    if c == b'.' {
                        self.skip_to_next_document();
                    }
                }
                b'[' | b'{' => {
                    if self.flow_level == 0 {
                        self.flow_start = Some((self.pos(), self.i));
                        self.node_due = node_due;
                        self.flow_parent = Some(self.block_parent(unrolled));
                        self.node_due = false;
                        self.flow_node_due = node_due && !unrolled;
                        self.flow_key = self
                            .simple_key_allowed
                            .then_some((self.index, self.indent == self.col));
                    }
                    self.save_simple_key()?;
                    self.flow_level += 1;
                    self.keys.push(None);
                    self.brackets.push((c, false));
                    self.simple_key_allowed = true;
                    self.skip();
                }
                b']' | b'}' => {
                    if let Some(problem) = self.mismatched_closer(c) {
                        self.parser_error(problem)?;
                    }
                    self.remove_simple_key()?;
                    if self.flow_level > 0 {
                        self.flow_level -= 1;
                        self.keys.pop();
                        self.brackets.pop();
                        self.root_closed |= self.flow_level == 0 && self.root_is_flow == Some(true);
                    }
                    self.simple_key_allowed = false;
                    self.skip();
                    if self.flow_level == 0 {
                        if let Some(start) = self.flow_start.take() {
                            self.multiline_from(start);
                            self.value_ended(self.flow_node_due);
                        }
                    }
                }
                b',' => {
                    if let Some((_, question)) = self.brackets.last_mut() {
                        *question = false;
                    }
                    self.remove_simple_key()?;
                    self.simple_key_allowed = true;
                    self.skip();
                }
                b'-' if self.is_blankz(1) => {
                    if !flow && !self.simple_key_allowed {
                        return Err(Stop::Libyaml(
                            "block sequence entries are not allowed in this context",
                        ));
                    }
                    self.roll_indent(self.col, true);
                    self.remove_simple_key()?;
                    self.simple_key_allowed = true;
                    self.node_due = !flow;
                    self.skip();
                }
                b'?' if flow || self.is_blankz(1) => {
                    if flow {
                        self.flow_question()?;
                        // `{?a: b}`: saphyr-parser reads `?a` as a scalar (YAML 1.2); in a flow
                        // mapping an explicit key reads as the plain key after a blank.
                        if !self.is_blankz(1)
                            && self.brackets.last().is_some_and(|&(b, _)| b == b'{')
                        {
                            self.question_marks.push(self.i);
                        }
                    }
                    if let Some((_, question)) = self.brackets.last_mut() {
                        *question = true;
                    }
                    if !flow && !self.simple_key_allowed {
                        return Err(Stop::Libyaml(
                            "mapping keys are not allowed in this context",
                        ));
                    }
                    self.block_question |= !flow;
                    self.node_due = !flow;
                    self.roll_indent(self.col, false);
                    self.remove_simple_key()?;
                    self.simple_key_allowed = !flow;
                    self.skip();
                }
                b':' if flow || self.is_blankz(1) => {
                    self.value(root_complete)?;
                    self.node_due = !flow;
                }
                b'*' | b'&' => {
                    self.save_simple_key()?;
                    self.simple_key_allowed = false;
                    self.anchor_name(c)?;
                }
                b'!' => {
                    self.save_simple_key()?;
                    self.simple_key_allowed = false;
                    while !self.is_blankz(0) {
                        self.skip();
                    }
                }
                b'|' | b'>' if !flow => {
                    self.remove_simple_key()?;
                    self.simple_key_allowed = true;
                    self.block_scalar()?;
                }
                b'\'' | b'"' => {
                    self.save_simple_key()?;
                    self.simple_key_allowed = false;
                    let start = (self.pos(), self.i);
                    self.quoted_scalar(c == b'\'')?;
                    if self.flow_level == 0 {
                        self.multiline_from(start);
                        self.value_ended(node_due && !unrolled);
                    }
                }
                _ if self.starts_plain_scalar() => {
                    self.save_simple_key()?;
                    self.simple_key_allowed = false;
                    self.plain_scalar()?;
                }
                // `yaml_parser_fetch_next_token`: no token starts with this character (`@`,
                // `` ` ``, `%` past column 0, `|` or `>` in a flow collection).
                _ => return Err(Stop::Libyaml("found character that cannot start any token")),
            }
            if let Some((_, parent)) = refused {
                // The token scanned: the parser refuses it.
                self.error_at = Some(token_start);
                self.parser_error(parent.next_token_error())?;
                self.error_at = None;
            }
        }
    }

    /// A `?` in a flow collection is a KEY token (go-yaml's plain scalars end at it there,
    /// `{url: http://x/?a=b}` included), which the parser takes only where an entry starts.
    fn flow_question(&self) -> Result<(), Stop> {
        match (self.before(), self.brackets.last()) {
            (Some(b'[' | b'{' | b','), _) => Ok(()),
            (Some(b':'), _) => {
                self.parser_error("while parsing a flow node, did not find expected node content")
            }
            (_, Some((b'[', _))) => {
                self.parser_error("while parsing a flow sequence, did not find expected ',' or ']'")
            }
            _ => {
                self.parser_error("while parsing a flow mapping, did not find expected ',' or '}'")
            }
        }
    }

    /// The parser's error for a `]` closing a `{` or a `}` closing a `[` (libyaml's scanner
    /// takes either; parserc.go's flow sequence and mapping states do not): where a node is
    /// due (after `[`, `{`, `,` or `:`) there is no node content, elsewhere no `,`.
    fn mismatched_closer(&self, closer: u8) -> Option<&'static str> {
        let (opener, _) = *self.brackets.last()?;
        if (opener, closer) == (b'[', b']') || (opener, closer) == (b'{', b'}') {
            return None;
        }
        Some(match (self.before(), opener) {
            (Some(b'[' | b'{' | b',' | b':'), _) => {
                "while parsing a flow node, did not find expected node content"
            }
            (_, b'[') => "while parsing a flow sequence, did not find expected ',' or ']'",
            _ => "while parsing a flow mapping, did not find expected ',' or '}'",
        })
    }

    /// Where libyaml reports a problem found here. Kubernetes' reader ends every line it
    /// passes on with a line break (util/yaml `LineReader`), so the end of a text whose last
    /// line has none is at the start of the line after it.
    fn error_pos(&self) -> Pos {
        if let Some(at) = self.error_at {
            return at;
        }
        if self.at_end() && self.i > 0 && self.b[self.i - 1] != b'\n' {
            return Pos {
                line: self.line + 1,
                col: 1,
            };
        }
        self.pos()
    }

    /// The last character before this one that is not a space or a line break.
    fn before(&self) -> Option<u8> {
        self.b[..self.i]
            .iter()
            .rev()
            .find(|b| !b.is_ascii_whitespace())
            .copied()
    }

    /// Blanks, comments and line breaks up to the next token (`yaml_parser_scan_to_next_token`).
    fn scan_to_next_token(&mut self) -> Result<(), Stop> {
        loop {
            if self.col == 0 && self.b[self.i..].starts_with("\u{feff}".as_bytes()) {
                self.skip();
            }
            while self.at(0) == b' '
                || (self.at(0) == b'\t' && (self.flow_level > 0 || !self.simple_key_allowed))
            {
                self.skip_separator();
            }
            if self.at(0) == b'#' {
                let start = self.i;
                while !self.is_breakz(0) {
                    self.skip();
                }
                // Right after a token (`"a"#`, `[a,#`) libyaml reads a comment too; saphyr-
                // parser wants a blank before it, so it reads blanks instead.
                if start > 0 && !matches!(self.b[start - 1], b' ' | b'\t' | b'\n' | b'\r') {
                    self.glued_comments.push((start, self.i));
                }
            }
            if !self.is_break(0) {
                break;
            }
            self.skip_line();
            if self.flow_level == 0 {
                self.simple_key_allowed = true;
            }
        }
        if self.at(0) == b'\t' {
            return Err(Stop::Libyaml(CANNOT_START));
        }
        Ok(())
    }

    /// After `...`: Kubernetes decodes each `---` part of the stream on its own (apimachinery
    /// util/yaml `YAMLReader`) and go-yaml reads one document of it, so nothing before the
    /// next `---` line is scanned.
    fn skip_to_next_document(&mut self) {
        loop {
            while !self.is_breakz(0) {
                self.skip();
            }
            if self.at_end() {
                return;
            }
            self.skip_line();
            if self.at(0) == b'-' && self.at_document_indicator() {
                return;
            }
        }
    }

    /// A directive line (`%YAML 1.1`): passed over as it is.
    /// `%` at a line's start (`yaml_parser_scan_directive`): its name must be followed by a
    /// blank, and only `YAML` and `TAG` are known (their values are saphyr-parser's to read).
    fn directive(&mut self) -> Result<(), Stop> {
        self.unroll_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        self.skip();
        let (problem, name) = directive_problem(&self.b[self.i..]);
        (0..name).for_each(|_| self.skip());
        if let Some(problem) = problem {
            return Err(Stop::Libyaml(problem));
        }
        while !self.is_breakz(0) {
            self.skip();
        }
        Ok(())
    }

    /// `:` (`yaml_parser_fetch_value`): a simple key's value, or a complex key's;
    /// `root_complete`: the document's root was read before it.
    fn value(&mut self, root_complete: bool) -> Result<(), Stop> {
        let key = self.keys.last_mut().and_then(Option::take);
        let key = match key {
            Some(k) if k.is_stale(self.line, self.index) && k.required => {
                return Err(Stop::Libyaml(NO_COLON))
            }
            Some(k) if k.is_stale(self.line, self.index) => None,
            key => key,
        };
        match key {
            Some(key) => {
                if self.watched_key == Some(key.index) {
                    self.watched_fate = Some(true);
                }
                self.roll_indent(key.col, false);
                self.simple_key_allowed = false;
            }
            None => {
                let flow = self.flow_level > 0;
                if !flow && !self.simple_key_allowed {
                    return Err(Stop::Libyaml(
                        "mapping values are not allowed in this context",
                    ));
                }
                // In a flow collection a `:` with no key (no `?`, and no simple key: none was
                // written, or its text began on an earlier line) is no node where an entry
                // starts, and after a whole entry the parser wants a `,` (parserc.go
                // yaml_parser_parse_flow_mapping_key / _sequence_entry).
                let explicit = self.brackets.last().is_some_and(|&(_, question)| question);
                if flow && !explicit {
                    self.parser_error(match (self.before(), self.brackets.last()) {
                        (Some(b',' | b'[' | b'{'), _) => {
                            "while parsing a flow node, did not find expected node content"
                        }
                        (_, Some((b'[', _))) => {
                            "while parsing a flow sequence, did not find expected ',' or ']'"
                        }
                        _ => "while parsing a flow mapping, did not find expected ',' or '}'",
                    })?;
                }
                // In the block context the scanner sends a VALUE token with no KEY before it,
                // which only a `?` entry takes (parserc.go
                // yaml_parser_parse_block_mapping_key: `did not find expected key`).
                if !flow && !self.block_question {
                    if root_complete {
                        // go-yaml reads no further than this token (`a\n: b`).
                        return Err(Stop::Other);
                    }
                    self.parser_error("while parsing a block mapping, did not find expected key")?;
                }
                if let Some((_, question)) = self.brackets.last_mut() {
                    *question = false;
                }
                self.roll_indent(self.col, false);
                self.simple_key_allowed = !flow;
            }
        }
        self.block_question = false;
        self.skip();
        Ok(())
    }

    /// Whether a plain scalar starts here (the last test of `yaml_parser_fetch_next_token`).
    fn starts_plain_scalar(&self) -> bool {
        let c = self.at(0);
        let indicator = b"-?:,[]{}#&*!|>'\"%@`".contains(&c);
        (!self.is_blankz(0) && !indicator)
            || (c == b'-' && !self.is_blank(1))
            || (self.flow_level == 0 && matches!(c, b'?' | b':') && !self.is_blankz(1))
    }

    /// A plain scalar and the blanks and line breaks after it (`yaml_parser_scan_plain_scalar`).
    fn plain_scalar(&mut self) -> Result<(), Stop> {
        let indent = self.indent + 1;
        let mut leading_blanks = false;
        loop {
            if self.at_document_indicator() || self.at(0) == b'#' {
                break;
            }
            while !self.is_blankz(0) {
                let c = self.at(0);
                let ends = (c == b':' && self.is_blankz(1))
                    || (self.flow_level > 0 && b",?[]{}".contains(&c));
                if ends {
                    break;
                }
                // Blanks between words on one line are content: they stay.
                leading_blanks = false;
                self.skip();
            }
            if !(self.is_blank(0) || self.is_break(0)) {
                break;
            }
            while self.is_blank(0) || self.is_break(0) {
                if self.is_break(0) {
                    leading_blanks = true;
                    self.skip_line();
                } else if leading_blanks {
                    if self.at(0) == b'\t' && self.col < indent {
                        return Err(Stop::Libyaml(VIOLATES_INDENTATION));
                    }
                    self.skip_separator();
                } else {
                    self.skip();
                }
            }
            if self.flow_level == 0 && self.col < indent {
                break;
            }
        }
        if leading_blanks {
            self.simple_key_allowed = true;
        }
        Ok(())
    }

    /// An anchor's or alias's name (`yaml_parser_scan_anchor`): letters, digits, `_` and `-`,
    /// followed by a blank or an indicator that may end it (YAML 1.2 allows more). The error
    /// is placed at the `&` or `*` (libyaml's is past the name, on the same line).
    fn anchor_name(&mut self, indicator: u8) -> Result<(), Stop> {
        let name = self.b[self.i + 1..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
            .count();
        let after = self.at(1 + name);
        if name == 0 || !(self.is_blankz(1 + name) || b"?:,]}%@`".contains(&after)) {
            return Err(Stop::Libyaml(if indicator == b'&' {
                "while scanning an anchor, did not find expected alphabetic or numeric character"
            } else {
                "while scanning an alias, did not find expected alphabetic or numeric character"
            }));
        }
        let name_bytes = &self.b[self.i + 1..self.i + 1 + name];
        if after == b':' && self.is_blankz(2 + name) {
            // `&a:` is an anchored empty key and `*a:` an alias as a key; saphyr-parser reads
            // the `:` into the name (YAML 1.2). An anchored empty key reads as `~` (the
            // anchor itself is lost); an alias of no anchor is go-yaml's error there.
            let unknown = indicator == b'*' && !self.anchor_names.contains(&name_bytes);
            if indicator == b'&' || unknown {
                self.empty_keys.push((self.i, 1 + name));
            }
            if unknown && self.unknown_alias.is_none() {
                let name = String::from_utf8_lossy(name_bytes).into_owned();
                self.unknown_alias = Some((self.pos(), name));
            }
        }
        if indicator == b'&' {
            self.anchor_names.push(name_bytes);
        }
        (0..=name).for_each(|_| self.skip());
        Ok(())
    }

    /// An escape in a double-quoted scalar (`yaml_parser_scan_flow_scalar`): libyaml's list is
    /// YAML 1.1's, with `\'` and without YAML 1.2's `\/`; errors at the `\`, or after `\x`,
    /// `\u`, `\U` for their digits.
    fn escape(&mut self) -> Result<(), Stop> {
        let digits = match self.at(1) {
            b'0' | b'a' | b'b' | b't' | b'\t' | b'n' | b'v' | b'f' | b'r' | b'e' | b' ' | b'"'
            | b'\'' | b'\\' | b'N' | b'_' | b'L' | b'P' => 0,
            b'x' => 2,
            b'u' => 4,
            b'U' => 8,
            _ => return Err(Stop::Libyaml(UNKNOWN_ESCAPE)),
        };
        self.skip();
        self.skip();
        let mut value = 0u32;
        for k in 0..digits {
            let Some(digit) = char::from(self.at(k)).to_digit(16) else {
                return Err(Stop::Libyaml(
                    "while parsing a quoted scalar, did not find expected hexdecimal number",
                ));
            };
            value = value << 4 | digit;
        }
        match self.b[self.i - 1] {
            b'\'' => self.quote_escapes.push(self.i - 2),
            b'e' => self.escaped_esc = true,
            _ => self.escaped_esc |= digits > 0 && value == 0x1b,
        }
        if (0xD800..=0xDFFF).contains(&value) || value > 0x10FFFF {
            return Err(Stop::Libyaml(
                "while parsing a quoted scalar, found invalid Unicode character escape code",
            ));
        }
        (0..digits).for_each(|_| self.skip());
        Ok(())
    }

    /// A single- or double-quoted scalar (`yaml_parser_scan_flow_scalar`): the blanks that
    /// start a continuation line are skipped, whatever the column.
    fn quoted_scalar(&mut self, single: bool) -> Result<(), Stop> {
        let quote = if single { b'\'' } else { b'"' };
        self.skip();
        loop {
            if self.at_document_indicator() && self.at(0) == b'.' {
                return Err(Stop::Libyaml(
                    "while scanning a quoted scalar, found unexpected document indicator",
                ));
            }
            // A `---` line ends the part Kubernetes reads (reader.rs), so libyaml, reading the
            // part, meets its end there.
            if self.at_document_indicator() || self.at_end() {
                return Err(Stop::Libyaml(
                    "while scanning a quoted scalar, found unexpected end of stream",
                ));
            }
            let mut leading_blanks = false;
            while !self.is_blankz(0) {
                let c = self.at(0);
                if single && c == b'\'' && self.at(1) == b'\'' {
                    self.skip();
                    self.skip();
                } else if c == quote {
                    break;
                } else if !single && c == b'\\' && self.is_break(1) {
                    self.skip();
                    self.skip_line();
                    leading_blanks = true;
                    break;
                } else if !single && c == b'\\' {
                    self.escape()?;
                } else {
                    self.skip();
                }
            }
            if self.at(0) == quote {
                break;
            }
            while self.is_blank(0) || self.is_break(0) {
                if self.is_break(0) {
                    leading_blanks = true;
                    self.skip_line();
                } else if leading_blanks {
                    self.skip_separator();
                } else {
                    self.skip();
                }
            }
        }
        self.skip();
        Ok(())
    }

    /// A literal or folded block scalar (`yaml_parser_scan_block_scalar`).
    fn block_scalar(&mut self) -> Result<(), Stop> {
        self.skip();
        // The chomping and indentation indicators, in either order (an indentation of 0 is
        // an error of its own).
        let mut increment = 0;
        for _ in 0..2 {
            match self.at(0) {
                b'0' => return Err(Stop::Other),
                c @ b'1'..=b'9' if increment == 0 => increment = i64::from(c - b'0'),
                b'+' | b'-' => {}
                _ => break,
            }
            self.skip();
        }
        // The header's blanks and comment.
        while self.is_blank(0) {
            self.skip_separator();
        }
        if self.at(0) == b'#' {
            while !self.is_breakz(0) {
                self.skip();
            }
        }
        if !self.is_breakz(0) {
            return Err(Stop::Other);
        }
        if self.is_break(0) {
            self.skip_line();
        }
        let mut indent = match increment {
            0 => 0,
            n if self.indent >= 0 => self.indent + n,
            n => n,
        };
        self.block_scalar_breaks(&mut indent)?;
        while self.col == indent && !self.at_end() {
            // A content line: its tabs are content.
            while !self.is_breakz(0) {
                self.skip();
            }
            if self.is_break(0) {
                self.skip_line();
            }
            self.block_scalar_breaks(&mut indent)?;
        }
        if self.at(0) == b'#' && self.indent >= 0 && self.col > self.indent {
            let by = (self.col - self.indent) as usize;
            let end = self.i
                + self.b[self.i..]
                    .iter()
                    .take_while(|&&b| b != b'\n' && b != b'\r')
                    .count();
            self.comment_moves.push((self.i - by, by, end));
        }
        Ok(())
    }

    /// Indentation spaces and empty lines in a block scalar; the indentation itself when the
    /// header gives none (`yaml_parser_scan_block_scalar_breaks`).
    fn block_scalar_breaks(&mut self, indent: &mut i64) -> Result<(), Stop> {
        let mut max_indent = 0;
        loop {
            while (*indent == 0 || self.col < *indent) && self.at(0) == b' ' {
                self.skip();
            }
            max_indent = max_indent.max(self.col);
            if (*indent == 0 || self.col < *indent) && self.at(0) == b'\t' {
                return Err(Stop::Libyaml(NOT_INDENTATION_SPACE));
            }
            if !self.is_break(0) {
                break;
            }
            self.skip_line();
        }
        if *indent == 0 {
            *indent = max_indent.max(self.indent + 1).max(1);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_after_a_complete_root_as_the_scanner_reads_it() {
        let at = |line, col| Pos { line, col };
        let rows = [
            // No token starts with `@` or `` ` ``, nor with `%` past a line's start.
            ("{a: 1} @x\n", at(1, 7), true),
            ("{a: 1} `x\n", at(1, 8), true),
            ("{a: 1} %x\n", at(1, 8), true),
            // A block entry where no simple key may start (after the closing bracket).
            ("{a: 1} - x\n", at(1, 8), true),
            // One plain scalar, `@` inside it; a closing bracket the scanner takes.
            ("{a: 1} x @\n", at(1, 8), false),
            ("{a: 1}\n}\n", at(2, 1), false),
            // A `:` with no key after a scalar root (`a\n: b`).
            ("a\n: b\n", at(2, 1), false),
            // A line's first token, after its indentation.
            ("a:\n  b: c\n - d\n", at(3, 2), false),
            // Only the next token is read: the `@` after the key's `:` never is.
            ("{a: 1}\nb: @\n", at(2, 1), false),
            ("{a: 1}\n", at(3, 1), false),
        ];
        for (text, pos, refused) in rows {
            assert_eq!(
                refuses_next_token(text, pos),
                refused,
                "{text:?} at {pos:?}"
            );
        }
    }

    #[test]
    fn flow_state_as_the_scanner_reaches_a_place() {
        let at = |line, col| Pos { line, col };
        let text = "a: [b, {c: \"]\"}, d\ne: f[1]\n";
        assert_eq!(flow_at(text, 1, at(1, 19)).unwrap().innermost, Some('['));
        assert_eq!(flow_at(text, 1, at(1, 12)).unwrap().innermost, Some('{'));
        assert_eq!(
            flow_at("x: f[1] # [\n", 1, at(1, 12)).unwrap().innermost,
            None
        );
        let closed = flow_at("{\"a\": [1]}\n}\n", 1, at(2, 1)).unwrap();
        assert_eq!((closed.innermost, closed.root_closed), (None, true));
        assert!(!flow_at("a: {b: 1}\nc\n", 1, at(2, 1)).unwrap().root_closed);
        // A part starting on line 5 of the paste.
        assert_eq!(flow_at("[a,\n b", 5, at(6, 2)).unwrap().previous, Some(','));
    }

    #[test]
    fn separator_tabs_become_spaces_and_content_tabs_stay() {
        // (text, text saphyr-parser reads); each keeps its length.
        let rows: &[(&str, &str)] = &[
            ("a:\tb\tc\n", "a: b\tc\n"),
            ("a: \"b\tc\n \td\"\t# c\n", "a: \"b\tc\n  d\" # c\n"),
            ("a: 'b\n\t\tc'\n", "a: 'b\n  c'\n"),
            ("a: \"b\\\tc\"\n", "a: \"b\\\tc\"\n"),
            ("a: |\t# c\n  x\n  \ty\n", "a: | # c\n  x\n  \ty\n"),
            ("a: b\n   \tc\n", "a: b\n    c\n"),
            ("{\n\t\"a\": [\t1,\t2]\n}\n", "{\n \"a\": [ 1, 2]\n}\n"),
            ("---\t\n&x\ta: !t\tb\n", "--- \n&x a: !t b\n"),
            ("no tabs\n", "no tabs\n"),
            // After `...` go-yaml reads nothing up to the next `---`.
            ("a: b\n...\n\t\n---\nc:\td\n", "a: b\n...\n\t\n---\nc: d\n"),
        ];
        for (text, want) in rows {
            let tabs = libyaml_tabs(text);
            assert_eq!((tabs.text.as_ref(), tabs.error), (*want, None), "{text:?}");
        }
    }

    #[test]
    fn refused_tabs_are_libyaml_scanner_errors_at_the_tab() {
        // (text, problem, line, column).
        let rows: &[(&str, &str, u32, u32)] = &[
            ("\ta: b\n", CANNOT_START, 1, 1),
            ("a:\n \tb: c\n", CANNOT_START, 2, 2),
            ("- \tb\n", CANNOT_START, 1, 3),
            ("? \ta\n: b\n", CANNOT_START, 1, 3),
            ("a: \"b\"\n\t\n", CANNOT_START, 2, 1),
            ("a:\n  b: c\n \t# d\n", VIOLATES_INDENTATION, 3, 2),
            ("a:\n  b: c\n  \t\n", VIOLATES_INDENTATION, 3, 3),
            ("a: |\n  x\n \ty\n", NOT_INDENTATION_SPACE, 3, 2),
            ("a: |\n\tx\n", NOT_INDENTATION_SPACE, 2, 1),
            ("é: ü\n\tb: c\n", VIOLATES_INDENTATION, 2, 1),
        ];
        for (text, problem, line, col) in rows {
            let error = libyaml_tabs(text).error.expect(text);
            assert_eq!(
                (error.message.as_str(), error.pos, error.kind),
                (
                    *problem,
                    Pos {
                        line: *line,
                        col: *col
                    },
                    YamlErrorKind::Syntax
                ),
                "{text:?}"
            );
        }
    }
}
