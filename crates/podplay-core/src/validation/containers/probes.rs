//! Probes and lifecycle hooks: `validateLifecycle`, `validateLivenessProbe`,
//! `validateReadinessProbe`, `validateStartupProbe`, `validateHandler` and the actions
//! (pkg/apis/core/validation/validation.go).

use serde_json::Value;

use super::{int, list, object, text, PodFacts};
use crate::field::{FieldError, Path};
use crate::validation::names;

/// Lifecycle then the three probes, as `validateContainers` (and sidecars) do.
pub(super) fn validate_lifecycle_and_probes(
    ctr: &Value,
    path: &Path,
    facts: &PodFacts,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if let Some(lifecycle) = object(ctr, "lifecycle") {
        errs.extend(validate_lifecycle(
            lifecycle,
            &path.child("lifecycle"),
            facts,
        ));
    }
    for kind in [
        ProbeKind::Liveness,
        ProbeKind::Readiness,
        ProbeKind::Startup,
    ] {
        if let Some(probe) = object(ctr, kind.field()) {
            errs.extend(validate_probe(
                probe,
                kind,
                &path.child(kind.field()),
                facts,
            ));
        }
    }
    errs
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ProbeKind {
    Liveness,
    Readiness,
    Startup,
}

impl ProbeKind {
    fn field(self) -> &'static str {
        match self {
            ProbeKind::Liveness => "livenessProbe",
            ProbeKind::Readiness => "readinessProbe",
            ProbeKind::Startup => "startupProbe",
        }
    }
}

/// `validateProbe` plus the per-kind rule: liveness and startup need successThreshold 1,
/// readiness may not set terminationGracePeriodSeconds.
fn validate_probe(
    probe: &Value,
    kind: ProbeKind,
    path: &Path,
    facts: &PodFacts,
) -> Vec<FieldError> {
    let mut errs = validate_handler(probe, HandlerKind::Probe, path, facts);
    for field in [
        "initialDelaySeconds",
        "timeoutSeconds",
        "periodSeconds",
        "successThreshold",
        "failureThreshold",
    ] {
        let value = int(probe, field);
        if value < 0 {
            errs.push(FieldError::invalid(
                path.child(field),
                value,
                "must be greater than or equal to 0",
            ));
        }
    }
    let grace = probe
        .get("terminationGracePeriodSeconds")
        .and_then(Value::as_i64);
    if let Some(g) = grace.filter(|g| *g <= 0) {
        errs.push(FieldError::invalid(
            path.child("terminationGracePeriodSeconds"),
            g,
            "must be greater than 0",
        ));
    }
    match kind {
        ProbeKind::Liveness | ProbeKind::Startup => {
            let threshold = int(probe, "successThreshold");
            if threshold != 1 {
                errs.push(FieldError::invalid(
                    path.child("successThreshold"),
                    threshold,
                    "must be 1",
                ));
            }
        }
        ProbeKind::Readiness => {
            if let Some(g) = grace {
                errs.push(FieldError::invalid(
                    path.child("terminationGracePeriodSeconds"),
                    g,
                    "must not be set for readinessProbes",
                ));
            }
        }
    }
    errs
}

/// `validateLifecycle`: postStart, preStop, stopSignal.
fn validate_lifecycle(lifecycle: &Value, path: &Path, facts: &PodFacts) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for hook in ["postStart", "preStop"] {
        if let Some(handler) = object(lifecycle, hook) {
            errs.extend(validate_handler(
                handler,
                HandlerKind::Lifecycle,
                &path.child(hook),
                facts,
            ));
        }
    }
    if let Some(signal) = object(lifecycle, "stopSignal") {
        errs.extend(validate_stop_signal(
            signal.as_str().unwrap_or(""),
            &path.child("stopSignal"),
            facts.os,
        ));
    }
    errs
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HandlerKind {
    /// exec, httpGet, tcpSocket, grpc.
    Probe,
    /// exec, httpGet, tcpSocket, sleep.
    Lifecycle,
}

/// `validateHandler`: exactly one action; extra ones are reported in the order
/// exec, httpGet, tcpSocket, grpc, sleep.
fn validate_handler(
    handler: &Value,
    kind: HandlerKind,
    path: &Path,
    facts: &PodFacts,
) -> Vec<FieldError> {
    let actions: &[&str] = match kind {
        HandlerKind::Probe => &["exec", "httpGet", "tcpSocket", "grpc"],
        HandlerKind::Lifecycle => &["exec", "httpGet", "tcpSocket", "sleep"],
    };
    let mut errs = Vec::new();
    let mut count = 0;
    for action in actions {
        let Some(value) = object(handler, action) else {
            continue;
        };
        let p = path.child(action);
        if count > 0 {
            errs.push(FieldError::forbidden(
                p,
                "may not specify more than 1 handler type",
            ));
            continue;
        }
        count += 1;
        errs.extend(match *action {
            "exec" => validate_exec(value, &p),
            "httpGet" => validate_http_get(value, &p),
            "tcpSocket" => validate_port_num_or_name(value.get("port"), &p.child("port")),
            "grpc" => validate_grpc_port(value, &p.child("port")),
            _ => validate_sleep(value, &p, facts),
        });
    }
    if count == 0 {
        errs.push(FieldError::required(path, "must specify a handler type"));
    }
    errs
}

/// `validateExecAction`.
fn validate_exec(exec: &Value, path: &Path) -> Vec<FieldError> {
    if list(exec, "command").is_empty() {
        return vec![FieldError::required(path.child("command"), "")];
    }
    Vec::new()
}

/// `validateHTTPGetAction`.
fn validate_http_get(http: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if text(http, "path").is_empty() {
        errs.push(FieldError::required(path.child("path"), ""));
    }
    errs.extend(validate_port_num_or_name(
        http.get("port"),
        &path.child("port"),
    ));
    let scheme = text(http, "scheme");
    if !matches!(scheme, "HTTP" | "HTTPS") {
        errs.push(FieldError::not_supported(
            path.child("scheme"),
            scheme,
            &["HTTP", "HTTPS"],
        ));
    }
    for header in list(http, "httpHeaders") {
        let name = text(header, "name");
        for msg in names::is_http_header_name(name) {
            errs.push(FieldError::invalid(path.child("httpHeaders"), name, msg));
        }
    }
    errs
}

/// `ValidatePortNumOrName` for an IntOrString port (absent means the integer 0).
fn validate_port_num_or_name(port: Option<&Value>, path: &Path) -> Vec<FieldError> {
    match port {
        Some(Value::String(name)) => names::is_valid_port_name(name)
            .into_iter()
            .map(|msg| FieldError::invalid(path, name.as_str(), msg))
            .collect(),
        other => {
            let number = other.and_then(Value::as_i64).unwrap_or(0);
            names::is_valid_port_num(number)
                .into_iter()
                .map(|msg| FieldError::invalid(path, number, msg))
                .collect()
        }
    }
}

/// `validateGRPCAction`: the port is a plain number.
fn validate_grpc_port(grpc: &Value, path: &Path) -> Vec<FieldError> {
    let number = int(grpc, "port");
    names::is_valid_port_num(number)
        .into_iter()
        .map(|msg| FieldError::invalid(path, number, msg))
        .collect()
}

/// `validateSleepAction`: seconds within [0, terminationGracePeriodSeconds] (zero only with
/// PodLifecycleSleepActionAllowZero). Skipped when the pod has no grace period.
fn validate_sleep(sleep: &Value, path: &Path, facts: &PodFacts) -> Vec<FieldError> {
    let Some(grace) = facts.grace_period else {
        return Vec::new();
    };
    let seconds = int(sleep, "seconds");
    let allow_zero = facts.gate("PodLifecycleSleepActionAllowZero");
    let too_small = if allow_zero {
        seconds < 0
    } else {
        seconds <= 0
    };
    if !too_small && seconds <= grace {
        return Vec::new();
    }
    let msg = if allow_zero {
        format!("must be non-negative and less than terminationGracePeriodSeconds ({grace})")
    } else {
        format!(
            "must be greater than 0 and less than terminationGracePeriodSeconds ({grace}). \
             Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep."
        )
    };
    vec![FieldError::invalid(path, seconds, msg)]
}

/// Signals a Linux container may stop with (`supportedStopSignalsLinux`).
const LINUX_STOP_SIGNALS: &[&str] = &[
    "SIGABRT",
    "SIGALRM",
    "SIGBUS",
    "SIGCHLD",
    "SIGCLD",
    "SIGCONT",
    "SIGFPE",
    "SIGHUP",
    "SIGILL",
    "SIGINT",
    "SIGIO",
    "SIGIOT",
    "SIGKILL",
    "SIGPIPE",
    "SIGPOLL",
    "SIGPROF",
    "SIGPWR",
    "SIGQUIT",
    "SIGSEGV",
    "SIGSTKFLT",
    "SIGSTOP",
    "SIGSYS",
    "SIGTERM",
    "SIGTRAP",
    "SIGTSTP",
    "SIGTTIN",
    "SIGTTOU",
    "SIGURG",
    "SIGUSR1",
    "SIGUSR2",
    "SIGVTALRM",
    "SIGWINCH",
    "SIGXCPU",
    "SIGXFSZ",
    "SIGRTMIN",
    "SIGRTMIN+1",
    "SIGRTMIN+2",
    "SIGRTMIN+3",
    "SIGRTMIN+4",
    "SIGRTMIN+5",
    "SIGRTMIN+6",
    "SIGRTMIN+7",
    "SIGRTMIN+8",
    "SIGRTMIN+9",
    "SIGRTMIN+10",
    "SIGRTMIN+11",
    "SIGRTMIN+12",
    "SIGRTMIN+13",
    "SIGRTMIN+14",
    "SIGRTMIN+15",
    "SIGRTMAX-14",
    "SIGRTMAX-13",
    "SIGRTMAX-12",
    "SIGRTMAX-11",
    "SIGRTMAX-10",
    "SIGRTMAX-9",
    "SIGRTMAX-8",
    "SIGRTMAX-7",
    "SIGRTMAX-6",
    "SIGRTMAX-5",
    "SIGRTMAX-4",
    "SIGRTMAX-3",
    "SIGRTMAX-2",
    "SIGRTMAX-1",
    "SIGRTMAX",
];

/// `validateStopSignal` (ContainerStopSignals): needs `spec.os.name`; the allowed set
/// depends on the OS and is listed sorted in the message.
fn validate_stop_signal(signal: &str, path: &Path, os: Option<&str>) -> Vec<FieldError> {
    let allowed: Vec<&str> = match os {
        None => {
            return vec![FieldError::forbidden(
                path,
                "may not be set for containers with empty `spec.os.name`",
            )]
        }
        Some("windows") => vec!["SIGKILL", "SIGTERM"],
        Some("linux") => {
            let mut all = LINUX_STOP_SIGNALS.to_vec();
            crate::small_sort::sort_by(&mut all, |a, b| a < b);
            all
        }
        Some(_) => return Vec::new(),
    };
    if allowed.contains(&signal) {
        return Vec::new();
    }
    vec![FieldError::not_supported(path, signal, &allowed)]
}
