import { statSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { formatGithub } from "../../format/github.js";
import { formatJson } from "../../format/json.js";
import {
  buildReport,
  type LintedFile,
  type LintReport,
  reportExitStatus,
  type UncheckedInput,
} from "../../format/report.js";
import { formatSarif } from "../../format/sarif.js";
import { formatText } from "../../format/text.js";
import { DEFAULT_MAX_BYTES } from "../../json/index.js";
import { registryProfiles } from "../../registry/profiles/index.js";
import type { Command } from "../command.js";
import { type LintConfig, mergeLintConfig } from "../config/lint-config.js";
import { LINT_FLAGS, lintConfigFromFile, lintConfigFromFlags } from "../config/lint-flags.js";
import { discoverTargets, type LintTarget } from "../input/discover.js";
import { digestFile } from "../input/hash-file.js";
import { describeFsError, readInputHead } from "../input/read-input.js";
import type { CliIo } from "../io.js";
import { directoryLayoutStore } from "../layout/layout-store.js";
import { lintLayout } from "../layout/lint-layout.js";
import { meantAsDocument } from "../lint/classify-document.js";
import { lintDocument } from "../lint/lint-document.js";
import { oneOf, type ParsedFlags, parseFlags, stringFlag } from "../parse-flags.js";
import { createProgress, type Progress } from "../progress.js";
import { isRemoteLint, lintRemote, REMOTE_LINT_HELP } from "../remote/lint-remote.js";
import { issueCodes } from "../rules/issue-codes.js";
import { InputError, UsageError } from "../usage-error.js";
import { packageVersion } from "../version.js";

/** The output formats of `ocispec lint`. */
export const LINT_FORMATS = ["text", "json", "sarif", "github"] as const;
/** One of {@link LINT_FORMATS}. */
export type LintFormat = (typeof LINT_FORMATS)[number];

/** Every registry and client profile, as \`--target\` takes them, read from the profiles' registration. */
const targetNames = wrapList(
  registryProfiles.map((profile) => profile.name),
  50,
  "\n                             ",
);

const help = `Usage: ocispec lint [options] [paths…]

Validates OCI image manifests, indexes, image configs, Docker v2 manifests and manifest lists,
Falco artifact configs and whole OCI image layouts. With no path, lints the current directory.

Paths:
  <file>        linted whatever its name; its kind comes from --media-type, the document's
                "mediaType" field or its shape. JSON that is no OCI, Docker or Falco
                document (package.json, tsconfig.json…) is listed as skipped; a broken
                file that looks like a document is linted and fails
  <directory>   walked recursively: *.json files linted or skipped as above
  <layout>      a directory with an oci-layout file: the graph from index.json is walked —
                every blob present with the right size and digest, manifests, indexes and
                configs validated, unreferenced blobs reported as warnings; symbolic
                links that leave the layout are refused, not followed
  -             standard input

Options:
  -f, --format <format>     text (default), json, sarif or github
  -o, --output-file <file>  write the report to a file instead of standard output
  -m, --media-type <type>   validate files given by name and stdin as this media type
      --include <glob>      files to lint in directory walks (repeatable; default **/*.json)
      --ignore <glob>       files or directories to skip, in walks and when named
                            (repeatable; absolute paths too)
      --preset <preset>     default or strict (portability warnings become errors)
      --rule <code=level>   set a rule to off, warning or error (repeatable)
      --target <registries> registries that must accept the documents: what one refuses
                            is an error, what it handles differently a warning
                            (comma-separated: ${targetNames})
      --max-warnings <n>    exit 1 when there are more than n warnings
      --deep                in layouts, also decompress every layer and check it against the
                            config's rootfs.diff_ids, and index platforms against configs
  -q, --quiet               report errors only
  -c, --config <file>       read settings from this file instead of searching for one
      --no-config           ignore .ocispec.json and package.json "ocispec"
      --no-skip-unknown     JSON that is no document is an error (kind-unknown), not skipped
      --no-error-on-unmatched-pattern
                            exit 0, not 2, when a path or the whole run matches no
                            document (hooks: a push that changes no manifest)
      --color, --no-color   force colour on or off (default: on for a terminal)
  -h, --help                show this help

Config: the nearest .ocispec.json, or "ocispec" key in package.json, walking up from the
working directory: { "preset", "rules", "include", "ignore", "maxWarnings", "targets" }.
Flags win. Rule codes (flags and config) must be ones \`ocispec rules\` lists.

Examples:
  ocispec lint examples/
  ocispec lint examples/image/manifest.json examples/falco-plugin/index.json
  curl -s … | ocispec lint --media-type application/vnd.oci.image.manifest.v1+json -
  ocispec lint --format sarif -o ocispec.sarif .
  ocispec lint --format github --max-warnings 0 .
  ocispec lint --preset strict --rule layers-empty=off examples/layout/
  ocispec lint --target gitlab,ecr examples/falco-rulesfile/

Exit status: 0 no errors (and warnings within --max-warnings), 1 findings,
2 usage error, unreadable input, or no documents matched.

${REMOTE_LINT_HELP}`;

const FLAGS = {
  ...LINT_FLAGS,
  "media-type": { type: "string", short: "m" },
  include: { type: "string", multiple: true },
  ignore: { type: "string", multiple: true },
  "no-skip-unknown": { type: "boolean" },
  "no-error-on-unmatched-pattern": { type: "boolean" },
} as const;

/** `ocispec lint [paths…]`. */
export const lintCommand: Command = {
  name: "lint",
  summary: "validate documents, directories and OCI layouts (text, json, sarif, github)",
  help,
  async run(argv, io) {
    if (isRemoteLint(argv, io.cwd)) return lintRemote(argv, io);
    const flags = parseFlags(argv, FLAGS, "lint");
    const format = oneOf(stringFlag(flags, "format") ?? "text", LINT_FORMATS, "--format", "lint");
    const config = mergeLintConfig(lintConfigFromFile(flags, io), lintConfigFromFlags(flags));
    const quiet = flags.values.quiet === true;
    const outputFile = stringFlag(flags, "output-file");
    const mediaType = stringFlag(flags, "media-type");
    if (mediaType === "") throw new UsageError("--media-type needs a media type", "lint");
    const skipUnknown = flags.values["no-skip-unknown"] !== true;
    const errorOnUnmatched = flags.values["no-error-on-unmatched-pattern"] !== true;

    const progress = quiet ? createProgress({ write() {}, isTTY: false }) : createProgress(io.stderr);
    // An input that cannot be checked is reported and fails the run (exit 2); the rest is still linted.
    const unchecked: UncheckedInput[] = [];
    const reportUnchecked = (input: string, message: string) => {
      progress.done();
      io.stderr.write(`ocispec: ${message}\n`);
      unchecked.push({ input, message });
    };
    const inputs = flags.positionals.length > 0 ? flags.positionals : ["."];
    const targets = discoverTargets(inputs, {
      cwd: io.cwd,
      include: config.include,
      ignore: config.ignore,
      onUnreadable: (error, input) => reportUnchecked(input, error.message),
    });
    const files: LintedFile[] = [];
    // How many documents each input led to, for "no documents matched".
    const documents = new Map<string, number>();
    const context: TargetContext = {
      config,
      mediaType,
      registryTargets: config.targets,
      io,
      progress,
      skipUnknown,
      deep: flags.values.deep === true,
    };
    for (const target of targets) {
      try {
        for (const file of await lintTarget(target, context)) {
          files.push(file);
          if (file.skipped === undefined) documents.set(target.input, (documents.get(target.input) ?? 0) + 1);
        }
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        reportUnchecked(target.input, error.message);
      }
    }
    progress.done();
    if (errorOnUnmatched) {
      for (const message of unmatched(inputs, documents, unchecked, io.cwd))
        reportUnchecked(message.input, message.message);
    }

    const report = buildReport(files, { rules: config.rules, quiet, unchecked });
    const output = render(report, format, {
      color: useColor(flags, io, format, outputFile),
      maxWarnings: config.maxWarnings,
      cwd: io.cwd,
    });
    if (outputFile !== undefined) {
      try {
        writeFileSync(resolve(io.cwd, outputFile), output);
      } catch (error) {
        throw new InputError(`cannot write ${outputFile}: ${describeFsError(error)}`);
      }
    } else {
      io.stdout.write(output);
    }
    return reportExitStatus(report.summary, config.maxWarnings);
  },
};

const UNMATCHED_HINT = "(--no-error-on-unmatched-pattern allows that)";

/**
 * ESLint 9's rule: a directory that yields no document is an error, and so is a run that lints
 * nothing at all — a check that checked nothing is not a success. Files named on the command line
 * that are skipped are not errors by themselves (they are listed as skipped).
 */
function unmatched(
  inputs: readonly string[],
  documents: ReadonlyMap<string, number>,
  unchecked: readonly UncheckedInput[],
  cwd: string,
): UncheckedInput[] {
  const failed = new Set(unchecked.map((entry) => entry.input));
  const out: UncheckedInput[] = [];
  for (const input of new Set(inputs)) {
    if (failed.has(input) || input === "-" || (documents.get(input) ?? 0) > 0) continue;
    if (statSync(resolve(cwd, input), { throwIfNoEntry: false })?.isDirectory()) {
      out.push({ input, message: `no documents matched ${input} ${UNMATCHED_HINT}` });
    }
  }
  const total = [...documents.values()].reduce((sum, n) => sum + n, 0);
  if (total === 0 && unchecked.length === 0 && out.length === 0) {
    out.push({ input: "", message: `no documents matched ${UNMATCHED_HINT}` });
  }
  return out;
}

interface TargetContext {
  config: LintConfig;
  mediaType: string | undefined;
  /** `--target`: registry profiles whose known refusals become findings. */
  registryTargets: readonly string[] | undefined;
  /** `--deep`: the image content checks on layouts. */
  deep: boolean;
  io: CliIo;
  progress: Progress;
  /** False with `--no-skip-unknown`: JSON that is no document is an error, not skipped. */
  skipUnknown: boolean;
}

/** Why a file is skipped. */
const NOT_A_DOCUMENT = "not an OCI, Docker or Falco document";

async function lintTarget(target: LintTarget, context: TargetContext): Promise<LintedFile[]> {
  const { config, io, progress } = context;
  const settings = { preset: config.preset, rules: config.rules, targets: context.registryTargets };
  if (target.type === "stdin") {
    let bytes: Uint8Array;
    try {
      bytes = await io.readStdin();
    } catch (error) {
      throw new InputError(`cannot read standard input: ${describeFsError(error)}`);
    }
    return [lintOne(target.display, "", bytes, { ...settings, mediaType: context.mediaType }, context)];
  }
  if (target.type === "layout") {
    return lintLayout(directoryLayoutStore(target.path), {
      display: target.display,
      ...settings,
      deep: context.deep,
      onFile: (path) => progress.tick(`${target.display}/${path}`),
    });
  }
  if (target.ignoredBy !== undefined) {
    return [skipped(target.display, `ignored: matches the ignore pattern "${target.ignoredBy}"`)];
  }
  progress.tick(target.display);
  const { bytes, size } = readInputHead(target.path, DEFAULT_MAX_BYTES, target.display);
  const name = basename(target.path);
  const mediaType = target.explicit ? context.mediaType : undefined;
  if (size > bytes.length) {
    // Never read whole: the head's signs decide whether it is a (too large) document.
    if (
      context.skipUnknown &&
      mediaType === undefined &&
      !meantAsDocument(name, new TextDecoder().decode(bytes))
    ) {
      return [skipped(target.display, `${NOT_A_DOCUMENT} (over 4 MiB, not read)`)];
    }
    return [tooLarge(target.display, target.path, size)];
  }
  return [lintOne(target.display, name, bytes, { ...settings, mediaType }, context)];
}

/**
 * Lints one document, or says it is skipped: validate's own answer decides (kind `unknown` with no
 * finding but `kind-unknown`); text it cannot read as JSON is skipped unless its name or members
 * say it was meant as a document. A media type given on the command line is never second-guessed.
 */
function lintOne(
  display: string,
  name: string,
  bytes: Uint8Array,
  options: Parameters<typeof lintDocument>[2],
  context: TargetContext,
): LintedFile {
  const { file, document } = lintDocument(display, bytes, options);
  if (file.kind !== "unknown" || options.mediaType !== undefined) return file;
  if (!context.skipUnknown) {
    // `--no-skip-unknown`: "not a document" is a failure whatever severity validate gives it.
    return {
      ...file,
      issues: file.issues.map((issue) =>
        issue.code === "kind-unknown" ? { ...issue, severity: "error" as const } : issue,
      ),
    };
  }
  const notADocument = file.issues.every((issue) => issue.code === "kind-unknown");
  if (notADocument) return skipped(display, NOT_A_DOCUMENT, file.digest);
  if (document === undefined && !meantAsDocument(name, new TextDecoder().decode(bytes))) {
    const why = file.issues[0]?.message;
    return skipped(
      display,
      `not JSON, and nothing in it says it is a document${why ? ` (${why})` : ""}`,
      file.digest,
    );
  }
  return file;
}

function skipped(display: string, reason: string, digest?: string): LintedFile {
  return { path: display, kind: "unknown", digest, issues: [], skipped: reason };
}

/** The entry for a document over the size limit: reported as the reader would, never loaded whole. */
function tooLarge(display: string, path: string, size: number): LintedFile {
  return {
    path: display,
    kind: "unknown",
    digest: digestFile(path),
    issues: [
      {
        code: "json-too-large",
        severity: "error",
        path: "",
        message: `the document is ${size} bytes, more than the ${DEFAULT_MAX_BYTES} (4 MiB) registries must accept; it was not read`,
      },
    ],
  };
}

/**
 * Colour: `--color`/`--no-color`; then FORCE_COLOR when set and not empty (`0` or `false` off, any
 * other value on, as Node reads it); then NO_COLOR when set and not empty (off); then "is stdout a
 * terminal".
 */
function useColor(
  flags: ParsedFlags,
  io: CliIo,
  format: LintFormat,
  outputFile: string | undefined,
): boolean {
  if (format !== "text" || outputFile !== undefined) return false;
  if (flags.values["no-color"]) return false;
  if (flags.values.color) return true;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  return io.stdout.isTTY;
}

const ruleDescriptions = new Map<string, { description: string; ref: string }>(
  issueCodes.map((entry) => [entry.code, { description: entry.description, ref: entry.ref }]),
);

/** What a code means, from every catalog `ocispec rules` lists. */
function describeRule(code: string) {
  return ruleDescriptions.get(code);
}

function render(
  report: LintReport,
  format: LintFormat,
  options: { color: boolean; maxWarnings: number | undefined; cwd: string },
): string {
  switch (format) {
    case "json":
      return formatJson(report);
    case "sarif":
      return formatSarif(report, {
        version: packageVersion(),
        baseUri: pathToFileURL(options.cwd).href.replace(/\/?$/, "/"),
        describeRule,
      });
    case "github":
      return formatGithub(report);
    default:
      return formatText(report, { color: options.color, maxWarnings: options.maxWarnings });
  }
}

/** Names joined with ", ", broken into lines of at most `width` characters, each continued by `indent`. */
function wrapList(names: readonly string[], width: number, indent: string): string {
  const lines: string[] = [];
  let line = "";
  for (const name of names) {
    const next = line === "" ? name : `${line}, ${name}`;
    if (next.length > width && line !== "") {
      lines.push(`${line},`);
      line = name;
    } else line = next;
  }
  lines.push(line);
  return lines.join(indent);
}
