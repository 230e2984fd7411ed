//! Kubelet credential provider plugins (pkg/credentialprovider/plugin, `CredentialProviderConfig`):
//! which plugins run for an image (`matchImages`, the same matcher as registry keys) and how
//! their answers are cached (`cacheKeyType`).

use serde::{Deserialize, Serialize};

use super::keyring::{urls_match_str, MatchOutcome};
use crate::versions::Version;

/// One provider from a `CredentialProviderConfig`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Provider {
    pub name: String,
    pub match_images: Vec<String>,
}

/// Whether a provider runs for an image, with each pattern's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderMatch {
    pub provider: String,
    pub runs: bool,
    pub patterns: Vec<(String, MatchOutcome)>,
    pub why: String,
    pub source: String,
}

/// `isImageAllowed`: the plugin runs when any `matchImages` pattern matches the image's
/// repository (`ParseImageName` repo, e.g. `docker.io/library/nginx`). Unlike the docs suggest,
/// a pattern without a port does not match an image with one.
pub fn provider_runs(p: &Provider, repo: &str, version: Version) -> ProviderMatch {
    let patterns: Vec<(String, MatchOutcome)> = p
        .match_images
        .iter()
        .map(|m| (m.clone(), urls_match_str(m, repo, version)))
        .collect();
    let runs = patterns.iter().any(|(_, o)| o.matched);
    let why = if runs {
        format!(
            "a matchImages pattern of provider {} matches {repo}",
            p.name
        )
    } else {
        format!(
            "no matchImages pattern of provider {} matches {repo}",
            p.name
        )
    };
    ProviderMatch {
        provider: p.name.clone(),
        runs,
        patterns,
        why,
        source: "pkg/credentialprovider/plugin/plugin.go:isImageAllowed".into(),
    }
}

/// The cache key a plugin answer is stored under (`cacheKeyType` of the response):
/// `Image` → the image, `Registry` → the text before the first `/`, `Global` → `<global>`.
pub fn cache_key(cache_key_type: &str, image: &str) -> Result<String, String> {
    match cache_key_type {
        "Image" => Ok(image.to_string()),
        "Registry" => Ok(image.split('/').next().unwrap_or("").to_string()),
        "Global" => Ok("<global>".to_string()),
        other => Err(format!(
            "credential provider plugin did not return a valid cacheKeyType: {other}"
        )),
    }
}

/// `CredentialProviderConfig` validation rules that concern names and patterns (plugin/config.go).
pub fn validate_provider(p: &Provider, version: Version) -> Vec<String> {
    let mut errors = Vec::new();
    if p.name.is_empty() {
        errors.push("name is required".to_string());
    } else if p.name.contains('/') || p.name.contains(' ') || p.name == "." || p.name == ".." {
        errors.push(format!(
            "name {:?} must not contain '/' or spaces and must not be '.' or '..'",
            p.name
        ));
    }
    if p.match_images.is_empty() {
        errors.push("at least 1 item in matchImages is required".to_string());
    }
    for m in &p.match_images {
        if let Err(e) = crate::go::url::parse(&format!("https://{m}"), colons(version)) {
            errors.push(format!("match image {m:?} is invalid: {e}"));
        }
    }
    errors
}

fn colons(version: Version) -> crate::go::url::Colons {
    crate::go::url::Colons::for_version(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Documented `matchImages` examples (https://kubernetes.io/docs/tasks/administer-cluster/kubelet-credential-provider/).
    #[test]
    fn provider_match_rows() {
        let v = Version::new(1, 35);
        let rows: &[(&str, &str, bool)] = &[
            (
                "123456789.dkr.ecr.us-east-1.amazonaws.com",
                "123456789.dkr.ecr.us-east-1.amazonaws.com/app",
                true,
            ),
            ("*.azurecr.io", "myreg.azurecr.io/app", true),
            ("gcr.io", "gcr.io/project/app", true),
            ("*.*.registry.io", "a.b.registry.io/app", true),
            ("*.*.registry.io", "a.registry.io/app", false),
            ("registry.io:8080/path", "registry.io:8080/path/app", true),
            ("registry.io", "registry.io:8080/app", false),
            ("docker.io", "docker.io/library/nginx", true),
        ];
        for (pattern, repo, want) in rows {
            let p = Provider {
                name: "p".into(),
                match_images: vec![pattern.to_string()],
            };
            assert_eq!(
                provider_runs(&p, repo, v).runs,
                *want,
                "{pattern} vs {repo}"
            );
        }
    }

    #[test]
    fn cache_key_rows() {
        let rows: &[(&str, Result<&str, &str>)] = &[
            ("Image", Ok("gcr.io/p/app")),
            ("Registry", Ok("gcr.io")),
            ("Global", Ok("<global>")),
            (
                "Token",
                Err("credential provider plugin did not return a valid cacheKeyType: Token"),
            ),
        ];
        for (t, want) in rows {
            assert_eq!(
                cache_key(t, "gcr.io/p/app"),
                want.map(str::to_string).map_err(str::to_string)
            );
        }
    }

    #[test]
    fn validation_rows() {
        let v = Version::new(1, 35);
        let bad = Provider {
            name: "a/b".into(),
            match_images: vec!["r[0].io".into()],
        };
        assert_eq!(validate_provider(&bad, v).len(), 2);
        let good = Provider {
            name: "ecr".into(),
            match_images: vec!["*.dkr.ecr.*.amazonaws.com".into()],
        };
        assert!(validate_provider(&good, v).is_empty());
    }
}
