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
}
