import { distributionCoreChecks } from "./distribution-core.js";
import type { RegistryProfile } from "./profile.js";

/** CNCF distribution 2.8 (the Debian `docker-registry` package) with its default configuration. */
export const distributionProfile: RegistryProfile = {
  name: "distribution",
  title: "CNCF distribution (registry 2.8)",
  description:
    "distribution/distribution 2.8.2 with its default configuration, as the Debian docker-registry package and the registry:2 image run it: the reference implementation most registries fork. It accepts any config, layer and artifact type. test/differential runs its manifest PUT code on every prediction.",
  sources: [
    {
      title: "PutManifest: payload limit, unmarshal by Content-Type, digest check, error codes",
      url: "docker/distribution@v2.8.2:registry/handlers/manifests.go",
    },
    {
      title: "UnmarshalManifest: the Content-Type picks the unmarshaller, schema 1 is the fallback",
      url: "docker/distribution@v2.8.2:manifests.go",
    },
    {
      title: "Manifest verification (schema version, referenced digests, layer URLs)",
      url: "docker/distribution@v2.8.2:registry/storage/ocimanifesthandler.go, schema2manifesthandler.go, manifestlisthandler.go",
    },
    {
      title: "Default URL validation (allow ^$) and schema 1 compatibility switch",
      url: "docker/distribution@v2.8.2:registry/handlers/app.go",
    },
  ],
  notes: [
    "Every check is executed: test/differential builds distribution 2.8.2 from Debian's golang-github-docker-distribution-dev and compares its verdict with the prediction on the whole corpus.",
    "distribution refuses a manifest whose config, layers or index children are not in the repository (MANIFEST_BLOB_UNKNOWN); that depends on the repository, not on the document.",
    'A manifest body over 4 MiB (maxManifestBodySize) is answered 400 MANIFEST_INVALID "http: request body too large", not 413.',
    "A PUT without a Content-Type falls back to schema 1 and is refused 400 MANIFEST_INVALID; validateUpload answers every registry that way (upload-content-type-missing).",
    "validation.manifests.urls.allow/deny change which layer URLs are refused; the profile describes the default, which refuses them all.",
    "distribution v3 (registry:3) removed schema 1 and keeps the other checks; v3 is read from source, not executed.",
  ],
  checks: distributionCoreChecks({
    name: "distribution",
    title: "distribution 2.8",
    refuseEveryUrl: true,
    schema1: false,
  }),
};
