//! Registry credentials: which `user:password` pairs the kubelet tries for an image, in which
//! order, and why every other key does not apply (pkg/credentialprovider, v1.35/v1.36).
//!
//! Entry points:
//! - [`dockerconfig::decode`] — a docker config payload (`{"auths":…}` or legacy map) → entries,
//!   with Go's error text (`unable to parse auth field, must be formatted as base64(username:password)`).
//! - [`keyring::Keyring`] — `BasicDockerKeyring`: `add` entries, `lookup(image)` with a
//!   [`keyring::KeyCheck`] (structured why-not) for every key.
//! - [`keyring::urls_match_str`] — `URLsMatchStr(pattern, image)` with the reason.
//! - [`keyring::normalize_key`] — how a config key becomes a keyring key.
//! - [`secret`] — Secret manifests, `imagePullSecrets` resolution and the
//!   `FailedToRetrieveImagePullSecret` event.
//! - [`provider`] — credential provider plugins: `matchImages`, `cacheKeyType`.
//! - [`kubelet_lookup`] — the kubelet's lookup across sources (pod pull secrets → node config →
//!   plugins) for the normalized repository, and what the pull then tries.
//! - [`analyze_payloads`] — pull-secret payloads + images → per-image matches (the CLI's
//!   `podplay creds` and the conformance `creds/` cases).
//!
//! Passwords never serialize: reports show the username and `hasPassword`.

pub mod dockerconfig;
pub mod keyring;
pub mod provider;
pub mod secret;

use serde::{Deserialize, Serialize};

pub use dockerconfig::{ConfigEntry, PayloadKind};
pub use keyring::{Credential, Keyring, Lookup, MatchOutcome};

use crate::reference::{self, Reference};
use crate::versions::Version;

/// The kubelet's credential lookup for one image across its sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KubeletLookup {
    pub image: String,
    /// `ParseImageName` repository: what the keyrings are asked about.
    pub repo_to_pull: String,
    pub parse_error: Option<String>,
    pub found: bool,
    /// All credentials, in the order the pull tries them.
    pub matches: Vec<Credential>,
    /// Each source's own lookup, in order.
    pub sources: Vec<SourceLookup>,
    /// What the pull does with the list.
    pub attempts: String,
    pub rule: String,
    pub why: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceLookup {
    pub source: String,
    pub lookup: Lookup,
}

/// `UnionDockerKeyring.Lookup` on the normalized repository: each source's credentials are
/// concatenated in order (pod pull secrets, node config, plugins). An empty list means one
/// anonymous pull; otherwise each credential is tried in order, with no anonymous fallback.
pub fn kubelet_lookup(image: &Reference, sources: &[(&str, &Keyring)]) -> KubeletLookup {
    let parsed = image.image_name();
    let lookups: Vec<SourceLookup> = sources
        .iter()
        .map(|(label, k)| SourceLookup {
            source: label.to_string(),
            lookup: k.lookup(&parsed.repo_to_pull),
        })
        .collect();
    let matches: Vec<Credential> = lookups
        .iter()
        .flat_map(|s| s.lookup.matches.iter().cloned())
        .collect();
    let attempts = if parsed.error.is_some() {
        "none: the image does not parse, so the kubelet never pulls (InvalidImageName)".to_string()
    } else if matches.is_empty() {
        "one anonymous pull (no credentials matched)".to_string()
    } else if matches.len() == 1 {
        "the matched credential is used; no anonymous attempt once a credential matched".to_string()
    } else {
        format!(
            "{} credentials tried in order until one succeeds; no anonymous attempt once any credential matched",
            matches.len()
        )
    };
    KubeletLookup {
        image: image.text.to_string(),
        repo_to_pull: parsed.repo_to_pull.clone(),
        parse_error: parsed.error,
        found: !matches.is_empty(),
        matches,
        sources: lookups,
        attempts,
        rule: "kubelet.credentials.lookup".to_string(),
        why: "the kubelet looks up the repository without tag or digest in the pod's pull secrets, then the node's config.json, then credential provider plugins, and concatenates the results".to_string(),
        source: "pkg/kubelet/images/image_manager.go:makeLookupPullCredentialsFunc; pkg/kubelet/kuberuntime/kuberuntime_image.go:PullImage".to_string(),
    }
}

/// One pull-secret payload: its text and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    pub kind: PayloadKind,
    pub text: String,
}

impl Payload {
    /// A bare payload whose kind is detected (`auths` key → dockerconfigjson).
    pub fn detect(text: &str) -> Payload {
        Payload {
            kind: PayloadKind::detect(text),
            text: text.to_string(),
        }
    }
}

/// Matches for one image against a set of pull-secret payloads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageCredentials {
    pub image: String,
    pub repo_to_pull: String,
    pub parse_error: Option<String>,
    /// `keyring.Lookup(image)` on the raw string (not what the kubelet does; for comparison).
    pub lookup: Lookup,
    /// `keyring.Lookup(repoToPull)`: what the kubelet does.
    pub lookup_repo_to_pull: Lookup,
}

/// The pull secrets' keyring and each image's lookup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PayloadsReport {
    pub secret_types: Vec<PayloadKind>,
    /// The first payload's decode error; then the kubelet's lookup fails and there are no results.
    pub parse_error: Option<String>,
    pub entries: Vec<EntryReport>,
    pub results: Vec<ImageCredentials>,
}

/// A decoded entry (password masked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryReport {
    pub secret: usize,
    pub key: String,
    pub username: String,
    pub has_password: bool,
    pub email: String,
}

/// `secrets.MakeDockerKeyring(secrets, nil)` followed by lookups for each image.
pub fn analyze_payloads(
    payloads: &[Payload],
    images: &[String],
    version: Version,
) -> PayloadsReport {
    let secret_types = payloads.iter().map(|p| p.kind).collect();
    let mut keyring = Keyring::new(version);
    let mut entries = Vec::new();
    for (i, p) in payloads.iter().enumerate() {
        // A Secret whose payload is empty is not a pull secret at all
        // (pkg/credentialprovider/secrets/secrets.go:secretsToTrackedDockerConfigs).
        if p.text.is_empty() {
            continue;
        }
        match dockerconfig::decode(&p.text, p.kind, version) {
            Ok(decoded) => {
                entries.extend(decoded.iter().map(|e| EntryReport {
                    secret: i,
                    key: e.key.clone(),
                    username: e.username.clone(),
                    has_password: !e.password.is_empty(),
                    email: e.email.clone(),
                }));
                keyring.add("pull secret", i, &decoded);
            }
            Err(e) => {
                return PayloadsReport {
                    secret_types,
                    parse_error: Some(e),
                    entries: Vec::new(),
                    results: Vec::new(),
                }
            }
        }
    }
    let results = images
        .iter()
        .map(|image| {
            let parsed = reference::parse_image_name(image);
            ImageCredentials {
                image: image.clone(),
                repo_to_pull: parsed.repo_to_pull.clone(),
                parse_error: parsed.error,
                lookup: keyring.lookup(image),
                lookup_repo_to_pull: keyring.lookup(&parsed.repo_to_pull),
            }
        })
        .collect();
    PayloadsReport {
        secret_types,
        parse_error: None,
        entries,
        results,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyring(json: &str) -> Keyring {
        let mut k = Keyring::new(Version::new(1, 35));
        let entries =
            dockerconfig::decode(json, PayloadKind::DockerConfigJson, Version::new(1, 35)).unwrap();
        k.add("pull secret", 0, &entries);
        k
    }

    /// E.1 order: pod pull secrets, then node config, then plugins; E.6 attempts.
    #[test]
    fn sources_concatenate_in_order() {
        let secrets = keyring(r#"{"auths":{"x.io":{"username":"pod","password":"p"}}}"#);
        let node = keyring(r#"{"auths":{"*.io":{"username":"node","password":"p"}}}"#);
        let l = kubelet_lookup(
            &Reference::parse("x.io/app:1"),
            &[("pod pull secrets", &secrets), ("node config", &node)],
        );
        assert_eq!(l.repo_to_pull, "x.io/app");
        let users: Vec<&str> = l.matches.iter().map(|c| c.username.as_str()).collect();
        assert_eq!(users, ["pod", "node"]);
        assert_eq!(
            l.attempts,
            "2 credentials tried in order until one succeeds; no anonymous attempt once any credential matched"
        );
        let one = kubelet_lookup(
            &Reference::parse("x.io/app:1"),
            &[("pod pull secrets", &secrets)],
        );
        assert_eq!(
            one.attempts,
            "the matched credential is used; no anonymous attempt once a credential matched"
        );
        let none = kubelet_lookup(
            &Reference::parse("y.org/app"),
            &[("pod pull secrets", &secrets)],
        );
        assert!(!none.found);
        assert_eq!(none.attempts, "one anonymous pull (no credentials matched)");
    }

    #[test]
    fn passwords_never_serialize() {
        let k = keyring(r#"{"auths":{"x.io":{"username":"u","password":"s3cret"}}}"#);
        let json = serde_json::to_string(&kubelet_lookup(
            &Reference::parse("x.io/a"),
            &[("pod pull secrets", &k)],
        ))
        .unwrap();
        assert!(!json.contains("s3cret"));
        assert!(json.contains("\"hasPassword\":true"));
    }

    /// The seeds' Images page (private registries, config.json) examples.
    #[test]
    fn seeds_config_json_examples() {
        let k = keyring(
            r#"{"auths":{"my-registry.io/images":{"auth":"dTpw"},"*.my-registry.io/images":{"auth":"Zzpw"}}}"#,
        );
        let hits = [
            "my-registry.io/images",
            "my-registry.io/images/my-image",
            "my-registry.io/images/another-image",
            "sub.my-registry.io/images/my-image",
        ];
        for image in hits {
            assert!(k.lookup(image).found, "{image} should match");
        }
        for image in [
            "a.sub.my-registry.io/images/my-image",
            "a.b.sub.my-registry.io/images/my-image",
        ] {
            assert!(!k.lookup(image).found, "{image} should not match");
        }
        // Sub-path example: both entries are tried, most specific first.
        let sub = keyring(
            r#"{"auths":{"my-registry.io/images":{"auth":"YTpw"},"my-registry.io/images/subpath":{"auth":"Yjpw"}}}"#,
        );
        let users: Vec<String> = sub
            .lookup("my-registry.io/images/subpath/my-image")
            .matches
            .into_iter()
            .map(|c| c.username)
            .collect();
        assert_eq!(users, ["b", "a"]);
    }
}
