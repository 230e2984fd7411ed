//! Copy and download buttons over each view: the stored object as YAML (copy, download) and
//! as `kubectl describe pod` (the core's `describe.rs`, computed in the worker), the
//! environment as `NAME=value` lines, the scheduler's message, the timelines' events as
//! `kubectl describe` lists them. Copies go through `browser::copy_to_clipboard`, downloads
//! through a Blob URL (`browser::download_text`): nothing leaves the page.

use crate::browser;
use crate::state::ReportRef;
use podplay_core::Report;
use yew::prelude::*;

/// One button: what it says, its test hook, and the text it copies or saves.
struct Output {
    label: &'static str,
    id: &'static str,
    /// `Some(file name)` for a download, None for a copy.
    file: Option<String>,
    text: String,
}

fn copy(label: &'static str, id: &'static str, text: String) -> Output {
    Output {
        label,
        id,
        file: None,
        text,
    }
}

/// The stored object's name for a file name (`web.yaml`), from its `metadata.name` line.
fn file_name(report: &Report) -> String {
    let name = report
        .views
        .defaults
        .as_ref()
        .and_then(|d| d.output.iter().find(|l| l.path == "metadata.name"))
        .and_then(|l| l.text.split_once(": ").map(|(_, v)| v.trim().to_string()))
        .unwrap_or_default();
    let safe: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
        .collect();
    format!("{}.yaml", if safe.is_empty() { "pod" } else { &safe })
}

/// What a view offers to copy or save (nothing for a view without a main text).
fn outputs(tab: &str, report: &Report) -> Vec<Output> {
    let views = &report.views;
    match tab {
        "defaults" => {
            let Some(d) = views.defaults.as_ref() else {
                return Vec::new();
            };
            let mut yaml = String::new();
            for line in &d.output {
                yaml.push_str(&line.text);
                yaml.push('\n');
            }
            let mut list = vec![
                copy("Copy as YAML", "copy-yaml", yaml.clone()),
                Output {
                    label: "Download YAML",
                    id: "download-yaml",
                    file: Some(file_name(report)),
                    text: yaml,
                },
            ];
            if let Some(describe) = &d.describe {
                list.push(copy(
                    "Copy as kubectl describe",
                    "copy-describe",
                    describe.clone(),
                ));
            }
            list
        }
        "scheduling" => views
            .scheduling
            .as_ref()
            .and_then(|s| s.scheduling.as_ref())
            .and_then(|s| {
                // The FailedScheduling note, the Scheduled event, or why a tie has no winner.
                let tie = s
                    .tie
                    .as_ref()
                    .map(|why| format!("tie between {}: {why}", s.assigned_among.join(", ")));
                s.message
                    .clone()
                    .or_else(|| s.scheduled_event.clone())
                    .or(tie)
                    .or_else(|| s.bypassed.clone())
            })
            .map(|m| vec![copy("Copy the scheduler's message", "copy-scheduler", m)])
            .unwrap_or_default(),
        "termination" => views
            .termination
            .as_ref()
            .map(|t| events(&t.kube_events, t.end, report))
            .unwrap_or_default(),
        "startup" => views
            .startup
            .as_ref()
            .map(|t| events(&t.kube_events, t.end, report))
            .unwrap_or_default(),
        "environment" => views
            .environment
            .as_ref()
            .map(|e| {
                let mut text = String::new();
                for c in &e.containers {
                    text.push_str(&format!("# {}\n", c.name));
                    match &c.env {
                        Some(rows) => rows
                            .iter()
                            .for_each(|r| text.push_str(&format!("{}={}\n", r.name, r.value))),
                        None => text.push_str("# (the kubelet could not build this environment)\n"),
                    }
                }
                vec![copy("Copy as NAME=value", "copy-env", text)]
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn events(list: &[podplay_core::timeline::KubeEvent], end: u64, report: &Report) -> Vec<Output> {
    // kubectl describe's event lines differ by release (the field path from 1.35).
    let version = podplay_core::versions::Version::parse(&report.kubernetes_version)
        .unwrap_or_else(|_| podplay_core::versions::Version::newest());
    let text = podplay_core::describe::events(list, end, version);
    vec![copy("Copy the events", "copy-events", text)]
}

#[derive(Properties, PartialEq)]
pub struct OutputToolsProps {
    /// The view's tab id (`defaults`, `environment`, ...).
    pub tab: AttrValue,
    pub report: ReportRef,
}

#[function_component(OutputTools)]
pub fn output_tools(props: &OutputToolsProps) -> Html {
    // The button whose text was just copied or saved (for its "Copied" label and the status).
    let done = use_state(|| None::<&'static str>);
    let items = outputs(&props.tab, &props.report);
    if items.is_empty() {
        return html! {};
    }
    let buttons = items.into_iter().map(|item| {
        let onclick = {
            let done = done.clone();
            let (id, file, text) = (item.id, item.file.clone(), item.text);
            Callback::from(move |_: MouseEvent| {
                match &file {
                    Some(name) => browser::download_text(name, &text, "application/yaml"),
                    None => browser::copy_to_clipboard(&text),
                }
                done.set(Some(id));
                let done = done.clone();
                gloo_timers::callback::Timeout::new(2_000, move || done.set(None)).forget();
            })
        };
        let label = match (*done == Some(item.id), &item.file) {
            (true, Some(_)) => "Saved",
            (true, None) => "Copied",
            (false, _) => item.label,
        };
        html! {
            <button type="button" data-testid={item.id} {onclick}>{ label }</button>
        }
    });
    let status = match *done {
        Some(id) if id.starts_with("download") => "Saved as a file.",
        Some(_) => "Copied to the clipboard.",
        None => "",
    };
    html! {
        <div class="output-tools" role="group" aria-label="Copy and download" data-done={done.map(AttrValue::from)}>
            { for buttons }
            <span class="visually-hidden" role="status">{ status }</span>
        </div>
    }
}
