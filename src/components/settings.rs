//! Cluster and node settings: which admission plugins run (like kube-apiserver's
//! `--enable-admission-plugins`), whether the images are already on the node, and the values
//! a real cluster would decide that podplay simulates (the environment view marks them).

use crate::state::Settings;
use podplay_core::environment::SimulatedValues;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub settings: Settings,
    pub on_change: Callback<Settings>,
}

type Field = (&'static str, &'static str, fn(&mut Settings) -> &mut bool);

const FIELDS: &[Field] = &[
    ("ServiceAccount", "admission plugin, on by default", |s| {
        &mut s.service_account
    }),
    ("Priority", "admission plugin, on by default", |s| {
        &mut s.priority
    }),
    (
        "DefaultTolerationSeconds",
        "admission plugin, on by default",
        |s| &mut s.default_toleration_seconds,
    ),
    ("RuntimeClass", "admission plugin, on by default", |s| {
        &mut s.runtime_class
    }),
    (
        "LimitRanger",
        "admission plugin, on by default; acts when a LimitRange is given (paste or cluster context panel)",
        |s| &mut s.limit_ranger,
    ),
    (
        "AlwaysPullImages",
        "admission plugin, off by default",
        |s| &mut s.always_pull_images,
    ),
    (
        "Images already on the node",
        "changes what the kubelet does with IfNotPresent and Never",
        |s| &mut s.image_present,
    ),
];

/// A simulated value: its label, its hint and where it lives.
type SimField = (
    &'static str,
    &'static str,
    fn(&mut SimulatedValues) -> &mut String,
);

/// The simulated values the person may change (`Options.simulated`).
const SIMULATED: &[SimField] = &[
    (
        "node name",
        "spec.nodeName when no Node the pod is bound to is given (paste or cluster context panel)",
        |s| &mut s.node.name,
    ),
    ("node IP", "the node's InternalIP: status.hostIP", |s| {
        &mut s.node.internal_ip
    }),
    (
        "node cpu",
        "node allocatable cpu: an unset limits.cpu in resourceFieldRef",
        |s| &mut s.node.cpu,
    ),
    (
        "node memory",
        "node allocatable memory: an unset limits.memory in resourceFieldRef",
        |s| &mut s.node.memory,
    ),
    ("pod IP", "status.podIP, given by the network plugin", |s| {
        &mut s.pod_ip
    }),
    (
        "kubernetes Service IP",
        "the default/kubernetes Service's clusterIP (KUBERNETES_SERVICE_HOST)",
        |s| &mut s.kubernetes_service.cluster_ip,
    ),
    ("pod uid", "metadata.uid when the pod has none", |s| {
        &mut s.pod_uid
    }),
    ("cluster domain", "the kubelet's clusterDomain", |s| {
        &mut s.cluster_domain
    }),
];

/// Text inputs for the simulated values; a value is applied when the input is left (change),
/// and an emptied one goes back to its default.
fn simulated_group(props: &SettingsProps) -> Html {
    let defaults = SimulatedValues::default();
    let inputs = SIMULATED.iter().map(|(label, hint, field)| {
        let mut current = props.settings.simulated.clone();
        let value = field(&mut current).clone();
        let mut default = defaults.clone();
        let placeholder = field(&mut default).clone();
        let onchange = {
            let on_change = props.on_change.clone();
            let settings = props.settings.clone();
            let field = *field;
            Callback::from(move |e: Event| {
                let typed = e.target_unchecked_into::<HtmlInputElement>().value();
                let mut next = settings.clone();
                *field(&mut next.simulated) = match typed.trim() {
                    "" => placeholder.clone(),
                    t => t.to_string(),
                };
                on_change.emit(next);
            })
        };
        html! {
            <label class="setting sim" title={*hint}>
                <span>{ *label }</span>
                <input type="text" {value} {onchange} spellcheck="false" autocomplete="off" />
            </label>
        }
    });
    let changed = props.settings.simulated != defaults;
    let reset = {
        let on_change = props.on_change.clone();
        let settings = props.settings.clone();
        Callback::from(move |_: MouseEvent| {
            on_change.emit(Settings {
                simulated: SimulatedValues::default(),
                ..settings.clone()
            })
        })
    };
    html! {
        <fieldset class="sim-values" data-testid="simulated-settings">
            <legend>{ "Simulated values" }</legend>
            <p class="hint">{ "What a real cluster decides when it schedules and starts the pod; the Environment view uses them (marked “simulated”) unless the paste or the cluster context panel gives them." }</p>
            <div class="settings-grid sim-grid">{ for inputs }</div>
            if changed {
                <button type="button" onclick={reset}>{ "Reset simulated values" }</button>
            }
        </fieldset>
    }
}

#[function_component(SettingsPanel)]
pub fn settings_panel(props: &SettingsProps) -> Html {
    let boxes = FIELDS.iter().map(|(label, hint, field)| {
        let mut current = props.settings.clone();
        let checked = *field(&mut current);
        let onchange = {
            let on_change = props.on_change.clone();
            let settings = props.settings.clone();
            let field = *field;
            Callback::from(move |_: Event| {
                let mut next = settings.clone();
                let slot = field(&mut next);
                *slot = !*slot;
                on_change.emit(next);
            })
        };
        html! {
            <label class="setting" title={*hint}>
                <input type="checkbox" {checked} {onchange} />
                { *label }
            </label>
        }
    });
    html! {
        <details class="settings">
            <summary>{ "Cluster settings" }</summary>
            <div class="settings-grid">{ for boxes }</div>
            { simulated_group(props) }
        </details>
    }
}
