//! Go's `encoding/base64` StdEncoding (padded) and RawStdEncoding (unpadded) decoders:
//! `\r` and `\n` anywhere are skipped, and errors name Go's byte offset
//! (`illegal base64 data at input byte 4`); and `StdEncoding.EncodeToString` ([`encode`]).

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes like Go's `StdEncoding.EncodeToString` (padded with `=`).
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let v = b(0) << 16 | b(1) << 8 | b(2);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(v >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn symbol_value(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

fn is_newline(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

fn corrupt(offset: usize) -> String {
    format!("illegal base64 data at input byte {offset}")
}

/// Decodes like Go's `StdEncoding` (`padded`) or `RawStdEncoding` (`!padded`).
pub fn decode(text: &str, padded: bool) -> Result<Vec<u8>, String> {
    let src = text.as_bytes();
    let mut out = Vec::with_capacity(src.len() / 4 * 3 + 3);
    let mut si = 0;
    loop {
        let mut quantum = [0u8; 4];
        let mut count = 0;
        let mut finished = false;
        while count < 4 {
            let Some(&b) = src.get(si) else {
                if count == 0 {
                    return Ok(out);
                }
                if count == 1 || padded {
                    return Err(corrupt(si - count));
                }
                finished = true;
                break;
            };
            si += 1;
            if let Some(v) = symbol_value(b) {
                quantum[count] = v;
                count += 1;
                continue;
            }
            if is_newline(b) {
                continue;
            }
            if !padded || b != b'=' {
                return Err(corrupt(si - 1));
            }
            // Padding: only after 2 or 3 symbols; "==" after 2.
            if count < 2 {
                return Err(corrupt(si - 1));
            }
            if count == 2 {
                while src.get(si).copied().is_some_and(is_newline) {
                    si += 1;
                }
                match src.get(si) {
                    None => return Err(corrupt(src.len())),
                    Some(b'=') => si += 1,
                    Some(_) => return Err(corrupt(si - 1)),
                }
            }
            while src.get(si).copied().is_some_and(is_newline) {
                si += 1;
            }
            if si < src.len() {
                return Err(corrupt(si));
            }
            finished = true;
            break;
        }
        let v = (quantum[0] as u32) << 18
            | (quantum[1] as u32) << 12
            | (quantum[2] as u32) << 6
            | quantum[3] as u32;
        let bytes = [(v >> 16) as u8, (v >> 8) as u8, v as u8];
        out.extend_from_slice(&bytes[..count.saturating_sub(1)]);
        if finished {
            return Ok(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_rows() {
        for (bytes, want) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foo:bar", "Zm9vOmJhcg=="),
            ("<redacted>", "PHJlZGFjdGVkPg=="),
            ("\u{ff}\u{fe}?", "w7/Dvj8="),
        ] {
            assert_eq!(encode(bytes.as_bytes()), want, "{bytes:?}");
            assert_eq!(decode(want, true).unwrap(), bytes.as_bytes());
        }
    }

    #[test]
    fn decode_rows() {
        let rows: &[(&str, bool, Result<&str, &str>)] = &[
            ("Zm9vOmJhcg==", true, Ok("foo:bar")),
            ("Zm9vOmJhcg", false, Ok("foo:bar")),
            ("Zm9vOm\nJhcg==\n", true, Ok("foo:bar")),
            (
                "Zm9vOmJhcg== ",
                true,
                Err("illegal base64 data at input byte 12"),
            ),
            (
                "Zm9vOmJhcg",
                true,
                Err("illegal base64 data at input byte 8"),
            ),
            (
                "Zm9vOmJhcg==",
                false,
                Err("illegal base64 data at input byte 10"),
            ),
            ("pants", false, Err("illegal base64 data at input byte 4")),
            ("cGFudHM=", true, Ok("pants")),
            ("YQ=", true, Err("illegal base64 data at input byte 3")),
            ("YQ=x", true, Err("illegal base64 data at input byte 2")),
            ("=", true, Err("illegal base64 data at input byte 0")),
            ("", true, Ok("")),
            ("a!", false, Err("illegal base64 data at input byte 1")),
            ("Zm9v", true, Ok("foo")),
            ("Zm9vO", true, Err("illegal base64 data at input byte 4")),
            ("Zm$v", true, Err("illegal base64 data at input byte 2")),
        ];
        for (input, padded, want) in rows {
            let got = decode(input, *padded).map(|b| String::from_utf8_lossy(&b).into_owned());
            assert_eq!(
                got,
                want.map(str::to_string).map_err(str::to_string),
                "{input:?} padded={padded}"
            );
        }
    }
}
