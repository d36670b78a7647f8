import { DOCKER_FOREIGN_LAYER_GZIP, DOCKER_MANIFEST_V2 } from "../../media-types/constants.js";
import { quoteValue } from "../quote-value.js";
import { defineRule, type Rule } from "../rule.js";
import type { DockerManifest } from "../types/docker.js";
import { dockerSchema1Payload } from "./docker-manifest-v1.js";

const MANIFEST_V2_REF = "distribution docs/content/spec/manifest-v2-2.md#image-manifest-field-descriptions";

/**
 * The layer types Docker uses for content that lives outside the registry (Windows base layers):
 * manifest-v2-2.md lists the gzip one, and distribution's schema2 package the uncompressed one
 * (`MediaTypeForeignLayer` and `MediaTypeForeignLayerUncompressed`); both rules treat them alike.
 */
const DOCKER_FOREIGN_LAYERS: ReadonlySet<unknown> = new Set([
  DOCKER_FOREIGN_LAYER_GZIP,
  "application/vnd.docker.image.rootfs.foreign.diff.tar",
]);

/**
 * distribution docs/content/spec/manifest-v2-2.md: "`mediaType` … This should be set to
 * `application/vnd.docker.distribution.manifest.v2+json`" — a SHOULD, so a warning (containers/image
 * reads such manifests). It is a real portability problem: distribution's schema2 parser and GitLab
 * refuse a payload without it ("mediaType in manifest should be
 * 'application/vnd.docker.distribution.manifest.v2+json' not ''"), which their targets predict.
 */
export const dockerManifestMediaTypeMissing = defineRule({
  code: "docker-media-type-missing",
  severity: "warning",
  strictSeverity: "error",
  ref: MANIFEST_V2_REF,
  description: "A Docker schema 2 manifest should carry its mediaType (distribution refuses it without).",
  messages: {
    missing: `mediaType is missing; a Docker schema 2 image manifest should set it to "${DOCKER_MANIFEST_V2}" (distribution and GitLab refuse it without)`,
  },
  check(manifest: DockerManifest, report) {
    if (manifest.mediaType === undefined) report("", "missing");
  },
});

/**
 * distribution docs/content/spec/manifest-v2-2.md, `layers[].mediaType`: "Layers of type
 * `application/vnd.docker.image.rootfs.foreign.diff.tar.gzip` may be pulled from a remote location
 * but they should never be pushed", and `urls`: "This field is optional and uncommon." No MUST, and
 * containers/image writes foreign layers without urls when it copies non-distributable layers, so
 * a warning: distribution refuses such a manifest (`errMissingURL`, "missing URL on layer"), which
 * its target predicts. Both foreign types (`….tar.gzip`, `….tar`) get the same answer.
 */
export const dockerForeignLayerUrls = defineRule({
  code: "docker-foreign-layer-urls",
  severity: "warning",
  ref: MANIFEST_V2_REF,
  description:
    "A foreign layer should list the urls it can be fetched from (distribution refuses it without).",
  messages: {
    noUrls:
      "layers[{{index}}] is a foreign layer ({{mediaType}}) without urls; it is not meant to be pushed, so urls should say where to fetch it (distribution refuses it without)",
  },
  check(manifest: DockerManifest, report) {
    if (!Array.isArray(manifest.layers)) return;
    manifest.layers.forEach((layer, i) => {
      if (!DOCKER_FOREIGN_LAYERS.has(layer?.mediaType)) return;
      if (!Array.isArray(layer.urls) || layer.urls.length === 0) {
        report(`/layers/${i}`, "noUrls", { index: i, mediaType: layer.mediaType });
      }
    });
  },
});

/**
 * distribution docs/content/spec/manifest-v2-2.md, `urls`: "This field is optional and uncommon." It is meant
 * for foreign layers: distribution refuses urls on any other layer ("unexpected URL on layer"), so
 * such a manifest is not portable.
 */
export const dockerLayerUrlsUnexpected = defineRule({
  code: "docker-layer-urls-unexpected",
  severity: "warning",
  ref: MANIFEST_V2_REF,
  description: "Only foreign layers should carry urls; distribution refuses urls on other layers.",
  messages: {
    notForeign: `layers[{{index}}] has mediaType {{mediaType}} and urls; only foreign layers (${DOCKER_FOREIGN_LAYER_GZIP}) should have urls, and distribution refuses others`,
  },
  check(manifest: DockerManifest, report) {
    if (!Array.isArray(manifest.layers)) return;
    manifest.layers.forEach((layer, i) => {
      if (DOCKER_FOREIGN_LAYERS.has(layer?.mediaType)) return;
      if (Array.isArray(layer?.urls) && layer.urls.length > 0) {
        report(`/layers/${i}/urls`, "notForeign", { index: i, mediaType: quoteValue(layer.mediaType) });
      }
    });
  },
});

/** The rules beyond the schema for Docker schema 2 image manifests, in report order. */
export const dockerManifestRules: Rule<DockerManifest>[] = [
  dockerSchema1Payload,
  dockerManifestMediaTypeMissing,
  dockerForeignLayerUrls,
  dockerLayerUrlsUnexpected,
];
