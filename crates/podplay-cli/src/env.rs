//! `podplay env`: what each container of the pod actually sees in its environment, and where
//! every value came from (the kubelet's `makeEnvironmentVariables`, then command/args
//! expansion), after the create pipeline admitted the pod.
//!
//! JSON contract: `{kubernetesVersion, created, serverMessage, namespace, podName,
//! serviceAccountName, enableServiceLinks, envOrder, hostname, node, services, servicesNote,
//! simulated, containers: [{name, kind, env: [{name, value, source}], command, args, error,
//! skipped, runtimeVars}]}`. `env`, `command` and `args` are null when the kubelet fails for
//! the container; `error` is then its exact message.

use crate::args::{
    context_text, misuse, read_input, Args, Command, CONTEXT, KUBERNETES_VERSION,
    OUTPUT_JSON_OR_TEXT,
};
use podplay_core::environment::EnvironmentReport;
use podplay_core::report::{build, Options, Report};
use podplay_core::versions::Version;
use serde_json::{json, Value};

pub const COMMAND: Command = Command {
    name: "env",
    usage: "env [--kubernetes-version X.Y] [--output json|text] [--context FILE] FILE|-
        what each container of the pod sees in its environment, and where each value came from
        (FILE holds the pod plus Service, ConfigMap, Secret and Node documents)",
    options: &[KUBERNETES_VERSION, OUTPUT_JSON_OR_TEXT, CONTEXT],
    run,
};

pub fn run(args: Args) -> u8 {
    // Checked before the (possibly long) analysis, not after it.
    let output = args.get("--output").unwrap_or("json");
    if output != "json" && output != "text" {
        return misuse(
            "env",
            &format!("unknown --output {output:?} (json or text)"),
        );
    }
    let version = match args.get("--kubernetes-version").map(Version::parse) {
        None => Version::newest(),
        Some(Ok(v)) => v,
        Some(Err(e)) => return misuse("env", &e),
    };
    let mut options = Options::new(version);
    options.context_text = match context_text(&args) {
        Ok(t) => t,
        Err(e) => return misuse("env", &e),
    };
    let [path] = args.positional.as_slice() else {
        return misuse("env", "expected exactly one FILE (or - for standard input)");
    };
    let text = match read_input(path) {
        Ok(t) => t,
        Err(e) => return misuse("env", &e),
    };
    // The same path as the page: read the paste, create the pod, run the views.
    let analysis = EnvironmentAnalysis::of(build(&text, &options));
    match output {
        "json" => outln!(
            "{}",
            serde_json::to_string_pretty(&contract_json(&analysis)).unwrap_or_default()
        ),
        _ => out!("{}", text_output(&analysis)),
    }
    0
}

/// What `podplay env` reports: the API server's answer and, when the pod is created, the
/// environment view.
pub struct EnvironmentAnalysis {
    pub kubernetes_version: String,
    pub created: bool,
    /// `pod/<name> created` or the error; None when no pod was found.
    pub server_message: Option<String>,
    pub environment: Option<EnvironmentReport>,
}

impl EnvironmentAnalysis {
    pub fn of(report: Report) -> Self {
        EnvironmentAnalysis {
            kubernetes_version: report.kubernetes_version,
            created: report.admit.as_ref().is_some_and(|a| a.created),
            server_message: report.admit.map(|a| a.server_message),
            environment: report.views.environment,
        }
    }
}

/// The JSON contract of `podplay env`.
pub fn contract_json(a: &EnvironmentAnalysis) -> Value {
    let Some(env) = &a.environment else {
        return json!({
            "kubernetesVersion": a.kubernetes_version,
            "created": a.created,
            "serverMessage": a.server_message,
            "containers": [],
        });
    };
    let containers: Vec<Value> = env
        .containers
        .iter()
        .map(|c| {
            let failed = c.error.is_some();
            json!({
                "name": c.name,
                "kind": c.kind,
                "env": c.env.as_ref().map(|rows| rows.iter().map(|r| json!({
                    "name": r.name,
                    "value": r.value,
                    "source": r.source,
                })).collect::<Vec<_>>()),
                "command": if failed { None } else { c.command.as_ref() },
                "args": if failed { None } else { c.args.as_ref() },
                "error": c.error.as_ref().map(|e| e.message.as_str()),
                "skipped": c.skipped,
                "runtimeVars": c.runtime_vars,
            })
        })
        .collect();
    json!({
        "kubernetesVersion": a.kubernetes_version,
        "created": a.created,
        "serverMessage": a.server_message,
        "namespace": env.namespace,
        "podName": env.pod_name,
        "serviceAccountName": env.service_account_name,
        "enableServiceLinks": env.enable_service_links,
        "envOrder": env.env_order,
        "hostname": env.hostname,
        "node": env.node,
        "services": env.services,
        "servicesNote": env.services_note,
        "simulated": env.simulated,
        "containers": containers,
    })
}

/// A readable table per container: NAME=VALUE and its source.
fn text_output(a: &EnvironmentAnalysis) -> String {
    let mut out = format!("Kubernetes {}\n", a.kubernetes_version);
    let Some(env) = &a.environment else {
        out.push_str(match &a.server_message {
            Some(m) => m,
            None => "no pod found",
        });
        out.push_str("\nno environment: the pod is not created\n");
        return out;
    };
    out.push_str(&format!(
        "pod {}/{} (serviceAccountName {}, enableServiceLinks {})\n",
        env.namespace, env.pod_name, env.service_account_name, env.enable_service_links
    ));
    let sim = if env.hostname.simulated {
        " [simulated]"
    } else {
        ""
    };
    out.push_str(&format!(
        "hostname: {} ({}){sim}\n",
        env.hostname.hostname, env.hostname.explanation
    ));
    if let Some(e) = &env.hostname.error {
        out.push_str(&format!("hostname error: {e}\n"));
    }
    let node_sim = if env.node.simulated {
        " [simulated]"
    } else {
        ""
    };
    out.push_str(&format!(
        "node: {} (host IPs {}){node_sim}; pod IPs {} [simulated]\n",
        env.node.name,
        env.node.host_ips.join(","),
        env.node.pod_ips.join(",")
    ));
    if !env.node.from.is_empty() {
        out.push_str(&format!("node values: {}\n", env.node.from));
    }
    out.push_str(&format!("{}\n", env.env_order));
    for c in &env.containers {
        let kind = serde_json::to_value(c.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        out.push_str(&format!("\ncontainer {} ({kind}, {})\n", c.name, c.field));
        if let Some(e) = &c.error {
            out.push_str(&format!("  error ({}): {}\n", e.reason, e.message));
            continue;
        }
        let rows: Vec<(String, String, bool)> = c
            .env
            .iter()
            .flatten()
            .map(|r| {
                let mut source = r.source.text.clone();
                for old in &r.replaced {
                    source.push_str(&format!(
                        "; replaces {} from {}",
                        serde_json::to_string(&old.value).unwrap_or_default(),
                        old.source.text
                    ));
                }
                (
                    format!("{}={}", r.name, r.value.escape_debug()),
                    source,
                    r.source.simulated,
                )
            })
            .collect();
        let width = rows
            .iter()
            .map(|r| r.0.chars().count())
            .max()
            .unwrap_or(0)
            .min(50);
        for (var, source, simulated) in rows {
            let mark = if simulated { " [simulated]" } else { "" };
            out.push_str(&format!("  {var:width$}  # {source}{mark}\n"));
        }
        for s in &c.skipped {
            out.push_str(&format!("  (skipped) {}: {}\n", s.field, s.text));
        }
        for r in &c.runtime_vars {
            out.push_str(&format!("  {}={}  # {}\n", r.name, r.value, r.note));
        }
        out.push_str(&format!("  command: {}\n", json!(c.command)));
        out.push_str(&format!("  args: {}\n", json!(c.args)));
    }
    out
}
