// Trunk post-build hook: minifies the wasm-bindgen JavaScript glue with terser on release
// builds (Trunk's own JS minifier cannot parse it and leaves it as is). Keeps the first load
// within the size budget; the code's behaviour is unchanged.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir || process.env.TRUNK_PROFILE !== "release") process.exit(0);

for (const name of await readdir(dir)) {
  // editor*.js: the code editor, already minified by esbuild (scripts/build-editor.mjs).
  if (!name.endsWith(".js") || name.startsWith("editor")) continue;
  const path = join(dir, name);
  const source = await readFile(path, "utf8");
  // Every script is an ES module: the page's glue and snippets, and the worker's loader.
  const result = await minify(source, { module: true, compress: true, mangle: true });
  await writeFile(path, result.code);
  console.log(`minify-js: ${name} ${source.length} → ${result.code.length} bytes`);
}
