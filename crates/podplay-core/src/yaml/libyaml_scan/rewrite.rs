//! The text saphyr-parser is to read so that it reads what libyaml reads: each place where
//! libyaml's scanner reads otherwise than saphyr-parser's, found by the scan, becomes an edit.
//! Most keep the text's length (lines, columns and byte offsets stay exact); a space put in
//! or a backslash taken out is recorded ([`Shifts`]) so that places map back.

use super::{Scan, Shifts};
use crate::yaml::{Pos, YamlError};
use std::borrow::Cow;

/// The text saphyr-parser is to read, and what the scan found on its way.
pub(in crate::yaml) struct Rewritten<'t> {
    /// The text with every edit made (borrowed when none was needed).
    pub text: Cow<'t, str>,
    /// libyaml's first scanner error (a tab it refuses, an indicator out of place, a bad
    /// escape), or a parser error the scan can see.
    pub error: Option<YamlError>,
    /// The first alias of no anchor used as a key (`*a: b`), where it is and its name: go-yaml
    /// fails there (`unknown anchor`); saphyr-parser reads an empty key in its place.
    pub unknown_alias: Option<(Pos, String)>,
    /// The spaces put into `text` and the backslashes taken out.
    pub shifts: Shifts,
}

/// The places where saphyr-parser is to read something else than the text holds, so that it
/// reads what libyaml reads.
#[derive(Default)]
pub(super) struct Edits {
    /// Byte offsets of the tabs libyaml reads as separators: spaces.
    pub separators: Vec<usize>,
    /// Byte offsets of the `\'` escapes of double-quoted scalars (libyaml's, not YAML 1.2's):
    /// the backslash is taken out, so a `'` is read.
    pub quote_escapes: Vec<usize>,
    /// Comments that end a block scalar less indented than its lines but more than the
    /// collection around: libyaml reads them as comments, saphyr-parser refuses the line, so
    /// each moves left to the collection's column (where, how far, the line's end).
    pub comment_moves: Vec<(usize, usize, usize)>,
    /// Comments right after a token, with no blank before them (byte ranges): blanks.
    pub glued_comments: Vec<(usize, usize)>,
    /// `?` key indicators glued to their key in a flow mapping (byte offsets): blanks.
    pub question_marks: Vec<usize>,
    /// Aliases of no anchor right before a key's `:` (go-yaml's error) that saphyr-parser is
    /// to read as an empty key (`~`) meanwhile: where each starts, and its length without the
    /// `:`.
    pub empty_keys: Vec<(usize, usize)>,
    /// Where a space goes in (a byte offset, in text order): after an anchor's or alias's
    /// name before a `:` (`*a: b`, `&a: b`, `&a:b`: saphyr-parser reads the `:` into the
    /// name), after
    /// a `?` glued to its key in a flow sequence (`[?a]`: saphyr-parser reads a scalar).
    pub spaces_before: Vec<usize>,
}

impl Edits {
    /// `text` with the edits made, and the spaces put in; None when there is no edit.
    fn apply(&self, text: &str) -> Option<(String, Shifts)> {
        if self.separators.is_empty()
            && self.quote_escapes.is_empty()
            && self.comment_moves.is_empty()
            && self.empty_keys.is_empty()
            && self.glued_comments.is_empty()
            && self.question_marks.is_empty()
            && self.spaces_before.is_empty()
        {
            return None;
        }
        let mut out = text.as_bytes().to_vec();
        for &at in &self.separators {
            out[at] = b' ';
        }
        for &(to, by, end) in &self.comment_moves {
            out.copy_within(to + by..end, to);
            out[end - by..end].fill(b' ');
        }
        for &(start, end) in &self.glued_comments {
            out[start..end].fill(b' ');
        }
        for &at in &self.question_marks {
            out[at] = b' ';
        }
        for &(at, len) in &self.empty_keys {
            out[at] = b'~';
            out[at + 1..at + len].fill(b' ');
        }
        // Only ASCII bytes change, and a comment moves whole.
        let edited = String::from_utf8(out).unwrap_or_else(|_| text.to_string());
        let mut shifts = Shifts::default();
        if self.spaces_before.is_empty() && self.quote_escapes.is_empty() {
            return Some((edited, shifts));
        }
        // The spaces put in and the backslashes taken out, in text order (a byte offset, and
        // whether it is a space put in before it).
        let mut changes: Vec<(usize, bool)> =
            self.spaces_before.iter().map(|&at| (at, true)).collect();
        changes.extend(self.quote_escapes.iter().map(|&at| (at, false)));
        crate::small_sort::sort_by(&mut changes, |a, b| a.0 < b.0);
        let mut changed = String::with_capacity(edited.len() + self.spaces_before.len());
        let (mut line, mut line_start, mut chars, mut from) = (1, 0, 0, 0);
        for (at, space) in changes {
            for c in edited[from..at].chars() {
                chars += 1;
                if c == '\n' {
                    (line, line_start) = (line + 1, chars);
                }
            }
            changed.push_str(&edited[from..at]);
            let col = chars - line_start + 1;
            if space {
                shifts.insert(line, col, chars, 1);
                changed.push(' ');
                chars += 1;
                from = at;
            } else {
                shifts.remove(line, col, chars);
                from = at + 1;
            }
        }
        changed.push_str(&edited[from..]);
        Some((changed, shifts))
    }
}

/// `text` as saphyr-parser is to read it to read what go-yaml v2's scanner reads (see the
/// module documentation of `libyaml_scan`). A text with none of the characters concerned is
/// not scanned.
pub(in crate::yaml) fn rewrite(text: &str) -> Rewritten<'_> {
    if !text.contains('\t')
        && !text.contains("\\/")
        && !text.contains("\\'")
        && !text.contains(['@', '`', '%', '|', '>', '[', '{', '&'])
        && !has_alias_key(text)
        && !has_glued_comment(text)
        && !has_keyless_colon(text)
    {
        return Rewritten {
            text: Cow::Borrowed(text),
            error: None,
            unknown_alias: None,
            shifts: Shifts::default(),
        };
    }
    let mut scan = Scan::new(text.as_bytes());
    let error = scan.run_to_error();
    let (text, shifts) = match scan.edits.apply(text) {
        Some((edited, shifts)) => (Cow::Owned(edited), shifts),
        None => (Cow::Borrowed(text), Shifts::default()),
    };
    Rewritten {
        text,
        error,
        unknown_alias: scan.unknown_alias,
        shifts,
    }
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

#[cfg(test)]
mod tests {
    use super::super::{CANNOT_START, NOT_INDENTATION_SPACE, VIOLATES_INDENTATION};
    use super::*;
    use crate::yaml::YamlErrorKind;

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
            let tabs = rewrite(text);
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
            let error = rewrite(text).error.expect(text);
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
