import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildDescriptor,
  buildImageLayout,
  buildImageManifest,
  canonicalJson,
} from "../src/builders/index.js";
import { findExecutable } from "./helpers/executable.js";
import { CLI, gateUnavailableReason, startGateProcess } from "./helpers/gate.js";
import { writeImageLayout } from "./helpers/layout.js";
import {
  MANIFEST_ACCEPT,
  pushBlob,
  pushManifest,
  registryUnavailableReason,
  startRegistry,
  type TestRegistry,
} from "./helpers/registry.js";
import { buildTestImage, tarGzOneFile } from "./helpers/test-image.js";

const run = promisify(execFile);
const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

const reason =
  registryUnavailableReason() ??
  (findExecutable("skopeo") === undefined
    ? "no skopeo binary on PATH (apt-get install skopeo)"
    : undefined) ??
  gateUnavailableReason();
if (reason) console.warn(`skipping the registry gate end-to-end test: ${reason}`);

const startGate = startGateProcess;

/** A Falco asset artifact (config + one tar.gz layer): GitLab's table lacks its config type. */
function falcoAssetArtifact() {
  const config = buildDescriptor(
    canonicalJson({ name: "my-asset", version: "0.1.0" }),
    "application/vnd.cncf.falco.asset.config.v1+json",
  );
  const layer = buildDescriptor(
    tarGzOneFile("asset.yaml", new TextEncoder().encode("key: value\n")).gz,
    "application/vnd.cncf.falco.asset.layer.v1+tar.gz",
    { annotations: { "org.opencontainers.image.title": "my-asset-0.1.0.tar.gz" } },
  );
  const manifest = buildImageManifest({ config, layers: [layer] });
  return { config, layer, manifest };
}

async function put(url: string, contentType: string, bytes: Uint8Array) {
  const response = await fetch(url, {
    method: "PUT",
    headers: { "content-type": contentType },
    body: new Uint8Array(bytes),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

describe.skipIf(reason !== undefined)("ocispec gate in front of CNCF distribution", () => {
  let registry: TestRegistry;
  let gate: Awaited<ReturnType<typeof startGate>>;
  let layoutDir: string;

  beforeAll(async () => {
    registry = await startRegistry();
    gate = await startGate(registry.url, ["--target", "gitlab"]);
    layoutDir = mkdtempSync(join(tmpdir(), "ocispec-gate-layout-"));
  });

  afterAll(async () => {
    await gate?.stop();
    await registry?.stop();
    if (layoutDir) rmSync(layoutDir, { recursive: true, force: true });
  });

  it("passes a real image through: skopeo copy succeeds and the registry holds the exact manifest", async () => {
    const image = buildTestImage("amd64");
    writeImageLayout(
      layoutDir,
      buildImageLayout({
        manifests: [{ ...image.manifest, refName: "v1" }],
        blobs: [image.config, image.layer],
      }),
    );
    await run("skopeo", [
      "copy",
      "--preserve-digests",
      "--dest-tls-verify=false",
      `oci:${layoutDir}:v1`,
      `docker://${gate.host}/demo/image:v1`,
    ]);
    const pulled = await fetch(`${registry.url}/v2/demo/image/manifests/v1`, {
      headers: { accept: MANIFEST_ACCEPT },
    });
    expect(pulled.status).toBe(200);
    expect(pulled.headers.get("docker-content-digest")).toBe(image.manifest.descriptor.digest);
    expect(new Uint8Array(await pulled.arrayBuffer())).toEqual(image.manifest.bytes);
    // and reading back through the gate works too
    const throughGate = await fetch(
      `${gate.url}/v2/demo/image/manifests/${image.manifest.descriptor.digest}`,
      {
        headers: { accept: MANIFEST_ACCEPT },
      },
    );
    expect(throughGate.status).toBe(200);
  });

  it("refuses an ambiguous manifest (manifest with manifests) with its own MANIFEST_INVALID body", async () => {
    const image = buildTestImage("arm64");
    const ambiguous = { ...(image.manifest.document as object), manifests: [] };
    const answer = await put(
      `${gate.url}/v2/demo/ambiguous/manifests/bad`,
      OCI_MANIFEST,
      canonicalJson(ambiguous),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors.length).toBeGreaterThan(0);
    for (const error of answer.body.errors) {
      expect(error.code).toBe("MANIFEST_INVALID");
      expect(error.detail.rule).toEqual(expect.any(String)); // the gate's body, not the registry's
    }
    expect(JSON.stringify(answer.body)).toMatch(/manifests/);
  });

  it("refuses the Falco asset artifact as gitlab.com would, which the registry alone accepts", async () => {
    const artifact = falcoAssetArtifact();
    // straight to the registry: accepted (distribution accepts any config type)
    for (const blob of [artifact.config, artifact.layer])
      await pushBlob(registry, "direct/asset", blob.bytes);
    await pushManifest(registry, "direct/asset", "0.1.0", artifact.manifest.bytes, OCI_MANIFEST);
    // through the gate emulating gitlab: refused before anything reaches the registry
    const answer = await put(
      `${gate.url}/v2/falco/asset/manifests/0.1.0`,
      OCI_MANIFEST,
      artifact.manifest.bytes,
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      errors: [
        {
          code: "MANIFEST_INVALID",
          message: expect.stringContaining(
            "unknown media type: application/vnd.cncf.falco.asset.config.v1+json",
          ),
          detail: expect.objectContaining({
            rule: "target-gitlab-unknown-media-type",
            field: "config.mediaType",
            value: "application/vnd.cncf.falco.asset.config.v1+json",
          }),
        },
      ],
    });
  });

  it("answers as the emulated registry does (ECR's 405), and 413 over the size limit", async () => {
    const ecrGate = await startGate(registry.url, ["--target", "ecr", "--max-bytes", "2048"]);
    try {
      const image = buildTestImage("ppc64le");
      const document = image.manifest.document as unknown as { config: Record<string, unknown> };
      const annotated = {
        ...document,
        config: { ...document.config, annotations: { "org.opencontainers.image.title": "c" } },
      };
      const refused = await put(
        `${ecrGate.url}/v2/demo/ecr/manifests/v1`,
        OCI_MANIFEST,
        canonicalJson(annotated),
      );
      expect(refused.status).toBe(405);
      expect(refused.body.errors[0]).toMatchObject({
        code: "UNSUPPORTED",
        detail: { rule: "target-ecr-config-annotations", field: "config.annotations" },
      });
      const large = canonicalJson({ ...document, annotations: { padding: "x".repeat(4096) } });
      const tooLarge = await put(`${ecrGate.url}/v2/demo/ecr/manifests/v2`, OCI_MANIFEST, large);
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.errors[0].detail.rule).toBe("upload-size-limit");
    } finally {
      await ecrGate.stop();
    }
  });

  it("refuses a digest reference the body does not hash to with DIGEST_INVALID", async () => {
    const image = buildTestImage("s390x");
    const wrong = `sha256:${"0".repeat(64)}`;
    const answer = await put(
      `${gate.url}/v2/demo/digest/manifests/${wrong}`,
      OCI_MANIFEST,
      image.manifest.bytes,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].code).toBe("DIGEST_INVALID");
  });

  it("leaves nothing of the refused pushes in the registry", async () => {
    for (const [repository, reference] of [
      ["demo/ambiguous", "bad"],
      ["falco/asset", "0.1.0"],
      ["demo/digest", `sha256:${"0".repeat(64)}`],
      ["demo/ecr", "v1"],
      ["demo/ecr", "v2"],
    ]) {
      const response = await fetch(`${registry.url}/v2/${repository}/manifests/${reference}`, {
        headers: { accept: MANIFEST_ACCEPT },
      });
      expect(response.status, `${repository}:${reference}`).toBe(404);
      const tags = await fetch(`${registry.url}/v2/${repository}/tags/list`);
      expect(tags.status, `${repository} tags`).toBe(404);
    }
    const catalog = await (await fetch(`${registry.url}/v2/_catalog`)).json();
    expect(catalog.repositories.sort()).toEqual(["demo/image", "direct/asset"]);
  });

  it("shows a client the reason: skopeo copy of the Falco asset through the gate fails with the gate's message", async () => {
    const artifact = falcoAssetArtifact();
    const dir = mkdtempSync(join(tmpdir(), "ocispec-gate-falco-"));
    try {
      writeImageLayout(
        dir,
        buildImageLayout({
          manifests: [{ ...artifact.manifest, refName: "0.1.0" }],
          blobs: [artifact.config, artifact.layer],
        }),
      );
      const copy = run("skopeo", [
        "copy",
        "--preserve-digests",
        "--dest-tls-verify=false",
        `oci:${dir}:0.1.0`,
        `docker://${gate.host}/falco/asset-skopeo:0.1.0`,
      ]);
      await expect(copy).rejects.toMatchObject({
        stderr: expect.stringContaining(
          "unknown media type: application/vnd.cncf.falco.asset.config.v1+json",
        ),
      });
      // The blobs went through (the gate judges manifests only), but no manifest or tag landed.
      const manifest = await fetch(`${registry.url}/v2/falco/asset-skopeo/manifests/0.1.0`, {
        headers: { accept: MANIFEST_ACCEPT },
      });
      expect(manifest.status).toBe(404);
      const tags = await fetch(`${registry.url}/v2/falco/asset-skopeo/tags/list`);
      expect(tags.status).toBe(404);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(gateUnavailableReason() !== undefined)("ocispec gate command line", () => {
  const gateRun = (args: string[]) =>
    run(process.execPath, [CLI, "gate", ...args]).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );

  it("refuses an unknown target, naming the known ones", async () => {
    const result = await gateRun(["--upstream", "http://127.0.0.1:1", "--target", "gitlba"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown target "gitlba": known targets are gitlab, distribution/);
  });

  it("requires --upstream and a valid --max-bytes, config and upstream URL", async () => {
    expect((await gateRun([])).stderr).toMatch(/--upstream is required/);
    const bad = await gateRun(["--upstream", "http://127.0.0.1:1", "--max-bytes", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-bytes must be a positive integer/);
    expect((await gateRun(["--upstream", "http://127.0.0.1:1/v2"])).stderr).toMatch(/must be an origin/);
    expect((await gateRun(["--upstream", "http://u:p@127.0.0.1:1"])).stderr).toMatch(
      /must not carry credentials/,
    );
    expect((await gateRun(["--config", "/nonexistent/gate.json"])).stderr).toMatch(/cannot read --config/);
  });

  it("is listed by ocispec --help and explained by ocispec help gate", async () => {
    const { stdout: main } = await run(process.execPath, [CLI, "--help"]);
    expect(main).toMatch(/^ {2}gate +run a validating reverse proxy/m);
    const { stdout } = await run(process.execPath, [CLI, "help", "gate"]);
    expect(stdout).toMatch(/Usage: ocispec gate --listen <host:port> --upstream <url>/);
    expect(stdout).toMatch(/--public-url/);
  });
});
