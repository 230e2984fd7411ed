//! Component tests in headless Chromium (wasm-bindgen-test): each renders one component
//! with a hand-made report and checks the DOM a person would see.
//! Run: `cargo test --target wasm32-unknown-unknown -p podplay-web` (see scripts/test.sh).
#![cfg(target_arch = "wasm32")]

use podplay_core::admit::{AdmitResult, Outcome};
use podplay_core::changes::Change;
use podplay_core::report::{AdmitView, ChangeView, Diagnostic, OutputLine, Report, Severity};
use podplay_core::yaml::Pos;
use podplay_web::components::{ChangesList, Editor, OutputPane, Problems};
use podplay_web::state::ReportRef;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn line(text: &str, path: &str, change: Option<usize>) -> OutputLine {
    OutputLine {
        text: text.into(),
        path: path.into(),
        change,
    }
}

/// A created pod whose `spec.restartPolicy` was defaulted (line 6 of the output).
fn report_with_a_change() -> Report {
    let change = Change {
        path: "spec.restartPolicy".into(),
        value: serde_json::json!("Always"),
        by: "defaulting".into(),
        rule: "defaults.pod.restartPolicy".into(),
        why: "a pod without restartPolicy restarts its containers Always".into(),
        source: Some("https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/".into()),
    };
    let output = vec![
        line("apiVersion: v1", "apiVersion", None),
        line("kind: Pod", "kind", None),
        line("metadata:", "metadata", None),
        line("  name: p", "metadata.name", None),
        line("spec:", "spec", None),
        line("  restartPolicy: Always", "spec.restartPolicy", Some(0)),
    ];
    Report {
        kubernetes_version: "1.36".into(),
        supported_versions: vec!["1.35".into(), "1.36".into()],
        documents: Vec::new(),
        subject: None,
        diagnostics: Vec::new(),
        admit: Some(AdmitView {
            outcome: Outcome::Created,
            output,
            created: true,
            changes: vec![ChangeView {
                change,
                output_line: Some(6),
            }],
            errors: Vec::new(),
            warnings: Vec::new(),
            result: AdmitResult {
                outcome: Outcome::Created,
                pod: None,
                errors: Vec::new(),
                warnings: Vec::new(),
                changes: Vec::new(),
                scheme_defaulted: serde_json::Value::Null,
                admitted: None,
                prepared_for_create: None,
                admission_plugins: Vec::new(),
                admission_error: None,
                validation_errors: Vec::new(),
                validating_admission_error: None,
            },
        }),
    }
}

fn report_with_a_syntax_error() -> Report {
    Report {
        kubernetes_version: "1.36".into(),
        supported_versions: vec!["1.36".into()],
        documents: Vec::new(),
        subject: None,
        diagnostics: vec![Diagnostic {
            severity: Severity::Error,
            message: "YAML syntax error: did not find expected node content".into(),
            pos: Some(Pos { line: 2, col: 7 }),
            field: None,
            source: "yaml".into(),
        }],
        admit: None,
    }
}

/// A fresh element in the test page to render into.
fn mount_point() -> Element {
    let document = gloo_document();
    let root = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    root
}

fn gloo_document() -> web_sys::Document {
    web_sys::window()
        .expect("window")
        .document()
        .expect("document")
}

/// Lets Yew's scheduler render.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

fn query(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).expect("valid selector")
}

fn query_all(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector)
        .expect("valid selector")
        .length()
}

fn click(element: &Element) {
    element
        .dyn_ref::<HtmlElement>()
        .expect("html element")
        .click();
}

#[wasm_bindgen_test]
async fn output_pane_marks_changed_lines_and_explains_them() {
    let root = mount_point();
    let props = yew::props!(podplay_web::components::output_pane::OutputPaneProps {
        report: ReportRef(Rc::new(report_with_a_change())),
        stale: false,
        highlighted: None,
    });
    yew::Renderer::<OutputPane>::with_root_and_props(root.clone(), props).render();
    settle().await;

    assert_eq!(query_all(&root, ".ol"), 6, "one row per output line");
    assert_eq!(
        query_all(&root, ".ol.chg"),
        1,
        "only the changed line is marked"
    );
    let changed = query(&root, "#out-L6").expect("line 6");
    assert!(changed.matches(".chg").unwrap());
    assert!(changed.matches(".by-default").unwrap());
    assert_eq!(
        changed
            .query_selector("code")
            .unwrap()
            .unwrap()
            .text_content()
            .as_deref(),
        Some("  restartPolicy: Always")
    );
    let badge = query(&changed, "button.badge").expect("a badge on the change's line");
    assert_eq!(badge.text_content().as_deref(), Some("default"));
    let tip_id = badge
        .get_attribute("aria-describedby")
        .expect("described by its tooltip");
    let tip = gloo_document().get_element_by_id(&tip_id).expect("tooltip");
    let tip_text = tip.text_content().unwrap_or_default();
    assert!(
        tip_text.contains("restarts its containers Always"),
        "{tip_text}"
    );
    assert!(
        tip_text.contains("defaults.pod.restartPolicy"),
        "{tip_text}"
    );
    assert!(tip_text.contains("defaulting"), "{tip_text}");
    let link = query(&tip, "a").expect("the source is a link");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/")
    );

    // A tap (click) pins the explanation open; a second one closes it.
    assert_eq!(
        badge.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    click(&badge);
    settle().await;
    let badge = query(&root, "#out-L6 button.badge").unwrap();
    assert_eq!(
        badge.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(query(&root, "#out-L6 .why-wrap.open").is_some());
    click(&badge);
    settle().await;
    assert!(query(&root, "#out-L6 .why-wrap.open").is_none());
}

#[wasm_bindgen_test]
async fn output_pane_labels_a_stale_result() {
    let root = mount_point();
    let props = yew::props!(podplay_web::components::output_pane::OutputPaneProps {
        report: ReportRef(Rc::new(report_with_a_change())),
        stale: true,
        highlighted: Some(0),
    });
    yew::Renderer::<OutputPane>::with_root_and_props(root.clone(), props).render();
    settle().await;
    assert!(query(&root, ".output.stale").is_some());
    assert_eq!(
        query(&root, ".stale-label")
            .and_then(|e| e.text_content())
            .as_deref(),
        Some("last valid result")
    );
    assert!(
        query(&root, "#out-L6.hl").is_some(),
        "the highlighted change's line"
    );
}

#[wasm_bindgen_test]
async fn changes_list_selects_a_change() {
    let root = mount_point();
    let selected = Rc::new(RefCell::new(None));
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |i: usize| *selected.borrow_mut() = Some(i))
    };
    let props = yew::props!(podplay_web::components::changes_list::ChangesListProps {
        report: ReportRef(Rc::new(report_with_a_change())),
        highlighted: None,
        on_select,
    });
    yew::Renderer::<ChangesList>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let entry = query(&root, "button.change").expect("one entry");
    let text = entry.text_content().unwrap_or_default();
    assert!(text.contains("spec.restartPolicy: \"Always\""), "{text}");
    assert!(text.contains("line 6"), "{text}");
    click(&entry);
    assert_eq!(*selected.borrow(), Some(0));
}

#[wasm_bindgen_test]
async fn problems_show_the_position_and_jump_to_it() {
    let root = mount_point();
    let jumped = Rc::new(RefCell::new(None));
    let on_jump = {
        let jumped = jumped.clone();
        Callback::from(move |pos: Pos| *jumped.borrow_mut() = Some(pos))
    };
    let props = yew::props!(podplay_web::components::problems::ProblemsProps {
        report: ReportRef(Rc::new(report_with_a_syntax_error())),
        on_jump,
    });
    yew::Renderer::<Problems>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let problem = query(&root, "button.problem.error").expect("the error, clickable");
    let text = problem.text_content().unwrap_or_default();
    assert!(
        text.contains("YAML syntax error: did not find expected node content"),
        "{text}"
    );
    assert!(text.contains("Ln 2, Col 7"), "{text}");
    click(&problem);
    assert_eq!(*jumped.borrow(), Some(Pos { line: 2, col: 7 }));
}

#[wasm_bindgen_test]
async fn editor_keeps_the_text_and_marks_diagnostic_lines() {
    let root = mount_point();
    let textarea = NodeRef::default();
    let text: Rc<str> = "kind: Pod\nspec: [\n".into();
    let props = yew::props!(podplay_web::components::editor::EditorProps {
        text: text.clone(),
        generation: 0,
        report: ReportRef(Rc::new(report_with_a_syntax_error())),
        on_edit: Callback::noop(),
        textarea: textarea.clone(),
    });
    yew::Renderer::<Editor>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let area = textarea
        .cast::<web_sys::HtmlTextAreaElement>()
        .expect("a textarea");
    assert_eq!(area.value(), "kind: Pod\nspec: [\n");
    assert_eq!(
        query(&root, ".numbers")
            .and_then(|e| e.text_content())
            .as_deref(),
        Some("1\n2\n3")
    );
    let mark = query(&root, ".mark.error").expect("a gutter marker");
    assert_eq!(mark.get_attribute("data-line").as_deref(), Some("2"));

    // Moving the cursor to a problem's position.
    podplay_web::components::editor::jump_to(&textarea, 2, 7);
    assert_eq!(area.selection_start().ok().flatten(), Some(16));
}
