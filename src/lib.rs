//! podplay's web UI: a Yew app that renders `podplay_core::build` reports.
//!
//! The UI holds no Kubernetes logic: it keeps the person's text and choices ([`state`]),
//! runs the core on them ([`hooks`]) and draws the report ([`components`]).
//! Everything but the pure [`share`] module is browser code, compiled for wasm32 only.

pub mod share;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod hooks;
#[cfg(target_arch = "wasm32")]
pub mod state;

#[cfg(target_arch = "wasm32")]
pub use app::{App, AppProps, PageOptions};

// Talc instead of the standard dlmalloc: a smaller (and faster) allocator for WebAssembly.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Starts the app in `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    let options = PageOptions::from_location();
    install_bench_hook();
    yew::Renderer::<App>::with_props(AppProps { options }).render();
}

/// Exposes `window.podplayBench(runs)`: the average milliseconds `report::build` takes on the
/// example pod after `runs` warm-up runs, for the e2e run's informational measurement
/// (budget: 2 ms). Touches nothing else.
#[cfg(target_arch = "wasm32")]
pub fn install_bench_hook() {
    use wasm_bindgen::prelude::*;
    let bench = Closure::<dyn Fn(u32) -> f64>::new(|runs: u32| {
        let runs = runs.clamp(1, 10_000);
        let version = podplay_core::versions::Version::newest().to_string();
        // Warm up first: the browser compiles hot WebAssembly a second time, optimised, and
        // typing is exactly that steady state.
        for _ in 0..runs {
            std::hint::black_box(state::run_analysis(
                state::SEED,
                &version,
                "",
                state::Settings::default(),
            ));
        }
        let started = browser::now_ms();
        for _ in 0..runs {
            let report = state::run_analysis(state::SEED, &version, "", state::Settings::default());
            std::hint::black_box(report);
        }
        (browser::now_ms() - started) / f64::from(runs)
    });
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &"podplayBench".into(), bench.as_ref());
    }
    bench.forget();
}
