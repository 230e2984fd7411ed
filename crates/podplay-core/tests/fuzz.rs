//! Fuzzing and property tests, bounded so they belong in `cargo test`.
//!
//! - `fuzz_analyze_short`: YAML-shaped mutations of the gallery and conformance inputs through
//!   `report::build` (a fixed seed and input count, at most ~10 s): no panic, and no input
//!   that takes absurdly long. `scripts/fuzz.sh` runs the same engine for longer, optimised,
//!   where any input over 1 s fails the run (`examples/fuzz.rs`: a program, not a test, so
//!   this suite has no ignored test).
//! - Properties of the parsers (image references, quantities, Go URLs, label selectors,
//!   globs): no panic on generated input, and round trips where the grammar has one.

#[path = "fuzz/engine.rs"]
mod engine;

use engine::Rng;
use std::path::PathBuf;
use std::time::Duration;

fn conformance_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance")
}

fn out_dir() -> PathBuf {
    std::env::var_os("PODPLAY_FUZZ_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("podplay-fuzz"))
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn report(f: &engine::Findings, seed: u64) {
    eprintln!(
        "fuzz: seed {seed}: {} inputs ({} through the create pipeline), corpus grew to {}, slowest {:?}, {} panics, {} slow",
        f.inputs,
        f.admitted,
        f.corpus,
        f.slowest,
        f.panics.len(),
        f.slow.len()
    );
    for (file, took) in &f.slow {
        eprintln!("  slow ({took:?}): {}", file.display());
    }
}

fn check(f: &engine::Findings) {
    let panics: Vec<String> = f
        .panics
        .iter()
        .map(|(file, msg)| format!("{}: {msg}", file.display()))
        .collect();
    assert!(
        panics.is_empty(),
        "analyze panicked on:\n{}",
        panics.join("\n")
    );
}

#[test]
fn fuzz_analyze_short() {
    let corpus = engine::seed_corpus(&conformance_dir());
    assert!(corpus.len() >= 20, "seed corpus: {} inputs", corpus.len());
    let seed = env_number("PODPLAY_FUZZ_SEED", 0x5eed_f022);
    let settings = engine::Run {
        seed,
        max_inputs: env_number("PODPLAY_FUZZ_INPUTS", 6_000) as usize,
        max_time: Duration::from_secs(10),
        // A debug build on a shared machine: only the grossly slow is reported here; the
        // release run of scripts/fuzz.sh holds inputs to 1 s.
        slow_limit: Duration::from_secs(20),
        out_dir: out_dir(),
    };
    let findings = engine::run(corpus, &settings);
    report(&findings, seed);
    check(&findings);
    assert!(
        findings.slow.is_empty(),
        "inputs over 20 s in a debug build"
    );
    assert!(
        findings.inputs >= 100,
        "only {} inputs in 10 s",
        findings.inputs
    );
}

// ---- Property tests ----------------------------------------------------------------------

/// A string from pieces of a grammar, with now and then a random character.
fn from_pieces(rng: &mut Rng, pieces: &[&str], max: usize) -> String {
    let mut s = String::new();
    for _ in 0..1 + rng.below(max) {
        if rng.chance(12) {
            s.push(char::from_u32(rng.below(0x250) as u32).unwrap_or('x'));
        } else {
            s.push_str(pieces[rng.below(pieces.len())]);
        }
    }
    s
}

const ROUNDS: usize = 3_000;

#[test]
fn image_references_round_trip() {
    use podplay_core::reference::{parse, parse_image_name, parse_normalized_named};
    let pieces = [
        "docker.io",
        "registry.example.com",
        "localhost",
        "a",
        "b-c",
        "x_y",
        "x__y",
        "1",
        "/",
        "/",
        ":",
        ":5000",
        ":tag",
        ":v1.2",
        "@",
        "@sha256:",
        "0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef",
        ".",
        "-",
        "_",
        "library",
        "nginx",
        "[::1]",
        "[fe80::1%25eth0]",
        "UPPER",
        "%",
        "..",
        "//",
    ];
    let mut rng = Rng(0xabc);
    let mut parsed = 0;
    for _ in 0..ROUNDS {
        let s = from_pieces(&mut rng, &pieces, 8);
        let _ = parse_image_name(&s);
        if let Ok(named) = parse(&s) {
            parsed += 1;
            assert_eq!(parse(&named.string()), Ok(named.clone()), "{s:?}");
        }
        if let Ok(named) = parse_normalized_named(&s) {
            assert_eq!(parse(&named.string()), Ok(named.clone()), "{s:?}");
            assert_eq!(
                parse_normalized_named(&named.familiar_string()),
                Ok(named.clone()),
                "{s:?}"
            );
        }
    }
    assert!(parsed > ROUNDS / 20, "only {parsed} references parsed");
}

#[test]
fn quantities_canonicalize_to_what_they_parse_from() {
    use podplay_core::quantity::Quantity;
    let pieces = [
        "0",
        "1",
        "5",
        "9",
        "12",
        "100",
        "999999999999999999",
        ".",
        ".5",
        "-",
        "+",
        "e",
        "E",
        "3",
        "-2",
        "m",
        "u",
        "n",
        "k",
        "M",
        "G",
        "T",
        "P",
        "E",
        "Ki",
        "Mi",
        "Gi",
        "Ti",
        "Pi",
        "Ei",
        " ",
        "i",
    ];
    let mut rng = Rng(0xdef);
    let mut parsed = 0;
    let mut prev: Option<Quantity> = None;
    for _ in 0..ROUNDS {
        let s = from_pieces(&mut rng, &pieces, 6);
        let Ok(q) = Quantity::parse(&s) else { continue };
        parsed += 1;
        let canonical = q.canonicalize();
        let again = Quantity::parse(&canonical)
            .unwrap_or_else(|e| panic!("{s:?} → {canonical:?} does not parse: {e}"));
        assert_eq!(again, q, "{s:?} → {canonical:?}");
        assert_eq!(again.canonicalize(), canonical, "{s:?}");
        let _ = (q.value(), q.milli_value(), q.as_i64(), q.to_string());
        // Exact sums hold while the terms' scales are within MAX_ALIGN_DIGITS of each other
        // (beyond that the core keeps the larger term, a documented hostile-input guard).
        let near = |q: &Quantity| match q.canonicalize().split_once('e') {
            Some((_, e)) => e.parse::<i64>().is_ok_and(|e| e.abs() < 1_000),
            None => true,
        };
        if let Some(p) = prev.as_ref().filter(|p| near(p) && near(&q)) {
            let mut sum = q.clone();
            sum.add(p);
            let mut other = p.clone();
            other.add(&q);
            assert_eq!(sum, other, "{s:?} + {p}");
            sum.sub(p);
            assert_eq!(sum, q, "({s:?} + {p}) - {p}");
        }
        prev = Some(q);
    }
    assert!(parsed > ROUNDS / 10, "only {parsed} quantities parsed");
}

#[test]
fn go_url_parsing_is_total_and_strict_implies_lenient() {
    use podplay_core::go::url::{parse, split_host_port, Colons};
    let pieces = [
        "https://",
        "http://",
        "//",
        "a.io",
        "b",
        ":",
        ":80",
        ":abc",
        "[::1]",
        "[",
        "]",
        "/",
        "/v2/",
        "?",
        "#",
        "%",
        "%2F",
        "%zz",
        "@",
        "user:pw@",
        "*",
        ".",
        "::1",
        "fe80::1%25en0",
        " ",
        "\t",
        "HTTP://",
    ];
    let mut rng = Rng(0x123);
    for _ in 0..ROUNDS {
        let s = from_pieces(&mut rng, &pieces, 7);
        let strict = parse(&s, Colons::Strict);
        let lenient = parse(&s, Colons::Lenient);
        if let Ok(u) = &strict {
            assert_eq!(lenient.as_ref(), Ok(u), "{s:?}");
            assert_eq!(u.scheme, u.scheme.to_lowercase(), "{s:?}");
        }
        if let Err(e) = &strict {
            assert!(e.starts_with("parse "), "{s:?}: {e}");
        }
        let _ = split_host_port(&s);
    }
}

#[test]
fn label_selectors_and_globs_never_panic() {
    use podplay_core::field::Path;
    use podplay_core::go::filepath::glob_match;
    use podplay_core::validation::{affinity::validate_label_selector, ValidationContext};
    use podplay_core::versions::Version;
    let keys = [
        "app",
        "a/b",
        "example.com/x",
        "-bad",
        "",
        "x".repeat(70).leak(),
        "a b",
    ];
    let values = ["v", "", "-", "x".repeat(70).leak(), "ok.value", "é"];
    let ops = ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "bogus", ""];
    let ctx = ValidationContext::new(Version::new(1, 35));
    let mut rng = Rng(0x777);
    for _ in 0..ROUNDS / 3 {
        let mut labels = serde_json::Map::new();
        for _ in 0..rng.below(3) {
            labels.insert(rng.pick(&keys).to_string(), (*rng.pick(&values)).into());
        }
        let exprs: Vec<serde_json::Value> = (0..rng.below(3))
            .map(|_| {
                let vals: Vec<&str> = (0..rng.below(3)).map(|_| *rng.pick(&values)).collect();
                serde_json::json!({"key": rng.pick(&keys), "operator": rng.pick(&ops), "values": vals})
            })
            .collect();
        let selector = serde_json::json!({"matchLabels": labels, "matchExpressions": exprs});
        let errs =
            validate_label_selector(Some(&selector), rng.chance(2), &Path::new("selector"), &ctx);
        for e in &errs {
            let _ = e.render();
        }
    }
    let pieces = [
        "*", "?", "[", "]", "a", "b", ".", "\\", "-", "^", "[a-z]", "[^a]", "/",
    ];
    for _ in 0..ROUNDS {
        let pattern = from_pieces(&mut rng, &pieces, 6);
        let name = from_pieces(&mut rng, &pieces[4..], 6);
        let _ = glob_match(&pattern, &name);
        if !pattern.contains(['*', '?', '[', ']', '\\']) {
            assert_eq!(glob_match(&pattern, &pattern), Ok(true), "{pattern:?}");
        }
    }
}
