import { GO_ARCHITECTURES, GO_OPERATING_SYSTEMS } from "../formats/go-platforms.js";
import { quoteValue } from "../quote-value.js";
import { defineRule, type Rule } from "../rule.js";
import type { Descriptor } from "../types/descriptor.js";

const PLATFORM_REF = "image-spec v1.1.1 image-index.md#image-index-property-descriptions";

/**
 * `unknown` is what BuildKit writes on the index entries of attestation manifests, which run on no
 * platform; it is a convention, not a mistake, so it is not reported.
 */
const UNKNOWN = "unknown";

/**
 * The CPU variants clients understand, by architecture: image-spec v1.1.1 image-index.md's table
 * (`arm` v6, v7, v8; `arm64` v8), and `arm` v5, which the spec leaves "implementation-defined" and
 * the implementations define alike — containers/image 5.23 internal/pkg/platform/platform_matcher.go
 * (`compatibility`: arm v8, v7, v6, v5; arm64 v8) and containerd 1.6 platforms/database.go
 * (`normalizeArch`: arm variants 5, 6, 7, 8) — and real images use (Docker Hub's arm32v5 images).
 *
 * @example
 * VARIANTS.arm; // ["v5", "v6", "v7", "v8"]
 */
export const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  arm: ["v5", "v6", "v7", "v8"],
  arm64: ["v8"],
};

function platformOf(descriptor: Descriptor): Record<string, unknown> | undefined {
  const platform: unknown = descriptor.platform;
  return platform !== null && typeof platform === "object" && !Array.isArray(platform)
    ? (platform as Record<string, unknown>)
    : undefined;
}

/**
 * image-spec v1.1.1 image-index.md, `platform.architecture`: "Image indexes SHOULD use, and
 * implementations SHOULD understand, values listed in the Go Language document for GOARCH."
 */
export const platformArchitectureKnown = defineRule({
  code: "platform-architecture-known",
  severity: "warning",
  ref: PLATFORM_REF,
  description: "platform.architecture is a GOARCH value such as amd64 or arm64.",
  members: ["platform"],
  messages: {
    notGoarch:
      "{{where}}platform.architecture {{architecture}} is not a GOARCH value such as amd64, arm64 or s390x",
  },
  check(descriptor: Descriptor, report) {
    const architecture = platformOf(descriptor)?.architecture;
    if (typeof architecture === "string" && architecture !== UNKNOWN && !GO_ARCHITECTURES.has(architecture)) {
      report("/platform/architecture", "notGoarch", { architecture: quoteValue(architecture) });
    }
  },
});

/**
 * image-spec v1.1.1 image-index.md, `platform.os`: "Image indexes SHOULD use, and implementations
 * SHOULD understand, values listed in the Go Language document for GOOS."
 */
export const platformOsKnown = defineRule({
  code: "platform-os-known",
  severity: "warning",
  ref: PLATFORM_REF,
  description: "platform.os is a GOOS value such as linux or windows.",
  members: ["platform"],
  messages: { notGoos: "{{where}}platform.os {{os}} is not a GOOS value such as linux or windows" },
  check(descriptor: Descriptor, report) {
    const os = platformOf(descriptor)?.os;
    if (typeof os === "string" && os !== UNKNOWN && !GO_OPERATING_SYSTEMS.has(os)) {
      report("/platform/os", "notGoos", { os: quoteValue(os) });
    }
  },
});

/**
 * image-spec v1.1.1 image-index.md, `platform.variant`: "Image indexes SHOULD use, and
 * implementations SHOULD understand, values listed in the following table" — `v6`, `v7`, `v8` for
 * `arm`, `v8` for `arm64`; "When the variant of the CPU is not listed in the table, values are
 * implementation-defined". So only `arm` and `arm64` are checked, against {@link VARIANTS} (the table
 * plus `arm` v5, which containers/image and containerd both match): a variant outside it is one no
 * client picks for any machine, a real portability problem.
 */
export const platformVariantKnown = defineRule({
  code: "platform-variant-known",
  severity: "warning",
  ref: PLATFORM_REF,
  description:
    "platform.variant of arm is v5, v6, v7 or v8, and of arm64 is v8 (the variants clients match).",
  members: ["platform"],
  messages: {
    notMatched:
      "{{where}}platform.variant {{variant}} is not a variant clients match for {{architecture}} ({{known}})",
  },
  check(descriptor: Descriptor, report) {
    const platform = platformOf(descriptor);
    const architecture = platform?.architecture;
    const variant = platform?.variant;
    if (
      typeof architecture !== "string" ||
      typeof variant !== "string" ||
      !Object.hasOwn(VARIANTS, architecture)
    )
      return;
    const known = VARIANTS[architecture] ?? [];
    if (!known.includes(variant)) {
      report("/platform/variant", "notMatched", {
        variant: quoteValue(variant),
        architecture,
        known: known.join(", "),
      });
    }
  },
});

/** The rules on a descriptor's `platform`. */
export const platformRules: readonly Rule<Descriptor>[] = [
  platformArchitectureKnown,
  platformOsKnown,
  platformVariantKnown,
];
