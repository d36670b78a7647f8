import { DOCKER_MANIFEST_V1, DOCKER_MANIFEST_V1_SIGNED } from "../../media-types/constants.js";
import { mediaTypeEssence } from "../content-type.js";
import { defineRule, type Rule } from "../rule.js";

/** The schema 1 media types: unsigned and signed (JWS). */
export const DOCKER_SCHEMA1_MEDIA_TYPES: ReadonlySet<string> = new Set([
  DOCKER_MANIFEST_V1,
  DOCKER_MANIFEST_V1_SIGNED,
]);

/**
 * Docker image manifest schema 1 (`schemaVersion: 1`, `application/vnd.docker.distribution.manifest.v1+json`
 * and `+prettyjws`) was deprecated by Docker (deprecated-schema-v1.md) and removed from distribution v3
 * (2023); GitLab's registry refuses it ("manifest type unsupported"), and Docker Hub no longer accepts
 * pushes of it. No spec text forbids it, so ocispec does not validate it further and says so with one
 * warning (an error under `strict`); the registries' refusals are their targets' predictions.
 */
export const dockerSchema1Refused = defineRule({
  code: "docker-schema1-refused",
  severity: "warning",
  strictSeverity: "error",
  ref: "distribution docs/content/spec/deprecated-schema-v1.md",
  description:
    "Docker image manifest schema 1 is deprecated, and refused by distribution v3, GitLab and Docker Hub.",
  messages: {
    deprecated:
      "Docker image manifest schema 1 is deprecated and refused by distribution v3, GitLab and Docker Hub; push a schema 2 (application/vnd.docker.distribution.manifest.v2+json) or OCI image manifest instead",
  },
  check(_manifest: unknown, report) {
    report("", "deprecated");
  },
});

/**
 * Whether a document or Content-Type is a Docker schema 1 manifest: `schemaVersion: 1`, or one of
 * the media types `application/vnd.docker.distribution.manifest.v1+json` / `+prettyjws`.
 *
 * @example
 * isDockerSchema1({ schemaVersion: 1, name: "x", tag: "latest", fsLayers: [] }) // true
 * isDockerSchema1({}, "application/vnd.docker.distribution.manifest.v1+prettyjws") // true
 */
export function isDockerSchema1(document: unknown, mediaType?: string): boolean {
  if (mediaType !== undefined && DOCKER_SCHEMA1_MEDIA_TYPES.has(mediaTypeEssence(mediaType))) return true;
  if (document === null || typeof document !== "object" || Array.isArray(document)) return false;
  const doc = document as { schemaVersion?: unknown; mediaType?: unknown };
  return (
    doc.schemaVersion === 1 ||
    (typeof doc.mediaType === "string" && DOCKER_SCHEMA1_MEDIA_TYPES.has(doc.mediaType))
  );
}

/**
 * The same refusal for a schema 1 payload that arrived under a schema 2 Content-Type (the
 * Content-Type decides the kind, so the schema also reports what a schema 2 document lacks): without
 * it, nothing would say that the document is schema 1.
 */
export const dockerSchema1Payload = defineRule({
  ...dockerSchema1Refused,
  check(document: unknown, report, context) {
    if (isDockerSchema1(document)) dockerSchema1Refused.check(document, report, context);
  },
});

/** The rules for Docker schema 1 manifests: a single refusal. */
export const dockerManifestV1Rules: Rule<unknown>[] = [dockerSchema1Refused];
