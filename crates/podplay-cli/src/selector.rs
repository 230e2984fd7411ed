//! `podplay selector`: a `kubectl -l` expression parsed as `labels.Parse` parses it, with its
//! exact errors, optionally matched against labels.
//!
//! JSON output: `{valid, error, canonical, requirements, matched}`.

use crate::args::{misuse, Args, Command, Opt, KUBERNETES_VERSION, OUTPUT_JSON_OR_TEXT};
use podplay_core::labels;
use podplay_core::versions::Version;
use serde_json::{json, Value};

pub const COMMAND: Command = Command {
    name: "selector",
    usage: "selector [--labels JSON] [--kubernetes-version X.Y] [--output json|text] EXPR
        a kubectl -l label selector parsed as Kubernetes parses it, matched against labels",
    options: &[
        Opt::valued(
            "--labels",
            "JSON",
            "labels to match the selector against, as a JSON object",
        ),
        KUBERNETES_VERSION,
        OUTPUT_JSON_OR_TEXT,
    ],
    run,
};

pub fn run(args: Args) -> u8 {
    let version = match args
        .get("--kubernetes-version")
        .map(Version::parse)
        .transpose()
    {
        Ok(v) => v.unwrap_or_else(Version::newest),
        Err(e) => return misuse("selector", &e),
    };
    let [expr] = args.positional.as_slice() else {
        return misuse(
            "selector",
            "expected exactly one selector expression (quote it)",
        );
    };
    let labels_map = match args
        .get("--labels")
        .map(serde_json::from_str::<Value>)
        .transpose()
    {
        Ok(Some(Value::Object(m))) => Some(m),
        Ok(None) => None,
        Ok(Some(_)) | Err(_) => {
            return misuse(
                "selector",
                "--labels needs a JSON object of strings, e.g. '{\"app\":\"web\"}'",
            )
        }
    };
    let result = labels::parse(expr, &version);
    let out = match &result {
        Ok(sel) => json!({
            "valid": true,
            "error": null,
            "canonical": sel.text(),
            "requirements": sel.requirements,
            "matched": labels_map.as_ref().map(|l| sel.matches(l)),
        }),
        Err(e) => {
            json!({"valid": false, "error": e, "canonical": null, "requirements": null, "matched": null})
        }
    };
    match args.get("--output").unwrap_or("json") {
        "json" => outln!("{}", serde_json::to_string_pretty(&out).unwrap_or_default()),
        "text" => match &result {
            Ok(sel) => {
                outln!(
                    "valid: {}",
                    if sel.text().is_empty() {
                        "(everything)".to_string()
                    } else {
                        sel.text()
                    }
                );
                for r in &sel.requirements {
                    outln!("  {}", r.text);
                }
                if let Some(l) = &labels_map {
                    outln!("matched: {}", sel.matches(l));
                }
            }
            Err(e) => outln!("error: {e}"),
        },
        other => {
            return misuse(
                "selector",
                &format!("unknown --output {other:?} (json or text)"),
            )
        }
    }
    0
}
