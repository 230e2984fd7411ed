//! `podplay image [--output json|text] [--kubernetes-version X.Y] REF...`: how Kubernetes
//! parses each image reference and the imagePullPolicy it defaults to.
//!
//! JSON: an array with one object per reference holding every column of the conformance file
//! images.jsonl (`ref, valid, error, name, domain, path, tag, digest, familiarName,
//! familiarString, string, tagNameOnly, anyReference(Error), dockerRef(Error), k8sRepoToPull,
//! k8sTag, k8sDigest, k8sError, defaultPullPolicy, podValidationErrors`; null where Go returns
//! no value). `podValidationErrors` are the release's checks on `spec.containers[0].image`.

use podplay_core::images::{
    default_pull_policy, describe_reference, image_validation_errors, image_warnings,
};
use podplay_core::reference::Reference;
use podplay_core::versions::Version;
use serde_json::Value;

use crate::args::{misuse, Args, Command, KUBERNETES_VERSION, OUTPUT_JSON_OR_TEXT};

pub const COMMAND: Command = Command {
    name: "image",
    usage: "image [--output json|text] [--kubernetes-version X.Y] REF...
        how Kubernetes parses each image reference and its default pull policy",
    options: &[OUTPUT_JSON_OR_TEXT, KUBERNETES_VERSION],
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
    let version = match parsed.get("--kubernetes-version").map(Version::parse) {
        None => Version::newest(),
        Some(Ok(v)) => v,
        Some(Err(e)) => return misuse("image", &e),
    };
    if parsed.positional.is_empty() {
        return misuse("image", "give at least one image reference");
    }
    if output == "json" {
        let rows: Vec<Value> = parsed.positional.iter().map(|r| row(r, version)).collect();
        outln!(
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        );
    } else {
        for r in &parsed.positional {
            out!("{}", text(r, version));
        }
    }
    0
}

/// The JSON contract for one reference: the core's report with the release's image validation.
fn row(reference: &str, version: Version) -> Value {
    let mut v = serde_json::to_value(describe_reference(&Reference::parse(reference)))
        .unwrap_or(Value::Null);
    v["podValidationErrors"] = image_validation_errors(reference, version).into();
    v
}

fn text(reference: &str, version: Version) -> String {
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
    for e in image_validation_errors(reference, version) {
        out.push_str(&format!(
            "  rejected by the API server (Kubernetes {version}): {e}\n"
        ));
    }
    out
}
