// Rules for Falco artifact config blobs beyond schemas/falco/config.json. There is no Falco
// specification: every rule cites the falcoctl source whose behaviour it reflects. The reader is
// lenient (what falcoctl decodes is valid); where falcoctl's own CLI is stricter than the configs
// really published, the difference is a warning.

import { falcoRequirementVersionProblem, knownFalcoRequirements } from "../../falco/requirements.js";
import { isFalcoName, isFalcoSemver } from "../../falco/syntax.js";
import {
  type FalcoConfig,
  falcoConfigMembers,
  falcoDependencyMembers,
  falcoRequirementMembers,
} from "../../falco/types.js";
import { pointerToken } from "../json-pointer.js";
import { quoteValue } from "../quote-value.js";
import { defineRule, type Rule, type RuleReport } from "../rule.js";

const TYPES_REF = "falcoctl pkg/oci/types.go (ArtifactConfig)";
const ARTIFACT_REF = "falcoctl pkg/artifact/artifact.go (ValidateName, ValidateVersion)";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** One `{name, version}` entry wherever it sits in the config. */
interface Entry {
  readonly pointer: string;
  readonly entry: Json;
  /** "dependency", "alternative" or "requirement". */
  readonly role: "dependency" | "alternative" | "requirement";
}

function objectsIn(list: unknown, pointer: string, role: Entry["role"]): Entry[] {
  if (!Array.isArray(list)) return [];
  const out: Entry[] = [];
  list.forEach((entry, i) => {
    if (isObject(entry)) out.push({ pointer: `${pointer}/${i}`, entry, role });
  });
  return out;
}

function dependencies(config: Json): Entry[] {
  return objectsIn(config.dependencies, "/dependencies", "dependency");
}

function alternatives(dependency: Entry): Entry[] {
  return objectsIn(dependency.entry.alternatives, `${dependency.pointer}/alternatives`, "alternative");
}

function requirements(config: Json): Entry[] {
  return objectsIn(config.requirements, "/requirements", "requirement");
}

/** Every dependency, alternative and requirement. */
function allEntries(config: Json): Entry[] {
  return [...dependencies(config).flatMap((d) => [d, ...alternatives(d)]), ...requirements(config)];
}

/** Every artifact that carries a name and version: the config itself, dependencies, alternatives. */
function artifactRefs(config: Json): { pointer: string; entry: Json }[] {
  return [{ pointer: "", entry: config }, ...dependencies(config).flatMap((d) => [d, ...alternatives(d)])];
}

/**
 * falcoctl pkg/artifact/artifact.go: `nameRgx = ^[a-z]+[a-z0-9-_]*$`, "inherited from the plugin
 * naming convention"; the CLI refuses other dependency names (ParseRef). Configs written by other
 * tools carry full OCI references as dependency names, and falcoctl still reads them: a warning.
 */
export const falcoNameFormat = defineRule({
  code: "falco-name-format",
  severity: "warning",
  ref: ARTIFACT_REF,
  description: "Artifact, dependency and alternative names match falcoctl's ^[a-z]+[a-z0-9-_]*$.",
  messages: {
    notName:
      "name {{name}} does not match ^[a-z]+[a-z0-9-_]*$, which falcoctl's CLI requires of artifact names",
  },
  check(config: FalcoConfig, report) {
    for (const { pointer, entry } of artifactRefs(config as Json)) {
      const name = entry.name;
      if (typeof name === "string" && name !== "" && !isFalcoName(name)) {
        report(`${pointer}/name`, "notName", { name: quoteValue(name) });
      }
    }
  },
});

/**
 * falcoctl pkg/artifact/artifact.go, ValidateVersion: "Artifact version must be a semver string",
 * checked with semver.org's expression without build metadata. Configs written by Falco's own
 * publishing tools carry versions like `0.18.0-0.17.0-3+abc1234`: a warning.
 */
export const falcoVersionSemver = defineRule({
  code: "falco-version-semver",
  severity: "warning",
  ref: ARTIFACT_REF,
  description:
    "Artifact, dependency and alternative versions are semver without build metadata, as falcoctl's CLI requires.",
  messages: {
    notSemver:
      'version {{version}} is not a semantic version without build metadata (like "1.2.3" or "1.2.3-rc.1"), which falcoctl\'s CLI requires',
  },
  check(config: FalcoConfig, report) {
    for (const { pointer, entry } of artifactRefs(config as Json)) {
      const version = entry.version;
      if (typeof version === "string" && version !== "" && !isFalcoSemver(version)) {
        report(`${pointer}/version`, "notSemver", { version: quoteValue(version) });
      }
    }
  },
});

/**
 * falcoctl pkg/oci/types.go, ArtifactRequirement: requirements are free name/version pairs, and only
 * the names Falco tools compare have an effect: `engine_version_semver`, `plugin_api_version`, and
 * the legacy `engine_version`. Any other name is silently ignored, usually a typo.
 */
export const falcoRequirementUnknown = defineRule({
  code: "falco-requirement-unknown",
  severity: "warning",
  ref: TYPES_REF,
  description: `Requirement names are ones Falco tools check: ${Object.keys(knownFalcoRequirements).join(", ")}.`,
  messages: {
    unknown: `requirement {{name}} is not one Falco tools check; the known ones are ${Object.keys(knownFalcoRequirements).join(", ")}`,
  },
  check(config: FalcoConfig, report) {
    for (const { pointer, entry } of requirements(config as Json)) {
      const name = entry.name;
      if (typeof name === "string" && name !== "" && !Object.hasOwn(knownFalcoRequirements, name)) {
        report(`${pointer}/name`, "unknown", { name: quoteValue(name) });
      }
    }
  },
});

/**
 * `engine_version_semver` and `plugin_api_version` are compared as semantic versions; the legacy
 * `engine_version` holds Falco's integer engine version (`"26"`) or, later, a semantic version. A
 * value of another form cannot be compared, so the requirement check fails at install time.
 */
export const falcoRequirementVersionFormat = defineRule({
  code: "falco-requirement-version-format",
  severity: "warning",
  strictSeverity: "error",
  ref: TYPES_REF,
  description:
    "Known requirements carry a comparable version: semver, or an integer for the legacy engine_version.",
  messages: { incomparable: "{{problem}}; the requirement cannot be compared" },
  check(config: FalcoConfig, report) {
    for (const { pointer, entry } of requirements(config as Json)) {
      const { name, version } = entry;
      if (typeof name !== "string" || typeof version !== "string" || version === "") continue;
      const problem = falcoRequirementVersionProblem(name, version);
      if (problem) report(`${pointer}/version`, "incomparable", { problem });
    }
  },
});

/**
 * Artifacts published before 2024 require `engine_version` with Falco's integer engine version;
 * current tools write `engine_version_semver`. Accepted, with a note (`info`): the published
 * artifacts on ghcr.io carry it (falco-rules 1 and 2, k8saudit-rules 0.6) and falcoctl still reads
 * it, so it names no portability problem.
 */
export const falcoRequirementLegacy = defineRule({
  code: "falco-requirement-legacy",
  severity: "info",
  ref: TYPES_REF,
  description: "Requirements use engine_version_semver rather than the legacy integer engine_version.",
  messages: {
    legacy:
      "engine_version {{version}} is the legacy integer form; current artifacts require engine_version_semver",
  },
  check(config: FalcoConfig, report) {
    for (const { pointer, entry } of requirements(config as Json)) {
      if (entry.name === "engine_version") {
        report(`${pointer}/name`, "legacy", { version: quoteValue(entry.version) });
      }
    }
  },
});

/** The message of both duplicate rules: `what` names the kind of entry. */
const DUPLICATE_MESSAGES = {
  duplicate: "{{what}} {{name}} appears twice (first at {{first}}); falcoctl writes each name once",
} as const;

function reportDuplicates(
  entries: Entry[],
  report: RuleReport<typeof DUPLICATE_MESSAGES>,
  what: Entry["role"],
): void {
  const seen = new Map<string, string>();
  for (const { pointer, entry } of entries) {
    if (typeof entry.name !== "string") continue;
    const first = seen.get(entry.name);
    if (first === undefined) seen.set(entry.name, pointer);
    else report(`${pointer}/name`, "duplicate", { what, name: quoteValue(entry.name), first });
  }
}

/**
 * falcoctl pkg/oci/types.go, SetDependency and SetAlternative: a dependency or alternative whose name
 * is already present only updates the version, so falcoctl never writes a name twice; a config that
 * does leaves consumers to pick one of the versions.
 */
export const falcoDependencyDuplicate = defineRule({
  code: "falco-dependency-duplicate",
  severity: "warning",
  ref: "falcoctl pkg/oci/types.go (SetDependency, SetAlternative)",
  description: "Each dependency name appears once, and each alternative name once per dependency.",
  messages: DUPLICATE_MESSAGES,
  check(config: FalcoConfig, report) {
    const deps = dependencies(config as Json);
    reportDuplicates(deps, report, "dependency");
    for (const dependency of deps) reportDuplicates(alternatives(dependency), report, "alternative");
  },
});

/** falcoctl pkg/oci/types.go, SetRequirement: a repeated requirement name only updates the version. */
export const falcoRequirementDuplicate = defineRule({
  code: "falco-requirement-duplicate",
  severity: "warning",
  ref: "falcoctl pkg/oci/types.go (SetRequirement)",
  description: "Each requirement name appears once.",
  messages: DUPLICATE_MESSAGES,
  check(config: FalcoConfig, report) {
    reportDuplicates(requirements(config as Json), report, "requirement");
  },
});

/**
 * falcoctl pkg/oci/types.go: ArtifactDependency, Dependency and ArtifactRequirement always carry
 * `name` and `version` (no `omitempty`); an entry without them cannot be resolved or compared.
 */
export const falcoEntryIncomplete = defineRule({
  code: "falco-entry-incomplete",
  severity: "warning",
  ref: TYPES_REF,
  description: "Every dependency, alternative and requirement has a non-empty name and version.",
  messages: { missing: "{{role}} has no {{member}}; it cannot be resolved" },
  check(config: FalcoConfig, report) {
    for (const { pointer, entry, role } of allEntries(config as Json)) {
      for (const member of ["name", "version"] as const) {
        const value = entry[member];
        if (typeof value !== "string" || value === "") {
          report(value === undefined ? pointer : `${pointer}/${member}`, "missing", { role, member });
        }
      }
    }
  },
});

const KNOWN_MEMBERS = {
  config: Object.keys(falcoConfigMembers),
  dependency: Object.keys(falcoDependencyMembers),
  alternative: Object.keys(falcoRequirementMembers),
  requirement: Object.keys(falcoRequirementMembers),
} as const;

/** Every object of the config with the members falcoctl's structs define for it. */
function objectsWithMembers(config: Json): { pointer: string; object: Json; known: readonly string[] }[] {
  return [
    { pointer: "", object: config, known: KNOWN_MEMBERS.config },
    ...allEntries(config).map(({ pointer, entry, role }) => ({
      pointer,
      object: entry,
      known: KNOWN_MEMBERS[role],
    })),
  ];
}

/**
 * Go's encoding/json ignores members a struct does not define, so falcoctl reads past them;
 * they are usually typos (`dependecies`) and are reported so they are not silently lost.
 */
export const falcoUnknownMember = defineRule({
  code: "falco-unknown-member",
  severity: "warning",
  ref: TYPES_REF,
  description: "Objects carry only the members falcoctl's structs define; others are ignored.",
  messages: { unknown: "member {{key}} is not a field falcoctl reads ({{known}}); it is ignored" },
  check(config: FalcoConfig, report) {
    for (const { pointer, object, known } of objectsWithMembers(config as Json)) {
      for (const key of Object.keys(object)) {
        if (known.includes(key) || known.some((k) => k.toLowerCase() === key.toLowerCase())) continue;
        report(`${pointer}/${pointerToken(key)}`, "unknown", {
          key: quoteValue(key),
          known: known.join(", "),
        });
      }
    }
  },
});

/** Go's encoding/json decodes `null` as the field's zero value: accepted, but never written by falcoctl. */
export const falcoNullValue = defineRule({
  code: "falco-null-value",
  severity: "warning",
  ref: "Go encoding/json Unmarshal (null is a no-op); falcoctl pkg/oci/types.go (omitempty)",
  description: "Members are left out rather than set to null.",
  messages: { null: "null is read as an absent value; leave the member out instead" },
  check(config: FalcoConfig, report) {
    const visit = (value: unknown, pointer: string): void => {
      if (value === null) report(pointer, "null");
      else if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) visit(value[i], `${pointer}/${i}`);
      } else if (isObject(value))
        for (const key of Object.keys(value)) visit(value[key], `${pointer}/${pointerToken(key)}`);
    };
    visit(config, "");
  },
});

/** Every rule on Falco config blobs, in report order. */
export const falcoConfigRules: Rule<FalcoConfig>[] = [
  falcoNameFormat,
  falcoVersionSemver,
  falcoRequirementUnknown,
  falcoRequirementVersionFormat,
  falcoRequirementLegacy,
  falcoDependencyDuplicate,
  falcoRequirementDuplicate,
  falcoEntryIncomplete,
  falcoUnknownMember,
  falcoNullValue,
];
