import type { MemberPresence } from "../../json/member-presence.js";
import { ociImageConfig } from "../generated/validators.js";

/**
 * The execution parameters of an image (image-spec v1.1.1 config.md, `config`): "The execution
 * parameters which SHOULD be used as a base when running a container using the image."
 * Every field is OPTIONAL, and "Any OPTIONAL field MAY also be set to null, which is equivalent to
 * being absent". Docker's legacy members (`Hostname`, `Image`, `OnBuild`, …) pass validation: "Any extra
 * fields in the Image JSON struct are considered implementation specific and MUST be ignored by any
 * implementations which are unable to interpret them."
 *
 * @example
 * const execution: ImageConfigExecution = {
 *   User: "1000:1000",
 *   Env: ["PATH=/usr/local/bin:/usr/bin"],
 *   Entrypoint: ["/app"],
 *   Cmd: ["--help"],
 *   ExposedPorts: { "8080/tcp": {} },
 *   WorkingDir: "/srv",
 * };
 */
export interface ImageConfigExecution {
  /** "The username or UID which is a platform-specific structure that allows specific control over which user the process run as." */
  User?: string | null;
  /** "A set of ports to expose from a container running this image." Keys `port/tcp`, `port/udp`, `port`; values `{}`. */
  ExposedPorts?: Record<string, Record<string, unknown>> | null;
  /** "Entries are in the format of `VARNAME=VARVALUE`." */
  Env?: string[] | null;
  /** "A list of arguments to use as the command to execute when the container starts." */
  Entrypoint?: string[] | null;
  /** "Default arguments to the entrypoint of the container." */
  Cmd?: string[] | null;
  /** "A set of directories which SHOULD be created as data volumes in a container running this image." */
  Volumes?: Record<string, Record<string, unknown>> | null;
  /** "Sets the current working directory of the entrypoint process in the container." */
  WorkingDir?: string | null;
  /** "The field contains arbitrary metadata for the container. This property MUST use the annotation rules." */
  Labels?: Record<string, string> | null;
  /** "The field contains the system call signal that will be sent to the container to exit", e.g. `SIGKILL`. */
  StopSignal?: string | null;
  /** "[Deprecated] - This field is present only for legacy compatibility with Docker and should not be used by new image builders." */
  ArgsEscaped?: boolean | null;
  /** Memory limit in bytes (in image-spec v1.0, dropped since; still written by some tools). */
  Memory?: number | null;
  /** Total memory usage, memory + swap; `-1` disables swap (image-spec v1.0). */
  MemorySwap?: number | null;
  /** CPU shares, relative weight vs. other containers (image-spec v1.0). */
  CpuShares?: number | null;
  /** Docker's health check; implementation-specific. */
  Healthcheck?: Record<string, unknown> | null;
}

/**
 * "The rootfs key references the layer content addresses used by the image."
 *
 * @example
 * const rootfs: ImageConfigRootfs = { type: "layers", diff_ids: ["sha256:dac1d7cfa95021764849fd102524e141488c5e3a90f861dbb5a12d9ac8584f85"] };
 */
export interface ImageConfigRootfs {
  /** REQUIRED. "MUST be set to `layers`." */
  type: string;
  /**
   * REQUIRED. "An array of layer content hashes (`DiffIDs`), in order from first to last." `null` is
   * what Go writes for an image without layers; it passes, with the warning `config-diff-ids-null`.
   */
  diff_ids: string[] | null;
}

/**
 * One entry of `history`: "Describes the history of each layer."
 *
 * @example
 * const layer: ImageConfigHistory = { created: "2024-01-02T03:04:05Z", created_by: "COPY app /app" };
 * const metadataOnly: ImageConfigHistory = { created_by: '/bin/sh -c #(nop) CMD ["--help"]', empty_layer: true };
 */
export interface ImageConfigHistory {
  /** "A combined date and time at which the layer was created, formatted as defined by RFC 3339, section 5.6." */
  created?: string | null;
  /** "The author of the build point." */
  author?: string | null;
  /** "The command which created the layer." */
  created_by?: string | null;
  /** "A custom message set when creating the layer." */
  comment?: string | null;
  /** "It is set to true if this history item doesn't correspond to an actual layer in the rootfs section." */
  empty_layer?: boolean | null;
}

/**
 * An OCI image configuration, `application/vnd.oci.image.config.v1+json` (image-spec v1.1.1
 * config.md); Docker's `application/vnd.docker.container.image.v1+json` has the same shape plus
 * legacy members (`container`, `container_config`, `docker_version`, …), which pass validation: "Any
 * extra fields in the Image JSON struct are considered implementation specific and MUST be ignored".
 *
 * @example
 * const config: ImageConfig = {
 *   architecture: "amd64",
 *   os: "linux",
 *   config: { Env: ["PATH=/usr/local/bin:/usr/bin"], Entrypoint: ["/app"] },
 *   rootfs: { type: "layers", diff_ids: ["sha256:dac1d7cfa95021764849fd102524e141488c5e3a90f861dbb5a12d9ac8584f85"] },
 *   history: [{ created: "2024-01-02T03:04:05Z", created_by: "COPY app /app" }],
 * };
 * validateImageConfig(config).valid; // true
 */
export interface ImageConfig {
  /** "An combined date and time at which the image was created, formatted as defined by RFC 3339, section 5.6." */
  created?: string | null;
  /** "Gives the name and/or email address of the person or entity which created and is responsible for maintaining the image." */
  author?: string | null;
  /** REQUIRED. "The CPU architecture which the binaries in this image are built to run on." */
  architecture: string;
  /** REQUIRED. "The name of the operating system which the image is built to run on." */
  os: string;
  /** "This OPTIONAL property specifies the version of the operating system targeted by the referenced blob." */
  "os.version"?: string | null;
  /** "This OPTIONAL property specifies an array of strings, each specifying a mandatory OS feature." */
  "os.features"?: string[] | null;
  /** "The variant of the specified CPU architecture." */
  variant?: string | null;
  /** "The execution parameters which SHOULD be used as a base when running a container using the image." */
  config?: ImageConfigExecution | null;
  /** REQUIRED. "The rootfs key references the layer content addresses used by the image." */
  rootfs: ImageConfigRootfs;
  /** "Describes the history of each layer. The array is ordered from first to last." */
  history?: ImageConfigHistory[] | null;
}

/** Every member of {@link ImageConfig} with its presence, checked against schemas/oci/image-config.json. */
export const imageConfigMembers = {
  created: "optional",
  author: "optional",
  architecture: "required",
  os: "required",
  "os.version": "optional",
  "os.features": "optional",
  variant: "optional",
  config: "optional",
  rootfs: "required",
  history: "optional",
} as const satisfies MemberPresence<ImageConfig>;

/** Every member of {@link ImageConfigExecution}, checked against the schema's `config` object. */
export const imageConfigExecutionMembers = {
  User: "optional",
  ExposedPorts: "optional",
  Env: "optional",
  Entrypoint: "optional",
  Cmd: "optional",
  Volumes: "optional",
  WorkingDir: "optional",
  Labels: "optional",
  StopSignal: "optional",
  ArgsEscaped: "optional",
  Memory: "optional",
  MemorySwap: "optional",
  CpuShares: "optional",
  Healthcheck: "optional",
} as const satisfies MemberPresence<ImageConfigExecution>;

/** Every member of {@link ImageConfigRootfs}, checked against the schema's `rootfs` object. */
export const imageConfigRootfsMembers = {
  type: "required",
  diff_ids: "required",
} as const satisfies MemberPresence<ImageConfigRootfs>;

/** Every member of {@link ImageConfigHistory}, checked against the schema's `history` items. */
export const imageConfigHistoryMembers = {
  created: "optional",
  author: "optional",
  created_by: "optional",
  comment: "optional",
  empty_layer: "optional",
} as const satisfies MemberPresence<ImageConfigHistory>;

/**
 * Whether a parsed value has the shape of an image configuration (our schema
 * `schemas/oci/image-config.json`; the rules beyond it, such as RFC 3339 dates, are applied by
 * {@link validateImageConfig}).
 *
 * @example
 * isImageConfig({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [] } }) // true
 */
export function isImageConfig(value: unknown): value is ImageConfig {
  return ociImageConfig(value);
}
