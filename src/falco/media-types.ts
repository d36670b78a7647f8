import {
  FALCO_ASSET_CONFIG,
  FALCO_ASSET_LAYER,
  FALCO_PLUGIN_CONFIG,
  FALCO_PLUGIN_LAYER,
  FALCO_RULESFILE_CONFIG,
  FALCO_RULESFILE_LAYER,
} from "../media-types/constants.js";
import type { FalcoArtifactKind } from "./types.js";

/**
 * Config and layer media types of each Falco artifact kind (falcoctl pkg/oci/constants.go).
 *
 * @example
 * falcoMediaTypes.plugin.layer; // "application/vnd.cncf.falco.plugin.layer.v1+tar.gz"
 * falcoMediaTypes.rulesfile.config; // "application/vnd.cncf.falco.rulesfile.config.v1+json"
 */
export const falcoMediaTypes: Readonly<
  Record<
    FalcoArtifactKind,
    {
      /** The media type of the config blob. */
      readonly config: string;
      /** The media type of the layer (the .tar.gz of the files). */
      readonly layer: string;
    }
  >
> = {
  rulesfile: { config: FALCO_RULESFILE_CONFIG, layer: FALCO_RULESFILE_LAYER },
  plugin: { config: FALCO_PLUGIN_CONFIG, layer: FALCO_PLUGIN_LAYER },
  asset: { config: FALCO_ASSET_CONFIG, layer: FALCO_ASSET_LAYER },
};

/**
 * The artifact kinds, in falcoctl's order.
 *
 * @example
 * falcoArtifactKinds; // ["rulesfile", "plugin", "asset"]
 * for (const kind of falcoArtifactKinds) console.log(kind, falcoMediaTypes[kind].config);
 */
export const falcoArtifactKinds: readonly FalcoArtifactKind[] = ["rulesfile", "plugin", "asset"];

// The config and layer types in falcoArtifactKinds' order, for lookups that validation makes on
// every manifest's config and layers and every index entry: plain comparisons, no closure per call.
const CONFIG_TYPES: readonly string[] = falcoArtifactKinds.map((kind) => falcoMediaTypes[kind].config);
const LAYER_TYPES: readonly string[] = falcoArtifactKinds.map((kind) => falcoMediaTypes[kind].layer);

/** The kind whose type in `types` is `mediaType`, or undefined (anything not a string at once). */
function kindAt(types: readonly string[], mediaType: unknown): FalcoArtifactKind | undefined {
  if (typeof mediaType !== "string") return undefined;
  for (let i = 0; i < types.length; i++) if (types[i] === mediaType) return falcoArtifactKinds[i];
  return undefined;
}

/**
 * The artifact kind a Falco config media type belongs to, or `undefined` for any other type.
 *
 * @example
 * falcoKindOfConfig("application/vnd.cncf.falco.plugin.config.v1+json") // "plugin"
 */
export function falcoKindOfConfig(mediaType: unknown): FalcoArtifactKind | undefined {
  return kindAt(CONFIG_TYPES, mediaType);
}

/**
 * The artifact kind a Falco layer media type belongs to, or `undefined` for any other type.
 * falcoctl decides an artifact's kind from `layers[0].mediaType` (pkg/oci/types.go, HumanReadableMediaType).
 *
 * @example
 * falcoKindOfLayer("application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz") // "rulesfile"
 */
export function falcoKindOfLayer(mediaType: unknown): FalcoArtifactKind | undefined {
  return kindAt(LAYER_TYPES, mediaType);
}
