import type { BuiltDescriptor } from "./document-types.js";

/**
 * What every builder returns: the typed value, the exact bytes to push, and the descriptor that
 * points at those bytes (`descriptor.digest` is the digest of `bytes`, `descriptor.size` their length).
 *
 * @example
 * const built: Built<BuiltDescriptor> = buildDescriptor(new TextEncoder().encode("hello"), "text/plain");
 * built.bytes; // the content to upload
 * built.descriptor; // { mediaType: "text/plain", digest: "sha256:2cf24dba…", size: 5 }
 */
export interface Built<T> {
  /** The typed value the bytes encode. */
  document: T;
  /** The exact bytes to store or push; their digest is `descriptor.digest`. */
  bytes: Uint8Array;
  /** The descriptor to reference `bytes` by, from a manifest, an index or a tag. */
  descriptor: BuiltDescriptor;
}
