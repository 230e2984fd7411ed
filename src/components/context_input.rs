//! The cluster context panel: cluster objects given beside the paste instead of after `---`
//! in it (`Settings.context`, read by the core as `Options.context_text` through the same
//! rules as the paste's context documents; never the pod analysed). Its problems are listed
//! here, since their lines are this text's, not the editor's.

use crate::state::{ReportRef, Settings};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ContextInputProps {
    pub settings: Settings,
    pub report: ReportRef,
    pub on_change: Callback<Settings>,
}

#[function_component(ContextInput)]
pub fn context_input(props: &ContextInputProps) -> Html {
    let oninput = {
        let on_change = props.on_change.clone();
        let settings = props.settings.clone();
        Callback::from(move |e: InputEvent| {
            let context = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            on_change.emit(Settings {
                context,
                ..settings.clone()
            })
        })
    };
    let text = &props.settings.context;
    let given = props
        .report
        .documents
        .iter()
        .filter(|d| d.origin == "panel")
        .count();
    let problems = props
        .report
        .diagnostics
        .iter()
        .filter(|d| d.source == "cluster context");
    html! {
        <details class="context-input" data-testid="context-input" open={!text.is_empty()}>
            <summary>
                { "Cluster context panel" }
                if given > 0 { <span class="doc-count">{ format!(" — {given} document(s)") }</span> }
            </summary>
            <label for="context-text" class="hint">
                { "Cluster objects the views use, as multi-document YAML: ServiceAccounts, Secrets, RuntimeClasses, Nodes, Services, ConfigMaps, PriorityClasses, LimitRanges, running Pods, the node's config.json ({auths: …}) or a CredentialProviderConfig. The pod analysed is always the editor's." }
            </label>
            <textarea id="context-text" data-testid="context-text" rows="6" spellcheck="false"
                autocomplete="off" value={text.clone()} {oninput}
                placeholder={"apiVersion: v1\nkind: Node\nmetadata:\n  name: node-1\n---\n{\"auths\": {}}"} />
            <ul class="context-problems">
                { for problems.map(|d| html! { <li>{ &d.message }</li> }) }
            </ul>
        </details>
    }
}
