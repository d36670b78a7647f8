import type { Report } from "../../validate/rule.js";
import { descriptorFields, fieldLabel } from "../document-fields.js";

/**
 * Reports every config or layer descriptor of size 0: some registries cannot store a zero-byte blob,
 * so the push fails at the blob upload, before the manifest.
 */
export function reportEmptyBlobs(
  document: Readonly<Record<string, unknown>>,
  report: Report,
  registry: string,
  consequence: string,
): void {
  for (const { position, path, descriptor } of descriptorFields(document)) {
    if ((position !== "config" && position !== "layer") || descriptor.size !== 0) continue;
    report(
      `${path}/size`,
      `${fieldLabel(path)} is a zero-byte blob, which ${registry} refuses (${consequence}): use the empty descriptor application/vnd.oci.empty.v1+json ({}, size 2) instead`,
    );
  }
}
