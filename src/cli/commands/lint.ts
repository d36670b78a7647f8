import { writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { DEFAULT_MAX_BYTES } from "../../json/index.js";
import type { Command } from "../command.js";
import { findConfig, readConfigFile } from "../config/find-config.js";
import {
  type LintConfig,
  mergeLintConfig,
  parseMaxWarnings,
  parseRuleFlag,
  parseTargets,
} from "../config/lint-config.js";
import { EXIT_USAGE } from "../exit-codes.js";
import { formatGithub } from "../format/github.js";
import { formatJson } from "../format/json.js";
import { formatSarif } from "../format/sarif.js";
import { formatText } from "../format/text.js";
import { discoverTargets, type LintTarget } from "../input/discover.js";
import { digestFile } from "../input/hash-file.js";
import { describeFsError, readInputHead } from "../input/read-input.js";
import type { CliIo } from "../io.js";
import { directoryLayoutStore } from "../layout/layout-store.js";
import { lintLayout } from "../layout/lint-layout.js";
import { guessDocument } from "../lint/classify-document.js";
import { lintDocument } from "../lint/lint-document.js";
import { buildReport, exitStatusFor, type LintedFile, type LintReport } from "../lint/lint-report.js";
import { oneOf, type ParsedFlags, parseFlags, stringFlag, stringList } from "../parse-flags.js";
import { createProgress, type Progress } from "../progress.js";
import { isRemoteLint, lintRemote, REMOTE_LINT_HELP } from "../remote/lint-remote.js";
import { issueCodes } from "../rules/issue-codes.js";
import { InputError, UsageError } from "../usage-error.js";
import { packageVersion } from "../version.js";

/** The output formats of `ocispec lint`. */
export const LINT_FORMATS = ["text", "json", "sarif", "github"] as const;
/** One of {@link LINT_FORMATS}. */
export type LintFormat = (typeof LINT_FORMATS)[number];

const help = `Usage: ocispec lint [options] [paths…]

Validates OCI image manifests, indexes, image configs, Docker v2 manifests and manifest lists,
Falco artifact configs and whole OCI image layouts. With no path, lints the current directory.

Paths:
  <file>        linted whatever its name; its kind comes from --media-type, the document's
                "mediaType" field, its name (*.manifest.json, *.index.json, oci-layout) or
                its shape (image config, Falco config)
  <directory>   walked recursively; *.json files that are OCI, Docker or Falco documents are
                linted, other JSON (package.json, tsconfig.json…) is skipped
  <layout>      a directory with an oci-layout file: the graph from index.json is walked —
                every blob present with the right size and digest, manifests, indexes and
                configs validated, unreferenced blobs reported as warnings
  -             standard input

Options:
  -f, --format <format>     text (default), json, sarif or github
  -o, --output-file <file>  write the report to a file instead of standard output
  -m, --media-type <type>   validate files given by name and stdin as this media type
      --include <glob>      files to lint in directory walks (repeatable; default **/*.json)
      --ignore <glob>       files or directories to skip in walks (repeatable)
      --preset <preset>     default or strict (portability warnings become errors)
      --rule <code=level>   set a rule to off, warning or error (repeatable)
      --target <registries> also warn about what these registries refuse: gitlab,
                            distribution, zot, quay, harbor, ecr, gar (comma-separated)
      --max-warnings <n>    exit 1 when there are more than n warnings
  -q, --quiet               report errors only
  -c, --config <file>       read settings from this file instead of searching for one
      --no-config           ignore .ocispec.json and package.json "ocispec"
      --color, --no-color   force colour on or off (default: on for a terminal)
  -h, --help                show this help

Config: the nearest .ocispec.json, or "ocispec" key in package.json, walking up from the
working directory: { "preset", "rules", "include", "ignore", "maxWarnings", "targets" }.
Flags win. Rule codes (flags and config) must be ones \`ocispec rules\` lists.

Examples:
  ocispec lint examples/
  ocispec lint manifest.json index.json
  curl -s … | ocispec lint --media-type application/vnd.oci.image.manifest.v1+json -
  ocispec lint --format sarif -o ocispec.sarif .
  ocispec lint --format github --max-warnings 0 .
  ocispec lint --preset strict --rule layers-empty=off oci-layout-dir/
  ocispec lint --target gitlab,ecr falco-artifact/

Exit status: 0 no errors (and warnings within --max-warnings), 1 findings,
2 usage error or unreadable input.

${REMOTE_LINT_HELP}`;

const FLAGS = {
  format: { type: "string", short: "f" },
  "output-file": { type: "string", short: "o" },
  "media-type": { type: "string", short: "m" },
  include: { type: "string", multiple: true },
  ignore: { type: "string", multiple: true },
  preset: { type: "string" },
  rule: { type: "string", multiple: true },
  target: { type: "string", multiple: true },
  "max-warnings": { type: "string" },
  quiet: { type: "boolean", short: "q" },
  config: { type: "string", short: "c" },
  "no-config": { type: "boolean" },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
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
    const config = mergeLintConfig(fileConfig(flags, io), flagConfig(flags));
    const quiet = flags.values.quiet === true;
    const outputFile = stringFlag(flags, "output-file");
    const mediaType = stringFlag(flags, "media-type");
    if (mediaType === "") throw new UsageError("--media-type needs a media type", "lint");

    const progress = quiet ? createProgress({ write() {}, isTTY: false }) : createProgress(io.stderr);
    // An unreadable path is reported and counted; everything else is still linted.
    let unreadable = 0;
    const reportUnreadable = (error: InputError) => {
      progress.done();
      io.stderr.write(`ocispec: ${error.message}\n`);
      unreadable++;
    };
    const targets = discoverTargets(flags.positionals.length > 0 ? flags.positionals : ["."], {
      cwd: io.cwd,
      include: config.include,
      ignore: config.ignore,
      onUnreadable: reportUnreadable,
    });
    const files: LintedFile[] = [];
    for (const target of targets) {
      try {
        files.push(
          ...(await lintTarget(target, { config, mediaType, registryTargets: config.targets, io, progress })),
        );
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        reportUnreadable(error);
      }
    }
    progress.done();

    const report = buildReport(files, { rules: config.rules, quiet });
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
    if (unreadable > 0) return EXIT_USAGE;
    return exitStatusFor(report.summary, config.maxWarnings);
  },
};

interface TargetContext {
  config: LintConfig;
  mediaType: string | undefined;
  /** `--target`: registry profiles whose known refusals become findings. */
  registryTargets: readonly string[] | undefined;
  io: CliIo;
  progress: Progress;
}

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
    return [lintDocument(target.display, bytes, { ...settings, mediaType: context.mediaType }).file];
  }
  if (target.type === "layout") {
    return lintLayout(directoryLayoutStore(target.path), {
      display: target.display,
      ...settings,
      onFile: (path) => progress.tick(`${target.display}/${path}`),
    });
  }
  progress.tick(target.display);
  const { bytes, size } = readInputHead(target.path, DEFAULT_MAX_BYTES, target.display);
  const guess = guessDocument(basename(target.path), new TextDecoder().decode(bytes));
  if (!target.explicit && !guess.isDocument) return [];
  if (size > bytes.length) return [tooLarge(target.display, target.path, size)];
  const mediaType = (target.explicit ? context.mediaType : undefined) ?? guess.mediaType;
  return [lintDocument(target.display, bytes, { ...settings, mediaType }).file];
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

function fileConfig(flags: ParsedFlags, io: CliIo): LintConfig {
  if (flags.values["no-config"]) return {};
  const explicit = stringFlag(flags, "config");
  if (explicit !== undefined) return readConfigFile(resolve(io.cwd, explicit));
  return findConfig(io.cwd)?.config ?? {};
}

function flagConfig(flags: ParsedFlags): LintConfig {
  const config: LintConfig = {};
  const asUsageError = <T>(parse: () => T): T => {
    try {
      return parse();
    } catch (error) {
      throw new UsageError((error as Error).message, "lint");
    }
  };
  const preset = stringFlag(flags, "preset");
  if (preset !== undefined) config.preset = oneOf(preset, ["default", "strict"] as const, "--preset", "lint");
  const rules = stringList(flags, "rule");
  if (rules.length > 0)
    config.rules = Object.fromEntries(rules.map((r) => asUsageError(() => parseRuleFlag(r))));
  const include = stringList(flags, "include");
  if (include.length > 0) config.include = include;
  const ignore = stringList(flags, "ignore");
  if (ignore.length > 0) config.ignore = ignore;
  // `--target gitlab,ecr` (repeatable): checked names, or a usage error listing the known ones.
  const targets = stringList(flags, "target")
    .flatMap((value) => value.split(","))
    .map((name) => name.trim());
  if (targets.length > 0)
    config.targets = asUsageError(() =>
      parseTargets(
        targets.filter((name) => name !== ""),
        "--target",
      ),
    );
  const maxWarnings = stringFlag(flags, "max-warnings");
  if (maxWarnings !== undefined)
    config.maxWarnings = asUsageError(() => parseMaxWarnings(maxWarnings, "--max-warnings"));
  return config;
}

/** Colour: `--color`/`--no-color`, then NO_COLOR / FORCE_COLOR, then "is stdout a terminal". */
function useColor(
  flags: ParsedFlags,
  io: CliIo,
  format: LintFormat,
  outputFile: string | undefined,
): boolean {
  if (format !== "text" || outputFile !== undefined) return false;
  if (flags.values["no-color"]) return false;
  if (flags.values.color) return true;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0") return true;
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
      return formatSarif(report, { version: packageVersion(), cwd: options.cwd, describeRule });
    case "github":
      return formatGithub(report);
    default:
      return formatText(report, { color: options.color, maxWarnings: options.maxWarnings });
  }
}
