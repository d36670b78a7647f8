/**
 * Where media types and descriptors sit in the manifest-like documents a registry receives (OCI image
 * manifest and index, Docker v2 manifest and manifest list). Reads parsed JSON defensively: a value of
 * the wrong shape is skipped here, because the schema stage already reports it.
 */

/**
 * The role a media type plays in a document, as registries distinguish them.
 *
 * @example
 * const position: MediaTypePosition = "config";
 * mediaTypeFields(manifest).filter((field) => field.position === "layer");
 */
export type MediaTypePosition = "manifest" | "config" | "layer" | "artifactType" | "child" | "subject";

/**
 * One media-type string found in a document.
 *
 * @example
 * const field: MediaTypeField = { position: "config", path: "/config/mediaType", value: "application/vnd.oci.image.config.v1+json" };
 */
export interface MediaTypeField {
  /** What the value describes. */
  position: MediaTypePosition;
  /** JSON Pointer to the value. */
  path: string;
  /** The media type as written. */
  value: string;
}

/**
 * One descriptor object found in a document.
 *
 * @example
 * const field: DescriptorField = {
 *   position: "layer",
 *   path: "/layers/0",
 *   descriptor: { mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: "sha256:…", size: 32654 },
 * };
 */
export interface DescriptorField {
  /** `config`, `layer`, `child` (an index entry) or `subject`. */
  position: Exclude<MediaTypePosition, "manifest" | "artifactType">;
  /** JSON Pointer to the descriptor object. */
  path: string;
  /** The descriptor's members, unchecked. */
  descriptor: Readonly<Record<string, unknown>>;
}

/** Narrow an unknown JSON value to a plain object. */
export function isJsonObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Every descriptor of a manifest or index, in document order: `config`, `layers[]`, `manifests[]`,
 * `subject`.
 *
 * @example
 * descriptorFields({ config: { mediaType: "a", size: 2, digest: "…" }, layers: [] })
 * // → [{ position: "config", path: "/config", descriptor: { … } }]
 */
export function descriptorFields(document: unknown): DescriptorField[] {
  const fields: DescriptorField[] = [];
  if (!isJsonObject(document)) return fields;
  if (isJsonObject(document.config)) {
    fields.push({ position: "config", path: "/config", descriptor: document.config });
  }
  const lists = [
    ["layers", "layer"],
    ["manifests", "child"],
  ] as const;
  for (const [member, position] of lists) {
    const list = document[member];
    if (!Array.isArray(list)) continue;
    list.forEach((entry, index) => {
      if (isJsonObject(entry)) fields.push({ position, path: `/${member}/${index}`, descriptor: entry });
    });
  }
  if (isJsonObject(document.subject)) {
    fields.push({ position: "subject", path: "/subject", descriptor: document.subject });
  }
  return fields;
}

/**
 * The layers of a manifest (`layers[i]` objects), with their paths: the walk every profile check on
 * layer types makes.
 *
 * @example
 * layerFields({ layers: [{ mediaType: "a" }, "x", { mediaType: "b" }] }).map((field) => field.path)
 * // → ["/layers/0", "/layers/2"]
 */
export function layerFields(document: unknown): DescriptorField[] {
  return descriptorFields(document).filter((field) => field.position === "layer");
}

/**
 * Every media-type string of a manifest or index: the document's own `mediaType`, its `artifactType`,
 * and the `mediaType` (and `artifactType`) of each descriptor.
 *
 * @example
 * mediaTypeFields({ mediaType: "application/vnd.oci.image.manifest.v1+json", config: { mediaType: "x" } })
 * // → [{ position: "manifest", path: "/mediaType", value: "application/vnd.oci.image.manifest.v1+json" },
 * //    { position: "config", path: "/config/mediaType", value: "x" }]
 */
export function mediaTypeFields(document: unknown): MediaTypeField[] {
  const fields: MediaTypeField[] = [];
  if (!isJsonObject(document)) return fields;
  if (typeof document.mediaType === "string") {
    fields.push({ position: "manifest", path: "/mediaType", value: document.mediaType });
  }
  if (typeof document.artifactType === "string") {
    fields.push({ position: "artifactType", path: "/artifactType", value: document.artifactType });
  }
  for (const { position, path, descriptor } of descriptorFields(document)) {
    if (typeof descriptor.mediaType === "string") {
      fields.push({ position, path: `${path}/mediaType`, value: descriptor.mediaType });
    }
    if (typeof descriptor.artifactType === "string") {
      fields.push({ position: "artifactType", path: `${path}/artifactType`, value: descriptor.artifactType });
    }
  }
  return fields;
}

/**
 * The value a JSON Pointer (RFC 6901) designates in a parsed document, or `undefined`.
 *
 * @example
 * valueAtPointer({ config: { mediaType: "x" } }, "/config/mediaType") // → "x"
 */
export function valueAtPointer(document: unknown, pointer: string): unknown {
  if (pointer === "") return document;
  if (!pointer.startsWith("/")) return undefined;
  let current: unknown = document;
  for (const raw of pointer.slice(1).split("/")) {
    const token = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
      current = current[Number(token)];
    } else if (isJsonObject(current)) {
      current = Object.hasOwn(current, token) ? current[token] : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * A JSON Pointer written the way people name fields: `/layers/0/mediaType` → `layers[0].mediaType`.
 *
 * @example
 * fieldLabel("/config/mediaType") // → "config.mediaType"
 */
export function fieldLabel(pointer: string): string {
  if (pointer === "") return "(document)";
  return pointer
    .slice(1)
    .split("/")
    .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce(
      (label, token) =>
        /^(0|[1-9][0-9]*)$/.test(token) ? `${label}[${token}]` : label === "" ? token : `${label}.${token}`,
      "",
    );
}
