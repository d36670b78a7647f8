import { lookupMediaType } from "./lookup.js";

/**
 * The OCI counterpart of a Docker media type, read from the table's `equivalent` column:
 * manifest v2 → image manifest, manifest list → image index, image config → image config, and the
 * rootfs layer types → the OCI layer types.
 *
 * @returns the OCI type, or `undefined` when the type is not a Docker type with an OCI counterpart.
 * @example
 * dockerToOci("application/vnd.docker.image.rootfs.diff.tar.gzip"); // "application/vnd.oci.image.layer.v1.tar+gzip"
 */
export function dockerToOci(mediaType: string): string | undefined {
  const row = lookupMediaType(mediaType);
  return row?.family === "docker" ? row.equivalent : undefined;
}

/**
 * The Docker counterpart of an OCI media type, read from the table's `equivalent` column.
 *
 * @returns the Docker type, or `undefined` when the OCI type has no Docker counterpart.
 * @example
 * ociToDocker("application/vnd.oci.image.index.v1+json"); // "application/vnd.docker.distribution.manifest.list.v2+json"
 */
export function ociToDocker(mediaType: string): string | undefined {
  const row = lookupMediaType(mediaType);
  return row?.family === "oci" ? row.equivalent : undefined;
}
