//! A record of every field the server pipeline added or changed, and why.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::borrow::Cow;

/// Which step of the create pipeline made a change.
pub mod by {
    pub const DEFAULTING: &str = "defaulting";
    pub const CONVERSION: &str = "conversion";
    pub const NAMESPACE: &str = "namespace";
    pub const CREATE: &str = "create";
    /// Admission plugins use `admission:<PluginName>`, e.g. `admission:ServiceAccount`.
    pub fn admission(plugin: &str) -> String {
        format!("admission:{plugin}")
    }
}

/// One added or changed field. The step, rule id, reason and source are mostly constants:
/// borrowed (`Cow`), they cost no allocation, copy or free each time a change is recorded,
/// copied into a view or dropped (read back from JSON they are owned).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Kubernetes field path, e.g. `spec.containers[0].imagePullPolicy`.
    pub path: String,
    /// The value the field has after the change.
    pub value: Value,
    /// The step that made it: `defaulting`, `admission:ServiceAccount`, `create`, ...
    pub by: Cow<'static, str>,
    /// A stable rule id, e.g. `defaults.container.imagePullPolicy`.
    pub rule: Cow<'static, str>,
    /// One line: why the field has this value.
    pub why: Cow<'static, str>,
    /// The Kubernetes doc or source the rule follows, where one exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Cow<'static, str>>,
}

/// Collects changes in the order they were made.
#[derive(Debug, Default, Clone)]
pub struct Changes {
    pub list: Vec<Change>,
}

impl Changes {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a change.
    pub fn add(
        &mut self,
        path: impl Into<String>,
        value: Value,
        by: impl Into<Cow<'static, str>>,
        rule: &'static str,
        why: impl Into<Cow<'static, str>>,
        source: Option<&'static str>,
    ) {
        self.list.push(Change {
            path: path.into(),
            value,
            by: by.into(),
            rule: Cow::Borrowed(rule),
            why: why.into(),
            source: source.map(Cow::Borrowed),
        });
    }
}
