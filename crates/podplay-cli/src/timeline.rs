//! `podplay timeline`: how the pod in FILE stops (or starts), second by second.
//!
//! The pod goes through `report::build` (the create pipeline, then the termination and
//! start-up views, as in the UI) with the flags as `Options::timeline`; a rejected pod shows
//! the API server's answer instead of a timeline. JSON output is the core's `Timeline`
//! (`{gracePeriod, events: [{t, container, event, message}], phase, lanes, ...}`) or
//! `StartupTimeline` under `--scenario startup`, plus `kubernetesVersion`.

use crate::args::{
    context_text, misuse, read_input, Args, Command, Opt, CONTEXT, KUBERNETES_VERSION, NAMESPACE,
};
use podplay_core::options::Options;
use podplay_core::report::build;
use podplay_core::startup::{PostStart, Pull, Run, StartBehaviour};
use podplay_core::termination::grace::{DeleteFlags, KUBECTL_GRACE_UNSET};
use podplay_core::termination::{Behaviour, ExitAfter, PreStop, Scenario};
use podplay_core::timeline::TimelineOptions;
use podplay_core::timeline::{name_of, parse_seconds, seconds_text, Ms, TimelineEvent};
use podplay_core::versions::Version;
use serde_json::{json, Value};

pub const COMMAND: Command = Command {
    name: "timeline",
    usage: "timeline [--output json|text] [--kubernetes-version X.Y] [--context FILE] FILE|-
        [--scenario delete|force|evict|preempt|liveness|complete|startup] [--grace-period N] [--now] [--force]
        [--container NAME] [--prestop CONTAINER=SECONDS|hang|fail]...
        [--exit-after CONTAINER=SECONDS|never]... [--exit-code CONTAINER=N]...
        [--pull CONTAINER=SECONDS|fail]... [--pull-wait CONTAINER=SECONDS]... [--image-present CONTAINER=true|false]...
        [--post-start CONTAINER=SECONDS|hang|fail]...
        how the pod stops (kubectl delete, eviction, preemption, liveness kill, Job completion) or starts,
        second by second; a pod the API server rejects shows the rejection instead",
    options: &[
        Opt::valued("--output", "json|text", "output format (default: text)"),
        KUBERNETES_VERSION,
        NAMESPACE,
        CONTEXT,
        Opt::valued(
            "--scenario",
            "delete|force|evict|preempt|liveness|complete|startup",
            "what happens to the pod (default: delete)",
        ),
        Opt::valued(
            "--grace-period",
            "N",
            "kubectl's --grace-period; for evict, a soft threshold's evictionMaxPodGracePeriod",
        ),
        Opt::switch("--now", "kubectl's --now (a grace period of 1 second)"),
        Opt::switch("--force", "kubectl's --force"),
        Opt::valued(
            "--container",
            "NAME",
            "liveness: the container whose probe fails (default: the first with one)",
        ),
        Opt::valued(
            "--prestop",
            "CONTAINER=SECONDS|hang|fail",
            "how long the preStop hook runs (repeatable)",
        ),
        Opt::valued(
            "--exit-after",
            "CONTAINER=SECONDS|never",
            "when the container exits after the stop signal (complete/startup: after it starts; repeatable)",
        ),
        Opt::valued("--exit-code", "CONTAINER=N", "the container's exit code (repeatable)"),
        Opt::valued(
            "--pull",
            "CONTAINER=SECONDS|fail",
            "startup: how long the image pull takes (repeatable)",
        ),
        Opt::valued(
            "--pull-wait",
            "CONTAINER=SECONDS",
            "startup: time spent behind other pods' pulls (repeatable)",
        ),
        Opt::valued(
            "--image-present",
            "CONTAINER=true|false",
            "startup: whether the image is already on the node (repeatable)",
        ),
        Opt::valued(
            "--post-start",
            "CONTAINER=SECONDS|hang|fail",
            "startup: how long the postStart hook runs (repeatable)",
        ),
    ],
    run,
};

pub fn run(args: Args) -> u8 {
    let [path] = args.positional.as_slice() else {
        return misuse(
            "timeline",
            "expected exactly one FILE (or - for standard input)",
        );
    };
    let version = match args.get("--kubernetes-version") {
        Some(v) => match Version::parse(v) {
            Ok(v) => v,
            Err(e) => return misuse("timeline", &e),
        },
        None => Version::newest(),
    };
    let mut options = Options::new(version);
    options.namespace = args.get("--namespace").map(str::to_string);
    options.context_text = match context_text(&args) {
        Ok(t) => t,
        Err(e) => return misuse("timeline", &e),
    };
    let output = args.get("--output").unwrap_or("text");
    if output != "json" && output != "text" {
        return misuse(
            "timeline",
            &format!("unknown --output {output:?} (json or text)"),
        );
    }
    let text = match read_input(path) {
        Ok(t) => t,
        Err(e) => return misuse("timeline", &e),
    };
    let scenario_name = args.get("--scenario").unwrap_or("delete");
    let timeline_options = if scenario_name == "startup" {
        start_behaviours(&args).map(|start| TimelineOptions {
            start,
            ..TimelineOptions::default()
        })
    } else {
        scenario_from(&args, scenario_name).and_then(|scenario| {
            Ok(TimelineOptions {
                scenario,
                stop: stop_behaviours(&args)?,
                start: Vec::new(),
            })
        })
    };
    options.timeline = match timeline_options {
        Ok(t) => t,
        Err(e) => return misuse("timeline", &e),
    };
    let report = build(&text, &options);
    let version = report.kubernetes_version.clone();
    // The pod must be created first: a rejected pod never runs (the views are None then).
    let (Some(stop), Some(start)) = (report.views.termination, report.views.startup) else {
        let (outcome, message, errors) = match &report.admit {
            Some(a) => (
                json!(a.outcome),
                a.server_message.clone(),
                json!(a.result.errors),
            ),
            None => {
                let errors: Vec<&str> = report
                    .diagnostics
                    .iter()
                    .map(|d| d.message.as_str())
                    .collect();
                (Value::Null, errors.join("\n"), json!(errors))
            }
        };
        if output == "json" {
            outln!(
                "{}",
                serde_json::to_string_pretty(&json!({
                    "kubernetesVersion": version,
                    "scenario": scenario_name,
                    "rejected": true,
                    "outcome": outcome,
                    "serverMessage": message,
                    "errors": errors,
                }))
                .unwrap_or_default()
            );
        } else {
            outln!("The API server rejects the pod, so it never runs:\n{message}");
        }
        return 0;
    };
    if scenario_name == "startup" {
        let tl = start;
        print(
            output,
            &version,
            serde_json::to_value(&tl).unwrap_or(Value::Null),
            &tl.events,
            tl.error.as_deref(),
            tl.phase.as_deref(),
        );
        if output == "text" {
            outln!("kubectl get pod STATUS: {}", tl.status);
        }
        return 0;
    }
    let tl = stop;
    if output == "text" {
        for n in tl
            .notes
            .iter()
            .filter(|n| n.rule == "create.dropDisabledField")
        {
            outln!("note: {}", n.why);
        }
    }
    if output == "text" {
        if let Some(k) = &tl.kubectl {
            outln!("$ {}", k.command.join(" "));
            if !k.stderr.is_empty() {
                outln!("{}", k.stderr);
            }
            if !k.stdout.is_empty() {
                outln!("{}", k.stdout);
            }
        }
        if let Some(g) = tl.grace_period {
            outln!("grace period: {g}s");
        }
    }
    print(
        output,
        &version,
        serde_json::to_value(&tl).unwrap_or(Value::Null),
        &tl.events,
        tl.error.as_deref(),
        tl.phase.as_deref(),
    );
    0
}

fn print(
    output: &str,
    version: &str,
    tl: Value,
    events: &[TimelineEvent],
    error: Option<&str>,
    phase: Option<&str>,
) {
    if output == "json" {
        let mut v = tl;
        if let Value::Object(m) = &mut v {
            m.insert("kubernetesVersion".into(), json!(version));
        }
        outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return;
    }
    let tl = &tl;
    if let Some(e) = error {
        outln!("{e}");
        return;
    }
    let width = events
        .iter()
        .map(|e| e.container.len())
        .max()
        .unwrap_or(0)
        .max(3);
    for e in events {
        let event = name_of(&e.event);
        let container = if e.container.is_empty() {
            "pod"
        } else {
            e.container.as_str()
        };
        outln!(
            "{:>7}s  {container:width$}  {event:<18} {}",
            seconds_text(e.t),
            e.message
        );
    }
    if let Some(p) = phase {
        outln!("phase: {p}");
    }
    // The rules applied, once each, with their Kubernetes source.
    if let Some(notes) = tl.get("notes").and_then(Value::as_array) {
        let mut seen = Vec::new();
        for n in notes {
            let rule = n["rule"].as_str().unwrap_or_default();
            if rule.starts_with("docs.")
                || seen.contains(&rule)
                || rule == "create.dropDisabledField"
            {
                continue;
            }
            seen.push(rule);
            outln!(
                "  why: {} ({})",
                n["why"].as_str().unwrap_or_default(),
                n["source"].as_str().unwrap_or_default()
            );
        }
    }
}

fn scenario_from(args: &Args, name: &str) -> Result<Scenario, String> {
    let grace =
        match args.get("--grace-period") {
            Some(g) => Some(g.parse::<i64>().map_err(|_| {
                format!("--grace-period needs a whole number of seconds, not {g:?}")
            })?),
            None => None,
        };
    let now = args.get("--now").is_some();
    let force = args.get("--force").is_some();
    Ok(match name {
        "delete" => Scenario::Delete(DeleteFlags {
            grace_period: grace.unwrap_or(KUBECTL_GRACE_UNSET),
            now,
            force,
        }),
        // `kubectl delete --force --grace-period=0`.
        "force" => Scenario::Delete(DeleteFlags {
            grace_period: grace.unwrap_or(0),
            now,
            force: true,
        }),
        "evict" => Scenario::Evict {
            max_pod_grace_period: grace,
        },
        "liveness" => Scenario::Liveness {
            container: args.get("--container").map(str::to_string),
        },
        "complete" => Scenario::Complete,
        "preempt" => Scenario::Preempt,
        other => {
            return Err(format!(
                "unknown --scenario {other:?} (delete, force, evict, preempt, liveness, complete or startup)"
            ))
        }
    })
}

/// Every `CONTAINER=VALUE` of a repeatable flag.
fn pairs<'a>(args: &'a Args, flag: &str) -> Result<Vec<(&'a str, &'a str)>, String> {
    args.all(flag)
        .into_iter()
        .map(|v| {
            v.split_once('=')
                .filter(|(c, _)| !c.is_empty())
                .ok_or_else(|| format!("{flag} needs CONTAINER=VALUE, not {v:?}"))
        })
        .collect()
}

/// A VALUE that is SECONDS (`takes` makes it a `T`) or one of `words`.
fn seconds_or<T: Copy>(
    flag: &str,
    value: &str,
    words: &[(&str, T)],
    takes: fn(Ms) -> T,
) -> Result<T, String> {
    if let Some((_, t)) = words.iter().find(|(w, _)| *w == value) {
        return Ok(*t);
    }
    let allowed: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
    parse_seconds(value).map(takes).ok_or_else(|| {
        format!(
            "{flag}: {value:?} is not SECONDS or one of {}",
            allowed.join(", ")
        )
    })
}

fn entry<'a, B: Default>(list: &'a mut Vec<(String, B)>, name: &str) -> &'a mut B {
    if let Some(i) = list.iter().position(|(n, _)| n == name) {
        return &mut list[i].1;
    }
    list.push((name.to_string(), B::default()));
    &mut list.last_mut().expect("just pushed").1
}

/// Every `CONTAINER=VALUE` of `flag`: VALUE read by `read(flag, VALUE)`, then stored by `set` in
/// that container's behaviour in `list` (added with the defaults if it is not there yet).
fn per_container<B: Default, T>(
    args: &Args,
    flag: &str,
    list: &mut Vec<(String, B)>,
    read: impl Fn(&str, &str) -> Result<T, String>,
    set: impl Fn(&mut B, T),
) -> Result<(), String> {
    for (c, v) in pairs(args, flag)? {
        set(entry(list, c), read(flag, v)?);
    }
    Ok(())
}

fn exit_code(flag: &str, value: &str) -> Result<i32, String> {
    value
        .parse::<i32>()
        .map_err(|_| format!("{flag} needs a number, not {value:?}"))
}

fn stop_behaviours(args: &Args) -> Result<Vec<(String, Behaviour)>, String> {
    let mut out: Vec<(String, Behaviour)> = Vec::new();
    let pre_stop = [("hang", PreStop::Hangs), ("fail", PreStop::Fails(0))];
    per_container(
        args,
        "--prestop",
        &mut out,
        |f, v| seconds_or(f, v, &pre_stop, PreStop::Takes),
        |b, p| b.pre_stop = Some(p),
    )?;
    per_container(
        args,
        "--exit-after",
        &mut out,
        |f, v| seconds_or(f, v, &[("never", ExitAfter::Never)], ExitAfter::After),
        |b, e| b.exit_after = Some(e),
    )?;
    per_container(args, "--exit-code", &mut out, exit_code, |b, code| {
        b.exit_code = Some(code)
    })?;
    for flag in ["--pull", "--pull-wait", "--post-start", "--image-present"] {
        if args.get(flag).is_some() {
            return Err(format!("{flag} belongs to --scenario startup"));
        }
    }
    Ok(out)
}

fn start_behaviours(args: &Args) -> Result<Vec<(String, StartBehaviour)>, String> {
    let mut out: Vec<(String, StartBehaviour)> = Vec::new();
    per_container(
        args,
        "--pull",
        &mut out,
        |f, v| seconds_or(f, v, &[("fail", Pull::Fails)], Pull::Takes),
        |b, p| b.pull = Some(p),
    )?;
    per_container(
        args,
        "--pull-wait",
        &mut out,
        |f, v| parse_seconds(v).ok_or_else(|| format!("{f} needs CONTAINER=SECONDS, not {v:?}")),
        |b, ms| b.pull_wait = Some(ms),
    )?;
    per_container(
        args,
        "--image-present",
        &mut out,
        |f, v| match v {
            "true" | "yes" => Ok(true),
            "false" | "no" => Ok(false),
            _ => Err(format!("{f} needs CONTAINER=true|false, not {v:?}")),
        },
        |b, present| b.image_present = Some(present),
    )?;
    let post_start = [("hang", PostStart::Hangs), ("fail", PostStart::Fails(0))];
    per_container(
        args,
        "--post-start",
        &mut out,
        |f, v| seconds_or(f, v, &post_start, PostStart::Takes),
        |b, p| b.post_start = Some(p),
    )?;
    per_container(
        args,
        "--exit-after",
        &mut out,
        |f, v| seconds_or(f, v, &[("never", Run::Forever)], Run::ExitsAfter),
        |b, r| b.run = Some(r),
    )?;
    per_container(args, "--exit-code", &mut out, exit_code, |b, code| {
        b.exit_code = Some(code)
    })?;
    for flag in ["--prestop", "--grace-period", "--container"] {
        if args.get(flag).is_some() {
            return Err(format!("{flag} does not apply to --scenario startup"));
        }
    }
    Ok(out)
}
