//! The page's panels, one component each. A new part of the report (images, credentials,
//! scheduling, termination) becomes a new component here, given the `ReportRef`.

pub mod changes_list;
pub mod documents;
pub mod editor;
pub mod images;
pub mod match_tester;
pub mod outcome;
pub mod output_pane;
pub mod problems;
pub mod settings;
pub mod startup;
pub mod termination;
pub mod timeline_chart;
pub mod toolbar;

pub use changes_list::ChangesList;
pub use documents::Documents;
pub use editor::Editor;
pub use images::Images;
pub use match_tester::MatchTester;
pub use outcome::OutcomeBanner;
pub use output_pane::OutputPane;
pub use problems::Problems;
pub use settings::SettingsPanel;
pub use startup::Startup;
pub use termination::Termination;
pub use toolbar::Toolbar;
