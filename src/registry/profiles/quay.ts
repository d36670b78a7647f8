import { descriptorFields, fieldLabel, layerFields } from "../document-fields.js";
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
  'Red Hat Quay 3.10 "Configuring artifact types" (FEATURE_GENERAL_OCI_SUPPORT, ALLOWED_OCI_ARTIFACT_TYPES, IGNORE_UNKNOWN_MEDIATYPES)';
/** quay/quay v3.12.0, the release the current checks were read from. */
const QUAY_3_12 = "quay/quay@v3.12.0 (ae99470d5c67cafc831706b5b5d35670a6220524)";
const OCI_NONDISTRIBUTABLE = new Set([
  "application/vnd.oci.image.layer.nondistributable.v1.tar",
  "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
]);
/** endpoints/v2/manifest.py _reject_manifest2_schema2: the Content-Types a manifest PUT may carry. */
const PUT_TYPES = new Set([
  "application/vnd.docker.distribution.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v1+prettyjws",
  DOCKER_V2,
  "application/vnd.docker.distribution.manifest.list.v2+json",
  OCI_MANIFEST,
  "application/vnd.oci.image.index.v1+json",
  "application/json",
]);

/** Whether the document is pushed as `manifestType` or, without a type, detected as `kind`. */
function pushedAs(
  document: Readonly<Record<string, unknown>>,
  context: ProfileContext,
  manifestType: string,
  kind: ProfileContext["kind"],
): boolean {
  return declaredManifestType(document, context.contentType) === manifestType || context.kind === kind;
}

/** `config.mediaType` of a document pushed as `manifestType` (or detected as `kind`), else undefined. */
function configMediaTypeOf(
  document: Readonly<Record<string, unknown>>,
  context: ProfileContext,
  manifestType: string,
  kind: ProfileContext["kind"],
): string | undefined {
  if (!pushedAs(document, context, manifestType, kind)) return undefined;
  const mediaType = descriptorFields(document).find((field) => field.position === "config")?.descriptor
    .mediaType;
  return typeof mediaType === "string" ? mediaType : undefined;
}

const configMediaType: ProfileCheck = {
  code: "target-quay-config-media-type",
  ref: `${ARTIFACT_TYPES_DOC}; quay/quay@v3.11.0 image/oci/descriptor.py get_descriptor_schema (the mediaType enum unless IGNORE_UNKNOWN_MEDIATYPES); quay/quay commit 4546163e8 (PROJQUAY-7280, first in v3.12.0: "Deprecate IGNORE_UNKNOWN_MEDIATYPES", the enum no longer applied); the table's knownBy "quay" config rows`,
  description:
    "Quay 3.6 to 3.11 accept an OCI manifest only when its config.mediaType is the image config or a type in ALLOWED_OCI_ARTIFACT_TYPES, unless IGNORE_UNKNOWN_MEDIATYPES is set; Quay 3.12 and later accept any config type.",
  refuses: false,
  version: "Quay 3.6–3.11 (not 3.12+)",
  evidence: "read",
  response: MANIFEST_INVALID_RESPONSE,
  check(document, report, context) {
    const mediaType = configMediaTypeOf(document, context, OCI_MANIFEST, "image-manifest");
    if (mediaType === undefined) return;
    const known = knownByRegistry("quay").get(mediaType);
    if (known?.kind === "config") return;
    report(
      "/config/mediaType",
      `config.mediaType "${mediaType}" is not in Quay's default ALLOWED_OCI_ARTIFACT_TYPES: Quay 3.6 to 3.11 refuse the push (400 MANIFEST_INVALID) unless an administrator adds it or sets IGNORE_UNKNOWN_MEDIATYPES; Quay 3.12+ and quay.io accept it`,
    );
  },
};

const dockerConfigMediaType: ProfileCheck = {
  code: "target-quay-docker-config-media-type",
  ref: "sylabs/singularity#3664 and #3782 (Quay applies a 'must be' restriction to config.mediaType in Docker schema 2); quay/quay image/docker/schema2/manifest.py",
  description:
    "Quay's Docker schema 2 parser requires config.mediaType to be application/vnd.docker.container.image.v1+json, where Docker's text only says it should generally be.",
  refuses: true,
  version: QUAY_3_12,
  evidence: "read",
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
  ref: "quay/quay:image/docker/schema2/manifest.py METASCHEMA (layer mediaType enum: rootfs.diff.tar.gzip, rootfs.foreign.diff.tar.gzip); ../shared/reference/media-types.tsv row application/vnd.docker.image.rootfs.diff.tar",
  description:
    "Quay's Docker schema 2 schema allows only gzip-compressed and foreign layer types, not the uncompressed Docker layer type.",
  refuses: true,
  version: QUAY_3_12,
  evidence: "read",
  response: MANIFEST_INVALID_RESPONSE,
  check(document, report, context) {
    if (!pushedAs(document, context, DOCKER_V2, "docker-manifest")) return;
    for (const { path, descriptor } of layerFields(document)) {
      if (typeof descriptor.mediaType !== "string") continue;
      if (DOCKER_LAYERS.has(descriptor.mediaType)) continue;
      report(
        `${path}/mediaType`,
        `${fieldLabel(`${path}/mediaType`)} "${descriptor.mediaType}" is refused by Quay in a Docker schema 2 manifest: only rootfs.diff.tar.gzip and foreign layers are allowed`,
      );
    }
  },
};

const contentTypeUnsupported: ProfileCheck = {
  code: "target-quay-content-type-unsupported",
  ref: `${QUAY_3_12} endpoints/v2/manifest.py _reject_manifest2_schema2 ("manifest schema version not supported", http_status_code=415)`,
  description:
    "Quay answers 415 MANIFEST_INVALID to a manifest PUT whose Content-Type is not a Docker schema 1 or 2 type, an OCI manifest or index type, or application/json.",
  refuses: true,
  version: QUAY_3_12,
  evidence: "read",
  response: { status: 415, code: "MANIFEST_INVALID", message: "manifest invalid" },
  check(_document, report, context) {
    const type = context.contentType?.split(";")[0]?.trim();
    if (type === undefined || PUT_TYPES.has(type)) return;
    report(
      "",
      `Quay answers 415 MANIFEST_INVALID "manifest schema version not supported" to Content-Type "${type}"`,
    );
  },
};

const nondistributableWithoutUrls: ProfileCheck = {
  code: "target-quay-nondistributable-layer-urls",
  ref: `${QUAY_3_12} image/oci/manifest.py OCIManifest.__init__ ("missing \`urls\` for remote layer")`,
  description:
    "Quay refuses an OCI manifest with a non-distributable layer that has no urls: 400 MANIFEST_INVALID.",
  refuses: true,
  version: QUAY_3_12,
  evidence: "read",
  response: MANIFEST_INVALID_RESPONSE,
  check(document, report, context) {
    if (!pushedAs(document, context, OCI_MANIFEST, "image-manifest")) return;
    for (const { path, descriptor } of layerFields(document)) {
      if (!OCI_NONDISTRIBUTABLE.has(String(descriptor.mediaType))) continue;
      if (Array.isArray(descriptor.urls) && descriptor.urls.length > 0) continue;
      report(
        path,
        `${fieldLabel(path)} is a non-distributable layer without urls: Quay refuses the manifest ("missing \`urls\` for remote layer")`,
      );
    }
  },
};

/** Red Hat Quay (self-managed) and quay.io. */
export const quayProfile: RegistryProfile = {
  name: "quay",
  title: "Quay",
  description:
    "Red Hat Quay 3.12 and later (and quay.io) with FEATURE_GENERAL_OCI_SUPPORT. Quay 3.6 to 3.11 also refuse config types outside ALLOWED_OCI_ARTIFACT_TYPES: that check is a warning naming those releases.",
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
    {
      title:
        "Deprecate IGNORE_UNKNOWN_MEDIATYPES; descriptors no longer restricted by type (first in v3.12.0)",
      url: "quay/quay commit 4546163e8339c53054f3097c413a94dc7f5da842 (PR #2597)",
    },
    {
      title: "Manifest PUT Content-Type check (415) and OCI manifest parsing",
      url: "quay/quay@v3.12.0:endpoints/v2/manifest.py, image/oci/manifest.py",
    },
    { title: "Media-type table (knownBy quay)", url: "../shared/reference/media-types.tsv" },
  ],
  notes: [
    "Read from Quay's source and documentation, not executed (Quay is Python; no Debian package).",
    "Quay compares the Content-Type header as sent (Flask's request.content_type), so a parameter such as '; charset=utf-8' also gets 415; the profiles see the media type without parameters, so that case is not predicted.",
    "ALLOWED_OCI_ARTIFACT_TYPES maps each config type to its allowed layer types; the layer half of that allowlist is not checked here.",
    "Quay still accepts Docker schema 1 manifests.",
    "quay/quay#3683 (open) would also refuse negative layer sizes; the schemas already refuse them.",
  ],
  checks: [
    contentTypeUnsupported,
    configMediaType,
    dockerConfigMediaType,
    dockerLayerMediaType,
    nondistributableWithoutUrls,
  ],
};
