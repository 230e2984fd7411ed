//! What libyaml's scanner sees at a place of a paste: the flow collections open there, the
//! one token go-yaml reads past a complete root, and the multi-line parts of the block
//! context whose indentation it never checks.

use super::Scan;
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

/// A multi-line flow collection or quoted scalar of the block context, as [`lift_multiline`]
/// finds it.
pub(in crate::yaml) struct Multiline {
    /// Where it starts (its first character).
    pub pos: Pos,
    /// Its bytes in the text, from its first character to its last.
    pub range: std::ops::Range<usize>,
}

/// The text with every multi-line flow collection and quoted scalar of the block context
/// replaced by a plain scalar `x` at its start and blanks (its line breaks kept, one blank a
/// character: lines and columns stay), and those parts, to be read on their own.
pub(in crate::yaml) struct Lifted {
    pub text: String,
    pub parts: Vec<Multiline>,
    /// libyaml's first scanner error the scan found (a tab, or an indicator out of place).
    pub error: Option<YamlError>,
}

/// Lifts the parts whose lines libyaml never checks for indentation out of `text` (see the
/// module documentation); `text` has its separator tabs as spaces already.
pub(in crate::yaml) fn lift_multiline(text: &str) -> Lifted {
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
