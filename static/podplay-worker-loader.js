// Starts the analysis engine inside its Web Worker (src/agent.rs): loads the wasm-bindgen glue
// (a classic script, `--target no-modules`) and then its WebAssembly. A failure to load is
// thrown again outside the promise, so the page's Worker gets an `error` event and can say so.
importScripts("./podplay-worker.js");
wasm_bindgen({ module_or_path: "./podplay-worker_bg.wasm" }).catch((error) => {
  setTimeout(() => {
    throw error;
  });
});
