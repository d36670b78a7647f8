import { existsSync, lstatSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../usage-error.js";
import { displayPath } from "./display-path.js";
import { compileGlob, firstMatch, type Glob, matchesAny } from "./glob.js";
import { describeFsError } from "./read-input.js";

/**
 * One thing to lint, found from the command-line paths; `input` is the argument it came from.
 * A file named on the command line that an ignore pattern matches carries `ignoredBy`: it is
 * reported as skipped, not linted.
 */
export type LintTarget =
  | { type: "file"; path: string; display: string; explicit: boolean; input: string; ignoredBy?: string }
  | { type: "layout"; path: string; display: string; input: string }
  | { type: "stdin"; display: "<stdin>"; input: "-" };

/** Options for {@link discoverTargets}. */
export interface DiscoverOptions {
  cwd: string;
  /** Globs a file found while walking a directory must match; default {@link DEFAULT_INCLUDE}. */
  include?: readonly string[] | undefined;
  /**
   * Globs of files and directories to skip: in walks, and for files named on the command line
   * (those are reported as skipped); always adds {@link DEFAULT_IGNORE} in walks.
   */
  ignore?: readonly string[] | undefined;
  /** Called for a path that cannot be read, so the rest is still found; by default the error is thrown. */
  onUnreadable?: (error: InputError, input: string) => void;
}

/** Files a directory walk picks up unless `--include` says otherwise. */
export const DEFAULT_INCLUDE: readonly string[] = ["**/*.json"];
/** Never walked into. */
export const DEFAULT_IGNORE: readonly string[] = ["**/node_modules/**", "**/.git/**"];

/** The file that marks a directory as an OCI image layout. */
export const LAYOUT_MARKER = "oci-layout";

/**
 * Expands command-line inputs into lint targets, in a stable order:
 * - `-` → standard input;
 * - a directory with an `oci-layout` file → one layout (walked as a graph later);
 * - another directory → walked recursively (sorted, symlinked directories not followed),
 *   keeping files that match `include` and not `ignore`; layouts inside are found too;
 * - a file of an OCI image layout (`oci-layout`, `index.json`, `blobs/<alg>/<encoded>`) → that whole
 *   layout, so a hook that passes changed files still checks the graph they belong to;
 * - any other file → linted whatever its name (explicit), unless an `ignore` pattern matches it.
 * A path that cannot be read is an {@link InputError} (exit 2), passed to `onUnreadable` when given.
 *
 * @example
 * discoverTargets(["examples"], { cwd }) // [{ type: "layout", display: "examples/layout", … }, { type: "file", … }]
 */
export function discoverTargets(inputs: readonly string[], options: DiscoverOptions): LintTarget[] {
  const include = (options.include ?? DEFAULT_INCLUDE).map(compileGlob);
  const userIgnore = (options.ignore ?? []).map(compileGlob);
  const ignore = [...DEFAULT_IGNORE.map(compileGlob), ...userIgnore];
  const targets: LintTarget[] = [];
  const seen = new Set<string>();
  const add = (target: LintTarget) => {
    const key = target.type === "stdin" ? "-" : target.path;
    if (seen.has(key)) return;
    seen.add(key);
    targets.push(target);
  };
  for (const input of inputs) {
    if (input === "-") {
      add({ type: "stdin", display: "<stdin>", input: "-" });
      continue;
    }
    const path = resolve(options.cwd, input);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      const unreadable = new InputError(`cannot read ${input}: ${describeFsError(error)}`);
      if (!options.onUnreadable) throw unreadable;
      options.onUnreadable(unreadable, input);
      continue;
    }
    const layout = isDirectory ? undefined : enclosingLayout(path);
    if (layout !== undefined) {
      add({ type: "layout", path: layout, display: displayPath(options.cwd, layout), input });
    } else if (!isDirectory) {
      const display = displayPath(options.cwd, path);
      const ignoredBy = firstMatch(userIgnore, display, path)?.pattern;
      add({
        type: "file",
        path,
        display,
        explicit: true,
        input,
        ...(ignoredBy !== undefined && { ignoredBy }),
      });
    } else {
      walk(path, { cwd: options.cwd, include, ignore, add, onUnreadable: options.onUnreadable, input });
    }
  }
  return targets;
}

interface Walk {
  cwd: string;
  include: Glob[];
  ignore: Glob[];
  add: (target: LintTarget) => void;
  onUnreadable: ((error: InputError, input: string) => void) | undefined;
  /** The command-line argument being walked. */
  input: string;
}

function walk(dir: string, context: Walk): void {
  const { cwd, include, ignore, add, input } = context;
  const shown = displayPath(cwd, dir);
  if (existsSync(join(dir, LAYOUT_MARKER))) {
    add({ type: "layout", path: dir, display: shown, input });
    return;
  }
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (error) {
    const unreadable = new InputError(`cannot read directory ${shown}: ${describeFsError(error)}`);
    if (!context.onUnreadable) throw unreadable;
    context.onUnreadable(unreadable, context.input);
    return;
  }
  for (const name of entries) {
    const path = join(dir, name);
    const display = displayPath(cwd, path);
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) {
      if (matchesAny(ignore, display, path) || matchesAny(ignore, `${display}/`, `${path}/`)) continue;
      walk(path, context);
    } else if (
      stat.isFile() ||
      (stat.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isFile())
    ) {
      if (matchesAny(include, display, path) && !matchesAny(ignore, display, path)) {
        add({ type: "file", path, display, explicit: false, input });
      }
    }
  }
}

/**
 * The root of the OCI image layout `file` belongs to — when it is the layout's `oci-layout`,
 * `index.json` or a blob at `blobs/<alg>/<encoded>` — or `undefined`.
 */
export function enclosingLayout(file: string): string | undefined {
  const name = basename(file);
  const parent = dirname(file);
  if (name === LAYOUT_MARKER || name === "index.json") {
    return existsSync(join(parent, LAYOUT_MARKER)) ? parent : undefined;
  }
  const root = dirname(dirname(parent));
  return basename(dirname(parent)) === "blobs" && existsSync(join(root, LAYOUT_MARKER)) ? root : undefined;
}
