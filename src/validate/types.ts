import type { FalcoConfig } from "../falco/types.js";
import type { Issue, SeveritySetting } from "../vocabulary/issue.js";
import type { IssueCode, TargetName } from "../vocabulary/vocabulary.generated.js";
import type { Descriptor } from "./types/descriptor.js";
import type { DockerManifest, DockerManifestList } from "./types/docker.js";
import type { ImageConfig } from "./types/image-config.js";
import type { ImageIndex } from "./types/image-index.js";
import type { ImageLayout } from "./types/image-layout.js";
import type { ImageManifest } from "./types/image-manifest.js";

/**
 * The kinds of document `validate` recognises.
 *
 * @example
 * const kind: DocumentKind = validate(bytes).kind; // "image-manifest"
 * if (kind === "unknown") console.error("not an OCI or Docker document");
 */
export type DocumentKind =
  | "image-manifest"
  | "image-index"
  | "descriptor"
  | "image-config"
  | "image-layout"
  | "docker-manifest"
  | "docker-manifest-list"
  | "docker-manifest-v1"
  | "falco-config"
  | "unknown";

/**
 * Resource limits applied while reading raw input.
 *
 * @example
 * const limits: ValidationLimits = { maxBytes: 1 << 20, maxDepth: 32, maxIssues: 100 };
 * validate(bytes, { limits });
 */
export interface ValidationLimits {
  /** Largest input accepted, in bytes. Default 4 MiB (4,194,304). */
  maxBytes?: number;
  /** Deepest nesting of arrays and objects accepted. Default 64. */
  maxDepth?: number;
  /**
   * Most findings reported. Default 1,000 (`DEFAULT_MAX_ISSUES`); `Infinity` for all. At the cap
   * validation stops — reading, schema, rules and locating alike — and the last finding,
   * `too-many-issues` (an error: the rest was not checked), says how many more were left out.
   */
  maxIssues?: number;
}

/**
 * Per-rule severity overrides, keyed by {@link IssueCode}: a misspelt code in an object literal is a
 * compile error, and at run time an `options-invalid` finding with the nearest codes. A record built
 * at run time (`Record<string, SeveritySetting>`, e.g. from a config file) is accepted by the compiler
 * and checked the same way; `{ "options-invalid": "warning" }` lets codes only a newer ocispec knows
 * through as warnings.
 *
 * @example
 * const rules: RuleOverrides = { "layers-empty": "off", "config-os-known": "error" };
 * validate(bytes, { rules });
 */
export type RuleOverrides = { readonly [C in IssueCode]?: SeveritySetting };

/**
 * Rule presets: `strict` turns the portability warnings that image-spec's own schemas enforce into errors.
 *
 * @example
 * const preset: Preset = "strict";
 * validate(bytes, { preset }); // "layers-empty" and the other warnings image-spec's schemas enforce become errors
 */
export type Preset = "default" | "strict";

/**
 * Options for {@link validate} and the kind-specific validators.
 *
 * @example
 * const options: ValidateOptions = {
 *   mediaType: "application/vnd.oci.image.manifest.v1+json",
 *   expectedDigest: "sha256:…",
 *   rules: { "layers-empty": "off" },
 *   preset: "strict",
 *   targets: ["gitlab"],
 * };
 * validate(bytes, options);
 */
export interface ValidateOptions {
  /** The Content-Type the document arrived with, or the type the caller expects. Any other type than a string (`null` included) is an `options-invalid` error. */
  mediaType?: string;
  /** Verify that the exact input bytes hash to this digest. */
  expectedDigest?: string;
  /**
   * Per-rule severity overrides, by issue code: `{ "layers-empty": "error" }`. A code ocispec does not
   * know is an `options-invalid` error naming the nearest codes (`ruleCatalog` lists every code).
   */
  rules?: RuleOverrides;
  /** Rule preset; default `"default"`. */
  preset?: Preset;
  /** Resource limits for reading raw input. */
  limits?: ValidationLimits;
  /**
   * Registry compatibility profiles whose known refusals are added as findings (`["gitlab", "ecr"]`).
   * Run by the validators of `ocispec`; those of `ocispec/core` have no profiles and answer a
   * non-empty list with one `targets-unsupported` error.
   */
  targets?: readonly TargetName[];
}

/**
 * The parsed document a valid result of each kind carries: what `r.valid && r.kind === "image-manifest"`
 * narrows `r.document` to. The type holds under the default and strict presets; `rules` that turn a
 * reader or schema code off, or into a warning, accept documents outside it.
 *
 * @example
 * type Manifest = DocumentOfKind["image-manifest"]; // ImageManifest
 */
export interface DocumentOfKind {
  /** An OCI image manifest. */
  "image-manifest": ImageManifest;
  /** An OCI image index. */
  "image-index": ImageIndex;
  /** An OCI content descriptor. */
  descriptor: Descriptor;
  /** An OCI image config. */
  "image-config": ImageConfig;
  /** The `oci-layout` file of an image layout. */
  "image-layout": ImageLayout;
  /** A Docker image manifest, version 2 schema 2. */
  "docker-manifest": DockerManifest;
  /** A Docker manifest list. */
  "docker-manifest-list": DockerManifestList;
  /** A Docker schema 1 manifest (deprecated; not typed member by member). */
  "docker-manifest-v1": { readonly [member: string]: unknown };
  /** A Falco artifact config blob. */
  "falco-config": FalcoConfig;
  /** A document of no kind ocispec validates. */
  unknown: unknown;
}

/** What every result has, whatever its kind and verdict. */
interface ResultFields<K extends DocumentKind> {
  /** The kind of document detected. */
  kind: K;
  /** The media type the document was validated as, when known. */
  mediaType?: string;
  /** `sha256:` digest of the exact input bytes (absent for object input). */
  digest?: string;
  /** Every finding, errors and warnings, in document order where possible. */
  issues: Issue[];
}

/**
 * A result with no finding of severity `error`: `document` is the parsed document, typed by `kind`.
 *
 * @example
 * const result = validateImageManifest(bytes);
 * if (result.valid) result.document.layers.length; // ImageManifest
 */
export interface ValidResult<K extends DocumentKind = DocumentKind> extends ResultFields<K> {
  /** No finding has severity `error`. */
  valid: true;
  /** The parsed document. */
  document: DocumentOfKind[K];
}

/**
 * A result with at least one finding of severity `error`: `document` is whatever could be parsed.
 *
 * @example
 * const result = validate(bytes);
 * if (!result.valid) console.error(result.issues.filter((i) => i.severity === "error"));
 */
export interface InvalidResult<K extends DocumentKind = DocumentKind> extends ResultFields<K> {
  /** At least one finding has severity `error`. */
  valid: false;
  /** The parsed document, when the input could be read as JSON; not known to match its kind. */
  document?: unknown;
}

/**
 * The result for the kinds `K`, discriminated by `kind` and by `valid`: the per-kind validators
 * return `ResultOf<"image-manifest" | "unknown">` (`unknown` when the input is not even bytes, a
 * string or an object).
 *
 * @example
 * const result: ResultOf<"image-index" | "unknown"> = validateImageIndex(bytes);
 * if (result.valid && result.kind === "image-index") result.document.manifests;
 */
export type ResultOf<K extends DocumentKind> = K extends DocumentKind
  ? ValidResult<K> | InvalidResult<K>
  : never;

/**
 * What {@link validate} answers.
 *
 * @example
 * const result: ValidationResult = validate(bytes);
 * // { valid: false, kind: "image-manifest", mediaType: "application/vnd.oci.image.manifest.v1+json",
 * //   digest: "sha256:…", document: { … }, issues: [{ code: "…", severity: "error", path: "/config/size", … }] }
 * if (!result.valid) for (const issue of result.issues) console.error(`${issue.path}: ${issue.message}`);
 * if (result.valid && result.kind === "image-manifest") console.log(result.document.config.digest);
 */
export type ValidationResult = ResultOf<DocumentKind>;

/**
 * A result as the pipeline assembles it, member by member, before it is handed out as a
 * {@link ValidationResult} (internal: the pipeline's verdict, not the compiler, ties `valid` and
 * `kind` to `document`).
 */
export interface ResultUnderConstruction {
  valid: boolean;
  kind: DocumentKind;
  mediaType?: string;
  digest?: string;
  document?: unknown;
  issues: Issue[];
}
