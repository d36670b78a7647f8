// Rules for the manifests and indexes of Falco artifacts (rulesfile, plugin, asset), applied by the
// pipeline to every image manifest and index; each rule decides itself whether the document is a
// Falco artifact. There is no Falco specification: the rules cite the falcoctl code that pushes and
// pulls these documents, and the registries known to refuse what it would accept.

import { falcoKindOfConfig, falcoKindOfLayer, falcoMediaTypes } from "../../falco/media-types.js";
import { quoteValue } from "../quote-value.js";
import { defineRule, type Rule } from "../rule.js";
import type { ImageIndex } from "../types/image-index.js";
import type { ImageManifest } from "../types/image-manifest.js";
import { TITLE_KEY } from "./annotations.js";

const PUSHER_REF = "falcoctl pkg/oci/pusher/pusher.go (Push)";
const PULLER_REF = "falcoctl pkg/oci/puller/puller.go (Pull)";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function layersOf(document: Json): unknown[] | undefined {
  return Array.isArray(document.layers) ? document.layers : undefined;
}

/**
 * A manifest is a Falco artifact when its config has a Falco config type or its first layer a Falco
 * layer type (falcoctl decides the kind from `layers[0].mediaType`). Indexes are not manifests.
 */
/**
 * Whether a layer title is a plain file name: no directory separator, not `.` or `..` (what
 * falco-layer-title-path requires; oras-go refuses to write anything else).
 *
 * @example
 * isPlainFileName("falco_rules.yaml"); // true
 * isPlainFileName("../etc/passwd"); // false
 */
export function isPlainFileName(title: string): boolean {
  return !(title.includes("/") || title.includes("\\") || title === "." || title === "..");
}

/**
 * The platform of a Falco index entry as falcoctl tells platforms apart: os/architecture/variant.
 *
 * @example
 * falcoPlatformKey({ os: "linux", architecture: "arm64" }); // "linux/arm64/"
 */
export function falcoPlatformKey(platform: Json): string {
  return `${String(platform.os)}/${String(platform.architecture)}/${String(platform.variant ?? "")}`;
}

function isFalcoManifest(document: Json): boolean {
  if (Array.isArray(document.manifests) && !("layers" in document)) return false;
  const config = document.config;
  const first = layersOf(document)?.[0];
  return (
    (isObject(config) && falcoKindOfConfig(config.mediaType) !== undefined) ||
    (isObject(first) && falcoKindOfLayer(first.mediaType) !== undefined)
  );
}

/**
 * Calls `visit` with every object entry of an index that points at Falco artifacts (some entry's
 * `artifactType` is a Falco config type), in order; nothing for any other document.
 */
function forEachFalcoIndexEntry(document: Json, visit: (entry: Json, index: number) => void): void {
  const manifests = document.manifests;
  if (!Array.isArray(manifests)) return;
  // Three rules ask on every index: a non-Falco one is answered by this scan alone.
  let falco = false;
  for (const entry of manifests) {
    if (
      isObject(entry) &&
      entry.artifactType !== undefined &&
      falcoKindOfConfig(entry.artifactType) !== undefined
    ) {
      falco = true;
      break;
    }
  }
  if (!falco) return;
  for (let index = 0; index < manifests.length; index++) {
    const entry: unknown = manifests[index];
    if (isObject(entry)) visit(entry, index);
  }
}

/**
 * falcoctl pkg/oci/pusher/pusher.go packs exactly one data layer per manifest
 * (`oras.Pack(…, []v1.Descriptor{*dataDesc}, …)`), and pkg/oci/puller/puller.go reads only
 * `manifest.Layers[0]`, failing with "no layers in manifest" when there is none: further layers are
 * never installed.
 */
export const falcoManifestLayerCount = defineRule({
  code: "falco-manifest-layer-count",
  severity: "error",
  ref: PUSHER_REF,
  description: "A Falco artifact manifest has exactly one layer.",
  messages: {
    notOne:
      "a Falco artifact has exactly one layer, the .tar.gz falcoctl installs; this manifest has {{count}}",
  },
  check(document: ImageManifest | ImageIndex, report) {
    const doc = document as unknown as Json;
    const layers = layersOf(doc);
    if (!isFalcoManifest(doc) || layers === undefined || layers.length === 1) return;
    report("/layers", "notOne", { count: layers.length });
  },
});

/**
 * falcoctl pkg/oci/pusher/pusher.go stores a rulesfile, plugin or asset layer with the config of the
 * same kind; the puller decides the kind from the layer alone (puller.go, Pull:
 * `switch manifest.Layers[0].MediaType`, "unknown media type" otherwise) and decodes the config for it. A config of one kind with a layer of another, or a Falco config with a
 * layer falcoctl does not know, is installed wrongly or not at all.
 */
export const falcoManifestLayerKind = defineRule({
  code: "falco-manifest-layer-kind",
  severity: "error",
  ref: "falcoctl pkg/oci/constants.go; pkg/oci/pusher/pusher.go (storeMainLayer, storeConfigLayer)",
  description: "The layer of a Falco artifact is the Falco layer type of the same kind as its config.",
  messages: {
    otherKind: "the config is a Falco {{kind}} config, so the layer must be {{expected}}, not {{mediaType}}",
  },
  check(document: ImageManifest | ImageIndex, report) {
    const doc = document as unknown as Json;
    if (!isFalcoManifest(doc)) return;
    const config = doc.config;
    const configKind = isObject(config) ? falcoKindOfConfig(config.mediaType) : undefined;
    layersOf(doc)?.forEach((layer, i) => {
      if (!isObject(layer)) return;
      const layerKind = falcoKindOfLayer(layer.mediaType);
      if (configKind !== undefined && layerKind !== configKind) {
        report(`/layers/${i}/mediaType`, "otherKind", {
          kind: configKind,
          expected: falcoMediaTypes[configKind].layer,
          mediaType: quoteValue(layer.mediaType),
        });
      }
    });
  },
});

/**
 * falcoctl pkg/oci/puller/puller.go, Pull: `filename := manifest.Layers[0].Annotations[v1.AnnotationTitle]`.
 * The oras file store writes a pulled blob under its title, and the installer extracts that file;
 * without the annotation nothing is written to install. falcoctl's pusher always sets it.
 */
export const falcoLayerTitleMissing = defineRule({
  code: "falco-layer-title-missing",
  severity: "error",
  ref: PULLER_REF,
  description: `The layer of a Falco artifact has a non-empty ${TITLE_KEY} annotation.`,
  messages: {
    missing: `the layer has no ${TITLE_KEY} annotation; falcoctl names the pulled file after it and cannot install without it`,
  },
  check(document: ImageManifest | ImageIndex, report) {
    const doc = document as unknown as Json;
    if (!isFalcoManifest(doc)) return;
    layersOf(doc)?.forEach((layer, i) => {
      if (!isObject(layer)) return;
      const annotations = layer.annotations;
      const title = isObject(annotations) ? annotations[TITLE_KEY] : undefined;
      if (typeof title !== "string" || title === "") {
        report(`/layers/${i}`, "missing");
      }
    });
  },
});

/**
 * The title becomes a file name in falcoctl's download directory; the oras file store refuses names
 * that leave the directory, so an absolute title, one with `..` segments or a directory part cannot
 * be pulled (and would be a path-traversal risk for tools that trust it).
 */
export const falcoLayerTitlePath = defineRule({
  code: "falco-layer-title-path",
  severity: "error",
  ref: `${PULLER_REF}; oras-go content/file (path traversal refused)`,
  description: `The ${TITLE_KEY} of a Falco layer is a plain file name, without directories or "..".`,
  messages: {
    notFileName:
      'title {{title}} must be a plain file name like "falco_rules.yaml.tar.gz", without directories or ".."',
  },
  check(document: ImageManifest | ImageIndex, report) {
    const doc = document as unknown as Json;
    if (!isFalcoManifest(doc)) return;
    layersOf(doc)?.forEach((layer, i) => {
      if (!isObject(layer) || !isObject(layer.annotations)) return;
      const title = layer.annotations[TITLE_KEY];
      if (typeof title !== "string" || title === "") return;
      if (!isPlainFileName(title)) {
        report(`/layers/${i}/annotations/${TITLE_KEY}`, "notFileName", { title: quoteValue(title) });
      }
    });
  },
});

/**
 * AWS ECR refuses a manifest whose config descriptor carries annotations, and falcoctl stopped
 * writing them for that reason (falcoctl pkg/oci/pusher/pusher.go: the config descriptor is stored
 * without annotations). A warning: the OCI spec allows annotations on any descriptor.
 */
export const falcoConfigAnnotations = defineRule({
  code: "falco-config-annotations",
  severity: "warning",
  ref: `${PUSHER_REF}; AWS ECR manifest validation`,
  description: "The config descriptor of a Falco artifact has no annotations (AWS ECR refuses them).",
  messages: {
    annotated: "the config descriptor carries annotations, which AWS ECR refuses; falcoctl writes none",
  },
  check(document: ImageManifest | ImageIndex, report) {
    const doc = document as unknown as Json;
    if (!isFalcoManifest(doc) || !isObject(doc.config) || doc.config.annotations === undefined) return;
    report("/config/annotations", "annotated");
  },
});

/**
 * falcoctl pushes plugins as one manifest per platform in an image index, and the puller picks the
 * entry for the local platform by reading `platform` on every entry (pkg/oci/puller/puller.go,
 * manifestFromRef: `manifest.Platform.OS == runtime.GOOS`, a nil pointer dereference when an entry has
 * no platform; Pull selects with oras `WithTargetPlatform`, which skips such entries).
 */
export const falcoIndexPlatformMissing = defineRule({
  code: "falco-index-platform-missing",
  severity: "error",
  ref: PULLER_REF,
  description: "Every entry of a Falco artifact index has a platform with os and architecture.",
  messages: {
    missing:
      "a Falco artifact index entry needs platform {os, architecture}; falcoctl reads it on every entry to choose what to pull",
  },
  check(document: ImageManifest | ImageIndex, report) {
    forEachFalcoIndexEntry(document as unknown as Json, (entry, index) => {
      const platform = entry.platform;
      if (
        !isObject(platform) ||
        typeof platform.os !== "string" ||
        typeof platform.architecture !== "string"
      ) {
        report(`/manifests/${index}`, "missing");
      }
    });
  },
});

/**
 * falcoctl's pusher replaces the entry of the same platform when it adds one (pusher.go,
 * updateIndex), so its indexes never hold two; the puller takes the first match, hiding the other.
 */
export const falcoIndexPlatformDuplicate = defineRule({
  code: "falco-index-platform-duplicate",
  severity: "warning",
  ref: "falcoctl pkg/oci/pusher/pusher.go (updateIndex)",
  description: "Each platform appears once in a Falco artifact index.",
  messages: {
    duplicate: "platform {{platform}} already appears at /manifests/{{first}}; falcoctl pulls only the first",
  },
  check(document: ImageManifest | ImageIndex, report) {
    const seen = new Map<string, number>();
    forEachFalcoIndexEntry(document as unknown as Json, (entry, index) => {
      const platform = entry.platform;
      if (!isObject(platform)) return;
      const key = falcoPlatformKey(platform);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else report(`/manifests/${index}/platform`, "duplicate", { platform: key.replace(/\/$/, ""), first });
    });
  },
});

/**
 * falcoctl sets `artifactType` (the config media type) on every index entry it writes, which lets
 * registries and tools tell a Falco plugin index from an image index without fetching each manifest.
 */
export const falcoIndexArtifactType = defineRule({
  code: "falco-index-artifact-type",
  severity: "warning",
  ref: PUSHER_REF,
  description: "Every entry of a Falco artifact index carries artifactType, the entry's config media type.",
  messages: { missing: "other entries of this index are Falco artifacts; this one has no artifactType" },
  check(document: ImageManifest | ImageIndex, report) {
    forEachFalcoIndexEntry(document as unknown as Json, (entry, index) => {
      if (entry.artifactType === undefined) report(`/manifests/${index}`, "missing");
    });
  },
});

/** Every rule on Falco artifact manifests and indexes, in report order. */
export const falcoManifestRules: Rule<ImageManifest | ImageIndex>[] = [
  falcoManifestLayerCount,
  falcoManifestLayerKind,
  falcoLayerTitleMissing,
  falcoLayerTitlePath,
  falcoConfigAnnotations,
  falcoIndexPlatformMissing,
  falcoIndexPlatformDuplicate,
  falcoIndexArtifactType,
];
