import { sha256, sha512 } from "@noble/hashes/sha2.js";
import { toHex } from "../digest/hex.js";
import type { IncrementalHash } from "./store.js";

/** The hashes a layout's blobs are verified with. */
export type StreamDigestAlgorithm = "sha256" | "sha512";

/** A pure-JS incremental hash (runs in any runtime; the store may offer a native one). */
export function pureHash(algorithm: StreamDigestAlgorithm): IncrementalHash {
  const hash = algorithm === "sha256" ? sha256.create() : sha512.create();
  return {
    update: (chunk) => {
      hash.update(chunk);
    },
    digestHex: () => toHex(hash.digest()),
  };
}

/** What reading a stream to its end gave: its digest and length, or the error that stopped it. */
export type StreamDigest = { digest: string; size: number } | { error: string };

/**
 * Hashes a stream chunk by chunk, never holding more than one chunk: a 1 GiB layer costs a chunk of
 * memory. Never throws: a stream that fails (a corrupt gzip member) answers `{ error }`.
 */
export async function digestStream(
  stream: ReadableStream<Uint8Array>,
  hash: IncrementalHash,
  algorithm: StreamDigestAlgorithm,
): Promise<StreamDigest> {
  const reader = stream.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      hash.update(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    return { error: error instanceof Error ? error.message : String(error) };
  }
  return { digest: `${algorithm}:${hash.digestHex()}`, size };
}
