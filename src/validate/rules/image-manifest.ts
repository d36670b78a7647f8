import { OCI_EMPTY, OCI_IMAGE_MANIFEST } from "../../media-types/constants.js";
import { defineRule, type Rule } from "../rule.js";
import type { ImageManifest } from "../types/image-manifest.js";
import { annotationRules } from "./annotations.js";
import { falcoManifestRules } from "./falco-manifest.js";
import { mediaTypeMismatch, mediaTypeMissing, ownMediaTypeRule } from "./self-describing.js";
import { subjectMediaType } from "./subject.js";

const PROPERTIES = "image-spec v1.1.1 manifest.md#image-manifest-property-descriptions";

/**
 * image-spec v1.1.1 manifest.md, `mediaType`: "When used, this field MUST contain the media type
 * application/vnd.oci.image.manifest.v1+json."
 */
export const manifestMediaTypeWrong: Rule<ImageManifest> = ownMediaTypeRule(
  "manifest-media-type-wrong",
  OCI_IMAGE_MANIFEST,
  "an image manifest",
  PROPERTIES,
);

/**
 * CVE-2021-41190 (GHSA-77vh-xpmg-72qh): "OCI specifications allow ambiguous documents that contain
 * both "manifests" and "layers" fields. Interpretation depends on the presence / value of a
 * Content-Type header." An image manifest that also carries `manifests` is refused, as
 * distribution, containerd and image-spec's reference code do since the fix. Docker v2 manifests get
 * the same rule (distribution's fix covers both formats).
 */
export const manifestHasManifests = defineRule({
  code: "manifest-has-manifests",
  severity: "error",
  ref: "CVE-2021-41190 (GHSA-77vh-xpmg-72qh); image-spec v1.1.1 manifest.md#image-manifest-property-descriptions",
  description: "An image manifest does not carry the index member manifests.",
  members: ["manifests"],
  messages: {
    indexMember:
      "manifests is an index member; a manifest carrying it could be read as an index (CVE-2021-41190)",
  },
  check(manifest: ImageManifest, report) {
    if ("manifests" in manifest) report("/manifests", "indexMember");
  },
});

/**
 * image-spec v1.1.1 manifest.md#guidelines-for-artifact-usage: "If the config.mediaType is set to
 * the empty value, the artifactType MUST be defined."
 */
export const artifactTypeRequired = defineRule({
  code: "artifact-type-required",
  severity: "error",
  ref: "image-spec v1.1.1 manifest.md#guidelines-for-artifact-usage",
  description: `artifactType is set when config.mediaType is ${OCI_EMPTY}.`,
  members: ["config"],
  messages: { missing: `config.mediaType is ${OCI_EMPTY}, so artifactType must say what this artifact is` },
  check(manifest: ImageManifest, report) {
    if (manifest.config?.mediaType === OCI_EMPTY && manifest.artifactType === undefined) {
      report("/config/mediaType", "missing");
    }
  },
});

/**
 * image-spec v1.1.1 manifest.md, `layers`: "For portability, layers SHOULD have at least one entry."
 * image-spec's own schema enforces it (`minItems: 1`), so `strict` makes it an error.
 */
export const layersEmpty = defineRule({
  code: "layers-empty",
  severity: "warning",
  strictSeverity: "error",
  ref: PROPERTIES,
  description: "layers has at least one entry (the empty descriptor when the artifact needs none).",
  members: ["layers"],
  messages: {
    empty: `layers is empty; for portability it should have at least one entry (the empty descriptor ${OCI_EMPTY} if nothing else)`,
  },
  check(manifest: ImageManifest, report) {
    if (Array.isArray(manifest.layers) && manifest.layers.length === 0) report("/layers", "empty");
  },
});

/**
 * The rules beyond schemas/oci/image-manifest.json for an image manifest's own members. Descriptor
 * rules run on config, layers[] and subject separately.
 */
export const imageManifestRules: readonly Rule<ImageManifest>[] = [
  mediaTypeMissing,
  manifestMediaTypeWrong,
  mediaTypeMismatch,
  manifestHasManifests,
  artifactTypeRequired,
  layersEmpty,
  subjectMediaType,
  ...annotationRules,
  ...falcoManifestRules,
];
