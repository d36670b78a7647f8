import { checkMediaType } from "./check.js";
import { type MediaTypeFacts, mediaTypeFacts } from "./facts.js";
import type { LayerCompression } from "./types.js";

const ENCRYPTED_SUFFIX = "+encrypted";
/** image-spec keeps this namespace for layer types; containerd's IsLayerType treats all of it as layers. */
const OCI_LAYER_PREFIX = "application/vnd.oci.image.layer.";

// The predicates read the compact kind index derived from the table (facts.ts), not the annotated
// table itself, so `ocispec/core` answers them without loading descriptions, specs and notes; they
// answer as the table's rows say (test/media-types-kinds.test.ts).

/** What the classifiers know about a layer type: its row's facts, or what its name says. */
type LayerFacts = Pick<MediaTypeFacts, "compression" | "nonDistributable">;

/**
 * The layer facts of a media type: its row's when the table has it as a layer; for an unknown type,
 * the row of the layer it wraps when it ends in `+encrypted` (ocicrypt wraps any layer type that way);
 * and for an unknown type in the `application/vnd.oci.image.layer.` namespace, the compression its
 * last `+gzip`/`+zstd` suffix names.
 */
function layerFacts(mediaType: string): LayerFacts | undefined {
  const row = mediaTypeFacts(mediaType);
  if (row !== undefined) return row.kind === "layer" ? row : undefined;
  if (typeof mediaType !== "string") return undefined;
  const lower = mediaType.toLowerCase();
  if (lower.endsWith(ENCRYPTED_SUFFIX)) {
    const wrapped = mediaTypeFacts(mediaType.slice(0, -ENCRYPTED_SUFFIX.length));
    if (wrapped?.kind === "layer") return wrapped;
  }
  if (lower.startsWith(OCI_LAYER_PREFIX)) {
    const checked = checkMediaType(mediaType);
    if (!checked.ok) return undefined;
    const suffixes = checked.value.subtype.split("+").slice(1);
    const last = suffixes.filter((suffix) => suffix !== "encrypted").at(-1);
    const nonDistributable = lower.startsWith(`${OCI_LAYER_PREFIX}nondistributable.`) ? true : undefined;
    const compression = last === "gzip" || last === "zstd" ? last : undefined;
    return {
      ...(compression === undefined ? {} : { compression }),
      ...(nonDistributable === undefined ? {} : { nonDistributable }),
    };
  }
  return undefined;
}

/**
 * Whether a media type names a manifest: a row of kind `manifest` (OCI and Docker v2 manifests, the
 * deprecated Docker schema 1 manifests, the withdrawn OCI and ORAS artifact manifests).
 * Unknown types are not manifests.
 *
 * @example
 * isManifestMediaType("application/vnd.oci.image.manifest.v1+json"); // true
 * isManifestMediaType("application/vnd.oci.image.index.v1+json"); // false
 */
export function isManifestMediaType(mediaType: string): boolean {
  return mediaTypeFacts(mediaType)?.kind === "manifest";
}

/**
 * Whether a media type names an index: the OCI image index or the Docker manifest list.
 * Unknown types are not indexes.
 *
 * @example
 * isIndexMediaType("application/vnd.docker.distribution.manifest.list.v2+json"); // true
 */
export function isIndexMediaType(mediaType: string): boolean {
  return mediaTypeFacts(mediaType)?.kind === "index";
}

/**
 * Whether a media type names a config blob: a row of kind `config` — image configs, and the configs of
 * artifacts (Helm, Falco, Flux, …), including the OCI empty descriptor `application/vnd.oci.empty.v1+json`.
 * Broader than containerd's `IsConfigType` and go-containerregistry's `IsConfig`, which mean image
 * configs only. Unknown types are not configs.
 *
 * @example
 * isConfigMediaType("application/vnd.cncf.falco.plugin.config.v1+json"); // true
 */
export function isConfigMediaType(mediaType: string): boolean {
  return mediaTypeFacts(mediaType)?.kind === "config";
}

/**
 * Whether a media type names a layer. True for rows of kind `layer`; for types the table does not
 * know, true when the type is a known layer type wrapped by ocicrypt (`…+encrypted`), or lies in the
 * `application/vnd.oci.image.layer.` namespace (as containerd's `IsLayerType` decides). Any other
 * unknown type is not a layer, even with a `+tar` suffix: a registry cannot tell a tar from a name.
 * Types grouped by purpose (`signature`, `sbom`, `attestation`, such as `application/jose+json` or
 * `application/spdx+json`) also travel as layers of artifact manifests; this answers `false` for them,
 * so do not use it to refuse a layer — image-spec lets a manifest carry any layer type.
 *
 * @example
 * isLayerMediaType("application/vnd.docker.image.rootfs.diff.tar.gzip"); // true
 * isLayerMediaType("application/vnd.docker.image.rootfs.diff.tar.gzip+encrypted"); // true
 * isLayerMediaType("application/vnd.example.thing.v1+tar"); // false
 */
export function isLayerMediaType(mediaType: string): boolean {
  return layerFacts(mediaType) !== undefined;
}

/**
 * How a layer's bytes are compressed, beneath any encryption: `none`, `gzip` or `zstd`, or `undefined`
 * when the type is not a layer or its name does not say (a Nydus blob, an unknown OCI layer type
 * without a compression suffix).
 *
 * @example
 * layerCompression("application/vnd.oci.image.layer.v1.tar+zstd"); // "zstd"
 * layerCompression("application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz"); // "gzip"
 * layerCompression("application/vnd.oci.image.config.v1+json"); // undefined
 */
export function layerCompression(mediaType: string): LayerCompression | undefined {
  return layerFacts(mediaType)?.compression;
}

/**
 * Whether a layer is non-distributable: a Docker foreign layer or an OCI non-distributable layer, whose
 * blob is fetched from the descriptor's `urls` rather than pushed (image-spec layer.md; deprecated in v1.1).
 *
 * @example
 * isNonDistributableMediaType("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"); // true
 */
export function isNonDistributableMediaType(mediaType: string): boolean {
  return layerFacts(mediaType)?.nonDistributable === true;
}
