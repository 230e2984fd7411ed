//! A simple key the scanner holds tokens back for: libyaml's parser gets no token after one
//! that may start a simple key until the scanner settles it (scannerc.go
//! `yaml_parser_fetch_more_tokens`), so a problem the parser would find there comes after
//! the scanner's own errors until then.

use super::{Scan, Stop, NO_COLON};
use crate::yaml::builder::BlockParent;
use crate::yaml::{Pos, YamlError, YamlErrorKind};

/// What libyaml's scanner makes of a simple key that tokens before a problem may start: the
/// outermost flow collection around it (its `[` or `{` where a key may start: a line's first
/// token, after `-` or `?`), or in the block context the scalar before it (`"a" b`). The
/// parser gets none of those tokens before the scanner settles the key, so an error the
/// parser finds there comes after the scanner's errors until then.
#[derive(Debug, PartialEq)]
enum PendingKey {
    /// A `:` makes it a key.
    Key,
    /// It is no key (it went on past its line): the parser meets the flow collection at
    /// `start`, where `parent` wants its next node, key or entry.
    NoKey { start: Pos, parent: BlockParent },
    /// The scanner fails first (a required key's `could not find expected ':'` included).
    ScannerError(YamlError),
}

/// The [`PendingKey`] at `at` in `part` (whose first line is line `first_line` of the paste);
/// None when no key is pending there (in the block context: when the key is not refused
/// by the scanner), or when the scan stops at a problem it leaves to saphyr-parser.
fn pending_key_at(part: &str, first_line: u32, at: Pos) -> Option<PendingKey> {
    let shift = |p: Pos| Pos {
        line: p.line + first_line - 1,
        ..p
    };
    let mut scan = Scan::new(part.as_bytes());
    let line = (at.line + 1).checked_sub(first_line)?;
    scan.stop_at = Some((line, i64::from(at.col) - 1));
    // The parser's problems (a keyless `:`, a mismatched bracket) come later, once the
    // tokens reach it: the scan reads past them (no key has this index).
    scan.watched_key = Some(usize::MAX);
    match scan.run() {
        Ok(()) => {}
        // The scanner fails before the tokens at `at` exist.
        Err(Stop::Libyaml(message)) => {
            return Some(PendingKey::ScannerError(YamlError {
                message: message.into(),
                pos: shift(scan.error_pos()),
                kind: YamlErrorKind::Syntax,
            }))
        }
        Err(Stop::Other) => return None,
    }
    let in_flow = scan.flow_level > 0;
    let (key, required, flow) = if in_flow {
        let (key, required) = scan.flow_key?;
        (key, required, Some((scan.flow_start?, scan.flow_parent?)))
    } else {
        let key = scan.keys.first().copied().flatten()?;
        (key.index, key.required, None)
    };
    let mut scan = Scan::new(part.as_bytes());
    scan.watched_key = Some(key);
    let settled = match scan.run() {
        Err(Stop::Libyaml(message)) => PendingKey::ScannerError(YamlError {
            message: message.into(),
            pos: shift(scan.error_pos()),
            kind: YamlErrorKind::Syntax,
        }),
        Err(Stop::Other) => return None,
        Ok(()) => match (scan.watched_fate, flow) {
            (Some(true), _) => PendingKey::Key,
            // At the end of the part the key is dropped (`yaml_parser_fetch_stream_end`).
            _ if required && scan.at_end() => PendingKey::ScannerError(YamlError {
                message: NO_COLON.into(),
                pos: shift(scan.error_pos()),
                kind: YamlErrorKind::Syntax,
            }),
            (_, Some((start, parent))) => PendingKey::NoKey {
                start: shift(start),
                parent,
            },
            (_, None) => return None,
        },
    };
    match settled {
        PendingKey::ScannerError(_) => Some(settled),
        _ if in_flow => Some(settled),
        _ => None,
    }
}

/// The error libyaml meets first where its parser would find a problem with the token at
/// `at` (`part`'s first line is line `first_line` of the paste): the scanner's, while a key
/// that token or those before may start is pending, or the block collection's that a flow
/// collection which is no key stands in; None when the parser's problem at `at` stands.
pub(in crate::yaml) fn before_parser_error(
    part: &str,
    first_line: u32,
    at: Pos,
) -> Option<YamlError> {
    // The token at `at` is held back too, when it may start a key.
    let past = Pos {
        col: at.col + 1,
        ..at
    };
    match pending_key_at(part, first_line, past)? {
        PendingKey::ScannerError(error) => Some(error),
        PendingKey::NoKey { start, parent }
            if matches!(parent, BlockParent::Mapping | BlockParent::Sequence) =>
        {
            // The block collection wants its next key or entry there.
            Some(YamlError {
                message: parent.next_token_error().into(),
                pos: start,
                kind: YamlErrorKind::Syntax,
            })
        }
        PendingKey::Key | PendingKey::NoKey { .. } => None,
    }
}
