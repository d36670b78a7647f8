import type { Issue, SeveritySetting } from "./issue.js";

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
  /** The Content-Type the document arrived with, or the type the caller expects. */
  mediaType?: string;
  /** Verify that the exact input bytes hash to this digest. */
  expectedDigest?: string;
  /**
   * Per-rule severity overrides, by rule code: `{ "layers-empty": "error" }`. A code no rule reports
   * overrides nothing (the library does not check the names; `ruleCatalog` lists every code, and the
   * CLI refuses unknown codes in `--rule` and in its config file).
   */
  rules?: Readonly<Record<string, SeveritySetting>>;
  /** Rule preset; default `"default"`. */
  preset?: Preset;
  /** Resource limits for reading raw input. */
  limits?: ValidationLimits;
  /**
   * Registry compatibility profiles whose known refusals are added as findings (`["gitlab", "ecr"]`).
   * Run by the validators of `ocispec`; those of `ocispec/core` have no profiles and answer a
   * non-empty list with one `targets-unsupported` error.
   */
  targets?: readonly string[];
}

/**
 * What {@link validate} answers.
 *
 * @example
 * const result: ValidationResult = validate(bytes);
 * // { valid: false, kind: "image-manifest", mediaType: "application/vnd.oci.image.manifest.v1+json",
 * //   digest: "sha256:…", document: { … }, issues: [{ code: "…", severity: "error", path: "/config/size", … }] }
 * if (!result.valid) for (const issue of result.issues) console.error(`${issue.path}: ${issue.message}`);
 */
export interface ValidationResult {
  /** `true` when no finding has severity `error`. */
  valid: boolean;
  /** The kind of document detected. */
  kind: DocumentKind;
  /** The media type the document was validated as, when known. */
  mediaType?: string;
  /** `sha256:` digest of the exact input bytes (absent for object input). */
  digest?: string;
  /** The parsed document, when the input could be read as JSON. */
  document?: unknown;
  /** Every finding, errors and warnings, in document order where possible. */
  issues: Issue[];
}
