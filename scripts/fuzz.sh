#!/usr/bin/env bash
# The long fuzz run of report::analyze (stable Rust, no cargo-fuzz): YAML-shaped mutations of
# the gallery and conformance inputs, in a release build, for a bounded time.
#   scripts/fuzz.sh [SECONDS] [SEED]        defaults: 300 seconds, seed 1
# Fails on any panic and on any input whose analysis takes over PODPLAY_FUZZ_SLOW_MS
# (default 1000 ms). Failing and slow inputs are written to target/fuzz/ (panic-N.yaml,
# slow-N.yaml); rerun one with `cargo run -p podplay-cli -- admit target/fuzz/panic-N.yaml`.
# The short run (a fixed seed, a few seconds) is part of `cargo test` (tests/fuzz.rs); this
# one is crates/podplay-core/examples/fuzz.rs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export PODPLAY_FUZZ_SECONDS="${1:-300}"
export PODPLAY_FUZZ_SEED="${2:-1}"
export PODPLAY_FUZZ_OUT="${PODPLAY_FUZZ_OUT:-$ROOT/target/fuzz}"
export PODPLAY_FUZZ_SLOW_MS="${PODPLAY_FUZZ_SLOW_MS:-1000}"
# The `native` profile: optimised like release, but a panic unwinds, so it is caught,
# recorded and the run goes on (release aborts, for the wasm). A program, not a test.
cargo run --profile native -p podplay-core --example fuzz
