// Named media types that other modules use. Each one is a row of the table (test/media-types.test.ts checks it).

/** OCI image manifest (image-spec manifest.md). */
export const OCI_IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
/** OCI image index (image-spec image-index.md). */
export const OCI_IMAGE_INDEX = "application/vnd.oci.image.index.v1+json";
/** OCI image configuration (image-spec config.md). */
export const OCI_IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";
/** OCI empty descriptor content, `{}` (image-spec manifest.md, "Guidance for an Empty Descriptor"). */
export const OCI_EMPTY = "application/vnd.oci.empty.v1+json";
/** OCI content descriptor. */
export const OCI_DESCRIPTOR = "application/vnd.oci.descriptor.v1+json";
/** The `oci-layout` file of an OCI image layout. */
export const OCI_LAYOUT_HEADER = "application/vnd.oci.layout.header.v1+json";
/** OCI layer, uncompressed tar. */
export const OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
/** OCI layer, gzip-compressed tar. */
export const OCI_LAYER_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
/** OCI layer, zstd-compressed tar. */
export const OCI_LAYER_TAR_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
/** OCI non-distributable layer, uncompressed (deprecated in image-spec v1.1). */
export const OCI_LAYER_NONDISTRIBUTABLE_TAR = "application/vnd.oci.image.layer.nondistributable.v1.tar";
/** OCI non-distributable layer, gzip (deprecated in image-spec v1.1). */
export const OCI_LAYER_NONDISTRIBUTABLE_TAR_GZIP =
  "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
/** OCI non-distributable layer, zstd (deprecated in image-spec v1.1). */
export const OCI_LAYER_NONDISTRIBUTABLE_TAR_ZSTD =
  "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";
/** The OCI artifact manifest of the image-spec v1.1 release candidates, withdrawn before v1.1.0. */
export const OCI_ARTIFACT_MANIFEST_WITHDRAWN = "application/vnd.oci.artifact.manifest.v1+json";

/** Docker image manifest v2, schema 2. */
export const DOCKER_MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";
/** Docker manifest list. */
export const DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
/** Docker image manifest schema 1, unsigned (deprecated). */
export const DOCKER_MANIFEST_V1 = "application/vnd.docker.distribution.manifest.v1+json";
/** Docker image manifest schema 1, JWS-signed (deprecated). */
export const DOCKER_MANIFEST_V1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
/** Docker image config. */
export const DOCKER_IMAGE_CONFIG = "application/vnd.docker.container.image.v1+json";
/** Docker Engine plugin config. */
export const DOCKER_PLUGIN_CONFIG = "application/vnd.docker.plugin.v1+json";
/** Docker layer, uncompressed tar. */
export const DOCKER_LAYER_TAR = "application/vnd.docker.image.rootfs.diff.tar";
/** Docker layer, gzip-compressed tar. */
export const DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
/** Docker-style layer, zstd-compressed tar. */
export const DOCKER_LAYER_ZSTD = "application/vnd.docker.image.rootfs.diff.tar.zstd";
/** Docker foreign (non-distributable) layer, gzip. */
export const DOCKER_FOREIGN_LAYER_GZIP = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

/** Falco rules file artifact config. */
export const FALCO_RULESFILE_CONFIG = "application/vnd.cncf.falco.rulesfile.config.v1+json";
/** Falco rules file artifact layer. */
export const FALCO_RULESFILE_LAYER = "application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz";
/** Falco plugin artifact config. */
export const FALCO_PLUGIN_CONFIG = "application/vnd.cncf.falco.plugin.config.v1+json";
/** Falco plugin artifact layer. */
export const FALCO_PLUGIN_LAYER = "application/vnd.cncf.falco.plugin.layer.v1+tar.gz";
/** Falco asset artifact config (not in GitLab's table). */
export const FALCO_ASSET_CONFIG = "application/vnd.cncf.falco.asset.config.v1+json";
/** Falco asset artifact layer (not in GitLab's table). */
export const FALCO_ASSET_LAYER = "application/vnd.cncf.falco.asset.layer.v1+tar.gz";

/** Helm chart config. */
export const HELM_CHART_CONFIG = "application/vnd.cncf.helm.config.v1+json";
/** Helm chart content layer. */
export const HELM_CHART_CONTENT = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
/** Helm chart provenance layer. */
export const HELM_CHART_PROVENANCE = "application/vnd.cncf.helm.chart.provenance.v1.prov";

/** cosign simple-signing payload layer (tag-based signatures). */
export const COSIGN_SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
/** Sigstore bundle v0.3 as an OCI artifactType. */
export const SIGSTORE_BUNDLE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
/** Notation signature artifactType. */
export const NOTATION_SIGNATURE = "application/vnd.cncf.notary.signature";
/** in-toto statement. */
export const IN_TOTO_STATEMENT = "application/vnd.in-toto+json";
/** DSSE envelope (cosign attestations). */
export const DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json";
/** SPDX SBOM, JSON. */
export const SPDX_JSON = "application/spdx+json";
/** CycloneDX SBOM, JSON. */
export const CYCLONEDX_JSON = "application/vnd.cyclonedx+json";
