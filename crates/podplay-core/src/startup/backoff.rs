//! What follows a failure: ErrImagePull → ImagePullBackOff on the images module's schedule, and
//! CrashLoopBackOff restarts (the first at once, then the versions module's delays).

use super::*;

impl Sim<'_> {
    /// ErrImagePull, then ImagePullBackOff retries on the images module's schedule.
    pub(super) fn pull_backoff(&mut self, i: usize, image: &str, t: Ms) {
        let fail = |sim: &mut Self, at: Ms| {
            let msg = images::pulling_message(image);
            sim.event(
                i,
                at,
                EventKind::Pulling,
                msg.clone(),
                Some(("Normal", "Pulling", msg)),
            );
            let err = images::failed_to_pull_message(image, images::RUNTIME_ERROR);
            sim.event(
                i,
                at,
                EventKind::ErrImagePull,
                err.clone(),
                Some(("Warning", "Failed", err)),
            );
            sim.tl.kube_events.push(kube_event(
                at,
                "Warning",
                "Failed",
                &sim.tl.lanes[i].field_path.clone(),
                "Error: ErrImagePull".into(),
            ));
        };
        fail(self, t);
        let schedule = images::backoff_schedule(CYCLES_SHOWN);
        let mut at = t;
        for step in &schedule.steps {
            let delay = secs(step.backoff_seconds);
            let msg = images::backoff_message(image);
            self.event(
                i,
                at,
                EventKind::ImagePullBackOff,
                format!("{msg} (next try in {})", go_duration(delay)),
                Some(("Normal", "BackOff", msg)),
            );
            self.tl.kube_events.push(kube_event(
                at,
                "Warning",
                "Failed",
                &self.tl.lanes[i].field_path.clone(),
                "Error: ImagePullBackOff".into(),
            ));
            self.bar(
                i,
                BarKind::BackOff,
                at,
                at + delay,
                true,
                format!("ImagePullBackOff {}", go_duration(delay)),
            );
            at += delay;
            fail(self, at);
        }
        self.tl.lanes[i].state = "ImagePullBackOff".into();
        self.tl.notes.push(note(
            &schedule.rule,
            format!(
                "{}; the waiting reason alternates ErrImagePull / ImagePullBackOff",
                schedule.why
            ),
            &schedule.source,
        ));
        self.tl.notes.push(note(
            "kubelet.pull.runtimeError",
            images::RUNTIME_ERROR_WHY,
            "pkg/kubelet/images/image_manager.go:pullImage",
        ));
        self.tl.notes.push(note(
            "kubelet.pull.serial",
            "one pod's images are pulled one at a time; across pods, serializeImagePulls (default true) or maxParallelImagePulls limit how many pulls run at once",
            SRC_SERIAL,
        ));
        self.tl.notes.push(note(
            "kubelet.pull",
            "the pull decision and its events",
            SRC_PULL,
        ));
    }

    /// After a container started: a process that exits by itself ends, or crash-loops.
    /// Returns whether it is still running at the end.
    pub(super) fn after_start(&mut self, i: usize, m: &Member, at: Ms) -> bool {
        let b = self.behaviour(&m.name);
        match b.run.unwrap_or(Run::Forever) {
            Run::Forever => {
                self.bar(i, BarKind::Running, at, at, false, "running".into());
                true
            }
            Run::ExitsAfter(d) => {
                let code = b.exit_code.unwrap_or(0);
                if !should_restart(m, self.pod, code, self.version) {
                    self.bar(i, BarKind::Running, at, at + d, true, "running".into());
                    self.exit(i, at + d, code);
                    return false;
                }
                self.crash_loop(i, m, at, d, code);
                false
            }
        }
    }

    pub(super) fn exit(&mut self, i: usize, at: Ms, code: i32) {
        let reason = if code == 0 { "Completed" } else { "Error" };
        self.event(
            i,
            at,
            if code == 0 {
                EventKind::Completed
            } else {
                EventKind::Exited
            },
            format!("terminated: exit code {code} ({reason})"),
            None,
        );
        self.tl.lanes[i].state = "Terminated".into();
        self.tl.lanes[i].exit_code = Some(code);
        self.tl.end = self.tl.end.max(at);
    }

    /// Runs for `d`, exits, is restarted: the first restart at once, then after the
    /// CrashLoopBackOff delays (measured from the exit).
    pub(super) fn crash_loop(&mut self, i: usize, m: &Member, started: Ms, d: Ms, code: i32) {
        if !should_restart(m, self.pod, code, self.version) {
            self.bar(
                i,
                BarKind::Running,
                started,
                started + d,
                true,
                "running".into(),
            );
            self.exit(i, started + d, code);
            return;
        }
        let cfg = self.tl.crash_loop_backoff.clone();
        let delays = images::doubling_delays(cfg.initial_seconds, cfg.max_seconds, CYCLES_SHOWN);
        let mut start = started;
        for n in 0..=CYCLES_SHOWN {
            let exit = start + d;
            self.bar(i, BarKind::Running, start, exit, true, "running".into());
            self.exit(i, exit, code);
            let wait = if n == 0 {
                0
            } else {
                secs(delays[n as usize - 1])
            };
            if n == CYCLES_SHOWN {
                break;
            }
            if wait > 0 {
                self.back_off_event(i, m, exit, wait);
            }
            start = exit + wait;
            self.tl.lanes[i].restart_count += 1;
            self.created_started(i, m, start);
        }
        self.tl.lanes[i].state = "CrashLoopBackOff".into();
        self.tl.notes.push(note(
            "kubelet.crashLoopBackOff",
            format!(
                "the first restart is immediate, then {} doubling to {} (no jitter); a container that runs {} resets it{}",
                go_duration(secs(cfg.initial_seconds)),
                go_duration(secs(cfg.max_seconds)),
                go_duration(secs(cfg.reset_after_seconds)),
                cfg.gate.map(|g| format!(" ({g})")).unwrap_or_default()
            ),
            SRC_BACKOFF,
        ));
    }

    /// A container whose postStart keeps failing: each restart fails and is killed again
    /// (the first restart at once, then the CrashLoopBackOff delays).
    pub(super) fn crash_after_post_start(
        &mut self,
        i: usize,
        m: &Member,
        killed_at: Ms,
        fail_after: Ms,
    ) {
        // The killed container's exit code is not 0 (SIGTERM or SIGKILL).
        if !should_restart(
            m,
            self.pod,
            crate::termination::kill::SIGKILL_EXIT_CODE,
            self.version,
        ) {
            self.tl.lanes[i].state = "Terminated".into();
            return;
        }
        let cfg = self.tl.crash_loop_backoff.clone();
        let mut delays = vec![0];
        delays.extend(images::doubling_delays(
            cfg.initial_seconds,
            cfg.max_seconds,
            3,
        ));
        let mut at = killed_at;
        for wait in delays {
            let wait = secs(wait);
            if wait > 0 {
                self.back_off_event(i, m, at, wait);
            }
            at += wait;
            self.tl.lanes[i].restart_count += 1;
            self.created_started(i, m, at);
            self.event(
                i,
                at,
                EventKind::PostStartStarted,
                "postStart hook runs again".into(),
                None,
            );
            at = self.post_start_failed(i, m, at + fail_after);
        }
        self.tl.lanes[i].state = "CrashLoopBackOff".into();
        self.tl.end = self.tl.end.max(at);
    }

    /// The BackOff warning and the CrashLoopBackOff waiting message, and the wait's bar.
    pub(super) fn back_off_event(&mut self, i: usize, m: &Member, at: Ms, wait: Ms) {
        if self.uid_simulated {
            self.tl.notes.push(note(
                "startup.uid.simulated",
                "the pod's uid in the back-off messages is simulated (cluster settings): the API server generates one",
                "pkg/kubelet/kuberuntime/kuberuntime_manager.go:doBackOff",
            ));
        }
        let msg = format!(
            "Back-off restarting failed container {} in pod {}",
            m.name, self.pod_ref
        );
        let waiting = format!(
            "back-off {} restarting failed container={} pod={}",
            go_duration(wait),
            m.name,
            self.pod_ref
        );
        self.event(
            i,
            at,
            EventKind::CrashLoopBackOff,
            waiting,
            Some(("Warning", "BackOff", msg)),
        );
        self.bar(
            i,
            BarKind::BackOff,
            at,
            at + wait,
            true,
            format!("CrashLoopBackOff {}", go_duration(wait)),
        );
    }
}
