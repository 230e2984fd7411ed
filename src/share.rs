//! Share links: the playground's state in the URL fragment.
//!
//! The fragment carries its own format number (`v=`) so that links made today keep opening
//! after the format changes (the Compiler Explorer approach): a later format gets a new
//! number and this decoder keeps reading the old ones. Fragments never reach a server.
//!
//! Format 1: `#v=1&k=<kubernetes version>&ns=<namespace>&s=<settings>&t=<tab>&y=<text>`, every
//! value percent-encoded as UTF-8. Unknown keys are ignored; `k`, `ns`, `s` and `t` may be
//! absent (`s`, the cluster settings as flags, and `t`, the selected view tab, were added
//! later; links without them use the defaults: default settings, the first tab).
//!
//! Format 2 (written since): `#v=2&z=<payload>`, the payload being the base64url (no padding)
//! of the raw DEFLATE (`CompressionStream('deflate-raw')`, RFC 1951) of
//! `k=…&ns=…&s=…&t=…&l=…&m=…&c=…&y=…`: format 1's fields, plus `l`, the timeline options
//! (`podplay_core::timeline::TimelineOptions`), and `m`, the simulated values
//! (`podplay_core::environment::SimulatedValues`), each as JSON, and `c`, the cluster context
//! panel's text (`Settings.context`, added later; absent = empty). The compression is the browser's own
//! (no bundle bytes), so this module only builds and reads the payload ([`payload`],
//! [`from_payload`]); the page deflates and inflates it (`src/browser.rs`).

/// The newest fragment format this build writes.
pub const FORMAT: u32 = 2;

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
    /// The timeline options (`Settings.timeline`) as JSON; empty = defaults. Format 2 only.
    pub timeline: String,
    /// The simulated values (`Settings.simulated`) as JSON; empty = defaults. Format 2 only.
    pub simulated: String,
    /// The cluster context panel's text (`Settings.context`); empty = none. Format 2 only.
    pub context: String,
}

/// A fragment as read: a format 1 link is readable at once; a format 2 link first needs its
/// payload inflated (asynchronously, by the browser), then [`from_payload`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    Plain(Shared),
    /// The base64url of the deflated payload, as in the link.
    Compressed(String),
}

/// Why a fragment could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// No fragment, or one that is not a podplay link.
    NotALink,
    /// A format number this build does not know (made by a newer podplay).
    UnknownFormat(String),
    /// A format 2 payload that does not inflate (a link cut short, say).
    Damaged,
}

/// Builds a format 1 fragment (without the leading `#`). Kept for tests and as the fallback
/// where the browser lacks `CompressionStream`.
pub fn encode(shared: &Shared) -> String {
    format!("v=1&{}", fields(shared, false))
}

/// The text format 2 compresses: format 1's fields (without `v`) and the timeline.
pub fn payload(shared: &Shared) -> String {
    fields(shared, true)
}

/// A format 2 fragment around an already deflated, base64url-encoded payload.
pub fn compressed_fragment(z: &str) -> String {
    format!("v={FORMAT}&z={z}")
}

/// `k=…&ns=…[&s=…][&t=…][&l=…][&m=…]&y=…`; optional fields are left out when empty.
fn fields(shared: &Shared, with_timeline: bool) -> String {
    let optional = |key: &str, value: &str| {
        if value.is_empty() {
            String::new()
        } else {
            format!("&{key}={}", percent_encode(value))
        }
    };
    let timeline = if with_timeline {
        optional("l", &shared.timeline)
            + &optional("m", &shared.simulated)
            + &optional("c", &shared.context)
    } else {
        String::new()
    };
    format!(
        "k={}&ns={}{}{}{timeline}&y={}",
        percent_encode(&shared.version),
        percent_encode(&shared.namespace),
        optional("s", &shared.settings),
        optional("t", &shared.tab),
        percent_encode(&shared.text)
    )
}

/// The `key=value` pairs of a fragment or payload.
#[derive(Default)]
struct Fields {
    /// `v`
    format: Option<String>,
    /// `y`
    text: Option<String>,
    /// `z`, format 2's payload
    compressed: Option<String>,
    shared: Shared,
}

fn read_fields(pairs: &str) -> Fields {
    let mut fields = Fields::default();
    let shared = &mut fields.shared;
    for pair in pairs.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value);
        match key {
            "v" => fields.format = Some(value),
            "k" => shared.version = value,
            "ns" => shared.namespace = value,
            "s" => shared.settings = value,
            "t" => shared.tab = value,
            "l" => shared.timeline = value,
            "m" => shared.simulated = value,
            "c" => shared.context = value,
            "y" => fields.text = Some(value),
            "z" => fields.compressed = Some(value),
            _ => {}
        }
    }
    fields
}

/// Reads a fragment (with or without the leading `#`).
pub fn decode(fragment: &str) -> Result<Link, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let fields = read_fields(fragment);
    match (fields.format.as_deref(), fields.text, fields.compressed) {
        (Some("1"), Some(text), _) => Ok(Link::Plain(Shared {
            text,
            // Format 1 never carried the timeline or the simulated values.
            timeline: String::new(),
            simulated: String::new(),
            context: String::new(),
            ..fields.shared
        })),
        (Some("2"), _, Some(z)) if !z.is_empty() => Ok(Link::Compressed(z)),
        (Some("1" | "2"), _, _) | (None, _, _) => Err(ShareError::NotALink),
        (Some(other), _, _) => Err(ShareError::UnknownFormat(other.to_string())),
    }
}

/// Reads an inflated format 2 payload.
pub fn from_payload(payload: &str) -> Result<Shared, ShareError> {
    let fields = read_fields(payload);
    match fields.text {
        Some(text) => Ok(Shared {
            text,
            ..fields.shared
        }),
        None => Err(ShareError::Damaged),
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
            ..Shared::default()
        }
    }

    fn plain(fragment: &str) -> Result<Shared, ShareError> {
        match decode(fragment)? {
            Link::Plain(shared) => Ok(shared),
            Link::Compressed(z) => panic!("format 1 expected, got z={z}"),
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
            assert_eq!(plain(&format!("#{}", encode(&s))), Ok(s.clone()));
            assert_eq!(from_payload(&payload(&s)), Ok(s));
        }
    }

    #[test]
    fn reads_links_written_by_format_1() {
        // A link as format 1 wrote it: must keep opening in every later build.
        assert_eq!(
            plain("#v=1&k=1.34&ns=&y=kind:%20Pod%0Ametadata:%20%7Bname:%20p%7D%0A"),
            Ok(shared("kind: Pod\nmetadata: {name: p}\n", "1.34", ""))
        );
        // With every field format 1 ever wrote; a timeline key in it is not format 1's.
        assert_eq!(
            plain("#v=1&k=1.35&ns=team-a&s=1111011&t=images&l=%7B%7D&y=a%3A%20b"),
            Ok(Shared {
                settings: "1111011".into(),
                tab: "images".into(),
                ..shared("a: b", "1.35", "team-a")
            })
        );
    }

    #[test]
    fn format_2_is_a_compressed_payload_with_the_timeline_and_simulated_values() {
        let s = Shared {
            text: "kind: Pod\n# é&=+%".into(),
            version: "1.35".into(),
            namespace: "team-a".into(),
            tab: "termination".into(),
            settings: "1111011".into(),
            timeline: r#"{"scenario":{"kind":"eviction"}}"#.into(),
            simulated: r#"{"podIP":"10.0.0.9"}"#.into(),
            context: String::new(),
        };
        let payload = payload(&s);
        assert_eq!(
            payload,
            "k=1.35&ns=team-a&s=1111011&t=termination\
             &l=%7B%22scenario%22:%7B%22kind%22:%22eviction%22%7D%7D\
             &m=%7B%22podIP%22:%2210.0.0.9%22%7D\
             &y=kind:%20Pod%0A%23%20%C3%A9%26%3D%2B%25"
        );
        assert_eq!(from_payload(&payload), Ok(s.clone()));
        assert_eq!(
            compressed_fragment("q1bKy1eyUlBKSU1R"),
            "v=2&z=q1bKy1eyUlBKSU1R"
        );
        assert_eq!(
            decode("#v=2&z=q1bKy1eyUlBKSU1R"),
            Ok(Link::Compressed("q1bKy1eyUlBKSU1R".into()))
        );
        // The cluster context panel's text rides in `c`, before the editor's text.
        let with_context = Shared {
            context: "kind: Node\nmetadata: {name: n1}\n".into(),
            ..s.clone()
        };
        let payload = super::payload(&with_context);
        assert!(
            payload.ends_with("&c=kind:%20Node%0Ametadata:%20%7Bname:%20n1%7D%0A&y=kind:%20Pod%0A%23%20%C3%A9%26%3D%2B%25"),
            "{payload}"
        );
        assert_eq!(from_payload(&payload), Ok(with_context));
        // A format 1 link never carries it, even with a `c` key.
        assert_eq!(
            plain("#v=1&k=1.35&ns=&c=x&y=a"),
            Ok(shared("a", "1.35", ""))
        );
        // Defaults stay out of the payload.
        assert_eq!(payload_of_defaults(), "k=1.36&ns=&y=a:%20b%0A");
    }

    fn payload_of_defaults() -> String {
        payload(&shared("a: b\n", "1.36", ""))
    }

    #[test]
    fn rejects_what_is_not_a_link() {
        assert_eq!(decode(""), Err(ShareError::NotALink));
        assert_eq!(decode("#section-2"), Err(ShareError::NotALink));
        assert_eq!(decode("#v=1&k=1.35"), Err(ShareError::NotALink));
        assert_eq!(decode("#v=2&k=1.35"), Err(ShareError::NotALink));
        assert_eq!(decode("#v=2&z="), Err(ShareError::NotALink));
        assert_eq!(
            decode("#v=9&y=x"),
            Err(ShareError::UnknownFormat("9".into()))
        );
        assert_eq!(from_payload("k=1.35&ns="), Err(ShareError::Damaged));
    }

    #[test]
    fn malformed_escapes_do_not_fail() {
        assert_eq!(
            plain("#v=1&y=%zz%4"),
            Ok(shared("%zz%4", "", "")),
            "kept as written"
        );
        assert_eq!(plain("#v=1&y=%FF").map(|s| s.text), Ok("\u{FFFD}".into()));
    }

    #[test]
    fn settings_travel_in_the_link_and_old_links_have_none() {
        let mut s = shared("a: b\n", "1.35", "");
        s.settings = "1111011".into();
        let fragment = encode(&s);
        assert!(fragment.contains("&s=1111011&"), "{fragment}");
        assert_eq!(plain(&fragment), Ok(s));
        let old = plain("#v=1&k=1.35&ns=&y=a%3A%20b").unwrap();
        assert_eq!(old.settings, "");
    }

    #[test]
    fn the_tab_travels_in_the_link_and_old_links_have_none() {
        let mut s = shared("a: b\n", "1.36", "");
        s.tab = "images".into();
        let fragment = encode(&s);
        assert_eq!(fragment, "v=1&k=1.36&ns=&t=images&y=a:%20b%0A");
        assert_eq!(plain(&fragment), Ok(s));
        // A format 1 link from before tabs opens on the first tab.
        assert_eq!(plain("#v=1&k=1.35&ns=&y=a%3A%20b").unwrap().tab, "");
    }
}
