import type { JsonObject } from "../kinds.js";
import { annotationsAreClean, subjectIsClean } from "./descriptor.js";
import type { Tally } from "./fast-check.js";
import { isMediaTypeName } from "./strings.js";

/**
 * The members image manifests and indexes share, read by name, without findings: `schemaVersion`
 * 2 (the schemas' `const`), `mediaType` exactly the document's own type (media-type-missing: "This
 * property SHOULD be used"; manifest-media-type-wrong / index-media-type-wrong), `artifactType` an
 * RFC 6838 name, `subject` (subject-media-type) and `annotations` (the annotation rules). Answers
 * how many of them the document has, to count into the tally, or -1 for "not proven". Members it
 * does not read (`manifests` in a manifest, `config` in an index, anything unknown) are left for the
 * text proof, which finds them uncounted.
 *
 * @example
 * sharedMembers({ schemaVersion: 2, mediaType: OCI_IMAGE_INDEX, manifests: [] }, OCI_IMAGE_INDEX, tally); // 2
 */
export function sharedMembers(document: JsonObject, ownType: string, tally: Tally): number {
  if (document.schemaVersion !== 2 || document.mediaType !== ownType) return -1;
  let members = 2;
  const artifactType = document.artifactType;
  if (artifactType !== undefined) {
    if (!isMediaTypeName(artifactType)) return -1;
    members++;
  }
  const subject = document.subject;
  if (subject !== undefined) {
    if (!subjectIsClean(subject, tally)) return -1;
    members++;
  }
  const annotations = document.annotations;
  if (annotations !== undefined) {
    if (!annotationsAreClean(annotations, tally)) return -1;
    members++;
  }
  return members;
}
