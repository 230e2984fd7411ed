//! The long fuzz run of `report::build` (`scripts/fuzz.sh`): the engine of `tests/fuzz.rs`
//! (YAML-shaped mutations of the gallery and conformance inputs) for `PODPLAY_FUZZ_SECONDS`
//! (default 300) with `PODPLAY_FUZZ_SEED` (default 1). Exits 1 on any panic and on any input
//! whose analysis takes over `PODPLAY_FUZZ_SLOW_MS` (default 1000). A program rather than an
//! ignored test: the test suite stays a suite of tests that always run.
//!
//! Build it with the `native` profile (`cargo run --profile native -p podplay-core --example
//! fuzz`): panics must unwind so that each one is recorded and the run goes on (the release
//! profile aborts, for the wasm).

#[path = "../tests/fuzz/engine.rs"]
mod engine;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> ExitCode {
    let conformance = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance");
    let seed = env_number("PODPLAY_FUZZ_SEED", 1);
    let settings = engine::Run {
        seed,
        max_inputs: usize::MAX,
        max_time: Duration::from_secs(env_number("PODPLAY_FUZZ_SECONDS", 300)),
        slow_limit: Duration::from_millis(env_number("PODPLAY_FUZZ_SLOW_MS", 1_000)),
        out_dir: std::env::var_os("PODPLAY_FUZZ_OUT")
            .map(PathBuf::from)
            .unwrap_or_else(|| std::env::temp_dir().join("podplay-fuzz")),
    };
    let f = engine::run(engine::seed_corpus(&conformance), &settings);
    println!(
        "fuzz: seed {seed}: {} inputs ({} through the create pipeline), corpus grew to {}, slowest {:?}, {} panics, {} slow",
        f.inputs,
        f.admitted,
        f.corpus,
        f.slowest,
        f.panics.len(),
        f.slow.len()
    );
    for (file, message) in &f.panics {
        println!("  panic: {}: {message}", file.display());
    }
    for (file, took) in &f.slow {
        println!(
            "  slow ({took:?}, over {:?}): {}",
            settings.slow_limit,
            file.display()
        );
    }
    if f.panics.is_empty() && f.slow.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
