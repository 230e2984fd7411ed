// The Scheduling, Termination, Start-up and Environment tabs used as a person would: paste,
// pick the tab, read what the core decided, move the controls. Every expected text is the
// core's own (the same results `podplay schedule|timeline|env|selector` print for these pastes).
// Alone: `node --test e2e/views.test.mjs` after `trunk build --release`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ARTIFACTS, openPage, openSite, setText, showTab, waitForAnalysis } from "./harness.mjs";

// The RuntimeClass page's pod + RuntimeClass (merged nodeSelector, tolerations, overhead), with
// three Nodes: a tainted control plane, a worker with the wrong disk, the sandbox node.
const RUNTIME_CLASS_AND_NODES = `apiVersion: v1
kind: Pod
metadata:
  name: sandboxed
spec:
  runtimeClassName: gvisor
  nodeSelector:
    disk: ssd
  tolerations:
  - key: runtime
    operator: Exists
  containers:
  - name: app
    image: registry.k8s.io/pause:3.10
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: gvisor
handler: runsc
overhead:
  podFixed:
    cpu: 250m
    memory: 120Mi
scheduling:
  nodeSelector:
    runtime: gvisor
  tolerations:
  - key: runtime
    operator: Equal
    value: gvisor
    effect: NoSchedule
---
apiVersion: v1
kind: Node
metadata:
  name: control-plane
  labels:
    disk: ssd
spec:
  taints:
  - key: node-role.kubernetes.io/control-plane
    effect: NoSchedule
status:
  capacity: {cpu: "2", memory: 4Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata:
  name: worker-1
  labels:
    disk: hdd
status:
  capacity: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata:
  name: sandbox-1
  labels:
    disk: ssd
    runtime: gvisor
spec:
  taints:
  - key: runtime
    value: gvisor
    effect: NoSchedule
status:
  capacity: {cpu: "4", memory: 8Gi, pods: "110"}
`;

// A pod no node accepts: one node too small, the other without the label.
const UNSCHEDULABLE = `apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  nodeSelector:
    gpu: "true"
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        cpu: "8"
---
apiVersion: v1
kind: Node
metadata:
  name: node-a
  labels:
    gpu: "true"
status:
  capacity: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata:
  name: node-b
status:
  capacity: {cpu: "16", memory: 8Gi, pods: "110"}
`;

// The seeds' termination example: grace 60, a 55 s preStop; with 10 s to stop after SIGTERM
// the container is killed at 60 s.
const TERMINATION = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  terminationGracePeriodSeconds: 60
  containers:
  - name: app
    image: nginx:1.25
    lifecycle:
      preStop:
        sleep:
          seconds: 55
`;

// The Container Environment page's service example: a Service foo gives FOO_SERVICE_HOST.
const SERVICE_ENV = `apiVersion: v1
kind: Pod
metadata:
  name: bar
  namespace: shop
spec:
  containers:
  - name: bar
    image: busybox:1.36
    env:
    - name: POD_IP
      valueFrom:
        fieldRef:
          fieldPath: status.podIP
---
apiVersion: v1
kind: Service
metadata:
  name: foo
  namespace: shop
spec:
  clusterIP: 10.96.0.42
  ports:
  - name: http
    port: 8080
`;

const MISSING_CONFIGMAP = `apiVersion: v1
kind: Pod
metadata:
  name: needs-config
spec:
  containers:
  - name: app
    image: busybox:1.36
    envFrom:
    - configMapRef:
        name: app-config
`;

let site;
before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

/** Opens the page, pastes `text` and shows `tab`. */
async function pasteAndShow(text, tab, options = {}) {
  const opened = await openPage(site, "/", options);
  await setText(opened.page, text);
  await showTab(opened.page, tab);
  return opened;
}

/** The node × filter matrix as `{ row: { node: cell text } }` (rows: `result`, then filters). */
function matrix(page) {
  return page.getByTestId("filter-matrix").evaluate((table) => {
    const nodes = [...table.querySelectorAll("thead th")].slice(1).map((th) => th.innerText.trim());
    const rows = {};
    for (const tr of table.querySelectorAll("tbody tr")) {
      const cells = {};
      [...tr.querySelectorAll("td")].forEach((td, i) => (cells[nodes[i]] = td.innerText.trim()));
      rows[tr.querySelector("th").innerText.trim()] = cells;
    }
    return rows;
  });
}

/** The rows of a table as arrays of cell texts. */
function rowsOf(locator) {
  return locator.evaluate((table) =>
    [...table.querySelectorAll("tbody tr")].map((tr) => [...tr.cells].map((c) => c.innerText.trim())),
  );
}

async function finish({ page, context, problems }, name) {
  await page.screenshot({ path: join(ARTIFACTS, `views-${name}.png`), fullPage: true });
  assert.deepEqual(problems.errors, [], "no console errors");
  assert.deepEqual(problems.external, [], "no request leaves the machine");
  await context.close();
}

test("scheduling: the RuntimeClass merge, the node × filter matrix and the winner", async () => {
  const opened = await pasteAndShow(RUNTIME_CLASS_AND_NODES, "Scheduling");
  const view = opened.page.getByTestId("view-scheduling");
  await assert.doesNotReject(view.getByText("3 node(s) from the paste", { exact: true }).waitFor());
  assert.equal(await view.locator(".sched-merge h3").innerText(), "RuntimeClass gvisor (handler runsc)");
  const merge = await rowsOf(view.locator(".sched-merge table"));
  assert.deepEqual(merge[0], ["nodeSelector", "disk: ssd", "runtime: gvisor", "disk: ssd\nruntime: gvisor"]);
  // Tolerations as kubectl describe prints them: the pod's (after DefaultTolerationSeconds)
  // already covers the RuntimeClass's, which is dropped.
  const podTolerations =
    "runtime op=Exists\nnode.kubernetes.io/not-ready:NoExecute op=Exists for 300s\nnode.kubernetes.io/unreachable:NoExecute op=Exists for 300s";
  assert.deepEqual(merge[1], ["tolerations", podTolerations, "runtime=gvisor:NoSchedule", podTolerations]);
  assert.deepEqual(merge[2], ["overhead", "—", "cpu: 250m\nmemory: 120Mi", "cpu: 250m\nmemory: 120Mi"]);
  assert.equal(
    await view.locator(".sched-dropped li").innerText(),
    `the RuntimeClass's toleration {"key":"runtime","operator":"Equal","value":"gvisor","effect":"NoSchedule"} is dropped: {"key":"runtime","operator":"Exists"}, already in the list, tolerates every taint it tolerates`,
  );
  const m = await matrix(opened.page);
  assert.deepEqual(m.result, { "control-plane": "✗ TaintToleration", "worker-1": "✗ NodeAffinity", "sandbox-1": "fits" });
  assert.equal(
    m.TaintToleration["control-plane"],
    "✗ node(s) had untolerated taint(s)\nno toleration of the pod tolerates the taint node-role.kubernetes.io/control-plane:NoSchedule",
  );
  assert.equal(
    m.NodeAffinity["worker-1"],
    `✗ node(s) didn't match Pod's node affinity/selector\nnodeSelector disk=ssd: the node's label disk is "hdd"`,
  );
  assert.equal(m.NodeAffinity["control-plane"], "·", "not reached after TaintToleration rejected");
  assert.equal(
    await view.getByTestId("scheduling-message").innerText(),
    "Normal Scheduled: Successfully assigned default/sandboxed to sandbox-1",
  );
  // The cluster context panel says what the view used.
  const uses = opened.page.getByTestId("context-uses");
  await assert.doesNotReject(uses.getByText("3 Node(s) from the paste", { exact: true }).waitFor());
  await assert.doesNotReject(uses.getByText("RuntimeClass gvisor from the paste", { exact: true }).waitFor());
  await finish(opened, "scheduling-runtimeclass");
});

test("scheduling: a pod no node accepts gets the scheduler's FailedScheduling message", async () => {
  const opened = await pasteAndShow(UNSCHEDULABLE, "Scheduling");
  const view = opened.page.getByTestId("view-scheduling");
  assert.equal(
    await view.getByTestId("scheduling-message").innerText(),
    "Warning FailedScheduling: 0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
  );
  const m = await matrix(opened.page);
  assert.deepEqual(m.result, { "node-a": "✗ NodeResourcesFit", "node-b": "✗ NodeAffinity" });
  assert.equal(
    m.NodeResourcesFit["node-a"],
    "✗ Insufficient cpu\npods: 0 running of 110 allowed; cpu: asks 8000m, allocatable 4000m, 0m requested by running pods",
  );
  assert.equal(m.NodeAffinity["node-b"], "✗ node(s) didn't match Pod's node affinity/selector\nnodeSelector gpu=true: the node has no label gpu");
  await finish(opened, "scheduling-rejected");
});

test("scheduling: a pod naming spec.nodeName never reaches the scheduler, and the view says so", async () => {
  const opened = await pasteAndShow(
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pinned\nspec:\n  nodeName: worker-9\n  containers:\n  - name: app\n    image: nginx\n",
    "Scheduling",
  );
  const view = opened.page.getByTestId("view-scheduling");
  assert.equal(
    await view.locator(".sched-bypass").innerText(),
    "spec.nodeName is worker-9: the pod is bound to that node when it is created, so the scheduler never queues it (no filters, no FailedScheduling event); the kubelet there runs its own admission checks",
  );
  assert.equal(await view.getByTestId("scheduling-message").count(), 0, "no scheduler event");
  // The matrix is only what the scheduler would do, folded away.
  assert.equal(await view.getByTestId("filter-matrix").isVisible(), false);
  await view.getByText("Filters, had the scheduler queued it").click();
  const m = await matrix(opened.page);
  assert.equal(m.result["worker-1"], "✗ NodeName");
  await finish(opened, "scheduling-node-name");
});

test("scheduling: without Nodes the example cluster is used, and the label selector tester parses like kubectl -l", async () => {
  const opened = await openPage(site, "/");
  const { page } = opened;
  await showTab(page, "Scheduling");
  const view = page.getByTestId("view-scheduling");
  await assert.doesNotReject(
    view
      .getByText(
        "No Node in the paste or the cluster context: scheduled on podplay's example cluster (5 nodes). Paste Node documents, or add them in the cluster context panel, to use your own.",
        { exact: true },
      )
      .waitFor(),
  );
  const m = await matrix(page);
  assert.deepEqual(Object.keys(m.result), ["control-plane", "gpu-1", "worker-1", "worker-2", "sandbox-1"]);
  assert.equal(m.result["worker-1"], "fits");
  await page.getByText("label selector tester (-l)").click();
  const input = page.getByLabel("label selector", { exact: true });
  await input.fill("disk in ssd");
  assert.equal(
    await view.locator(".sched-tester .k8s-error").innerText(),
    "unable to parse requirement: found 'ssd' expected: '('",
  );
  await input.fill("!node-role.kubernetes.io/control-plane");
  assert.deepEqual(await view.locator(".sched-reqs li").allInnerTexts(), ["!node-role.kubernetes.io/control-plane"]);
  await assert.doesNotReject(
    view.getByText("nodes matching: gpu-1, worker-1, worker-2, sandbox-1", { exact: true }).waitFor(),
  );
  await assert.doesNotReject(view.getByText("pod labels match: yes", { exact: true }).waitFor());
  // With only the pod the cluster context panel starts closed.
  await page.getByTestId("cluster-context").locator("summary").click();
  await assert.doesNotReject(
    page
      .getByTestId("context-uses")
      .getByText("no Node in the paste or the cluster context: scheduled on podplay's example cluster (5 nodes)", { exact: true })
      .waitFor(),
  );
  await finish(opened, "scheduling-example-cluster");
});

test("termination: the seeds' example is killed at 60 s; play, pause, scrub, step and restart", async () => {
  const opened = await pasteAndShow(TERMINATION, "Termination");
  const { page } = opened;
  const view = page.getByTestId("view-termination");
  // The container needs 10 s after SIGTERM (a behaviour the spec cannot know): a new analysis.
  await view.locator(".tl-behaviours summary").click();
  assert.equal(
    await view.locator(".tl-behaviours tbody td").first().innerText(),
    "sleep: its seconds are in the spec",
    "a sleep hook has no duration to choose",
  );
  await view.getByLabel("app exits after seconds").fill("10");
  await waitForAnalysis(page);
  assert.equal(await view.locator(".tl-summary").innerText(), "grace period 60 s · stop order: app · phase Failed");
  assert.equal(await view.locator(".tl-kubectl").innerText(), `$ kubectl delete pod/web\npod "web" deleted from default namespace`);
  assert.deepEqual(await view.locator(".tl-steps li").allTextContents(), [
    "0s pod DeleteRequested — deletionTimestamp = now + 60s, deletionGracePeriodSeconds: 60; kubectl get shows Terminating",
    "0s pod EndpointNotReady — EndpointSlice: ready=false, terminating=true (serving follows the Ready condition): Services stop sending new connections",
    "0s app Killing — Stopping container app",
    "0s app PreStopStarted — Running preStop hook (sleep)",
    "55s app PreStopFinished — PreStop hook completed",
    "55s app StopSignal — StopContainer with timeout 5s: the runtime sends SIGTERM",
    "60s app SIGKILL — still running 5s after SIGTERM: the runtime sends SIGKILL (exit code 137)",
    "60s pod PodTerminal — phase Failed: app exited 137",
    "60s pod ObjectRemoved — the phase is terminal and the volumes are unmounted: the kubelet deletes the pod object (grace 0, UID precondition)",
  ]);
  // The kubectl describe events are the core's (the kubelet records Killing; SIGKILL is no event).
  assert.deepEqual(await rowsOf(view.locator(".tl-events")), [["Normal", "Killing", "0s", "kubelet", "Stopping container app"]]);
  assert.equal(
    await view.locator(".tl-future .tl-marker.SIGKILL title").textContent(),
    "60 s: still running 5s after SIGTERM: the runtime sends SIGKILL (exit code 137)",
  );

  const time = view.getByTestId("tl-time");
  const play = view.getByTestId("tl-play");
  assert.equal(await time.innerText(), "0 s / 60 s");
  // Scrub to 55 s: the playhead's event line and the step list follow.
  await view.getByLabel("Time", { exact: true }).fill("55000");
  assert.equal(await time.innerText(), "55 s / 60 s");
  assert.equal(
    await view.locator(".tl-now").innerText(),
    "55 s · app · StopSignal — StopContainer with timeout 5s: the runtime sends SIGTERM",
  );
  assert.equal(await view.locator(".tl-steps li.future").count(), 3);
  // Step to the next event: the SIGKILL at 60 s.
  await view.getByTestId("tl-next").click();
  assert.equal(await time.innerText(), "60 s / 60 s");
  // Restart plays from 0; pause stops the playhead where it is.
  await view.getByTestId("tl-restart").click();
  assert.equal(await play.innerText(), "Pause");
  await page.waitForTimeout(400);
  await play.click();
  assert.equal(await play.innerText(), "Play");
  const paused = await time.innerText();
  assert.notEqual(paused, "0 s / 60 s", "the playhead moved while playing");
  await page.waitForTimeout(300);
  assert.equal(await time.innerText(), paused, "and stays put while paused");
  await finish(opened, "termination-seed");
});

test("termination: force delete recomputes the timeline", async () => {
  const opened = await pasteAndShow(TERMINATION, "Termination");
  const { page } = opened;
  const view = page.getByTestId("view-termination");
  assert.equal(await view.locator(".tl-summary").innerText(), "grace period 60 s · stop order: app · phase Succeeded");
  await view.getByTestId("tl-scenario").selectOption("force");
  await waitForAnalysis(page);
  assert.equal(
    await view.locator(".tl-kubectl").innerText(),
    `$ kubectl delete pod/web --grace-period=0 --force\nWarning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\npod "web" force deleted from default namespace`,
  );
  assert.equal(await view.locator(".tl-summary").innerText(), "grace period 1 s · stop order: app · phase Succeeded");
  assert.equal(await view.getByTestId("tl-time").innerText(), "0 s / 1 s");
  const steps = await view.locator(".tl-steps li").allTextContents();
  assert.equal(steps[1], "0s pod ObjectRemoved — the pod object is gone from the API (kubectl get no longer lists it)");
  assert.ok(
    steps.includes(
      "1s app StopSignal — StopContainer with timeout 2s: the runtime sends SIGTERM (grace left 0s, raised to the 2s minimum)",
    ),
    steps.join("\n"),
  );
  await finish(opened, "termination-force");
});

test("termination: with reduced motion the final state shows at once", async () => {
  const opened = await openPage(site, "/");
  const { page } = opened;
  await page.emulateMedia({ reducedMotion: "reduce" });
  await setText(page, TERMINATION);
  await showTab(page, "Termination");
  const view = page.getByTestId("view-termination");
  assert.equal(await view.getByTestId("tl-time").innerText(), "60 s / 60 s");
  await view.getByTestId("tl-play").click();
  assert.equal(await view.getByTestId("tl-play").innerText(), "Play", "nothing animates");
  assert.equal(await view.getByTestId("tl-time").innerText(), "60 s / 60 s");
  assert.equal(await view.locator(".tl-steps li.future").count(), 0);
  await finish(opened, "termination-reduced-motion");
});

test("start-up: the steps of the default example, then a failing pull backs off", async () => {
  const opened = await openPage(site, "/");
  const { page } = opened;
  await showTab(page, "Start-up");
  const view = page.getByTestId("view-startup");
  assert.equal(await view.locator(".tl-summary").innerText(), "kubectl get pod STATUS: Running · phase Running · Ready at 0 s");
  assert.deepEqual(await view.locator(".tl-steps li").allTextContents(), [
    "0s pod Scheduled — Successfully assigned default/kubia-manual to node-1",
    "0s pod PodInitialized — condition Initialized=True: every init container completed (sidecars started)",
    `0s kubia Pulling — Pulling image "luksa/kubia"`,
    `0s kubia Pulled — Successfully pulled image "luksa/kubia" in 0s (0s including waiting). Image size: 50000000 bytes.`,
    "0s kubia Created — Container created",
    "0s kubia Started — Container started",
    "0s kubia Running — state Running",
    "0s pod PodReady — every container is running: condition Ready=True (readiness probes assumed to pass)",
  ]);
  await view.locator(".tl-behaviours summary").click();
  await view.getByLabel("kubia image pull", { exact: true }).selectOption("fails");
  await waitForAnalysis(page);
  assert.equal(await view.locator(".tl-summary").innerText(), "kubectl get pod STATUS: ImagePullBackOff · phase Pending");
  const events = await rowsOf(view.locator(".tl-events"));
  assert.deepEqual(events.slice(2, 6), [
    ["Warning", "Failed", "0s", "kubelet", `Failed to pull image "luksa/kubia": <the container runtime's error>`],
    ["Warning", "Failed", "0s", "kubelet", "Error: ErrImagePull"],
    ["Normal", "BackOff", "0s", "kubelet", `Back-off pulling image "luksa/kubia"`],
    ["Warning", "Failed", "0s", "kubelet", "Error: ImagePullBackOff"],
  ]);
  assert.deepEqual(events[6], ["Normal", "Pulling", "10s", "kubelet", `Pulling image "luksa/kubia"`]);
  await finish(opened, "startup");
});

test("environment: FOO_SERVICE_HOST from the Service, simulated values editable in the cluster settings", async () => {
  const opened = await pasteAndShow(SERVICE_ENV, "Environment");
  const { page } = opened;
  const view = page.getByTestId("view-environment");
  const row = (name) => view.locator(".env-table tr", { has: page.locator(".env-name", { hasText: new RegExp(`^${name}$`) }) });
  assert.deepEqual(
    await row("FOO_SERVICE_HOST").locator("td").allInnerTexts(),
    ["FOO_SERVICE_HOST", "10.96.0.42", "SVC service link\nService shop/foo: the Service's cluster IP"],
  );
  assert.deepEqual(
    await row("FOO_SERVICE_PORT").locator("td").allInnerTexts(),
    ["FOO_SERVICE_PORT", "8080", "SVC service link\nService shop/foo: the Service's first port"],
  );
  assert.equal(await row("POD_IP").locator("td").nth(1).innerText(), "10.244.1.23");
  assert.match(await row("POD_IP").locator("td").nth(2).innerText(), /simulated/);
  const uses = page.getByTestId("context-uses");
  await assert.doesNotReject(
    uses.getByText("1 Service(s) from the paste; the kubernetes Service is simulated (cluster settings)", { exact: true }).waitFor(),
  );
  await assert.doesNotReject(
    uses.getByText("no Node node-1 in the paste or the cluster context: simulated node (cluster settings)", { exact: true }).waitFor(),
  );

  // Edit the simulated values in the cluster settings: the environment follows.
  await page.getByText("Cluster settings", { exact: true }).click();
  const group = page.getByTestId("simulated-settings");
  await group.getByLabel("pod IP", { exact: true }).fill("10.0.0.7");
  await group.getByLabel("kubernetes Service IP", { exact: true }).fill("10.100.0.1");
  await group.getByLabel("kubernetes Service IP", { exact: true }).press("Tab");
  await waitForAnalysis(page);
  // The two edits may reach the engine as two analyses: wait for the second one's values
  // (a timeout fails the test) rather than read whichever report is shown first.
  const valueOf = (name, value) =>
    row(name).locator("td").nth(1).filter({ hasText: new RegExp(`^${value.replace(/\./g, "\\.")}$`) });
  await assert.doesNotReject(valueOf("KUBERNETES_SERVICE_HOST", "10.100.0.1").waitFor());
  assert.equal(await row("POD_IP").locator("td").nth(1).innerText(), "10.0.0.7");
  assert.equal(await row("KUBERNETES_SERVICE_HOST").locator("td").nth(1).innerText(), "10.100.0.1");
  assert.match(await view.locator(".env-simulated-line").innerText(), /pod IP 10\.0\.0\.7; kubernetes Service 10\.100\.0\.1:443\/TCP/);
  // Reset brings the defaults back.
  await group.getByRole("button", { name: "Reset simulated values" }).click();
  await waitForAnalysis(page);
  await assert.doesNotReject(valueOf("POD_IP", "10.244.1.23").waitFor());
  assert.equal(await row("POD_IP").locator("td").nth(1).innerText(), "10.244.1.23");
  await finish(opened, "environment-service");
});

test("environment: a missing ConfigMap is the kubelet's CreateContainerConfigError", async () => {
  const opened = await pasteAndShow(MISSING_CONFIGMAP, "Environment");
  const view = opened.page.getByTestId("view-environment");
  assert.equal(
    await view.locator(".env-error").innerText(),
    `CreateContainerConfigError: configmap "app-config" not found`,
  );
  assert.equal(await view.locator(".env-table").count(), 0, "no environment is built");
  await finish(opened, "environment-missing-configmap");
});

test("a tab chosen in the page is in the URL and reopens from it", async () => {
  const opened = await pasteAndShow(TERMINATION, "Termination");
  const { page } = opened;
  // The fragment is a format 2 link: its deflated payload holds `t=termination` once the
  // address bar has caught up (polled here: waitForFunction does not await a promise).
  const payload = () =>
    page.evaluate(async () => {
      const z = new URLSearchParams(location.hash.slice(1)).get("z");
      if (!z) return "";
      const b64 = z.replace(/-/g, "+").replace(/_/g, "/");
      const bytes = Uint8Array.from(atob(b64 + "===".slice((b64.length + 3) % 4)), (c) => c.charCodeAt(0));
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
      return new Response(stream).text();
    });
  for (let tries = 0; !(await payload()).includes("&t=termination&"); tries++) {
    assert.ok(tries < 100, "the URL names the Termination tab within 10 s");
    await page.waitForTimeout(100);
  }
  const url = page.url();
  await opened.context.close();
  // A fresh browser context (no saved text) opening the link: the Termination tab, for this pod.
  // (openPage waits for the Defaults output, which a link to another tab does not show.)
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page2 = await context.newPage();
  const errors = [];
  page2.on("pageerror", (e) => errors.push(String(e)));
  await page2.goto(url);
  await page2.getByRole("tab", { name: "Termination", selected: true }).waitFor();
  assert.equal(
    await page2.getByTestId("view-termination").locator(".tl-summary").innerText(),
    "grace period 60 s · stop order: app · phase Succeeded",
  );
  assert.deepEqual(errors, []);
  await context.close();
});
