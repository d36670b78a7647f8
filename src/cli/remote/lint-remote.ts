import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createRegistrySession,
  fetchGraph,
  formatImageReference,
  type GraphNode,
  type ImageReference,
  looksLikeImageReference,
  parseImageReference,
  RegistryClientError,
} from "../../client/index.js";
import { formatGithub } from "../../format/github.js";
import { formatJson } from "../../format/json.js";
import { buildReport, type LintedFile, reportExitStatus } from "../../format/report.js";
import { formatSarif } from "../../format/sarif.js";
import { formatText } from "../../format/text.js";
import { layoutIssueCodes } from "../../layout/layout-issue-codes.js";
import type { Issue } from "../../validate/index.js";
import type { IssueCode } from "../../vocabulary/vocabulary.generated.js";
import { type LintConfig, mergeLintConfig } from "../config/lint-config.js";
import { LINT_FLAGS, lintConfigFromFile, lintConfigFromFlags } from "../config/lint-flags.js";
import type { CliIo } from "../io.js";
import { lintDocument } from "../lint/lint-document.js";
import { booleanFlag, oneOf, parseFlags, stringFlag } from "../parse-flags.js";
import { createProgress } from "../progress.js";
import { issueCodes } from "../rules/issue-codes.js";
import { InputError, UsageError } from "../usage-error.js";
import { packageVersion } from "../version.js";
import { CLIENT_FLAGS, CLIENT_FLAGS_HELP, clientOptionsFromFlags } from "./client-flags.js";

/** `ocispec lint <reference>`'s help, shown by `ocispec lint --help` below the local help. */
export const REMOTE_LINT_HELP = `Registry references (ocispec lint <registry>/<repository>[:<tag>|@<digest>] …):
  docker://… and oci://… spellings work too. The manifest or index is fetched with every
  manifest type in Accept, its graph walked (index → manifests → configs, and referrers via
  the referrers API or the tag schema), every document linted from the bytes the registry
  served, each verified against the digest that named it. --target predicts refusals.
      --deep                also fetch layers and verify their size and digest
      --no-referrers        do not look for referrers
${CLIENT_FLAGS_HELP}
  ocispec lint 127.0.0.1:5000/falco/rules:3.0.0 --plain-http --target gitlab
`;

const FLAGS = {
  ...LINT_FLAGS,
  "no-referrers": { type: "boolean" },
  ...CLIENT_FLAGS,
} as const;

/**
 * Whether `ocispec lint argv` names registry references: an operand spelled `docker://…`/`oci://…`,
 * or one whose first component is a host and which is not a path that exists.
 */
export function isRemoteLint(argv: readonly string[], cwd: string): boolean {
  return argv.some(
    (arg) =>
      !arg.startsWith("-") &&
      looksLikeImageReference(arg) &&
      (/^(docker|oci):\/\//.test(arg) || !existsSync(resolve(cwd, arg))),
  );
}

/** `ocispec lint <reference>…`: fetches each graph and lints it as the local lint would. */
export async function lintRemote(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, FLAGS, "lint");
  const format = oneOf(
    stringFlag(flags, "format") ?? "text",
    ["text", "json", "sarif", "github"] as const,
    "--format",
    "lint",
  );
  const config = mergeLintConfig(lintConfigFromFile(flags, io), lintConfigFromFlags(flags));
  const references = flags.positionals.map((operand) => {
    try {
      return parseImageReference(operand);
    } catch (error) {
      throw new UsageError((error as Error).message, "lint");
    }
  });
  const options = await clientOptionsFromFlags(
    flags,
    io,
    references.map((r) => r.registry),
    "lint",
  );
  const session = createRegistrySession(options);
  const progress = createProgress(io.stderr);
  const files: LintedFile[] = [];
  for (const reference of references) {
    let graph: Awaited<ReturnType<typeof fetchGraph>>;
    try {
      graph = await fetchGraph(reference, {
        session,
        deep: booleanFlag(flags, "deep"),
        referrers: !booleanFlag(flags, "no-referrers"),
        onNode: (node) => progress.tick(node.descriptor.digest),
      });
    } catch (error) {
      progress.done();
      if (error instanceof RegistryClientError)
        throw new InputError(`${formatImageReference(reference)}: ${error.message}`);
      throw error;
    }
    files.push(...lintGraph(reference, graph.nodes, config));
  }
  progress.done();
  const report = buildReport(files, { rules: config.rules, quiet: booleanFlag(flags, "quiet") });
  const color =
    format === "text" &&
    stringFlag(flags, "output-file") === undefined &&
    !booleanFlag(flags, "no-color") &&
    (booleanFlag(flags, "color") || (!io.env.NO_COLOR && io.stdout.isTTY));
  const output =
    format === "json"
      ? formatJson(report)
      : format === "sarif"
        ? formatSarif(report, {
            version: packageVersion(),
            baseUri: pathToFileURL(io.cwd).href.replace(/\/?$/, "/"),
            describeRule: (code) => ruleInfo.get(code),
          })
        : format === "github"
          ? formatGithub(report)
          : formatText(report, { color, maxWarnings: config.maxWarnings });
  const outputFile = stringFlag(flags, "output-file");
  if (outputFile === undefined) io.stdout.write(output);
  else writeFileSync(resolve(io.cwd, outputFile), output);
  return reportExitStatus(report.summary, config.maxWarnings);
}

const ruleInfo = new Map(
  issueCodes.map((entry) => [entry.code, { description: entry.description, ref: entry.ref }]),
);

/**
 * One lint entry per fetched node, shown as `<registry>/<repository>@<digest>` (the root keeps its
 * tag): documents validated from the served bytes as the media type their descriptor (or, for the
 * root, the registry's Content-Type) names; layers fetched under `--deep` listed as verified blobs.
 * A node that could not be fetched becomes a finding on the document that references it, with the
 * layout walk's codes (`blob-missing`, `blob-size-mismatch`, `blob-digest-mismatch`, `blob-too-large`).
 */
export function lintGraph(
  reference: ImageReference,
  nodes: readonly GraphNode[],
  config: LintConfig,
): LintedFile[] {
  const settings = { preset: config.preset, rules: config.rules, targets: config.targets };
  const shown = (node: GraphNode) =>
    node.role === "root"
      ? formatImageReference({ ...reference, digest: node.descriptor.digest })
      : `${reference.registry}/${reference.repository}@${node.descriptor.digest}`;
  const entries = new Map<string, LintedFile>();
  const files: LintedFile[] = [];
  for (const node of nodes) {
    if (node.bytes === undefined) continue;
    const file =
      node.role === "layer"
        ? {
            path: shown(node),
            kind: "blob",
            mediaType: node.descriptor.mediaType,
            digest: node.descriptor.digest,
            issues: [],
          }
        : lintDocument(shown(node), node.bytes, { ...settings, mediaType: node.descriptor.mediaType }).file;
    entries.set(node.descriptor.digest, file);
    files.push(file);
  }
  for (const node of nodes) {
    if (node.error === undefined) continue;
    const finding = fetchFinding(node);
    if (finding === undefined) throw new InputError(`${shown(node)}: ${node.error.message}`);
    const parent = node.parent !== undefined ? entries.get(node.parent.digest) : undefined;
    if (parent !== undefined) parent.issues.push(finding);
    else files.push({ path: shown(node), kind: "blob", digest: node.descriptor.digest, issues: [finding] });
  }
  return files;
}

const layoutCodes = new Map(layoutIssueCodes.map((entry) => [entry.code, entry]));

/** A fetch failure as the layout walk's finding, at the descriptor that named the content. */
function fetchFinding(node: GraphNode): Issue | undefined {
  const error = node.error as RegistryClientError;
  const code =
    error.status === 404
      ? "blob-missing"
      : error.code === "size-mismatch"
        ? "blob-size-mismatch"
        : error.code === "digest-mismatch"
          ? "blob-digest-mismatch"
          : error.code === "too-large"
            ? "blob-too-large"
            : undefined;
  const entry = code === undefined ? undefined : layoutCodes.get(code);
  if (entry === undefined) return undefined;
  const pointer = node.parent?.pointer ?? "";
  const field = code === "blob-size-mismatch" ? "size" : "digest";
  return {
    code: entry.code as IssueCode,
    severity: entry.severity,
    path: pointer === "" ? "" : `${pointer}/${field}`,
    message:
      code === "blob-missing"
        ? `${node.descriptor.digest} is not in the registry: ${error.message}`
        : error.message,
    ref: entry.ref,
  };
}
