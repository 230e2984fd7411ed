//! Image references as Kubernetes reads them: the `github.com/distribution/reference` v0.6.0
//! grammar plus Kubernetes' `pkg/util/parsers.ParseImageName`.
//!
//! Entry points:
//! - [`parse_normalized_named`] — `reference.ParseNormalizedNamed`: `nginx` → `docker.io/library/nginx`.
//!   The returned [`Named`] gives `name()`, `domain`, `path`, `tag`, `digest`, `familiar_name()`,
//!   `familiar_string()`, `string()` and `tag_name_only()`.
//! - [`parse`] — the strict `reference.Parse` (no Docker Hub normalization).
//! - [`parse_any_reference`] — `reference.ParseAnyReference` (a bare digest or 64-hex id is allowed).
//! - [`parse_docker_ref`] — `reference.ParseDockerRef` (drops the tag when a digest is present,
//!   adds `:latest` when there is neither).
//! - [`parse_image_name`] — Kubernetes' `ParseImageName`: repository to pull, tag (`latest` when
//!   neither tag nor digest is given), digest, and the error text the API defaulting and the kubelet see.
//! - [`Reference`] — one reference parsed once, from which the others are derived (what an
//!   analysis passes down instead of the text).
//!
//! Every matcher is hand-written (no regex); each one mirrors one production of `regexp.go`.

use serde::Serialize;

use crate::go::strconv::quote as go_quote;

/// `reference.ErrReferenceInvalidFormat`.
pub const ERR_INVALID_FORMAT: &str = "invalid reference format";
/// `reference.ErrNameContainsUppercase` (strict `Parse` only).
pub const ERR_NAME_UPPERCASE: &str = "repository name must be lowercase";
/// `reference.ErrNameEmpty`.
pub const ERR_NAME_EMPTY: &str = "repository name must have at least one component";
/// `reference.ErrNameTooLong` (the limit applies to the path, not the domain).
pub const ERR_NAME_TOO_LONG: &str = "repository name must not be more than 255 characters";
/// go-digest `ErrDigestInvalidFormat`.
pub const ERR_DIGEST_FORMAT: &str = "invalid checksum digest format";
/// go-digest `ErrDigestInvalidLength`.
pub const ERR_DIGEST_LENGTH: &str = "invalid checksum digest length";
/// go-digest `ErrDigestUnsupported`.
pub const ERR_DIGEST_UNSUPPORTED: &str = "unsupported digest algorithm";

/// `RepositoryNameTotalLengthMax`.
const PATH_MAX: usize = 255;
const DEFAULT_DOMAIN: &str = "docker.io";
const LEGACY_DEFAULT_DOMAIN: &str = "index.docker.io";
const OFFICIAL_REPO_PREFIX: &str = "library/";
const DEFAULT_TAG: &str = "latest";

/// A named reference: `[domain/]path[:tag][@digest]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Named {
    /// Registry host (with port); empty when the strict grammar found no domain.
    pub domain: String,
    /// Repository path inside the registry, e.g. `library/nginx`.
    pub path: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl Named {
    /// `Name()`: `domain/path`, or just `path` without a domain.
    pub fn name(&self) -> String {
        if self.domain.is_empty() {
            self.path.clone()
        } else {
            format!("{}/{}", self.domain, self.path)
        }
    }

    /// `String()`: the name with `:tag` and `@digest` when present.
    pub fn string(&self) -> String {
        with_suffixes(self.name(), &self.tag, &self.digest)
    }

    /// `FamiliarName`: drops `docker.io/` and a single-level `library/`.
    pub fn familiar_name(&self) -> String {
        if self.domain != DEFAULT_DOMAIN {
            return self.name();
        }
        match self.path.strip_prefix(OFFICIAL_REPO_PREFIX) {
            Some(rest) if !rest.contains('/') => rest.to_string(),
            _ => self.path.clone(),
        }
    }

    /// `FamiliarString`: the familiar name with tag and digest.
    pub fn familiar_string(&self) -> String {
        with_suffixes(self.familiar_name(), &self.tag, &self.digest)
    }

    /// `TagNameOnly`: adds the `latest` tag when there is neither tag nor digest.
    pub fn tag_name_only(&self) -> Named {
        let mut out = self.clone();
        if out.tag.is_none() && out.digest.is_none() {
            out.tag = Some(DEFAULT_TAG.to_string());
        }
        out
    }
}

fn with_suffixes(name: String, tag: &Option<String>, digest: &Option<String>) -> String {
    let mut s = name;
    if let Some(t) = tag {
        s.push(':');
        s.push_str(t);
    }
    if let Some(d) = digest {
        s.push('@');
        s.push_str(d);
    }
    s
}

/// What `ParseAnyReference` returns: a name, or a bare digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnyReference {
    Named(Named),
    Digest(String),
}

impl AnyReference {
    pub fn string(&self) -> String {
        match self {
            AnyReference::Named(n) => n.string(),
            AnyReference::Digest(d) => d.clone(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Grammar (regexp.go), one function per production.
// ---------------------------------------------------------------------------------------------

fn is_lower_alnum(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// `pathComponent`: `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`: starts and ends with a
/// lowercase letter or digit, and every run of other characters between them is a separator.
/// (Bytes: any byte of a non-ASCII character is outside `[a-z0-9]` and no separator.)
fn is_path_component(s: &str) -> bool {
    let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let bytes = s.as_bytes();
    bytes.first().is_some_and(alnum)
        && bytes.last().is_some_and(alnum)
        && bytes
            .split(alnum)
            .all(|run| run.is_empty() || is_separator(run))
}

/// `separator`: one `.`, one `_`, two `__`, or any number of `-`.
fn is_separator(run: &[u8]) -> bool {
    matches!(run, b"." | b"_" | b"__") || (!run.is_empty() && run.iter().all(|&b| b == b'-'))
}

/// `remoteName`: path components joined by `/`.
fn is_remote_name(s: &str) -> bool {
    s.split('/').all(is_path_component)
}

/// `domainNameComponent`: `[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]`.
fn is_domain_name_component(s: &str) -> bool {
    let ok_edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    ok_edge(s.chars().next())
        && ok_edge(s.chars().last())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// `optionalPort` without the leading colon: `[0-9]+`.
fn is_port(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

/// `domainAndPort`: a domain name or bracketed IPv6 address, optionally with `:port`.
fn is_domain_and_port(s: &str) -> bool {
    if let Some(rest) = s.strip_prefix('[') {
        // ipv6address: `\[(?:[a-fA-F0-9:]+)\]`
        let Some((inside, after)) = rest.split_once(']') else {
            return false;
        };
        let ipv6_ok =
            !inside.is_empty() && inside.chars().all(|c| c.is_ascii_hexdigit() || c == ':');
        return ipv6_ok && (after.is_empty() || after.strip_prefix(':').is_some_and(is_port));
    }
    let (host, port) = match s.split_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (s, None),
    };
    host.split('.').all(is_domain_name_component) && port.is_none_or(is_port)
}

/// `tag`: `[\w][\w.-]{0,127}`.
fn is_tag(s: &str) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let count = s.chars().count();
    (1..=128).contains(&count)
        && s.chars().next().is_some_and(word)
        && s.chars().all(|c| word(c) || c == '.' || c == '-')
}

/// `digestPat`: `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][[:xdigit:]]{32,}`.
fn is_digest_pattern(s: &str) -> bool {
    let Some((algorithm, hex)) = s.split_once(':') else {
        return false;
    };
    let component_ok = |c: &str| {
        c.chars().next().is_some_and(|f| f.is_ascii_alphabetic())
            && c.chars().all(|ch| ch.is_ascii_alphanumeric())
    };
    algorithm.split(['-', '_', '+', '.']).all(component_ok)
        && hex.len() >= 32
        && hex.chars().all(|c| c.is_ascii_hexdigit())
}

/// `anchoredIdentifierRegexp`: exactly 64 lowercase hex characters.
fn is_identifier(s: &str) -> bool {
    s.len() == 64
        && s.chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

/// Splits a name into (domain, path) the way `anchoredNameRegexp` captures it: the first
/// component is the domain when it can be one (the optional group is greedy).
fn match_name(name: &str) -> Option<(String, String)> {
    if let Some((first, rest)) = name.split_once('/') {
        if is_domain_and_port(first) && is_remote_name(rest) {
            return Some((first.to_string(), rest.to_string()));
        }
    }
    is_remote_name(name).then(|| (String::new(), name.to_string()))
}

/// The pieces `ReferenceRegexp` captures: name, tag, digest.
struct Captures {
    name: String,
    tag: Option<String>,
    digest: Option<String>,
}

/// `ReferenceRegexp`: `name(:tag)?(@digest)?`, anchored.
///
/// The split is unambiguous: `@` appears only before the digest, and a name never has a `:`
/// after its last `/` (ports belong to a domain, which is always followed by `/`), so a `:`
/// after the last `/` starts the tag.
fn match_reference(s: &str) -> Option<Captures> {
    let (left, digest) = match s.split_once('@') {
        Some((l, d)) => {
            if !is_digest_pattern(d) {
                return None;
            }
            (l, Some(d.to_string()))
        }
        None => (s, None),
    };
    let last_slash = left.rfind('/');
    let (name, tag) = match left.rfind(':') {
        Some(colon) if last_slash.is_none_or(|slash| colon > slash) => {
            let tag = left.get(colon + 1..).unwrap_or("");
            if !is_tag(tag) {
                return None;
            }
            (left.get(..colon).unwrap_or(""), Some(tag.to_string()))
        }
        _ => (left, None),
    };
    match_name(name)?;
    Some(Captures {
        name: name.to_string(),
        tag,
        digest,
    })
}

/// go-digest `Parse` (with sha256, sha384 and sha512 available, as Kubernetes imports them).
pub fn validate_digest(d: &str) -> Result<(), String> {
    let Some((algorithm, encoded)) = d.split_once(':') else {
        return Err(ERR_DIGEST_FORMAT.into());
    };
    if algorithm.is_empty() || encoded.is_empty() {
        return Err(ERR_DIGEST_FORMAT.into());
    }
    let size = match algorithm {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => {
            return Err(if go_digest_regexp(d) {
                ERR_DIGEST_UNSUPPORTED.into()
            } else {
                ERR_DIGEST_FORMAT.into()
            })
        }
    };
    if encoded.len() != size {
        return Err(ERR_DIGEST_LENGTH.into());
    }
    if encoded
        .chars()
        .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
    {
        Ok(())
    } else {
        Err(ERR_DIGEST_FORMAT.into())
    }
}

/// go-digest `DigestRegexpAnchored`: `[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+`.
fn go_digest_regexp(d: &str) -> bool {
    let Some((algorithm, encoded)) = d.split_once(':') else {
        return false;
    };
    let component_ok = |c: &str| !c.is_empty() && c.chars().all(is_lower_alnum);
    algorithm.split(['.', '+', '_', '-']).all(component_ok)
        && !encoded.is_empty()
        && encoded
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '=' | '_' | '-'))
}

// ---------------------------------------------------------------------------------------------
// Parsers (reference.go, normalize.go).
// ---------------------------------------------------------------------------------------------

/// `reference.Parse`: the strict grammar, no normalization.
pub fn parse(s: &str) -> Result<Named, String> {
    let Some(caps) = match_reference(s) else {
        if s.is_empty() {
            return Err(ERR_NAME_EMPTY.into());
        }
        if match_reference(&go_to_lower(s)).is_some() {
            return Err(ERR_NAME_UPPERCASE.into());
        }
        return Err(ERR_INVALID_FORMAT.into());
    };
    let (domain, path) = match_name(&caps.name).unwrap_or((String::new(), caps.name.clone()));
    if path.len() > PATH_MAX {
        return Err(ERR_NAME_TOO_LONG.into());
    }
    if let Some(d) = &caps.digest {
        validate_digest(d)?;
    }
    Ok(Named {
        domain,
        path,
        tag: caps.tag,
        digest: caps.digest,
    })
}

/// Go's `strings.ToLower`: per-character simple case mapping, so `İ` (U+0130) becomes a plain
/// `i` (Rust's full mapping gives `i` + U+0307, which never matches the grammar).
fn go_to_lower(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{130}' => "i".to_string(),
            c => c.to_lowercase().collect(),
        })
        .collect()
}

/// `splitDockerDomain`: decides whether the first `/`-separated component is a registry.
/// Checks run in Go's order: `localhost`, `index.docker.io` (rewritten to `docker.io`), a `.` or
/// `:` in it, any uppercase in it; otherwise the whole string is a Docker Hub path.
pub fn split_docker_domain(name: &str) -> (String, String) {
    let (domain, remote) = match name.split_once('/') {
        None => (DEFAULT_DOMAIN, name),
        Some(("localhost", rest)) => ("localhost", rest),
        Some((LEGACY_DEFAULT_DOMAIN, rest)) => (DEFAULT_DOMAIN, rest),
        Some((first, rest)) if first.contains(['.', ':']) || first.to_lowercase() != first => {
            (first, rest)
        }
        Some(_) => (DEFAULT_DOMAIN, name),
    };
    if domain == DEFAULT_DOMAIN && !remote.contains('/') {
        return (
            domain.to_string(),
            format!("{OFFICIAL_REPO_PREFIX}{remote}"),
        );
    }
    (domain.to_string(), remote.to_string())
}

/// `reference.ParseNormalizedNamed`: Docker Hub short names become fully qualified.
pub fn parse_normalized_named(s: &str) -> Result<Named, String> {
    if is_identifier(s) {
        return Err(format!(
            "invalid repository name ({s}), cannot specify 64-byte hexadecimal strings"
        ));
    }
    let (domain, remainder) = split_docker_domain(s);
    let remote = remainder.split(':').next().unwrap_or("");
    if remote.to_lowercase() != remote {
        return Err(format!(
            "invalid reference format: repository name ({remote}) must be lowercase"
        ));
    }
    parse(&format!("{domain}/{remainder}"))
}

/// `reference.ParseAnyReference`: a 64-hex id or a valid digest is a digest reference;
/// anything else is parsed as a normalized name.
pub fn parse_any_reference(s: &str) -> Result<AnyReference, String> {
    Reference::parse(s).any_reference()
}

/// `reference.ParseDockerRef`: normalized, tag dropped when a digest is present, `:latest`
/// added when there is neither.
pub fn parse_docker_ref(s: &str) -> Result<Named, String> {
    Reference::parse(s).docker_ref()
}

/// One image reference parsed once (`ParseNormalizedNamed`): every other parse Kubernetes
/// makes of it (`ParseAnyReference`, `ParseDockerRef`, `ParseImageName`) starts with that one,
/// so it is derived from this result instead of parsing the text again. An analysis makes one
/// per image and passes it down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference<'a> {
    /// The reference as written.
    pub text: &'a str,
    /// `ParseNormalizedNamed(text)`.
    pub normalized: Result<Named, String>,
}

impl<'a> Reference<'a> {
    pub fn parse(text: &'a str) -> Self {
        Reference {
            text,
            normalized: parse_normalized_named(text),
        }
    }

    /// `ParseAnyReference`: a 64-hex id or a valid digest is a digest reference; anything else
    /// is the normalized name.
    pub fn any_reference(&self) -> Result<AnyReference, String> {
        let s = self.text;
        if is_identifier(s) {
            return Ok(AnyReference::Digest(format!("sha256:{s}")));
        }
        if validate_digest(s).is_ok() {
            return Ok(AnyReference::Digest(s.to_string()));
        }
        self.normalized.clone().map(AnyReference::Named)
    }

    /// `ParseDockerRef`: the normalized name, tag dropped when a digest is present, `:latest`
    /// added when there is neither.
    pub fn docker_ref(&self) -> Result<Named, String> {
        let mut named = self.normalized.clone()?;
        if named.tag.is_some() && named.digest.is_some() {
            named.tag = None;
            return Ok(named);
        }
        Ok(named.tag_name_only())
    }

    /// Kubernetes' `ParseImageName` (pkg/util/parsers/parsers.go).
    pub fn image_name(&self) -> ParsedImage {
        match &self.normalized {
            Err(e) => ParsedImage {
                repo_to_pull: String::new(),
                tag: String::new(),
                digest: String::new(),
                error: Some(format!(
                    "couldn't parse image name {}: {e}",
                    go_quote(self.text)
                )),
            },
            Ok(named) => {
                let tag = match (&named.tag, &named.digest) {
                    (Some(t), _) => t.clone(),
                    (None, None) => DEFAULT_TAG.to_string(),
                    (None, Some(_)) => String::new(),
                };
                ParsedImage {
                    repo_to_pull: named.name(),
                    tag,
                    digest: named.digest.clone().unwrap_or_default(),
                    error: None,
                }
            }
        }
    }
}

/// What `pkg/util/parsers.ParseImageName` returns. Strings are empty where Go returns "".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParsedImage {
    pub repo_to_pull: String,
    /// The explicit tag, or `latest` when neither tag nor digest was given.
    pub tag: String,
    pub digest: String,
    /// `couldn't parse image name "<image>": <err>`.
    pub error: Option<String>,
}

/// Kubernetes' `ParseImageName` (pkg/util/parsers/parsers.go).
pub fn parse_image_name(image: &str) -> ParsedImage {
    Reference::parse(image).image_name()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX64: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn path_component_separators() {
        let rows: &[(&str, bool)] = &[
            ("nginx", true),
            ("a.b", true),
            ("a_b", true),
            ("a__b", true),
            ("a___b", false),
            ("a---b", true),
            ("a..b", false),
            ("a._b", false),
            ("-a", false),
            ("a-", false),
            ("A", false),
            ("", false),
        ];
        for (input, want) in rows {
            assert_eq!(is_path_component(input), *want, "{input}");
        }
    }

    #[test]
    fn domain_and_port() {
        let rows: &[(&str, bool)] = &[
            ("gcr.io", true),
            ("localhost:5000", true),
            ("Registry.Example.com", true),
            ("[::1]", true),
            ("[2001:db8::1]:443", true),
            ("[fe80::1%eth0]:5000", false),
            ("ex_ample.com", false),
            ("example.com:notaport", false),
            ("example.com:80:80", false),
            ("-example.com", false),
            ("a..b", false),
        ];
        for (input, want) in rows {
            assert_eq!(is_domain_and_port(input), *want, "{input}");
        }
    }

    /// `ParseNormalizedNamed` rows (github.com/distribution/reference v0.6.0, normalize.go): (input, Ok((domain, path, tag, digest)) or Err(message)).
    #[test]
    fn parse_normalized_named_rows() {
        type Row = (
            &'static str,
            Result<(&'static str, &'static str, Option<&'static str>), &'static str>,
        );
        let rows: &[Row] = &[
            ("nginx", Ok(("docker.io", "library/nginx", None))),
            (
                "nginx:latest",
                Ok(("docker.io", "library/nginx", Some("latest"))),
            ),
            (
                "nginx:LATEST",
                Ok(("docker.io", "library/nginx", Some("LATEST"))),
            ),
            ("library/nginx", Ok(("docker.io", "library/nginx", None))),
            ("docker.io/nginx", Ok(("docker.io", "library/nginx", None))),
            (
                "index.docker.io/library/nginx:1",
                Ok(("docker.io", "library/nginx", Some("1"))),
            ),
            (
                "registry-1.docker.io/library/nginx",
                Ok(("registry-1.docker.io", "library/nginx", None)),
            ),
            (
                "bitnami/redis:7",
                Ok(("docker.io", "bitnami/redis", Some("7"))),
            ),
            (
                "myuser/myrepo/sub:tag",
                Ok(("docker.io", "myuser/myrepo/sub", Some("tag"))),
            ),
            ("localhost/app", Ok(("localhost", "app", None))),
            (
                "localhost:5000/app:dev",
                Ok(("localhost:5000", "app", Some("dev"))),
            ),
            ("localhost", Ok(("docker.io", "library/localhost", None))),
            ("myregistry:5000/app", Ok(("myregistry:5000", "app", None))),
            ("myregistry/app", Ok(("docker.io", "myregistry/app", None))),
            ("127.0.0.1:5000/app", Ok(("127.0.0.1:5000", "app", None))),
            ("[::1]:5000/app", Ok(("[::1]:5000", "app", None))),
            (
                "[2001:db8::1]/app:tag",
                Ok(("[2001:db8::1]", "app", Some("tag"))),
            ),
            (
                "Registry.Example.com/app",
                Ok(("Registry.Example.com", "app", None)),
            ),
            ("REGISTRY/app", Ok(("REGISTRY", "app", None))),
            ("ex_ample.com/app", Ok(("", "ex_ample.com/app", None))),
            ("foo__bar/baz", Ok(("docker.io", "foo__bar/baz", None))),
            ("foo--bar/baz", Ok(("docker.io", "foo--bar/baz", None))),
            ("nginx:_ok", Ok(("docker.io", "library/nginx", Some("_ok")))),
            (
                "UPPER",
                Err("invalid reference format: repository name (library/UPPER) must be lowercase"),
            ),
            (
                "app/UPPER",
                Err("invalid reference format: repository name (app/UPPER) must be lowercase"),
            ),
            ("", Err("invalid reference format")),
            (" ", Err("invalid reference format")),
            ("nginx ", Err("invalid reference format")),
            ("http://nginx", Err("invalid reference format")),
            ("https://gcr.io/app", Err("invalid reference format")),
            ("nginx:", Err("invalid reference format")),
            (":tag", Err("invalid reference format")),
            ("nginx:-bad", Err("invalid reference format")),
            ("nginx:.bad", Err("invalid reference format")),
            ("nginx:tag with space", Err("invalid reference format")),
            ("nginx@sha256:abc", Err("invalid reference format")),
            (
                "nginx@md5:0123456789abcdef0123456789abcdef",
                Err("unsupported digest algorithm"),
            ),
            ("foo___bar/baz", Err("invalid reference format")),
            ("foo..bar/baz", Err("invalid reference format")),
            ("-foo/bar", Err("invalid reference format")),
            ("foo-/bar", Err("invalid reference format")),
            ("foo_/bar", Err("invalid reference format")),
            ("example.com:notaport/app", Err("invalid reference format")),
            ("example.com:80:80/app", Err("invalid reference format")),
            ("-example.com/app", Err("invalid reference format")),
            ("[2001:db8::1]", Err("invalid reference format")),
            ("[2001:db8::1]:5000", Err("invalid reference format")),
            ("[fe80::1%eth0]:5000/repo", Err("invalid reference format")),
            ("A_B/app", Err("repository name must be lowercase")),
        ];
        for (input, want) in rows {
            let got = parse_normalized_named(input);
            match (got, want) {
                (Ok(n), Ok((domain, path, tag))) => {
                    assert_eq!(
                        (n.domain.as_str(), n.path.as_str(), n.tag.as_deref()),
                        (*domain, *path, *tag),
                        "{input:?}"
                    );
                }
                (Err(e), Err(msg)) => assert_eq!(e, *msg, "{input:?}"),
                (got, want) => panic!("{input:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn digests_and_lengths() {
        let upper = HEX64.to_uppercase();
        let rows: Vec<(String, Result<(), &str>)> = vec![
            (format!("nginx@sha256:{HEX64}"), Ok(())),
            (format!("nginx:latest@sha256:{HEX64}"), Ok(())),
            (format!("nginx@sha512:{HEX64}{HEX64}"), Ok(())),
            (
                format!("nginx@sha256:{upper}"),
                Err("invalid checksum digest format"),
            ),
            (
                format!("nginx@sha256:{HEX64}ab"),
                Err("invalid checksum digest length"),
            ),
            (HEX64.to_string(), Err("")),
            (format!("docker.io/{HEX64}"), Ok(())),
            (format!("nginx:{}", "t".repeat(128)), Ok(())),
            (
                format!("nginx:{}", "t".repeat(129)),
                Err("invalid reference format"),
            ),
            (format!("a/{}", "b".repeat(253)), Ok(())),
            (
                format!("a/{}", "b".repeat(254)),
                Err("repository name must not be more than 255 characters"),
            ),
            (format!("gcr.io/{}", "b".repeat(255)), Ok(())),
            (
                format!("gcr.io/{}", "b".repeat(256)),
                Err("repository name must not be more than 255 characters"),
            ),
        ];
        for (input, want) in rows {
            let got = parse_normalized_named(&input).map(|_| ());
            match want {
                Err("") => assert_eq!(
                    got.unwrap_err(),
                    format!("invalid repository name ({input}), cannot specify 64-byte hexadecimal strings")
                ),
                _ => assert_eq!(got, want.map_err(String::from), "{input}"),
            }
        }
    }

    #[test]
    fn strict_parse_rows() {
        type Row<'a> = (
            &'a str,
            Result<(&'a str, &'a str, Option<&'a str>), &'a str>,
        );
        let rows: &[Row] = &[
            ("test_com", Ok(("", "test_com", None))),
            ("test.com:tag", Ok(("", "test.com", Some("tag")))),
            ("test.com:5000", Ok(("", "test.com", Some("5000")))),
            ("test:5000/repo", Ok(("test:5000", "repo", None))),
            (
                "foo/foo_bar.com:8080",
                Ok(("foo", "foo_bar.com", Some("8080"))),
            ),
            ("", Err("repository name must have at least one component")),
            (":justtag", Err("invalid reference format")),
            ("Uppercase:tag", Err("repository name must be lowercase")),
            (
                "test:5000/Uppercase/lowercase:tag",
                Err("repository name must be lowercase"),
            ),
            (
                "lowercase:Uppercase",
                Ok(("", "lowercase", Some("Uppercase"))),
            ),
            ("aa/asdf$$^/aa", Err("invalid reference format")),
        ];
        for (input, want) in rows {
            match (parse(input), want) {
                (Ok(n), Ok((d, p, t))) => {
                    assert_eq!(
                        (n.domain.as_str(), n.path.as_str(), n.tag.as_deref()),
                        (*d, *p, *t),
                        "{input}"
                    )
                }
                (Err(e), Err(m)) => assert_eq!(e, *m, "{input}"),
                (got, want) => panic!("{input}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn familiar_forms_and_docker_ref() {
        let rows: &[(&str, &str, &str, &str)] = &[
            // input, familiarName, familiarString, ParseDockerRef
            ("nginx", "nginx", "nginx", "docker.io/library/nginx:latest"),
            (
                "docker.io/library/a/b:1",
                "library/a/b",
                "library/a/b:1",
                "docker.io/library/a/b:1",
            ),
            ("gcr.io/x/y:1", "gcr.io/x/y", "gcr.io/x/y:1", "gcr.io/x/y:1"),
        ];
        for (input, fname, fstring, dref) in rows {
            let n = parse_normalized_named(input).unwrap();
            assert_eq!(n.familiar_name(), *fname);
            assert_eq!(n.familiar_string(), *fstring);
            assert_eq!(parse_docker_ref(input).unwrap().string(), *dref);
        }
        let pinned = format!("gcr.io/library/busybox:latest@sha256:{HEX64}");
        assert_eq!(
            parse_docker_ref(&pinned).unwrap().string(),
            format!("gcr.io/library/busybox@sha256:{HEX64}")
        );
    }

    #[test]
    fn any_reference_rows() {
        assert_eq!(
            parse_any_reference(HEX64).unwrap().string(),
            format!("sha256:{HEX64}")
        );
        assert_eq!(
            parse_any_reference(&format!("sha256:{HEX64}")).unwrap(),
            AnyReference::Digest(format!("sha256:{HEX64}"))
        );
        assert_eq!(
            parse_any_reference("sha256:abc").unwrap().string(),
            "docker.io/library/sha256:abc"
        );
    }

    #[test]
    fn parse_image_name_rows() {
        let digest = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        let rows: Vec<(String, (&str, &str, &str))> = vec![
            ("root".into(), ("docker.io/library/root", "latest", "")),
            ("root:tag".into(), ("docker.io/library/root", "tag", "")),
            (
                format!("root@{digest}"),
                ("docker.io/library/root", "", digest),
            ),
            ("user/repo".into(), ("docker.io/user/repo", "latest", "")),
            ("url:5000/repo".into(), ("url:5000/repo", "latest", "")),
            (
                format!("url:5000/repo:latest@{digest}"),
                ("url:5000/repo", "latest", digest),
            ),
        ];
        for (input, (repo, tag, dig)) in rows {
            let p = parse_image_name(&input);
            assert_eq!(
                (p.repo_to_pull.as_str(), p.tag.as_str(), p.digest.as_str()),
                (repo, tag, dig)
            );
            assert_eq!(p.error, None);
        }
        assert_eq!(
            parse_image_name("ROOT").error.unwrap(),
            "couldn't parse image name \"ROOT\": invalid reference format: repository name (library/ROOT) must be lowercase"
        );
        assert_eq!(
            parse_image_name("http://root").error.unwrap(),
            "couldn't parse image name \"http://root\": invalid reference format"
        );
    }
}
