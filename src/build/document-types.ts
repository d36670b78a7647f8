// The document shapes the builders emit. They mirror image-spec's Go structs field for field, in
// the same order, which is the order the builders create the members in.
// TODO(build): switch to the document types from src/validate once they land, to keep one source.

/** image-spec descriptor.md#properties, `platform` (image-index.md#image-index-property-descriptions). */
export interface BuiltPlatform {
  architecture: string;
  os: string;
  "os.version"?: string;
  "os.features"?: string[];
  variant?: string;
}

/** image-spec descriptor.md: a content descriptor as the builders emit it. */
export interface BuiltDescriptor {
  mediaType: string;
  digest: string;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  data?: string;
  platform?: BuiltPlatform;
  artifactType?: string;
}

/** image-spec manifest.md: an image manifest as the builders emit it. */
export interface BuiltImageManifest {
  schemaVersion: 2;
  mediaType: "application/vnd.oci.image.manifest.v1+json";
  artifactType?: string;
  config: BuiltDescriptor;
  layers: BuiltDescriptor[];
  subject?: BuiltDescriptor;
  annotations?: Record<string, string>;
}

/** image-spec image-index.md: an image index as the builders emit it. */
export interface BuiltImageIndex {
  schemaVersion: 2;
  mediaType: "application/vnd.oci.image.index.v1+json";
  artifactType?: string;
  manifests: BuiltDescriptor[];
  subject?: BuiltDescriptor;
  annotations?: Record<string, string>;
}
