/**
 * Every member name the documents ocispec reads define as a struct field (OCI descriptor, platform,
 * manifest, index, image config, layout header; Docker v2 manifest and list, schema 1; Falco config).
 * Go decodes these case-insensitively, so a member that folds onto one of them but is not spelled
 * exactly like it is a parser differential.
 *
 * @example
 * specMemberNames.has("mediaType"); // true
 * readJson('{"mediatype":"x"}').issues[0]?.code; // "json-case-fold-key": folds onto mediaType
 */
export const specMemberNames: ReadonlySet<string> = new Set([
  // descriptor, manifest, index (image-spec specs-go/v1)
  "schemaVersion",
  "mediaType",
  "artifactType",
  "config",
  "layers",
  "manifests",
  "subject",
  "annotations",
  "digest",
  "size",
  "urls",
  "data",
  "platform",
  // platform
  "architecture",
  "os",
  "os.version",
  "os.features",
  "variant",
  "features",
  // image config
  "created",
  "author",
  "rootfs",
  "history",
  "type",
  "diff_ids",
  "created_by",
  "comment",
  "empty_layer",
  "User",
  "ExposedPorts",
  "Env",
  "Entrypoint",
  "Cmd",
  "Volumes",
  "WorkingDir",
  "Labels",
  "StopSignal",
  "ArgsEscaped",
  // image config members of older image-spec and Docker configs, which schemas/oci/image-config.json
  // checks: a folded spelling would escape the schema while Docker still reads it
  "Memory",
  "MemorySwap",
  "CpuShares",
  "Healthcheck",
  // image layout header
  "imageLayoutVersion",
  // Docker schema 1
  "name",
  "tag",
  "fsLayers",
  "blobSum",
  "v1Compatibility",
  "signatures",
  // Falco artifact config (falcoctl pkg/oci/types.go)
  "version",
  "dependencies",
  "requirements",
  "alternatives",
]);

/**
 * Members whose value is a Go map, not a struct: their keys are data, matched exactly, so the
 * case-folding check does not apply inside them.
 *
 * @example
 * mapMemberNames.has("annotations"); // true
 * readJson('{"annotations":{"Size":"a","size":"b"}}').issues; // []: map keys are data
 */
export const mapMemberNames: ReadonlySet<string> = new Set([
  "annotations",
  "Labels",
  "ExposedPorts",
  "Volumes",
]);

/**
 * Members read into Go integer types: their numbers must be canonical integers.
 *
 * @example
 * integerMemberNames.has("size"); // true
 * readJson('{"size":1.0}').issues[0]?.code; // "json-number-not-canonical"
 */
export const integerMemberNames: ReadonlySet<string> = new Set(["size", "schemaVersion"]);
