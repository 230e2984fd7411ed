// The views after scheduling use the node the scheduler chose, and the start-up tab's
// controls, as a person tries them: paste a pod and its Nodes, read the Environment and
// Start-up tabs, move a start-up control, share the link. Screenshots (light, dark, phone) in
// e2e/artifacts/polish-*.png.
// Alone: `node --test e2e/polish.test.mjs` after `trunk build --release`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ARTIFACTS, openPage, openSite, setText, showTab, waitForAnalysis } from "./harness.mjs";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.25
    lifecycle:
      postStart:
        exec:
          command: ["sh", "-c", "echo hi"]
    env:
    - name: NODE_NAME
      valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
    - name: HOST_IP
      valueFrom: {fieldRef: {fieldPath: status.hostIP}}
    - name: CPU_LIMIT
      valueFrom: {resourceFieldRef: {resource: limits.cpu}}
`;

// w1 repels the pod (a taint it does not tolerate); w2 takes it.
const NODES = `apiVersion: v1
kind: Node
metadata:
  name: w1
spec:
  taints: [{key: dedicated, value: gpu, effect: NoSchedule}]
status:
  addresses: [{type: InternalIP, address: 10.0.0.1}]
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata:
  name: w2
status:
  addresses: [{type: InternalIP, address: 10.0.0.2}]
  allocatable: {cpu: "3", memory: 6Gi, pods: "110"}
`;

const AXE = join(dirname(fileURLToPath(import.meta.url)), "..", "node_modules", "axe-core", "axe.min.js");

/** axe-core's WCAG A/AA and best-practice violations in the shown view panel (the rules
 * a11y.test.mjs runs on the whole page). */
async function axeViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document.querySelector(".tab-panel"), {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
}

let site;
before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

async function finish({ page, context, problems }, name) {
  await page.screenshot({ path: join(ARTIFACTS, `polish-${name}.png`), fullPage: true });
  assert.deepEqual(problems.errors, [], "no console errors");
  assert.deepEqual(problems.external, [], "no request leaves the machine");
  await context.close();
}

/** The environment table's value of `name` (first container). */
function envValue(view, name) {
  return view
    .locator(".env-table tr", { has: view.page().locator(".env-name", { hasText: new RegExp(`^${name}$`) }) })
    .locator("td")
    .nth(1)
    .innerText();
}

/** Moves a range slider as a person's drag would end (an `input` event with the new value). */
async function slide(locator, value) {
  await locator.evaluate((input, v) => {
    input.value = v;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
}

/** Opens a share link, which may open on any tab. */
const openLink = (path) => openPage(site, path, { anyTab: true });

/** The start-up view has no placeholder where a value belongs. */
async function assertNoPlaceholders(view) {
  const text = await view.evaluate((v) => v.textContent);
  for (const placeholder of ["<node>", "<size>", "<uid>"]) {
    assert.ok(!text.includes(placeholder), `no ${placeholder} in the start-up view`);
  }
}

test("a pasted Node the scheduler chooses is the Environment's node, and the Start-up's", async () => {
  const opened = await openPage(site, "/");
  const { page } = opened;
  await setText(page, `${POD}---\n${NODES}`);
  await showTab(page, "Environment");
  const view = page.getByTestId("view-environment");
  assert.equal(
    await view.getByTestId("env-node").innerText(),
    "Node w2 — from the paste, chosen by the scheduler. status.hostIPs 10.0.0.2; allocatable cpu 3, memory 6Gi (what an unset limit in resourceFieldRef reads).",
  );
  assert.equal(await envValue(view, "NODE_NAME"), "w2");
  assert.equal(await envValue(view, "HOST_IP"), "10.0.0.2");
  assert.equal(await envValue(view, "CPU_LIMIT"), "3");

  await showTab(page, "Start-up");
  const startup = page.getByTestId("view-startup");
  assert.equal(
    await startup.locator(".tl-steps li").first().textContent(),
    "0s pod Scheduled — Successfully assigned default/web to w2",
  );
  await assertNoPlaceholders(startup);
  await finish(opened, "chosen-node");
});

test("a Node given in the cluster context panel is the Environment's node too", async () => {
  const opened = await openPage(site, "/");
  const { page } = opened;
  await setText(page, POD);
  await page.getByTestId("context-input").locator("summary").click();
  await page.getByTestId("context-text").fill(NODES);
  await showTab(page, "Environment");
  const view = page.getByTestId("view-environment");
  await view.getByText("from the cluster context panel, chosen by the scheduler", { exact: false }).waitFor();
  assert.equal(await envValue(view, "HOST_IP"), "10.0.0.2");
  await finish(opened, "context-panel-node");
});

test("without a Node the simulated node is named as such, everywhere", async () => {
  const opened = await openPage(site, "/");
  const { page } = opened;
  await setText(page, POD);
  await showTab(page, "Environment");
  const view = page.getByTestId("view-environment");
  assert.match(
    await view.getByTestId("env-node").innerText(),
    /^Node node-1 simulated — simulated: no Node given in the paste or the cluster context \(the Scheduling view shows its example cluster\): the simulated node node-1\./,
  );
  assert.equal(await envValue(view, "HOST_IP"), "192.168.1.10");
  await showTab(page, "Start-up");
  const startup = page.getByTestId("view-startup");
  assert.equal(
    await startup.locator(".tl-steps li").first().textContent(),
    "0s pod Scheduled — Successfully assigned default/web to node-1",
  );
  await assertNoPlaceholders(startup);
  await finish(opened, "simulated-node");
});

test("start-up controls: image size, waiting for other pulls and postStart change the story, and travel in the share link", async () => {
  const opened = await openPage(site, "/");
  const { page } = opened;
  await setText(page, `${POD}---\n${NODES}`);
  await showTab(page, "Start-up");
  const view = page.getByTestId("view-startup");
  // The steps list is a closed <details>: read its text as the DOM holds it.
  const pulled = () => view.locator(".tl-steps li", { hasText: "Pulled" }).textContent();
  assert.equal(
    await pulled(),
    `0s app Pulled — Successfully pulled image "nginx:1.25" in 0s (0s including waiting). Image size: 50000000 bytes.`,
  );
  await view.locator(".tl-behaviours summary").click();
  await view.getByLabel("app image size in bytes (simulated)").fill("187654321");
  await waitForAnalysis(page);
  await slide(view.getByLabel("app image pull seconds"), "3");
  await waitForAnalysis(page);
  await slide(view.getByLabel("app waiting for other pulls seconds"), "5");
  await waitForAnalysis(page);
  assert.equal(
    await pulled(),
    `8s app Pulled — Successfully pulled image "nginx:1.25" in 3s (8s including waiting). Image size: 187654321 bytes.`,
  );
  // A postStart hook that never returns keeps the container from Running.
  await view.getByLabel("app postStart", { exact: true }).selectOption("hangs");
  await waitForAnalysis(page);
  assert.equal(await view.locator(".tl-summary").innerText(), "kubectl get pod STATUS: ContainerCreating · phase Pending");
  await assertNoPlaceholders(view);

  // The controls are timeline options: the share link carries them.
  await page.getByTestId("share-button").click();
  await page.locator(".notice", { hasText: "Link copied" }).waitFor();
  const link = await page.evaluate(() => location.href);
  const other = await openLink(link.slice(site.server.origin.length));
  const again = other.page.getByTestId("view-startup");
  await again.locator(".tl-steps li", { hasText: "Pulled" }).waitFor({ state: "attached" });
  assert.equal(
    await again.locator(".tl-steps li", { hasText: "Pulled" }).textContent(),
    `8s app Pulled — Successfully pulled image "nginx:1.25" in 3s (8s including waiting). Image size: 187654321 bytes.`,
  );
  await again.locator(".tl-behaviours summary").click();
  assert.equal(await again.getByLabel("app image size in bytes (simulated)").inputValue(), "187654321");
  assert.equal(await again.getByLabel("app postStart", { exact: true }).inputValue(), "hangs");
  await finish(other, "startup-shared");
  await finish(opened, "startup-controls");
});

test("the changed panels in light and dark mode and at phone width: they fit and axe finds nothing", async () => {
  for (const [name, path, viewport] of [
    ["light", "/", { width: 1280, height: 800 }],
    ["dark", "/?theme=dark", { width: 1280, height: 800 }],
    ["phone", "/", { width: 390, height: 844 }],
  ]) {
    const opened = await openPage(site, path, { viewport, colorScheme: name === "dark" ? "dark" : "light" });
    const { page } = opened;
    await setText(page, `${POD}---\n${NODES}`);
    await showTab(page, "Start-up");
    await page.getByTestId("view-startup").locator(".tl-behaviours summary").click();
    const startup = page.getByTestId("view-startup");
    await startup.screenshot({ path: join(ARTIFACTS, `polish-startup-${name}.png`) });
    // Nothing in the behaviours sticks out of the panel sideways.
    const overflow = await startup.locator(".tl-behaviours").evaluate((d) => d.scrollWidth - d.clientWidth);
    assert.ok(overflow <= 1, `the behaviours fit the width (${overflow}px over)`);
    assert.deepEqual(await axeViolations(page), [], `start-up controls open, ${name}`);
    await showTab(page, "Environment");
    assert.deepEqual(await axeViolations(page), [], `environment, ${name}`);
    await page.getByTestId("view-environment").screenshot({ path: join(ARTIFACTS, `polish-environment-${name}.png`) });
    await finish(opened, name);
  }
});
