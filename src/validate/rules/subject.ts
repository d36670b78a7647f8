import { mediaTypeFacts } from "../../media-types/facts.js";
import { quoteValue } from "../quote-value.js";
import { defineRule } from "../rule.js";
import type { Descriptor } from "../types/descriptor.js";

/** The kinds a subject may be: "a descriptor of another manifest" (an index is one too). */
const SUBJECT_KINDS: ReadonlySet<string> = new Set(["manifest", "index"]);

/**
 * image-spec v1.1.1 manifest.md, `subject`: "This OPTIONAL property specifies a descriptor of
 * another manifest." A description, not a MUST, so a warning: the referrers API indexes manifests
 * by their subject, and a subject pointing at a blob type (a layer, a config) links to something
 * that can have no referrers. A type the media-type table does not know is not reported: "An
 * encountered `mediaType` that is unknown to the implementation MUST be ignored".
 */
export const subjectMediaType = defineRule({
  code: "subject-media-type",
  severity: "warning",
  ref: "image-spec v1.1.1 manifest.md#image-manifest-property-descriptions",
  description: "subject points at a manifest or index, not at a known blob type such as a layer or config.",
  members: ["subject"],
  messages: {
    notManifest:
      "subject.mediaType {{mediaType}} is not a manifest or index media type; a subject is a descriptor of another manifest",
  },
  check(document: { subject?: Descriptor | undefined }, report) {
    const mediaType: unknown = document.subject?.mediaType;
    const kind = typeof mediaType === "string" ? mediaTypeFacts(mediaType)?.kind : undefined;
    if (kind !== undefined && !SUBJECT_KINDS.has(kind)) {
      report("/subject/mediaType", "notManifest", { mediaType: quoteValue(mediaType) });
    }
  },
});
