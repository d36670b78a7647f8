import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
// @ts-expect-error plain ESM module without types, shared with bench/site.mjs
import { CHROMIUM_ARGS as ARGS } from "./chromium-args.mjs";
import { findExecutable } from "./executable.js";

/**
 * The flags Chromium runs with in tests: headless, no sandbox (CI runs as root), and nothing that
 * reaches the network on its own (component updates, sync, background fetches, first-run pages).
 * Listed once, in chromium-args.mjs, which the bench imports too.
 */
export const CHROMIUM_ARGS: readonly string[] = ARGS;

/**
 * Debian's `chromium` on PATH, or `undefined` (browser tests then skip and say why; `.ci/run`
 * installs it). Playwright never downloads a browser of its own here.
 *
 * @example
 * const executable = findChromium();
 * describe.skipIf(executable === undefined)("in Chromium", () => { … });
 */
export function findChromium(): string | undefined {
  return findExecutable("chromium") ?? findExecutable("chromium-browser");
}

/** A running headless Chromium with a fresh, empty profile; `close()` removes the profile. */
export interface HeadlessChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches `executablePath` headless with {@link CHROMIUM_ARGS} and an empty `--user-data-dir`
 * (Playwright passes it for a persistent context: it refuses the flag in `args`).
 *
 * @example
 * const browser = await launchChromium("/usr/bin/chromium");
 * const page = await browser.context.newPage();
 * await browser.close();
 */
export async function launchChromium(executablePath: string): Promise<HeadlessChromium> {
  const userDataDir = mkdtempSync(join(tmpdir(), "ocispec-chromium-"));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      timeout: 60_000,
    });
    return {
      context,
      async close() {
        await context.close();
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

/** One file a {@link serveStatic} server answers with. */
export interface StaticFile {
  contentType: string;
  body: string;
}

/** A loopback HTTP server and its base URL (`http://127.0.0.1:<port>`). */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `files` (keyed by path, e.g. `/index.html`) on 127.0.0.1 at a free port, each response
 * carrying `headers` (a test page sets its Content-Security-Policy here); anything else is a 404.
 *
 * @example
 * const server = await serveStatic({ "/": { contentType: "text/html", body: "<p>hi</p>" } });
 * await server.close();
 */
export async function serveStatic(
  files: Readonly<Record<string, StaticFile>>,
  headers: Readonly<Record<string, string>> = {},
): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const file = files[path];
    if (file === undefined) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, { ...headers, "content-type": file.contentType }).end(file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
