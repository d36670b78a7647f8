/**
 * A compiled glob, matched against `/`-separated paths relative to the working directory.
 * Syntax: `*` (within a path segment), `**` (any number of segments), `?`, `[abc]`, `[!abc]`,
 * `{a,b}`. A pattern without `/` matches the base name at any depth, as in `.gitignore`.
 */
export interface Glob {
  readonly pattern: string;
  matches(path: string): boolean;
}

/**
 * Compiles a glob (see {@link Glob}). Hand-written because `path.matchesGlob` is still experimental
 * in Node 20 and prints a warning on every run.
 *
 * @example
 * compileGlob("**\/*.json").matches("examples/image/manifest.json") // true
 * compileGlob("node_modules").matches("a/node_modules")            // true (base name)
 */
export function compileGlob(pattern: string): Glob {
  const normalized = pattern.replace(/\\/g, "/").replace(/^\.\//, "");
  const anchored = normalized.includes("/") && !normalized.endsWith("/") ? normalized : null;
  const body = anchored ?? `**/${normalized.replace(/\/$/, "")}`;
  const regexp = new RegExp(`^${globBody(body.replace(/^\//, ""))}$`);
  return {
    pattern,
    matches: (path) => regexp.test(path.replace(/\\/g, "/").replace(/^\.\//, "")),
  };
}

/** Translates glob syntax to a regular-expression body. */
function globBody(glob: string): string {
  let out = "";
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const atStart = i === 0 || glob[i - 1] === "/";
        const next = glob[i + 2];
        if (atStart && next === "/") {
          out += "(?:[^/]*/)*"; // "**/": zero or more whole segments
          i += 2;
        } else if (atStart && next === undefined) {
          out += ".*";
          i += 1;
        } else {
          out += "[^/]*";
          i += 1;
        }
      } else {
        out += "[^/]*";
      }
    } else if (c === "?") {
      out += "[^/]";
    } else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close === -1) {
        out += "\\[";
      } else {
        let set = glob.slice(i + 1, close);
        if (set.startsWith("!")) set = `^${set.slice(1)}`;
        out += `[${set.replace(/\\/g, "\\\\")}]`;
        i = close;
      }
    } else if (c === "{") {
      braces++;
      out += "(?:";
    } else if (c === "}" && braces > 0) {
      braces--;
      out += ")";
    } else if (c === "," && braces > 0) {
      out += "|";
    } else {
      out += c.replace(/[.+^$()|\\]/g, "\\$&");
    }
  }
  return out;
}

/** True when any of `globs` matches `path`. */
export function matchesAny(globs: readonly Glob[], path: string): boolean {
  return globs.some((glob) => glob.matches(path));
}
