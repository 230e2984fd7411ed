//! The tag `pkg/util/parsers.ParseImageName` returns for an image, which is all the
//! imagePullPolicy default needs.
//!
//! TODO(merge): a private stand-in for `crate::reference::parse_image_name` (the images
//! work). It follows `distribution/reference` v0.6.0 `ParseNormalizedNamed`: bad references
//! are errors; no tag and no digest means tag `latest`; digest only means no tag.

const MAX_NAME_LEN: usize = 255;

/// Ok(tag) as ParseImageName returns it (`latest` when neither tag nor digest), or the
/// parse error.
pub fn k8s_tag(image: &str) -> Result<String, String> {
    let (tag, digest) = parse_normalized(image)?;
    if tag.is_empty() && digest.is_empty() {
        return Ok("latest".to_string());
    }
    Ok(tag)
}

/// Whether the reference names a tag explicitly (valid references only).
pub fn has_explicit_tag(image: &str) -> bool {
    parse_normalized(image).is_ok_and(|(tag, _)| !tag.is_empty())
}

const ERR: &str = "invalid reference format";

/// (tag, digest) of a normalized named reference.
fn parse_normalized(s: &str) -> Result<(String, String), String> {
    if s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err("invalid repository name (64 hex characters)".into());
    }
    let (domain, remainder) = split_docker_domain(s);
    let remote = remainder.split(':').next().unwrap_or("");
    if remote.to_lowercase() != remote {
        return Err(format!(
            "{ERR}: repository name ({remote}) must be lowercase"
        ));
    }
    parse_full(&format!("{domain}/{remainder}"))
}

fn split_docker_domain(name: &str) -> (String, String) {
    let (mut domain, mut remainder) = match name.find('/') {
        Some(i) => {
            let first = &name[..i];
            if !first.contains(['.', ':']) && first != "localhost" && first.to_lowercase() == first
            {
                ("docker.io".to_string(), name.to_string())
            } else {
                (first.to_string(), name[i + 1..].to_string())
            }
        }
        None => ("docker.io".to_string(), name.to_string()),
    };
    if domain == "index.docker.io" {
        domain = "docker.io".to_string();
    }
    if domain == "docker.io" && !remainder.contains('/') {
        remainder = format!("library/{remainder}");
    }
    (domain, remainder)
}

fn parse_full(full: &str) -> Result<(String, String), String> {
    let (left, digest) = match full.split_once('@') {
        Some((l, d)) => (l, d),
        None => (full, ""),
    };
    if full.contains('@') && !valid_digest(digest) {
        return Err(ERR.into());
    }
    let last_slash = left.rfind('/').unwrap_or(0);
    let (name, tag) = match left[last_slash..].rfind(':') {
        Some(j) => (&left[..last_slash + j], &left[last_slash + j + 1..]),
        None => (left, ""),
    };
    if left.len() > name.len() && !valid_tag(tag) {
        return Err(ERR.into());
    }
    let mut parts = name.split('/');
    let first = parts.next().unwrap_or("");
    if !(valid_domain(first) || valid_path_component(first)) {
        return Err(ERR.into());
    }
    let mut rest = 0;
    for p in parts {
        if !valid_path_component(p) {
            return Err(ERR.into());
        }
        rest += 1;
    }
    if rest == 0 && !valid_path_component(first) {
        return Err(ERR.into());
    }
    if name.len() > MAX_NAME_LEN {
        return Err(format!(
            "{ERR}: repository name must not be more than 255 characters"
        ));
    }
    Ok((tag.to_string(), digest.to_string()))
}

fn is_lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`
fn valid_path_component(p: &str) -> bool {
    let b = p.as_bytes();
    if b.is_empty() || !is_lower_alnum(b[0]) || !is_lower_alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if is_lower_alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !is_lower_alnum(b[i]) {
            i += 1;
        }
        let sep = &p[start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|c| c == b'-');
        if !ok {
            return false;
        }
    }
    true
}

/// `host[:port]` where host is DNS-like components or a bracketed IPv6 address.
fn valid_domain(d: &str) -> bool {
    let (host, port) = if let Some(rest) = d.strip_prefix('[') {
        let Some(end) = rest.find(']') else {
            return false;
        };
        let inner = &rest[..end];
        if inner.is_empty() || !inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':') {
            return false;
        }
        (None, &rest[end + 1..])
    } else {
        match d.find(':') {
            Some(i) => (Some(&d[..i]), &d[i..]),
            None => (Some(d), ""),
        }
    };
    if let Some(host) = host {
        let ok = host.split('.').all(|c| {
            let b = c.as_bytes();
            !b.is_empty()
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
                && b.iter().all(|x| x.is_ascii_alphanumeric() || *x == b'-')
        });
        if !ok {
            return false;
        }
    }
    match port.strip_prefix(':') {
        Some(p) => !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()),
        None => port.is_empty(),
    }
}

/// `[\w][\w.-]{0,127}`
fn valid_tag(t: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let b = t.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && word(b[0])
        && b.iter().all(|&x| word(x) || x == b'.' || x == b'-')
}

/// Digest grammar plus `digest.Parse`: a known algorithm with its exact lowercase hex length.
fn valid_digest(d: &str) -> bool {
    let Some((alg, hex)) = d.split_once(':') else {
        return false;
    };
    let want = match alg {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => return false,
    };
    hex.len() == want
        && hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}
