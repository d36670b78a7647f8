import { isAbsolute, relative, resolve, sep } from "node:path";

/**
 * The path to show for a file: relative to `cwd` when inside it, absolute otherwise; always with
 * `/` separators, so output is the same on every OS and globs match it.
 *
 * @example
 * displayPath("/work/repo", "/work/repo/examples/a.json") // "examples/a.json"
 */
export function displayPath(cwd: string, path: string): string {
  const absolute = resolve(cwd, path);
  const rel = relative(cwd, absolute);
  const shown = rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? absolute : rel;
  return sep === "/" ? shown : shown.split(sep).join("/");
}
