//! `podplay match [--output json|text] [--kubernetes-version X.Y] PATTERN IMAGE`: whether a
//! registry key or credential-provider `matchImages` pattern matches an image
//! (`credentialprovider.URLsMatchStr`), and why. JSON: `{matched, error, why}`.

use podplay_core::credentials::keyring::urls_match_str;
use podplay_core::versions::Version;
use serde_json::json;

use crate::args::{misuse, Args, Command, KUBERNETES_VERSION, OUTPUT_JSON_OR_TEXT};

pub const COMMAND: Command = Command {
    name: "match",
    usage: "match [--output json|text] [--kubernetes-version X.Y] PATTERN IMAGE
        whether a registry key / matchImages pattern matches an image, and why",
    options: &[OUTPUT_JSON_OR_TEXT, KUBERNETES_VERSION],
    run,
};

pub fn run(parsed: Args) -> u8 {
    let output = parsed.get("--output").unwrap_or("json");
    if output != "json" && output != "text" {
        return misuse(
            "match",
            &format!("--output must be json or text, not {output:?}"),
        );
    }
    let version = match parsed.get("--kubernetes-version").map(Version::parse) {
        None => Version::newest(),
        Some(Ok(v)) => v,
        Some(Err(e)) => return misuse("match", &e),
    };
    let [pattern, image] = parsed.positional.as_slice() else {
        return misuse("match", "give exactly PATTERN and IMAGE");
    };
    let o = urls_match_str(pattern, image, version);
    if output == "json" {
        let v = json!({ "matched": o.matched, "error": o.error, "why": o.why });
        outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    } else {
        let verdict = if o.matched {
            "matches"
        } else {
            "does not match"
        };
        outln!("{pattern:?} {verdict} {image:?} (Kubernetes {version})");
        if let Some(e) = &o.error {
            outln!("  error: {e}");
        }
        outln!("  why: {}", o.why);
    }
    0
}
