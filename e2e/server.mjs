// A tiny static file server for dist/, serving the same files at / and under /podplay/
// (the page must work under a sub-path). Loopback only; used by the e2e tests.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

export const SUB_PATH = "/podplay/";

/** Starts serving `dir`; resolves to { origin, close() }. */
export async function startServer(dir) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (path.startsWith(SUB_PATH)) path = "/" + path.slice(SUB_PATH.length);
      if (path.endsWith("/")) path += "index.html";
      const file = normalize(join(root, path));
      if (!file.startsWith(root)) throw new Error("outside root");
      if (!(await stat(file)).isFile()) throw new Error("not a file");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

// `node e2e/server.mjs [dir]` serves until stopped (handy for looking at a build).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { origin } = await startServer(process.argv[2] ?? "dist");
  console.log(`serving at ${origin}/ and ${origin}${SUB_PATH}`);
}
