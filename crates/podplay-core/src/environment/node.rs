//! The node a container sees (its name, host IPs, allocatable resources) and the pod's
//! hostname and FQDN.

use super::{kind_of, text, HostnameInfo, NodeUsed, SimulatedValues};
use crate::input::CONTEXT_GIVEN_IN;
use crate::placement::{NodeChoice, Placement};
use crate::pod_json::Pointer;
use crate::versions::Version;
use serde_json::{Map, Value};

/// The Node the pod is bound to, from the paste, with `allocatable := capacity` when unset
/// (SetDefaults_NodeStatus).
pub(super) fn node_used(
    objects: &[&Value],
    node_name: &str,
    sim: &SimulatedValues,
    pod_ip: &str,
) -> (NodeUsed, Result<Vec<String>, String>) {
    let pod_ips = vec![pod_ip.to_string()];
    if let Some(node) = objects
        .iter()
        .find(|o| kind_of(o) == "Node" && text(o, "/metadata/name") == node_name)
    {
        let node = crate::defaulting::cluster_objects::node_with_defaults(node);
        let allocatable = node
            .at("/status/allocatable")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let host_ips = node_host_ips(&node);
        let hostname = node
            .at("/status/addresses")
            .and_then(Value::as_array)
            .and_then(|a| a.iter().find(|a| text(a, "/type") == "Hostname"))
            .map(|a| text(a, "/address"))
            .filter(|h| !h.is_empty())
            .unwrap_or(node_name)
            .to_string();
        let used = NodeUsed {
            name: node_name.to_string(),
            hostname,
            simulated: false,
            choice: NodeChoice::Simulated,
            from: String::new(),
            host_ips: host_ips.clone().unwrap_or_default(),
            allocatable,
            pod_ips,
        };
        return (used, host_ips);
    }
    let n = &sim.node;
    let mut allocatable = Map::new();
    for (k, v) in [
        ("cpu", &n.cpu),
        ("memory", &n.memory),
        ("ephemeral-storage", &n.ephemeral_storage),
        ("pods", &n.pods),
    ] {
        allocatable.insert(k.into(), Value::String(v.clone()));
    }
    let used = NodeUsed {
        name: node_name.to_string(),
        hostname: node_name.to_string(),
        simulated: true,
        choice: NodeChoice::Simulated,
        from: String::new(),
        host_ips: vec![n.internal_ip.clone()],
        allocatable,
        pod_ips,
    };
    (used, Ok(vec![n.internal_ip.clone()]))
}

/// Where the node's values come from, for the view's node line.
pub(super) fn node_from(node: &NodeUsed, placement: &Placement) -> String {
    let name = &node.name;
    match (node.choice, node.simulated) {
        (NodeChoice::Scheduler, false) => {
            format!("from Node {name} (given), chosen by the scheduler")
        }
        (NodeChoice::SpecNodeName, false) => {
            format!("from Node {name} (given), named by spec.nodeName")
        }
        (NodeChoice::Simulated, _) => format!("simulated: {}", placement.why),
        // A name without its Node: the addresses and allocatable are the simulated node's.
        (_, true) => format!("spec.nodeName is {name}, a Node not in {CONTEXT_GIVEN_IN}: its addresses and allocatable are simulated"),
    }
}

/// `GetNodeHostIPs` (component-helpers/node/util): the first InternalIP (else ExternalIP),
/// plus the first address of the other IP family.
fn node_host_ips(node: &Value) -> Result<Vec<String>, String> {
    let addresses: Vec<&Value> = node
        .at("/status/addresses")
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let looks_like_ip = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_hexdigit() || c == '.' || c == ':')
    };
    let mut all: Vec<&str> = Vec::new();
    for wanted in ["InternalIP", "ExternalIP"] {
        for a in &addresses {
            let address = text(a, "/address");
            if text(a, "/type") == wanted && looks_like_ip(address) {
                all.push(address);
            }
        }
    }
    let Some(first) = all.first() else {
        let known: Vec<String> = addresses
            .iter()
            .map(|a| format!("{{{} {}}}", text(a, "/type"), text(a, "/address")))
            .collect();
        return Err(format!(
            "host IP unknown; known addresses: [{}]",
            known.join(" ")
        ));
    };
    let mut ips = vec![first.to_string()];
    if let Some(other) = all
        .iter()
        .find(|ip| ip.contains(':') != first.contains(':'))
    {
        ips.push(other.to_string());
    }
    Ok(ips)
}

/// `GeneratePodHostNameAndDomain` and `GetNodenameForKernel` (pkg/kubelet/kubelet_pods.go,
/// pkg/kubelet/util): the hostname the runtime gives the pod's sandbox.
pub(super) fn hostname_info(
    pod: &Value,
    namespace: &str,
    node: &NodeUsed,
    sim: &SimulatedValues,
    version: Version,
) -> HostnameInfo {
    let spec = pod.get("spec").unwrap_or(&Value::Null);
    let pod_name = text(pod, "/metadata/name");
    if spec.get("hostNetwork").and_then(Value::as_bool) == Some(true) {
        return HostnameInfo {
            hostname: node.hostname.clone(),
            rule: "kubelet.env.hostname".into(),
            domain: None,
            explanation: "hostNetwork: the container shares the node's network namespace and sees the node's hostname".into(),
            error: None,
            simulated: node.simulated,
        };
    }
    let over = text(spec, "/hostnameOverride");
    if version.gate("HostnameOverride")
        && spec.get("hostnameOverride").is_some_and(|v| !v.is_null())
    {
        let (hostname, error) = truncate_hostname(pod_name, over);
        return HostnameInfo {
            hostname,
            rule: "kubelet.env.hostname".into(),
            domain: None,
            explanation: "spec.hostnameOverride sets the hostname as written (HostnameOverride)"
                .into(),
            error,
            simulated: false,
        };
    }
    let own = text(spec, "/hostname");
    let generated = !text(pod, "/metadata/generateName").is_empty();
    let (chosen, mut explanation) = if own.is_empty() && generated {
        (
            pod_name,
            "metadata.name, generated from generateName (its random suffix is simulated)"
                .to_string(),
        )
    } else if own.is_empty() {
        (pod_name, "metadata.name".to_string())
    } else {
        (own, "spec.hostname".to_string())
    };
    let (hostname, error) = truncate_hostname(pod_name, chosen);
    if hostname != chosen {
        explanation.push_str(", cut to 63 characters without a trailing '-' or '.'");
    }
    let subdomain = text(spec, "/subdomain");
    let domain = (!subdomain.is_empty())
        .then(|| format!("{subdomain}.{namespace}.svc.{}", sim.cluster_domain));
    let as_fqdn = spec.get("setHostnameAsFQDN").and_then(Value::as_bool) == Some(true);
    let mut info = HostnameInfo {
        hostname: hostname.clone(),
        rule: "kubelet.env.hostname".into(),
        domain: domain.clone(),
        explanation,
        error,
        simulated: own.is_empty() && generated,
    };
    if let (Some(domain), true) = (&domain, as_fqdn) {
        let fqdn = format!("{hostname}.{domain}");
        info.simulated = true; // the cluster domain is a kubelet setting
        if fqdn.len() > 64 {
            info.error = Some(format!("failed to construct FQDN from pod hostname and cluster domain, FQDN {fqdn} is too long (64 characters is the max, {} characters requested)", fqdn.len()));
        } else {
            info.hostname = fqdn;
            info.explanation
                .push_str(", as a fully qualified name (setHostnameAsFQDN)");
        }
    }
    info
}

/// `truncatePodHostnameIfNeeded`: at most 63 characters, no trailing `-` or `.`.
fn truncate_hostname(pod_name: &str, hostname: &str) -> (String, Option<String>) {
    if hostname.len() <= 63 {
        return (hostname.to_string(), None);
    }
    let mut end = 63;
    while !hostname.is_char_boundary(end) {
        end -= 1;
    }
    let cut = hostname[..end].trim_end_matches(['-', '.']).to_string();
    if cut.is_empty() {
        return (
            cut,
            Some(format!(
                "hostname for pod {} was invalid: {}",
                crate::go::strconv::quote(pod_name),
                crate::go::strconv::quote(hostname)
            )),
        );
    }
    (cut, None)
}
