import type { MemberPresence } from "../../json/member-presence.js";
import { dockerManifestList, dockerManifestV2 } from "../generated/validators.js";
import type { Descriptor } from "./descriptor.js";

/**
 * A Docker image manifest, version 2 schema 2, `application/vnd.docker.distribution.manifest.v2+json`
 * (distribution docs/content/spec/manifest-v2-2.md): "The image manifest provides a configuration
 * and a set of layers for a container image." Its descriptors have the OCI {@link Descriptor} shape
 * (`mediaType`, `size`, `digest`, `urls`): distribution uses one Descriptor type for both.
 *
 * @example
 * const manifest: DockerManifest = {
 *   schemaVersion: 2,
 *   mediaType: "application/vnd.docker.distribution.manifest.v2+json",
 *   config: { mediaType: "application/vnd.docker.container.image.v1+json", digest: "sha256:dac1d7cfa95021764849fd102524e141488c5e3a90f861dbb5a12d9ac8584f85", size: 5 },
 *   layers: [{ mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip", digest: "sha256:dac1d7cfa95021764849fd102524e141488c5e3a90f861dbb5a12d9ac8584f85", size: 5 }],
 * };
 * validateDockerManifest(manifest).valid; // true
 */
export interface DockerManifest {
  /** "This field specifies the image manifest schema version as an integer. This schema uses version `2`." */
  schemaVersion: 2;
  /**
   * "The MIME type of the manifest. This should be set to
   * `application/vnd.docker.distribution.manifest.v2+json`." Required in practice: distribution and
   * GitLab refuse a Docker payload without it.
   */
  mediaType?: "application/vnd.docker.distribution.manifest.v2+json";
  /**
   * "The config field references a configuration object for a container, by digest." Its mediaType
   * "should generally be `application/vnd.docker.container.image.v1+json`."
   */
  config: Descriptor;
  /**
   * "The layer list is ordered starting from the base image (opposite order of schema1)." Layer
   * mediaType "should generally be `application/vnd.docker.image.rootfs.diff.tar.gzip`. Layers of type
   * `application/vnd.docker.image.rootfs.foreign.diff.tar.gzip` may be pulled from a remote location
   * but they should never be pushed."
   */
  layers: Descriptor[];
}

/**
 * A Docker manifest list ("fat manifest"), `application/vnd.docker.distribution.manifest.list.v2+json`:
 * "The manifest list is the "fat manifest" which points to specific image manifests for one or more
 * platforms." Entries are descriptors with a `platform` (architecture, os, os.version, os.features,
 * variant, and features: "each listing a required CPU feature (for example `sse4` or `aes`)").
 *
 * @example
 * const list: DockerManifestList = {
 *   schemaVersion: 2,
 *   mediaType: "application/vnd.docker.distribution.manifest.list.v2+json",
 *   manifests: [
 *     {
 *       mediaType: "application/vnd.docker.distribution.manifest.v2+json",
 *       digest: "sha256:dac1d7cfa95021764849fd102524e141488c5e3a90f861dbb5a12d9ac8584f85",
 *       size: 5,
 *       platform: { architecture: "amd64", os: "linux" },
 *     },
 *   ],
 * };
 * validateDockerManifestList(list).valid; // true
 */
export interface DockerManifestList {
  /** "This field specifies the image manifest schema version as an integer. This schema uses the version `2`." */
  schemaVersion: 2;
  /** "The MIME type of the manifest list. This should be set to `application/vnd.docker.distribution.manifest.list.v2+json`." */
  mediaType?: "application/vnd.docker.distribution.manifest.list.v2+json";
  /** "The manifests field contains a list of manifests for specific platforms." */
  manifests: Descriptor[];
}

/** Every member of {@link DockerManifest} with its presence, checked against schemas/docker/manifest-v2.json. */
export const dockerManifestMembers = {
  schemaVersion: "required",
  mediaType: "optional",
  config: "required",
  layers: "required",
} as const satisfies MemberPresence<DockerManifest>;

/** Every member of {@link DockerManifestList} with its presence, checked against schemas/docker/manifest-list.json. */
export const dockerManifestListMembers = {
  schemaVersion: "required",
  mediaType: "optional",
  manifests: "required",
} as const satisfies MemberPresence<DockerManifestList>;

/**
 * Whether a parsed value passes schemas/docker/manifest-v2.json (the schema only;
 * {@link validateDockerManifest} also applies the rules beyond it).
 *
 * @example
 * isDockerManifest({ schemaVersion: 2, mediaType: "application/vnd.docker.distribution.manifest.v2+json",
 *   config: { mediaType: "application/vnd.docker.container.image.v1+json", size: 2,
 *     digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a" },
 *   layers: [] }) // true
 */
export function isDockerManifest(value: unknown): value is DockerManifest {
  return dockerManifestV2(value);
}

/**
 * Whether a parsed value passes schemas/docker/manifest-list.json (the schema only;
 * {@link validateDockerManifestList} also applies the rules beyond it).
 *
 * @example
 * isDockerManifestList({ schemaVersion: 2,
 *   mediaType: "application/vnd.docker.distribution.manifest.list.v2+json", manifests: [] }) // true
 */
export function isDockerManifestList(value: unknown): value is DockerManifestList {
  return dockerManifestList(value);
}
