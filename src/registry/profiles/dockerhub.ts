import type { RegistryProfile } from "./profile.js";
import { schema1RefusedCheck } from "./schema1-check.js";

const REGISTRY_DOC =
  'docker/docs content/manuals/registry.md@0b8f7ca7 (docs.docker.com/registry): "You can push images with the following formats: OCI image manifest, Docker image manifest version 2, schema 2"; schema 1 pushes deprecated on November 4th, 2024';

/** Docker Hub (docker.io). */
export const dockerhubProfile: RegistryProfile = {
  name: "dockerhub",
  title: "Docker Hub",
  description:
    "Docker Hub (docker.io), as its documentation describes it: based on distribution, OCI distribution-spec 1.0.1, pushes of OCI image manifests and Docker v2 schema 2 manifests, OCI artifacts supported.",
  sources: [
    { title: "Docker Hub registry: supported media types", url: "https://docs.docker.com/registry/" },
    { title: "Docker Hub OCI artifacts", url: "https://docs.docker.com/docker-hub/oci-artifacts/" },
  ],
  notes: [
    "Docker Hub is closed source: its one check is read from its documentation, not executed.",
    "The documentation does not quote the answer to a refused schema 1 push, so the check carries no response.",
    "No other document-level refusal is documented; rate limits and repository permissions do not depend on the document.",
  ],
  checks: [
    {
      ...schema1RefusedCheck(
        "target-dockerhub-schema1-refused",
        REGISTRY_DOC,
        "Docker Hub accepts pushes of OCI image manifests and Docker v2 schema 2 only; pushing Docker schema 1 ended on November 4th, 2024.",
        "Docker Hub no longer accepts Docker schema 1 pushes (since November 4th, 2024): convert to Docker schema 2 or OCI",
        null,
      ),
      version: "Docker Hub since 2024-11-04",
      evidence: "read",
    },
  ],
};
