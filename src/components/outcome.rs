//! The banner above the output: what the API server would answer.

use crate::state::ReportRef;
use podplay_core::pipeline::Outcome;
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

/// The outcome's variant name for `data-outcome` (what `{:?}` prints, without linking the
/// Debug formatting machinery into the page).
pub fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Created => "Created",
        Outcome::RejectedAdmission => "RejectedAdmission",
        Outcome::RejectedValidation => "RejectedValidation",
        Outcome::RejectedValidatingAdmission => "RejectedValidatingAdmission",
        Outcome::DecodeError => "DecodeError",
        Outcome::BadRequest => "BadRequest",
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
    let created = admit.outcome == Outcome::Created;
    let class = classes!(
        "banner",
        if created { "created" } else { "rejected" },
        props.stale.then_some("stale")
    );
    html! {
        <div {class} role="status" data-outcome={outcome_name(admit.outcome)}>
            <strong>{ outcome_title(admit.outcome) }</strong>
            if created {
                <span>{ &admit.server_message }</span>
            } else {
                <pre class="k8s-error">{ &admit.server_message }</pre>
                if admit.errors.len() > 1 {
                    <span class="stale-note">{ format!("{} errors; each is pinned to its line under Problems.", admit.errors.len()) }</span>
                }
            }
            if props.stale {
                <span class="stale-note">{ "The text has a problem; this is the last valid result." }</span>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn outcome_names_are_the_debug_names() {
        for outcome in [
            Outcome::Created,
            Outcome::RejectedAdmission,
            Outcome::RejectedValidation,
            Outcome::RejectedValidatingAdmission,
            Outcome::DecodeError,
            Outcome::BadRequest,
        ] {
            assert_eq!(outcome_name(outcome), format!("{outcome:?}"));
        }
    }
}
