import type { FalcoArtifactKind } from "./types.js";

/** Config and layer media types of each Falco artifact kind (falcoctl pkg/oci/constants.go). */
export const falcoMediaTypes: Readonly<
  Record<FalcoArtifactKind, { readonly config: string; readonly layer: string }>
> = {
  rulesfile: {
    config: "application/vnd.cncf.falco.rulesfile.config.v1+json",
    layer: "application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz",
  },
  plugin: {
    config: "application/vnd.cncf.falco.plugin.config.v1+json",
    layer: "application/vnd.cncf.falco.plugin.layer.v1+tar.gz",
  },
  asset: {
    config: "application/vnd.cncf.falco.asset.config.v1+json",
    layer: "application/vnd.cncf.falco.asset.layer.v1+tar.gz",
  },
};

/** The artifact kinds, in falcoctl's order. */
export const falcoArtifactKinds: readonly FalcoArtifactKind[] = ["rulesfile", "plugin", "asset"];

/**
 * The artifact kind a Falco config media type belongs to, or `undefined` for any other type.
 *
 * @example
 * falcoKindOfConfig("application/vnd.cncf.falco.plugin.config.v1+json") // "plugin"
 */
export function falcoKindOfConfig(mediaType: unknown): FalcoArtifactKind | undefined {
  return falcoArtifactKinds.find((kind) => falcoMediaTypes[kind].config === mediaType);
}

/**
 * The artifact kind a Falco layer media type belongs to, or `undefined` for any other type.
 * falcoctl decides an artifact's kind from `layers[0].mediaType` (pkg/oci/types.go, HumanReadableMediaType).
 *
 * @example
 * falcoKindOfLayer("application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz") // "rulesfile"
 */
export function falcoKindOfLayer(mediaType: unknown): FalcoArtifactKind | undefined {
  return falcoArtifactKinds.find((kind) => falcoMediaTypes[kind].layer === mediaType);
}
