import { declaredManifestType } from "./docker-media-types.js";
import type { ProfileCheck, RegistryProfile } from "./profile.js";
import { MANIFEST_INVALID_RESPONSE } from "./responses.js";

const DOCKER_MANIFEST_TYPES = new Set([
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
]);
const OCI_TYPES = new Set([
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
]);
const ZOT = "project-zot/zot@6d19b445fed1c86c23fb7b351fac07cfd4717402";
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const COMPAT_DOC =
  'zotregistry.dev admin-guide/admin-configuration.md#compatibility-with-other-image-schema-types (http.compat: ["docker2s2"])';

const dockerManifestRefused: ProfileCheck = {
  code: "target-zot-docker-manifest",
  ref: `${COMPAT_DOC}; knative/func#2721 (crane push to zot: MANIFEST_INVALID with detail mediaType application/vnd.docker.distribution.manifest.v2+json)`,
  description:
    'zot is OCI-only by default: it refuses Docker v2 manifests and manifest lists unless the administrator sets http.compat to ["docker2s2"].',
  refuses: true,
  version: "zot v2 (http.compat unset)",
  evidence: "read",
  response: MANIFEST_INVALID_RESPONSE,
  check(document, report, context) {
    const declared = declaredManifestType(document, context.contentType);
    const isDocker =
      context.kind === "docker-manifest" ||
      context.kind === "docker-manifest-list" ||
      (declared !== undefined && DOCKER_MANIFEST_TYPES.has(declared));
    if (!isDocker) return;
    report(
      typeof document.mediaType === "string" ? "/mediaType" : "",
      `zot refuses Docker manifest type "${declared ?? context.kind}" with 400 MANIFEST_INVALID unless http.compat includes "docker2s2": push as OCI (skopeo copy --format oci) or enable the compatibility mode`,
    );
  },
};

const manifestTypeUnsupported: ProfileCheck = {
  code: "target-zot-manifest-type-unsupported",
  ref: `${ZOT} pkg/storage/common/common.go ValidateManifest → IsSupportedMediaType (OCI manifest and index; Docker v2 manifest and list only with http.compat docker2s2) → ErrBadManifest`,
  description:
    "zot stores only OCI image manifests and indexes (and Docker v2 manifests and lists with http.compat): every other manifest type, Docker schema 1 included, is refused with 400 MANIFEST_INVALID.",
  refuses: true,
  version: "zot v2",
  evidence: "read",
  response: MANIFEST_INVALID_RESPONSE,
  check(document, report, context) {
    const declared = declaredManifestType(document, context.contentType);
    if (declared === undefined || OCI_TYPES.has(declared) || DOCKER_MANIFEST_TYPES.has(declared)) return;
    if (context.kind === "docker-manifest" || context.kind === "docker-manifest-list") return;
    report(
      typeof document.mediaType === "string" && context.contentType === undefined ? "/mediaType" : "",
      `zot stores only OCI manifests and indexes: manifest type "${declared}" is refused with 400 MANIFEST_INVALID`,
    );
  },
};

const manifestTooLarge: ProfileCheck = {
  code: "target-zot-manifest-too-large",
  ref: `${ZOT} pkg/api/routes.go UpdateManifest (http.MaxBytesReader, constants.MaxManifestBodySize = 4 MiB → 413 MANIFEST_INVALID); commit 35c29b95, first in v2.1.16`,
  description: "zot v2.1.16 and later answer 413 MANIFEST_INVALID to a manifest body over 4 MiB.",
  refuses: true,
  version: "zot v2.1.16+",
  evidence: "read",
  response: { status: 413, code: "MANIFEST_INVALID", message: "manifest invalid" },
  check(_document, report, context) {
    if (context.bytes === undefined || context.bytes.length <= MAX_MANIFEST_BYTES) return;
    report(
      "",
      `the manifest is ${context.bytes.length} bytes: zot (v2.1.16+) refuses bodies over ${MAX_MANIFEST_BYTES} bytes with 413`,
    );
  },
};

/** project-zot/zot: an OCI-native registry. */
export const zotProfile: RegistryProfile = {
  name: "zot",
  title: "zot",
  description:
    "project-zot/zot v2 with its default configuration (http.compat unset): OCI image manifests and indexes only. Config, layer and artifact types are unrestricted.",
  sources: [
    {
      title: "Compatibility with other image schema types (http.compat)",
      url: "https://zotregistry.dev/latest/admin-guide/admin-configuration/#compatibility-with-other-image-schema-types",
    },
    { title: "Docker users guide to zot", url: "https://zotregistry.dev/v2.1.18/articles/docker/" },
    {
      title: "A Docker schema 2 push refused by zot (MANIFEST_INVALID)",
      url: "https://github.com/knative/func/issues/2721",
    },
    {
      title: "ValidateManifest and IsSupportedMediaType (the manifest types zot stores)",
      url: `${ZOT}:pkg/storage/common/common.go`,
    },
    {
      title: "Manifest PUT body limit (4 MiB, 413)",
      url: `${ZOT}:pkg/api/routes.go; commit 35c29b95 (v2.1.16)`,
    },
    {
      title: "Registry fixtures (zot rejects empty bodies, ignores the empty-layers schema error)",
      url: "../shared/reference/registry-fixtures/index.json",
    },
  ],
  notes: [
    "Read from zot's source at the commit named, not executed (zot's Go module needs a newer toolchain and network to build).",
    'With http.compat ["docker2s2"] zot stores Docker v2 manifests unchanged and target-zot-docker-manifest does not apply.',
    "zot checks that every referenced blob and child manifest exists; that depends on the repository, not on the document.",
    "zot deliberately accepts an image manifest with an empty layers array (manifestWithEmptyLayersErrMsg), unlike image-spec's own schema.",
  ],
  checks: [dockerManifestRefused, manifestTypeUnsupported, manifestTooLarge],
};
