import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess } from "./helpers/cli.js";

/** A Falco asset artifact manifest: valid OCI, but gitlab.com refuses its config type. */
const falcoAsset = {
  schemaVersion: 2,
  mediaType: "application/vnd.oci.image.manifest.v1+json",
  config: {
    mediaType: "application/vnd.cncf.falco.asset.config.v1+json",
    size: 38,
    digest: `sha256:${"b".repeat(64)}`,
    annotations: { "org.opencontainers.image.title": "config.json" },
  },
  layers: [
    {
      mediaType: "application/vnd.cncf.falco.asset.layer.v1+tar.gz",
      size: 512,
      digest: `sha256:${"c".repeat(64)}`,
      annotations: { "org.opencontainers.image.title": "asset.tar.gz" },
    },
  ],
};

describe("ocispec lint --target", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ocispec-target-"));
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(falcoAsset, null, 2));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is clean without targets", async () => {
    const result = await runInProcess(["lint", "--no-config", "manifest.json"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/target-/);
  });

  it("fails on what gitlab and ecr refuse, as the gate would refuse the push", async () => {
    const result = await runInProcess(["lint", "--no-config", "--target", "gitlab,ecr", "manifest.json"], {
      cwd: dir,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/:\d+:\d+: error target-gitlab-unknown-media-type /);
    expect(result.stdout).toMatch(/:\d+:\d+: error target-ecr-config-annotations /);
    expect(result.stdout).toContain("unknown media type: application/vnd.cncf.falco.asset.config.v1+json");
    // GitLab stores an unknown layer type as octet-stream: a prediction, not a refusal
    expect(result.stdout).toMatch(/:\d+:\d+: warning target-gitlab-unknown-layer-media-type /);
  });

  it("lets --rule turn a predicted refusal into a warning", async () => {
    const result = await runInProcess(
      [
        "lint",
        "--no-config",
        "--target",
        "gitlab",
        "--rule",
        "target-gitlab-unknown-media-type=warning",
        "manifest.json",
      ],
      { cwd: dir },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/warning target-gitlab-unknown-media-type /);
  });

  it("is a usage error for an unknown registry, naming the known ones", async () => {
    const result = await runInProcess(["lint", "--no-config", "--target", "gitlba", "manifest.json"], {
      cwd: dir,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /unknown target "gitlba": known targets are gitlab, distribution, zot, quay, harbor, ecr, gar/,
    );
  });
});
