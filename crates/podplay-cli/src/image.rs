//! `podplay image [--output json|text] REF...`: how Kubernetes parses each image reference and
//! the imagePullPolicy it defaults to.
//!
//! JSON: an array of `{ref, valid, error, name, domain, path, tag, digest, familiarName,
//! defaultPullPolicy}` (null where absent, as in the conformance file images.jsonl).

use podplay_core::images::{default_pull_policy, describe_reference, image_warnings};
use podplay_core::reference::Reference;
use serde_json::{json, Value};

use crate::args::{misuse, Args, Command, OUTPUT_JSON_OR_TEXT};

pub const COMMAND: Command = Command {
    name: "image",
    usage: "image [--output json|text] REF...
        how Kubernetes parses each image reference and its default pull policy",
    options: &[OUTPUT_JSON_OR_TEXT],
    run,
};

pub fn run(parsed: Args) -> u8 {
    let output = parsed.get("--output").unwrap_or("json");
    if output != "json" && output != "text" {
        return misuse(
            "image",
            &format!("--output must be json or text, not {output:?}"),
        );
    }
    if parsed.positional.is_empty() {
        return misuse("image", "give at least one image reference");
    }
    if output == "json" {
        let rows: Vec<Value> = parsed.positional.iter().map(|r| row(r)).collect();
        outln!(
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        );
    } else {
        for r in &parsed.positional {
            out!("{}", text(r));
        }
    }
    0
}

/// The JSON contract for one reference.
fn row(reference: &str) -> Value {
    let r = describe_reference(&Reference::parse(reference));
    json!({
        "ref": r.reference,
        "valid": r.valid,
        "error": r.error,
        "name": r.name,
        "domain": r.domain,
        "path": r.path,
        "tag": r.tag,
        "digest": r.digest,
        "familiarName": r.familiar_name,
        "defaultPullPolicy": r.default_pull_policy,
    })
}

fn text(reference: &str) -> String {
    let r = describe_reference(&Reference::parse(reference));
    let policy = default_pull_policy(&Reference::parse(reference));
    let mut out = format!("{reference:?}\n");
    match &r.error {
        Some(e) => out.push_str(&format!("  invalid: {e}\n")),
        None => {
            out.push_str(&format!(
                "  name:    {}\n",
                r.name.clone().unwrap_or_default()
            ));
            out.push_str(&format!(
                "  domain:  {}\n",
                r.domain.clone().unwrap_or_default()
            ));
            out.push_str(&format!(
                "  path:    {}\n",
                r.path.clone().unwrap_or_default()
            ));
            out.push_str(&format!(
                "  tag:     {}\n",
                r.tag.clone().unwrap_or_else(|| "(none)".into())
            ));
            out.push_str(&format!(
                "  digest:  {}\n",
                r.digest.clone().unwrap_or_else(|| "(none)".into())
            ));
            out.push_str(&format!(
                "  short:   {}\n",
                r.familiar_string.clone().unwrap_or_default()
            ));
        }
    }
    out.push_str(&format!(
        "  default imagePullPolicy: {} — {}\n",
        policy.policy, policy.why
    ));
    for w in image_warnings(&Reference::parse(reference)) {
        out.push_str(&format!("  warning: {} — {}\n", w.message, w.why));
    }
    out
}
