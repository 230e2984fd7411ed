//! How much input podplay analyses, and why. Hostile input (a paste of `/dev/zero`, a
//! "billion laughs" of aliases, a merge of a huge map into every item) must end in a clear
//! message at the right line, never in a frozen page or an exhausted memory.
//!
//! | limit | value | why |
//! |---|---|---|
//! | [`MAX_INPUT_BYTES`] | 3 MiB | the API server refuses request bodies over 3 MiB (`MaxRequestBodyBytes`), so no object podplay could be asked about is larger; it also caps memory (about 1 KB per node through the pipeline) |
//! | [`MAX_DOCUMENTS`] | 1,000 | every document is decoded and listed in the report; a pod and its cluster context need a handful |
//! | [`MAX_DEPTH`] | 256 levels | recursion over the tree must not overflow the (small) WebAssembly stack; real objects nest fewer than 20 levels |
//! | [`MAX_ADDED_INDENTATION`] | 3 MiB | the spaces added to flow collections' and quoted scalars' lines less indented than the block around them, so that podplay's YAML 1.2 parser reads them as libyaml does: the text read stays within twice the input limit |
//! | [`MAX_NODES`] | 100,000 nodes | counted after alias expansion and merge keys (every merged entry counts its key and value), so a small text cannot grow into a tree that takes seconds to analyse: an analysis costs a few µs and about 1 KB per node, so 100,000 nodes stay within about a second and 100 MB natively; that is about 1.5 MB of ordinary YAML (about 15 bytes a node), far more than any pod and its context |
//!
//! Kubernetes' own bounds are looser (go-yaml refuses only an "excessive aliasing" ratio,
//! encoding/json nests 10,000 levels), but an API server would refuse the expanded request
//! body soon after podplay's node limit: 100,000 nodes print as about 1 MB of JSON.

use crate::yaml::{Pos, YamlError, YamlErrorKind};

/// The most spaces podplay's reading adds to the lines of flow collections and quoted scalars
/// that are less indented than the block around them (libyaml never checks them; the YAML 1.2
/// parser podplay reads with wants them indented): the text then stays within twice
/// [`MAX_INPUT_BYTES`]. A pod's such lines need a few spaces each; only a block thousands of
/// columns deep with many of them comes near.
pub const MAX_ADDED_INDENTATION: usize = MAX_INPUT_BYTES;

/// The largest input analysed, in bytes (3 MiB: the API server's default
/// `MaxRequestBodyBytes`, staging/src/k8s.io/apiserver/pkg/server/config.go). Readers (the
/// CLI, the UI) can stop reading one byte past it.
pub const MAX_INPUT_BYTES: usize = 3 * 1024 * 1024;

/// The most documents (`---`-separated) one input may hold.
pub const MAX_DOCUMENTS: usize = 1_000;

/// How deep collections may nest.
pub const MAX_DEPTH: usize = 256;

/// How many nodes the input's documents may hold together once aliases and merge keys are
/// expanded (a scalar, a sequence and a mapping count one each; a mapping entry counts its
/// key and its value).
pub const MAX_NODES: usize = 100_000;

/// The message for an input of `len` bytes over [`MAX_INPUT_BYTES`] (a reader that stopped
/// one byte past the limit may pass `usize::MAX`).
pub fn check_input_len(len: usize) -> Result<(), String> {
    if len > MAX_INPUT_BYTES {
        Err(too_big_message(len))
    } else {
        Ok(())
    }
}

fn too_big_message(len: usize) -> String {
    let shown = if len == usize::MAX {
        "more than 3 MiB".to_string()
    } else {
        format!("{len} bytes")
    };
    format!(
        "podplay limit: the input is {shown}; podplay analyses at most {MAX_INPUT_BYTES} bytes (3 MiB, the API server's request body limit)"
    )
}

/// [`check_input_len`] for a text, as a positioned error at the line holding byte
/// [`MAX_INPUT_BYTES`].
pub fn check_text_len(text: &str) -> Result<(), YamlError> {
    check_input_len(text.len()).map_err(|message| {
        let mut cut = MAX_INPUT_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        limit_error(message, pos_at(text, cut))
    })
}

/// A limit error (shown as is, not in Kubernetes' YAML error wording).
pub fn limit_error(message: String, pos: Pos) -> YamlError {
    YamlError {
        message,
        pos,
        kind: YamlErrorKind::Limit,
    }
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
pub fn pos_at(text: &str, offset: usize) -> Pos {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    // Count characters, not bytes (continuation bytes do not start one).
    let col = 1 + before[line_start..]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count();
    Pos {
        line: line as u32,
        col: col as u32,
    }
}

/// Input bytes as text, or go-yaml's reader error (`invalid leading UTF-8 octet`, ...) with
/// the byte offset and the line and column where the bad byte is. Checks the size first.
///
/// go-yaml (yaml_parser_update_buffer in readerc.go) reports these problems without a line;
/// podplay adds the place so the editor can point at it.
pub fn text_from_bytes(bytes: &[u8]) -> Result<&str, YamlError> {
    check_input_len(bytes.len()).map_err(|m| limit_error(m, Pos { line: 1, col: 1 }))?;
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let offset = e.valid_up_to();
            let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
            let problem = utf8_problem(&bytes[offset..]);
            Err(YamlError {
                message: format!("{problem} (at byte {offset})"),
                pos: pos_at(valid, offset),
                kind: YamlErrorKind::Decoder,
            })
        }
    }
}

/// go-yaml's name for the invalid UTF-8 sequence that starts `rest`.
fn utf8_problem(rest: &[u8]) -> &'static str {
    let lead = rest[0];
    let width = match lead {
        b if b & 0x80 == 0 => 1,
        b if b & 0xE0 == 0xC0 => 2,
        b if b & 0xF0 == 0xE0 => 3,
        b if b & 0xF8 == 0xF0 => 4,
        _ => return "invalid leading UTF-8 octet",
    };
    if rest.len() < width {
        return "incomplete UTF-8 octet sequence";
    }
    if rest[1..width].iter().any(|b| b & 0xC0 != 0x80) {
        return "invalid trailing UTF-8 octet";
    }
    let mut value = u32::from(lead & (0xFF >> (width + 1)));
    for b in &rest[1..width] {
        value = value << 6 | u32::from(b & 0x3F);
    }
    let shortest = match width {
        2 => value >= 0x80,
        3 => value >= 0x800,
        _ => value >= 0x10000,
    };
    if !shortest {
        "invalid length of a UTF-8 sequence"
    } else {
        "invalid Unicode character"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_errors_name_the_byte_line_and_column() {
        let rows: &[(&[u8], &str, u32, u32)] = &[
            (
                b"a: 1\nb: \xff\n",
                "invalid leading UTF-8 octet (at byte 8)",
                2,
                4,
            ),
            (b"\xc3", "incomplete UTF-8 octet sequence (at byte 0)", 1, 1),
            (
                b"x: \xc3(",
                "invalid trailing UTF-8 octet (at byte 3)",
                1,
                4,
            ),
            (
                b"\xc0\x80",
                "invalid length of a UTF-8 sequence (at byte 0)",
                1,
                1,
            ),
            (
                b"\xed\xa0\x80",
                "invalid Unicode character (at byte 0)",
                1,
                1,
            ),
            (
                b"\xc3\xa9\xc3\xa9: \x80",
                "invalid leading UTF-8 octet (at byte 6)",
                1,
                5,
            ),
        ];
        for (bytes, message, line, col) in rows {
            let err = text_from_bytes(bytes).unwrap_err();
            assert_eq!(err.message, *message, "{bytes:?}");
            assert_eq!(
                err.pos,
                Pos {
                    line: *line,
                    col: *col
                },
                "{bytes:?}"
            );
        }
        assert_eq!(text_from_bytes("é: ok".as_bytes()).unwrap(), "é: ok");
    }

    #[test]
    fn input_length_limit() {
        assert!(check_input_len(MAX_INPUT_BYTES).is_ok());
        let err = check_input_len(MAX_INPUT_BYTES + 1).unwrap_err();
        assert_eq!(err, "podplay limit: the input is 3145729 bytes; podplay analyses at most 3145728 bytes (3 MiB, the API server's request body limit)");
        let text = "k: v\n".repeat(MAX_INPUT_BYTES / 5 + 10);
        let err = check_text_len(&text).unwrap_err();
        assert_eq!(err.kind, YamlErrorKind::Limit);
        assert_eq!(err.pos.line as usize, MAX_INPUT_BYTES / 5 + 1);
    }
}
