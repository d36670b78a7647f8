import { registryProfiles, TARGET_UNKNOWN, uploadIssueCodes } from "../../registry/index.js";
import { targetSeverity } from "../../registry/profiles/index.js";
import { type DocumentKind, documentKinds, ruleCatalog, type Severity } from "../../validate/index.js";
import { layoutIssueCodes } from "../layout/layout-issue-codes.js";

/** One issue code `ocispec` can report, wherever it comes from; what `ocispec rules` prints. */
export interface IssueCodeEntry {
  readonly code: string;
  /** Severity under the default preset. */
  readonly severity: Severity;
  /** Severity under the `strict` preset. */
  readonly strictSeverity: Severity;
  /** The spec section (or registry source) the code rests on. */
  readonly ref: string;
  /** One sentence: what the check requires. */
  readonly description: string;
  /** Who reports it: the validators (reader, schema, rule, pipeline), the layout walk, a registry target, an upload. */
  readonly source: "reader" | "schema" | "rule" | "pipeline" | "layout" | "registry" | "upload";
  /** The document kinds whose linting can report it. */
  readonly kinds: readonly DocumentKind[];
}

const MANIFEST_KINDS: readonly DocumentKind[] = [
  "image-manifest",
  "image-index",
  "docker-manifest",
  "docker-manifest-list",
  "docker-manifest-v1",
];
// validate() runs the targets' checks on whatever kind it detected; each check decides if it applies.
const VALIDATED_KINDS: readonly DocumentKind[] = documentKinds.map((spec) => spec.kind);
const PUSHING = "distribution-spec v1.1 spec.md#pushing-manifests";

/** What each upload code means; `uploadIssueCodes` carries only the code strings. */
const uploadDescriptions: Record<keyof typeof uploadIssueCodes, [Severity, string, string]> = {
  sizeLimit: ["error", PUSHING, "The manifest body is no larger than the policy's maxBytes (answered 413)."],
  lengthMismatch: ["error", PUSHING, "The declared Content-Length equals the number of bytes received."],
  referenceInvalid: [
    "error",
    "distribution-spec v1.1 spec.md#pulling-manifests",
    "The manifest reference is a well-formed tag or digest.",
  ],
  contentTypeMissing: [
    "error",
    PUSHING,
    "A manifest PUT carries the manifest's media type as its Content-Type (distribution reads a body without one as Docker schema 1 and refuses it).",
  ],
  digestMismatch: [
    "error",
    "image-spec v1.1.1 descriptor.md#verification",
    "A digest reference is the digest of the bytes received.",
  ],
  manifestTypeRefused: [
    "error",
    PUSHING,
    "The manifest's own media type is one the registry's policy accepts.",
  ],
  mediaTypeRefused: [
    "error",
    PUSHING,
    "Every config, layer, artifact and child media type is one the registry's policy accepts.",
  ],
  mediaTypeUnknown: [
    "warning",
    "ocispec media-type table",
    "Every media type is in ocispec's table (an error under the policy's unknown: \"reject\").",
  ],
};

function uploadEntries(): IssueCodeEntry[] {
  return (Object.keys(uploadIssueCodes) as (keyof typeof uploadIssueCodes)[]).map((key) => {
    const [severity, ref, description] = uploadDescriptions[key];
    return {
      code: uploadIssueCodes[key],
      severity,
      strictSeverity: severity,
      ref,
      description,
      source: "upload",
      kinds: MANIFEST_KINDS,
    };
  });
}

function registryEntries(): IssueCodeEntry[] {
  const checks = registryProfiles.flatMap((profile) =>
    profile.checks.map(
      (check): IssueCodeEntry => ({
        code: check.code,
        severity: targetSeverity(check),
        strictSeverity: targetSeverity(check),
        ref: check.ref,
        description: check.description,
        source: "registry",
        kinds: VALIDATED_KINDS,
      }),
    ),
  );
  return [
    ...checks,
    {
      code: TARGET_UNKNOWN,
      severity: "error",
      strictSeverity: "error",
      ref: "ocispec API",
      description: `Every target names a known registry: ${registryProfiles.map((p) => p.name).join(", ")}.`,
      source: "registry",
      kinds: VALIDATED_KINDS,
    },
  ];
}

/** The first entry for each code wins: a code two layers share (digest-mismatch) is listed once. */
function uniqueByCode(entries: readonly IssueCodeEntry[]): IssueCodeEntry[] {
  const seen = new Map<string, IssueCodeEntry>();
  for (const entry of entries) if (!seen.has(entry.code)) seen.set(entry.code, entry);
  return [...seen.values()];
}

/**
 * Every issue code the `ocispec` command can report, once each: the validators' `ruleCatalog`
 * (strict reader, schemas, rules, pipeline), the layout walk's codes, the registry targets' checks
 * and the upload codes. `ocispec rules` prints it; `--rule` and config `rules` are checked against it.
 *
 * @example
 * issueCodes.find((entry) => entry.code === "blob-unreferenced")?.source // "layout"
 */
export const issueCodes: readonly IssueCodeEntry[] = uniqueByCode([
  ...ruleCatalog,
  ...layoutIssueCodes.map(
    (entry): IssueCodeEntry => ({
      ...entry,
      strictSeverity: entry.severity,
      source: "layout",
      kinds: ["image-layout"],
    }),
  ),
  ...registryEntries(),
  ...uploadEntries(),
]);
