import { OCI_EMPTY, OCI_IMAGE_INDEX, OCI_IMAGE_MANIFEST } from "../../media-types/constants.js";
import { isReferenceName } from "../formats/reference-name.js";
import { isJsonObject, type JsonObject } from "../kinds.js";
import {
  BASE_DIGEST_KEY,
  CREATED_KEY,
  DEFINED_KEYS,
  isBaseDigestValue,
  isReservedAnnotationKey,
  REF_NAME_KEY,
  TITLE_KEY,
} from "../rules/annotations.js";
import { EMPTY_DIGEST } from "../rules/descriptor.js";
import { VARIANTS } from "../rules/platform.js";
import type { Tally } from "./fast-check.js";
import { isDate, isGoArchitecture, isGoOperatingSystem, isMediaTypeName, isPlainDigest } from "./strings.js";

/**
 * Annotations without findings: schemas/defs/annotations.json ("Annotations MUST be a key-value map
 * where both the key and value MUST be strings") and the rules of src/validate/rules/annotations.ts —
 * annotation-reserved-prefix (keys under `org.opencontainers` are defined ones), and the formats of
 * the created (RFC 3339), base.digest (a digest) and ref.name (the ref grammar) values, each checked
 * by the rule's own predicate. Counts the map's members.
 *
 * @example
 * annotationsAreClean({ "org.opencontainers.image.created": "2024-01-02T03:04:05Z" }, tally); // true
 * annotationsAreClean({ "org.opencontainers.image.colour": "red" }, tally); // false
 */
export function annotationsAreClean(value: unknown, tally: Tally): boolean {
  if (!isJsonObject(value)) return false;
  let members = 0;
  for (const key in value) {
    members++;
    const entry = value[key];
    if (typeof entry !== "string") return false;
    // The keys with a format first (parsed names are interned: each test is one comparison); any
    // other key under the reserved prefix must be one the specs define.
    if (key === CREATED_KEY) {
      if (!isDate(entry)) return false;
    } else if (key === REF_NAME_KEY) {
      if (!isReferenceName(entry)) return false;
    } else if (key === BASE_DIGEST_KEY) {
      if (!isBaseDigestValue(entry)) return false;
    } else if (key !== TITLE_KEY && isReservedAnnotationKey(key) && !DEFINED_KEYS.has(key)) return false;
  }
  tally.members += members;
  return true;
}

/**
 * A platform without findings: schemas/defs/platform.json (architecture and os REQUIRED strings)
 * and the rules of src/validate/rules/platform.ts — platform-architecture-known (a GOARCH value or
 * `unknown`), platform-os-known (a GOOS value or `unknown`) and platform-variant-known (arm v6–v8,
 * arm64 v8). Reads its members by name: `os.features`, `features` or any other member is not
 * counted, so the text proof sends the document to the full pipeline.
 *
 * @example
 * platformIsClean({ architecture: "arm64", os: "linux", variant: "v8" }, tally); // true
 * platformIsClean({ architecture: "arm", os: "linux", variant: "v5" }, tally); // false
 */
export function platformIsClean(value: unknown, tally: Tally): boolean {
  if (!isJsonObject(value)) return false;
  const architecture = value.architecture;
  const os = value.os;
  if (typeof architecture !== "string" || (architecture !== "unknown" && !isGoArchitecture(architecture)))
    return false;
  if (typeof os !== "string" || (os !== "unknown" && !isGoOperatingSystem(os))) return false;
  let members = 2;
  const variant = value.variant;
  if (variant !== undefined) {
    if (typeof variant !== "string") return false;
    if (
      Object.hasOwn(VARIANTS, architecture) &&
      !(VARIANTS[architecture] as readonly string[]).includes(variant)
    )
      return false;
    members++;
  }
  const osVersion = value["os.version"];
  if (osVersion !== undefined) {
    if (typeof osVersion !== "string") return false;
    members++;
  }
  tally.members += members;
  return true;
}

/**
 * A descriptor without findings: schemas/oci/descriptor.json (mediaType, digest and size REQUIRED;
 * mediaType and artifactType RFC 6838 names; size a non-negative integer) and the descriptor rules
 * of src/validate/rules/descriptor.ts — digest-algorithm-encoding (only sha256 and sha512 digests
 * in their exact encoding are accepted here), empty-descriptor-constants ("The empty descriptor …
 * MUST have digest sha256:44136fa… and size 2"), and the platform and annotation rules. Reads its
 * members by name: `urls`, `data` or any other member is not counted, so the text proof sends the
 * document to the full pipeline.
 *
 * @example
 * descriptorIsClean({ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest, size: 32 }, tally);
 */
export function descriptorIsClean(value: unknown, tally: Tally): value is JsonObject {
  if (!isJsonObject(value)) return false;
  const mediaType = value.mediaType;
  const digest = value.digest;
  const size = value.size;
  // Number.isSafeInteger bounds size by 2^53−1, as the reader does; the text proof checks the lexeme.
  if (
    !isMediaTypeName(mediaType) ||
    !isPlainDigest(digest) ||
    typeof size !== "number" ||
    !Number.isSafeInteger(size) ||
    size < 0
  )
    return false;
  if (mediaType === OCI_EMPTY && (digest !== EMPTY_DIGEST || size !== 2)) return false;
  let members = 3;
  const artifactType = value.artifactType;
  if (artifactType !== undefined) {
    if (!isMediaTypeName(artifactType)) return false;
    members++;
  }
  const annotations = value.annotations;
  if (annotations !== undefined) {
    if (!annotationsAreClean(annotations, tally)) return false;
    members++;
  }
  const platform = value.platform;
  if (platform !== undefined) {
    if (!platformIsClean(platform, tally)) return false;
    members++;
  }
  tally.members += members;
  return true;
}

/**
 * A subject descriptor without findings: a clean descriptor whose mediaType is the OCI image
 * manifest or index type (subject-media-type: "subject … specifies a descriptor of another manifest";
 * other manifest types are left to the full pipeline, which looks them up in the table).
 *
 * @example
 * subjectIsClean({ mediaType: "application/vnd.oci.image.manifest.v1+json", digest, size: 7 }, tally);
 */
export function subjectIsClean(value: unknown, tally: Tally): boolean {
  return (
    descriptorIsClean(value, tally) &&
    (value.mediaType === OCI_IMAGE_MANIFEST || value.mediaType === OCI_IMAGE_INDEX)
  );
}
