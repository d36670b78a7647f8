import { describe, expect, it } from "vitest";
import {
  buildDescriptor,
  buildImageIndex,
  buildImageLayout,
  buildImageManifest,
  emptyDescriptor,
} from "../src/builders/index.js";
import { computeDigest } from "../src/digest/index.js";
import { type LayoutFile, type LintLayoutOptions, lintLayout } from "../src/layout/lint-layout.js";
import { memoryLayoutStore } from "../src/layout/memory-store.js";

const digestBytes = (bytes: Uint8Array) => computeDigest(bytes);

const text = (s: string) => new TextEncoder().encode(s);

/** A complete layout from the builders: one image (config + one layer), tagged "v1". */
function imageLayout(): Map<string, Uint8Array> {
  const config = text('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}');
  const layer = text("not really a tarball, but a blob all the same");
  const configDescriptor = buildDescriptor(config, "application/vnd.oci.image.config.v1+json").descriptor;
  const layerDescriptor = buildDescriptor(layer, "application/vnd.oci.image.layer.v1.tar").descriptor;
  const manifest = buildImageManifest({ config: configDescriptor, layers: [layerDescriptor] });
  const { files } = buildImageLayout({
    manifests: [{ bytes: manifest.bytes, descriptor: manifest.descriptor, refName: "v1" }],
    blobs: [{ bytes: config }, { bytes: layer }],
  });
  return new Map(files.map((file) => [file.path, file.bytes]));
}

/** The library's answer, its paths shown under "img/" as the CLI shows them. */
async function lint(files: Map<string, Uint8Array>, options: LintLayoutOptions = {}): Promise<LayoutFile[]> {
  const result = await lintLayout(memoryLayoutStore(files), options);
  expect(result.valid).toBe(!result.files.some((f) => f.issues.some((i) => i.severity === "error")));
  return result.files.map((file) => ({ ...file, path: `img/${file.path}` }));
}

function codes(files: LayoutFile[]): string[] {
  return files.flatMap((file) => file.issues.map((issue) => `${file.path} ${issue.path} ${issue.code}`));
}

/** The path of the blob whose bytes contain `needle`. */
function blobContaining(files: Map<string, Uint8Array>, needle: string): string {
  const found = [...files].find(
    ([path, bytes]) => path.startsWith("blobs/") && new TextDecoder().decode(bytes).includes(needle),
  );
  if (!found) throw new Error(`no blob contains ${needle}`);
  return found[0];
}

describe("lintLayout", () => {
  it("passes a layout the builders made, visiting every file once", async () => {
    const files = imageLayout();
    const result = await lint(files);
    expect(codes(result)).toEqual([]);
    expect(result.map((f) => f.kind)).toEqual([
      "image-layout",
      "image-index",
      "image-manifest",
      "image-config",
      "layer",
    ]);
    expect(result.map((f) => f.path).sort()).toEqual([...files.keys()].map((p) => `img/${p}`).sort());
    const ticks: string[] = [];
    await lintLayout(memoryLayoutStore(files), { onFile: (path) => ticks.push(path) });
    expect(ticks.sort()).toEqual([...files.keys()].sort()); // progress: each file once
  });

  it("finds a corrupted blob (same size, different bytes) and says where it is referenced", async () => {
    const files = imageLayout();
    const layerPath = blobContaining(files, "not really a tarball");
    const corrupted = new Uint8Array(files.get(layerPath) as Uint8Array);
    corrupted[0] = (corrupted[0] as number) ^ 1;
    files.set(layerPath, corrupted);
    const manifestPath = blobContaining(files, '"schemaVersion"');
    const result = await lint(files);
    expect(codes(result)).toEqual([`img/${manifestPath} /layers/0/digest blob-digest-mismatch`]);
    const issue = result.find((f) => f.path === `img/${manifestPath}`)?.issues[0];
    expect(issue?.severity).toBe("error");
    expect(issue?.message).toContain(`${layerPath} is corrupt`);
    // located at the layer descriptor's digest value in the (one-line) manifest
    const manifestText = new TextDecoder().decode(files.get(manifestPath));
    const layerDigest = `sha256:${layerPath.slice("blobs/sha256/".length)}`;
    expect([issue?.line, issue?.column]).toEqual([1, manifestText.lastIndexOf(`"${layerDigest}"`) + 1]);
  });

  it("reports a truncated blob as a size mismatch, a deleted one as missing", async () => {
    const files = imageLayout();
    const configPath = blobContaining(files, '"architecture"');
    files.set(configPath, (files.get(configPath) as Uint8Array).subarray(1));
    expect(codes(await lint(files))).toEqual([expect.stringMatching(/ \/config\/size blob-size-mismatch$/)]);
    files.delete(configPath);
    expect(codes(await lint(files))).toEqual([expect.stringMatching(/ \/config\/digest blob-missing$/)]);
  });

  it("does not require content that names its own urls (non-distributable layers)", async () => {
    const config = text('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}');
    const configDescriptor = buildDescriptor(config, "application/vnd.oci.image.config.v1+json").descriptor;
    const foreign = {
      ...buildDescriptor(text("foreign"), "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip")
        .descriptor,
      urls: ["https://example.com/layer.tar.gz"],
    };
    const manifest = buildImageManifest({ config: configDescriptor, layers: [foreign] });
    const { files } = buildImageLayout({
      manifests: [{ bytes: manifest.bytes, descriptor: manifest.descriptor }],
      blobs: [{ bytes: config }],
    });
    const result = await lint(new Map(files.map((f) => [f.path, f.bytes])));
    expect(codes(result).filter((c) => c.includes("blob-"))).toEqual([]);
  });

  it("warns about blobs nothing references", async () => {
    const files = imageLayout();
    const stray = text("stray");
    files.set(`blobs/sha256/${digestBytes(stray).slice(7)}`, stray);
    const result = await lint(files);
    expect(codes(result)).toEqual([`img/blobs/sha256/${digestBytes(stray).slice(7)}  blob-unreferenced`]);
    expect(result.at(-1)?.issues[0]?.severity).toBe("warning");
  });

  it("reports a layout without index.json", async () => {
    const files = imageLayout();
    files.delete("index.json");
    expect(codes(await lint(files))).toContain("img/index.json  layout-index-missing");
  });

  it("validates nested documents by their media type", async () => {
    const files = imageLayout();
    const configPath = blobContaining(files, '"architecture"');
    // Still the digest the manifest names? No: rewrite the config and its references consistently.
    const badConfig = text(
      '{"architecture":"amd64","os":"linux","rootfs":{"type":"not-layers","diff_ids":[]}}',
    );
    files.delete(configPath);
    const configDescriptor = buildDescriptor(
      badConfig,
      "application/vnd.oci.image.config.v1+json",
    ).descriptor;
    const manifest = buildImageManifest({ config: configDescriptor, layers: [emptyDescriptor] });
    const { files: rebuilt } = buildImageLayout({
      manifests: [{ bytes: manifest.bytes, descriptor: manifest.descriptor }],
      blobs: [{ bytes: badConfig }],
    });
    const result = await lint(new Map(rebuilt.map((f) => [f.path, f.bytes])));
    const config = result.find((f) => f.kind === "image-config");
    expect(config?.issues.length).toBeGreaterThan(0);
    expect(config?.issues.every((i) => i.path.startsWith("/rootfs"))).toBe(true);
  });

  it("follows nested indexes, each once, and stops at the depth bound", async () => {
    const files = imageLayout();
    const index = JSON.parse(new TextDecoder().decode(files.get("index.json")));
    let top = index.manifests[0];
    const blobs: { bytes: Uint8Array }[] = [];
    for (let i = 0; i < 4; i++) {
      // each level lists the level below twice: visited once, checked twice
      const level = buildImageIndex({ manifests: [top, top] });
      blobs.push({ bytes: level.bytes });
      top = level.descriptor;
    }
    const manifestPath = blobContaining(files, '"schemaVersion"');
    const { files: nested } = buildImageLayout({
      manifests: [{ bytes: blobs.at(-1)?.bytes as Uint8Array, descriptor: top }],
      blobs: [
        ...blobs,
        ...[...files].filter(([p]) => p.startsWith("blobs/")).map(([, bytes]) => ({ bytes })),
      ],
    });
    const map = new Map(nested.map((f) => [f.path, f.bytes]));
    const deep = await lint(map);
    expect(codes(deep)).toEqual([]);
    expect(deep.filter((f) => f.path === `img/${manifestPath}`)).toHaveLength(1);
    const shallow = await lint(map, { maxDepth: 3 });
    expect(codes(shallow)).toContainEqual(expect.stringMatching(/ \/manifests\/0 layout-depth-exceeded$/));
    // what is below the bound is then unreferenced, and said so
    expect(codes(shallow)).toContainEqual(`img/${manifestPath}  blob-unreferenced`);
  });
});
