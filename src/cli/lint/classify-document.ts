// Which files `ocispec lint` skips is validate's answer (kind "unknown", nothing but `kind-unknown`).
// Validate cannot answer for text it cannot read as JSON, or for a file over the size limit that is
// never read whole; for those alone, the raw text's signs decide.

import { documentKinds } from "../../validate/kinds.js";

// Found in the raw text, the kinds' text markers (member names only documents carry, stated with
// each kind in src/validate/kinds.ts) mark even a broken or oversized file as a document.
const DOCUMENT_MEMBERS = new RegExp(
  `"(?:${[...new Set(documentKinds.flatMap((row) => row.textMarkers ?? []))].join("|")})"\\s*:`,
);
// Names only documents have: the layout's own files, and the `*.manifest.json` / `*.index.json` convention.
const DOCUMENT_NAMES = /^(?:oci-layout|(?:.+\.)?manifest\.json|(?:.+\.)?index\.json)$/;

/**
 * Whether text that could not be validated as JSON (broken, or too large to read) was meant to be a
 * document, so that a truncated manifest fails the run instead of being skipped: its name is a
 * document's name, or its text carries a member name only documents use.
 *
 * @example
 * meantAsDocument("manifest.json", '{"schemaVersion": 2,') // true: a broken manifest
 * meantAsDocument("tsconfig.json", '{ // comments\n "compilerOptions": {} }') // false: JSONC, not ours
 */
export function meantAsDocument(baseName: string, text: string): boolean {
  return DOCUMENT_NAMES.test(baseName) || DOCUMENT_MEMBERS.test(text);
}
