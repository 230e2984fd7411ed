//! The banner above the output: what the API server would answer.

use crate::state::ReportRef;
use podplay_core::admit::Outcome;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OutcomeBannerProps {
    /// The report the output pane shows (None: nothing to show yet).
    pub shown: Option<ReportRef>,
    pub stale: bool,
}

/// A heading for an outcome.
pub fn outcome_title(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Created => "Created",
        Outcome::RejectedAdmission => "Rejected by admission",
        Outcome::RejectedValidation => "Rejected by validation",
        Outcome::RejectedValidatingAdmission => "Rejected by validating admission",
        Outcome::DecodeError => "Could not decode",
        Outcome::BadRequest => "Bad request",
    }
}

#[function_component(OutcomeBanner)]
pub fn outcome_banner(props: &OutcomeBannerProps) -> Html {
    let Some(report) = props.shown.as_ref() else {
        return html! {
            <div class="banner none" role="status">
                <strong>{ "No result yet" }</strong>
                <span>{ "Paste a Pod (a document with kind: Pod); see Problems below the editor." }</span>
            </div>
        };
    };
    let Some(admit) = report.admit.as_ref() else {
        return html! {};
    };
    let name = report
        .subject
        .as_ref()
        .map(|s| s.name.as_str())
        .filter(|n| !n.is_empty());
    let created = admit.outcome == Outcome::Created;
    let class = classes!(
        "banner",
        if created { "created" } else { "rejected" },
        props.stale.then_some("stale")
    );
    html! {
        <div {class} role="status" data-outcome={format!("{:?}", admit.outcome)}>
            <strong>{ outcome_title(admit.outcome) }</strong>
            if created {
                <span>{ format!("pod/{} created (server dry run)", name.unwrap_or("<generated>")) }</span>
            }
            { for admit.errors.iter().map(|e| html! { <pre class="k8s-error">{ &e.message }</pre> }) }
            if props.stale {
                <span class="stale-note">{ "The text has a problem; this is the last valid result." }</span>
            }
        </div>
    }
}
