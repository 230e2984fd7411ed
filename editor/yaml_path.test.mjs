// Unit tables for the editor's YAML path finding and schema help (no browser needed):
// `node --test editor/` (scripts/test.sh runs them with the e2e layer).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { contextAt, keyPathAt, siblingKeys, documentKind } from "./yaml_path.js";
import { SchemaHelp } from "./schema_help.js";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
    ports:
    - containerPort: 80
      protocol: TCP
    command: |
      echo a: b
    env:
      - name: A
        value: b
`;

test("the path of each key, through list items at either indentation and past block scalars", () => {
  const lines = POD.split("\n");
  const cases = [
    [0, "apiVersion"],
    [3, "metadata.name"],
    [6, "spec.containers.[].name"],
    [7, "spec.containers.[].image"],
    [9, "spec.containers.[].ports.[].containerPort"],
    [10, "spec.containers.[].ports.[].protocol"],
    [11, "spec.containers.[].command"],
    [13, "spec.containers.[].env"],
    [14, "spec.containers.[].env.[].name"],
    [15, "spec.containers.[].env.[].value"],
  ];
  for (const [n, want] of cases) assert.equal(keyPathAt(lines, n)?.path.join("."), want, `line ${n + 1}`);
});

test("what is being typed: a key (with its parent) or a value (with its key)", () => {
  const at = (text) => {
    const c = contextAt(text, text.length);
    return c && [c.kind, c.path.join("."), c.prefix];
  };
  const cases = [
    ["kind: Pod\nspec:\n  restartPol", ["key", "spec", "restartPol"]],
    ["kind: Pod\nspec:\n  containers:\n  - ", ["key", "spec.containers.[]", ""]],
    ["kind: Pod\nspec:\n  containers:\n  - name: a\n    ima", ["key", "spec.containers.[]", "ima"]],
    ["kind: Pod\nspec:\n  restartPolicy: Ne", ["value", "spec.restartPolicy", "Ne"]],
    ["kind: Pod\nspec:\n  containers:\n  - imagePullPolicy: ", ["value", "spec.containers.[].imagePullPolicy", ""]],
    ["a: 1\n---\nkind: Pod\nsp", ["key", "", "sp"]],
    ["spec:\n  x: # a comment", null],
  ];
  for (const [text, want] of cases) assert.deepEqual(at(text), want, JSON.stringify(text));
});

test("keys already set beside the cursor, within the same list item only", () => {
  const text = "spec:\n  containers:\n  - name: a\n    image: x\n    \n  - name: b\n    stdin: true\n";
  const lines = text.split("\n");
  assert.deepEqual([...siblingKeys(lines, 4, 4)].sort(), ["image", "name"]);
  assert.deepEqual(documentKind(["apiVersion: apps/v1", "kind: Deployment"], 0), { kind: "Deployment", apiVersion: "apps/v1" });
});

// The generated schema data (written by scripts/build-editor.mjs, so: after a build).
const DATA = new URL("../target/editor/schema.json", import.meta.url);
test("schema help: types, accepted values per version, defaults, and a workload's template", () => {
  const help = new SchemaHelp(JSON.parse(readFileSync(DATA, "utf8")));
  const pod = help.rootType("Pod", "v1").goType;
  assert.equal(help.resolve(pod, ["spec", "restartPolicy"]).goType, "v1.RestartPolicy");
  assert.deepEqual(help.enumValues("v1.RestartPolicy"), ["Always", "OnFailure", "Never"]);
  assert.deepEqual(help.enumValues("*bool"), ["true", "false"]);
  assert.equal(help.describeType("v1.PullPolicy"), "v1.PullPolicy (string)");
  const doc = help.explain({ kind: "Deployment", apiVersion: "apps/v1" }, ["spec", "template", "spec", "containers", "[]", "imagePullPolicy"]);
  assert.equal(doc.type, "v1.PullPolicy (string)");
  assert.equal(doc.defaulted[1], "defaults.container.imagePullPolicy", "a template's field has the Pod field's default");
  // Each release's own API: 1.33 has no hostnameOverride at all (an unknown field, not a
  // dropped one); 1.34 has it behind its alpha gate, so the server drops it.
  help.setVersion("1.33");
  assert.equal(help.dropped(["spec", "resources"]), true, "a gated field the 1.33 server drops");
  assert.equal(help.dropped(["spec", "hostnameOverride"]), false, "not in the 1.33 API");
  help.setVersion("1.34");
  assert.equal(help.dropped(["spec", "hostnameOverride"]), true, "a gated field the 1.34 server drops");
  help.setVersion("1.36");
  assert.equal(help.dropped(["spec", "hostnameOverride"]), false);
  assert.equal(help.dropped(["spec", "resources"]), false);
});
