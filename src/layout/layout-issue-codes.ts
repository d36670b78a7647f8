/** One issue code the layout walker reports beyond `validate`'s own. */
export interface LayoutIssueCode {
  readonly code: string;
  readonly severity: "error" | "warning";
  /** One sentence: what the check requires. */
  readonly description: string;
  readonly ref: string;
}

const LAYOUT = "image-spec v1.1.1 image-layout.md";

/**
 * The codes of `ocispec lint`'s OCI image layout walk (docs/cli.md, "OCI image layouts"), for SARIF
 * rule metadata and the docs.
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
];
