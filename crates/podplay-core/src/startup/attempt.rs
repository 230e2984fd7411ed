//! One start attempt of one container: the image step, CreateContainer, StartContainer and the
//! postStart hook run synchronously (`kuberuntime_container.go:startContainer`), and the kill
//! that follows a failed postStart.

use super::*;
use crate::pod_json::Pointer;
use crate::reference::Reference;

impl Sim<'_> {
    /// Image, create, start and postStart of one container from `t`.
    pub(super) fn attempt(&mut self, i: usize, m: &Member, t: Ms) -> Attempt {
        let b = self.behaviour(&m.name);
        let image = str_at(m.spec, "/image").to_string();
        let policy = match str_at(m.spec, "/imagePullPolicy") {
            "" => "IfNotPresent".to_string(),
            p => p.to_string(),
        };
        let mut plan = images::kubelet_pull(
            &Reference::parse(&image),
            &policy,
            b.image_present.unwrap_or(false),
            PresentOrigin::Preloaded,
            self.version,
        );
        if let Some(error) = self.facts.pull_secret_error {
            plan = images::credential_lookup_failed(plan, error);
        }
        let mut t = t;
        match plan.action {
            KubeletAction::Fail => {
                let reason = plan.waiting_reason.clone().unwrap_or_default();
                for e in &plan.events {
                    let kind = match reason.as_str() {
                        "InvalidImageName" => EventKind::InvalidImageName,
                        "ErrImageNeverPull" => EventKind::ErrImageNeverPull,
                        _ => EventKind::Failed,
                    };
                    self.event(
                        i,
                        t,
                        kind,
                        e.message.clone(),
                        Some((&e.kind, &e.reason, e.message.clone())),
                    );
                }
                self.tl.lanes[i].state = reason;
                self.tl
                    .notes
                    .push(note(&plan.rule, plan.why.clone(), &plan.source));
                return Attempt::NoImage;
            }
            KubeletAction::UseLocal => {
                for e in &plan.events {
                    self.event(
                        i,
                        t,
                        EventKind::Pulled,
                        e.message.clone(),
                        Some((&e.kind, &e.reason, e.message.clone())),
                    );
                }
            }
            KubeletAction::Pull => {
                match b.pull.unwrap_or(Pull::Takes(0)) {
                    Pull::Takes(d) => {
                        let msg = images::pulling_message(&image);
                        self.event(
                            i,
                            t,
                            EventKind::Pulling,
                            msg.clone(),
                            Some(("Normal", "Pulling", msg)),
                        );
                        // Behind other pods' pulls (serializeImagePulls / maxParallelImagePulls).
                        let sim = b.simulated_pull();
                        let w = sim.wait;
                        if w > 0 {
                            self.bar(
                                i,
                                BarKind::WaitingForPull,
                                t,
                                t + w,
                                true,
                                "waiting for other pods' pulls on the node".into(),
                            );
                            t += w;
                        }
                        // pkg/kubelet/images/image_manager.go: the size the runtime reports.
                        let msg = images::pulled_message(&image, &sim);
                        self.tl.notes.push(note(
                            "startup.pull.simulated",
                            format!("the pull time, the wait behind other pulls and the image size in the pull events are simulated (0s, 0s and {DEFAULT_IMAGE_SIZE} bytes unless the container's start behaviour sets them); a real node reports its own"),
                            SRC_PULL,
                        ));
                        self.bar(
                            i,
                            BarKind::Pulling,
                            t,
                            t + d,
                            true,
                            format!("pulling {image}"),
                        );
                        t += d;
                        self.event(
                            i,
                            t,
                            EventKind::Pulled,
                            msg.clone(),
                            Some(("Normal", "Pulled", msg)),
                        );
                    }
                    Pull::Fails => {
                        self.pull_backoff(i, &image, t);
                        return Attempt::NoImage;
                    }
                }
            }
        }
        self.created_started(i, m, t);
        // postStart runs synchronously: the container is not Running until it returns.
        let hook = m.spec.at("/lifecycle/postStart");
        if let Some(h) = hook {
            let run = if let Some(s) = h.at("/sleep/seconds").and_then(Value::as_u64) {
                PostStart::Takes(secs(s))
            } else if h.get("tcpSocket").is_some() {
                PostStart::Fails(0)
            } else {
                b.post_start.unwrap_or(PostStart::Takes(0))
            };
            self.event(
                i,
                t,
                EventKind::PostStartStarted,
                "postStart hook runs; the container is not Running until it returns".into(),
                None,
            );
            match run {
                PostStart::Takes(d) => {
                    self.bar(i, BarKind::PostStart, t, t + d, true, "postStart".into());
                    t += d;
                    self.event(
                        i,
                        t,
                        EventKind::PostStartFinished,
                        "postStart hook completed".into(),
                        None,
                    );
                }
                PostStart::Hangs => {
                    self.bar(
                        i,
                        BarKind::PostStart,
                        t,
                        t,
                        false,
                        "postStart (never returns)".into(),
                    );
                    return Attempt::Hung;
                }
                PostStart::Fails(d) => {
                    self.bar(
                        i,
                        BarKind::PostStart,
                        t,
                        t + d,
                        true,
                        "postStart (fails)".into(),
                    );
                    t += d;
                    return Attempt::Killed {
                        at: self.post_start_failed(i, m, t),
                        fail_after: d,
                    };
                }
            }
        }
        self.tl.lanes[i].running_at.get_or_insert(t);
        self.tl.lanes[i].state = "Running".into();
        self.event(i, t, EventKind::Running, "state Running".into(), None);
        Attempt::Running(t)
    }

    pub(super) fn created_started(&mut self, i: usize, m: &Member, t: Ms) {
        let created = self
            .version
            .wording("event.created")
            .replace("%NAME%", &m.name);
        let started = self
            .version
            .wording("event.started")
            .replace("%NAME%", &m.name);
        self.event(
            i,
            t,
            EventKind::Created,
            created.clone(),
            Some(("Normal", "Created", created)),
        );
        self.event(
            i,
            t,
            EventKind::Started,
            started.clone(),
            Some(("Normal", "Started", started)),
        );
    }

    /// A failed postStart: the warning, then the container is killed like any other
    /// (`Killing` with message `FailedPostStartHook`, its preStop, the 2 s floor).
    pub(super) fn post_start_failed(&mut self, i: usize, m: &Member, t: Ms) -> Ms {
        self.event(
            i,
            t,
            EventKind::FailedPostStartHook,
            "PostStartHook failed".into(),
            Some((
                "Warning",
                "FailedPostStartHook",
                "PostStartHook failed".into(),
            )),
        );
        let g = grace::container_grace_period(None, None, self.spec_grace);
        let input = KillInput {
            name: m.name.clone(),
            field_path: m.field_path.clone(),
            start: t,
            grace: g,
            message: "FailedPostStartHook".into(),
            pre_stop: m.spec.at("/lifecycle/preStop").map(|h| {
                let secs_ = h.at("/sleep/seconds").and_then(Value::as_u64).unwrap_or(0);
                let kind = crate::termination::kill::hook_handler(h).unwrap_or("exec");
                (kind.to_string(), HookRun::Completes(secs(secs_)))
            }),
            ordering: false,
            prerequisites: Vec::new(),
            stop_signal: "SIGTERM".into(),
            exit_after: Some(0),
            exit_code: 0,
        };
        let k = kill(&input);
        let lane = &mut self.tl.lanes[i];
        lane.bars.extend(k.bars.iter().cloned());
        lane.markers.extend(k.markers.iter().cloned());
        self.tl.events.extend(k.events);
        self.tl.kube_events.extend(k.kube_events);
        self.tl.lanes[i].state = "PostStartHookError".into();
        self.tl.notes.push(note(
            "kubelet.postStart.failed",
            "a failed postStart hook kills the container (its preStop runs, normal grace rules), the start fails with PostStartHookError and the restart policy decides what follows",
            SRC_START,
        ));
        k.terminated_at
    }
}
