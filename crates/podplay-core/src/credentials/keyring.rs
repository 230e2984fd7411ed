//! `BasicDockerKeyring` (pkg/credentialprovider/keyring.go): key normalization, the
//! `URLsMatchStr` matcher with a reason for every key that does not match, and `Lookup` with
//! its Docker Hub (`index.docker.io`) fallback.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::dockerconfig::ConfigEntry;
use crate::go::filepath::glob_match;
use crate::go::strconv::quote as go_quote;
use crate::go::url::{self as gourl, Colons};
use crate::versions::Version;

const SRC_KEYRING: &str = "pkg/credentialprovider/keyring.go";
/// The key whose credentials serve Docker Hub images when nothing else matched.
pub const DEFAULT_REGISTRY_HOST: &str = "index.docker.io";

fn colons(version: Version) -> Colons {
    Colons::for_version(version)
}

/// `BasicDockerKeyring.Add`'s key normalization: `https://` is assumed, the URL is parsed,
/// a leading `/v1/` or `/v2/` in the path is dropped, and the key is `host + path` (just the
/// host when the path is empty or `/`). A key that does not parse is ignored (Err).
pub fn normalize_key(loc: &str, version: Version) -> Result<String, String> {
    let value = if loc.starts_with("https://") || loc.starts_with("http://") {
        loc.to_string()
    } else {
        format!("https://{loc}")
    };
    let url = gourl::parse(&value, colons(version))?;
    let mut path = url.path.as_str();
    if path.starts_with("/v2/") || path.starts_with("/v1/") {
        path = &path[3..];
    }
    if !path.is_empty() && path != "/" {
        Ok(format!("{}{path}", url.host))
    } else {
        Ok(url.host)
    }
}

/// Which check of `URLsMatch` decided the outcome (checked in this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MatchCheck {
    Matched,
    PatternUnparsable,
    ImageUnparsable,
    PortDiffers,
    LabelCountDiffers,
    PathNotPrefix,
    LabelMismatch,
    BadGlob,
}

/// The result of `URLsMatchStr(pattern, image)` with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchOutcome {
    pub matched: bool,
    /// Go's error (a URL that does not parse, or a malformed glob).
    pub error: Option<String>,
    pub check: MatchCheck,
    /// One line for humans.
    pub why: String,
}

fn outcome(matched: bool, error: Option<String>, check: MatchCheck, why: String) -> MatchOutcome {
    MatchOutcome {
        matched,
        error,
        check,
        why,
    }
}

/// Host labels and port of a parsed URL (`SplitURL`: no valid port → the whole host, port "").
fn split_url(host: &str) -> (Vec<String>, String) {
    let (h, port) = gourl::split_host_port(host).unwrap_or((host.to_string(), String::new()));
    (h.split('.').map(str::to_string).collect(), port)
}

fn describe_port(p: &str) -> String {
    if p.is_empty() {
        "no port".to_string()
    } else {
        format!("port {p}")
    }
}

/// A hint for the two characters that do not glob although the docs suggest they might.
fn parse_hint(raw: &str) -> &'static str {
    if raw.contains('[') {
        " (`[` may only open an IPv6 literal: character classes are not supported in registry keys)"
    } else {
        ""
    }
}

/// `URLsMatchStr(glob, target)`: both are parsed as `https://<s>`; then ports must be equal,
/// host label counts equal, the pattern's path a plain string prefix of the image's path, and
/// each host label must match with `filepath.Match`.
pub fn urls_match_str(pattern: &str, image: &str, version: Version) -> MatchOutcome {
    let glob = match gourl::parse(&format!("https://{pattern}"), colons(version)) {
        Ok(u) => u,
        Err(e) => {
            let why = format!(
                "the pattern is not a valid URL, so it never matches{}",
                parse_hint(pattern)
            );
            return outcome(false, Some(e), MatchCheck::PatternUnparsable, why);
        }
    };
    let target = match gourl::parse(&format!("https://{image}"), colons(version)) {
        Ok(u) => u,
        Err(e) => {
            return outcome(
                false,
                Some(e),
                MatchCheck::ImageUnparsable,
                "the image is not a valid URL, so nothing matches it".into(),
            );
        }
    };
    let query_hint = if !glob.raw_query.is_empty() || pattern.contains('?') {
        format!(
            " (`?` starts a URL query, so the pattern's host is only {})",
            go_quote(&glob.host)
        )
    } else {
        String::new()
    };
    let (glob_labels, glob_port) = split_url(&glob.host);
    let (target_labels, target_port) = split_url(&target.host);
    if glob_port != target_port {
        let why = format!(
            "port differs: the pattern has {}, the image has {} (ports must be equal; no port is not any port)",
            describe_port(&glob_port),
            describe_port(&target_port)
        );
        return outcome(false, None, MatchCheck::PortDiffers, why);
    }
    if glob_labels.len() != target_labels.len() {
        let why = format!(
            "host label count differs: {} has {}, {} has {} (`*` stands for exactly one label){query_hint}",
            go_quote(&glob_labels.join(".")),
            glob_labels.len(),
            go_quote(&target_labels.join(".")),
            target_labels.len()
        );
        return outcome(false, None, MatchCheck::LabelCountDiffers, why);
    }
    if !target.path.starts_with(&glob.path) {
        let why = format!(
            "path is not a prefix: the image path {} does not start with {}",
            go_quote(&target.path),
            go_quote(&glob.path)
        );
        return outcome(false, None, MatchCheck::PathNotPrefix, why);
    }
    for (i, (g, t)) in glob_labels.iter().zip(&target_labels).enumerate() {
        match glob_match(g, t) {
            Err(e) => {
                let why = format!(
                    "label {} of the pattern ({}) is not a valid glob",
                    i + 1,
                    go_quote(g)
                );
                return outcome(false, Some(e), MatchCheck::BadGlob, why);
            }
            Ok(false) => {
                let why = format!(
                    "glob does not match label {}: {} vs {}{}",
                    i + 1,
                    go_quote(g),
                    go_quote(t),
                    if g.chars().any(|c| c.is_ascii_uppercase())
                        || t.chars().any(|c| c.is_ascii_uppercase())
                    {
                        " (hosts are compared case-sensitively)"
                    } else {
                        ""
                    }
                );
                return outcome(false, None, MatchCheck::LabelMismatch, why);
            }
            Ok(true) => {}
        }
    }
    let path_note = if glob.path.is_empty() {
        String::new()
    } else {
        format!(
            ", and {} is a prefix of the image path",
            go_quote(&glob.path)
        )
    };
    let why = format!(
        "ports equal ({}), {} host label(s) each matching{path_note}",
        describe_port(&glob_port),
        glob_labels.len()
    );
    outcome(true, None, MatchCheck::Matched, why)
}

/// `isDefaultRegistryMatch`: whether an image name is served by Docker Hub.
pub fn is_default_registry_match(image: &str) -> bool {
    let mut parts = image.splitn(2, '/');
    let first = parts.next().unwrap_or("");
    if first.is_empty() {
        return false;
    }
    if parts.next().is_none() {
        return true;
    }
    if first == "docker.io" || first == DEFAULT_REGISTRY_HOST {
        return true;
    }
    !first.contains(['.', ':'])
}

/// One credential in a keyring, with where it came from. The password never serializes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Credential {
    /// Which source: e.g. `pull secret` / `node config` / `plugin <name>`.
    pub source: String,
    /// Index of the pull secret (or config) inside its source.
    pub secret: usize,
    /// The config key exactly as written.
    pub key: String,
    pub username: String,
    #[serde(skip)]
    pub password: String,
    pub has_password: bool,
    pub email: String,
}

/// A config key the keyring ignores because it does not parse as a URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IgnoredKey {
    pub secret: usize,
    pub key: String,
    pub error: String,
    pub why: String,
}

/// `BasicDockerKeyring`: credentials by normalized key, keys in reverse byte order.
#[derive(Debug, Clone)]
pub struct Keyring {
    version: Version,
    index: Vec<String>,
    creds: BTreeMap<String, Vec<Credential>>,
    originals: BTreeMap<String, Vec<String>>,
    pub ignored: Vec<IgnoredKey>,
}

/// How one keyring key fared against an image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyCheck {
    /// The normalized key.
    pub key: String,
    /// The config keys that normalized to it.
    pub config_keys: Vec<String>,
    pub outcome: MatchOutcome,
}

/// `Lookup(image)` with every key's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Lookup {
    pub image: String,
    pub found: bool,
    /// Credentials in the order the kubelet tries them.
    pub matches: Vec<Credential>,
    /// Nothing matched by URL, the image is a Docker Hub image, and the `index.docker.io`
    /// key supplied the credentials.
    pub docker_hub_fallback: bool,
    pub checks: Vec<KeyCheck>,
    pub ignored: Vec<IgnoredKey>,
    pub why: String,
    pub source: String,
}

impl Keyring {
    pub fn new(version: Version) -> Self {
        Keyring {
            version,
            index: Vec::new(),
            creds: BTreeMap::new(),
            originals: BTreeMap::new(),
            ignored: Vec::new(),
        }
    }

    /// `Add`: appends the entries of one config (secret number `secret` of `source`).
    pub fn add(&mut self, source: &str, secret: usize, entries: &[ConfigEntry]) {
        for e in entries {
            let key = match normalize_key(&e.key, self.version) {
                Ok(k) => k,
                Err(error) => {
                    self.ignored.push(IgnoredKey {
                        secret,
                        key: e.key.clone(),
                        why: format!(
                            "the key is ignored because it does not parse as a URL{}",
                            parse_hint(&e.key)
                        ),
                        error,
                    });
                    continue;
                }
            };
            self.creds.entry(key.clone()).or_default().push(Credential {
                source: source.to_string(),
                secret,
                key: e.key.clone(),
                username: e.username.clone(),
                has_password: !e.password.is_empty(),
                password: e.password.clone(),
                email: e.email.clone(),
            });
            let originals = self.originals.entry(key.clone()).or_default();
            if !originals.contains(&e.key) {
                originals.push(e.key.clone());
            }
        }
        self.index = self.creds.keys().rev().cloned().collect();
    }

    /// The normalized keys, most specific first (reverse byte order).
    pub fn keys(&self) -> &[String] {
        &self.index
    }

    pub fn is_empty(&self) -> bool {
        self.creds.is_empty()
    }

    /// `Lookup(image)`: every matching key contributes all its credentials; when none matched
    /// and the image is a Docker Hub image, the `index.docker.io` credentials are returned.
    pub fn lookup(&self, image: &str) -> Lookup {
        let mut matches = Vec::new();
        let mut checks = Vec::new();
        for key in &self.index {
            let outcome = urls_match_str(key, image, self.version);
            if outcome.matched {
                matches.extend(self.creds.get(key).cloned().unwrap_or_default());
            }
            checks.push(KeyCheck {
                key: key.clone(),
                config_keys: self.originals.get(key).cloned().unwrap_or_default(),
                outcome,
            });
        }
        let mut fallback = false;
        let why = if !matches.is_empty() {
            format!("{} key(s) matched; every matching key contributes all its credentials, most specific key first", checks.iter().filter(|c| c.outcome.matched).count())
        } else if !is_default_registry_match(image) {
            "no key matched, and the image is not a Docker Hub image".to_string()
        } else if let Some(hub) = self.creds.get(DEFAULT_REGISTRY_HOST) {
            fallback = true;
            matches = hub.clone();
            "no key matched by URL, so the Docker Hub fallback returns the credentials stored under index.docker.io".to_string()
        } else {
            "no key matched, and there is no index.docker.io key for the Docker Hub fallback"
                .to_string()
        };
        Lookup {
            image: image.to_string(),
            found: !matches.is_empty(),
            matches,
            docker_hub_fallback: fallback,
            checks,
            ignored: self.ignored.clone(),
            why,
            source: format!("{SRC_KEYRING}:BasicDockerKeyring.Lookup"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v35() -> Version {
        Version::new(1, 35)
    }

    /// Key normalization examples (`BasicDockerKeyring.Add`, pkg/credentialprovider/keyring.go).
    #[test]
    fn normalize_rows() {
        let rows: &[(&str, Result<&str, &str>)] = &[
            ("https://index.docker.io/v1/", Ok("index.docker.io")),
            ("index.docker.io", Ok("index.docker.io")),
            ("docker.io", Ok("docker.io")),
            ("https://docker.io", Ok("docker.io")),
            ("https://quay.io/v1/", Ok("quay.io")),
            ("http://myreg:5000", Ok("myreg:5000")),
            ("myreg.io/v2/team", Ok("myreg.io/team")),
            ("myreg.io/team/", Ok("myreg.io/team/")),
            ("myreg.io/v1", Ok("myreg.io/v1")),
            (
                "https://registry-1.docker.io/v2/",
                Ok("registry-1.docker.io"),
            ),
            ("*.gcr.io", Ok("*.gcr.io")),
            ("x.io/team?x=1", Ok("x.io/team")),
            ("user@x.io", Ok("x.io")),
            ("HTTPS://caps.io", Ok("HTTPS://caps.io")),
            (
                "https://x.io:abc",
                Err("parse \"https://x.io:abc\": invalid port \":abc\" after host"),
            ),
            (
                "r[0-9].io",
                Err("parse \"https://r[0-9].io\": invalid IP-literal"),
            ),
        ];
        for (input, want) in rows {
            assert_eq!(
                normalize_key(input, v35()),
                want.map(str::to_string).map_err(str::to_string),
                "{input}"
            );
        }
        assert!(normalize_key("::1", Version::new(1, 36)).is_err());
        assert_eq!(normalize_key("::1", v35()).unwrap(), "::1");
    }

    /// `TestURLsMatch` rows (pkg/credentialprovider/keyring_test.go).
    #[test]
    fn urls_match_rows() {
        let rows: &[(&str, &str, bool)] = &[
            ("*.kubernetes.io", "prefix.kubernetes.io", true),
            ("prefix.*.io", "prefix.kubernetes.io", true),
            ("prefix.kubernetes.*", "prefix.kubernetes.io", true),
            ("*-good.kubernetes.io", "prefix-good.kubernetes.io", true),
            ("*.kubernetes.io/blah", "prefix.kubernetes.io/blah", true),
            ("prefix.*.io/foo", "prefix.kubernetes.io/foo/bar", true),
            (
                "*.kubernetes.io:1111/blah",
                "prefix.kubernetes.io:1111/blah",
                true,
            ),
            (
                "prefix.*.io:1111/foo",
                "prefix.kubernetes.io:1111/foo/bar",
                true,
            ),
            ("*.kubernetes.io", "kubernetes.io", false),
            ("*.*.kubernetes.io", "prefix.kubernetes.io", false),
            ("*.*.kubernetes.io", "kubernetes.io", false),
            ("*kubernetes.io", "a.kubernetes.io", false),
            ("*kubernetes.io", "kubernetes.io", true),
            ("*.*.*.kubernetes.io", "a.b.c.kubernetes.io", true),
            ("kubernetes.io", "kubernetes.com", false),
            ("k*.io", "quay.io", false),
            (
                "*.kubernetes.io:1234/blah",
                "prefix.kubernetes.io:1111/blah",
                false,
            ),
            (
                "prefix.*.io/foo",
                "prefix.kubernetes.io:1111/foo/bar",
                false,
            ),
        ];
        for (glob, target, want) in rows {
            let o = urls_match_str(glob, target, v35());
            assert_eq!(o.matched, *want, "{glob} vs {target}: {}", o.why);
        }
    }

    #[test]
    fn why_not_rows() {
        let rows: &[(&str, &str, MatchCheck)] = &[
            ("x.io", "x.io:5000/a", MatchCheck::PortDiffers),
            ("*.x.io", "a.b.x.io", MatchCheck::LabelCountDiffers),
            ("r?.io", "r1.io", MatchCheck::LabelCountDiffers),
            ("x.io/team", "x.io/Team/app", MatchCheck::PathNotPrefix),
            ("k*.io", "quay.io", MatchCheck::LabelMismatch),
            ("r[0-9].io", "r5.io", MatchCheck::PatternUnparsable),
            ("x.io", "x.io/%zz", MatchCheck::ImageUnparsable),
            ("x.io/team", "x.io/teamapp", MatchCheck::Matched),
        ];
        for (glob, target, check) in rows {
            assert_eq!(
                urls_match_str(glob, target, v35()).check,
                *check,
                "{glob} vs {target}"
            );
        }
        let why = urls_match_str("r?.io", "r1.io", v35()).why;
        assert!(why.contains("`?` starts a URL query"), "{why}");
    }

    #[test]
    fn default_registry_rows() {
        let rows: &[(&str, bool)] = &[
            ("foo/bar", true),
            ("docker.io/foo/bar", true),
            ("index.docker.io/foo/bar", true),
            ("foo", true),
            ("", false),
            ("registry.tld/foo/bar", false),
            ("registry:5000/foo/bar", false),
            ("myhostdocker.io/foo/bar", false),
        ];
        for (image, want) in rows {
            assert_eq!(is_default_registry_match(image), *want, "{image}");
        }
    }

    fn entry(key: &str, user: &str) -> ConfigEntry {
        ConfigEntry {
            key: key.into(),
            username: user.into(),
            password: "pw".into(),
            email: String::new(),
        }
    }

    fn users(l: &Lookup) -> Vec<String> {
        l.matches.iter().map(|c| c.username.clone()).collect()
    }

    /// `TestDockerKeyringLookup`, `TestIssue3797` and the Docker Hub fallback tests (pkg/credentialprovider/keyring_test.go).
    #[test]
    fn lookup_rows() {
        let mut k = Keyring::new(v35());
        k.add(
            "pull secret",
            0,
            &[
                entry("bar.example.com/pong", "grace"),
                entry("bar.example.com", "ada"),
            ],
        );
        let rows: &[(&str, &[&str])] = &[
            ("bar.example.com", &["ada"]),
            ("bar.example.com/pong", &["grace", "ada"]),
            ("bar.example.com/ping", &["ada"]),
            ("bar.example.com/pongz", &["grace", "ada"]),
            ("bar.example.com/pong/pang", &["grace", "ada"]),
            ("example.com", &[]),
            ("foo.example.com", &[]),
        ];
        for (image, want) in rows {
            assert_eq!(users(&k.lookup(image)), *want, "{image}");
        }

        let mut quay = Keyring::new(v35());
        quay.add("pull secret", 0, &[entry("https://quay.io/v1/", "rex")]);
        for image in ["quay.io", "quay.io/foo", "quay.io/foo/bar"] {
            assert_eq!(users(&quay.lookup(image)), ["rex"], "{image}");
        }

        let mut hub = Keyring::new(v35());
        hub.add(
            "pull secret",
            0,
            &[entry("https://index.docker.io/v1/", "hub")],
        );
        assert!(!hub.lookup("world.mesos.org/foo/bar").found);
        for image in [
            "google/docker-registry",
            "jenkins",
            "index.docker.io/v1//google/docker-registry",
        ] {
            let l = hub.lookup(image);
            assert_eq!(users(&l), ["hub"], "{image}");
        }
        assert!(hub.lookup("jenkins").docker_hub_fallback);
    }

    /// `TestDockerKeyringForGlob` (must hit) and `TestKeyringMiss` (must miss), pkg/credentialprovider/keyring_test.go.
    #[test]
    fn glob_keyring_rows() {
        let hits: &[(&str, &str)] = &[
            ("https://hello.kubernetes.io", "hello.kubernetes.io"),
            ("https://*.docker.io", "prefix.docker.io"),
            ("https://prefix.*.io", "prefix.docker.io"),
            ("https://prefix.docker.*", "prefix.docker.io"),
            ("https://*.docker.io/path", "prefix.docker.io/path"),
            ("https://prefix.*.io/path", "prefix.docker.io/path/subpath"),
            ("https://prefix.docker.*/path", "prefix.docker.io/path"),
            ("https://*.docker.io:8888", "prefix.docker.io:8888"),
            ("https://prefix.*.io:8888", "prefix.docker.io:8888"),
            ("https://prefix.docker.*:8888", "prefix.docker.io:8888"),
            (
                "https://*.docker.io/path:1111",
                "prefix.docker.io/path:1111",
            ),
            ("https://*.docker.io/v1/", "prefix.docker.io/path:1111"),
            ("https://*.docker.io/v2/", "prefix.docker.io/path:1111"),
            (
                "https://prefix.docker.*/path:1111",
                "prefix.docker.io/path:1111",
            ),
            ("prefix.docker.io:1111", "prefix.docker.io:1111/path"),
            ("*.docker.io:1111", "prefix.docker.io:1111/path"),
        ];
        for (key, target) in hits {
            let mut k = Keyring::new(v35());
            k.add("pull secret", 0, &[entry(key, "u")]);
            assert!(
                k.lookup(&format!("{target}/foo/bar")).found,
                "{key} must hit {target}"
            );
        }
        let misses: &[(&str, &str)] = &[
            ("https://hello.kubernetes.io", "world.mesos.org/foo/bar"),
            ("https://*.docker.com", "prefix.docker.io"),
            ("https://suffix.*.io", "prefix.docker.io"),
            ("https://prefix.docker.c*", "prefix.docker.io"),
            (
                "https://prefix.*.io/path:1111",
                "prefix.docker.io/path/subpath:1111",
            ),
            ("suffix.*.io", "prefix.docker.io"),
        ];
        for (key, target) in misses {
            let mut k = Keyring::new(v35());
            k.add("pull secret", 0, &[entry(key, "u")]);
            assert!(
                !k.lookup(&format!("{target}/foo/bar")).found,
                "{key} must miss {target}"
            );
        }
    }

    #[test]
    fn keys_are_reverse_sorted() {
        let mut k = Keyring::new(v35());
        let keys = [
            "a.example.com",
            "*.example.com",
            "registry.example.com",
            "registry.example.com/foo",
            "registry.example.com/foo/bar",
            "registry.example.com:5000",
            "docker.io",
            "index.docker.io",
        ];
        k.add(
            "pull secret",
            0,
            &keys.iter().map(|key| entry(key, "u")).collect::<Vec<_>>(),
        );
        assert_eq!(
            k.keys(),
            [
                "registry.example.com:5000",
                "registry.example.com/foo/bar",
                "registry.example.com/foo",
                "registry.example.com",
                "index.docker.io",
                "docker.io",
                "a.example.com",
                "*.example.com",
            ]
        );
    }
}
