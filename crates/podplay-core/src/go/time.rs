//! `metav1.Time` text: Go's `time.Parse(time.RFC3339, s)` (the generic parser, whose
//! messages Kubernetes returns as decode errors) and `MarshalJSON`'s
//! `t.UTC().Format(time.RFC3339)` (offsets folded into UTC, fractional seconds dropped).

const LAYOUT: &str = "2006-01-02T15:04:05Z07:00";

/// Parses like `time.Parse(time.RFC3339, value)` and returns the text Kubernetes writes
/// back (`null` for the zero time), or Go's `*time.ParseError` message.
pub fn rfc3339_roundtrip(value: &str) -> Result<Option<String>, String> {
    let t = parse(value)?;
    let secs = t.unix_seconds();
    if secs == ZERO_TIME_UNIX {
        return Ok(None); // metav1.Time.MarshalJSON: the zero time is null
    }
    Ok(Some(format_utc(secs)))
}

/// Seconds from 1970 of 0001-01-01T00:00:00Z.
const ZERO_TIME_UNIX: i64 = -62_135_596_800;

struct Parsed {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    offset: i64,
}

impl Parsed {
    fn unix_seconds(&self) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day);
        days * 86_400 + self.hour * 3600 + self.minute * 60 + self.second - self.offset
    }
}

/// Go's `quote` in time/format.go for ASCII text (the inputs here are JSON strings).
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c >= ' ' && c.is_ascii() => out.push(c),
            c => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
        }
    }
    out.push('"');
    out
}

fn cannot_parse(value: &str, rest: &str, elem: &str) -> String {
    format!(
        "parsing time {} as {}: cannot parse {} as {}",
        quote(value),
        quote(LAYOUT),
        quote(rest),
        quote(elem)
    )
}

fn message(value: &str, msg: &str) -> String {
    format!("parsing time {}{msg}", quote(value))
}

fn is_digit(s: &[u8], i: usize) -> bool {
    s.get(i).is_some_and(u8::is_ascii_digit)
}

/// `getnum`: one or two digits (exactly two when `fixed`).
fn getnum(s: &str, fixed: bool) -> Option<(i64, &str)> {
    let b = s.as_bytes();
    if !is_digit(b, 0) {
        return None;
    }
    let first = i64::from(b[0] - b'0');
    if !is_digit(b, 1) {
        return (!fixed).then(|| (first, &s[1..]));
    }
    Some((first * 10 + i64::from(b[1] - b'0'), &s[2..]))
}

/// `atoi` on the four year characters: optional sign, then digits only.
fn atoi(s: &str) -> Option<i64> {
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: i64 = digits.parse().ok()?;
    Some(if neg { -v } else { v })
}

fn parse(value: &str) -> Result<Parsed, String> {
    let mut rest = value;
    // Year: four characters, the first a digit.
    let year = match rest
        .get(..4)
        .filter(|y| y.as_bytes()[0].is_ascii_digit())
        .and_then(atoi)
    {
        Some(y) => y,
        None => return Err(cannot_parse(value, rest, "2006")),
    };
    rest = &rest[4..];
    let mut fields = [0i64; 5];
    // (literal before, element, fixed width, range name, limit)
    let steps: [(&str, &str, bool, &str, i64); 5] = [
        ("-", "01", true, "month", 13),
        ("-", "02", true, "", 100),
        ("T", "15", false, "hour", 24),
        (":", "04", true, "minute", 60),
        (":", "05", true, "second", 60),
    ];
    for (i, (lit, elem, fixed, range, limit)) in steps.iter().enumerate() {
        match rest.strip_prefix(lit) {
            Some(r) => rest = r,
            None => return Err(cannot_parse(value, rest, lit)),
        }
        let Some((n, after)) = getnum(rest, *fixed) else {
            return Err(cannot_parse(value, rest, elem));
        };
        let out_of_range = match *range {
            "month" => n == 0 || n >= *limit,
            "" => false,
            _ => n >= *limit,
        };
        if out_of_range {
            return Err(message(value, &format!(": {range} out of range")));
        }
        fields[i] = n;
        rest = after;
    }
    // A fractional second the layout does not name is accepted and ignored here.
    let b = rest.as_bytes();
    if b.len() >= 2 && (b[0] == b'.' || b[0] == b',') && is_digit(b, 1) {
        let n = (2..b.len()).find(|&i| !is_digit(b, i)).unwrap_or(b.len());
        rest = &rest[n..];
    }
    let (offset, after) = zone(rest).ok_or_else(|| cannot_parse(value, rest, "Z07:00"))?;
    let offset = offset.map_err(|m| message(value, &m))?;
    if !after.is_empty() {
        return Err(message(value, &format!(": extra text: {}", quote(after))));
    }
    let [month, day, hour, minute, second] = fields;
    if day < 1 || day > days_in(month, year) {
        return Err(message(value, ": day out of range"));
    }
    Ok(Parsed {
        year,
        month,
        day,
        hour,
        minute,
        second,
        offset,
    })
}

/// `Z07:00`: `Z`, or a sign, two hour digits, a colon and two minute digits. The outer
/// Result is the offset in seconds or a range message.
fn zone(s: &str) -> Option<(Result<i64, String>, &str)> {
    if let Some(rest) = s.strip_prefix('Z') {
        return Some((Ok(0), rest));
    }
    let b = s.as_bytes();
    if b.len() < 6 || b[3] != b':' {
        return None;
    }
    let hours = getnum(s.get(1..3)?, true)?.0;
    let minutes = getnum(s.get(4..6)?, true)?.0;
    let sign = match b[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let offset = if hours > 24 {
        Err(": time zone offset hour out of range".to_string())
    } else if minutes > 60 {
        Err(": time zone offset minute out of range".to_string())
    } else {
        Ok(sign * (hours * 3600 + minutes * 60))
    };
    Some((offset, &s[6..]))
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in(month: i64, year: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `t.UTC().Format(time.RFC3339)` for years 0..=9999 (Go pads the year to four digits).
fn format_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let in_day = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let year = if y < 0 {
        format!("-{:04}", -y)
    } else {
        format!("{y:04}")
    };
    format!(
        "{year}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        in_day / 3600,
        in_day % 3600 / 60,
        in_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_times_come_back_in_utc_without_fractions() {
        let rows = [
            ("2024-01-01T00:00:00Z", Some("2024-01-01T00:00:00Z")),
            ("2024-01-01T05:30:00+05:30", Some("2024-01-01T00:00:00Z")),
            ("2024-01-01T00:00:00-01:00", Some("2024-01-01T01:00:00Z")),
            ("2024-12-31T23:59:59.999Z", Some("2024-12-31T23:59:59Z")),
            ("2024-02-29T5:00:00Z", Some("2024-02-29T05:00:00Z")),
            ("0001-01-01T00:00:00Z", None),
        ];
        for (input, want) in rows {
            assert_eq!(
                rfc3339_roundtrip(input),
                Ok(want.map(str::to_string)),
                "{input}"
            );
        }
    }

    #[test]
    fn errors_are_go_parse_errors() {
        let l = "\"2006-01-02T15:04:05Z07:00\"";
        let rows = [
            (
                "yesterday",
                format!("parsing time \"yesterday\" as {l}: cannot parse \"yesterday\" as \"2006\""),
            ),
            (
                "2024-01-01",
                format!("parsing time \"2024-01-01\" as {l}: cannot parse \"\" as \"T\""),
            ),
            (
                "2024/01/01T00:00:00Z",
                format!(
                    "parsing time \"2024/01/01T00:00:00Z\" as {l}: cannot parse \"/01/01T00:00:00Z\" as \"-\""
                ),
            ),
            (
                "2024-13-01T00:00:00Z",
                "parsing time \"2024-13-01T00:00:00Z\": month out of range".to_string(),
            ),
            (
                "2023-02-29T00:00:00Z",
                "parsing time \"2023-02-29T00:00:00Z\": day out of range".to_string(),
            ),
            (
                "2024-01-01T24:00:00Z",
                "parsing time \"2024-01-01T24:00:00Z\": hour out of range".to_string(),
            ),
            (
                "2024-01-01T00:00:00",
                format!("parsing time \"2024-01-01T00:00:00\" as {l}: cannot parse \"\" as \"Z07:00\""),
            ),
            (
                "2024-01-01T00:00:00Zjunk",
                "parsing time \"2024-01-01T00:00:00Zjunk\": extra text: \"junk\"".to_string(),
            ),
        ];
        for (input, want) in rows {
            assert_eq!(rfc3339_roundtrip(input), Err(want), "{input}");
        }
    }
}
