// The termination and start-up timeline charts fit the width they are given: on a phone
// (390×844) they reflow (labels above the bars, the time axis scaled to the width) instead of
// scrolling sideways; on a desktop the labels stay on the left of the lanes. Names in the
// scheduling tables and the events table stay whole (their regions scroll sideways if they must).
// Alone: `node --test e2e/layout.test.mjs` after `trunk build --release`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ARTIFACTS, openPage, openSite, setText, showTab } from "./harness.mjs";

// An init container, a sidecar with a long name and a preStop hook: five lanes with long labels.
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  terminationGracePeriodSeconds: 45
  initContainers:
  - name: migrate-database-schema
    image: busybox:1.36
  - name: log-shipper-sidecar
    image: fluent/fluent-bit:3.0
    restartPolicy: Always
  containers:
  - name: application-server
    image: nginx:1.25
    lifecycle:
      preStop:
        sleep:
          seconds: 20
`;

const PHONE = { width: 390, height: 844 };
const TABS = [
  ["Termination", "view-termination"],
  ["Start-up", "view-startup"],
];

let site;
before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

/** The chart's box and drawing: widths, and each lane's label and first bar/marker top. */
function measure(view) {
  return view.locator(".tl-chart").evaluate((box) => {
    const svg = box.querySelector("svg");
    const labels = [...box.querySelectorAll(".tl-labels .tl-label")];
    const lanes = [...box.querySelectorAll(".tl-future .tl-lane")].map((lane, i) => {
      const label = labels[i].getBoundingClientRect();
      const marks = [...lane.querySelectorAll(".tl-bar, .tl-marker circle")].map((e) => e.getBoundingClientRect());
      return {
        text: labels[i].textContent,
        labelBottom: label.bottom,
        labelLeft: label.left,
        labelRight: label.right,
        marksTop: Math.min(...marks.map((r) => r.top)),
        marksLeft: Math.min(...marks.map((r) => r.left)),
      };
    });
    const playhead = box.querySelector(".tl-playhead").getBoundingClientRect();
    return {
      playheadX: playhead.left + playhead.width / 2,
      scrollWidth: box.scrollWidth,
      clientWidth: box.clientWidth,
      svgWidth: svg.getBoundingClientRect().width,
      lanes,
    };
  });
}

for (const [tab, testid] of TABS) {
  test(`${tab}: at 390px the timeline chart fits its box, labels above the bars`, async () => {
    const opened = await openPage(site, "/", { viewport: PHONE });
    const { page, context, problems } = opened;
    await setText(page, POD);
    await showTab(page, tab);
    const view = page.getByTestId(testid);
    await view.locator(".tl-chart svg").waitFor();
    // The chart is measured after it appears; wait for the drawing at the measured width.
    await page.waitForFunction(
      (id) => {
        const box = document.querySelector(`[data-testid="${id}"] .tl-chart`);
        return box && Math.abs(Number(box.querySelector("svg").getAttribute("width")) - box.clientWidth) <= 1;
      },
      testid,
      { timeout: 5_000 },
    );
    const m = await measure(view);
    assert.ok(m.clientWidth > 0 && m.clientWidth < PHONE.width, `the chart box is ${m.clientWidth}px`);
    assert.ok(m.scrollWidth <= m.clientWidth, `no sideways scroll: scrollWidth ${m.scrollWidth} > clientWidth ${m.clientWidth}`);
    assert.ok(m.svgWidth <= m.clientWidth, `the drawing (${m.svgWidth}px) fits its box (${m.clientWidth}px)`);
    assert.ok(m.lanes.length >= 3, "lanes drawn");
    for (const lane of m.lanes) {
      if (!Number.isFinite(lane.marksTop)) continue; // a lane with nothing drawn yet
      assert.ok(lane.labelBottom <= lane.marksTop + 1, `${lane.text}: its label is above its bars`);
    }
    // The playhead rests at 0 s (2px wide): every label starts right of it, none is struck through.
    assert.match(await view.getByTestId("tl-time").textContent(), /^0 s \//);
    for (const lane of m.lanes) {
      assert.ok(lane.labelLeft >= m.playheadX + 2, `${lane.text}: its label (x ${lane.labelLeft}) starts right of the playhead at 0 s (x ${m.playheadX})`);
    }
    await page.screenshot({ path: join(ARTIFACTS, `layout-${testid}-phone.png`), fullPage: true });
    assert.deepEqual(problems.errors, [], "no console errors");
    await context.close();
  });
}

test("Termination: on a desktop the labels stay left of the lanes and the chart fits", async () => {
  const opened = await openPage(site, "/");
  const { page, context, problems } = opened;
  await setText(page, POD);
  await showTab(page, "Termination");
  const view = page.getByTestId("view-termination");
  await view.locator(".tl-chart svg").waitFor();
  const m = await measure(view);
  assert.ok(m.scrollWidth <= m.clientWidth, `no sideways scroll: ${m.scrollWidth} > ${m.clientWidth}`);
  for (const lane of m.lanes) {
    if (!Number.isFinite(lane.marksLeft)) continue;
    assert.ok(lane.labelBottom > lane.marksTop, `${lane.text}: its label is beside its bars`);
  }
  assert.deepEqual(problems.errors, [], "no console errors");
  await context.close();
});

test("Scheduling: at 390px node names stay whole in the scores and the filter matrix (the tables scroll sideways)", async () => {
  // The default pod against the example cluster: a tie between worker-1 and worker-2.
  const opened = await openPage(site, "/", { viewport: PHONE });
  const { page, context, problems } = opened;
  await showTab(page, "Scheduling");
  const view = page.getByTestId("view-scheduling");
  await view.locator(".sched-scores").waitFor();
  const names = await view.evaluate((root) =>
    [...root.querySelectorAll('.sched-scores th[scope="row"], .sched-matrix th[scope="col"]')].map((th) => {
      const range = document.createRange();
      range.selectNodeContents(th);
      // One line: every piece of the text has the same top.
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return { text: th.textContent, lines: tops.size };
    }),
  );
  assert.ok(names.some((n) => n.text === "worker-1"), `worker-1 listed: ${JSON.stringify(names)}`);
  for (const n of names) assert.equal(n.lines, 1, `${n.text} is on one line`);
  assert.deepEqual(problems.errors, [], "no console errors");
  await context.close();
});

test("Start-up: at 390px the events' short columns stay whole ('default-scheduler'), the table scrolls sideways if it must", async () => {
  const opened = await openPage(site, "/", { viewport: PHONE });
  const { page, context, problems } = opened;
  await setText(page, POD);
  await showTab(page, "Start-up");
  const view = page.getByTestId("view-startup");
  await view.locator(".tl-events td").first().waitFor();
  const cells = await view.locator(".tl-events").evaluate((table) =>
    [...table.querySelectorAll("tbody td:not(:last-child)")].map((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return { text: td.textContent, lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
    }),
  );
  assert.ok(cells.some((c) => c.text === "default-scheduler"), `the Scheduled event's source listed: ${JSON.stringify(cells)}`);
  for (const c of cells) assert.equal(c.lines, 1, `${c.text} is on one line`);
  // The page itself never scrolls sideways: only the events' region does.
  const page_ = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(page_.scroll <= page_.width, `the page does not scroll sideways (${page_.scroll} > ${page_.width})`);
  assert.deepEqual(problems.errors, [], "no console errors");
  await context.close();
});
