//! Component tests in headless Chromium (wasm-bindgen-test): each renders one component
//! with a hand-made report and checks the DOM a person would see.
//! Run: `cargo test --target wasm32-unknown-unknown -p podplay-web` (see scripts/test.sh).
#![cfg(target_arch = "wasm32")]

use podplay_core::changes::Change;
use podplay_core::defaults_view::ChangeView;
use podplay_core::report::Report;
use podplay_core::versions::Version;
use podplay_core::yaml::Pos;
use podplay_core::{build, Options};
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

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: nginx\n";

/// The core's report for a pod, with one more change pinned to its `kind:` line by hand, so
/// the test does not depend on which defaults the core fills in.
fn report_with_a_change() -> (Report, usize) {
    let mut report = build(POD, &Options::new(Version::newest()));
    let admit = report.views.defaults.as_mut().expect("a pod");
    let line = 1 + admit
        .output
        .iter()
        .position(|l| l.path == "kind")
        .expect("a kind line");
    let index = admit.changes.len();
    admit.changes.push(ChangeView {
        doc: None,
        change: Change {
            path: "kind".into(),
            value: serde_json::json!("Pod"),
            by: "defaulting".into(),
            rule: "test.rule".into(),
            why: "a reason given by the test".into(),
            source: Some("https://kubernetes.io/docs/concepts/workloads/pods/".into()),
        },
        output_line: Some(line),
    });
    admit.output[line - 1].change = Some(index);
    (report, line)
}

fn report_with_a_syntax_error() -> Report {
    let report = build("kind: Pod\nspec: [\n", &Options::new(Version::newest()));
    assert!(report.diagnostics.iter().any(|d| d.pos.is_some()));
    report
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
    let (report, line) = report_with_a_change();
    let lines = report.views.defaults.as_ref().map_or(0, |a| a.output.len()) as u32;
    let marked = report.views.defaults.as_ref().map_or(0, |a| {
        a.output.iter().filter(|l| l.change.is_some()).count()
    }) as u32;
    let props = yew::props!(podplay_web::components::output_pane::OutputPaneProps {
        report: ReportRef(Rc::new(report)),
        stale: false,
        highlighted: None,
    });
    yew::Renderer::<OutputPane>::with_root_and_props(root.clone(), props).render();
    settle().await;

    assert_eq!(query_all(&root, ".ol"), lines, "one row per output line");
    assert_eq!(
        query_all(&root, ".ol.chg"),
        marked,
        "every changed line is marked"
    );
    let changed = query(&root, &format!("#out-L{line}")).expect("the changed line");
    assert!(changed.matches(".chg.by-default").unwrap());
    let code = changed.query_selector("code").unwrap().unwrap();
    assert_eq!(code.text_content().as_deref(), Some("kind: Pod"));
    let badge = query(&changed, "button.badge").expect("a badge on the change's line");
    assert_eq!(badge.text_content().as_deref(), Some("default"));
    let tip_id = badge
        .get_attribute("aria-describedby")
        .expect("described by its tooltip");
    let tip = gloo_document().get_element_by_id(&tip_id).expect("tooltip");
    let tip_text = tip.text_content().unwrap_or_default();
    assert!(
        tip_text.contains("a reason given by the test"),
        "{tip_text}"
    );
    assert!(tip_text.contains("test.rule"), "{tip_text}");
    assert!(tip_text.contains("defaulting"), "{tip_text}");
    let link = query(&tip, "a").expect("the source is a link");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://kubernetes.io/docs/concepts/workloads/pods/")
    );

    // A tap (click) pins the explanation open; a second one closes it.
    let badge_selector = format!("#out-L{line} button.badge");
    let open_selector = format!("#out-L{line} .why-wrap.open");
    assert_eq!(
        badge.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    click(&badge);
    settle().await;
    let badge = query(&root, &badge_selector).unwrap();
    assert_eq!(
        badge.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(query(&root, &open_selector).is_some());
    click(&badge);
    settle().await;
    assert!(query(&root, &open_selector).is_none());
}

#[wasm_bindgen_test]
async fn output_pane_labels_a_stale_result() {
    let root = mount_point();
    let (report, line) = report_with_a_change();
    let index = report
        .views
        .defaults
        .as_ref()
        .map_or(0, |a| a.changes.len() - 1);
    let props = yew::props!(podplay_web::components::output_pane::OutputPaneProps {
        report: ReportRef(Rc::new(report)),
        stale: true,
        highlighted: Some(index),
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
        query(&root, &format!("#out-L{line}.hl")).is_some(),
        "the highlighted change's line"
    );
}

#[wasm_bindgen_test]
async fn changes_list_selects_a_change() {
    let root = mount_point();
    let (report, line) = report_with_a_change();
    let index = report
        .views
        .defaults
        .as_ref()
        .map_or(0, |a| a.changes.len() - 1);
    let selected = Rc::new(RefCell::new(None));
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |i: usize| *selected.borrow_mut() = Some(i))
    };
    let props = yew::props!(podplay_web::components::changes_list::ChangesListProps {
        report: ReportRef(Rc::new(report)),
        highlighted: None,
        on_select,
    });
    yew::Renderer::<ChangesList>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let entries = root.query_selector_all("button.change").unwrap();
    assert_eq!(entries.length() as usize, index + 1, "one entry per change");
    let entry: Element = entries.item(index as u32).unwrap().dyn_into().unwrap();
    let text = entry.text_content().unwrap_or_default();
    assert!(text.contains("kind: \"Pod\""), "{text}");
    assert!(text.contains(&format!("line {line}")), "{text}");
    assert!(text.contains("a reason given by the test"), "{text}");
    click(&entry);
    assert_eq!(*selected.borrow(), Some(index));
}

#[wasm_bindgen_test]
async fn problems_show_the_position_and_jump_to_it() {
    let root = mount_point();
    let report = report_with_a_syntax_error();
    let diagnostic = report.diagnostics[0].clone();
    let pos = diagnostic.pos.expect("a position");
    let jumped = Rc::new(RefCell::new(None));
    let on_jump = {
        let jumped = jumped.clone();
        Callback::from(move |pos: Pos| *jumped.borrow_mut() = Some(pos))
    };
    let props = yew::props!(podplay_web::components::problems::ProblemsProps {
        report: ReportRef(Rc::new(report)),
        on_jump,
    });
    yew::Renderer::<Problems>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let problem = query(&root, "button.problem.error").expect("the error, clickable");
    let text = problem.text_content().unwrap_or_default();
    assert!(text.contains(&diagnostic.message), "{text}");
    assert!(
        text.contains(&format!("Ln {}, Col {}", pos.line, pos.col)),
        "{text}"
    );
    click(&problem);
    assert_eq!(*jumped.borrow(), Some(pos));
}

#[wasm_bindgen_test]
async fn editor_keeps_the_text_and_marks_diagnostic_lines() {
    let root = mount_point();
    let textarea = NodeRef::default();
    let text: Rc<str> = "kind: Pod\nspec: [\n".into();
    let report = report_with_a_syntax_error();
    let report_line = report.diagnostics[0].pos.map_or(0, |p| p.line);
    let props = yew::props!(podplay_web::components::editor::EditorProps {
        text: text.clone(),
        generation: 0,
        report: ReportRef(Rc::new(report)),
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
    let line = report_line.to_string();
    assert_eq!(
        mark.get_attribute("data-line").as_deref(),
        Some(line.as_str())
    );

    // Moving the cursor to a problem's position.
    podplay_web::components::editor::jump_to(&textarea, 2, 7);
    assert_eq!(area.selection_start().ok().flatten(), Some(16));
}

#[wasm_bindgen_test]
async fn outcome_banner_shows_the_api_servers_message() {
    let root = mount_point();
    let rejected = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\nspec:\n  restartPolicy: Sometimes\n  containers:\n  - name: a\n    image: nginx\n";
    let report = build(rejected, &Options::new(Version::newest()));
    let props = yew::props!(podplay_web::components::outcome::OutcomeBannerProps {
        shown: Some(ReportRef(Rc::new(report))),
        stale: false,
    });
    yew::Renderer::<podplay_web::components::OutcomeBanner>::with_root_and_props(
        root.clone(),
        props,
    )
    .render();
    settle().await;
    let text = query(&root, "pre.k8s-error")
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(
        text.starts_with(
            "Pod \"Bad_Name\" is invalid: [metadata.name: Invalid value: \"Bad_Name\""
        ),
        "{text}"
    );
    assert!(
        text.contains("spec.restartPolicy: Unsupported value: \"Sometimes\""),
        "{text}"
    );
    assert!(query(&root, ".banner.rejected").is_some());
}
