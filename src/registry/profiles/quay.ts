import { descriptorFields, fieldLabel } from "../document-fields.js";
import { declaredManifestType } from "./docker-media-types.js";
import { knownByRegistry } from "./known-by.js";
import type { ProfileCheck, ProfileContext, RegistryProfile } from "./profile.js";
import { MANIFEST_INVALID_RESPONSE } from "./responses.js";

const DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const DOCKER_IMAGE_CONFIG = "application/vnd.docker.container.image.v1+json";
const DOCKER_LAYERS = new Set([
  "application/vnd.docker.image.rootfs.diff.tar.gzip",
  "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
]);
const ARTIFACT_TYPES_DOC =
  'Red Hat Quay 3 "Configuring artifact types" (FEATURE_GENERAL_OCI_SUPPORT, ALLOWED_OCI_ARTIFACT_TYPES, IGNORE_UNKNOWN_MEDIATYPES)';

/** `config.mediaType` of a document pushed as `manifestType` (or detected as `kind`), else undefined. */
function configMediaTypeOf(
  document: Readonly<Record<string, unknown>>,
  context: ProfileContext,
  manifestType: string,
  kind: ProfileContext["kind"],
): string | undefined {
  if (declaredManifestType(document, context.contentType) !== manifestType && context.kind !== kind)
    return undefined;
  const mediaType = descriptorFields(document).find((field) => field.position === "config")?.descriptor
    .mediaType;
  return typeof mediaType === "string" ? mediaType : undefined;
}

const configMediaType: ProfileCheck = {
  code: "target-quay-config-media-type",
  severity: "warning",
  ref: `${ARTIFACT_TYPES_DOC}; quay/quay image/oci schema; the table's knownBy "quay" config rows`,
  description:
    "Self-managed Quay accepts an OCI manifest only when its config.mediaType is the image config or a type in ALLOWED_OCI_ARTIFACT_TYPES (defaults: Helm, the unknown ORAS config), unless IGNORE_UNKNOWN_MEDIATYPES is set.",
  refuses: true,
  response: MANIFEST_INVALID_RESPONSE,
  check(document, report, context) {
    const mediaType = configMediaTypeOf(document, context, OCI_MANIFEST, "image-manifest");
    if (mediaType === undefined) return;
    const known = knownByRegistry("quay").get(mediaType);
    if (known?.kind === "config") return;
    report(
      "/config/mediaType",
      `config.mediaType "${mediaType}" is not in self-managed Quay's default ALLOWED_OCI_ARTIFACT_TYPES: the push is refused unless an administrator adds it or sets IGNORE_UNKNOWN_MEDIATYPES (quay.io accepts any config type since 2023-02)`,
    );
  },
};

const dockerConfigMediaType: ProfileCheck = {
  code: "target-quay-docker-config-media-type",
  severity: "warning",
  ref: "sylabs/singularity#3664 and #3782 (Quay applies a 'must be' restriction to config.mediaType in Docker schema 2); quay/quay image/docker/schema2/manifest.py",
  description:
    "Quay's Docker schema 2 parser requires config.mediaType to be application/vnd.docker.container.image.v1+json, where Docker's text only says it should generally be.",
  refuses: true,
  response: MANIFEST_INVALID_RESPONSE,
  check(document, report, context) {
    const mediaType = configMediaTypeOf(document, context, DOCKER_V2, "docker-manifest");
    if (mediaType === undefined || mediaType === DOCKER_IMAGE_CONFIG) return;
    report(
      "/config/mediaType",
      `config.mediaType "${mediaType}" in a Docker schema 2 manifest is refused by Quay, which requires "${DOCKER_IMAGE_CONFIG}": push an OCI manifest instead`,
    );
  },
};

const dockerLayerMediaType: ProfileCheck = {
  code: "target-quay-docker-layer-media-type",
  severity: "warning",
  ref: "quay/quay:image/docker/schema2/manifest.py METASCHEMA (layer mediaType enum: rootfs.diff.tar.gzip, rootfs.foreign.diff.tar.gzip); ../shared/reference/media-types.tsv row application/vnd.docker.image.rootfs.diff.tar",
  description:
    "Quay's Docker schema 2 schema allows only gzip-compressed and foreign layer types, not the uncompressed Docker layer type.",
  refuses: true,
  response: MANIFEST_INVALID_RESPONSE,
  check(document, report, context) {
    if (
      declaredManifestType(document, context.contentType) !== DOCKER_V2 &&
      context.kind !== "docker-manifest"
    )
      return;
    for (const { position, path, descriptor } of descriptorFields(document)) {
      if (position !== "layer" || typeof descriptor.mediaType !== "string") continue;
      if (DOCKER_LAYERS.has(descriptor.mediaType)) continue;
      report(
        `${path}/mediaType`,
        `${fieldLabel(`${path}/mediaType`)} "${descriptor.mediaType}" is refused by Quay in a Docker schema 2 manifest: only rootfs.diff.tar.gzip and foreign layers are allowed`,
      );
    }
  },
};

/** Red Hat Quay (self-managed) and quay.io. */
export const quayProfile: RegistryProfile = {
  name: "quay",
  title: "Quay",
  description:
    "Self-managed Red Hat Quay 3 with FEATURE_GENERAL_OCI_SUPPORT and the default ALLOWED_OCI_ARTIFACT_TYPES. quay.io ignores unknown media types since 2023-02; only the Docker schema 2 checks apply there.",
  sources: [
    {
      title:
        "Configuring artifact types (FEATURE_GENERAL_OCI_SUPPORT, ALLOWED_OCI_ARTIFACT_TYPES, IGNORE_UNKNOWN_MEDIATYPES)",
      url: "https://docs.redhat.com/en/documentation/red_hat_quay/3.10/html/manage_red_hat_quay/supported-oci-media-types",
    },
    {
      title: "Fact finding: registry support for artifacts (quay.io allows any config type, 2023-02-16)",
      url: "https://github.com/opencontainers/image-spec/issues/1025",
    },
    {
      title: "Quay requires the Docker image config type in schema 2",
      url: "https://github.com/sylabs/singularity/pull/3782",
    },
    { title: "Media-type table (knownBy quay)", url: "../shared/reference/media-types.tsv" },
  ],
  notes: [
    "ALLOWED_OCI_ARTIFACT_TYPES maps each config type to its allowed layer types; the layer half of that allowlist is not checked here.",
    "Quay still accepts Docker schema 1 manifests.",
    "quay/quay#3683 (open) would also refuse negative layer sizes; the schemas already refuse them.",
  ],
  checks: [configMediaType, dockerConfigMediaType, dockerLayerMediaType],
};
