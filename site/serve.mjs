// `npm run site`: serves dist-site/ on 127.0.0.1 (PORT, default 4173) as a static host would, with
// VitePress's clean URLs (/playground → playground.html). The browser tests use the same server.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** The file under `dir` a URL path names, or undefined: no escape from `dir`, clean URLs resolved. */
function fileFor(dir, pathname) {
  let path;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const base = normalize(join(dir, path));
  if (base !== dir && !base.startsWith(dir + sep)) return undefined;
  for (const candidate of [base, `${base}.html`, join(base, "index.html")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/**
 * Serves `dir` on 127.0.0.1 at `port` (0: a free one); resolves to `{ url, close }`.
 * Every response carries `headers` (the tests add a Content-Security-Policy).
 */
export function serveSite(dir, port = 0, headers = {}) {
  const root = normalize(dir);
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://127.0.0.1");
    const file = fileFor(root, pathname);
    if (file === undefined) {
      const missing = fileFor(root, "/404.html");
      response.writeHead(404, { ...headers, "content-type": "text/html; charset=utf-8" });
      if (missing) createReadStream(missing).pipe(response);
      else response.end("not found");
      return;
    }
    response.writeHead(200, {
      ...headers,
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "dist-site");
  if (!existsSync(join(dir, "index.html"))) {
    console.error("site: dist-site/ is empty: run npm run site:build first");
    process.exit(1);
  }
  const { url } = await serveSite(dir, Number(process.env.PORT ?? 4173));
  console.log(`ocispec site: ${url}/ (playground: ${url}/playground, media types: ${url}/media-types)`);
}
