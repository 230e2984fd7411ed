//! Which document of a multi-document paste is the pod, and what the others are used for.

use crate::state::ReportRef;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DocumentsProps {
    pub report: ReportRef,
}

#[function_component(Documents)]
pub fn documents(props: &DocumentsProps) -> Html {
    let docs = &props.report.documents;
    if docs.len() < 2 {
        return html! {};
    }
    html! {
        <section class="documents" aria-label="Documents">
            <h2>{ format!("Documents ({})", docs.len()) }</h2>
            <ul>
                { for docs.iter().map(|d| html! {
                    <li class={d.role.clone()}>
                        <code>{ format!("{} {}", if d.kind.is_empty() { "?" } else { &d.kind }, d.name) }</code>
                        { format!(" — {} (Ln {})", d.note, d.pos.line) }
                    </li>
                }) }
            </ul>
        </section>
    }
}
