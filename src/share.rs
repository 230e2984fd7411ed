//! Share links: the playground's state (text, version, namespace) in the URL fragment.
//!
//! The fragment carries its own format number (`v=1`) so that links made today keep opening
//! after the format changes (the Compiler Explorer approach): a later format gets a new
//! number and this decoder keeps reading `v=1`. Fragments never reach a server.
//!
//! Format 1: `#v=1&k=<kubernetes version>&ns=<namespace>&s=<settings>&t=<tab>&y=<text>`, every
//! value percent-encoded as UTF-8. Unknown keys are ignored; `k`, `ns`, `s` and `t` may be
//! absent (`s`, the cluster settings as flags, and `t`, the selected view tab, were added
//! later; links without them use the defaults: default settings, the first tab).

/// The newest fragment format this build writes.
pub const FORMAT: u32 = 1;

/// What a share link restores.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shared {
    pub text: String,
    pub version: String,
    pub namespace: String,
    /// The selected view tab (`images`, ...; see `components::view_tabs`); empty = the first.
    pub tab: String,
    /// The cluster settings as flags (see `state::Settings::to_flags`); empty = defaults.
    pub settings: String,
}

/// Why a fragment could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// No fragment, or one that is not a podplay link.
    NotALink,
    /// A format number this build does not know (made by a newer podplay).
    UnknownFormat(String),
}

/// Builds a fragment (without the leading `#`).
pub fn encode(shared: &Shared) -> String {
    let settings = if shared.settings.is_empty() {
        String::new()
    } else {
        format!("&s={}", percent_encode(&shared.settings))
    };
    let tab = if shared.tab.is_empty() {
        String::new()
    } else {
        format!("&t={}", percent_encode(&shared.tab))
    };
    format!(
        "v={FORMAT}&k={}&ns={}{settings}{tab}&y={}",
        percent_encode(&shared.version),
        percent_encode(&shared.namespace),
        percent_encode(&shared.text)
    )
}

/// Reads a fragment (with or without the leading `#`).
pub fn decode(fragment: &str) -> Result<Shared, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut format = None;
    let mut text = None;
    let mut shared = Shared::default();
    for pair in fragment.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value);
        match key {
            "v" => format = Some(value),
            "k" => shared.version = value,
            "ns" => shared.namespace = value,
            "s" => shared.settings = value,
            "t" => shared.tab = value,
            "y" => text = Some(value),
            _ => {}
        }
    }
    match (format.as_deref(), text) {
        (Some("1"), Some(text)) => Ok(Shared { text, ..shared }),
        (Some("1"), None) | (None, _) => Err(ShareError::NotALink),
        (Some(other), _) => Err(ShareError::UnknownFormat(other.to_string())),
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters and a few that are safe
/// and readable in a fragment (`:`, `/`, `,`).
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-_.~:/,".contains(&byte);
        if keep {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(hex_digit(byte >> 4));
            out.push(hex_digit(byte & 0x0f));
        }
    }
    out
}

fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16)
        .unwrap_or('0')
        .to_ascii_uppercase()
}

/// Decodes `%XX` escapes (and `+` as a space, as forms write it); malformed escapes are kept
/// as they are and invalid UTF-8 is replaced, so any fragment decodes to something.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(decoded) = hex {
                out.push(decoded);
                i += 3;
                continue;
            }
        }
        out.push(if byte == b'+' { b' ' } else { byte });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    // Pure code: these run natively (`cargo test`) and in the browser.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn shared(text: &str, version: &str, namespace: &str) -> Shared {
        Shared {
            text: text.into(),
            version: version.into(),
            namespace: namespace.into(),
            settings: String::new(),
            tab: String::new(),
        }
    }

    #[test]
    fn encodes_format_1() {
        assert_eq!(
            encode(&shared("kind: Pod\n# é&=+%", "1.35", "team-a")),
            "v=1&k=1.35&ns=team-a&y=kind:%20Pod%0A%23%20%C3%A9%26%3D%2B%25"
        );
    }

    #[test]
    fn round_trips_any_text() {
        for text in ["", "a: b\n", "emoji 🚀 & = % + #", "tab\tand\r\nlines"] {
            let s = shared(text, "1.36", "");
            assert_eq!(decode(&format!("#{}", encode(&s))), Ok(s));
        }
    }

    #[test]
    fn reads_links_written_by_format_1() {
        // A link as format 1 wrote it: must keep opening in every later build.
        assert_eq!(
            decode("#v=1&k=1.34&ns=&y=kind:%20Pod%0Ametadata:%20%7Bname:%20p%7D%0A"),
            Ok(shared("kind: Pod\nmetadata: {name: p}\n", "1.34", ""))
        );
    }

    #[test]
    fn rejects_what_is_not_a_link() {
        assert_eq!(decode(""), Err(ShareError::NotALink));
        assert_eq!(decode("#section-2"), Err(ShareError::NotALink));
        assert_eq!(decode("#v=1&k=1.35"), Err(ShareError::NotALink));
        assert_eq!(
            decode("#v=9&y=x"),
            Err(ShareError::UnknownFormat("9".into()))
        );
    }

    #[test]
    fn malformed_escapes_do_not_fail() {
        assert_eq!(
            decode("#v=1&y=%zz%4"),
            Ok(shared("%zz%4", "", "")),
            "kept as written"
        );
        assert_eq!(decode("#v=1&y=%FF").map(|s| s.text), Ok("\u{FFFD}".into()));
    }

    #[test]
    fn settings_travel_in_the_link_and_old_links_have_none() {
        let mut s = shared("a: b\n", "1.35", "");
        s.settings = "1111011".into();
        let fragment = encode(&s);
        assert!(fragment.contains("&s=1111011&"), "{fragment}");
        assert_eq!(decode(&fragment), Ok(s));
        let old = decode("#v=1&k=1.35&ns=&y=a%3A%20b").unwrap();
        assert_eq!(old.settings, "");
    }

    #[test]
    fn the_tab_travels_in_the_link_and_old_links_have_none() {
        let mut s = shared("a: b\n", "1.36", "");
        s.tab = "images".into();
        let fragment = encode(&s);
        assert_eq!(fragment, "v=1&k=1.36&ns=&t=images&y=a:%20b%0A");
        assert_eq!(decode(&fragment), Ok(s));
        // A format 1 link from before tabs opens on the first tab.
        assert_eq!(decode("#v=1&k=1.35&ns=&y=a%3A%20b").unwrap().tab, "");
    }
}
