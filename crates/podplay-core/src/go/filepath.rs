//! Go's `path/filepath.Match` as used on one host label: `*` (any run of characters except
//! `/`), `?` (one character), `[...]` classes (`^` negates, `a-z` ranges), `\` escapes.
//! A malformed pattern is Go's `ErrBadPattern`.

/// Go's `filepath.ErrBadPattern` text.
pub const ERR_BAD_PATTERN: &str = "syntax error in pattern";

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Literal(char),
    AnyChar,
    Star,
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

/// Whether `name` matches `pattern`.
pub fn glob_match(pattern: &str, name: &str) -> Result<bool, String> {
    let tokens = tokenize(pattern)?;
    let name: Vec<char> = name.chars().collect();
    Ok(match_tokens(&tokens, &name))
}

fn tokenize(pattern: &str) -> Result<Vec<Token>, String> {
    let mut chars = pattern.chars().peekable();
    let mut out = Vec::new();
    while let Some(c) = chars.next() {
        out.push(match c {
            '*' => Token::Star,
            '?' => Token::AnyChar,
            '\\' => Token::Literal(chars.next().ok_or(ERR_BAD_PATTERN)?),
            '[' => {
                let negated = chars.peek() == Some(&'^');
                if negated {
                    chars.next();
                }
                let mut ranges = Vec::new();
                loop {
                    if chars.peek() == Some(&']') && !ranges.is_empty() {
                        chars.next();
                        break;
                    }
                    let lo = class_char(&mut chars)?;
                    let hi = if chars.peek() == Some(&'-') {
                        chars.next();
                        class_char(&mut chars)?
                    } else {
                        lo
                    };
                    ranges.push((lo, hi));
                }
                Token::Class { negated, ranges }
            }
            c => Token::Literal(c),
        });
    }
    Ok(out)
}

/// One character of a class (`-` and `]` must be escaped; running out is an error).
fn class_char(chars: &mut std::iter::Peekable<std::str::Chars>) -> Result<char, String> {
    match chars.next() {
        None | Some('-') | Some(']') => Err(ERR_BAD_PATTERN.into()),
        Some('\\') => chars.next().ok_or_else(|| ERR_BAD_PATTERN.into()),
        Some(c) => Ok(c),
    }
}

/// Iterative wildcard matching with a single backtrack point per star.
fn match_tokens(tokens: &[Token], name: &[char]) -> bool {
    let (mut t, mut n) = (0, 0);
    let mut backtrack: Option<(usize, usize)> = None;
    while n < name.len() || t < tokens.len() {
        if let Some(token) = tokens.get(t) {
            let c = name.get(n).copied();
            let single = match (token, c) {
                (Token::Star, _) => {
                    backtrack = Some((t, n));
                    t += 1;
                    continue;
                }
                (_, None) => false,
                (Token::Literal(l), Some(c)) => *l == c,
                (Token::AnyChar, Some(c)) => c != '/',
                (Token::Class { negated, ranges }, Some(c)) => {
                    ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c)) != *negated
                }
            };
            if single {
                t += 1;
                n += 1;
                continue;
            }
        }
        match backtrack {
            // A star may swallow one more character, but never a separator.
            Some((star_t, star_n)) if star_n < name.len() && name[star_n] != '/' => {
                backtrack = Some((star_t, star_n + 1));
                t = star_t + 1;
                n = star_n + 1;
            }
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_rows() {
        let rows: &[(&str, &str, Result<bool, &str>)] = &[
            ("*", "kubernetes", Ok(true)),
            ("*", "", Ok(true)),
            ("*-good", "prefix-good", Ok(true)),
            ("*-good", "good", Ok(false)),
            ("k*", "quay", Ok(false)),
            ("prefix-*", "prefix-a", Ok(true)),
            ("*kubernetes", "kubernetes", Ok(true)),
            ("a*b*c", "axxbyyc", Ok(true)),
            ("a*b*c", "axxbyy", Ok(false)),
            ("r?", "r1", Ok(true)),
            ("r?", "r", Ok(false)),
            ("r[0-9]", "r5", Ok(true)),
            ("r[^0-9]", "r5", Ok(false)),
            ("r[^0-9]", "rx", Ok(true)),
            ("r\\*", "r*", Ok(true)),
            ("[::1]", ":", Ok(true)),
            ("[::1]", "[::1]", Ok(false)),
            ("Upper", "upper", Ok(false)),
            ("[", "a", Err(ERR_BAD_PATTERN)),
            ("[]a]", "a", Err(ERR_BAD_PATTERN)),
            ("a\\", "a", Err(ERR_BAD_PATTERN)),
            ("", "", Ok(true)),
        ];
        for (pattern, name, want) in rows {
            assert_eq!(
                glob_match(pattern, name),
                want.map_err(str::to_string),
                "{pattern} vs {name}"
            );
        }
    }
}
