import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
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

/** The start of a file, and its full size. */
export interface FileHead {
  /** The whole file when `size <= limit`, else its first `limit` bytes. */
  bytes: Uint8Array;
  size: number;
}

/**
 * Reads a file whole when it is at most `limit` bytes, else only its first `limit` bytes, so a huge
 * file met in a walk is never loaded into memory. Failures are {@link InputError}s, as in {@link readInputFile}.
 */
export function readInputHead(path: string, limit: number, shownAs = path): FileHead {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new InputError(`cannot read ${shownAs}: ${describeFsError(error)}`);
  }
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.min(size, limit));
    let filled = 0;
    while (filled < buffer.length) {
      const n = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, filled), size };
  } catch (error) {
    throw new InputError(`cannot read ${shownAs}: ${describeFsError(error)}`);
  } finally {
    closeSync(fd);
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

/**
 * Reads a stream (standard input) whole, but never more than `limit` bytes: past it, reading stops
 * (the stream is released, so `ocispec lint - < /dev/zero` ends at once with 4 MiB in memory) and
 * an {@link InputError} says why, for exit 2 like any other unreadable input.
 */
export async function readStreamUpTo(
  stream: AsyncIterable<Uint8Array | string>,
  limit: number,
  shownAs = "standard input",
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > limit) {
      throw new InputError(
        `${shownAs} holds more than ${limit} bytes, the most a manifest may have (4 MiB, what registries must accept); it was not read further`,
      );
    }
    chunks.push(bytes);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
