import {
  FALCO_PLUGIN_CONFIG,
  FALCO_RULESFILE_CONFIG,
  OCI_IMAGE_CONFIG,
  OCI_IMAGE_INDEX,
  OCI_IMAGE_MANIFEST,
  OCI_LAYOUT_HEADER,
} from "../../media-types/index.js";

/** What a file looks like before validation: whether to lint it, and the media type to expect. */
export interface DocumentGuess {
  /** True when the file is an OCI/Docker/Falco document (or is broken but clearly meant to be one). */
  isDocument: boolean;
  /** The media type to validate it as, when the document cannot say so itself (configs, `oci-layout`). */
  mediaType?: string;
}

/**
 * The media type a file's name announces: `manifest.json` / `*.manifest.json` an OCI image manifest,
 * `index.json` / `*.index.json` an OCI image index (used only when the document names no `mediaType`).
 */
export function mediaTypeFromName(baseName: string): string | undefined {
  if (/(^|\.)manifest\.json$/.test(baseName)) return OCI_IMAGE_MANIFEST;
  if (/(^|\.)index\.json$/.test(baseName)) return OCI_IMAGE_INDEX;
  return undefined;
}

// Member names only OCI documents carry; found in the raw text, they mark even a broken file as a document.
const DOCUMENT_MEMBERS = /"(?:schemaVersion|mediaType|imageLayoutVersion)"\s*:/;

/**
 * Decides, from a file's base name and text, whether a directory walk should lint it, and which
 * media type to expect when the document does not name its own:
 * - `oci-layout` → the image layout header;
 * - a JSON object with a `mediaType` → a document that says what it is;
 * - a file named `manifest.json`, `*.manifest.json`, `index.json` or `*.index.json`, or a JSON object
 *   with `schemaVersion` → a manifest or index; the name, when it says which, gives the media type;
 * - `imageLayoutVersion` → the image layout header;
 * - `architecture` + `os` (+ `rootfs`) → an OCI image config;
 * - `requirements` or `dependencies` arrays (and optional `name`/`version` strings) → a Falco config
 *   (a plugin config when the file name says `plugin`, else a rules file config);
 * - anything else (package.json, tsconfig.json, …) is not a document.
 * Text that is not valid JSON but carries OCI member names is still a (broken) document, so a truncated
 * manifest is reported rather than skipped.
 *
 * @example
 * guessDocument("package.json", '{"name":"x","version":"1.0.0","dependencies":{}}') // { isDocument: false }
 * guessDocument("config.json", '{"architecture":"amd64","os":"linux","rootfs":{…}}')
 * // { isDocument: true, mediaType: "application/vnd.oci.image.config.v1+json" }
 */
export function guessDocument(baseName: string, text: string): DocumentGuess {
  if (baseName === "oci-layout") return { isDocument: true, mediaType: OCI_LAYOUT_HEADER };
  const byName = mediaTypeFromName(baseName);
  const named: DocumentGuess =
    byName === undefined ? { isDocument: true } : { isDocument: true, mediaType: byName };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return byName !== undefined || DOCUMENT_MEMBERS.test(text) ? named : { isDocument: false };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return byName !== undefined ? named : { isDocument: false };
  }
  const doc = value as Record<string, unknown>;
  if (typeof doc.mediaType === "string") return { isDocument: true };
  if (byName !== undefined || "schemaVersion" in doc) return named;
  if ("imageLayoutVersion" in doc) return { isDocument: true, mediaType: OCI_LAYOUT_HEADER };
  if ("architecture" in doc && "os" in doc) return { isDocument: true, mediaType: OCI_IMAGE_CONFIG };
  if (looksLikeFalcoConfig(doc)) {
    return {
      isDocument: true,
      mediaType: /plugin/i.test(baseName) ? FALCO_PLUGIN_CONFIG : FALCO_RULESFILE_CONFIG,
    };
  }
  return { isDocument: false };
}

function looksLikeFalcoConfig(doc: Record<string, unknown>): boolean {
  const lists = ["requirements", "dependencies"].filter((key) => key in doc);
  if (lists.length === 0) return false;
  if (!lists.every((key) => Array.isArray(doc[key]))) return false; // package.json's dependencies is an object
  return Object.keys(doc).every((key) => ["name", "version", "requirements", "dependencies"].includes(key));
}
