import { parseDigest } from "../../digest/index.js";
import type { LintedFile } from "../../format/report.js";
import { locatePointer } from "../../json/index.js";
import {
  isIndexMediaType,
  isManifestMediaType,
  lookupMediaType,
  OCI_IMAGE_INDEX,
  OCI_LAYOUT_HEADER,
} from "../../media-types/index.js";
import type { Issue } from "../../validate/index.js";
import { type DocumentLintOptions, lintDocument } from "../lint/lint-document.js";
import { layoutIssueCodes } from "./layout-issue-codes.js";
import type { LayoutStore } from "./layout-store.js";

/** Options for {@link lintLayout}. */
export interface LintLayoutOptions extends Omit<DocumentLintOptions, "mediaType"> {
  /** How the layout directory is shown (`examples/layout`); blob paths are shown under it. */
  display: string;
  /** How many manifest/index levels below `index.json` to follow. Default {@link MAX_LAYOUT_DEPTH}. */
  maxDepth?: number;
  /** Largest manifest, index or config blob read for validation. Default 4 MiB. */
  maxDocumentBytes?: number;
  /** Called once per file of the layout checked, for progress display. */
  onFile?: (path: string) => void;
}

/** Nested indexes deeper than this are not followed (a corrupt or hostile layout may loop). */
export const MAX_LAYOUT_DEPTH = 16;

interface Walk {
  store: LayoutStore;
  options: LintLayoutOptions;
  files: LintedFile[];
  /** Blob path → its entry, for every blob some descriptor references. */
  blobs: Map<string, LintedFile>;
  /** Blob paths already validated as documents (each once, however often referenced). */
  validated: Set<string>;
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
 * with the size and digest the descriptor states; manifests and indexes are validated by their media
 * type and followed (each once, up to `maxDepth` levels); configs whose media type has a schema are
 * validated; blobs nothing references are warned about. Findings about a reference sit on the
 * referencing document, at the descriptor's `digest` or `size`, with line and column.
 *
 * Issue codes of its own: {@link layoutIssueCodes}, which gives each its severity and spec reference.
 */
export function lintLayout(store: LayoutStore, options: LintLayoutOptions): LintedFile[] {
  const walk: Walk = { store, options, files: [], blobs: new Map(), validated: new Set() };
  options.onFile?.("oci-layout");
  const header = store.read("oci-layout");
  if (header !== undefined) {
    walk.files.push(validated(walk, "oci-layout", header, OCI_LAYOUT_HEADER).entry);
  } else {
    walk.files.push({
      path: shown(options, "oci-layout"),
      kind: "image-layout",
      issues: [issue("layout-header-missing", "", "an OCI image layout must have an oci-layout file")],
    });
  }
  options.onFile?.("index.json");
  const index = store.read("index.json");
  if (index === undefined) {
    walk.files.push({
      path: shown(options, "index.json"),
      kind: "image-index",
      mediaType: OCI_IMAGE_INDEX,
      issues: [issue("layout-index-missing", "", "an OCI image layout must have an index.json")],
    });
  } else {
    const { entry, document, text } = validated(walk, "index.json", index, OCI_IMAGE_INDEX);
    walk.files.push(entry);
    follow(walk, document, entry, text, 1);
  }
  for (const path of store.listBlobs()) {
    if (walk.blobs.has(path)) continue;
    options.onFile?.(path);
    walk.files.push({
      path: shown(options, path),
      kind: "blob",
      issues: [
        issue(
          "blob-unreferenced",
          "",
          `no descriptor reachable from index.json references ${path}; it is dead weight (or index.json lost a reference)`,
        ),
      ],
    });
  }
  return walk.files;
}

function shown(options: LintLayoutOptions, path: string): string {
  return options.display === "." ? path : `${options.display}/${path}`;
}

const codeInfo = new Map(layoutIssueCodes.map((entry) => [entry.code, entry]));

/** A finding with the severity and spec reference {@link layoutIssueCodes} gives its code. */
function issue(code: string, path: string, message: string): Issue {
  const info = codeInfo.get(code);
  if (!info) throw new Error(`layout issue code ${code} is missing from layoutIssueCodes`);
  return { code, severity: info.severity, path, message, ref: info.ref };
}

/** Validates one file of the layout as `mediaType`; returns its entry, the parsed document and the text. */
function validated(walk: Walk, path: string, bytes: Uint8Array, mediaType: string) {
  const { file, document } = lintDocument(shown(walk.options, path), bytes, { ...walk.options, mediaType });
  return { entry: file, document, text: new TextDecoder().decode(bytes) };
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
function report(owner: LintedFile, text: string, found: Issue): void {
  const position = locatePointer(text, found.path);
  owner.issues.push(position ? { ...found, line: position.line, column: position.column } : found);
}

function follow(walk: Walk, document: unknown, owner: LintedFile, text: string, depth: number): void {
  for (const reference of references(document)) {
    checkReference(walk, reference, owner, text, depth);
  }
}

function checkReference(
  walk: Walk,
  reference: Reference,
  owner: LintedFile,
  text: string,
  depth: number,
): void {
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
  const size = walk.store.size(path);
  if (size === undefined) {
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
      path: shown(walk.options, path),
      kind: role === "manifest" || role === "subject" ? "manifest" : role,
      mediaType,
      digest: descriptor.digest,
      issues: [],
    };
    walk.blobs.set(path, entry);
    walk.files.push(entry);
  }
  if (typeof descriptor.size === "number" && descriptor.size !== size) {
    report(
      owner,
      text,
      issue(
        "blob-size-mismatch",
        `${pointer}/size`,
        `the descriptor says ${descriptor.size} bytes but ${path} has ${size}`,
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
  const actual = walk.store.digest(path, algorithm);
  if (actual !== descriptor.digest) {
    report(
      owner,
      text,
      issue(
        "blob-digest-mismatch",
        `${pointer}/digest`,
        `${path} is corrupt: its bytes hash to ${actual}, not the ${descriptor.digest} the descriptor names`,
      ),
    );
    return;
  }
  const isNested = mediaType !== undefined && (isManifestMediaType(mediaType) || isIndexMediaType(mediaType));
  const hasSchema = mediaType !== undefined && lookupMediaType(mediaType)?.schema !== undefined;
  if ((!isNested && !hasSchema) || walk.validated.has(path)) return;
  walk.validated.add(path);
  const limit = walk.options.maxDocumentBytes ?? 4 * 1024 * 1024;
  if (size > limit) {
    entry.issues.push(
      issue("blob-too-large", "", `${size} bytes is more than the ${limit} read for validation`),
    );
    return;
  }
  const bytes = walk.store.read(path);
  if (bytes === undefined || mediaType === undefined) return;
  const result = validated(walk, path, bytes, mediaType);
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
  follow(walk, result.document, entry, result.text, depth + 1);
}
