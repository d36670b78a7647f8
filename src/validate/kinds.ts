import { falcoMediaTypes } from "../falco/media-types.js";
import {
  DOCKER_IMAGE_CONFIG,
  DOCKER_MANIFEST_LIST,
  DOCKER_MANIFEST_V2,
  OCI_DESCRIPTOR,
  OCI_IMAGE_CONFIG,
  OCI_IMAGE_INDEX,
  OCI_IMAGE_MANIFEST,
  OCI_LAYOUT_HEADER,
} from "../media-types/constants.js";
import type { CompiledValidator } from "./compiled-validator.js";
import {
  dockerManifestList,
  dockerManifestV2,
  falcoConfig,
  ociDescriptor,
  ociImageConfig,
  ociImageIndex,
  ociImageLayout,
  ociImageManifest,
} from "./generated/validators.js";
import type { Rule } from "./rule.js";
import { descriptorRules, digestAlgorithmEncoding } from "./rules/descriptor.js";
import { dockerManifestRules } from "./rules/docker-manifest.js";
import { dockerManifestListRules } from "./rules/docker-manifest-list.js";
import {
  DOCKER_SCHEMA1_MEDIA_TYPES,
  dockerManifestV1Rules,
  isDockerSchema1,
} from "./rules/docker-manifest-v1.js";
import { falcoConfigRules } from "./rules/falco-config.js";
import { imageConfigRules } from "./rules/image-config.js";
import { imageIndexRules, indexHasLayers } from "./rules/image-index.js";
import { imageLayoutRules } from "./rules/image-layout.js";
import { imageManifestRules, manifestHasManifests } from "./rules/image-manifest.js";
import type { DocumentKind } from "./types.js";

/**
 * A parsed JSON object, as kind detection and descriptor walks see it.
 *
 * @example
 * const document: JsonObject = JSON.parse('{"schemaVersion":2,"manifests":[]}');
 */
export type JsonObject = Record<string, unknown>;

/**
 * Where a document holds descriptors: one member, or each entry of a list.
 *
 * @example
 * const layers: DescriptorPlace = { member: "layers", list: true };
 */
export interface DescriptorPlace {
  /** The member of the document that holds it, e.g. `layers`. */
  readonly member: string;
  /** Whether the member is a list of descriptors rather than one. */
  readonly list: boolean;
}

/**
 * How the pipeline handles one kind of document. To plug a kind in, add a row to
 * {@link documentKinds}: its media types, its compiled schema, its rules, and how to recognise it
 * by shape. Nothing else in the pipeline changes.
 *
 * @example
 * const spec: KindSpec | undefined = documentKinds.find((row) => row.kind === "image-manifest");
 * spec?.mediaTypes; // ["application/vnd.oci.image.manifest.v1+json"]
 * spec?.ref;        // "image-spec v1.1.1 manifest.md#image-manifest-property-descriptions"
 */
export interface KindSpec {
  /** The kind reported in `ValidationResult.kind`. */
  readonly kind: DocumentKind;
  /** Media types that select this kind, as a Content-Type or (for self-describing kinds) the `mediaType` member; the first is canonical. */
  readonly mediaTypes: readonly string[];
  /** Whether the document's own `mediaType` member names its own type (manifests, indexes), so it may select the kind. */
  readonly selfDescribing: boolean;
  /** The validator generated from this kind's schema; absent for kinds refused outright. */
  readonly schema?: CompiledValidator;
  /** The spec section schema findings cite. */
  readonly ref: string;
  /** Rules on the document as a whole, paths relative to the document root. */
  // biome-ignore lint/suspicious/noExplicitAny: each row's rules are typed for its own document type.
  readonly rules: readonly Rule<any>[];
  /** Rules run on every descriptor {@link descriptors} finds, paths relative to that descriptor. */
  // biome-ignore lint/suspicious/noExplicitAny: descriptor rules of Docker and OCI rows differ in type.
  readonly descriptorRules?: readonly Rule<any>[];
  /** Where the document holds descriptors, for {@link descriptorRules}. */
  readonly descriptors?: readonly DescriptorPlace[];
  /**
   * Descriptor rules the compiled schema already holds on the clean path, which therefore does not
   * run them a second time: this kind's descriptors take their digest from defs/digest.json, whose
   * pattern the clean path also holds to the registered encodings (scripts/compile-schemas.mjs).
   * The full pipeline runs them as ever and words their findings.
   * test/clean-path-proven-rules.test.ts breaks each one at every descriptor place.
   */
  // biome-ignore lint/suspicious/noExplicitAny: descriptor rules of Docker and OCI rows differ in type.
  readonly provenOnCleanPath?: readonly Rule<any>[];
  /** Recognises the kind by shape, when neither Content-Type nor the `mediaType` member decided. Rows are tried in table order. */
  readonly detect?: (document: JsonObject, mediaTypeMember: string | undefined) => boolean;
  /**
   * Member names that mark text as meant to be this kind when it cannot be read as JSON (broken, or
   * too large to read whole), so `ocispec lint` fails it instead of skipping it: names other JSON
   * files (package.json, tsconfig.json) do not use, unlike `os` or `dependencies`.
   */
  readonly textMarkers?: readonly string[];
}

/**
 * Whether a parsed JSON value is an object (not null, not an array).
 *
 * @example
 * isJsonObject({}) // true
 * isJsonObject([]) // false
 */
export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Pushes `document[member]` when it is an object. */
/**
 * Where a manifest or index holds descriptors: config, layers[i], manifests[i], subject — whatever
 * the kind, so that an ambiguous document (CVE-2021-41190) gets all of them checked.
 *
 * @example
 * MANIFEST_DESCRIPTORS.find((place) => place.member === "layers")?.list; // true
 */
export const MANIFEST_DESCRIPTORS: readonly DescriptorPlace[] = [
  { member: "config", list: false },
  { member: "layers", list: true },
  { member: "manifests", list: true },
  { member: "subject", list: false },
];

const DOCKER_CONFIG_TYPES: ReadonlySet<string> = new Set([DOCKER_IMAGE_CONFIG]);

/**
 * Every kind `validate` knows, in shape-detection order. Docker rows come before OCI ones so that
 * a Docker payload missing its `mediaType` is recognised by its Docker config type.
 *
 * @example
 * documentKinds.map((row) => row.kind);
 * // ["docker-manifest-v1", "docker-manifest", "docker-manifest-list", "image-manifest", "image-index",
 * //  "image-layout", "image-config", "descriptor", "falco-config"]
 * documentKinds.filter((row) => row.selfDescribing).flatMap((row) => row.mediaTypes); // the manifest-like types
 */
export const documentKinds: readonly KindSpec[] = [
  {
    kind: "docker-manifest-v1",
    mediaTypes: [...DOCKER_SCHEMA1_MEDIA_TYPES],
    selfDescribing: true,
    ref: "distribution docs/content/spec/deprecated-schema-v1.md",
    rules: dockerManifestV1Rules,
    detect: (document) => isDockerSchema1(document),
    textMarkers: ["schemaVersion", "fsLayers"],
  },
  {
    kind: "docker-manifest",
    mediaTypes: [DOCKER_MANIFEST_V2],
    selfDescribing: true,
    schema: dockerManifestV2,
    ref: "distribution docs/content/spec/manifest-v2-2.md#image-manifest-field-descriptions",
    // CVE-2021-41190: distribution refuses Docker documents carrying the other kind's members too.
    rules: [...dockerManifestRules, manifestHasManifests],
    // Docker descriptors have the OCI descriptor's shape (distribution uses one type for both).
    descriptorRules,
    descriptors: MANIFEST_DESCRIPTORS,
    detect: (document) => {
      const config = document.config;
      return (
        isJsonObject(config) &&
        typeof config.mediaType === "string" &&
        DOCKER_CONFIG_TYPES.has(config.mediaType)
      );
    },
    textMarkers: ["schemaVersion", "mediaType", "layers"],
  },
  {
    kind: "docker-manifest-list",
    mediaTypes: [DOCKER_MANIFEST_LIST],
    selfDescribing: true,
    schema: dockerManifestList,
    ref: "distribution docs/content/spec/manifest-v2-2.md#manifest-list-field-descriptions",
    rules: [...dockerManifestListRules, indexHasLayers],
    // Docker descriptors have the OCI descriptor's shape (distribution uses one type for both).
    descriptorRules,
    descriptors: MANIFEST_DESCRIPTORS,
    detect: (document) =>
      Array.isArray(document.manifests) &&
      document.manifests.some((m: unknown) => isJsonObject(m) && m.mediaType === DOCKER_MANIFEST_V2),
    textMarkers: ["schemaVersion", "mediaType", "manifests"],
  },
  {
    kind: "image-manifest",
    mediaTypes: [OCI_IMAGE_MANIFEST],
    selfDescribing: true,
    schema: ociImageManifest,
    ref: "image-spec v1.1.1 manifest.md#image-manifest-property-descriptions",
    rules: imageManifestRules,
    descriptorRules,
    descriptors: MANIFEST_DESCRIPTORS,
    provenOnCleanPath: [digestAlgorithmEncoding],
    // An image config has a `config` member too (its execution parameters), but never `rootfs`-less.
    detect: (document) => ("config" in document && !("rootfs" in document)) || "layers" in document,
    textMarkers: ["schemaVersion", "mediaType", "layers"],
  },
  {
    kind: "image-index",
    mediaTypes: [OCI_IMAGE_INDEX],
    selfDescribing: true,
    schema: ociImageIndex,
    ref: "image-spec v1.1.1 image-index.md#image-index-property-descriptions",
    rules: imageIndexRules,
    descriptorRules,
    descriptors: MANIFEST_DESCRIPTORS,
    provenOnCleanPath: [digestAlgorithmEncoding],
    detect: (document) => "manifests" in document,
    textMarkers: ["schemaVersion", "mediaType", "manifests"],
  },
  {
    kind: "image-layout",
    mediaTypes: [OCI_LAYOUT_HEADER],
    selfDescribing: false,
    schema: ociImageLayout,
    ref: "image-spec v1.1.1 image-layout.md#oci-layout-file",
    rules: imageLayoutRules,
    detect: (document) => "imageLayoutVersion" in document,
    textMarkers: ["imageLayoutVersion"],
  },
  {
    kind: "image-config",
    mediaTypes: [OCI_IMAGE_CONFIG, DOCKER_IMAGE_CONFIG],
    selfDescribing: false,
    schema: ociImageConfig,
    ref: "image-spec v1.1.1 config.md#properties",
    rules: imageConfigRules,
    detect: (document) => "rootfs" in document || ("architecture" in document && "os" in document),
  },
  {
    kind: "descriptor",
    mediaTypes: [OCI_DESCRIPTOR],
    selfDescribing: false,
    schema: ociDescriptor,
    ref: "image-spec v1.1.1 descriptor.md#properties",
    rules: descriptorRules,
    detect: (document) => "digest" in document && "size" in document,
  },
  {
    kind: "falco-config",
    mediaTypes: [
      falcoMediaTypes.rulesfile.config,
      falcoMediaTypes.plugin.config,
      falcoMediaTypes.asset.config,
    ],
    selfDescribing: false,
    schema: falcoConfig,
    ref: "falcoctl pkg/oci/types.go (ArtifactConfig)",
    rules: falcoConfigRules,
    // `{}` and `{"name":…}` are valid Falco configs but prove nothing: only dependency or requirement
    // lists are distinctive enough to recognise one by shape.
    detect: (document) => Array.isArray(document.dependencies) || Array.isArray(document.requirements),
  },
];

/** Rows by kind, built once at module load. */
export const kindsByName: ReadonlyMap<DocumentKind, KindSpec> = new Map(
  documentKinds.map((k) => [k.kind, k]),
);

/** Rows by every media type that selects them, built once at module load. */
export const kindsByMediaType: ReadonlyMap<string, KindSpec> = new Map(
  documentKinds.flatMap((k) => k.mediaTypes.map((mt) => [mt, k] as const)),
);
