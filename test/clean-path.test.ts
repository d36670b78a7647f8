import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
// @ts-expect-error plain ESM module without types (bench/ is not part of the build)
import { corpus } from "../bench/corpus.mjs";
import { computeDigest } from "../src/digest/index.js";
import { countMembers, ociImageIndex, ociImageManifest } from "../src/validate/generated/validators.js";
import { type PipelineExtensions, runPipeline } from "../src/validate/pipeline.js";
import type { DocumentKind, ValidateOptions } from "../src/validate/types.js";
import { cleanAnswer, independentTally } from "./helpers/member-count.js";

/**
 * Differential test of the clean path of `validate` (src/validate/clean-path.ts) for image manifests,
 * image indexes and the entry's own conditions (options, limits, Content-Type, decoding, the text
 * proof, the digest): whenever the clean path answers, its result equals the full pipeline's field
 * for field, and wherever it does not, `runPipeline` without `full` still equals `runPipeline` with
 * it. Inputs: every JSON document of the repository, the benchmark corpus and the shared reference
 * under many options; thousands of generated mutations of realistic clean manifests and indexes,
 * rendered as text in odd ways. Image configs have their own test (clean-path-image-config.test.ts).
 */

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
const OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
const OCI_EMPTY = "application/vnd.oci.empty.v1+json";
const DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
const EMPTY_DIGEST = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
const LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
const LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
const FALCO = {
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
const TITLE = "org.opencontainers.image.title";
const CREATED = "org.opencontainers.image.created";

const encoder = new TextEncoder();
const FULL: PipelineExtensions = { full: true };

// ---------------------------------------------------------------------------------------------
// The comparison.

/**
 * `runPipeline` as `validate` runs it equals the full pipeline, everything compared (issues in
 * order, with line and column); when the clean path answers, its answer is that same result and
 * the full pipeline found nothing at all — under the other preset either. Answers whether the
 * clean path answered.
 */
function agree(bytes: Uint8Array, options: ValidateOptions, kind?: DocumentKind, label = ""): boolean {
  const extensions: PipelineExtensions = kind === undefined ? {} : { kind };
  const full = runPipeline(bytes, options, { ...extensions, full: true });
  const fast = cleanAnswer(bytes, options, kind);
  const ordinary = runPipeline(bytes, options, extensions);
  const what = `${label} ${JSON.stringify(options)} ${kind ?? ""}`;
  expect(ordinary, what).toStrictEqual(full);
  if (fast === undefined) return false;
  expect(fast, what).toStrictEqual(full);
  // Member order too: results are printed as JSON (the CLI's --format json).
  expect(Object.keys(fast), what).toEqual(Object.keys(full));
  expect(full.issues, what).toEqual([]);
  const other = options.preset === "strict" ? "default" : "strict";
  expect(
    runPipeline(bytes, { ...options, preset: other }, { ...extensions, full: true }).issues,
    what,
  ).toEqual([]);
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Whenever a schema accepts a parsed text, the members it counted never exceed the independent
 * count: it counts only the members it describes (a member it does not leaves the text with more
 * member separators than the count, and the clean path falls back), so counting more than is there
 * is the one way a count could hide a member. Equality on clean documents is what the clean path's
 * answering them (below) shows.
 */
function tallyAgrees(text: string, label = text): void {
  let document: unknown;
  try {
    document = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return;
  }
  if (!isPlainObject(document)) return;
  for (const schema of [ociImageManifest, ociImageIndex]) {
    const members = countMembers(schema, document);
    if (members >= 0) expect(members, label).toBeLessThanOrEqual(independentTally(document).members);
  }
}

// ---------------------------------------------------------------------------------------------
// Realistic clean documents.

const hex = (seed: number, length: number) => {
  let out = "";
  let x = seed * 2654435761 + 1;
  while (out.length < length) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += x.toString(16).padStart(8, "0");
  }
  return out.slice(0, length);
};
const sha256 = (seed: number) => `sha256:${hex(seed, 64)}`;
const sha512 = (seed: number) => `sha512:${hex(seed, 128)}`;

function plainManifest(): Record<string, unknown> {
  return {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: OCI_CONFIG, digest: sha256(1), size: 1470 },
    layers: [
      { mediaType: LAYER_GZIP, digest: sha256(2), size: 29_534_000 },
      { mediaType: LAYER_ZSTD, digest: sha512(3), size: 0 },
      {
        mediaType: "application/vnd.oci.image.layer.v1.tar",
        digest: sha256(4),
        size: 9_007_199_254_740_991,
        annotations: { "com.example.layer:kind": "a:b:c" },
      },
    ],
    annotations: {
      [CREATED]: "2024-01-02T03:04:05Z",
      "org.opencontainers.image.source": "https://github.com/example/app",
      "org.opencontainers.image.base.digest": sha256(5),
      "org.opencontainers.image.base.name": "docker.io/library/alpine:3.20",
      "org.opencontainers.image.ref.name": "v1.2.3",
      "": "",
    },
  };
}

function artifactManifest(): Record<string, unknown> {
  return {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: "application/vnd.example.sbom.v1+json",
    config: { mediaType: OCI_EMPTY, digest: EMPTY_DIGEST, size: 2 },
    layers: [
      {
        mediaType: "application/spdx+json",
        digest: sha256(6),
        size: 12_345,
        annotations: { [TITLE]: "sbom.spdx.json" },
      },
    ],
    annotations: { "org.opencontainers.artifact.created": "2024-06-07T08:09:10.123+02:00" },
  };
}

function signatureManifest(): Record<string, unknown> {
  return {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: "application/vnd.dev.cosign.artifact.sig.v1+json",
    config: { mediaType: OCI_EMPTY, digest: EMPTY_DIGEST, size: 2 },
    layers: [
      {
        mediaType: "application/vnd.dev.cosign.simplesigning.v1+json",
        digest: sha256(7),
        size: 244,
        annotations: {
          "dev.cosignproject.cosign/signature": "MEUCIQDx:sig==",
          "dev.sigstore.cosign/bundle": '{"SignedEntryTimestamp":"x","Payload":{"logIndex":1}}',
        },
      },
      { mediaType: OCI_EMPTY, digest: EMPTY_DIGEST, size: 2 },
    ],
    subject: { mediaType: OCI_MANIFEST, digest: sha256(8), size: 1234 },
    annotations: { [CREATED]: "2024-01-02T03:04:05Z" },
  };
}

function falcoManifest(kind: keyof typeof FALCO, title: string): () => Record<string, unknown> {
  return () => ({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: FALCO[kind].config, digest: sha256(9), size: 98 },
    layers: [
      {
        mediaType: FALCO[kind].layer,
        digest: sha256(10),
        size: 24_613,
        annotations: { [TITLE]: title },
      },
    ],
    annotations: { [CREATED]: "2024-01-02T03:04:05Z" },
  });
}

function multiArchIndex(): Record<string, unknown> {
  const entry = (seed: number, platform: Record<string, string>, extra: Record<string, unknown> = {}) => ({
    mediaType: OCI_MANIFEST,
    digest: sha256(seed),
    size: 500 + seed,
    platform,
    ...extra,
  });
  return {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [
      entry(11, { architecture: "amd64", os: "linux" }),
      entry(12, { architecture: "arm64", os: "linux", variant: "v8" }),
      entry(13, { architecture: "arm", os: "linux", variant: "v7" }),
      entry(14, { architecture: "arm", os: "linux", variant: "v6" }),
      entry(15, { architecture: "ppc64le", os: "linux" }),
      entry(16, { architecture: "riscv64", os: "linux", variant: "rva22u64" }),
      entry(17, { architecture: "amd64", os: "windows", "os.version": "10.0.17763.1234" }),
      entry(
        18,
        { architecture: "unknown", os: "unknown" },
        {
          annotations: {
            "vnd.docker.reference.digest": sha256(11),
            "vnd.docker.reference.type": "attestation-manifest",
          },
        },
      ),
    ],
  };
}

function falcoPluginIndex(): Record<string, unknown> {
  return {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [
      ["linux", "amd64"],
      ["linux", "arm64"],
      ["darwin", "arm64"],
    ].map(([os, architecture], i) => ({
      mediaType: OCI_MANIFEST,
      digest: sha256(20 + i),
      size: 612,
      platform: { architecture, os },
      artifactType: FALCO.plugin.config,
    })),
  };
}

function annotatedIndex(): Record<string, unknown> {
  return {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [
      {
        mediaType: OCI_MANIFEST,
        digest: sha256(30),
        size: 475,
        annotations: { "org.opencontainers.image.ref.name": "hello-1.0" },
      },
      {
        mediaType: OCI_INDEX,
        digest: sha512(31),
        size: 623,
        annotations: { "org.opencontainers.image.ref.name": "registry.example.com:5000/a/b:v1@x" },
      },
    ],
    annotations: {
      "org.opencontainers.image.ref.name": "v1.0.0",
      [CREATED]: "2024-02-29T23:59:60.5-08:00",
      "org.opencontainers.image.base.digest": sha512(32),
      "org.opencontainers.image.title": "hello",
    },
  };
}

function subjectIndex(): Record<string, unknown> {
  return {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    artifactType: "application/vnd.example.bundle.v1",
    manifests: [{ mediaType: OCI_MANIFEST, digest: sha256(40), size: 700, artifactType: "text/plain" }],
    subject: { mediaType: OCI_INDEX, digest: sha256(41), size: 900 },
  };
}

/** An index without entries: clean (no rule asks for one), the least an index holds. */
function emptyIndex(): Record<string, unknown> {
  return { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] };
}

const bases: [string, () => Record<string, unknown>][] = [
  ["plain image manifest", plainManifest],
  ["artifact manifest (empty config)", artifactManifest],
  ["signature manifest with subject", signatureManifest],
  ["Falco rulesfile manifest", falcoManifest("rulesfile", "falco_rules.yaml.tar.gz")],
  ["Falco plugin manifest", falcoManifest("plugin", "k8saudit-0.6.1-x86_64.tar.gz")],
  ["Falco asset manifest", falcoManifest("asset", "asset..tar.gz")],
  ["multi-arch index", multiArchIndex],
  ["Falco plugin index", falcoPluginIndex],
  ["annotated index", annotatedIndex],
  ["index with subject", subjectIndex],
  ["empty index", emptyIndex],
];

// ---------------------------------------------------------------------------------------------
// 3. The clean path is in use.

describe("the clean path answers for realistic clean manifests and indexes", () => {
  for (const [name, base] of bases) {
    it(name, () => {
      const document = base();
      for (const text of [JSON.stringify(document), JSON.stringify(document, null, 2)]) {
        const bytes = encoder.encode(text);
        const type = document.mediaType as string;
        for (const options of [
          {},
          { preset: "strict" },
          { mediaType: type },
          { expectedDigest: computeDigest(bytes) },
          { expectedDigest: computeDigest(bytes, "sha512") },
          { limits: { maxDepth: 8, maxBytes: bytes.length } },
          { targets: [] },
          // Overrides change the severity of findings; a document without any has none to change.
          { rules: { "layers-empty": "off", "annotation-reserved-prefix": "error" } },
        ] as ValidateOptions[]) {
          expect(agree(bytes, options, undefined, name), `${name} ${JSON.stringify(options)}`).toBe(true);
        }
        const kind = type === OCI_INDEX ? "image-index" : "image-manifest";
        expect(agree(bytes, {}, kind, name)).toBe(true);
        expect(agree(bytes, { mediaType: type }, kind, name)).toBe(true);
        tallyAgrees(text);
      }
    });
  }

  it("answers exactly when the full pipeline finds nothing, whatever the options", () => {
    const text = JSON.stringify(plainManifest());
    const bytes = encoder.encode(text);
    const refused: [ValidateOptions, DocumentKind | undefined, Uint8Array][] = [
      [{ targets: ["docker-hub" as never] }, undefined, bytes],
      [{ limits: { maxDepth: 7 } }, undefined, bytes],
      [{ limits: { maxBytes: bytes.length - 1 } }, undefined, bytes],
      [{ mediaType: `${OCI_MANIFEST}; charset=utf-8` }, undefined, bytes],
      [{ mediaType: OCI_MANIFEST.toUpperCase() }, undefined, bytes],
      [{ mediaType: OCI_INDEX }, undefined, bytes],
      [{ expectedDigest: computeDigest(encoder.encode(`${text} `)) }, undefined, bytes],
      [{}, "image-index", bytes],
      [{}, "image-config", bytes],
      [{}, "docker-manifest", bytes],
      [{}, undefined, encoder.encode(`\ufeff${text}`)],
      [{}, undefined, encoder.encode(text.replace("https", "\\u0068ttps"))],
      [{}, undefined, encoder.encode(text.replace('"size":1470', '"size":1470.0'))],
      [{}, undefined, encoder.encode(text.replace('"size":1470', '"size":1470,"size":1470'))],
    ];
    for (const [options, kind, input] of refused) {
      // Answered exactly when the full pipeline has nothing to say (agree checks what it answers),
      // except where the text proof does not try.
      const answered = agree(input, options, kind);
      const full = runPipeline(input, options, kind === undefined ? FULL : { kind, full: true });
      const label = `${JSON.stringify(options)} ${kind ?? ""}`;
      // Two things the text proof does not try: a depth limit below what it proves, a \u escape.
      if (options.limits?.maxDepth === 7 || new TextDecoder().decode(input).includes("\\u"))
        expect(answered, label).toBe(false);
      else expect(answered, label).toBe(full.issues.length === 0);
    }
  });
});

describe("the clean path on texts written by hand", () => {
  const config = `{"mediaType":"${OCI_CONFIG}","digest":"${sha256(1)}","size":1470}`;
  const layer = `{"mediaType":"${LAYER_GZIP}","digest":"${sha256(2)}","size":32}`;
  const manifest = (annotations: string, head = `"schemaVersion":2,"mediaType":"${OCI_MANIFEST}",`) =>
    `{${head}"config":${config},"layers":[${layer}],"annotations":{${annotations}}}`;

  it("proves odd but clean spellings", () => {
    const clean = [
      manifest(`"a":"b"`).replace(/":/g, '" :\t\r\n '),
      `\n\t ${manifest(`"a":"b"`)} \r\n`,
      manifest(`"k\\":x":"v\\": 1.5, \\"size\\": 1e3"`),
      manifest(`"x":"\\\\\\": -0"`),
      manifest(`"x":"a\\/b:c\\n\\t\\"\\\\"`),
      manifest(`"a":"b"`).replace(/\//g, "\\/"),
      manifest(`"${CREATED}":"2024-01-02T03:04:05Z","emoji":"\u{1F600}:\u00e9"`),
    ];
    for (const text of clean) {
      const bytes = encoder.encode(text);
      expect(agree(bytes, {}, undefined, text), text).toBe(true);
      expect(agree(bytes, { mediaType: OCI_MANIFEST }, undefined, text), text).toBe(true);
      tallyAgrees(text);
    }
  });

  it("proves nothing the strict reader would flag", () => {
    const flagged = [
      manifest(`"a":"b","a":"b"`),
      manifest(`"a":"b:c","a":"b"`),
      manifest(`"a":"b"`, `"schemaVersion":2,"schemaVersion":2,"mediaType":"${OCI_MANIFEST}",`),
      manifest(`"a":"b"`, `"schemaVersion":2,"mediaType":"${OCI_MANIFEST}","mediaType":"${OCI_MANIFEST}",`),
      manifest(`"a":"b"`).replace('"size":1470', '"size":1470,"size":1470'),
      manifest(`"a/b":"x","a\\/b":"y"`),
      // The digest written twice, the first time wrong: the parsed value is clean, the text is not.
      manifest(`"a":"b"`).replace(`"digest":"${sha256(2)}"`, `"digest":"sha256:x","digest":"${sha256(2)}"`),
      manifest(`"a":"\\u0062"`),
      manifest(`"\\u0061":"b"`),
      manifest(`"a":"\\ud83d\\ude00"`),
      manifest(`"a":"b"`).replace('"size":32', '"size":32.0'),
      manifest(`"a":"b"`).replace('"size":32', '"size":3.2e1'),
      manifest(`"a":"b"`).replace('"size":1470', '"size":1470E0'),
      manifest(`"a":"b"`).replace('"schemaVersion":2', '"schemaVersion":2.0'),
      manifest(`"a":"b"`).replace('"schemaVersion":2', '"schemaVersion":0.2e1'),
      manifest(`"a":"b"`).replace('"size":32', '"size":-0'),
      manifest(`"a":"b"`).replace('"size":32', '"size":9007199254740992'),
      manifest(`"a":"b"`).replace('"mediaType"', '"MediaType"'),
      manifest(`"a":"b"`).replace('"size":32', '"\u017fize":32'),
      `\ufeff${manifest(`"a":"b"`)}`,
      `${manifest(`"a":"b"`)}x`,
      `${manifest(`"a":"b"`)}{}`,
      `${manifest(`"a":"b"`)}\u0000`,
      `[${manifest(`"a":"b"`)}]`,
      manifest(`"${CREATED}":""`),
      manifest(`"${CREATED}":"2024-01-02 03:04:05Z"`),
      manifest(`"org.opencontainers.image.colour":"red"`),
    ];
    for (const text of flagged) {
      const bytes = encoder.encode(text);
      expect(agree(bytes, {}, undefined, text), text).toBe(false);
      expect(agree(bytes, { mediaType: OCI_MANIFEST }, undefined, text), text).toBe(false);
      tallyAgrees(text);
    }
    // Bytes that are not UTF-8 (a lone continuation byte inside a string).
    const bytes = encoder.encode(manifest(`"a":"b"`));
    bytes[bytes.length - 4] = 0x80;
    expect(agree(bytes, {})).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Regressions: documents on which the clean path once answered wrongly.

describe("regressions", () => {
  it("an empty created annotation is not a date, even before any date was accepted", async () => {
    // isDate remembered the last date it accepted, starting from "": the first document of a
    // process with "org.opencontainers.image.created": "" was proven clean, where the full pipeline
    // warns annotation-created-format. A fresh module instance shows it.
    vi.resetModules();
    const fresh = await import("../src/validate/pipeline.js");
    const document = { ...plainManifest(), annotations: { [CREATED]: "" } };
    const bytes = encoder.encode(JSON.stringify(document));
    const ordinary = fresh.runPipeline(bytes, {});
    expect(ordinary).toStrictEqual(fresh.runPipeline(bytes, {}, FULL));
    expect(ordinary.issues.map((i) => i.code)).toEqual(["annotation-created-format"]);
    vi.resetModules();
  });

  it("an empty string is no media type, even as the first a process sees", async () => {
    // isMediaTypeName remembered the last (and the one before) media type it accepted, starting
    // from "": the first manifest of a process with "artifactType": "" or a descriptor with
    // "mediaType": "" was proven clean, where the schema refuses it.
    for (const change of [
      (m: Record<string, unknown>) => {
        m.artifactType = "";
      },
      (m: Record<string, unknown>) => {
        (m.config as Record<string, unknown>).mediaType = "";
      },
      (m: Record<string, unknown>) => {
        ((m.layers as unknown[])[1] as Record<string, unknown>).mediaType = "";
      },
    ]) {
      vi.resetModules();
      const fresh = await import("../src/validate/pipeline.js");
      const document = plainManifest();
      change(document);
      const bytes = encoder.encode(JSON.stringify(document));
      const ordinary = fresh.runPipeline(bytes, {});
      expect(ordinary).toStrictEqual(fresh.runPipeline(bytes, {}, FULL));
      expect(ordinary.valid).toBe(false);
    }
    vi.resetModules();
  });

  it("every string of a clean document emptied, each the first thing a fresh process checks", async () => {
    // Whatever the clean path remembers between calls must start from nothing a document can hold.
    for (const [, base] of bases.filter(([name]) =>
      /plain|artifact|multi-arch|Falco plugin index/.test(name),
    )) {
      const template = base();
      const paths = placesOf(template).filter(
        (path) => typeof at(template, path) === "string" && path.every((s) => typeof s !== "number" || s < 1),
      );
      for (const path of paths) {
        vi.resetModules();
        const fresh = await import("../src/validate/pipeline.js");
        const document = base();
        (at(document, path.slice(0, -1)) as Record<string | number, unknown>)[path.at(-1) as string] = "";
        const bytes = encoder.encode(JSON.stringify(document));
        const label = path.join("/");
        expect(fresh.runPipeline(bytes, {}), label).toStrictEqual(fresh.runPipeline(bytes, {}, FULL));
      }
    }
    vi.resetModules();
  });

  it("the same holds for an image config's empty created, the first date of a process", async () => {
    vi.resetModules();
    const fresh = await import("../src/validate/pipeline.js");
    const config = {
      created: "",
      architecture: "amd64",
      os: "linux",
      rootfs: { type: "layers", diff_ids: [] },
    };
    const bytes = encoder.encode(JSON.stringify(config));
    const ordinary = fresh.runPipeline(bytes, { mediaType: OCI_CONFIG });
    expect(ordinary).toStrictEqual(fresh.runPipeline(bytes, { mediaType: OCI_CONFIG }, FULL));
    expect(ordinary.issues.map((i) => i.code)).toEqual(["config-created-format"]);
    vi.resetModules();
  });

  it("null options or limits from an untyped caller get the full pipeline's internal-error", () => {
    // fastValidate read options.rules and limits.maxDepth first and threw its own TypeError, so
    // runPipeline's internal-error named another member than the full pipeline's does.
    const bytes = encoder.encode(JSON.stringify(plainManifest()));
    for (const options of [null, { limits: null }] as unknown as ValidateOptions[]) {
      const ordinary = runPipeline(bytes, options);
      expect(ordinary, JSON.stringify(options)).toStrictEqual(runPipeline(bytes, options, FULL));
      expect(ordinary.issues.map((i) => i.code)).toEqual(["internal-error"]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 1. The corpus.

interface Entry {
  name: string;
  bytes: Uint8Array;
}

const SKIPPED = /\.(m?[jt]s|md|ya?ml|txt|tsv|tar|gz)$/;

/** Every file under `dir` that is JSON (by name or by content), as bytes. */
function jsonFiles(dir: string, name: string, out: Entry[]): Entry[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) jsonFiles(path, `${name}${entry.name}/`, out);
    else if (entry.isFile() && !SKIPPED.test(entry.name) && statSync(path).size < 8 * 1024 * 1024) {
      const bytes = new Uint8Array(readFileSync(path));
      let json = entry.name.endsWith(".json");
      if (!json) {
        try {
          JSON.parse(new TextDecoder().decode(bytes));
          json = true;
        } catch {
          // a blob that is not JSON (a layer): not a document
        }
      }
      if (json) out.push({ name: `${name}${entry.name}`, bytes });
    }
  }
  return out;
}

const root = new URL("..", import.meta.url).pathname;
const referenceDir = new URL("../../shared/reference", import.meta.url).pathname;
const referencePresent = existsSync(referenceDir);
if (!referencePresent) console.warn(`fast path: the shared reference is skipped, ${referenceDir} is absent`);

/** Every JSON document of the shared reference, the image-spec vectors each as its own document. */
function referenceDocuments(): Entry[] {
  const out = jsonFiles(referenceDir, "reference/", []);
  const vectorsFile = `${referenceDir}/image-spec-vectors.json`;
  if (existsSync(vectorsFile)) {
    const vectors: { source: string; document: unknown }[] = JSON.parse(readFileSync(vectorsFile, "utf8"));
    vectors.forEach((vector, i) => {
      const texts =
        typeof vector.document === "string"
          ? [vector.document]
          : [JSON.stringify(vector.document), JSON.stringify(vector.document, null, 3)];
      for (const text of texts)
        out.push({ name: `vector ${i} ${vector.source}`, bytes: encoder.encode(text) });
    });
  }
  return out;
}

/** The options each corpus document is validated under. */
function optionSets(bytes: Uint8Array, type: string | undefined): ValidateOptions[] {
  const wrong = type === OCI_MANIFEST ? OCI_INDEX : OCI_MANIFEST;
  const sets: ValidateOptions[] = [
    {},
    { preset: "strict" },
    { mediaType: wrong },
    { mediaType: OCI_CONFIG },
    { mediaType: DOCKER_MANIFEST },
    { expectedDigest: computeDigest(bytes) },
    { expectedDigest: computeDigest(bytes, "sha512") },
    { expectedDigest: sha256(99) },
    { expectedDigest: "sha256:nope" },
    { limits: { maxDepth: 3 } },
    { limits: { maxBytes: 10 } },
    { limits: { maxDepth: 8, maxBytes: bytes.length } },
    { limits: { maxBytes: bytes.length - 1 } },
    { limits: { maxDepth: Number.NaN, maxBytes: Number.NaN } },
  ];
  if (type !== undefined) {
    sets.push(
      { mediaType: type },
      { mediaType: `${type}; charset=utf-8` },
      { mediaType: ` ${type}` },
      { mediaType: type.toUpperCase() },
      { mediaType: type, preset: "strict", expectedDigest: computeDigest(bytes) },
    );
  }
  return sets;
}

/** Runs every option set (and every forced kind); answers how often the clean path answered. */
function agreeEverywhere(entry: Entry, large: boolean): number {
  const first = runPipeline(entry.bytes, {}, FULL);
  const type = first.mediaType;
  const sets = optionSets(entry.bytes, type);
  // A text that is no JSON object (most of JSONTestSuite) is refused before options matter.
  const object = isPlainObject(first.document);
  let answered = 0;
  for (const options of large || !object ? sets.slice(0, 3) : sets) {
    if (agree(entry.bytes, options, undefined, entry.name)) answered++;
  }
  if (!large && object) {
    for (const kind of ["image-manifest", "image-index", "image-config"] as DocumentKind[]) {
      if (agree(entry.bytes, {}, kind, entry.name)) answered++;
      if (agree(entry.bytes, { mediaType: type ?? OCI_MANIFEST }, kind, entry.name)) answered++;
    }
  }
  const text = new TextDecoder().decode(entry.bytes);
  if (!large) tallyAgrees(text, entry.name);
  return answered;
}

describe("the clean path agrees with the full pipeline on every document at hand", () => {
  it("test/fixtures/** and examples/**", () => {
    const entries = [
      ...jsonFiles(`${root}test/fixtures`, "test/fixtures/", []),
      ...jsonFiles(`${root}examples`, "examples/", []),
    ];
    expect(entries.length).toBeGreaterThan(5);
    const proven = new Set<string>();
    for (const entry of entries) if (agreeEverywhere(entry, false) > 0) proven.add(entry.name);
    // The examples are what falcoctl and the build module write: clean, and proven so.
    for (const name of [
      "examples/image/manifest.json",
      "examples/falco-plugin/index.json",
      "examples/falco-rulesfile/manifest.json",
      "examples/layout/index.json",
    ]) {
      expect(proven.has(name), name).toBe(true);
    }
  });

  it("the benchmark corpus", () => {
    const entries = corpus() as { name: string; mediaType: string; bytes: Uint8Array }[];
    for (const entry of entries) {
      const large = entry.bytes.length > 100_000;
      const answered = agreeEverywhere(entry, large);
      // Every benchmark document is clean: the clean path must be what the benchmark measures.
      expect(answered, entry.name).toBeGreaterThan(0);
      expect(cleanAnswer(entry.bytes, { mediaType: entry.mediaType }, undefined), entry.name).toBeDefined();
    }
  });

  it.skipIf(!referencePresent)(
    "the shared reference (registry fixtures, Falco, image-spec vectors, JSONTestSuite)",
    () => {
      const entries = referenceDocuments();
      let answered = 0;
      for (const entry of entries) if (agreeEverywhere(entry, entry.bytes.length > 100_000) > 0) answered++;
      expect(answered).toBeGreaterThan(10);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// 2. Generated mutations.

type Path = (string | number)[];

/** Every place in a value: object members and array elements (the root too). */
function placesOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) placesOf(value[i], [...path, i], out);
  } else if (isPlainObject(value))
    for (const [key, child] of Object.entries(value)) placesOf(child, [...path, key], out);
  return out;
}

function at(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, step) => (node as Record<string | number, unknown>)?.[step], root);
}

const longName = (n: number) => "a".repeat(n);

const mediaTypes = [
  OCI_MANIFEST,
  OCI_INDEX,
  OCI_CONFIG,
  OCI_EMPTY,
  LAYER_GZIP,
  DOCKER_MANIFEST,
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.docker.container.image.v1+json",
  "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
  FALCO.rulesfile.config,
  FALCO.rulesfile.layer,
  FALCO.plugin.config,
  FALCO.plugin.layer,
  FALCO.asset.config,
  FALCO.asset.layer,
  "Application/vnd.cncf.falco.plugin.config.v1+json",
  `${OCI_MANIFEST}; charset=utf-8`,
  `${OCI_EMPTY} `,
  "text/plain",
  "application/",
  "/json",
  "application/json/x",
  "application/vnd.a b",
  "application/vnd.a:b",
  "application/vnd.é",
  "appl(ication/json",
  "-application/json",
  "application/.json",
  "application/!json",
  `${longName(127)}/${longName(127)}`,
  `${longName(128)}/json`,
  `application/${longName(128)}`,
  `a/${longName(126)}+x`,
  "",
];

const digests = [
  sha256(50),
  sha512(51),
  EMPTY_DIGEST,
  sha256(52).toUpperCase(),
  `sha256:${hex(53, 64).toUpperCase()}`,
  `sha256:${hex(54, 63)}`,
  `sha256:${hex(55, 65)}`,
  `sha512:${hex(56, 64)}`,
  `sha384:${hex(57, 96)}`,
  `blake3:${hex(58, 64)}`,
  `blake3:${hex(59, 63)}`,
  `sha256+b64u:${"LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564"}`,
  "md5:d41d8cd98f00b204e9800998ecf8427e",
  "sha256:",
  `:${hex(60, 64)}`,
  `SHA256:${hex(61, 64)}`,
  `sha256:${hex(62, 64)}\n`,
  `sha256:${hex(63, 60)}====`,
  hex(64, 64),
  "",
];

const sizes: unknown[] = [
  0,
  1,
  2,
  3,
  1470,
  -1,
  1.5,
  -0,
  2 ** 53,
  2 ** 53 - 1,
  2 ** 53 + 2,
  1e21,
  "2",
  null,
  true,
];

const platforms: unknown[] = [
  { architecture: "amd64", os: "linux" },
  { architecture: "arm64", os: "linux", variant: "v8" },
  { architecture: "arm64", os: "linux", variant: "v7" },
  { architecture: "arm", os: "linux", variant: "v5" },
  { architecture: "arm", os: "linux", variant: "" },
  { architecture: "arm", os: "linux", variant: "V7" },
  { architecture: "arm", os: "linux" },
  { architecture: "unknown", os: "unknown" },
  { architecture: "x86_64", os: "linux" },
  { architecture: "amd64", os: "Linux" },
  { architecture: "amd64", os: "windows", "os.version": "10.0.20348.2113" },
  { architecture: "amd64", os: "windows", "os.features": ["win32k"] },
  { architecture: "amd64", os: "linux", features: ["sse4"] },
  { architecture: "amd64", os: "linux", variant: "v3:x" },
  { architecture: "amd64" },
  { os: "linux" },
  { architecture: "amd64", os: "linux", Variant: "v8" },
  { architecture: "amd64", os: "linux", OS: "linux" },
  { architecture: 1, os: "linux" },
  { architecture: "amd64", os: "linux", variant: null },
  { architecture: "__proto__", os: "linux" },
  {},
  [],
  null,
  "linux/amd64",
];

const annotationKeys = [
  TITLE,
  CREATED,
  "org.opencontainers.image.base.digest",
  "org.opencontainers.image.ref.name",
  "org.opencontainers.artifact.created",
  "org.opencontainers.image.colour",
  "org.opencontainers",
  "org.opencontainersx",
  "org.opencontainers.",
  "Org.opencontainers.image.colour",
  "com.example:key",
  "__proto__",
  "MediaType",
  "size",
  "",
];

const annotationValues: unknown[] = [
  "",
  "x",
  "2024-01-02T03:04:05Z",
  "2024-01-02t03:04:05.999999999z",
  "2024-02-30T00:00:00Z",
  "2024-01-02 03:04:05Z",
  "2024-01-02T03:04:05",
  "2024-01-02T24:00:00Z",
  "2024-01-02T03:04:05+24:00",
  sha256(70),
  `sha256:${hex(71, 63)}`,
  "sha256:ABC",
  "v1.2.3",
  "v1..2",
  "-bad",
  "a--b",
  "a---b",
  "registry:5000/repo@x",
  "a/b/",
  "falco_rules.yaml",
  "rules/falco_rules.yaml",
  "..",
  ".",
  "...",
  "a\\b",
  "/abs",
  'a:b": 1.5, "x": -0',
  'x\\": 1e3',
  1,
  null,
  true,
  {},
];

const genericValues: unknown[] = [
  null,
  true,
  0,
  2,
  -1,
  1.5,
  "",
  "x",
  "a:b",
  {},
  [],
  [{}],
  { a: "b" },
  { mediaType: LAYER_GZIP, digest: sha256(80), size: 1 },
  { mediaType: OCI_EMPTY, digest: EMPTY_DIGEST, size: 2, data: "e30=" },
  { mediaType: OCI_EMPTY, digest: EMPTY_DIGEST, size: 2, data: "e30" },
  { mediaType: OCI_EMPTY, digest: EMPTY_DIGEST, size: 3 },
  { mediaType: OCI_EMPTY, digest: sha256(81), size: 2 },
  { mediaType: LAYER_GZIP, digest: sha256(82), size: 1, urls: ["https://example.com/layer"] },
  { mediaType: LAYER_GZIP, digest: sha256(83), size: 1, urls: ["ftp://example.com/layer"] },
  { mediaType: OCI_MANIFEST, digest: sha256(84), size: 5, data: "" },
];

/** The replacement values that fit a place, by its member name (or its container's). */
function poolFor(path: Path): unknown[] {
  const key = path[path.length - 1];
  const parent = path[path.length - 2];
  if (parent === "annotations") return annotationValues;
  if (parent === "platform")
    return ["amd64", "arm", "arm64", "linux", "unknown", "v6", "v7", "v8", "", "Linux", 1];
  switch (key) {
    case "mediaType":
    case "artifactType":
      return mediaTypes;
    case "digest":
      return digests;
    case "size":
      return sizes;
    case "schemaVersion":
      return [1, 2, 3, "2", 2.5, null];
    case "platform":
      return platforms;
    case "annotations":
      return [
        {},
        null,
        [],
        { [TITLE]: "t" },
        { [CREATED]: "" },
        { "org.opencontainers.image.colour": "red" },
      ];
    default:
      return genericValues;
  }
}

/** Member names: the spec's, folded variants, other kinds' members, odd ones. */
const names = [
  "schemaVersion",
  "mediaType",
  "artifactType",
  "config",
  "layers",
  "manifests",
  "subject",
  "annotations",
  "digest",
  "size",
  "urls",
  "data",
  "platform",
  "architecture",
  "os",
  "os.version",
  "os.features",
  "variant",
  "features",
  "rootfs",
  "MediaType",
  "mediatype",
  "SchemaVersion",
  "Layers",
  "\u017fize",
  "\u212aey",
  "unknown",
  "__proto__",
  "x:y",
  "",
];

const respellings: ((name: string) => string)[] = [
  (n) => n.toUpperCase(),
  (n) => n.toLowerCase(),
  (n) => n.charAt(0).toUpperCase() + n.slice(1),
  (n) => n.replace(/s/, "\u017f"),
  (n) => n.replace(/k/i, "\u212a"),
  (n) => `${n}_`,
  (n) => `${n}:`,
  (n) => n.slice(1),
];

type Mutation =
  | { op: "set"; at: number; pick: number; generic: boolean }
  | { op: "delete"; at: number }
  | { op: "rename"; at: number; name: number }
  | { op: "respell"; at: number; how: number }
  | { op: "add"; at: number; name: number; value: number }
  | { op: "copy"; from: number; to: number }
  | { op: "duplicate"; at: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant("set" as const),
      at: fc.nat(),
      pick: fc.nat(),
      generic: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("delete" as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("rename" as const), at: fc.nat(), name: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("respell" as const), at: fc.nat(), how: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant("add" as const), at: fc.nat(), name: fc.nat(), value: fc.nat() }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("copy" as const), from: fc.nat(), to: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("duplicate" as const), at: fc.nat() }) },
);

/** The last index of the array that `path[i]` indexes. */
function lastIndex(root: unknown, path: Path, i: number): number {
  return (at(root, path.slice(0, i)) as unknown[]).length - 1;
}

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length] as T;
}

function defineMember(target: Record<string, unknown>, name: string, value: unknown): void {
  // defineProperty, so that "__proto__" becomes an own member as JSON.parse makes it.
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

/** Applies one mutation in place. */
function mutate(root: Record<string, unknown>, mutation: Mutation): void {
  const places = placesOf(root);
  if (mutation.op === "copy") {
    const from = pick(places, mutation.from);
    const to = pick(places, mutation.to);
    const parent = at(root, to.slice(0, -1));
    const key = to[to.length - 1];
    if (key !== undefined && parent !== null && typeof parent === "object") {
      (parent as Record<string | number, unknown>)[key] = structuredClone(at(root, from));
    }
    return;
  }
  const path = pick(places, mutation.at);
  const key = path[path.length - 1];
  const parent =
    path.length === 0 ? undefined : (at(root, path.slice(0, -1)) as Record<string | number, unknown>);
  const node = at(root, path);
  switch (mutation.op) {
    case "set":
      if (parent !== undefined && key !== undefined) {
        parent[key] = structuredClone(pick(mutation.generic ? genericValues : poolFor(path), mutation.pick));
      }
      break;
    case "delete":
      if (parent !== undefined && key !== undefined) {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
      }
      break;
    case "rename":
    case "respell":
      if (parent !== undefined && !Array.isArray(parent) && typeof key === "string") {
        const name =
          mutation.op === "rename" ? pick(names, mutation.name) : pick(respellings, mutation.how)(key);
        const value = parent[key];
        delete parent[key];
        defineMember(parent, name, value);
      }
      break;
    case "add":
      if (isPlainObject(node)) {
        const name = pick([...names, ...annotationKeys], mutation.name);
        const pool = path[path.length - 1] === "annotations" ? annotationValues : genericValues;
        defineMember(node, name, structuredClone(pick(pool, mutation.value)));
      }
      break;
    case "duplicate":
      if (Array.isArray(node) && node.length > 0) node.push(structuredClone(node[0]));
      break;
  }
}

/** How a document is written as text: every way the strict reader and JSON.parse may disagree. */
interface Style {
  indent: number;
  beforeColon: string;
  afterColon: string;
  /** Write "/" as "\/" in strings. */
  escapeSlash: boolean;
  /** Write the n-th character of all strings (names and values) as a \u escape. */
  unicodeEscape: number | undefined;
  /** How numbers are written: as JSON.stringify does, or in another spelling of the same value. */
  numbers: "plain" | "dot0" | "exp0" | "E+0" | "exp3" | "neg0" | "lead0";
  /** Which number gets the spelling (all when undefined). */
  numberAt: number | undefined;
  /** Repeat the n-th member of the text, before or after itself, with the same or another value. */
  duplicate: { at: number; before: boolean; same: boolean } | undefined;
  prefix: string;
  suffix: string;
  crlf: boolean;
}

/** A value one time in five, else undefined: each of these makes the text unprovable. */
function rarely<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}

const styleArb: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom(0, 0, 2),
  beforeColon: fc.constantFrom("", "", "", " ", "\n", "\t"),
  afterColon: fc.constantFrom("", "", " ", "  ", "\r\n"),
  escapeSlash: fc.boolean(),
  unicodeEscape: rarely(fc.nat({ max: 400 })),
  numbers: fc.constantFrom(
    "plain",
    "plain",
    "plain",
    "plain",
    "dot0",
    "exp0",
    "E+0",
    "exp3",
    "neg0",
    "lead0",
  ),
  numberAt: fc.oneof(fc.constant(undefined), fc.nat({ max: 20 })),
  duplicate: rarely(fc.record({ at: fc.nat({ max: 60 }), before: fc.boolean(), same: fc.boolean() })),
  prefix: fc.constantFrom("", "", "", "", " ", "\n", "\ufeff", "\t\r\n"),
  suffix: fc.constantFrom("", "", "", "", "\n", " ", "x", "{}", "\u0000", " \n\t"),
  crlf: fc.boolean(),
});

const PLAIN: Style = {
  indent: 0,
  beforeColon: "",
  afterColon: "",
  escapeSlash: false,
  unicodeEscape: undefined,
  numbers: "plain",
  numberAt: undefined,
  duplicate: undefined,
  prefix: "",
  suffix: "",
  crlf: false,
};

/** Writes a value as JSON text in a style (a hand-written serializer, so that it can misbehave). */
function render(value: unknown, style: Style): string {
  let chars = 0;
  let numbers = 0;
  let members = 0;
  const string = (s: string): string => {
    let out = "";
    for (const c of s) {
      let written = JSON.stringify(c).slice(1, -1);
      if (style.escapeSlash && c === "/") written = "\\/";
      if (style.unicodeEscape === chars++ && c.length === 1) {
        written = `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
      }
      out += written;
    }
    return `"${out}"`;
  };
  const number = (n: number): string => {
    const plain = JSON.stringify(n);
    if (style.numberAt !== undefined && style.numberAt !== numbers++) return plain;
    if (!Number.isInteger(n)) return plain;
    switch (style.numbers) {
      case "dot0":
        return `${plain}.0`;
      case "exp0":
        return `${plain}e0`;
      case "E+0":
        return `${plain}E+0`;
      case "exp3":
        return n % 1000 === 0 && n !== 0 ? `${n / 1000}e3` : `${plain}000e-3`;
      case "neg0":
        return n === 0 ? "-0" : plain;
      case "lead0":
        return `0${plain}`;
      default:
        return plain;
    }
  };
  const newline = style.crlf ? "\r\n" : "\n";
  const write = (node: unknown, depth: number): string => {
    const pad = style.indent === 0 ? "" : newline + " ".repeat(style.indent * (depth + 1));
    const close = style.indent === 0 ? "" : newline + " ".repeat(style.indent * depth);
    if (node === null || typeof node === "boolean") return String(node);
    if (typeof node === "number") return number(node);
    if (typeof node === "string") return string(node);
    if (Array.isArray(node)) {
      if (node.length === 0) return "[]";
      return `[${node.map((item) => pad + write(item, depth + 1)).join(",")}${close}]`;
    }
    const entries = Object.entries(node as Record<string, unknown>);
    if (entries.length === 0) return "{}";
    const parts: string[] = [];
    for (const [key, child] of entries) {
      const member = (v: unknown) =>
        `${pad}${string(key)}${style.beforeColon}:${style.afterColon}${write(v, depth + 1)}`;
      const written = member(child);
      if (style.duplicate?.at === members++) {
        const twin = member(style.duplicate.same ? child : "x");
        parts.push(...(style.duplicate.before ? [twin, written] : [written, twin]));
      } else parts.push(written);
    }
    return `{${parts.join(",")}${close}}`;
  };
  return style.prefix + write(value, 0) + style.suffix;
}

/** The clean path on one text, under both presets and its own Content-Type; its tally, checked. */
function differential(text: string, type: string): boolean {
  const bytes = encoder.encode(text);
  let answered = false;
  for (const options of [{}, { preset: "strict" }, { mediaType: type }] as ValidateOptions[]) {
    if (agree(bytes, options, undefined, text)) answered = true;
  }
  tallyAgrees(text);
  return answered;
}

describe("the clean path on every single-place change of each clean document", () => {
  for (const [name, base] of bases) {
    it(`agrees with the full pipeline (${name})`, () => {
      const type = base().mediaType as string;
      const places = placesOf(base());
      let answered = 0;
      let runs = 0;
      const run = (mutation: Mutation) => {
        const document = base();
        mutate(document, mutation);
        const text = JSON.stringify(document);
        const bytes = encoder.encode(text);
        runs++;
        if (agree(bytes, {}, undefined, text)) answered++;
        tallyAgrees(text);
      };
      for (let place = 0; place < places.length; place++) {
        const path = places[place] as Path;
        // Entries alike differ only in values: the first two and the last of each list suffice.
        if (
          !path.every(
            (step, i) => typeof step !== "number" || step < 2 || step === lastIndex(base(), path, i),
          )
        )
          continue;
        const pool = poolFor(path);
        for (let n = 0; n < pool.length; n++) run({ op: "set", at: place, pick: n, generic: false });
        for (let n = 0; n < genericValues.length; n++) run({ op: "set", at: place, pick: n, generic: true });
        run({ op: "delete", at: place });
        run({ op: "duplicate", at: place });
        for (let how = 0; how < respellings.length; how++) run({ op: "respell", at: place, how });
        for (let n = 0; n < annotationKeys.length; n++) {
          run({ op: "add", at: place, name: names.length + n, value: 0 });
        }
      }
      expect(runs).toBeGreaterThan(places.length);
      // A share of the changes keep the document clean (an optional member dropped, a value
      // swapped for another valid one): the clean path proves those.
      expect(answered, type).toBeGreaterThan(runs / 50);
    });
  }
});

/** Generated cases per base document; FAST_PATH_RUNS=5000 for a longer search. */
const RUNS = Number(process.env.FAST_PATH_RUNS ?? 250);

describe("the clean path on generated mutations, rendered as odd texts", () => {
  for (const [name, base] of bases) {
    it(`agrees with the full pipeline, and tallies exactly (${name})`, () => {
      const type = base().mediaType as string;
      let answered = 0;
      let styledAndAnswered = 0;
      let changedAndAnswered = 0;
      let runs = 0;
      fc.assert(
        fc.property(
          fc.array(mutationArb, { minLength: 0, maxLength: 3 }),
          fc.oneof({ weight: 1, arbitrary: fc.constant(PLAIN) }, { weight: 2, arbitrary: styleArb }),
          (mutations, style) => {
            const document = base();
            for (const mutation of mutations) mutate(document, mutation);
            runs++;
            if (differential(render(document, style), type)) {
              answered++;
              if (style !== PLAIN) styledAndAnswered++;
              if (mutations.length > 0) changedAndAnswered++;
            }
          },
        ),
        { numRuns: RUNS },
      );
      expect(answered).toBeGreaterThan(runs / 20);
      // Proven texts include changed documents and texts written in odd styles, not only the base as is.
      expect(styledAndAnswered).toBeGreaterThan(runs / 100);
      expect(changedAndAnswered).toBeGreaterThan(runs / 100);
    });
  }
});
