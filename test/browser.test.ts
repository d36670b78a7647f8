// The core in a real browser: a page bundled from the built dist/index.js (esbuild, platform
// browser) validates manifests in headless Debian Chromium under a CSP without 'unsafe-eval', so a
// `node:` import, a Node global or a run-time `new Function` in the core fails this test.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  findChromium,
  type HeadlessChromium,
  launchChromium,
  type StaticServer,
  serveStatic,
} from "./helpers/browser.js";

const root = join(import.meta.dirname, "..");
const distEntry = join(root, "dist", "index.js");
const chromiumPath = findChromium();
const skipReason =
  chromiumPath === undefined
    ? "chromium is not on PATH (apt-get install chromium; .ci/run installs it)"
    : !existsSync(distEntry)
      ? "dist/index.js is missing: run npm run build (npm test does)"
      : undefined;
if (skipReason !== undefined) console.warn(`browser.test.ts skipped: ${skipReason}`);

// Runs in the page. It only uses the public API, as a web app would, and reports plain data.
const pageEntry = `
import { buildImageManifest, computeDigest, emptyDescriptor, validate } from "ocispec";

const digest = (hex) => "sha256:" + hex.repeat(64 / hex.length);
const good = JSON.stringify({
  schemaVersion: 2,
  mediaType: "application/vnd.oci.image.manifest.v1+json",
  config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: digest("a"), size: 7023 },
  layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: digest("b"), size: 32654 }],
});
// schemaVersion 1 and a digest that is not one: two MUST violations.
// Pretty-printed, so each finding has a line of its own.
const bad = JSON.stringify(JSON.parse(good), null, 2).replace('"schemaVersion": 2', '"schemaVersion": 1').replace(digest("b"), "sha256:nothex");
const verdict = (r) => ({ valid: r.valid, kind: r.kind, errors: r.issues.filter((i) => i.severity === "error").map((i) => ({ code: i.code, path: i.path, line: i.line, column: i.column })) });
const built = buildImageManifest({ config: emptyDescriptor, layers: [emptyDescriptor], artifactType: "application/vnd.example.thing.v1" });

window.__verdicts = {
  good: verdict(validate(new TextEncoder().encode(good), { mediaType: "application/vnd.oci.image.manifest.v1+json" })),
  bad: verdict(validate(bad)),
  badText: bad,
  built: verdict(validate(built.bytes, { expectedDigest: built.descriptor.digest })),
  emptyDigest: computeDigest(new Uint8Array(0)),
  hasProcess: typeof process !== "undefined",
};
document.getElementById("verdict").textContent = "done";
`;

describe.skipIf(skipReason !== undefined)("the core in headless Chromium", () => {
  let browser: HeadlessChromium | undefined;
  let server: StaticServer | undefined;
  const pageErrors: string[] = [];
  let verdicts: Record<string, unknown> = {};

  beforeAll(async () => {
    const bundle = await build({
      stdin: { contents: pageEntry, resolveDir: root, loader: "js" },
      bundle: true,
      write: false,
      platform: "browser",
      format: "esm",
      target: "es2022",
      // Resolve "ocispec" to the built file itself, not to whatever package.json conditions pick.
      alias: { ocispec: distEntry },
      logLevel: "silent",
    });
    const script = bundle.outputFiles[0]?.text ?? "";
    server = await serveStatic(
      {
        "/": {
          contentType: "text/html; charset=utf-8",
          body: '<!doctype html><meta charset="utf-8"><title>ocispec</title><pre id="verdict">pending</pre><script type="module" src="/app.js"></script>',
        },
        "/app.js": { contentType: "text/javascript; charset=utf-8", body: script },
      },
      { "content-security-policy": "default-src 'none'; script-src 'self'" },
    );
    browser = await launchChromium(chromiumPath as string);
    const page = await browser.context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });
    await page.goto(`${server.url}/`);
    await page
      .waitForFunction(() => document.getElementById("verdict")?.textContent !== "pending", undefined, {
        timeout: 30_000,
      })
      .catch(() => undefined); // a page error leaves it pending; the assertions below say why
    verdicts = await page.evaluate(
      () => (window as unknown as { __verdicts?: Record<string, unknown> }).__verdicts ?? {},
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("runs the bundle without errors, CSP violations or Node globals", () => {
    expect(pageErrors).toEqual([]);
    expect(verdicts.hasProcess).toBe(false);
  });

  it("accepts a valid manifest given as bytes", () => {
    expect(verdicts.good).toEqual({ valid: true, kind: "image-manifest", errors: [] });
  });

  it("rejects a broken manifest, naming each field with its line", () => {
    const bad = verdicts.bad as {
      valid: boolean;
      errors: { path: string; line?: number; column?: number }[];
    };
    const lines = String(verdicts.badText).split("\n");
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(bad.valid).toBe(false);
    expect(bad.errors.map(({ path, line }) => ({ path, line }))).toEqual(
      expect.arrayContaining([
        { path: "/schemaVersion", line: lineOf('"schemaVersion"') },
        { path: "/layers/0/digest", line: lineOf("sha256:nothex") },
      ]),
    );
    expect(bad.errors).toHaveLength(2);
    expect(bad.errors.every((e) => typeof e.column === "number" && e.column > 0)).toBe(true);
  });

  it("builds a manifest whose bytes validate against its own digest", () => {
    expect(verdicts.built).toEqual({ valid: true, kind: "image-manifest", errors: [] });
  });

  it("hashes without node:crypto", () => {
    // SHA-256 of the empty string (FIPS 180-4 test vector).
    expect(verdicts.emptyDigest).toBe(
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });
});
