import { computeDigest } from "../../digest/index.js";
import { hasRegisteredEncoding, registeredAlgorithmOf } from "../../digest/registered-encoding.js";
import { OCI_EMPTY } from "../../media-types/constants.js";
import { decodePaddedBase64 } from "../formats/base64.js";
import { isRfc3986Uri, uriScheme } from "../formats/uri.js";
import { quoteValue } from "../quote-value.js";
import { defineRule, type Rule } from "../rule.js";
import type { Descriptor } from "../types/descriptor.js";
import { annotationRules } from "./annotations.js";
import { platformRules } from "./platform.js";

const DESCRIPTOR_PROPERTIES = "image-spec v1.1.1 descriptor.md#properties";

/**
 * The digest of `{}`, the content of every empty descriptor (its size is 2).
 *
 * @example
 * emptyDescriptor.digest === EMPTY_DIGEST; // true
 */
export const EMPTY_DIGEST = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
const EMPTY_SIZE = 2;
const EMPTY_DATA = "e30=";

/**
 * image-spec v1.1.1 descriptor.md#registered-algorithms: for `sha256` "the encoded portion MUST
 * match /[a-f0-9]{64}/", for `sha512` "/[a-f0-9]{128}/", for `blake3` "/[a-f0-9]{64}/". Digests of
 * unregistered algorithms pass: "Implementations SHOULD allow digests that are unsupported to pass
 * validation if they comply with the above grammar" (the grammar itself is in the schema).
 */
export const digestAlgorithmEncoding = defineRule({
  code: "digest-algorithm-encoding",
  severity: "error",
  ref: "image-spec v1.1.1 descriptor.md#registered-algorithms",
  description:
    "A digest of a registered algorithm uses its exact encoding: sha256 and blake3 64, sha512 128 lower-case hex characters.",
  members: ["digest"],
  messages: { wrongEncoding: "{{where}}digest {{digest}}: {{algorithm}} digests must be {{encoding}}" },
  check(descriptor: Descriptor, report) {
    const digest: unknown = descriptor.digest;
    if (typeof digest !== "string" || hasRegisteredEncoding(digest)) return;
    const algorithm = registeredAlgorithmOf(digest);
    if (algorithm !== undefined)
      report("/digest", "wrongEncoding", {
        digest: quoteValue(digest),
        algorithm: algorithm.name,
        encoding: algorithm.description,
      });
  },
});

/**
 * image-spec v1.1.1 descriptor.md#properties, `data`: "Values MUST conform to the Base 64 encoding,
 * as defined in RFC 4648." image-spec's reference code decodes it with Go's `encoding/json`, which
 * accepts only padded, standard-alphabet Base 64 (RFC 4648 section 4).
 */
export const dataNotBase64 = defineRule({
  code: "data-not-base64",
  severity: "error",
  ref: DESCRIPTOR_PROPERTIES,
  description: "data is padded, standard-alphabet Base 64 (RFC 4648 section 4).",
  members: ["data"],
  messages: { notBase64: "{{where}}data {{data}} is not padded standard Base 64 (RFC 4648 section 4)" },
  check(descriptor: Descriptor, report) {
    const data = descriptor.data;
    if (typeof data === "string" && decodePaddedBase64(data) === undefined) {
      report("/data", "notBase64", { data: quoteValue(data) });
    }
  },
});

/**
 * image-spec v1.1.1 descriptor.md#properties, `data`: "The decoded data MUST be identical to the
 * referenced content" — so its length is the descriptor's `size`.
 */
export const dataSizeMismatch = defineRule({
  code: "data-size-mismatch",
  severity: "error",
  ref: DESCRIPTOR_PROPERTIES,
  description: "data decodes to exactly size bytes.",
  members: ["data"],
  messages: { sizeDiffers: "{{where}}data decodes to {{actual}} bytes, but size says {{size}}" },
  check(descriptor: Descriptor, report) {
    const { data, size } = descriptor;
    if (typeof data !== "string" || typeof size !== "number") return;
    const bytes = decodePaddedBase64(data);
    if (bytes !== undefined && bytes.length !== size) {
      report("/data", "sizeDiffers", { actual: bytes.length, size });
    }
  },
});

/**
 * image-spec v1.1.1 descriptor.md#properties, `data`: "The decoded data MUST be identical to the
 * referenced content and SHOULD be verified against the digest and size fields by content
 * consumers." Checked for the algorithms this library computes (sha256, sha512).
 */
export const dataDigestMismatch = defineRule({
  code: "data-digest-mismatch",
  severity: "error",
  ref: DESCRIPTOR_PROPERTIES,
  description: "data hashes to the descriptor's digest (sha256 and sha512 are checked).",
  members: ["data"],
  messages: { digestDiffers: "{{where}}data hashes to {{actual}}, but digest says {{digest}}" },
  check(descriptor: Descriptor, report) {
    const { data, digest } = descriptor;
    if (typeof data !== "string" || typeof digest !== "string") return;
    const algorithm = digest.slice(0, digest.indexOf(":"));
    if (algorithm !== "sha256" && algorithm !== "sha512") return;
    const bytes = decodePaddedBase64(data);
    if (bytes === undefined) return;
    const actual = computeDigest(bytes, algorithm);
    if (actual !== digest) report("/data", "digestDiffers", { actual, digest });
  },
});

/**
 * image-spec v1.1.1 manifest.md#guidance-for-an-empty-descriptor: "The blob payload is the most
 * minimal content that is still a valid JSON object: {} (size of 2). The blob digest of {} is
 * sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a. The data field is
 * optional, and if included is the base64 encoding of {}: e30=." Guidance without a MUST, so a
 * warning (an error under `strict`): a descriptor of that type with other values points at
 * something that is not the empty blob. A `data` that differs is an error anyway
 * (data-digest-mismatch: "The decoded data MUST be identical to the referenced content").
 */
export const emptyDescriptorConstants = defineRule({
  code: "empty-descriptor-constants",
  severity: "warning",
  strictSeverity: "error",
  ref: "image-spec v1.1.1 manifest.md#guidance-for-an-empty-descriptor",
  description: `A descriptor of type ${OCI_EMPTY} has digest ${EMPTY_DIGEST}, size 2 and, if present, data "e30=".`,
  members: ["mediaType"],
  messages: {
    digest: `{{where}}digest {{digest}} is not the digest of {}: the empty descriptor's digest is ${EMPTY_DIGEST}`,
    size: "{{where}}size {{size}} is not the size of {}: the empty descriptor's size is 2",
    data: '{{where}}data {{data}} is not the Base 64 of {}: the empty descriptor\'s data is "e30="',
  },
  check(descriptor: Descriptor, report) {
    if (descriptor.mediaType !== OCI_EMPTY) return;
    if (typeof descriptor.digest === "string" && descriptor.digest !== EMPTY_DIGEST) {
      report("/digest", "digest", { digest: quoteValue(descriptor.digest) });
    }
    if (typeof descriptor.size === "number" && descriptor.size !== EMPTY_SIZE) {
      report("/size", "size", { size: descriptor.size });
    }
    if (typeof descriptor.data === "string" && descriptor.data !== EMPTY_DATA) {
      report("/data", "data", { data: quoteValue(descriptor.data) });
    }
  },
});

/** image-spec v1.1.1 descriptor.md#properties, `urls`: "Each entry MUST conform to RFC 3986." */
export const urlInvalid = defineRule({
  code: "url-invalid",
  severity: "error",
  ref: DESCRIPTOR_PROPERTIES,
  description: "Every urls entry is an RFC 3986 URI (scheme included).",
  members: ["urls"],
  messages: {
    notUri:
      "{{where}}urls[{{index}}] {{url}} is not an RFC 3986 URI (a scheme such as https: and only URI characters)",
  },
  check(descriptor: Descriptor, report) {
    const urls = descriptor.urls;
    if (!Array.isArray(urls)) return;
    urls.forEach((url, i) => {
      if (typeof url === "string" && !isRfc3986Uri(url)) {
        report(`/urls/${i}`, "notUri", { index: i, url: quoteValue(url) });
      }
    });
  },
});

/**
 * image-spec v1.1.1 descriptor.md#properties, `urls`: "Entries SHOULD use the http and https
 * schemes, as defined in RFC 7230."
 */
export const urlScheme = defineRule({
  code: "url-scheme",
  severity: "warning",
  ref: DESCRIPTOR_PROPERTIES,
  description: "urls entries use the http or https scheme.",
  members: ["urls"],
  messages: {
    notHttp: "{{where}}urls[{{index}}] {{url}} uses the {{scheme}} scheme; entries should use http or https",
  },
  check(descriptor: Descriptor, report) {
    const urls = descriptor.urls;
    if (!Array.isArray(urls)) return;
    urls.forEach((url, i) => {
      if (typeof url !== "string" || !isRfc3986Uri(url)) return;
      const scheme = uriScheme(url);
      if (scheme !== "http" && scheme !== "https") {
        report(`/urls/${i}`, "notHttp", { index: i, url: quoteValue(url), scheme });
      }
    });
  },
});

/**
 * The rules every OCI descriptor obeys, wherever it appears (a manifest's config, layers and
 * subject, an index's manifests and subject, a descriptor document), platform and annotation rules
 * included.
 */
export const descriptorRules: readonly Rule<Descriptor>[] = [
  digestAlgorithmEncoding,
  dataNotBase64,
  dataSizeMismatch,
  dataDigestMismatch,
  emptyDescriptorConstants,
  urlInvalid,
  urlScheme,
  ...platformRules,
  ...annotationRules,
];
