//! Reading a stream: the reader's checks, the text as libyaml reads its tabs and
//! indentation, and saphyr-parser's errors in libyaml's words.

use super::builder::{BlockParent, Builder, SAPHYR_NEXT_TOKEN_ERRORS, SAPHYR_WRONGLY_INDENTED};
use super::libyaml_scan::{self, indent_multiline};
use super::{reader, Node, Pos, YamlError, YamlErrorKind};

/// A syntax error of [`parse_stream`], and whether it came after a document's root node was
/// complete (text go-yaml never reads when it is a token its scanner accepts).
pub(super) struct StreamError {
    pub error: YamlError,
    pub after_root: bool,
    /// The error is in text after a `...` end marker of its part, from here on: go-yaml
    /// stops at the marker and scans none of it.
    pub unread_from: Option<Pos>,
}

impl From<YamlError> for StreamError {
    fn from(error: YamlError) -> Self {
        StreamError {
            error,
            after_root: false,
            unread_from: None,
        }
    }
}

pub(super) fn parse_stream(text: &str) -> Result<Vec<Node>, StreamError> {
    crate::limits::check_text_len(text)?;
    // Kubernetes' reader ends every line with a line break (util/yaml `LineReader`), the
    // last one too: libyaml meets the end of input on the line after the text's last.
    let with_break;
    let text = if text.is_empty() || text.ends_with('\n') {
        text
    } else {
        with_break = format!("{text}\n");
        &with_break
    };
    check_printable(text)?;
    check_separators(text)?;
    check_part_starts(text)?;
    // saphyr-parser reads the text rewritten where libyaml reads it otherwise (tabs, escapes,
    // anchors, ...); libyaml's first error stands unless saphyr-parser stops at another
    // syntax error before it (its own complaints about tabs and indentation follow YAML 1.2,
    // not libyaml).
    let rewritten = libyaml_scan::rewrite(text);
    let mut builder = Builder::new(&rewritten.text);
    let mut result = builder.run();
    let indented;
    if matches!(&result, Err(e) if SAPHYR_INDENTATION_RULES.contains(&e.message.as_str())) {
        // Read again with the lines libyaml never checks for indentation indented.
        indented = indent_multiline(&rewritten.text);
        builder = Builder::new(&indented.text);
        let shifts = &indented.shifts;
        result = match &indented.error {
            Some(e) => Err(e.clone()),
            None => builder.run().map_err(|e| shifts.error(e)),
        };
        builder.documents.iter_mut().for_each(|d| shifts.node(d));
    }
    // Places in the rewritten text, in the paste's (where spaces were put in).
    let shifts = &rewritten.shifts;
    result = result.map_err(|e| shifts.error(e));
    builder.documents.iter_mut().for_each(|d| shifts.node(d));
    if let Some((at, name)) = &rewritten.unknown_alias {
        // go-yaml fails at an alias of no anchor while it parses; saphyr-parser's syntax
        // errors before it stand, and so does the parser's refusal of the key it starts.
        if !matches!(&result, Err(e) if e.kind == YamlErrorKind::Syntax && e.pos <= *at) {
            result = Err(YamlError {
                message: format!("unknown anchor '{name}' referenced"),
                pos: *at,
                kind: YamlErrorKind::Decoder,
            });
        }
    }
    let after_root = builder.failed_after_root;
    let next_token_in = builder.next_token_in;
    let result = result.map_err(|e| in_libyaml_words(text, e, next_token_in));
    // The scan is skipped for text with nothing it looks for; where saphyr-parser fails, its
    // errors are libyaml's answer to weigh against saphyr-parser's.
    let scanned = match (&result, rewritten.error) {
        (Err(_), None) => libyaml_scan::first_error(text),
        (_, error) => error,
    };
    match (result, scanned) {
        // go-yaml meets an unknown alias while it builds its nodes, in text order with the
        // scanner's errors (a merge key's errors come later, when it decodes).
        (Err(e), Some(tab))
            if (e.kind == YamlErrorKind::Syntax || e.message.starts_with("unknown anchor"))
                && e.pos < tab.pos
                && !SAPHYR_TAB_RULES.contains(&e.message.as_str())
                && !SAPHYR_ESCAPE_ERRORS.contains(&e.message.as_str())
                && !SAPHYR_INDENTATION_RULES.contains(&e.message.as_str())
                // A `%` line's own error (libyaml reads it as a directive wherever it is).
                && e.message != SAPHYR_DIRECTIVE_IN_DOCUMENT =>
        {
            Err(StreamError {
                error: e,
                after_root,
                unread_from: None,
            })
        }
        (_, Some(tab)) => Err(tab.into()),
        (Err(e), None) => {
            // Text after a root scalar on its line is never parsed (go-yaml's one token).
            let after_root = after_root
                || closes_a_flow_root(text, e.pos)
                || (next_token_in == Some(BlockParent::Root)
                    && e.message == BlockParent::Root.next_token_error());
            let unread_from = after_end_marker(text, e.pos);
            Err(StreamError {
                error: e,
                after_root: after_root || unread_from.is_some(),
                unread_from,
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

/// `e` as libyaml words it, or the error libyaml meets before it: where saphyr-parser stops
/// inside a flow collection, in a quoted scalar that does not end, at a line less indented
/// than its block scalar, or while a key the tokens before may start is still pending.
fn in_libyaml_words(text: &str, e: YamlError, next_token_in: Option<BlockParent>) -> YamlError {
    if e.kind != YamlErrorKind::Syntax {
        return e;
    }
    let parts = reader::ReaderParts::new(text);
    let lines = parts.lines_of(e.pos.line);
    let part = parts.text_of(&lines);
    if e.message == SAPHYR_WRONGLY_INDENTED {
        let Some(parent) = next_token_in else {
            return e;
        };
        // The token there may start a simple key, which the scanner settles first.
        if let Some(first) = libyaml_scan::before_parser_error(part, *lines.start(), e.pos) {
            return first;
        }
        return YamlError {
            message: parent.next_token_error().into(),
            ..e
        };
    }
    if SAPHYR_UNENDED_QUOTE.contains(&e.message.as_str()) {
        // The problem is where the part's text ends (libyaml's mark at the end of input),
        // unless a `...` line comes first (libyaml_scan.rs finds that one).
        let dots = parts
            .end_markers(e.pos.line)
            .find(|&(n, _)| n >= e.pos.line);
        if let Some((line, _)) = dots {
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
    // libyaml's parser meets a problem only once the scanner has settled whether the tokens
    // before it start a key; until then the scanner's errors come first.
    if let Some(first) = libyaml_scan::before_parser_error(part, *lines.start(), e.pos) {
        return first;
    }
    if e.message == "while parsing a flow mapping, did not find expected ',' or '}'" {
        // saphyr-parser words the end of a single-pair mapping in a flow sequence (`[a: b c]`)
        // as a mapping's; libyaml's parser is back in the sequence there.
        let state = libyaml_scan::flow_at(part, *lines.start(), e.pos).unwrap_or_default();
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
    let state = libyaml_scan::flow_at(part, *lines.start(), e.pos).unwrap_or_default();
    // A `- ` where an entry, a key or a value starts is no node at all; elsewhere the `,` is
    // missing.
    let entry_starts = matches!(state.previous, Some(',' | '[' | '{' | ':' | '?'));
    let message = match state.innermost {
        Some(_) if entry_starts && e.message.starts_with("\"-\"") => {
            "while parsing a flow node, did not find expected node content"
        }
        Some('[') => "while parsing a flow sequence, did not find expected ',' or ']'",
        Some('{') => "while parsing a flow mapping, did not find expected ',' or '}'",
        // In the block context libyaml reads the text after the quote, or the bracket, as
        // the next token, where the collection around wants its next key or entry.
        None if SAPHYR_NEXT_TOKEN_ERRORS.contains(&e.message.as_str()) => {
            let Some(parent) = next_token_in else {
                return e;
            };
            return YamlError {
                message: parent.next_token_error().into(),
                ..e
            };
        }
        _ => return e,
    };
    YamlError {
        message: message.into(),
        ..e
    }
}

/// The start of the line after a `...` end marker that ends a document before `at` in its
/// part (a marker before any content is another matter: go-yaml fails there).
fn after_end_marker(text: &str, at: Pos) -> Option<Pos> {
    reader::ReaderParts::new(text)
        .end_markers(at.line)
        .find(|&(line, content)| content && line < at.line)
        .map(|(line, _)| Pos {
            line: line + 1,
            col: 1,
        })
}

/// Whether the part holding `at` starts with a flow collection that is closed before `at`:
/// the document ended there, and go-yaml reads no further.
fn closes_a_flow_root(text: &str, at: Pos) -> bool {
    let parts = reader::ReaderParts::new(text);
    let lines = parts.lines_of(at.line);
    libyaml_scan::flow_at(parts.text_of(&lines), *lines.start(), at).is_some_and(|s| s.root_closed)
}

/// saphyr-parser's errors for the indentation of flow collections and quoted scalars'
/// continuation lines, which libyaml never checks ([`indent_multiline`]); the bare one is
/// raised only in a flow collection (in the block context the indentation unrolls first).
pub(super) const SAPHYR_INDENTATION_RULES: &[&str] = &[
    "invalid indentation in flow construct",
    "invalid indentation in quoted scalar",
    "invalid indentation",
];

/// saphyr-parser's error for a `%` at a line's start inside a document: libyaml's scanner
/// reads the directive first, and its error about the name stands.
const SAPHYR_DIRECTIVE_IN_DOCUMENT: &str = "missing explicit document end marker before directive";

/// saphyr-parser's errors for a double-quoted scalar's escapes, which it reports at the
/// quote: libyaml's scan finds them where libyaml does (its escapes are YAML 1.1's).
const SAPHYR_ESCAPE_ERRORS: &[&str] = &[
    "while parsing a quoted scalar, found unknown escape character",
    "while parsing a quoted scalar, did not find expected hexadecimal number",
    "while parsing a quoted scalar, found invalid Unicode character escape code",
];

/// saphyr-parser's errors about tabs (YAML 1.2's rules; libyaml's are [`libyaml_scan::rewrite`]'s).
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

/// go-yaml's parser at the first token of a part (parserc.go
/// `yaml_parser_parse_document_start`): a `...` end marker there is no document's content
/// (`did not find expected node content`), and after a directive (`%YAML`, `%TAG`) only
/// `---` may come, which Kubernetes' reader put in the next part (`did not find expected
/// <document start>` where the part ends).
fn check_part_starts(text: &str) -> Result<(), YamlError> {
    let may_start =
        |marker: &str| text.starts_with(marker) || text.contains(&format!("\n{marker}"));
    if !may_start("...") && !may_start("%") {
        return Ok(());
    }
    let mut lines = text.split('\n').zip(1u32..);
    for part in reader::parts(text) {
        let first = lines
            .by_ref()
            .skip_while(|&(_, n)| n < *part.start())
            .take_while(|&(_, n)| n <= *part.end())
            .find(|(line, _)| {
                let content = line.trim_start_matches([' ', '\t', '\r']);
                !content.is_empty() && !content.starts_with('#')
            });
        let Some((line, n)) = first else { continue };
        let end_marker = line
            .strip_prefix("...")
            .is_some_and(|rest| rest.chars().next().is_none_or(char::is_whitespace));
        let (message, pos) = if end_marker {
            (
                "while parsing a block node, did not find expected node content",
                Pos { line: n, col: 1 },
            )
        } else if line.starts_with('%')
            // (A directive libyaml's scanner refuses is its error.)
            && libyaml_scan::directive_problem(&line.as_bytes()[1..]).0.is_none()
        {
            (
                "did not find expected <document start>",
                Pos {
                    line: part.end() + 1,
                    col: 1,
                },
            )
        } else {
            continue;
        };
        return Err(YamlError {
            message: message.into(),
            pos,
            kind: YamlErrorKind::Syntax,
        });
    }
    Ok(())
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

#[cfg(test)]
mod multiline_tests {
    use super::super::*;

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
    fn a_quote_escape_reads_as_libyaml_reads_it() {
        // `\'` is one of libyaml's escapes (YAML 1.1), not one of YAML 1.2's; checked against
        // sigs.k8s.io/yaml over go-yaml v2 (v1.36.2 tree).
        let text = "a: \"it\\'s\"\nb: [\"y\\'z\", !!str \"q\\'\"]\nc: \"m\\'\n  n\"\nd: 's\\'\n";
        let doc = parse_one(text).unwrap();
        assert_eq!(
            doc.to_json(),
            serde_json::json!({"a": "it's", "b": ["y'z", "q'"], "c": "m' n", "d": "s\\"})
        );
        // With an ESC written as an escape too (`\e`, `\x1b`).
        let doc = parse_one("a: \"it\\'s \\e\"\nb: \"x\\'\n  y\\x1b\"\n").unwrap();
        assert_eq!(
            doc.to_json(),
            serde_json::json!({"a": "it's \u{1b}", "b": "x' y\u{1b}"})
        );
        // Places after a `\'` on its line are the paste's.
        let doc = parse_one("a: [\"\\'\", b]\n").unwrap();
        assert_eq!(
            doc.get("a").unwrap().to_json(),
            serde_json::json!(["'", "b"])
        );
        let Value::Seq(items) = &doc.get("a").unwrap().value else {
            panic!()
        };
        assert_eq!(items[1].pos, Pos { line: 1, col: 11 });
    }

    #[test]
    fn a_question_mark_glued_to_a_key_in_a_flow_mapping() {
        // In a flow collection go-yaml's `?` is always the key indicator (scannerc.go
        // `yaml_parser_fetch_next_token`), where YAML 1.2 reads `?b` as a scalar; checked
        // against sigs.k8s.io/yaml over go-yaml v2 (v1.36.2 tree).
        let doc = parse_one("a: {?b: c, x: 1, ?k}\n").unwrap();
        assert_eq!(
            doc.to_json(),
            serde_json::json!({"a": {"b": "c", "x": 1, "k": null}})
        );
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
