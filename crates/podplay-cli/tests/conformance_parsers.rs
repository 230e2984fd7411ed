//! COMPUTED BY KUBERNETES: every expectation here is read from tests/conformance/ (real
//! Kubernetes output); no hand-derived row.
//!
//! The parser commands' JSON contracts against every public row they answer, through the built
//! binary with the release that computed the file: `podplay image --kubernetes-version 1.35`
//! (k8s-1.35/images.jsonl, every column), `podplay selector --kubernetes-version 1.36`
//! (k8s-1.36/selectors.tsv), `podplay match --kubernetes-version 1.35` (k8s-1.35/match.tsv) and
//! `podplay creds --kubernetes-version 1.35` (k8s-1.35/creds/: the kubelet's lookup,
//! `lookupRepoToPull`).

#[path = "../../podplay-core/tests/common/tsv.rs"]
mod tsv;

use podplay_core::credentials::keyring::normalize_key;
use podplay_core::versions::Version;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Command;

fn conformance(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/conformance")
        .join(path)
}

fn podplay(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_podplay"))
        .args(args)
        .output()
        .expect("run podplay");
    assert!(
        out.status.success(),
        "podplay {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

#[test]
fn image_rows() {
    let text = std::fs::read_to_string(conformance("k8s-1.35/images.jsonl")).unwrap();
    let rows: Vec<Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let refs: Vec<&str> = rows.iter().map(|r| r["ref"].as_str().unwrap()).collect();
    let mut args = vec![
        "image",
        "--kubernetes-version",
        "1.35",
        "--output",
        "json",
        "--",
    ];
    args.extend(&refs);
    let got = podplay(&args);
    assert_eq!(
        got.as_array().map(Vec::len),
        Some(56),
        "one answer per reference"
    );
    let mut failures = Vec::new();
    for (want, have) in rows.iter().zip(got.as_array().unwrap()) {
        for (column, value) in want.as_object().unwrap() {
            if have.get(column) != Some(value) {
                failures.push(format!(
                    "{} {column}: got {:?}, want {value}",
                    want["ref"],
                    have.get(column)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn selector_rows() {
    let rows = tsv::rows(&conformance("k8s-1.36/selectors.tsv"), 5);
    let mut failures = Vec::new();
    for row in &rows {
        let [selector, labels, matched, error, canonical] =
            <[Option<String>; 5]>::try_from(row.clone()).unwrap();
        let (selector, labels) = (selector.unwrap(), labels.unwrap());
        let got = podplay(&[
            "selector",
            "--kubernetes-version",
            "1.36",
            "--labels",
            &labels,
            "--output",
            "json",
            "--",
            &selector,
        ]);
        let want = json!({
            "matched": matched.map(|m| m == "true"),
            "error": error,
            "canonical": canonical,
        });
        let have = json!({"matched": got["matched"], "error": got["error"], "canonical": got["canonical"]});
        if have != want {
            failures.push(format!("{selector:?} {labels}: got {have}, want {want}"));
        }
    }
    assert_eq!(rows.len(), 36, "selectors.tsv row count");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn match_rows() {
    let rows = tsv::rows(&conformance("k8s-1.35/match.tsv"), 4);
    let mut failures = Vec::new();
    for row in &rows {
        let [pattern, image, matched, error] =
            <[Option<String>; 4]>::try_from(row.clone()).unwrap();
        let (pattern, image) = (pattern.unwrap(), image.unwrap());
        let got = podplay(&[
            "match",
            "--kubernetes-version",
            "1.35",
            "--output",
            "json",
            "--",
            &pattern,
            &image,
        ]);
        let want = json!({"matched": matched.as_deref() == Some("true"), "error": error});
        let have = json!({"matched": got["matched"], "error": got["error"]});
        if have != want {
            failures.push(format!("{pattern:?} vs {image:?}: got {have}, want {want}"));
        }
    }
    assert_eq!(rows.len(), 46, "match.tsv row count");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The kubelet's matches as (secret, key, username), grouped in runs of keys that normalize
/// alike: Go returns those in map order, so each run is compared as a set.
fn runs(matches: &[Value]) -> Vec<(String, Vec<(u64, String, String)>)> {
    let mut out: Vec<(String, Vec<(u64, String, String)>)> = Vec::new();
    for m in matches {
        let key = m["key"].as_str().unwrap_or_default().to_string();
        let t = (
            m["secret"].as_u64().unwrap_or(99),
            key.clone(),
            m["username"].as_str().unwrap_or_default().to_string(),
        );
        let norm = normalize_key(&key, Version::new(1, 35)).unwrap_or_default();
        match out.last_mut() {
            Some((k, run)) if *k == norm => run.push(t),
            _ => out.push((norm, vec![t])),
        }
    }
    for (_, run) in &mut out {
        run.sort();
    }
    out
}

#[test]
fn creds_cases() {
    let dir = conformance("k8s-1.35/creds");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    for case in &cases {
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(case.join("expected.json")).unwrap())
                .unwrap();
        let images: Vec<String> = std::fs::read_to_string(case.join("images.txt"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let config = case.join("config.json");
        let mut args = vec![
            "creds",
            "--kubernetes-version",
            "1.35",
            "--output",
            "json",
            "--pull-secret",
            config.to_str().unwrap(),
            "--",
        ];
        args.extend(images.iter().map(String::as_str));
        let got = podplay(&args);
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        if got["parseError"] != expected["parseError"] {
            failures.push(format!(
                "{name} parseError: got {}, want {}",
                got["parseError"], expected["parseError"]
            ));
            continue;
        }
        let want_results = expected["results"].as_array().cloned().unwrap_or_default();
        let have_results = got["results"].as_array().cloned().unwrap_or_default();
        if want_results.len() != have_results.len() {
            failures.push(format!(
                "{name}: {} results, want {}",
                have_results.len(),
                want_results.len()
            ));
            continue;
        }
        for (want, have) in want_results.iter().zip(&have_results) {
            let lookup = &want["lookupRepoToPull"];
            let same = have["image"] == want["image"]
                && have["repoToPull"] == want["repoToPull"]
                && have["found"] == lookup["found"]
                && runs(have["matches"].as_array().unwrap())
                    == runs(lookup["matches"].as_array().unwrap());
            if !same {
                failures.push(format!(
                    "{name} {}: got {have}, want {lookup}",
                    want["image"]
                ));
            }
        }
    }
    assert_eq!(cases.len(), 23, "creds case count");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
