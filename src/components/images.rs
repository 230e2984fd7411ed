//! Every image of the pod as the kubelet sees it: the normalized reference, the pull policy
//! and why, what the kubelet does, the registry credentials it would try in order, why every
//! other key does not match, and the ImagePullBackOff schedule.
//! Everything shown is decided by the core (`report.views.images`); this only lays it out.
//! Passwords never reach this component: the core's credentials carry only `hasPassword`.

use crate::state::ReportRef;
use podplay_core::credentials::Credential;
use podplay_core::images::{BackoffSchedule, Event, KubeletAction, PolicySetBy, PullOutcomes};
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

fn credential_row(index: usize, c: &Credential) -> Html {
    let password = if c.has_password {
        "••••••"
    } else {
        "(none)"
    };
    html! {
        <li>
            { format!("{}. ", index + 1) }
            <code>{ &c.username }</code>{ format!(" / {password} from ") }
            { &c.source }{ " key " }<code>{ &c.key }</code>
        </li>
    }
}

/// Every keyring key checked for the image: matched or why not.
fn key_checks(image: &PodImage) -> Html {
    let rows = image.credentials.sources.iter().flat_map(|s| {
        let source = s.source.clone();
        s.lookup.checks.iter().map(move |k| {
            let mark = if k.outcome.matched { "✓" } else { "✗" };
            html! {
                <li class={classes!(k.outcome.matched.then_some("match"))}>
                    { format!("{mark} ") }<code>{ &k.key }</code>
                    { format!(" ({source}): {}", k.outcome.why) }
                </li>
            }
        })
    });
    let ignored = image.credentials.sources.iter().flat_map(|s| {
        s.lookup.ignored.iter().map(|i| {
            html! { <li>{ "✗ " }<code>{ &i.key }</code>{ format!(": {} ({})", i.why, i.error) }</li> }
        })
    });
    let fallback = image
        .credentials
        .sources
        .iter()
        .filter(|s| s.lookup.docker_hub_fallback)
        .map(|s| html! { <li>{ format!("{}: {}", s.source, s.lookup.why) }</li> });
    html! { <ul class="key-checks">{ for rows }{ for ignored }{ for fallback }</ul> }
}

/// The ImagePullBackOff schedule as a small bar chart (one bar per failed pull).
fn backoff_chart(b: &BackoffSchedule) -> Html {
    let max = b
        .steps
        .iter()
        .map(|s| s.backoff_seconds)
        .max()
        .unwrap_or(1)
        .max(1);
    html! {
        <figure class="backoff" aria-label="ImagePullBackOff schedule">
            <ol>
                { for b.steps.iter().map(|s| {
                    let pct = s.backoff_seconds * 100 / max;
                    html! {
                        <li title={format!("failure {}: next try {} s later (at {} s)", s.failure, s.backoff_seconds, s.retry_at_seconds)}>
                            <span class="bar" style={format!("width:{pct}%")}></span>
                            <span class="bar-label">{ format!("{} s", s.backoff_seconds) }</span>
                        </li>
                    }
                }) }
            </ol>
            <figcaption>{ &b.why }</figcaption>
        </figure>
    }
}

fn event_row(e: &Event) -> Html {
    html! { <div class="event">{ format!("{} {}: {}", e.kind, e.reason, e.message) }</div> }
}

/// What follows `Pulling image`: the events of a pull that succeeds (with the simulated
/// values, said as such) and of one that fails, then the back-off.
fn pull_rows(image: &PodImage, pull: &PullOutcomes) -> Html {
    html! {
        <>
            <dt>{ "if the pull succeeds" }</dt>
            <dd class="pull-success">
                { for pull.success.iter().map(event_row) }
                <div class="image-why">{ &pull.simulated_why }
                    if pull.simulated.fails { { " (the Start-up view plays this pull as failing)" } }
                </div>
            </dd>
            <dt>{ "if the pull fails" }</dt>
            <dd class="pull-failure">
                { for pull.failure.iter().map(event_row) }
                <div class="event">{ "waiting reason " }<code>{ &pull.failure_waiting_reason }</code></div>
                { for pull.backoff.iter().map(event_row) }
                <div class="event">
                    { "waiting reason " }<code>{ &pull.backoff_waiting_reason }</code>
                    { format!(", message: {}", pull.backoff_waiting_message) }
                </div>
                <div class="image-why">{ &pull.error_why }</div>
                if let Some(why) = &image.pull_error {
                    <div class="image-why">{ why }</div>
                }
                { backoff_chart(&image.report.backoff) }
            </dd>
        </>
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
                    <span class="image-who">{ format!(" — {} {}: {}", image.role, image.name, policy.policy) }</span>
                </summary>
                <dl>
                    <dt>{ "reference" }</dt>
                    <dd><code>{ normalized }</code></dd>
                    <dt>{ "pull policy" }</dt>
                    <dd>
                        <code>{ &policy.policy }</code>{ format!(" ({}) — ", set_by_label(policy.set_by)) }
                        <span class="image-why">{ &policy.why }</span>
                    </dd>
                    <dt>{ "kubelet" }</dt>
                    <dd>
                        { action_label(kubelet.action) }
                        if let Some(reason) = &kubelet.waiting_reason {
                            { " (" }<code>{ reason }</code>{ ")" }
                        }
                        { " — " }<span class="image-why">{ &kubelet.why }</span>
                        { for kubelet.events.iter().map(event_row) }
                    </dd>
                    <dt>{ "credentials" }</dt>
                    <dd>
                        <span class="image-why">{ &credentials.attempts }</span>
                        if !credentials.matches.is_empty() {
                            <ol class="creds">{ for credentials.matches.iter().enumerate().map(|(i, c)| credential_row(i, c)) }</ol>
                        }
                        { key_checks(image) }
                        { for image.providers.iter().map(|p| html! {
                            <div class="provider">{ format!("plugin {}: {}", p.provider, p.why) }</div>
                        }) }
                    </dd>
                    if !image.report.warnings.is_empty() {
                        <dt>{ "review" }</dt>
                        <dd>{ for image.report.warnings.iter().map(|w| html! { <div>{ &w.message }{ " — " }<span class="image-why">{ &w.why }</span></div> }) }</dd>
                    }
                    if let Some(pull) = &image.report.pull {
                        { pull_rows(image, pull) }
                    }
                </dl>
            </details>
        </li>
    }
}

#[function_component(Images)]
pub fn images(props: &ImagesProps) -> Html {
    let Some(images) = props.report.views.images.as_ref() else {
        return html! {};
    };
    if images.images.is_empty() {
        return html! {};
    }
    html! {
        <section class="images" aria-label="Images">
            <h2>{ format!("Images ({})", images.images.len()) }</h2>
            if let Some(why) = &images.not_created {
                <p class="images-not-created">{ why }</p>
            }
            <ul>{ for images.images.iter().map(render_image) }</ul>
            if let Some(error) = &images.pull_secret_error {
                <p>{ "The kubelet cannot read the pod's pull secrets: " }<span class="k8s-error">{ error }</span></p>
            }
            { for images.pull_secrets.iter().map(|s| html! {
                <p class="pull-secret">
                    { "pull secret " }<code>{ &s.name }</code>{ format!(": {} — {}", s.status, s.why) }
                </p>
            }) }
            if let Some(event) = &images.missing_secrets_event {
                <p class="event">{ format!("{} {}: {}", event.kind, event.reason, event.message) }</p>
            }
            if let Some(node) = &images.node_config {
                <p class="pull-secret">
                    { "node config.json: " }
                    { node.error.clone().unwrap_or_else(|| format!("keys {}", node.keys.join(", "))) }
                </p>
            }
        </section>
    }
}
