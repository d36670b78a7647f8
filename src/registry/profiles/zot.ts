import { declaredManifestType } from "./docker-media-types.js";
import type { ProfileCheck, RegistryProfile } from "./profile.js";
import { MANIFEST_INVALID_RESPONSE } from "./responses.js";
import { schema1RefusedCheck } from "./schema1-check.js";

const DOCKER_MANIFEST_TYPES = new Set([
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
]);
const COMPAT_DOC =
  'zotregistry.dev admin-guide/admin-configuration.md#compatibility-with-other-image-schema-types (http.compat: ["docker2s2"])';

const dockerManifestRefused: ProfileCheck = {
  code: "target-zot-docker-manifest",
  severity: "warning",
  ref: `${COMPAT_DOC}; knative/func#2721 (crane push to zot: MANIFEST_INVALID with detail mediaType application/vnd.docker.distribution.manifest.v2+json)`,
  description:
    'zot is OCI-only by default: it refuses Docker v2 manifests and manifest lists unless the administrator sets http.compat to ["docker2s2"].',
  refuses: true,
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

const schema1Refused = schema1RefusedCheck(
  "target-zot-schema1-refused",
  `${COMPAT_DOC}; docker2s2 covers Docker schema 2 only`,
  "zot never stores Docker schema 1 manifests, even in Docker compatibility mode.",
  "zot refuses Docker schema 1 manifests: convert to OCI",
);

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
      title: "Registry fixtures (zot rejects empty bodies, ignores the empty-layers schema error)",
      url: "../shared/reference/registry-fixtures/index.json",
    },
  ],
  notes: [
    'With http.compat ["docker2s2"] zot stores Docker v2 manifests unchanged and target-zot-docker-manifest does not apply.',
    "zot checks that every referenced blob and child manifest exists; that depends on the repository, not on the document.",
    "zot deliberately accepts an image manifest with an empty layers array (manifestWithEmptyLayersErrMsg), unlike image-spec's own schema.",
  ],
  checks: [dockerManifestRefused, schema1Refused],
};
