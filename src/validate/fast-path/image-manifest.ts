import { falcoKindOfConfig, falcoMediaTypes } from "../../falco/media-types.js";
import type { FalcoArtifactKind } from "../../falco/types.js";
import {
  FALCO_ASSET_CONFIG,
  FALCO_ASSET_LAYER,
  FALCO_PLUGIN_CONFIG,
  FALCO_PLUGIN_LAYER,
  FALCO_RULESFILE_CONFIG,
  FALCO_RULESFILE_LAYER,
  OCI_EMPTY,
  OCI_IMAGE_MANIFEST,
} from "../../media-types/constants.js";
import type { JsonObject } from "../kinds.js";
import { descriptorIsClean, isObject } from "./descriptor.js";
import type { FastCheck, Tally } from "./fast-check.js";
import { sharedMembers } from "./self-describing.js";

const TITLE = "org.opencontainers.image.title";

/**
 * Whether a layer media type is one of Falco's (then the Falco rules judge the manifest by it).
 * Compared directly: strings of another length differ at once, where `falcoKindOfLayer`'s search
 * with a closure costs more on every layer of every manifest.
 */
function isFalcoLayerType(mediaType: unknown): boolean {
  return (
    mediaType === FALCO_RULESFILE_LAYER || mediaType === FALCO_PLUGIN_LAYER || mediaType === FALCO_ASSET_LAYER
  );
}

/** The Falco artifact kind of a config media type, or undefined (most configs: three comparisons). */
function falcoConfigKind(mediaType: unknown): FalcoArtifactKind | undefined {
  return mediaType === FALCO_RULESFILE_CONFIG ||
    mediaType === FALCO_PLUGIN_CONFIG ||
    mediaType === FALCO_ASSET_CONFIG
    ? falcoKindOfConfig(mediaType)
    : undefined;
}

/**
 * The one layer of a Falco artifact, without findings (src/validate/rules/falco-manifest.ts):
 * falco-manifest-layer-kind (the Falco layer type of the config's kind), falco-layer-title-missing
 * (a non-empty org.opencontainers.image.title) and falco-layer-title-path (a plain file name).
 */
function falcoLayerIsClean(layer: JsonObject, layerType: string): boolean {
  if (layer.mediaType !== layerType) return false;
  const annotations = layer.annotations;
  const title = isObject(annotations) ? annotations[TITLE] : undefined;
  return (
    typeof title === "string" &&
    title !== "" &&
    title !== "." &&
    title !== ".." &&
    !title.includes("/") &&
    !title.includes("\\")
  );
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
    if (falcoLayer === undefined ? isFalcoLayerType(layer.mediaType) : !falcoLayerIsClean(layer, falcoLayer))
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
  const falco = falcoConfigKind(config.mediaType);
  if (falco !== undefined && config.annotations !== undefined) return false;
  if (!layersAreClean(layers, tally, falco === undefined ? undefined : falcoMediaTypes[falco].layer))
    return false;
  tally.members += shared + 2;
  return true;
};
