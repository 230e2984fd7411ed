//! The pod's containers as the kubelet walks them, and the termination ordering that makes
//! sidecars stop last, in reverse declaration order
//! (`pkg/kubelet/kuberuntime/kuberuntime_termination_order.go:newTerminationOrdering`).

use crate::pod_json::Pointer;
use crate::timeline::ContainerRole;
use crate::versions::Version;
use serde_json::Value;

pub const SRC_ORDER: &str =
    "pkg/kubelet/kuberuntime/kuberuntime_termination_order.go:newTerminationOrdering";

/// One container of the pod spec.
#[derive(Debug, Clone)]
pub struct Member<'a> {
    pub name: String,
    pub role: ContainerRole,
    /// `spec.initContainers{x}` or `spec.containers{x}` (an event's involved field path).
    pub field_path: String,
    pub spec: &'a Value,
}

/// Every init container (in order), then every regular container.
pub fn members(pod: &Value) -> Vec<Member<'_>> {
    let mut out = Vec::new();
    for (list, field) in [
        ("initContainers", "spec.initContainers"),
        ("containers", "spec.containers"),
    ] {
        let Some(items) = pod.at(&format!("/spec/{list}")).and_then(Value::as_array) else {
            continue;
        };
        for c in items {
            let name = c
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let role = if list == "containers" {
                ContainerRole::Container
            } else if is_restartable(c) {
                ContainerRole::Sidecar
            } else {
                ContainerRole::Init
            };
            out.push(Member {
                field_path: format!("{field}{{{name}}}"),
                name,
                role,
                spec: c,
            });
        }
    }
    out
}

/// A sidecar: an init container with `restartPolicy: Always` (`podutil.IsRestartableInitContainer`).
pub fn is_restartable(container: &Value) -> bool {
    container.get("restartPolicy").and_then(Value::as_str) == Some("Always")
}

pub const SRC_SHOULD_RESTART: &str = "pkg/api/v1/pod/util.go:ContainerShouldRestart";

/// `podutil.ContainerShouldRestart`: whether the kubelet restarts a container that exited with
/// `exit_code`. With the ContainerRestartRules gate a container's own `restartPolicyRules` (the
/// first whose exit codes match: action `Restart`, or `RestartAllContainers` while
/// RestartAllContainersOnContainerExits is on) and then its own `restartPolicy` come before
/// the pod's; without it only the pod's `restartPolicy` counts (default Always). A sidecar
/// always restarts.
pub fn should_restart(member: &Member, pod: &Value, exit_code: i32, version: Version) -> bool {
    if member.role == ContainerRole::Sidecar {
        return true;
    }
    let own = member.spec.get("restartPolicy").and_then(Value::as_str);
    if let (Some(own), true) = (own, version.gate("ContainerRestartRules")) {
        if matching_rule(member, exit_code).is_some_and(|rule| restarts_by_rule(rule, version)) {
            return true;
        }
        match own {
            "Always" => return true,
            "OnFailure" => return exit_code != 0,
            "Never" => return false,
            _ => {}
        }
    }
    match pod.at("/spec/restartPolicy").and_then(Value::as_str) {
        Some("Never") => false,
        Some("OnFailure") => exit_code != 0,
        _ => true,
    }
}

/// `podutil.FindMatchingContainerRestartRule`: the first of the container's
/// `restartPolicyRules` whose exit codes match.
fn matching_rule<'a>(member: &Member<'a>, exit_code: i32) -> Option<&'a Value> {
    let rules = member.spec.get("restartPolicyRules")?.as_array()?;
    rules.iter().find(|rule| exit_codes_match(rule, exit_code))
}

/// Whether a matching rule's action restarts the container. `RestartAllContainers` restarts
/// it (with every other container) only while RestartAllContainersOnContainerExits is on
/// (1.36); otherwise, like an unknown action, it falls back to the container's restartPolicy.
fn restarts_by_rule(rule: &Value, version: Version) -> bool {
    match rule.get("action").and_then(Value::as_str) {
        Some("Restart") => true,
        Some("RestartAllContainers") => version.gate("RestartAllContainersOnContainerExits"),
        _ => false,
    }
}

/// Whether a main container that exited with `exit_code` makes the kubelet restart every
/// container of the pod: its matching rule's action is `RestartAllContainers` and both gates
/// are on (pkg/kubelet/kuberuntime/kuberuntime_manager.go:getContainersToReset).
pub fn restarts_all_containers(member: &Member, exit_code: i32, version: Version) -> bool {
    version.gate("ContainerRestartRules")
        && version.gate("RestartAllContainersOnContainerExits")
        && member.spec.get("restartPolicy").is_some()
        && matching_rule(member, exit_code)
            .and_then(|rule| rule.get("action"))
            .and_then(Value::as_str)
            == Some("RestartAllContainers")
}

/// `FindMatchingContainerRestartRule`'s test of one rule: `In` matches a listed exit code,
/// `NotIn` any other; a rule without `exitCodes` or with another operator never matches.
fn exit_codes_match(rule: &Value, exit_code: i32) -> bool {
    let listed = rule
        .at("/exitCodes/values")
        .and_then(Value::as_array)
        .is_some_and(|v| v.iter().any(|c| c.as_i64() == Some(exit_code as i64)));
    match rule.at("/exitCodes/operator").and_then(Value::as_str) {
        Some("In") => listed,
        Some("NotIn") => !listed,
        _ => false,
    }
}

/// For each member, the members it must wait for before its stop signal: a sidecar waits for
/// every regular container and for the next-declared sidecar (so sidecars stop one at a time,
/// last declared first). Empty for everything else, and for every member when the pod has no
/// sidecar (no ordering at all).
pub fn prerequisites(members: &[Member]) -> Vec<Vec<usize>> {
    let mut prereqs = vec![Vec::new(); members.len()];
    let mains: Vec<usize> = (0..members.len())
        .filter(|&i| members[i].role == ContainerRole::Container)
        .collect();
    let mut later_sidecar: Option<usize> = None;
    for i in (0..members.len()).rev() {
        if members[i].role != ContainerRole::Sidecar {
            continue;
        }
        prereqs[i].extend(mains.iter().copied());
        prereqs[i].extend(later_sidecar);
        later_sidecar = Some(i);
    }
    prereqs
}

/// The order in which the kill goroutines can be settled: regular containers first (they wait
/// for nobody), then sidecars from the last declared to the first.
pub fn settle_order(members: &[Member]) -> Vec<usize> {
    let mut out: Vec<usize> = (0..members.len())
        .filter(|&i| members[i].role == ContainerRole::Container)
        .collect();
    out.extend(
        (0..members.len())
            .rev()
            .filter(|&i| members[i].role == ContainerRole::Sidecar),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sidecars_wait_for_mains_and_the_next_sidecar() {
        let pod = json!({"spec": {
            "initContainers": [
                {"name": "s1", "restartPolicy": "Always"},
                {"name": "setup"},
                {"name": "s2", "restartPolicy": "Always"}
            ],
            "containers": [{"name": "a"}, {"name": "b"}]
        }});
        let m = members(&pod);
        let names: Vec<&str> = m.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["s1", "setup", "s2", "a", "b"]);
        assert_eq!(m[0].field_path, "spec.initContainers{s1}");
        assert_eq!(m[1].role, ContainerRole::Init);
        let p = prerequisites(&m);
        assert_eq!(p[0], vec![3, 4, 2], "s1 waits for a, b and s2");
        assert_eq!(p[2], vec![3, 4], "s2 waits for the main containers");
        assert!(p[1].is_empty() && p[3].is_empty());
        assert_eq!(settle_order(&m), vec![3, 4, 2, 0]);
    }

    /// `podutil.ContainerShouldRestart` (pkg/api/v1/pod/util.go): (pod policy, container
    /// policy, rules, exit code, version) -> restarts.
    #[test]
    fn container_restart_decision() {
        let on42 = json!([{"action": "Restart", "exitCodes": {"operator": "In", "values": [42]}}]);
        let not0 =
            json!([{"action": "Restart", "exitCodes": {"operator": "NotIn", "values": [0]}}]);
        let all42 = json!([{"action": "RestartAllContainers", "exitCodes": {"operator": "In", "values": [42]}}]);
        let v136 = Version::new(1, 36);
        let v135 = Version::new(1, 35);
        let v134 = Version::new(1, 34);
        #[allow(clippy::type_complexity)]
        let rows: &[(
            Option<&str>,
            Option<&str>,
            Option<&Value>,
            i32,
            Version,
            bool,
        )] = &[
            (None, None, None, 0, v136, true),
            (Some("OnFailure"), None, None, 0, v136, false),
            (Some("OnFailure"), None, None, 1, v136, true),
            (Some("Never"), None, None, 1, v136, false),
            // The container's own policy wins with ContainerRestartRules (1.35+)...
            (Some("Always"), Some("Never"), None, 0, v136, false),
            (Some("Never"), Some("Always"), None, 0, v136, true),
            (Some("Never"), Some("OnFailure"), None, 3, v136, true),
            (Some("Never"), Some("OnFailure"), None, 0, v136, false),
            // ...and is ignored without it.
            (Some("Always"), Some("Never"), None, 0, v134, true),
            (Some("Never"), Some("Always"), None, 0, v134, false),
            // A matching Restart rule comes first; no match falls back to the policy.
            (Some("Never"), Some("Never"), Some(&on42), 42, v136, true),
            (Some("Never"), Some("Never"), Some(&on42), 1, v136, false),
            (Some("Never"), Some("Never"), Some(&not0), 0, v136, false),
            (Some("Never"), Some("Never"), Some(&not0), 7, v136, true),
            // RestartAllContainers restarts while RestartAllContainersOnContainerExits is on
            // (1.36); 1.35 (gate off) falls back to the container's policy.
            (Some("Never"), Some("Never"), Some(&all42), 42, v136, true),
            (Some("Never"), Some("Never"), Some(&all42), 1, v136, false),
            (Some("Never"), Some("Never"), Some(&all42), 42, v135, false),
            (
                Some("Never"),
                Some("OnFailure"),
                Some(&all42),
                42,
                v135,
                true,
            ),
        ];
        for (pod_policy, own, rules, code, version, want) in rows {
            let mut c = json!({"name": "app"});
            if let Some(own) = own {
                c["restartPolicy"] = json!(own);
            }
            if let Some(rules) = rules {
                c["restartPolicyRules"] = (*rules).clone();
            }
            let mut pod = json!({"spec": {"containers": [c]}});
            if let Some(p) = pod_policy {
                pod["spec"]["restartPolicy"] = json!(p);
            }
            let m = members(&pod);
            assert_eq!(
                should_restart(&m[0], &pod, *code, *version),
                *want,
                "pod {pod_policy:?}, container {own:?}, rules {rules:?}, exit {code}, {version:?}"
            );
        }
    }
}
