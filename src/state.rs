//! The playground's state as one reducer (like Yew's function_todomvc).
//!
//! The UI makes no Kubernetes decision: it keeps the person's text and choices, and the
//! [`Report`]s the core returns for them.

use podplay_core::environment::SimulatedValues;
use podplay_core::report::{Diagnostic, Severity};
use podplay_core::timeline::TimelineOptions;
use podplay_core::versions::{Version, SUPPORTED};
use podplay_core::{build, Options, Report};
use std::rc::Rc;
use yew::Reducible;

/// The example shown on a first visit (the `kubia-manual` pod from the pods chapter of
/// Kubernetes in Action, as quoted in the seeds).
pub const SEED: &str = "apiVersion: v1
kind: Pod
metadata:
  name: kubia-manual
spec:
  containers:
  - image: luksa/kubia
    name: kubia
    ports:
    - containerPort: 8080
      protocol: TCP
";

/// A shared, cheaply cloned report that compares by identity (reports are immutable once
/// made, so the same `Rc` means the same report and Yew can skip re-rendering).
#[derive(Clone, Debug)]
pub struct ReportRef(pub Rc<Report>);

impl PartialEq for ReportRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for ReportRef {
    type Target = Report;
    fn deref(&self) -> &Report {
        &self.0
    }
}

/// Cluster and node settings the person can switch (like an admission configuration and a
/// node's image cache), and what the timelines play (the scenario, each container's
/// behaviour). Defaults match a default kube-apiserver, an empty node and `kubectl delete`.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub service_account: bool,
    pub priority: bool,
    pub default_toleration_seconds: bool,
    pub runtime_class: bool,
    /// Default OFF in Kubernetes.
    pub always_pull_images: bool,
    /// Acts only when a LimitRange is given.
    pub limit_ranger: bool,
    /// The pod's images are already on the node.
    pub image_present: bool,
    /// The termination scenario and per-container behaviours (`Options.timeline`); not part
    /// of [`Settings::to_flags`].
    pub timeline: TimelineOptions,
    /// What a real cluster would decide (node, pod IP, the `kubernetes` Service, uid), as the
    /// environment view uses it (`Options.simulated`); not part of [`Settings::to_flags`].
    pub simulated: SimulatedValues,
    /// The cluster context panel's text: more context documents beside the paste
    /// (`Options.context_text`); not part of [`Settings::to_flags`].
    pub context: String,
}

impl Settings {
    /// The switches in a fixed order, for share links.
    fn slots(&mut self) -> [&mut bool; 7] {
        [
            &mut self.service_account,
            &mut self.priority,
            &mut self.default_toleration_seconds,
            &mut self.runtime_class,
            &mut self.limit_ranger,
            &mut self.always_pull_images,
            &mut self.image_present,
        ]
    }

    /// `1`/`0` per switch, e.g. `1111100` for the defaults.
    pub fn to_flags(&self) -> String {
        let mut s = self.clone();
        s.slots()
            .iter()
            .map(|b| if **b { '1' } else { '0' })
            .collect()
    }

    /// The inverse of [`Settings::to_flags`]; missing or unknown characters keep the default.
    pub fn from_flags(flags: &str) -> Settings {
        let mut s = Settings::default();
        for (slot, c) in s.slots().into_iter().zip(flags.chars()) {
            match c {
                '1' => *slot = true,
                '0' => *slot = false,
                _ => {}
            }
        }
        s
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            service_account: true,
            priority: true,
            default_toleration_seconds: true,
            runtime_class: true,
            always_pull_images: false,
            limit_ranger: true,
            image_present: false,
            timeline: TimelineOptions::default(),
            simulated: SimulatedValues::default(),
            context: String::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The editor's text, exactly as typed.
    pub text: Rc<str>,
    /// Bumped whenever the text is replaced from outside the editor (example, undo), so the
    /// editor knows to overwrite its content; typing never bumps it.
    pub text_generation: u32,
    /// The Kubernetes version, as `1.36`.
    pub version: String,
    /// The request namespace; empty means `default`.
    pub namespace: String,
    pub settings: Settings,
    /// The report for the current text (or for a recent one while `pending`).
    pub report: ReportRef,
    /// The newest report that had a result to show (see [`has_result`]).
    pub last_good: Option<ReportRef>,
    /// The text changed and its analysis has not finished yet (also: the engine is loading).
    pub pending: bool,
    /// Why the newest analysis did not finish (stopped at the deadline, or the engine
    /// crashed); cleared by the next result.
    pub stopped: Option<String>,
    /// Whether any report has come from the engine yet (the page shows the editor first).
    pub engine_answered: bool,
    /// The change whose output lines are highlighted.
    pub highlighted: Option<usize>,
    /// The selected view tab's id (`images`, ...); empty = the first tab. Kept even while the
    /// report lacks that view, so the tab comes back with it.
    pub tab: String,
    /// The text before the example replaced it, while undo is offered.
    pub undo_text: Option<Rc<str>>,
    /// A short message for the person ("Link copied").
    pub notice: Option<String>,
    /// How long the last analysis took, in milliseconds.
    pub elapsed_ms: Option<f64>,
    /// What a share link leaves out of the text, for the text it was worked out for (by the
    /// worker, with each analysis: see `crate::redact`).
    pub redaction: Option<(Rc<str>, Rc<Redaction>)>,
    /// Share links include the secrets (the person ticked "Include secrets").
    pub include_secrets: bool,
}

/// A share link's text without the pasted secrets (see `crate::redact`).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Redaction {
    /// The text with placeholders; `None` when nothing was left out.
    pub text: Option<String>,
    /// Where each left-out value was.
    pub left_out: Vec<String>,
    /// The text is not YAML podplay can read: it could not be checked for secrets.
    pub unchecked: bool,
}

pub enum Action {
    /// The person typed.
    Edit(Rc<str>),
    /// Replace the text with an example of the core's gallery (by index; anything else loads
    /// the first-visit example), keeping the old text for undo.
    LoadExample(usize),
    Undo,
    SetVersion(String),
    SetNamespace(String),
    SetSettings(Settings),
    /// An analysis finished, for the inputs it names (stale results are dropped).
    Analysed {
        report: Rc<Report>,
        text: Rc<str>,
        version: String,
        namespace: String,
        settings: Settings,
        elapsed_ms: f64,
    },
    /// The analysis of these inputs was stopped (deadline) or lost (engine crash): `why`.
    Stopped {
        text: Rc<str>,
        version: String,
        namespace: String,
        settings: Settings,
        why: String,
    },
    Highlight(Option<usize>),
    Notice(Option<String>),
    /// The person chose a view tab (by its id).
    SelectTab(String),
    /// The worker worked out what a share link of `text` leaves out.
    Redacted {
        text: Rc<str>,
        redaction: Rc<Redaction>,
    },
    /// The "Include secrets" box next to Share.
    IncludeSecrets(bool),
}

impl State {
    /// The starting state: the text waits for the engine (the page never analyses itself),
    /// with an empty report until the first one arrives.
    pub fn new(text: &str, version: &str, namespace: &str) -> State {
        let version = Version::parse(version)
            .unwrap_or_else(|_| Version::newest())
            .to_string();
        State {
            text: text.into(),
            text_generation: 0,
            report: waiting_report(&version, Vec::new()),
            version,
            namespace: namespace.to_string(),
            settings: Settings::default(),
            last_good: None,
            pending: true,
            stopped: None,
            engine_answered: false,
            highlighted: None,
            tab: String::new(),
            undo_text: None,
            notice: None,
            elapsed_ms: None,
            redaction: None,
            include_secrets: false,
        }
    }

    /// What a share link of the current text leaves out, once the worker has said.
    pub fn current_redaction(&self) -> Option<&Rc<Redaction>> {
        self.redaction
            .as_ref()
            .filter(|(text, _)| Rc::ptr_eq(text, &self.text) || **text == *self.text)
            .map(|(_, redaction)| redaction)
    }

    /// The report whose result the output pane shows, and whether it is a stale one
    /// ("last valid result") because the current text has none.
    pub fn shown(&self) -> Option<(&ReportRef, bool)> {
        if has_result(&self.report) {
            Some((&self.report, false))
        } else {
            self.last_good.as_ref().map(|r| (r, true))
        }
    }

    /// Whether a result for these inputs is for what the page shows now (older ones are dropped).
    fn is_current(
        &self,
        text: &Rc<str>,
        version: &str,
        namespace: &str,
        settings: &Settings,
    ) -> bool {
        (Rc::ptr_eq(text, &self.text) || *text == self.text)
            && version == self.version
            && namespace == self.namespace
            && *settings == self.settings
    }

    fn replace_text(&self, text: Rc<str>, undo_text: Option<Rc<str>>) -> State {
        State {
            text,
            text_generation: self.text_generation.wrapping_add(1),
            pending: true,
            undo_text,
            ..self.clone()
        }
    }
}

/// The report shown before the engine has answered for the text: no documents, no result
/// (so the output keeps the last valid result, if any), only the given diagnostics.
/// (Built whole, never changed behind its `Rc`: `Rc::make_mut` would link `Report`'s clone.)
pub fn waiting_report(version: &str, diagnostics: Vec<Diagnostic>) -> ReportRef {
    ReportRef(Rc::new(Report {
        kubernetes_version: version.to_string(),
        supported_versions: SUPPORTED.iter().map(|v| v.to_string()).collect(),
        documents: Vec::new(),
        subject: None,
        diagnostics,
        admit: None,
        views: Default::default(),
    }))
}

/// Whether a report has a pipeline result to show (a pod was found and decoded).
pub fn has_result(report: &Report) -> bool {
    report
        .admit
        .as_ref()
        .is_some_and(|a| a.outcome != podplay_core::pipeline::Outcome::DecodeError)
}

/// Runs the core on the inputs. Never panics on input: the core handles any text, and an
/// unknown version falls back to the newest.
pub fn run_analysis(text: &str, version: &str, namespace: &str, settings: Settings) -> Report {
    let namespace = namespace.trim();
    let mut options = Options::new(Version::parse(version).unwrap_or_else(|_| Version::newest()));
    options.namespace = (!namespace.is_empty()).then(|| namespace.to_string());
    options.image_present = settings.image_present;
    options.timeline = settings.timeline;
    options.simulated = settings.simulated;
    options.context_text = settings.context;
    let a = &mut options.admission;
    a.service_account = settings.service_account;
    a.priority = settings.priority;
    a.default_toleration_seconds = settings.default_toleration_seconds;
    a.runtime_class = settings.runtime_class;
    a.always_pull_images = settings.always_pull_images;
    a.limit_ranger = settings.limit_ranger;
    build(text, &options)
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = match action {
            // Browsers may report one edit several times; an unchanged text changes nothing.
            Action::Edit(text) if text == self.text => return self,
            Action::Edit(text) => State {
                text,
                pending: true,
                undo_text: None,
                notice: None,
                ..(*self).clone()
            },
            Action::LoadExample(index) => {
                let example = podplay_core::gallery::EXAMPLES.get(index);
                let text = example.map_or(SEED, |(_, _, text)| *text);
                let mut next = self.replace_text(text.into(), Some(self.text.clone()));
                next.notice = Some(match example {
                    Some((_, title, _)) => format!("Loaded the example “{title}”."),
                    // The toolbar's Reset.
                    None => "Back to the first example.".to_string(),
                });
                next
            }
            Action::Undo => match &self.undo_text {
                Some(old) => State {
                    notice: None,
                    ..self.replace_text(old.clone(), None)
                },
                None => return self,
            },
            Action::SetVersion(version) => State {
                version,
                pending: true,
                ..(*self).clone()
            },
            Action::SetNamespace(namespace) => State {
                namespace,
                pending: true,
                ..(*self).clone()
            },
            Action::SetSettings(settings) => State {
                settings,
                pending: true,
                ..(*self).clone()
            },
            Action::Analysed {
                report,
                text,
                version,
                namespace,
                settings,
                elapsed_ms,
            } => {
                if !self.is_current(&text, &version, &namespace, &settings) {
                    return self;
                }
                let report = ReportRef(report);
                State {
                    elapsed_ms: Some(elapsed_ms),
                    stopped: None,
                    engine_answered: true,
                    last_good: if has_result(&report) {
                        Some(report.clone())
                    } else {
                        self.last_good.clone()
                    },
                    report,
                    pending: false,
                    highlighted: None,
                    ..(*self).clone()
                }
            }
            Action::Stopped {
                text,
                version,
                namespace,
                settings,
                why,
            } => {
                if !self.is_current(&text, &version, &namespace, &settings) {
                    return self;
                }
                // The old report belongs to an older text: the output keeps the last valid
                // result, labelled as such, and the problems list says why there is none.
                let report = waiting_report(
                    &self.version,
                    vec![Diagnostic {
                        severity: Severity::Warning,
                        message: format!("Not analysed. {why}"),
                        pos: None,
                        field: None,
                        source: "engine".to_string(),
                    }],
                );
                State {
                    report,
                    pending: false,
                    stopped: Some(why),
                    highlighted: None,
                    ..(*self).clone()
                }
            }
            Action::Redacted { text, redaction } => State {
                redaction: Some((text, redaction)),
                ..(*self).clone()
            },
            Action::IncludeSecrets(include_secrets) => State {
                include_secrets,
                ..(*self).clone()
            },
            Action::SelectTab(tab) => State {
                tab,
                ..(*self).clone()
            },
            Action::Highlight(change) => State {
                highlighted: change,
                ..(*self).clone()
            },
            Action::Notice(notice) => State {
                notice,
                ..(*self).clone()
            },
        };
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn reduce(state: State, action: Action) -> State {
        (*Rc::new(state).reduce(action)).clone()
    }

    fn analysed(state: &State) -> Action {
        Action::Analysed {
            report: Rc::new(run_analysis(
                &state.text,
                &state.version,
                &state.namespace,
                state.settings.clone(),
            )),
            text: state.text.clone(),
            version: state.version.clone(),
            namespace: state.namespace.clone(),
            settings: state.settings.clone(),
            elapsed_ms: 1.0,
        }
    }

    #[wasm_bindgen_test]
    fn settings_change_reruns_the_analysis() {
        let state = State::new(SEED, "", "");
        let settings = Settings {
            always_pull_images: true,
            ..state.settings.clone()
        };
        let state = reduce(state, Action::SetSettings(settings));
        assert!(state.pending);
        let state = reduce(state.clone(), analysed(&state));
        let images = state
            .report
            .views
            .images
            .as_ref()
            .expect("the seed has images");
        assert_eq!(images.images[0].report.pull_policy.policy, "Always");
    }

    #[wasm_bindgen_test]
    fn simulated_values_reach_the_environment_view() {
        let mut settings = Settings::default();
        settings.simulated.pod_ip = "10.0.0.7".into();
        settings.simulated.node.name = "edge-3".into();
        let report = run_analysis(SEED, "", "", settings);
        let env = report.views.environment.expect("the seed is created");
        assert_eq!(env.node.pod_ips, ["10.0.0.7"]);
        assert_eq!(env.node.name, "edge-3");
        assert!(env.node.simulated);
    }

    #[wasm_bindgen_test]
    fn stale_results_are_dropped() {
        let state = State::new(SEED, "", "");
        let old = analysed(&state);
        let state = reduce(state, Action::Edit("kind: Pod\n".into()));
        let state = reduce(state, old);
        assert!(state.pending, "the newer text still needs its analysis");
        let state = reduce(state.clone(), analysed(&state));
        assert!(!state.pending);
        assert_eq!(state.elapsed_ms, Some(1.0));
    }

    #[wasm_bindgen_test]
    fn a_repeated_edit_still_gets_its_analysis() {
        let state = State::new(SEED, "", "");
        let state = reduce(state, Action::Edit("kind: Pod\n".into()));
        let first = analysed(&state);
        // The same text again, in a new allocation (browsers fire duplicate input events).
        let state = reduce(state, Action::Edit("kind: Pod\n".into()));
        let state = reduce(state, first);
        assert!(!state.pending);
    }

    #[wasm_bindgen_test]
    fn broken_yaml_keeps_the_last_valid_result() {
        let state = State::new(SEED, "", "");
        let state = reduce(state.clone(), analysed(&state));
        assert!(state.shown().is_some_and(|(_, stale)| !stale));
        let good = state.report.clone();
        let broken = "kind: Pod\nspec: [\n";
        let state = reduce(state, Action::Edit(broken.into()));
        assert!(state.pending);
        let state = reduce(state.clone(), analysed(&state));
        let (shown, stale) = state.shown().expect("last valid result");
        assert!(stale);
        assert_eq!(shown, &good);
        assert_eq!(state.text.as_ref(), broken, "the person's text is kept");
    }

    #[wasm_bindgen_test]
    fn loading_the_example_can_be_undone() {
        let state = State::new("kind: Pod\n", "1.35", "team-a");
        let state = reduce(state, Action::LoadExample(0));
        assert_eq!(state.text.as_ref(), podplay_core::gallery::EXAMPLES[0].2);
        assert_eq!(state.text_generation, 1);
        let state = reduce(state, Action::Undo);
        assert_eq!(state.text.as_ref(), "kind: Pod\n");
        assert_eq!(state.text_generation, 2);
        assert_eq!(state.undo_text, None);
    }

    #[wasm_bindgen_test]
    fn the_first_state_waits_for_the_engine() {
        let state = State::new(SEED, "", "");
        assert!(state.pending, "the text goes to the engine");
        assert!(!state.engine_answered);
        assert!(state.report.diagnostics.is_empty() && state.report.admit.is_none());
        assert_eq!(state.shown(), None);
        assert!(
            state.report.supported_versions.len() >= 2,
            "the version menu is full"
        );
        let state = reduce(state.clone(), analysed(&state));
        assert!(state.engine_answered && !state.pending);
        assert!(state.shown().is_some_and(|(_, stale)| !stale));
    }

    fn stopped(state: &State, why: &str) -> Action {
        Action::Stopped {
            text: state.text.clone(),
            version: state.version.clone(),
            namespace: state.namespace.clone(),
            settings: state.settings.clone(),
            why: why.to_string(),
        }
    }

    #[wasm_bindgen_test]
    fn a_stopped_analysis_says_why_and_keeps_the_text_and_the_last_result() {
        let state = State::new(SEED, "", "");
        let state = reduce(state.clone(), analysed(&state));
        let good = state.report.clone();
        let slow = "kind: Pod\n# imagine an alias bomb\n";
        let state = reduce(state, Action::Edit(slow.into()));
        // A stop for an older text says nothing about this one.
        let old = State::new(SEED, "", "");
        let state = reduce(state, stopped(&old, "too slow"));
        assert_eq!(state.stopped, None);
        assert!(state.pending);

        let state = reduce(state.clone(), stopped(&state, "too slow"));
        assert_eq!(state.stopped.as_deref(), Some("too slow"));
        let problems: Vec<&str> = state
            .report
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            problems,
            ["Not analysed. too slow"],
            "the problems list says why"
        );
        assert!(!state.pending);
        assert_eq!(state.text.as_ref(), slow, "the text is untouched");
        let (shown, stale) = state.shown().expect("the last valid result stays");
        assert!(stale);
        assert_eq!(shown, &good);

        // The next result clears the message.
        let state = reduce(state, Action::Edit("kind: Pod\n".into()));
        let state = reduce(state.clone(), analysed(&state));
        assert_eq!(state.stopped, None);
    }

    #[wasm_bindgen_test]
    fn unknown_versions_fall_back_to_the_newest() {
        let state = State::new(SEED, "1.2", "");
        assert_eq!(state.version, Version::newest().to_string());
    }
}
