// Results that narrow and a typed vocabulary, as a TypeScript user meets them: the packed tarball is
// installed into a fresh project and tsc --strict checks consumer files against the types it ships,
// under node16 (ESM and CommonJS files), bundler, and node10 (CommonJS; `ocispec/core` and
// `ocispec/node` through their package.json directories). Each `@ts-expect-error` line must fail to
// compile — tsc reports an unused one as an error — so a type that stops narrowing (or starts
// accepting a typo) fails this test.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const built = ["dist/index.d.ts", "dist/index.d.cts", "dist/core.d.cts", "dist/node.d.ts"].every((f) =>
  existsSync(join(root, f)),
);
if (!built)
  console.warn("types-consumer.test.ts skipped: dist/ is missing: run npm run build (npm test does)");

const env = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^npm_(config_local_prefix|config_prefix|package_|lifecycle_)/i.test(key),
    ),
  ),
  NO_COLOR: "1",
  npm_config_update_notifier: "false",
};

function run(command: string, args: readonly string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env, maxBuffer: 16 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

/** What every resolution must accept and refuse: narrowing results, typed codes and targets, literal constants. */
const body = `
declare const bytes: Uint8Array;

// ValidationResult narrows by valid and kind.
const result = validate(bytes);
if (result.valid && result.kind === "image-manifest") {
  const manifest: ImageManifest = result.document;
  void manifest;
}
if (result.valid && result.kind === "image-index") {
  const index: ImageIndex = result.document;
  void index;
}
// @ts-expect-error the document is not an ImageManifest until the result is narrowed
const unnarrowed: ImageManifest = result.document;
if (!result.valid && result.kind === "image-manifest") {
  // @ts-expect-error an invalid result's document is not known to match its kind
  const invalid: ImageManifest = result.document;
  void invalid;
}

// The per-kind validators return their kind's result (or "unknown").
const perKind = validateImageManifest(bytes);
if (perKind.valid && perKind.kind === "image-manifest") void perKind.document.layers.length;
// @ts-expect-error validateImageManifest never answers "image-index"
if (perKind.kind === "image-index") void 0;

// UploadResult narrows on acceptance.
const answer = validateUpload(bytes, { reference: "v1", policy: createPolicy({ targets: ["gitlab"] }) });
if (answer.status === 201) {
  const none: null = answer.body;
  void none;
} else {
  void answer.body.errors.length;
}
if (answer.valid) {
  const created: 201 = answer.status;
  void created;
}

// Issue codes and targets are unions; a typo does not compile.
const code: IssueCode = "layers-empty";
// @ts-expect-error not an issue code
const typo: IssueCode = "layers-emty";
const target: TargetName = "gitlab";
validate(bytes, { rules: { [code]: "off", "options-invalid": "warning" }, targets: [target] });
// @ts-expect-error a misspelt rule code
validate(bytes, { rules: { "layers-emty": "off" } });
// @ts-expect-error an unknown target
validate(bytes, { targets: ["gitlba"] });
// @ts-expect-error mediaType is a string, not null
validate(bytes, { mediaType: null });
// A record built at run time (a config file) is accepted and checked at run time.
const fromConfig: Record<string, "off" | "warning" | "error"> = JSON.parse("{}");
validate(bytes, { rules: fromConfig });
void result.issues.map((issue) => issue.code satisfies IssueCode);

// Media-type constants are literals.
const manifestType: "application/vnd.oci.image.manifest.v1+json" = OCI_IMAGE_MANIFEST;

// The core narrows the same way.
const fromCore = coreValidate(bytes);
if (fromCore.valid && fromCore.kind === "image-config") void fromCore.document.rootfs.diff_ids;

// The layout check: the in-memory store here, the file-system one from ocispec/node.
async function layouts(): Promise<void> {
  const memory = await lintLayout(memoryLayoutStore({}), { deep: true });
  const disk = await lintLayout(fileSystemLayoutStore("."), { deep: true });
  void memory.valid, disk.files;
}
void unnarrowed, typo, manifestType, layouts;
`;

const esmImports = `import {
  createPolicy,
  type ImageIndex,
  type ImageManifest,
  type IssueCode,
  lintLayout,
  memoryLayoutStore,
  OCI_IMAGE_MANIFEST,
  type TargetName,
  validate,
  validateImageManifest,
  validateUpload,
} from "ocispec";
import { validate as coreValidate } from "ocispec/core";
import { fileSystemLayoutStore } from "ocispec/node";
`;

describe.skipIf(!built)("the published types, from an installed tarball", () => {
  let work = "";
  let consumer = "";
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "ocispec-types-"));
    consumer = join(work, "consumer");
    const packed = run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], root);
    expect(packed.status, packed.stderr).toBe(0);
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    mkdirSync(consumer);
    writeFileSync(
      join(consumer, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    const installed = run(
      "npm",
      ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", join(work, filename)],
      consumer,
    );
    expect(installed.status, installed.stderr).toBe(0);
    writeFileSync(join(consumer, "esm.mts"), `${esmImports}${body}`);
    writeFileSync(join(consumer, "cjs.cts"), `${esmImports}${body}`);
    writeFileSync(join(consumer, "bundler.ts"), `${esmImports}${body}`);
    mkdirSync(join(consumer, "node10"));
    // node10 knows no "exports": a CommonJS project whose package.json does not say "module".
    writeFileSync(
      join(consumer, "node10", "package.json"),
      JSON.stringify({ name: "node10", private: true }),
    );
    writeFileSync(join(consumer, "node10", "index.ts"), `${esmImports}${body}`);
  }, 120_000);
  afterAll(() => {
    if (work !== "") rmSync(work, { recursive: true, force: true });
  });

  const check = (dir: string, files: string[], module: string, resolution: string) => {
    const args = [tsc, "--noEmit", "--strict", "--exactOptionalPropertyTypes", "--skipLibCheck", "false"];
    args.push(
      "--target",
      "es2022",
      "--lib",
      "es2022,dom",
      "--module",
      module,
      "--moduleResolution",
      resolution,
    );
    const result = run(process.execPath, [...args, ...files], dir);
    expect(`${result.stdout}${result.stderr}`.trim()).toBe("");
    expect(result.status).toBe(0);
  };

  it("narrow under node16, ESM and CommonJS files alike", () => {
    check(consumer, ["esm.mts", "cjs.cts"], "node16", "node16");
  });

  it("narrow under bundler resolution", () => {
    check(consumer, ["bundler.ts"], "esnext", "bundler");
  });

  it("resolve under node10 (CommonJS), ocispec/core and ocispec/node included", () => {
    check(join(consumer, "node10"), ["index.ts"], "commonjs", "node10");
  });
});
