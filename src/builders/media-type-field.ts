import {
  DOCKER_MANIFEST_LIST,
  DOCKER_MANIFEST_V2,
  MediaTypeError,
  OCI_IMAGE_INDEX,
  OCI_IMAGE_MANIFEST,
  parseMediaType,
} from "../media-types/index.js";
import { BuildError } from "./build-error.js";

/**
 * The media types a builder accepts on a descriptor of a manifest or an index (a `subject`, an index
 * entry, a descriptor with `platform`): the OCI and Docker v2 ones. Docker schema 1 and the withdrawn
 * artifact manifests are not written.
 */
export const MANIFEST_MEDIA_TYPES: ReadonlySet<string> = new Set([
  OCI_IMAGE_MANIFEST,
  OCI_IMAGE_INDEX,
  DOCKER_MANIFEST_V2,
  DOCKER_MANIFEST_LIST,
]);

/**
 * Returns `value` when it is a media type the builders may write, and throws otherwise — unlike the
 * public `checkMediaType`, which parses any media type and returns problems as data. image-spec
 * descriptor.md says `mediaType` (and `artifactType`) "MUST comply with RFC 6838, including the
 * naming requirements in its section 4.2". Parameters are refused too: registries and clients
 * compare media types as exact strings.
 *
 * @throws {BuildError} naming `field` when `value` is not a bare `type/subtype` name.
 */
export function requireBareMediaType(value: unknown, field: string): string {
  if (typeof value !== "string") {
    throw new BuildError(
      field,
      `must be a media type string such as "application/vnd.oci.image.layer.v1.tar+gzip", got ${describe(value)}`,
    );
  }
  let parameters: Readonly<Record<string, string>>;
  try {
    parameters = parseMediaType(value).parameters;
  } catch (error) {
    if (!(error instanceof MediaTypeError)) throw error;
    throw new BuildError(
      field,
      `${error.message}; write an RFC 6838 media type such as "application/vnd.example.thing.v1+json"`,
    );
  }
  if (Object.keys(parameters).length > 0) {
    throw new BuildError(
      field,
      `${JSON.stringify(value)} has parameters; write the bare type/subtype (no parameters): registries compare media types as exact strings`,
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
