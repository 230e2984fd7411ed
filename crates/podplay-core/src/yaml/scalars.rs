//! YAML 1.1 scalars as go-yaml v2 resolves them.

use super::Value;
use saphyr_parser::ScalarStyle;

/// Resolves a scalar the go-yaml v2 way (YAML 1.1 style), `text` being the scalar's text.
///
/// With an explicit tag (resolve.go `resolve`, decode.go `scalar`): `!!str` keeps the text;
/// `!!binary` is base64-decoded and its bytes become text as encoding/json writes a Go string
/// (one U+FFFD per invalid byte); `!!int`, `!!float`, `!!bool` and `!!null` resolve the text,
/// quoted or not, and must get that kind (`!!float` also takes an integer); any other tag
/// (`!custom`) keeps the text. Errors are go-yaml's.
pub fn resolve_scalar(text: &str, style: ScalarStyle, tag: Option<&str>) -> Result<Value, String> {
    let Some(tag) = tag else {
        return Ok(if style == ScalarStyle::Plain {
            resolve_plain(text)
        } else {
            Value::Str(text.to_string())
        });
    };
    let short = tag
        .strip_prefix("tag:yaml.org,2002:")
        .or_else(|| tag.strip_prefix("!!"));
    let want = match short {
        Some("binary") => {
            return match crate::go::base64::decode(text, true) {
                Ok(bytes) => Ok(Value::Str(crate::credentials::dockerconfig::go_lossy_utf8(
                    &bytes,
                ))),
                Err(_) => Err("!!binary value contains invalid base64 data".into()),
            }
        }
        Some(t @ ("int" | "float" | "bool" | "null")) => t,
        _ => return Ok(Value::Str(text.to_string())),
    };
    let resolved = resolve_plain(text);
    let got = match &resolved {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Int(_) => "int",
        Value::Float(_) => "float",
        _ => "str",
    };
    match (want, resolved) {
        (w, v) if w == got => Ok(v),
        ("float", Value::Int(i)) => Ok(Value::Float(i as f64)),
        _ => Err(format!("cannot decode !!{got} `{text}` as a !!{want}")),
    }
}

/// The go-yaml v2 resolution table for plain scalars.
pub fn resolve_plain(s: &str) -> Value {
    resolve_plain_non_string(s).unwrap_or_else(|| Value::Str(s.to_string()))
}

/// [`resolve_plain`] when the scalar is a null, bool, int or float; None (and no allocation)
/// when it stays a string, as most scalars do.
pub fn resolve_plain_non_string(s: &str) -> Option<Value> {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Some(Value::Bool(true))
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Some(Value::Bool(false))
        }
        ".nan" | ".NaN" | ".NAN" => return Some(Value::Float(f64::NAN)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Some(Value::Float(f64::INFINITY))
        }
        "-.inf" | "-.Inf" | "-.INF" => return Some(Value::Float(f64::NEG_INFINITY)),
        _ => {}
    }
    let first = s.as_bytes()[0];
    if !(first.is_ascii_digit() || first == b'-' || first == b'+' || first == b'.') {
        return None;
    }
    let plain: std::borrow::Cow<str> = if s.contains('_') {
        s.replace('_', "").into()
    } else {
        s.into()
    };
    if let Some(i) = parse_go_int(&plain) {
        return Some(Value::Int(i));
    }
    if let Some(rest) = plain.strip_prefix("0b") {
        if let Ok(i) = i128::from_str_radix(rest, 2) {
            if i <= u64::MAX as i128 {
                return Some(Value::Int(i));
            }
        }
    }
    if let Some(rest) = plain.strip_prefix("-0b") {
        if let Ok(i) = i128::from_str_radix(rest, 2) {
            if i <= i64::MAX as i128 + 1 {
                return Some(Value::Int(-i));
            }
        }
    }
    if is_yaml_float(&plain) {
        if let Some(f) = parse_float(&plain) {
            return Some(Value::Float(f));
        }
    }
    None
}

/// Go's `strconv.ParseInt(s, 0, 64)` then `ParseUint(s, 0, 64)`: sign, `0x`, `0o`, `0b` and a
/// leading `0` for octal.
fn parse_go_int(s: &str) -> Option<i128> {
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if body.is_empty() {
        return None;
    }
    let (radix, digits) =
        if let Some(r) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            (16, r)
        } else if let Some(r) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
            (8, r)
        } else if let Some(r) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
            (2, r)
        } else if body.len() > 1 && body.starts_with('0') {
            (8, &body[1..])
        } else {
            (10, body)
        };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = i128::from_str_radix(digits, radix).ok()?;
    if neg {
        if magnitude <= i64::MAX as i128 + 1 {
            Some(-magnitude)
        } else {
            None
        }
    } else if magnitude <= u64::MAX as i128 {
        Some(magnitude)
    } else {
        None
    }
}

/// Parses text that matched the YAML float pattern. serde_json's number parser does the
/// work (the standard library's float parser would add its own 17 KB of tables to the
/// WebAssembly bundle); the text is first put in JSON's number syntax.
pub(crate) fn parse_float(text: &str) -> Option<f64> {
    let body = text.strip_prefix('+').unwrap_or(text);
    let (sign, body) = match body.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", body),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => body.split_at(i),
        None => (body, ""),
    };
    // JSON allows neither leading zeros (`089`) nor a bare `.5` or `1.`.
    let trimmed = mantissa.trim_start_matches('0');
    let mut json = String::with_capacity(text.len() + 2);
    json.push_str(sign);
    if trimmed.is_empty() || trimmed.starts_with('.') {
        json.push('0');
    }
    json.push_str(trimmed);
    if trimmed.ends_with('.') {
        json.push('0');
    }
    json.push_str(exponent);
    // Out of range (`1e400`): Go's ParseFloat fails, and go-yaml then keeps the text as a string.
    // Parsed as a `Value`, not a `Number`: `Number`'s visitor links serde's type-error text,
    // whose float case brings in the standard library's float formatter (~9 KB).
    match serde_json::from_str::<serde_json::Value>(&json) {
        Ok(serde_json::Value::Number(n)) => n.as_f64().filter(|f| f.is_finite()),
        _ => None,
    }
}

/// go-yaml v2's float pattern: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if int_digits == 0 && i == frac_start {
            return false;
        }
    } else if int_digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        let exp_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return false;
        }
    }
    i == b.len()
}
