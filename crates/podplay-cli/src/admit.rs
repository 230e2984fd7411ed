//! `podplay admit`: what the API server would do with a pod (`kubectl create --dry-run=server`).
//!
//! JSON output is the conformance contract: `{kubernetesVersion, outcome, pod, errors,
//! warnings, changes}`, plus `diagnostics` (every message with its input line).

use crate::args::{
    context_text, misuse, read_input, Args, Command, Opt, CONTEXT, KUBERNETES_VERSION, NAMESPACE,
};
use podplay_core::admission::AdmissionSettings;
use podplay_core::kubectl_yaml;
use podplay_core::pipeline::Outcome;
use podplay_core::report::{build, Options, Report, Severity};
use podplay_core::versions::Version;
use serde_json::{json, Value};

pub const COMMAND: Command = Command {
    name: "admit",
    usage: "admit [--kubernetes-version X.Y] [--namespace NS] [--output json|yaml|text] [--context FILE] FILE|-
        what the API server would do with the pod in FILE (defaulting, admission, validation)",
    options: &[
        KUBERNETES_VERSION,
        NAMESPACE,
        Opt::valued(
            "--output",
            "json|yaml|text",
            "output format (default: json)",
        ),
        CONTEXT,
        ADMISSION[0],
        ADMISSION[1],
        ADMISSION[2],
        ADMISSION[3],
    ],
    run,
};

/// kube-apiserver's admission flags, read by [`options_from`] (`admit` and `schedule`).
pub const ADMISSION: [Opt; 4] = [
    Opt::valued(
        "--enable-admission-plugins",
        "A,B",
        "admission plugins to turn on (kube-apiserver's names; repeatable)",
    ),
    Opt::valued(
        "--disable-admission-plugins",
        "A,B",
        "admission plugins to turn off (repeatable)",
    ),
    Opt::valued(
        "--default-not-ready-toleration-seconds",
        "N",
        "DefaultTolerationSeconds for not-ready (default: 300)",
    ),
    Opt::valued(
        "--default-unreachable-toleration-seconds",
        "N",
        "DefaultTolerationSeconds for unreachable (default: 300)",
    ),
];

pub fn run(args: Args) -> u8 {
    // Checked before the (possibly long) analysis, not after it.
    let output = args.get("--output").unwrap_or("json");
    if !["json", "yaml", "text"].contains(&output) {
        return misuse(
            "admit",
            &format!("unknown --output {output:?} (json, yaml or text)"),
        );
    }
    let options = match options_from(&args) {
        Ok(o) => o,
        Err(e) => return misuse("admit", &e),
    };
    let [path] = args.positional.as_slice() else {
        return misuse(
            "admit",
            "expected exactly one FILE (or - for standard input)",
        );
    };
    let text = match read_input(path) {
        Ok(t) => t,
        Err(e) => return misuse("admit", &e),
    };
    let report = build(&text, &options);
    match output {
        "json" => outln!(
            "{}",
            serde_json::to_string_pretty(&contract_json(&report)).unwrap_or_default()
        ),
        "yaml" => out!("{}", kubectl_yaml::render(&contract_json(&report))),
        _ => out!("{}", text_output(&report)),
    }
    0
}

pub(crate) fn options_from(args: &Args) -> Result<Options, String> {
    // Without --kubernetes-version the newest supported release is modelled.
    let version = match args.get("--kubernetes-version") {
        Some(v) => Version::parse(v)?,
        None => Version::newest(),
    };
    let mut options = Options::new(version);
    options.namespace = args.get("--namespace").map(str::to_string);
    options.context_text = context_text(args)?;
    let mut s = AdmissionSettings::default();
    for (flag, on) in [
        ("--enable-admission-plugins", true),
        ("--disable-admission-plugins", false),
    ] {
        for name in args
            .all(flag)
            .iter()
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            let slot = match name {
                "ServiceAccount" => &mut s.service_account,
                "Priority" => &mut s.priority,
                "DefaultTolerationSeconds" => &mut s.default_toleration_seconds,
                "RuntimeClass" => &mut s.runtime_class,
                "AlwaysPullImages" => &mut s.always_pull_images,
                "LimitRanger" => &mut s.limit_ranger,
                other => {
                    return Err(format!(
                        "{flag}: podplay does not model admission plugin {other:?}"
                    ))
                }
            };
            *slot = on;
        }
    }
    for (flag, slot) in [
        (
            "--default-not-ready-toleration-seconds",
            &mut s.not_ready_toleration_seconds,
        ),
        (
            "--default-unreachable-toleration-seconds",
            &mut s.unreachable_toleration_seconds,
        ),
    ] {
        if let Some(v) = args.get(flag) {
            *slot = v
                .parse()
                .map_err(|_| format!("{flag} needs a whole number of seconds"))?;
        }
    }
    options.admission = s;
    Ok(options)
}

/// The JSON contract of `podplay admit`.
pub fn contract_json(report: &Report) -> Value {
    let diagnostics = serde_json::to_value(&report.diagnostics).unwrap_or(Value::Null);
    match &report.admit {
        Some(view) => json!({
            "kubernetesVersion": report.kubernetes_version,
            "outcome": view.outcome,
            "pod": view.result.pod,
            "errors": view.result.errors,
            "warnings": view.result.warnings,
            "changes": view.result.changes,
            "diagnostics": diagnostics,
        }),
        None => {
            // No pod could be analysed: a YAML syntax error, or no Pod in the input.
            let errors: Vec<&str> = report
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.message.as_str())
                .collect();
            let outcome = if errors.is_empty() {
                Value::Null
            } else {
                json!(Outcome::DecodeError)
            };
            json!({
                "kubernetesVersion": report.kubernetes_version,
                "outcome": outcome,
                "pod": Value::Null,
                "errors": errors,
                "warnings": [],
                "changes": [],
                "diagnostics": diagnostics,
            })
        }
    }
}

/// A readable summary: the outcome, the errors with their lines, and the pod with each
/// added field annotated.
fn text_output(report: &Report) -> String {
    let mut out = format!("Kubernetes {}\n", report.kubernetes_version);
    if let Some(s) = &report.subject {
        out.push_str(&format!(
            "{} {:?} (line {}): {}\n",
            s.kind, s.name, s.pos.line, s.note
        ));
    }
    if let Some(view) = &report.admit {
        let outcome = serde_json::to_value(view.outcome)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        out.push_str(&format!("outcome: {outcome}\n"));
    }
    for d in &report.diagnostics {
        let at = d
            .pos
            .map(|p| format!("{}:{}: ", p.line, p.col))
            .unwrap_or_default();
        let sev = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        out.push_str(&format!("{at}{sev}: {}\n", d.message));
    }
    if let Some(view) = &report.views.defaults {
        if !view.output.is_empty() {
            out.push_str(if view.created {
                "\n# the pod as stored\n"
            } else {
                "\n# the last stage reached\n"
            });
            let width = view
                .output
                .iter()
                .map(|l| l.text.len())
                .max()
                .unwrap_or(0)
                .min(60);
            let mut shown = std::collections::HashSet::new();
            for line in &view.output {
                // Annotate the first line each change shows on.
                match line
                    .change
                    .filter(|i| shown.insert(*i))
                    .and_then(|i| view.changes.get(i))
                {
                    Some(c) => out.push_str(&format!(
                        "{:width$}  # {}: {}\n",
                        line.text, c.change.by, c.change.why
                    )),
                    None => out.push_str(&format!("{}\n", line.text)),
                }
            }
        }
    }
    out
}
