// The cluster context panel: cluster objects given beside the editor are used by the views
// like the paste's own context documents, and are kept across reloads.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ARTIFACTS, openPage, openSite, showTab, waitForAnalysis } from "./harness.mjs";

let site;
before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

const NODE = `apiVersion: v1
kind: Node
metadata:
  name: edge-1
  labels: {zone: a}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
`;

test("a Node typed into the cluster context panel is what Scheduling uses, and survives a reload", async () => {
  const { page, context, problems } = await openPage(site, "/");
  await showTab(page, "Scheduling");
  const view = page.getByTestId("view-scheduling");
  await view.getByText("scheduled on podplay's example cluster", { exact: false }).waitFor();

  await page.getByTestId("context-input").locator("summary").click();
  await page.getByTestId("context-text").fill(NODE);
  await waitForAnalysis(page);
  await view.getByText("1 node(s) from the cluster context panel", { exact: true }).waitFor();
  assert.equal(await view.getByText("example cluster", { exact: false }).count(), 0);
  // The Cluster context panel says where each document came from.
  const docs = page.getByTestId("cluster-context");
  await docs.getByText("edge-1", { exact: false }).first().waitFor();
  assert.match(await docs.innerText(), /Node edge-1 — used as cluster context \(Node\) \(cluster context panel, Ln 1\)/);
  assert.match(await page.getByTestId("context-uses").innerText(), /1 Node\(s\) from the cluster context panel/);
  await page.screenshot({ path: join(ARTIFACTS, "context-panel.png"), fullPage: true });

  // A reload (the link in the address bar), then a fresh visit (localStorage) keep it.
  await page.waitForTimeout(600); // past the address bar's debounce
  for (const reopen of [() => page.reload(), () => page.goto(site.server.origin + "/")]) {
    await reopen();
    // The address bar's link reopens the Scheduling tab; the saved state the first one.
    await page.getByTestId("context-text").waitFor({ state: "attached" });
    await waitForAnalysis(page);
    assert.equal(await page.getByTestId("context-text").inputValue(), NODE);
    await showTab(page, "Scheduling");
    await view.getByText("1 node(s) from the cluster context panel", { exact: true }).waitFor();
  }
  assert.deepEqual(problems.errors, [], "no console errors");
  assert.deepEqual(problems.external, [], "no request leaves the machine");
  await context.close();
});
