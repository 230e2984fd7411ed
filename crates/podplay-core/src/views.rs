//! The views: every part of the report that explains the created pod. Each view is a pure
//! function of the same inputs ([`ViewInput`]) returning its own serializable part, and is
//! registered here: one field of [`Views`] and one line in [`views`] (plus one line in
//! [`Views::diagnostics`] if it pins messages to pod fields).

use crate::cluster::ClusterContext;
use crate::defaults_view::{self, DefaultsView};
use crate::diagnostic::Diagnostic;
use crate::environment::{self, EnvironmentReport};
use crate::input::Subject;
use crate::options::Options;
use crate::pipeline::AdmitResult;
use crate::pod_images::{self, PodImages};
use crate::scheduling::paste::{self as scheduling_view, ScheduleReport};
use crate::startup::{self, StartupTimeline};
use crate::termination::{self, Timeline};
use serde::{Deserialize, Serialize};

use serde_json::Value;

/// What every view sees.
pub struct ViewInput<'a> {
    /// The stored pod, or the last stage reached when the API server rejected it.
    pub pod: &'a Value,
    /// Whether `pod` is the created pod.
    pub created: bool,
    /// The create pipeline's result (stages, changes, errors).
    pub admit: &'a AdmitResult,
    /// The pod as sent (before defaulting) and where it came from.
    pub subject: &'a Subject,
    /// Every other document of the paste, by kind; the node's config.json and providers.
    pub context: &'a ClusterContext,
    pub options: &'a Options,
}

/// Every view's part of the report (each None when it has nothing to say).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Views {
    /// The stored object, each line tagged with the change that set it.
    pub defaults: Option<DefaultsView>,
    /// Every image of the pod: reference, pull policy, kubelet decision, credentials.
    pub images: Option<PodImages>,
    /// The RuntimeClass merge, the node × filter matrix, scores and the scheduler's message
    /// (on the example cluster when the paste has no Node: `nodeSource`).
    pub scheduling: Option<ScheduleReport>,
    /// Each container's environment as the kubelet builds it, and where every value came from.
    pub environment: Option<EnvironmentReport>,
    /// How the created pod stops in the chosen scenario, second by second.
    pub termination: Option<Timeline>,
    /// How the created pod starts, second by second.
    pub startup: Option<StartupTimeline>,
}

/// Runs every view. The views after scheduling (environment, termination, start-up) run on
/// the node the scheduling view chose ([`placement`](crate::placement::placement)).
pub fn views(input: &ViewInput) -> Views {
    let scheduling = scheduling_view::view(input);
    let placement =
        crate::placement::placement(input.pod, scheduling.as_ref(), &input.options.simulated);
    let images = pod_images::view(input);
    let pull_secret_error = images.as_ref().and_then(|i| i.pull_secret_error.as_deref());
    Views {
        defaults: defaults_view::view(input),
        environment: environment::view(input, &placement),
        termination: termination::view(input, &placement),
        startup: startup::view(input, &placement, pull_secret_error),
        images,
        scheduling,
    }
}

impl Views {
    /// Messages the views pin to pod fields (the report finds their lines in the input).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        out.extend(self.images.iter().flat_map(pod_images::diagnostics));
        out.extend(self.environment.iter().flat_map(environment::diagnostics));
        out
    }
}
