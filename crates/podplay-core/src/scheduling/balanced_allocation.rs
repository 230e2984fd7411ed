//! NodeResourcesBalancedAllocation (pkg/scheduler/framework/plugins/noderesources/
//! balanced_allocation.go): prefers nodes whose cpu and memory shares stay close to each other.

use super::node_info::NodeInfo;
use super::{PodFacts, MAX_NODE_SCORE};
use crate::versions::Version;

pub const NAME: &str = "NodeResourcesBalancedAllocation";
pub const WEIGHT: i64 = 1;

/// PreScore: a pod requesting no cpu and no memory is not scored (kubernetes#129138: it would
/// pile best-effort pods onto one node).
pub fn score_skip(pod: &PodFacts) -> Option<&'static str> {
    (pod.requests.milli_cpu == 0 && pod.requests.memory == 0)
        .then_some("the pod requests no cpu or memory (PreScore returns Skip)")
}

/// `(1 − std) × 100` over the requested/allocatable fractions (each capped at 1).
fn balance(requested: &[i64], allocatable: &[i64]) -> i64 {
    let fractions: Vec<f64> = requested
        .iter()
        .zip(allocatable)
        .filter(|(_, a)| **a != 0)
        .map(|(r, a)| (*r as f64 / *a as f64).min(1.0))
        .collect();
    let std = match fractions.as_slice() {
        [a, b] => ((a - b) / 2.0).abs(),
        [_, _, ..] => {
            let mean = fractions.iter().sum::<f64>() / fractions.len() as f64;
            let var = fractions
                .iter()
                .map(|f| (f - mean) * (f - mean))
                .sum::<f64>()
                / fractions.len() as f64;
            var.sqrt()
        }
        _ => 0.0,
    };
    ((1.0 - std) * MAX_NODE_SCORE as f64) as i64
}

/// Requests here are the real ones (no scoring defaults), the bound pods' plus this pod's.
/// 1.36 scores the improvement in balance the pod brings (`50 + (50 + with − without) / 2`);
/// earlier releases score the balance with the pod (versions behaviour
/// `SchedulerBalancedAllocationImprovement`).
pub fn score(pod: &PodFacts, node: &NodeInfo, version: Version) -> i64 {
    let alloc = [node.allocatable.milli_cpu, node.allocatable.memory];
    let allocated = [node.requested.milli_cpu, node.requested.memory];
    let with_pod = [
        allocated[0] + pod.requests.milli_cpu,
        allocated[1] + pod.requests.memory,
    ];
    let with = balance(&with_pod, &alloc);
    if !version.behaviour("SchedulerBalancedAllocationImprovement") {
        return with;
    }
    let without = balance(&allocated, &alloc);
    MAX_NODE_SCORE / 2 + (MAX_NODE_SCORE / 2 + with - without) / 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balance_rows() {
        assert_eq!(balance(&[1000, 2048], &[4000, 8192]), 100);
        // cpu 50%, memory 10%: std 0.2 → 80.
        assert_eq!(balance(&[2000, 1000], &[4000, 10000]), 80);
        assert_eq!(balance(&[0, 0], &[0, 0]), 100);
    }
}
