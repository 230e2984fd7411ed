//! The page's panels, one component each. A new part of the report (scheduling, termination,
//! ...) becomes a new component here, given the `ReportRef`, and one line in
//! `view_tabs::TABS` (its tab).

pub mod changes_list;
pub mod context_input;
pub mod documents;
pub mod editor;
pub mod embed_dialog;
pub mod environment;
pub mod images;
pub mod match_tester;
pub mod outcome;
pub mod output_pane;
pub mod output_tools;
pub mod problems;
pub mod scheduling;
pub mod settings;
pub mod shortcuts;
pub mod startup;
pub mod termination;
pub mod timeline_chart;
pub mod toolbar;
pub mod view_tabs;

pub use changes_list::ChangesList;
pub use context_input::ContextInput;
pub use documents::Documents;
pub use editor::Editor;
pub use embed_dialog::EmbedDialog;
pub use environment::Environment;
pub use images::Images;
pub use match_tester::MatchTester;
pub use outcome::OutcomeBanner;
pub use output_pane::OutputPane;
pub use output_tools::OutputTools;
pub use problems::Problems;
pub use scheduling::SchedulingView;
pub use settings::SettingsPanel;
pub use shortcuts::ShortcutsDialog;
pub use startup::Startup;
pub use termination::Termination;
pub use toolbar::Toolbar;
pub use view_tabs::ViewTabs;

/// `text` with a line-break opportunity (`<wbr>`) after each of `after`, so a narrow column
/// wraps it between its parts (`KUBERNETES_PORT_443_` / `TCP_ADDR`, `node.kubernetes.io/` /
/// `not-ready:NoExecute`) rather than mid-word. Copying the text gives it unchanged.
pub fn breakable(text: &str, after: &[char]) -> yew::Html {
    use yew::html;
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(after) {
        let end = i + rest[i..].chars().next().map_or(1, char::len_utf8);
        out.push(html! { { rest[..end].to_string() } });
        rest = &rest[end..];
        if !rest.is_empty() {
            out.push(html! { <wbr /> });
        }
    }
    if !rest.is_empty() {
        out.push(html! { { rest.to_string() } });
    }
    out.into_iter().collect()
}
