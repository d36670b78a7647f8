// What `npm publish` would ship, and whether it works once installed: the tarball lists exactly the
// allowed files, and a fresh project that installs it can `import` and `require` the package, resolve
// `ocispec/media-types.json` and `ocispec/schemas/...`, and run the `ocispec` bin.
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; version: string };
const built = ["dist/index.js", "dist/index.cjs", "dist/cli.js", "media-types.json"].every((f) =>
  existsSync(join(root, f)),
);
if (!built)
  console.warn(
    "pack.test.ts skipped: dist/ or media-types.json is missing: run npm run build (npm test does)",
  );

/**
 * The environment for npm and node children: this process's, less what `npm test` sets for its own
 * run (the project's prefix and package fields), so the consumer project is a project of its own.
 */
const childEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^npm_(config_local_prefix|config_prefix|package_|lifecycle_)/i.test(key),
    ),
  ),
  NO_COLOR: "1",
  npm_config_update_notifier: "false",
  npm_config_fund: "false",
};

/** Runs a command to completion; throws with its output when it fails, so the failure says why. */
function run(
  command: string,
  args: readonly string[],
  cwd: string,
  input?: string,
): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, {
    cwd,
    input,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: childEnv,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} exited ${result.status}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

/** Every file under `dir`, as a package-relative path with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"));
}

/** The paths a package may ship: the build, the schemas, the media-type table, the docs and license. */
const allowed = (path: string) =>
  /^dist\//.test(path) ||
  /^schemas\/.+\.json$/.test(path) ||
  [
    "media-types.json",
    "README.md",
    "LICENSE",
    "package.json",
    "core/package.json",
    "node/package.json",
  ].includes(path);

describe("allowed", () => {
  it("admits the build, schemas and top-level files, and nothing else", () => {
    for (const ok of [
      "dist/index.js",
      "schemas/oci/image-manifest.json",
      "media-types.json",
      "LICENSE",
      "package.json",
    ]) {
      expect(allowed(ok), ok).toBe(true);
    }
    for (const no of [
      "src/index.ts",
      "test/pack.test.ts",
      "docs/api/index.html",
      "schemas/README.md",
      "tsup.config.ts",
    ]) {
      expect(allowed(no), no).toBe(false);
    }
  });
});

describe.skipIf(!built)("npm pack", () => {
  it("lists exactly the build, the schemas, media-types.json, README, LICENSE and package.json", () => {
    const [report] = JSON.parse(
      run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], root).stdout,
    ) as [{ files: { path: string }[] }];
    const files = report.files.map((f) => f.path).sort();
    expect(files.filter((f) => !allowed(f))).toEqual([]);
    const required = [
      "package.json",
      "README.md",
      "LICENSE",
      "media-types.json",
      "dist/index.js",
      "dist/index.cjs",
      "dist/index.d.ts",
      "dist/index.d.cts",
      "dist/cli.js",
      ...filesUnder("schemas").filter((f) => f.endsWith(".json")),
    ];
    expect(required.filter((f) => !files.includes(f))).toEqual([]);
  });
});

describe.skipIf(!built)("the packed tarball, installed into a fresh project", () => {
  let work = "";
  let consumer = "";
  let installed = "";
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    artifactType: "application/vnd.example.thing.v1",
    config: {
      mediaType: "application/vnd.oci.empty.v1+json",
      digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
      size: 2,
    },
    layers: [
      {
        mediaType: "application/vnd.oci.empty.v1+json",
        digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        size: 2,
      },
    ],
  });

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "ocispec-pack-"));
    consumer = join(work, "consumer");
    installed = join(consumer, "node_modules", pkg.name);
    const [packed] = JSON.parse(
      run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], root).stdout,
    ) as [{ filename: string }];
    mkdirSync(consumer);
    writeFileSync(join(consumer, "package.json"), `${JSON.stringify({ name: "consumer", private: true })}\n`);
    writeFileSync(join(consumer, "manifest.json"), manifest);
    // The package has no runtime dependencies (package.test.ts checks), so this needs no network.
    run(
      "npm",
      ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", join(work, packed.filename)],
      consumer,
    );
  });

  afterAll(() => {
    if (work !== "") rmSync(work, { recursive: true, force: true });
  });

  /**
   * Runs `text` as the consumer's file `name` with this runtime (a file, not `-e`: Deno and Bun run a
   * file as Node does, not Node's `--input-type` flags); answers its stdout.
   */
  const runScript = (name: string, text: string, args: readonly string[] = []) => {
    writeFileSync(join(consumer, name), text);
    return run(process.execPath, ["--no-warnings", name, ...args], consumer).stdout;
  };

  const probe = (exportsOf: string) => `
    const summary = (api, table, schema, resolved) => JSON.stringify({
      exports: Object.keys(api).sort(),
      verdict: api.validate(process.argv[2]).valid,
      broken: api.validate(process.argv[2].replace('"schemaVersion":2', '"schemaVersion":1')).valid,
      tableRows: table.length,
      schemaId: schema.$id,
      resolved,
    });
    ${exportsOf}`;

  it("works with import (ESM)", () => {
    const script = probe(`
      const api = await import("ocispec");
      const { default: table } = await import("ocispec/media-types.json", { with: { type: "json" } });
      const { default: schema } = await import("ocispec/schemas/oci/image-manifest.json", { with: { type: "json" } });
      const resolved = ["ocispec", "ocispec/media-types.json", "ocispec/schemas/oci/image-manifest.json"]
        .map((s) => new URL(import.meta.resolve(s)).pathname);
      console.log(summary(api, table, schema, resolved));`);
    const out = JSON.parse(runScript("probe.mjs", script, [manifest]));
    expect(out.verdict).toBe(true);
    expect(out.broken).toBe(false);
    expect(out.exports).toEqual(
      expect.arrayContaining(["validate", "buildImageManifest", "mediaTypes", "computeDigest"]),
    );
    expect(out.schemaId).toBe("https://ocispec.dev/schemas/oci/image-manifest.json");
    expect(out.resolved).toEqual([
      join(installed, "dist", "index.js"),
      join(installed, "media-types.json"),
      join(installed, "schemas", "oci", "image-manifest.json"),
    ]);
    expect(out.tableRows).toBe(JSON.parse(readFileSync(join(root, "media-types.json"), "utf8")).length);
  });

  it("works with require (CJS) and exposes the same API as ESM", () => {
    const script = probe(`
      const api = require("ocispec");
      const resolved = ["ocispec", "ocispec/media-types.json", "ocispec/schemas/oci/image-manifest.json"].map((s) => require.resolve(s));
      console.log(summary(api, require("ocispec/media-types.json"), require("ocispec/schemas/oci/image-manifest.json"), resolved));`);
    const cjs = JSON.parse(runScript("probe.cjs", script, [manifest]));
    expect(cjs.verdict).toBe(true);
    expect(cjs.broken).toBe(false);
    expect(cjs.schemaId).toBe("https://ocispec.dev/schemas/oci/image-manifest.json");
    expect(cjs.resolved).toEqual([
      join(installed, "dist", "index.cjs"),
      join(installed, "media-types.json"),
      join(installed, "schemas", "oci", "image-manifest.json"),
    ]);
    const esmKeys = JSON.parse(
      runScript("keys.mjs", 'console.log(JSON.stringify(Object.keys(await import("ocispec")).sort()))'),
    );
    expect(cjs.exports).toEqual(esmKeys);
  });

  it("ships every schema and the media-type table byte for byte", () => {
    for (const file of [...filesUnder("schemas"), "media-types.json"]) {
      expect(readFileSync(join(installed, file)).equals(readFileSync(join(root, file))), file).toBe(true);
    }
  });

  it("runs the ocispec bin", () => {
    const bin = join(consumer, "node_modules", ".bin", "ocispec");
    expect(run(bin, ["--version"], consumer).stdout.trim()).toBe(pkg.version);
    const lint = spawnSync(bin, ["lint", "--format", "json", "manifest.json"], {
      cwd: consumer,
      encoding: "utf8",
    });
    expect(lint.status, lint.stderr).toBe(0);
    const broken = join(consumer, "broken.json");
    writeFileSync(broken, manifest.replace('"schemaVersion":2', '"schemaVersion":1'));
    const failing = spawnSync(bin, ["lint", "broken.json"], {
      cwd: consumer,
      encoding: "utf8",
      env: childEnv,
    });
    expect(failing.status).toBe(1);
    expect(failing.stdout + failing.stderr).toContain("schemaVersion");
  });
});
