fn main() {
    // The page and its analysis engine are one WebAssembly module (size budget: fetched and
    // compiled once); `start` runs the page in a window and the engine in its Web Worker.
    // The page exists only in the browser; a native build of this binary does nothing.
    #[cfg(target_arch = "wasm32")]
    podplay_web::start();
}
