//! `podplay env` through the built binary: the JSON contract on every public 1.36 env
//! conformance case (env compared as sorted lists, command, args, error), the text output and
//! misuse.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn podplay(args: &[&str]) -> (u8, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_podplay"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1) as u8,
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/k8s-1.36/env");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn name_values(env: &Value) -> Value {
    match env.as_array() {
        None => Value::Null,
        Some(rows) => {
            let mut pairs: Vec<(String, String)> = rows
                .iter()
                .map(|r| {
                    (
                        r["name"].as_str().unwrap().to_string(),
                        r["value"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            pairs.sort();
            pairs
                .into_iter()
                .map(|(n, v)| serde_json::json!({"name": n, "value": v}))
                .collect()
        }
    }
}

#[test]
fn env_contract_matches_every_conformance_case() {
    let dirs = cases();
    assert_eq!(dirs.len(), 14);
    for dir in dirs {
        let input = dir.join("input.yaml");
        let (code, stdout) = podplay(&[
            "env",
            "--kubernetes-version",
            "1.36",
            input.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{}", dir.display());
        let got: Value = serde_json::from_str(&stdout).unwrap();
        let want: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                .unwrap();
        assert_eq!(got["namespace"], want["namespace"], "{}", dir.display());
        assert_eq!(got["serviceAccountName"], want["serviceAccountName"]);
        let (g, w) = (
            got["containers"].as_array().unwrap(),
            want["containers"].as_array().unwrap(),
        );
        assert_eq!(g.len(), w.len(), "{}", dir.display());
        for (g, w) in g.iter().zip(w) {
            let at = format!("{} {}", dir.display(), w["name"]);
            assert_eq!(g["name"], w["name"], "{at}");
            assert_eq!(g["kind"], w["kind"], "{at}");
            assert_eq!(name_values(&g["env"]), name_values(&w["env"]), "{at}");
            assert_eq!(g["command"], w["command"], "{at}");
            assert_eq!(g["args"], w["args"], "{at}");
            assert_eq!(g["error"], w["error"], "{at}");
            // Every variable carries its source.
            for row in g["env"].as_array().into_iter().flatten() {
                assert!(
                    row["source"]["kind"].is_string() && row["source"]["text"].is_string(),
                    "{at}"
                );
            }
        }
    }
}

#[test]
fn env_text_output_and_misuse() {
    let case = cases()
        .into_iter()
        .find(|p| p.ends_with("001-bars-env"))
        .unwrap();
    let (code, text) = podplay(&[
        "env",
        "--output",
        "text",
        case.join("input.yaml").to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert!(
        text.contains("container bar (container, spec.containers[0])"),
        "{text}"
    );
    assert!(text.contains("GREETING=hello-x"), "{text}");
    assert!(
        text.contains("# Service shop/foo: the Service's cluster IP"),
        "{text}"
    );
    assert!(text.contains("unordered set"), "{text}");
    assert!(
        text.contains("command: [\"sh\",\"-c\",\"echo hello-x $(UNDEFINED)\"]"),
        "{text}"
    );
    let (code, _) = podplay(&["env"]);
    assert_eq!(code, 2);
    let (code, _) = podplay(&["env", "--output", "yaml", "x"]);
    assert_eq!(code, 2);
}

/// `--context FILE`: each conformance case with its Services, ConfigMaps, Secrets and Nodes
/// moved to a context file gets the same environment as the one paste.
#[test]
fn env_context_file_gives_the_environment_of_one_paste() {
    let tmp = std::env::temp_dir().join(format!("podplay-cli-env-context-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let mut split_cases = 0;
    for dir in cases() {
        let text = std::fs::read_to_string(dir.join("input.yaml")).unwrap();
        let is_pod = |d: &str| d.contains("kind: Pod\n");
        let Some((pod_file, context_file)) = common::split_for_context(&text, is_pod, &tmp) else {
            continue;
        };
        let (_, whole) = podplay(&["env", dir.join("input.yaml").to_str().unwrap()]);
        let (code, split) = podplay(&[
            "env",
            "--context",
            context_file.to_str().unwrap(),
            pod_file.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{}", dir.display());
        let (whole, split): (Value, Value) = (
            serde_json::from_str(&whole).unwrap(),
            serde_json::from_str(&split).unwrap(),
        );
        let (w, s) = (
            whole["containers"].as_array().unwrap(),
            split["containers"].as_array().unwrap(),
        );
        assert_eq!(w.len(), s.len(), "{}", dir.display());
        for (w, s) in w.iter().zip(s) {
            assert_eq!(
                name_values(&s["env"]),
                name_values(&w["env"]),
                "{}",
                dir.display()
            );
            assert_eq!(s["error"], w["error"], "{}", dir.display());
        }
        split_cases += 1;
    }
    assert!(
        split_cases >= 5,
        "only {split_cases} cases had context to split off"
    );
    std::fs::remove_dir_all(&tmp).ok();
}
