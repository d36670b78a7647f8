import { lookupMediaType } from "../media-types/index.js";
import {
  applySetting,
  checkPositiveInteger,
  checkPreset,
  checkRules,
  checkTargets,
  isArray,
  isPlainObject,
  listLength,
  OptionChecker,
  shown,
} from "../validate/check-options.js";
import type { DocumentKind, Preset, RuleOverrides } from "../validate/types.js";
import type { Issue } from "../vocabulary/issue.js";
import type { TargetName } from "../vocabulary/vocabulary.generated.js";
import { fieldLabel, mediaTypeFields } from "./document-fields.js";
import { uploadIssueCodes } from "./error-codes.js";

/**
 * Which media types a position accepts: `"any"`, `"known"` (the types in the media-type table; the
 * others follow `unknown`), or an explicit list (the others are refused).
 *
 * @example
 * const configs: MediaTypeAllowance = ["application/vnd.oci.image.config.v1+json"];
 * createPolicy({ manifests: "known", layers: "any", configs });
 */
export type MediaTypeAllowance = "any" | "known" | readonly string[];

/**
 * What happens to a media type the table does not know, in a position set to `"known"`.
 *
 * @example
 * const unknown: UnknownMediaTypeAction = "warn";
 * createPolicy({ layers: "known", unknown }); // unknown layer types become warnings
 */
export type UnknownMediaTypeAction = "accept" | "warn" | "reject";

/**
 * Options for {@link createPolicy}; every member is optional.
 *
 * @example
 * const options: PolicyOptions = { layers: "known", unknown: "reject", maxBytes: 1 << 20, targets: ["gitlab"] };
 * const policy = createPolicy(options);
 */
export interface PolicyOptions {
  /** Manifest types accepted as Content-Type / `mediaType`, and for index children and subjects. Default: OCI manifest and index, Docker v2 manifest and list. */
  manifests?: MediaTypeAllowance;
  /** Config types (`config.mediaType`). Default `"known"`. */
  configs?: MediaTypeAllowance;
  /** Layer types (`layers[].mediaType`). Default `"known"`. */
  layers?: MediaTypeAllowance;
  /** Artifact types (`artifactType`, also on index entries). Default `"known"`. */
  artifactTypes?: MediaTypeAllowance;
  /** What happens to types the table does not know, where a position is `"known"`. Default `"accept"`, as the spec requires. */
  unknown?: UnknownMediaTypeAction;
  /** Largest manifest body accepted, in bytes; larger ones are answered 413. Default 4 MiB (4,194,304). */
  maxBytes?: number;
  /** Registry profiles this policy emulates (`["gitlab"]`): their predicted refusals are errors (as in `validate`), other predictions warnings. */
  targets?: readonly TargetName[];
  /** Per-rule severity overrides, passed to `validate` and applied to policy and target findings. */
  rules?: RuleOverrides;
  /** Rule preset passed to `validate`. Default `"default"`. */
  preset?: Preset;
}

/**
 * A registry's acceptance policy, as {@link createPolicy} returns it: every member resolved.
 *
 * @example
 * const policy: Policy = createPolicy({ targets: ["ecr"] });
 * policy.maxBytes; // 4194304
 * validateUpload(bytes, { contentType, reference: "v1", policy });
 */
export interface Policy {
  /** Manifest types accepted (Content-Type, `mediaType`, index children, `subject`). */
  readonly manifests: MediaTypeAllowance;
  /** Config types accepted. */
  readonly configs: MediaTypeAllowance;
  /** Layer types accepted. */
  readonly layers: MediaTypeAllowance;
  /** Artifact types accepted. */
  readonly artifactTypes: MediaTypeAllowance;
  /** What happens to types the table does not know, in `"known"` positions. */
  readonly unknown: UnknownMediaTypeAction;
  /** Largest manifest body accepted, in bytes. */
  readonly maxBytes: number;
  /** Registry profiles emulated, by name, checked and de-duplicated. */
  readonly targets: readonly TargetName[];
  /** Per-rule severity overrides. */
  readonly rules: RuleOverrides;
  /** Rule preset passed to `validate`. */
  readonly preset: Preset;
  /** `options-invalid` findings about the options the policy was made from; `validateUpload` reports them on every upload. */
  readonly issues: readonly Issue[];
}

/**
 * The manifest types a registry stores by default. distribution-spec spec.md#pushing-manifests pushes
 * with these Content-Types; Docker schema 1 is deprecated and removed from distribution v3.
 *
 * @example
 * createPolicy({ manifests: [...DEFAULT_MANIFEST_TYPES, "application/vnd.docker.distribution.manifest.v1+prettyjws"] })
 */
export const DEFAULT_MANIFEST_TYPES: readonly string[] = Object.freeze([
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
]);

/**
 * distribution-spec spec.md#pushing-manifests (opencontainers/distribution-spec#293): "Client and
 * registry implementations SHOULD expect to be able to support manifest pushes of at least 4
 * megabytes"; distribution's maxManifestBodySize is 4 << 20.
 *
 * @example
 * createPolicy({ maxBytes: 2 * DEFAULT_MAX_MANIFEST_BYTES })
 */
export const DEFAULT_MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

const UNKNOWN_ACTIONS: readonly string[] = ["accept", "warn", "reject"];
const POSITIONS = ["manifests", "configs", "layers", "artifactTypes"] as const;
const POLICY_KEYS = [...POSITIONS, "unknown", "maxBytes", "targets", "rules", "preset"];

function checkAllowance(
  check: OptionChecker,
  name: string,
  allowance: unknown,
  fallback: MediaTypeAllowance,
): MediaTypeAllowance {
  if (allowance === undefined) return fallback;
  if (allowance === "any" || allowance === "known") return allowance;
  if (isArray(allowance)) {
    const entries: string[] = [];
    for (let i = 0; i < listLength(check, allowance, name); i++) {
      const entry = check.get(allowance, String(i), `${name}[${i}]`);
      if (typeof entry === "string" && entry !== "") entries.push(entry);
      else check.problem(`${name}[${i}]`, `must be a media type, got ${shown(entry)}`);
    }
    return Object.freeze(entries);
  }
  check.problem(name, `must be "any", "known" or a list of media types, got ${shown(allowance)}`);
  // A malformed allowance accepts nothing more than the spec's default would.
  return fallback;
}

/** Policies made by {@link createPolicy}: `validateUpload` refuses any other object as a policy. */
const madeByCreatePolicy = new WeakSet<object>();

/**
 * Whether `value` is a {@link Policy} that {@link createPolicy} returned (`validateUpload` refuses any
 * other object as its policy, with an `options-invalid` finding).
 *
 * @example
 * isPolicy(createPolicy()) // true
 * isPolicy({ maxBytes: 1 }) // false
 */
export function isPolicy(value: unknown): value is Policy {
  return typeof value === "object" && value !== null && madeByCreatePolicy.has(value);
}

/**
 * A registry's acceptance policy: which media types each position accepts, what happens to types the
 * table does not know, the size limit, and the registry profiles to emulate. The default follows the
 * spec: the four current manifest types, every config, layer and artifact type (unknown ones
 * accepted), 4 MiB. Never throws: a malformed option (an unknown target or rule code, a bad limit,
 * a misspelt member) is an `options-invalid` finding in `policy.issues`, left out of the policy —
 * and every {@link validateUpload} with that policy reports those findings, so the upload is refused
 * until the configuration is fixed. Check `policy.issues` at start-up to fail early.
 *
 * @example
 * createPolicy() // the spec's defaults
 * createPolicy({ configs: ["application/vnd.oci.image.config.v1+json"], maxBytes: 1 << 20 })
 * const policy = createPolicy({ targets: ["gitlab"] }); // refuse what gitlab.com refuses
 * if (policy.issues.length > 0) throw new Error(policy.issues.map((i) => i.message).join("\n"));
 */
export function createPolicy(options?: PolicyOptions): Policy {
  const check = new OptionChecker("policy");
  let input: object = {};
  if (options !== undefined) {
    if (isPlainObject(options)) input = options;
    else check.problem("", `options must be an object, got ${shown(options)}`);
  }
  check.unknownKeys(input, POLICY_KEYS, "");
  const read = (key: string) => check.get(input, key, key);
  const unknownValue = read("unknown");
  let unknown: UnknownMediaTypeAction = "accept";
  if (unknownValue !== undefined) {
    if (typeof unknownValue === "string" && UNKNOWN_ACTIONS.includes(unknownValue)) {
      unknown = unknownValue as UnknownMediaTypeAction;
    } else {
      check.problem("unknown", `must be "accept", "warn" or "reject", got ${shown(unknownValue)}`);
    }
  }
  const maxBytes = checkPositiveInteger(check, "maxBytes", read("maxBytes")) ?? DEFAULT_MAX_MANIFEST_BYTES;
  const targets = Object.freeze(checkTargets(check, read("targets")) ?? []);
  const rules = Object.freeze(checkRules(check, read("rules")) ?? {});
  const preset = checkPreset(check, read("preset")) ?? "default";
  const policy: Policy = Object.freeze({
    manifests: checkAllowance(check, "manifests", read("manifests"), DEFAULT_MANIFEST_TYPES),
    configs: checkAllowance(check, "configs", read("configs"), "known"),
    layers: checkAllowance(check, "layers", read("layers"), "known"),
    artifactTypes: checkAllowance(check, "artifactTypes", read("artifactTypes"), "known"),
    unknown,
    maxBytes,
    targets,
    rules,
    preset,
    issues: Object.freeze(applySetting(check.issues, rules)),
  });
  madeByCreatePolicy.add(policy);
  return policy;
}

/** The policy member governing a media-type position. */
const POSITION_ALLOWANCE = {
  manifest: "manifests",
  child: "manifests",
  subject: "manifests",
  config: "configs",
  layer: "layers",
  artifactType: "artifactTypes",
} as const satisfies Record<string, (typeof POSITIONS)[number]>;

const KIND_MANIFEST_TYPE: Partial<Record<DocumentKind, string>> = {
  "image-manifest": "application/vnd.oci.image.manifest.v1+json",
  "image-index": "application/vnd.oci.image.index.v1+json",
  "docker-manifest": "application/vnd.docker.distribution.manifest.v2+json",
  "docker-manifest-list": "application/vnd.docker.distribution.manifest.list.v2+json",
};

function isKnown(member: (typeof POSITIONS)[number], mediaType: string): boolean {
  const row = lookupMediaType(mediaType);
  if (row === undefined) return false;
  return member !== "manifests" || row.kind === "manifest" || row.kind === "index";
}

type Verdict = "accept" | "refuse" | "unknown";

function verdict(policy: Policy, member: (typeof POSITIONS)[number], mediaType: string): Verdict {
  const allowance = policy[member];
  if (allowance === "any") return "accept";
  if (allowance === "known") return isKnown(member, mediaType) ? "accept" : "unknown";
  return allowance.includes(mediaType) ? "accept" : "refuse";
}

function describeAllowance(allowance: MediaTypeAllowance): string {
  if (allowance === "known") return "the media-type table's types";
  if (allowance === "any") return "any type";
  return allowance.length === 0 ? "no type" : allowance.join(", ");
}

/**
 * Context for {@link policyFindings}.
 *
 * @example
 * const context: PolicyContext = { kind: "image-manifest", contentType: "application/vnd.oci.image.manifest.v1+json" };
 * policyFindings(manifest, createPolicy(), context);
 */
export interface PolicyContext {
  /** The kind `validate` detected. */
  kind: DocumentKind;
  /** The Content-Type the body arrived with, parameters removed. */
  contentType?: string | undefined;
}

/**
 * What a policy says about the media types of a parsed document: refused types as errors (the
 * manifest's own type with code `policy-manifest-type-refused`, answered 415 UNSUPPORTED; others
 * `policy-media-type-refused`), unknown types as warnings or errors per `policy.unknown`.
 *
 * @example
 * policyFindings(manifest, createPolicy({ configs: ["application/vnd.oci.image.config.v1+json"] }), { kind: "image-manifest" })
 * // → [{ code: "policy-media-type-refused", severity: "error", path: "/config/mediaType", message: "…" }]
 */
export function policyFindings(document: unknown, policy: Policy, context: PolicyContext): Issue[] {
  const issues: Issue[] = [];
  const declared = context.contentType ?? KIND_MANIFEST_TYPE[context.kind];
  const fields = mediaTypeFields(document);
  const own = fields.find((field) => field.path === "/mediaType");
  const manifestTypes = new Map<string, string>();
  if (declared !== undefined) manifestTypes.set(declared, "");
  if (own !== undefined && !manifestTypes.has(own.value)) manifestTypes.set(own.value, own.path);

  for (const [mediaType, path] of manifestTypes) {
    const outcome = verdict(policy, "manifests", mediaType);
    if (outcome === "accept" || (outcome === "unknown" && policy.unknown === "accept")) continue;
    const severity = outcome === "unknown" && policy.unknown === "warn" ? "warning" : "error";
    issues.push({
      code: severity === "error" ? uploadIssueCodes.manifestTypeRefused : uploadIssueCodes.mediaTypeUnknown,
      severity,
      path,
      message: `manifest type "${mediaType}" is not accepted by this registry (accepted: ${describeAllowance(policy.manifests)})`,
    });
  }

  for (const field of fields) {
    if (field.path === "/mediaType") continue;
    const member = POSITION_ALLOWANCE[field.position];
    const outcome = verdict(policy, member, field.value);
    if (outcome === "accept") continue;
    if (outcome === "refuse") {
      issues.push({
        code: uploadIssueCodes.mediaTypeRefused,
        severity: "error",
        path: field.path,
        message: `${fieldLabel(field.path)} "${field.value}" is not accepted by this registry's policy (${member}: ${describeAllowance(policy[member])})`,
      });
    } else if (policy.unknown !== "accept") {
      issues.push({
        code: uploadIssueCodes.mediaTypeUnknown,
        severity: policy.unknown === "reject" ? "error" : "warning",
        path: field.path,
        message: `${fieldLabel(field.path)} "${field.value}" is not a media type this registry knows${policy.unknown === "reject" ? ", and its policy refuses unknown types" : ""}`,
      });
    }
  }
  return issues;
}
