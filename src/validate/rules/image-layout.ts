import { quoteValue } from "../quote-value.js";
import { defineRule, type Rule } from "../rule.js";
import type { ImageLayout } from "../types/image-layout.js";

/** The only image layout version any image-spec release (1.0.0 through 1.1.1) has defined. */
export const IMAGE_LAYOUT_VERSION = "1.0.0";

/**
 * image-spec v1.1.1 image-layout.md#oci-layout-file: "The `imageLayoutVersion` value will align with
 * the OCI Image Specification version at the time changes to the layout are made, and will pin a
 * given version until changes to the image layout are required." The layout has not changed since
 * 1.0.0, image-spec's own schema accepts only `1.0.0`, and a reader cannot know what another version
 * changed. No MUST says so, so a warning (an error under `strict`, as image-spec's schema has it).
 */
export const layoutVersion = defineRule({
  code: "layout-version",
  severity: "warning",
  strictSeverity: "error",
  ref: "image-spec v1.1.1 image-layout.md#oci-layout-file",
  description: 'imageLayoutVersion should be "1.0.0", the only layout version defined.',
  messages: { unknown: 'imageLayoutVersion is {{version}}, but the only layout version defined is "1.0.0"' },
  check(layout: ImageLayout, report) {
    const version = layout.imageLayoutVersion;
    if (typeof version === "string" && version !== IMAGE_LAYOUT_VERSION) {
      report("/imageLayoutVersion", "unknown", { version: quoteValue(version) });
    }
  },
});

/** The rules beyond the schema for the `oci-layout` file. */
export const imageLayoutRules: Rule<ImageLayout>[] = [layoutVersion];
