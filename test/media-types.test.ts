import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as constants from "../src/media-types/constants.js";
import {
  checkMediaType,
  dockerToOci,
  isConfigMediaType,
  isIndexMediaType,
  isLayerMediaType,
  isManifestMediaType,
  isNonDistributableMediaType,
  layerCompression,
  lookupMediaType,
  mediaTypes,
  OCI_MEDIA_TYPE_PATTERN,
  ociToDocker,
} from "../src/media-types/index.js";

const FALCO_TYPES = ["rulesfile", "plugin", "asset"].flatMap((kind) => [
  `application/vnd.cncf.falco.${kind}.config.v1+json`,
  `application/vnd.cncf.falco.${kind}.layer.v1+tar.gz`,
]);

describe("the media-type table", () => {
  it("has at least 180 distinct types", () => {
    expect(mediaTypes.length).toBeGreaterThanOrEqual(180);
  });

  it("has no duplicates, even ignoring case", () => {
    const seen = new Set<string>();
    for (const row of mediaTypes) {
      const key = row.mediaType.toLowerCase();
      expect(seen.has(key), row.mediaType).toBe(false);
      seen.add(key);
    }
  });

  it("is sorted by family, then media type", () => {
    for (let i = 1; i < mediaTypes.length; i++) {
      const a = mediaTypes[i - 1];
      const b = mediaTypes[i];
      if (a === undefined || b === undefined) throw new Error("unreachable");
      const order = a.family === b.family ? a.mediaType < b.mediaType : a.family < b.family;
      expect(order, `${a.family} ${a.mediaType} before ${b.family} ${b.mediaType}`).toBe(true);
    }
  });

  it("passes the RFC 6838 grammar on every row not flagged invalid", () => {
    for (const row of mediaTypes) {
      if (row.status === "invalid") continue;
      const result = checkMediaType(row.mediaType);
      expect(result.ok, `${row.mediaType}: ${result.ok ? "" : result.message}`).toBe(true);
    }
  });

  it("flags invalid only what breaks the grammar or image-spec's descriptor pattern", () => {
    for (const row of mediaTypes.filter((r) => r.status === "invalid")) {
      const breaksPattern = !OCI_MEDIA_TYPE_PATTERN.test(row.mediaType);
      const oddTopLevel = ![
        "application",
        "text",
        "image",
        "audio",
        "video",
        "font",
        "model",
        "multipart",
        "message",
      ].includes(row.mediaType.split("/")[0] ?? "");
      expect(breaksPattern || oddTopLevel, row.mediaType).toBe(true);
    }
  });

  it("keeps the malformed strings real registries ship", () => {
    for (const mt of [
      "/application/vnd.acme.rocket.config",
      "appliciation/vnd.sylabs.sif.layer.tar",
      "text/plain; charset=utf-8",
    ]) {
      expect(lookupMediaType(mt)?.status, mt).toBe("invalid");
    }
  });

  it("gives every row a description and an https spec URL", () => {
    for (const row of mediaTypes) {
      expect(row.description.length, row.mediaType).toBeGreaterThan(5);
      expect(new URL(row.spec).protocol, row.mediaType).toBe("https:");
    }
  });

  it("gives compression to layers only, and to every layer whose name says it", () => {
    for (const row of mediaTypes) {
      if (row.kind !== "layer") {
        expect(row.compression, row.mediaType).toBeUndefined();
        expect(row.encrypted, row.mediaType).toBeUndefined();
        expect(row.nonDistributable, row.mediaType).toBeUndefined();
        continue;
      }
      const name = row.mediaType.toLowerCase().replace(/\+encrypted$/, "");
      if (/(gzip|\.gz)$/.test(name)) expect(row.compression, row.mediaType).toBe("gzip");
      if (/zstd$/.test(name)) expect(row.compression, row.mediaType).toBe("zstd");
      expect(row.encrypted === true, row.mediaType).toBe(row.mediaType.endsWith("+encrypted"));
    }
  });

  it("covers the families the issue names", () => {
    const families = new Set(mediaTypes.map((row) => row.family));
    for (const family of [
      "oci",
      "docker",
      "helm",
      "falco",
      "sigstore",
      "notation",
      "in-toto",
      "spdx",
      "cyclonedx",
      "wasm",
      "singularity",
      "flux",
      "cnab",
      "opa",
      "trivy",
      "buildkit",
      "modelpack",
      "devcontainers",
      "compose",
      "soci",
    ]) {
      expect(families, family).toContain(family);
    }
    // WASM in both namings
    expect(lookupMediaType("application/vnd.wasm.config.v1+json")?.family).toBe("wasm");
    expect(lookupMediaType("application/vnd.module.wasm.config.v1+json")?.family).toBe("wasm");
    expect(lookupMediaType("application/vnd.dev.sigstore.bundle.v0.3+json")?.kind).toBe("signature");
  });

  it("has all six Falco types; GitLab knows all but the asset types, since 3.80.0", () => {
    for (const mt of FALCO_TYPES) {
      const row = lookupMediaType(mt);
      expect(row?.mediaType, mt).toBe(mt);
      expect(row?.family).toBe("falco");
      const gitlab = row?.knownBy.find((k) => k.name === "gitlab");
      if (mt.includes(".asset.")) expect(gitlab, mt).toBeUndefined();
      else expect(gitlab?.since, mt).toBe("3.80.0 (GitLab 16.3)");
      if (mt.includes(".config.")) {
        expect(row?.kind).toBe("config");
        expect(row?.schema).toBe("https://ocispec.dev/schemas/falco/config.json");
      } else {
        expect(row?.kind).toBe("layer");
        expect(row?.compression).toBe("gzip");
      }
    }
  });

  it("points the image configs at our image-config schema", () => {
    for (const mt of [constants.OCI_IMAGE_CONFIG, constants.DOCKER_IMAGE_CONFIG]) {
      expect(lookupMediaType(mt)?.schema).toBe("https://ocispec.dev/schemas/oci/image-config.json");
    }
    const withSchema = mediaTypes.filter((row) => row.schema !== undefined);
    for (const row of withSchema) expect(row.kind, row.mediaType).toBe("config");
  });

  it("has a row for every exported constant, spelled canonically", () => {
    const values = Object.entries(constants);
    expect(values.length).toBeGreaterThan(30);
    for (const [name, value] of values) {
      expect(lookupMediaType(value)?.mediaType, name).toBe(value);
    }
    expect(constants.OCI_EMPTY).toBe("application/vnd.oci.empty.v1+json");
  });

  it("records GitLab's migration as the source of every GitLab row", () => {
    for (const row of mediaTypes) {
      for (const known of row.knownBy) {
        expect(known.name, row.mediaType).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
        if (known.name === "gitlab") {
          expect(known.source, row.mediaType).toMatch(/^migration \d{8}$/);
          if (known.since !== undefined) {
            expect(known.since, row.mediaType).toMatch(/^\d+\.\d+\.\d+( \(GitLab \d+\.\d+\))?$/);
          }
        }
      }
    }
  });
});

describe("lookupMediaType", () => {
  it("finds rows case-insensitively and returns the canonical spelling", () => {
    const row = lookupMediaType("Application/VND.OCI.Image.Manifest.v1+JSON");
    expect(row?.mediaType).toBe("application/vnd.oci.image.manifest.v1+json");
    expect(lookupMediaType("APPLICATION/SPDX+JSON")?.mediaType).toBe("application/spdx+json");
  });

  it("finds every row whatever the case of its letters", () => {
    const flips = fc.array(fc.boolean(), { minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(fc.constantFrom(...mediaTypes), flips, (row, flip) => {
        const spelled = [...row.mediaType]
          .map((ch, i) => (flip[i % flip.length] ? ch.toUpperCase() : ch.toLowerCase()))
          .join("");
        expect(lookupMediaType(spelled)).toBe(row);
      }),
      { numRuns: 1000 },
    );
  });

  it("returns the same row object for the canonical spelling", () => {
    for (const row of mediaTypes) expect(lookupMediaType(row.mediaType)).toBe(row);
  });

  it("ignores parameters unless the table has the parameterised form", () => {
    expect(lookupMediaType("application/vnd.cyclonedx+json; version=1.5")?.mediaType).toBe(
      "application/vnd.cyclonedx+json",
    );
    expect(lookupMediaType("application/vnd.dev.sigstore.bundle+json; version=0.2")?.mediaType).toBe(
      "application/vnd.dev.sigstore.bundle+json;version=0.2",
    );
    expect(lookupMediaType("TEXT/PLAIN;charset=UTF-8")?.mediaType).toBe("text/plain; charset=utf-8");
    expect(lookupMediaType("text/plain")).toBeUndefined();
  });

  it("returns undefined for unknown and malformed input", () => {
    expect(lookupMediaType("application/vnd.example.unknown.v1+json")).toBeUndefined();
    expect(lookupMediaType("")).toBeUndefined();
    expect(lookupMediaType(" application/json")).toBeUndefined();
    expect(lookupMediaType("application/json;;;=")).toBeUndefined();
    expect(lookupMediaType(undefined as unknown as string)).toBeUndefined();
  });
});

describe("classification", () => {
  it("follows each row's kind", () => {
    for (const row of mediaTypes) {
      expect(isManifestMediaType(row.mediaType), row.mediaType).toBe(row.kind === "manifest");
      expect(isIndexMediaType(row.mediaType), row.mediaType).toBe(row.kind === "index");
      expect(isConfigMediaType(row.mediaType), row.mediaType).toBe(row.kind === "config");
      expect(isLayerMediaType(row.mediaType), row.mediaType).toBe(row.kind === "layer");
      expect(layerCompression(row.mediaType), row.mediaType).toBe(row.compression);
    }
  });

  it("says no for unknown types, except encrypted known layers and the OCI layer namespace", () => {
    expect(isManifestMediaType("application/vnd.example.manifest.v1+json")).toBe(false);
    expect(isLayerMediaType("application/vnd.example.thing.v1+tar")).toBe(false);
    expect(isLayerMediaType("application/vnd.example.thing.v1.tar+gzip")).toBe(false);
    expect(isLayerMediaType("application/vnd.docker.image.rootfs.diff.tar.gzip+encrypted")).toBe(true);
    expect(layerCompression("application/vnd.docker.image.rootfs.diff.tar.gzip+encrypted")).toBe("gzip");
    expect(isLayerMediaType("application/vnd.oci.image.config.v1+json+encrypted")).toBe(false);
    expect(isLayerMediaType("application/vnd.oci.image.layer.v1.squashfs")).toBe(true);
    expect(layerCompression("application/vnd.oci.image.layer.v1.squashfs")).toBeUndefined();
    expect(layerCompression("application/vnd.oci.image.layer.v2.tar+zstd")).toBe("zstd");
    expect(layerCompression("application/vnd.oci.image.layer.v2.tar+gzip+encrypted")).toBe("gzip");
    expect(isNonDistributableMediaType("application/vnd.oci.image.layer.nondistributable.v2.tar")).toBe(true);
    expect(isLayerMediaType("application/vnd.oci.image.layer.v1 tar")).toBe(false);
    expect(isLayerMediaType(42 as unknown as string)).toBe(false);
  });

  it("knows the non-distributable layers", () => {
    const nonDistributable = mediaTypes.filter((row) => row.nonDistributable).map((row) => row.mediaType);
    expect(nonDistributable).toContain(constants.DOCKER_FOREIGN_LAYER_GZIP);
    for (const mt of nonDistributable) {
      expect(mt, mt).toMatch(
        /^application\/vnd\.(oci\.image\.layer\.nondistributable|docker\.image\.rootfs\.foreign)\./,
      );
    }
  });
});

describe("Docker ⇄ OCI equivalents", () => {
  it.each([
    [constants.DOCKER_MANIFEST_V2, constants.OCI_IMAGE_MANIFEST],
    [constants.DOCKER_MANIFEST_LIST, constants.OCI_IMAGE_INDEX],
    [constants.DOCKER_IMAGE_CONFIG, constants.OCI_IMAGE_CONFIG],
    [constants.DOCKER_LAYER_TAR, constants.OCI_LAYER_TAR],
    [constants.DOCKER_LAYER_GZIP, constants.OCI_LAYER_TAR_GZIP],
    [constants.DOCKER_LAYER_ZSTD, constants.OCI_LAYER_TAR_ZSTD],
    [constants.DOCKER_FOREIGN_LAYER_GZIP, constants.OCI_LAYER_NONDISTRIBUTABLE_TAR_GZIP],
  ])("%s ≡ %s", (docker, oci) => {
    expect(dockerToOci(docker)).toBe(oci);
    expect(ociToDocker(oci)).toBe(docker);
    expect(dockerToOci(docker.toUpperCase())).toBe(oci);
  });

  it("pairs rows symmetrically, within one kind and compression, across the two families", () => {
    for (const row of mediaTypes.filter((r) => r.equivalent !== undefined)) {
      const other = lookupMediaType(row.equivalent ?? "");
      expect(other?.equivalent, row.mediaType).toBe(row.mediaType);
      expect(other?.kind, row.mediaType).toBe(row.kind);
      expect(other?.compression, row.mediaType).toBe(row.compression);
      expect([row.family, other?.family].sort(), row.mediaType).toEqual(["docker", "oci"]);
    }
  });

  it("answers undefined in the wrong direction and for types without a counterpart", () => {
    expect(dockerToOci(constants.OCI_IMAGE_MANIFEST)).toBeUndefined();
    expect(ociToDocker(constants.DOCKER_MANIFEST_V2)).toBeUndefined();
    expect(ociToDocker(constants.OCI_EMPTY)).toBeUndefined();
    expect(dockerToOci(constants.DOCKER_MANIFEST_V1)).toBeUndefined();
    expect(dockerToOci("application/vnd.example")).toBeUndefined();
  });
});
