import { computeDigest, verifyDigest } from "../digest/index.js";
import { readJson } from "../json/index.js";
import { decodeCanonicalBase64 } from "./base64.js";
import { BuildError } from "./build-error.js";
import { canonicalJson } from "./canonical-json.js";
import { checkDescriptor, type DescriptorInput } from "./descriptor-field.js";
import type { BuiltDescriptor, BuiltPlatform } from "./document-types.js";
import { buildImageIndex } from "./image-index.js";
import { describe, MANIFEST_MEDIA_TYPES } from "./media-type-field.js";

/**
 * The annotation image-layout.md uses to name (tag) a manifest in `index.json`.
 *
 * @example
 * const layout = buildImageLayout({ manifests: [{ ...manifest, refName: "v1" }], blobs });
 * // index.json: {"manifests":[{…,"annotations":{"org.opencontainers.image.ref.name":"v1"}}],…}
 * JSON.parse(new TextDecoder().decode(layout.files[1].bytes)).manifests[0].annotations[REF_NAME_ANNOTATION]; // "v1"
 */
export const REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";

/**
 * annotations.md, `org.opencontainers.image.ref.name`: `ref ::= component ("/" component)*`,
 * `component ::= alphanum (separator alphanum)*`, `alphanum ::= [A-Za-z0-9]+`,
 * `separator ::= [-._:@+] | "--"`.
 */
const REF_NAME =
  /^[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*(?:\/[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*)*$/;

/**
 * A manifest or index listed in the layout's `index.json`.
 *
 * @example
 * const entry: ImageLayoutEntry = { ...buildImageManifest({ config, layers: [layer] }), refName: "1.0" };
 * // `skopeo copy oci:<dir>:1.0 …` finds it by refName
 */
export interface ImageLayoutEntry {
  /** The manifest's exact bytes. */
  bytes: Uint8Array;
  /** Its descriptor (what the builders return). */
  descriptor: DescriptorInput;
  /** The name to find it by — `tag` in `skopeo copy oci:<dir>:<tag>`. */
  refName?: string | undefined;
  /** The platform it runs on, recorded on its `index.json` entry. */
  platform?: BuiltPlatform | undefined;
}

/**
 * A blob stored in the layout: a config, a layer, or a manifest referenced from an index.
 *
 * @example
 * const blobs: ImageLayoutBlob[] = [{ bytes: emptyBlob }, layer]; // a builder result carries bytes and descriptor
 */
export interface ImageLayoutBlob {
  /** The exact content. */
  bytes: Uint8Array;
  /** Its descriptor; when given, its digest must match the bytes. Without one the digest is sha256. */
  descriptor?:
    | {
        /** The digest the blob is stored under; checked against the bytes. */
        readonly digest: string;
      }
    | undefined;
}

/**
 * Input of {@link buildImageLayout}.
 *
 * @example
 * const input: ImageLayoutInput = {
 *   manifests: [{ ...manifest, refName: "v1" }],
 *   blobs: [{ bytes: emptyBlob }, layer],
 * };
 * buildImageLayout(input).files.map((file) => file.path);
 * // ["oci-layout", "index.json", "blobs/sha256/…", …]
 */
export interface ImageLayoutInput {
  /** The entries of `index.json`, in order. */
  manifests: readonly ImageLayoutEntry[];
  /** Every blob the entries reference, directly or through nested indexes. */
  blobs?: readonly ImageLayoutBlob[] | undefined;
  /** Annotations of `index.json` itself. */
  annotations?: Readonly<Record<string, string>> | undefined;
}

/**
 * One file of an OCI image layout, its path relative to the layout's root.
 *
 * @example
 * import { mkdirSync, writeFileSync } from "node:fs";
 * import { dirname, join } from "node:path";
 * for (const file of buildImageLayout(input).files) {
 *   mkdirSync(dirname(join("out", file.path)), { recursive: true });
 *   writeFileSync(join("out", file.path), file.bytes);
 * }
 */
export interface ImageLayoutFile {
  /** Path relative to the layout's root, with `/` separators: `oci-layout`, `index.json`, `blobs/sha256/…`. */
  path: string;
  /** The file's exact content. */
  bytes: Uint8Array;
}

/**
 * The files of an OCI image layout directory: `oci-layout`, `index.json`, then `blobs/…` sorted by path.
 *
 * @example
 * const { files }: ImageLayout = buildImageLayout({ manifests: [{ ...manifest, refName: "v1" }], blobs });
 * files[0]?.path; // "oci-layout"
 * files[1]?.path; // "index.json"
 */
export interface ImageLayout {
  /** Every file of the layout, in a deterministic order. */
  files: ImageLayoutFile[];
}

/**
 * Lays out manifests and blobs as an OCI image layout (image-spec image-layout.md) — as data: the
 * caller writes `files` under a directory (the CLI and tests do; the core does no I/O). `skopeo copy
 * oci:<dir>:<refName>` and umoci read the result.
 *
 * - `oci-layout` is `{"imageLayoutVersion":"1.0.0"}`; `index.json` an image index listing `manifests`,
 *   each with its `refName` in the `org.opencontainers.image.ref.name` annotation;
 * - every blob is stored once at `blobs/<algorithm>/<encoded>`;
 * - the layout is complete: image-layout.md says "The blobs directory MAY be missing referenced blobs",
 *   but a layout meant for copying must not be, so every config, layer and child manifest reachable
 *   from `index.json` must be among `blobs` — except those carried inline as `data` (like
 *   {@link emptyDescriptor}), which are written from the descriptor, and those with `urls`.
 *
 * Deterministic: the same input gives the same files in the same order.
 *
 * @throws {BuildError} on a blob whose bytes do not match its digest, a missing blob, a bad or
 *   duplicate `refName`.
 * @example
 * const image = buildImageManifest({ config, layers: [layer] });
 * const { files } = buildImageLayout({
 *   manifests: [{ ...image, refName: "v1" }],
 *   blobs: [config, layer],
 * });
 * // files[0].path === "oci-layout", files[1].path === "index.json", then "blobs/sha256/…"
 */
export function buildImageLayout(input: ImageLayoutInput): ImageLayout {
  if (typeof input !== "object" || input === null || !Array.isArray(input.manifests)) {
    throw new BuildError(
      "manifests",
      "buildImageLayout takes { manifests: [{ bytes, descriptor, refName? }], blobs? }",
    );
  }
  const store = new Map<string, Uint8Array>();
  const addBlob = (bytes: unknown, digest: unknown, field: string) => {
    if (!(bytes instanceof Uint8Array))
      throw new BuildError(`${field}.bytes`, `must be a Uint8Array, got ${describe(bytes)}`);
    const expected = digest === undefined ? computeDigest(bytes) : digest;
    if (typeof expected !== "string" || !verifyDigest(bytes, expected)) {
      throw new BuildError(
        `${field}.descriptor.digest`,
        `${describe(expected)} is not the digest of these bytes (${computeDigest(bytes)})`,
      );
    }
    store.set(expected, bytes);
  };
  (input.blobs ?? []).forEach((blob, i) => {
    addBlob(blob?.bytes, blob?.descriptor?.digest, `blobs[${i}]`);
  });

  const refNames = new Set<string>();
  const entries = input.manifests.map((entry, i) => {
    const field = `manifests[${i}]`;
    const descriptor = checkDescriptor(entry?.descriptor, `${field}.descriptor`);
    addBlob(entry.bytes, descriptor.digest, field);
    const annotations = { ...descriptor.annotations };
    if (entry.refName !== undefined) {
      if (typeof entry.refName !== "string" || !REF_NAME.test(entry.refName)) {
        throw new BuildError(
          `${field}.refName`,
          `${describe(entry.refName)} is not a reference name: use letters and digits, separated by one of - . _ : @ + (or --), and / between components, e.g. "v1.0" or "stable"`,
        );
      }
      if (refNames.has(entry.refName)) {
        throw new BuildError(
          `${field}.refName`,
          `${JSON.stringify(entry.refName)} names two manifests; give each a different name`,
        );
      }
      refNames.add(entry.refName);
      annotations[REF_NAME_ANNOTATION] = entry.refName;
    }
    return { ...descriptor, annotations, platform: entry.platform ?? descriptor.platform };
  });
  const index = buildImageIndex({ manifests: entries, annotations: input.annotations });
  for (const [i, entry] of index.document.manifests.entries()) addReachable(entry, store, `manifests[${i}]`);

  const blobs = [...store.entries()].map(([digest, bytes]) => ({ path: blobPath(digest), bytes }));
  blobs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    files: [
      { path: "oci-layout", bytes: canonicalJson({ imageLayoutVersion: "1.0.0" }) },
      { path: "index.json", bytes: index.bytes },
      ...blobs,
    ],
  };
}

/** `blobs/<alg>/<encoded>` (image-layout.md#blobs). */
function blobPath(digest: string): string {
  const colon = digest.indexOf(":");
  return `blobs/${digest.slice(0, colon)}/${digest.slice(colon + 1)}`;
}

/** Checks that the content behind `descriptor` and everything it references is in the store. */
function addReachable(descriptor: BuiltDescriptor, store: Map<string, Uint8Array>, path: string): void {
  let bytes = store.get(descriptor.digest);
  if (bytes === undefined && descriptor.data !== undefined) {
    bytes = decodeCanonicalBase64(descriptor.data);
    if (bytes !== undefined) store.set(descriptor.digest, bytes);
  }
  if (bytes === undefined) {
    if (descriptor.urls !== undefined) return;
    throw new BuildError(
      "blobs",
      `${descriptor.mediaType} ${descriptor.digest}, referenced at ${path}, is missing; add { bytes } of that content to blobs`,
    );
  }
  if (!MANIFEST_MEDIA_TYPES.has(descriptor.mediaType)) return;
  const read = readJson(bytes);
  if (
    read.issues.some((issue) => issue.severity === "error") ||
    typeof read.value !== "object" ||
    read.value === null
  ) {
    throw new BuildError(
      "blobs",
      `${descriptor.digest} at ${path} is a ${descriptor.mediaType} but not a strict JSON object`,
    );
  }
  const document = read.value as { config?: unknown; layers?: unknown; manifests?: unknown };
  const children = [
    ...(document.config === undefined ? [] : [["config", document.config] as const]),
    ...(Array.isArray(document.layers) ? document.layers.map((d, i) => [`layers[${i}]`, d] as const) : []),
    ...(Array.isArray(document.manifests)
      ? document.manifests.map((d, i) => [`manifests[${i}]`, d] as const)
      : []),
  ];
  for (const [name, child] of children) {
    const childPath = `${path} → ${name}`;
    addReachable(checkDescriptor(child, childPath), store, childPath);
  }
}
