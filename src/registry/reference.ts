import { checkDigest } from "../digest/index.js";

/**
 * A manifest reference as it appears in `/v2/<name>/manifests/<reference>`.
 *
 * @example
 * const reference: ManifestReference = parseManifestReference("v1.2"); // { kind: "tag", tag: "v1.2" }
 * if (reference.kind === "invalid") throw new Error(reference.reason);
 */
export type ManifestReference =
  | {
      /** A tag. */
      kind: "tag";
      /** The tag, as given. */
      tag: string;
    }
  | {
      /** A well-formed digest. */
      kind: "digest";
      /** The digest, as given. */
      digest: string;
    }
  | {
      /** Neither. */
      kind: "invalid";
      /** Why, naming the value and the grammar. */
      reason: string;
    };

/** distribution-spec spec.md#pulling-manifests: a tag "MUST be at most 128 characters in length and MUST match" this. */
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;

/**
 * Reads a manifest reference: a tag (`v1.2`), or a digest (`sha256:…`, anything with a colon).
 *
 * @example
 * parseManifestReference("latest")       // → { kind: "tag", tag: "latest" }
 * parseManifestReference("sha256:4413…") // → { kind: "digest", digest: "sha256:4413…" }
 * parseManifestReference("-bad")         // → { kind: "invalid", reason: "…" }
 */
export function parseManifestReference(reference: string): ManifestReference {
  if (typeof reference !== "string" || reference === "") {
    return { kind: "invalid", reason: "the manifest reference (tag or digest) is missing" };
  }
  if (reference.includes(":")) {
    const problem = checkDigest(reference);
    return problem === undefined
      ? { kind: "digest", digest: reference }
      : { kind: "invalid", reason: problem.message };
  }
  if (TAG.test(reference)) return { kind: "tag", tag: reference };
  const shown = JSON.stringify(reference.length > 140 ? `${reference.slice(0, 140)}…` : reference);
  return {
    kind: "invalid",
    reason: `reference ${shown} is neither a digest nor a tag: tags match [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`,
  };
}
