import { isIndexMediaType, isManifestMediaType } from "../../media-types/classify.js";
import { quoteValue } from "../quote-value.js";
import type { Rule } from "../rule.js";
import type { Descriptor } from "../types/descriptor.js";

/**
 * image-spec v1.1.1 manifest.md, `subject`: "This OPTIONAL property specifies a descriptor of
 * another manifest." The referrers API indexes manifests by their subject, so a subject pointing
 * at a blob type links to something that can have no referrers.
 */
export const subjectMediaType: Rule<{ subject?: Descriptor | undefined }> = {
  code: "subject-media-type",
  severity: "error",
  ref: "image-spec v1.1.1 manifest.md#image-manifest-property-descriptions",
  description: "subject points at a manifest or index media type.",
  members: ["subject"],
  check(document, report) {
    const mediaType: unknown = document.subject?.mediaType;
    if (typeof mediaType === "string" && !isManifestMediaType(mediaType) && !isIndexMediaType(mediaType)) {
      report(
        "/subject/mediaType",
        `subject.mediaType ${quoteValue(mediaType)} is not a manifest or index media type; a subject is a descriptor of another manifest`,
      );
    }
  },
};
