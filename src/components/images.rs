//! Every image of the pod as the kubelet sees it: the normalized reference, the pull policy
//! and why, what the kubelet does, and the registry credentials it would try.
//! Everything shown is decided by the core (`report.images`); this only lays it out.

use crate::state::ReportRef;
use podplay_core::images::{KubeletAction, PolicySetBy};
use podplay_core::pod_images::PodImage;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ImagesProps {
    pub report: ReportRef,
}

fn action_label(action: KubeletAction) -> &'static str {
    match action {
        KubeletAction::Pull => "pulls the image",
        KubeletAction::UseLocal => "uses the image on the node",
        KubeletAction::Fail => "cannot start the container",
    }
}

fn set_by_label(set_by: PolicySetBy) -> &'static str {
    match set_by {
        PolicySetBy::User => "set in the pod",
        PolicySetBy::Default => "defaulted",
        PolicySetBy::AlwaysPullImages => "set by AlwaysPullImages",
    }
}

fn render_image(image: &PodImage) -> Html {
    let reference = &image.report.reference;
    let normalized = reference
        .string
        .clone()
        .or_else(|| reference.error.clone())
        .unwrap_or_default();
    let policy = &image.report.pull_policy;
    let kubelet = &image.report.kubelet;
    let credentials = &image.credentials;
    html! {
        <li class="image">
            <details>
                <summary>
                    <code>{ &image.image }</code>
                    <span class="image-who">{ format!(" — {} {}", image.role, image.name) }</span>
                </summary>
                <dl>
                    <dt>{ "reference" }</dt>
                    <dd><code>{ normalized }</code></dd>
                    <dt>{ "pull policy" }</dt>
                    <dd>
                        <code>{ &policy.policy }</code>{ format!(" ({}) ", set_by_label(policy.set_by)) }
                        <span class="image-why">{ &policy.why }</span>
                    </dd>
                    <dt>{ "kubelet" }</dt>
                    <dd>
                        { action_label(kubelet.action) }{ " " }
                        if let Some(reason) = &kubelet.waiting_reason {
                            <code>{ reason }</code>{ " " }
                        }
                        <span class="image-why">{ &kubelet.why }</span>
                    </dd>
                    <dt>{ "credentials" }</dt>
                    <dd>
                        { format!("{} found · ", credentials.matches.len()) }
                        <span class="image-why">{ &credentials.attempts }</span>
                    </dd>
                </dl>
            </details>
        </li>
    }
}

#[function_component(Images)]
pub fn images(props: &ImagesProps) -> Html {
    let Some(images) = props.report.images.as_ref() else {
        return html! {};
    };
    if images.images.is_empty() {
        return html! {};
    }
    html! {
        <section class="images" aria-label="Images">
            <h2>{ format!("Images ({})", images.images.len()) }</h2>
            <ul>{ for images.images.iter().map(render_image) }</ul>
            if let Some(error) = &images.pull_secret_error {
                <p class="k8s-error">{ error }</p>
            }
            { for images.pull_secrets.iter().map(|s| html! {
                <p class="pull-secret">
                    { "pull secret " }<code>{ &s.name }</code>{ format!(": {} — {}", s.status, s.why) }
                </p>
            }) }
        </section>
    }
}
