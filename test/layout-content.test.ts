// lintLayout's content checks (`deep`, src/layout/image-content.ts) and the file-system store's
// refusal of symbolic links that leave the layout (src/cli/layout/file-system-store.ts): on layouts
// the builders make, on images umoci, skopeo and buildah write (each skipped with a printed reason
// when the tool is absent), and on tampered copies of them.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  buildDescriptor,
  buildImageIndex,
  buildImageLayout,
  buildImageManifest,
  canonicalJson,
} from "../src/builders/index.js";
import { fileSystemLayoutStore } from "../src/cli/layout/file-system-store.js";
import { layoutIssueCodes } from "../src/layout/layout-issue-codes.js";
import { type LayoutFile, lintLayout } from "../src/layout/lint-layout.js";
import { memoryLayoutStore } from "../src/layout/memory-store.js";
import { runCli } from "./helpers/cli.js";
import { findExecutable } from "./helpers/executable.js";
import { tarGzOneFile } from "./helpers/test-image.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
const codes = (files: LayoutFile[]) =>
  files.flatMap((f) => f.issues.map((i) => `${f.kind} ${i.path} ${i.code}`));
/** The layout and content findings only: what the real tools write also draws validator warnings (a missing mediaType). */
const layoutCodes = new Set(layoutIssueCodes.map((entry) => entry.code));
const contentCodes = (files: LayoutFile[]) =>
  files.flatMap((f) =>
    f.issues.filter((i) => layoutCodes.has(i.code)).map((i) => `${f.kind} ${i.path} ${i.code}`),
  );

interface ImageParts {
  layers: { bytes: Uint8Array; mediaType: string; diffId: string }[];
  diffIds?: string[];
  platform?: { os: string; architecture: string; variant?: string };
  configPlatform?: { os: string; architecture: string; variant?: string };
}

/** A layout holding one image (behind an index entry with a platform when asked), as files in memory. */
function layout(parts: ImageParts): Map<string, Uint8Array> {
  const configPlatform = parts.configPlatform ?? { os: "linux", architecture: "amd64" };
  const config = buildDescriptor(
    canonicalJson({
      ...configPlatform,
      rootfs: { type: "layers", diff_ids: parts.diffIds ?? parts.layers.map((l) => l.diffId) },
    }),
    "application/vnd.oci.image.config.v1+json",
  );
  const layers = parts.layers.map((l) => buildDescriptor(l.bytes, l.mediaType));
  const manifest = buildImageManifest({ config, layers });
  const blobs = [{ bytes: config.bytes }, ...layers.map((l) => ({ bytes: l.bytes }))];
  let top = { bytes: manifest.bytes, descriptor: manifest.descriptor };
  if (parts.platform !== undefined) {
    const index = buildImageIndex({ manifests: [{ ...manifest.descriptor, platform: parts.platform }] });
    blobs.push({ bytes: manifest.bytes });
    top = { bytes: index.bytes, descriptor: index.descriptor };
  }
  const { files } = buildImageLayout({ manifests: [{ ...top, refName: "v1" }], blobs });
  return new Map(files.map((f) => [f.path, f.bytes]));
}

const hello = tarGzOneFile("hello.txt", utf8("hello\n"));
const world = tarGzOneFile("world.txt", utf8("world\n"));
const GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
const TAR = "application/vnd.oci.image.layer.v1.tar";
const gzLayer = { bytes: hello.gz, mediaType: GZIP, diffId: sha256(hello.tar) };
const tarLayer = { bytes: world.tar, mediaType: TAR, diffId: sha256(world.tar) };

async function deep(files: Map<string, Uint8Array>) {
  return lintLayout(memoryLayoutStore(files), { deep: true });
}

describe("lintLayout deep: diff_ids against the layers", () => {
  it("passes an image whose diff_ids are its layers' uncompressed digests (gzip and plain tar)", async () => {
    const result = await deep(layout({ layers: [gzLayer, tarLayer] }));
    expect(codes(result.files)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("catches a diff_id that is not its layer's, naming the position", async () => {
    const result = await deep(
      layout({ layers: [gzLayer, tarLayer], diffIds: [gzLayer.diffId, sha256(hello.tar)] }),
    );
    expect(codes(result.files)).toEqual(["image-config /rootfs/diff_ids/1 image-diff-id-mismatch"]);
    expect(result.valid).toBe(false);
    // without deep, nothing reads the layers' content
    expect(
      codes(
        (await lintLayout(memoryLayoutStore(layout({ layers: [gzLayer], diffIds: [sha256(world.tar)] }))))
          .files,
      ),
    ).toEqual([]);
  });

  it("catches layers in the wrong order and a count that differs", async () => {
    const swapped = await deep(
      layout({ layers: [gzLayer, tarLayer], diffIds: [tarLayer.diffId, gzLayer.diffId] }),
    );
    expect(codes(swapped.files)).toEqual([
      "image-config /rootfs/diff_ids/0 image-diff-id-mismatch",
      "image-config /rootfs/diff_ids/1 image-diff-id-mismatch",
    ]);
    const short = await deep(layout({ layers: [gzLayer, tarLayer], diffIds: [gzLayer.diffId] }));
    expect(codes(short.files)).toEqual(["image-config /rootfs/diff_ids image-diff-ids-count"]);
  });

  it("says a zstd layer is not checkable here, and a broken gzip stream is unreadable", async () => {
    const zstd = await deep(
      layout({
        layers: [{ bytes: utf8("zstd bytes"), mediaType: `${TAR}+zstd`, diffId: sha256(utf8("x")) }],
      }),
    );
    expect(codes(zstd.files)).toEqual(["image-config /rootfs/diff_ids/0 image-layer-unverified"]);
    expect(zstd.files.flatMap((f) => f.issues)[0]?.message).toMatch(/no zstd decoder/);
    expect(zstd.valid).toBe(true);
    const broken = await deep(
      layout({ layers: [{ ...gzLayer, bytes: hello.gz.subarray(0, hello.gz.length - 9) }] }),
    );
    expect(codes(broken.files)).toEqual(["image-config /rootfs/diff_ids/0 image-layer-unreadable"]);
  });

  it("compares an index entry's platform with the config", async () => {
    const same = await deep(layout({ layers: [gzLayer], platform: { os: "linux", architecture: "amd64" } }));
    expect(codes(same.files)).toEqual([]);
    const other = await deep(layout({ layers: [gzLayer], platform: { os: "linux", architecture: "arm64" } }));
    expect(codes(other.files)).toEqual(["image-index /manifests/0/platform image-platform-mismatch"]);
    expect(other.files.flatMap((f) => f.issues)[0]?.message).toContain(
      'architecture "arm64" (config: "amd64")',
    );
  });
});

const scratch = mkdtempSync(join(tmpdir(), "ocispec-layout-content-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeLayout(dir: string, files: Map<string, Uint8Array>): void {
  for (const [path, bytes] of files) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
}

describe("the file-system store", () => {
  it("refuses a blob that is a symbolic link out of the layout, without opening it", async () => {
    const dir = join(scratch, "escape");
    const files = layout({ layers: [gzLayer] });
    writeLayout(dir, files);
    const layerPath = `blobs/sha256/${sha256(hello.gz).slice(7)}`;
    const outside = join(scratch, "outside-secret");
    writeFileSync(outside, hello.gz); // same bytes: only the link's destination is wrong
    rmSync(join(dir, layerPath));
    symlinkSync(outside, join(dir, layerPath));
    const store = fileSystemLayoutStore(dir);
    expect(await store.stat(layerPath)).toEqual({ refused: expect.stringContaining("outside the layout") });
    expect(await store.read(layerPath)).toBeUndefined();
    expect(await store.stream(layerPath)).toBeUndefined();
    const result = await lintLayout(store, { deep: true });
    expect(codes(result.files)).toEqual(["image-manifest /layers/0/digest blob-outside-layout"]);
    // a stray link to /etc/passwd is refused too, and its size is never read
    symlinkSync("/etc/passwd", join(dir, "blobs/sha256/stray"));
    const stray = (await lintLayout(store)).files.find((f) => f.path === "blobs/sha256/stray");
    expect(stray?.issues.map((i) => i.code)).toEqual(["blob-outside-layout"]);
  });

  it("follows a symbolic link that stays inside the layout", async () => {
    const dir = join(scratch, "inside");
    writeLayout(dir, layout({ layers: [gzLayer] }));
    const layerPath = `blobs/sha256/${sha256(hello.gz).slice(7)}`;
    writeFileSync(join(dir, "real-layer"), readFileSync(join(dir, layerPath)));
    rmSync(join(dir, layerPath));
    symlinkSync("../../real-layer", join(dir, layerPath));
    expect(codes((await lintLayout(fileSystemLayoutStore(dir), { deep: true })).files)).toEqual([]);
  });
});

// Real tools: images as umoci, skopeo and buildah write them, then tampered copies.
const umoci = findExecutable("umoci");
const skopeo = findExecutable("skopeo");
const buildah = findExecutable("buildah");
const isRoot = process.getuid?.() === 0;
if (umoci === undefined)
  console.warn("layout-content: skipping the umoci images: umoci is not on PATH (apt-get install umoci)");
if (skopeo === undefined) console.warn("layout-content: skipping the skopeo copies: skopeo is not on PATH");
if (buildah === undefined || !isRoot) {
  console.warn(
    `layout-content: skipping buildah: ${buildah === undefined ? "buildah is not on PATH" : "buildah needs root here"}`,
  );
}
const run = (file: string, args: string[], cwd = scratch) =>
  execFileSync(file, args, { cwd, stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 }).toString();

/** An image umoci writes: two gzip layers inserted into a new image, garbage collected. */
function umociImage(name: string): string {
  const dir = join(scratch, name);
  run(umoci as string, ["init", "--layout", dir]);
  run(umoci as string, ["new", "--image", `${dir}:v1`]);
  writeFileSync(join(scratch, "a.txt"), "first layer\n");
  writeFileSync(join(scratch, "b.txt"), "second layer\n");
  run(umoci as string, ["insert", "--rootless", "--image", `${dir}:v1`, join(scratch, "a.txt"), "/a.txt"]);
  run(umoci as string, ["insert", "--rootless", "--image", `${dir}:v1`, join(scratch, "b.txt"), "/b.txt"]);
  run(umoci as string, ["gc", "--layout", dir]); // each insert leaves the previous manifest and config behind
  return dir;
}

/** Rewrites a blob of a layout and every descriptor up to index.json, so only the change itself is wrong. */
function replaceBlob(dir: string, oldDigest: string, bytes: Uint8Array): void {
  const newDigest = sha256(bytes);
  writeFileSync(join(dir, "blobs/sha256", newDigest.slice(7)), bytes);
  rmSync(join(dir, "blobs/sha256", oldDigest.slice(7)));
  const retarget = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.map(retarget).some(Boolean);
    if (typeof value !== "object" || value === null) return false;
    const object = value as Record<string, unknown>;
    let changed = false;
    if (object.digest === oldDigest) {
      object.digest = newDigest;
      object.size = bytes.length;
      changed = true;
    }
    return Object.values(object).map(retarget).some(Boolean) || changed;
  };
  for (const name of [
    "index.json",
    ...readdirSync(join(dir, "blobs/sha256")).map((n) => `blobs/sha256/${n}`),
  ]) {
    let document: unknown;
    try {
      document = JSON.parse(readFileSync(join(dir, name), "utf8"));
    } catch {
      continue; // a layer
    }
    if (!retarget(document)) continue;
    const rewritten = utf8(JSON.stringify(document));
    if (name === "index.json") writeFileSync(join(dir, name), rewritten);
    else replaceBlob(dir, `sha256:${name.slice("blobs/sha256/".length)}`, rewritten);
  }
}

/** The config blob of the one image of a layout. */
function configOf(dir: string): { digest: string; config: { rootfs: { diff_ids: string[] } } } {
  const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8"));
  const manifest = JSON.parse(
    readFileSync(join(dir, "blobs/sha256", index.manifests[0].digest.slice(7)), "utf8"),
  );
  const digest = manifest.config.digest as string;
  return { digest, config: JSON.parse(readFileSync(join(dir, "blobs/sha256", digest.slice(7)), "utf8")) };
}

describe.skipIf(umoci === undefined)("images umoci writes", () => {
  it("pass the deep check, and a changed diff_id is caught (library and CLI)", async () => {
    const dir = umociImage("umoci");
    const clean = await lintLayout(fileSystemLayoutStore(dir), { deep: true });
    expect(contentCodes(clean.files)).toEqual([]);
    expect(clean.valid).toBe(true);

    const tampered = join(scratch, "umoci-tampered");
    run("cp", ["-r", dir, tampered]);
    const { digest, config } = configOf(tampered);
    const diffId = config.rootfs.diff_ids[1] as string;
    config.rootfs.diff_ids[1] = `${diffId.slice(0, -1)}${diffId.endsWith("0") ? "1" : "0"}`;
    replaceBlob(tampered, digest, utf8(JSON.stringify(config)));
    const caught = await lintLayout(fileSystemLayoutStore(tampered), { deep: true });
    expect(contentCodes(caught.files)).toEqual(["image-config /rootfs/diff_ids/1 image-diff-id-mismatch"]);
    // without --deep the layout is consistent: only the content check sees it
    const shallow = await lintLayout(fileSystemLayoutStore(tampered));
    expect(shallow.valid).toBe(true);

    const cli = runCli(["lint", "--deep", "--format", "json", tampered]);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain("image-diff-id-mismatch");
    expect(runCli(["lint", tampered]).status).toBe(0);
  });

  it.skipIf(skopeo === undefined)("copied by skopeo (gzip, and zstd reported as not checkable)", async () => {
    const source = umociImage("umoci-for-skopeo");
    const copy = join(scratch, "skopeo-copy");
    run(skopeo as string, ["copy", "--quiet", `oci:${source}:v1`, `oci:${copy}:v1`]);
    const copied = await lintLayout(fileSystemLayoutStore(copy), { deep: true });
    expect(contentCodes(copied.files)).toEqual([]);
    expect(copied.valid).toBe(true);
    const zstd = join(scratch, "skopeo-zstd");
    run(skopeo as string, [
      "copy",
      "--quiet",
      "--dest-compress",
      "--dest-compress-format",
      "zstd",
      `oci:${source}:v1`,
      `oci:${zstd}:v1`,
    ]);
    const result = await lintLayout(fileSystemLayoutStore(zstd), { deep: true });
    expect(result.valid).toBe(true);
    expect(contentCodes(result.files)).toEqual([
      "image-config /rootfs/diff_ids/0 image-layer-unverified",
      "image-config /rootfs/diff_ids/1 image-layer-unverified",
    ]);
  });
});

describe.skipIf(buildah === undefined || !isRoot)("images buildah writes", () => {
  it("pass the deep check", async () => {
    const storage = [
      "--storage-driver",
      "vfs",
      "--root",
      join(scratch, "buildah-root"),
      "--runroot",
      join(scratch, "buildah-run"),
    ];
    const container = run(buildah as string, [...storage, "from", "scratch"]).trim();
    writeFileSync(join(scratch, "c.txt"), "buildah layer\n");
    run(buildah as string, [...storage, "copy", container, join(scratch, "c.txt"), "/c.txt"]);
    run(buildah as string, [...storage, "config", "--os", "linux", "--arch", "amd64", container]);
    const dir = join(scratch, "buildah-image");
    run(buildah as string, [...storage, "commit", "--quiet", container, `oci:${dir}:v1`]);
    run(buildah as string, [...storage, "rm", container]);
    const result = await lintLayout(fileSystemLayoutStore(dir), { deep: true });
    expect(contentCodes(result.files)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.files.some((f) => f.kind === "image-config")).toBe(true);
  });
});
