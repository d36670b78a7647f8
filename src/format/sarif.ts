import type { Issue } from "../vocabulary/issue.js";
import { PROJECT_URL, ruleDocsUrl } from "./docs-url.js";
import { type LintReport, severityClass } from "./report.js";

/**
 * Options for {@link formatSarif}.
 *
 * @example
 * formatSarif(report, { version: "0.1.0", baseUri: "file:///work/repo/" })
 */
export interface SarifFormatOptions {
  /** ocispec's version, recorded as the tool version. */
  version: string;
  /**
   * The absolute URI (ending in `/`) file paths are relative to: the `%SRCROOT%` base, e.g. the
   * working directory as a `file:` URL. Without it, consumers resolve `%SRCROOT%` themselves.
   */
  baseUri?: string | undefined;
  /** What a rule code means and which spec section it enforces, for the rules' descriptions. */
  describeRule?: ((code: string) => { description: string; ref: string } | undefined) | undefined;
  /** Where a rule is documented (`rules[].helpUri`); default {@link ruleDocsUrl}. */
  helpUri?: ((code: string) => string | undefined) | undefined;
  /** The tool's home page (`tool.driver.informationUri`); default the project's. */
  informationUri?: string | undefined;
}

/**
 * Where the SARIF 2.1.0 schema is published (OASIS standard, errata 01): the log's `$schema`.
 *
 * @example
 * JSON.parse(formatSarif(report, { version })).$schema === SARIF_SCHEMA_URI // true
 */
export const SARIF_SCHEMA_URI =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

type SarifLevel = "error" | "warning" | "note";

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties?: { specReference: string };
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

interface Notification {
  level: SarifLevel | "error";
  message: { text: string };
  descriptor: { id: string };
  locations?: { physicalLocation: { artifactLocation: ArtifactLocation } }[];
}

/**
 * SARIF 2.1.0 for code-scanning uploads (e.g. `github/codeql-action/upload-sarif`): one run, one
 * rule per finding code (with `helpUri` to its docs section), one result per finding with its file,
 * line, column and JSON Pointer (as a logical location), each linted file as an artifact with its
 * sha-256; skipped files and inputs that could not be checked as tool execution notifications.
 * `info` findings have level `note`.
 *
 * @example
 * writeFileSync("ocispec.sarif", formatSarif(report, { version: "0.1.0", baseUri: pathToFileURL(".").href + "/" }))
 */
export function formatSarif(report: LintReport, options: SarifFormatOptions): string {
  return `${JSON.stringify(toSarifLog(report, options), null, 2)}\n`;
}

/**
 * The plain object behind {@link formatSarif}.
 *
 * @example
 * toSarifLog(report, { version: "0.1.0" }).runs[0].results.length // one per finding
 */
export function toSarifLog(report: LintReport, options: SarifFormatOptions) {
  const helpUri = options.helpUri ?? ruleDocsUrl;
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const ruleFor = (issue: Issue): number => {
    const index = ruleIndex.get(issue.code);
    if (index !== undefined) return index;
    const known = options.describeRule?.(issue.code);
    const rule: SarifRule = {
      id: issue.code,
      shortDescription: { text: known?.description ?? `ocispec rule ${issue.code}` },
      defaultConfiguration: { level: severityClass(issue.severity) },
    };
    const uri = helpUri(issue.code);
    if (uri !== undefined) rule.helpUri = uri;
    const ref = known?.ref ?? issue.ref;
    if (ref !== undefined) rule.properties = { specReference: ref };
    rules.push(rule);
    ruleIndex.set(issue.code, rules.length - 1);
    return rules.length - 1;
  };

  const artifacts = report.files.map((file) => {
    const artifact: { location: ArtifactLocation; hashes?: Record<string, string> } = {
      location: artifactLocation(file.path),
    };
    if (file.digest?.startsWith("sha256:")) artifact.hashes = { "sha-256": file.digest.slice(7) };
    else if (file.digest?.startsWith("sha512:")) artifact.hashes = { "sha-512": file.digest.slice(7) };
    return artifact;
  });

  const results = report.files.flatMap((file, fileIndex) =>
    file.issues.map((issue) => {
      const physicalLocation: {
        artifactLocation: ArtifactLocation;
        region?: { startLine: number; startColumn?: number };
      } = { artifactLocation: { ...artifactLocation(file.path), index: fileIndex } };
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
        level: severityClass(issue.severity),
        message: { text: issue.message },
        locations: [location],
      };
    }),
  );

  const notifications: Notification[] = [
    ...report.skipped.map(
      (file): Notification => ({
        level: "note",
        message: { text: `skipped ${file.path}: ${file.reason}` },
        descriptor: { id: "file-skipped" },
        locations: [{ physicalLocation: { artifactLocation: artifactLocation(file.path) } }],
      }),
    ),
    ...report.unchecked.map(
      (input): Notification => ({
        level: "error",
        message: { text: input.message },
        descriptor: { id: "input-unchecked" },
      }),
    ),
  ];

  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: "ocispec",
        version: options.version,
        semanticVersion: options.version,
        informationUri: options.informationUri ?? PROJECT_URL,
        rules,
      },
    },
    invocations: [
      {
        executionSuccessful: report.unchecked.length === 0,
        ...(notifications.length > 0 && { toolExecutionNotifications: notifications }),
      },
    ],
  };
  if (options.baseUri !== undefined) run.originalUriBaseIds = { "%SRCROOT%": { uri: options.baseUri } };
  run.artifacts = artifacts;
  run.results = results;
  return { $schema: SARIF_SCHEMA_URI, version: "2.1.0" as const, runs: [run] };
}

/** A shown path as a SARIF artifact location: relative ones under `%SRCROOT%`, absolute ones as `file:` URIs. */
function artifactLocation(path: string): ArtifactLocation {
  if (path.startsWith("/")) return { uri: `file://${toUriReference(path)}` };
  if (/^[A-Za-z]:\//.test(path))
    return { uri: `file:///${path.slice(0, 2)}${toUriReference(path.slice(2))}` };
  return { uri: toUriReference(path), uriBaseId: "%SRCROOT%" };
}

/**
 * A `/`-separated path as a URI reference: each segment percent-encoded, `/` kept.
 *
 * @example
 * toUriReference("images/my app/manifest.json") // "images/my%20app/manifest.json"
 */
export function toUriReference(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
