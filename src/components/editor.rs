//! The editor: a plain <textarea> (the browser keeps the person's text, undo history and
//! input methods) with a line-number gutter that marks the lines diagnostics point at.
//!
//! The textarea is uncontrolled: Yew never writes its value while the person types. The
//! text is written into it only on mount and when `generation` changes (example, undo).

use crate::state::ReportRef;
use podplay_core::report::Severity;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Must match `--line-height` and `--editor-pad` in static/style.css (lines never wrap).
pub const LINE_HEIGHT_PX: f64 = 20.0;
pub const EDITOR_PAD_PX: f64 = 8.0;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub text: Rc<str>,
    pub generation: u32,
    /// The current report: its diagnostics become gutter markers.
    pub report: ReportRef,
    pub on_edit: Callback<Rc<str>>,
    /// Shared with the problems list, which moves the cursor.
    pub textarea: NodeRef,
}

/// One gutter marker: a line and the most serious diagnostic on it.
#[derive(Clone, PartialEq, Debug)]
pub struct Marker {
    pub line: u32,
    pub severity: Severity,
    pub message: String,
}

/// The markers for a report: one per line, the most serious diagnostic winning.
pub fn markers(report: &ReportRef) -> Vec<Marker> {
    let mut out: Vec<Marker> = Vec::new();
    for d in &report.diagnostics {
        let Some(pos) = d.pos else { continue };
        match out.iter_mut().find(|m| m.line == pos.line) {
            Some(m) if rank(d.severity) > rank(m.severity) => {
                m.severity = d.severity;
                m.message = d.message.clone();
            }
            Some(_) => {}
            None => out.push(Marker {
                line: pos.line,
                severity: d.severity,
                message: d.message.clone(),
            }),
        }
    }
    out
}

fn rank(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 3,
        Severity::Warning => 2,
        Severity::Info => 1,
    }
}

pub fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// Places the cursor at a 1-based line and column (columns count characters) and scrolls
/// the line into view.
pub fn jump_to(textarea: &NodeRef, line: u32, col: u32) {
    let Some(area) = textarea.cast::<HtmlTextAreaElement>() else {
        return;
    };
    let text = area.value();
    let offset = utf16_offset(&text, line, col);
    let _ = area.focus();
    let _ = area.set_selection_range(offset, offset);
    let target = (f64::from(line.saturating_sub(1))) * LINE_HEIGHT_PX + EDITOR_PAD_PX;
    let visible = f64::from(area.client_height());
    area.set_scroll_top((target - visible / 3.0).max(0.0) as i32);
}

/// The UTF-16 offset (what textareas count in) of a 1-based line and character column,
/// clamped to the line's end and the text's end.
pub fn utf16_offset(text: &str, line: u32, col: u32) -> u32 {
    let mut offset = 0usize;
    for (index, content) in text.split('\n').enumerate() {
        if index + 1 == line as usize {
            let within: usize = content
                .chars()
                .take(col.saturating_sub(1) as usize)
                .map(char::len_utf16)
                .sum();
            return (offset + within) as u32;
        }
        offset += content.encode_utf16().count() + 1;
    }
    text.encode_utf16().count() as u32
}

/// The leading spaces (and a list dash's indentation) to start the next line with.
fn next_line_indent(line: &str) -> String {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let mut out = " ".repeat(indent);
    if rest.starts_with("- ") {
        out.push_str("  ");
    }
    if rest.trim_end().ends_with(':') {
        out.push_str("  ");
    }
    out
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let gutter = use_node_ref();

    // Write the text into the textarea on mount and on external replacement only.
    {
        let textarea = props.textarea.clone();
        let text = props.text.clone();
        use_effect_with(props.generation, move |_| {
            if let Some(area) = textarea.cast::<HtmlTextAreaElement>() {
                if area.value() != *text {
                    area.set_value(&text);
                }
            }
        });
    }

    let line_count = props.text.split('\n').count();
    let numbers = use_memo(line_count, |count| {
        let mut s = String::with_capacity(count * 4);
        for n in 1..=*count {
            if n > 1 {
                s.push('\n');
            }
            s.push_str(&n.to_string());
        }
        s
    });
    let markers = use_memo(props.report.clone(), markers);

    let on_input = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_edit.emit(area.value().into());
        })
    };
    let on_scroll = {
        let gutter = gutter.clone();
        Callback::from(move |e: Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            if let Some(g) = gutter.cast::<web_sys::Element>() {
                g.set_scroll_top(area.scroll_top());
            }
        })
    };
    let on_keydown = Callback::from(|e: KeyboardEvent| {
        if e.key() != "Enter" || e.shift_key() || e.ctrl_key() || e.alt_key() || e.meta_key() {
            return;
        }
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        let value = area.value();
        let cursor = area.selection_start().ok().flatten().unwrap_or(0) as usize;
        // Textareas count UTF-16 units; find the current line's start in those units.
        let units: Vec<u16> = value.encode_utf16().take(cursor).collect();
        let line_start = units
            .iter()
            .rposition(|u| *u == u16::from(b'\n'))
            .map_or(0, |p| p + 1);
        let line = String::from_utf16_lossy(&units[line_start..]);
        let indent = next_line_indent(&line);
        if indent.is_empty() {
            return;
        }
        // insertText keeps the browser's undo history (setting .value would erase it).
        if let Some(doc) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        {
            let text = format!("\n{indent}");
            if doc
                .exec_command_with_show_ui_and_value("insertText", false, &text)
                .unwrap_or(false)
            {
                e.prevent_default();
            }
        }
    });

    html! {
        <div class="editor">
            <div class="gutter" ref={gutter} aria-hidden="true">
                <div class="gutter-inner">
                    <pre class="numbers">{ numbers.as_str() }</pre>
                    { for markers.iter().map(|m| html! {
                        <div
                            class={classes!("mark", severity_class(m.severity))}
                            style={format!("top: calc({} * var(--line-height) + var(--editor-pad))", m.line.saturating_sub(1))}
                            title={m.message.clone()}
                            data-line={m.line.to_string()}
                        >{ m.line }</div>
                    }) }
                </div>
            </div>
            <textarea
                ref={props.textarea.clone()}
                class="source"
                aria-label="Pod YAML"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                wrap="off"
                oninput={on_input}
                onscroll={on_scroll}
                onkeydown={on_keydown}
            />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn offsets_count_utf16_units() {
        let text = "a: 1\né: 🚀x\nlast";
        assert_eq!(utf16_offset(text, 1, 1), 0);
        assert_eq!(utf16_offset(text, 2, 1), 5);
        // é is one unit, 🚀 two.
        assert_eq!(utf16_offset(text, 2, 5), 5 + 3 + 2);
        assert_eq!(utf16_offset(text, 2, 99), 5 + 6, "clamped to the line end");
        assert_eq!(utf16_offset(text, 9, 1), 16, "clamped to the text end");
    }

    #[wasm_bindgen_test]
    fn enter_keeps_yaml_indentation() {
        assert_eq!(next_line_indent("spec:"), "  ");
        assert_eq!(next_line_indent("  - name: a"), "    ");
        assert_eq!(next_line_indent("    image: x"), "    ");
        assert_eq!(next_line_indent("kind: Pod"), "");
    }
}
