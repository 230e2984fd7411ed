/work/wt/perf/target-s/wasm32-unknown-unknown/release/deps/pin_project_lite-678160c70c8bf2de.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/pin-project-lite-0.2.17/src/lib.rs

/work/wt/perf/target-s/wasm32-unknown-unknown/release/deps/libpin_project_lite-678160c70c8bf2de.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/pin-project-lite-0.2.17/src/lib.rs

/work/wt/perf/target-s/wasm32-unknown-unknown/release/deps/libpin_project_lite-678160c70c8bf2de.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/pin-project-lite-0.2.17/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/pin-project-lite-0.2.17/src/lib.rs:
