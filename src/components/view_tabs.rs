//! The report's views as tabs: Defaults, Images & credentials, and each view to come. A tab
//! appears when its view exists in the report the page shows; the selected one is part of the
//! URL and of share links (`t=`, see `share.rs`). Keyboard: the tab list is one stop, the
//! arrow keys (and Home/End) move between tabs and select them (the WAI-ARIA tabs pattern
//! with automatic activation).
//!
//! Adding a view's tab is one line in [`TABS`]: its id (URL and `view-<id>` test hook), its
//! label, whether the report has it, and its panel.

use crate::components::{
    ChangesList, Environment, Images, MatchTester, OutcomeBanner, OutputPane, SchedulingView,
    Startup, Termination,
};
use crate::state::ReportRef;
use podplay_core::timeline::TimelineOptions;
use podplay_core::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ViewTabsProps {
    /// The report whose result is shown (None: nothing to show yet).
    pub shown: Option<ReportRef>,
    /// Whether `shown` is the last valid result rather than the current text's.
    pub stale: bool,
    /// The engine has not answered yet.
    pub loading: bool,
    pub highlighted: Option<usize>,
    pub on_select_change: Callback<usize>,
    /// The selected Kubernetes version (the matchImages tester follows it).
    pub version: String,
    /// The selected tab's id; empty or absent from the report: the first tab.
    pub selected: String,
    pub on_select: Callback<String>,
    /// What the timelines play (scenario, behaviours); a change re-runs the analysis.
    pub timeline: TimelineOptions,
    pub on_timeline: Callback<TimelineOptions>,
}

impl ViewTabsProps {
    /// A panel drawn from the shown report (nothing before there is one).
    pub fn with_report(&self, panel: impl FnOnce(ReportRef) -> Html) -> Html {
        self.shown.clone().map(panel).unwrap_or_default()
    }
}

/// One tab: `id` names it in the URL and in `data-testid="view-<id>"`.
pub struct Tab {
    pub id: &'static str,
    pub label: &'static str,
    /// Whether the report has this view.
    pub present: fn(&Report) -> bool,
    pub panel: fn(&ViewTabsProps) -> Html,
}

/// Every tab, in order: id, label, whether the report has the view, its panel. The first one
/// is always there (it holds the outcome).
#[rustfmt::skip]
pub const TABS: &[Tab] = &[
    tab("defaults", "Defaults", |_| true, defaults_panel),
    tab("images", "Images & credentials", |r| r.views.images.is_some(), images_panel),
    tab("scheduling", "Scheduling", |r| r.views.scheduling.is_some(), |p| p.with_report(|report| html! { <SchedulingView {report} /> })),
    tab("termination", "Termination", |r| r.views.termination.is_some(), termination_panel),
    tab("startup", "Start-up", |r| r.views.startup.is_some(), |p| p.with_report(|report| html! { <Startup {report} /> })),
    tab("environment", "Environment", |r| r.views.environment.is_some(), |p| p.with_report(|report| html! { <Environment {report} /> })),
];

const fn tab(
    id: &'static str,
    label: &'static str,
    present: fn(&Report) -> bool,
    panel: fn(&ViewTabsProps) -> Html,
) -> Tab {
    Tab {
        id,
        label,
        present,
        panel,
    }
}

/// The outcome, the stored object with what the server set, and the list of changes.
fn defaults_panel(props: &ViewTabsProps) -> Html {
    let Some(report) = props.shown.clone() else {
        return outcome(props);
    };
    html! {
        <>
            { outcome(props) }
            <OutputPane report={report.clone()} stale={props.stale} highlighted={props.highlighted} />
            <ChangesList {report} highlighted={props.highlighted} on_select={props.on_select_change.clone()} />
        </>
    }
}

fn outcome(props: &ViewTabsProps) -> Html {
    if props.loading {
        return html! {
            <div class="banner none loading" role="status">
                <strong>{ "Loading the engine…" }</strong>
                <span>{ "You can type already; the result appears as soon as it has loaded." }</span>
            </div>
        };
    }
    html! { <OutcomeBanner shown={props.shown.clone()} stale={props.stale} /> }
}

fn images_panel(props: &ViewTabsProps) -> Html {
    html! {
        <>
            if let Some(report) = props.shown.clone() {
                <Images {report} />
            }
            <MatchTester version={props.version.clone()} />
        </>
    }
}

fn termination_panel(props: &ViewTabsProps) -> Html {
    props.with_report(|report| {
        html! {
            <Termination {report} options={props.timeline.clone()} on_options={props.on_timeline.clone()} />
        }
    })
}

/// The tabs the report has (only the first before there is a report).
fn visible(shown: Option<&ReportRef>) -> Vec<&'static Tab> {
    TABS.iter()
        .enumerate()
        .filter(|(i, tab)| shown.map_or(*i == 0, |r| (tab.present)(r)))
        .map(|(_, tab)| tab)
        .collect()
}

#[function_component(ViewTabs)]
pub fn view_tabs(props: &ViewTabsProps) -> Html {
    let tabs = visible(props.shown.as_ref());
    let current = tabs
        .iter()
        .position(|t| t.id == props.selected)
        .unwrap_or(0);
    let onkeydown = {
        let ids: Vec<&'static str> = tabs.iter().map(|t| t.id).collect();
        let on_select = props.on_select.clone();
        Callback::from(move |e: KeyboardEvent| {
            let last = ids.len() - 1;
            let next = match e.key().as_str() {
                "ArrowRight" => (current + 1) % ids.len(),
                "ArrowLeft" => current.checked_sub(1).unwrap_or(last),
                "Home" => 0,
                "End" => last,
                _ => return,
            };
            e.prevent_default();
            on_select.emit(ids[next].to_string());
            crate::browser::focus_by_id(&format!("tab-{}", ids[next]));
        })
    };
    let buttons = tabs.iter().copied().enumerate().map(|(i, tab)| {
        let selected = i == current;
        let onclick = props
            .on_select
            .reform(move |_: MouseEvent| tab.id.to_string());
        html! {
            <button type="button" role="tab" class="tab" id={format!("tab-{}", tab.id)}
                aria-selected={if selected { "true" } else { "false" }}
                aria-controls={format!("panel-{}", tab.id)}
                tabindex={if selected { "0" } else { "-1" }}
                data-tab={tab.id}
                {onclick}>
                { tab.label }
            </button>
        }
    });
    let tab = tabs[current];
    html! {
        <div class="views">
            <div class="tabs" role="tablist" aria-label="Views" {onkeydown}>{ for buttons }</div>
            <div class="tab-panel" role="tabpanel" id={format!("panel-{}", tab.id)}
                aria-labelledby={format!("tab-{}", tab.id)} tabindex="0"
                data-testid={format!("view-{}", tab.id)}>
                { (tab.panel)(props) }
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{run_analysis, Settings, SEED};
    use std::rc::Rc;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn ids(shown: Option<&ReportRef>) -> Vec<&'static str> {
        visible(shown).iter().map(|t| t.id).collect()
    }

    #[test]
    fn a_tab_appears_when_its_view_exists() {
        assert_eq!(
            ids(None),
            ["defaults"],
            "before any report: the outcome only"
        );
        let report = run_analysis(SEED, "", "", Settings::default());
        assert_eq!(
            ids(Some(&ReportRef(Rc::new(report.clone())))),
            [
                "defaults",
                "images",
                "scheduling",
                "termination",
                "startup",
                "environment"
            ]
        );
        let mut without = report;
        without.views.images = None;
        without.views.startup = None;
        assert_eq!(
            ids(Some(&ReportRef(Rc::new(without)))),
            ["defaults", "scheduling", "termination", "environment"]
        );
    }

    #[test]
    fn tab_ids_are_unique() {
        for (i, a) in TABS.iter().enumerate() {
            assert!(TABS[i + 1..].iter().all(|b| b.id != a.id), "{}", a.id);
        }
    }
}
