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

function processBuiltins(): ProcessWithBuiltins["getBuiltinModule"] {
  const proc = (globalThis as { process?: ProcessWithBuiltins }).process;
  return typeof proc?.getBuiltinModule === "function" ? proc.getBuiltinModule.bind(proc) : undefined;
}

/** `process.getBuiltinModule`, found without a `node:` import; Node ≥ 20.16, Bun and Deno have it. */
const getBuiltinModule = processBuiltins();

/**
 * The native hashers over the runtime's crypto module, found without a `node:` import so the core
 * stays runnable in browsers: faster than pure JS (bench/digest-backends.mjs, docs/security.md), so
 * used whenever it is there; `crypto.hash` (one call) where the runtime has it, pure JS otherwise.
 */
function loadNative(): Readonly<Record<DigestAlgorithm, HexHasher>> {
  let crypto: CryptoModule | undefined;
  try {
    crypto = getBuiltinModule?.("crypto") as CryptoModule | undefined;
  } catch {
    crypto = undefined;
  }
  if (typeof crypto?.createHash !== "function") return pureHashers;
  const { hash } = crypto;
  const native = crypto;
  const one = (algorithm: DigestAlgorithm): HexHasher =>
    typeof hash === "function"
      ? (bytes) => hash(algorithm, bytes, "hex")
      : (bytes) => native.createHash(algorithm).update(bytes).digest("hex");
  return Object.freeze({ sha256: one("sha256"), sha512: one("sha512") });
}

/** The pure-JS hashers: correct everywhere, used when the runtime has no native crypto module. */
export const pureHashers: Readonly<Record<DigestAlgorithm, HexHasher>> = Object.freeze({
  sha256: (bytes: Uint8Array) => toHex(sha256(bytes)),
  sha512: (bytes: Uint8Array) => toHex(sha512(bytes)),
});

/** The loaded native hashers; `undefined` until first needed (loading node:crypto costs the cold start). */
let loaded: Readonly<Record<DigestAlgorithm, HexHasher>> | undefined;

function loadedNative(): Readonly<Record<DigestAlgorithm, HexHasher>> {
  if (loaded === undefined) loaded = loadNative();
  return loaded;
}

/** The native hashers, when the runtime has them (`undefined` in browsers); loaded on first call. */
export const nativeHashers: Readonly<Record<DigestAlgorithm, HexHasher>> | undefined =
  getBuiltinModule === undefined
    ? undefined
    : Object.freeze({
        sha256: (bytes: Uint8Array) => loadedNative().sha256(bytes),
        sha512: (bytes: Uint8Array) => loadedNative().sha512(bytes),
      });

/**
 * Bytes a process hashes in pure JS before it loads the native module: a lint hook that checks one
 * manifest finishes sooner without loading node:crypto (docs/performance.md, "Cold start"); a
 * long-running registry switches to native after its first few documents.
 */
const PURE_JS_FIRST_BYTES = 64 * 1024;
let pureBytesLeft = PURE_JS_FIRST_BYTES;

function tiered(algorithm: DigestAlgorithm, native: HexHasher): HexHasher {
  const pure = pureHashers[algorithm];
  return (bytes) => {
    if (loaded === undefined && bytes.length <= pureBytesLeft) {
      pureBytesLeft -= bytes.length;
      return pure(bytes);
    }
    return native(bytes);
  };
}

/** The hashers {@link computeDigest} uses: native when available, pure JS otherwise. */
export const hashers: Readonly<Record<DigestAlgorithm, HexHasher>> =
  nativeHashers === undefined
    ? pureHashers
    : Object.freeze({
        sha256: tiered("sha256", nativeHashers.sha256),
        sha512: tiered("sha512", nativeHashers.sha512),
      });

/**
 * Which backend {@link hashers} is: `"native"` (the runtime's crypto module, loaded on first need;
 * a process's first 64 KiB are hashed in pure JS, which costs less than loading it) or `"pure-js"`.
 *
 * @example
 * hashBackend; // "native" in Node, Deno and Bun; "pure-js" where no native SHA-2 is reachable
 */
export const hashBackend: "native" | "pure-js" = nativeHashers === undefined ? "pure-js" : "native";
