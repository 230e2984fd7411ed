//! ImageLocality (pkg/scheduler/framework/plugins/imagelocality): prefers nodes that already
//! have the pod's images, weighted by image size and by how many nodes have them.

use super::node_info::NodeInfo;
use super::{PodFacts, MAX_NODE_SCORE};

pub const NAME: &str = "ImageLocality";
pub const WEIGHT: i64 = 1;
const MB: i64 = 1024 * 1024;
const MIN_THRESHOLD: i64 = 23 * MB;
const MAX_CONTAINER_THRESHOLD: i64 = 1000 * MB;

/// `sumImageScores` + `calculatePriority`: each image present on the node counts its size
/// times the share of nodes that have it; the sum is scaled between 23 MB and 1000 MB per container.
pub fn score(pod: &PodFacts, node: &NodeInfo, all: &[NodeInfo]) -> i64 {
    let total_nodes = all.len().max(1) as f64;
    let mut sum: i64 = 0;
    for image in &pod.images {
        let Some((_, size)) = node.images.iter().find(|(n, _)| n == image) else {
            continue;
        };
        let with_image = all
            .iter()
            .filter(|n| n.images.iter().any(|(i, _)| i == image))
            .count();
        sum += (*size as f64 * (with_image as f64 / total_nodes)) as i64;
    }
    let max = MAX_CONTAINER_THRESHOLD * pod.container_count.max(1) as i64;
    let clamped = sum.clamp(MIN_THRESHOLD, max.max(MIN_THRESHOLD));
    if max <= MIN_THRESHOLD {
        return 0;
    }
    MAX_NODE_SCORE * (clamped - MIN_THRESHOLD) / (max - MIN_THRESHOLD)
}
