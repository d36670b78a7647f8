import { BuildError } from "./build-error.js";

// TODO(build): replace with parseMediaType / isManifestMediaType from src/media-types once they land.
const RESTRICTED_NAME = "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}";
const MEDIA_TYPE = new RegExp(`^${RESTRICTED_NAME}/${RESTRICTED_NAME}$`);

/** The media types a descriptor can carry when it points at a manifest or an index. */
export const MANIFEST_MEDIA_TYPES: ReadonlySet<string> = new Set([
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
]);

/**
 * Checks a media type the builders are about to write: image-spec descriptor.md says `mediaType`
 * (and `artifactType`) "MUST comply with RFC 6838, including the naming requirements in its section
 * 4.2". Parameters are refused too: registries and clients compare media types as exact strings.
 *
 * @throws {BuildError} naming `field` when `value` is not a bare `type/subtype` name.
 */
export function checkMediaType(value: unknown, field: string): string {
  if (typeof value !== "string") {
    throw new BuildError(
      field,
      `must be a media type string such as "application/vnd.oci.image.layer.v1.tar+gzip", got ${describe(value)}`,
    );
  }
  if (!MEDIA_TYPE.test(value)) {
    throw new BuildError(
      field,
      `${JSON.stringify(value)} is not an RFC 6838 media type: write type "/" subtype, each 1–127 letters, digits or !#$&^_.+- starting with a letter or digit, with no parameters or spaces`,
    );
  }
  return value;
}

/** A short description of an unexpected input value, for error messages. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
