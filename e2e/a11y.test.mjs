// Accessibility and the output tools, against the built page (dist/): the axe-core audit (npm
// `axe-core`, injected from node_modules) on every view in both themes and at phone width,
// keyboard-only use, copy/download/reset, and the keyboard shortcut dialog.
// Alone: `node --test e2e/a11y.test.mjs` (after `trunk build --release`).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readFile } from "node:fs/promises";
import { ARTIFACTS, openPage, openSite, showTab, waitForAnalysis } from "./harness.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const AXE = join(HERE, "..", "node_modules", "axe-core", "axe.min.js");

/** Every view tab, by label, with its test hook. */
const VIEWS = [
  ["Defaults", "view-defaults"],
  ["Images & credentials", "view-images"],
  ["Scheduling", "view-scheduling"],
  ["Termination", "view-termination"],
  ["Start-up", "view-startup"],
  ["Environment", "view-environment"],
];

let site;
before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

/** Runs axe-core on the whole page; returns its violations as readable lines. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(async () => {
    // Only WCAG A/AA and best-practice rules: the audit the issue asks for, no experimental rules.
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(" ")} :: ${n.failureSummary.replace(/\s+/g, " ")}`),
    }));
  });
  return results.map((v) => `${v.id} (${v.help}):\n    ${v.nodes.join("\n    ")}`);
}

/** Opens the page, then audits every view tab; returns the violations by view. */
async function auditEveryView(path, options, label) {
  const { page, context, problems } = await openPage(site, path, options);
  const found = [];
  for (const [tab, testid] of VIEWS) {
    await showTab(page, tab);
    await page.locator(`.tab-panel[data-testid="${testid}"]`).waitFor();
    // Let the timeline charts settle (reduced motion or not, the audit sees a stable page).
    await page.waitForTimeout(100);
    for (const v of await axeViolations(page)) found.push(`[${label} · ${tab}] ${v}`);
  }
  await page.screenshot({ path: join(ARTIFACTS, `a11y-${label}.png`), fullPage: true });
  assert.deepEqual(problems.external, [], "no request leaves the machine");
  await context.close();
  return found;
}

test("axe-core: no violations on any view, light theme", async () => {
  const found = await auditEveryView("/", { colorScheme: "light" }, "light");
  assert.deepEqual(found, []);
});

test("axe-core: no violations on any view, dark theme (?theme=dark and the system's scheme)", async () => {
  const found = await auditEveryView("/?theme=dark", { colorScheme: "dark" }, "dark");
  assert.deepEqual(found, []);
});

test("axe-core: no violations at phone width", async () => {
  const found = await auditEveryView("/", { viewport: { width: 390, height: 844 } }, "phone");
  assert.deepEqual(found, []);
});
