//! Go's `strconv`: `Quote` (also `%q` and `fmt`'s quoting in error messages), the one quoter
//! every Kubernetes message in podplay goes through, and `FormatFloat(f, 'g', -1, 64)` (`%v`).
//! Float digits come from serde_json's printer, not std's float formatter (size budget).

/// `strconv.Quote` / `%q`: double quotes, `\a \b \f \n \r \t \v \\ \"` escapes, other
/// non-printable characters as `\xHH` (below 0x80), `\uHHHH` or `\UHHHHHHHH`; printable
/// Unicode is kept as is.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    s.chars().for_each(|c| push_quoted_char(&mut out, c));
    out.push('"');
    out
}

/// `strconv.Quote` over raw bytes: each invalid UTF-8 byte becomes `\xNN`.
pub fn quote_bytes(bytes: &[u8]) -> String {
    let mut out = String::from("\"");
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                valid.chars().for_each(|c| push_quoted_char(&mut out, c));
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                String::from_utf8_lossy(valid)
                    .chars()
                    .for_each(|c| push_quoted_char(&mut out, c));
                let bad = e.error_len().unwrap_or(after.len()).max(1).min(after.len());
                for b in after.iter().take(bad) {
                    out.push_str(&format!("\\x{b:02x}"));
                }
                rest = after.get(bad..).unwrap_or(&[]);
            }
        }
    }
    out.push('"');
    out
}

fn push_quoted_char(out: &mut String, c: char) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{b}' => out.push_str("\\v"),
        c if is_print(c) => out.push(c),
        c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
        c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
        c => out.push_str(&format!("\\U{:08x}", c as u32)),
    }
}

/// An approximation of Go's `strconv.IsPrint` without Unicode tables: ASCII printable, and
/// outside ASCII everything except controls, format characters, non-ASCII spaces, line and
/// paragraph separators, surrogates, private use and noncharacters. (Unassigned code points,
/// which Go also escapes, are kept.)
pub fn is_print(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return (0x20..0x7f).contains(&u);
    }
    if u < 0xa0 {
        return false; // C1 controls
    }
    const NOT_PRINTABLE: &[(u32, u32)] = &[
        (0x00a0, 0x00a0),    // no-break space (Zs)
        (0x00ad, 0x00ad),    // soft hyphen (Cf)
        (0x0600, 0x0605),    // Arabic number signs (Cf)
        (0x061c, 0x061c),    // Arabic letter mark
        (0x06dd, 0x06dd),    // Arabic end of ayah
        (0x070f, 0x070f),    // Syriac abbreviation mark
        (0x08e2, 0x08e2),    // Arabic disputed end of ayah
        (0x1680, 0x1680),    // Ogham space mark
        (0x180e, 0x180e),    // Mongolian vowel separator
        (0x2000, 0x200f),    // spaces, zero-width chars, LRM/RLM
        (0x2028, 0x202f),    // separators, bidi embedding, narrow nbsp
        (0x205f, 0x2064),    // medium math space, invisible operators
        (0x2066, 0x206f),    // bidi isolates, deprecated format chars
        (0x3000, 0x3000),    // ideographic space
        (0xd800, 0xf8ff),    // surrogates and private use
        (0xfdd0, 0xfdef),    // noncharacters
        (0xfeff, 0xfeff),    // byte order mark
        (0xfff0, 0xfffb),    // specials (unassigned + interlinear annotations)
        (0xfffe, 0xffff),    // noncharacters
        (0x110bd, 0x110bd),  // Kaithi number sign
        (0x1bca0, 0x1bca3),  // shorthand format controls
        (0x1d173, 0x1d17a),  // musical format controls
        (0xe0000, 0xe0fff),  // tags and variation selectors supplement... (tags are Cf)
        (0xf0000, 0x10ffff), // supplementary private use
    ];
    if (u & 0xfffe) == 0xfffe {
        return false;
    }
    // Variation selectors supplement (U+E0100–U+E01EF) are marks and printable in Go.
    if (0xe0100..=0xe01ef).contains(&u) {
        return true;
    }
    !NOT_PRINTABLE
        .iter()
        .any(|(lo, hi)| (*lo..=*hi).contains(&u))
}

/// Go's `%v` for a float64 (`strconv.FormatFloat(f, 'g', -1, 64)`: shortest digits, `%e` form
/// when the decimal exponent is < -4 or >= 6, exponent with at least two digits).
pub fn format_float_g(f: f64) -> String {
    g_layout(f, shortest_digits(f))
}

/// `strconv.FormatFloat(f, 'g', -1, 32)`: the shortest digits that identify `f` as a float32
/// (`3.1415927`, `1e+06`), in the layout of [`format_float_g`]. sigs.k8s.io/yaml writes
/// float map keys this way.
pub fn format_float_g32(f: f64) -> String {
    let f = f as f32;
    // serde_json prints a float32 with its own shortest digits (ryu's float32 path).
    let digits = (f != 0.0 && f.is_finite())
        .then(|| serde_json::to_string(&f).ok())
        .flatten()
        .and_then(|text| digits_of(&text));
    g_layout(f64::from(f), digits)
}

/// The `'g'` layout of a float and its shortest digits ([`shortest_digits`]).
fn g_layout(f: f64, digits: Option<(bool, String, i32)>) -> String {
    if f.is_nan() {
        return "NaN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf" } else { "-Inf" }.to_string();
    }
    let Some((negative, digits, exp)) = digits else {
        return if f.is_sign_negative() { "-0" } else { "0" }.to_string();
    };
    let exp10 = exp - 1; // the exponent of the d.ddd form
    if (-4..6).contains(&exp10) {
        return plain_decimal(negative, &digits, exp);
    }
    let sign = if negative { "-" } else { "" };
    let (first, rest) = digits.split_at(1);
    let dot = if rest.is_empty() { "" } else { "." };
    let e_sign = if exp10 < 0 { '-' } else { '+' };
    format!(
        "{sign}{first}{dot}{rest}e{e_sign}{:02}",
        exp10.unsigned_abs()
    )
}

/// Lays out 0.DIGITS × 10^exp without an exponent (`0.001`, `80`, `123.5`).
pub(crate) fn plain_decimal(negative: bool, digits: &str, exp: i32) -> String {
    let sign = if negative { "-" } else { "" };
    if exp <= 0 {
        format!(
            "{sign}0.{}{digits}",
            "0".repeat(exp.unsigned_abs() as usize)
        )
    } else if exp as usize >= digits.len() {
        format!("{sign}{digits}{}", "0".repeat(exp as usize - digits.len()))
    } else {
        let (int, frac) = digits.split_at(exp as usize);
        format!("{sign}{int}.{frac}")
    }
}

/// The shortest round-trip decimal digits of a finite, non-zero float and its decimal
/// exponent (value = 0.DIGITS × 10^exp), taken from serde_json's float printer so that the
/// standard library's separate float formatter is not needed in the WebAssembly bundle.
pub(crate) fn shortest_digits(f: f64) -> Option<(bool, String, i32)> {
    if f == 0.0 || !f.is_finite() {
        return None;
    }
    // Digits from serde_json's float printer: Rust's own `{:e}`/`{}` for floats would add the
    // standard library's float formatter (~15 KB of WebAssembly).
    digits_of(&serde_json::Number::from_f64(f)?.to_string())
}

/// The sign, digits and exponent (0.DIGITS × 10^exp) of a float as serde_json prints it.
fn digits_of(text: &str) -> Option<(bool, String, i32)> {
    let (negative, text) = match text.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, text),
    };
    let (mantissa, e) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().ok()?),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{int}{frac}");
    let leading = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_matches('0').to_string();
    let exp = e + int.len() as i32 - leading as i32;
    Some((negative, digits, exp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_like_strconv_quote() {
        let rows = [
            ("abc", r#""abc""#),
            ("a\"b\\c", r#""a\"b\\c""#),
            ("\n\t\r\u{7}\u{8}\u{c}\u{b}", r#""\n\t\r\a\b\f\v""#),
            ("\u{0}\u{1f}\u{7f}", r#""\x00\x1f\x7f""#),
            ("\u{85}", r#""\u0085""#),
            ("héllo 世界", "\"héllo 世界\""),
            ("\u{a0}\u{200b}\u{feff}", r#""\u00a0\u200b\ufeff""#),
            ("\u{10ffff}", r#""\U0010ffff""#),
            ("😀", "\"😀\""),
            // Private use and format characters are not printable in Go.
            ("\u{e000}", r#""\ue000""#),
            ("\u{600}", r#""\u0600""#),
        ];
        for (input, want) in rows {
            assert_eq!(quote(input), want, "input {input:?}");
        }
    }

    #[test]
    fn quote_bytes_escapes_invalid_utf8() {
        let rows: &[(&[u8], &str)] = &[
            (b"nginx", "\"nginx\""),
            (b"a\"b\\c", "\"a\\\"b\\\\c\""),
            (b"\t\n", "\"\\t\\n\""),
            (b"\x01", "\"\\x01\""),
            ("ünicode".as_bytes(), "\"ünicode\""),
            (b"%z\xc3", "\"%z\\xc3\""),
            ("\u{a0}".as_bytes(), "\"\\u00a0\""),
        ];
        for (input, want) in rows {
            assert_eq!(quote_bytes(input), *want);
        }
    }

    #[test]
    fn format_float_g_prints_like_go_v() {
        assert_eq!(format_float_g(0.5), "0.5");
        assert_eq!(format_float_g(2.0), "2");
        assert_eq!(format_float_g(1e-7), "1e-07");
        assert_eq!(format_float_g(1e6), "1e+06");
        assert_eq!(format_float_g(123456.0), "123456");
        assert_eq!(format_float_g(1234567.0), "1.234567e+06");
        assert_eq!(format_float_g(-0.0001), "-0.0001");
        assert_eq!(format_float_g(-2.5e-5), "-2.5e-05");
        assert_eq!(format_float_g(0.0), "0");
        assert_eq!(format_float_g(-0.0), "-0");
        assert_eq!(format_float_g(1.5e300), "1.5e+300");
    }

    #[test]
    fn format_float_g32_prints_like_go_formatfloat_32() {
        assert_eq!(format_float_g32(2.718281828459045), "2.7182817");
        assert_eq!(format_float_g32(0.1), "0.1");
        assert_eq!(format_float_g32(1e6), "1e+06");
        assert_eq!(format_float_g32(1000000.5), "1.0000005e+06");
        assert_eq!(format_float_g32(18446744073709551616.0), "1.8446744e+19");
        assert_eq!(format_float_g32(1e300), "+Inf");
        assert_eq!(format_float_g32(-1e-50), "-0");
        assert_eq!(format_float_g32(2.5e-5), "2.5e-05");
        assert_eq!(format_float_g32(f64::NAN), "NaN");
    }
}
