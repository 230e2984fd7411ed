/work/wt/perf/target-s/wasm32-unknown-unknown/release/deps/futures_io-183968ebded05697.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/futures-io-0.3.34/src/lib.rs

/work/wt/perf/target-s/wasm32-unknown-unknown/release/deps/libfutures_io-183968ebded05697.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/futures-io-0.3.34/src/lib.rs

/work/wt/perf/target-s/wasm32-unknown-unknown/release/deps/libfutures_io-183968ebded05697.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/futures-io-0.3.34/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/futures-io-0.3.34/src/lib.rs:
