import {
  FALCO_ASSET_CONFIG,
  FALCO_PLUGIN_CONFIG,
  FALCO_RULESFILE_CONFIG,
  OCI_IMAGE_INDEX,
} from "../../media-types/constants.js";
import { annotationsAreClean, descriptorIsClean, isObject, subjectIsClean } from "./descriptor.js";
import type { FastCheck, Tally } from "./fast-check.js";
import { isMediaTypeName } from "./strings.js";

/**
 * The entries of a Falco artifact index, without findings (src/validate/rules/falco-manifest.ts):
 * falco-index-platform-missing (every entry has a platform; a clean platform has os and
 * architecture), falco-index-artifact-type (every entry carries artifactType) and
 * falco-index-platform-duplicate (each os/architecture/variant once).
 */
function falcoEntriesAreClean(manifests: readonly unknown[]): boolean {
  const seen = new Set<string>();
  for (const entry of manifests) {
    if (!isObject(entry) || entry.artifactType === undefined) return false;
    const platform = entry.platform;
    if (!isObject(platform)) return false;
    const key = `${platform.os}/${platform.architecture}/${platform.variant ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

/** Whether an entry's artifactType is a Falco config type (then the Falco index rules apply). */
function isFalcoConfigType(mediaType: unknown): boolean {
  return (
    mediaType === FALCO_RULESFILE_CONFIG ||
    mediaType === FALCO_PLUGIN_CONFIG ||
    mediaType === FALCO_ASSET_CONFIG
  );
}

/** Every entry a clean descriptor; answers whether any entry's artifactType is a Falco config type. */
function entriesAreClean(manifests: readonly unknown[], tally: Tally): boolean | "falco" {
  let falco = false;
  for (let i = 0; i < manifests.length; i++) {
    const entry: unknown = manifests[i];
    if (!descriptorIsClean(entry, tally)) return false;
    if (!falco && isFalcoConfigType(entry.artifactType)) falco = true;
  }
  return falco ? "falco" : true;
}

/**
 * The fast check of an OCI image index (see {@link FastCheck}): schemas/oci/image-index.json and the
 * rules of src/validate/rules/image-index.ts — media-type-missing and index-media-type-wrong
 * (mediaType is present and is the index type), index-has-layers (no `config` or `layers`: only the
 * members the spec defines are accepted), subject-media-type, the annotation rules, the descriptor
 * rules on every entry and the subject, and the Falco index rules when an entry's artifactType is a
 * Falco config type.
 *
 * @example
 * imageIndexFastCheck(JSON.parse(indexText), { members: 0 }); // true for a clean index
 */
export const imageIndexFastCheck: FastCheck = (index, tally) => {
  let members = 0;
  let schemaVersion: unknown;
  let mediaType: unknown;
  let manifests: unknown;
  for (const key in index) {
    members++;
    const value = index[key];
    switch (key) {
      case "schemaVersion":
        schemaVersion = value;
        break;
      case "mediaType":
        mediaType = value;
        break;
      case "artifactType":
        if (!isMediaTypeName(value)) return false;
        break;
      case "manifests":
        manifests = value;
        break;
      case "subject":
        if (!subjectIsClean(value, tally)) return false;
        break;
      case "annotations":
        if (!annotationsAreClean(value, tally)) return false;
        break;
      default:
        return false;
    }
  }
  if (schemaVersion !== 2 || mediaType !== OCI_IMAGE_INDEX || !Array.isArray(manifests)) return false;
  const entries = entriesAreClean(manifests, tally);
  if (entries === false || (entries === "falco" && !falcoEntriesAreClean(manifests))) return false;
  tally.members += members;
  return true;
};
