// Our classifiers against containerd's and go-containerregistry's, as recorded in the fixture.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  isConfigMediaType,
  isIndexMediaType,
  isLayerMediaType,
  isManifestMediaType,
  isNonDistributableMediaType,
  layerCompression,
  lookupMediaType,
  mediaTypes,
} from "../src/media-types/index.js";

type Source = "containerd" | "goContainerregistry";

interface Upstream {
  differences: { helper: string; mediaTypes: string[]; against: Source[]; ours: unknown; why: string }[];
  types: {
    mediaType: string;
    containerd: {
      isManifestType: boolean;
      isIndexType: boolean;
      isConfigType: boolean;
      isLayerType: boolean;
      isNonDistributable: boolean;
      diffCompression: "gzip" | "zstd" | "" | "unknown" | "not-implemented";
    };
    goContainerregistry?: {
      isImage: boolean;
      isIndex: boolean;
      isConfig: boolean;
      isSchema1: boolean;
      isLayer: boolean;
      isDistributable: boolean;
    };
  }[];
}

const upstream = JSON.parse(
  readFileSync(new URL("./fixtures/media-types/upstream-classification.json", import.meta.url), "utf8"),
) as Upstream;

/** Our answer where we deliberately differ from upstream, with the fixture's reason. */
function difference(source: Source, helper: string, mediaType: string): { ours: unknown } | undefined {
  return upstream.differences.find(
    (d) => d.helper === helper && d.against.includes(source) && d.mediaTypes.includes(mediaType),
  );
}

function expected(source: Source, helper: string, mediaType: string, upstreamAnswer: unknown): unknown {
  const d = difference(source, helper, mediaType);
  return d === undefined ? upstreamAnswer : d.ours;
}

const compressionFromContainerd = {
  gzip: "gzip",
  zstd: "zstd",
  "": "none",
  // containerd hedges: the bytes may be compressed despite the name. By name they are a plain tar.
  unknown: "none",
  "not-implemented": undefined,
} as const;

describe("agreement with containerd and go-containerregistry", () => {
  it("covers every OCI and Docker row of the table", () => {
    const ours = mediaTypes
      .filter((row) => row.family === "oci" || row.family === "docker")
      .map((r) => r.mediaType);
    expect(upstream.types.map((t) => t.mediaType).sort()).toEqual([...ours].sort());
  });

  it("every recorded difference names a type in the fixture", () => {
    const known = new Set(upstream.types.map((t) => t.mediaType));
    for (const d of upstream.differences) for (const mt of d.mediaTypes) expect(known).toContain(mt);
  });

  it("every recorded difference is a real difference", () => {
    const ours: Record<string, (mt: string) => unknown> = {
      isManifestMediaType,
      isConfigMediaType,
      isLayerMediaType,
      layerCompression,
    };
    for (const d of upstream.differences) {
      const helper = ours[d.helper];
      expect(helper, d.helper).toBeDefined();
      for (const mt of d.mediaTypes) expect(helper?.(mt), `${d.helper}(${mt})`).toEqual(d.ours);
    }
  });

  for (const entry of upstream.types) {
    const mt = entry.mediaType;
    it(`classifies ${mt} as containerd does`, () => {
      const c = entry.containerd;
      expect(isManifestMediaType(mt)).toBe(
        expected("containerd", "isManifestMediaType", mt, c.isManifestType),
      );
      expect(isIndexMediaType(mt)).toBe(expected("containerd", "isIndexMediaType", mt, c.isIndexType));
      expect(isConfigMediaType(mt)).toBe(expected("containerd", "isConfigMediaType", mt, c.isConfigType));
      expect(isLayerMediaType(mt)).toBe(expected("containerd", "isLayerMediaType", mt, c.isLayerType));
      expect(isNonDistributableMediaType(mt)).toBe(c.isNonDistributable);
      expect(layerCompression(mt)).toBe(
        expected("containerd", "layerCompression", mt, compressionFromContainerd[c.diffCompression]),
      );
    });

    const g = entry.goContainerregistry;
    if (g !== undefined) {
      it(`classifies ${mt} as go-containerregistry does`, () => {
        // go-containerregistry answers schema 1 with IsSchema1 instead of IsImage.
        expect(isManifestMediaType(mt)).toBe(g.isImage || g.isSchema1);
        expect(isIndexMediaType(mt)).toBe(g.isIndex);
        expect(isConfigMediaType(mt)).toBe(
          expected("goContainerregistry", "isConfigMediaType", mt, g.isConfig),
        );
        expect(isLayerMediaType(mt)).toBe(expected("goContainerregistry", "isLayerMediaType", mt, g.isLayer));
        // IsDistributable is true for everything but the three non-distributable layer types.
        expect(isNonDistributableMediaType(mt)).toBe(!g.isDistributable);
        if (g.isSchema1) expect(lookupMediaType(mt)?.status).toBe("deprecated");
      });
    }
  }
});
