//! DefaultPreemption (pkg/scheduler/framework/plugins/defaultpreemption and
//! pkg/scheduler/framework/preemption/preemption.go): when no node fits, can evicting
//! lower-priority pods make room? Only nodes rejected as plain `Unschedulable` are tried.

use super::node_info::NodeInfo;
use super::{fit_error_message, run_filters, Code, CycleState, PodFacts, Status};
use crate::versions::Version;

/// What preemption concluded.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A node was nominated; its victims are evicted (`ns/name`). `node` is None when several
    /// candidates are equally good (`among`): the real search starts at a random node.
    Nominated {
        node: Option<String>,
        among: Vec<Nominee>,
        victims: Vec<String>,
    },
    /// The PostFilter message (`preemption: …`).
    Failed(String),
}

/// One of several equally good preemption candidates: its node and the pods evicted there if
/// it is the one nominated.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Nominee {
    pub node: String,
    pub victims: Vec<String>,
}

pub struct Preemption {
    pub outcome: Outcome,
    /// Per node (same order as the nodes): what the dry run found there.
    pub per_node: Vec<Option<String>>,
}

struct Candidate {
    node: usize,
    /// Most important first: (`ns/name`, priority, `status.startTime`).
    victims: Vec<(String, i64, Option<String>)>,
}

/// The dry run on one node (`SelectVictimsOnNode`): remove every lower-priority pod; if the
/// pod still does not fit, the node's status is the filter's; otherwise add victims back,
/// most important first, keeping those the pod can live with. The PreFilter state (spread
/// counts, pod affinity) is recomputed for each trial, as the RemovePod/AddPod extensions do.
fn select_victims(
    pod: &PodFacts,
    infos: &[NodeInfo],
    index: usize,
    version: Version,
) -> Result<Vec<(String, i64, Option<String>)>, Status> {
    let node = &infos[index];
    let potential: Vec<_> = node
        .pods
        .iter()
        .filter(|p| p.priority < pod.priority)
        .cloned()
        .collect();
    if potential.is_empty() {
        return Err(Status::new(
            Code::UnschedulableAndUnresolvable,
            version.wording("scheduler.preemption.noVictims"),
        ));
    }
    let mut trial: Vec<NodeInfo> = infos.to_vec();
    for p in &potential {
        trial[index].remove_pod(&p.key);
    }
    let fails = |cluster: &[NodeInfo]| {
        let cycle = CycleState::new(pod, cluster, version);
        run_filters(pod, &cluster[index], &cycle, version).1
    };
    if let Some((_, status)) = fails(&trial) {
        return Err(status);
    }
    let order = reprieve_order(&potential);
    let mut victims = Vec::new();
    for i in order {
        let p = potential[i].clone();
        trial[index].add_pod(p.clone());
        if fails(&trial).is_some() {
            trial[index].remove_pod(&p.key);
            victims.push((p.key, p.priority, p.start_time));
        }
    }
    Ok(victims)
}

/// The victims the scheduler deletes (`ns/name`): from 1.35 a victim already being deleted
/// (`deletionTimestamp` set) gets no API call (preemption.go prepareCandidate skips it;
/// v1.34.2 deletes it again).
fn evicted(c: &Candidate, infos: &[NodeInfo], version: Version) -> Vec<String> {
    let skip_deleting = version.behaviour("PreemptionSkipsDeletingVictims");
    let deleting = |key: &str| {
        infos[c.node]
            .pods
            .iter()
            .any(|p| p.key == key && p.terminating)
    };
    c.victims
        .iter()
        .filter(|v| !(skip_deleting && deleting(&v.0)))
        .map(|v| v.0.clone())
        .collect()
}

/// The order `SelectVictimsOnNode` tries to reprieve the potential victims in: `sort.Slice`
/// with `util.MoreImportantPod` (pkg/scheduler/util/utils.go): higher priority first, then the
/// earlier `status.startTime` (`GetPodStartTime`). A pod without a start time gets
/// `time.Now()`, taken for the first argument first, so two such pods are each "more
/// important" than the other, and a pod with a start time is more important than one without.
/// Go sorts up to 12 elements by insertion sort, starting from the node's pod order (the
/// informer's initial list order: the fake clientset lists by namespace, then name), so
/// equal-priority pods without start times end up in the reverse of that order.
fn reprieve_order(potential: &[super::node_info::PodOnNode]) -> Vec<usize> {
    let ns_name = |i: usize| potential[i].key.split_once('/').unwrap_or(("", ""));
    let mut order: Vec<usize> = (0..potential.len()).collect();
    crate::small_sort::sort_by(&mut order, |a, b| ns_name(*a) < ns_name(*b));
    let more_important = |a: usize, b: usize| {
        let (pa, pb) = (&potential[a], &potential[b]);
        if pa.priority != pb.priority {
            return pa.priority > pb.priority;
        }
        match (&pa.start_time, &pb.start_time) {
            (Some(x), Some(y)) => x < y,
            (Some(_), None) | (None, None) => true,
            (None, Some(_)) => false,
        }
    };
    for i in 1..order.len() {
        let mut j = i;
        while j > 0 && more_important(order[j], order[j - 1]) {
            order.swap(j, j - 1);
            j -= 1;
        }
    }
    order
}

/// `pickOneNodeForPreemption` without PDBs and start times: the lowest highest-priority
/// victim, then the lowest priority sum, then the fewest victims.
fn best(candidates: &[Candidate]) -> Vec<usize> {
    let key = |c: &Candidate| {
        let highest = c.victims.iter().map(|v| v.1).max().unwrap_or(i64::MIN);
        // Each priority is offset by MaxInt32+1 so that negative priorities still add up.
        let sum: i64 = c
            .victims
            .iter()
            .map(|v| v.1 + i64::from(i32::MAX) + 1)
            .sum();
        (highest, sum, c.victims.len())
    };
    let min = candidates.iter().map(key).min();
    let tied: Vec<usize> = (0..candidates.len())
        .filter(|i| Some(key(&candidates[*i])) == min)
        .collect();
    latest_start(candidates, tied)
}

/// `GetEarliestPodStartTime` over a candidate's highest-priority victims; None = now (none
/// of them has a start time; a victim without one counts as starting now).
fn earliest(c: &Candidate) -> Option<&str> {
    let highest = c.victims.iter().map(|v| v.1).max()?;
    c.victims
        .iter()
        .filter(|v| v.1 == highest)
        .filter_map(|v| v.2.as_deref())
        .min()
}

/// The last rule of `pickOneNodeForPreemption`: the node whose highest-priority victims
/// started latest (`GetEarliestPodStartTime`). A victim without `status.startTime` counts as
/// starting now (later than any written time); two such nodes stay tied, as the real choice
/// then depends on the clock and on map order.
fn latest_start(candidates: &[Candidate], tied: Vec<usize>) -> Vec<usize> {
    if tied.len() < 2 {
        return tied;
    }
    let later = |a: Option<&str>, b: Option<&str>| match (a, b) {
        (None, _) => b.is_some(),
        (Some(_), None) => false,
        (Some(x), Some(y)) => x > y,
    };
    let mut best: Vec<usize> = Vec::new();
    for i in tied {
        let e = earliest(&candidates[i]);
        match best.first().map(|b| earliest(&candidates[*b])) {
            None => best.push(i),
            Some(top) if later(e, top) => best = vec![i],
            Some(top) if e == top => best.push(i),
            Some(_) => {}
        }
    }
    best
}

pub fn preempt(
    pod: &PodFacts,
    infos: &[NodeInfo],
    statuses: &[Option<Status>],
    version: Version,
) -> Preemption {
    let prefix = version.wording("scheduler.preemption.prefix");
    let mut per_node = vec![None; infos.len()];
    if pod.preemption_never {
        let msg = version.wording("scheduler.preemption.never");
        return Preemption {
            outcome: Outcome::Failed(format!("{prefix}{msg}")),
            per_node,
        };
    }
    let not_helpful = version.wording("scheduler.preemption.notHelpful");
    let potential: Vec<usize> = (0..infos.len())
        .filter(|i| {
            statuses[*i]
                .as_ref()
                .is_some_and(|s| s.code == Code::Unschedulable)
        })
        .collect();
    let mut candidates = Vec::new();
    let mut reasons: Vec<Vec<String>> = Vec::new();
    for (i, note) in per_node.iter_mut().enumerate() {
        if !potential.contains(&i) {
            *note = Some(format!(
                "not tried: the node's rejection is UnschedulableAndUnresolvable ({not_helpful})"
            ));
            continue;
        }
        match select_victims(pod, infos, i, version) {
            Ok(victims) => {
                let names: Vec<&str> = victims.iter().map(|v| v.0.as_str()).collect();
                *note = Some(format!("evicting {} would make room", names.join(", ")));
                candidates.push(Candidate { node: i, victims });
            }
            Err(status) => {
                *note = Some(status.reasons.join(", "));
                reasons.push(status.reasons);
            }
        }
    }
    if candidates.is_empty() {
        // Nodes not tried count as absent, with the "not helpful" reason.
        let absent = vec![not_helpful.to_string()];
        let mut all: Vec<&[String]> = reasons.iter().map(Vec::as_slice).collect();
        for _ in 0..infos.len() - potential.len() {
            all.push(absent.as_slice());
        }
        let inner = fit_error_message(infos.len(), &all, None, None);
        return Preemption {
            outcome: Outcome::Failed(format!("{prefix}{inner}")),
            per_node,
        };
    }
    let winners = best(&candidates);
    let outcome = if let [one] = winners.as_slice() {
        let c = &candidates[*one];
        Outcome::Nominated {
            node: Some(infos[c.node].name.clone()),
            among: Vec::new(),
            victims: evicted(c, infos, version),
        }
    } else {
        Outcome::Nominated {
            node: None,
            among: winners
                .iter()
                .map(|w| Nominee {
                    node: infos[candidates[*w].node].name.clone(),
                    victims: evicted(&candidates[*w], infos, version),
                })
                .collect(),
            victims: Vec::new(),
        }
    };
    Preemption { outcome, per_node }
}
