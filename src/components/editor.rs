//! The editor. The page starts with a plain <textarea> (the browser keeps the person's text,
//! undo history and input methods) and a line-number gutter marking the lines diagnostics
//! point at; it is usable at once. Once the page is up, the code editor (CodeMirror 6, built
//! from `editor/*.js` into `editor.js` by scripts/build-editor.mjs) is imported and takes
//! over with the same text and selection: YAML highlighting, folding, search, diagnostics as
//! underlines and gutter markers, and completion and docs from the core's schema. If it
//! cannot load, the plain editor simply stays.
//!
//! The textarea is uncontrolled: Yew never writes its value while the person types. The
//! text is written into it only on mount and when `generation` changes (example, undo).
//! After the swap the textarea stays in the page, hidden, carrying the code editor's handle
//! (`textarea.codeEditor`): `jump_to` and the effects below talk to whichever editor is live.

use crate::state::ReportRef;
use podplay_core::report::Severity;
use std::rc::Rc;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

// The bridge to the code editor module. `import()` resolves `editor.js` against the page
// (its URL works at / and under a sub-path, and the CSP allows only 'self').
#[wasm_bindgen(inline_js = r#"
export function upgrade_editor(host, textarea) {
  import(new URL("editor.js", document.baseURI).href).then(
    (m) => {
      // Edits come back as the textarea's own input events (one path into the app).
      textarea.codeEditor = m.mount(host, textarea, (text) => {
        textarea.value = text;
        textarea.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText" }));
      });
      const d = textarea.pendingReport;
      if (d) textarea.codeEditor.setReport(...d);
      textarea.dispatchEvent(new Event("change"));
    },
    (e) => console.warn("podplay: the code editor did not load; the plain editor stays.", e));
}
export function has_code_editor(textarea) { return !!textarea.codeEditor; }
export function code_editor_set_text(textarea, text) {
  const e = textarea.codeEditor; if (e) e.setText(text);
}
export function code_editor_set_report(textarea, diagnostics, changes, version) {
  const rows = (packed) => (packed ? packed.split("\x1e").map((r) => r.split("\x1f")) : []);
  const list = rows(diagnostics).map(([line, col, severity, message]) => [+line, +col, severity, message]);
  textarea.pendingReport = [list, version, rows(changes)];
  const e = textarea.codeEditor; if (e) e.setReport(...textarea.pendingReport);
}
export function code_editor_jump(textarea, line, col) {
  const e = textarea.codeEditor; if (!e) return false; e.jump(line, col); return true;
}
"#)]
extern "C" {
    fn upgrade_editor(host: &web_sys::Element, textarea: &HtmlTextAreaElement);
    fn has_code_editor(textarea: &HtmlTextAreaElement) -> bool;
    fn code_editor_set_text(textarea: &HtmlTextAreaElement, text: &str);
    fn code_editor_set_report(
        textarea: &HtmlTextAreaElement,
        diagnostics: &str,
        changes: &str,
        version: &str,
    );
    fn code_editor_jump(textarea: &HtmlTextAreaElement, line: u32, col: u32) -> bool;
}

/// Rows of fields packed in one string for the code editor (cheaper across the boundary
/// than JS arrays): fields joined by `␟`, rows by `␞`.
fn pack_row(out: &mut String, fields: &[&str]) {
    if !out.is_empty() {
        out.push('\u{1e}');
    }
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push('\u{1f}');
        }
        out.push_str(field);
    }
}

/// Diagnostics with a position: `line␟col␟severity␟message` rows.
pub fn pack_diagnostics(report: &ReportRef) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let Some(pos) = d.pos else { continue };
        let (line, col) = (pos.line.to_string(), pos.col.to_string());
        pack_row(
            &mut out,
            &[&line, &col, severity_class(d.severity), &d.message],
        );
    }
    out
}

/// What the server added or changed in this pod, for the field docs ("set by the server
/// here, and why"): `path␟JSON value␟rule␟why␟doc url` rows.
pub fn pack_changes(report: &ReportRef) -> String {
    let mut out = String::new();
    let Some(defaults) = &report.views.defaults else {
        return out;
    };
    for c in &defaults.changes {
        let value = podplay_core::go::json::compact(&c.change.value);
        let url = c.doc.as_ref().map_or("", |d| d.url);
        pack_row(
            &mut out,
            &[&c.change.path, &value, &c.change.rule, &c.change.why, url],
        );
    }
    out
}

/// How long after mounting the code editor is fetched: after the first analysis has started,
/// so it never delays it.
const UPGRADE_DELAY_MS: u32 = 150;

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
    /// Shared with the problems list, which moves the cursor ([`jump_to`]); the plain
    /// editor's textarea, which carries the code editor's handle once it has loaded.
    pub textarea: NodeRef,
    /// Read-only (embeds with `&readonly=1`); the code editor reads the textarea's flag.
    #[prop_or_default]
    pub readonly: bool,
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
    if code_editor_jump(&area, line, col) {
        return;
    }
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
    let host = use_node_ref();
    // Whether the code editor has taken over (its bridge fires the textarea's `change`).
    let upgraded = use_state_eq(|| false);

    // Write the text into the live editor on mount and on external replacement only.
    {
        let textarea = props.textarea.clone();
        let text = props.text.clone();
        use_effect_with(props.generation, move |_| {
            if let Some(area) = textarea.cast::<HtmlTextAreaElement>() {
                if area.value() != *text {
                    area.set_value(&text);
                }
                code_editor_set_text(&area, &text);
            }
        });
    }

    // Fetch the code editor shortly after mounting; the textarea stands in until it is ready.
    {
        let textarea = props.textarea.clone();
        let host = host.clone();
        use_effect_with((), move |_| {
            let timer = gloo_timers::callback::Timeout::new(UPGRADE_DELAY_MS, move || {
                if let (Some(area), Some(host)) = (
                    textarea.cast::<HtmlTextAreaElement>(),
                    host.cast::<web_sys::Element>(),
                ) {
                    upgrade_editor(&host, &area);
                }
            });
            move || drop(timer)
        });
    }

    // Diagnostics, the server's changes and the report's version (for completion and field
    // docs) for the code editor; kept on the textarea until the editor has loaded.
    {
        let textarea = props.textarea.clone();
        use_effect_with(props.report.clone(), move |report| {
            if let Some(area) = textarea.cast::<HtmlTextAreaElement>() {
                code_editor_set_report(
                    &area,
                    &pack_diagnostics(report),
                    &pack_changes(report),
                    &report.kubernetes_version,
                );
            }
        });
    }

    let on_change = {
        let upgraded = upgraded.clone();
        Callback::from(move |e: Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            upgraded.set(has_code_editor(&area));
        })
    };

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

    let mode = if *upgraded { "code" } else { "plain" };
    html! {
        <div class="editor" data-testid="editor" data-mode={mode}>
            <div class="gutter" ref={gutter} aria-hidden="true" hidden={*upgraded}>
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
                readonly={props.readonly}
                oninput={on_input}
                onscroll={on_scroll}
                onkeydown={on_keydown}
                onchange={on_change}
                hidden={*upgraded}
            />
            <div class="code-host" ref={host}></div>
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
    fn diagnostics_and_changes_are_packed_for_the_code_editor() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: Never\n  containers:\n  - name: a\n    image: nginx:1.25\n    imagePullPolcy: Always\n";
        let report = podplay_core::build(
            text,
            &podplay_core::Options::new(podplay_core::versions::Version::newest()),
        );
        let messages: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        let report = ReportRef(Rc::new(report));
        // The unknown field (line 10) and the image's tag (line 9), in the report's order.
        assert_eq!(
            pack_diagnostics(&report),
            format!(
                "10\u{1f}5\u{1f}warning\u{1f}{}\u{1e}9\u{1f}5\u{1f}warning\u{1f}{}",
                messages[0], messages[1]
            )
        );
        let changes = pack_changes(&report);
        let first = changes.split('\u{1e}').next().unwrap_or_default();
        let fields: Vec<&str> = first.split('\u{1f}').collect();
        assert_eq!(
            fields[..3],
            [
                "spec.enableServiceLinks",
                "true",
                "defaults.pod.enableServiceLinks"
            ]
        );
        assert_eq!(
            fields[4],
            "https://kubernetes.io/docs/tutorials/services/connect-applications-service/#environment-variables"
        );
        assert!(
            !changes.contains("spec.restartPolicy"),
            "set by the person, not changed"
        );
    }

    #[wasm_bindgen_test]
    fn enter_keeps_yaml_indentation() {
        assert_eq!(next_line_indent("spec:"), "  ");
        assert_eq!(next_line_indent("  - name: a"), "    ");
        assert_eq!(next_line_indent("    image: x"), "    ");
        assert_eq!(next_line_indent("kind: Pod"), "");
    }
}
