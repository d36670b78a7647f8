import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";

/** Digest algorithms the CLI can compute over files of any size. */
export type FileDigestAlgorithm = "sha256" | "sha512";

const CHUNK = 1 << 20;

/**
 * The OCI digest (`<algorithm>:<hex>`) of a file, read in 1 MiB chunks so layers of any size hash
 * without being held in memory.
 */
export function digestFile(path: string, algorithm: FileDigestAlgorithm = "sha256"): string {
  const hash = createHash(algorithm);
  const buffer = Buffer.allocUnsafe(CHUNK);
  const fd = openSync(path, "r");
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return `${algorithm}:${hash.digest("hex")}`;
}

/** The OCI digest of bytes already in memory. */
export function digestBytes(bytes: Uint8Array, algorithm: FileDigestAlgorithm = "sha256"): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest("hex")}`;
}
