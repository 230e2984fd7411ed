//! The one entry point: input documents + options → a serializable report.
//! (stub: filled in by the foundation work)

use serde::Serialize;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub version: crate::versions::Version,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {}

pub fn analyze(_input: &str, _options: &Options) -> Report {
    Report {}
}
