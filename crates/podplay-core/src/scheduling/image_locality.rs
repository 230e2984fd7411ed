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
        if !node.images.iter().any(|(n, _)| n == image) {
            continue;
        }
        let with_image = all
            .iter()
            .filter(|n| n.images.iter().any(|(i, _)| i == image))
            .count();
        sum += (cached_size(image, all) as f64 * (with_image as f64 / total_nodes)) as i64;
    }
    let max = MAX_CONTAINER_THRESHOLD * pod.container_count.max(1) as i64;
    let clamped = sum.clamp(MIN_THRESHOLD, max.max(MIN_THRESHOLD));
    if max <= MIN_THRESHOLD {
        return 0;
    }
    MAX_NODE_SCORE * (clamped - MIN_THRESHOLD) / (max - MIN_THRESHOLD)
}

/// The size the scheduler's cache keeps for an image name: the one of the first Node added
/// that lists it, and Nodes are added in list order, by name (backend/cache/cache.go
/// `addNodeImageStates` creates the shared entry once; later nodes only join it). So every
/// node that has the image scores with that size, not with its own `sizeBytes`.
fn cached_size(image: &str, all: &[NodeInfo]) -> i64 {
    all.iter()
        .filter_map(|n| {
            let (_, size) = n.images.iter().find(|(i, _)| i == image)?;
            Some((n.name.as_str(), *size))
        })
        .min_by(|a, b| a.0.cmp(b.0))
        .map_or(0, |(_, size)| size)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::versions::Version;
    use serde_json::json;

    #[test]
    fn size_times_spread_scaled_between_thresholds() {
        let v = Version::new(1, 36);
        let with_image = |name: &str, size: i64| {
            NodeInfo::new(
                &json!({"metadata": {"name": name}, "status": {"images": [{"names": ["docker.io/library/app:1", "app:1"], "sizeBytes": size}]}}),
                &[],
            )
        };
        let bare = NodeInfo::new(&json!({"metadata": {"name": "bare"}}), &[]);
        let pod = PodFacts::new(
            &json!({"spec": {"containers": [{"name": "a", "image": "app:1"}]}}),
            v,
        );
        // 500 MiB on one node of two: 250 MiB counts; (250 − 23) × 100 / (1000 − 23) = 23.
        let nodes = vec![with_image("n1", 500 * MB), bare];
        assert_eq!(score(&pod, &nodes[0], &nodes), 23);
        assert_eq!(score(&pod, &nodes[1], &nodes), 0);
        // Below 23 MB the image does not count.
        let nodes = vec![with_image("n1", 20 * MB)];
        assert_eq!(score(&pod, &nodes[0], &nodes), 0);
    }

    #[test]
    fn one_size_per_image_from_the_first_node_by_name() {
        let v = Version::new(1, 36);
        let node = |name: &str, image: &str, size: i64| {
            NodeInfo::new(
                &json!({"metadata": {"name": name}, "status": {"images": [{"names": [image], "sizeBytes": size}]}}),
                &[],
            )
        };
        let pod = PodFacts::new(
            &json!({"spec": {"containers": [{"name": "a", "image": "app"}]}}),
            v,
        );
        // `zz` lists 900 MiB, `aa` 100 MiB: both score with aa's size (the cache's entry):
        // (100 − 23) × 100 / (1000 − 23) = 7, not 89 for zz.
        let nodes = vec![
            node("zz", "app:latest", 900 * MB),
            node("aa", "app:latest", 100 * MB),
        ];
        assert_eq!(score(&pod, &nodes[0], &nodes), 7);
        assert_eq!(score(&pod, &nodes[1], &nodes), 7);
        // The node's names are not normalized: plain `app` is not `app:latest`.
        let nodes = vec![node("n1", "app", 900 * MB)];
        assert_eq!(score(&pod, &nodes[0], &nodes), 0);
    }
}
