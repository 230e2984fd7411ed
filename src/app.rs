//! The page: toolbar, editor and problems on the left; the report's views as tabs on the
//! right (`components::view_tabs`).
//!
//! Page options (the query string, see [`PageOptions`]): `?theme=dark|light` forces the colour
//! scheme (otherwise the system's `prefers-color-scheme`, or in an iframe a
//! `{type: "podplay:theme"}` message from the parent). `?embed=1` is the embed mode for
//! documentation pages: no header, toolbar or footer, the page as tall as its content, which
//! it reports to the parent (`{type: "podplay:height", height}`), and nothing written to
//! localStorage; `&view=<tab id>` shows that one view (no tab row), `&input=1` the input
//! beside it, `&readonly=1` a read-only editor. The content comes from the share link in the
//! fragment.

use crate::browser::{self, keys};
use crate::components::view_tabs::TABS;
use crate::components::{
    ContextInput, Documents, Editor, EmbedDialog, Problems, SettingsPanel, Toolbar, ViewTabs,
};
use crate::hooks::{use_analysis, use_persistence};
use crate::share::{ShareError, Shared};
use crate::share_link;
use crate::state::{Action, State, SEED};
use podplay_core::yaml::Pos;
use std::rc::Rc;
use yew::prelude::*;

/// Options read from the page's query string.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct PageOptions {
    /// `?embed=1`: the page inside a documentation page's iframe.
    pub embed: bool,
    /// `&view=<tab id>` (embeds): the one view shown, without the tab row; empty = all tabs.
    pub view: &'static str,
    /// `&input=1` (embeds with a view): the input beside the view.
    pub input: bool,
    /// `&readonly=1` (embeds): the editor cannot be changed.
    pub readonly: bool,
}

impl PageOptions {
    /// Reads the query string and applies it to `<html>` (attributes the CSS reads).
    pub fn from_location() -> PageOptions {
        let flag = |name| browser::query_param(name).is_some_and(|v| v == "1" || v == "true");
        let embed = flag("embed");
        let view = browser::query_param("view")
            .and_then(|id| TABS.iter().find(|t| t.id == id))
            .map_or("", |t| t.id);
        let options = PageOptions {
            embed,
            view: if embed { view } else { "" },
            input: embed && (view.is_empty() || flag("input")),
            readonly: embed && flag("readonly"),
        };
        if embed {
            browser::set_root_attribute("data-embed", "1");
            if !options.view.is_empty() {
                browser::set_root_attribute("data-embed-view", options.view);
            }
            if !options.input {
                browser::set_root_attribute("data-embed-no-input", "1");
            }
            browser::report_height();
            browser::follow_parent_theme();
        }
        match browser::query_param("theme").as_deref() {
            Some("dark") => browser::set_root_attribute("data-theme", "dark"),
            Some("light") => browser::set_root_attribute("data-theme", "light"),
            _ => {}
        }
        options
    }
}

/// The first state: a share link wins, then the text saved in this browser, then the example.
/// Opening a link keeps the saved text one click away (undo), so it is never lost.
fn initial_state(options: &PageOptions, link: &Result<Shared, ShareError>) -> State {
    // Embeds show their own example, never what this browser saved.
    let saved_value = |key| {
        (!options.embed)
            .then(|| browser::storage_get(key))
            .flatten()
    };
    let saved = saved_value(keys::TEXT);
    let saved_version = saved_value(keys::VERSION).unwrap_or_default();
    let saved_namespace = saved_value(keys::NAMESPACE).unwrap_or_default();
    let mut state = match link {
        Ok(link) => {
            let mut state = State::new(&link.text, &link.version, &link.namespace);
            state.tab = link.tab.clone();
            if !link.settings.is_empty() {
                state.settings = crate::state::Settings::from_flags(&link.settings);
            }
            if !link.timeline.is_empty() {
                // The page's small JSON reader (`agent::read_json`), as for reports.
                state.settings.timeline =
                    crate::agent::read_json::from_str_tagged(&link.timeline).unwrap_or_default();
            }
            state.settings.context = link.context.clone();
            if !link.simulated.is_empty() {
                state.settings.simulated =
                    crate::agent::read_json::from_str(&link.simulated).unwrap_or_default();
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
            state.settings.context = saved_value(keys::CONTEXT).unwrap_or_default();
            match error {
                ShareError::UnknownFormat(format) => {
                    state.notice = Some(format!(
                        "This link uses share format {format}, made by a newer podplay; showing your saved text."
                    ));
                }
                ShareError::Damaged => {
                    state.notice = Some(
                        "This share link is damaged (cut short?) and could not be opened; showing your saved text."
                            .into(),
                    );
                }
                ShareError::NotALink => {}
            }
            state
        }
    };
    if !options.view.is_empty() {
        state.tab = options.view.to_string();
    }
    state
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    #[prop_or_default]
    pub options: PageOptions,
    /// The share link the page was opened with (read, and inflated, before the first render).
    #[prop_or(Err(ShareError::NotALink))]
    pub link: Result<Shared, ShareError>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let options = props.options.clone();
    let state = use_reducer(|| initial_state(&props.options, &props.link));
    // The Embed dialog's link (a fragment), while it is open.
    let embed_fragment = use_state(|| None::<String>);
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
            let include = state.include_secrets;
            let Some((shared, redaction)) = share_link::link_state(&state, include) else {
                state.dispatch(Action::Notice(Some(
                    "The text is still being analysed; press Share again in a moment.".into(),
                )));
                return;
            };
            let note = share_link::note(&redaction, include);
            let dispatcher = state.dispatcher();
            share_link::make_fragment(shared, move |fragment| {
                browser::replace_hash(&fragment);
                browser::copy_to_clipboard(&browser::href());
                dispatcher.dispatch(Action::Notice(Some(note)));
            });
        })
    };
    let on_include_secrets = {
        let state = state.clone();
        Callback::from(move |include: bool| state.dispatch(Action::IncludeSecrets(include)))
    };
    let on_embed = {
        let state = state.clone();
        let embed_fragment = embed_fragment.clone();
        Callback::from(move |()| {
            let Some((shared, _)) = share_link::link_state(&state, state.include_secrets) else {
                state.dispatch(Action::Notice(Some(
                    "The text is still being analysed; press Embed again in a moment.".into(),
                )));
                return;
            };
            let embed_fragment = embed_fragment.clone();
            share_link::make_fragment(shared, move |fragment| embed_fragment.set(Some(fragment)));
        })
    };
    let on_close_embed = {
        let embed_fragment = embed_fragment.clone();
        Callback::from(move |()| embed_fragment.set(None))
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
            let first = TABS[0].id;
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
                <p class="tagline">{ "What a Kubernetes cluster does with your Pod: defaults, images, scheduling, environment, termination." }</p>
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
                include_secrets={state.include_secrets}
                {on_include_secrets}
                {on_embed}
            />
            if let Some(fragment) = (*embed_fragment).clone() {
                <EmbedDialog {fragment} tab={state.tab.clone()} on_close={on_close_embed} />
            }
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
                        readonly={options.readonly}
                    />
                    <Problems report={state.report.clone()} {on_jump} />
                    <ContextInput settings={state.settings.clone()} report={state.report.clone()} on_change={on_settings.clone()} />
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
            if options.embed {
                <a class="embed-open" href={format!("./{}", browser::hash())} target="_blank" rel="noopener">
                    { "Open in podplay ↗" }
                </a>
            }
            <footer class="site-footer">
                <span>{ "Runs entirely in your browser. Nothing you paste leaves this page." }</span>
                if let Some(ms) = state.elapsed_ms {
                    <span class="timing">{ format!("analysed in {} ms", podplay_core::fixed_point::fixed(ms, 1)) }</span>
                }
            </footer>
        </div>
    }
}
