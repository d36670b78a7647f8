// Named media types that other modules use. Each one is a row of the table (test/media-types.test.ts checks it).

/**
 * OCI image manifest (image-spec manifest.md).
 *
 * @example
 * isManifestMediaType(OCI_IMAGE_MANIFEST); // true
 */
export const OCI_IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
/**
 * OCI image index (image-spec image-index.md).
 *
 * @example
 * isIndexMediaType(OCI_IMAGE_INDEX); // true
 */
export const OCI_IMAGE_INDEX = "application/vnd.oci.image.index.v1+json";
/**
 * OCI image configuration (image-spec config.md).
 *
 * @example
 * lookupMediaType(OCI_IMAGE_CONFIG)?.kind; // "config"
 */
export const OCI_IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";
/**
 * OCI empty descriptor content, `{}` (image-spec manifest.md, "Guidance for an Empty Descriptor").
 *
 * @example
 * emptyDescriptor.mediaType === OCI_EMPTY; // true
 */
export const OCI_EMPTY = "application/vnd.oci.empty.v1+json";
/**
 * OCI content descriptor.
 *
 * @example
 * lookupMediaType(OCI_DESCRIPTOR)?.kind; // "other"
 */
export const OCI_DESCRIPTOR = "application/vnd.oci.descriptor.v1+json";
/**
 * The `oci-layout` file of an OCI image layout.
 *
 * @example
 * lookupMediaType(OCI_LAYOUT_HEADER)?.kind; // "other"
 */
export const OCI_LAYOUT_HEADER = "application/vnd.oci.layout.header.v1+json";
/**
 * OCI layer, uncompressed tar.
 *
 * @example
 * layerCompression(OCI_LAYER_TAR); // "none"
 */
export const OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
/**
 * OCI layer, gzip-compressed tar.
 *
 * @example
 * layerCompression(OCI_LAYER_TAR_GZIP); // "gzip"
 */
export const OCI_LAYER_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
/**
 * OCI layer, zstd-compressed tar.
 *
 * @example
 * layerCompression(OCI_LAYER_TAR_ZSTD); // "zstd"
 */
export const OCI_LAYER_TAR_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
/**
 * OCI non-distributable layer, uncompressed (deprecated in image-spec v1.1).
 *
 * @example
 * isNonDistributableMediaType(OCI_LAYER_NONDISTRIBUTABLE_TAR); // true
 */
export const OCI_LAYER_NONDISTRIBUTABLE_TAR = "application/vnd.oci.image.layer.nondistributable.v1.tar";
/**
 * OCI non-distributable layer, gzip (deprecated in image-spec v1.1).
 *
 * @example
 * layerCompression(OCI_LAYER_NONDISTRIBUTABLE_TAR_GZIP); // "gzip"
 */
export const OCI_LAYER_NONDISTRIBUTABLE_TAR_GZIP =
  "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
/**
 * OCI non-distributable layer, zstd (deprecated in image-spec v1.1).
 *
 * @example
 * layerCompression(OCI_LAYER_NONDISTRIBUTABLE_TAR_ZSTD); // "zstd"
 */
export const OCI_LAYER_NONDISTRIBUTABLE_TAR_ZSTD =
  "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";
/**
 * The OCI artifact manifest of the image-spec v1.1 release candidates, withdrawn before v1.1.0.
 *
 * @example
 * lookupMediaType(OCI_ARTIFACT_MANIFEST_WITHDRAWN)?.status; // "withdrawn"
 */
export const OCI_ARTIFACT_MANIFEST_WITHDRAWN = "application/vnd.oci.artifact.manifest.v1+json";

/**
 * Docker image manifest v2, schema 2.
 *
 * @example
 * dockerToOci(DOCKER_MANIFEST_V2) === OCI_IMAGE_MANIFEST; // true
 */
export const DOCKER_MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";
/**
 * Docker manifest list.
 *
 * @example
 * dockerToOci(DOCKER_MANIFEST_LIST) === OCI_IMAGE_INDEX; // true
 */
export const DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
/**
 * Docker image manifest schema 1, unsigned (deprecated).
 *
 * @example
 * lookupMediaType(DOCKER_MANIFEST_V1)?.status; // "deprecated"
 */
export const DOCKER_MANIFEST_V1 = "application/vnd.docker.distribution.manifest.v1+json";
/**
 * Docker image manifest schema 1, JWS-signed (deprecated).
 *
 * @example
 * lookupMediaType(DOCKER_MANIFEST_V1_SIGNED)?.status; // "deprecated"
 */
export const DOCKER_MANIFEST_V1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
/**
 * Docker image config.
 *
 * @example
 * dockerToOci(DOCKER_IMAGE_CONFIG) === OCI_IMAGE_CONFIG; // true
 */
export const DOCKER_IMAGE_CONFIG = "application/vnd.docker.container.image.v1+json";
/**
 * Docker Engine plugin config.
 *
 * @example
 * lookupMediaType(DOCKER_PLUGIN_CONFIG)?.kind; // "config"
 */
export const DOCKER_PLUGIN_CONFIG = "application/vnd.docker.plugin.v1+json";
/**
 * Docker layer, uncompressed tar.
 *
 * @example
 * layerCompression(DOCKER_LAYER_TAR); // "none"
 */
export const DOCKER_LAYER_TAR = "application/vnd.docker.image.rootfs.diff.tar";
/**
 * Docker layer, gzip-compressed tar.
 *
 * @example
 * layerCompression(DOCKER_LAYER_GZIP); // "gzip"
 */
export const DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
/**
 * Docker-style layer, zstd-compressed tar.
 *
 * @example
 * layerCompression(DOCKER_LAYER_ZSTD); // "zstd"
 */
export const DOCKER_LAYER_ZSTD = "application/vnd.docker.image.rootfs.diff.tar.zstd";
/**
 * Docker foreign (non-distributable) layer, gzip.
 *
 * @example
 * isNonDistributableMediaType(DOCKER_FOREIGN_LAYER_GZIP); // true
 */
export const DOCKER_FOREIGN_LAYER_GZIP = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

/**
 * Falco rules file artifact config.
 *
 * @example
 * lookupMediaType(FALCO_RULESFILE_CONFIG)?.knownBy[0]?.name; // "gitlab" (since GitLab 16.3)
 */
export const FALCO_RULESFILE_CONFIG = "application/vnd.cncf.falco.rulesfile.config.v1+json";
/**
 * Falco rules file artifact layer.
 *
 * @example
 * layerCompression(FALCO_RULESFILE_LAYER); // "gzip"
 */
export const FALCO_RULESFILE_LAYER = "application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz";
/**
 * Falco plugin artifact config.
 *
 * @example
 * lookupMediaType(FALCO_PLUGIN_CONFIG)?.family; // "falco"
 */
export const FALCO_PLUGIN_CONFIG = "application/vnd.cncf.falco.plugin.config.v1+json";
/**
 * Falco plugin artifact layer.
 *
 * @example
 * layerCompression(FALCO_PLUGIN_LAYER); // "gzip"
 */
export const FALCO_PLUGIN_LAYER = "application/vnd.cncf.falco.plugin.layer.v1+tar.gz";
/**
 * Falco asset artifact config (not in GitLab's table).
 *
 * @example
 * lookupMediaType(FALCO_ASSET_CONFIG)?.kind; // "config"
 */
export const FALCO_ASSET_CONFIG = "application/vnd.cncf.falco.asset.config.v1+json";
/**
 * Falco asset artifact layer (not in GitLab's table).
 *
 * @example
 * layerCompression(FALCO_ASSET_LAYER); // "gzip"
 */
export const FALCO_ASSET_LAYER = "application/vnd.cncf.falco.asset.layer.v1+tar.gz";

/**
 * Helm chart config.
 *
 * @example
 * lookupMediaType(HELM_CHART_CONFIG)?.kind; // "config"
 */
export const HELM_CHART_CONFIG = "application/vnd.cncf.helm.config.v1+json";
/**
 * Helm chart content layer.
 *
 * @example
 * lookupMediaType(HELM_CHART_CONTENT)?.kind; // "layer"
 */
export const HELM_CHART_CONTENT = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
/**
 * Helm chart provenance layer.
 *
 * @example
 * lookupMediaType(HELM_CHART_PROVENANCE)?.kind; // "signature"
 */
export const HELM_CHART_PROVENANCE = "application/vnd.cncf.helm.chart.provenance.v1.prov";

/**
 * cosign simple-signing payload layer (tag-based signatures).
 *
 * @example
 * lookupMediaType(COSIGN_SIMPLE_SIGNING)?.kind; // "signature"
 */
export const COSIGN_SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
/**
 * Sigstore bundle v0.3 as an OCI artifactType.
 *
 * @example
 * lookupMediaType(SIGSTORE_BUNDLE_V03)?.kind; // "signature"
 */
export const SIGSTORE_BUNDLE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
/**
 * Notation signature artifactType.
 *
 * @example
 * lookupMediaType(NOTATION_SIGNATURE)?.kind; // "signature"
 */
export const NOTATION_SIGNATURE = "application/vnd.cncf.notary.signature";
/**
 * in-toto statement.
 *
 * @example
 * lookupMediaType(IN_TOTO_STATEMENT)?.kind; // "attestation"
 */
export const IN_TOTO_STATEMENT = "application/vnd.in-toto+json";
/**
 * DSSE envelope (cosign attestations).
 *
 * @example
 * lookupMediaType(DSSE_ENVELOPE)?.kind; // "attestation"
 */
export const DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json";
/**
 * SPDX SBOM, JSON.
 *
 * @example
 * lookupMediaType(SPDX_JSON)?.kind; // "sbom"
 */
export const SPDX_JSON = "application/spdx+json";
/**
 * CycloneDX SBOM, JSON.
 *
 * @example
 * lookupMediaType(CYCLONEDX_JSON)?.kind; // "sbom"
 */
export const CYCLONEDX_JSON = "application/vnd.cyclonedx+json";
