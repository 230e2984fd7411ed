//! Pod QoS class (`pkg/apis/core/helper/qos/qos.go:ComputePodQOS`). (contract stub)

use serde_json::Value;

/// `BestEffort`, `Burstable` or `Guaranteed` for a v1 Pod JSON object.
pub fn compute_pod_qos(_pod: &Value) -> &'static str {
    "BestEffort"
}
