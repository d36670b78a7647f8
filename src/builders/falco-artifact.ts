// Builds complete Falco artifacts the way falcoctl pushes them (pkg/oci/pusher/pusher.go): a config
// blob, one .tar.gz layer titled with its file name, an image manifest annotated with its creation
// time, and for plugins one manifest per platform wrapped in an image index whose entries carry
// `platform` and `artifactType`.

import { TarError, type TarFiles } from "../falco/archive/tar.js";
import { createTarGz } from "../falco/archive/tar-gz.js";
import { falcoMediaTypes } from "../falco/media-types.js";
import type { FalcoArtifactKind, FalcoDependency, FalcoRequirement } from "../falco/types.js";
import { BuildError } from "./build-error.js";
import type { Built } from "./built.js";
import { buildDescriptor } from "./descriptor.js";
import type {
  BuiltDescriptor,
  BuiltImageIndex,
  BuiltImageManifest,
  BuiltPlatform,
} from "./document-types.js";
import { buildFalcoConfig } from "./falco-config.js";
import { buildImageIndex } from "./image-index.js";
import { buildImageManifest } from "./image-manifest.js";

const TITLE = "org.opencontainers.image.title";
const CREATED = "org.opencontainers.image.created";
const SOURCE = "org.opencontainers.image.source";

/**
 * The files of one plugin build and the platform it runs on.
 *
 * @example
 * const amd64: FalcoPlatformFiles = { platform: "linux/amd64", files: { "libk8saudit.so": amd64Bytes } };
 * const arm64: FalcoPlatformFiles = { platform: { os: "linux", architecture: "arm64" }, files: { "libk8saudit.so": arm64Bytes } };
 * buildFalcoArtifact({ kind: "plugin", name: "k8saudit", version: "0.7.0", platforms: [amd64, arm64] });
 */
export interface FalcoPlatformFiles {
  /** `"linux/amd64"`, or `{ os, architecture, variant? }`. */
  platform: string | BuiltPlatform;
  /** The files of the layer, keyed by relative path (`libk8saudit.so`). */
  files: TarFiles;
  /** File name of the layer; default `<name>-<version>-<os>-<architecture>.tar.gz`. */
  title?: string;
}

/**
 * Input of {@link buildFalcoArtifact}.
 *
 * @example
 * const input: FalcoArtifactInput = {
 *   kind: "rulesfile",
 *   name: "my-rules",
 *   version: "1.0.0",
 *   requirements: ["engine_version_semver:0.37.0"],
 *   files: { "my_rules.yaml": "- rule: Shell in container\n  condition: spawned_process\n" },
 *   created: "2024-01-31T12:00:00Z", // fixed, so the manifest digest is reproducible
 * };
 * const artifact = buildFalcoArtifact(input);
 */
export interface FalcoArtifactInput {
  /** `rulesfile`, `plugin` or `asset`: selects the config and layer media types. */
  kind: FalcoArtifactKind;
  /** The artifact's name, as the Falco index lists it (`^[a-z]+[a-z0-9-_]*$`). */
  name: string;
  /** The artifact's version (semver without build metadata). */
  version: string;
  /** Dependencies, as objects or in falcoctl's syntax `name:version|alt:version`. */
  dependencies?: readonly (string | FalcoDependency)[];
  /** Requirements, as objects or in falcoctl's syntax `name:version`. */
  requirements?: readonly (string | FalcoRequirement)[];
  /** Rulesfile and asset: the files of the layer, keyed by relative path. */
  files?: TarFiles;
  /** Plugin: one entry per platform. */
  platforms?: readonly FalcoPlatformFiles[];
  /** Rulesfile and asset: the layer's file name; default `<name>-<version>.tar.gz`. */
  title?: string;
  /** `org.opencontainers.image.created` on each manifest; default: now (pass it for reproducible manifests). */
  created?: Date | string;
  /** `org.opencontainers.image.source` on each manifest, e.g. the repository the files come from. */
  source?: string;
  /** Modification time of the archived files; default the Unix epoch, so the layer depends on the files only. */
  mtime?: Date;
}

/**
 * A blob to upload before the manifests: its descriptor and exact bytes.
 *
 * @example
 * for (const blob of buildFalcoArtifact(input).blobs) {
 *   // upload blob.bytes under blob.descriptor.digest: the config first, then the layer(s)
 *   console.log(blob.descriptor.mediaType, blob.descriptor.digest, blob.bytes.length);
 * }
 */
export interface FalcoBlob {
  /** The blob's descriptor: the digest to upload it under and its media type. */
  descriptor: BuiltDescriptor;
  /** The exact bytes to upload. */
  bytes: Uint8Array;
}

/**
 * What {@link buildFalcoArtifact} returns.
 *
 * @example
 * const { blobs, manifests, root }: FalcoArtifact = buildFalcoArtifact(input);
 * // push blobs, then each of manifests by digest (Content-Type: its descriptor.mediaType);
 * // tag root, the last of manifests: root.descriptor.digest is what falcoctl resolves the tag to
 */
export interface FalcoArtifact {
  /** Config and layer blobs, each once: upload them first. */
  blobs: FalcoBlob[];
  /** Manifests (and, for plugins, the index last): push them in this order. */
  manifests: Built<BuiltImageManifest | BuiltImageIndex>[];
  /** The document to tag: the manifest, or for plugins the index. The last of `manifests`. */
  root: Built<BuiltImageManifest | BuiltImageIndex>;
}

/** RFC 3339 in UTC without fractions, as falcoctl writes `created` (`time.Now().UTC().Format(time.RFC3339)`). */
function createdAnnotation(created: Date | string | undefined): string {
  if (typeof created === "string") {
    if (
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(created) ||
      Number.isNaN(Date.parse(created))
    ) {
      throw new BuildError(
        "created",
        `${JSON.stringify(created)} is not an RFC 3339 date-time like "2024-01-31T12:00:00Z"`,
      );
    }
    return created;
  }
  const date = created ?? new Date();
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new BuildError("created", "must be a valid Date or an RFC 3339 string");
  }
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The layer title becomes a file name in falcoctl's download directory: a plain name only. */
function checkTitle(title: string, field: string): string {
  if (typeof title !== "string" || title === "" || /[/\\\0]/.test(title) || title === "." || title === "..") {
    throw new BuildError(
      field,
      `${JSON.stringify(title)} must be a plain file name like "falco_rules.tar.gz"`,
    );
  }
  return title;
}

function parsePlatform(platform: string | BuiltPlatform, field: string): BuiltPlatform {
  if (typeof platform !== "string") return platform;
  const [os, architecture, variant, ...rest] = platform.split("/");
  if (!os || !architecture || rest.length > 0 || variant === "") {
    throw new BuildError(
      field,
      `${JSON.stringify(platform)} is not "os/architecture" or "os/architecture/variant", like "linux/amd64"`,
    );
  }
  return variant === undefined ? { architecture, os } : { architecture, os, variant };
}

function layerBytes(files: TarFiles | undefined, mtime: Date | undefined, field: string): Uint8Array {
  if (typeof files !== "object" || files === null || Object.keys(files).length === 0) {
    throw new BuildError(field, 'must name at least one file: { "falco_rules.yaml": content }');
  }
  try {
    return createTarGz(files, mtime === undefined ? {} : { mtime });
  } catch (error) {
    if (error instanceof TarError) throw new BuildError(field, error.message);
    throw error;
  }
}

/**
 * Builds a complete Falco artifact, ready to push, in the layout falcoctl writes and reads:
 *
 * - the config blob from {@link buildFalcoConfig} (falcoctl's exact bytes);
 * - a deterministic `.tar.gz` layer of the given files, annotated with
 *   `org.opencontainers.image.title` (falcoctl installs from the file of that name);
 * - an image manifest with `mediaType`, no `artifactType`, a config descriptor without annotations
 *   (AWS ECR refuses them), and `org.opencontainers.image.created` (and `…source` if given);
 * - for plugins, one manifest per platform and an image index whose entries carry `platform` and
 *   `artifactType` (the plugin config type), which is the document to tag.
 *
 * Upload `blobs`, push `manifests` in order (by digest, or the root by tag), then tag `root`.
 *
 * @throws {BuildError} naming the field, for invalid names, versions, files, platforms or dates.
 * @example
 * const { blobs, manifests, root } = buildFalcoArtifact({
 *   kind: "rulesfile",
 *   name: "my-rules",
 *   version: "1.0.0",
 *   requirements: ["engine_version_semver:0.37.0"],
 *   files: { "my_rules.yaml": "- rule: x\n" },
 *   created: "2024-01-31T12:00:00Z",
 * });
 */
export function buildFalcoArtifact(input: FalcoArtifactInput): FalcoArtifact {
  if (typeof input !== "object" || input === null) {
    throw new BuildError("", "buildFalcoArtifact takes { kind, name, version, files | platforms, … }");
  }
  const media = falcoMediaTypes[input.kind];
  if (!media)
    throw new BuildError(
      "kind",
      `${JSON.stringify(input.kind)} is not one of "rulesfile", "plugin", "asset"`,
    );
  for (const field of ["name", "version"] as const) {
    if (typeof input[field] !== "string" || input[field] === "") {
      throw new BuildError(
        field,
        "is required: the Falco index and falcoctl install artifacts by name and version",
      );
    }
  }
  const config = buildFalcoConfig({
    kind: input.kind,
    name: input.name,
    version: input.version,
    ...(input.dependencies !== undefined && { dependencies: input.dependencies }),
    ...(input.requirements !== undefined && { requirements: input.requirements }),
  });
  const annotations: Record<string, string> = { [CREATED]: createdAnnotation(input.created) };
  if (input.source !== undefined) annotations[SOURCE] = input.source;

  const pack = (bytes: Uint8Array, title: string) => {
    const layer = buildDescriptor(bytes, media.layer, { annotations: { [TITLE]: title } });
    const manifest = buildImageManifest({
      config: config.descriptor,
      layers: [layer.descriptor],
      annotations,
    });
    return { layer, manifest };
  };

  if (input.kind !== "plugin") {
    if (input.platforms !== undefined) {
      throw new BuildError(
        "platforms",
        `a ${input.kind} has one layer for every platform: give files, not platforms`,
      );
    }
    const title = checkTitle(input.title ?? `${input.name}-${input.version}.tar.gz`, "title");
    const { layer, manifest } = pack(layerBytes(input.files, input.mtime, "files"), title);
    return { blobs: [config, layer], manifests: [manifest], root: manifest };
  }

  if (input.files !== undefined || input.title !== undefined) {
    throw new BuildError(
      input.files !== undefined ? "files" : "title",
      'a plugin is built per platform: give platforms: [{ platform: "linux/amd64", files, title? }]',
    );
  }
  if (!Array.isArray(input.platforms) || input.platforms.length === 0) {
    throw new BuildError("platforms", 'must list at least one { platform: "linux/amd64", files }');
  }
  const seen = new Set<string>();
  const blobs: FalcoBlob[] = [config];
  const manifests: Built<BuiltImageManifest | BuiltImageIndex>[] = [];
  const entries: BuiltDescriptor[] = [];
  input.platforms.forEach((item, i) => {
    const platform = parsePlatform(item?.platform, `platforms[${i}].platform`);
    const key = [platform.os, platform.architecture, platform.variant ?? ""].join("/");
    if (seen.has(key))
      throw new BuildError(
        `platforms[${i}].platform`,
        `${key.replace(/\/$/, "")} is listed twice; give each platform once`,
      );
    seen.add(key);
    const suffix = [platform.os, platform.architecture, platform.variant].filter(Boolean).join("-");
    const title = checkTitle(
      item.title ?? `${input.name}-${input.version}-${suffix}.tar.gz`,
      `platforms[${i}].title`,
    );
    const { layer, manifest } = pack(layerBytes(item.files, input.mtime, `platforms[${i}].files`), title);
    if (!blobs.some((b) => b.descriptor.digest === layer.descriptor.digest)) blobs.push(layer);
    manifests.push(manifest);
    entries.push({ ...manifest.descriptor, platform, artifactType: media.config });
  });
  const index = buildImageIndex({ manifests: entries });
  manifests.push(index);
  return { blobs, manifests, root: index };
}
