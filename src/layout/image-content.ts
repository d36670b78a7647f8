// The content checks of `lintLayout(store, { deep: true })` — what go-containerregistry's
// validate.Image checks and no JS tool did: each layer, decompressed as a stream, hashed against the
// config's rootfs.diff_ids (in order and count), and each index entry's platform against its config.
import { DOCKER_IMAGE_CONFIG, layerCompression, OCI_IMAGE_CONFIG } from "../media-types/index.js";
import type { Issue } from "../vocabulary/issue.js";
import type { LayoutFile } from "./lint-layout.js";
import type { LayoutStore } from "./store.js";
import { digestStream, pureHash, type StreamDigestAlgorithm } from "./stream-digest.js";

/** An index entry's `platform`, to be compared with the config of the manifest it points at. */
export interface PlatformClaim {
  /** The manifest the entry points at (`blobs/<alg>/<hex>`). */
  manifestPath: string;
  platform: Record<string, unknown>;
  /** The index holding the entry, its text and the pointer of the `platform` member. */
  owner: LayoutFile;
  text: string;
  pointer: string;
}

/** What the walk knows that the content checks need. */
export interface ContentContext {
  store: LayoutStore;
  /** The parsed document (and its text) of a blob the walk validated. */
  document(path: string): { document: unknown; text: string } | undefined;
  /** The entry of a blob the walk visited. */
  entry(path: string): LayoutFile | undefined;
  /** Whether a blob was found, opened and hashed to its descriptor's digest. */
  intact(path: string): boolean;
  report(owner: LayoutFile, text: string, found: Issue): void;
  issue(code: string, path: string, message: string): Issue;
}

const IMAGE_CONFIG_TYPES: readonly string[] = [OCI_IMAGE_CONFIG, DOCKER_IMAGE_CONFIG];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `blobs/<alg>/<encoded>` of a descriptor's digest, or `undefined` for a malformed one. */
function blobPath(descriptor: unknown): string | undefined {
  if (!isObject(descriptor) || typeof descriptor.digest !== "string") return undefined;
  const colon = descriptor.digest.indexOf(":");
  return colon <= 0
    ? undefined
    : `blobs/${descriptor.digest.slice(0, colon)}/${descriptor.digest.slice(colon + 1)}`;
}

/** An image's config, when the manifest's config is an image config the walk parsed. */
function imageConfig(context: ContentContext, manifest: Record<string, unknown>) {
  const config = manifest.config;
  const path = blobPath(config);
  if (path === undefined || !isObject(config) || !IMAGE_CONFIG_TYPES.includes(String(config.mediaType)))
    return undefined;
  const read = context.document(path);
  const entry = context.entry(path);
  if (read === undefined || entry === undefined || !isObject(read.document)) return undefined;
  return { path, document: read.document, text: read.text, entry };
}

/**
 * The uncompressed digest of a layer, streamed (a layer of any size costs a chunk of memory), or why
 * there is none. gzip goes through the web-standard DecompressionStream, in browsers and Node alike.
 */
async function uncompressedDigest(
  store: LayoutStore,
  path: string,
  mediaType: string,
  algorithm: StreamDigestAlgorithm,
): Promise<{ digest: string } | { unverified: string } | { unreadable: string }> {
  if (mediaType.endsWith("+encrypted"))
    return { unverified: "the layer is encrypted (ocicrypt); its content cannot be read without the key" };
  const compression = layerCompression(mediaType);
  if (compression === undefined)
    return { unverified: `the media type ${mediaType} does not say how the layer is compressed` };
  if (compression === "zstd") {
    return {
      unverified:
        "the layer is zstd-compressed and this runtime has no zstd decoder (DecompressionStream knows gzip and deflate only)",
    };
  }
  const stream = await store.stream(path);
  if (stream === undefined) return { unreadable: `${path} could not be opened` };
  const content =
    compression === "gzip"
      ? stream.pipeThrough(
          new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
        )
      : stream;
  const hashed = await digestStream(content, store.createHash?.(algorithm) ?? pureHash(algorithm), algorithm);
  if ("error" in hashed)
    return { unreadable: `${path} does not decompress as ${compression}: ${hashed.error}` };
  return { digest: hashed.digest };
}

/** Runs the content checks on every image the walk found (each layer decompressed once). */
export async function checkImageContent(
  manifestPaths: readonly string[],
  platforms: readonly PlatformClaim[],
  context: ContentContext,
): Promise<void> {
  const layerDigests = new Map<string, Awaited<ReturnType<typeof uncompressedDigest>>>();
  for (const manifestPath of new Set(manifestPaths)) {
    const manifest = context.document(manifestPath)?.document;
    if (!isObject(manifest) || !Array.isArray(manifest.layers)) continue;
    const config = imageConfig(context, manifest);
    if (config === undefined) continue;
    const rootfs = config.document.rootfs;
    if (!isObject(rootfs) || !Array.isArray(rootfs.diff_ids)) continue; // the config's validation says why
    const diffIds = rootfs.diff_ids;
    const layers = manifest.layers;
    if (diffIds.length !== layers.length) {
      context.report(
        config.entry,
        config.text,
        context.issue(
          "image-diff-ids-count",
          "/rootfs/diff_ids",
          `rootfs.diff_ids has ${diffIds.length} entries but the manifest ${manifestPath} has ${layers.length} layers`,
        ),
      );
    }
    for (let i = 0; i < Math.min(diffIds.length, layers.length); i++) {
      const layer = layers[i];
      const diffId = diffIds[i];
      const path = blobPath(layer);
      if (path === undefined || !isObject(layer) || typeof diffId !== "string" || !context.intact(path))
        continue;
      const algorithm = diffId.startsWith("sha512:")
        ? "sha512"
        : diffId.startsWith("sha256:")
          ? "sha256"
          : undefined;
      if (algorithm === undefined) continue; // a diff_id of another algorithm is the config validator's finding
      const key = `${path}\u0000${algorithm}`;
      let found = layerDigests.get(key);
      if (found === undefined) {
        found = await uncompressedDigest(context.store, path, String(layer.mediaType), algorithm);
        layerDigests.set(key, found);
      }
      const pointer = `/rootfs/diff_ids/${i}`;
      if ("unverified" in found) {
        context.report(
          config.entry,
          config.text,
          context.issue(
            "image-layer-unverified",
            pointer,
            `diff_id of layer ${i} (${path}) not checked: ${found.unverified}`,
          ),
        );
      } else if ("unreadable" in found) {
        context.report(
          config.entry,
          config.text,
          context.issue("image-layer-unreadable", pointer, `layer ${i}: ${found.unreadable}`),
        );
      } else if (found.digest !== diffId) {
        context.report(
          config.entry,
          config.text,
          context.issue(
            "image-diff-id-mismatch",
            pointer,
            `layer ${i} (${path}) uncompressed hashes to ${found.digest}, not to the diff_id ${diffId} the config lists`,
          ),
        );
      }
    }
  }
  for (const claim of platforms) {
    const manifest = context.document(claim.manifestPath)?.document;
    if (!isObject(manifest)) continue;
    const config = imageConfig(context, manifest);
    if (config === undefined) continue;
    const differences: string[] = [];
    // os and architecture are required on both sides; variant and os.version are compared where both say.
    for (const [member, required] of [
      ["os", true],
      ["architecture", true],
      ["variant", false],
      ["os.version", false],
    ] as const) {
      const claimed = claim.platform[member];
      const actual = config.document[member];
      if (!required && (claimed === undefined || actual === undefined)) continue;
      if (claimed !== actual)
        differences.push(`${member} ${JSON.stringify(claimed)} (config: ${JSON.stringify(actual)})`);
    }
    if (differences.length > 0) {
      context.report(
        claim.owner,
        claim.text,
        context.issue(
          "image-platform-mismatch",
          claim.pointer,
          `the platform says ${differences.join(", ")}: the index entry does not describe the image ${claim.manifestPath}`,
        ),
      );
    }
  }
}
