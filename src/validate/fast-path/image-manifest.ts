import { falcoKindOfConfig, falcoKindOfLayer, falcoMediaTypes } from "../../falco/media-types.js";
import { OCI_EMPTY, OCI_IMAGE_MANIFEST } from "../../media-types/constants.js";
import { isJsonObject, type JsonObject } from "../kinds.js";
import { TITLE_KEY } from "../rules/annotations.js";
import { isPlainFileName } from "../rules/falco-manifest.js";
import { descriptorIsClean } from "./descriptor.js";
import type { FastCheck, Tally } from "./fast-check.js";
import { sharedMembers } from "./self-describing.js";

/**
 * The one layer of a Falco artifact, without findings (src/validate/rules/falco-manifest.ts):
 * falco-manifest-layer-kind (the Falco layer type of the config's kind), falco-layer-title-missing
 * (a non-empty org.opencontainers.image.title) and falco-layer-title-path (a plain file name).
 */
function falcoLayerIsClean(layer: JsonObject, layerType: string): boolean {
  if (layer.mediaType !== layerType) return false;
  const annotations = layer.annotations;
  const title = isJsonObject(annotations) ? annotations[TITLE_KEY] : undefined;
  return typeof title === "string" && title !== "" && isPlainFileName(title);
}

/**
 * The layers of an image manifest, without findings: each a clean descriptor, at least one
 * (layers-empty: "For portability, layers SHOULD have at least one entry"), none of a Falco layer
 * type unless the config is a Falco config (a manifest the Falco rules would judge by its first
 * layer is left to the full pipeline).
 */
function layersAreClean(layers: unknown, tally: Tally, falcoLayer: string | undefined): boolean {
  if (!Array.isArray(layers) || layers.length === 0) return false;
  for (let i = 0; i < layers.length; i++) {
    const layer: unknown = layers[i];
    if (!descriptorIsClean(layer, tally)) return false;
    if (
      falcoLayer === undefined
        ? falcoKindOfLayer(layer.mediaType) !== undefined
        : !falcoLayerIsClean(layer, falcoLayer)
    )
      return false;
  }
  // falco-manifest-layer-count: "A Falco artifact manifest has exactly one layer."
  return falcoLayer === undefined || layers.length === 1;
}

/**
 * The fast check of an OCI image manifest (see {@link FastCheck}): schemas/oci/image-manifest.json
 * and the rules of src/validate/rules/image-manifest.ts — media-type-missing and
 * manifest-media-type-wrong (mediaType is present and is the manifest type), manifest-has-manifests
 * (no `manifests`: only the members the spec defines are accepted), artifact-type-required ("If the
 * config.mediaType is set to the empty value, the artifactType MUST be defined"), layers-empty,
 * subject-media-type, the annotation rules, the descriptor rules on config, layers and subject, and
 * the Falco artifact rules when the config is a Falco config (one layer of the matching Falco layer
 * type with a plain file name as its title; falco-config-annotations: no annotations on the config).
 *
 * @example
 * imageManifestFastCheck(JSON.parse(manifestText), { members: 0 }); // true for a clean manifest
 */
export const imageManifestFastCheck: FastCheck = (manifest, tally) => {
  const shared = sharedMembers(manifest, OCI_IMAGE_MANIFEST, tally);
  if (shared === -1) return false;
  const config = manifest.config;
  const layers = manifest.layers;
  if (!descriptorIsClean(config, tally)) return false;
  if (config.mediaType === OCI_EMPTY && manifest.artifactType === undefined) return false;
  const falco = falcoKindOfConfig(config.mediaType);
  if (falco !== undefined && config.annotations !== undefined) return false;
  if (!layersAreClean(layers, tally, falco === undefined ? undefined : falcoMediaTypes[falco].layer))
    return false;
  tally.members += shared + 2;
  return true;
};
