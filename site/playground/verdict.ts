// What the playground shows for one state, computed by the library alone: validate() for the
// findings, validateUpload() for a manifest's registry answer (the body a gate would send), the rule
// catalog and the registry profiles for each finding's rule, spec sentence and registry response.
import {
  createPolicy,
  type Issue,
  isIndexMediaType,
  isManifestMediaType,
  type ProfileCheck,
  type RegistryResponse,
  registryProfiles,
  ruleCatalog,
  type TargetName,
  toDistributionResponse,
  type ValidationResult,
  validate,
  validateUpload,
} from "ocispec";
import type { PlaygroundState } from "./permalink.js";

/** One finding, with what the library knows about its rule. */
export interface Finding {
  readonly issue: Issue;
  /** What the rule requires (the rule catalog), or what the registry does (its profile check). */
  readonly rule?: string;
  /** The spec section or source the rule enforces. */
  readonly ref?: string;
  /** For a target finding: whether the registry refuses the push, and its own answer. */
  readonly refuses?: boolean;
  readonly response?: RegistryResponse;
}

/** The registry's answer to the push: status and distribution-spec error body. */
export interface RegistryAnswer {
  readonly status: number;
  readonly body: unknown;
  /** Which library call gave it. */
  readonly from: "validateUpload" | "toDistributionResponse";
}

/** Everything the page shows for one state. */
export interface Verdict {
  readonly result: ValidationResult;
  readonly findings: readonly Finding[];
  readonly answer: RegistryAnswer;
  /** Counts by severity, whatever severities the library reports. */
  readonly counts: Readonly<Record<string, number>>;
}

const catalog = new Map(ruleCatalog.map((entry) => [entry.code, entry]));
const profileChecks = new Map<string, ProfileCheck>(
  registryProfiles.flatMap((profile) => profile.checks.map((check) => [check.code, check] as const)),
);

function describe(issue: Issue): Finding {
  const check = profileChecks.get(issue.code);
  if (check) {
    return {
      issue,
      rule: check.description,
      ref: issue.ref ?? check.ref,
      refuses: check.refuses,
      ...(check.response ? { response: check.response } : {}),
    };
  }
  const entry = catalog.get(issue.code);
  const ref = issue.ref ?? entry?.ref;
  return { issue, ...(entry ? { rule: entry.description } : {}), ...(ref ? { ref } : {}) };
}

/** The findings and the registry's answer for `state`; never throws (the library does not). */
export function verdictOf(state: PlaygroundState): Verdict {
  const bytes = new TextEncoder().encode(state.document);
  const contentType = state.contentType === "" ? undefined : state.contentType;
  // A permalink may name a target this version does not know: the library answers options-invalid.
  const targets = state.targets as readonly TargetName[];
  const options = {
    targets,
    preset: state.preset,
    ...(contentType === undefined ? {} : { mediaType: contentType }),
  };
  let result: ValidationResult = validate(bytes, options);
  let answer: RegistryAnswer;
  const mediaType = contentType ?? result.mediaType;
  if (mediaType !== undefined && (isManifestMediaType(mediaType) || isIndexMediaType(mediaType))) {
    // A manifest PUT: what the registry itself checks on top (size, policy) and the answer it sends.
    const upload = validateUpload(bytes, {
      contentType,
      reference: "latest",
      policy: createPolicy({ targets, preset: state.preset }),
    });
    result = upload;
    answer = { status: upload.status, body: upload.body, from: "validateUpload" };
  } else {
    // Configs travel as blobs, which registries store unread: this is the body a gate would send.
    const response = toDistributionResponse(result);
    answer = { status: response.status, body: response.body, from: "toDistributionResponse" };
  }
  const counts: Record<string, number> = {};
  for (const issue of result.issues) counts[issue.severity] = (counts[issue.severity] ?? 0) + 1;
  return { result, findings: result.issues.map(describe), answer, counts };
}
