/work/wt/perf/target-s/wasm32-unknown-unknown/release/deps/cfg_if-90befd53364b1f03.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/cfg-if-1.0.5/src/lib.rs

/work/wt/perf/target-s/wasm32-unknown-unknown/release/deps/libcfg_if-90befd53364b1f03.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/cfg-if-1.0.5/src/lib.rs

/work/wt/perf/target-s/wasm32-unknown-unknown/release/deps/libcfg_if-90befd53364b1f03.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/cfg-if-1.0.5/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/cfg-if-1.0.5/src/lib.rs:
