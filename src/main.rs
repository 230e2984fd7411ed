fn main() {
    // The page exists only in the browser; a native build of this binary does nothing.
    #[cfg(target_arch = "wasm32")]
    podplay_web::start();
}
