import { DOCKER_FOREIGN_LAYER_GZIP, DOCKER_MANIFEST_V2 } from "../../media-types/constants.js";
import { quoteValue } from "../quote-value.js";
import type { Rule } from "../rule.js";
import type { DockerManifest } from "../types/docker.js";
import { dockerSchema1Payload } from "./docker-manifest-v1.js";

const MANIFEST_V2_REF = "distribution docs/content/spec/manifest-v2-2.md#image-manifest-field-descriptions";

/** The layer type Docker uses for content that lives outside the registry (Windows base layers). */
const DOCKER_FOREIGN_LAYER = DOCKER_FOREIGN_LAYER_GZIP;

/**
 * distribution docs/content/spec/manifest-v2-2.md: "`mediaType` … This should be set to
 * `application/vnd.docker.distribution.manifest.v2+json`" — and because Docker's schema 2 manifests,
 * unlike OCI manifests, have no other way to tell an image manifest from a manifest list or an OCI
 * document, distribution and GitLab refuse a payload without it ("mediaType in manifest should be
 * 'application/vnd.docker.distribution.manifest.v2+json' not ''").
 */
export const dockerManifestMediaTypeMissing: Rule<DockerManifest> = {
  code: "docker-media-type-missing",
  severity: "error",
  ref: MANIFEST_V2_REF,
  description: "A Docker schema 2 manifest must carry its mediaType.",
  check(manifest, report) {
    if (manifest.mediaType === undefined) {
      report(
        "",
        `mediaType is missing; a Docker schema 2 image manifest must set it to "${DOCKER_MANIFEST_V2}"`,
      );
    }
  },
};

/**
 * distribution docs/content/spec/manifest-v2-2.md, `layers[].mediaType`: "Layers of type
 * `application/vnd.docker.image.rootfs.foreign.diff.tar.gzip` may be pulled from a remote location
 * but they should never be pushed", and `urls`: "Provides a list of URLs from which the content may
 * be fetched." A foreign layer without URLs cannot be fetched at all; distribution refuses it
 * ("missing URL on layer").
 */
export const dockerForeignLayerUrls: Rule<DockerManifest> = {
  code: "docker-foreign-layer-urls",
  severity: "error",
  ref: MANIFEST_V2_REF,
  description: "A foreign layer must list the urls it can be fetched from.",
  check(manifest, report) {
    if (!Array.isArray(manifest.layers)) return;
    manifest.layers.forEach((layer, i) => {
      if (layer?.mediaType !== DOCKER_FOREIGN_LAYER) return;
      if (!Array.isArray(layer.urls) || layer.urls.length === 0) {
        report(
          `/layers/${i}`,
          `layers[${i}] is a foreign layer (${DOCKER_FOREIGN_LAYER}) without urls; it is never pushed to the registry, so urls must say where to fetch it`,
        );
      }
    });
  },
};

/**
 * distribution docs/content/spec/manifest-v2-2.md, `urls`: "This field is optional and uncommon." It is meant
 * for foreign layers: distribution refuses urls on any other layer ("unexpected URL on layer"), so
 * such a manifest is not portable.
 */
export const dockerLayerUrlsUnexpected: Rule<DockerManifest> = {
  code: "docker-layer-urls-unexpected",
  severity: "warning",
  ref: MANIFEST_V2_REF,
  description: "Only foreign layers should carry urls; distribution refuses urls on other layers.",
  check(manifest, report) {
    if (!Array.isArray(manifest.layers)) return;
    manifest.layers.forEach((layer, i) => {
      if (layer?.mediaType === DOCKER_FOREIGN_LAYER) return;
      if (Array.isArray(layer?.urls) && layer.urls.length > 0) {
        report(
          `/layers/${i}/urls`,
          `layers[${i}] has mediaType ${quoteValue(layer.mediaType)} and urls; only foreign layers (${DOCKER_FOREIGN_LAYER}) should have urls, and distribution refuses others`,
        );
      }
    });
  },
};

/** The rules beyond the schema for Docker schema 2 image manifests, in report order. */
export const dockerManifestRules: Rule<DockerManifest>[] = [
  dockerSchema1Payload,
  dockerManifestMediaTypeMissing,
  dockerForeignLayerUrls,
  dockerLayerUrlsUnexpected,
];
