// The site as a person uses it: built once per run (site/build.mjs into .tmp/site-test), served
// from 127.0.0.1, driven in Debian's headless Chromium. The Falco asset manifest pasted with GitLab
// as target shows the refusal at its line; the media-type table filtered for "falco" marks the
// asset types unknown to GitLab; a permalink restores the state; no request leaves 127.0.0.1 and
// nothing is logged as an error. Saves a screenshot of the playground to .tmp/site-test/ (and to
// docs/images/playground.png, shown in the README, when OCISPEC_UPDATE_SCREENSHOT=1).
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM module without types (site/ scripts are not part of the build)
import { serveSite } from "../site/serve.mjs";
import { findChromium, type HeadlessChromium, launchChromium } from "./helpers/browser.js";

const root = join(import.meta.dirname, "..");
const distEntry = join(root, "dist", "index.js");
const outDir = join(root, ".tmp", "site-test");
const chromiumPath = findChromium();
const skipReason =
  chromiumPath === undefined
    ? "chromium is not on PATH (apt-get install chromium; .ci/run installs it)"
    : !existsSync(distEntry)
      ? "dist/index.js is missing: run npm run build (npm test does)"
      : undefined;
if (skipReason !== undefined) console.warn(`site.test.ts skipped: ${skipReason}`);

const FALCO_ASSET_CONFIG = "application/vnd.cncf.falco.asset.config.v1+json";
const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

/** The Falco asset manifest a user has in hand: built by the library in Node, pretty-printed. */
async function falcoAssetManifest(): Promise<string> {
  const { buildFalcoArtifact } = await import(distEntry);
  const artifact = buildFalcoArtifact({
    kind: "asset",
    name: "falco-assets",
    version: "1.2.0",
    files: { "assets.yaml": "assets: []\n" },
    created: "2025-01-01T00:00:00Z",
  });
  return `${JSON.stringify(JSON.parse(new TextDecoder().decode(artifact.root.bytes)), null, 2)}\n`;
}

/** Replaces the editor's text the way a paste does: a paste event carrying text/plain. */
async function paste(page: Page, text: string): Promise<void> {
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.evaluate((pasted) => {
    const data = new DataTransfer();
    data.setData("text/plain", pasted);
    document
      .querySelector(".cm-content")
      ?.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** What the page shows: findings (code, line, severity), the underlined ranges by line, the answer. */
async function shown(page: Page) {
  return page.evaluate(() => {
    const lines = Array.from(document.querySelectorAll(".cm-content > .cm-line"));
    return {
      text: (globalThis as unknown as { __pgText?: string }).__pgText,
      findings: Array.from(document.querySelectorAll<HTMLElement>(".pg-finding")).map((item) => ({
        code: item.dataset.code,
        line: item.dataset.line === "" ? undefined : Number(item.dataset.line),
        severity: item.querySelector(".pg-severity")?.textContent,
        response: item.querySelector(".pg-response")?.textContent ?? undefined,
      })),
      underlined: Array.from(document.querySelectorAll<HTMLElement>("[class*='cm-lintRange-']")).map(
        (range) => ({
          line: lines.indexOf(range.closest(".cm-line") as Element) + 1,
          text: range.textContent,
          severity: /cm-lintRange-(\w+)/.exec(range.className)?.[1],
        }),
      ),
      gutterMarkers: document.querySelectorAll(".cm-lint-marker").length,
      summary: document.querySelector("#pg-summary")?.textContent ?? "",
      answerStatus: document.querySelector("#pg-answer-status")?.textContent ?? "",
      answer: document.querySelector("#pg-answer")?.textContent ?? "",
      contentType: (document.querySelector("#pg-content-type") as HTMLSelectElement | null)?.value,
      targets: Array.from(document.querySelectorAll<HTMLInputElement>(".pg-targets input:checked")).map(
        (box) => box.value,
      ),
      editor: Array.from(document.querySelectorAll(".cm-content > .cm-line"))
        .map((line) => line.textContent)
        .join("\n"),
    };
  });
}

describe.skipIf(skipReason !== undefined)("the site in headless Chromium", () => {
  let browser: HeadlessChromium | undefined;
  let server: { url: string; close(): Promise<void> } | undefined;
  const outside: string[] = [];
  const consoleErrors: string[] = [];
  let manifest = "";
  let permalink = "";

  beforeAll(async () => {
    // Built once per run: VitePress bundles the pages with the library as built (dist/).
    const built = spawnSync(process.execPath, [join(root, "site", "build.mjs"), "--out", outDir], {
      cwd: root,
      encoding: "utf8",
      timeout: 280_000,
    });
    if (built.status !== 0) throw new Error(`site build failed:\n${built.stdout}\n${built.stderr}`);
    // No eval and nothing from another origin: VitePress needs inline scripts (its theme and hash
    // map), nothing else; a violation is a console error, which the last test refuses.
    const site = await serveSite(outDir, 0, {
      "content-security-policy":
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'",
    });
    server = site;
    browser = await launchChromium(chromiumPath as string);
    const base = site.url;
    browser.context.on("request", (request) => {
      const url = request.url();
      if (!url.startsWith(`${base}/`) && !url.startsWith("data:") && !url.startsWith("blob:"))
        outside.push(url);
    });
    browser.context.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(`${message.location().url}: ${message.text()}`);
    });
    browser.context.on("weberror", (error) => consoleErrors.push(String(error.error())));
    manifest = await falcoAssetManifest();
  }, 300_000);

  const newPage = (): Promise<Page> => {
    if (browser === undefined) throw new Error("Chromium did not start");
    return browser.context.newPage();
  };
  const baseUrl = (): string => {
    if (server === undefined) throw new Error("the site server did not start");
    return server.url;
  };

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows GitLab's refusal of a pasted Falco asset manifest at the config's line", async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.goto(`${baseUrl()}/playground`);
    await page.waitForSelector("#pg-summary:not(:empty)");
    await paste(page, manifest);
    await page.selectOption("#pg-content-type", OCI_MANIFEST);
    await page.check("#pg-target-gitlab");
    await page.waitForSelector('.pg-finding[data-code="target-gitlab-unknown-media-type"]');
    const state = await shown(page);

    expect(state.editor).toBe(manifest);
    const configLine = manifest.split("\n").findIndex((line) => line.includes(FALCO_ASSET_CONFIG)) + 1;
    expect(configLine).toBeGreaterThan(1);
    const refusal = state.findings.find((f) => f.code === "target-gitlab-unknown-media-type");
    expect(refusal?.line).toBe(configLine);
    expect(refusal?.response).toMatch(/400 MANIFEST_INVALID/);
    // In the gutter and underlined, at that line, on the value.
    expect(state.gutterMarkers).toBeGreaterThan(0);
    const underline = state.underlined.find((range) => range.line === configLine);
    expect(underline?.text).toContain(FALCO_ASSET_CONFIG);
    // The registry's answer: the distribution-spec error body naming the type.
    expect(state.answerStatus).toMatch(/400 refused/);
    const body = JSON.parse(state.answer);
    expect(body.errors[0].code).toBe("MANIFEST_INVALID");
    expect(body.errors[0].detail.line).toBe(configLine);
    expect(JSON.stringify(body)).toContain(FALCO_ASSET_CONFIG);

    // Without GitLab the same manifest is clean.
    await page.uncheck("#pg-target-gitlab");
    await page.waitForFunction(() => document.querySelectorAll(".pg-finding").length === 0);
    expect((await shown(page)).answerStatus).toMatch(/201 accepted/);
    await page.check("#pg-target-gitlab");
    await page.waitForSelector('.pg-finding[data-code="target-gitlab-unknown-media-type"]');

    mkdirSync(outDir, { recursive: true });
    const screenshot = join(outDir, "playground.png");
    await page.screenshot({ path: screenshot, fullPage: false });
    if (process.env.OCISPEC_UPDATE_SCREENSHOT === "1") {
      copyFileSync(screenshot, join(root, "docs", "images", "playground.png"));
    }
    permalink = await page.evaluate(() => location.href);
    await page.close();
  });

  it("gets the same state back from a permalink, the document in the fragment only", async () => {
    expect(permalink).toContain("#state=");
    const url = new URL(permalink);
    expect(url.search).toBe("");
    const page = await newPage();
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    await page.goto(permalink);
    await page.waitForSelector('.pg-finding[data-code="target-gitlab-unknown-media-type"]');
    const state = await shown(page);
    expect(state.editor).toBe(manifest);
    expect(state.contentType).toBe(OCI_MANIFEST);
    expect(state.targets).toEqual(["gitlab"]);
    expect(state.answerStatus).toMatch(/400 refused/);
    // The fragment is never part of a request.
    for (const request of requested) expect(request).not.toContain("#state=");
    await page.close();
  });

  it("loads each example in one click, the library's verdict on it shown", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl()}/playground`);
    await page.waitForSelector("#pg-summary:not(:empty)");
    const expected: Record<string, string> = {
      "falco-asset": "target-gitlab-unknown-media-type",
      "cve-2021-41190": "index-has-layers",
      "duplicate-key": "json-duplicate-key",
    };
    for (const [example, code] of Object.entries(expected)) {
      await page.click(`button[data-example="${example}"]`);
      await page.waitForSelector(`.pg-finding[data-code="${code}"]`);
      expect((await shown(page)).answerStatus).toMatch(/refused/);
    }
    // A file dropped on the editor replaces the document (pushed as an index).
    await page.selectOption("#pg-content-type", "application/vnd.oci.image.index.v1+json");
    const dropped =
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[],"layers":[]}';
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], "index.json", { type: "application/json" }));
      document
        .querySelector(".cm-content")
        ?.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, dropped);
    await page.waitForFunction(
      (text) => document.querySelector(".cm-content")?.textContent === text,
      dropped,
    );
    await page.waitForSelector('.pg-finding[data-code="index-has-layers"]');
    await page.click('button[data-example="clean-image"]');
    await page.waitForFunction(() => document.querySelectorAll(".pg-finding").length === 0);
    expect((await shown(page)).answerStatus).toMatch(/201 accepted/);
    await page.close();
  });

  it("builds a Falco config blob in the form: its bytes and digest", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl()}/playground`);
    await page.waitForSelector("#fb-output[data-state]");
    await page.fill("#fb-name", "falco-rules");
    await page.fill("#fb-version", "2.0.0");
    await page.fill("#fb-requirements", "engine_version:26");
    await page.click("#fb-build");
    const output = await page.textContent("#fb-output");
    // buildFalcoConfig's own documented example: the same bytes and digest as falcoctl.
    expect(output).toContain(
      '{"name":"falco-rules","version":"2.0.0","requirements":[{"name":"engine_version","version":"26"}]}',
    );
    expect(output).toContain("sha256:5edca1a8eea6c01df18acab6956b1e285c72890dc4cf719a86e73bb2c43c70d5");
    await page.fill("#fb-version", "not a version");
    await page.click("#fb-build");
    expect(await page.getAttribute("#fb-output", "data-state")).toBe("error");
    expect(await page.textContent("#fb-output")).toMatch(/BuildError: .*version/);
    await page.close();
  });

  it("filters the media-type table for falco and marks the asset types unknown to GitLab", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl()}/media-types`);
    await page.waitForSelector("#mt-table tbody tr");
    await page.fill("#mt-search", "falco");
    const rows = await page.$$eval("#mt-table tbody tr:not([hidden])", (trs) =>
      trs.map((tr) => ({
        mediaType: (tr as HTMLElement).dataset.mediaType ?? "",
        known: (tr.querySelector(".mt-known") as HTMLElement).dataset.known,
        text: tr.querySelector(".mt-known")?.textContent ?? "",
      })),
    );
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const row of rows) expect(row.mediaType).toContain("falco");
    const assets = rows.filter((row) => row.mediaType.includes(".asset."));
    expect(assets.map((row) => row.mediaType)).toContain(FALCO_ASSET_CONFIG);
    for (const asset of assets) {
      expect(asset.known).toBe("false");
      expect(asset.text).toMatch(/unknown to GitLab/);
    }
    const rulesfile = rows.find(
      (row) => row.mediaType === "application/vnd.cncf.falco.rulesfile.config.v1+json",
    );
    expect(rulesfile?.known).toBe("true");
    expect(rulesfile?.text).toMatch(/since \d+\.\d+\.\d+/);
    // The "known by" filter: only what GitLab does not know.
    await page.selectOption("#mt-known", "unknown");
    const unknown = await page.$$eval("#mt-table tbody tr:not([hidden])", (trs) =>
      trs.map((tr) => (tr as HTMLElement).dataset.mediaType),
    );
    expect(unknown.sort()).toEqual(assets.map((row) => row.mediaType).sort());
    await page.close();
  });

  it("searches the docs locally", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl()}/`);
    await page.click(".VPNavBarSearch button");
    await page.fill("#localsearch-input", "duplicate keys");
    await page.waitForSelector(".VPLocalSearchBox .result");
    expect(await page.$$eval(".VPLocalSearchBox .result", (results) => results.length)).toBeGreaterThan(0);
    await page.close();
  });

  it("links the API reference (TypeDoc, copied in when npm run docs:api has written docs/api/)", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl()}/playground`);
    const link = page.locator(".VPNavBar a", { hasText: "API reference" }).first();
    expect(await link.getAttribute("href")).toBe("/api/index.html");
    if (!existsSync(join(outDir, "api", "index.html"))) {
      console.warn(
        "site.test.ts: docs/api/ is absent (npm run docs:api): the reference itself is not opened",
      );
    } else {
      await link.click();
      await page.waitForURL(`${baseUrl()}/api/index.html`);
      expect(await page.locator("body").textContent()).toContain("validateUpload");
    }
    await page.close();
  });

  it("sent no request beyond 127.0.0.1 and logged no console error", () => {
    expect(outside).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
