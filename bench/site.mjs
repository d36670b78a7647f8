// The playground's budgets, measured in Debian's headless Chromium: the JavaScript the page loads
// before its first verdict (each file gzipped at level 9, summed), and the time from navigation
// start to that first verdict (the page's `ocispec-first-verdict` performance mark), median of
// fresh page loads. The site is built once (site/build.mjs --out .tmp/site-bench) from dist/.
//
//   node bench/site.mjs [--json]       (bench/run.mjs calls measureSite() unless --no-site)
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serveSite } from "../site/serve.mjs";
import { CHROMIUM_ARGS } from "../test/helpers/chromium-args.mjs";
import { median } from "./sampling.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/**
 * Builds the site and measures the playground; `{ skipped: reason }` without Chromium or dist/.
 * `loads` fresh page loads give the first-verdict median.
 */
export async function measureSite({ loads = 9 } = {}) {
  const executablePath = CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  if (executablePath === undefined)
    return { skipped: "chromium is not installed (apt-get install chromium)" };
  if (!existsSync(join(root, "dist", "index.js")))
    return { skipped: "dist/index.js is missing (npm run build)" };
  const outDir = join(root, ".tmp", "site-bench");
  const built = spawnSync(process.execPath, [join(root, "site", "build.mjs"), "--out", outDir], {
    cwd: root,
    encoding: "utf8",
  });
  if (built.status !== 0) throw new Error(`site build failed: ${built.stderr}`);

  const server = await serveSite(outDir);
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  try {
    const firstVerdictMs = [];
    let scripts = [];
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const requested = [];
      page.on("request", (request) => {
        if (request.resourceType() === "script") requested.push(new URL(request.url()).pathname);
      });
      await page.goto(`${server.url}/playground`);
      await page.waitForFunction(() => performance.getEntriesByName("ocispec-first-verdict").length > 0);
      firstVerdictMs.push(
        await page.evaluate(() => performance.getEntriesByName("ocispec-first-verdict")[0].startTime),
      );
      scripts = requested;
      await context.close();
    }
    const files = [...new Set(scripts)].map((path) => {
      const bytes = readFileSync(join(outDir, path));
      return { path, bytes: bytes.length, gzippedBytes: gzipSync(bytes, { level: 9 }).length };
    });
    return {
      page: "/playground",
      chromium: browser.version(),
      loads,
      firstVerdictMs: median(firstVerdictMs),
      firstVerdictRangeMs: [Math.min(...firstVerdictMs), Math.max(...firstVerdictMs)],
      javascript: {
        files: files.length,
        bytes: files.reduce((sum, file) => sum + file.bytes, 0),
        gzippedBytes: files.reduce((sum, file) => sum + file.gzippedBytes, 0),
        largest: files.sort((a, b) => b.gzippedBytes - a.gzippedBytes).slice(0, 5),
      },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const site = await measureSite();
  if (process.argv.includes("--json")) console.log(JSON.stringify(site, null, 2));
  else if (site.skipped) console.log(`site: skipped: ${site.skipped}`);
  else {
    console.log(
      `playground: ${site.javascript.files} scripts, ${(site.javascript.gzippedBytes / 1024).toFixed(1)} KB gzipped (${(site.javascript.bytes / 1024).toFixed(1)} KB); first verdict ${site.firstVerdictMs.toFixed(0)} ms (median of ${site.loads}, ${site.firstVerdictRangeMs.map((ms) => ms.toFixed(0)).join("–")})`,
    );
    for (const file of site.javascript.largest)
      console.log(`  ${file.path}: ${(file.gzippedBytes / 1024).toFixed(1)} KB gzipped`);
  }
}
