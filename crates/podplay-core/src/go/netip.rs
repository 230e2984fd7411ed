//! Go's `net/netip.ParseAddr` (Go ≥ 1.22 wording), reduced to what `net/url` needs for a
//! bracketed host (IPv4 or IPv6, or Go's error text: `ParseAddr("1.2.3"): IPv4 address too
//! short`) and what strict IP validation needs (`Addr.Is4In6`).

use super::strconv::quote_bytes as go_quote;

/// What kind of address `netip.ParseAddr` found.
#[derive(Debug, PartialEq, Eq)]
pub enum IpKind {
    V4,
    V6,
}

/// Go strings are bytes: a host decoded from `%XX` escapes may hold bytes that are not UTF-8,
/// and ParseAddr's error quotes them as `\xdb`, so the parser reads bytes.
fn addr_error(input: &[u8], msg: &str, at: Option<&[u8]>) -> String {
    match at {
        Some(at) => format!(
            "ParseAddr({}): {msg} (at {})",
            go_quote(input),
            go_quote(at)
        ),
        None => format!("ParseAddr({}): {msg}", go_quote(input)),
    }
}

/// `netip.ParseAddr`, reduced to what a bracketed host needs: is it IPv4, IPv6, or neither
/// (with Go's error text). The first `.`, `:` or `%` decides which parser runs.
pub fn parse_addr(s: &str) -> Result<IpKind, String> {
    parse_addr_raw(s.as_bytes())
}

/// [`parse_addr`] of a Go string's bytes (not necessarily UTF-8).
pub fn parse_addr_raw(s: &[u8]) -> Result<IpKind, String> {
    parse_addr_bytes(s).map(|(kind, _)| kind)
}

/// `netip.ParseAddr` with the address: an IPv4 address is in the last 4 of the 16 bytes.
fn parse_addr_bytes(s: &[u8]) -> Result<(IpKind, [u8; 16]), String> {
    for &c in s {
        match c {
            b'.' => {
                let mut ip = [0u8; 16];
                ip[12..].copy_from_slice(&parse_ipv4_fields(s, s)?);
                return Ok((IpKind::V4, ip));
            }
            b':' => return parse_ipv6(s).map(|ip| (IpKind::V6, ip)),
            b'%' => return Err(addr_error(s, "missing IPv6 address", None)),
            _ => {}
        }
    }
    Err(addr_error(s, "unable to parse IP", None))
}

/// `netip.ParseAddr(s)` succeeds and `Addr.Is4In6()`: an IPv6 address of the form
/// `::ffff:a.b.c.d` (in any spelling, `::ffff:102:304` too).
pub fn is_4in6(s: &str) -> bool {
    matches!(parse_addr_bytes(s.as_bytes()), Ok((IpKind::V6, ip))
        if ip[..10].iter().all(|&b| b == 0) && ip[10] == 0xff && ip[11] == 0xff)
}

/// `netip.ParseAddr(s).String()` (None when ParseAddr refuses `s`): IPv4 dotted, IPv6 in
/// RFC 5952 form (lower-case hex, the first longest run of two or more zero groups as `::`),
/// `::ffff:a.b.c.d` for an IPv4-mapped address, then the zone.
pub fn addr_string(s: &str) -> Option<String> {
    let (kind, ip) = parse_addr_bytes(s.as_bytes()).ok()?;
    let zone = s
        .split_once('%')
        .map_or(String::new(), |(_, z)| format!("%{z}"));
    Some(match kind {
        IpKind::V4 => dotted(&ip[12..]),
        IpKind::V6 if is_4in6(s) => format!("::ffff:{}{zone}", dotted(&ip[12..])),
        IpKind::V6 => format!("{}{zone}", rfc5952(&ip)),
    })
}

/// `net.IP.String()` of the 16 bytes of an address: an IPv4-mapped one prints as IPv4.
pub fn net_ip_string(s: &str) -> Option<String> {
    let (kind, ip) = parse_addr_bytes(s.as_bytes()).ok()?;
    Some(if kind == IpKind::V4 || is_4in6(s) {
        dotted(&ip[12..])
    } else {
        rfc5952(&ip)
    })
}

fn dotted(b: &[u8]) -> String {
    format!("{}.{}.{}.{}", b[0], b[1], b[2], b[3])
}

/// Go's `string6` / `net.IP.String` for IPv6.
fn rfc5952(ip: &[u8; 16]) -> String {
    let group = |i: usize| u16::from_be_bytes([ip[2 * i], ip[2 * i + 1]]);
    let (mut zero_start, mut zero_end) = (8, 8);
    let mut i = 0;
    while i < 8 {
        let mut j = i;
        while j < 8 && group(j) == 0 {
            j += 1;
        }
        if j - i >= 2 && j - i > zero_end - zero_start {
            (zero_start, zero_end) = (i, j);
        }
        i = j.max(i + 1);
    }
    let mut out = String::new();
    let mut i = 0;
    while i < 8 {
        if i == zero_start {
            out.push_str("::");
            i = zero_end;
            if i >= 8 {
                break;
            }
        } else if i > 0 {
            out.push(':');
        }
        out.push_str(&format!("{:x}", group(i)));
        i += 1;
    }
    out
}

/// `parseIPv4Fields`: scans `part` (a slice of `whole`) byte by byte; errors name `whole`.
fn parse_ipv4_fields(whole: &[u8], part: &[u8]) -> Result<[u8; 4], String> {
    let bytes = part;
    let mut out = [0u8; 4];
    let (mut value, mut dots, mut digits) = (0u32, 0, 0);
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            if digits == 1 && value == 0 {
                return Err(addr_error(
                    whole,
                    "IPv4 field has octet with leading zero",
                    None,
                ));
            }
            value = value * 10 + u32::from(b - b'0');
            digits += 1;
            if value > 255 {
                return Err(addr_error(whole, "IPv4 field has value >255", None));
            }
            out[dots] = value as u8;
        } else if b == b'.' {
            if i == 0 || i == bytes.len() - 1 || bytes[i - 1] == b'.' {
                return Err(addr_error(
                    whole,
                    "IPv4 field must have at least one digit",
                    Some(&part[i..]),
                ));
            }
            if dots == 3 {
                return Err(addr_error(whole, "IPv4 address too long", None));
            }
            dots += 1;
            value = 0;
            digits = 0;
        } else {
            return Err(addr_error(
                whole,
                "unexpected character",
                part.get(i..).or(Some(&[][..])),
            ));
        }
    }
    if dots < 3 {
        return Err(addr_error(whole, "IPv4 address too short", None));
    }
    Ok(out)
}

/// `parseIPv6`: hex groups of at most 4 digits separated by `:`, one `::`, an optional
/// trailing dotted IPv4 in place of the last two groups, and an optional non-empty `%zone`.
fn parse_ipv6(input: &[u8]) -> Result<[u8; 16], String> {
    let err = |msg: &str, at: Option<&[u8]>| Err(addr_error(input, msg, at));
    let (mut s, zone) = match input.iter().position(|&b| b == b'%') {
        Some(i) => (&input[..i], Some(&input[i + 1..])),
        None => (input, None),
    };
    if zone.is_some_and(<[u8]>::is_empty) {
        return err("zone must be a non-empty string", None);
    }
    let mut ip = [0u8; 16];
    // Where the `::` stands (bytes filled before it), if there is one.
    let mut ellipsis: Option<usize> = None;
    if let Some(rest) = s.strip_prefix(b"::".as_slice()) {
        ellipsis = Some(0);
        s = rest;
        if s.is_empty() {
            return Ok(ip);
        }
    }
    // Bytes of the 16-byte address filled so far.
    let mut filled = 0;
    while filled < 16 {
        let hex_len = s.iter().take_while(|b| b.is_ascii_hexdigit()).count();
        if hex_len > 4 {
            return err("each group must have 4 or less digits", Some(s));
        }
        if hex_len == 0 {
            return err(
                "each colon-separated field must have at least one digit",
                Some(s),
            );
        }
        if s.get(hex_len) == Some(&b'.') {
            if ellipsis.is_none() && filled != 12 {
                return err(
                    "embedded IPv4 address must replace the final 2 fields of the address",
                    Some(s),
                );
            }
            if filled + 4 > 16 {
                return err(
                    "too many hex fields to fit an embedded IPv4 at the end of the address",
                    Some(s),
                );
            }
            let v4 = parse_ipv4_fields(input, s)?;
            ip[filled..filled + 4].copy_from_slice(&v4);
            s = &[];
            filled += 4;
            break;
        }
        let group = s[..hex_len].iter().fold(0u16, |g, &b| {
            g << 4 | (b as char).to_digit(16).unwrap_or(0) as u16
        });
        ip[filled..filled + 2].copy_from_slice(&group.to_be_bytes());
        filled += 2;
        s = &s[hex_len..];
        if s.is_empty() {
            break;
        }
        if s.first() != Some(&b':') {
            return err("unexpected character, want colon", Some(s));
        }
        if s.len() == 1 {
            return err("colon must be followed by more characters", Some(s));
        }
        s = &s[1..];
        if s.first() == Some(&b':') {
            if ellipsis.is_some() {
                return err("multiple :: in address", Some(s));
            }
            ellipsis = Some(filled);
            s = &s[1..];
            if s.is_empty() {
                break;
            }
        }
    }
    if !s.is_empty() {
        return err("trailing garbage after address", Some(s));
    }
    match ellipsis {
        None if filled < 16 => err("address string too short", None),
        Some(_) if filled == 16 => err("the :: must expand to at least one field of zeros", None),
        // The groups after `::` move to the end; the gap is zeros.
        Some(at) => {
            let gap = 16 - filled;
            ip.copy_within(at..filled, at + gap);
            ip[at..at + gap].fill(0);
            Ok(ip)
        }
        None => Ok(ip),
    }
}
