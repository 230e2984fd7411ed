//! The "Keyboard shortcuts" dialog: a modal `<dialog>` (the browser traps focus in it, Escape
//! closes it, focus returns to where it was) listing the page's keys and the code editor's
//! (the CodeMirror keymaps bound in `editor/main.js` and `editor/help.js`). Opened by the
//! toolbar's button and by `?` anywhere but a text field or the editor.

use yew::prelude::*;

/// The dialog's element id (`open` finds it by id, so any button can open it).
pub const ID: &str = "shortcuts";

/// (keys, what they do), by group. `Ctrl` is `⌘` on a Mac.
const GROUPS: &[(&str, &[(&str, &str)])] = &[
    (
        "Page",
        &[
            ("?", "Show this list (outside the editor)"),
            ("Tab / Shift+Tab", "Move between controls"),
            ("← → Home End", "Switch view tabs (on the tab row)"),
            (
                "Enter / Space",
                "Press a button; open a change's explanation",
            ),
            ("Escape", "Close this dialog or an explanation"),
        ],
    ),
    (
        "Editor",
        &[
            ("Ctrl+Z", "Undo"),
            ("Ctrl+Y / Ctrl+Shift+Z", "Redo"),
            ("Ctrl+F", "Find and replace"),
            ("F3 / Ctrl+G", "Next match (Shift: previous)"),
            ("Ctrl+D", "Select the next occurrence"),
            ("Ctrl+Alt+G", "Go to line"),
            ("Ctrl+Space", "Complete a field name or value"),
            ("Tab / Shift+Tab", "Indent / dedent"),
            ("Escape, then Tab", "Leave the editor"),
            ("Ctrl+] / Ctrl+[", "Indent / dedent the line"),
            ("Ctrl+Shift+[ / ]", "Fold / unfold (⌘+Alt+[ / ] on a Mac)"),
            ("Ctrl+Alt+[ / ]", "Fold all / unfold all"),
            ("Alt+↑ / Alt+↓", "Move the line up / down"),
            ("Ctrl+/", "Comment the line"),
            ("Ctrl+Shift+K", "Delete the line"),
        ],
    ),
];

/// Opens the dialog as a modal (focus moves into it).
pub fn open() {
    use wasm_bindgen::JsCast;
    let dialog = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(ID))
        .and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok());
    if let Some(dialog) = dialog.filter(|d| !d.open()) {
        let _ = dialog.show_modal();
    }
}

/// The dialog, and `?` to open it while it is mounted.
#[function_component(ShortcutsDialog)]
pub fn shortcuts_dialog() -> Html {
    use_effect_with((), |_| {
        use wasm_bindgen::{closure::Closure, JsCast};
        let on_key = Closure::<dyn Fn(KeyboardEvent)>::new(|e: KeyboardEvent| {
            let plain = !(e.ctrl_key() || e.meta_key() || e.alt_key());
            if e.key() == "?" && plain && !crate::browser::focus_in_text_field() {
                e.prevent_default();
                open();
            }
        });
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(d) = &document {
            let _ = d.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
        }
        move || {
            if let Some(d) = &document {
                let _ = d.remove_event_listener_with_callback(
                    "keydown",
                    on_key.as_ref().unchecked_ref(),
                );
            }
        }
    });
    let groups = GROUPS.iter().map(|(title, keys)| {
        html! {
            <section>
                <h3>{ *title }</h3>
                <dl>
                    { for keys.iter().map(|(k, what)| html! {
                        <><dt><kbd>{ *k }</kbd></dt><dd>{ *what }</dd></>
                    }) }
                </dl>
            </section>
        }
    });
    html! {
        <dialog id={ID} class="shortcuts" aria-labelledby="shortcuts-title" data-testid="shortcuts-dialog">
            <form method="dialog" class="shortcuts-head">
                <h2 id="shortcuts-title">{ "Keyboard shortcuts" }</h2>
                <button type="submit" data-testid="shortcuts-close">{ "Close" }</button>
            </form>
            <p class="shortcuts-note">{ "Ctrl is ⌘ on a Mac." }</p>
            <div class="shortcuts-groups">{ for groups }</div>
        </dialog>
    }
}
