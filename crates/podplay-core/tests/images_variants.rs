//! HAND-DERIVED expectations (not computed by Kubernetes): every row below was worked out
//! by reading the Kubernetes source named with it. Rows computed by Kubernetes live in the
//! `conformance_*.rs` tests.
//!
//! Variants of the conformance `images.tsv` rows: the fields `podplay image` reports, each
//! expectation derived by reading github.com/distribution/reference v0.6.0
//! (normalize.go `ParseNormalizedNamed`/`splitDockerDomain`, reference.go `Parse`, regexp.go,
//! helpers.go `FamiliarName`), github.com/opencontainers/go-digest v1.0.0 (`Digest.Validate`,
//! `Algorithm.Validate`) and Kubernetes' `SetDefaults_Container` (pull policy from
//! pkg/util/parsers `ParseImageName`).

use podplay_core::images::describe_reference;
use podplay_core::reference::Reference;

const HEX: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// (domain, path, tag, digest, familiarName, defaultPullPolicy) for a valid reference.
type Valid<'a> = (
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    &'a str,
    &'a str,
);

fn check(reference: &str, want: Result<Valid, &str>, failures: &mut Vec<String>) {
    let r = describe_reference(&Reference::parse(reference));
    let got = match &r.error {
        Some(e) => Err(e.clone()),
        None => Ok((
            r.domain.clone().unwrap_or_default(),
            r.path.clone().unwrap_or_default(),
            r.tag.clone(),
            r.digest.clone(),
            r.familiar_name.clone().unwrap_or_default(),
            r.default_pull_policy.clone(),
        )),
    };
    let want = want
        .map(|(d, p, t, g, f, pol)| {
            (
                d.to_string(),
                p.to_string(),
                t.map(str::to_string),
                g.map(str::to_string),
                f.to_string(),
                pol.to_string(),
            )
        })
        .map_err(str::to_string);
    if got != want {
        failures.push(format!("{reference:?}: got {got:?}, want {want:?}"));
    }
    if r.valid != want.is_ok() || (r.error.is_some() && r.default_pull_policy != "IfNotPresent") {
        failures.push(format!("{reference:?}: valid/policy inconsistent: {r:?}"));
    }
}

#[test]
fn reference_variants() {
    const FMT: &str = "invalid reference format";
    let d256 = format!("sha256:{HEX}");
    let d384 = format!("sha384:{HEX}{}", &HEX[..32]);
    let d512 = format!("sha512:{HEX}{HEX}");
    let (x_hex, library_hex) = (format!("x/{HEX}"), format!("library/{HEX}"));
    let v128 = "v".repeat(128);
    let a255 = "a".repeat(255);
    let x_a255 = format!("x.io/{a255}");
    let a247 = "a".repeat(247);
    let library_a247 = format!("library/{a247}");
    let rows: Vec<(String, Result<Valid, &str>)> = vec![
        // Digests: each available algorithm, bad lengths, bad case, unknown algorithms.
        (format!("nginx@{d256}"), Ok(("docker.io", "library/nginx", None, Some(&d256), "nginx", "IfNotPresent"))),
        (format!("nginx@{d384}"), Ok(("docker.io", "library/nginx", None, Some(&d384), "nginx", "IfNotPresent"))),
        (format!("nginx@{d512}"), Ok(("docker.io", "library/nginx", None, Some(&d512), "nginx", "IfNotPresent"))),
        (format!("nginx@sha512:{HEX}"), Err("invalid checksum digest length")),
        (format!("nginx@sha256:{}", &HEX[..63]), Err("invalid checksum digest length")),
        (format!("nginx@sha256:{HEX}0"), Err("invalid checksum digest length")),
        // Fewer than 32 hex digits: the reference grammar itself fails.
        (format!("nginx@sha256:{}", &HEX[..31]), Err(FMT)),
        // Uppercase before the first ':' is caught by the lowercase check on the remote name.
        (format!("nginx@SHA256:{HEX}"), Err("invalid reference format: repository name (library/nginx@SHA256) must be lowercase")),
        (format!("nginx@Sha256:{HEX}"), Err("invalid reference format: repository name (library/nginx@Sha256) must be lowercase")),
        // After a tag the remote check stops at ':'; go-digest rejects the uppercase algorithm.
        (format!("nginx:tag@SHA256:{HEX}"), Err("invalid checksum digest format")),
        (format!("x.io/a@sha256:{}", HEX.to_uppercase()), Err("invalid checksum digest format")),
        (format!("nginx@sha256+b64:{HEX}"), Err("unsupported digest algorithm")),
        (format!("nginx@sha256.x:{HEX}"), Err("unsupported digest algorithm")),
        (format!("nginx@sha256_x:{HEX}"), Err("unsupported digest algorithm")),
        (format!("nginx@1sha:{HEX}"), Err(FMT)),
        (format!("nginx@sha-256:{HEX}"), Err(FMT)),
        (format!("nginx@{HEX}"), Err(FMT)),
        // A tag and a digest: the tag decides the pull policy.
        (format!("nginx:latest@{d256}"), Ok(("docker.io", "library/nginx", Some("latest"), Some(&d256), "nginx", "Always"))),
        (format!("nginx:Latest@{d256}"), Ok(("docker.io", "library/nginx", Some("Latest"), Some(&d256), "nginx", "IfNotPresent"))),
        (format!("localhost:5000/a@{d256}"), Ok(("localhost:5000", "a", None, Some(&d256), "localhost:5000/a", "IfNotPresent"))),
        // 64-hex forms: only the bare lowercase id is refused.
        (HEX.to_string(), Err("invalid repository name (0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef), cannot specify 64-byte hexadecimal strings")),
        (HEX.to_uppercase(), Err("invalid reference format: repository name (library/0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF) must be lowercase")),
        (format!("x/{HEX}"), Ok(("docker.io", &x_hex, None, None, &x_hex, "Always"))),
        (format!("docker.io/{HEX}"), Ok(("docker.io", &library_hex, None, None, HEX, "Always"))),
        (format!("{HEX}:tag"), Ok(("docker.io", &library_hex, Some("tag"), None, HEX, "IfNotPresent"))),
        (format!("sha512:{HEX}{HEX}"), Ok(("docker.io", "library/sha512", Some(&d512[7..]), None, "sha512", "IfNotPresent"))),
        ("md5:0123456789abcdef0123456789abcdef".into(), Ok(("docker.io", "library/md5", Some("0123456789abcdef0123456789abcdef"), None, "md5", "IfNotPresent"))),
        // Tags: 128 characters at most, word character first.
        (format!("nginx:{}", "v".repeat(128)), Ok(("docker.io", "library/nginx", Some(&v128), None, "nginx", "IfNotPresent"))),
        (format!("nginx:{}", "v".repeat(129)), Err(FMT)),
        ("nginx:TAG".into(), Ok(("docker.io", "library/nginx", Some("TAG"), None, "nginx", "IfNotPresent"))),
        ("foo:_".into(), Ok(("docker.io", "library/foo", Some("_"), None, "foo", "IfNotPresent"))),
        ("foo:a.".into(), Ok(("docker.io", "library/foo", Some("a."), None, "foo", "IfNotPresent"))),
        ("foo:.".into(), Err(FMT)),
        ("foo:-".into(), Err(FMT)),
        ("nginx:tag:".into(), Err(FMT)),
        ("nginx::tag".into(), Err(FMT)),
        ("a:b:c".into(), Err(FMT)),
        ("a@b".into(), Err(FMT)),
        // Path length: 255 for the path (with `library/`), the domain does not count.
        (format!("x.io/{}", "a".repeat(255)), Ok(("x.io", &a255, None, None, &x_a255, "Always"))),
        (format!("x.io/{}", "a".repeat(256)), Err("repository name must not be more than 255 characters")),
        ("a".repeat(247), Ok(("docker.io", &library_a247, None, None, &a247, "Always"))),
        ("a".repeat(248), Err("repository name must not be more than 255 characters")),
        (format!("docker.io/{}", "a".repeat(248)), Err("repository name must not be more than 255 characters")),
        (format!("{}:tag", "a".repeat(256)), Err("repository name must not be more than 255 characters")),
        // Uppercase in each position.
        ("NGINX:tag".into(), Err("invalid reference format: repository name (library/NGINX) must be lowercase")),
        ("X.io/app".into(), Ok(("X.io", "app", None, None, "X.io/app", "Always"))),
        ("x.IO/app".into(), Ok(("x.IO", "app", None, None, "x.IO/app", "Always"))),
        ("x.io/aPP:tag".into(), Err("invalid reference format: repository name (aPP) must be lowercase")),
        ("x.io/app/Sub".into(), Err("invalid reference format: repository name (app/Sub) must be lowercase")),
        ("Localhost/a".into(), Ok(("Localhost", "a", None, None, "Localhost/a", "Always"))),
        ("LOCALHOST:5000/a".into(), Ok(("LOCALHOST:5000", "a", None, None, "LOCALHOST:5000/a", "Always"))),
        // An uppercase first component that is no valid domain: strict Parse's own error.
        ("My_Registry/app".into(), Err("repository name must be lowercase")),
        // Go lowercases İ to a plain i, so the strict parser calls it an uppercase problem.
        ("nginx:\u{130}".into(), Err("repository name must be lowercase")),
        ("nginx:\u{212a}".into(), Err("repository name must be lowercase")),
        // Docker Hub spellings: only the exact lowercase index.docker.io is rewritten.
        ("index.docker.io/nginx".into(), Ok(("docker.io", "library/nginx", None, None, "nginx", "Always"))),
        ("index.docker.io/a/b".into(), Ok(("docker.io", "a/b", None, None, "a/b", "Always"))),
        ("Index.docker.io/nginx".into(), Ok(("Index.docker.io", "nginx", None, None, "Index.docker.io/nginx", "Always"))),
        ("INDEX.DOCKER.IO/nginx".into(), Ok(("INDEX.DOCKER.IO", "nginx", None, None, "INDEX.DOCKER.IO/nginx", "Always"))),
        ("Docker.io/nginx".into(), Ok(("Docker.io", "nginx", None, None, "Docker.io/nginx", "Always"))),
        ("docker.io/a".into(), Ok(("docker.io", "library/a", None, None, "a", "Always"))),
        ("docker.io/library/a/b".into(), Ok(("docker.io", "library/a/b", None, None, "library/a/b", "Always"))),
        ("registry-1.docker.io/nginx".into(), Ok(("registry-1.docker.io", "nginx", None, None, "registry-1.docker.io/nginx", "Always"))),
        // localhost forms.
        ("localhost:5000".into(), Ok(("docker.io", "library/localhost", Some("5000"), None, "localhost", "IfNotPresent"))),
        ("localhost".into(), Ok(("docker.io", "library/localhost", None, None, "localhost", "Always"))),
        ("localhost/a/b".into(), Ok(("localhost", "a/b", None, None, "localhost/a/b", "Always"))),
        // Separators in the first component and the path.
        ("a_b/c".into(), Ok(("docker.io", "a_b/c", None, None, "a_b/c", "Always"))),
        ("a__b/c".into(), Ok(("docker.io", "a__b/c", None, None, "a__b/c", "Always"))),
        ("a--b/c".into(), Ok(("docker.io", "a--b/c", None, None, "a--b/c", "Always"))),
        ("a/b.c_d__e---f".into(), Ok(("docker.io", "a/b.c_d__e---f", None, None, "a/b.c_d__e---f", "Always"))),
        // A dotted first component that is no valid domain stays in the path (no domain at all).
        ("a.b_c/d".into(), Ok(("", "a.b_c/d", None, None, "a.b_c/d", "Always"))),
        ("a-/c".into(), Err(FMT)),
        ("a./c".into(), Err(FMT)),
        (".a/c".into(), Err(FMT)),
        ("a..b/c".into(), Err(FMT)),
        ("a-.io/b".into(), Err(FMT)),
        ("-a.io/b".into(), Err(FMT)),
        ("a.-io/b".into(), Err(FMT)),
        ("x.io//a".into(), Err(FMT)),
        ("x.io/a/".into(), Err(FMT)),
        // Ports and IP forms.
        ("x.io:0/a".into(), Ok(("x.io:0", "a", None, None, "x.io:0/a", "Always"))),
        ("x.io:99999999999/a".into(), Ok(("x.io:99999999999", "a", None, None, "x.io:99999999999/a", "Always"))),
        ("x.io:/a".into(), Err(FMT)),
        ("x.io:-1/a".into(), Err(FMT)),
        ("1.2.3.4:5000/a".into(), Ok(("1.2.3.4:5000", "a", None, None, "1.2.3.4:5000/a", "Always"))),
        ("[::1]:5000/a".into(), Ok(("[::1]:5000", "a", None, None, "[::1]:5000/a", "Always"))),
        ("[::1]/a:tag".into(), Ok(("[::1]", "a", Some("tag"), None, "[::1]/a", "IfNotPresent"))),
        ("[fe80::1%eth0]/a".into(), Err(FMT)),
        ("[::ffff:1.2.3.4]/a".into(), Err(FMT)),
        ("[::1]:/a".into(), Err(FMT)),
        ("[]/a".into(), Err(FMT)),
        // Schemes and whitespace.
        ("http://x.io/a".into(), Err(FMT)),
        ("https://x.io/a".into(), Err(FMT)),
        ("nginx ".into(), Err(FMT)),
        ("ngi nx".into(), Err(FMT)),
        ("nginx\n".into(), Err(FMT)),
        ("\tnginx".into(), Err(FMT)),
        ("nginx:tag ".into(), Err(FMT)),
    ];
    let mut failures = Vec::new();
    for (reference, want) in rows {
        check(&reference, want, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
