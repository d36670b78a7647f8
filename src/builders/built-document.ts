import { computeDigest } from "../digest/index.js";
import { BuildError } from "./build-error.js";
import type { Built } from "./built.js";
import { canonicalJson } from "./canonical-json.js";

/**
 * The largest manifest the builders write. distribution-spec: "Registries SHOULD accept manifests
 * of at least 4 megabytes", and several (distribution itself among them) refuse anything larger.
 */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** Serialises a manifest or index the way Go does and wraps it with the descriptor that points at it. */
export function builtDocument<T extends { mediaType: string }>(document: T): Built<T> {
  const bytes = canonicalJson(document);
  if (bytes.length > MAX_MANIFEST_BYTES) {
    throw new BuildError(
      "",
      `the ${document.mediaType} document is ${bytes.length} bytes; registries accept manifests up to 4 MiB (${MAX_MANIFEST_BYTES} bytes), so split it into several manifests`,
    );
  }
  return {
    document,
    bytes,
    descriptor: { mediaType: document.mediaType, digest: computeDigest(bytes), size: bytes.length },
  };
}

/** Refuses input members a builder does not know, so that a misspelt option is not silently dropped. */
export function checkKnownMembers(input: object, known: readonly string[], what: string): void {
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined && !known.includes(key)) {
      throw new BuildError(key, `is not an input of ${what}; use ${known.join(", ")}`);
    }
  }
}
