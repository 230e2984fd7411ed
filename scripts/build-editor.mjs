// Trunk pre_build hook: builds the code editor (editor/*.js + CodeMirror from npm) into the
// page with esbuild, offline: `editor.js` (loaded by the page once it is up) and its chunks:
// `editor-chunk-*.js` (shared code, loaded with editor.js) and `editor-help-*.js` (completion,
// field docs, search: loaded on the first focus or touch of the editor). The schema data it completes from is generated
// first by the core itself (crates/podplay-core/examples/editor_schema.rs), never copied by hand.
// Alone: `node scripts/build-editor.mjs [out-dir]` (default: dist/).
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? join(ROOT, "dist");
// Always here (gitignored), whatever CARGO_TARGET_DIR says: editor/yaml_path.test.mjs reads it.
const targetDir = join(ROOT, "target");

// 1. The schema data, from the core (a native build of one example; quick once compiled).
const schema = execFileSync(
  "cargo",
  ["run", "--quiet", "--offline", "-p", "podplay-core", "--example", "editor_schema"],
  { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "inherit"] },
);
JSON.parse(schema); // fail here, not in the browser
mkdirSync(join(targetDir, "editor"), { recursive: true });
const schemaPath = join(targetDir, "editor", "schema.json");
writeFileSync(schemaPath, schema);

// 2. The bundle: one ES module, minified, no network at run time.
const result = await build({
  entryPoints: { editor: join(ROOT, "editor", "main.js") },
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2020",
  legalComments: "none",
  splitting: true,
  outdir: out,
  entryNames: "[name]",
  chunkNames: "editor-[name]-[hash]",
  write: false,
  plugins: [
    {
      name: "podplay-schema",
      setup(b) {
        b.onResolve({ filter: /^podplay:schema$/ }, () => ({ path: schemaPath, namespace: "file" }));
      },
    },
  ],
  loader: { ".json": "json" },
});
mkdirSync(out, { recursive: true });
// Chunks of earlier builds would pile up in a reused folder.
for (const name of readdirSync(out)) if (/^editor-.*\.js$/.test(name)) rmSync(join(out, name));
for (const file of result.outputFiles) {
  writeFileSync(file.path, file.contents);
  console.log(`build-editor: ${basename(file.path)} ${file.contents.length} bytes`);
}
