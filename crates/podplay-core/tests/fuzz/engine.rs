//! A small, dependency-free fuzzer for `report::build` (stable Rust: no cargo-fuzz).
//!
//! Inputs are YAML-shaped mutations of a corpus seeded from the gallery and the conformance
//! inputs: lines duplicated, dropped, re-indented or spliced from another input, scalars
//! swapped for YAML 1.1 oddities, anchors/aliases/merge keys added, bytes inserted. An input
//! that makes the analysis say something new (a new diagnostic shape or outcome) joins the
//! corpus, so the run explores beyond the seeds. Every run is reproducible from its seed.
//!
//! Checks on each input: no panic, and no analysis slower than `slow_limit` (reported).
//! Used by `tests/fuzz.rs` (a short run inside `cargo test`) and `scripts/fuzz.sh` (long run).

use podplay_core::report::{build, Options, Report};
use podplay_core::versions::SUPPORTED;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A deterministic generator (PCG-style LCG), so a failure is reproducible from the seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() as usize) % n
        }
    }
    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Scalars and fragments Kubernetes' YAML treats specially.
const SCALARS: &[&str] = &[
    "0644",
    "0x1F",
    "0o17",
    "0b101",
    "1_000",
    "1e9",
    "1e400",
    ".inf",
    "-.inf",
    ".nan",
    "~",
    "null",
    "yes",
    "No",
    "on",
    "y",
    "''",
    "\"\"",
    "'0644'",
    "\"\\ud800\"",
    "\"\\x41\"",
    "!!str 80",
    "!!binary aGVsbG8=",
    "!!binary ###",
    "!!int 3",
    "!!float 1",
    "!!null ''",
    "99999999999999999999",
    "-9223372036854775809",
    "1.5",
    "100m",
    "1Gi",
    "0.1",
    "1e3",
    "2Ki",
    "-1",
    "nginx",
    "nginx:1.25",
    "busybox@sha256:abc",
    "Always",
    "Never",
    "IfNotPresent",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1}",
    "|",
    ">-",
    "é",
    "\u{feff}",
    "\t",
    "\u{0}",
    "\u{85}",
    "\u{2028}",
    "::1",
    "[::1]:80",
    "*",
    "&",
    "%",
    "@",
    "`",
    "- ",
    ": ",
    "? ",
    "#x",
];

const FRAGMENTS: &[&str] = &[
    "---\n",
    "...\n",
    "<<: *a\n",
    "<<: [*a, *b]\n",
    "a: &a {k: v}\n",
    "b: &b [1, 2]\n",
    "%YAML 1.1\n---\n",
    "? complex\n: key\n",
    "- &x {name: x}\n- *x\n",
    "resources: {limits: {cpu: 100m}, requests: {cpu: 1}}\n",
    "securityContext: {runAsUser: 0, privileged: true}\n",
    "ports: [{containerPort: 80, hostPort: 80}]\n",
    "imagePullSecrets: [{name: s}]\n",
    "tolerations: [{operator: Exists}]\n",
    "env: [{name: A, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]\n",
    "volumes: [{name: v, emptyDir: {}}]\n",
    "priorityClassName: system-node-critical\n",
    "{\"auths\": {\"r.io\": {\"auth\": \"dTpw\"}}}\n",
    "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/dockerconfigjson\ndata: {.dockerconfigjson: e30=}\n",
    "apiVersion: v1\nkind: LimitRange\nmetadata: {name: l}\nspec: {limits: [{type: Container, default: {cpu: 1}}]}\n",
];

/// The seed corpus: the gallery plus every conformance `input.yaml` under `conformance_dir`.
pub fn seed_corpus(conformance_dir: &Path) -> Vec<String> {
    let mut corpus: Vec<String> = podplay_core::gallery::EXAMPLES
        .iter()
        .map(|(_, _, text)| text.to_string())
        .collect();
    let mut files = Vec::new();
    collect_inputs(conformance_dir, &mut files);
    files.sort();
    for f in files {
        if let Ok(text) = std::fs::read_to_string(&f) {
            corpus.push(text);
        }
    }
    corpus
}

fn collect_inputs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_inputs(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml") {
            out.push(p);
        }
    }
}

/// Largest input the mutator builds (well within the documented limits).
const MAX_LEN: usize = 64 * 1024;

/// One YAML-shaped mutation of `text` (`other` is a second corpus entry for splicing).
pub fn mutate(text: &str, other: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for _ in 0..1 + rng.below(2) {
        let at = rng.below(lines.len() + 1);
        match rng.below(12) {
            // Drop a few lines.
            0 if !lines.is_empty() => {
                let end = (at + 1 + rng.below(3)).min(lines.len());
                lines.drain(at.min(end)..end);
            }
            // Duplicate a block of lines (a repeated key, a repeated item).
            1 if !lines.is_empty() => {
                let start = at.min(lines.len() - 1);
                let end = (start + 1 + rng.below(6)).min(lines.len());
                let block: Vec<String> = lines[start..end].to_vec();
                for (i, l) in block.into_iter().enumerate() {
                    lines.insert(end + i, l);
                }
            }
            // Re-indent a line.
            2 if !lines.is_empty() => {
                let i = at.min(lines.len() - 1);
                let l = lines[i].trim_start().to_string();
                let indent = rng.below(10);
                lines[i] = format!("{}{l}", " ".repeat(indent));
            }
            // Replace a scalar after `: ` or `- `.
            3 | 4 if !lines.is_empty() => {
                let i = at.min(lines.len() - 1);
                let s = *rng.pick(SCALARS);
                let l = &lines[i];
                lines[i] = match l.find(": ").or_else(|| l.find("- ")) {
                    Some(p) => format!("{}{s}", &l[..p + 2]),
                    None => format!("{l}{s}"),
                };
            }
            // Insert a fragment, indented like its neighbour.
            5 | 6 => {
                let indent = lines
                    .get(at)
                    .map(|l| l.len() - l.trim_start().len())
                    .unwrap_or(0);
                let frag = rng.pick(FRAGMENTS);
                for (i, f) in frag.lines().enumerate() {
                    lines.insert(
                        (at + i).min(lines.len()),
                        format!("{}{f}", " ".repeat(indent)),
                    );
                }
            }
            // Splice lines from another input.
            7 => {
                let theirs: Vec<&str> = other.lines().collect();
                if !theirs.is_empty() {
                    let start = rng.below(theirs.len());
                    let end = (start + 1 + rng.below(8)).min(theirs.len());
                    for (i, l) in theirs[start..end].iter().enumerate() {
                        lines.insert((at + i).min(lines.len()), l.to_string());
                    }
                }
            }
            // Anchor a line's value and alias it elsewhere.
            8 if lines.len() > 1 => {
                let i = at.min(lines.len() - 1);
                if let Some(p) = lines[i].find(": ") {
                    let l = lines[i].clone();
                    lines[i] = format!("{}&z {}", &l[..p + 2], &l[p + 2..]);
                    let j = rng.below(lines.len());
                    if let Some(q) = lines[j].find(": ") {
                        lines[j] = format!("{}*z", &lines[j][..q + 2]);
                    }
                }
            }
            // Swap two lines.
            9 if lines.len() > 2 => {
                let a = rng.below(lines.len());
                let b = rng.below(lines.len());
                lines.swap(a, b);
            }
            // Character-level edits anywhere.
            _ => {
                let mut chars: Vec<char> = lines.join("\n").chars().collect();
                for _ in 0..1 + rng.below(3) {
                    let at = rng.below(chars.len() + 1);
                    match rng.below(3) {
                        0 if !chars.is_empty() => {
                            chars.remove(at.min(chars.len() - 1));
                        }
                        1 => {
                            let c = *rng.pick(&[
                                ':', '-', '{', '}', '[', ']', '"', '\'', '&', '*', '!', '|', '>',
                                '#', ' ', '\n', '\t', '\\', ',', '?', '%', '@', '`',
                            ]);
                            chars.insert(at.min(chars.len()), c);
                        }
                        _ => {
                            // Mostly printable (go-yaml refuses control characters outright,
                            // which would end most inputs at the first check).
                            let code = if rng.chance(20) {
                                rng.below(0x3000)
                            } else if rng.chance(2) {
                                0x20 + rng.below(0x5f)
                            } else {
                                0xa0 + rng.below(0x2f00)
                            };
                            let c = char::from_u32(code as u32).unwrap_or('x');
                            chars.insert(at.min(chars.len()), c);
                        }
                    }
                }
                lines = chars
                    .into_iter()
                    .collect::<String>()
                    .lines()
                    .map(str::to_string)
                    .collect();
            }
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    if out.len() > MAX_LEN {
        let mut cut = MAX_LEN;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
    out
}

/// What an analysis said, coarsely: outcome and diagnostic shapes (digits and quoted text
/// dropped), the novelty signal that grows the corpus.
fn signature(report: &Report) -> Vec<String> {
    let mut sig = Vec::new();
    if let Some(admit) = &report.admit {
        sig.push(format!("outcome:{:?}", admit.outcome));
    }
    for d in &report.diagnostics {
        let mut shape = String::new();
        let mut quoted = false;
        for c in d.message.chars().take(80) {
            if c == '"' {
                quoted = !quoted;
            } else if !quoted && !c.is_ascii_digit() {
                shape.push(c);
            }
        }
        sig.push(format!("{}:{shape}", d.source));
    }
    sig
}

/// A run's settings.
pub struct Run {
    pub seed: u64,
    /// Stop after this many inputs…
    pub max_inputs: usize,
    /// …or after this long, whichever comes first.
    pub max_time: Duration,
    /// An analysis slower than this is reported as slow.
    pub slow_limit: Duration,
    /// Where failing and slow inputs are written.
    pub out_dir: PathBuf,
}

/// What a run found.
#[derive(Default)]
pub struct Findings {
    pub inputs: usize,
    /// Inputs whose pod went through the create pipeline (the rest stopped earlier).
    pub admitted: usize,
    pub corpus: usize,
    /// (file written, panic message)
    pub panics: Vec<(PathBuf, String)>,
    /// (file written, time taken)
    pub slow: Vec<(PathBuf, Duration)>,
    pub slowest: Duration,
}

pub fn run(corpus: Vec<String>, settings: &Run) -> Findings {
    let mut rng = Rng(settings.seed);
    let mut corpus = corpus;
    let mut seen: HashSet<String> = HashSet::new();
    let mut findings = Findings::default();
    let mut broken_kept = 0;
    let start = Instant::now();
    while findings.inputs < settings.max_inputs && start.elapsed() < settings.max_time {
        let base = corpus[rng.below(corpus.len())].clone();
        let other = corpus[rng.below(corpus.len())].clone();
        let input = mutate(&base, &other, &mut rng);
        let mut options = Options::new(SUPPORTED[rng.below(SUPPORTED.len())]);
        options.namespace = rng.chance(4).then(|| "team".to_string());
        let t = Instant::now();
        // A panic is caught and recorded (the default hook still prints it).
        let result = std::panic::catch_unwind(|| build(&input, &options));
        let took = t.elapsed();
        findings.inputs += 1;
        findings.slowest = findings.slowest.max(took);
        match result {
            Err(payload) => {
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                let file = save(&settings.out_dir, "panic", findings.inputs, &input);
                findings.panics.push((file, message));
            }
            Ok(report) => {
                findings.admitted += usize::from(report.admit.is_some());
                if took > settings.slow_limit {
                    let file = save(&settings.out_dir, "slow", findings.inputs, &input);
                    findings.slow.push((file, took));
                }
                let mut new = false;
                for s in signature(&report) {
                    new |= seen.insert(s);
                }
                // Inputs that do not get past the YAML reader are kept only a few: mutated
                // further they mostly stay broken, and the run would stop exploring.
                let broken = report.documents.is_empty();
                if new && corpus.len() < 5_000 && (!broken || broken_kept < 100) {
                    broken_kept += usize::from(broken);
                    corpus.push(input);
                }
            }
        }
    }
    findings.corpus = corpus.len();
    findings
}

fn save(dir: &Path, what: &str, n: usize, input: &str) -> PathBuf {
    let _ = std::fs::create_dir_all(dir);
    let file = dir.join(format!("{what}-{n}.yaml"));
    let _ = std::fs::write(&file, input);
    file
}
