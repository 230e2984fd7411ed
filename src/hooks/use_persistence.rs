//! Keeps the person's work: the text, version and namespace go to localStorage on every
//! change, and into the URL fragment (a share link, with the selected tab) shortly after.

use crate::browser::{self, keys};
use crate::share::{self, Shared};
use crate::state::Settings;
use crate::state::State;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// Texts longer than this are not put in the URL (browsers and chat apps cut long links).
pub const MAX_FRAGMENT_LEN: usize = 64 * 1024;

/// `save_locally` is false in embeds, so a docs page's example never replaces the text a
/// person keeps in the full playground.
#[hook]
pub fn use_persistence(state: &UseReducerHandle<State>, save_locally: bool) {
    let timer = use_mut_ref(|| None::<Timeout>);
    // Nothing is stored on the first render: the state then is what was loaded. (Opening a
    // share link must not overwrite the text saved in this browser until the person edits.)
    let mounted = use_mut_ref(|| false);
    let inputs = (
        state.text.clone(),
        state.version.clone(),
        state.namespace.clone(),
        state.settings.clone(),
        state.tab.clone(),
    );
    use_effect_with(inputs, move |(text, version, namespace, settings, tab)| {
        let first_render = !std::mem::replace(&mut *mounted.borrow_mut(), true);
        if save_locally && !first_render {
            browser::storage_set(keys::TEXT, text);
            browser::storage_set(keys::VERSION, version);
            browser::storage_set(keys::NAMESPACE, namespace);
        }
        let shared = Shared {
            text: text.to_string(),
            version: version.clone(),
            namespace: namespace.clone(),
            settings: if *settings == Settings::default() {
                String::new()
            } else {
                settings.to_flags()
            },
            tab: tab.clone(),
        };
        // Debounced: browsers throttle rapid history updates.
        *timer.borrow_mut() = Some(Timeout::new(400, move || {
            let fragment = share::encode(&shared);
            if fragment.len() <= MAX_FRAGMENT_LEN {
                browser::replace_hash(&fragment);
            } else {
                browser::replace_hash("");
            }
        }));
    });
}
