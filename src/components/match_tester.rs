//! The matchImages tester: does a registry key or a credential provider's `matchImages`
//! pattern match an image, and why. The matching itself is the core's
//! (`credentials::keyring::urls_match_str`, Kubernetes' URLsMatchStr).

use podplay_core::credentials::keyring::urls_match_str;
use podplay_core::versions::Version;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MatchTesterProps {
    pub version: String,
}

#[function_component(MatchTester)]
pub fn match_tester(props: &MatchTesterProps) -> Html {
    let pattern = use_state(|| "*.my-registry.io/images".to_string());
    let image = use_state(|| "eu.my-registry.io/images/app".to_string());
    let version = Version::parse(&props.version).unwrap_or_else(|_| Version::newest());
    let outcome = urls_match_str(&pattern, &image, version);
    let on_input = |target: UseStateHandle<String>| {
        Callback::from(move |e: InputEvent| {
            target.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    html! {
        <details class="match-tester">
            <summary>{ "matchImages tester" }</summary>
            <label>{ "pattern " }<input aria-label="pattern" value={(*pattern).clone()} oninput={on_input(pattern.clone())} /></label>
            <label>{ "image " }<input aria-label="image" value={(*image).clone()} oninput={on_input(image.clone())} /></label>
            <p class={classes!("match-result", outcome.matched.then_some("match"))} role="status">
                <strong>{ if outcome.matched { "matches" } else { "does not match" } }</strong>
                { format!(": {}", outcome.why) }
                if let Some(e) = &outcome.error {
                    <span class="k8s-error">{ format!(" ({e})") }</span>
                }
            </p>
            <p class="hint">{ "The same rule serves config.json keys and credential provider plugins: hosts match label by label (* globs one label), the port must be equal, the path is a plain prefix. The kubelet asks about the image's repository without tag, e.g. docker.io/library/nginx." }</p>
        </details>
    }
}
