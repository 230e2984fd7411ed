//! Service link variables: which Services a container sees (pkg/kubelet/kubelet_pods.go
//! `getServiceEnvVarMap`) and the Docker-link style variables of each
//! (pkg/kubelet/envvars/envvars.go `FromServices`).
//!
//! - Services without a usable ClusterIP (`""` or `None`: headless and ExternalName Services)
//!   give nothing (`IsServiceIPSet`).
//! - The master Service `default/kubernetes` is always included, for pods in every namespace
//!   and even with `enableServiceLinks: false`.
//! - Services of the pod's own namespace are included when `enableServiceLinks` is true; one
//!   named `kubernetes` there replaces the master one.

use crate::pod_json::Pointer;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::borrow::Cow;

/// One Service as the kubelet's lister holds it, and whether the container sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceDecision {
    pub namespace: String,
    pub name: String,
    /// `spec.clusterIP` (empty when unset).
    #[serde(rename = "clusterIP")]
    pub cluster_ip: String,
    /// Whether its variables are in the container's environment.
    pub included: bool,
    /// `kubelet.env.service` (pkg/kubelet/kubelet_pods.go:getServiceEnvVarMap).
    pub rule: Cow<'static, str>,
    /// Why (or why not), in one line.
    pub reason: String,
    /// True for the simulated `default/kubernetes` Service (not given as context).
    pub simulated: bool,
}

/// One service variable and the Service it describes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceVar {
    pub name: String,
    pub value: String,
    pub service_namespace: String,
    pub service_name: String,
    /// What the variable stands for: `cluster IP`, `first port`, `port "http"`, `port 80/TCP address`...
    pub meaning: String,
    pub simulated: bool,
}

/// The service variables of a pod and the decision for every Service.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceLinks {
    /// Sorted by name; a name defined twice keeps the last Service's value.
    pub vars: Vec<ServiceVar>,
    pub services: Vec<ServiceDecision>,
}

fn text<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.at(pointer).and_then(Value::as_str).unwrap_or("")
}

/// `makeEnvVariableName`: `-` → `_`, then upper case (dots and leading digits unchanged).
pub fn env_var_name(name: &str) -> String {
    crate::go::strings::to_upper(&name.replace('-', "_"))
}

/// `net.JoinHostPort`: an address holding `:` (IPv6) is bracketed.
fn join_host_port(host: &str, port: i64) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// `FromServices` for one Service: its variables in Kubernetes' order.
pub fn service_vars(service: &Value) -> Vec<(String, String, String)> {
    let ip = text(service, "/spec/clusterIP");
    let prefix = env_var_name(text(service, "/metadata/name"));
    let ports: Vec<&Value> = service
        .at("/spec/ports")
        .and_then(Value::as_array)
        .map(|p| p.iter().collect())
        .unwrap_or_default();
    let port_of = |p: &Value| p.get("port").and_then(Value::as_i64).unwrap_or(0);
    let mut out = vec![(
        format!("{prefix}_SERVICE_HOST"),
        ip.to_string(),
        "the Service's cluster IP".to_string(),
    )];
    // A Service with a cluster IP always has a port (validation); without one the kubelet
    // would index ports[0] out of range, so podplay shows no port variables.
    let Some(first) = ports.first() else {
        return out;
    };
    out.push((
        format!("{prefix}_SERVICE_PORT"),
        port_of(first).to_string(),
        "the Service's first port".to_string(),
    ));
    for p in &ports {
        let name = text(p, "/name");
        if !name.is_empty() {
            out.push((
                format!("{prefix}_SERVICE_PORT_{}", env_var_name(name)),
                port_of(p).to_string(),
                format!("port {}", crate::go::strconv::quote(name)),
            ));
        }
    }
    for (i, p) in ports.iter().enumerate() {
        let protocol = match text(p, "/protocol") {
            "" => "TCP",
            other => other,
        };
        let lower = crate::go::strings::to_lower(protocol);
        let port = port_of(p);
        let url = format!("{lower}://{}", join_host_port(ip, port));
        if i == 0 {
            out.push((
                format!("{prefix}_PORT"),
                url.clone(),
                "Docker link: the first port's URL".to_string(),
            ));
        }
        let base = format!(
            "{prefix}_PORT_{port}_{}",
            crate::go::strings::to_upper(protocol)
        );
        let what = format!("Docker link: port {port}/{protocol}");
        out.push((base.clone(), url, format!("{what} URL")));
        out.push((format!("{base}_PROTO"), lower, format!("{what} protocol")));
        out.push((
            format!("{base}_PORT"),
            port.to_string(),
            format!("{what} number"),
        ));
        out.push((
            format!("{base}_ADDR"),
            ip.to_string(),
            format!("{what} address"),
        ));
    }
    out
}

/// `IsServiceIPSet`.
fn has_cluster_ip(service: &Value) -> bool {
    !matches!(text(service, "/spec/clusterIP"), "" | "None")
}

/// The Services the kubelet's lister holds, in the paste's order: the paste's Services
/// (namespace resolved: a Service without one is in the pod's namespace) and the master
/// Service (`simulated_master`, used unless the paste defines `default/kubernetes`).
pub fn service_links(
    pod_namespace: &str,
    enable_service_links: bool,
    services: &[Value],
    simulated_master: &Value,
) -> ServiceLinks {
    let ns_of = |s: &Value| match text(s, "/metadata/namespace") {
        "" => pod_namespace.to_string(),
        ns => ns.to_string(),
    };
    let is_master = |s: &Value| ns_of(s) == "default" && text(s, "/metadata/name") == "kubernetes";
    let pasted_master = services.iter().any(is_master);
    let mut listed: Vec<(&Value, bool)> = services.iter().map(|s| (s, false)).collect();
    if !pasted_master {
        listed.push((simulated_master, true));
    }
    // serviceMap (getServiceEnvVarMap) is keyed by the Service's name alone: a Service of the
    // pod's namespace replaces an earlier entry of the same name (a `kubernetes` Service there
    // replaces the master one, a Service given twice keeps its last document), while the
    // master Service is never put over an existing entry.
    let mut chosen: Vec<usize> = Vec::new();
    let mut decisions: Vec<ServiceDecision> = Vec::new();
    for (i, (s, simulated)) in listed.iter().enumerate() {
        let ns = ns_of(s);
        let name = text(s, "/metadata/name").to_string();
        let same_name = chosen
            .iter()
            .position(|&c| text(listed[c].0, "/metadata/name") == name);
        let (included, reason) = if !has_cluster_ip(s) {
            let why = match (text(s, "/spec/type"), text(s, "/spec/clusterIP")) {
                ("ExternalName", _) => "an ExternalName Service has no cluster IP: no variables",
                (_, "None") => "a headless Service (clusterIP: None) gets no variables",
                _ => "no spec.clusterIP given (a real API server allocates one when the Service is created): no variables",
            };
            (false, why.to_string())
        } else if is_master(s) {
            match same_name {
                Some(at) if is_master(listed[chosen[at]].0) => (
                    false,
                    "default/kubernetes is given twice: the kubelet keeps the first one it lists".to_string(),
                ),
                Some(_) => (
                    false,
                    format!("replaced by the Service named kubernetes in the pod's namespace ({pod_namespace})"),
                ),
                None => (true, "the master Service default/kubernetes: always present, in every namespace and even with enableServiceLinks: false".to_string()),
            }
        } else if ns != pod_namespace {
            (false, format!("in namespace {ns}, not the pod's ({pod_namespace}): only Services of the pod's own namespace are linked"))
        } else if !enable_service_links {
            (
                false,
                "enableServiceLinks is false: only default/kubernetes is linked".to_string(),
            )
        } else {
            (
                true,
                "a Service of the pod's namespace (enableServiceLinks is true)".to_string(),
            )
        };
        if included && !is_master(s) {
            if let Some(at) = same_name {
                let replaced = chosen.remove(at);
                decisions[replaced].included = false;
                decisions[replaced].reason = if is_master(listed[replaced].0) {
                    format!("replaced by the Service named kubernetes in the pod's namespace ({pod_namespace})")
                } else {
                    format!("{ns}/{name} is given again later: the kubelet keeps one Service per name, the last one it lists")
                };
            }
        }
        if included {
            chosen.push(i);
        }
        decisions.push(ServiceDecision {
            namespace: ns,
            name,
            cluster_ip: text(s, "/spec/clusterIP").to_string(),
            included,
            rule: "kubelet.env.service".into(),
            reason,
            simulated: *simulated,
        });
    }
    let mut vars: Vec<ServiceVar> = Vec::new();
    for &i in &chosen {
        let (s, simulated) = listed[i];
        for (name, value, meaning) in service_vars(s) {
            let var = ServiceVar {
                name,
                value,
                service_namespace: decisions[i].namespace.clone(),
                service_name: decisions[i].name.clone(),
                meaning,
                simulated,
            };
            match vars.iter_mut().find(|v| v.name == var.name) {
                Some(existing) => *existing = var,
                None => vars.push(var),
            }
        }
    }
    crate::small_sort::sort_by(&mut vars, |a, b| a.name < b.name);
    ServiceLinks {
        vars,
        services: decisions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn master() -> Value {
        json!({"kind": "Service", "metadata": {"name": "kubernetes", "namespace": "default"},
               "spec": {"clusterIP": "10.96.0.1", "ports": [{"name": "https", "port": 443, "protocol": "TCP"}]}})
    }

    fn names(links: &ServiceLinks) -> Vec<String> {
        links
            .vars
            .iter()
            .map(|v| format!("{}={}", v.name, v.value))
            .collect()
    }

    /// The seeds' example (Container Environment page): a Service named foo gives
    /// FOO_SERVICE_HOST and FOO_SERVICE_PORT, plus the Docker link variables.
    #[test]
    fn seed_example_foo() {
        let foo = json!({"metadata": {"name": "foo"}, "spec": {"clusterIP": "10.96.0.42", "ports": [{"port": 8080}]}});
        let links = service_links("default", true, &[foo], &master());
        let got = names(&links);
        for want in [
            "FOO_SERVICE_HOST=10.96.0.42",
            "FOO_SERVICE_PORT=8080",
            "FOO_PORT=tcp://10.96.0.42:8080",
            "FOO_PORT_8080_TCP=tcp://10.96.0.42:8080",
            "FOO_PORT_8080_TCP_PROTO=tcp",
            "FOO_PORT_8080_TCP_PORT=8080",
            "FOO_PORT_8080_TCP_ADDR=10.96.0.42",
            "KUBERNETES_SERVICE_HOST=10.96.0.1",
            "KUBERNETES_SERVICE_PORT_HTTPS=443",
        ] {
            assert!(got.contains(&want.to_string()), "{want} in {got:?}");
        }
        assert_eq!(got.len(), 15);
    }

    #[test]
    fn naming_rows() {
        let svc = json!({"metadata": {"name": "my-svc"}, "spec": {"clusterIP": "fd00:10:96::a", "ports": [
            {"name": "metrics-port", "port": 80, "protocol": "TCP"},
            {"port": 53, "protocol": "UDP"},
            {"name": "s", "port": 7777, "protocol": "SCTP"}]}});
        let got: Vec<String> = service_vars(&svc)
            .into_iter()
            .map(|(n, v, _)| format!("{n}={v}"))
            .collect();
        assert_eq!(
            got,
            vec![
                "MY_SVC_SERVICE_HOST=fd00:10:96::a",
                "MY_SVC_SERVICE_PORT=80",
                "MY_SVC_SERVICE_PORT_METRICS_PORT=80",
                "MY_SVC_SERVICE_PORT_S=7777",
                "MY_SVC_PORT=tcp://[fd00:10:96::a]:80",
                "MY_SVC_PORT_80_TCP=tcp://[fd00:10:96::a]:80",
                "MY_SVC_PORT_80_TCP_PROTO=tcp",
                "MY_SVC_PORT_80_TCP_PORT=80",
                "MY_SVC_PORT_80_TCP_ADDR=fd00:10:96::a",
                "MY_SVC_PORT_53_UDP=udp://[fd00:10:96::a]:53",
                "MY_SVC_PORT_53_UDP_PROTO=udp",
                "MY_SVC_PORT_53_UDP_PORT=53",
                "MY_SVC_PORT_53_UDP_ADDR=fd00:10:96::a",
                "MY_SVC_PORT_7777_SCTP=sctp://[fd00:10:96::a]:7777",
                "MY_SVC_PORT_7777_SCTP_PROTO=sctp",
                "MY_SVC_PORT_7777_SCTP_PORT=7777",
                "MY_SVC_PORT_7777_SCTP_ADDR=fd00:10:96::a",
            ]
        );
        assert_eq!(env_var_name("a-b-c"), "A_B_C");
    }

    #[test]
    fn which_services_are_linked() {
        let svcs = vec![
            json!({"metadata": {"name": "headless"}, "spec": {"clusterIP": "None", "ports": [{"port": 80}]}}),
            json!({"metadata": {"name": "ext"}, "spec": {"type": "ExternalName", "externalName": "example.com"}}),
            json!({"metadata": {"name": "other", "namespace": "elsewhere"}, "spec": {"clusterIP": "10.96.0.43", "ports": [{"port": 80}]}}),
            json!({"metadata": {"name": "kubernetes", "namespace": "team"}, "spec": {"clusterIP": "10.96.0.99", "ports": [{"name": "web", "port": 8080}]}}),
        ];
        // Links on: the own-namespace kubernetes Service replaces the master (case 027).
        let on = service_links("team", true, &svcs, &master());
        assert!(names(&on).contains(&"KUBERNETES_SERVICE_HOST=10.96.0.99".to_string()));
        assert!(names(&on).contains(&"KUBERNETES_SERVICE_PORT_WEB=8080".to_string()));
        assert!(!names(&on).iter().any(|n| n.starts_with("HEADLESS_")
            || n.starts_with("EXT_")
            || n.starts_with("OTHER_")));
        // Links off: only the master (case 028).
        let off = service_links("team", false, &svcs, &master());
        assert_eq!(names(&off).len(), 8);
        assert!(names(&off).contains(&"KUBERNETES_SERVICE_HOST=10.96.0.1".to_string()));
        let included: Vec<bool> = off.services.iter().map(|d| d.included).collect();
        assert_eq!(included, vec![false, false, false, false, true]);
        assert!(off.services[4].simulated);
    }

    #[test]
    fn why_a_service_gets_no_variables() {
        let svcs = vec![
            json!({"metadata": {"name": "headless"}, "spec": {"clusterIP": "None", "ports": [{"port": 80}]}}),
            json!({"metadata": {"name": "ext"}, "spec": {"type": "ExternalName", "externalName": "example.com"}}),
            json!({"metadata": {"name": "unallocated"}, "spec": {"ports": [{"port": 80}]}}),
        ];
        let links = service_links("default", true, &svcs, &master());
        let reasons: Vec<&str> = links.services[..3]
            .iter()
            .map(|d| d.reason.as_str())
            .collect();
        assert_eq!(
            reasons,
            [
                "a headless Service (clusterIP: None) gets no variables",
                "an ExternalName Service has no cluster IP: no variables",
                "no spec.clusterIP given (a real API server allocates one when the Service is created): no variables",
            ]
        );
    }
}
