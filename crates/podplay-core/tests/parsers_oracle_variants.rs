// COMPUTED BY KUBERNETES: outputs from a local build of the real v1.36.2 tree (see the file header)
//! Variants whose expected outputs were COMPUTED by Kubernetes v1.36.2's own code, built locally
//! with the toolchain of tests/conformance (Go 1.27.3) in a small program over the real
//! packages — `pkg/credentialprovider` (+`/secrets`: `MakeDockerKeyring` then `Lookup` of
//! `ParseImageName(image)`'s repository), `credentialprovider.URLsMatchStr`,
//! `labels.Parse`, `github.com/distribution/reference` and `pkg/util/parsers` — during a
//! differential run against podplay. Each row is a place where podplay differed.
//!
//! The kubelet's docker config decoding is Go's `encoding/json`, which Go 1.27 runs over json/v2
//! (the `jsonv2` experiment is on by default): members are read in document order, each
//! repeated key in turn, the first error stops it, an entry's own `Unmarshal` names
//! `dockerConfigEntryWithAuth` (never the enclosing field), and syntax errors use json/v2's
//! wording.

use podplay_core::credentials::keyring::urls_match_str;
use podplay_core::credentials::{analyze_payloads, Payload};
use podplay_core::versions::Version;

/// The usernames the kubelet would try for `x.io/a` with one pull secret holding `config`,
/// or the error that makes the secret unusable.
fn usernames(config: &str) -> Result<Vec<String>, String> {
    let report = analyze_payloads(
        &[Payload::detect(config)],
        &["x.io/a".to_string()],
        Version::new(1, 36),
    );
    match report.parse_error {
        Some(e) => Err(e),
        None => Ok(report.results[0]
            .lookup_repo_to_pull
            .matches
            .iter()
            .map(|c| c.username.clone())
            .collect()),
    }
}

#[test]
fn docker_config_payloads_decode_as_go_1_27_encoding_json() {
    type Row<'a> = (&'a str, Result<&'a [&'a str], &'a str>);
    let rows: &[Row] = &[
        (
            r#"{"auths":{"x.io":{"email":false}}}"#,
            Err(
                r#"json: cannot unmarshal bool into Go struct field dockerConfigEntryWithAuth.email of type string"#,
            ),
        ),
        (
            r#"{"auths":{"x.io":"s"}}"#,
            Err(
                r#"json: cannot unmarshal string into Go value of type credentialprovider.dockerConfigEntryWithAuth"#,
            ),
        ),
        (
            r#"{"auths":{"x.io":[]}}"#,
            Err(
                r#"json: cannot unmarshal array into Go value of type credentialprovider.dockerConfigEntryWithAuth"#,
            ),
        ),
        (
            r#"{"auths":{"x.io":{"auth":{}}}}"#,
            Err(
                r#"json: cannot unmarshal object into Go struct field dockerConfigEntryWithAuth.auth of type string"#,
            ),
        ),
        (
            r#"{"auths":{"x.io":{"auth":5}}}"#,
            Err(
                r#"json: cannot unmarshal number into Go struct field dockerConfigEntryWithAuth.auth of type string"#,
            ),
        ),
        (
            r#"{"auths":{"x.io":{"Auth":[]}}}"#,
            Err(
                r#"json: cannot unmarshal array into Go struct field dockerConfigEntryWithAuth.Auth of type string"#,
            ),
        ),
        (
            r#"{"x.io":{"EMAIL":1}}"#,
            Err(
                r#"json: cannot unmarshal number into Go struct field dockerConfigEntryWithAuth.EMAIL of type string"#,
            ),
        ),
        (
            r#"{"x.io":{"auth":1,"username":2}}"#,
            Err(
                r#"json: cannot unmarshal number into Go struct field dockerConfigEntryWithAuth.auth of type string"#,
            ),
        ),
        (
            r#"{"x.io":{"username":2,"auth":1}}"#,
            Err(
                r#"json: cannot unmarshal number into Go struct field dockerConfigEntryWithAuth.username of type string"#,
            ),
        ),
        (
            r#"{"auths":{"x.io":{"auth":"!!","password":true}}}"#,
            Err(
                r#"json: cannot unmarshal bool into Go struct field dockerConfigEntryWithAuth.password of type string"#,
            ),
        ),
        (
            r#"{"a.io":{"auth":"!!!"},"b.io":{"email":1}}"#,
            Err(r#"illegal base64 data at input byte 0"#),
        ),
        (
            r#"{"b.io":{"email":1},"a.io":{"auth":"!!!"}}"#,
            Err(
                r#"json: cannot unmarshal number into Go struct field dockerConfigEntryWithAuth.email of type string"#,
            ),
        ),
        (
            r#"{"auths":{"x.io":{"auth":"dTpw"}},"HttpHeaders":{"a":1}}"#,
            Err(
                r#"json: cannot unmarshal number into Go struct field DockerConfigJSON.HttpHeaders.a of type string"#,
            ),
        ),
        (
            r#"{"auths":{"x.io":{"auth":"dTpw"}},"HttpHeaders":{"a/b~c":1}}"#,
            Err(
                r#"json: cannot unmarshal number into Go struct field DockerConfigJSON.HttpHeaders.a~1b~0c of type string"#,
            ),
        ),
        (
            r#"{"auths":{"x.io":{"auth":"dTpw"}},"httpheaders":{"a":1}}"#,
            Err(
                r#"json: cannot unmarshal number into Go struct field DockerConfigJSON.httpheaders.a of type string"#,
            ),
        ),
        (
            r#"{"auths":{"x.io":{"auth":"dTpw"}},"HttpHeaders":{"a":"1"},"HttpHeaders":{"b":2}}"#,
            Err(
                r#"json: cannot unmarshal number into Go struct field DockerConfigJSON.HttpHeaders.b of type string"#,
            ),
        ),
        (
            r#"{"auths":{"x.io":{"auth":"dTpw"}},"HTTPHEADERS":[]}"#,
            Err(
                r#"json: cannot unmarshal array into Go struct field DockerConfigJSON.HTTPHEADERS of type map[string]string"#,
            ),
        ),
        (
            r#"{"HttpHeaders":5,"auths":{"x.io":{"auth":"!!"}}}"#,
            Err(
                r#"json: cannot unmarshal number into Go struct field DockerConfigJSON.HttpHeaders of type map[string]string"#,
            ),
        ),
        (
            r#"{"HttpHeaders":5,"auths":{"x.io":"s"}}"#,
            Err(
                r#"json: cannot unmarshal number into Go struct field DockerConfigJSON.HttpHeaders of type map[string]string"#,
            ),
        ),
        (
            r#"{"auths":"s","auths":{"x.io":{"auth":"!!"}}}"#,
            Err(
                r#"json: cannot unmarshal string into Go struct field DockerConfigJSON.auths of type credentialprovider.DockerConfig"#,
            ),
        ),
        (
            r#"{"auths":{"x.io":{"auth":"dTpw"}},"Auths":5}"#,
            Err(
                r#"json: cannot unmarshal number into Go struct field DockerConfigJSON.Auths of type credentialprovider.DockerConfig"#,
            ),
        ),
        (
            r#"{"auths":{"x.io":{"auth":"!!"},"x.io":{"auth":"dTpw"}}}"#,
            Err(r#"illegal base64 data at input byte 0"#),
        ),
        (
            r#"{"x.io":{"auth":"!!"},"x.io":null}"#,
            Err(r#"illegal base64 data at input byte 0"#),
        ),
        (
            r#"{"x.io":{"email":1},"x.io":null}"#,
            Err(
                r#"json: cannot unmarshal number into Go struct field dockerConfigEntryWithAuth.email of type string"#,
            ),
        ),
        (r#"{"x.io":{"username":"1","username":null}}"#, Ok(&["1"])),
        (r#"{"x.io":{"auth":"dTpw","auth":null}}"#, Ok(&["u"])),
        (r#"{"x.io":{"uſername":"u"}}"#, Ok(&["u"])),
        (
            r#"{"auths":{"x.io":{}},"httpHeaderſ":5}"#,
            Err(
                r#"json: cannot unmarshal number into Go struct field DockerConfigJSON.httpHeaderſ of type map[string]string"#,
            ),
        ),
        (
            "{\"x.io\":{\"auth\":\"dTpw\u{1}\"}}",
            Err(r#"invalid character '\x01' in string"#),
        ),
        (
            r#"{"x.io":{"auth":"\x"}}"#,
            Err(r#"invalid escape sequence `\x` in string"#),
        ),
        (
            r#"{"a":"\u12"}"#,
            Err(r#"invalid escape sequence `\u12"}` in string"#),
        ),
        (
            r#"{"a":"\uZZZZ"}"#,
            Err(r#"invalid escape sequence `\uZZZZ` in string"#),
        ),
        (
            r#"{"a":"\u0"}"#,
            Err(r#"invalid escape sequence `\u0"}` in string"#),
        ),
        (
            r#"{"a":"\é"}"#,
            Err(r#"invalid escape sequence "\\\xc3" in string"#),
        ),
        (
            r#"{"x.io":{}, "y": 1.}"#,
            Err(r#"invalid character '}' in numeric literal"#),
        ),
        (
            r#"{"a":1.5e+}"#,
            Err(r#"invalid character '}' in numeric literal"#),
        ),
        (
            "{\"a\":\"\u{9}\"}",
            Err(r#"invalid character '\t' in string"#),
        ),
        (
            r#"ü"#,
            Err(r#"invalid character 'ü' looking for beginning of value"#),
        ),
        (
            "\u{feff}{\"x.io\":{}}",
            Err(r#"invalid character '\ufeff' looking for beginning of value"#),
        ),
        (
            " \u{a0}{}",
            Err(r#"invalid character '\u00a0' looking for beginning of value"#),
        ),
        (
            r#"{"x.io":{}}ü"#,
            Err(r#"invalid character 'ü' after top-level value"#),
        ),
    ];
    let mut failures = Vec::new();
    for (config, want) in rows {
        let want = want
            .map(|users| users.iter().map(|u| u.to_string()).collect::<Vec<_>>())
            .map_err(str::to_string);
        let got = usernames(config);
        if got != want {
            failures.push(format!("{config:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A Secret whose payload is empty is skipped (`secretsToTrackedDockerConfigs` needs data), so
/// it is no error: the kubelet pulls anonymously.
#[test]
fn an_empty_payload_is_not_a_pull_secret() {
    assert_eq!(usernames(""), Ok(vec![]));
}

/// `URLsMatchStr` with a bracketed host whose `%XX` escape decodes to a byte that is not UTF-8:
/// Go's string keeps the byte and ParseAddr's error quotes it as `\xdb`.
#[test]
fn url_escapes_keep_go_bytes_in_parse_addr_errors() {
    let rows = [
        (
            "x.-io:5000",
            "[2001:%db8::1]/a",
            r#"parse "https://[2001:%db8::1]/a": invalid host: ParseAddr("2001:\xdb8::1"): each colon-separated field must have at least one digit (at "\xdb8::1")"#,
        ),
        (
            "x.io/v1/",
            "[2001:d%b8::1]/a",
            r#"parse "https://[2001:d%b8::1]/a": invalid host: ParseAddr("2001:d\xb8::1"): unexpected character, want colon (at "\xb8::1")"#,
        ),
    ];
    for (pattern, image, error) in rows {
        let got = urls_match_str(pattern, image, Version::new(1, 36));
        assert!(!got.matched, "{pattern} {image}");
        assert_eq!(got.error.as_deref(), Some(error), "{pattern} {image}");
    }
}
