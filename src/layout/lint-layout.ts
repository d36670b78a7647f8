import { parseDigest } from "../digest/index.js";
import { locatePointer } from "../json/index.js";
import {
  isIndexMediaType,
  isManifestMediaType,
  lookupMediaType,
  OCI_IMAGE_INDEX,
  OCI_LAYOUT_HEADER,
} from "../media-types/index.js";
import { validate } from "../registry/validate-with-targets.generated.js";
import type { DocumentKind, Preset, RuleOverrides } from "../validate/types.js";
import type { Issue } from "../vocabulary/issue.js";
import type { IssueCode, TargetName } from "../vocabulary/vocabulary.generated.js";
import { checkImageContent, type PlatformClaim } from "./image-content.js";
import { layoutIssueCodes } from "./layout-issue-codes.js";
import type { LayoutStore } from "./store.js";
import { digestStream, pureHash } from "./stream-digest.js";

/**
 * Options for {@link lintLayout}; every member is optional.
 *
 * @example
 * const options: LintLayoutOptions = { deep: true, preset: "strict", targets: ["gitlab"], onFile: (path) => console.error(path) };
 * await lintLayout(store, options);
 */
export interface LintLayoutOptions {
  /** Rule preset for every document validated. */
  preset?: Preset | undefined;
  /** Per-rule severity overrides for every document validated (checked as `validate` checks them). */
  rules?: RuleOverrides | undefined;
  /** Registry profiles whose known refusals are added as findings. */
  targets?: readonly TargetName[] | undefined;
  /** How many manifest/index levels below `index.json` to follow. Default {@link MAX_LAYOUT_DEPTH}. */
  maxDepth?: number | undefined;
  /** Largest manifest, index or config blob read for validation. Default 4 MiB. */
  maxDocumentBytes?: number | undefined;
  /**
   * The content checks of go-containerregistry's `validate.Image`: each layer decompressed (streamed)
   * and hashed against the config's `rootfs.diff_ids`, in order and count, and each index entry's
   * `platform` against its config. Reads every layer once more. Default `false`.
   */
  deep?: boolean | undefined;
  /** Called once per file of the layout checked, for progress display. */
  onFile?: ((path: string) => void) | undefined;
}

/**
 * The verdict on one file of a layout (a document, or a blob that is not one).
 *
 * @example
 * const file: LayoutFile = { path: "blobs/sha256/4413…", kind: "image-config", mediaType: "application/vnd.oci.image.config.v1+json", issues: [] };
 */
export interface LayoutFile {
  /** The path relative to the layout's root: `oci-layout`, `index.json`, `blobs/<alg>/<encoded>`. */
  path: string;
  /** The document kind, or `config`, `layer`, `blob`… for a blob that is not validated as a document. */
  kind: DocumentKind | "manifest" | "config" | "layer" | "blob";
  /** The media type the referencing descriptor (or validation) gives it. */
  mediaType?: string | undefined;
  /** The digest its descriptor names (verified unless a finding says otherwise). */
  digest?: string | undefined;
  /** Findings about this file, and about the descriptors inside it. */
  issues: Issue[];
}

/**
 * What {@link lintLayout} answers: every file visited, in walk order, with its findings.
 *
 * @example
 * const { valid, files } = await lintLayout(store);
 * for (const file of files) for (const issue of file.issues) console.log(file.path, issue.code);
 */
export interface LayoutLintResult {
  /** `true` when no file has a finding of severity `error`. */
  valid: boolean;
  /** Every file visited, in walk order: `oci-layout`, `index.json`, then blobs as they are reached, then unreferenced ones. */
  files: LayoutFile[];
}

/**
 * Nested indexes deeper than this are not followed (a corrupt or hostile layout may loop).
 *
 * @example
 * await lintLayout(store, { maxDepth: MAX_LAYOUT_DEPTH / 2 });
 */
export const MAX_LAYOUT_DEPTH = 16;

const DEFAULT_MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

interface Walk {
  store: LayoutStore;
  options: LintLayoutOptions;
  files: LayoutFile[];
  /** Blob path → its entry, for every blob some descriptor references. */
  blobs: Map<string, LayoutFile>;
  /** Blob paths already validated as documents (each once, however often referenced), with what was read. */
  documents: Map<string, { document: unknown; text: string }>;
  /** Blob path → the digest its bytes hash to (each blob hashed once; `undefined` when unreadable). */
  hashed: Map<string, string | undefined>;
  /** Manifests with a config, and index platforms, for the content checks. */
  manifests: string[];
  platforms: PlatformClaim[];
}

/** A descriptor inside a document, with its JSON Pointer and the role it plays. */
interface Reference {
  pointer: string;
  descriptor: Record<string, unknown>;
  role: "manifest" | "config" | "layer" | "subject" | "blob";
}

/**
 * Lints a whole OCI image layout as a graph: `oci-layout` and `index.json` are validated, then every
 * descriptor is followed from `index.json` — the blob must be present at `blobs/<alg>/<encoded>`
 * with the size and digest the descriptor states (hashed as a stream: a blob of any size costs a
 * chunk of memory); manifests and indexes are validated by their media type and followed (each once,
 * up to `maxDepth` levels); configs whose media type has a schema are validated; blobs nothing
 * references are warned about; a file the store refuses (a symbolic link out of the layout) is a
 * `blob-outside-layout` error and is never opened. With `deep`, the image content checks run too
 * (layers against `rootfs.diff_ids`, index platforms against configs). Findings about a reference sit
 * on the referencing document, at the descriptor's `digest` or `size`, with line and column. Never
 * throws for anything in the layout; {@link layoutIssueCodes} lists its own codes.
 *
 * @example
 * const result = await lintLayout(memoryLayoutStore(files), { deep: true });
 * if (!result.valid) for (const f of result.files) for (const i of f.issues) console.error(`${f.path} ${i.path}: ${i.message}`);
 */
export async function lintLayout(
  store: LayoutStore,
  options: LintLayoutOptions = {},
): Promise<LayoutLintResult> {
  const walk: Walk = {
    store,
    options,
    files: [],
    blobs: new Map(),
    documents: new Map(),
    hashed: new Map(),
    manifests: [],
    platforms: [],
  };
  const header = await readDocument(
    walk,
    "oci-layout",
    "image-layout",
    OCI_LAYOUT_HEADER,
    "layout-header-missing",
  );
  if (header !== undefined) walk.files.push(header.entry);
  const index = await readDocument(
    walk,
    "index.json",
    "image-index",
    OCI_IMAGE_INDEX,
    "layout-index-missing",
  );
  if (index !== undefined) {
    walk.files.push(index.entry);
    if (index.document !== undefined) await follow(walk, index.document, index.entry, index.text, 1);
  }
  for (const path of await store.listBlobs()) {
    if (walk.blobs.has(path)) continue;
    options.onFile?.(path);
    const stat = await store.stat(path);
    walk.files.push({
      path,
      kind: "blob",
      issues: [
        stat !== undefined && "refused" in stat
          ? issue("blob-outside-layout", "", `${path} was not opened: ${stat.refused}`)
          : issue(
              "blob-unreferenced",
              "",
              `no descriptor reachable from index.json references ${path}; it is dead weight (or index.json lost a reference)`,
            ),
      ],
    });
  }
  if (options.deep === true) {
    await checkImageContent(walk.manifests, walk.platforms, {
      store,
      entry: (path) => walk.blobs.get(path),
      document: (path) => walk.documents.get(path),
      // blobs/<alg>/<encoded> is intact when its bytes hash to <alg>:<encoded>
      intact: (path) => walk.hashed.get(path) === path.slice("blobs/".length).replace("/", ":"),
      report,
      issue,
    });
  }
  return {
    valid: !walk.files.some((file) => file.issues.some((i) => i.severity === "error")),
    files: walk.files,
  };
}

const codeInfo = new Map(layoutIssueCodes.map((entry) => [entry.code, entry]));

/** A finding with the severity and spec reference {@link layoutIssueCodes} gives its code. */
function issue(code: string, path: string, message: string): Issue {
  const info = codeInfo.get(code);
  if (!info) throw new Error(`layout issue code ${code} is missing from layoutIssueCodes`);
  return { code: code as IssueCode, severity: info.severity, path, message, ref: info.ref };
}

/** Validates `oci-layout` or `index.json`; a missing (or refused) file is a finding of its own entry. */
async function readDocument(
  walk: Walk,
  path: string,
  kind: LayoutFile["kind"],
  mediaType: string,
  missingCode: string,
): Promise<{ entry: LayoutFile; document: unknown; text: string } | undefined> {
  walk.options.onFile?.(path);
  const stat = await walk.store.stat(path);
  const missing = (found: Issue): { entry: LayoutFile; document: unknown; text: string } => ({
    entry: { path, kind, ...(kind === "image-index" ? { mediaType } : {}), issues: [found] },
    document: undefined,
    text: "",
  });
  if (stat === undefined) {
    return missing(
      issue(
        missingCode,
        "",
        `an OCI image layout must have ${path === "oci-layout" ? "an oci-layout file" : "an index.json"}`,
      ),
    );
  }
  if ("refused" in stat)
    return missing(issue("blob-outside-layout", "", `${path} was not opened: ${stat.refused}`));
  const limit = walk.options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  if (stat.size > limit) {
    return missing(
      issue("blob-too-large", "", `${stat.size} bytes is more than the ${limit} read for validation`),
    );
  }
  const bytes = await walk.store.read(path);
  if (bytes === undefined) return missing(issue(missingCode, "", `${path} could not be read`));
  return validated(path, bytes, mediaType, walk.options);
}

/** Validates one file of the layout as `mediaType`; returns its entry, the parsed document and the text. */
function validated(path: string, bytes: Uint8Array, mediaType: string, options: LintLayoutOptions) {
  const result = validate(bytes, {
    mediaType,
    ...(options.preset !== undefined && { preset: options.preset }),
    ...(options.rules !== undefined && { rules: options.rules }),
    ...(options.targets !== undefined && { targets: options.targets }),
  });
  const entry: LayoutFile = {
    path,
    kind: result.kind,
    mediaType: result.mediaType,
    digest: result.digest,
    issues: [...result.issues],
  };
  return { entry, document: result.document, text: new TextDecoder().decode(bytes) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The descriptors a manifest or index references. */
function references(document: unknown): Reference[] {
  if (!isObject(document)) return [];
  const out: Reference[] = [];
  const list = (member: string, role: Reference["role"]) => {
    const value = document[member];
    if (!Array.isArray(value)) return;
    value.forEach((descriptor, i) => {
      if (isObject(descriptor)) out.push({ pointer: `/${member}/${i}`, descriptor, role });
    });
  };
  list("manifests", "manifest");
  if (isObject(document.config))
    out.push({ pointer: "/config", descriptor: document.config, role: "config" });
  list("layers", "layer");
  list("blobs", "blob");
  if (isObject(document.subject))
    out.push({ pointer: "/subject", descriptor: document.subject, role: "subject" });
  return out;
}

/** Adds a finding to `owner`, located in its text. */
function report(owner: LayoutFile, text: string, found: Issue): void {
  const position = text === "" ? undefined : locatePointer(text, found.path);
  owner.issues.push(position ? { ...found, line: position.line, column: position.column } : found);
}

async function follow(
  walk: Walk,
  document: unknown,
  owner: LayoutFile,
  text: string,
  depth: number,
): Promise<void> {
  for (const reference of references(document)) {
    await checkReference(walk, reference, owner, text, depth);
  }
  // An image (a manifest with a config) is remembered for the content checks.
  if (
    walk.options.deep === true &&
    isObject(document) &&
    isObject(document.config) &&
    Array.isArray(document.layers)
  ) {
    walk.manifests.push(owner.path);
  }
}

async function checkReference(
  walk: Walk,
  reference: Reference,
  owner: LayoutFile,
  text: string,
  depth: number,
): Promise<void> {
  const { descriptor, pointer, role } = reference;
  if (typeof descriptor.digest !== "string") return; // the validator already reported it
  let algorithm: string;
  let encoded: string;
  try {
    ({ algorithm, encoded } = parseDigest(descriptor.digest));
  } catch {
    return; // a bad digest is a validator finding; there is no blob path to look at
  }
  const path = `blobs/${algorithm}/${encoded}`;
  const mediaType = typeof descriptor.mediaType === "string" ? descriptor.mediaType : undefined;
  const stat = await walk.store.stat(path);
  if (stat === undefined) {
    // image-layout.md lets a layout miss blobs "fulfilled by an external blob store"; a layout meant
    // to be copied must not, except a subject (it may live in another repository) and content that
    // names its own `urls` (non-distributable layers).
    const external = role === "subject" || (Array.isArray(descriptor.urls) && descriptor.urls.length > 0);
    if (!external) {
      report(
        owner,
        text,
        issue("blob-missing", `${pointer}/digest`, `${path} is not in the layout (referenced at ${pointer})`),
      );
    }
    return;
  }
  let entry = walk.blobs.get(path);
  if (entry === undefined) {
    walk.options.onFile?.(path);
    entry = {
      path,
      kind: role === "manifest" || role === "subject" ? "manifest" : role,
      mediaType,
      digest: descriptor.digest,
      issues: [],
    };
    walk.blobs.set(path, entry);
    walk.files.push(entry);
  }
  if (role === "manifest" && isObject(descriptor.platform) && walk.options.deep === true) {
    walk.platforms.push({
      manifestPath: path,
      platform: descriptor.platform,
      owner,
      text,
      pointer: `${pointer}/platform`,
    });
  }
  if ("refused" in stat) {
    report(
      owner,
      text,
      issue("blob-outside-layout", `${pointer}/digest`, `${path} was not opened: ${stat.refused}`),
    );
    return;
  }
  if (typeof descriptor.size === "number" && descriptor.size !== stat.size) {
    report(
      owner,
      text,
      issue(
        "blob-size-mismatch",
        `${pointer}/size`,
        `the descriptor says ${descriptor.size} bytes but ${path} has ${stat.size}`,
      ),
    );
    return;
  }
  if (algorithm !== "sha256" && algorithm !== "sha512") {
    report(
      owner,
      text,
      issue(
        "blob-digest-unverified",
        `${pointer}/digest`,
        `cannot verify ${algorithm} digests; ${path} was not checked`,
      ),
    );
    return;
  }
  if (!walk.hashed.has(path)) walk.hashed.set(path, await hashBlob(walk.store, path, algorithm));
  const actual = walk.hashed.get(path);
  if (actual !== descriptor.digest) {
    report(
      owner,
      text,
      issue(
        "blob-digest-mismatch",
        `${pointer}/digest`,
        actual === undefined
          ? `${path} could not be read to verify it`
          : `${path} is corrupt: its bytes hash to ${actual}, not the ${descriptor.digest} the descriptor names`,
      ),
    );
    return;
  }
  const isNested = mediaType !== undefined && (isManifestMediaType(mediaType) || isIndexMediaType(mediaType));
  const hasSchema = mediaType !== undefined && lookupMediaType(mediaType)?.schema !== undefined;
  if ((!isNested && !hasSchema) || walk.documents.has(path)) return;
  const limit = walk.options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  if (stat.size > limit) {
    entry.issues.push(
      issue("blob-too-large", "", `${stat.size} bytes is more than the ${limit} read for validation`),
    );
    walk.documents.set(path, { document: undefined, text: "" });
    return;
  }
  const bytes = await walk.store.read(path);
  if (bytes === undefined || mediaType === undefined) return;
  const result = validated(path, bytes, mediaType, walk.options);
  walk.documents.set(path, { document: result.document, text: result.text });
  entry.kind = result.entry.kind;
  entry.mediaType = result.entry.mediaType ?? mediaType;
  entry.issues.push(...result.entry.issues);
  if (!isNested) return;
  const maxDepth = walk.options.maxDepth ?? MAX_LAYOUT_DEPTH;
  if (depth >= maxDepth) {
    report(
      owner,
      text,
      issue(
        "layout-depth-exceeded",
        pointer,
        `not following ${path}: nested more than ${maxDepth} levels below index.json`,
      ),
    );
    return;
  }
  await follow(walk, result.document, entry, result.text, depth + 1);
}

/** The digest of a blob, streamed through the store's hash (or the pure-JS one). */
async function hashBlob(
  store: LayoutStore,
  path: string,
  algorithm: "sha256" | "sha512",
): Promise<string | undefined> {
  const stream = await store.stream(path);
  if (stream === undefined) return undefined;
  const hashed = await digestStream(stream, store.createHash?.(algorithm) ?? pureHash(algorithm), algorithm);
  return "digest" in hashed ? hashed.digest : undefined;
}
