/**
 * What a media type names: the role its content plays in a registry.
 * `artifact-type` is a value for a manifest's `artifactType`; `signature`, `sbom` and `attestation`
 * may appear as an artifactType, a config or a layer type, and are grouped by purpose instead.
 *
 * @example
 * lookupMediaType("application/vnd.oci.image.index.v1+json")?.kind; // "index"
 * lookupMediaType("application/spdx+json")?.kind; // "sbom"
 */
export type MediaTypeKind =
  | "manifest"
  | "index"
  | "config"
  | "layer"
  | "artifact-type"
  | "signature"
  | "sbom"
  | "attestation"
  | "other";

/**
 * How far a media type is to be relied on.
 * - `current`: in use and recommended by whoever defines it.
 * - `deprecated`: its definer says to stop producing it (Docker schema 1, non-distributable layers).
 * - `legacy`: superseded by a newer spelling, still produced or accepted by some tools.
 * - `withdrawn`: published in a draft and removed before release (the OCI artifact manifest).
 * - `example`: a documentation example that real registries nevertheless carry.
 * - `invalid`: a malformed string that real registries ship; kept so lookups can name it.
 *
 * @example
 * lookupMediaType("application/vnd.docker.distribution.manifest.v1+json")?.status; // "deprecated"
 * mediaTypes.filter((row) => row.status === "current").length; // how many types are current
 */
export type MediaTypeStatus = "current" | "deprecated" | "legacy" | "withdrawn" | "example" | "invalid";

/**
 * How a layer's bytes are compressed, beneath any encryption. `none` means stored as is.
 *
 * @example
 * layerCompression("application/vnd.oci.image.layer.v1.tar+zstd"); // "zstd"
 * layerCompression("application/vnd.oci.image.layer.v1.tar"); // "none"
 */
export type LayerCompression = "none" | "gzip" | "zstd";

/**
 * A registry or tool that recognises a media type.
 *
 * @example
 * { name: "gitlab", since: "3.80.0 (GitLab 16.3)", source: "migration 20230803" }
 */
export interface KnownBy {
  /** Registry or tool, lower-case: `gitlab`, `distribution`, `zot`, `harbor`, `quay`, `containerd`, … */
  readonly name: string;
  /**
   * The release that first recognised the type, where known. For GitLab: the GitLab container registry
   * release whose CHANGELOG announces support for the type (`3.40.0`), with the GitLab release when known.
   */
  readonly since?: string;
  /** Where the fact comes from: for GitLab, the `media_types` database migration that added the row. */
  readonly source?: string;
}

/**
 * One row of the media-type table.
 *
 * @example
 * lookupMediaType("application/vnd.cncf.falco.rulesfile.config.v1+json")
 * // { mediaType: "application/vnd.cncf.falco.rulesfile.config.v1+json", kind: "config", family: "falco",
 * //   status: "current", schema: "https://ocispec.dev/schemas/falco/config.json", … }
 */
export interface MediaTypeInfo {
  /** The canonical spelling, exactly as its definer writes it. */
  readonly mediaType: string;
  /** The role the content plays. */
  readonly kind: MediaTypeKind;
  /** The ecosystem that defines the type: `oci`, `docker`, `helm`, `falco`, `sigstore`, … */
  readonly family: string;
  /** For layers: how the bytes are compressed (beneath any encryption). */
  readonly compression?: LayerCompression;
  /** For layers: the blob is encrypted with ocicrypt (`+encrypted`). */
  readonly encrypted?: true;
  /** For layers: a non-distributable (foreign) layer, fetched from its `urls` instead of pushed. */
  readonly nonDistributable?: true;
  /** How far the type is to be relied on. */
  readonly status: MediaTypeStatus;
  /** One sentence saying what the content is. */
  readonly description: string;
  /** URL of the document that defines the type (a spec, or the source that declares it). */
  readonly spec: string;
  /** Registries and tools that recognise the type. */
  readonly knownBy: readonly KnownBy[];
  /** The project that defines the type, when that is not obvious from `spec`. */
  readonly definedBy?: string;
  /** The type's counterpart across Docker and OCI (`application/vnd.docker.image.rootfs.diff.tar.gzip` ⇄ `application/vnd.oci.image.layer.v1.tar+gzip`). */
  readonly equivalent?: string;
  /** `$id` of the JSON Schema in this package that validates content of this type. */
  readonly schema?: string;
  /** Anything else worth knowing: quirks, history, where a registry disagrees. */
  readonly notes?: string;
}

/**
 * A media type split into its parts (RFC 6838 §4.2, parameters per RFC 9110 §5.6.6).
 *
 * @example
 * parseMediaType("application/vnd.cyclonedx+json; version=1.5")
 * // { type: "application", subtype: "vnd.cyclonedx+json", suffix: "json",
 * //   parameters: { version: "1.5" }, essence: "application/vnd.cyclonedx+json" }
 */
export interface ParsedMediaType {
  /** Top-level type, lower-cased. */
  readonly type: string;
  /** Subtype including any suffix, lower-cased. */
  readonly subtype: string;
  /** Structured syntax suffix: the text after the subtype's last `+`, lower-cased, when there is one. */
  readonly suffix?: string;
  /** Parameters by lower-cased name; values unquoted, case kept. */
  readonly parameters: Readonly<Record<string, string>>;
  /** `type/subtype`, lower-cased, without parameters. */
  readonly essence: string;
}
