//! Comparing `podplay schedule`'s answer with a real scheduler's, for the oracle variant
//! tables (`scheduling_oracle_variants.rs`, `scheduling135_oracle_variants.rs`).

use podplay_core::report::Options;
use podplay_core::scheduling::paste;
use podplay_core::versions::Version;
use serde_json::{json, Map, Value};

/// What the real scheduler gave: the admission error (None when the pod was admitted), the
/// FailedScheduling message (None when it bound the pod), the feasible nodes, the winner or
/// the tied top nodes, total scores, and each rejected node as `node: plugin: reason` (None:
/// not compared).
pub struct Want<'a> {
    pub admission_error: Option<&'a str>,
    pub message: Option<&'a str>,
    pub feasible: &'a [&'a str],
    pub winner: Winner<'a>,
    pub scores: &'a [(&'a str, i64)],
    pub rejected: Option<&'a [&'a str]>,
}

pub enum Winner<'a> {
    None,
    One(&'a str),
    Tie(&'a [&'a str]),
}

/// Schedules `yaml` as `podplay schedule --kubernetes-version 1.<minor>` does and compares.
pub fn check(name: &str, minor: u32, yaml: &str, want: Want) {
    let got = paste::analyze(yaml, &Options::new(Version::new(1, minor)), false);
    assert_eq!(
        got.admission_error.as_deref(),
        want.admission_error,
        "{name}: admissionError"
    );
    if want.admission_error.is_some() {
        return;
    }
    let s = serde_json::to_value(&got.scheduling).unwrap();
    assert_eq!(s["message"].as_str(), want.message, "{name}: message");
    assert_eq!(
        s["feasibleNodes"],
        json!(want.feasible),
        "{name}: feasibleNodes"
    );
    match want.winner {
        Winner::None => assert_eq!(s["assignedTo"], Value::Null, "{name}: assignedTo"),
        Winner::One(n) => assert_eq!(s["assignedTo"], json!(n), "{name}: assignedTo"),
        Winner::Tie(among) => {
            assert_eq!(s["assignedTo"], Value::Null, "{name}: assignedTo");
            assert_eq!(s["assignedAmong"], json!(among), "{name}: assignedAmong");
        }
    }
    let mut scores = Map::new();
    let mut rejected = Vec::new();
    for n in s["nodes"].as_array().unwrap() {
        let node = n["name"].as_str().unwrap();
        if !n["total"].is_null() {
            scores.insert(node.to_string(), n["total"].clone());
        }
        if n["feasible"] == json!(false) {
            let reasons: Vec<&str> = n["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap())
                .collect();
            rejected.push(format!(
                "{node}: {}: {}",
                n["plugin"].as_str().unwrap_or("-"),
                reasons.join("; ")
            ));
        }
    }
    let want_scores: Map<String, Value> = want
        .scores
        .iter()
        .map(|(n, v)| (n.to_string(), json!(v)))
        .collect();
    assert_eq!(
        Value::Object(scores),
        Value::Object(want_scores),
        "{name}: scores"
    );
    if let Some(want_rejected) = want.rejected {
        assert_eq!(rejected, want_rejected, "{name}: rejected nodes");
    }
}
