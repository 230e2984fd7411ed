//! What libyaml's scanner sees at a place of a paste: the flow collections open there, the
//! one token go-yaml reads past a complete root, and the multi-line parts of the block
//! context whose indentation it never checks.

use super::{Scan, Shifts};
use crate::limits::{limit_error, MAX_ADDED_INDENTATION};
use crate::yaml::{Pos, YamlError};

/// The flow collections open at a place of a part of the paste, as libyaml's scanner sees
/// them on its way there.
///
/// saphyr-parser stops inside a flow collection with scanner errors of its own (`illegal
/// placement of ':' indicator`, `misplaced bracket`, ...) where libyaml's scanner goes on and
/// its parser then finds no `,`; and a flow collection that is a document's whole root ends
/// the document where go-yaml stops reading.
#[derive(Debug, Default, PartialEq)]
pub(in crate::yaml) struct FlowState {
    /// The innermost open collection's bracket (`[` or `{`), if any.
    pub innermost: Option<char>,
    /// The part's first token opened a flow collection, and it was closed before the place.
    pub root_closed: bool,
    /// The last character before the place that is not a space or a line break.
    pub previous: Option<char>,
}

/// The [`FlowState`] of `part` (whose first line is line `first_line` of the paste) just
/// before `at`; None when libyaml's scanner stops before it.
pub(in crate::yaml) fn flow_at(part: &str, first_line: u32, at: Pos) -> Option<FlowState> {
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
pub(in crate::yaml) fn refuses_next_token(text: &str, at: Pos) -> bool {
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

/// A multi-line flow collection or quoted scalar of the block context, as the scan finds it.
pub(in crate::yaml) struct Multiline {
    /// The lines it spans (1-based).
    pub lines: std::ops::RangeInclusive<u32>,
    /// The block indentation around it (libyaml's `indent`: a 0-based column, -1 at the top).
    pub indent: i64,
}

/// The text with the continuation lines of every multi-line flow collection and quoted
/// scalar of the block context indented past the block around them (YAML 1.2 wants them
/// there; libyaml never checks), and the way back to the text's own places.
pub(in crate::yaml) struct Indented {
    pub text: String,
    pub shifts: Shifts,
    /// libyaml's first scanner error the scan found (a tab, or an indicator out of place).
    pub error: Option<YamlError>,
}

/// Indents the lines libyaml never checks for indentation (see the module documentation),
/// so that saphyr-parser reads the whole text at once, anchors and aliases across those
/// parts included; `text` is [`rewrite`](super::rewrite())'s. A line starting with a document
/// marker stays as it is.
pub(in crate::yaml) fn indent_multiline(text: &str) -> Indented {
    let mut scan = Scan::new(text.as_bytes());
    // A text libyaml refuses keeps the parts found before the problem.
    let error = scan.run_to_error();
    let mut wanted = scan.multiline.iter().flat_map(|part| {
        let wants = (part.indent + 2).max(0) as usize;
        (part.lines.start() + 1..=*part.lines.end()).map(move |line| (line, wants))
    });
    let mut next = wanted.next();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut shifts = Shifts::default();
    let (mut chars, mut before) = (0, 0);
    for (line, number) in text.split_inclusive('\n').zip(1u32..) {
        while next.is_some_and(|(l, _)| l < number) {
            next = wanted.next();
        }
        if let Some((_, wants)) = next.filter(|&(l, _)| l == number) {
            let leading = line.len() - line.trim_start_matches(' ').len();
            let marker = line.starts_with("...") || line.starts_with("---");
            if leading < wants && !marker {
                let spaces = wants - leading;
                if before + spaces > MAX_ADDED_INDENTATION {
                    // A deep block with many unindented lines (hostile input): the indented
                    // text must not grow without bound.
                    let message = format!(
                        "podplay limit: the lines of flow collections and quoted scalars less indented than the block around them would need more than {MAX_ADDED_INDENTATION} spaces of indentation to be read"
                    );
                    return Indented {
                        text: String::new(),
                        shifts: Shifts::default(),
                        error: Some(limit_error(
                            message,
                            Pos {
                                line: number,
                                col: 1,
                            },
                        )),
                    };
                }
                shifts.insert(number, 1, chars, spaces);
                out.extend(std::iter::repeat_n(' ', spaces));
                chars += spaces;
                before += spaces;
            }
        }
        out.push_str(line);
        chars += line.chars().count();
    }
    Indented {
        text: out,
        shifts,
        error,
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
}
