//! podplay's web UI: a Yew app that renders `podplay_core::build` reports.
//!
//! The UI holds no Kubernetes logic: it keeps the person's text and choices ([`state`]),
//! has the core analyse them in a Web Worker ([`hooks`], [`agent`]) and draws the report
//! ([`components`]). One binary (`src/main.rs`), one WebAssembly module: the page runs it in
//! the window, and the engine's Web Worker runs the same module (see [`agent`]).
//! Everything but the pure [`share`] and [`redact`] modules is browser code, compiled for
//! wasm32 only.

pub mod redact;
pub mod share;

#[cfg(target_arch = "wasm32")]
pub mod agent;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod crash;
#[cfg(target_arch = "wasm32")]
pub mod hooks;
#[cfg(target_arch = "wasm32")]
pub mod share_link;
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

/// Starts the app in `<body>`, or, inside the engine's Web Worker (a global scope without a
/// `document`), the engine (see [`agent`]); the editor works before the engine has loaded.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    let global = js_sys::global();
    if !js_sys::Reflect::has(&global, &"document".into()).unwrap_or(false) {
        agent::serve();
        return;
    }
    crash::install_panic_hook();
    if browser::query_param("test").as_deref() == Some("panic") {
        crash::install_test_panic_hook();
    }
    let options = PageOptions::from_location();
    // A format 2 link is inflated by the browser first (a few milliseconds).
    match share::decode(&browser::hash()) {
        Ok(share::Link::Compressed(z)) => browser::inflate(&z, move |payload| {
            let link = payload.map_or(Err(share::ShareError::Damaged), |p| share::from_payload(&p));
            mount(options, link)
        }),
        Ok(share::Link::Plain(shared)) => mount(options, Ok(shared)),
        Err(error) => mount(options, Err(error)),
    }
}

/// Renders the app (one copy of Yew's mounting code, however many paths lead here).
#[cfg(target_arch = "wasm32")]
#[inline(never)]
fn mount(options: PageOptions, link: Result<share::Shared, share::ShareError>) {
    yew::Renderer::<App>::with_props(AppProps { options, link }).render();
}
