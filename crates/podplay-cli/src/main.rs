//! `podplay`: the podplay engine on the command line, for scripts, CI and conformance checks.
//!
//! Subcommands print JSON (the contract conformance checks use) or text. Exit code 0 means the
//! analysis ran (also for rejected pods); 2 means misuse or unreadable input.

/// `print!`/`println!` that stop quietly when the reader went away (`podplay ... | head`).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod admit;
mod args;
mod creds;
mod env;
mod image;
mod match_cmd;
mod schedule;
mod selector;
mod timeline;

use std::process::ExitCode;

/// Each command and its usage (synopsis, then what it does): `podplay help` lists them all,
/// `podplay COMMAND --help` prints one.
const COMMANDS: &[(&str, &str)] = &[
    (
        "admit",
        "admit [--kubernetes-version X.Y] [--namespace NS] [--output json|yaml|text] FILE|-
        what the API server would do with the pod in FILE (defaulting, admission, validation)",
    ),
    (
        "env",
        "env [--kubernetes-version X.Y] [--output json|text] FILE|-
        what each container of the pod sees in its environment, and where each value came from
        (FILE holds the pod plus Service, ConfigMap, Secret and Node documents)",
    ),
    (
        "image",
        "image [--output json|text] REF...
        how Kubernetes parses each image reference and its default pull policy",
    ),
    (
        "creds",
        "creds [--output json|text] --pull-secret FILE [--pull-secret FILE]... IMAGE...
        which registry credentials the kubelet would try for each image",
    ),
    (
        "match",
        "match [--output json|text] PATTERN IMAGE
        whether a registry key / matchImages pattern matches an image, and why",
    ),
    (
        "schedule",
        "schedule [--kubernetes-version X.Y] [--namespace NS] [--output json|text] [--example-cluster] FILE|-
        the RuntimeClass merge, which nodes accept the pod (filter by filter) and which one
        wins, with the FailedScheduling or Scheduled event; FILE holds the pod, RuntimeClasses,
        PriorityClasses, Nodes and running Pods (with spec.nodeName); --example-cluster
        schedules onto podplay's example cluster when FILE has no Node",
    ),
    (
        "selector",
        "selector [--labels JSON] [--kubernetes-version X.Y] [--output json|text] EXPR
        a kubectl -l label selector parsed as Kubernetes parses it, matched against labels",
    ),
    (
        "timeline",
        "timeline [--output json|text] [--kubernetes-version X.Y] FILE|-
        [--scenario delete|force|evict|preempt|liveness|complete|startup] [--grace-period N] [--now] [--force]
        [--container NAME] [--prestop CONTAINER=SECONDS|hang|fail]...
        [--exit-after CONTAINER=SECONDS|never]... [--exit-code CONTAINER=N]...
        [--pull CONTAINER=SECONDS|fail]... [--pull-wait CONTAINER=SECONDS]... [--image-present CONTAINER=true|false]...
        [--post-start CONTAINER=SECONDS|hang|fail]...
        how the pod stops (kubectl delete, eviction, preemption, liveness kill, Job completion) or starts,
        second by second; a pod the API server rejects shows the rejection instead",
    ),
];

/// `podplay help`: every command's usage.
fn usage() -> String {
    let mut text = String::from("usage: podplay <command> [options]\n\ncommands:\n");
    for (_, usage) in COMMANDS {
        text.push_str("  ");
        text.push_str(usage);
        text.push('\n');
    }
    text.push_str("  help  this text; podplay COMMAND --help: that command's usage");
    text
}

/// `podplay COMMAND --help` (or `-h`, before any `--`): that command's usage, on stdout.
fn command_help(command: &str, rest: &[String]) -> Option<String> {
    let asks = rest
        .iter()
        .take_while(|a| *a != "--")
        .any(|a| a == "--help" || a == "-h");
    let (_, usage) = COMMANDS.iter().find(|(name, _)| *name == command)?;
    asks.then(|| format!("usage: podplay {usage}"))
}

fn main() -> ExitCode {
    let args = match args::utf8_args(std::env::args_os().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("podplay: {e}");
            return ExitCode::from(2);
        }
    };
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{}", usage());
        return ExitCode::from(2);
    };
    if let Some(help) = command_help(command, rest) {
        outln!("{help}");
        return ExitCode::SUCCESS;
    }
    let code = match command.as_str() {
        "admit" => admit::run(rest),
        "env" => env::run(rest),
        "image" => image::run(rest),
        "creds" => creds::run(rest),
        "match" => match_cmd::run(rest),
        "schedule" => schedule::run(rest),
        "selector" => selector::run(rest),
        "timeline" => timeline::run(rest),
        "help" | "--help" | "-h" => {
            outln!("{}", usage());
            0
        }
        other => {
            eprintln!("podplay: unknown command {other:?}\n\n{}", usage());
            2
        }
    };
    ExitCode::from(code)
}
