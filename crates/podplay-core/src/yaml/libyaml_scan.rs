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
//! The scan ([`Scan`]) follows the scanner's state (flow level, whether a simple key may start,
//! the block indentation) over the text, finds the first of those errors, and turns every tab
//! libyaml reads as a separator into a space, so saphyr-parser sees what libyaml sees (no tab
//! inside a scalar's content changes). One forward pass; a text without tabs, `\/`, `\'`,
//! anchors (`&`: libyaml's names are narrower), aliases before a `:`, flow collections (whose
//! brackets must match), a character that may start no token (`@`, `` ` ``, `%`, `|` and `>`
//! in a flow collection) or a line starting with a `:` is not scanned. What it finds becomes
//! edits of the text that saphyr-parser reads instead (`rewrite.rs`; most keep the text's
//! length, a space put in is recorded in `shifts.rs` so that places map back); what it sees
//! at a given place (the flow collections open there, the multi-line parts) is `places.rs`.
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
//! them. [`indent_multiline`] indents the continuation lines of the multi-line flow
//! collections and quoted scalars of the block context past the block around them, so that
//! saphyr-parser reads the whole text at once (anchors and aliases across them included).

use super::builder::BlockParent;
use super::{Pos, YamlError, YamlErrorKind};

mod pending_key;
mod places;
mod rewrite;
mod shifts;
pub(super) use pending_key::before_parser_error;
pub(super) use places::{flow_at, indent_multiline, refuses_next_token, Multiline};
pub(super) use rewrite::rewrite;
use rewrite::Edits;
pub(super) use shifts::Shifts;

/// libyaml's first scanner error in `text` (as [`rewrite()`] finds it, with no shortcut).
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
    /// Where the outermost flow collection open now starts.
    flow_start: Option<Pos>,
    /// The multi-line flow collections and quoted scalars of the block context, in order.
    multiline: Vec<Multiline>,
    /// A `?` of the block context waits for its `:`.
    block_question: bool,
    /// The simple key (by its `index`) that `pending_key.rs` follows, and what became of it: taken
    /// by a `:` (true) or dropped (false). The scan stops once it is settled.
    watched_key: Option<usize>,
    watched_fate: Option<bool>,
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
    /// The first alias of no anchor as a key, and its name.
    unknown_alias: Option<(Pos, String)>,
    /// What saphyr-parser is to read differently at places the scan passed.
    edits: Edits,
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
            flow_start: None,
            multiline: Vec::new(),
            block_question: false,
            watched_key: None,
            watched_fate: None,
            value_ended_on: None,
            flow_node_due: false,
            error_at: None,
            key_position: None,
            anchor_names: Vec::new(),
            unknown_alias: None,
            edits: Edits::default(),
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
            self.edits.separators.push(self.i);
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
    fn multiline_from(&mut self, pos: Pos) {
        if pos.line != self.line {
            self.multiline.push(Multiline {
                lines: pos.line..=self.line,
                indent: self.indent,
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
    /// a pending key (`pending_key.rs`), whose fate the scanner settles first.
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
                        self.flow_start = Some(self.pos());
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
                        // `{?a: b}`, `[?a]`: saphyr-parser reads `?a` as a scalar (YAML 1.2);
                        // in a flow mapping an explicit key reads as the plain key after a
                        // blank, in a flow sequence a space after the `?` makes it a key.
                        match self.brackets.last() {
                            _ if self.is_blankz(1) => {}
                            Some((b'{', _)) => self.edits.question_marks.push(self.i),
                            _ => self.edits.spaces_before.push(self.i + 1),
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
                    let start = self.pos();
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
        match self.before() {
            Some(b'[' | b'{' | b',') => Ok(()),
            _ => self.parser_error(self.flow_refusal(b":")),
        }
    }

    /// The parser's refusal of a token in a flow collection (parserc.go
    /// `yaml_parser_parse_flow_sequence_entry` / `_flow_mapping_key`): where a node is due
    /// (after one of `node_due_after`) there is no node content, elsewhere no `,`.
    fn flow_refusal(&self, node_due_after: &[u8]) -> &'static str {
        match (self.before(), self.brackets.last()) {
            (Some(b), _) if node_due_after.contains(&b) => {
                "while parsing a flow node, did not find expected node content"
            }
            (_, Some((b'[', _))) => {
                "while parsing a flow sequence, did not find expected ',' or ']'"
            }
            _ => "while parsing a flow mapping, did not find expected ',' or '}'",
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
        Some(self.flow_refusal(b"[{,:"))
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
                    self.edits.glued_comments.push((start, self.i));
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
                    self.parser_error(self.flow_refusal(b",[{"))?;
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
        // A `:` inside a flow collection (`? {a: b}`) leaves the block context's `?` open.
        if self.flow_level == 0 {
            self.block_question = false;
        }
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
        let name_end = self.i + 1 + name;
        if after == b':' && self.is_blankz(2 + name) {
            // `&a:` is an anchored empty key and `*a:` an alias as a key; saphyr-parser reads
            // the `:` into the name (YAML 1.2): a space after the name ends it. An alias of no
            // anchor is go-yaml's error there, and reads as `~` meanwhile.
            let unknown = indicator == b'*' && !self.anchor_names.contains(&name_bytes);
            if unknown {
                self.edits.empty_keys.push((self.i, 1 + name));
            } else {
                self.edits.spaces_before.push(name_end);
            }
            if unknown && self.unknown_alias.is_none() {
                let name = String::from_utf8_lossy(name_bytes).into_owned();
                self.unknown_alias = Some((self.pos(), name));
            }
        }
        if after == b':' && !self.is_blankz(2 + name) && self.flow_level == 0 {
            // `&a:b`: the name ends at the `:`, and a plain scalar `:b` follows (saphyr-parser
            // reads the `:b` into the name).
            self.edits.spaces_before.push(name_end);
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
        if self.b[self.i - 1] == b'\'' {
            self.edits.quote_escapes.push(self.i - 2);
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
            self.edits.comment_moves.push((self.i - by, by, end));
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
