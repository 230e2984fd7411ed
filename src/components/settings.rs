//! Cluster and node settings: which admission plugins run (like kube-apiserver's
//! `--enable-admission-plugins`) and whether the images are already on the node.

use crate::state::Settings;
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
        "admission plugin, on by default; acts when a LimitRange is pasted",
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
        </details>
    }
}
