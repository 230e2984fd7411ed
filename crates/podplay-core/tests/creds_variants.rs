//! HAND-DERIVED expectations (not computed by Kubernetes): every row below was worked out
//! by reading the Kubernetes source named with it. Rows computed by Kubernetes live in the
//! `conformance_*.rs` tests.
//!
//! Variants of the conformance `match.tsv` rows and `creds/` cases, each expectation derived by
//! reading the Kubernetes v1.35 source it follows:
//! - pkg/credentialprovider/keyring.go: `URLsMatchStr` / `URLsMatch` / `SplitURL`,
//!   `BasicDockerKeyring.Add` (key normalization) and `Lookup` (Docker Hub fallback);
//! - Go 1.25 net/url `Parse` (`parseHost` with the bracketed-IPv6 checks, `unescape`),
//!   net.SplitHostPort, net/netip `ParseAddr`, path/filepath `Match`;
//! - pkg/credentialprovider/config.go: `DockerConfigEntry.UnmarshalJSON`,
//!   `decodeDockerConfigFieldAuth` (StdEncoding when the trimmed field ends with `=`, else
//!   RawStdEncoding); encoding/json error context (`addErrorContext`).

use podplay_core::credentials::keyring::urls_match_str;
use podplay_core::credentials::{analyze_payloads, Payload};
use podplay_core::versions::Version;

fn v135() -> Version {
    Version::new(1, 35)
}

/// (pattern, image, matched, error) for `URLsMatchStr` at Kubernetes 1.35 (Go ≤ 1.25 URLs).
#[test]
fn urls_match_str_variants() {
    type Row = (&'static str, &'static str, bool, Option<&'static str>);
    let rows: &[Row] = &[
        // Brackets without a port: SplitHostPort fails, the whole "[::1]" is one label and a glob
        // character class, so it matches the one-character label "1".
        ("[::1]", "1/a", true, None),
        ("[::1]", "[::1]/a", false, None),
        ("[::1]:5000", "[::1]:5000/a", true, None),
        ("[fe80::1%25en0]", "[fe80::1%25en0]/a", false, None),
        // Host case: labels compared by filepath.Match, case-sensitively.
        ("x.io", "X.IO/a", false, None),
        ("*.IO", "x.io/a", false, None),
        ("*.io", "X.io/a", true, None),
        // An empty port (`x.io:`) is no port for SplitHostPort.
        ("x.io:", "x.io/a", true, None),
        ("x.io", "x.io:/a", true, None),
        ("x.io:5000", "x.io:5000", true, None),
        // Too many colons: SplitHostPort fails, the port is "" and the host keeps the colons.
        ("x.io:5000", "x.io:5000:/a", false, None),
        ("fe80::1", "fe80::1/a", true, None),
        ("*:5000", "x:5000/a", true, None),
        // Empty and lone-star keys: one empty label.
        ("*", "", true, None),
        ("*", "a", true, None),
        ("*", "*", true, None),
        ("", "a", false, None),
        ("*.x.io", ".x.io", true, None),
        ("x*.io", "x.io", true, None),
        ("*x*.io", "axb.io", true, None),
        // Paths: plain string prefix after unescaping.
        ("x.io/a", "x.io/ab", true, None),
        ("x.io/a/", "x.io/a", false, None),
        ("x.io/v1/", "x.io/v1/a", true, None),
        ("x.io/%41", "x.io/A", true, None),
        ("x.io/a%2Fb", "x.io/a/b", true, None),
        ("x.io", "x.io/a b", true, None),
        // Schemes are not stripped here (only Add strips them): `https://x.io` becomes host
        // "https:" with path "//x.io".
        ("http://x.io", "x.io", false, None),
        ("https://x.io", "x.io", false, None),
        ("x.io", "https://x.io", false, None),
        // URLsMatchStr does not normalize: a trailing `/` or `/v2/` stays in the pattern's path.
        ("x.io/", "x.io", false, None),
        ("x.io:5000/", "x.io:5000/a", true, None),
        ("x.io/v2/", "x.io/a", false, None),
        ("*.*", "a.b", true, None),
        ("*.", "a.", true, None),
        (".", ".", true, None),
        ("a*b.io", "ab.io", true, None),
        ("*.x.io", "A.x.io/a", true, None),
        ("[::1]:5000", "[::1]:05000/a", false, None),
        ("[::1]:5000", "[::1%25e]:5000/a", false, None),
        ("x.io", "x.io/%2F", true, None),
        (
            "x.io",
            "x.io/%",
            false,
            Some("parse \"https://x.io/%\": invalid URL escape \"%\""),
        ),
        (
            "x.io",
            "x.io#%zz",
            false,
            Some("parse \"https://x.io#%zz\": invalid URL escape \"%zz\""),
        ),
        // Query, fragment and userinfo are dropped from the host.
        ("x.io/a", "x.io/a?b", true, None),
        ("x.io?a", "x.io/b", true, None),
        ("x.io/a#b", "x.io/a", true, None),
        ("x.io", "x.io?a", true, None),
        ("x.io?", "x.io", true, None),
        ("x.io#a", "x.io", true, None),
        ("x.io", "x.io#a", true, None),
        ("a:b@x.io", "x.io", true, None),
        ("a@b@x.io", "x.io", true, None),
        ("x.io", "u@x.io/a", true, None),
        (
            "a b@x.io",
            "x.io",
            false,
            Some("parse \"https://a b@x.io\": net/url: invalid userinfo"),
        ),
        // Host characters and escapes.
        (
            "x .io",
            "x .io",
            false,
            Some("parse \"https://x .io\": invalid character \" \" in host name"),
        ),
        (
            "x.io",
            " x.io",
            false,
            Some("parse \"https:// x.io\": invalid character \" \" in host name"),
        ),
        (
            "%41.io",
            "a.io",
            false,
            Some("parse \"https://%41.io\": invalid URL escape \"%41\""),
        ),
        ("ü.io", "ü.io/a", true, None),
        ("%c3%bc.io", "ü.io", true, None),
        ("x]", "x", false, None),
        // Ports must be digits.
        (
            "x.io:*",
            "x.io:5/a",
            false,
            Some("parse \"https://x.io:*\": invalid port \":*\" after host"),
        ),
        (
            "x.io",
            "x.io:abc/a",
            false,
            Some("parse \"https://x.io:abc/a\": invalid port \":abc\" after host"),
        ),
        (
            "[::1]:*",
            "[::1]:1/a",
            false,
            Some("parse \"https://[::1]:*\": invalid port \":*\" after host"),
        ),
        // Bracketed hosts must hold an IPv6 address (netip.ParseAddr's text, with "at").
        (
            "[1.2.3.4]",
            "1.2.3.4",
            false,
            Some("parse \"https://[1.2.3.4]\": invalid IP-literal"),
        ),
        (
            "[::1",
            "x",
            false,
            Some("parse \"https://[::1\": missing ']' in host"),
        ),
        (
            "[x]",
            "x",
            false,
            Some("parse \"https://[x]\": invalid host: ParseAddr(\"x\"): unable to parse IP"),
        ),
        ("[::ffff:1.2.3.4]:5000", "[::ffff:1.2.3.4]:5000/a", true, None),
        ("[1:2:3:4:5:6:7::]:5000", "[1:2:3:4:5:6:7::]:5000/a", true, None),
        (
            "[1::2::3]:5000",
            "x",
            false,
            Some("parse \"https://[1::2::3]:5000\": invalid host: ParseAddr(\"1::2::3\"): multiple :: in address (at \":3\")"),
        ),
        (
            "[::g]",
            "x",
            false,
            Some("parse \"https://[::g]\": invalid host: ParseAddr(\"::g\"): each colon-separated field must have at least one digit (at \"g\")"),
        ),
        (
            "[12345::1]",
            "x",
            false,
            Some("parse \"https://[12345::1]\": invalid host: ParseAddr(\"12345::1\"): each group must have 4 or less digits (at \"12345::1\")"),
        ),
        (
            "[1:2:3:4:5:6:7:8:9]",
            "x",
            false,
            Some("parse \"https://[1:2:3:4:5:6:7:8:9]\": invalid host: ParseAddr(\"1:2:3:4:5:6:7:8:9\"): trailing garbage after address (at \"9\")"),
        ),
        (
            "[::1:2:3:4:5:6:7:8]",
            "x",
            false,
            Some("parse \"https://[::1:2:3:4:5:6:7:8]\": invalid host: ParseAddr(\"::1:2:3:4:5:6:7:8\"): the :: must expand to at least one field of zeros"),
        ),
        (
            "[1:2:3:4:5:6:7:1.2.3.4]",
            "x",
            false,
            Some("parse \"https://[1:2:3:4:5:6:7:1.2.3.4]\": invalid host: ParseAddr(\"1:2:3:4:5:6:7:1.2.3.4\"): embedded IPv4 address must replace the final 2 fields of the address (at \"1.2.3.4\")"),
        ),
        (
            "[::1.2.3.4.5]",
            "x",
            false,
            Some("parse \"https://[::1.2.3.4.5]\": invalid host: ParseAddr(\"::1.2.3.4.5\"): IPv4 address too long"),
        ),
        (
            "[1:]",
            "x",
            false,
            Some("parse \"https://[1:]\": invalid host: ParseAddr(\"1:\"): colon must be followed by more characters (at \":\")"),
        ),
        (
            "[1:2:3:4:5:6:7]",
            "x",
            false,
            Some("parse \"https://[1:2:3:4:5:6:7]\": invalid host: ParseAddr(\"1:2:3:4:5:6:7\"): address string too short"),
        ),
        (
            "[fe80::1%25]",
            "x",
            false,
            Some("parse \"https://[fe80::1%25]\": invalid host: ParseAddr(\"fe80::1%\"): zone must be a non-empty string"),
        ),
        (
            "[%25x]",
            "x",
            false,
            Some("parse \"https://[%25x]\": invalid host: ParseAddr(\"%x\"): missing IPv6 address"),
        ),
        (
            "[1..2.3]",
            "x",
            false,
            Some("parse \"https://[1..2.3]\": invalid host: ParseAddr(\"1..2.3\"): IPv4 field must have at least one digit (at \".2.3\")"),
        ),
        (
            "[1.2.3.]",
            "x",
            false,
            Some("parse \"https://[1.2.3.]\": invalid host: ParseAddr(\"1.2.3.\"): IPv4 field must have at least one digit (at \".\")"),
        ),
        (
            "[256.1.1.1]",
            "x",
            false,
            Some("parse \"https://[256.1.1.1]\": invalid host: ParseAddr(\"256.1.1.1\"): IPv4 field has value >255"),
        ),
    ];
    let mut failures = Vec::new();
    for (pattern, image, matched, error) in rows {
        let got = urls_match_str(pattern, image, v135());
        if got.matched != *matched || got.error.as_deref() != *error {
            failures.push(format!(
                "{pattern:?} {image:?}: got ({}, {:?}), want ({matched}, {error:?})",
                got.matched, got.error
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What `podplay creds` reports for one pull-secret payload and one image: the parse error, or
/// the kubelet's lookup (of the repository to pull) as (secret, config key, username).
fn creds_of(config: &str, image: &str) -> Result<Vec<(usize, String, String)>, String> {
    let report = analyze_payloads(&[Payload::detect(config)], &[image.to_string()], v135());
    if let Some(e) = report.parse_error {
        return Err(e);
    }
    Ok(report.results[0]
        .lookup_repo_to_pull
        .matches
        .iter()
        .map(|c| (c.secret, c.key.clone(), c.username.clone()))
        .collect())
}

#[test]
fn payload_decoding_variants() {
    type Row = (
        &'static str,
        &'static str,
        Result<&'static [&'static str], &'static str>,
    );
    // Ok(usernames in lookup order) or Err(parse error).
    let rows: &[Row] = &[
        // RawStdEncoding skips newlines; a trailing newline after padding is fine too.
        (r#"{"auths":{"x.io":{"auth":"dTpw\n"}}}"#, "x.io/a", Ok(&["u"])),
        (r#"{"auths":{"x.io":{"auth":"dTp\r\nwYQ"}}}"#, "x.io/a", Ok(&["u"])),
        (r#"{"auths":{"x.io":{"auth":"dTpwYQ==\n"}}}"#, "x.io/a", Ok(&["u"])),
        // Spaces are not skipped: the decoder is picked on the trimmed text but runs on the raw one.
        (r#"{"auths":{"x.io":{"auth":" dTpw"}}}"#, "x.io/a", Err("illegal base64 data at input byte 0")),
        (r#"{"auths":{"x.io":{"auth":"dTpw "}}}"#, "x.io/a", Err("illegal base64 data at input byte 4")),
        (r#"{"auths":{"x.io":{"auth":"dTp3cw== "}}}"#, "x.io/a", Err("illegal base64 data at input byte 8")),
        (r#"{"auths":{"x.io":{"auth":"dTpwYQ==\t"}}}"#, "x.io/a", Err("illegal base64 data at input byte 8")),
        // Wrong padding: too short, or a lone symbol in the last quantum.
        (r#"{"auths":{"x.io":{"auth":"dTpwYQ="}}}"#, "x.io/a", Err("illegal base64 data at input byte 7")),
        (r#"{"auths":{"x.io":{"auth":"dTpwY"}}}"#, "x.io/a", Err("illegal base64 data at input byte 4")),
        // No colon after decoding; an empty user and password.
        (r#"{"auths":{"x.io":{"auth":"dQ"}}}"#, "x.io/a", Err("unable to parse auth field, must be formatted as base64(username:password)")),
        (r#"{"auths":{"x.io":{"auth":"Og=="}}}"#, "x.io/a", Ok(&[""])),
        // Field names match case-insensitively; null leaves a field empty; later keys win.
        (r#"{"auths":{"x.io":{"auth":null,"username":"n"}}}"#, "x.io/a", Ok(&["n"])),
        (r#"{"auths":{"x.io":{"Auth":"dTpw","USERNAME":"zz"}}}"#, "x.io/a", Ok(&["u"])),
        (r#"{"auths":{"x.io":{"username":"a","username":"b"}}}"#, "x.io/a", Ok(&["b"])),
        (r#"{"auths":{"x.io":{"username":"u","identitytoken":5}}}"#, "x.io/a", Ok(&["u"])),
        (r#"{"x.io":null}"#, "x.io/a", Ok(&[""])),
        (r#"{"auths":{"x.io":null}}"#, "x.io/a", Ok(&[""])),
        (r#"null"#, "x.io/a", Ok(&[])),
        // Type errors: the rows whose wording Go 1.27's encoding/json decides (json/v2 under
        // the hood) are computed by Kubernetes in parsers_oracle_variants.rs.
        (r#"{"x.io":{"email":[]}}"#, "x.io/a", Err("json: cannot unmarshal array into Go struct field dockerConfigEntryWithAuth.email of type string")),
        (r#"{"x.io":"str"}"#, "x.io/a", Err("json: cannot unmarshal string into Go value of type credentialprovider.dockerConfigEntryWithAuth")),
        (r#"{"auths":{},"HttpHeaders":5}"#, "x.io/a", Err("json: cannot unmarshal number into Go struct field DockerConfigJSON.HttpHeaders of type map[string]string")),
        (r#"{"auths":[]}"#, "x.io/a", Err("json: cannot unmarshal array into Go struct field DockerConfigJSON.auths of type credentialprovider.DockerConfig")),
        (r#""s""#, "x.io/a", Err("json: cannot unmarshal string into Go value of type credentialprovider.DockerConfig")),
        (r#"{"auths":{}} x"#, "x.io/a", Err("invalid character 'x' after top-level value")),
    ];
    let mut failures = Vec::new();
    for (config, image, want) in rows {
        let got = creds_of(config, image)
            .map(|m| m.into_iter().map(|(_, _, user)| user).collect::<Vec<_>>());
        let want = want
            .map(|users| users.iter().map(|u| u.to_string()).collect::<Vec<_>>())
            .map_err(str::to_string);
        if got != want {
            failures.push(format!("{config} {image:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The classic encoding/json of v1.33/v1.34's kubelet (built with Go 1.24; json/v2 from 1.35:
/// versions.rs `GoJsonV2`): its `addErrorContext` names the enclosing `DockerConfigJSON.auths`
/// in an entry's type errors, and a type error of `DockerConfigJSON`'s own fields is only
/// saved, so an entry's returned error wins over it.
#[test]
fn classic_json_type_errors() {
    let rows: &[(&str, &str)] = &[
        (r#"{"auths":{"x.io":{"auth":5}}}"#, "json: cannot unmarshal number into Go struct field DockerConfigJSON.auths.auth of type string"),
        (r#"{"auths":{"x.io":{"username":"u","email":{}}}}"#, "json: cannot unmarshal object into Go struct field DockerConfigJSON.auths.email of type string"),
        (r#"{"auths":{"x.io":"str","y.io":{"username":"u"}}}"#, "json: cannot unmarshal string into Go struct field DockerConfigJSON.auths of type credentialprovider.dockerConfigEntryWithAuth"),
        (r#"{"auths":{"x.io":5}}"#, "json: cannot unmarshal number into Go struct field DockerConfigJSON.auths of type credentialprovider.dockerConfigEntryWithAuth"),
        (r#"{"auths":{"x.io":[1]}}"#, "json: cannot unmarshal array into Go struct field DockerConfigJSON.auths of type credentialprovider.dockerConfigEntryWithAuth"),
        (r#"{"x.io":{"email":[]}}"#, "json: cannot unmarshal array into Go struct field dockerConfigEntryWithAuth.email of type string"),
        (r#"{"HttpHeaders":5,"auths":{"x.io":"s"}}"#, "json: cannot unmarshal string into Go struct field DockerConfigJSON.auths of type credentialprovider.dockerConfigEntryWithAuth"),
        (r#"{"auths":{},"HttpHeaders":{"a":1}}"#, "json: cannot unmarshal number into Go struct field DockerConfigJSON.HttpHeaders of type string"),
        (r#"{"auths":{},"Auths":5}"#, "json: cannot unmarshal number into Go struct field DockerConfigJSON.auths of type credentialprovider.DockerConfig"),
        (r#"{"x.io":{"auth":"\q"}}"#, "invalid character 'q' in string escape code"),
    ];
    for (config, want) in rows {
        let report = analyze_payloads(
            &[Payload::detect(config)],
            &["x.io/a".to_string()],
            Version::new(1, 34),
        );
        assert_eq!(report.parse_error.as_deref(), Some(*want), "{config}");
    }
}

/// Key normalization (`Add`) and `Lookup` order: one secret with many key forms.
#[test]
fn key_normalization_and_lookup_variants() {
    let config = r#"{"auths": {
        "HTTPS://x.io": {"username": "upper-scheme"},
        "x.io/v1": {"username": "v1-no-slash"},
        "https://x.io/v1/team/": {"username": "v1-team"},
        "*": {"username": "star"},
        "": {"username": "empty"},
        "x.io:5000/": {"username": "port"},
        "[::1]:5000": {"username": "v6"},
        "https://[x]": {"username": "bad"}
    }}"#;
    // (image, usernames in the kubelet's order). Index order is reverse byte order of the
    // normalized keys: "x.io:5000" > "x.io/v1" > "x.io/team/" > "[::1]:5000" > "HTTPS://x.io" > "*" > "".
    let rows: &[(&str, &[&str])] = &[
        // "HTTPS://x.io" is not a recognised scheme prefix (case-sensitive): host "HTTPS:".
        ("x.io/a", &[]),
        ("x.io/team/a", &["v1-team"]),
        ("x.io/v1x", &["v1-no-slash"]),
        ("x.io:5000/a", &["port"]),
        ("[::1]:5000/a", &["v6"]),
        // A one-label host matches "*".
        ("localhost/a", &["star"]),
        // Docker Hub images look up docker.io/...: three labels, nothing matches, and there is
        // no index.docker.io key for the fallback.
        ("nginx", &[]),
        // An unparsable image has an empty repository: "*" and the empty key both match it.
        ("X/Y", &["star", "empty"]),
    ];
    let mut failures = Vec::new();
    for (image, want) in rows {
        let got = creds_of(config, image)
            .map(|m| m.into_iter().map(|(_, _, user)| user).collect::<Vec<_>>());
        let want: Result<Vec<String>, String> = Ok(want.iter().map(|u| u.to_string()).collect());
        if got != want {
            failures.push(format!("{image:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
