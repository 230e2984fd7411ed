fn main() {
    // The analysis engine's Web Worker (see src/agent.rs); a native build does nothing.
    #[cfg(target_arch = "wasm32")]
    podplay_web::agent::serve();
}
