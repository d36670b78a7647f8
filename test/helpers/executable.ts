import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * The full path of an executable found on PATH, or `undefined`. End-to-end tests use it to decide
 * whether to run or to skip with a printed reason (`.ci/run` installs the tools in CI).
 *
 * @example
 * const skopeo = findExecutable("skopeo");
 * describe.skipIf(skopeo === undefined)("skopeo round trip", () => { … });
 */
export function findExecutable(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
