//! Where each scalar is written in the text (for editing a value in place).

use super::libyaml_scan::{self, indent_multiline, Shifts};
use super::stream::SAPHYR_INDENTATION_RULES;
use super::{pos_of, Pos};
use saphyr_parser::{Event, Parser, ScalarStyle};

/// Where each scalar of the text is written: its start (as [`Node::pos`](super::Node::pos) gives it) and the
/// byte range of its source: quotes included; for a block scalar (`|`, `>`), from its first
/// content character to the end of its last line break. For editing a value in
/// place while the rest of the text stays byte-identical (the page's share-link redaction).
/// A text that does not parse gives the scalars before the error.
pub fn scalar_spans(text: &str) -> Vec<(Pos, std::ops::Range<usize>)> {
    // The text as libyaml reads it, with the lines saphyr-parser refuses for their
    // indentation indented, as `parse_documents` reads them (places mapped back).
    let rewritten = libyaml_scan::rewrite(text);
    let mut spans = Vec::new();
    let shifts = [&rewritten.shifts];
    if let Err(message) = push_scalar_spans(text, &rewritten.text, &shifts, &mut spans) {
        if SAPHYR_INDENTATION_RULES.contains(&message.as_str()) {
            spans.clear();
            let indented = indent_multiline(&rewritten.text);
            let shifts = [&indented.shifts, &rewritten.shifts];
            let _ = push_scalar_spans(text, &indented.text, &shifts, &mut spans);
        }
    }
    spans
}

/// Adds the spans of the scalars `parsed` holds (`source` as written: the same characters
/// but for blanks, and the spaces `shifts` put in, the last put in first). Stops at the
/// parser's error, which it returns.
fn push_scalar_spans(
    source: &str,
    parsed: &str,
    shifts: &[&Shifts],
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
    for item in Parser::new_from_str(parsed) {
        let (event, span) = item.map_err(|e| e.info().to_string())?;
        let Event::Scalar(value, style, ..) = event else {
            continue;
        };
        if value.is_empty() && style == ScalarStyle::Plain {
            // An empty value: nothing is written (saphyr-parser places it at the next token).
            continue;
        }
        let char_index = |i: usize| shifts.iter().fold(i, |i, s| s.char_index(i));
        let start = after_properties(source, byte_of(char_index(span.start.index())));
        let end = byte_of(char_index(span.end.index())).max(start);
        let pos = shifts.iter().fold(pos_of(&span), |p, s| s.pos(p));
        spans.push((pos, start..scalar_end(source, start, end, style)));
    }
    Ok(())
}

/// Where a node's text starts after its anchor and tag (`&a !!str x`: at `x`), which the
/// parser's span includes.
fn after_properties(text: &str, mut start: usize) -> usize {
    while text[start..].starts_with(['&', '!']) {
        // An anchor's name is libyaml's (letters, digits, `_`, `-`: `&n:x` anchors `:x`); a
        // tag runs to a blank.
        let rest = &text[start + 1..];
        let token = if text[start..].starts_with('&') {
            rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        } else {
            rest.find(char::is_whitespace)
        };
        start += 1 + token.unwrap_or(rest.len());
        start += text[start..].len() - text[start..].trim_start().len();
    }
    start
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

#[cfg(test)]
mod scalar_span_tests {
    use super::super::parse_one;
    use super::*;

    /// Each scalar's position and its text as written.
    fn spans_of(text: &str) -> Vec<(Pos, &str)> {
        scalar_spans(text)
            .into_iter()
            .map(|(pos, r)| (pos, &text[r]))
            .collect()
    }

    #[test]
    fn spans_of_indented_parts_are_in_the_whole_text() {
        let text = "a:\n  b: {c: é,\n d: [e,\nf]}\n  g:\t\"h\n i\"\n  j: k\n";
        let spans = spans_of(text);
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
    fn spans_of_text_read_with_spaces_put_in_are_in_the_whole_text() {
        // `&n:x` and `[?y]` are read as `&n :x` and `[? y]` (libyaml's names end at the `:`,
        // its `?` is a key indicator in a flow collection). A node's place is its anchor's;
        // its source is the scalar alone, and an implicit empty value has none.
        let text = "a: &n:x\nb: [?y, é]\n";
        let p = |line, col| Pos { line, col };
        assert_eq!(
            spans_of(text),
            vec![
                (p(1, 1), "a"),
                (p(1, 4), ":x"),
                (p(2, 1), "b"),
                (p(2, 6), "y"),
                (p(2, 9), "é"),
            ]
        );
    }

    #[test]
    fn spans_cover_each_scalar_as_written() {
        let text = "a: plain value # c\nb: \"q\\\"x\"  # c\nc: 'é ''s'\nd: |\n  line\n  two\n\n# c\ne: [x, y]\nf: >\n    folded\n  g: 1\n";
        let spans = spans_of(text);
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
