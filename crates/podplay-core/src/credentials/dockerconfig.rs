//! Docker config payloads as the kubelet decodes them (pkg/credentialprovider/config.go):
//! `{"auths": {...}}` (`kubernetes.io/dockerconfigjson`, also a node's config.json) or a bare
//! host → entry map (legacy `kubernetes.io/dockercfg`, a node's `.dockercfg`).
//!
//! An entry keeps only `username`, `password` and `email`; a non-empty `auth` is decoded
//! (base64 of `user:password`) and overrides them. Any error — JSON syntax, a wrongly typed
//! field, a bad `auth` — makes the whole payload unusable, with Go's error text.

use serde::Serialize;
use serde_json::Value;

use crate::go::base64;
use crate::go::json::{self as gojson, Dialect};
use crate::versions::Version;

/// `unable to parse auth field, must be formatted as base64(username:password)`.
pub const ERR_AUTH_FORMAT: &str =
    "unable to parse auth field, must be formatted as base64(username:password)";

/// The two payload formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PayloadKind {
    /// `{"auths": {...}}`: secret type `kubernetes.io/dockerconfigjson`, key `.dockerconfigjson`.
    #[serde(rename = "kubernetes.io/dockerconfigjson")]
    DockerConfigJson,
    /// A bare map: secret type `kubernetes.io/dockercfg`, key `.dockercfg`.
    #[serde(rename = "kubernetes.io/dockercfg")]
    Dockercfg,
}

impl PayloadKind {
    pub fn secret_type(self) -> &'static str {
        match self {
            PayloadKind::DockerConfigJson => "kubernetes.io/dockerconfigjson",
            PayloadKind::Dockercfg => "kubernetes.io/dockercfg",
        }
    }

    /// The Secret's data key the payload is read from.
    pub fn key(self) -> &'static str {
        match self {
            PayloadKind::DockerConfigJson => ".dockerconfigjson",
            PayloadKind::Dockercfg => ".dockercfg",
        }
    }

    /// Guesses the kind of a bare payload: an object with a top-level `auths` key is a
    /// dockerconfigjson, anything else a legacy dockercfg.
    pub fn detect(text: &str) -> PayloadKind {
        match gojson::parse(text) {
            Ok(Value::Object(o)) if o.contains_key("auths") => PayloadKind::DockerConfigJson,
            _ => PayloadKind::Dockercfg,
        }
    }
}

/// One decoded credential entry. The password is kept for lookups; reports mask it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigEntry {
    /// The config key exactly as written (e.g. `https://index.docker.io/v1/`).
    pub key: String,
    pub username: String,
    pub password: String,
    pub email: String,
}

/// What the API server says of a docker config Secret's payload when the Secret is written
/// (pkg/apis/core/validation/validation.go:ValidateSecret): it only checks that the payload is
/// JSON that decodes into `map[string]interface{}` (an object, or `null`). Such a Secret never
/// exists in a cluster; the kubelet's stricter decoding ([`decode`]) is the one that can fail.
/// Its `encoding/json` is the release's, as the kubelet's ([`go_json`]).
pub fn api_server_error(text: &str, version: Version) -> Option<String> {
    match gojson::parse_as(text, go_json(version)) {
        Err(e) => Some(e),
        Ok(Value::Null | Value::Object(_)) => None,
        Ok(other) => Some(format!(
            "json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
            gojson::kind(&other)
        )),
    }
}

/// Decodes a payload of the given kind as the kubelet's `json.Unmarshal` does in `version`:
/// members in document order, each repeated key decoded in turn (an error in any occurrence
/// fails), entries in the document's key order (a repeated key in the place of its last
/// occurrence). Which encoding/json it is ([`go_json`]) decides the error wording and which
/// error wins.
pub fn decode(text: &str, kind: PayloadKind, version: Version) -> Result<Vec<ConfigEntry>, String> {
    let json = go_json(version);
    gojson::check_valid_as(text, json)?;
    match kind {
        PayloadKind::DockerConfigJson => decode_config_json(text, json),
        PayloadKind::Dockercfg => decode_config_map(text, None, json),
    }
}

/// The encoding/json the release's kubelet decodes docker configs with: Go 1.27's, over
/// json/v2 (the toolchain that computed the 1.35 and 1.36 conformance cases), or the classic
/// one (v1.33.5/v1.34.2 are built with Go 1.24). With json/v2 the first error stops decoding
/// and errors name fields as the document spells them; the classic decoder keeps a type error
/// of `DockerConfigJSON`'s own fields while it goes on (an entry's error, returned by its
/// `UnmarshalJSON`, wins over it) and names fields by their Go tag, inside `DockerConfigJSON.auths`.
pub fn go_json(version: Version) -> Dialect {
    if version.behaviour("GoJsonV2") {
        Dialect::GoJsonV2
    } else {
        Dialect::Classic
    }
}

/// `json: cannot unmarshal <kind of raw> into <target>`.
fn type_error(raw: &str, target: &str) -> String {
    format!(
        "json: cannot unmarshal {} into {target}",
        gojson::raw_kind(raw)
    )
}

/// `DockerConfigJSON{Auths, HttpHeaders}`: only `auths` is used; field names match
/// case-insensitively. A second `auths` is decoded into the map the first one made
/// (encoding/json reuses a non-nil map), a `null` one resets it.
fn decode_config_json(text: &str, json: Dialect) -> Result<Vec<ConfigEntry>, String> {
    let Some(members) = gojson::object_members(text) else {
        return match gojson::raw_kind(text) {
            "null" => Ok(Vec::new()),
            _ => Err(type_error(
                text,
                "Go value of type credentialprovider.DockerConfigJSON",
            )),
        };
    };
    let v2 = json == Dialect::GoJsonV2;
    // The classic decoder's saved type error (json/v2 returns at once).
    let mut saved: Option<String> = None;
    let mut fail = |error: String| -> Result<(), String> {
        if v2 {
            return Err(error);
        }
        saved.get_or_insert(error);
        Ok(())
    };
    let mut entries = Vec::new();
    for (key, raw) in members {
        if gojson::names_match(&key, "auths") {
            match gojson::raw_kind(raw) {
                "null" => entries.clear(),
                "object" => {
                    entries.extend(decode_config_map(
                        raw,
                        Some("DockerConfigJSON.auths"),
                        json,
                    )?);
                    entries = last_of_each_key(entries);
                }
                _ => {
                    let field = if v2 { key.as_str() } else { "auths" };
                    fail(type_error(
                        raw,
                        &format!("Go struct field DockerConfigJSON.{field} of type credentialprovider.DockerConfig"),
                    ))?;
                }
            }
        } else if gojson::names_match(&key, "HttpHeaders") {
            if let Some(error) = headers_type_error(&key, raw, v2) {
                fail(error)?;
            }
        }
    }
    saved.map_or(Ok(entries), Err)
}

/// `HttpHeaders map[string]string`: a value that is not a string (or null) is an error; json/v2
/// names the header too, as a JSON-pointer token (`~` → `~0`, `/` → `~1`).
fn headers_type_error(field: &str, raw: &str, v2: bool) -> Option<String> {
    let field = if v2 { field } else { "HttpHeaders" };
    match gojson::raw_kind(raw) {
        "null" => None,
        "object" => gojson::object_members(raw)?
            .into_iter()
            .find(|(_, v)| !matches!(gojson::raw_kind(v), "string" | "null"))
            .map(|(name, v)| {
                let token = name.replace('~', "~0").replace('/', "~1");
                let path = if v2 {
                    format!("{field}.{token}")
                } else {
                    field.to_string()
                };
                type_error(
                    v,
                    &format!("Go struct field DockerConfigJSON.{path} of type string"),
                )
            }),
        _ => Some(type_error(
            raw,
            &format!("Go struct field DockerConfigJSON.{field} of type map[string]string"),
        )),
    }
}

/// `DockerConfig` (map of key → entry): every member in document order, a repeated key
/// replacing the entry an earlier one made (each decoded, so each can fail). `context` is the
/// enclosing struct field when the map sits in `DockerConfigJSON` (the classic decoder names
/// it in an entry's type errors).
fn decode_config_map(
    text: &str,
    context: Option<&str>,
    json: Dialect,
) -> Result<Vec<ConfigEntry>, String> {
    let Some(members) = gojson::object_members(text) else {
        return match gojson::raw_kind(text) {
            "null" => Ok(Vec::new()),
            _ => Err(type_error(
                text,
                "Go value of type credentialprovider.DockerConfig",
            )),
        };
    };
    let context = context.filter(|_| json == Dialect::Classic);
    let mut entries: Vec<ConfigEntry> = Vec::with_capacity(members.len());
    for (key, raw) in members {
        entries.push(decode_entry(key, raw, context)?);
    }
    Ok(last_of_each_key(entries))
}

/// Entries with each key once, the last value kept (Go's map assignment), in the order of
/// each key's last occurrence. Linear: a config.json may hold many thousands of entries.
/// (A `HashMap<String, usize>` like yaml.rs's merge index, so the WebAssembly build shares
/// its code.)
fn last_of_each_key(entries: Vec<ConfigEntry>) -> Vec<ConfigEntry> {
    let mut last: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        last.insert(e.key.clone(), i);
    }
    if last.len() == entries.len() {
        return entries;
    }
    entries
        .into_iter()
        .enumerate()
        .filter_map(|(i, e)| (last.get(&e.key) == Some(&i)).then_some(e))
        .collect()
}

/// `DockerConfigEntry.UnmarshalJSON`: its own `json.Unmarshal` into `dockerConfigEntryWithAuth`,
/// members in document order with case-insensitive names, `null` leaving a field as it is, the
/// first type error stopping it; then a non-empty `auth` is decoded and overrides username and
/// password. A type error names `dockerConfigEntryWithAuth` and the field as written, unless
/// `context` is given (the classic decoder's `addErrorContext` puts the enclosing
/// `DockerConfigJSON.auths` and the field's tag name in its place).
fn decode_entry(key: String, raw: &str, context: Option<&str>) -> Result<ConfigEntry, String> {
    let mut entry = ConfigEntry {
        key,
        username: String::new(),
        password: String::new(),
        email: String::new(),
    };
    let Some(members) = gojson::object_members(raw) else {
        let target = match context {
            Some(c) => format!("Go struct field {c}"),
            None => "Go value".to_string(),
        };
        return match gojson::raw_kind(raw) {
            "null" => Ok(entry),
            _ => Err(type_error(
                raw,
                &format!("{target} of type credentialprovider.dockerConfigEntryWithAuth"),
            )),
        };
    };
    let mut auth = String::new();
    for (name, value) in members {
        let Some(field) = ["username", "password", "email", "auth"]
            .into_iter()
            .find(|f| gojson::names_match(&name, f))
        else {
            continue;
        };
        let text = match gojson::raw_kind(value) {
            "null" => continue,
            "string" => gojson::raw_string(value).unwrap_or_default(),
            _ => {
                let struct_field = match context {
                    Some(c) => format!("{c}.{field}"),
                    None => format!("dockerConfigEntryWithAuth.{name}"),
                };
                return Err(type_error(
                    value,
                    &format!("Go struct field {struct_field} of type string"),
                ));
            }
        };
        match field {
            "username" => entry.username = text,
            "password" => entry.password = text,
            "email" => entry.email = text,
            _ => auth = text,
        }
    }
    if !auth.is_empty() {
        let (user, password) = decode_auth_field(&auth)?;
        entry.username = user;
        entry.password = password;
    }
    Ok(entry)
}

/// `decodeDockerConfigFieldAuth`: padded base64 when the trimmed value ends with `=`, unpadded
/// otherwise; the decoded text must contain `:` (split once into user and password).
pub fn decode_auth_field(field: &str) -> Result<(String, String), String> {
    let padded = field.trim().ends_with('=');
    let decoded = base64::decode(field, padded)?;
    let text = go_lossy_utf8(&decoded);
    match text.split_once(':') {
        Some((user, password)) => Ok((user.to_string(), password.to_string())),
        None => Err(ERR_AUTH_FORMAT.to_string()),
    }
}

/// Decoded bytes as Go's encoding/json writes a Go string: every byte that is not part of a
/// valid UTF-8 sequence becomes its own U+FFFD (`String::from_utf8_lossy` would merge a
/// truncated sequence into one).
pub fn go_lossy_utf8(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                out.push_str(valid);
                return out;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let bad = e.error_len().unwrap_or(after.len()).max(1);
                out.extend(std::iter::repeat_n('\u{fffd}', bad));
                rest = after.get(bad..).unwrap_or_default();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Releases on each side of `GoJsonV2`.
    const CLASSIC: Version = Version {
        major: 1,
        minor: 34,
    };
    const V2: Version = Version {
        major: 1,
        minor: 36,
    };

    /// Rows of pkg/credentialprovider/config_test.go.
    #[test]
    fn auth_field_rows() {
        type Row<'a> = (&'a str, Result<(&'a str, &'a str), &'a str>);
        let rows: &[Row] = &[
            ("Zm9vOmJhcg==", Ok(("foo", "bar"))),
            ("Zm9vOmJhcg", Ok(("foo", "bar"))),
            ("Zm9vOm\nJhcg==\n", Ok(("foo", "bar"))),
            ("cGFudHM=", Err(ERR_AUTH_FORMAT)),
            ("Zm9vOmJhcg== ", Err("illegal base64 data at input byte 12")),
            ("pants", Err("illegal base64 data at input byte 4")),
            ("dTpwOmE6c3M=", Ok(("u", "p:a:ss"))),
            // base64 of bytes E2 82 3A FF ("\xe2\x82:\xff"): one U+FFFD per invalid byte.
            ("4oI6/w==", Ok(("\u{fffd}\u{fffd}", "\u{fffd}"))),
        ];
        for (input, want) in rows {
            let got = decode_auth_field(input);
            let want = want
                .map(|(u, p)| (u.to_string(), p.to_string()))
                .map_err(str::to_string);
            assert_eq!(got, want, "{input:?}");
        }
    }

    #[test]
    fn entry_rows() {
        let json = r#"{"auths":{"x.io":{"username":"foo","password":"bar","auth":"cGluZzpwb25n"},"y.io":{"USERNAME":"u","identitytoken":"t"},"z.io":null}}"#;
        let entries = decode(json, PayloadKind::DockerConfigJson, V2).unwrap();
        let got: Vec<(&str, &str, &str)> = entries
            .iter()
            .map(|e| (e.key.as_str(), e.username.as_str(), e.password.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("x.io", "ping", "pong"),
                ("y.io", "u", ""),
                ("z.io", "", "")
            ]
        );
    }

    #[test]
    fn error_rows() {
        let rows: &[(&str, PayloadKind, &str)] = &[
            (r#"{"x.io":{"email":false}}"#, PayloadKind::Dockercfg, "json: cannot unmarshal bool into Go struct field dockerConfigEntryWithAuth.email of type string"),
            // The classic decoder's addErrorContext names the enclosing field (json/v2 does not:
            // tests/parsers_oracle_variants.rs).
            (r#"{"auths":{"x.io":{"email":false}}}"#, PayloadKind::DockerConfigJson, "json: cannot unmarshal bool into Go struct field DockerConfigJSON.auths.email of type string"),
            (r#"{"auths":"x"}"#, PayloadKind::DockerConfigJson, "json: cannot unmarshal string into Go struct field DockerConfigJSON.auths of type credentialprovider.DockerConfig"),
            (r#"[]"#, PayloadKind::Dockercfg, "json: cannot unmarshal array into Go value of type credentialprovider.DockerConfig"),
            (r#"{"x.io":"s"}"#, PayloadKind::Dockercfg, "json: cannot unmarshal string into Go value of type credentialprovider.dockerConfigEntryWithAuth"),
            (r#"{"auths":{"x.io":{"auth":"cGFudHM="}}}"#, PayloadKind::DockerConfigJson, ERR_AUTH_FORMAT),
            (r#"{"auths":{"#, PayloadKind::DockerConfigJson, "unexpected end of JSON input"),
        ];
        for (input, kind, want) in rows {
            assert_eq!(decode(input, *kind, CLASSIC).unwrap_err(), *want, "{input}");
        }
        // The API server's own check when the Secret is written: JSON and an object.
        let api: &[(&str, Option<&str>)] = &[
            (r#"{"auths":{"x.io":{"auth":"cGFudHM="}}}"#, None),
            ("null", None),
            (
                "[]",
                Some("json: cannot unmarshal array into Go value of type map[string]interface {}"),
            ),
            (r#"{"auths":{"#, Some("unexpected end of JSON input")),
        ];
        for (input, want) in api {
            assert_eq!(api_server_error(input, V2).as_deref(), *want, "{input}");
        }
        assert_eq!(
            decode(r#"{"auths":null}"#, PayloadKind::DockerConfigJson, V2).unwrap(),
            vec![]
        );
    }

    #[test]
    fn repeated_auths_merge_like_go() {
        // encoding/json decodes the second "auths" into the map the first one made.
        let json = r#"{"auths":{"a.io":{"username":"a"},"b.io":{"username":"b1"}},"Auths":{"b.io":{"username":"b2"},"c.io":{}}}"#;
        let got: Vec<(String, String)> = decode(json, PayloadKind::DockerConfigJson, V2)
            .unwrap()
            .into_iter()
            .map(|e| (e.key, e.username))
            .collect();
        let want = [("a.io", "a"), ("b.io", "b2"), ("c.io", "")];
        assert_eq!(got, want.map(|(k, u)| (k.to_string(), u.to_string())));
        // A null "auths" empties the map; a later one starts a new one.
        let json = r#"{"auths":{"a.io":{}},"auths":null,"auths":{"c.io":{}}}"#;
        let keys: Vec<String> = decode(json, PayloadKind::DockerConfigJson, V2)
            .unwrap()
            .into_iter()
            .map(|e| e.key)
            .collect();
        assert_eq!(keys, ["c.io"]);
    }

    #[test]
    fn lone_surrogate_escapes_decode_to_replacement_characters() {
        let json = r#"{"auths":{"x.io":{"username":"a\ud800b"}}}"#;
        let entries = decode(json, PayloadKind::DockerConfigJson, V2).unwrap();
        assert_eq!(entries[0].username, "a\u{fffd}b");
        assert_eq!(PayloadKind::detect(json), PayloadKind::DockerConfigJson);
    }

    #[test]
    fn many_entries_decode_in_linear_time() {
        // 200,000 distinct keys: a retain per key would make this quadratic (minutes).
        let mut json = String::from(r#"{"auths":{"#);
        for i in 0..200_000 {
            json.push_str(&format!(r#""r{i}.io":{{}},"#));
        }
        json.push_str(r#""r0.io":{"username":"last"}}}"#);
        let entries = decode(&json, PayloadKind::DockerConfigJson, V2).unwrap();
        assert_eq!(entries.len(), 200_000);
        assert_eq!(
            entries
                .last()
                .map(|e| (e.key.as_str(), e.username.as_str())),
            Some(("r0.io", "last")),
            "a repeated key keeps its last value, in the place of its last occurrence"
        );
    }

    #[test]
    fn detect_rows() {
        assert_eq!(
            PayloadKind::detect(r#"{"auths":{}}"#),
            PayloadKind::DockerConfigJson
        );
        assert_eq!(
            PayloadKind::detect(r#"{"x.io":{}}"#),
            PayloadKind::Dockercfg
        );
        assert_eq!(PayloadKind::detect("not json"), PayloadKind::Dockercfg);
    }
}
