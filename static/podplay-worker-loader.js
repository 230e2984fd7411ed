// The analysis engine's Web Worker (src/agent.rs), a module worker. It runs the page's own
// WebAssembly module (one module for page and engine, fetched and compiled once): the page's
// first message carries the compiled module and the URL of its wasm-bindgen glue; the module's
// start function sees no `document` and serves analyses. A failure to load is thrown again
// outside the promise, so the page's Worker gets an `error` event and can say so.
self.onmessage = (event) => {
  self.onmessage = null;
  const { glue, module } = event.data;
  import(glue)
    .then((bindings) => bindings.default({ module_or_path: module }))
    .catch((error) => {
      setTimeout(() => {
        throw error;
      });
    });
};
