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
