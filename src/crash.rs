//! The page's last line of defence: a panic anywhere in the page shows a banner (drawn
//! without Yew, which may be what broke) that keeps the person's text and offers a reload.
//! Release builds abort on panic, so the page's WebAssembly is unusable afterwards; the
//! text is saved to localStorage first, and the reload brings it back.

use crate::browser::{self, keys};
use wasm_bindgen::JsCast;

/// The banner's element id (one banner, however many panics).
pub const BANNER_ID: &str = "crash-banner";

/// Installs the panic hook that calls [`show_banner`] (through Yew, whose renderer would
/// otherwise install its own hook over it).
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| show_banner(&info.to_string())));
}

/// The code editor's own text, once it has taken over from the textarea (see
/// `components/editor.rs`: its handle hangs on the textarea as `codeEditor`). Every edit also
/// reaches the textarea through an input event, but the code editor is the source of truth.
fn code_editor_text(textarea: &web_sys::HtmlTextAreaElement) -> Option<String> {
    let editor = js_sys::Reflect::get(textarea, &"codeEditor".into()).ok()?;
    let get_text = js_sys::Reflect::get(&editor, &"getText".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    get_text.call0(&editor).ok()?.as_string()
}

/// Saves the editor's text (unless this is an embed) and shows the crash banner.
pub fn show_banner(detail: &str) {
    web_sys::console::error_1(&format!("podplay crashed: {detail}").into());
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let embed = document
        .document_element()
        .is_some_and(|root| root.has_attribute("data-embed"));
    // The editor holds exactly what the person typed, even if the state is what broke.
    let text = document
        .query_selector("textarea.source")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|t| code_editor_text(&t).unwrap_or_else(|| t.value()));
    if let (false, Some(text)) = (embed, text) {
        browser::storage_set(keys::TEXT, &text);
        // The URL's share fragment may be older than the text (it follows edits after a
        // pause), and on reload a link wins over the saved text: drop it.
        browser::replace_hash("");
    }
    if document.get_element_by_id(BANNER_ID).is_some() {
        return;
    }
    let Ok(banner) = document.create_element("div") else {
        return;
    };
    banner.set_id(BANNER_ID);
    banner.set_class_name("crash");
    let _ = banner.set_attribute("role", "alert");
    let saved = if embed {
        "Reloading shows this example again."
    } else {
        "Your text is saved in this browser and comes back when you reload."
    };
    // Static markup only; the panic message goes in as text. The button works with the
    // page's WebAssembly stopped (an inline handler; the CSP allows inline script).
    banner.set_inner_html(&format!(
        "<strong>podplay stopped because of a bug.</strong> <span>{saved}</span> \
         <button type=\"button\" onclick=\"location.reload()\">Reload</button> \
         <details><summary>Details</summary><pre class=\"crash-detail\"></pre></details>"
    ));
    if let Ok(Some(pre)) = banner.query_selector(".crash-detail") {
        pre.set_text_content(Some(detail));
    }
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}

/// Test-only: `window.podplayTestPanic()` panics on purpose, so the e2e run can check the
/// crash banner through the real panic hook. It does nothing but panic.
pub fn install_test_panic_hook() {
    use wasm_bindgen::prelude::*;
    let panic =
        Closure::<dyn Fn()>::new(|| panic!("podplayTestPanic: a panic on purpose (test hook)"));
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &"podplayTestPanic".into(), panic.as_ref());
    }
    panic.forget();
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn the_crash_banner_saves_the_text_and_offers_a_reload() {
        let document = web_sys::window().unwrap().document().unwrap();
        let textarea = document.create_element("textarea").unwrap();
        textarea.set_class_name("source");
        textarea
            .unchecked_ref::<web_sys::HtmlTextAreaElement>()
            .set_value("kind: Pod\n# typed just before the bug\n");
        document.body().unwrap().append_child(&textarea).unwrap();

        show_banner("index out of bounds <b>");
        show_banner("a second panic");

        assert_eq!(
            browser::storage_get(keys::TEXT).as_deref(),
            Some("kind: Pod\n# typed just before the bug\n")
        );
        let banners = document.query_selector_all(".crash").unwrap().length();
        assert_eq!(banners, 1, "one banner, however many panics");
        let banner = document.get_element_by_id(BANNER_ID).unwrap();
        assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
        let text = banner.text_content().unwrap();
        assert!(text.contains("podplay stopped because of a bug."), "{text}");
        assert!(text.contains("comes back when you reload"), "{text}");
        let detail = banner.query_selector(".crash-detail").unwrap().unwrap();
        assert_eq!(
            detail.text_content().as_deref(),
            Some("index out of bounds <b>")
        );
        let button = banner.query_selector("button").unwrap().unwrap();
        assert_eq!(button.text_content().as_deref(), Some("Reload"));
        banner.remove();
        textarea.remove();
    }
}
