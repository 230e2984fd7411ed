// Accessibility and the output tools, against the built page (dist/): the axe-core audit (npm
// `axe-core`, injected from node_modules) on every view in both themes and at phone width,
// keyboard-only use, copy/download/reset, and the keyboard shortcut dialog.
// Alone: `node --test e2e/a11y.test.mjs` (after `trunk build --release`).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readFile } from "node:fs/promises";
import { ARTIFACTS, openPage, openSite, setText, showTab, waitForAnalysis } from "./harness.mjs";

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

test("axe-core: no violations when the pasted text overflows the editor (it scrolls)", async () => {
  const { page, context } = await openPage(site, "/");
  const env = Array.from({ length: 120 }, (_, i) => `    - name: VAR_${i}\n      value: "${i}"`).join("\n");
  await setText(page, `apiVersion: v1\nkind: Pod\nmetadata:\n  name: long\nspec:\n  containers:\n  - name: app\n    image: nginx\n    env:\n${env}\n`);
  const scroller = page.locator(".cm-scroller");
  assert.ok(await scroller.evaluate((el) => el.scrollHeight > el.clientHeight), "the editor scrolls");
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

/** The editor's text, from whichever editor is live. */
function editorText(page) {
  return page.evaluate(() => {
    const area = document.querySelector("textarea.source");
    return area.codeEditor ? area.codeEditor.getText() : area.value;
  });
}

/** What has keyboard focus: its test hook, role or tag, and whether its focus is visible. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { id: "body", visible: false };
    const style = getComputedStyle(el);
    let visible = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    // The code editor shows focus on its frame (.editor:focus-within: the accent colour).
    const frame = el.closest(".editor");
    if (frame) {
      const probe = document.createElement("span");
      probe.style.color = "var(--accent)";
      document.body.append(probe);
      visible = getComputedStyle(frame).borderTopColor === getComputedStyle(probe).color;
      probe.remove();
    }
    return {
      id: el.dataset.testid ?? (el.getAttribute("role") ? `role:${el.getAttribute("role")}` : el.tagName.toLowerCase()),
      inEditor: !!frame,
      visible,
      label: el.getAttribute("aria-label") ?? el.textContent.trim().slice(0, 40),
    };
  });
}

/** Presses Tab until `match(focus)` (leaving the code editor with Escape, then Tab). */
async function tabTo(page, match, max = 80) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    const now = await focused(page);
    if (now.inEditor) await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    const f = await focused(page);
    seen.push(f);
    if (match(f)) return seen;
  }
  throw new Error(`not reached by Tab: ${JSON.stringify(seen.map((f) => f.id))}`);
}

test("keyboard only: every control is reached with visible focus; tabs, version and Play work by keys", async () => {
  const { page, context, problems } = await openPage(site, "/");
  // From the top of the page through the toolbar, the editor and into the views.
  const seen = await tabTo(page, (f) => f.id === "view-defaults");
  const ids = seen.map((f) => f.id);
  for (const want of ["version-select", "reset-button", "shortcuts-button", "share-button", "role:tab"]) {
    assert.ok(ids.includes(want), `${want} reached by Tab: ${ids.join(", ")}`);
  }
  assert.ok(seen.some((f) => f.inEditor), "the editor is reached by Tab");
  const hidden = seen.filter((f) => f.id !== "body" && !f.visible);
  assert.deepEqual(hidden, [], "every focused control shows its focus");

  // Tabs: arrows, End and Home select (the selected tab is the one tab stop).
  await page.getByRole("tab", { selected: true }).focus();
  await page.keyboard.press("ArrowRight");
  await page.getByRole("tab", { name: "Images & credentials", selected: true }).waitFor();
  await page.keyboard.press("End");
  await page.getByRole("tab", { name: "Environment", selected: true }).waitFor();
  await page.keyboard.press("Home");
  await page.getByRole("tab", { name: "Defaults", selected: true }).waitFor();
  assert.equal((await focused(page)).id, "role:tab", "focus follows the selected tab");

  // The version select, by keyboard: reached by Shift+Tab from the page's start, changed by arrow.
  await page.locator('[data-testid="version-select"]').focus();
  assert.ok((await focused(page)).visible, "the select shows focus");
  const before = await page.locator('[data-testid="version-select"]').inputValue();
  await page.keyboard.press("ArrowDown");
  const after = await page.locator('[data-testid="version-select"]').inputValue();
  assert.notEqual(after, before, "ArrowDown picks the next (older) version");
  await waitForAnalysis(page);

  // A timeline's Play button, reached by Tab from the tab row and pressed with Enter.
  await page.getByRole("tab", { selected: true }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await page.getByRole("tab", { name: "Termination", selected: true }).waitFor();
  await tabTo(page, (f) => f.id === "tl-play", 30);
  assert.ok((await focused(page)).visible, "Play shows focus");
  const start = await page.locator('[data-testid="tl-time"]').innerText();
  await page.keyboard.press("Enter");
  await page.waitForFunction((t) => document.querySelector('[data-testid="tl-time"]').textContent !== t, start);
  assert.equal(await page.locator('[data-testid="tl-play"]').innerText(), "Pause");
  await page.keyboard.press("Space");
  assert.equal(await page.locator('[data-testid="tl-play"]').innerText(), "Play");
  await page.screenshot({ path: join(ARTIFACTS, "a11y-keyboard.png") });
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test("prefers-reduced-motion: timelines show their end, scrolling is instant", async () => {
  // The harness opens the page with motion allowed; emulate the preference and reload.
  const still = await openPage(site, "/");
  await still.page.emulateMedia({ reducedMotion: "reduce" });
  await still.page.reload();
  await still.page.locator(".output .ol").first().waitFor();
  await showTab(still.page, "Termination");
  const time = await still.page.locator('[data-testid="tl-time"]').innerText();
  const [now, end] = time.split(" / ");
  assert.equal(now.trim(), end.trim(), `the end at once: ${time}`);
  const reduced = await still.page.evaluate(() => getComputedStyle(document.querySelector(".tab-panel")).scrollBehavior);
  assert.equal(reduced, "auto");
  await still.context.close();

  const moving = await openPage(site, "/");
  await showTab(moving.page, "Termination");
  const t0 = await moving.page.locator('[data-testid="tl-time"]').innerText();
  assert.match(t0, /^0 s \//, "starts at 0 when motion is fine");
  const smooth = await moving.page.evaluate(() => getComputedStyle(document.querySelector(".tab-panel")).scrollBehavior);
  assert.equal(smooth, "smooth");
  await moving.context.close();
});

test("copy and download: YAML, kubectl describe, environment, scheduler message, events", async () => {
  const { page, context, problems } = await openPage(site, "/", {
    beforeGoto: (c) => c.grantPermissions(["clipboard-read", "clipboard-write"]),
  });
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  const copyWith = async (testid) => {
    await page.evaluate(() => navigator.clipboard.writeText(""));
    await page.locator(`[data-testid="${testid}"]`).click();
    await page.waitForFunction(() => navigator.clipboard.readText().then((t) => t !== ""), null, { polling: 50 });
    return clipboard();
  };
  const yaml = await copyWith("copy-yaml");
  const shown = await page.locator(".output .lines .ol > code").allTextContents();
  assert.equal(yaml, shown.join("\n") + "\n", "the copy is the stored object, line for line");
  assert.match(yaml, /^apiVersion: v1\nkind: Pod\n/);
  assert.equal(await page.locator('[data-testid="copy-yaml"]').innerText(), "Copied");
  assert.equal(await page.locator(".output-tools").getAttribute("data-done"), "copy-yaml");

  const describe = await copyWith("copy-describe");
  assert.match(describe, /^Name: +kubia-manual\nNamespace: +default\nPriority: +0\nService Account: +default\n/);
  assert.match(describe, /\nContainers:\n  kubia:\n    Image: +luksa\/kubia\n    Port: +8080\/TCP\n/);
  assert.match(describe, /\nQoS Class: +BestEffort\n/);
  assert.match(describe, /\nTolerations: +node\.kubernetes\.io\/not-ready:NoExecute op=Exists for 300s\n/);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator('[data-testid="download-yaml"]').click(),
  ]);
  assert.equal(download.suggestedFilename(), "kubia-manual.yaml");
  assert.equal(await readFile(await download.path(), "utf8"), yaml, "the file is the same YAML");

  await showTab(page, "Environment");
  const env = await copyWith("copy-env");
  assert.match(env, /^# kubia\n/);
  assert.match(env, /\nKUBERNETES_SERVICE_HOST=[^\n]+\n/);

  await showTab(page, "Scheduling");
  // The example cluster has two equal nodes for this pod: the message names the tie.
  assert.match(await copyWith("copy-scheduler"), /^tie between worker-1, worker-2: /);

  await showTab(page, "Termination");
  const events = await copyWith("copy-events");
  assert.match(events, /^Events:\n  Type +Reason +Age +From +Message\n  ----/);
  // kubectl 1.35+ puts the container's field path before the message.
  assert.match(events, /\n  Normal +Killing +\S+ +kubelet +spec\.containers\{kubia\}: Stopping container kubia\n/);

  for (const v of await axeViolations(page)) assert.fail(`after copying: ${v}`);

  // A rejected pod was never stored: no kubectl describe, the YAML of the last stage stays.
  await setText(page, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: Bad_Name\n    image: nginx\n");
  await showTab(page, "Defaults");
  await page.locator('[data-outcome="RejectedValidation"]').waitFor();
  assert.equal(await page.locator('[data-testid="copy-describe"]').count(), 0);
  assert.equal(await page.locator('[data-testid="copy-yaml"]').count(), 1);
  assert.deepEqual(problems.external, []);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test("Reset goes back to the example, and Undo brings the text back", async () => {
  const { page, context } = await openPage(site, "/");
  const mine = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: mine\nspec:\n  containers:\n  - name: a\n    image: busybox\n";
  await page.locator(".cm-content").focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(mine);
  await waitForAnalysis(page);
  await page.locator('[data-testid="reset-button"]').click();
  await page.waitForFunction(() => document.querySelector("textarea.source").codeEditor.getText().includes("kubia-manual"));
  assert.match(await page.locator(".notice").innerText(), /Back to the first example/);
  await waitForAnalysis(page);
  for (const v of await axeViolations(page)) assert.fail(`with the notice: ${v}`);
  await page.getByRole("button", { name: "Undo: restore your previous text" }).click();
  await page.waitForFunction(() => document.querySelector("textarea.source").codeEditor.getText().includes("name: mine"));
  assert.equal(await editorText(page), mine);
  await context.close();
});

test("keyboard shortcuts: a dialog from the toolbar or `?`, Escape closes, focus comes back", async () => {
  const { page, context, problems } = await openPage(site, "/");
  const dialog = page.locator('[data-testid="shortcuts-dialog"]');
  // From the toolbar button, by keyboard.
  await page.locator('[data-testid="shortcuts-button"]').focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector('[data-testid="shortcuts-dialog"]').open);
  assert.ok(await page.evaluate(() => document.activeElement.closest("dialog") !== null), "focus moves into the dialog");
  for (const k of ["Ctrl+Z", "Ctrl+F", "Ctrl+Space", "Ctrl+Shift+[ / ]", "← → Home End"]) {
    assert.ok((await dialog.innerText()).includes(k), `lists ${k}`);
  }
  for (const v of await axeViolations(page)) assert.fail(`dialog open: ${v}`);
  await page.screenshot({ path: join(ARTIFACTS, "a11y-shortcuts.png") });
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector('[data-testid="shortcuts-dialog"]').open);
  assert.equal((await focused(page)).id, "shortcuts-button", "focus returns to the button");

  // `?` (Shift+/) outside the editor opens it; in the editor it is just a character.
  await page.getByRole("tab", { selected: true }).focus();
  await page.keyboard.press("Shift+?");
  await page.waitForFunction(() => document.querySelector('[data-testid="shortcuts-dialog"]').open);
  await page.locator('[data-testid="shortcuts-close"]').press("Enter");
  await page.waitForFunction(() => !document.querySelector('[data-testid="shortcuts-dialog"]').open);
  await page.locator(".cm-content").focus();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type("?");
  assert.equal(await dialog.evaluate((d) => d.open), false, "typing ? in the editor does not open it");
  assert.ok((await editorText(page)).endsWith("?"));
  assert.deepEqual(problems.errors, []);
  await context.close();
});
