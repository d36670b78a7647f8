/**
 * Documents written at test time by the tools people push with: umoci (an OCI layout), skopeo (the
 * same image converted to Docker schema 2) and buildah (images committed in both formats; buildah
 * needs root and `--storage-driver vfs`). Every manifest, index and config they write joins the
 * corpus with the Content-Type its descriptor names.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { findExecutable } from "../helpers/executable.js";
import type { CorpusDocument } from "./corpus.js";

const run = promisify(execFile);
const TIMEOUT = 120_000;

/** Why no tool-written documents can be made here, or `undefined`. */
export function toolsUnavailableReason(): string | undefined {
  const missing = ["umoci", "skopeo"].filter((tool) => findExecutable(tool) === undefined);
  return missing.length === 0
    ? undefined
    : `${missing.join(" and ")} not on PATH (apt-get install ${missing.join(" ")})`;
}

/** Every JSON blob of an OCI layout that a descriptor types, from index.json down. */
function layoutDocuments(directory: string, origin: string): CorpusDocument[] {
  const documents: CorpusDocument[] = [];
  const queue: Array<{ mediaType: string; digest: string }> = [];
  const index = readFileSync(join(directory, "index.json"));
  documents.push({
    id: `tool:${origin}/index.json`,
    origin: "tool",
    contentType: "application/vnd.oci.image.index.v1+json",
    bytes: new Uint8Array(index),
  });
  const enqueue = (document: Record<string, unknown>) => {
    for (const member of ["manifests", "layers"]) {
      const list = document[member];
      if (Array.isArray(list)) queue.push(...(list as Array<{ mediaType: string; digest: string }>));
    }
    if (document.config) queue.push(document.config as { mediaType: string; digest: string });
  };
  enqueue(JSON.parse(index.toString("utf8")));
  const seen = new Set<string>();
  while (queue.length > 0) {
    const descriptor = queue.shift() as { mediaType: string; digest: string };
    if (seen.has(descriptor.digest) || !descriptor.mediaType?.endsWith("json")) continue;
    seen.add(descriptor.digest);
    const [algorithm, encoded] = descriptor.digest.split(":");
    const file = join(directory, "blobs", algorithm as string, encoded as string);
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    documents.push({
      id: `tool:${origin}/${encoded?.slice(0, 12)}`,
      origin: "tool",
      contentType: descriptor.mediaType,
      bytes: new Uint8Array(bytes),
    });
    enqueue(JSON.parse(bytes.toString("utf8")));
  }
  return documents;
}

/** A `dir:` transport directory: its manifest, typed by its own mediaType, and the config it names. */
function dirDocuments(directory: string, origin: string): CorpusDocument[] {
  const manifest = readFileSync(join(directory, "manifest.json"));
  const document = JSON.parse(manifest.toString("utf8")) as {
    mediaType?: string;
    config?: { mediaType: string; digest: string };
  };
  const documents: CorpusDocument[] = [
    {
      id: `tool:${origin}/manifest.json`,
      origin: "tool",
      contentType: document.mediaType ?? "",
      bytes: new Uint8Array(manifest),
    },
  ];
  const config = document.config;
  if (config) {
    const file = join(directory, config.digest.split(":")[1] as string);
    if (existsSync(file))
      documents.push({
        id: `tool:${origin}/config`,
        origin: "tool",
        contentType: config.mediaType,
        bytes: new Uint8Array(readFileSync(file)),
      });
  }
  return documents;
}

/**
 * umoci writes an image (one layer holding a file); skopeo copies it to a `dir:` as OCI and as Docker
 * schema 2; buildah (when present and root) commits a scratch image holding the same file in both
 * formats. Tools that fail are reported and left out, never guessed at.
 */
export async function toolDocuments(): Promise<CorpusDocument[]> {
  const work = mkdtempSync(join(tmpdir(), "ocispec-differential-tools-"));
  const documents: CorpusDocument[] = [];
  try {
    const layout = join(work, "layout");
    const bundle = join(work, "bundle");
    try {
      await run("umoci", ["init", "--layout", layout], { timeout: TIMEOUT });
      await run("umoci", ["new", "--image", `${layout}:base`], { timeout: TIMEOUT });
      await run("umoci", ["unpack", "--rootless", "--image", `${layout}:base`, bundle], { timeout: TIMEOUT });
      writeFileSync(join(bundle, "rootfs", "hello.txt"), "hello from the differential suite\n");
      await run("umoci", ["repack", "--image", `${layout}:v1`, bundle], { timeout: TIMEOUT });
      await run(
        "umoci",
        ["config", "--image", `${layout}:v1`, "--config.cmd", "/hello", "--author", "ocispec"],
        { timeout: TIMEOUT },
      );
      documents.push(...layoutDocuments(layout, "umoci"));
      for (const [format, name] of [
        ["oci", "skopeo-oci"],
        ["v2s2", "skopeo-docker"],
      ] as const) {
        const target = join(work, name);
        await run("skopeo", ["copy", "--quiet", "--format", format, `oci:${layout}:v1`, `dir:${target}`], {
          timeout: TIMEOUT,
        });
        documents.push(...dirDocuments(target, name));
      }
    } catch (error) {
      console.warn(`differential corpus without umoci/skopeo documents: ${String(error).split("\n")[0]}`);
    }
    const buildah = findExecutable("buildah");
    if (buildah && process.getuid?.() === 0) {
      const root = join(work, "buildah-root");
      const runroot = join(work, "buildah-run");
      const common = ["--storage-driver", "vfs", "--root", root, "--runroot", runroot];
      try {
        const { stdout } = await run(buildah, [...common, "from", "scratch"], { timeout: TIMEOUT });
        const container = stdout.trim();
        await run(
          buildah,
          [...common, "copy", container, join(bundle, "rootfs", "hello.txt"), "/hello.txt"],
          { timeout: TIMEOUT },
        );
        await run(
          buildah,
          [...common, "config", "--cmd", "/hello", "--label", "org.example=differential", container],
          { timeout: TIMEOUT },
        );
        for (const format of ["oci", "docker"]) {
          const target = join(work, `buildah-${format}`);
          await run(
            buildah,
            [...common, "commit", "--quiet", "--format", format, container, `dir:${target}`],
            { timeout: TIMEOUT },
          );
          documents.push(...dirDocuments(target, `buildah-${format}`));
        }
        await run(buildah, [...common, "rm", container], { timeout: TIMEOUT });
      } catch (error) {
        console.warn(`differential corpus without buildah documents: ${String(error).split("\n")[0]}`);
      }
    } else {
      console.warn("differential corpus without buildah documents: buildah absent or not root");
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return documents;
}
