//! Every field the server added or changed, in the order it did so. Clicking one scrolls
//! the output pane to its line and highlights it.

use super::output_pane::{by_class, by_label};
use crate::state::ReportRef;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChangesListProps {
    pub report: ReportRef,
    pub highlighted: Option<usize>,
    /// Called with the change's index.
    pub on_select: Callback<usize>,
}

/// The first `max` characters of a value, with an ellipsis when cut (the full value is in the
/// entry's title and on its output lines).
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[function_component(ChangesList)]
pub fn changes_list(props: &ChangesListProps) -> Html {
    let Some(defaults) = props.report.views.defaults.as_ref() else {
        return html! {};
    };
    let count = defaults.changes.len();
    let items = defaults.changes.iter().enumerate().map(|(index, view)| {
        let change = &view.change;
        let select = {
            let on_select = props.on_select.clone();
            Callback::from(move |_: MouseEvent| on_select.emit(index))
        };
        let value = podplay_core::go::json::compact(&change.value);
        let where_ = match view.output_line {
            Some(line) => format!("line {line}"),
            None => "not in the result".to_string(),
        };
        html! {
            <li class={classes!((props.highlighted == Some(index)).then_some("hl"))}>
                <button type="button" class="change" onclick={select} disabled={view.output_line.is_none()}>
                    <span class={classes!("badge", by_class(&change.by))}>{ by_label(&change.by) }</span>
                    <code class="change-path" title={value.clone()}>{ &change.path }{ ": " }{ shorten(&value, 60) }</code>
                    <span class="change-where">{ where_ }</span>
                    <span class="change-why">{ &*change.why }</span>
                </button>
            </li>
        }
    });
    html! {
        <section class="changes" aria-label="Changes">
            <h2>{ format!("Changes ({count})") }</h2>
            if count == 0 {
                <p class="empty">{ "The server added or changed nothing." }</p>
            } else {
                <ol>{ for items }</ol>
            }
        </section>
    }
}
