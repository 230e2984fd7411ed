//! `podplay creds [--output json|text] [--kubernetes-version X.Y] --pull-secret FILE... IMAGE...`:
//! which registry credentials the kubelet would try for each image.
//!
//! Each FILE is one pull secret's payload (`{"auths": …}` = dockerconfigjson, any other JSON
//! object = legacy dockercfg), a JSON array of payloads (several secrets), or a Secret manifest
//! (YAML or JSON, `kind: Secret`). JSON output:
//! `{parseError, results: [{image, repoToPull, found, matches: [{secret, key, username}]}]}` where
//! `matches` is the kubelet's lookup of the normalized repository, in order, and `secret` is the
//! payload's position (the FILE's index when each FILE holds one secret). Passwords are never shown.

use podplay_core::credentials::secret::{pull_payload, secret_from_json, SecretUse};
use podplay_core::credentials::{analyze_payloads, Payload, PayloadKind, PayloadsReport};
use podplay_core::versions::Version;
use podplay_core::yaml;
use serde_json::{json, Value};

use crate::args::{
    misuse, read_input, Args, Command, Opt, KUBERNETES_VERSION, OUTPUT_JSON_OR_TEXT,
};

pub const COMMAND: Command = Command {
    name: "creds",
    usage: "creds [--output json|text] [--kubernetes-version X.Y] --pull-secret FILE [--pull-secret FILE]... IMAGE...
        which registry credentials the kubelet would try for each image",
    options: &[
        OUTPUT_JSON_OR_TEXT,
        Opt::valued(
            "--pull-secret",
            "FILE",
            "a pull secret: Secret manifest, config.json or .dockercfg, or - (repeatable)",
        ),
        KUBERNETES_VERSION,
    ],
    run,
};

pub fn run(parsed: Args) -> u8 {
    let output = parsed.get("--output").unwrap_or("json");
    if output != "json" && output != "text" {
        return misuse(
            "creds",
            &format!("--output must be json or text, not {output:?}"),
        );
    }
    let version = match parsed.get("--kubernetes-version").map(Version::parse) {
        None => Version::newest(),
        Some(Ok(v)) => v,
        Some(Err(e)) => return misuse("creds", &e),
    };
    if parsed.positional.is_empty() {
        return misuse("creds", "give at least one IMAGE");
    }
    // The credentials come from pull secrets only: without one the answer is always "none".
    if parsed.all("--pull-secret").is_empty() {
        return misuse(
            "creds",
            "give at least one --pull-secret FILE (a Secret manifest or its config.json) to look up credentials for the IMAGE",
        );
    }
    let mut payloads = Vec::new();
    let mut notes = Vec::new();
    let mut manifest_error = None;
    for file in parsed.all("--pull-secret") {
        let text = match read_input(file) {
            Ok(t) => t,
            Err(e) => return misuse("creds", &e),
        };
        match payloads_of_file(&text) {
            Ok(list) => {
                for (payload, note) in list {
                    if let Some(n) = note {
                        notes.push(format!("secret {}: {n}", payloads.len()));
                    }
                    payloads.push(payload);
                }
            }
            Err(e) => {
                manifest_error.get_or_insert(format!("{file}: {e}"));
            }
        }
    }
    let mut report = analyze_payloads(&payloads, &parsed.positional, version);
    if let Some(e) = manifest_error {
        report.parse_error = Some(e);
        report.results.clear();
    }
    if output == "json" {
        outln!(
            "{}",
            serde_json::to_string_pretty(&contract(&report)).unwrap_or_default()
        );
    } else {
        out!("{}", text(&report, &notes));
    }
    0
}

/// The payloads one FILE holds, each with an optional note (why a Secret contributes nothing).
fn payloads_of_file(text: &str) -> Result<Vec<(Payload, Option<String>)>, String> {
    // Go's reading (a lone `\ud800` escape is U+FFFD there, never an error).
    match podplay_core::go::json::parse(text) {
        // Each element's own text: the kubelet decodes each secret's bytes, so key order and
        // repeated keys must reach the decoder as written.
        Ok(Value::Array(items)) => match podplay_core::go::json::array_items(text) {
            Some(raw) if raw.len() == items.len() => raw
                .iter()
                .zip(&items)
                .map(|(raw, v)| payload_of_value(raw, v))
                .collect(),
            _ => items
                .iter()
                .map(|v| payload_of_value(&serde_json::to_string(v).unwrap_or_default(), v))
                .collect(),
        },
        Ok(v @ Value::Object(_)) if is_secret(&v) => Ok(vec![payload_of_secret(&v)?]),
        Ok(_) => Ok(vec![(Payload::detect(text), None)]),
        Err(_) => match yaml::parse_documents(text) {
            Ok(docs) => {
                let secrets: Vec<Value> =
                    docs.iter().map(|d| d.to_json()).filter(is_secret).collect();
                if secrets.is_empty() {
                    Ok(vec![(Payload::detect(text), None)])
                } else {
                    secrets.iter().map(payload_of_secret).collect()
                }
            }
            // Neither JSON nor YAML: decode as a payload to get Go's JSON error.
            Err(_) => Ok(vec![(Payload::detect(text), None)]),
        },
    }
}

fn is_secret(v: &Value) -> bool {
    v.get("kind").and_then(Value::as_str) == Some("Secret")
}

fn payload_of_value(raw: &str, v: &Value) -> Result<(Payload, Option<String>), String> {
    if is_secret(v) {
        return payload_of_secret(v);
    }
    Ok((Payload::detect(raw), None))
}

fn payload_of_secret(v: &Value) -> Result<(Payload, Option<String>), String> {
    let secret = secret_from_json(v)?;
    Ok(match pull_payload(&secret) {
        SecretUse::Payload { kind, text } => (Payload { kind, text }, None),
        // An ignored Secret keeps its slot (so `secret` stays the FILE index) but holds no entries.
        SecretUse::Ignored { why } => (
            Payload {
                kind: PayloadKind::Dockercfg,
                text: "{}".to_string(),
            },
            Some(format!("{:?} {why}", secret.name)),
        ),
    })
}

/// The JSON contract: the kubelet's lookup (of the normalized repository) per image.
fn contract(report: &PayloadsReport) -> Value {
    let results: Vec<Value> = report
        .results
        .iter()
        .map(|r| {
            let l = &r.lookup_repo_to_pull;
            let matches: Vec<Value> = l
                .matches
                .iter()
                .map(|c| json!({ "secret": c.secret, "key": c.key, "username": c.username }))
                .collect();
            json!({ "image": r.image, "repoToPull": r.repo_to_pull, "found": l.found, "matches": matches })
        })
        .collect();
    json!({ "parseError": report.parse_error, "results": results })
}

fn text(report: &PayloadsReport, notes: &[String]) -> String {
    let mut out = String::new();
    for n in notes {
        out.push_str(&format!("note: {n}\n"));
    }
    if let Some(e) = &report.parse_error {
        out.push_str(&format!("the pull secrets cannot be used: {e}\n(the kubelet's credential lookup fails, so every pull with these secrets fails)\n"));
        return out;
    }
    for r in &report.results {
        out.push_str(&format!("{:?}\n", r.image));
        if let Some(e) = &r.parse_error {
            out.push_str(&format!(
                "  {e}\n  the kubelet reports InvalidImageName and never looks up credentials\n"
            ));
            continue;
        }
        let l = &r.lookup_repo_to_pull;
        out.push_str(&format!("  kubelet looks up {:?}\n", r.repo_to_pull));
        if l.matches.is_empty() {
            out.push_str("  no credentials: one anonymous pull\n");
        }
        for (i, c) in l.matches.iter().enumerate() {
            let password = if c.has_password { "****" } else { "(empty)" };
            out.push_str(&format!(
                "  try {}: secret {} key {:?} user {:?} password {password}\n",
                i + 1,
                c.secret,
                c.key,
                c.username
            ));
        }
        out.push_str(&format!("  {}\n", l.why));
        for check in &l.checks {
            let verdict = if check.outcome.matched {
                "match"
            } else {
                "no match"
            };
            out.push_str(&format!(
                "    key {:?} (from {:?}): {verdict} — {}\n",
                check.key, check.config_keys, check.outcome.why
            ));
        }
        for ignored in &l.ignored {
            out.push_str(&format!(
                "    key {:?} ignored: {} ({})\n",
                ignored.key, ignored.why, ignored.error
            ));
        }
    }
    out
}
