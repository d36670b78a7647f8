import { describe, expect, it } from "vitest";
import {
  boundedValidate,
  countMembers,
  ociImageIndex,
  ociImageManifest,
} from "../src/validate/generated/validators.js";
import { documentKinds, type KindSpec } from "../src/validate/kinds.js";
import { runPipeline } from "../src/validate/pipeline.js";
import { cleanAnswer } from "./helpers/member-count.js";

/**
 * The rules a kind lists as `provenOnCleanPath` are not run by the clean path, because its schema
 * walk holds them (src/validate/kinds.ts). Proven here by breaking each such rule at every
 * descriptor place of a clean document: the clean path must step aside, and the full pipeline must
 * report the rule there — and the schema, outside the clean path, must not report it a second time.
 */

const SHA = (c: string) => `sha256:${c.repeat(64)}`;
const MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const INDEX = "application/vnd.oci.image.index.v1+json";
const descriptor = (mediaType: string, digest: string) => ({ mediaType, digest, size: 7 });

const manifest = () => ({
  schemaVersion: 2,
  mediaType: MANIFEST,
  config: descriptor("application/vnd.oci.image.config.v1+json", SHA("a")),
  layers: [
    descriptor("application/vnd.oci.image.layer.v1.tar+gzip", SHA("b")),
    descriptor("application/vnd.oci.image.layer.v1.tar+gzip", SHA("c")),
  ],
  subject: descriptor(MANIFEST, SHA("d")),
});

const index = () => ({
  schemaVersion: 2,
  mediaType: INDEX,
  manifests: [descriptor(MANIFEST, SHA("1")), descriptor(MANIFEST, SHA("2"))],
  subject: descriptor(MANIFEST, SHA("3")),
});

/** A clean document of each kind that lists proven rules. */
const CLEAN: Record<string, () => Record<string, unknown>> = {
  "image-manifest": manifest,
  "image-index": index,
};

/** How to break each rule a kind may list as proven: digests that are grammatical but break it. */
const BREAKERS: Record<string, readonly string[]> = {
  "digest-algorithm-encoding": [
    SHA("A"),
    `sha256:${"a".repeat(63)}`,
    `sha256:${"a".repeat(65)}`,
    `sha256:${"a".repeat(63)}=`,
    `sha512:${"a".repeat(64)}`,
    `blake3:${"F".repeat(64)}`,
  ],
};

const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** Every descriptor of `document` at the kind's descriptor places, with its JSON Pointer. */
function descriptorsOf(spec: KindSpec, document: Record<string, unknown>) {
  const found: { pointer: string; descriptor: Record<string, unknown> }[] = [];
  for (const { member, list } of spec.descriptors ?? []) {
    const value = document[member];
    if (list && Array.isArray(value)) {
      value.forEach((entry, i) => {
        found.push({ pointer: `/${member}/${i}`, descriptor: entry });
      });
    } else if (!list && value !== undefined) {
      found.push({ pointer: `/${member}`, descriptor: value as Record<string, unknown> });
    }
  }
  return found;
}

const provingKinds = documentKinds.filter((spec) => (spec.provenOnCleanPath?.length ?? 0) > 0);

describe("rules the clean path leaves to the schema (KindSpec.provenOnCleanPath)", () => {
  it("are listed by the OCI manifest and index, and this test knows how to break each", () => {
    expect(provingKinds.map((spec) => spec.kind).sort()).toEqual(["image-index", "image-manifest"]);
    for (const spec of provingKinds) {
      expect(CLEAN[spec.kind], spec.kind).toBeDefined();
      for (const rule of spec.provenOnCleanPath ?? []) {
        expect(BREAKERS[rule.code], rule.code).toBeDefined();
        expect(spec.descriptorRules).toContain(rule);
      }
    }
  });

  for (const spec of provingKinds) {
    describe(spec.kind, () => {
      const clean = CLEAN[spec.kind] as () => Record<string, unknown>;

      it("has a clean document the clean path answers, with every descriptor place filled", () => {
        expect(cleanAnswer(bytesOf(clean()), {})?.valid).toBe(true);
        const places = new Set(descriptorsOf(spec, clean()).map((d) => d.pointer.split("/")[1]));
        const kindPlaces =
          spec.kind === "image-manifest" ? ["config", "layers", "subject"] : ["manifests", "subject"];
        expect([...places].sort()).toEqual(kindPlaces.sort());
      });

      for (const rule of spec.provenOnCleanPath ?? []) {
        it(`steps aside for ${rule.code} at every descriptor, and the full pipeline reports it there`, () => {
          let cases = 0;
          for (const digest of BREAKERS[rule.code] ?? []) {
            for (const [i, { pointer }] of descriptorsOf(spec, clean()).entries()) {
              const document = clean();
              (
                descriptorsOf(spec, document)[i] as { descriptor: Record<string, unknown> }
              ).descriptor.digest = digest;
              const bytes = bytesOf(document);
              expect(cleanAnswer(bytes, {}), `${digest} at ${pointer}`).toBeUndefined();
              const result = runPipeline(bytes, {}, {});
              expect(
                result.issues.map((issue) => [issue.code, issue.path]),
                `${digest} at ${pointer}`,
              ).toEqual([[rule.code, `${pointer}/digest`]]);
              cases++;
            }
          }
          expect(cases).toBeGreaterThanOrEqual(12);
        });
      }
    });
  }

  it("keeps answering digests that are grammatical and break no registered encoding", () => {
    for (const digest of [
      SHA("0"),
      `sha512:${"e".repeat(128)}`,
      `blake3:${"9".repeat(64)}`,
      "sha384:abc",
      "multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8",
      "sha256x:ABC=",
    ]) {
      const document = manifest();
      document.layers[0] = descriptor("application/vnd.oci.image.layer.v1.tar+gzip", digest);
      expect(cleanAnswer(bytesOf(document), {})?.valid, digest).toBe(true);
    }
  });

  it("holds the encoding only on the clean path: the schema itself leaves it to the rule", () => {
    const document = manifest();
    document.layers[1] = descriptor("application/vnd.oci.image.layer.v1.tar+gzip", SHA("F"));
    expect(countMembers(ociImageManifest, document)).toBe(-1);
    expect(boundedValidate(ociImageManifest, document, 10).valid).toBe(true);
    const wrongIndex = index();
    wrongIndex.manifests[0] = descriptor(MANIFEST, `sha512:${"a".repeat(64)}`);
    expect(countMembers(ociImageIndex, wrongIndex)).toBe(-1);
    expect(boundedValidate(ociImageIndex, wrongIndex, 10).valid).toBe(true);
    // And a digest off the grammar is the schema's finding either way.
    const offGrammar = manifest();
    offGrammar.layers[0] = descriptor("application/vnd.oci.image.layer.v1.tar+gzip", "sha256:");
    expect(countMembers(ociImageManifest, offGrammar)).toBe(-1);
    expect(boundedValidate(ociImageManifest, offGrammar, 10).valid).toBe(false);
  });
});
