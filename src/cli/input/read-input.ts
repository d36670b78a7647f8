import { readFileSync } from "node:fs";
import { InputError } from "../usage-error.js";

/**
 * Reads a whole file, turning a failure into an {@link InputError} that names the path and the
 * reason (`ENOENT: no such file`, `EACCES: permission denied`, `EISDIR`…), for exit 2.
 */
export function readInputFile(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${describeFsError(error)}`);
  }
}

/** A short reason for a file-system error: `no such file or directory (ENOENT)`. */
export function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EISDIR: "is a directory",
    ENOTDIR: "not a directory",
    ELOOP: "too many symbolic links",
  };
  const reason = e.code !== undefined ? reasons[e.code] : undefined;
  return reason ? `${reason} (${e.code})` : (e.message ?? String(error));
}
