//! Keeps the person's work: the text, version, namespace and the cluster context panel's text
//! go to localStorage on every change, and the whole state into the URL fragment (a format 2
//! share link, without the pasted secrets) shortly after.
//!
//! The address bar never holds a secret the person did not choose to share: once the worker
//! has found secrets in an edited text, or could not read it to look, the fragment is removed
//! (a reload then reads localStorage); only the Share button with "Include secrets" writes
//! them into a link.

use crate::browser::{self, keys};
use crate::share_link;
use crate::state::State;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// Fragments longer than this are not put in the URL (browsers and chat apps cut long links).
pub const MAX_FRAGMENT_LEN: usize = 64 * 1024;

/// `save_locally` is false in embeds, so a docs page's example never replaces the text a
/// person keeps in the full playground (and the embed's own link stays as it came).
#[hook]
pub fn use_persistence(state: &UseReducerHandle<State>, save_locally: bool) {
    let timer = use_mut_ref(|| None::<Timeout>);
    // Nothing is stored on the first render: the state then is what was loaded. (Opening a
    // share link must not overwrite the text saved in this browser until the person edits.)
    let mounted = use_mut_ref(|| false);
    let first_text = use_mut_ref(|| state.text.clone());
    let inputs = (
        state.text.clone(),
        state.version.clone(),
        state.namespace.clone(),
    );
    use_effect_with(inputs, move |(text, version, namespace)| {
        let first_render = !std::mem::replace(&mut *mounted.borrow_mut(), true);
        if save_locally && !first_render {
            browser::storage_set(keys::TEXT, text);
            browser::storage_set(keys::VERSION, version);
            browser::storage_set(keys::NAMESPACE, namespace);
        }
    });

    // The cluster context panel's text, kept on its own: editing it never stores a shared
    // link's text over the saved one.
    let context_mounted = use_mut_ref(|| false);
    use_effect_with(state.settings.context.clone(), move |context| {
        let first_render = !std::mem::replace(&mut *context_mounted.borrow_mut(), true);
        if save_locally && !first_render {
            browser::storage_set(keys::CONTEXT, context);
        }
    });

    let snapshot = (**state).clone();
    let inputs = (
        state.text.clone(),
        state.version.clone(),
        state.namespace.clone(),
        state.settings.clone(),
        state.tab.clone(),
        state.current_redaction().cloned(),
    );
    use_effect_with(inputs, move |_| {
        if !save_locally {
            return;
        }
        // Wait for the worker's word on secrets in this text.
        let Some((shared, redaction)) = share_link::link_state(&snapshot, false) else {
            return;
        };
        // A text the worker could not check for secrets (not YAML podplay can read) may hold
        // some: it is kept out of the address bar like one with secrets.
        if !redaction.left_out.is_empty() || redaction.unchecked {
            // The link opened (even one with secrets) stays until the text is edited.
            if snapshot.text != *first_text.borrow() {
                *timer.borrow_mut() = None;
                browser::replace_hash("");
            }
            return;
        }
        // Debounced: browsers throttle rapid history updates.
        *timer.borrow_mut() = Some(Timeout::new(400, move || {
            share_link::make_fragment(shared, |fragment| {
                if fragment.len() <= MAX_FRAGMENT_LEN {
                    browser::replace_hash(&fragment);
                } else {
                    browser::replace_hash("");
                }
            });
        }));
    });
}
