import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  BuildError,
  buildDescriptor,
  buildImageIndex,
  buildImageLayout,
  buildImageManifest,
  emptyBlob,
  emptyDescriptor,
  REF_NAME_ANNOTATION,
} from "../src/builders/index.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

const config = buildDescriptor(
  utf8('{"architecture":"amd64","os":"linux"}'),
  "application/vnd.oci.image.config.v1+json",
);
const layer = buildDescriptor(utf8("layer"), "application/vnd.oci.image.layer.v1.tar");
const image = buildImageManifest({ config, layers: [layer] });
const artifact = buildImageManifest({
  artifactType: "application/vnd.example",
  config: emptyDescriptor,
  layers: [emptyDescriptor],
});

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BuildError);
    return (error as BuildError).field;
  }
  return expect.unreachable("expected a BuildError");
}

describe("buildImageLayout", () => {
  it("writes oci-layout, index.json with ref names, and every blob once at blobs/<alg>/<encoded>", () => {
    const { files } = buildImageLayout({
      manifests: [
        { ...image, refName: "v1.0", platform: { architecture: "amd64", os: "linux" } },
        { ...artifact, refName: "example/artifact:latest" },
      ],
      blobs: [config, layer, { bytes: layer.bytes }],
    });
    expect(files.map((f) => f.path)).toEqual([
      "oci-layout",
      "index.json",
      ...[image, artifact, config, layer, { bytes: emptyBlob }]
        .map((b) => `blobs/sha256/${sha256(b.bytes).slice(7)}`)
        .sort(),
    ]);
    expect(text(files[0]?.bytes)).toBe('{"imageLayoutVersion":"1.0.0"}');
    const index = JSON.parse(text(files[1]?.bytes));
    expect(index.manifests).toEqual([
      {
        ...image.descriptor,
        annotations: { [REF_NAME_ANNOTATION]: "v1.0" },
        platform: { architecture: "amd64", os: "linux" },
      },
      { ...artifact.descriptor, annotations: { [REF_NAME_ANNOTATION]: "example/artifact:latest" } },
    ]);
    for (const file of files.slice(2)) expect(`sha256:${file.path.slice(13)}`).toBe(sha256(file.bytes));
  });

  it("is deterministic whatever the order of blobs", () => {
    const a = buildImageLayout({ manifests: [{ ...image, refName: "v1" }], blobs: [config, layer] });
    const b = buildImageLayout({ manifests: [{ ...image, refName: "v1" }], blobs: [layer, config] });
    expect(b).toEqual(a);
  });

  it("follows nested indexes and refuses a layout that misses a blob", () => {
    const index = buildImageIndex({ manifests: [image.descriptor] });
    expect(() =>
      buildImageLayout({ manifests: [{ ...index, refName: "multi" }], blobs: [image, config, layer] }),
    ).not.toThrow();
    expect(
      fieldOf(() =>
        buildImageLayout({ manifests: [{ ...index, refName: "multi" }], blobs: [image, config] }),
      ),
    ).toBe("blobs");
    expect(() => buildImageLayout({ manifests: [{ ...index }], blobs: [config, layer] })).toThrow(
      /application\/vnd\.oci\.image\.manifest\.v1\+json sha256:.*referenced at manifests\[0\] → manifests\[0\], is missing/,
    );
  });

  it("refuses bad reference names, duplicates, and bytes that do not match their digest", () => {
    const blobs = [config, layer];
    expect(fieldOf(() => buildImageLayout({ manifests: [{ ...image, refName: "-bad" }], blobs }))).toBe(
      "manifests[0].refName",
    );
    expect(fieldOf(() => buildImageLayout({ manifests: [{ ...image, refName: "a b" }], blobs }))).toBe(
      "manifests[0].refName",
    );
    expect(
      fieldOf(() =>
        buildImageLayout({
          manifests: [
            { ...image, refName: "v1" },
            { ...artifact, refName: "v1" },
          ],
          blobs,
        }),
      ),
    ).toBe("manifests[1].refName");
    expect(fieldOf(() => buildImageLayout({ manifests: [{ ...image, bytes: utf8("{}") }], blobs }))).toBe(
      "manifests[0].descriptor.digest",
    );
    expect(
      fieldOf(() =>
        buildImageLayout({
          manifests: [image],
          blobs: [{ bytes: layer.bytes, descriptor: config.descriptor }],
        }),
      ),
    ).toBe("blobs[0].descriptor.digest");
  });
});
