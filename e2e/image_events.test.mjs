// The Images & credentials view's pull events carry the start-up view's simulated values (one
// behaviour per container, two views), keep the kubelet's exact wording, and name the one value
// Kubernetes has no text for (the container runtime's error) with its explanation; the
// Start-up's pull settings are disabled when the kubelet does not pull.
// Alone: `node --test e2e/image_events.test.mjs` after `trunk build --release`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ARTIFACTS, openPage, openSite, setText, showTab, waitForAnalysis } from "./harness.mjs";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.25
`;

let site;
before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

/** Moves a range slider as a person's drag would end (an `input` event with the new value). */
async function slide(locator, value) {
  await locator.evaluate((input, v) => {
    input.value = v;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
}

/** The Images view's first image, opened, as its rows' texts. */
async function imageRows(page) {
  await showTab(page, "Images & credentials");
  const view = page.getByTestId("view-images");
  const details = view.locator("li.image details").first();
  if (!(await details.evaluate((d) => d.open))) await details.locator("summary").click();
  return {
    view,
    success: await view.locator(".pull-success .event").allInnerTexts(),
    failure: await view.locator(".pull-failure .event").allInnerTexts(),
    why: await view.locator(".pull-success .image-why, .pull-failure .image-why").allInnerTexts(),
  };
}

test("images: the pull's events use the start-up controls' simulated values and the kubelet's wording", async () => {
  const opened = await openPage(site, "/");
  const { page, problems } = opened;
  await setText(page, POD);
  let rows = await imageRows(page);
  assert.deepEqual(rows.success, [
    `Normal Pulled: Successfully pulled image "nginx:1.25" in 0s (0s including waiting). Image size: 50000000 bytes.`,
  ]);
  assert.deepEqual(rows.failure, [
    `Warning Failed: Failed to pull image "nginx:1.25": <the container runtime's error>`,
    "Warning Failed: Error: ErrImagePull",
    "waiting reason ErrImagePull",
    `Normal BackOff: Back-off pulling image "nginx:1.25"`,
    `waiting reason ImagePullBackOff, message: Back-off pulling image "nginx:1.25": ErrImagePull: <the container runtime's error>`,
  ]);
  assert.deepEqual(rows.why, [
    "simulated: the pull time (0s), the wait behind other pulls (0s) and the image size (50000000 bytes), from the start-up view's controls; a real node reports its own",
    "<the container runtime's error> stands for the error the container runtime returns: the kubelet prints it as it comes, so its text depends on the runtime (containerd, CRI-O) and the registry; Kubernetes has no fixed wording for it",
    "no credentials matched docker.io/library/nginx, so the pull is anonymous: a public image pulls, a private repository is refused with an authorization failure (or reported as not found), worded by the container runtime (containerd and CRI-O differ)",
  ]);

  // The same controls the Start-up view offers change the Images view's events.
  await showTab(page, "Start-up");
  const startup = page.getByTestId("view-startup");
  // An instant pull: the hint says where to give it time.
  assert.equal(await startup.locator(".tl-hint").count(), 1);
  await startup.locator(".tl-behaviours summary").click();
  await startup.getByLabel("app image size in bytes (simulated)").fill("187654321");
  await waitForAnalysis(page);
  await slide(startup.getByLabel("app image pull seconds"), "3");
  await waitForAnalysis(page);
  await slide(startup.getByLabel("app waiting for other pulls seconds"), "5");
  await waitForAnalysis(page);
  const pulled = `Successfully pulled image "nginx:1.25" in 3s (8s including waiting). Image size: 187654321 bytes.`;
  assert.equal(await startup.locator(".tl-steps li", { hasText: "Pulled" }).textContent(), `8s app Pulled — ${pulled}`);
  rows = await imageRows(page);
  assert.deepEqual(rows.success, [`Normal Pulled: ${pulled}`]);
  assert.match(rows.why[0], /^simulated: the pull time \(3s\), the wait behind other pulls \(5s\) and the image size \(187654321 bytes\)/);

  // No template placeholder is left where the simulation has a value.
  const text = await rows.view.evaluate((v) => v.textContent);
  for (const placeholder of ["<pull time>", "<total time>", "<size>", "<error>", "<previous error>"]) {
    assert.ok(!text.includes(placeholder), `no ${placeholder} in the images view`);
  }

  // An image the start-up says is on the node is not pulled: no pull events.
  await showTab(page, "Start-up");
  const behaviours = startup.locator(".tl-behaviours");
  if (!(await behaviours.evaluate((d) => d.open))) await behaviours.locator("summary").click();
  await startup.getByLabel("app image on the node").selectOption("yes");
  await waitForAnalysis(page);
  // The Start-up's pull settings would do nothing now: disabled, with the kubelet's reason.
  assert.ok(await startup.getByLabel("app image pull", { exact: true }).isDisabled());
  assert.ok(await startup.getByLabel("app image size in bytes (simulated)").isDisabled());
  assert.equal(
    await startup.locator(".tl-no-pull").innerText(),
    "No pull, so the pull settings have no effect: imagePullPolicy IfNotPresent, the image is on the node and was not pulled by this kubelet (imagePullCredentialsVerificationPolicy NeverVerifyPreloadedImages).",
  );
  rows = await imageRows(page);
  assert.deepEqual(rows.success, []);
  assert.equal(
    await rows.view.locator("li.image .event").first().innerText(),
    `Normal Pulled: Container image "nginx:1.25" already present on machine and can be accessed by the pod`,
  );
  await page.screenshot({ path: join(ARTIFACTS, "image-events.png"), fullPage: true });
  assert.deepEqual(problems.errors, [], "no console errors");
  assert.deepEqual(problems.external, [], "no request leaves the machine");
  await opened.context.close();
});

// A pull secret whose `auth` is not base64(user:password): the API server stores it (it is JSON),
// but the kubelet's credential lookup fails before any pull (pkg/kubelet/images/image_manager.go):
// no Pulling, `Failed` `Error: <err>`, and the error itself as the waiting reason and STATUS.
test("images: a pull secret the kubelet cannot decode fails the start before any pull, in both views", async () => {
  const opened = await openPage(site, "/");
  const { page, problems } = opened;
  const error = "unable to parse auth field, must be formatted as base64(username:password)";
  await setText(
    page,
    `${POD.replace("spec:\n", "spec:\n  imagePullSecrets:\n  - name: regcred\n")}---
apiVersion: v1
kind: Secret
metadata:
  name: regcred
type: kubernetes.io/dockerconfigjson
stringData:
  .dockerconfigjson: '{"auths": {"docker.io": {"auth": "cGFudHM="}}}'
`,
  );
  const rows = await imageRows(page);
  assert.deepEqual(rows.success, [], "no pull, so no pull events");
  assert.deepEqual(rows.failure, []);
  assert.deepEqual(await rows.view.locator("li.image .event").allInnerTexts(), [`Warning Failed: Error: ${error}`]);
  const text = await rows.view.innerText();
  assert.ok(!text.includes("Pulling image"), "no Pulling event");
  assert.ok(text.includes(`The kubelet cannot read the pod's pull secrets: ${error}`));

  await showTab(page, "Start-up");
  const startup = page.getByTestId("view-startup");
  assert.equal(await startup.locator(".tl-summary").innerText(), `kubectl get pod STATUS: ${error} · phase Pending`);
  assert.equal(await startup.locator(".tl-steps li", { hasText: "Failed" }).textContent(), `0s app Failed — Error: ${error}`);
  // No pull happens, so the hint about giving the pull some seconds is not shown.
  assert.equal(await startup.locator(".tl-hint").count(), 0);
  await page.screenshot({ path: join(ARTIFACTS, "image-events-bad-secret.png"), fullPage: true });
  assert.deepEqual(problems.errors, [], "no console errors");
  assert.deepEqual(problems.external, [], "no request leaves the machine");
  await opened.context.close();
});
