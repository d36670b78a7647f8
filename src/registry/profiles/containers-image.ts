import { fieldLabel, layerFields } from "../document-fields.js";
import { goField, goMembers, pullType } from "./go-decoding.js";
import type { ProfileCheck, RegistryProfile } from "./profile.js";

// What containers/image (podman, skopeo, buildah, CRI-O) refuses when it pulls a manifest:
// manifest.NormalizedMIMEType on the Content-Type, then the parser for that type. Executed by
// test/differential against Debian's golang-github-containers-image-dev 5.23.1.

const VERSION = "containers/image v5.23.1 (Debian golang-github-containers-image-dev 5.23.1)";
const SOURCE = "containers/image@v5.23.1";
const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
const DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
const DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
const SCHEMA1 = new Set([
  "application/vnd.docker.distribution.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v1+prettyjws",
]);
/** manifest.SupportedSchema2MediaType: the only types a Docker v2 manifest and its layers may name. */
const SCHEMA2_TYPES = new Set([
  DOCKER_LIST,
  ...SCHEMA1,
  "application/vnd.docker.container.image.v1+json",
  "application/vnd.docker.image.rootfs.foreign.diff.tar",
  "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
  "application/vnd.docker.image.rootfs.diff.tar.gzip",
  DOCKER_V2,
  "application/vnd.docker.image.rootfs.diff.tar",
]);
const ESSENTIAL = ["config", "fsLayers", "history", "layers", "manifests"] as const;

/** manifest.NormalizedMIMEType: exact strings; anything else (and application/json) is schema 1. */
function normalized(type: string): string {
  if (
    type === OCI_MANIFEST ||
    type === OCI_INDEX ||
    type === DOCKER_V2 ||
    type === DOCKER_LIST ||
    SCHEMA1.has(type)
  )
    return type;
  return "application/vnd.docker.distribution.manifest.v1+prettyjws";
}

/** The members validateUnambiguousManifestFormat allows for each parser. */
function allowed(type: string): readonly string[] {
  if (type === OCI_MANIFEST || type === DOCKER_V2) return ["config", "layers"];
  if (type === OCI_INDEX || type === DOCKER_LIST) return ["manifests"];
  return ["fsLayers", "history"];
}

const ambiguous: ProfileCheck = {
  code: "target-containers-image-ambiguous",
  ref: `${SOURCE} manifest/common.go validateUnambiguousManifestFormat, called by OCI1FromManifest, OCI1IndexFromManifest, Schema2FromManifest, Schema2ListFromManifest, Schema1FromManifest`,
  description:
    'containers/image refuses to pull a manifest carrying a top-level config, fsLayers, history, layers or manifests member (any letter case, not null) that its type does not have: "rejecting ambiguous manifest".',
  refuses: true,
  version: VERSION,
  evidence: "executed",
  check(document, report, context) {
    const type = pullType(document, context);
    if (type === undefined) return;
    const parser = normalized(type);
    if (SCHEMA1.has(parser) && goField(document, "schemaVersion") !== 1) return; // refused as a schema version first
    const unexpected = goMembers(document, ESSENTIAL, false).filter(
      (name) => !allowed(parser).includes(name),
    );
    if (unexpected.length === 0) return;
    report(
      `/${Object.keys(document).find((key) => key.toLowerCase() === unexpected[0]?.toLowerCase()) ?? ""}`,
      `containers/image (podman, skopeo, buildah) refuses to pull this as ${parser}: "rejecting ambiguous manifest, unexpected fields ${unexpected.join(", ")}"`,
    );
  },
};

const dockerMediaTypes: ProfileCheck = {
  code: "target-containers-image-docker-media-type",
  ref: `${SOURCE} manifest/docker_schema2.go Schema2FromManifest → manifest/manifest.go SupportedSchema2MediaType`,
  description:
    'containers/image refuses a Docker v2 manifest whose mediaType (absent included) or any layer mediaType is not a Docker schema 2 type: "unsupported docker v2s2 media type". OCI layer types in a Docker manifest are refused.',
  refuses: true,
  version: VERSION,
  evidence: "executed",
  check(document, report, context) {
    const type = pullType(document, context);
    if (type === undefined || normalized(type) !== DOCKER_V2) return;
    const declared = goField(document, "mediaType");
    const mediaType = typeof declared === "string" ? declared : "";
    if (!SCHEMA2_TYPES.has(mediaType)) {
      report(
        mediaType === "" ? "" : "/mediaType",
        `containers/image refuses a Docker v2 manifest with mediaType ${JSON.stringify(mediaType)}: "unsupported docker v2s2 media type" — set mediaType to ${DOCKER_V2}`,
      );
      return;
    }
    for (const { path, descriptor } of layerFields(document)) {
      const declaredLayerType = goField(descriptor, "mediaType");
      const layerType = typeof declaredLayerType === "string" ? declaredLayerType : "";
      if (SCHEMA2_TYPES.has(layerType)) continue;
      report(
        `${path}/mediaType`,
        `${fieldLabel(`${path}/mediaType`)} ${JSON.stringify(layerType)} is not a Docker schema 2 layer type: containers/image refuses the pull ("unsupported docker v2s2 media type"); push an OCI manifest for OCI layer types`,
      );
      return;
    }
  },
};

const readAsSchema1: ProfileCheck = {
  code: "target-containers-image-read-as-schema1",
  ref: `${SOURCE} manifest/manifest.go NormalizedMIMEType (any other Content-Type is read as Docker schema 1) → manifest/docker_schema1.go Schema1FromManifest ("unsupported schema version")`,
  description:
    'containers/image reads a manifest served as Docker schema 1, or with any Content-Type other than the six manifest types (exact strings: no parameters, no other letter case), as Docker schema 1, and refuses a schema 2 document: "unsupported schema version 2".',
  refuses: true,
  version: VERSION,
  evidence: "executed",
  check(document, report, context) {
    const type = pullType(document, context);
    if (type === undefined || goField(document, "schemaVersion") === 1) return;
    if (!SCHEMA1.has(normalized(type))) return;
    report(
      "",
      `served as "${type}", containers/image reads the manifest as Docker schema 1 and refuses it ("unsupported schema version ${typeof document.schemaVersion === "number" ? document.schemaVersion : 0}"): serve it with its own media type, exactly`,
    );
  },
};

/** containers/image: the library podman, skopeo, buildah and CRI-O pull with. */
export const containersImageProfile: RegistryProfile = {
  name: "containers-image",
  title: "containers/image (podman, skopeo, buildah, CRI-O)",
  description:
    "A client target: what containers/image 5.23 refuses when podman, skopeo, buildah or CRI-O pull a manifest, given the Content-Type the registry serves (the document's own mediaType when none is given).",
  sources: [
    { title: "The manifest parsers and SupportedSchema2MediaType", url: `${SOURCE}:manifest/` },
    { title: "validateUnambiguousManifestFormat", url: `${SOURCE}:manifest/common.go` },
    { title: "NormalizedMIMEType and FromBlob", url: `${SOURCE}:manifest/manifest.go` },
  ],
  notes: [
    "Every check is executed: test/differential builds containers/image 5.23.1 from Debian's golang-github-containers-image-dev and compares its parsers' verdict with the prediction on the whole corpus.",
    "Pushes are not refused by these checks: the refusal comes when someone pulls (podman pull, skopeo copy, buildah from).",
    "Go's JSON decoding refuses members of the wrong JSON type too; ocispec's schemas already refuse those.",
  ],
  checks: [ambiguous, dockerMediaTypes, readAsSchema1],
};
