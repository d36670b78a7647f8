/** Docker schema 1 manifest types (signed and unsigned). */
export const DOCKER_SCHEMA1_TYPES: ReadonlySet<string> = new Set([
  "application/vnd.docker.distribution.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v1+prettyjws",
]);

/** The four manifest types every current registry stores: OCI manifest and index, Docker v2 manifest and list. */
export const CURRENT_MANIFEST_TYPES: ReadonlySet<string> = new Set([
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
]);

/**
 * The manifest type a push declares: the document's `mediaType`, else the Content-Type, else what the
 * detected kind implies.
 */
export function declaredManifestType(
  document: Readonly<Record<string, unknown>>,
  contentType: string | undefined,
): string | undefined {
  if (typeof document.mediaType === "string") return document.mediaType;
  if (contentType !== undefined) return contentType.split(";")[0]?.trim();
  return undefined;
}

/** `true` for a Docker schema 1 document, by type or by `schemaVersion`. */
export function isDockerSchema1(
  document: Readonly<Record<string, unknown>>,
  contentType: string | undefined,
): boolean {
  const declared = declaredManifestType(document, contentType);
  return document.schemaVersion === 1 || (declared !== undefined && DOCKER_SCHEMA1_TYPES.has(declared));
}
