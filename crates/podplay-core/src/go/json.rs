//! Go `encoding/json` behaviour that shows in Kubernetes' messages: the syntax check that runs
//! before decoding (`invalid character 'x' looking for beginning of value`,
//! `unexpected end of JSON input`), the names of JSON value kinds in type errors, and
//! `json.Marshal`'s text (floats, HTML-safe strings) where Kubernetes prints a value.

use serde_json::Value;

use super::strconv::quote as go_quote;

const UNEXPECTED_END: &str = "unexpected end of JSON input";
/// Nesting limit for the syntax check (Go's is 10000; this keeps the WebAssembly stack safe).
const MAX_DEPTH: usize = 512;

/// Go's `quoteChar`: how a byte appears in a syntax error.
fn quote_char(b: u8) -> String {
    match b {
        b'\'' => "'\\''".to_string(),
        b'"' => "'\"'".to_string(),
        _ => {
            // Go converts the byte to a rune (0x80..0xff become U+0080..U+00FF).
            let quoted = go_quote(&char::from(b).to_string());
            format!("'{}'", &quoted[1..quoted.len() - 1])
        }
    }
}

fn invalid(b: u8, context: &str) -> String {
    format!("invalid character {} {context}", quote_char(b))
}

struct Scanner<'a> {
    src: &'a [u8],
    pos: usize,
    depth: usize,
}

/// `json.Valid` with Go's error text for the first problem.
pub fn check_valid(text: &str) -> Result<(), String> {
    let mut s = Scanner {
        src: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    s.skip_space();
    s.value()?;
    s.skip_space();
    match s.peek() {
        None => Ok(()),
        Some(b) => Err(invalid(b, "after top-level value")),
    }
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn next(&mut self) -> Result<u8, String> {
        let b = self.peek().ok_or(UNEXPECTED_END)?;
        self.pos += 1;
        Ok(b)
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<(), String> {
        match self.next()? {
            b'{' => self.nested(Self::object),
            b'[' => self.nested(Self::array),
            b'"' => self.string(),
            b'-' => {
                let b = self.next()?;
                if !b.is_ascii_digit() {
                    return Err(invalid(b, "in numeric literal"));
                }
                self.number(b)
            }
            b @ b'0'..=b'9' => self.number(b),
            b't' => self.literal("true"),
            b'f' => self.literal("false"),
            b'n' => self.literal("null"),
            b => Err(invalid(b, "looking for beginning of value")),
        }
    }

    /// Go allows 10000 levels; podplay stops at MAX_DEPTH so deep input is an error, never a
    /// stack overflow (serde_json, used next, stops at 128 anyway).
    fn nested(&mut self, inner: fn(&mut Self) -> Result<(), String>) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("exceeded max depth".into());
        }
        let r = inner(self);
        self.depth -= 1;
        r
    }

    fn object(&mut self) -> Result<(), String> {
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            match self.next()? {
                b'"' => self.string()?,
                b => return Err(invalid(b, "looking for beginning of object key string")),
            }
            self.skip_space();
            match self.next()? {
                b':' => {}
                b => return Err(invalid(b, "after object key")),
            }
            self.skip_space();
            self.value()?;
            self.skip_space();
            match self.next()? {
                b',' => self.skip_space(),
                b'}' => return Ok(()),
                b => return Err(invalid(b, "after object key:value pair")),
            }
        }
    }

    fn array(&mut self) -> Result<(), String> {
        self.skip_space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.value()?;
            self.skip_space();
            match self.next()? {
                b',' => self.skip_space(),
                b']' => return Ok(()),
                b => return Err(invalid(b, "after array element")),
            }
        }
    }

    fn string(&mut self) -> Result<(), String> {
        loop {
            match self.next()? {
                b'"' => return Ok(()),
                b'\\' => match self.next()? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                    b'u' => {
                        for _ in 0..4 {
                            let h = self.next()?;
                            if !h.is_ascii_hexdigit() {
                                return Err(invalid(h, "in \\u hexadecimal character escape"));
                            }
                        }
                    }
                    b => return Err(invalid(b, "in string escape code")),
                },
                b if b < 0x20 => return Err(invalid(b, "in string literal")),
                _ => {}
            }
        }
    }

    /// A number whose first digit `first` was read; the byte after it belongs to the caller.
    fn number(&mut self, first: u8) -> Result<(), String> {
        if first != b'0' {
            self.digits();
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            let b = self.next()?;
            if !b.is_ascii_digit() {
                return Err(invalid(b, "after decimal point in numeric literal"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            let mut b = self.next()?;
            if b == b'+' || b == b'-' {
                b = self.next()?;
            }
            if !b.is_ascii_digit() {
                return Err(invalid(b, "in exponent of numeric literal"));
            }
            self.digits();
        }
        Ok(())
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), String> {
        for expected in word.bytes().skip(1) {
            let b = self.next()?;
            if b != expected {
                return Err(invalid(
                    b,
                    &format!("in literal {word} (expecting {})", quote_char(expected)),
                ));
            }
        }
        Ok(())
    }
}

/// `json.Unmarshal` into an `interface{}`-like value: Go's syntax check and wording first,
/// then the value. A `\u` escape of a lone UTF-16 surrogate (`"\ud800"`) decodes to U+FFFD
/// as Go's `unquote` does, where serde_json would refuse the text. Duplicate keys: the last
/// one wins (see [`object_entries`] to see all of them).
pub fn parse(text: &str) -> Result<Value, String> {
    check_valid(text)?;
    let text = replace_lone_surrogates(text);
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// The entries of a top-level JSON object in document order, duplicate keys included (Go
/// decodes each one in turn into the same struct field or map). None when the text is not
/// a valid object. (Each member is cut out with the syntax scanner and parsed as a
/// `serde_json::Value`: a serde visitor of our own would link serde's type-error text and
/// the float formatter with it, see ARCHITECTURE.md "Size budget".)
pub fn object_entries(text: &str) -> Option<Vec<(String, Value)>> {
    check_valid(text).ok()?;
    let text = replace_lone_surrogates(text);
    let mut s = Scanner {
        src: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    s.skip_space();
    if s.next().ok()? != b'{' {
        return None;
    }
    let mut out = Vec::new();
    s.skip_space();
    if s.peek() == Some(b'}') {
        return Some(out);
    }
    loop {
        let key_start = s.pos;
        s.next().ok()?; // the opening quote
        s.string().ok()?;
        let key = serde_json::from_str::<Value>(&text[key_start..s.pos]).ok()?;
        s.skip_space();
        s.next().ok()?; // ':'
        s.skip_space();
        let value_start = s.pos;
        s.value().ok()?;
        let value = serde_json::from_str::<Value>(&text[value_start..s.pos]).ok()?;
        out.push((key.as_str()?.to_string(), value));
        s.skip_space();
        match s.next().ok()? {
            b',' => s.skip_space(),
            _ => return Some(out),
        }
    }
}

/// Rewrites every `\u` escape of a lone surrogate in the strings of valid JSON `text` as
/// `\ufffd` (Go's `unquote`: a high surrogate counts only when a low one follows at once).
fn replace_lone_surrogates(text: &str) -> std::borrow::Cow<'_, str> {
    let b = text.as_bytes();
    let surrogate_at = |i: usize| -> Option<u32> {
        // `\uXXXX` starting at byte i.
        let hex = b.get(i..i + 6)?;
        if hex[0] != b'\\' || hex[1] != b'u' {
            return None;
        }
        let code = u32::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()?;
        (0xD800..0xE000).contains(&code).then_some(code)
    };
    let mut lone: Vec<usize> = Vec::new();
    let (mut i, mut in_string) = (0, false);
    while i < b.len() {
        match b[i] {
            b'"' => in_string = !in_string,
            b'\\' if in_string => {
                if let Some(code) = surrogate_at(i) {
                    let paired =
                        code < 0xDC00 && surrogate_at(i + 6).is_some_and(|low| low >= 0xDC00);
                    if paired {
                        i += 12;
                        continue;
                    }
                    lone.push(i);
                }
                i += 2;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if lone.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for at in lone {
        out.push_str(&text[from..at]);
        out.push_str("\\ufffd");
        from = at + 6;
    }
    out.push_str(&text[from..]);
    std::borrow::Cow::Owned(out)
}

/// How Go names a JSON value in `cannot unmarshal <kind> into ...`.
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Go's field lookup: an exact key match wins, else a case-insensitive one. With several
/// keys naming the same field, the last one in the document is what Go keeps.
pub fn field<'a>(obj: &'a serde_json::Map<String, Value>, name: &str) -> Option<&'a Value> {
    obj.iter()
        .rev()
        .find(|(k, _)| k.as_str() == name || k.to_lowercase() == name.to_lowercase())
        .map(|(_, v)| v)
}

/// Formats a float as Go's encoding/json does (`80` for 80.0, `1e+21` from 1e21 up,
/// `1e-7` below 1e-6). This is the text Kubernetes' JSON decoder sees.
pub fn format_float(f: f64) -> String {
    let Some((negative, digits, exp)) = super::strconv::shortest_digits(f) else {
        return "0".to_string();
    };
    // `digits` × 10^(exp - digits.len()) is the value, with the shortest digits that
    // round-trip; Go prints the same digits, only the layout differs.
    let sign = if negative { "-" } else { "" };
    let abs = f.abs();
    if !(1e-6..1e21).contains(&abs) {
        // Exponent form, d.ddde±XX; Go's json writes e-7 rather than e-07.
        let e = exp - 1;
        let (first, rest) = digits.split_at(1);
        let mantissa = if rest.is_empty() {
            first.to_string()
        } else {
            format!("{first}.{rest}")
        };
        let e_sign = if e < 0 { '-' } else { '+' };
        let e_abs = e.unsigned_abs();
        if e >= 0 && e_abs < 10 {
            format!("{sign}{mantissa}e{e_sign}{e_abs:02}")
        } else {
            format!("{sign}{mantissa}e{e_sign}{e_abs}")
        }
    } else {
        super::strconv::plain_decimal(negative, &digits, exp)
    }
}

/// serde_json's compact text of a value: what `Value`'s `Display` (`v.to_string()`, `{}`)
/// prints, through the serializer the report's JSON already uses. `Display for Value` is never
/// used in the core (size budget: it links serde_json's writer twice more, compact and pretty).
pub fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Go's `json.Marshal` of a JSON value: compact, HTML-safe escaping (`<`, `>`, `&`,
/// U+2028, U+2029 as `\u` escapes), object keys in the stored order.
pub fn marshal(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, &mut out);
    out
}

fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(k, out);
                out.push(':');
                write_value(v, out);
            }
            out.push('}');
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `compact` prints what `Value`'s `Display` prints (serde_json's compact writer): unlike
    /// `marshal`, no HTML-safe escapes.
    #[test]
    fn compact_rows() {
        let rows: &[(Value, &str)] = &[
            (serde_json::json!(null), "null"),
            (serde_json::json!(8080), "8080"),
            (serde_json::json!(-1.5), "-1.5"),
            (serde_json::json!("a<b>&\"c\""), r#""a<b>&\"c\"""#),
            (
                serde_json::json!({"b": [1, true], "a": {}}),
                r#"{"b":[1,true],"a":{}}"#,
            ),
        ];
        for (value, want) in rows {
            assert_eq!(compact(value), *want, "{value:?}");
            assert_eq!(compact(value), value.to_string(), "{value:?}");
        }
    }

    #[test]
    fn syntax_rows() {
        let rows: &[(&str, Result<(), &str>)] = &[
            ("{\"auths\":{}}", Ok(())),
            ("  [1, -2.5e+3, true, null, \"a\\u00e9\"] ", Ok(())),
            ("", Err("unexpected end of JSON input")),
            ("{", Err("unexpected end of JSON input")),
            (
                "x",
                Err("invalid character 'x' looking for beginning of value"),
            ),
            (
                "{x}",
                Err("invalid character 'x' looking for beginning of object key string"),
            ),
            ("{\"a\" 1}", Err("invalid character '1' after object key")),
            (
                "{\"a\":1 \"b\"}",
                Err("invalid character '\"' after object key:value pair"),
            ),
            ("[1 2]", Err("invalid character '2' after array element")),
            (
                "{\"a\":1,}",
                Err("invalid character '}' looking for beginning of object key string"),
            ),
            (
                "[1,]",
                Err("invalid character ']' looking for beginning of value"),
            ),
            ("{} {}", Err("invalid character '{' after top-level value")),
            ("tru", Err("unexpected end of JSON input")),
            (
                "trux",
                Err("invalid character 'x' in literal true (expecting 'e')"),
            ),
            ("-x", Err("invalid character 'x' in numeric literal")),
            (
                "1.x",
                Err("invalid character 'x' after decimal point in numeric literal"),
            ),
            (
                "1ex",
                Err("invalid character 'x' in exponent of numeric literal"),
            ),
            (
                "\"\\x\"",
                Err("invalid character 'x' in string escape code"),
            ),
            ("\"\t\"", Err("invalid character '\\t' in string literal")),
            (
                "'a'",
                Err("invalid character '\\'' looking for beginning of value"),
            ),
        ];
        for (input, want) in rows {
            assert_eq!(
                check_valid(input),
                want.map_err(str::to_string),
                "{input:?}"
            );
        }
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let rows: &[(&str, &str)] = &[
            (r#""\ud800""#, "\u{fffd}"),
            (r#""\udc00x""#, "\u{fffd}x"),
            (r#""\ud83d\ude00""#, "\u{1f600}"),
            (r#""\ud800\u0041""#, "\u{fffd}A"),
            (r#""\ud800\ud800\udc00""#, "\u{fffd}\u{10000}"),
            (r#""\\ud800""#, "\\ud800"),
            (r#""a\"\ud800""#, "a\"\u{fffd}"),
        ];
        for (json, want) in rows {
            assert_eq!(parse(json), Ok(Value::String(want.to_string())), "{json}");
        }
        assert_eq!(parse("{\"a\":1,"), Err(UNEXPECTED_END.to_string()));
    }

    #[test]
    fn object_entries_keep_duplicates() {
        let e = object_entries(r#"{"a":1,"b":2,"a":3}"#).unwrap();
        let keys: Vec<&str> = e.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["a", "b", "a"]);
        assert_eq!(object_entries("[1]"), None);
    }

    #[test]
    fn field_lookup_is_case_insensitive() {
        let v: Value = serde_json::from_str(r#"{"USERNAME":"a","password":"b"}"#).unwrap();
        let obj = v.as_object().unwrap();
        assert_eq!(field(obj, "username"), Some(&Value::String("a".into())));
        assert_eq!(field(obj, "email"), None);
    }

    #[test]
    fn floats_encode_like_encoding_json() {
        assert_eq!(format_float(80.0), "80");
        assert_eq!(format_float(1e9), "1000000000");
        assert_eq!(format_float(1e21), "1e+21");
        assert_eq!(format_float(0.5), "0.5");
        assert_eq!(format_float(1.5e-7), "1.5e-7");
        assert_eq!(format_float(-80.5), "-80.5");
        assert_eq!(format_float(0.001), "0.001");
        assert_eq!(format_float(1e20), "100000000000000000000");
        assert_eq!(format_float(1.25e22), "1.25e+22");
        assert_eq!(format_float(1e100), "1e+100");
        assert_eq!(format_float(123456.789), "123456.789");
        assert_eq!(format_float(0.0), "0");
        assert_eq!(format_float(5e-324), "5e-324");
    }
}
