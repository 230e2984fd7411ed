//! Where the created pod runs, decided once for every view that comes after scheduling (the
//! environment, start-up and termination views): the node `spec.nodeName` names; else the node
//! the scheduling view bound the pod to among the pasted Nodes (its `Binding` sets
//! `spec.nodeName`, pkg/scheduler/schedule_one.go `bindingCycle`); else the simulated node of
//! the cluster settings. The scheduler's decision is read from the scheduling view's report,
//! never made again here.

use crate::environment::SimulatedValues;
use crate::input::CONTEXT_GIVEN_IN;
use crate::pod_json::Pointer;
use crate::scheduling::paste::{NodeSource, ScheduleReport};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Who decided the node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum NodeChoice {
    /// The pod names its node: it is bound when created and never scheduled.
    SpecNodeName,
    /// The scheduler bound it to a Node of the paste (or of the cluster context panel).
    Scheduler,
    /// Nothing chose a real node: the simulated node (cluster settings).
    #[default]
    Simulated,
}

/// The node the pod runs on, and how it was chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Placement {
    pub node_name: String,
    pub choice: NodeChoice,
    /// One line: how the node was chosen, or why the simulated one is used.
    pub why: String,
}

impl Placement {
    /// The simulated node, for `why`.
    pub fn simulated(simulated: &SimulatedValues, why: String) -> Placement {
        Placement {
            node_name: simulated.node.name.clone(),
            choice: NodeChoice::Simulated,
            why,
        }
    }
}

/// The node `pod` (the created pod) runs on, from the scheduling view's report.
pub fn placement(
    pod: &Value,
    scheduling: Option<&ScheduleReport>,
    simulated: &SimulatedValues,
) -> Placement {
    let named = pod
        .at("/spec/nodeName")
        .and_then(Value::as_str)
        .unwrap_or("");
    if !named.is_empty() {
        return Placement {
            node_name: named.to_string(),
            choice: NodeChoice::SpecNodeName,
            why: "spec.nodeName names it: the pod is bound when created, without the scheduler"
                .into(),
        };
    }
    let sim = &simulated.node.name;
    let Some(report) = scheduling else {
        return Placement::simulated(
            simulated,
            format!("no scheduling result: the simulated node {sim}"),
        );
    };
    if report.node_source == NodeSource::ExampleCluster {
        return Placement::simulated(
            simulated,
            format!("no Node given in {CONTEXT_GIVEN_IN} (the Scheduling view shows its example cluster): the simulated node {sim}"),
        );
    }
    let Some(s) = report.scheduling.as_ref() else {
        return Placement::simulated(
            simulated,
            format!("no scheduling result: the simulated node {sim}"),
        );
    };
    if let Some(node) = s.assigned_to.as_ref().filter(|_| s.bypassed.is_none()) {
        return Placement {
            node_name: node.clone(),
            choice: NodeChoice::Scheduler,
            why: "chosen by the scheduler among the given Nodes".into(),
        };
    }
    let why = if s.bypassed.is_some() {
        format!("default-scheduler does not bind this pod (see the Scheduling view): the simulated node {sim}")
    } else if !s.assigned_among.is_empty() {
        format!(
            "the scheduler's top score is a tie among {} (see the Scheduling view): the simulated node {sim}",
            s.assigned_among.join(", ")
        )
    } else {
        format!("the scheduler finds no node for the pod (see the Scheduling view): shown on the simulated node {sim}")
    };
    Placement::simulated(simulated, why)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Options;
    use crate::versions::Version;

    /// The report's placement-dependent views through the page's own path.
    fn placed(text: &str) -> Placement {
        let options = Options::new(Version::new(1, 36));
        let read = crate::input::read_with_context(text, "", options.version);
        let subject = read.subject.as_ref().unwrap();
        let result = crate::pipeline::create(subject, &read.context, &options);
        let input = crate::views::ViewInput {
            pod: result.shown_pod(),
            created: result.pod.is_some(),
            admit: &result,
            subject,
            context: &read.context,
            options: &options,
        };
        let report = crate::scheduling::paste::view(&input);
        placement(input.pod, report.as_ref(), &options.simulated)
    }

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: a:1}]\n";

    fn node(name: &str, extra: &str) -> String {
        format!("---\napiVersion: v1\nkind: Node\nmetadata: {{name: {name}}}\n{extra}status:\n  allocatable: {{cpu: '2', memory: 4Gi, pods: '110'}}\n")
    }

    #[test]
    fn each_way_a_node_is_chosen() {
        let tainted = "spec:\n  taints: [{key: k, effect: NoSchedule}]\n";
        let bound = POD.replace("spec:\n", "spec:\n  nodeName: w9\n");
        let gated = POD.replace("spec:\n", "spec:\n  schedulingGates: [{name: g}]\n");
        let cases: Vec<(String, &str, NodeChoice, &str)> = vec![
            (
                format!("{POD}{}{}", node("w1", tainted), node("w2", "")),
                "w2",
                NodeChoice::Scheduler,
                "chosen by the scheduler among the given Nodes",
            ),
            (
                format!("{bound}{}", node("w2", "")),
                "w9",
                NodeChoice::SpecNodeName,
                "spec.nodeName names it: the pod is bound when created, without the scheduler",
            ),
            (
                POD.to_string(),
                "node-1",
                NodeChoice::Simulated,
                "no Node given in the paste or the cluster context (the Scheduling view shows its example cluster): the simulated node node-1",
            ),
            (
                format!("{POD}{}", node("w1", tainted)),
                "node-1",
                NodeChoice::Simulated,
                "the scheduler finds no node for the pod (see the Scheduling view): shown on the simulated node node-1",
            ),
            (
                format!("{POD}{}{}", node("w1", ""), node("w2", "")),
                "node-1",
                NodeChoice::Simulated,
                "the scheduler's top score is a tie among w1, w2 (see the Scheduling view): the simulated node node-1",
            ),
            (
                format!("{gated}{}", node("w1", "")),
                "node-1",
                NodeChoice::Simulated,
                "default-scheduler does not bind this pod (see the Scheduling view): the simulated node node-1",
            ),
        ];
        for (text, name, choice, why) in cases {
            let p = placed(&text);
            assert_eq!(
                (p.node_name.as_str(), p.choice, p.why.as_str()),
                (name, choice, why),
                "{text}"
            );
        }
    }
}
