import { DOCKER_MANIFEST_LIST } from "../../media-types/constants.js";
import { defineRule, type Rule } from "../rule.js";
import type { DockerManifestList } from "../types/docker.js";
import { DOCKER_SCHEMA1_MEDIA_TYPES, dockerSchema1Payload } from "./docker-manifest-v1.js";

const MANIFEST_LIST_REF = "distribution docs/content/spec/manifest-v2-2.md#manifest-list-field-descriptions";

/**
 * distribution docs/content/spec/manifest-v2-2.md, manifest list `mediaType`: "This should be set to
 * `application/vnd.docker.distribution.manifest.list.v2+json`." A SHOULD, so a warning; without it
 * a manifest list cannot be told from an OCI index, and distribution and GitLab refuse the payload
 * (their targets predict it).
 */
export const dockerManifestListMediaTypeMissing = defineRule({
  code: "docker-media-type-missing",
  severity: "warning",
  strictSeverity: "error",
  ref: MANIFEST_LIST_REF,
  description: "A Docker manifest list should carry its mediaType (distribution refuses it without).",
  messages: {
    missing: `mediaType is missing; a Docker manifest list should set it to "${DOCKER_MANIFEST_LIST}" (distribution and GitLab refuse it without)`,
  },
  check(list: DockerManifestList, report) {
    if (list.mediaType === undefined) report("", "missing");
  },
});

/**
 * distribution docs/content/spec/manifest-v2-2.md, `manifests[].mediaType`: "This will generally be
 * `application/vnd.docker.distribution.manifest.v2+json`, but it could also be
 * `application/vnd.docker.distribution.manifest.v1+json` if the manifest list references a legacy
 * schema-1 manifest." The text allows it and historical lists carry such entries, so this is `info`:
 * the child itself is what distribution v3 and GitLab refuse (`docker-schema1-refused` and their
 * targets say so when it is pushed), not the list that names it.
 */
export const dockerListSchema1Child = defineRule({
  code: "docker-list-schema1-child",
  severity: "info",
  ref: MANIFEST_LIST_REF,
  description: "A manifest list should not reference deprecated schema 1 manifests.",
  messages: {
    schema1:
      "manifests[{{index}}] references a schema 1 manifest ({{mediaType}}), which the spec allows; schema 1 itself is deprecated and refused by distribution v3 and GitLab",
  },
  check(list: DockerManifestList, report) {
    if (!Array.isArray(list.manifests)) return;
    list.manifests.forEach((child, i) => {
      if (typeof child?.mediaType === "string" && DOCKER_SCHEMA1_MEDIA_TYPES.has(child.mediaType)) {
        report(`/manifests/${i}/mediaType`, "schema1", { index: i, mediaType: child.mediaType });
      }
    });
  },
});

/**
 * distribution docs/content/spec/manifest-v2-2.md, `manifests[].platform`: "The platform object
 * describes the platform which the image in the manifest runs on." It is how a client picks its
 * image from the list (distribution's Go type always writes it); an entry without one cannot be
 * selected.
 */
export const dockerListPlatformMissing = defineRule({
  code: "docker-list-platform-missing",
  severity: "warning",
  ref: MANIFEST_LIST_REF,
  description: "Every manifest list entry should say which platform it runs on.",
  messages: {
    missing:
      "manifests[{{index}}] has no platform; clients choose a manifest from a list by its platform (architecture and os)",
  },
  check(list: DockerManifestList, report) {
    if (!Array.isArray(list.manifests)) return;
    list.manifests.forEach((child, i) => {
      if (child !== null && typeof child === "object" && child.platform === undefined) {
        report(`/manifests/${i}`, "missing", { index: i });
      }
    });
  },
});

/** The rules beyond the schema for Docker manifest lists, in report order. */
export const dockerManifestListRules: Rule<DockerManifestList>[] = [
  dockerSchema1Payload,
  dockerManifestListMediaTypeMissing,
  dockerListSchema1Child,
  dockerListPlatformMissing,
];
