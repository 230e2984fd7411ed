//! Every diagnostic of the current text, in order. Clicking one with a position moves the
//! editor's cursor there (like the Ruff playground).

use super::editor::severity_class;
use crate::state::ReportRef;
use podplay_core::yaml::Pos;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProblemsProps {
    pub report: ReportRef,
    pub on_jump: Callback<Pos>,
}

#[function_component(Problems)]
pub fn problems(props: &ProblemsProps) -> Html {
    let diagnostics = &props.report.diagnostics;
    let items = diagnostics.iter().map(|d| {
        let class = classes!("problem", severity_class(d.severity));
        let body = html! {
            <>
                <span class="sev">{ severity_class(d.severity) }</span>
                <span class="msg">{ &d.message }</span>
                if let Some(pos) = d.pos {
                    <span class="loc">{ format!("Ln {}, Col {}", pos.line, pos.col) }</span>
                }
            </>
        };
        match d.pos {
            Some(pos) => {
                let on_jump = props.on_jump.clone();
                let onclick = Callback::from(move |_: MouseEvent| on_jump.emit(pos));
                html! { <li><button type="button" {class} {onclick}>{ body }</button></li> }
            }
            None => html! { <li><div {class}>{ body }</div></li> },
        }
    });
    html! {
        <section class="problems" aria-label="Problems" data-testid="diagnostics">
            <h2>{ format!("Problems ({})", diagnostics.len()) }</h2>
            if diagnostics.is_empty() {
                <p class="empty">{ "No problems." }</p>
            } else {
                <ul>{ for items }</ul>
            }
        </section>
    }
}
