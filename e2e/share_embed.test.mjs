// Share links (format 2: compressed, secrets left out unless opted in; format 1 still opens)
// and embed mode (an iframe on a documentation page, e2e/fixtures/embed.html, served from its
// own origin, with the height message). Alone: `node --test e2e/share_embed.test.mjs`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ARTIFACTS, openPage, openSite, setText, showTab, waitForAnalysis } from "./harness.mjs";
import { startServer } from "./server.mjs";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
`;

const DOCKER_CONFIG = JSON.stringify({
  auths: { "registry.example.com": { auth: Buffer.from("me:hunter2").toString("base64"), password: "hunter2" } },
});
const SECRETS = `${POD}    env:
    - name: DB_PASSWORD
      value: s3cr3t-pw
  imagePullSecrets:
  - name: regcred
---
apiVersion: v1
kind: Secret
metadata:
  name: regcred
type: kubernetes.io/dockerconfigjson
data:
  .dockerconfigjson: ${Buffer.from(DOCKER_CONFIG).toString("base64")}
---
apiVersion: v1
kind: Secret
metadata:
  name: db
stringData:
  password: s3cr3t-pw
`;

let site;
let docs; // a second origin for the documentation page
before(async () => {
  site = await openSite();
  docs = await startServer(FIXTURES);
});
after(async () => {
  await site?.close();
  await docs?.close();
});

const open = (path, options) => openPage(site, path, options);

/** Opens a share link, which may open on any tab. */
const openLink = (path) => openPage(site, path, { anyTab: true });

function assertClean(problems) {
  assert.deepEqual(problems.errors, [], "no console errors");
  assert.deepEqual(problems.external, [], "no requests leave the page");
}

function editorText(page) {
  return page.evaluate(() => {
    const area = document.querySelector("textarea.source");
    return area.codeEditor ? area.codeEditor.getText() : area.value;
  });
}

/** Presses Share and waits for its note; returns `{ link, note }`. */
async function share(page) {
  await page.getByTestId("share-button").click();
  const notice = page.locator(".notice", { hasText: "Link copied" });
  await notice.waitFor();
  return { link: await page.evaluate(() => location.href), note: await notice.innerText() };
}

/** The text a link holds: format 2's payload inflated (with the browser's own DecompressionStream). */
function payloadOf(page, link) {
  return page.evaluate(async (link) => {
    const z = new URLSearchParams(new URL(link).hash.slice(1)).get("z");
    const b64 = z.replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(b64 + "===".slice((b64.length + 3) % 4)), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).text();
  }, link);
}

test("a compressed share link restores text, version, namespace, settings, tab, timeline and simulated values exactly", async () => {
  const { page, context, problems } = await open("/");
  await setText(page, POD);
  await page.locator("select.version").selectOption("1.35");
  await page.locator(".toolbar input[aria-label='Request namespace']").fill("team-a");
  await page.locator("details.settings summary").click();
  await page.locator("label.setting", { hasText: "AlwaysPullImages" }).locator("input").check();
  await waitForAnalysis(page);
  const simulated = page.getByTestId("simulated-settings");
  await simulated.getByLabel("pod IP", { exact: true }).fill("10.0.0.7");
  await simulated.getByLabel("pod IP", { exact: true }).press("Tab");
  await waitForAnalysis(page);
  await showTab(page, "Termination");
  await page.getByTestId("tl-scenario").selectOption("evict");
  await waitForAnalysis(page);
  const { link, note } = await share(page);
  assert.match(link, /#v=2&z=[A-Za-z0-9_-]+$/, "format 2: one base64url payload");
  assert.match(note, /holds the text, version, namespace, settings, tab, timeline, simulated values and cluster context/);
  const payload = await payloadOf(page, link);
  assert.match(payload, /^k=1\.35&ns=team-a&s=[01]{7}&t=termination&l=.*evict.*&m=.*10\.0\.0\.7.*&y=apiVersion/);
  await context.close();

  const other = await openLink(link.slice(site.server.origin.length));
  await other.page.getByTestId("tl-scenario").waitFor();
  assert.equal(await editorText(other.page), POD, "the text, byte for byte");
  assert.equal(await other.page.locator("select.version").inputValue(), "1.35");
  assert.equal(await other.page.locator(".toolbar input[aria-label='Request namespace']").inputValue(), "team-a");
  assert.equal(await other.page.getByRole("tab", { name: "Termination" }).getAttribute("aria-selected"), "true");
  assert.equal(await other.page.getByTestId("tl-scenario").inputValue(), "evict");
  await other.page.locator("details.settings summary").click();
  assert.equal(await other.page.locator("label.setting", { hasText: "AlwaysPullImages" }).locator("input").isChecked(), true);
  assert.equal(
    await other.page.getByTestId("simulated-settings").getByLabel("pod IP", { exact: true }).inputValue(),
    "10.0.0.7",
    "the simulated values",
  );
  assert.equal(await other.page.locator(".notice").count(), 0, "nothing saved here to undo");
  assertClean(other.problems);
  assertClean(problems);
  await other.context.close();
});

test("pasted secrets are left out of links unless the person opts in", async () => {
  const { page, context, problems } = await open("/");
  await setText(page, SECRETS);
  const { link, note } = await share(page);
  assert.match(note, /without secrets: 4 values replaced by <redacted>/);
  assert.match(note, /Include secrets/);
  const payload = decodeURIComponent(await payloadOf(page, link));
  for (const secret of ["hunter2", "s3cr3t-pw", Buffer.from("me:hunter2").toString("base64")]) {
    assert.ok(!payload.includes(secret), `${secret} is not in the link`);
  }
  await page.screenshot({ path: join(ARTIFACTS, "share-secrets-note.png") });

  // The link opens with placeholders where the secrets were, and the rest byte-identical.
  const other = await open(link.slice(site.server.origin.length));
  const opened = await editorText(other.page);
  assert.match(opened, /name: DB_PASSWORD\n {6}value: <redacted>\n/);
  assert.match(opened, /\n {2}password: <redacted>\n/);
  const config = JSON.parse(Buffer.from(/\.dockerconfigjson: (\S+)/.exec(opened)[1], "base64").toString());
  assert.deepEqual(config, {
    auths: { "registry.example.com": { auth: Buffer.from("<redacted>:<redacted>").toString("base64"), password: "<redacted>" } },
  });
  const b64 = (text) => Buffer.from(text).toString("base64");
  const redactedConfig = JSON.stringify({
    auths: { "registry.example.com": { auth: b64("<redacted>:<redacted>"), password: "<redacted>" } },
  });
  const expected = SECRETS.replace("value: s3cr3t-pw", "value: <redacted>")
    .replace("password: s3cr3t-pw", "password: <redacted>")
    .replace(b64(DOCKER_CONFIG), b64(redactedConfig));
  assert.equal(opened, expected, "only the secret values changed");
  await other.context.close();

  // The address bar does not keep them either once the text is edited…
  await setText(page, SECRETS + "# edited\n");
  await page.waitForFunction(() => location.hash === "", null, { timeout: 5_000 });
  // …nor a text podplay cannot read, so could not look for secrets in.
  await setText(page, POD);
  await page.waitForFunction(() => location.hash.startsWith("#v=2&z="), null, { timeout: 5_000 });
  await setText(page, "kind: Secret\nstringData: {password: s3cr3t-pw\n");
  await page.waitForFunction(() => location.hash === "", null, { timeout: 5_000 });
  await setText(page, SECRETS + "# edited\n");

  // Opting in: the exact text travels.
  await page.getByTestId("share-secrets").check();
  const withSecrets = await share(page);
  assert.match(withSecrets.note, /with the secrets you pasted \(4 values\)/);
  const full = await open(withSecrets.link.slice(site.server.origin.length));
  assert.equal(await editorText(full.page), SECRETS + "# edited\n");
  assertClean(full.problems);
  assertClean(problems);
  await full.context.close();
  await context.close();
});

test("a format 1 link still opens (text, version, namespace, settings, tab)", async () => {
  const { page, context, problems } = await openLink(
    "/#v=1&k=1.35&ns=team-b&s=1111111&t=images&y=" + encodeURIComponent(POD),
  );
  await page.getByTestId("view-images").locator(".images").waitFor();
  assert.equal(await editorText(page), POD);
  assert.equal(await page.locator("select.version").inputValue(), "1.35");
  assert.equal(await page.locator(".toolbar input[aria-label='Request namespace']").inputValue(), "team-b");
  assert.equal(await page.getByRole("tab", { name: "Images & credentials" }).getAttribute("aria-selected"), "true");
  await page.locator("details.settings summary").click();
  assert.equal(await page.locator("label.setting", { hasText: "AlwaysPullImages" }).locator("input").isChecked(), true);
  // …and the address bar moves on to format 2.
  await page.waitForFunction(() => location.hash.startsWith("#v=2&z="), null, { timeout: 5_000 });
  assertClean(problems);
  await context.close();
});

/** Opens the documentation page with podplay's embed at `src`; records the height messages. */
async function openDocs(src, options = {}) {
  const context = await site.browser.newContext({
    viewport: options.viewport ?? { width: 1100, height: 900 },
    colorScheme: options.colorScheme ?? "light",
  });
  const problems = { errors: [], external: [] };
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    problems.external.push(url.href);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && problems.errors.push(m.text()));
  await page.addInitScript(() => {
    window.podplayHeights = [];
    addEventListener("message", (e) => e.data?.type === "podplay:height" && window.podplayHeights.push(e.data.height));
  });
  await page.goto(`${docs.origin}/embed.html?src=${encodeURIComponent(src)}`);
  const frame = page.frameLocator("iframe#podplay");
  return { page, context, problems, frame };
}

test("an embed on a documentation page: one view, no chrome, its height sent to the page", async () => {
  const { page, context, problems } = await open("/");
  await setText(page, POD);
  await showTab(page, "Termination");
  await page.getByTestId("embed-button").click();
  const dialog = page.getByTestId("embed-dialog");
  await dialog.waitFor();
  const snippet = await page.getByTestId("embed-snippet").inputValue();
  assert.match(snippet, /<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed=1&view=termination&readonly=1#v=2&z=/);
  assert.match(snippet, /podplay:height/);
  await page.screenshot({ path: join(ARTIFACTS, "embed-dialog-light.png") });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: join(ARTIFACTS, "embed-dialog-dark.png") });
  const src = /src="([^"]+)"/.exec(snippet)[1];
  assertClean(problems);
  await context.close();

  const docsPage = await openDocs(src);
  const { frame } = docsPage;
  await frame.getByTestId("view-termination").locator(".tl-scenario").waitFor({ timeout: 15_000 });
  assert.equal(await frame.getByRole("tablist").isVisible(), false, "no tab row");
  assert.equal(await frame.locator(".toolbar").isVisible(), false, "no toolbar");
  assert.equal(await frame.locator("footer.site-footer").isVisible(), false, "no footer");
  assert.equal(await frame.getByTestId("editor").isVisible(), false, "no input without &input=1");
  await docsPage.page.waitForFunction(() => window.podplayHeights.length > 0);
  await docsPage.page.waitForTimeout(500); // the view settles
  const heights = await docsPage.page.evaluate(() => window.podplayHeights);
  const last = heights.at(-1);
  assert.ok(last > 200, `a real height: ${heights}`);
  const iframe = docsPage.page.locator("iframe#podplay");
  assert.equal(Number(await iframe.getAttribute("height")), last, "the page applied the height");
  const box = await iframe.boundingBox();
  assert.equal(Math.round(box.height), last);
  const contentHeight = await frame.locator("body").evaluate((b) => Math.ceil(b.getBoundingClientRect().height));
  assert.equal(contentHeight, last, "the iframe fits its content");
  assert.equal(await frame.locator("body").evaluate(() => localStorage.length), 0, "embeds never write localStorage");
  await docsPage.page.screenshot({ path: join(ARTIFACTS, "embed-docs-light.png"), fullPage: true });
  assertClean(docsPage.problems);
  await docsPage.context.close();

  // Dark: the parent's scheme (the system's), or ?theme=.
  const dark = await openDocs(src, { colorScheme: "dark" });
  await dark.frame.getByTestId("view-termination").locator(".tl-scenario").waitFor({ timeout: 15_000 });
  const bg = await dark.frame.locator("body").evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(bg, "rgb(15, 18, 22)", "dark like the page around it");
  await dark.page.screenshot({ path: join(ARTIFACTS, "embed-docs-dark.png"), fullPage: true });
  await dark.context.close();
  const forced = await openDocs(src.replace("?embed=1", "?embed=1&theme=light"), { colorScheme: "dark" });
  await forced.frame.getByTestId("view-termination").locator(".tl-scenario").waitFor({ timeout: 15_000 });
  const light = await forced.frame.locator("body").evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(light, "rgb(246, 247, 249)", "?theme=light wins");
  await forced.context.close();
});

test("an embed with &input=1&readonly=1 shows the input beside the view and keeps it read-only", async () => {
  const { page, context } = await open("/");
  await setText(page, POD);
  // The Share button writes the link of the text now shown (the address bar is rewritten
  // asynchronously and may still hold the example's link).
  const fragment = new URL((await share(page)).link).hash;
  await context.close();
  const src = `${site.server.origin}/?embed=1&view=environment&input=1&readonly=1${fragment}`;
  const phone = await openDocs(src, { viewport: { width: 390, height: 844 } });
  const { frame } = phone;
  await frame.locator("#panel-environment").waitFor({ timeout: 15_000 });
  await frame.locator('[data-testid="editor"][data-mode="code"] .cm-content').waitFor({ timeout: 15_000 });
  assert.equal(await frame.getByTestId("editor").isVisible(), true);
  await frame.locator(".cm-content").click();
  await phone.page.keyboard.type("typed");
  const text = await frame.locator("body").evaluate(() => document.querySelector("textarea.source").codeEditor.getText());
  assert.equal(text, POD, "read-only: typing changes nothing");
  await phone.page.waitForFunction(() => window.podplayHeights.length > 0);
  await phone.page.screenshot({ path: join(ARTIFACTS, "embed-docs-phone.png"), fullPage: true });
  assertClean(phone.problems);
  await phone.context.close();
});
