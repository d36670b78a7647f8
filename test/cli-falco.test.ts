// `ocispec falco pack` and `falco config` in-process: what they refuse, and what they write.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess } from "./helpers/cli.js";

const cwd = mkdtempSync(join(tmpdir(), "ocispec-falco-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
writeFileSync(join(cwd, "rules.yaml"), "- required_engine_version: 0.26.0\n");
writeFileSync(join(cwd, "rules.tar.gz"), gzipSync("x"));
writeFileSync(join(cwd, "amd64.so"), "amd64");
writeFileSync(join(cwd, "arm64.so"), "arm64");
mkdirSync(join(cwd, "occupied"));
writeFileSync(join(cwd, "occupied", "x"), "");

const pack = (...args: string[]) =>
  runInProcess(["falco", "pack", ...args], { cwd, env: { SOURCE_DATE_EPOCH: "1704067200" } });
const base = ["--name", "my-rules", "--version", "1.0.0"];

describe("ocispec falco pack", () => {
  it.each([
    [["rules.yaml", ...base, "-o", "out"], "--type is required"],
    [["rules.yaml", "--type", "rulesfile", ...base], "--output is required"],
    [["--type", "rulesfile", ...base, "-o", "out"], "name at least one file to pack"],
    [
      ["rules.yaml", "--type", "rules", ...base, "-o", "out"],
      "--type must be one of rulesfile, plugin, asset",
    ],
    [
      ["rules.yaml", "--type", "rulesfile", ...base, "--platform", "linux/amd64", "-o", "out"],
      "--platform is only for plugins",
    ],
    [
      ["amd64.so", "arm64.so", "--type", "plugin", ...base, "--platform", "linux/amd64", "-o", "out"],
      "one --platform per file",
    ],
    [["rules.tar.gz", "--type", "rulesfile", ...base, "-o", "out"], "already gzip-compressed"],
    [
      ["rules.yaml", "--type", "rulesfile", "--name", "My Rules", "--version", "1.0.0", "-o", "out"],
      "not a Falco artifact name",
    ],
    [["rules.yaml", "--type", "rulesfile", ...base, "-o", "occupied"], "occupied is not empty"],
  ])("%j → exit 2: %s", async (args, message) => {
    const result = await pack(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(existsSync(join(cwd, "out"))).toBe(false);
  });

  it("writes a reproducible layout with SOURCE_DATE_EPOCH, tagged with the version or --tag", async () => {
    const first = await pack("rules.yaml", "--type", "rulesfile", ...base, "-o", "a");
    const second = await pack("rules.yaml", "--type", "rulesfile", ...base, "-o", "b", "-t", "stable");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('tagged "1.0.0"');
    const index = (dir: string) => JSON.parse(readFileSync(join(cwd, dir, "index.json"), "utf8"));
    expect(index("a").manifests[0].digest).toBe(index("b").manifests[0].digest);
    expect(index("b").manifests[0].annotations["org.opencontainers.image.ref.name"]).toBe("stable");
    const manifest = JSON.parse(
      readFileSync(join(cwd, "a", "blobs", "sha256", index("a").manifests[0].digest.slice(7)), "utf8"),
    );
    expect(manifest.annotations["org.opencontainers.image.created"]).toBe("2024-01-01T00:00:00Z");
    expect(manifest.layers[0].annotations["org.opencontainers.image.title"]).toBe("my-rules-1.0.0.tar.gz");
    expect(second.status).toBe(0);
  });

  it("packs a plugin as an index with one manifest per platform", async () => {
    const result = await pack(
      "amd64.so",
      "arm64.so",
      "--type",
      "plugin",
      ...base,
      "--platform",
      "linux/amd64",
      "--platform",
      "linux/arm64",
      "-o",
      "plugin",
    );
    expect(result.status).toBe(0);
    const index = JSON.parse(readFileSync(join(cwd, "plugin", "index.json"), "utf8"));
    expect(index.manifests[0].mediaType).toBe("application/vnd.oci.image.index.v1+json");
    const lint = await runInProcess(["lint", "plugin"], { cwd });
    expect(lint.stdout).toBe("✔ 8 files checked, no problems\n");
  });
});

describe("ocispec falco config", () => {
  it("--descriptor prints the config's descriptor for the given --type", async () => {
    const result = await runInProcess(
      ["falco", "config", "--name", "k8saudit", "--version", "0.6.1", "--type", "plugin", "--descriptor"],
      { cwd },
    );
    expect(JSON.parse(result.stdout)).toMatchObject({
      mediaType: "application/vnd.cncf.falco.plugin.config.v1+json",
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
  });

  it("refuses positional arguments", async () => {
    expect((await runInProcess(["falco", "config", "extra"], { cwd })).status).toBe(2);
  });
});
