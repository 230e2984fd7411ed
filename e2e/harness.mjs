// What every e2e test file shares: the built site served locally and Debian's Chromium.
// Each `*.test.mjs` here is run by scripts/test.sh (`node --test e2e/*.test.mjs`).
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { SUB_PATH, startServer } from "./server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
export const DIST = join(HERE, "..", "dist");
/** Screenshots for a person to look at (gitignored). */
export const ARTIFACTS = join(HERE, "artifacts");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
/** Flags that work headless as root on a machine with no network but loopback. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export { SUB_PATH };

/** Serves dist/ and launches Chromium: `{ server, browser, close() }`. */
export async function openSite() {
  await mkdir(ARTIFACTS, { recursive: true });
  const server = await startServer(DIST);
  // Playwright gives every launch a fresh temporary profile (user data dir).
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close?.();
    },
  };
}

/**
 * Opens the page at `path` in a fresh context (own localStorage) and records console errors,
 * page errors and every request that would leave this machine (there must be none). Waits for
 * the first result (the Defaults view's; with `options.anyTab`, a link that may open on any
 * tab, whichever tab's) and (unless `options.plain`) for the code editor. Returns
 * `{ page, context, problems }`.
 */
export async function openPage(site, path = "/", options = {}) {
  const context = await site.browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? "light",
  });
  const page = await context.newPage();
  const problems = { errors: [], external: [] };
  page.on("console", (m) => {
    if (m.type() === "error") problems.errors.push(m.text());
  });
  page.on("pageerror", (e) => problems.errors.push(String(e)));
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:") return route.continue();
    problems.external.push(url.href);
    return route.abort();
  });
  if (options.beforeGoto) await options.beforeGoto(context);
  await page.goto(site.server.origin + path);
  if (options.anyTab) {
    await page.locator(".tab-panel .banner.loading").waitFor({ state: "detached", timeout: 15_000 });
  } else {
    await page.locator(".output .ol").first().waitFor();
  }
  if (options.plain !== true) {
    await page.locator('[data-testid="editor"][data-mode="code"] .cm-content').waitFor({ timeout: 15_000 });
  }
  return { page, context, problems };
}

/** Selects a view tab by its label (a click, as a person would). */
export async function showTab(page, label) {
  await page.getByRole("tab", { name: label }).click();
  await page.getByRole("tab", { name: label, selected: true }).waitFor();
}

/** Replaces the code editor's text as a paste would, and waits for its analysis to settle. */
export async function setText(page, text) {
  await page.locator(".cm-content").focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
  await waitForAnalysis(page);
}

/** Waits until the page shows the answer for the current text (nothing pending). */
export async function waitForAnalysis(page) {
  await page.waitForTimeout(150); // past the debounce
  await page.waitForFunction(() => !document.querySelector(".status.pending"), null, { timeout: 30_000 });
}
