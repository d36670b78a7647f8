import { falcoKindOfConfig } from "../../falco/media-types.js";
import { OCI_IMAGE_INDEX } from "../../media-types/constants.js";
import { isJsonObject } from "../kinds.js";
import { falcoPlatformKey } from "../rules/falco-manifest.js";
import { descriptorIsClean } from "./descriptor.js";
import type { FastCheck, Tally } from "./fast-check.js";
import { sharedMembers } from "./self-describing.js";

/**
 * The entries of a Falco artifact index, without findings (src/validate/rules/falco-manifest.ts):
 * falco-index-platform-missing (every entry has a platform; a clean platform has os and
 * architecture), falco-index-artifact-type (every entry carries artifactType) and
 * falco-index-platform-duplicate (each os/architecture/variant once).
 */
function falcoEntriesAreClean(manifests: readonly unknown[]): boolean {
  const seen = new Set<string>();
  for (const entry of manifests) {
    if (!isJsonObject(entry) || entry.artifactType === undefined) return false;
    const platform = entry.platform;
    if (!isJsonObject(platform)) return false;
    const key = falcoPlatformKey(platform);
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

/** Every entry a clean descriptor; answers whether any entry's artifactType is a Falco config type. */
function entriesAreClean(manifests: readonly unknown[], tally: Tally): boolean | "falco" {
  let falco = false;
  for (let i = 0; i < manifests.length; i++) {
    const entry: unknown = manifests[i];
    if (!descriptorIsClean(entry, tally)) return false;
    if (!falco && falcoKindOfConfig(entry.artifactType) !== undefined) falco = true;
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
  const shared = sharedMembers(index, OCI_IMAGE_INDEX, tally);
  const manifests = index.manifests;
  if (shared === -1 || !Array.isArray(manifests)) return false;
  const entries = entriesAreClean(manifests, tally);
  if (entries === false || (entries === "falco" && !falcoEntriesAreClean(manifests))) return false;
  tally.members += shared + 1;
  return true;
};
