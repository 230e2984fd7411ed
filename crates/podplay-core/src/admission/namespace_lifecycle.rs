//! NamespaceLifecycle admission (plugin/pkg/admission/namespace/lifecycle): creating an
//! object in a namespace that is being deleted is forbidden. It runs first, before every
//! other plugin; podplay checks it only when the Namespace is pasted (otherwise the namespace
//! is assumed to exist and be active).

use super::{forbidden, AdmissionError};
use crate::cluster::ClusterContext;
use crate::pod_json::Pointer;
use serde_json::Value;

pub const NAME: &str = "NamespaceLifecycle";

/// Rejects the pod when its namespace's phase is Terminating (or it has a deletion time).
pub fn admit(cluster: &ClusterContext, namespace: &str, pod: &Value) -> Result<(), AdmissionError> {
    let Some(ns) = cluster.namespace(namespace) else {
        return Ok(());
    };
    let terminating = ns.at("/status/phase").and_then(Value::as_str) == Some("Terminating")
        || ns
            .at("/metadata/deletionTimestamp")
            .is_some_and(|t| !t.is_null());
    if terminating {
        return Err(forbidden(
            NAME,
            pod,
            "metadata.namespace",
            format!("unable to create new content in namespace {namespace} because it is being terminated"),
        ));
    }
    Ok(())
}
