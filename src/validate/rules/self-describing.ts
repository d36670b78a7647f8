import { OCI_IMAGE_INDEX, OCI_IMAGE_MANIFEST } from "../../media-types/constants.js";
import type { IssueCode } from "../../vocabulary/vocabulary.generated.js";
import { mediaTypeEssence } from "../content-type.js";
import { quoteValue } from "../quote-value.js";
import { defineRule, type Rule } from "../rule.js";

/** A document whose `mediaType` member names the document's own type (manifests and indexes). */
export interface SelfDescribing {
  /** The document's own media type. */
  mediaType?: string | undefined;
}

const ADVISORY = "CVE-2021-41190 (GHSA-77vh-xpmg-72qh, GHSA-mc8v-mgrf-8f4m)";

/**
 * The Content-Type a manifest is pushed or served with and its own `mediaType` say the same thing.
 * image-spec v1.1.1 manifest.md and image-index.md: `mediaType` "SHOULD be used and remain compatible
 * with earlier versions of this specification and with other similar external formats"; it was
 * made so to close CVE-2021-41190, where "documents with a single digest could be interpreted as
 * either a manifest or an index" depending on the Content-Type.
 */
export const mediaTypeMismatch = defineRule({
  code: "media-type-mismatch",
  severity: "error",
  ref: `image-spec v1.1.1 manifest.md#image-manifest-property-descriptions; ${ADVISORY}`,
  description: "The Content-Type agrees with the document's own mediaType field.",
  messages: {
    disagrees:
      "mediaType {{mediaType}} disagrees with the Content-Type {{contentType}}: a document must be read as one kind only",
  },
  check(document: SelfDescribing, report, context) {
    const { contentType } = context;
    const mediaType = document.mediaType;
    if (contentType === undefined || typeof mediaType !== "string") return;
    const essence = mediaTypeEssence(contentType);
    if (essence !== mediaType) {
      report("/mediaType", "disagrees", {
        mediaType: quoteValue(mediaType),
        contentType: quoteValue(essence),
      });
    }
  },
});

/**
 * image-spec v1.1.1 manifest.md and image-index.md, `mediaType`: "This property SHOULD be used".
 * Without it, only the Content-Type says whether the bytes are a manifest or an index
 * (CVE-2021-41190) — but the ambiguous documents themselves are refused (manifest-has-manifests,
 * index-has-layers), registries accept OCI documents without it, and practically every OCI layout
 * `index.json` omits it (go-containerregistry, containerd, skopeo, notation, oras). A faithful
 * SHOULD that every tool leaves out is `info`, not a warning; `strict` makes it an error.
 */
export const mediaTypeMissing = defineRule({
  code: "media-type-missing",
  severity: "info",
  strictSeverity: "error",
  ref: "image-spec v1.1.1 manifest.md#image-manifest-property-descriptions",
  description: "An image manifest or index says what it is in its mediaType field.",
  messages: {
    missing:
      "mediaType is missing; the spec says it should be {{expected}}, so that only this document says what it is",
  },
  check(document: SelfDescribing, report) {
    if (document.mediaType !== undefined) return;
    const expected = "manifests" in document ? OCI_IMAGE_INDEX : OCI_IMAGE_MANIFEST;
    report("/mediaType", "missing", { expected });
  },
});

/**
 * A rule that a self-describing document's `mediaType`, when present, is exactly `expected`: image-spec
 * v1.1.1 manifest.md and image-index.md, `mediaType`: "When used, this field MUST contain the media
 * type" of the document.
 *
 * @example
 * ownMediaTypeRule("index-media-type-wrong", OCI_IMAGE_INDEX, "an image index", ref)
 */
export function ownMediaTypeRule(
  code: IssueCode,
  expected: string,
  what: string,
  ref: string,
): Rule<SelfDescribing> {
  return defineRule({
    code,
    severity: "error",
    ref,
    description: `The mediaType of ${what}, when present, is ${expected}.`,
    messages: { wrong: "mediaType {{mediaType}} must be {{expected}} in {{what}}" },
    check(document: SelfDescribing, report) {
      const mediaType: unknown = document.mediaType;
      if (typeof mediaType === "string" && mediaType !== expected) {
        report("/mediaType", "wrong", { mediaType: quoteValue(mediaType), expected, what });
      }
    },
  });
}
