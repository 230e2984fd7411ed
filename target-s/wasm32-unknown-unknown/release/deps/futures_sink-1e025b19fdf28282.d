/work/wt/perf/target-s/wasm32-unknown-unknown/release/deps/futures_sink-1e025b19fdf28282.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/futures-sink-0.3.34/src/lib.rs

/work/wt/perf/target-s/wasm32-unknown-unknown/release/deps/libfutures_sink-1e025b19fdf28282.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/futures-sink-0.3.34/src/lib.rs

/work/wt/perf/target-s/wasm32-unknown-unknown/release/deps/libfutures_sink-1e025b19fdf28282.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/futures-sink-0.3.34/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/futures-sink-0.3.34/src/lib.rs:
