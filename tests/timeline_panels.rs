//! The termination and start-up panels in headless Chromium (wasm-bindgen-test): rendered from
//! the core's report for a pod with a sidecar and a preStop hook, and driven like a person would.
//! Run: `cargo test --target wasm32-unknown-unknown -p podplay-web --test timeline_panels`.
#![cfg(target_arch = "wasm32")]

use podplay_core::termination::Scenario;
use podplay_core::timeline::TimelineOptions;
use podplay_core::versions::Version;
use podplay_core::{build, Options};
use podplay_web::components::startup::StartupProps;
use podplay_web::components::termination::TerminationProps;
use podplay_web::components::{Startup, Termination};
use podplay_web::state::ReportRef;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlSelectElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  initContainers:\n  - name: proxy\n    image: envoy\n    restartPolicy: Always\n  containers:\n  - name: app\n    image: nginx\n    lifecycle:\n      preStop:\n        sleep:\n          seconds: 5\n";

fn report() -> ReportRef {
    ReportRef(Rc::new(build(POD, &Options::new(Version::new(1, 36)))))
}

fn mount_point() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

fn query(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn text(root: &Element, selector: &str) -> String {
    query(root, selector).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn termination_panel_draws_lanes_steps_and_changes_the_scenario() {
    let root = mount_point();
    let emitted = Rc::new(RefCell::new(None::<TimelineOptions>));
    let sink = emitted.clone();
    let props = yew::props!(TerminationProps {
        report: report(),
        options: TimelineOptions::default(),
        on_options: Callback::from(move |o| *sink.borrow_mut() = Some(o)),
    });
    yew::Renderer::<Termination>::with_root_and_props(root.clone(), props).render();
    settle().await;

    let panel = query(&root, "section.termination");
    // API object + endpoint + the sidecar + app, drawn twice (faint and up to the playhead).
    assert_eq!(count(&panel, ".tl-future .tl-lane"), 4);
    assert_eq!(count(&panel, ".tl-past .tl-lane"), 4);
    assert_eq!(count(&panel, ".tl-future .tl-lane.sidecar"), 1);
    assert_eq!(count(&panel, ".tl-future .tl-bar.preStop"), 1);
    assert_eq!(count(&panel, ".tl-future .tl-grace"), 1);
    assert!(count(&panel, ".tl-future .tl-marker.StopSignal") >= 2);
    assert!(text(&panel, ".tl-kubectl").starts_with("$ kubectl delete pod/web"));

    // At 0 s nothing has happened yet except what happens at 0 s; "next event" moves on.
    let before = text(&panel, "[data-testid=tl-time]");
    assert!(before.starts_with("0 s / "), "{before}");
    let rows = count(&panel, ".tl-events tbody tr");
    assert!(rows >= 2, "{rows} events");
    assert!(
        count(&panel, ".tl-steps li") > rows,
        "every step, more than describe records"
    );
    query(&panel, "[data-testid=tl-next]")
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    settle().await;
    let after = text(&panel, "[data-testid=tl-time]");
    assert_ne!(before, after);
    assert_eq!(count(&panel, ".tl-events tr.current"), 1);

    // Choosing a scenario asks the app for new options.
    let select: HtmlSelectElement = query(&panel, "[data-testid=tl-scenario]")
        .dyn_into()
        .unwrap();
    select.set_value("force");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    let chosen = emitted.borrow().clone().expect("options emitted");
    assert!(matches!(chosen.scenario, Scenario::Delete(f) if f.force && f.grace_period == 0));
}

#[wasm_bindgen_test]
async fn startup_panel_draws_every_container() {
    let root = mount_point();
    let props = yew::props!(StartupProps { report: report() });
    yew::Renderer::<Startup>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let panel = query(&root, "section.startup");
    // The pod's own lane, then the sidecar and app.
    assert_eq!(count(&panel, ".tl-future .tl-lane"), 3);
    assert!(text(&panel, ".tl-summary").contains("Running"));
    assert!(count(&panel, ".tl-events tbody tr") >= 4);
}
