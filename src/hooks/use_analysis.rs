//! Runs the core, in its Web Worker, shortly after the person stops typing.

use crate::agent::{Engine, Reply, Request};
use crate::state::{Action, State};
use gloo_timers::callback::Timeout;
use std::rc::Rc;
use yew::prelude::*;

/// How long to wait after the last keystroke. The core is fast on ordinary pods; big pastes
/// wait a little longer so a burst of typing sends one request, not many.
pub fn debounce_ms(text_len: usize) -> u32 {
    const BASE_MS: u32 = 100;
    let extra = (text_len / 4_000).min(400) as u32;
    BASE_MS + extra
}

/// Whenever the text, version, namespace or settings change, sends them to the engine after
/// [`debounce_ms`]; its reply becomes [`Action::Analysed`] or [`Action::Stopped`]. A newer
/// change cancels the pending send, and a newer request supersedes a running one.
#[hook]
pub fn use_analysis(state: &UseReducerHandle<State>) {
    let timer = use_mut_ref(|| None::<Timeout>);
    let dispatcher = state.dispatcher();
    // One engine (worker) for the page's life, started on the first render.
    let engine = use_mut_ref(move || {
        Rc::new(Engine::new(move |reply| {
            dispatcher.dispatch(match reply {
                Reply::Analysed {
                    request,
                    report,
                    elapsed_ms,
                    redaction,
                } => {
                    dispatcher.dispatch(Action::Redacted {
                        text: request.text.clone(),
                        redaction: Rc::new(redaction),
                    });
                    Action::Analysed {
                        report: Rc::new(report),
                        text: request.text,
                        version: request.version,
                        namespace: request.namespace,
                        settings: request.settings,
                        elapsed_ms,
                    }
                }
                Reply::Stopped { request, why } => {
                    // No word on secrets: links of this text say it was not checked.
                    dispatcher.dispatch(Action::Redacted {
                        text: request.text.clone(),
                        redaction: Rc::new(crate::state::Redaction {
                            unchecked: true,
                            ..Default::default()
                        }),
                    });
                    Action::Stopped {
                        text: request.text,
                        version: request.version,
                        namespace: request.namespace,
                        settings: request.settings,
                        why,
                    }
                }
            })
        }))
    });
    let inputs = (
        state.text.clone(),
        state.version.clone(),
        state.namespace.clone(),
        state.settings.clone(),
        state.pending,
    );
    use_effect_with(
        inputs,
        move |(text, version, namespace, settings, pending)| {
            if *pending {
                let request = Request {
                    text: text.clone(),
                    version: version.clone(),
                    namespace: namespace.clone(),
                    settings: settings.clone(),
                };
                let delay = debounce_ms(text.len());
                let engine = engine.borrow().clone();
                // Replacing the timer drops (cancels) the previous one.
                *timer.borrow_mut() = Some(Timeout::new(delay, move || engine.request(request)));
            }
        },
    );
}
