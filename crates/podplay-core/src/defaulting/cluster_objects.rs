//! Scheme defaulting of the cluster objects the views read beside the pod
//! (pkg/apis/core/v1/defaults.go): Services (`SetDefaults_Service`) and Nodes
//! (`SetDefaults_NodeStatus`). The kubelet sees these objects as the API server stored them.

use serde_json::{json, Value};
use std::borrow::Cow;

fn str_at<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// `SetDefaults_Service`: session affinity, type, port protocol and target port, traffic
/// policies, and load-balancer node ports.
pub fn set_defaults_service(service: &mut Value) {
    let Some(obj) = service.as_object_mut() else {
        return;
    };
    let spec = obj.entry("spec").or_insert_with(|| json!({}));
    let Some(spec) = spec.as_object_mut() else {
        return;
    };
    if str_at(&Value::Object(spec.clone()), "sessionAffinity").is_empty() {
        spec.insert("sessionAffinity".into(), json!("None"));
    }
    match spec.get("sessionAffinity").and_then(Value::as_str) {
        Some("None") => {
            spec.remove("sessionAffinityConfig");
        }
        Some("ClientIP") => {
            let config = spec
                .entry("sessionAffinityConfig")
                .or_insert_with(|| json!({}));
            if let Some(c) = config.as_object_mut() {
                let client = c.entry("clientIP").or_insert_with(|| json!({}));
                if let Some(client) = client.as_object_mut() {
                    if client.get("timeoutSeconds").is_none_or(Value::is_null) {
                        client.insert("timeoutSeconds".into(), json!(10800));
                    }
                }
            }
        }
        _ => {}
    }
    if spec
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("")
        .is_empty()
    {
        spec.insert("type".into(), json!("ClusterIP"));
    }
    let service_type = spec
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if let Some(ports) = spec.get_mut("ports").and_then(Value::as_array_mut) {
        for p in ports.iter_mut().filter_map(Value::as_object_mut) {
            if p.get("protocol")
                .and_then(Value::as_str)
                .unwrap_or("")
                .is_empty()
            {
                p.insert("protocol".into(), json!("TCP"));
            }
            // An unset target port (0 or "") is the port itself.
            let unset = match p.get("targetPort") {
                None | Some(Value::Null) => true,
                Some(Value::String(s)) => s.is_empty(),
                Some(v) => v.as_i64() == Some(0),
            };
            if unset {
                let port = p.get("port").cloned().unwrap_or(json!(0));
                p.insert("targetPort".into(), port);
            }
        }
    }
    let external = service_type == "NodePort" || service_type == "LoadBalancer";
    if external && str_at(&Value::Object(spec.clone()), "externalTrafficPolicy").is_empty() {
        spec.insert("externalTrafficPolicy".into(), json!("Cluster"));
    }
    if (external || service_type == "ClusterIP")
        && spec.get("internalTrafficPolicy").is_none_or(Value::is_null)
    {
        spec.insert("internalTrafficPolicy".into(), json!("Cluster"));
    }
    if service_type == "LoadBalancer"
        && spec
            .get("allocateLoadBalancerNodePorts")
            .is_none_or(Value::is_null)
    {
        spec.insert("allocateLoadBalancerNodePorts".into(), json!(true));
    }
}

/// `SetDefaults_NodeStatus` (pkg/apis/core/v1/defaults.go), the only Node defaulting: a Node
/// with `capacity` but no `allocatable` gets `allocatable := capacity` (rule
/// `defaults.node.allocatable`); the scheduler and the downward API read allocatable.
pub fn set_defaults_node(node: &mut Value) {
    if !node_needs_defaults(node) {
        return;
    }
    if let Some(status) = node.get_mut("status").and_then(Value::as_object_mut) {
        if let Some(capacity) = status.get("capacity").cloned() {
            status.insert("allocatable".into(), capacity);
        }
    }
}

/// Whether [`set_defaults_node`] changes `node`: a status with a `capacity` object and no
/// `allocatable`.
fn node_needs_defaults(node: &Value) -> bool {
    let Some(status) = node.get("status").and_then(Value::as_object) else {
        return false;
    };
    status.get("allocatable").is_none_or(Value::is_null)
        && status.get("capacity").is_some_and(Value::is_object)
}

/// The Node as the API server stores it: `node` itself when [`set_defaults_node`] has nothing
/// to add (the usual case), else a defaulted copy. Readers that only look need no copy.
pub fn node_with_defaults(node: &Value) -> Cow<'_, Value> {
    if !node_needs_defaults(node) {
        return Cow::Borrowed(node);
    }
    let mut copy = node.clone();
    set_defaults_node(&mut copy);
    Cow::Owned(copy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_defaults() {
        let mut s = json!({"metadata": {"name": "a"}, "spec": {"ports": [{"port": 80}, {"port": 53, "protocol": "UDP", "targetPort": "dns"}]}});
        set_defaults_service(&mut s);
        assert_eq!(
            s["spec"],
            json!({"ports": [{"port": 80, "protocol": "TCP", "targetPort": 80},
                             {"port": 53, "protocol": "UDP", "targetPort": "dns"}],
                   "sessionAffinity": "None", "type": "ClusterIP", "internalTrafficPolicy": "Cluster"})
        );
        let mut lb = json!({"spec": {"type": "LoadBalancer", "sessionAffinity": "ClientIP", "ports": [{"port": 1}]}});
        set_defaults_service(&mut lb);
        assert_eq!(lb["spec"]["externalTrafficPolicy"], "Cluster");
        assert_eq!(lb["spec"]["allocateLoadBalancerNodePorts"], true);
        assert_eq!(
            lb["spec"]["sessionAffinityConfig"]["clientIP"]["timeoutSeconds"],
            10800
        );
        let mut ext = json!({"spec": {"type": "ExternalName", "externalName": "example.com"}});
        set_defaults_service(&mut ext);
        assert!(ext["spec"].get("internalTrafficPolicy").is_none());
    }

    #[test]
    fn node_allocatable_from_capacity() {
        let mut n = json!({"status": {"capacity": {"cpu": "2"}}});
        set_defaults_node(&mut n);
        assert_eq!(n["status"]["allocatable"], json!({"cpu": "2"}));
        let mut kept = json!({"status": {"capacity": {"cpu": "2"}, "allocatable": {"cpu": "1"}}});
        set_defaults_node(&mut kept);
        assert_eq!(kept["status"]["allocatable"], json!({"cpu": "1"}));
    }
}
