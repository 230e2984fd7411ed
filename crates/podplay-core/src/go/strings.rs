//! Go's `strings.ToUpper` / `strings.ToLower`: rune by rune with `unicode.ToUpper` /
//! `unicode.ToLower`, the *simple* case mappings (one rune for one rune). Rust's
//! `str::to_uppercase` applies the full mapping, which turns some runes into several
//! (`ß` → `SS`); Go keeps those runes, except the Greek letters with ypogegrammeni, which
//! map to their one-rune prosgegrammeni capitals. Lower case differs only for `İ` (Go: `i`)
//! and Rust's final-sigma rule (Go: `σ` everywhere). Both checked against Go 1.27 for every rune.

/// `strings.ToUpper(s)`.
pub fn to_upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    s.chars().map(simple_upper).collect()
}

/// `strings.ToLower(s)`.
pub fn to_lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.chars()
        .map(|c| {
            let mut full = c.to_lowercase();
            match (full.next(), full.next()) {
                (Some(one), None) => one,
                _ if c == '\u{130}' => 'i',
                _ => c,
            }
        })
        .collect()
}

/// `unicode.ToUpper(r)`: the one-rune mapping when Unicode's full mapping is one rune
/// (then both agree); otherwise Go's simple mapping.
fn simple_upper(c: char) -> char {
    let mut full = c.to_uppercase();
    match (full.next(), full.next()) {
        (Some(one), None) => one,
        _ => match c as u32 {
            // ᾀ..ᾇ, ᾐ..ᾗ, ᾠ..ᾧ → ᾈ..ᾏ, ᾘ..ᾟ, ᾨ..ᾯ
            0x1F80..=0x1F87 | 0x1F90..=0x1F97 | 0x1FA0..=0x1FA7 => {
                char::from_u32(c as u32 + 8).unwrap_or(c)
            }
            // ᾳ, ῃ, ῳ → ᾼ, ῌ, ῼ
            0x1FB3 | 0x1FC3 | 0x1FF3 => char::from_u32(c as u32 + 9).unwrap_or(c),
            _ => c,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::{to_lower, to_upper};

    /// Outputs of Go 1.27's `strings.ToUpper`.
    #[test]
    fn go_to_upper() {
        for (input, want) in [
            ("my-svc.x_1", "MY-SVC.X_1"),
            ("straße", "STRAßE"),
            ("ǆx", "ǄX"),
            ("ŉ", "ŉ"),
            ("ﬀ", "ﬀ"),
            ("ᾀ", "ᾈ"),
            ("ᾳ", "ᾼ"),
            ("ῳ", "ῼ"),
            ("ü-é", "Ü-É"),
        ] {
            assert_eq!(to_upper(input), want, "{input}");
        }
        for (input, want) in [("UDP", "udp"), ("İX", "ix"), ("ΟΔΟΣ", "οδοσ"), ("ẞ", "ß")]
        {
            assert_eq!(to_lower(input), want, "{input}");
        }
    }
}
