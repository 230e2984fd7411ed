//! A benchmark (not a test): how long a full analysis of each gallery example takes natively.
//! Run: `cargo run --release -p podplay-core --example bench`. The browser figure is measured
//! by the e2e suite; the budget is 2 ms per analysis of a typical pod in the browser.

use podplay_core::gallery::EXAMPLES;
use podplay_core::report::{build, Options};
use std::time::Instant;

fn main() {
    let options = Options::new(podplay_core::versions::Version::newest());
    let rounds = 500;
    println!("{:<40} {:>12}", "example", "µs/analysis");
    for (file, _, text) in EXAMPLES {
        // Warm up, then time.
        for _ in 0..20 {
            std::hint::black_box(build(text, &options));
        }
        let start = Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(build(text, &options));
        }
        let micros = start.elapsed().as_secs_f64() * 1e6 / rounds as f64;
        println!("{file:<40} {micros:>12.1}");
    }
    // A plain big pod (60 containers × 1,000 env, about 1.8 MB): mapping changes to output
    // lines must stay linear-ish (it took 8.4 s when every change scanned every line).
    let big = big_pod(60, 1000);
    let start = Instant::now();
    let report = build(&big, &options);
    let millis = start.elapsed().as_secs_f64() * 1e3;
    let lines = report.views.defaults.map_or(0, |d| d.output.len());
    println!(
        "{:<40} {:>12.1}",
        format!(
            "60 × 1,000 env ({} KB, {lines} lines), ms",
            big.len() / 1024
        ),
        millis
    );
}

fn big_pod(containers: usize, env: usize) -> String {
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
