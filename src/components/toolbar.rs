//! Version selector, request namespace, the examples, Reset (back to the first-visit example;
//! the notice offers Undo), the keyboard shortcut list, the share link (with or without the
//! pasted secrets) and the Embed button.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub versions: Vec<String>,
    pub version: String,
    pub namespace: String,
    /// An analysis is waiting to run.
    pub pending: bool,
    pub on_version: Callback<String>,
    pub on_namespace: Callback<String>,
    pub on_share: Callback<()>,
    /// Called with an index into `podplay_core::gallery::EXAMPLES`.
    pub on_example: Callback<usize>,
    /// Share links keep the pasted secrets (off by default: see `crate::redact`).
    pub include_secrets: bool,
    pub on_include_secrets: Callback<bool>,
    pub on_embed: Callback<()>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let on_version = {
        let cb = props.on_version.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            cb.emit(select.value());
        })
    };
    let on_namespace = {
        let cb = props.on_namespace.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            cb.emit(input.value());
        })
    };
    let on_share = props.on_share.reform(|_: MouseEvent| ());
    let on_embed = props.on_embed.reform(|_: MouseEvent| ());
    let include = props.include_secrets;
    let on_include_secrets = props
        .on_include_secrets
        .reform(move |_: MouseEvent| !include);
    let on_example = {
        let cb = props.on_example.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(index) = select.value().parse::<usize>() {
                cb.emit(index);
            }
            // Back to the prompt, so the same example can be chosen again.
            select.set_value("");
        })
    };
    // An index past the gallery loads the first-visit example (`Action::LoadExample`).
    let on_reset = props.on_example.reform(|_: MouseEvent| usize::MAX);
    let on_shortcuts = Callback::from(|_: MouseEvent| super::shortcuts::open());
    let examples = podplay_core::gallery::EXAMPLES
        .iter()
        .enumerate()
        .map(|(i, (_, title, _))| html! { <option value={i.to_string()}>{ *title }</option> });
    // Newest first, as people look for it.
    let options = props.versions.iter().rev().map(|v| {
        html! { <option value={v.clone()} selected={*v == props.version}>{ format!("Kubernetes v{v}") }</option> }
    });
    html! {
        <section class="toolbar" aria-label="Tools">
            <label>
                <span class="label">{ "Version" }</span>
                <select aria-label="Kubernetes version" class="version" data-testid="version-select" onchange={on_version}>{ for options }</select>
            </label>
            <label>
                <span class="label">{ "Namespace" }</span>
                <input
                    type="text"
                    aria-label="Request namespace"
                    placeholder="default"
                    value={props.namespace.clone()}
                    oninput={on_namespace}
                    spellcheck="false"
                    autocomplete="off"
                />
            </label>
            <span class={classes!("status", props.pending.then_some("pending"))} role="status" aria-live="polite">
                { if props.pending { "analysing…" } else { "" } }
            </span>
            <span class="spacer"></span>
            <span class="actions">
                <select aria-label="Load an example" class="examples" onchange={on_example}>
                    <option value="" selected=true>{ "Examples…" }</option>
                    { for examples }
                </select>
                <button type="button" data-testid="reset-button" onclick={on_reset}
                    title="Back to the example (Undo restores your text)">{ "Reset" }</button>
                <button type="button" data-testid="shortcuts-button" onclick={on_shortcuts}
                    aria-haspopup="dialog" aria-keyshortcuts="Shift+?">{ "Keyboard shortcuts" }</button>
                // A checkbox button rather than an <input>: the namespace stays the toolbar's one input.
                <button type="button" role="checkbox" class="secrets" data-testid="share-secrets"
                    aria-checked={if include { "true" } else { "false" }}
                    title="Without this, Secret data, docker config credentials, passwords and tokens are replaced by <redacted> in share links and embeds."
                    onclick={on_include_secrets}>
                    <span class="box" aria-hidden="true">{ if include { "✓" } else { "" } }</span>
                    { "Include secrets" }
                </button>
                <button type="button" class="primary" data-testid="share-button" onclick={on_share}>{ "Share" }</button>
                <button type="button" data-testid="embed-button" onclick={on_embed}>{ "Embed" }</button>
            </span>
            <super::ShortcutsDialog />
        </section>
    }
}
