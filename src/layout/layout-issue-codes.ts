/**
 * One issue code {@link lintLayout} reports beyond `validate`'s own.
 *
 * @example
 * const entry: LayoutIssueCode | undefined = layoutIssueCodes.find((e) => e.code === "blob-missing");
 */
export interface LayoutIssueCode {
  /** The stable issue code. */
  readonly code: string;
  /** `error` makes the layout invalid; `warning` does not. */
  readonly severity: "error" | "warning";
  /** One sentence: what the check requires. */
  readonly description: string;
  /** The specification section (or document) the check rests on. */
  readonly ref: string;
}

const LAYOUT = "image-spec v1.1.1 image-layout.md";

/**
 * The codes of {@link lintLayout} (and `ocispec lint <layout>`): the layout walk and, with `deep`,
 * the image content checks; for SARIF rule metadata and the docs (docs/layout.md).
 *
 * @example
 * layoutIssueCodes.map((entry) => entry.code) // ["layout-header-missing", "layout-index-missing", "blob-missing", …]
 */
export const layoutIssueCodes: readonly LayoutIssueCode[] = [
  {
    code: "layout-header-missing",
    severity: "error",
    description: "An OCI image layout has an oci-layout file.",
    ref: `${LAYOUT}#oci-layout-file`,
  },
  {
    code: "layout-index-missing",
    severity: "error",
    description: "An OCI image layout has an index.json.",
    ref: `${LAYOUT}#indexjson-file`,
  },
  {
    code: "blob-missing",
    severity: "error",
    description:
      "Every blob a descriptor reachable from index.json names is in the layout (a subject may live elsewhere).",
    ref: `${LAYOUT}#blobs`,
  },
  {
    code: "blob-size-mismatch",
    severity: "error",
    description: "A blob has the size its descriptor states.",
    ref: "image-spec v1.1.1 descriptor.md#properties",
  },
  {
    code: "blob-digest-mismatch",
    severity: "error",
    description: "A blob's bytes hash to the digest its descriptor names.",
    ref: "image-spec v1.1.1 descriptor.md#verification",
  },
  {
    code: "blob-digest-unverified",
    severity: "warning",
    description: "The CLI can hash the digest algorithm (sha256, sha512) to verify the blob.",
    ref: "image-spec v1.1.1 descriptor.md#digests",
  },
  {
    code: "blob-unreferenced",
    severity: "warning",
    description: "Every blob in the layout is reachable from index.json.",
    ref: `${LAYOUT}#blobs`,
  },
  {
    code: "blob-too-large",
    severity: "warning",
    description: "Manifests, indexes and configs are small enough (4 MiB) to read for validation.",
    ref: "distribution-spec v1.1 spec.md#pushing-manifests",
  },
  {
    code: "layout-depth-exceeded",
    severity: "error",
    description: "Indexes nest at most 16 levels below index.json.",
    ref: LAYOUT,
  },
  {
    code: "blob-outside-layout",
    severity: "error",
    description:
      "Every file of the layout lies inside it: a symbolic link that leads out of the layout is refused, not opened.",
    ref: "ocispec docs/security.md (a layout is untrusted input)",
  },
  {
    code: "image-diff-ids-count",
    severity: "error",
    description:
      "An image config's rootfs.diff_ids has exactly one entry per layer of the manifest, in order.",
    ref: "image-spec v1.1.1 config.md#properties (rootfs.diff_ids: layer content hashes, in order from first to last)",
  },
  {
    code: "image-diff-id-mismatch",
    severity: "error",
    description:
      "Each layer, uncompressed, hashes to the diff_id at its position in the config (checked with --deep).",
    ref: "image-spec v1.1.1 config.md#layer-diffid",
  },
  {
    code: "image-layer-unreadable",
    severity: "error",
    description: "A compressed layer decompresses to its end (its gzip stream is intact).",
    ref: "image-spec v1.1.1 layer.md#gzip-media-types",
  },
  {
    code: "image-layer-unverified",
    severity: "warning",
    description:
      "ocispec can decompress the layer to check its diff_id: gzip and uncompressed layers are checked; zstd needs a decoder this runtime lacks.",
    ref: "image-spec v1.1.1 layer.md#zstd-media-types",
  },
  {
    code: "image-platform-mismatch",
    severity: "warning",
    description:
      "An index entry's platform (os, architecture, variant, os.version) agrees with the image config it points at.",
    ref: "image-spec v1.1.1 image-index.md#image-index-property-descriptions (platform) and config.md#properties",
  },
];
