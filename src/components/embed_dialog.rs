//! The Embed dialog: the iframe snippet a documentation page pastes to show this playground's
//! current state (a share link, without secrets unless they are included) in one view, with
//! the few lines of script that let the iframe take its content's height.

use crate::browser;
use crate::components::view_tabs::TABS;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmbedDialogProps {
    /// The share link's fragment (without `#`).
    pub fragment: String,
    /// The selected tab's id (empty: the first).
    pub tab: String,
    pub on_close: Callback<()>,
}

/// The snippet: an iframe on `base` (the page's address) with the embed options, and the
/// listener for its height message.
pub fn snippet(base: &str, fragment: &str, tab: &str, input: bool, readonly: bool) -> String {
    let tab = TABS.iter().find(|t| t.id == tab).unwrap_or(&TABS[0]);
    let input = if input { "&input=1" } else { "" };
    let readonly = if readonly { "&readonly=1" } else { "" };
    format!(
        "<iframe src=\"{base}?embed=1&view={id}{input}{readonly}#{fragment}\"\n  \
         title=\"podplay: {label}\" style=\"width: 100%; border: 0\" height=\"480\" loading=\"lazy\"></iframe>\n\
         <script>\n\
         // podplay reports its height; the iframe takes it.\n\
         addEventListener(\"message\", (e) => {{\n  \
         if (e.data?.type !== \"podplay:height\") return;\n  \
         for (const f of document.querySelectorAll(\"iframe\")) if (f.contentWindow === e.source) f.height = e.data.height;\n\
         }});\n\
         </script>\n",
        id = tab.id,
        label = tab.label,
    )
}

#[function_component(EmbedDialog)]
pub fn embed_dialog(props: &EmbedDialogProps) -> Html {
    let input = use_state(|| false);
    let readonly = use_state(|| true);
    let copied = use_state(|| false);
    let code = snippet(
        &browser::base_url(),
        &props.fragment,
        &props.tab,
        *input,
        *readonly,
    );
    let toggle = |flag: &UseStateHandle<bool>| {
        let flag = flag.clone();
        let copied = copied.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            flag.set(input.checked());
            copied.set(false);
        })
    };
    let on_copy = {
        let code = code.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            browser::copy_to_clipboard(&code);
            copied.set(true);
        })
    };
    // Keyboard users land in the dialog (Escape or Close leaves it).
    use_effect_with((), |_| browser::focus_by_id("embed-copy"));
    let on_close = props.on_close.reform(|_: MouseEvent| ());
    let on_keydown = props.on_close.reform(|_: KeyboardEvent| ());
    let on_keydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            on_keydown.emit(e);
        }
    });
    html! {
        <div class="embed-dialog" role="dialog" aria-labelledby="embed-title" data-testid="embed-dialog" onkeydown={on_keydown}>
            <h2 id="embed-title">{ "Embed this view in a page" }</h2>
            <p>{ "Paste this into an HTML page: the iframe shows the selected view of what is on screen now (the share link, without secrets unless you ticked “Include secrets”), follows the page's colour scheme or " }<code>{ "&theme=light|dark" }</code>{ ", and grows with its content." }</p>
            <div class="embed-options">
                <label><input type="checkbox" checked={*input} onchange={toggle(&input)} />{ " Show the input too" }</label>
                <label><input type="checkbox" checked={*readonly} onchange={toggle(&readonly)} />{ " Read-only" }</label>
            </div>
            <textarea class="embed-snippet" data-testid="embed-snippet" readonly=true aria-label="Embed snippet" spellcheck="false" value={code} />
            <div class="embed-actions">
                <button type="button" id="embed-copy" class="primary" onclick={on_copy}>{ if *copied { "Copied" } else { "Copy" } }</button>
                <button type="button" onclick={on_close}>{ "Close" }</button>
            </div>
        </div>
    }
}
