//! COMPUTED BY KUBERNETES: every expectation here is read from tests/conformance/ (real
//! Kubernetes output); no hand-derived row.
//!
//! Every case of tests/conformance/k8s-1.35/creds/ (keyring lookups computed by Kubernetes v1.35.4).
//!
//! Credentials whose config keys normalize to the same keyring key come back from Go in a
//! random order among themselves (Go map iteration), so matches are compared in order of
//! normalized key, and as a set within one normalized key.

use podplay_core::credentials::keyring::{normalize_key, Credential, Lookup};
use podplay_core::credentials::{analyze_payloads, dockerconfig, Payload};
use podplay_core::versions::Version;
use serde_json::Value;

fn conformance_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/k8s-1.35/creds")
}

/// A case's config.json: one payload, or a JSON array of payloads.
fn payloads(text: &str) -> Vec<Payload> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => items
            .iter()
            .map(|v| Payload::detect(&serde_json::to_string(v).unwrap()))
            .collect(),
        _ => vec![Payload::detect(text)],
    }
}

type Tuple = (u64, String, String, String, String);

fn tuple_of_expected(m: &Value) -> Tuple {
    let s = |k: &str| m[k].as_str().unwrap_or("").to_string();
    (
        m["secret"].as_u64().unwrap(),
        s("key"),
        s("username"),
        s("password"),
        s("email"),
    )
}

fn tuple_of_credential(c: &Credential) -> Tuple {
    (
        c.secret as u64,
        c.key.clone(),
        c.username.clone(),
        c.password.clone(),
        c.email.clone(),
    )
}

/// Groups tuples into runs of equal normalized key, each run sorted.
fn canonical(tuples: Vec<Tuple>) -> Vec<(String, Vec<Tuple>)> {
    let mut runs: Vec<(String, Vec<Tuple>)> = Vec::new();
    for t in tuples {
        let norm = normalize_key(&t.1, Version::new(1, 35)).unwrap_or_default();
        match runs.last_mut() {
            Some((k, run)) if *k == norm => run.push(t),
            _ => runs.push((norm, vec![t])),
        }
    }
    for (_, run) in &mut runs {
        run.sort();
    }
    runs
}

fn compare_lookup(
    case: &str,
    image: &str,
    what: &str,
    got: &Lookup,
    want: &Value,
    failures: &mut Vec<String>,
) {
    let want_found = want["found"].as_bool().unwrap();
    let want_matches: Vec<Tuple> = want["matches"]
        .as_array()
        .map(|a| a.iter().map(tuple_of_expected).collect())
        .unwrap_or_default();
    let got_matches: Vec<Tuple> = got.matches.iter().map(tuple_of_credential).collect();
    if got.found != want_found || canonical(got_matches.clone()) != canonical(want_matches.clone())
    {
        failures.push(format!(
            "{case} {image:?} {what}: got found={} {got_matches:?}, want found={want_found} {want_matches:?}",
            got.found
        ));
    }
}

#[test]
fn every_creds_case_matches() {
    let mut dirs: Vec<_> = std::fs::read_dir(conformance_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    let mut failures = Vec::new();
    let mut images_checked = 0;
    for dir in &dirs {
        let case = dir.file_name().unwrap().to_string_lossy().to_string();
        let config = std::fs::read_to_string(dir.join("config.json")).unwrap();
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                .unwrap();
        let images: Vec<String> = std::fs::read_to_string(dir.join("images.txt"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str::<String>(l).unwrap())
            .collect();
        let payloads = payloads(&config);
        let report = analyze_payloads(&payloads, &images, Version::new(1, 35));

        let types: Vec<Value> = report
            .secret_types
            .iter()
            .map(|k| Value::String(k.secret_type().into()))
            .collect();
        if Value::Array(types.clone()) != expected["secretTypes"] {
            failures.push(format!(
                "{case} secretTypes: got {types:?}, want {}",
                expected["secretTypes"]
            ));
        }
        let want_error = expected["parseError"].as_str().map(str::to_string);
        if report.parse_error != want_error {
            failures.push(format!(
                "{case} parseError: got {:?}, want {want_error:?}",
                report.parse_error
            ));
            continue;
        }
        // Entries (with passwords) straight from the decoder.
        let mut got_entries: Vec<Tuple> = Vec::new();
        for (i, p) in payloads.iter().enumerate() {
            if let Ok(decoded) = dockerconfig::decode(&p.text, p.kind, Version::new(1, 35)) {
                got_entries.extend(
                    decoded
                        .into_iter()
                        .map(|e| (i as u64, e.key, e.username, e.password, e.email)),
                );
            }
        }
        got_entries.sort();
        let mut want_entries: Vec<Tuple> = expected["entries"]
            .as_array()
            .map(|a| a.iter().map(tuple_of_expected).collect())
            .unwrap_or_default();
        want_entries.sort();
        if want_error.is_none() && got_entries != want_entries {
            failures.push(format!(
                "{case} entries: got {got_entries:?}, want {want_entries:?}"
            ));
        }
        let want_results = expected["results"].as_array().cloned().unwrap_or_default();
        if want_results.len() != report.results.len() {
            failures.push(format!(
                "{case}: {} results, want {}",
                report.results.len(),
                want_results.len()
            ));
            continue;
        }
        for (got, want) in report.results.iter().zip(&want_results) {
            images_checked += 1;
            let image = got.image.as_str();
            if Some(image) != want["image"].as_str()
                || Some(got.repo_to_pull.as_str()) != want["repoToPull"].as_str()
            {
                failures.push(format!(
                    "{case} {image:?}: repoToPull {:?}, want {}",
                    got.repo_to_pull, want["repoToPull"]
                ));
            }
            if got.parse_error.as_deref() != want["parseError"].as_str() {
                failures.push(format!(
                    "{case} {image:?}: parseError {:?}, want {}",
                    got.parse_error, want["parseError"]
                ));
            }
            compare_lookup(
                &case,
                image,
                "lookup",
                &got.lookup,
                &want["lookup"],
                &mut failures,
            );
            compare_lookup(
                &case,
                image,
                "lookupRepoToPull",
                &got.lookup_repo_to_pull,
                &want["lookupRepoToPull"],
                &mut failures,
            );
        }
    }
    assert_eq!(dirs.len(), 23, "creds case count");
    assert!(images_checked > 0);
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
