//! Go `encoding/json` behaviour that shows in Kubernetes' messages: the syntax check that runs
//! before decoding (`invalid character 'x' looking for beginning of value`,
//! `unexpected end of JSON input`), the names of JSON value kinds in type errors, and
//! `json.Marshal`'s text (floats, HTML-safe strings) where Kubernetes prints a value.
//!
//! Two dialects of the syntax check ([`Dialect`]): the classic decoder (sigs.k8s.io/json, the
//! API server's decoders) and `encoding/json` as Go 1.27 builds it (over json/v2, the
//! `jsonv2` experiment on by default), which the kubelet's credential code uses and which words
//! a few errors differently.

use serde_json::Value;

use super::strconv::quote as go_quote;

const UNEXPECTED_END: &str = "unexpected end of JSON input";
/// Nesting limit for the syntax check (Go's is 10000; this keeps the WebAssembly stack safe).
const MAX_DEPTH: usize = 512;

/// Which Go JSON decoder's syntax errors to reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// encoding/json v1's scanner (scanner.go), as sigs.k8s.io/json and the API server use it:
    /// a bad byte is quoted as a Latin-1 rune (`'Ã'` for the first byte of `é`).
    Classic,
    /// encoding/json over json/v2 (Go 1.27's default; v2_scanner.go `transformSyntacticError`,
    /// internal/jsonwire): the whole bad character is quoted (`'é'`, `'\u00a0'`), a control
    /// character is `in string`, a bad escape is `invalid escape sequence `\q` in string`, and
    /// every number error is `in numeric literal`.
    GoJsonV2,
}

/// Go's `strconv.QuoteRune`: how a character appears in a syntax error.
fn quote_rune(c: char) -> String {
    match c {
        '\'' => "'\\''".to_string(),
        '"' => "'\"'".to_string(),
        _ => {
            let quoted = go_quote(&c.to_string());
            format!("'{}'", &quoted[1..quoted.len() - 1])
        }
    }
}

/// jsonwire `InvalidTextError`'s rendering of the raw text of a bad escape: one character is
/// quoted as a rune, text with a backquote, space, unprintable or broken UTF-8 with
/// `strconv.Quote`, anything else between backquotes.
fn quote_text(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    if let (Ok(valid), 1) = (std::str::from_utf8(bytes), text.chars().count()) {
        return quote_rune(valid.chars().next().unwrap_or_default());
    }
    let escape = text
        .chars()
        .any(|c| c == '`' || c == '\u{fffd}' || c.is_whitespace() || !super::strconv::is_print(c));
    if escape {
        super::strconv::quote_bytes(bytes)
    } else {
        format!("`{text}`")
    }
}

struct Scanner<'a> {
    src: &'a [u8],
    pos: usize,
    depth: usize,
    dialect: Dialect,
    /// Byte ranges of the number literals seen, when asked for ([`number_literals`]).
    numbers: Option<Vec<std::ops::Range<usize>>>,
}

/// `json.Valid` with Go's error text for the first problem.
pub fn check_valid(text: &str) -> Result<(), String> {
    check_valid_as(text, Dialect::Classic)
}

/// [`check_valid`] with the given decoder's wording.
pub fn check_valid_as(text: &str, dialect: Dialect) -> Result<(), String> {
    Scanner::new(text, dialect).check()
}

/// [`check_valid`], and where valid the byte range of every number literal in document
/// order: Go decodes a number from its literal text (`1.0` does not fit an int32, `1e3` is a
/// number), which a YAML reading of the same text does not keep.
/// The error comes with the byte offset where the scanner stopped.
pub fn number_literals(
    text: &str,
    dialect: Dialect,
) -> Result<Vec<std::ops::Range<usize>>, (String, usize)> {
    let mut s = Scanner::new(text, dialect);
    s.numbers = Some(Vec::new());
    match s.check() {
        Ok(()) => Ok(s.numbers.unwrap_or_default()),
        Err(e) => Err((e, s.pos.saturating_sub(1))),
    }
}

impl Scanner<'_> {
    fn check(&mut self) -> Result<(), String> {
        let s = self;
        s.skip_space();
        s.value()?;
        s.skip_space();
        match s.peek() {
            None => Ok(()),
            Some(_) => {
                s.pos += 1;
                Err(s.invalid("after top-level value"))
            }
        }
    }
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, dialect: Dialect) -> Self {
        Scanner {
            src: text.as_bytes(),
            pos: 0,
            depth: 0,
            dialect,
            numbers: None,
        }
    }

    /// `invalid character X <context>` for the byte at `at` (the classic scanner quotes that
    /// byte as a Latin-1 rune; json/v2 quotes the whole character).
    fn invalid_at(&self, at: usize, context: &str) -> String {
        let b = self.src.get(at).copied().unwrap_or_default();
        let c = match self.dialect {
            Dialect::Classic => char::from(b),
            Dialect::GoJsonV2 => self
                .src
                .get(at..)
                .and_then(|rest| String::from_utf8_lossy(rest).chars().next())
                .unwrap_or_default(),
        };
        format!("invalid character {} {context}", quote_rune(c))
    }

    /// [`Self::invalid_at`] for the byte just read.
    fn invalid(&self, context: &str) -> String {
        self.invalid_at(self.pos.saturating_sub(1), context)
    }

    /// A number error: json/v2 words every one as `in numeric literal`.
    fn invalid_number(&self, classic_context: &str) -> String {
        match self.dialect {
            Dialect::Classic => self.invalid(classic_context),
            Dialect::GoJsonV2 => self.invalid("in numeric literal"),
        }
    }

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
        let start = self.pos;
        let number = match self.next()? {
            b'{' => return self.nested(Self::object),
            b'[' => return self.nested(Self::array),
            b'"' => return self.string(),
            b'-' => {
                let b = self.next()?;
                if !b.is_ascii_digit() {
                    return Err(self.invalid("in numeric literal"));
                }
                self.number(b)
            }
            b @ b'0'..=b'9' => self.number(b),
            b't' => return self.literal("true"),
            b'f' => return self.literal("false"),
            b'n' => return self.literal("null"),
            _ => return Err(self.invalid("looking for beginning of value")),
        };
        if let (Ok(()), Some(numbers)) = (&number, &mut self.numbers) {
            numbers.push(start..self.pos);
        }
        number
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
                _ => return Err(self.invalid("looking for beginning of object key string")),
            }
            self.skip_space();
            match self.next()? {
                b':' => {}
                _ => return Err(self.invalid("after object key")),
            }
            self.skip_space();
            self.value()?;
            self.skip_space();
            match self.next()? {
                b',' => self.skip_space(),
                b'}' => return Ok(()),
                _ => return Err(self.invalid("after object key:value pair")),
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
                _ => return Err(self.invalid("after array element")),
            }
        }
    }

    fn string(&mut self) -> Result<(), String> {
        loop {
            match self.next()? {
                b'"' => return Ok(()),
                b'\\' => self.escape()?,
                b if b < 0x20 => {
                    return Err(match self.dialect {
                        Dialect::Classic => self.invalid("in string literal"),
                        Dialect::GoJsonV2 => self.invalid("in string"),
                    })
                }
                _ => {}
            }
        }
    }

    /// The escape after a backslash just read.
    fn escape(&mut self) -> Result<(), String> {
        let start = self.pos - 1;
        let v2 = self.dialect == Dialect::GoJsonV2;
        // jsonwire names the escape's raw text: `\q`, or up to six bytes of a `\u` escape
        // (all that is left when the input ends first).
        let bad_escape = |end: usize, src: &[u8]| {
            let raw = src.get(start..end.min(src.len())).unwrap_or_default();
            format!("invalid escape sequence {} in string", quote_text(raw))
        };
        match self.next()? {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => Ok(()),
            b'u' if v2 => {
                let hex = self.src.get(self.pos..).unwrap_or_default();
                let available = hex.len().min(4);
                if hex[..available].iter().all(u8::is_ascii_hexdigit) {
                    if available < 4 {
                        return Err(UNEXPECTED_END.into());
                    }
                    self.pos += 4;
                    return Ok(());
                }
                Err(bad_escape(start + 6, self.src))
            }
            b'u' => {
                for _ in 0..4 {
                    let h = self.next()?;
                    if !h.is_ascii_hexdigit() {
                        return Err(self.invalid("in \\u hexadecimal character escape"));
                    }
                }
                Ok(())
            }
            _ if v2 => Err(bad_escape(start + 2, self.src)),
            _ => Err(self.invalid("in string escape code")),
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
                return Err(self.invalid_number("after decimal point in numeric literal"));
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
                return Err(self.invalid_number("in exponent of numeric literal"));
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
                let expecting = quote_rune(char::from(expected));
                return Err(self.invalid(&format!("in literal {word} (expecting {expecting})")));
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
    parse_as(text, Dialect::Classic)
}

/// [`parse`] with the given decoder's syntax wording.
pub fn parse_as(text: &str, dialect: Dialect) -> Result<Value, String> {
    check_valid_as(text, dialect)?;
    value_of(text)
}

/// The value of a piece of valid JSON text (lone surrogates as U+FFFD).
fn value_of(text: &str) -> Result<Value, String> {
    let text = replace_lone_surrogates(text);
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// The entries of a top-level JSON object in document order, duplicate keys included (Go
/// decodes each one in turn into the same struct field or map). None when the text is not
/// a valid object. (Each member is cut out with the syntax scanner and parsed as a
/// `serde_json::Value`: a serde visitor of our own would link serde's type-error text and
/// the float formatter with it, see ARCHITECTURE.md "Size budget".)
pub fn object_entries(text: &str) -> Option<Vec<(String, Value)>> {
    object_members(text)?
        .into_iter()
        .map(|(k, raw)| Some((k, value_of(raw).ok()?)))
        .collect()
}

/// The members of a valid JSON object as (key, the value's raw text), in document order with
/// duplicate keys, for decoders that must see each value as Go does, one after the other.
/// None when `text` is not a valid object.
pub fn object_members(text: &str) -> Option<Vec<(String, &str)>> {
    check_valid(text).ok()?;
    let mut s = Scanner::new(text, Dialect::Classic);
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
        let key = value_of(text.get(key_start..s.pos)?).ok()?;
        s.skip_space();
        s.next().ok()?; // ':'
        s.skip_space();
        let value_start = s.pos;
        s.value().ok()?;
        out.push((key.as_str()?.to_string(), text.get(value_start..s.pos)?));
        s.skip_space();
        match s.next().ok()? {
            b',' => s.skip_space(),
            _ => return Some(out),
        }
    }
}

/// The raw text of each element of a valid JSON array, in order; None when `text` is not a
/// valid array.
pub fn array_items(text: &str) -> Option<Vec<&str>> {
    check_valid(text).ok()?;
    let mut s = Scanner::new(text, Dialect::Classic);
    s.skip_space();
    if s.next().ok()? != b'[' {
        return None;
    }
    let mut out = Vec::new();
    s.skip_space();
    if s.peek() == Some(b']') {
        return Some(out);
    }
    loop {
        let start = s.pos;
        s.value().ok()?;
        out.push(text.get(start..s.pos)?);
        s.skip_space();
        match s.next().ok()? {
            b',' => s.skip_space(),
            _ => return Some(out),
        }
    }
}

/// The kind Go names for the raw text of a valid JSON value (its first byte decides).
pub fn raw_kind(raw: &str) -> &'static str {
    match raw.trim_start().bytes().next() {
        Some(b'{') => "object",
        Some(b'[') => "array",
        Some(b'"') => "string",
        Some(b't' | b'f') => "bool",
        Some(b'n') => "null",
        _ => "number",
    }
}

/// The string a raw JSON string literal holds (None for any other kind of value).
pub fn raw_string(raw: &str) -> Option<String> {
    match value_of(raw).ok()? {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// Go's case-insensitive match of a JSON member name with a struct field name (encoding/json
/// `foldName`: Unicode simple folding, so `ſ` matches `s` and the Kelvin sign `k`).
pub fn names_match(key: &str, field: &str) -> bool {
    fn fold(c: char) -> char {
        match c {
            '\u{17f}' => 's',
            '\u{212a}' => 'k',
            '\u{212b}' => '\u{e5}',
            _ => c.to_lowercase().next().unwrap_or(c),
        }
    }
    key == field
        || (key.chars().count() == field.chars().count()
            && key
                .chars()
                .zip(field.chars())
                .all(|(a, b)| fold(a) == fold(b)))
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
        .find(|(k, _)| names_match(k, name))
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
