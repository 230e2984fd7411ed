//! The `podplay image`, `creds` and `match` JSON contracts, run through the built binary.

use std::process::Command;

use serde_json::{json, Value};

fn podplay(args: &[&str]) -> (u8, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_podplay"))
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1) as u8;
    let value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (code, value)
}

fn conformance(path: &str) -> String {
    format!(
        "{}/../../tests/conformance/k8s-1.35/{path}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn image_contract() {
    let (code, v) = podplay(&["image", "nginx:1.25.3-alpine", "Nginx", " nginx"]);
    assert_eq!(code, 0);
    // Every column of the conformance file images.jsonl (computed by Kubernetes v1.35.4).
    assert_eq!(
        v,
        json!([
            {"ref": "nginx:1.25.3-alpine", "valid": true, "error": null, "name": "docker.io/library/nginx",
             "domain": "docker.io", "path": "library/nginx", "tag": "1.25.3-alpine", "digest": null,
             "familiarName": "nginx", "familiarString": "nginx:1.25.3-alpine",
             "string": "docker.io/library/nginx:1.25.3-alpine",
             "tagNameOnly": "docker.io/library/nginx:1.25.3-alpine",
             "anyReference": "docker.io/library/nginx:1.25.3-alpine", "anyReferenceError": null,
             "dockerRef": "docker.io/library/nginx:1.25.3-alpine", "dockerRefError": null,
             "k8sRepoToPull": "docker.io/library/nginx", "k8sTag": "1.25.3-alpine", "k8sDigest": "",
             "k8sError": null, "defaultPullPolicy": "IfNotPresent", "podValidationErrors": []},
            {"ref": "Nginx", "valid": false,
             "error": "invalid reference format: repository name (library/Nginx) must be lowercase",
             "name": null, "domain": null, "path": null, "tag": null, "digest": null,
             "familiarName": null, "familiarString": null, "string": null, "tagNameOnly": null,
             "anyReference": null,
             "anyReferenceError": "invalid reference format: repository name (library/Nginx) must be lowercase",
             "dockerRef": null,
             "dockerRefError": "invalid reference format: repository name (library/Nginx) must be lowercase",
             "k8sRepoToPull": "", "k8sTag": "", "k8sDigest": "",
             "k8sError": "couldn't parse image name \"Nginx\": invalid reference format: repository name (library/Nginx) must be lowercase",
             "defaultPullPolicy": "IfNotPresent", "podValidationErrors": []},
            {"ref": " nginx", "valid": false, "error": "invalid reference format",
             "name": null, "domain": null, "path": null, "tag": null, "digest": null,
             "familiarName": null, "familiarString": null, "string": null, "tagNameOnly": null,
             "anyReference": null, "anyReferenceError": "invalid reference format",
             "dockerRef": null, "dockerRefError": "invalid reference format",
             "k8sRepoToPull": "", "k8sTag": "", "k8sDigest": "",
             "k8sError": "couldn't parse image name \" nginx\": invalid reference format",
             "defaultPullPolicy": "IfNotPresent",
             "podValidationErrors": ["spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace"]}
        ])
    );
    // --kubernetes-version is accepted (and checked) like the other commands'.
    let (code, v) = podplay(&["image", "--kubernetes-version", "1.33", ""]);
    assert_eq!(code, 0);
    assert_eq!(
        v[0]["podValidationErrors"],
        json!(["spec.containers[0].image: Required value"])
    );
    assert_eq!(
        podplay(&["image", "--kubernetes-version", "9.9", "nginx"]).0,
        2
    );
}

#[test]
fn creds_contract_on_a_conformance_case() {
    let config = conformance("creds/031-dockerhub-all-forms/config.json");
    let (code, v) = podplay(&[
        "creds",
        "--pull-secret",
        &config,
        "nginx",
        "registry-1.docker.io/library/nginx",
        "x.io/app",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        v,
        json!({"parseError": null, "results": [
            {"image": "nginx", "repoToPull": "docker.io/library/nginx", "found": true,
             "matches": [{"secret": 0, "key": "docker.io", "username": "dockerio"}]},
            {"image": "registry-1.docker.io/library/nginx", "repoToPull": "registry-1.docker.io/library/nginx", "found": true,
             "matches": [{"secret": 0, "key": "registry-1.docker.io", "username": "reg1"}]},
            {"image": "x.io/app", "repoToPull": "x.io/app", "found": false, "matches": []}
        ]})
    );
}

#[test]
fn creds_reads_secret_manifests_and_reports_bad_auth() {
    let dir = std::env::temp_dir().join(format!("podplay-cli-images-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let manifest = dir.join("secret.yaml");
    // {"auths":{"x.io":{"auth":"dTpw"}}} → user "u"
    std::fs::write(
        &manifest,
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: reg\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJ4LmlvIjp7ImF1dGgiOiJkVHB3In19fQ==\n",
    )
    .unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"auths":{"x.io":{"auth":"cGFudHM="}}}"#).unwrap();

    let (code, v) = podplay(&[
        "creds",
        "--pull-secret",
        manifest.to_str().unwrap(),
        "x.io/app:1",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        v["results"][0]["matches"],
        json!([{"secret": 0, "key": "x.io", "username": "u"}])
    );

    let (code, v) = podplay(&[
        "creds",
        "--pull-secret",
        manifest.to_str().unwrap(),
        "--pull-secret",
        bad.to_str().unwrap(),
        "x.io/app",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        v,
        json!({"parseError": "unable to parse auth field, must be formatted as base64(username:password)", "results": []})
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn match_contract() {
    let (code, v) = podplay(&["match", "*.x.io:443", "a.x.io:443/b"]);
    assert_eq!(code, 0);
    assert_eq!(v["matched"], json!(true));
    assert_eq!(v["error"], Value::Null);
    let (_, v) = podplay(&["match", "r[0-9].io", "r5.io"]);
    assert_eq!(v["matched"], json!(false));
    assert_eq!(
        v["error"],
        json!("parse \"https://r[0-9].io\": invalid IP-literal")
    );
    assert!(v["why"].as_str().unwrap().contains("IPv6 literal"));
    let (_, v) = podplay(&["match", "--kubernetes-version", "1.35", "::1", "::1/a"]);
    assert_eq!(v["matched"], json!(true));
}

#[test]
fn misuse_exits_2() {
    assert_eq!(podplay(&["match", "only-one"]).0, 2);
    assert_eq!(podplay(&["image"]).0, 2);
    assert_eq!(podplay(&["image", "--output", "yaml", "nginx"]).0, 2);
    assert_eq!(
        podplay(&["creds", "--pull-secret", "/nonexistent/file.json", "nginx"]).0,
        2
    );
}

/// COMPUTED BY KUBERNETES (v1.36.2 tree, Go 1.27.3; see crates/podplay-core/tests/parsers_oracle_variants.rs):
/// a JSON array of pull-secret payloads is decoded element by element from its own text, as
/// the kubelet decodes each Secret's bytes (a repeated key is decoded each time; a lone `\ud800`
/// escape is U+FFFD, not a reason to read the file another way).
#[test]
fn creds_decodes_each_array_element_as_written() {
    let dir = std::env::temp_dir().join(format!("podplay-cli-array-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let repeated = dir.join("repeated.json");
    std::fs::write(
        &repeated,
        r#"[{"auths":{"x.io":{"auth":"!!"},"x.io":{"auth":"dTpw"}}}]"#,
    )
    .unwrap();
    let (code, v) = podplay(&[
        "creds",
        "--pull-secret",
        repeated.to_str().unwrap(),
        "x.io/a",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        v,
        json!({"parseError": "illegal base64 data at input byte 0", "results": []})
    );
    let surrogate = dir.join("surrogate.json");
    std::fs::write(
        &surrogate,
        r#"[{"auths":{"x.io":{"username":"a\ud800"}}}, {"y.io":{"username":"b"}}]"#,
    )
    .unwrap();
    let (_, v) = podplay(&[
        "creds",
        "--pull-secret",
        surrogate.to_str().unwrap(),
        "x.io/a",
        "y.io/b",
    ]);
    assert_eq!(
        v["results"],
        json!([
            {"image": "x.io/a", "repoToPull": "x.io/a", "found": true,
             "matches": [{"secret": 0, "key": "x.io", "username": "a\u{fffd}"}]},
            {"image": "y.io/b", "repoToPull": "y.io/b", "found": true,
             "matches": [{"secret": 1, "key": "y.io", "username": "b"}]}
        ])
    );
    std::fs::remove_dir_all(&dir).ok();
}
