// How the page reads a paste, as Kubernetes reads it: a broken part next to the pod is left
// out with its error (the pod is still analysed), and a JSON document is read by the JSON
// decoder (a trailing comma is an error there). Screenshots (light, dark, phone) in
// e2e/artifacts/reading-*.png.
// Alone: `node --test e2e/reading.test.mjs` after `trunk build --release`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ARTIFACTS, openPage, openSite, setText } from "./harness.mjs";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.25
`;

// Line 13 holds a tab libyaml refuses; the Secret's part starts at line 10.
const BROKEN_SECRET = `${POD}---
apiVersion: v1
kind: Secret
metadata: {name: creds}
\tpassword: x
`;

const JSON_POD = `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {"containers": [{"name": "app", "image": "nginx:1.25"}],}
}
`;

const outputText = (page) => page.locator(".output .lines").innerText();

let site;
before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

for (const [name, options] of [
  ["light", {}],
  ["dark", { colorScheme: "dark" }],
  ["phone", { viewport: { width: 390, height: 844 }, colorScheme: "dark" }],
]) {
  test(`a broken part is left out and the pod still analysed (${name})`, async () => {
    const { page, context, problems } = await openPage(site, "/", options);
    await setText(page, BROKEN_SECRET);
    const problem = page.locator(".problems .problem.error").first();
    assert.match(
      await problem.innerText(),
      /error converting YAML to JSON: yaml: line 4: found character that cannot start any token \(this document is left out; `kubectl apply -f` stops at it/,
    );
    assert.match(await problem.innerText(), /Ln 13, Col 1/);
    // The pod's own result is live (not the last valid one), the stored object shown.
    assert.equal(await page.locator(".stale-label").count(), 0);
    assert.match(await outputText(page), /name: web/);
    assert.match(await outputText(page), /imagePullPolicy: IfNotPresent/);
    await page.screenshot({ path: join(ARTIFACTS, `reading-broken-part-${name}.png`), fullPage: true });

    await setText(page, JSON_POD);
    const json = page.locator(".problems .problem.error").first();
    assert.match(
      await json.innerText(),
      /couldn't get version\/kind; json parse error: invalid character '}' looking for beginning of object key string/,
    );
    assert.match(await json.innerText(), /Ln 5, Col 67/);
    await page.screenshot({ path: join(ARTIFACTS, `reading-json-${name}.png`), fullPage: true });
    assert.deepEqual(problems.errors, [], "no console errors");
    assert.deepEqual(problems.external, [], "no request leaves the machine");
    await context.close();
  });
}
