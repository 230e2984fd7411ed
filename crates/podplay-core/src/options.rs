//! What the person chose: the Kubernetes version, the request namespace, the admission
//! configuration and the node's state. Every step (reading the paste, the create pipeline,
//! every view) takes the same options.

use crate::admission::AdmissionSettings;
use crate::environment::SimulatedValues;
use crate::pipeline::Stages;
use crate::timeline::TimelineOptions;
use crate::versions::Version;

#[derive(Debug, Clone)]
pub struct Options {
    /// The release whose behaviour is modelled. Always explicit: no step picks one itself.
    pub version: Version,
    /// The namespace of the request (kubectl's context namespace); `default` when None.
    pub namespace: Option<String>,
    pub admission: AdmissionSettings,
    /// Whether the pod's images are already on the node (changes what the kubelet does).
    pub image_present: bool,
    /// What a real cluster decides at scheduling and start (node, pod IP, the `kubernetes`
    /// Service, the pod's uid), used by the environment view and marked as simulated there.
    pub simulated: SimulatedValues,
    /// The termination scenario and per-container behaviours the timeline views play.
    pub timeline: TimelineOptions,
    /// Cluster context given beside the paste (the page's "Cluster context" panel): more
    /// multi-document YAML read by the same rules as the paste's context documents; never the
    /// subject. Empty = none.
    pub context_text: String,
    /// Which of the create pipeline's intermediate objects `admit.result` keeps: the views'
    /// (default; the page and the CLI's outputs read no other) or all of them.
    pub stages: Stages,
}

impl Options {
    /// A default kube-apiserver and an empty node, in `version`.
    pub fn new(version: Version) -> Self {
        Options {
            version,
            namespace: None,
            admission: AdmissionSettings::default(),
            image_present: false,
            simulated: SimulatedValues::default(),
            timeline: TimelineOptions::default(),
            context_text: String::new(),
            stages: Stages::Shown,
        }
    }
}
