//! The page: toolbar, editor and problems on the left; the report's views as tabs on the
//! right (`components::view_tabs`). Page options: `?embed=1` hides header and footer, `?theme=dark|light` forces the
//! colour scheme (otherwise the system's `prefers-color-scheme` decides).

use crate::browser::{self, keys};
use crate::components::{Documents, Editor, Problems, SettingsPanel, Toolbar, ViewTabs};
use crate::hooks::{use_analysis, use_persistence};
use crate::share::{self, ShareError};
use crate::state::{Action, State, SEED};
use podplay_core::yaml::Pos;
use std::rc::Rc;
use yew::prelude::*;

/// Options read from the page's query string.
#[derive(Clone, Copy, PartialEq, Debug, Default)]
pub struct PageOptions {
    pub embed: bool,
}

impl PageOptions {
    /// Reads `?embed=1` and `?theme=...` and applies them to `<html>`.
    pub fn from_location() -> PageOptions {
        let embed = browser::query_param("embed").is_some_and(|v| v == "1" || v == "true");
        if embed {
            browser::set_root_attribute("data-embed", "1");
        }
        match browser::query_param("theme").as_deref() {
            Some("dark") => browser::set_root_attribute("data-theme", "dark"),
            Some("light") => browser::set_root_attribute("data-theme", "light"),
            _ => {}
        }
        PageOptions { embed }
    }
}

/// The first state: a share link wins, then the text saved in this browser, then the example.
/// Opening a link keeps the saved text one click away (undo), so it is never lost.
fn initial_state(options: PageOptions) -> State {
    // Embeds show their own example, never what this browser saved.
    let saved_value = |key| {
        (!options.embed)
            .then(|| browser::storage_get(key))
            .flatten()
    };
    let saved = saved_value(keys::TEXT);
    let saved_version = saved_value(keys::VERSION).unwrap_or_default();
    let saved_namespace = saved_value(keys::NAMESPACE).unwrap_or_default();
    match share::decode(&browser::hash()) {
        Ok(link) => {
            let mut state = State::new(&link.text, &link.version, &link.namespace);
            state.tab = link.tab.clone();
            if !link.settings.is_empty() {
                state.settings = crate::state::Settings::from_flags(&link.settings);
                state.pending = true;
            }
            if let Some(saved) = saved.filter(|s| *s != link.text) {
                state.undo_text = Some(saved.into());
                state.notice = Some("Opened a shared link.".into());
            }
            state
        }
        Err(error) => {
            let text = saved.unwrap_or_else(|| SEED.to_string());
            let mut state = State::new(&text, &saved_version, &saved_namespace);
            if let ShareError::UnknownFormat(format) = error {
                state.notice = Some(format!(
                    "This link uses share format {format}, made by a newer podplay; showing your saved text."
                ));
            }
            state
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    #[prop_or_default]
    pub options: PageOptions,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let options = props.options;
    let state = use_reducer(|| initial_state(options));
    let textarea = use_node_ref();
    use_analysis(&state);
    use_persistence(&state, !options.embed);

    let on_edit = {
        let state = state.clone();
        Callback::from(move |text: Rc<str>| state.dispatch(Action::Edit(text)))
    };
    let on_version = {
        let state = state.clone();
        Callback::from(move |v: String| state.dispatch(Action::SetVersion(v)))
    };
    let on_settings = {
        let state = state.clone();
        Callback::from(move |settings| state.dispatch(Action::SetSettings(settings)))
    };
    let on_namespace = {
        let state = state.clone();
        Callback::from(move |ns: String| state.dispatch(Action::SetNamespace(ns)))
    };
    let on_share = {
        let state = state.clone();
        Callback::from(move |()| {
            let fragment = share::encode(&share::Shared {
                text: state.text.to_string(),
                version: state.version.clone(),
                namespace: state.namespace.clone(),
                settings: state.settings.to_flags(),
                tab: state.tab.clone(),
            });
            browser::replace_hash(&fragment);
            browser::copy_to_clipboard(&browser::href());
            state.dispatch(Action::Notice(Some(
                "Link copied: it holds the text, version, namespace, settings and tab.".into(),
            )));
        })
    };
    let on_example = {
        let state = state.clone();
        Callback::from(move |index: usize| state.dispatch(Action::LoadExample(index)))
    };
    let on_undo = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Undo))
    };
    let on_dismiss = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Notice(None)))
    };
    let on_jump = {
        let textarea = textarea.clone();
        Callback::from(move |pos: Pos| {
            crate::components::editor::jump_to(&textarea, pos.line, pos.col)
        })
    };
    let on_timeline = {
        let state = state.clone();
        Callback::from(move |timeline| {
            state.dispatch(Action::SetSettings(crate::state::Settings {
                timeline,
                ..state.settings.clone()
            }))
        })
    };
    let on_select_tab = {
        let state = state.clone();
        Callback::from(move |tab: String| {
            // The first tab is the default: links and the URL leave it out.
            let first = crate::components::view_tabs::TABS[0].id;
            state.dispatch(Action::SelectTab(if tab == first {
                String::new()
            } else {
                tab
            }))
        })
    };
    let shown = state.shown().map(|(r, stale)| (r.clone(), stale));
    let on_select_change = {
        let state = state.clone();
        let shown = shown.clone();
        Callback::from(move |index: usize| {
            state.dispatch(Action::Highlight(Some(index)));
            let line = shown
                .as_ref()
                .and_then(|(r, _)| r.views.defaults.as_ref())
                .and_then(|d| d.changes.get(index))
                .and_then(|c| c.output_line);
            if let Some(line) = line {
                browser::scroll_into_view(&crate::components::output_pane::line_id(line));
            }
        })
    };

    let versions = state.report.supported_versions.clone();
    let (shown_report, stale) = match &shown {
        Some((r, stale)) => (Some(r.clone()), *stale),
        None => (None, false),
    };

    html! {
        <div class="page">
            <header class="site-header">
                <h1>{ "podplay" }</h1>
                <p class="tagline">{ "What a Kubernetes API server does with your Pod: defaults, admission, validation." }</p>
            </header>
            <Toolbar
                {versions}
                version={state.version.clone()}
                namespace={state.namespace.clone()}
                pending={state.pending}
                {on_version}
                {on_namespace}
                {on_share}
                {on_example}
            />
            if let Some(notice) = &state.notice {
                <div class="notice" role="status">
                    <span>{ notice }</span>
                    if state.undo_text.is_some() {
                        <button type="button" onclick={on_undo}>{ "Undo: restore your previous text" }</button>
                    }
                    <button type="button" class="dismiss" aria-label="Dismiss" onclick={on_dismiss}>{ "×" }</button>
                </div>
            }
            <main class="panes">
                <section class="pane left" aria-label="Input">
                    <Editor
                        text={state.text.clone()}
                        generation={state.text_generation}
                        report={state.report.clone()}
                        {on_edit}
                        textarea={textarea.clone()}
                    />
                    <Problems report={state.report.clone()} {on_jump} />
                    <SettingsPanel settings={state.settings.clone()} on_change={on_settings} />
                </section>
                <section class="pane right" aria-label="Result">
                    if let Some(why) = &state.stopped {
                        <div class="banner stopped" role="alert">
                            <strong>{ "Analysis stopped" }</strong>
                            <span>{ why }</span>
                        </div>
                    }
                    <ViewTabs
                        shown={shown_report.clone()}
                        {stale}
                        loading={!(state.engine_answered || state.stopped.is_some())}
                        highlighted={state.highlighted}
                        {on_select_change}
                        version={state.version.clone()}
                        selected={state.tab.clone()}
                        on_select={on_select_tab}
                        timeline={state.settings.timeline.clone()}
                        {on_timeline}
                    />
                    if let Some(report) = shown_report {
                        <Documents {report} />
                    }
                </section>
            </main>
            <footer class="site-footer">
                <span>{ "Runs entirely in your browser. Nothing you paste leaves this page." }</span>
                if let Some(ms) = state.elapsed_ms {
                    <span class="timing">{ format!("analysed in {} ms", podplay_core::fixed_point::fixed(ms, 1)) }</span>
                }
            </footer>
        </div>
    }
}
