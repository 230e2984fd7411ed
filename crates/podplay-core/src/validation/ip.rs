//! `IsValidIPForLegacyField` with `netutils.ParseIPSloppy` (Go 1.15 `net.ParseIP`, which accepts
//! leading zeros in IPv4 octets), and the stricter checks of the StrictIPCIDRValidation gate
//! (off through 1.35, on by default from 1.36).

use crate::field::{FieldError, Path};
use crate::go::netip;

/// `IsValidIPForLegacyField(path, value, strict, nil)` (apimachinery util/validation/ip.go
/// `parseIP`): an address ParseIPSloppy refuses is invalid; with `strict` (the
/// StrictIPCIDRValidation gate), one `netip.ParseAddr` refuses has leading 0s (the only text
/// ParseIPSloppy accepts and ParseAddr does not), and an IPv4-mapped IPv6 address is refused.
pub fn validate_ip_for_legacy_field(path: &Path, value: &str, strict: bool) -> Vec<FieldError> {
    if !parse_ip_sloppy(value) {
        return vec![FieldError::invalid(
            path,
            value,
            "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
        )];
    }
    let mut errs = Vec::new();
    if strict {
        if netip::parse_addr(value).is_err() {
            errs.push(FieldError::invalid(path, value, "must not have leading 0s"));
        }
        if netip::is_4in6(value) {
            errs.push(FieldError::invalid(
                path,
                value,
                "must not be an IPv4-mapped IPv6 address",
            ));
        }
    }
    errs
}

/// Whether Go 1.15's `net.ParseIP` accepts the text.
pub fn parse_ip_sloppy(s: &str) -> bool {
    if s.contains('.') && !s.contains(':') {
        return parse_ipv4(s);
    }
    if s.contains(':') {
        return parse_ipv6(s);
    }
    false
}

/// Four decimal octets, each ≤ 255; any number of leading zeros allowed (decimal, not octal:
/// k8s.io/utils/net parseIPv4's `dtoi` has no length limit, only the value one).
fn parse_ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.bytes()
                    .try_fold(0u32, |n, b| {
                        let n = n * 10 + u32::from(b - b'0');
                        (n <= 255).then_some(n)
                    })
                    .is_some()
        })
}

/// RFC 4291 text form: up to 8 groups of 1–4 hex digits, one `::`, optional trailing IPv4.
fn parse_ipv6(s: &str) -> bool {
    let (head, tail, has_ellipsis) = match s.find("::") {
        Some(i) => (&s[..i], &s[i + 2..], true),
        None => (s, "", false),
    };
    if has_ellipsis && tail.contains("::") {
        return false;
    }
    let count = |part: &str, allow_v4: bool| -> Option<usize> {
        if part.is_empty() {
            return Some(0);
        }
        let groups: Vec<&str> = part.split(':').collect();
        let mut n = 0;
        for (i, g) in groups.iter().enumerate() {
            let last = i + 1 == groups.len();
            if last && allow_v4 && g.contains('.') {
                if !parse_ipv4(g) {
                    return None;
                }
                n += 2;
            } else if !g.is_empty() && g.len() <= 4 && g.bytes().all(|b| b.is_ascii_hexdigit()) {
                n += 1;
            } else {
                return None;
            }
        }
        Some(n)
    };
    if has_ellipsis {
        match (count(head, false), count(tail, true)) {
            (Some(a), Some(b)) => a + b < 8,
            _ => false,
        }
    } else {
        count(head, true) == Some(8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sloppy_ip_parsing() {
        for ok in [
            "10.9.8.7",
            "010.009.008.007",
            "::",
            "::1",
            "2001:db8::ffff",
            "::ffff:1.2.3.4",
            "1:2:3:4:5:6:7:8",
        ] {
            assert!(parse_ip_sloppy(ok), "{ok}");
        }
        for bad in [
            "",
            "1.2.3",
            "256.1.1.1",
            "1.2.3.4.5",
            "1::2::3",
            "1:2:3:4:5:6:7:8:9",
            "abc",
            "fe80::1%eth0",
            " 1.2.3.4",
        ] {
            assert!(!parse_ip_sloppy(bad), "{bad}");
        }
    }
}
