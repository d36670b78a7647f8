import { descriptorFields, fieldLabel } from "../document-fields.js";
import { CURRENT_MANIFEST_TYPES, declaredManifestType, isDockerSchema1 } from "./docker-media-types.js";
import type { ProfileCheck, RegistryProfile } from "./profile.js";
import { MANIFEST_INVALID_RESPONSE } from "./responses.js";
import { schema1RefusedCheck } from "./schema1-check.js";

const OCI_HANDLER =
  "distribution/distribution:registry/storage/ocimanifesthandler.go@1ba51c3572999ef52331f5c0ea790474348d44f5";
const URL_CHECKED_LAYERS = new Set([
  "application/vnd.oci.image.layer.v1.tar",
  "application/vnd.oci.image.layer.v1.tar+gzip",
  "application/vnd.oci.image.layer.nondistributable.v1.tar",
  "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
]);

const schema1Removed = schema1RefusedCheck(
  "target-distribution-schema1-removed",
  "distribution v3.0.0 removed Docker schema 1 (2023-08); ../shared/reference/media-types.tsv rows application/vnd.docker.distribution.manifest.v1+json and v1+prettyjws",
  "distribution v3 no longer registers the schema 1 manifest types, so a schema 1 push fails to unmarshal.",
  "Docker schema 1 was removed in distribution v3: the registry answers 400 MANIFEST_INVALID; convert to Docker schema 2 or OCI",
);

const manifestTypeUnsupported: ProfileCheck = {
  code: "target-distribution-manifest-type-unsupported",
  severity: "warning",
  ref: "distribution/distribution:registry/handlers/manifests.go@69431e10d624b1ec62ae0311ef94ce46799f47c7 PutManifest (distribution.UnmarshalManifest on the Content-Type → ErrorCodeManifestInvalid)",
  description:
    "distribution stores only OCI image manifests and indexes and Docker v2 manifests and manifest lists; any other manifest type fails to unmarshal.",
  refuses: true,
  response: MANIFEST_INVALID_RESPONSE,
  check(document, report, context) {
    const declared = declaredManifestType(document, context.contentType);
    if (
      declared === undefined ||
      CURRENT_MANIFEST_TYPES.has(declared) ||
      isDockerSchema1(document, context.contentType)
    ) {
      return;
    }
    report(
      typeof document.mediaType === "string" ? "/mediaType" : "",
      `manifest type "${declared}" is not one distribution stores (OCI manifest or index, Docker v2 manifest or list): it answers 400 MANIFEST_INVALID`,
    );
  },
};

const layerUrlInvalid: ProfileCheck = {
  code: "target-distribution-layer-url-invalid",
  severity: "warning",
  ref: `${OCI_HANDLER} verifyManifest (errInvalidURL)`,
  description:
    "distribution refuses OCI layers whose urls are not http or https, carry a fragment, or fail the configured validation.manifests.urls allow/deny patterns.",
  refuses: true,
  check(document, report) {
    for (const { position, path, descriptor } of descriptorFields(document)) {
      if (position !== "layer" || !Array.isArray(descriptor.urls)) continue;
      if (typeof descriptor.mediaType !== "string" || !URL_CHECKED_LAYERS.has(descriptor.mediaType)) continue;
      descriptor.urls.forEach((url, index) => {
        if (typeof url !== "string" || urlIsAcceptable(url)) return;
        report(
          `${path}/urls/${index}`,
          `${fieldLabel(`${path}/urls/${index}`)} "${url}" is refused by distribution: layer URLs must be http or https without a fragment`,
        );
      });
    }
  },
};

/** distribution's test: parses, scheme http or https, no fragment. */
function urlIsAcceptable(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && !url.includes("#");
  } catch {
    return false;
  }
}

/** CNCF distribution v3 (`registry:3`, and the `docker-registry` Debian package for what is common to 2.8). */
export const distributionProfile: RegistryProfile = {
  name: "distribution",
  title: "CNCF distribution (registry v3)",
  description:
    "distribution/distribution v3 with its default configuration: the reference implementation most registries fork. It accepts any config, layer and artifact type.",
  sources: [
    {
      title: "PutManifest: payload limit, unmarshal by Content-Type, digest check",
      url: "https://github.com/distribution/distribution/blob/main/registry/handlers/manifests.go",
    },
    {
      title: "OCI manifest verification (layer URLs, referenced blobs)",
      url: "https://github.com/distribution/distribution/blob/main/registry/storage/ocimanifesthandler.go",
    },
    { title: "Media-type table notes (schema 1 removal)", url: "../shared/reference/media-types.tsv" },
  ],
  notes: [
    "distribution refuses a manifest whose config, layers or index children are not in the repository (MANIFEST_BLOB_UNKNOWN); that depends on the repository, not on the document.",
    'A manifest body over 4 MiB (maxManifestBodySize) is answered 400 MANIFEST_INVALID "http: request body too large", not 413.',
    "The Debian docker-registry package is distribution 2.8, which still knows schema 1; the schema 1 check describes v3.",
  ],
  checks: [schema1Removed, manifestTypeUnsupported, layerUrlInvalid],
};
