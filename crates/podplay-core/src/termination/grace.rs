//! Where a container's grace period comes from: kubectl's flags, the API server's graceful
//! delete, the kubelet pod worker's effective grace period, and the per-container fallback
//! used when nothing overrides it (probe kills, a Job's sidecars).

use crate::versions::Version;

/// kubectl delete's `--grace-period` default: "use the server's value".
pub const KUBECTL_GRACE_UNSET: i64 = -1;
/// `kuberuntime_manager.go:minimumGracePeriodInSeconds`.
pub const MINIMUM_STOP_TIMEOUT: i64 = 2;

pub const SRC_KUBECTL: &str = "staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go";
pub const SRC_API: &str = "pkg/registry/core/pod/strategy.go:CheckGracefulDelete";
pub const SRC_WORKER: &str = "pkg/kubelet/pod_workers.go:calculateEffectiveGracePeriod";
pub const SRC_SET_GRACE: &str =
    "pkg/kubelet/kuberuntime/kuberuntime_container.go:setTerminationGracePeriod";

/// The flags of `kubectl delete pod`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteFlags {
    /// `--grace-period` (-1 when not given).
    pub grace_period: i64,
    /// `--now`.
    pub now: bool,
    /// `--force`.
    pub force: bool,
}

impl Default for DeleteFlags {
    fn default() -> Self {
        DeleteFlags {
            grace_period: KUBECTL_GRACE_UNSET,
            now: false,
            force: false,
        }
    }
}

/// What kubectl sends and prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KubectlRequest {
    /// `DeleteOptions.gracePeriodSeconds` (None = omitted: the server uses the pod's own).
    pub grace_period_seconds: Option<i64>,
    /// The warning on standard error, if any.
    pub warning: Option<String>,
    /// `force deleted` or `deleted`.
    pub operation: &'static str,
    /// How kubectl turned the flags into the request.
    pub why: String,
}

/// kubectl delete's flag rules (`Complete` and `Validate` of delete.go).
pub fn kubectl_request(flags: DeleteFlags) -> Result<KubectlRequest, String> {
    let mut grace = flags.grace_period;
    let mut why = Vec::new();
    if flags.now {
        if grace != KUBECTL_GRACE_UNSET {
            return Err("error: --now and --grace-period cannot be specified together".into());
        }
        grace = 1;
        why.push("--now means --grace-period=1");
    }
    if grace == 0 && !flags.force {
        // Backwards compatibility without accidental data loss: 0 becomes 1 unless --force.
        grace = 1;
        why.push("--grace-period=0 without --force is sent as 1 (kubectl protects against accidental immediate deletion)");
    }
    if flags.force && grace < 0 {
        grace = 0;
        why.push("--force without --grace-period sends 0");
    }
    let mut warning = None;
    if flags.force {
        if grace > 0 {
            return Err(
                "error: --force and --grace-period greater than 0 cannot be specified together"
                    .into(),
            );
        }
        warning = Some("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.".to_string());
    }
    // Only a non-negative value is sent; any negative value means "the pod's own".
    let grace_period_seconds = (grace >= 0).then_some(grace);
    if grace_period_seconds.is_none() {
        why.push("no --grace-period: the request leaves gracePeriodSeconds out and the server uses the pod's terminationGracePeriodSeconds");
    }
    Ok(KubectlRequest {
        grace_period_seconds,
        warning,
        operation: if grace == 0 {
            "force deleted"
        } else {
            "deleted"
        },
        why: why.join("; "),
    })
}

/// The command line kubectl would run for these flags (`-n NS` for a pod outside `default`,
/// so the command works whatever the current context's namespace is).
pub fn kubectl_command(flags: DeleteFlags, name: &str, namespace: &str) -> Vec<String> {
    let mut cmd = vec![
        "kubectl".to_string(),
        "delete".to_string(),
        format!("pod/{name}"),
    ];
    if !namespace.is_empty() && namespace != "default" {
        cmd.push("-n".into());
        cmd.push(namespace.to_string());
    }
    if flags.grace_period != KUBECTL_GRACE_UNSET {
        cmd.push(format!("--grace-period={}", flags.grace_period));
    }
    if flags.now {
        cmd.push("--now".into());
    }
    if flags.force {
        cmd.push("--force".into());
    }
    cmd
}

/// What kubectl prints on success (`pod "x" deleted` and, in newer releases, the namespace).
pub fn kubectl_stdout(version: Version, operation: &str, name: &str, namespace: &str) -> String {
    version
        .wording("kubectl.deleted")
        .replace("%NAME%", name)
        .replace("%OP%", operation)
        .replace("%NS%", namespace)
}

/// The API server's grace period for the first DELETE of a running pod: the request's
/// value (a negative one counts as 1, `rest.BeforeDelete`), else the pod's
/// `terminationGracePeriodSeconds`; a negative result becomes 1.
pub fn api_grace_period(request: Option<i64>, spec_grace: Option<i64>) -> i64 {
    let period = match request {
        Some(g) if g < 0 => 1,
        Some(g) => g,
        None => spec_grace.unwrap_or(0),
    };
    if period < 0 {
        1
    } else {
        period
    }
}

/// `calculateEffectiveGracePeriod` for a pod the kubelet starts terminating: the API's
/// `deletionGracePeriodSeconds`, then a smaller kubelet override (eviction); the pod's own
/// value only when nothing overrode; never below 1.
pub fn kubelet_grace_period(
    deletion_grace: Option<i64>,
    kubelet_override: Option<i64>,
    spec_grace: Option<i64>,
) -> i64 {
    let mut grace = 0;
    let mut overridden = false;
    for value in [deletion_grace, kubelet_override].into_iter().flatten() {
        if grace == 0 || value < grace {
            grace = value;
            overridden = true;
        }
    }
    if !overridden && grace == 0 {
        grace = spec_grace.unwrap_or(0);
    }
    grace.max(1)
}

/// `setTerminationGracePeriod`: a container killed without an override (probe failure, a
/// Job's sidecars) gets the pod's deletion grace if set, else the failing probe's own
/// `terminationGracePeriodSeconds`, else the pod's, else 2.
pub fn container_grace_period(
    deletion_grace: Option<i64>,
    probe_grace: Option<i64>,
    spec_grace: Option<i64>,
) -> i64 {
    match (deletion_grace, spec_grace) {
        (Some(d), _) => d,
        (None, Some(spec)) => probe_grace.unwrap_or(spec),
        (None, None) => MINIMUM_STOP_TIMEOUT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(grace_period: i64, now: bool, force: bool) -> DeleteFlags {
        DeleteFlags {
            grace_period,
            now,
            force,
        }
    }

    #[test]
    fn kubectl_turns_flags_into_a_request() {
        // (flags, gracePeriodSeconds sent, warning, operation) or the error.
        let ok: &[(DeleteFlags, Option<i64>, bool, &str)] = &[
            (flags(-1, false, false), None, false, "deleted"),
            (flags(4, false, false), Some(4), false, "deleted"),
            (flags(0, false, false), Some(1), false, "deleted"),
            (flags(-1, true, false), Some(1), false, "deleted"),
            (flags(0, false, true), Some(0), true, "force deleted"),
            (flags(-1, false, true), Some(0), true, "force deleted"),
            (flags(-7, false, false), None, false, "deleted"),
        ];
        for (f, sent, warns, op) in ok {
            let r = kubectl_request(*f).unwrap();
            assert_eq!(r.grace_period_seconds, *sent, "{f:?}");
            assert_eq!(r.warning.is_some(), *warns, "{f:?}");
            assert_eq!(r.operation, *op, "{f:?}");
        }
        assert_eq!(
            kubectl_request(flags(5, false, true)).unwrap_err(),
            "error: --force and --grace-period greater than 0 cannot be specified together"
        );
        assert_eq!(
            kubectl_request(flags(5, true, false)).unwrap_err(),
            "error: --now and --grace-period cannot be specified together"
        );
    }

    #[test]
    fn api_server_grace_period() {
        assert_eq!(api_grace_period(None, Some(30)), 30);
        assert_eq!(api_grace_period(Some(4), Some(30)), 4);
        assert_eq!(api_grace_period(Some(0), Some(30)), 0);
        assert_eq!(api_grace_period(Some(-3), Some(30)), 1);
        assert_eq!(api_grace_period(None, Some(0)), 0);
        assert_eq!(api_grace_period(None, Some(-5)), 1);
    }

    #[test]
    fn kubelet_effective_grace_period() {
        // deletion grace wins; 0 is raised to 1 (force delete still gets SIGTERM).
        assert_eq!(kubelet_grace_period(Some(10), None, Some(30)), 10);
        assert_eq!(kubelet_grace_period(Some(0), None, Some(30)), 1);
        // a kubelet override (eviction) only shortens.
        assert_eq!(kubelet_grace_period(Some(10), Some(60), Some(30)), 10);
        assert_eq!(kubelet_grace_period(None, Some(1), Some(30)), 1);
        assert_eq!(kubelet_grace_period(None, Some(0), Some(30)), 1);
        // nothing overrode: the pod's own.
        assert_eq!(kubelet_grace_period(None, None, Some(45)), 45);
        assert_eq!(kubelet_grace_period(None, None, Some(0)), 1);
    }

    #[test]
    fn container_grace_without_override() {
        assert_eq!(container_grace_period(None, Some(5), Some(30)), 5);
        assert_eq!(container_grace_period(None, None, Some(30)), 30);
        assert_eq!(container_grace_period(Some(3), Some(5), Some(30)), 3);
        assert_eq!(container_grace_period(None, Some(5), None), 2);
    }
}
