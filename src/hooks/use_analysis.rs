//! Runs the core shortly after the person stops typing.

use crate::browser;
use crate::state::{run_analysis, Action, State};
use gloo_timers::callback::Timeout;
use std::rc::Rc;
use yew::prelude::*;

/// How long to wait after the last keystroke. The core is fast on ordinary pods; big pastes
/// wait a little longer so typing into them stays responsive.
pub fn debounce_ms(text_len: usize) -> u32 {
    const BASE_MS: u32 = 100;
    let extra = (text_len / 4_000).min(400) as u32;
    BASE_MS + extra
}

/// Whenever the text, version or namespace change, analyses them after [`debounce_ms`]
/// and dispatches [`Action::Analysed`]. A newer change cancels the pending run.
#[hook]
pub fn use_analysis(state: &UseReducerHandle<State>) {
    let timer = use_mut_ref(|| None::<Timeout>);
    let dispatcher = state.dispatcher();
    let inputs = (
        state.text.clone(),
        state.version.clone(),
        state.namespace.clone(),
        state.settings,
        state.pending,
    );
    use_effect_with(
        inputs,
        move |(text, version, namespace, settings, pending)| {
            if *pending {
                let (text, version, namespace, settings) =
                    (text.clone(), version.clone(), namespace.clone(), *settings);
                let delay = debounce_ms(text.len());
                // Replacing the timer drops (cancels) the previous one.
                *timer.borrow_mut() = Some(Timeout::new(delay, move || {
                    let started = browser::now_ms();
                    let report = run_analysis(&text, &version, &namespace, settings);
                    let elapsed_ms = browser::now_ms() - started;
                    dispatcher.dispatch(Action::Analysed {
                        report: Rc::new(report),
                        text,
                        version,
                        namespace,
                        settings,
                        elapsed_ms,
                    });
                }));
            }
        },
    );
}
