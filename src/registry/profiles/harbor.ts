import type { RegistryProfile } from "./profile.js";

/**
 * Harbor 2.x. Research found no document-level refusal beyond the distribution release it embeds, so
 * the profile has no checks and says so, rather than inventing some.
 */
export const harborProfile: RegistryProfile = {
  name: "harbor",
  title: "Harbor",
  description:
    "goharbor/harbor 2.x: an embedded distribution registry behind Harbor's core proxy. Harbor records unknown artifact types as UNKNOWN and accepts them.",
  sources: [
    {
      title: "The artifact controller should accept unrecognized media types (Harbor 2.0)",
      url: "https://github.com/goharbor/harbor/issues/10811",
    },
    {
      title: "OCI manifests refused by Harbor 1.10 (500), supported from 2.0",
      url: "https://github.com/goharbor/harbor/issues/10952",
    },
    {
      title: "Media-type table (knownBy harbor: processors for Helm, CNAB, WASM, cosign, notation, SBOMs)",
      url: "../shared/reference/media-types.tsv",
    },
  ],
  notes: [
    "No document-level refusal beyond distribution's was found; the research is thin, and the profile deliberately has no checks.",
    "Harbor's refusals are project policies (tag immutability, quotas, content trust, vulnerability prevention) that depend on configuration and repository state, not on the document.",
    'Harbor before 2.0 answers 500 to OCI manifests (goharbor/harbor#10952, #11328), and 1.8 to 1.10 refuse manifest lists ("Manifest.list is not supported", goharbor/harbor#7597, #11932); those releases are out of support, so no check fires for them.',
    "Harbor still serves Docker schema 1 (the table lists prettyjws as known by harbor).",
  ],
  checks: [],
};
