//! Thin, failure-tolerant wrappers over the few browser APIs the page uses. Every one of
//! them may be missing (private mode, sandboxed iframes): they then do nothing.
//! Nothing here touches the network.

use wasm_bindgen::JsValue;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// localStorage keys (one per piece of state).
pub mod keys {
    pub const TEXT: &str = "podplay.text";
    pub const VERSION: &str = "podplay.version";
    pub const NAMESPACE: &str = "podplay.namespace";
    /// The cluster context panel's text (`Settings.context`).
    pub const CONTEXT: &str = "podplay.context";
}

pub fn storage_get(key: &str) -> Option<String> {
    let storage = window()?.local_storage().ok()??;
    storage.get_item(key).ok()?
}

/// Stores a value; a full or missing storage is ignored (the text stays in the page).
pub fn storage_set(key: &str, value: &str) {
    if let Some(Ok(Some(storage))) = window().map(|w| w.local_storage()) {
        let _ = storage.set_item(key, value);
    }
}

/// The URL fragment, with its `#`, or "".
pub fn hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the fragment without a navigation or a history entry ("" removes it).
pub fn replace_hash(fragment: &str) {
    let Some(window) = window() else { return };
    let location = window.location();
    let base = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let url = if fragment.is_empty() {
        base
    } else {
        format!("{base}#{fragment}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The page's full address, for the share button.
pub fn href() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// A query parameter of the page's URL (`?embed=1`).
pub fn query_param(name: &str) -> Option<String> {
    let search = window()?.location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}

/// Sets an attribute on `<html>` (the theme and embed switches the CSS reads).
pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute(name, value);
    }
}

/// Copies text to the clipboard (fire and forget; the browser may refuse).
pub fn copy_to_clipboard(text: &str) {
    if let Some(window) = window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// Saves `text` as a file named `filename` through a Blob URL (no network): a temporary
/// `<a download>` is clicked, and the URL is released a moment later.
pub fn download_text(filename: &str, text: &str, mime: &str) {
    use wasm_bindgen::JsCast;
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let anchor = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(anchor) = anchor {
        anchor.set_href(&url);
        anchor.set_download(filename);
        anchor.click();
    }
    gloo_timers::callback::Timeout::new(1_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// Whether keyboard focus is in a text field or the code editor (where typed characters are
/// text, not page shortcuts).
pub fn focus_in_text_field() -> bool {
    let active = window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    active.is_some_and(|e| {
        matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || e.closest(".cm-editor").ok().flatten().is_some()
            || e.get_attribute("contenteditable").is_some()
    })
}

/// Scrolls an element into the middle of its scroll container.
pub fn scroll_into_view(id: &str) {
    let element = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    if let Some(element) = element {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        // Auto: the scroll container's CSS `scroll-behavior` decides (smooth unless the person
        // prefers reduced motion; style.css).
        options.set_behavior(web_sys::ScrollBehavior::Auto);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Moves the keyboard focus to the element with this id, if it is there.
pub fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    let element = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Milliseconds since the page loaded (for the analysis timing shown in the footer).
pub fn now_ms() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

// The browser's own compression for share links (no bundle bytes) and the embed's messages
// to the page around it, as a small JS snippet (fewer bindings than web-sys would need).
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export function deflate_raw(text, done) {
  if (typeof CompressionStream !== "function") return done(undefined);
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  new Response(stream).arrayBuffer().then((buffer) => {
    const bytes = new Uint8Array(buffer);
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    done(btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));
  }, () => done(undefined));
}
export function inflate_raw(z, done) {
  try {
    const b64 = z.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(b64 + "===".slice((b64.length + 3) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    new Response(stream).text().then(done, () => done(undefined));
  } catch {
    done(undefined);
  }
}
export function report_height() {
  if (window.parent === window) return;
  let last = -1;
  const send = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "podplay:height", height }, "*");
  };
  new ResizeObserver(send).observe(document.body);
  send();
}
export function observe_width(el, on_width) {
  const observer = new ResizeObserver((entries) => {
    const width = Math.floor(entries[entries.length - 1].contentRect.width);
    if (width > 0) on_width(width);
  });
  observer.observe(el);
  return observer;
}
export function disconnect(observer) {
  observer.disconnect();
}
export function follow_parent_theme() {
  addEventListener("message", (e) => {
    const d = e.data;
    if (e.source === window.parent && d && d.type === "podplay:theme" && (d.theme === "light" || d.theme === "dark"))
      document.documentElement.setAttribute("data-theme", d.theme);
  });
}
"#)]
extern "C" {
    fn deflate_raw(text: &str, done: &JsValue);
    fn inflate_raw(z: &str, done: &JsValue);
    /// In an iframe: posts `{type: "podplay:height", height}` to the parent on every change
    /// of the page's height (ResizeObserver on `<body>`), and once at the start.
    pub fn report_height();
    /// In an iframe: a `{type: "podplay:theme", theme: "light"|"dark"}` message from the
    /// parent sets the colour scheme.
    pub fn follow_parent_theme();
    fn observe_width(el: &web_sys::Element, on_width: &JsValue) -> JsValue;
    fn disconnect(observer: &JsValue);
}

/// Watches an element's content width (a ResizeObserver); dropping it stops the watch.
pub struct WidthWatch {
    observer: JsValue,
    _on_width: wasm_bindgen::closure::Closure<dyn Fn(u32)>,
}

impl Drop for WidthWatch {
    fn drop(&mut self) {
        disconnect(&self.observer);
    }
}

/// Calls `on_width` with `el`'s content width in whole CSS pixels now and whenever it changes
/// (never with 0: a hidden element keeps its last width).
pub fn watch_width(el: &web_sys::Element, on_width: impl Fn(u32) + 'static) -> WidthWatch {
    let on_width = wasm_bindgen::closure::Closure::<dyn Fn(u32)>::new(on_width);
    let observer = observe_width(el, on_width.as_ref());
    WidthWatch {
        observer,
        _on_width: on_width,
    }
}

/// Deflates `text` (`CompressionStream('deflate-raw')`) to base64url without padding; `done`
/// gets `None` where the browser cannot (then format 1 links are written).
pub fn deflate(text: &str, done: impl FnOnce(Option<String>) + 'static) {
    let done = wasm_bindgen::closure::Closure::once_into_js(move |z: JsValue| done(z.as_string()));
    deflate_raw(text, &done);
}

/// The inverse of [`deflate`]; `None` for a damaged payload.
pub fn inflate(z: &str, done: impl FnOnce(Option<String>) + 'static) {
    let done =
        wasm_bindgen::closure::Closure::once_into_js(move |text: JsValue| done(text.as_string()));
    inflate_raw(z, &done);
}

/// The page's address without its query and fragment (where embeds and links point).
pub fn base_url() -> String {
    window()
        .map(|w| w.location())
        .map(|l| {
            format!(
                "{}{}",
                l.origin().unwrap_or_default(),
                l.pathname().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}
