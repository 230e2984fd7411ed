//! A benchmark report (not a test): time per stage of the analysis, natively.
//!
//! Run: `cargo run --release -p podplay-core --example bench` (all cases), or with arguments:
//! `bench <case>…` where a case is `seed`, `gallery`, `pod50`, `pod1000`, `pod2500`, `pod3000`, `env`,
//! `bundle`, `growth`, `alias`,
//! or a file path (`BENCH_STAGES_ONLY=1` skips the full analysis). The browser figure is
//! measured by the e2e suite.
//!
//! Stages are timed by calling the core's public steps one after another, as
//! `report::build` does (it has no timing hooks of its own):
//! parse (`yaml::parse_documents`) → decode (`input::read_documents`, which parses again;
//! the parse time is subtracted) → defaulting (`defaulting::set_object_defaults_pod`) →
//! admit (`pipeline::run`: defaulting, admission, create step, validation, marshal) →
//! validation alone (`validation::validate_pod_create` on the created pod) → images
//! (`pod_images::images_of_pod`) → output (`kubectl_yaml::render_lines`) → the full `build`
//! (which adds the report's views: changes mapped to lines, diagnostics pinned to input).

use podplay_core::changes::Changes;
use podplay_core::gallery::EXAMPLES;
use podplay_core::input::read_documents;
use podplay_core::options::Options;
use podplay_core::pipeline::{self, AdmitInput};
use podplay_core::pod_images::{self, PodImagesInput};
use podplay_core::report::build;
use podplay_core::versions::Version;
use podplay_core::{defaulting, kubectl_yaml, validation, yaml};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Repeats `f` for about `budget` (at least 3 times) and returns the fastest call: on a
/// shared machine the mean mostly measures the other processes.
fn time<T>(budget: Duration, mut f: impl FnMut() -> T) -> Duration {
    black_box(f()); // warm up
    let start = Instant::now();
    let mut n = 0u32;
    let mut fastest = Duration::MAX;
    while n < 3 || start.elapsed() < budget {
        let t = Instant::now();
        black_box(f());
        fastest = fastest.min(t.elapsed());
        n += 1;
    }
    fastest
}

fn micros(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us >= 10_000.0 {
        format!("{:.1} ms", us / 1000.0)
    } else {
        format!("{us:.1} µs")
    }
}

struct Stages {
    parse: Duration,
    decode: Duration,
    defaulting: Duration,
    admit: Duration,
    validation: Duration,
    images: Duration,
    output: Duration,
    analyze: Duration,
}

fn stages(text: &str, budget: Duration) -> Stages {
    let options = Options::new(Version::newest());
    let parse = time(budget, || yaml::parse_documents(text));
    let read = time(budget, || read_documents(text, options.version));
    let docs = read_documents(text, options.version).unwrap_or_default();
    let pod = docs
        .iter()
        .find(|d| d.kind == "Pod")
        .and_then(|d| d.decoded.as_ref())
        .map(|d| d.value.clone());
    let (mut defaulting, mut admit_t, mut validation_t, mut images, mut output) =
        Default::default();
    if let Some(pod) = pod {
        defaulting = time(budget, || {
            let mut p = pod.clone();
            defaulting::set_object_defaults_pod(&mut p, options.version, &mut Changes::new());
            p
        });
        admit_t = time(budget, || {
            pipeline::run(AdmitInput::new(pod.clone(), options.version))
        });
        let result = pipeline::run(AdmitInput::new(pod.clone(), options.version));
        let shown = result
            .pod
            .clone()
            .or(result.prepared_for_create.clone())
            .unwrap_or(result.scheme_defaulted.clone());
        let vctx = validation::ValidationContext::new(options.version);
        validation_t = time(budget, || validation::validate_pod_create(&shown, &vctx));
        images = time(budget, || {
            pod_images::images_of_pod(&PodImagesInput {
                pod: Some(&shown),
                input_pod: Some(&pod),
                namespace: "default",
                version: options.version,
                changes: &[],
                secrets: Vec::new(),
                node_config: None,
                providers: Vec::new(),
                image_present: false,
                always_pull_images: false,
            })
        });
        output = time(budget, || kubectl_yaml::render_lines(&shown));
    }
    // `BENCH_STAGES_ONLY=1` skips the full analysis (for inputs where the report's own
    // views are too slow to repeat).
    let analyze_t = if std::env::var_os("BENCH_STAGES_ONLY").is_some() {
        Duration::ZERO
    } else {
        time(budget, || build(text, &options))
    };
    Stages {
        parse,
        decode: read.saturating_sub(parse),
        defaulting,
        admit: admit_t,
        validation: validation_t,
        images,
        output,
        analyze: analyze_t,
    }
}

fn header() {
    println!(
        "{:<28} {:>7} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>7}",
        "case",
        "lines",
        "parse",
        "decode",
        "default",
        "admit",
        "validate",
        "images",
        "output",
        "analyze",
        "a/p"
    );
}

fn row(name: &str, text: &str, budget: Duration) {
    let s = stages(text, budget);
    println!(
        "{:<28} {:>7} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>6.1}×",
        name,
        text.lines().count(),
        micros(s.parse),
        micros(s.decode),
        micros(s.defaulting),
        micros(s.admit),
        micros(s.validation),
        micros(s.images),
        micros(s.output),
        micros(s.analyze),
        s.analyze.as_secs_f64() / s.parse.as_secs_f64().max(1e-9)
    );
}

/// A pod with `n` containers, each with a few env entries, ports and resources.
fn pod_with_containers(n: usize) -> String {
    let mut s = String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\n  labels:\n    app: big\nspec:\n  containers:\n");
    for i in 0..n {
        s.push_str(&format!(
            "  - name: c{i}\n    image: registry.example.com/team/app:{i}\n    ports:\n    - containerPort: {}\n    env:\n    - name: A\n      value: \"1\"\n    - name: B\n      value: \"2\"\n    resources:\n      requests:\n        cpu: 100m\n        memory: 64Mi\n      limits:\n        memory: 128Mi\n",
            8000 + i
        ));
    }
    s
}

/// A pod of `containers` containers with `env` env entries each.
fn big_env_pod(containers: usize, env: usize) -> String {
    let mut text =
        String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n");
    for c in 0..containers {
        text.push_str(&format!(
            "  - name: c{c}\n    image: nginx:1.25\n    env:\n"
        ));
        for e in 0..env {
            text.push_str(&format!(
                "    - name: VARIABLE_{e}\n      value: value-{c}-{e}\n"
            ));
        }
    }
    text
}

/// `docs` documents of about 50 lines each: the subject pod first, then ConfigMaps.
fn bundle(docs: usize) -> String {
    let mut s = pod_with_containers(2);
    for d in 1..docs {
        s.push_str(&format!(
            "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm{d}\ndata:\n"
        ));
        for k in 0..45 {
            s.push_str(&format!("  key{k}: \"value {k} of {d}\"\n"));
        }
    }
    s
}

/// The alias amplification document: one anchored env of `env` entries used by
/// `containers` containers (38 KB for 1,000 × 150).
pub fn alias_env(env: usize, containers: usize) -> String {
    let mut s =
        String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n");
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

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cases: Vec<&str> = if args.is_empty() {
        vec!["seed", "gallery", "pod50", "bundle", "growth"]
    } else {
        args.iter().map(String::as_str).collect()
    };
    let budget = Duration::from_millis(300);
    header();
    for case in cases {
        match case {
            "seed" => row("seed (01-web)", EXAMPLES[0].2, budget),
            "gallery" => {
                for (file, _, text) in EXAMPLES {
                    row(file, text, budget);
                }
            }
            "pod50" => row("50 containers", &pod_with_containers(50), budget),
            "pod1000" => row("1,000 containers", &pod_with_containers(1000), budget),
            // Refused at parse: about 102,000 nodes, over `limits::MAX_NODES`.
            "pod3000" => row("3,000 containers", &pod_with_containers(3000), budget),
            "pod2500" => row("2,500 containers", &pod_with_containers(2500), budget),
            // A plain big pod (60 containers × 300 env, about 0.5 MB, 90,000 nodes: 1,000 env
            // each is over `limits::MAX_NODES`): mapping changes to output lines must stay
            // linear (60 × 1,000 took 8.4 s when every change scanned every line).
            "env" => row("60 × 300 env", &big_env_pod(60, 300), budget),
            "bundle" => row("200 documents", &bundle(200), budget),
            "growth" => {
                for k in [1, 2, 4, 8] {
                    row(
                        &format!("{k}× 25 containers"),
                        &pod_with_containers(25 * k),
                        budget,
                    );
                }
                for k in [1, 2, 4, 8] {
                    row(&format!("{k}× 50 documents"), &bundle(50 * k), budget);
                }
            }
            "alias" => {
                // 1000 × 150 is over the node limit (refused at parse); smaller ones run.
                for containers in [150, 35, 16, 8, 4] {
                    row(
                        &format!("alias env 1000×{containers}"),
                        &alias_env(1000, containers),
                        budget,
                    );
                }
            }
            path => match std::fs::read_to_string(path) {
                Ok(text) => row(path, &text, budget),
                Err(e) => eprintln!("{path}: {e}"),
            },
        }
    }
}
