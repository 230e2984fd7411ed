//! `podplay schedule`: the RuntimeClass merge, then which nodes accept the pod and which one
//! wins, in the scheduler's words.
//!
//! JSON output: `{kubernetesVersion, pod, nodeSource, merge, admissionError, admittedPod,
//! nodes, message, postFilterMessage, scheduledEvent, assignedTo, assignedAmong, tie,
//! feasibleNodes, scorePlugins, nominatedNode, nominatedAmong, preemptionVictims, bypassed,
//! notes, diagnostics}`; `nodes`, `message` and `assignedTo` are always present (null when
//! admission rejected the pod).

use crate::admit::{options_from, ADMISSION};
use crate::args::{
    misuse, read_input, Args, Command, Opt, CONTEXT, KUBERNETES_VERSION, NAMESPACE,
    OUTPUT_JSON_OR_TEXT,
};
use podplay_core::scheduling::paste::{analyze, ScheduleReport};
use podplay_core::scheduling::{FilterOutcome, Scheduling};
use serde_json::Value;

pub const COMMAND: Command = Command {
    name: "schedule",
    usage: "schedule [--kubernetes-version X.Y] [--namespace NS] [--output json|text] [--example-cluster] [--context FILE] FILE|-
        the RuntimeClass merge, which nodes accept the pod (filter by filter) and which one
        wins, with the FailedScheduling or Scheduled event; FILE holds the pod, RuntimeClasses,
        PriorityClasses, Nodes and running Pods (with spec.nodeName); --example-cluster
        schedules onto podplay's example cluster when FILE has no Node",
    options: &[
        KUBERNETES_VERSION,
        NAMESPACE,
        OUTPUT_JSON_OR_TEXT,
        Opt::switch(
            "--example-cluster",
            "schedule onto podplay's example cluster when FILE has no Node",
        ),
        CONTEXT,
        ADMISSION[0],
        ADMISSION[1],
        ADMISSION[2],
        ADMISSION[3],
    ],
    run,
};

pub fn run(args: Args) -> u8 {
    // Checked before the (possibly long) analysis, not after it.
    let output = args.get("--output").unwrap_or("json");
    if output != "json" && output != "text" {
        return misuse(
            "schedule",
            &format!("unknown --output {output:?} (json or text)"),
        );
    }
    let options = match options_from(&args) {
        Ok(o) => o,
        Err(e) => return misuse("schedule", &e),
    };
    let [path] = args.positional.as_slice() else {
        return misuse(
            "schedule",
            "expected exactly one FILE (or - for standard input)",
        );
    };
    let text = match read_input(path) {
        Ok(t) => t,
        Err(e) => return misuse("schedule", &e),
    };
    let report = analyze(&text, &options, args.get("--example-cluster").is_some());
    match output {
        "json" => outln!(
            "{}",
            serde_json::to_string_pretty(&contract_json(&report)).unwrap_or_default()
        ),
        _ => out!("{}", text_output(&report)),
    }
    0
}

/// The JSON contract: the report's flat JSON, with the scheduling keys present even when
/// nothing was scheduled, plus the conformance cases' summary keys: `scores` (each feasible
/// node's total, only when more than one node is feasible: prioritizeNodes runs only then)
/// and `boundTo` (the node the `pods/binding` names, when one node wins outright).
pub fn contract_json(report: &ScheduleReport) -> Value {
    let mut v = report.flat_json();
    if let Some(m) = v.as_object_mut() {
        for key in ["nodes", "message", "assignedTo"] {
            m.entry(key).or_insert(Value::Null);
        }
        if let Some(sch) = &report.scheduling {
            let mut scores = serde_json::Map::new();
            for n in sch.nodes.iter().filter(|n| n.feasible) {
                if let Some(total) = n.total {
                    scores.insert(n.name.clone(), Value::from(total));
                }
            }
            if scores.len() > 1 {
                m.insert("scores".into(), Value::Object(scores));
            }
            if let Some(node) = &sch.assigned_to {
                m.insert("boundTo".into(), Value::from(node.clone()));
            }
            // The contract maps each node that may be nominated to its victims.
            if !sch.nominated_among.is_empty() {
                let among: serde_json::Map<String, Value> = sch
                    .nominated_among
                    .iter()
                    .map(|n| (n.node.clone(), Value::from(n.victims.clone())))
                    .collect();
                m.insert("nominatedAmong".into(), Value::Object(among));
            }
        }
    }
    v
}

fn compact(v: &Value) -> String {
    if v.is_null() {
        "-".to_string()
    } else {
        v.to_string()
    }
}

fn text_output(r: &ScheduleReport) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "Kubernetes {}: pod {}\n",
        r.kubernetes_version,
        r.pod.as_deref().unwrap_or("?")
    ));
    for d in &r.diagnostics {
        s.push_str(&format!("note: {d}\n"));
    }
    if let Some(m) = &r.merge {
        s.push_str(&format!(
            "\nRuntimeClass {} ({})\n",
            m.runtime_class_name.as_deref().unwrap_or("-"),
            if m.runtime_class_found {
                "found"
            } else {
                "not in the paste"
            }
        ));
        for (name, c) in [
            ("nodeSelector", &m.node_selector),
            ("tolerations", &m.tolerations),
            ("overhead", &m.overhead),
        ] {
            s.push_str(&format!(
                "  {name}\n    pod:          {}\n    RuntimeClass: {}\n    result:       {}\n",
                compact(&c.pod),
                compact(&c.runtime_class),
                compact(&c.result)
            ));
        }
        for d in &m.dropped {
            s.push_str(&format!("  dropped: {}\n", d.why));
        }
        if let Some(e) = &m.error {
            s.push_str(&format!("  rejected: {e}\n"));
        }
    }
    if let Some(e) = &r.admission_error {
        s.push_str(&format!(
            "\nError from server (Forbidden or Invalid): {e}\n"
        ));
    }
    if let Some(sch) = &r.scheduling {
        s.push_str(&scheduling_text(sch, r));
    }
    s
}

fn scheduling_text(sch: &Scheduling, r: &ScheduleReport) -> String {
    let mut s = String::new();
    if let Some(b) = &sch.bypassed {
        s.push_str(&format!("\n{b}\n"));
    }
    let source = match r.node_source {
        podplay_core::scheduling::paste::NodeSource::Paste => "nodes from the paste",
        podplay_core::scheduling::paste::NodeSource::ExampleCluster => {
            "nodes from the example cluster"
        }
    };
    s.push_str(&format!(
        "\nFilters ({source}; first rejection stops a node)\n"
    ));
    for n in &sch.nodes {
        let verdict = if n.feasible {
            "feasible".to_string()
        } else {
            format!(
                "{}: {}",
                n.plugin.as_deref().unwrap_or("PreFilter"),
                n.reasons.join(", ")
            )
        };
        s.push_str(&format!("  {:<16} {verdict}\n", n.name));
        for f in &n.filters {
            let mark = match f.status {
                FilterOutcome::Passed => "pass",
                FilterOutcome::Rejected => "REJECT",
                FilterOutcome::NotReached => "not reached",
                FilterOutcome::Skipped => "skipped",
            };
            match (&f.status, &f.note) {
                (FilterOutcome::Rejected, Some(why)) => {
                    s.push_str(&format!("      {:<18} {mark} ({why})\n", f.plugin))
                }
                _ => s.push_str(&format!("      {:<18} {mark}\n", f.plugin)),
            }
        }
        if let Some(p) = &n.preemption {
            s.push_str(&format!("      preemption: {p}\n"));
        }
        if let Some(total) = n.total {
            let parts: Vec<String> = n
                .scores
                .iter()
                .map(|sc| format!("{} {}×{}", sc.plugin, sc.score, sc.weight))
                .collect();
            s.push_str(&format!("      score {total} = {}\n", parts.join(" + ")));
        }
    }
    if let Some(m) = &sch.message {
        s.push_str(&format!(
            "\nWarning  FailedScheduling  default-scheduler  {m}\n"
        ));
    }
    if let Some(e) = &sch.scheduled_event {
        s.push_str(&format!("\nNormal  Scheduled  default-scheduler  {e}\n"));
    }
    if let Some(t) = &sch.tie {
        s.push_str(&format!(
            "\nTie between {}: {t}\n",
            sch.assigned_among.join(", ")
        ));
    }
    if let Some(n) = &sch.nominated_node {
        s.push_str(&format!(
            "\nPreemption nominates {n}, evicting {}\n",
            sch.preemption_victims.join(", ")
        ));
    }
    if !sch.nominated_among.is_empty() {
        s.push_str(&format!(
            "\nPreemption could nominate any of {}\n",
            sch.nominated_among
                .iter()
                .map(|n| format!("{} (evicting {})", n.node, n.victims.join(", ")))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    for note in &sch.notes {
        s.push_str(&format!("note: {note}\n"));
    }
    s
}
