//! The part of Go's `net/url.Parse` (and `net.SplitHostPort`) that registry keys go through.
//!
//! Kubernetes parses every config key and every image as `https://<text>` and reads the host,
//! port and path; the quirks that follow (`?` starts a query, `[` must open an IPv6 literal,
//! `%zz` is an invalid escape) come from here. Error texts are Go's
//! (`parse "https://r[0-9].io": invalid IP-literal`).

use super::netip::{parse_addr_raw, IpKind};
use super::strconv::{quote as go_quote, quote_bytes as go_quote_bytes};
use crate::versions::Version;

/// The fields of Go's `url.URL` that matter here.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoUrl {
    pub scheme: String,
    pub opaque: String,
    pub has_user: bool,
    /// Host with port, after unescaping.
    pub host: String,
    /// Path after unescaping.
    pub path: String,
    pub raw_query: String,
    pub fragment: String,
}

/// How strictly a host is checked, by the Go release a Kubernetes version is built with
/// (`.go-version` of each tree: 1.24.6 for v1.33.5, 1.24.9 for v1.34.2, 1.25.7 for v1.35.2,
/// 1.26.4 for v1.36.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colons {
    /// Go < 1.24.8 (Kubernetes 1.33): no IP-literal checks (CVE-2025-47912, fixed in Go
    /// 1.24.8/1.25.2, and CVE-2026-25679, Go 1.25.8/1.26.1): a `[` that does not start the host
    /// is plain text, and the text of `[...]` need not be an IPv6 address. Colons as `Lenient`.
    Unchecked,
    /// Go ≤ 1.25 (Kubernetes 1.34, 1.35) with both IP-literal checks (as the Go 1.27.3 that
    /// computed the 1.35 conformance cases): only the text after the LAST colon must be a port.
    Lenient,
    /// Go ≥ 1.26 (Kubernetes ≥ 1.36): the text after the FIRST colon must be a port (`::1` fails).
    Strict,
}

impl Colons {
    /// The rules of the Go release `version` is built with (behaviour rows
    /// `GoURLChecksIPLiterals` and `GoURLStrictColons`).
    pub fn for_version(version: Version) -> Colons {
        if version.behaviour("GoURLStrictColons") {
            Colons::Strict
        } else if version.behaviour("GoURLChecksIPLiterals") {
            Colons::Lenient
        } else {
            Colons::Unchecked
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Path,
    Host,
    Zone,
    UserPassword,
    Fragment,
}

/// `url.Parse(raw)`; errors read `parse "<raw>": <reason>`.
pub fn parse(raw: &str, colons: Colons) -> Result<GoUrl, String> {
    let (before_fragment, fragment) = match raw.split_once('#') {
        Some((u, f)) => (u, Some(f)),
        None => (raw, None),
    };
    let mut url = parse_without_fragment(before_fragment, colons)
        .map_err(|e| format!("parse {}: {e}", go_quote(before_fragment)))?;
    if let Some(f) = fragment {
        url.fragment =
            unescape(f, Mode::Fragment).map_err(|e| format!("parse {}: {e}", go_quote(raw)))?;
    }
    Ok(url)
}

fn parse_without_fragment(raw: &str, colons: Colons) -> Result<GoUrl, String> {
    if raw.bytes().any(|b| b < 0x20 || b == 0x7f) {
        return Err("net/url: invalid control character in URL".into());
    }
    let mut url = GoUrl::default();
    if raw == "*" {
        url.path = "*".into();
        return Ok(url);
    }
    let (scheme, rest) = split_scheme(raw)?;
    url.scheme = scheme.to_lowercase();
    let mut rest = rest.to_string();
    if rest.ends_with('?') && rest.matches('?').count() == 1 {
        rest.pop();
    } else if let Some((r, q)) = rest.clone().split_once('?') {
        rest = r.to_string();
        url.raw_query = q.to_string();
    }
    if !rest.starts_with('/') {
        if !url.scheme.is_empty() {
            url.opaque = rest;
            return Ok(url);
        }
        if rest.split('/').next().unwrap_or("").contains(':') {
            return Err("first path segment in URL cannot contain colon".into());
        }
    }
    if (!url.scheme.is_empty() || !rest.starts_with("///")) && rest.starts_with("//") {
        let after = &rest[2..];
        let (authority, path) = match after.find('/') {
            Some(i) => (&after[..i], &after[i..]),
            None => (after, ""),
        };
        let (has_user, host) = parse_authority(authority, colons)?;
        url.has_user = has_user;
        url.host = host;
        rest = path.to_string();
    }
    url.path = unescape(&rest, Mode::Path)?;
    Ok(url)
}

/// `getScheme`: `[a-zA-Z][a-zA-Z0-9+-.]*:`.
fn split_scheme(raw: &str) -> Result<(&str, &str), String> {
    for (i, c) in raw.char_indices() {
        match c {
            'a'..='z' | 'A'..='Z' => {}
            '0'..='9' | '+' | '-' | '.' if i > 0 => {}
            ':' if i == 0 => return Err("missing protocol scheme".into()),
            ':' => return Ok((&raw[..i], &raw[i + 1..])),
            _ => return Ok(("", raw)),
        }
    }
    Ok(("", raw))
}

fn parse_authority(authority: &str, colons: Colons) -> Result<(bool, String), String> {
    let Some(at) = authority.rfind('@') else {
        return Ok((false, parse_host(authority, colons)?));
    };
    let host = parse_host(&authority[at + 1..], colons)?;
    let userinfo = &authority[..at];
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._:~!$&'()*+,;=%@".contains(c);
    if !userinfo.chars().all(allowed) {
        return Err("net/url: invalid userinfo".into());
    }
    for part in userinfo.splitn(2, ':') {
        unescape(part, Mode::UserPassword)?;
    }
    Ok((true, host))
}

fn valid_optional_port(port: &str) -> bool {
    port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
}

fn invalid_port(port: &str) -> String {
    format!("invalid port {} after host", go_quote(port))
}

/// `parseHost`, including the IP-literal checks of current Go (a `[` anywhere but first is an
/// error; the bracketed text must be an IPv6 address).
fn parse_host(host: &str, colons: Colons) -> Result<String, String> {
    if colons == Colons::Unchecked {
        return parse_host_unchecked(host);
    }
    if let Some(open) = host.rfind('[') {
        if open > 0 {
            return Err("invalid IP-literal".into());
        }
        let Some(close) = host.rfind(']') else {
            return Err("missing ']' in host".into());
        };
        let colon_port = &host[close + 1..];
        if !valid_optional_port(colon_port) {
            return Err(invalid_port(colon_port));
        }
        let port = unescape(colon_port, Mode::Host)?;
        let inside = &host[1..close];
        // The address as Go's bytes: an escape may decode to a byte that is not UTF-8.
        let address = match inside.find("%25") {
            Some(z) => {
                let mut a = unescape_bytes(&inside[..z], Mode::Host)?;
                a.extend(unescape_bytes(&inside[z..], Mode::Zone)?);
                a
            }
            None => unescape_bytes(inside, Mode::Host)?,
        };
        match parse_addr_raw(&address) {
            Err(e) => return Err(format!("invalid host: {e}")),
            Ok(IpKind::V4) => return Err("invalid IP-literal".into()),
            Ok(IpKind::V6) => {}
        }
        return Ok(format!("[{}]{port}", String::from_utf8_lossy(&address)));
    }
    let colon = match colons {
        Colons::Lenient | Colons::Unchecked => host.rfind(':'),
        Colons::Strict => host.find(':'),
    };
    if let Some(i) = colon {
        if !valid_optional_port(&host[i..]) {
            return Err(invalid_port(&host[i..]));
        }
    }
    unescape(host, Mode::Host)
}

/// Go < 1.24.8's `parseHost`: a host starting with `[` needs a `]` and a valid port after
/// it, and only its zone (`%25...`) is unescaped on its own; anything else is checked for a
/// port after the last colon.
fn parse_host_unchecked(host: &str) -> Result<String, String> {
    if host.starts_with('[') {
        let Some(close) = host.rfind(']') else {
            return Err("missing ']' in host".into());
        };
        let colon_port = &host[close + 1..];
        if !valid_optional_port(colon_port) {
            return Err(invalid_port(colon_port));
        }
        if let Some(zone) = host[..close].find("%25") {
            return Ok(unescape(&host[..zone], Mode::Host)?
                + &unescape(&host[zone..close], Mode::Zone)?
                + &unescape(&host[close..], Mode::Host)?);
        }
    } else if let Some(i) = host.rfind(':') {
        if !valid_optional_port(&host[i..]) {
            return Err(invalid_port(&host[i..]));
        }
    }
    unescape(host, Mode::Host)
}

fn should_escape(c: u8, mode: Mode) -> bool {
    if c.is_ascii_alphanumeric() {
        return false;
    }
    if matches!(mode, Mode::Host | Mode::Zone) && b"!$&'()*+,;=:[]<>\"".contains(&c) {
        return false;
    }
    match c {
        b'-' | b'_' | b'.' | b'~' => false,
        b'$' | b'&' | b'+' | b',' | b'/' | b':' | b';' | b'=' | b'?' | b'@' => match mode {
            Mode::Path => c == b'?',
            Mode::UserPassword => matches!(c, b'@' | b'/' | b'?' | b':'),
            Mode::Fragment => false,
            Mode::Host | Mode::Zone => true,
        },
        b'!' | b'(' | b')' | b'*' if mode == Mode::Fragment => false,
        _ => true,
    }
}

fn hex_value(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// `unescape`: checks `%XX` sequences (and, in a host, the allowed characters), then decodes.
fn unescape(s: &str, mode: Mode) -> Result<String, String> {
    unescape_bytes(s, mode).map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// [`unescape`] to the bytes Go's string holds.
fn unescape_bytes(s: &str, mode: Mode) -> Result<Vec<u8>, String> {
    let bytes = s.as_bytes();
    let escape_error = |from: usize| {
        let end = (from + 3).min(bytes.len());
        format!("invalid URL escape {}", go_quote_bytes(&bytes[from..end]))
    };
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).copied().and_then(hex_value),
                bytes.get(i + 2).copied().and_then(hex_value),
            ) else {
                return Err(escape_error(i));
            };
            let is_25 = hi == 2 && lo == 5;
            if mode == Mode::Host && hi < 8 && !is_25 {
                return Err(escape_error(i));
            }
            let v = hi << 4 | lo;
            if mode == Mode::Zone && !is_25 && v != b' ' && should_escape(v, Mode::Host) {
                return Err(escape_error(i));
            }
            out.push(v);
            i += 3;
            continue;
        }
        if matches!(mode, Mode::Host | Mode::Zone) && b < 0x80 && should_escape(b, mode) {
            return Err(format!(
                "invalid character {} in host name",
                go_quote_bytes(&[b])
            ));
        }
        out.push(b);
        i += 1;
    }
    Ok(out)
}

/// `net.SplitHostPort`; Kubernetes treats any error as "no port".
pub fn split_host_port(hostport: &str) -> Option<(String, String)> {
    let last_colon = hostport.rfind(':')?;
    let (host, after_host) = if hostport.starts_with('[') {
        let end = hostport.find(']')?;
        if end + 1 != last_colon {
            return None;
        }
        (&hostport[1..end], end + 1)
    } else {
        let host = &hostport[..last_colon];
        if host.contains(':') {
            return None;
        }
        (host, 0)
    };
    let start = usize::from(hostport.starts_with('['));
    if hostport[start..].contains('[') || hostport[after_host..].contains(']') {
        return None;
    }
    Some((host.to_string(), hostport[last_colon + 1..].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_rows() {
        // (input, host, path, query) or error text.
        type Row<'a> = (&'a str, Result<(&'a str, &'a str, &'a str), &'a str>);
        let rows: &[Row] = &[
            ("https://x.io", Ok(("x.io", "", ""))),
            ("https://x.io/v1/", Ok(("x.io", "/v1/", ""))),
            ("https://user@x.io/a", Ok(("x.io", "/a", ""))),
            ("https://x.io/team?x=1", Ok(("x.io", "/team", "x=1"))),
            ("https://r?.io", Ok(("r", "", ".io"))),
            ("https://[::1]:5000/a", Ok(("[::1]:5000", "/a", ""))),
            ("https://::1/a", Ok(("::1", "/a", ""))),
            ("https://x.io:/a", Ok(("x.io:", "/a", ""))),
            (
                "https://r[0-9].io",
                Err("parse \"https://r[0-9].io\": invalid IP-literal"),
            ),
            (
                "https://r\\.io",
                Err("parse \"https://r\\\\.io\": invalid character \"\\\\\" in host name"),
            ),
            (
                "https://x.io/%zz",
                Err("parse \"https://x.io/%zz\": invalid URL escape \"%zz\""),
            ),
            (
                "https://x.io:abc",
                Err("parse \"https://x.io:abc\": invalid port \":abc\" after host"),
            ),
            (
                "https://[1.2.3.4]/",
                Err("parse \"https://[1.2.3.4]/\": invalid IP-literal"),
            ),
            (
                "https://[::1",
                Err("parse \"https://[::1\": missing ']' in host"),
            ),
            (
                "https://a{b}/",
                Err("parse \"https://a{b}/\": invalid character \"{\" in host name"),
            ),
            (
                "https://ü@example.com/",
                Err("parse \"https://ü@example.com/\": net/url: invalid userinfo"),
            ),
            (
                "https://x.io/\u{1}",
                Err("parse \"https://x.io/\\x01\": net/url: invalid control character in URL"),
            ),
        ];
        for (input, want) in rows {
            let got = parse(input, Colons::Lenient).map(|u| (u.host, u.path, u.raw_query));
            let want = want
                .map(|(h, p, q)| (h.to_string(), p.to_string(), q.to_string()))
                .map_err(str::to_string);
            assert_eq!(got, want, "{input}");
        }
    }

    /// IP literals per Go generation: Kubernetes 1.33 (Go 1.24.6) checks none of them.
    #[test]
    fn ip_literal_rows_per_version() {
        // (input, 1.33, 1.34 and 1.35) as Ok(host) or Err(text)
        let rows: &[(&str, Result<&str, &str>, Result<&str, &str>)] = &[
            ("https://r[0-9].io", Ok("r[0-9].io"), Err("parse \"https://r[0-9].io\": invalid IP-literal")),
            ("https://[abc]:5000", Ok("[abc]:5000"), Err("parse \"https://[abc]:5000\": invalid host: ParseAddr(\"abc\"): unable to parse IP")),
            ("https://[1.2.3.4]", Ok("[1.2.3.4]"), Err("parse \"https://[1.2.3.4]\": invalid IP-literal")),
            ("https://[::1]:5000", Ok("[::1]:5000"), Ok("[::1]:5000")),
            ("https://[::1]x", Err("parse \"https://[::1]x\": invalid port \"x\" after host"), Err("parse \"https://[::1]x\": invalid port \"x\" after host")),
            ("https://[::1", Err("parse \"https://[::1\": missing ']' in host"), Err("parse \"https://[::1\": missing ']' in host")),
        ];
        for (input, old, new) in rows {
            for minor in 33..=35 {
                let want = if minor == 33 { old } else { new };
                let colons = Colons::for_version(Version::new(1, minor));
                let got = parse(input, colons).map(|u| u.host);
                assert_eq!(
                    got.as_deref().map_err(String::as_str),
                    *want,
                    "1.{minor} {input}"
                );
            }
        }
    }

    #[test]
    fn strict_colons_reject_bare_ipv6() {
        assert_eq!(
            parse("https://::1", Colons::Strict).unwrap_err(),
            "parse \"https://::1\": invalid port \"::1\" after host"
        );
        assert!(parse("https://x.io:5000", Colons::Strict).is_ok());
    }

    #[test]
    fn split_host_port_rows() {
        let rows: &[(&str, Option<(&str, &str)>)] = &[
            ("x.io:5000", Some(("x.io", "5000"))),
            ("x.io", None),
            ("x.io:", Some(("x.io", ""))),
            ("::1", None),
            ("[::1]:5000", Some(("::1", "5000"))),
            ("[::1]", None),
        ];
        for (input, want) in rows {
            let got = split_host_port(input);
            assert_eq!(
                got,
                want.map(|(h, p)| (h.to_string(), p.to_string())),
                "{input}"
            );
        }
    }
}
