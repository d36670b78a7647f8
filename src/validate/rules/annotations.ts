import { checkDigest } from "../../digest/index.js";
import { isReferenceName } from "../formats/reference-name.js";
import { isRfc3339DateTime } from "../formats/rfc3339.js";
import { pointerToken } from "../json-pointer.js";
import { quoteValue } from "../quote-value.js";
import { defineRule, type Rule } from "../rule.js";

/** Anything that may carry `annotations`: manifests, indexes, descriptors. */
export interface Annotated {
  /** A string-to-string map (the schema checks the value types). */
  annotations?: Record<string, string> | undefined;
}

const RULES_REF = "image-spec v1.1.1 annotations.md#rules";
const PREDEFINED_REF = "image-spec v1.1.1 annotations.md#pre-defined-annotation-keys";
const IMAGE = "org.opencontainers.image.";

/**
 * The keys OCI specifications define under `org.opencontainers`: image-spec v1.1.1's pre-defined
 * annotation keys, and the two the artifact manifest of image-spec v1.1.0-rc defined.
 *
 * @example
 * DEFINED_KEYS.has("org.opencontainers.image.title"); // true
 * DEFINED_KEYS.has("org.opencontainers.image.colour"); // false: reserved prefix, undefined key
 */
export const DEFINED_KEYS: ReadonlySet<string> = new Set([
  ...[
    "created",
    "authors",
    "url",
    "documentation",
    "source",
    "version",
    "revision",
    "vendor",
    "licenses",
    "ref.name",
    "title",
    "description",
    "base.digest",
    "base.name",
    "referrer.subject",
    "referrer.convert",
  ].map((key) => IMAGE + key),
  "org.opencontainers.artifact.created",
  "org.opencontainers.artifact.description",
]);

// The checked keys as module constants: a key built per call (`${IMAGE}created`) is a fresh string
// that each lookup must flatten and hash — most of these rules' cost on a 1,000-entry index.
/**
 * `org.opencontainers.image.created`, the key the rule annotation-created-format checks.
 *
 * @example
 * annotations[CREATED_KEY]; // "2024-01-02T03:04:05Z"
 */
export const CREATED_KEY = `${IMAGE}created`;
/**
 * `org.opencontainers.image.base.digest`, the key the rule annotation-base-digest-format checks.
 *
 * @example
 * annotations[BASE_DIGEST_KEY]; // "sha256:…"
 */
export const BASE_DIGEST_KEY = `${IMAGE}base.digest`;
/**
 * `org.opencontainers.image.ref.name`, the key the rule annotation-ref-name-format checks.
 *
 * @example
 * annotations[REF_NAME_KEY]; // "v1.2.3"
 */
export const REF_NAME_KEY = `${IMAGE}ref.name`;
/**
 * `org.opencontainers.image.title`, the file name of a layer (the Falco rules require it).
 *
 * @example
 * layer.annotations[TITLE_KEY]; // "falco_rules.yaml"
 */
export const TITLE_KEY = `${IMAGE}title`;

/**
 * Whether an annotation key is under the reserved `org.opencontainers` prefix: the key itself, or
 * `org.opencontainers.` followed by anything (character tests first: most keys fail at once).
 *
 * @example
 * isReservedAnnotationKey("org.opencontainers.image.title"); // true
 * isReservedAnnotationKey("org.opencontainersx"); // false
 */
export function isReservedAnnotationKey(key: string): boolean {
  return (
    key.charCodeAt(0) === 0x6f &&
    key.startsWith("org.opencontainers") &&
    (key.length === 18 || key.charCodeAt(18) === 0x2e)
  );
}

/** Verdicts of {@link isUndefinedReservedKey} by key: documents repeat a small vocabulary of keys. */
const reservedVerdicts = new Map<string, boolean>();
const MAX_REMEMBERED_KEYS = 1024;

/**
 * Whether an annotation key is under the reserved prefix but not one the specs define: what
 * annotation-reserved-prefix reports. Remembered by key, up to a thousand keys of at most 128 characters.
 *
 * @example
 * isUndefinedReservedKey("org.opencontainers.image.colour"); // true
 * isUndefinedReservedKey("org.opencontainers.image.title"); // false
 */
export function isUndefinedReservedKey(key: string): boolean {
  let verdict = reservedVerdicts.get(key);
  if (verdict === undefined) {
    verdict = isReservedAnnotationKey(key) && !DEFINED_KEYS.has(key);
    // Short keys only: a hostile document's megabyte keys are not kept after it.
    if (reservedVerdicts.size < MAX_REMEMBERED_KEYS && key.length <= 128) reservedVerdicts.set(key, verdict);
  }
  return verdict;
}

/**
 * Whether a `org.opencontainers.image.base.digest` value passes annotation-base-digest-format: a
 * digest, or `""` — no base image (buildah's value for an image built FROM scratch).
 *
 * @example
 * isBaseDigestValue(""); // true
 * isBaseDigestValue("latest"); // false
 */
export function isBaseDigestValue(value: string): boolean {
  return value === "" || checkDigest(value) === undefined;
}

/**
 * Where the annotation rules find an annotation map in the object they run on, and what messages
 * call it: `annotations` on manifests, indexes and descriptors, or `config.Labels` in an image
 * config, which "MUST use the annotation rules".
 *
 * @example
 * const labels: AnnotationMap<ImageConfig> = { pointer: "/config/Labels", name: "config.Labels", member: "config", read: (c) => c.config?.Labels };
 */
export interface AnnotationMap<T> {
  /** The map's JSON Pointer, relative to the object. */
  readonly pointer: string;
  /** The map's name in messages. */
  readonly name: string;
  /** The object's member the map sits in: the rules are skipped on objects without it. */
  readonly member: string;
  /** The map, or whatever stands there (the schema checks its type). */
  read(subject: T): unknown;
}

/**
 * The `annotations` member of manifests, indexes and descriptors.
 *
 * @example
 * annotationRulesFor(ANNOTATIONS); // the rules for `annotations`
 */
export const ANNOTATIONS: AnnotationMap<Annotated> = {
  pointer: "/annotations",
  name: "annotations",
  member: "annotations",
  read: (subject) => subject.annotations,
};

function asMap(map: unknown): Readonly<Record<string, unknown>> | undefined {
  return map !== null && typeof map === "object" && !Array.isArray(map)
    ? (map as Record<string, unknown>)
    : undefined;
}

/** Calls `visit` for every string-valued entry (values of other types are schema findings). */
function eachAnnotation(map: unknown, visit: (key: string, value: string) => void): void {
  const annotations = asMap(map);
  if (annotations === undefined) return;
  // for…in over a parsed map, not Object.keys: no array per annotated object.
  for (const key in annotations) {
    if (!Object.hasOwn(annotations, key)) continue;
    const value = annotations[key];
    if (typeof value === "string") visit(key, value);
  }
}

/** Where a finding about `key` of `map` sits, and how its message names the entry. */
function keyFinding<T>(map: AnnotationMap<T>, key: string) {
  return { path: `${map.pointer}/${pointerToken(key)}`, data: { map: map.name, key: JSON.stringify(key) } };
}

/**
 * image-spec v1.1.1 annotations.md#rules: "The prefix org.opencontainers is reserved for keys
 * defined in Open Container Initiative (OCI) specifications and MUST NOT be used by other
 * specifications and extensions." A warning, because a key from a newer OCI specification is
 * indistinguishable from a misuse.
 */
function annotationReservedPrefixRule<T>(map: AnnotationMap<T>): Rule<T> {
  return defineRule({
    code: "annotation-reserved-prefix",
    severity: "warning",
    ref: RULES_REF,
    description: "Annotation keys under org.opencontainers are only those OCI specifications define.",
    members: [map.member],
    messages: {
      undefinedKey:
        "{{where}}{{map}}[{{key}}] uses the reserved org.opencontainers prefix but is not a key any OCI specification defines",
    },
    check(subject: T, report) {
      eachAnnotation(map.read(subject), (key) => {
        if (isUndefinedReservedKey(key)) {
          const { path, data } = keyFinding(map, key);
          report(path, "undefinedKey", data);
        }
      });
    },
  });
}

/** A pre-defined key whose value has a format, and the rule that holds the value to it. */
interface PredefinedKeyFormat {
  readonly code: "annotation-created-format" | "annotation-base-digest-format" | "annotation-ref-name-format";
  readonly key: string;
  readonly valid: (value: string) => boolean;
  readonly description: string;
  /** What the value is not, in the finding: "is not {{expected}}". */
  readonly expected: string;
}

/** The pre-defined keys with a format, in report order (image-spec v1.1.1 annotations.md#pre-defined-annotation-keys). */
const PREDEFINED_KEY_FORMATS: readonly PredefinedKeyFormat[] = [
  // "org.opencontainers.image.created date and time on which the image was built, conforming to RFC 3339."
  {
    code: "annotation-created-format",
    key: CREATED_KEY,
    valid: isRfc3339DateTime,
    description: "org.opencontainers.image.created is an RFC 3339 date-time.",
    expected: "an RFC 3339 date-time such as 2023-01-02T03:04:05Z",
  },
  // "org.opencontainers.image.base.digest Digest of the image this image is based on (string)". The
  // empty string is not reported: it is what buildah writes for an image built FROM scratch.
  {
    code: "annotation-base-digest-format",
    key: BASE_DIGEST_KEY,
    valid: isBaseDigestValue,
    description: "org.opencontainers.image.base.digest is a digest (algorithm:encoded).",
    expected: "a digest (algorithm:encoded, e.g. sha256 and 64 lower-case hex characters)",
  },
  // "org.opencontainers.image.ref.name Name of the reference for a target (string)." "A valid
  // reference matches the following grammar: ref ::= component ("/" component)*, component ::=
  // alphanum (separator alphanum)*, alphanum ::= [A-Za-z0-9]+, separator ::= [-._:@+] | "--"".
  {
    code: "annotation-ref-name-format",
    key: REF_NAME_KEY,
    valid: isReferenceName,
    description:
      "org.opencontainers.image.ref.name matches the ref grammar (alphanumeric components joined by -._:@+ or --, separated by /).",
    expected:
      "a valid reference name (alphanumeric components joined by one of -._:@+ or --, separated by /)",
  },
];

/** The rule holding the pre-defined key `format.key` of the map at `map` to its format. */
function predefinedKeyFormatRule<T>(map: AnnotationMap<T>, format: PredefinedKeyFormat): Rule<T> {
  return defineRule({
    code: format.code,
    severity: "warning",
    ref: PREDEFINED_REF,
    description: format.description,
    members: [map.member],
    messages: { malformed: "{{where}}{{map}}[{{key}}] {{value}} is not {{expected}}" },
    check(subject: T, report) {
      // The pre-defined keys are not Object.prototype members, so a plain lookup is an own lookup.
      const value = asMap(map.read(subject))?.[format.key];
      if (typeof value === "string" && !format.valid(value)) {
        const { path, data } = keyFinding(map, format.key);
        report(path, "malformed", { ...data, value: quoteValue(value), expected: format.expected });
      }
    },
  });
}

/**
 * The annotation rules for the map at `map`, in report order: `annotations` wherever it appears,
 * and `config.Labels`, which "MUST use the annotation rules" — the same rules and codes, the map
 * named in their messages and paths.
 *
 * @example
 * annotationRulesFor({ pointer: "/config/Labels", name: "config.Labels", member: "config", read: (c) => c.config?.Labels });
 */
export function annotationRulesFor<T>(map: AnnotationMap<T>): Rule<T>[] {
  return [
    annotationReservedPrefixRule(map),
    ...PREDEFINED_KEY_FORMATS.map((format) => predefinedKeyFormatRule(map, format)),
  ];
}

/** The annotation rules, applied to every object that carries annotations. */
export const annotationRules: readonly Rule<Annotated>[] = annotationRulesFor(ANNOTATIONS);
