import { checkDigest } from "../../digest/index.js";
import { OCI_EMPTY, OCI_IMAGE_INDEX, OCI_IMAGE_MANIFEST } from "../../media-types/constants.js";
import { isReferenceName } from "../formats/reference-name.js";
import type { JsonObject } from "../kinds.js";
import { EMPTY_DIGEST } from "../rules/descriptor.js";
import { VARIANTS } from "../rules/platform.js";
import type { Tally } from "./fast-check.js";
import {
  colonsIn,
  colonsInName,
  isDate,
  isDefinedAnnotationKey,
  isGoArchitecture,
  isGoOperatingSystem,
  isMediaTypeName,
  isPlainDigest,
  isReservedAnnotationKey,
} from "./strings.js";

const CREATED_KEY = "org.opencontainers.image.created";
const BASE_DIGEST_KEY = "org.opencontainers.image.base.digest";
const REF_NAME_KEY = "org.opencontainers.image.ref.name";
const TITLE_KEY = "org.opencontainers.image.title";

/**
 * Whether `value` is a plain object (what JSON.parse makes of `{…}`).
 *
 * @example
 * isObject({}); // true
 * isObject([]); // false
 */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Annotations without findings: schemas/defs/annotations.json ("Annotations MUST be a key-value map
 * where both the key and value MUST be strings") and the rules of src/validate/rules/annotations.ts —
 * annotation-reserved-prefix (keys under `org.opencontainers` are defined ones), and the formats of
 * the created (RFC 3339), base.digest (a digest) and ref.name (the ref grammar) values, each checked
 * by the rule's own predicate. Counts the map's members and the colons in its keys and values.
 *
 * @example
 * annotationsAreClean({ "org.opencontainers.image.created": "2024-01-02T03:04:05Z" }, tally); // true
 * annotationsAreClean({ "org.opencontainers.image.colour": "red" }, tally); // false
 */
export function annotationsAreClean(value: unknown, tally: Tally): boolean {
  if (!isObject(value)) return false;
  let members = 0;
  let colons = 0;
  for (const key in value) {
    members++;
    const entry = value[key];
    if (typeof entry !== "string") return false;
    colons += colonsInName(key) + colonsIn(entry);
    // The keys with a format first (parsed names are interned: each test is one comparison); any
    // other key under the reserved prefix must be one the specs define.
    if (key === CREATED_KEY) {
      if (!isDate(entry)) return false;
    } else if (key === REF_NAME_KEY) {
      if (!isReferenceName(entry)) return false;
    } else if (key === BASE_DIGEST_KEY) {
      if (checkDigest(entry) !== undefined) return false;
    } else if (key !== TITLE_KEY && isReservedAnnotationKey(key) && !isDefinedAnnotationKey(key))
      return false;
  }
  tally.members += members;
  tally.colons += colons;
  return true;
}

/**
 * A platform without findings: schemas/defs/platform.json (architecture and os REQUIRED strings)
 * and the rules of src/validate/rules/platform.ts — platform-architecture-known (a GOARCH value or
 * `unknown`), platform-os-known (a GOOS value or `unknown`) and platform-variant-known (arm v6–v8,
 * arm64 v8). `os.features` and `features` are left to the full pipeline.
 *
 * @example
 * platformIsClean({ architecture: "arm64", os: "linux", variant: "v8" }, tally); // true
 * platformIsClean({ architecture: "arm", os: "linux", variant: "v5" }, tally); // false
 */
export function platformIsClean(value: unknown, tally: Tally): boolean {
  if (!isObject(value)) return false;
  let members = 0;
  let architecture: unknown;
  let os: unknown;
  let variant: unknown;
  for (const key in value) {
    members++;
    const entry = value[key];
    if (typeof entry !== "string") return false;
    switch (key) {
      case "architecture":
        architecture = entry;
        break;
      case "os":
        os = entry;
        break;
      case "variant":
        variant = entry;
        tally.colons += colonsIn(entry);
        break;
      case "os.version":
        tally.colons += colonsIn(entry);
        break;
      default:
        return false;
    }
  }
  // Known architectures and systems hold no colon; "unknown" neither.
  if (typeof architecture !== "string" || typeof os !== "string") return false;
  if (architecture !== "unknown" && !isGoArchitecture(architecture)) return false;
  if (os !== "unknown" && !isGoOperatingSystem(os)) return false;
  if (variant !== undefined && Object.hasOwn(VARIANTS, architecture)) {
    if (!(VARIANTS[architecture] as readonly string[]).includes(variant as string)) return false;
  }
  tally.members += members;
  return true;
}

/**
 * A descriptor without findings: schemas/oci/descriptor.json (mediaType, digest and size REQUIRED;
 * mediaType and artifactType RFC 6838 names; size a non-negative integer) and the descriptor rules
 * of src/validate/rules/descriptor.ts — digest-algorithm-encoding (only sha256 and sha512 digests
 * in their exact encoding are accepted here), empty-descriptor-constants ("The empty descriptor …
 * MUST have digest sha256:44136fa… and size 2"), and the platform and annotation rules. A descriptor
 * with `urls`, `data` or any other member is left to the full pipeline.
 *
 * @example
 * descriptorIsClean({ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest, size: 32 }, tally);
 */
export function descriptorIsClean(value: unknown, tally: Tally): value is JsonObject {
  if (!isObject(value)) return false;
  let members = 0;
  let mediaType: unknown;
  let digest: unknown;
  let size: unknown;
  for (const key in value) {
    members++;
    const entry = value[key];
    switch (key) {
      case "mediaType":
        if (!isMediaTypeName(entry)) return false;
        mediaType = entry;
        break;
      case "digest":
        if (!isPlainDigest(entry)) return false;
        digest = entry;
        break;
      case "size":
        // Number.isSafeInteger bounds it by 2^53−1, as the reader does; the text proof checks the lexeme.
        if (typeof entry !== "number" || !Number.isSafeInteger(entry) || entry < 0) return false;
        size = entry;
        break;
      case "artifactType":
        if (!isMediaTypeName(entry)) return false;
        break;
      case "annotations":
        if (!annotationsAreClean(entry, tally)) return false;
        break;
      case "platform":
        if (!platformIsClean(entry, tally)) return false;
        break;
      default:
        return false;
    }
  }
  if (mediaType === undefined || digest === undefined || size === undefined) return false;
  if (mediaType === OCI_EMPTY && (digest !== EMPTY_DIGEST || size !== 2)) return false;
  tally.members += members;
  tally.colons += 1; // the digest's
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
