import { distributionCoreChecks } from "./distribution-core.js";
import type { RegistryProfile } from "./profile.js";

/**
 * Harbor 2.x: its registry is distribution 2.8 configured with `validation.disabled: true` and
 * `compatibility.schema1.enabled: true`, behind Harbor's core. The manifest PUT refusals are
 * distribution's under that configuration.
 */
export const harborProfile: RegistryProfile = {
  name: "harbor",
  title: "Harbor",
  description:
    "goharbor/harbor 2.x: an embedded distribution 2.8 registry (validation disabled, schema 1 enabled) behind Harbor's core proxy. Harbor records unknown artifact types as UNKNOWN and accepts them.",
  sources: [
    {
      title:
        "Harbor's registry configuration (validation.disabled: true, compatibility.schema1.enabled: true)",
      url: "goharbor/harbor:make/photon/prepare/templates/registry/config.yml.jinja@0063430f6d8b864d3530e4597daf232cbf4e8526",
    },
    {
      title: "The artifact controller should accept unrecognized media types (Harbor 2.0)",
      url: "https://github.com/goharbor/harbor/issues/10811",
    },
    {
      title: "OCI manifests refused by Harbor 1.10 (500), supported from 2.0",
      url: "https://github.com/goharbor/harbor/issues/10952",
    },
    {
      title: "distribution 2.8.2's manifest PUT (the checks)",
      url: "docker/distribution@v2.8.2:registry/handlers/manifests.go, registry/storage/*manifesthandler.go",
    },
  ],
  notes: [
    "The checks are distribution 2.8's under Harbor's configuration, executed by test/differential; Harbor's core in front of it is read from source, not executed.",
    "With validation disabled, layer URLs are checked for scheme and fragment only, and a Docker foreign layer still needs urls.",
    "Harbor's refusals beyond the document are project policies (tag immutability, quotas, content trust, vulnerability prevention) that depend on configuration and repository state.",
    'Harbor before 2.0 answers 500 to OCI manifests (goharbor/harbor#10952, #11328), and 1.8 to 1.10 refuse manifest lists ("Manifest.list is not supported", goharbor/harbor#7597, #11932); those releases are out of support, so no check fires for them.',
    "Harbor serves signed Docker schema 1 manifests.",
  ],
  checks: distributionCoreChecks({ name: "harbor", title: "Harbor", refuseEveryUrl: false, schema1: true }),
};
