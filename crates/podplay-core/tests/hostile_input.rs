//! Bad input is normal input: random edits of every gallery example, and a few hostile
//! documents, must be analysed without a panic (a panic in the browser would freeze the page).

use podplay_core::report::{build, Options};
use podplay_core::versions::{Version, SUPPORTED};

/// A small deterministic generator (no dependencies), so failures are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() as usize) % n
        }
    }
}

const SNIPPETS: &[&str] = &[
    ": ",
    "- ",
    "\n",
    "  ",
    "{",
    "}",
    "[",
    "]",
    "'",
    "\"",
    "&a ",
    "*a",
    "<<: *a",
    "!!str ",
    "0x1F",
    "1e9",
    "-1",
    "null",
    "~",
    "yes",
    "\t",
    "#",
    "|",
    ">",
    "---\n",
    "é",
    "\u{feff}",
    "99999999999999999999",
    ".inf",
    "0.0001",
    "containers",
    "image: ",
    "name: ",
    "ports:",
    "resources:",
    "limits:",
    "cpu: ",
    "kube-api-access-",
    "::1",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(4) {
            0 if !chars.is_empty() => {
                let end = (at + 1 + rng.below(8)).min(chars.len());
                let start = at.min(end);
                chars.drain(start..end);
            }
            1 => {
                let s = SNIPPETS[rng.below(SNIPPETS.len())];
                for (i, c) in s.chars().enumerate() {
                    chars.insert((at + i).min(chars.len()), c);
                }
            }
            2 if chars.len() > 2 => {
                let a = rng.below(chars.len());
                let b = rng.below(chars.len());
                chars.swap(a, b);
            }
            _ => {
                let c = char::from_u32(32 + rng.below(95) as u32).unwrap_or('x');
                chars.insert(at.min(chars.len()), c);
            }
        }
    }
    chars.into_iter().collect()
}

/// Rounds per example; `PODPLAY_FUZZ_ROUNDS=50000 cargo test --release` for a longer hunt.
fn rounds() -> usize {
    std::env::var("PODPLAY_FUZZ_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(400)
}

#[test]
fn random_edits_of_every_example_never_panic() {
    let rounds = rounds();
    let mut rng = Rng(0x5eed);
    let mut analysed = 0;
    for (file, _, text) in podplay_core::gallery::EXAMPLES {
        for round in 0..rounds {
            let edited = mutate(text, &mut rng);
            let version = SUPPORTED[rng.below(SUPPORTED.len())];
            let options = Options::new(version);
            let result = std::panic::catch_unwind(|| build(&edited, &options));
            assert!(
                result.is_ok(),
                "{file} round {round} panicked on:\n{edited}"
            );
            analysed += 1;
        }
    }
    assert!(analysed >= 8 * rounds);
}

#[test]
fn hostile_documents_get_a_message_not_a_crash() {
    let deep = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {}1{}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let wide = {
        let mut s = String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n");
        for i in 0..50_000 {
            s.push_str(&format!("    k{i}: v\n"));
        }
        s.push_str("spec:\n  containers:\n  - name: a\n    image: nginx\n");
        s
    };
    let many_docs = "---\napiVersion: v1\nkind: Secret\n".repeat(2000);
    let binary = String::from_utf8_lossy(&[0u8, 159, 146, 150, 255, 10, 58, 32]).into_owned();
    for (name, text) in [
        ("deep", deep),
        ("wide", wide),
        ("many documents", many_docs),
        ("binary", binary),
    ] {
        let report = build(&text, &Options::new(Version::new(1, 35)));
        assert!(
            !report.diagnostics.is_empty() || report.admit.is_some() || report.documents.len() > 1,
            "{name}: expected a message or a result"
        );
    }
}

// ---- Defects from the "Fast and unbreakable" issue: each asserts bounded work (limits hit,
// counts, outputs), never a wall-clock time.

use podplay_core::limits::{MAX_DOCUMENTS, MAX_INPUT_BYTES, MAX_NODES};
use podplay_core::report::{Report, Severity};

fn analyze_default(text: &str) -> Report {
    build(text, &Options::new(Version::newest()))
}

/// The first error diagnostic: (message, line).
fn first_error(report: &Report) -> Option<(String, u32)> {
    report
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .map(|d| (d.message.clone(), d.pos.map_or(0, |p| p.line)))
}

const POD_HEAD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n";

/// The issue's 38 KB document: a 1,000-entry env anchored once and aliased by 149 more
/// containers (750,000 nodes once expanded; 51 s and 722 MB before).
fn anchored_env(env: usize, containers: usize) -> String {
    let mut s = String::from(POD_HEAD);
    for c in 0..containers {
        s.push_str(&format!("  - name: c{c}\n    image: nginx\n"));
        if c == 0 {
            s.push_str("    env: &env\n");
            for i in 0..env {
                s.push_str(&format!("    - {{name: E{i}, value: v}}\n"));
            }
        } else {
            s.push_str("    env: *env\n");
        }
    }
    s
}

#[test]
fn alias_amplification_is_refused_at_the_alias_that_crosses_the_node_limit() {
    let text = anchored_env(1000, 150);
    assert!(text.len() < 40_000);
    let report = analyze_default(&text);
    let (message, line) = first_error(&report).expect("a limit error");
    assert_eq!(
        message,
        format!("podplay limit: the input expands to more than {MAX_NODES} YAML nodes (aliases and merge keys counted as copies)")
    );
    // Each container after the first takes 3 lines; the anchored env is 5,001 nodes.
    let alias_lines: Vec<u32> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.ends_with("*env"))
        .map(|(i, _)| i as u32 + 1)
        .collect();
    let nth = MAX_NODES / 5_001; // aliases that fit, roughly
    assert!(
        alias_lines[nth.saturating_sub(2)..nth + 1].contains(&line),
        "error at line {line}"
    );
    assert!(report.admit.is_none());
}

#[test]
fn anchored_env_within_the_limit_is_analysed_with_every_copy() {
    let report = analyze_default(&anchored_env(100, 20));
    let defaults = report.views.defaults.expect("analysed");
    let env_lines = defaults
        .output
        .iter()
        .filter(|l| l.path.ends_with(".name") && l.path.contains(".env["))
        .count();
    assert_eq!(env_lines, 100 * 20);
}

/// `<<` of a map with `keys` keys into `times` maps.
fn merge_doc(keys: usize, times: usize) -> String {
    let mut s = String::from("base: &base\n");
    for i in 0..keys {
        s.push_str(&format!("  k{i}: v\n"));
    }
    for j in 0..times {
        s.push_str(&format!("m{j}:\n  <<: *base\n"));
    }
    s
}

#[test]
fn merging_a_big_map_many_times_hits_the_node_limit() {
    // 10,000 keys merged ten times (95 KB): 20,001 nodes a merge, 220,000 in all.
    let text = merge_doc(10_000, 10);
    let report = analyze_default(&text);
    let (message, line) = first_error(&report).expect("a limit error");
    assert!(message.starts_with("podplay limit: the input expands to more than"));
    // base and its key are 20,002 nodes, each merge 20,003 (its key, `<<`, the map and
    // 10,000 merged entries); the first merge that does not fit is refused at its `<<` line.
    let fit = (MAX_NODES - 20_002) / 20_003;
    assert_eq!(line as usize, 10_003 + 2 * fit);
}

#[test]
fn one_merge_of_many_keys_is_analysed_or_refused_by_the_node_limit() {
    // 20,000 keys (210 KB): within the limits, merged whole.
    let text = merge_doc(20_000, 1);
    let docs = podplay_core::yaml::parse_documents(&text).expect("within the limits");
    let merged = docs[0].get("m0").expect("m0").to_json();
    assert_eq!(merged.as_object().map(|o| o.len()), Some(20_000));
    let report = analyze_default(&text);
    assert!(first_error(&report).is_none(), "{:?}", report.diagnostics);
    // 40,000 keys (430 KB, 10 s before: a key search per merged key): the merge copies
    // 80,000 nodes onto the 80,000 of the map, over the limit, refused at the merge.
    let text = merge_doc(40_000, 1);
    let (message, line) = first_error(&analyze_default(&text)).expect("a limit error");
    assert!(message.starts_with("podplay limit: the input expands to more than"));
    assert_eq!(line, 40_003);
}

#[test]
fn input_over_the_byte_limit_is_refused_at_the_line_that_crosses_it() {
    let line = "# filler comment line, 32 bytes\n";
    let text = format!(
        "{POD_HEAD}{}",
        line.repeat(MAX_INPUT_BYTES / line.len() + 1)
    );
    let report = analyze_default(&text);
    let (message, at) = first_error(&report).expect("a limit error");
    assert_eq!(
        message,
        format!("podplay limit: the input is {} bytes; podplay analyses at most 3145728 bytes (3 MiB, the API server's request body limit)", text.len())
    );
    assert_eq!(
        at as usize,
        6 + (MAX_INPUT_BYTES - POD_HEAD.len()) / line.len() + 1
    );
    assert!(report.admit.is_none() && report.documents.is_empty());
    assert!(podplay_core::limits::check_input_len(MAX_INPUT_BYTES).is_ok());
}

#[test]
fn unindented_flow_lines_under_a_deep_block_are_refused_not_grown() {
    // libyaml never checks a flow collection's continuation lines for indentation; podplay
    // indents them past the block around them for its YAML 1.2 parser, so a block 20,000
    // columns deep with 200 such lines would add 4 MB to a 21 KB text.
    let text = format!(
        "{POD_HEAD}  - name: c\n    image: nginx\nx:\n{}y: [a,\n{}b]\n",
        " ".repeat(20_000),
        "a,\n".repeat(200)
    );
    let report = analyze_default(&text);
    let (message, line) = first_error(&report).expect("a limit error");
    assert!(
        message.starts_with(
            "podplay limit: the lines of flow collections and quoted scalars less indented"
        ),
        "{message}"
    );
    // At the first line that would cross the bound (line 10 holds `y: [a,`).
    assert_eq!(line as usize, 10 + MAX_INPUT_BYTES / 20_002 + 1);
}

#[test]
fn too_many_documents_are_refused() {
    let text = "---\napiVersion: v1\nkind: Secret\n".repeat(MAX_DOCUMENTS + 1);
    let report = analyze_default(&text);
    let (message, line) = first_error(&report).expect("a limit error");
    assert_eq!(
        message,
        "podplay limit: more than 1000 documents; podplay analyses at most 1000 in one input"
    );
    assert_eq!(line as usize, 3 * MAX_DOCUMENTS + 1);
}

#[test]
fn binary_values_are_decoded_as_kubernetes_does() {
    let text = format!("{POD_HEAD}  - name: a\n    image: nginx\n    env:\n    - name: GREETING\n      value: !!binary aGVsbG8=\n");
    let report = analyze_default(&text);
    let defaults = report.views.defaults.expect("analysed");
    assert!(
        defaults
            .output
            .iter()
            .any(|l| l.text.trim() == "value: hello"),
        "{:?}",
        defaults.output.iter().map(|l| &l.text).collect::<Vec<_>>()
    );
    let bad =
        format!("{POD_HEAD}  - name: a\n    image: nginx\n    args: [!!binary 'not base64']\n");
    let (message, _) = first_error(&analyze_default(&bad)).expect("an error");
    assert_eq!(
        message,
        "error converting YAML to JSON: yaml: !!binary value contains invalid base64 data"
    );
}

fn pod_with_node_config(config_json: &str) -> String {
    format!("{POD_HEAD}  - name: a\n    image: registry.example.com/app:1\n---\n{config_json}\n")
}

#[test]
fn node_config_with_a_repeated_auths_merges_like_go() {
    let text = pod_with_node_config(
        r#"{"auths": {"a.example.com": {"auth": "dTpw"}}, "auths": {"registry.example.com": {"auth": "dTpw"}}}"#,
    );
    let report = analyze_default(&text);
    let node = report
        .views
        .images
        .and_then(|i| i.node_config)
        .expect("node config");
    assert_eq!(node.error, None);
    assert_eq!(node.keys, ["a.example.com", "registry.example.com"]);
}

#[test]
fn node_config_with_many_auths_is_decoded_whole() {
    // 20,000 entries: 3.5 s before (a retain per key), and 200,000 took minutes.
    let mut json = String::from("{\"auths\": {");
    for i in 0..20_000 {
        json.push_str(&format!("\"r{i}.example.com\": {{}}, "));
    }
    json.push_str("\"registry.example.com\": {\"auth\": \"dTpw\"}}}");
    let report = analyze_default(&pod_with_node_config(&json));
    let node = report
        .views
        .images
        .and_then(|i| i.node_config)
        .expect("node config");
    assert_eq!(node.keys.len(), 20_001);
}

#[test]
fn lone_surrogate_in_a_pull_secret_decodes_to_a_replacement_character() {
    use podplay_core::credentials::dockerconfig::{decode, PayloadKind};
    let entries = decode(
        r#"{"auths":{"r.io":{"username":"\udc00","password":"p"}}}"#,
        PayloadKind::DockerConfigJson,
        Version::new(1, 36),
    )
    .expect("Go decodes it");
    assert_eq!(entries[0].username, "\u{fffd}");
}

#[test]
fn invalid_utf8_names_its_byte_and_line() {
    let mut bytes = POD_HEAD.as_bytes().to_vec();
    bytes.extend_from_slice(b"  - name: a\n    image: ngin\xffx\n");
    let err = podplay_core::limits::text_from_bytes(&bytes).unwrap_err();
    assert_eq!(
        err.message,
        format!(
            "invalid leading UTF-8 octet (at byte {})",
            POD_HEAD.len() + 27
        )
    );
    assert_eq!((err.pos.line, err.pos.col), (8, 16));
    assert_eq!(
        podplay_core::input::kubernetes_yaml_error(&err),
        format!(
            "error converting YAML to JSON: yaml: invalid leading UTF-8 octet (at byte {})",
            POD_HEAD.len() + 27
        )
    );
}
