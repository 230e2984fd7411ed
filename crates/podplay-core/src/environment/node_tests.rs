//! The node the environment reads (spec.nodeName, status.hostIP(s), allocatable for
//! resourceFieldRef): the Node the scheduler chose in the paste or the cluster context,
//! the Node spec.nodeName names, or the simulated node. Through `report::build`, the page's path.

use crate::options::Options;
use crate::placement::NodeChoice;
use crate::versions::Version;

const POD: &str = "apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
  - name: app
    image: nginx:1.25
    env:
    - {name: NODE_NAME, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
    - {name: HOST_IP, valueFrom: {fieldRef: {fieldPath: status.hostIP}}}
    - {name: HOST_IPS, valueFrom: {fieldRef: {fieldPath: status.hostIPs}}}
    - {name: CPU_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
    - {name: MEM_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
";

/// w1 repels the pod (a NoSchedule taint it does not tolerate); w2 takes it.
const NODES: &str = "---
apiVersion: v1
kind: Node
metadata: {name: w1}
spec:
  taints: [{key: dedicated, value: gpu, effect: NoSchedule}]
status:
  addresses: [{type: InternalIP, address: 10.0.0.1}]
  allocatable: {cpu: '2', memory: 4Gi, pods: '110'}
---
apiVersion: v1
kind: Node
metadata: {name: w2}
status:
  addresses:
  - {type: Hostname, address: w2.example}
  - {type: InternalIP, address: 10.0.0.2}
  - {type: InternalIP, address: fd00::2}
  allocatable: {cpu: '3', memory: 6Gi, pods: '110'}
";

/// (name, value, simulated) of each variable, in the view's order (sorted by name).
type Vars = [(&'static str, &'static str, bool); 5];

struct Case {
    name: &'static str,
    paste: String,
    context_panel: &'static str,
    node: &'static str,
    choice: NodeChoice,
    from: &'static str,
    vars: Vars,
}

#[test]
fn the_environment_reads_the_node_the_pod_runs_on() {
    let bound = POD.replace("spec:\n", "spec:\n  nodeName: w1\n");
    let w2: Vars = [
        ("CPU_LIMIT", "3", false),
        ("HOST_IP", "10.0.0.2", false),
        ("HOST_IPS", "10.0.0.2,fd00::2", false),
        ("MEM_LIMIT", "6144", false),
        ("NODE_NAME", "w2", false),
    ];
    let simulated: Vars = [
        ("CPU_LIMIT", "4", true),
        ("HOST_IP", "192.168.1.10", true),
        ("HOST_IPS", "192.168.1.10", true),
        ("MEM_LIMIT", "8192", true),
        ("NODE_NAME", "node-1", true),
    ];
    let cases = [
        Case {
            name: "the scheduler picks w2 among the pasted Nodes",
            paste: format!("{POD}{NODES}"),
            context_panel: "",
            node: "w2",
            choice: NodeChoice::Scheduler,
            from: "from Node w2 (given), chosen by the scheduler",
            vars: w2,
        },
        Case {
            name: "the Nodes come from the cluster context panel",
            paste: POD.to_string(),
            context_panel: NODES,
            node: "w2",
            choice: NodeChoice::Scheduler,
            from: "from Node w2 (given), chosen by the scheduler",
            vars: w2,
        },
        Case {
            name: "spec.nodeName names w1: no scheduling, its taint does not matter",
            paste: format!("{bound}{NODES}"),
            context_panel: "",
            node: "w1",
            choice: NodeChoice::SpecNodeName,
            from: "from Node w1 (given), named by spec.nodeName",
            vars: [
                ("CPU_LIMIT", "2", false),
                ("HOST_IP", "10.0.0.1", false),
                ("HOST_IPS", "10.0.0.1", false),
                ("MEM_LIMIT", "4096", false),
                ("NODE_NAME", "w1", false),
            ],
        },
        Case {
            name: "no Node: the simulated node",
            paste: POD.to_string(),
            context_panel: "",
            node: "node-1",
            choice: NodeChoice::Simulated,
            from: "simulated: no Node given in the paste or the cluster context (the Scheduling view shows its example cluster): the simulated node node-1",
            vars: simulated,
        },
        Case {
            name: "no Node fits: the simulated node",
            paste: format!("{POD}{}", &NODES[..NODES.rfind("---").unwrap()]),
            context_panel: "",
            node: "node-1",
            choice: NodeChoice::Simulated,
            from: "simulated: the scheduler finds no node for the pod (see the Scheduling view): shown on the simulated node node-1",
            vars: simulated,
        },
    ];
    for case in cases {
        let mut options = Options::new(Version::new(1, 36));
        options.context_text = case.context_panel.to_string();
        let report = crate::report::build(&case.paste, &options);
        let env = report.views.environment.expect(case.name);
        assert_eq!(
            (
                env.node.name.as_str(),
                env.node.choice,
                env.node.from.as_str()
            ),
            (case.node, case.choice, case.from),
            "{}",
            case.name
        );
        let rows = env.containers[0].env.as_ref().expect(case.name);
        // The pod's own variables (the `kubernetes` Service's ones are left out).
        let vars: Vec<(&str, &str, bool)> = rows
            .iter()
            .filter(|r| !r.name.starts_with("KUBERNETES_"))
            .map(|r| (r.name.as_str(), r.value.as_str(), r.source.simulated))
            .collect();
        assert_eq!(vars, case.vars, "{}", case.name);
    }
}

#[test]
fn node_name_says_the_scheduler_chose_it() {
    let report = crate::report::build(&format!("{POD}{NODES}"), &Options::new(Version::new(1, 36)));
    let env = report.views.environment.unwrap();
    let rows = env.containers[0].env.as_ref().unwrap();
    let node_name = rows.iter().find(|r| r.name == "NODE_NAME").unwrap();
    assert_eq!(
        node_name.source.text,
        "fieldRef spec.nodeName (chosen by the scheduler)"
    );
}
