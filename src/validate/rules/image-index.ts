import { OCI_IMAGE_INDEX } from "../../media-types/constants.js";
import { defineRule, type Rule } from "../rule.js";
import type { ImageIndex } from "../types/image-index.js";
import type { ImageManifest } from "../types/image-manifest.js";
import { annotationRules } from "./annotations.js";
import { falcoManifestRules } from "./falco-manifest.js";
import { mediaTypeMismatch, mediaTypeMissing, ownMediaTypeRule } from "./self-describing.js";
import { subjectMediaType } from "./subject.js";

const PROPERTIES = "image-spec v1.1.1 image-index.md#image-index-property-descriptions";

/**
 * image-spec v1.1.1 image-index.md, `mediaType`: "When used, this field MUST contain the media type
 * application/vnd.oci.image.index.v1+json."
 */
export const indexMediaTypeWrong: Rule<ImageIndex> = ownMediaTypeRule(
  "index-media-type-wrong",
  OCI_IMAGE_INDEX,
  "an image index",
  PROPERTIES,
);

/**
 * CVE-2021-41190 (GHSA-77vh-xpmg-72qh): "OCI specifications allow ambiguous documents that contain
 * both "manifests" and "layers" fields. Interpretation depends on the presence / value of a
 * Content-Type header." An image index that also carries `config` or `layers` is refused, and so is
 * a Docker manifest list (distribution's fix reads both formats alike).
 */
export const indexHasLayers = defineRule({
  code: "index-has-layers",
  severity: "error",
  ref: "CVE-2021-41190 (GHSA-77vh-xpmg-72qh); image-spec v1.1.1 image-index.md#image-index-property-descriptions",
  description: "An image index does not carry the image manifest members config or layers.",
  members: ["config", "layers"],
  messages: {
    manifestMember:
      "{{member}} is a manifest member; an index carrying it could be read as a manifest (CVE-2021-41190)",
  },
  check(index: ImageIndex, report) {
    for (const member of ["config", "layers"]) {
      if (member in index) report(`/${member}`, "manifestMember", { member });
    }
  },
});

/**
 * The rules beyond schemas/oci/image-index.json for an image index's own members. Descriptor rules
 * run on manifests[] and subject separately.
 */
export const imageIndexRules: readonly Rule<ImageIndex>[] = [
  mediaTypeMissing,
  indexMediaTypeWrong,
  mediaTypeMismatch,
  indexHasLayers,
  subjectMediaType,
  ...annotationRules,
  // falcoManifestRules are typed for manifests; each decides itself whether a document is a Falco artifact.
  ...(falcoManifestRules as readonly Rule<unknown>[] as readonly Rule<ImageIndex | ImageManifest>[]),
];
