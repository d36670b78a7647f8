import type { DigestAlgorithm } from "./algorithms.js";
import { toHex } from "./hex.js";
import { sha256 } from "./sha256.js";
import { sha512 } from "./sha512.js";

/** A synchronous function that returns the lower-case hex hash of some bytes. */
export type HexHasher = (bytes: Uint8Array) => string;

/** The part of `node:crypto` this module uses. */
interface CryptoModule {
  createHash(algorithm: string): { update(data: Uint8Array): { digest(encoding: "hex"): string } };
  /** One-shot hashing (Node ≥ 20.12, Bun): about half the cost of createHash for a small manifest. */
  hash?: (algorithm: string, data: Uint8Array, outputEncoding: "hex") => string;
}

/** The part of `process` this module uses; absent in browsers. */
interface ProcessWithBuiltins {
  getBuiltinModule?: (id: string) => unknown;
}

/**
 * The runtime's native crypto module, found without a `node:` import so the core stays runnable in
 * browsers: Node ≥ 20.16, Bun and Deno expose `process.getBuiltinModule`. Measured on Node 20
 * (bench/digest-backends.mjs, see docs/security.md): native sha256 of a 1 KiB manifest is about 4×
 * faster than the pure-JS one, so it is used whenever it is there.
 */
function findNativeCrypto(): CryptoModule | undefined {
  try {
    const proc = (globalThis as { process?: ProcessWithBuiltins }).process;
    const crypto = proc?.getBuiltinModule?.("crypto") as CryptoModule | undefined;
    return typeof crypto?.createHash === "function" ? crypto : undefined;
  } catch {
    return undefined;
  }
}

const nativeCrypto = findNativeCrypto();

/** `crypto.hash(algorithm, bytes, "hex")` when the runtime has it: no Hash object per call. */
function nativeOneShot(algorithm: DigestAlgorithm): HexHasher | undefined {
  const hash = nativeCrypto?.hash;
  return typeof hash === "function" ? (bytes) => hash(algorithm, bytes, "hex") : undefined;
}

/** The pure-JS hashers: correct everywhere, used when the runtime has no native crypto module. */
export const pureHashers: Readonly<Record<DigestAlgorithm, HexHasher>> = Object.freeze({
  sha256: (bytes: Uint8Array) => toHex(sha256(bytes)),
  sha512: (bytes: Uint8Array) => toHex(sha512(bytes)),
});

/** The native hashers, when the runtime has them (`undefined` in browsers). */
export const nativeHashers: Readonly<Record<DigestAlgorithm, HexHasher>> | undefined =
  nativeCrypto === undefined
    ? undefined
    : Object.freeze({
        sha256:
          nativeOneShot("sha256") ??
          ((bytes) => nativeCrypto.createHash("sha256").update(bytes).digest("hex")),
        sha512:
          nativeOneShot("sha512") ??
          ((bytes) => nativeCrypto.createHash("sha512").update(bytes).digest("hex")),
      });

/** The hashers {@link computeDigest} uses: native when available, pure JS otherwise. */
export const hashers: Readonly<Record<DigestAlgorithm, HexHasher>> = nativeHashers ?? pureHashers;

/**
 * Which backend {@link hashers} is: `"native"` (the runtime's crypto module) or `"pure-js"`.
 *
 * @example
 * hashBackend; // "native" in Node, Deno and Bun; "pure-js" where no native SHA-2 is reachable
 */
export const hashBackend: "native" | "pure-js" = nativeHashers === undefined ? "pure-js" : "native";
