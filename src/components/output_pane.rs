//! The resulting object as kubectl prints it, one line per row; every line a change added
//! is marked, and the change's first line carries a badge that explains it on hover, focus
//! and tap.

use crate::state::ReportRef;
use podplay_core::defaults_view::{ChangeView, OutputLine};
use yew::prelude::*;

/// Long outputs are cut here so a huge paste cannot make the page unusable.
pub const MAX_LINES: usize = 5_000;

#[derive(Properties, PartialEq)]
pub struct OutputPaneProps {
    pub report: ReportRef,
    /// The report is the last valid one, not the current text's.
    pub stale: bool,
    /// The highlighted change (from the changes list).
    pub highlighted: Option<usize>,
}

/// The element id of a 1-based output line (the changes list scrolls to it).
pub fn line_id(line: usize) -> String {
    format!("out-L{line}")
}

/// A short badge for the step that made a change: `admission:ServiceAccount` → `ServiceAccount`.
pub fn by_label(by: &str) -> &str {
    match by {
        "defaulting" => "default",
        other => other.strip_prefix("admission:").unwrap_or(other),
    }
}

/// A CSS class for the kind of step (colours the line's border and badge).
pub fn by_class(by: &str) -> &'static str {
    if by == "defaulting" {
        "by-default"
    } else if by.starts_with("admission:") {
        "by-admission"
    } else {
        "by-other"
    }
}

#[function_component(OutputPane)]
pub fn output_pane(props: &OutputPaneProps) -> Html {
    // The badge whose explanation is pinned open by a click or tap.
    let open = use_state(|| None::<usize>);
    let Some(defaults) = props.report.views.defaults.as_ref() else {
        return html! {};
    };
    let changes = &defaults.changes;
    let total = defaults.output.len();
    let rows = defaults
        .output
        .iter()
        .take(MAX_LINES)
        .enumerate()
        .map(|(i, line)| render_line(i + 1, line, changes, props.highlighted, &open));
    html! {
        <div
            class={classes!("output", props.stale.then_some("stale"))}
            role="region"
            aria-label="Resulting object"
            tabindex="0"
        >
            if props.stale {
                <div class="stale-label">{ "last valid result" }</div>
            }
            <div class="lines">{ for rows }</div>
            if total > MAX_LINES {
                <div class="cut">{ format!("… {} more lines not shown", total - MAX_LINES) }</div>
            }
        </div>
    }
}

fn render_line(
    number: usize,
    line: &OutputLine,
    changes: &[ChangeView],
    highlighted: Option<usize>,
    open: &UseStateHandle<Option<usize>>,
) -> Html {
    let change = line
        .change
        .and_then(|c| changes.get(c).map(|view| (c, view)));
    let class = classes!(
        "ol",
        change.map(|(_, view)| classes!("chg", by_class(&view.change.by))),
        (line.change.is_some() && line.change == highlighted).then_some("hl"),
    );
    // The badge sits on the change's first line only.
    let badge = change
        .filter(|(_, view)| view.output_line == Some(number))
        .map(|(index, view)| render_badge(index, view, open));
    html! {
        <div class={class} id={line_id(number)} data-path={line.path.clone()}>
            <span class="ln" aria-hidden="true">{ number }</span>
            <code>{ &line.text }</code>
            { for badge }
        </div>
    }
}

fn render_badge(index: usize, view: &ChangeView, open: &UseStateHandle<Option<usize>>) -> Html {
    let change = &view.change;
    let is_open = **open == Some(index);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            open.set(if *open == Some(index) {
                None
            } else {
                Some(index)
            });
        })
    };
    let close_on_escape = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(None);
            }
        })
    };
    let tip_id = format!("why-{index}");
    let source = change.source.as_deref().map(|s| {
        if s.starts_with("https://") || s.starts_with("http://") {
            html! { <a href={s.to_string()} target="_blank" rel="noopener noreferrer">{ s }</a> }
        } else {
            html! { <code>{ s }</code> }
        }
    });
    html! {
        <span class={classes!("why-wrap", is_open.then_some("open"))} onkeydown={close_on_escape}>
            <button
                type="button"
                class={classes!("badge", by_class(&change.by))}
                aria-expanded={is_open.to_string()}
                aria-describedby={tip_id.clone()}
                // The name starts with the badge's visible text (WCAG 2.5.3, label in name).
                aria-label={format!("{}: why {} was set ({})", by_label(&change.by), change.path, change.by)}
                onclick={toggle}
            >{ by_label(&change.by) }</button>
            <span class="why" role="tooltip" id={tip_id}>
                <code class="why-path">{ &change.path }</code>
                <span class="why-text">{ &*change.why }</span>
                <span class="why-meta">{ "by " }<b>{ &*change.by }</b>{ " · rule " }<code>{ &*change.rule }</code></span>
                if let Some(source) = source {
                    <span class="why-meta">{ "source: " }{ source }</span>
                }
                if let Some(doc) = &view.doc {
                    <span class="why-meta">{ "docs: " }<a href={doc.url} target="_blank" rel="noopener noreferrer">{ doc.title }</a></span>
                }
            </span>
        </span>
    }
}
