//! `ValidatePodCreate` (pkg/apis/core/validation) with Kubernetes' exact messages and order.
//! (contract stub)

pub mod names;

use crate::field::FieldError;
use crate::versions::Version;
use serde_json::Value;

/// What validation needs besides the pod.
#[derive(Debug, Clone)]
pub struct ValidationContext {
    pub version: Version,
}

/// Validates a pod as the API server does on create (after admission and PrepareForCreate).
/// Errors come in Kubernetes' order.
pub fn validate_pod_create(_pod: &Value, _ctx: &ValidationContext) -> Vec<FieldError> {
    Vec::new()
}

/// The aggregate 422 message: `Pod "x" is invalid: [a, b]` (single error without brackets,
/// duplicates removed).
pub fn aggregate_message(name: &str, errors: &[FieldError]) -> String {
    let mut rendered: Vec<String> = Vec::new();
    for e in errors {
        let r = e.render();
        if !rendered.contains(&r) {
            rendered.push(r);
        }
    }
    if rendered.len() == 1 {
        format!("Pod \"{name}\" is invalid: {}", rendered[0])
    } else {
        format!("Pod \"{name}\" is invalid: [{}]", rendered.join(", "))
    }
}
