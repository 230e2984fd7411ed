//! A benchmark report (not a test): time per stage of the analysis, natively.
//!
//! Run: `cargo run --release -p podplay-core --example bench` (all cases), or with arguments:
//! `bench <case>…` where a case is `seed`, `gallery`, `pod50`, `pod1000`, `pod2500`, `pod3000`, `env`,
//! `bundle`, `growth`, `alias`, `profile` (1,000 seed analyses for a profiler), `profile-page` (the same, as
//! the page's worker runs them: with the JSON it sends), `profile-gallery` (100 page analyses of
//! each gallery paste), `profile-ref`
//! and `profile-parse` (1,000 reference loads / own parses of the seed pod), `profile-pod:N`
//! (10 analyses of an N-container pod, for a profiler), `profile-bundle:N` (10 analyses of N
//! documents), `profile-running:N` (10 analyses of a pod beside N running pods),
//! or a file path (`BENCH_STAGES_ONLY=1` skips the full analysis). The browser figure is
//! measured by the e2e suite.
//!
//! Stages are timed by calling the core's public steps one after another, as
//! `report::build` does (it has no timing hooks of its own):
//! parse (`yaml::parse_documents`) → decode (`input::read`: documents, subject and context;
//! the parse time is subtracted) → create (`pipeline::create`), shown split into defaulting
//! (`defaulting::set_object_defaults_pod`), validation (`validation::validate_pod_create` on
//! the created pod) and admission (the rest of create: admission plugins, the create step,
//! marshal) → each view (`defaults_view`, `pod_images`, `scheduling::paste`, `termination`,
//! `startup`, `environment`) → output (the report as JSON, what the worker sends the page) →
//! the full `build`, and its ratio to the parse (`a/p`).
//!
//! The reference: `ref` is a standard YAML load of the same text into a generic tree by a
//! well-known crate (`saphyr::Yaml::load_from_str`, a dev-dependency: never in the wasm), the
//! "fast parse" of issue 12's budget (a full analysis within 5× it); `a/ref` is the full
//! analysis ÷ that load.

use podplay_core::changes::Changes;
use podplay_core::gallery::EXAMPLES;
use podplay_core::options::Options;
use podplay_core::report::build;
use podplay_core::versions::Version;
use podplay_core::views::ViewInput;
use podplay_core::{
    defaulting, defaults_view, environment, input, pipeline, pod_images, scheduling, startup,
    termination, validation, yaml,
};
use saphyr::LoadableYamlNode;
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
        format!("{:.1}ms", us / 1000.0)
    } else {
        format!("{us:.1}µs")
    }
}

/// The stages, in the order of the table's columns.
const COLUMNS: [&str; 14] = [
    "ref",
    "parse",
    "decode",
    "default",
    "admission",
    "validate",
    "v:default",
    "v:images",
    "v:sched",
    "v:term",
    "v:start",
    "v:env",
    "json",
    "analyze",
];

/// Column indexes of the stages `row` divides.
const REF: usize = 0;
const PARSE: usize = 1;
const ANALYZE: usize = 13;

fn stages(text: &str, budget: Duration) -> [Duration; 14] {
    let options = Options::new(Version::newest());
    let mut t = [Duration::ZERO; 14];
    t[REF] = time(budget, || saphyr::Yaml::load_from_str(text));
    t[PARSE] = time(budget, || yaml::parse_documents(text));
    t[2] = time(budget, || input::read(text, options.version)).saturating_sub(t[PARSE]);
    let read = input::read(text, options.version);
    if let Some(subject) = read.subject.as_ref().filter(|s| s.decode_error.is_none()) {
        let create = time(budget, || {
            pipeline::create(subject, &read.context, &options)
        });
        let result = pipeline::create(subject, &read.context, &options);
        t[3] = time(budget, || {
            let mut pod = subject.pod.clone();
            defaulting::set_object_defaults_pod(&mut pod, options.version, &mut Changes::new());
            pod
        });
        let shown = result
            .pod
            .as_ref()
            .or(result.prepared_for_create.as_ref())
            .or(result.admitted.as_ref())
            .unwrap_or(&result.scheme_defaulted);
        let context = validation::ValidationContext::new(options.version);
        t[5] = time(budget, || validation::validate_pod_create(shown, &context));
        t[4] = create.saturating_sub(t[3] + t[5]);
        let input = ViewInput {
            pod: shown,
            created: result.pod.is_some(),
            admit: &result,
            subject,
            context: &read.context,
            options: &options,
        };
        t[6] = time(budget, || defaults_view::view(&input));
        t[7] = time(budget, || pod_images::view(&input));
        t[8] = time(budget, || scheduling::paste::view(&input));
        let placement = podplay_core::placement::placement(
            shown,
            scheduling::paste::view(&input).as_ref(),
            &options.simulated,
        );
        t[9] = time(budget, || termination::view(&input, &placement));
        t[10] = time(budget, || startup::view(&input, &placement, None));
        t[11] = time(budget, || environment::view(&input, &placement));
    }
    // What the worker sends the page: the report without the pipeline's raw stages
    // (`src/agent.rs` replaces `admit.result` with `AdmitResult::not_sent()`).
    let mut report = build(text, &options);
    if let Some(admit) = report.admit.as_mut() {
        admit.result = pipeline::AdmitResult::not_sent();
    }
    t[12] = time(budget, || serde_json::to_string(&report));
    // `BENCH_STAGES_ONLY=1` skips the full analysis (for inputs where it is too slow to repeat).
    if std::env::var_os("BENCH_STAGES_ONLY").is_none() {
        t[ANALYZE] = time(budget, || build(text, &options));
    }
    t
}

/// What the page's worker does per request: the report, sent as JSON without its raw stages.
fn page_analysis(text: &str, options: &Options) -> String {
    let mut report = build(text, options);
    if let Some(admit) = report.admit.as_mut() {
        admit.result = pipeline::AdmitResult::not_sent();
    }
    serde_json::to_string(&report).unwrap_or_default()
}

fn header() {
    print!("{:<26} {:>6}", "case", "lines");
    for column in COLUMNS {
        print!(" {column:>9}");
    }
    println!(" {:>6} {:>6}", "a/p", "a/ref");
}

fn row(name: &str, text: &str, budget: Duration) {
    let t = stages(text, budget);
    print!("{:<26} {:>6}", name, text.lines().count());
    for d in t {
        print!(" {:>9}", micros(d));
    }
    let ratio = |d: Duration| t[ANALYZE].as_secs_f64() / d.as_secs_f64().max(1e-9);
    println!(" {:>5.1}× {:>5.1}×", ratio(t[PARSE]), ratio(t[REF]));
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

/// The subject pod, then `n` running pods (bound to a node): each is admitted beside the
/// subject for the scheduling view, so their cost must not grow with the rest of the paste.
fn running_pods(n: usize) -> String {
    let mut s = pod_with_containers(2);
    for i in 0..n {
        s.push_str(&format!(
            "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: running{i}\nspec:\n  nodeName: node-a\n  containers:\n  - name: app\n    image: nginx:1.25\n    resources:\n      requests:\n        cpu: 10m\n"
        ));
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
            // For a profiler (`valgrind --tool=callgrind … bench profile`): 1,000 full
            // analyses of the seed pod and nothing else.
            "profile" => {
                let options = Options::new(Version::newest());
                for _ in 0..1000 {
                    black_box(build(EXAMPLES[0].2, &options));
                }
            }
            // `profile-page`: 1,000 analyses of the seed pod as the page's worker runs them: the
            // report, then its JSON without the pipeline's raw stages (`src/agent.rs`).
            "profile-page" => {
                let options = Options::new(Version::newest());
                for _ in 0..1000 {
                    black_box(page_analysis(EXAMPLES[0].2, &options));
                }
            }
            // `profile-gallery`: 100 page analyses of each gallery paste.
            "profile-gallery" => {
                let options = Options::new(Version::newest());
                for _ in 0..100 {
                    for (_, _, text) in EXAMPLES {
                        black_box(page_analysis(text, &options));
                    }
                }
            }
            // `profile-ref` / `profile-parse`: 1,000 reference loads / own parses of the seed pod
            // (instruction counts for `a/ref` and `a/p` free of the machine's load).
            "profile-ref" => {
                for _ in 0..1000 {
                    black_box(saphyr::Yaml::load_from_str(EXAMPLES[0].2)).ok();
                }
            }
            "profile-parse" => {
                for _ in 0..1000 {
                    black_box(yaml::parse_documents(EXAMPLES[0].2)).ok();
                }
            }
            // `profile-pod:N`: 10 analyses of a pod with N containers (instruction counts
            // under callgrind show whether growth is linear, free of cache effects).
            other if other.starts_with("profile-pod:") => {
                let n = other["profile-pod:".len()..].parse().unwrap_or(100);
                let text = pod_with_containers(n);
                let options = Options::new(Version::newest());
                for _ in 0..10 {
                    black_box(build(&text, &options));
                }
            }
            // `profile-running:N`: 10 analyses of a pod beside N running pods.
            other if other.starts_with("profile-running:") => {
                let n = other["profile-running:".len()..].parse().unwrap_or(100);
                let text = running_pods(n);
                let options = Options::new(Version::newest());
                for _ in 0..10 {
                    black_box(build(&text, &options));
                }
            }
            // `profile-bundle:N`: 10 analyses of N documents (the growth check for bundles).
            other if other.starts_with("profile-bundle:") => {
                let n = other["profile-bundle:".len()..].parse().unwrap_or(100);
                let text = bundle(n);
                let options = Options::new(Version::newest());
                for _ in 0..10 {
                    black_box(build(&text, &options));
                }
            }
            path => match std::fs::read_to_string(path) {
                Ok(text) => row(path, &text, budget),
                Err(e) => eprintln!("{path}: {e}"),
            },
        }
    }
}
