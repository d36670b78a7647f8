import { isAbsolute } from "node:path";
import picomatch from "picomatch";

/**
 * A compiled glob, matched against `/`-separated paths relative to the working directory (an
 * absolute pattern against the absolute path). Syntax as picomatch's: `*` (within a path segment),
 * `**` (any number of segments), `?`, `[abc]`, `[!abc]`, `{a,b}`, extglobs. Dot files match like
 * any other. A pattern without `/` matches the base name at any depth, as in `.gitignore`; a pattern
 * ending in `/` matches that directory's contents.
 */
export interface Glob {
  readonly pattern: string;
  /** Whether `path` (shown form) or `absolute` (for absolute patterns) matches. */
  matches(path: string, absolute?: string): boolean;
}

/**
 * Compiles a glob (see {@link Glob}) with picomatch, bundled into the CLI so the package keeps no
 * runtime dependency (`path.matchesGlob` is experimental in Node 20 and warns on every run).
 *
 * @example
 * compileGlob("**\/*.json").matches("examples/image/manifest.json") // true
 * compileGlob("node_modules").matches("a/node_modules")            // true (base name)
 */
export function compileGlob(pattern: string): Glob {
  const slashed = pattern.replace(/\\/g, "/");
  const absolute = isAbsolute(pattern) || /^[A-Za-z]:\//.test(slashed);
  let normalized = absolute ? slashed : slashed.replace(/^(?:\.\/)+/, "");
  // `dir/` means everything under it; a pattern with no `/` left is a base name at any depth.
  if (normalized.endsWith("/")) normalized = `${normalized}**`;
  const baseName = !normalized.includes("/");
  const test = picomatch(baseName ? `**/${normalized}` : normalized, { dot: true, posix: true });
  const testDir = baseName ? picomatch(`**/${normalized}/**`, { dot: true, posix: true }) : undefined;
  return {
    pattern,
    matches(path, absolutePath) {
      const subject = absolute ? (absolutePath ?? path) : path;
      const clean = subject.replace(/\\/g, "/").replace(/^(?:\.\/)+/, "");
      return test(clean) || (testDir?.(clean) ?? false);
    },
  };
}

/**
 * True when any of `globs` matches `path` (or, for absolute patterns, `absolute`).
 *
 * @example
 * matchesAny([compileGlob("vendor/**")], "vendor/a.json") // true
 */
export function matchesAny(globs: readonly Glob[], path: string, absolute?: string): boolean {
  return globs.some((glob) => glob.matches(path, absolute));
}

/**
 * The first of `globs` that matches, for saying why a file was skipped.
 *
 * @example
 * firstMatch([compileGlob("vendor/**")], "vendor/a.json")?.pattern // "vendor/**"
 */
export function firstMatch(globs: readonly Glob[], path: string, absolute?: string): Glob | undefined {
  return globs.find((glob) => glob.matches(path, absolute));
}
