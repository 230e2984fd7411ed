//! `$(VAR)` expansion exactly as the kubelet does it, for `env[].value`, `command` and `args`
//! (third_party/forked/golang/expansion/expand.go: `Expand`, `MappingFuncFor`).
//!
//! The scan is byte-wise and single-pass:
//! - `$$` is an escaped `$`;
//! - `$(NAME)` (up to the first `)`) is replaced by NAME's value, or kept as written when
//!   NAME is undefined;
//! - `$(` without a closing `)` is kept, and scanning resumes after the `(`;
//! - `$x` for any other character x is kept (`$HOME`, `${A}` are not expanded). Since
//!   kubernetes PR #136325 (in v1.35.2 and v1.36.2; cherry-picked to release-1.34 only after
//!   v1.34.2) `tryReadVariableName` decodes the whole rune, so `$é` stays `$é`. Before it
//!   (1.33, 1.34) Go built that text with `string(input[0])`, which turns a non-ASCII byte
//!   into the UTF-8 encoding of U+0080..U+00FF, so `$é` came out as `$Ã` plus a stray byte
//!   (versions behaviour `ExpansionDecodesRune`);
//! - a `$` at the very end is kept.
//!
//! A substituted value is never scanned again.

use crate::versions::Version;
use serde::{Deserialize, Serialize};

/// One `$(NAME)` reference met while expanding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reference {
    /// The NAME between `$(` and `)`.
    pub name: String,
    /// Whether a value was found; an unresolved reference stays in the text as `$(NAME)`.
    pub resolved: bool,
    /// For a resolved reference, where the value came from (filled by the caller, who knows
    /// the sources: the environment view puts the providing variable's source text here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

/// The result of expanding one string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Expanded {
    /// The text the kubelet produces (as the runtime receives it; bytes that are not UTF-8
    /// shown as U+FFFD, one per byte, as Go's JSON encoder writes them).
    pub text: String,
    /// Every `$(NAME)` reference, in order (an escaped `$$(NAME)` is not a reference).
    pub references: Vec<Reference>,
}

/// `Expand(input, mapping)` where `lookup` plays `MappingFuncFor(...)` without its fallback:
/// it returns the value of a defined name and None for an undefined one.
pub fn expand<'a>(
    input: &str,
    version: Version,
    lookup: impl Fn(&str) -> Option<&'a str>,
) -> Expanded {
    let decodes_rune = version.behaviour("ExpansionDecodesRune");
    let bytes = input.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut references = Vec::new();
    let mut cursor = 0;
    while cursor < bytes.len() {
        let b = bytes[cursor];
        if b != b'$' || cursor + 1 >= bytes.len() {
            out.push(b);
            cursor += 1;
            continue;
        }
        let next = bytes[cursor + 1];
        match next {
            b'$' => {
                out.push(b'$');
                cursor += 2;
            }
            b'(' => match bytes[cursor + 2..].iter().position(|&c| c == b')') {
                Some(len) => {
                    let name_bytes = &bytes[cursor + 2..cursor + 2 + len];
                    let name = String::from_utf8_lossy(name_bytes).into_owned();
                    match lookup(&name) {
                        Some(value) => {
                            out.extend_from_slice(value.as_bytes());
                            references.push(Reference {
                                name,
                                resolved: true,
                                from: None,
                            });
                        }
                        None => {
                            out.extend_from_slice(b"$(");
                            out.extend_from_slice(name_bytes);
                            out.push(b')');
                            references.push(Reference {
                                name,
                                resolved: false,
                                from: None,
                            });
                        }
                    }
                    cursor += 2 + len + 1;
                }
                // Incomplete reference: `$(` is copied and the scan goes on after it.
                None => {
                    out.extend_from_slice(b"$(");
                    cursor += 2;
                }
            },
            _ if decodes_rune => {
                // `$` and the whole character after it, as written.
                let len = input[cursor + 1..].chars().next().map_or(1, char::len_utf8);
                out.extend_from_slice(&bytes[cursor..cursor + 1 + len]);
                cursor += 1 + len;
            }
            other => {
                out.push(b'$');
                // Go's string(byte): the byte as a rune, UTF-8 encoded.
                let mut buf = [0u8; 4];
                out.extend_from_slice(char::from(other).encode_utf8(&mut buf).as_bytes());
                cursor += 2;
            }
        }
    }
    Expanded {
        text: crate::credentials::dockerconfig::go_lossy_utf8(&out),
        references,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V36: Version = Version {
        major: 1,
        minor: 36,
    };

    fn vars(name: &str) -> Option<&'static str> {
        match name {
            "A" => Some("x"),
            "B" => Some("$(A)"),
            "EMPTY" => Some(""),
            "KUBERNETES_SERVICE_HOST" => Some("10.96.0.1"),
            _ => None,
        }
    }

    /// The findings of the conformance README (section 2, cases 001, 003, 004, 031) and the
    /// rows of expand_test.go that define the grammar.
    #[test]
    fn expansion_rows() {
        let rows: &[(&str, &str)] = &[
            ("$(A)", "x"),
            ("hello-$(A)", "hello-x"),
            ("$$", "$"),
            ("$$(A)", "$(A)"),
            ("$$$(A)", "$x"),
            ("$$$$(A)", "$$(A)"),
            ("$(UNDEFINED)", "$(UNDEFINED)"),
            ("$(", "$("),
            ("$(A", "$(A"),
            ("$()", "$()"),
            ("$A", "$A"),
            ("${A}", "${A}"),
            ("$HOME", "$HOME"),
            ("$", "$"),
            ("a$", "a$"),
            ("$(A)$(A)", "xx"),
            ("$(A)-$(NOPE)-$(A)", "x-$(NOPE)-x"),
            // Single pass: B's value is not expanded again.
            ("$(B)", "$(A)"),
            ("$(EMPTY)", ""),
            ("$(KUBERNETES_SERVICE_HOST):443", "10.96.0.1:443"),
            // The name runs to the first `)`, whatever it holds.
            ("$($(A)", "$($(A)"),
            ("$(A$(A)", "$(A$(A)"),
            ("echo $(A) $(UNDEFINED)", "echo x $(UNDEFINED)"),
            ("", ""),
            ("no dollar", "no dollar"),
            // The character after `$` is decoded whole (v1.36.2 tryReadVariableName).
            ("$é", "$é"),
            ("$€$(A)", "$€x"),
            ("é$(A)é", "éxé"),
        ];
        for (input, want) in rows {
            assert_eq!(expand(input, V36, vars).text, *want, "input {input:?}");
        }
    }

    /// 1.33's and 1.34's `string(input[0])` on a non-ASCII byte after `$`: 0xC3 becomes U+00C3, the
    /// following 0xA9 byte alone is not UTF-8 (before kubernetes PR #136325).
    #[test]
    fn before_the_rune_fix_a_non_ascii_byte_is_mangled() {
        let v = Version::new(1, 33);
        assert_eq!(expand("$é", v, vars).text, "$Ã\u{fffd}");
        assert_eq!(expand("$(A)$é", v, vars).text, "x$Ã\u{fffd}");
        assert_eq!(expand("$é", Version::new(1, 34), vars).text, "$Ã\u{fffd}");
        assert_eq!(expand("$é", Version::new(1, 35), vars).text, "$é");
    }

    #[test]
    fn references_are_recorded_in_order() {
        let got = expand("$(A)/$$(B)/$(NOPE)/$(B)", V36, vars);
        assert_eq!(got.text, "x/$(B)/$(NOPE)/$(A)");
        let names: Vec<(&str, bool)> = got
            .references
            .iter()
            .map(|r| (r.name.as_str(), r.resolved))
            .collect();
        assert_eq!(names, vec![("A", true), ("NOPE", false), ("B", true)]);
    }
}
