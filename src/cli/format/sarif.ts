import { pathToFileURL } from "node:url";
import type { Issue } from "../../validate/index.js";
import type { LintReport } from "../lint/lint-report.js";

/** Options for {@link formatSarif}. */
export interface SarifFormatOptions {
  /** ocispec's version, recorded as the tool version. */
  version: string;
  /** The directory file paths are relative to; becomes the `%SRCROOT%` base URI. */
  cwd: string;
  /** What a rule code means and which spec section it enforces, for the rules' descriptions. */
  describeRule?: (code: string) => { description: string; ref: string } | undefined;
}

/** Where the SARIF 2.1.0 schema is published (OASIS standard, errata 01). */
export const SARIF_SCHEMA_URI =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  defaultConfiguration: { level: SarifLevel };
  properties?: { specReference: string };
}

/** SARIF 2.1.0 §3.27.10 result levels ocispec uses. */
type SarifLevel = "error" | "warning" | "note";

/** A severity as a SARIF level: `info` is a `note`; a severity this version does not know, a `warning`. */
function sarifLevel(severity: string): SarifLevel {
  return severity === "error" ? "error" : severity === "info" ? "note" : "warning";
}

/**
 * SARIF 2.1.0 for code-scanning uploads (e.g. `github/codeql-action/upload-sarif`): one run, one
 * rule per finding code, one result per finding with its file, line, column and JSON Pointer (as a
 * logical location), and each linted file as an artifact with its sha-256.
 */
export function formatSarif(report: LintReport, options: SarifFormatOptions): string {
  return `${JSON.stringify(toSarifLog(report, options), null, 2)}\n`;
}

/** The plain object behind {@link formatSarif}. */
export function toSarifLog(report: LintReport, options: SarifFormatOptions) {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const ruleFor = (issue: Issue): number => {
    const index = ruleIndex.get(issue.code);
    if (index !== undefined) return index;
    const known = options.describeRule?.(issue.code);
    const rule: SarifRule = {
      id: issue.code,
      shortDescription: { text: known?.description ?? `ocispec rule ${issue.code}` },
      defaultConfiguration: { level: sarifLevel(issue.severity) },
    };
    const ref = known?.ref ?? issue.ref;
    if (ref !== undefined) rule.properties = { specReference: ref };
    rules.push(rule);
    ruleIndex.set(issue.code, rules.length - 1);
    return rules.length - 1;
  };

  const artifacts = report.files.map((file) => {
    const artifact: {
      location: { uri: string; uriBaseId: string };
      hashes?: Record<string, string>;
    } = { location: { uri: toUriReference(file.path), uriBaseId: "%SRCROOT%" } };
    if (file.digest?.startsWith("sha256:")) artifact.hashes = { "sha-256": file.digest.slice(7) };
    else if (file.digest?.startsWith("sha512:")) artifact.hashes = { "sha-512": file.digest.slice(7) };
    return artifact;
  });

  const results = report.files.flatMap((file, fileIndex) =>
    file.issues.map((issue) => {
      const physicalLocation: {
        artifactLocation: { uri: string; uriBaseId: string; index: number };
        region?: { startLine: number; startColumn?: number };
      } = { artifactLocation: { uri: toUriReference(file.path), uriBaseId: "%SRCROOT%", index: fileIndex } };
      if (issue.line !== undefined) {
        physicalLocation.region =
          issue.column !== undefined
            ? { startLine: issue.line, startColumn: issue.column }
            : { startLine: issue.line };
      }
      const location: {
        physicalLocation: typeof physicalLocation;
        logicalLocations?: { fullyQualifiedName: string; kind: string }[];
      } = { physicalLocation };
      if (issue.path !== "")
        location.logicalLocations = [{ fullyQualifiedName: issue.path, kind: "element" }];
      return {
        ruleId: issue.code,
        ruleIndex: ruleFor(issue),
        level: sarifLevel(issue.severity),
        message: { text: issue.message },
        locations: [location],
      };
    }),
  );

  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0" as const,
    runs: [
      {
        tool: {
          driver: {
            name: "ocispec",
            version: options.version,
            semanticVersion: options.version,
            rules,
          },
        },
        originalUriBaseIds: {
          "%SRCROOT%": { uri: `${pathToFileURL(options.cwd).href.replace(/\/?$/, "/")}` },
        },
        artifacts,
        results,
      },
    ],
  };
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
export function toUriReference(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
