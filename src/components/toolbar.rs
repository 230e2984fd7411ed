//! Version selector, request namespace, share link and the example.

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
    pub on_example: Callback<()>,
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
    let on_example = props.on_example.reform(|_: MouseEvent| ());
    // Newest first, as people look for it.
    let options = props.versions.iter().rev().map(|v| {
        html! { <option value={v.clone()} selected={*v == props.version}>{ format!("Kubernetes v{v}") }</option> }
    });
    html! {
        <div class="toolbar">
            <label>
                <span class="label">{ "Version" }</span>
                <select aria-label="Kubernetes version" onchange={on_version}>{ for options }</select>
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
                <button type="button" onclick={on_example}>{ "Example" }</button>
                <button type="button" class="primary" onclick={on_share}>{ "Share" }</button>
            </span>
        </div>
    }
}
