//! Making a share link from the page's state: the text without its secrets (unless the person
//! opted in; `crate::redact`, worked out by the worker with each analysis), version,
//! namespace, settings, tab and timeline options, in format 2 (`crate::share`) compressed by
//! the browser. Used by the Share and Embed buttons and by the address bar's link.

use crate::browser;
use crate::share::{self, Shared};
use crate::state::{Redaction, Settings, State};
use podplay_core::environment::SimulatedValues;
use podplay_core::timeline::TimelineOptions;
use std::rc::Rc;

/// What a link of the current state holds, and what it leaves out; `None` until the worker
/// has looked at the current text.
pub fn link_state(state: &State, include_secrets: bool) -> Option<(Shared, Rc<Redaction>)> {
    let mut redaction = state.current_redaction()?.clone();
    // The cluster context panel's secrets are left out like the editor's.
    let context = if include_secrets || state.settings.context.is_empty() {
        state.settings.context.clone()
    } else {
        let redacted = crate::redact::redact(&state.settings.context);
        if !redacted.left_out.is_empty() || redacted.unchecked {
            let mut merged = (*redaction).clone();
            // A panel text podplay cannot read goes in as it is: the note says so.
            merged.unchecked |= redacted.unchecked;
            merged.left_out.extend(
                redacted
                    .left_out
                    .into_iter()
                    .map(|w| format!("cluster context panel: {w}")),
            );
            redaction = Rc::new(merged);
        }
        redacted.text
    };
    let text = match (&redaction.text, include_secrets) {
        (Some(redacted), false) => redacted.clone(),
        _ => state.text.to_string(),
    };
    let defaults = Settings::default();
    let shared = Shared {
        text,
        version: state.version.clone(),
        namespace: state.namespace.clone(),
        tab: state.tab.clone(),
        settings: if state.settings.to_flags() == defaults.to_flags() {
            String::new()
        } else {
            state.settings.to_flags()
        },
        timeline: if state.settings.timeline == TimelineOptions::default() {
            String::new()
        } else {
            serde_json::to_string(&state.settings.timeline).unwrap_or_default()
        },
        simulated: if state.settings.simulated == SimulatedValues::default() {
            String::new()
        } else {
            serde_json::to_string(&state.settings.simulated).unwrap_or_default()
        },
        context,
    };
    Some((shared, redaction))
}

/// The fragment for `shared`: format 2, or format 1 where the browser cannot compress.
pub fn make_fragment(shared: Shared, done: impl FnOnce(String) + 'static) {
    let payload = share::payload(&shared);
    browser::deflate(&payload, move |z| {
        done(match z {
            Some(z) => share::compressed_fragment(&z),
            None => share::encode(&shared),
        })
    });
}

/// What the person is told once the link is copied: what it holds and what it left out.
pub fn note(redaction: &Redaction, include_secrets: bool) -> String {
    let count = redaction.left_out.len();
    let values = if count == 1 { "value" } else { "values" };
    if redaction.unchecked {
        return "Link copied. podplay could not check this text or the cluster context panel's for secrets (one is not YAML podplay can read, or the analysis was stopped), so it is in the link as it is: check it before you send the link.".into();
    }
    if count == 0 {
        return "Link copied: it holds the text, version, namespace, settings, tab, timeline, simulated values and cluster context."
            .into();
    }
    if include_secrets {
        return format!(
            "Link copied with the secrets you pasted ({count} {values}): anyone with the link can read them."
        );
    }
    let mut places: Vec<&str> = redaction
        .left_out
        .iter()
        .take(3)
        .map(String::as_str)
        .collect();
    if count > 3 {
        places.push("…");
    }
    format!(
        "Link copied without secrets: {count} {values} replaced by <redacted> ({}). Tick “Include secrets” to put them in the link.",
        places.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_cluster_context_panel_rides_in_the_link_without_its_secrets() {
        let mut state = State::new("kind: Pod\n", "1.36", "");
        state.settings.context =
            "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  pass: hunter2\n"
                .into();
        state.redaction = Some((state.text.clone(), Rc::new(Redaction::default())));
        let (shared, redaction) = link_state(&state, false).expect("the worker has looked");
        assert_eq!(
            shared.context,
            "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  pass: <redacted>\n"
        );
        assert_eq!(
            redaction.left_out,
            ["cluster context panel: Secret/db stringData[pass]"]
        );
        let (shared, _) = link_state(&state, true).expect("the worker has looked");
        assert_eq!(shared.context, state.settings.context);
    }

    #[test]
    fn a_cluster_context_panel_podplay_cannot_read_is_said_to_be_unchecked() {
        let mut state = State::new("kind: Pod\n", "1.36", "");
        state.settings.context = "kind: Secret\nstringData: {pass: hunter2\n".into();
        state.redaction = Some((state.text.clone(), Rc::new(Redaction::default())));
        let (shared, redaction) = link_state(&state, false).expect("the worker has looked");
        assert_eq!(shared.context, state.settings.context);
        assert!(redaction.unchecked);
        assert!(note(&redaction, false).contains("could not check"));
    }
}
