import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_BYTES, specMemberNames } from "../src/json/index.js";
import { type ValidateOptions, type ValidationResult, validate } from "../src/validate/index.js";

/**
 * One describe per threat class of docs/security.md, each proving the defence through `validate()`,
 * the way a registry calls it: raw bytes, the Content-Type they arrived with.
 */

const MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const INDEX = "application/vnd.oci.image.index.v1+json";
const CONFIG = "application/vnd.oci.image.config.v1+json";
const LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
const D1 = "sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7";
const EMPTY_DIGEST = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

const configText = `{"mediaType":"${CONFIG}","digest":"${D1}","size":7023}`;
const layerText = `{"mediaType":"${LAYER}","digest":"${D1}","size":32654}`;
/** A valid manifest as text, with `extra` spliced in as more members. */
const manifestText = (extra = "", layers = layerText) =>
  `{"schemaVersion":2,"mediaType":"${MANIFEST}","config":${configText},"layers":[${layers}]${extra}}`;
const indexText = (extra = "") =>
  `{"schemaVersion":2,"mediaType":"${INDEX}","manifests":[{"mediaType":"${MANIFEST}","digest":"${D1}","size":7143}]${extra}}`;

const bytes = (text: string) => new TextEncoder().encode(text);
const sha256 = (data: Uint8Array) => `sha256:${createHash("sha256").update(data).digest("hex")}`;
const check = (input: Uint8Array | string | object, options: ValidateOptions = {}): ValidationResult =>
  validate(input, options);
const errors = (result: ValidationResult) =>
  result.issues.filter((i) => i.severity === "error").map((i) => i.code);

describe("baseline", () => {
  it("the documents the threats are built from are valid", () => {
    expect(check(bytes(manifestText()), { mediaType: MANIFEST }).issues).toEqual([]);
    expect(check(bytes(indexText()), { mediaType: INDEX }).issues).toEqual([]);
  });
});

describe("type confusion (CVE-2021-41190)", () => {
  const ambiguous = manifestText(`,"manifests":[{"mediaType":"${MANIFEST}","digest":"${D1}","size":7143}]`);

  it("refuses an image manifest that carries manifests (manifest-has-manifests)", () => {
    const result = check(bytes(ambiguous), { mediaType: MANIFEST });
    expect(result.valid).toBe(false);
    expect(result.issues).toContainEqual(
      expect.objectContaining({ code: "manifest-has-manifests", path: "/manifests" }),
    );
  });

  it("refuses an image index that carries layers or config (index-has-layers)", () => {
    for (const extra of [`,"layers":[${layerText}]`, `,"config":${configText}`]) {
      const result = check(bytes(indexText(extra)), { mediaType: INDEX });
      expect(result.valid).toBe(false);
      expect(errors(result)).toContain("index-has-layers");
    }
  });

  it("refuses the ambiguous document whatever the Content-Type says, or without one", () => {
    for (const mediaType of [MANIFEST, INDEX, undefined]) {
      const result = check(bytes(ambiguous), mediaType === undefined ? {} : { mediaType });
      expect(result.valid, String(mediaType)).toBe(false);
    }
  });

  it("refuses it when the document says nothing about its type", () => {
    const bare = `{"schemaVersion":2,"config":${configText},"layers":[${layerText}],"manifests":[]}`;
    expect(check(bytes(bare), { mediaType: INDEX }).valid).toBe(false);
    expect(check(bytes(bare), { mediaType: MANIFEST }).valid).toBe(false);
  });
});

describe("Content-Type versus mediaType", () => {
  it("refuses a manifest sent as an index, and an index sent as a manifest (media-type-mismatch)", () => {
    expect(errors(check(bytes(manifestText()), { mediaType: INDEX }))).toContain("media-type-mismatch");
    expect(errors(check(bytes(indexText()), { mediaType: MANIFEST }))).toContain("media-type-mismatch");
  });

  it("compares the essence of the Content-Type: parameters and letter case do not matter", () => {
    const result = check(bytes(manifestText()), {
      mediaType: "Application/VND.OCI.Image.Manifest.v1+JSON; charset=utf-8",
    });
    expect(result).toMatchObject({ valid: true, kind: "image-manifest" });
  });
});

describe("parser differentials: duplicate member names", () => {
  it('refuses a repeated mediaType, also when the repeat is escaped ("\\u006dediaType")', () => {
    for (const name of ["mediaType", "\\u006dediaType"]) {
      const result = check(bytes(manifestText(`,"${name}":"${INDEX}"`)), { mediaType: MANIFEST });
      expect(result.valid, name).toBe(false);
      expect(result.issues).toContainEqual(
        expect.objectContaining({ code: "json-duplicate-key", path: "/mediaType", line: 1 }),
      );
    }
  });

  it("refuses duplicates inside descriptors, and names where they are", () => {
    const layer = `{"mediaType":"${LAYER}","digest":"${D1}","size":32654,"digest":"${EMPTY_DIGEST}"}`;
    const result = check(bytes(manifestText("", `${layerText},${layer}`)), { mediaType: MANIFEST });
    expect(result.valid).toBe(false);
    expect(result.issues).toContainEqual(
      expect.objectContaining({ code: "json-duplicate-key", path: "/layers/1/digest" }),
    );
  });

  it("refuses duplicates in strings as in bytes", () => {
    expect(errors(check(manifestText(`,"layers":[]`)))).toContain("json-duplicate-key");
  });

  it('can be turned off with rules: { "json-duplicate-key": "off" } (the last value then wins, as in JSON.parse)', () => {
    const result = check(bytes(manifestText(`,"mediaType":"${MANIFEST}"`)), {
      mediaType: MANIFEST,
      rules: { "json-duplicate-key": "off" },
    });
    expect(result.valid).toBe(true);
  });
});

describe("parser differentials: case folding (Go matches member names case-insensitively)", () => {
  const folded: Array<[string, string, string]> = [
    // [member as written, what Go reads it as, document]
    ["Manifests", "manifests", manifestText(`,"Manifests":[]`)],
    ["MEDIATYPE", "mediaType", manifestText(`,"MEDIATYPE":"${INDEX}"`)],
    ["manifeſts (U+017F)", "manifests", manifestText(`,"manife\u017fts":[]`)],
    ["LAYERS", "layers", indexText(`,"LAYERS":[${layerText}]`)],
  ];
  for (const [name, field, text] of folded) {
    it(`refuses ${name}, which Go reads as ${field} (json-case-fold-key)`, () => {
      const result = check(bytes(text));
      expect(result.valid).toBe(false);
      expect(errors(result)).toContain("json-case-fold-key");
      const issue = result.issues.find((i) => i.code === "json-case-fold-key");
      expect(issue?.message).toContain(`"${field}"`);
      expect(issue?.line).toBe(1);
    });
  }

  it("refuses the Kelvin sign (U+212A), which Go folds to k: WorKingDir in an image config", () => {
    const config = `{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"config":{"Wor\u212AingDir":"/"}}`;
    const result = check(bytes(config), { mediaType: CONFIG });
    expect(result.kind).toBe("image-config");
    expect(result.issues).toContainEqual(
      expect.objectContaining({ code: "json-case-fold-key", path: "/config/Wor\u212AingDir" }),
    );
  });

  it("checks already-parsed objects too", () => {
    const document = JSON.parse(manifestText(`,"Manifests":[]`)) as object;
    expect(errors(check(document))).toContain("json-case-fold-key");
  });

  it("knows every member name our schemas define, so no folded spelling escapes the schema", () => {
    const schemas = new URL("../schemas/", import.meta.url);
    const defined = new Set<string>();
    const collect = (node: unknown): void => {
      if (node === null || typeof node !== "object") return;
      const properties = (node as { properties?: unknown }).properties;
      if (properties !== null && typeof properties === "object") {
        for (const name of Object.keys(properties)) defined.add(name);
      }
      for (const child of Object.values(node)) collect(child);
    };
    for (const file of readdirSync(schemas, { recursive: true, encoding: "utf8" })) {
      if (file.endsWith(".json")) collect(JSON.parse(readFileSync(new URL(file, schemas), "utf8")));
    }
    expect(defined.size).toBeGreaterThan(40);
    expect([...defined].filter((name) => !specMemberNames.has(name))).toEqual([]);
  });

  it("refuses MEMORY in an image config: Docker reads it as Memory, which the schema checks", () => {
    const config = `{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"config":{"MEMORY":"lots"}}`;
    expect(errors(check(bytes(config), { mediaType: CONFIG }))).toEqual(["json-case-fold-key"]);
  });

  it("leaves map keys alone: annotation keys are data, matched exactly", () => {
    const result = check(bytes(manifestText(`,"annotations":{"MediaType":"x","LAYERS":"y"}`)));
    expect(result.issues).toEqual([]);
  });
});

describe("parser differentials: number precision", () => {
  const withSize = (size: string) =>
    manifestText("", `{"mediaType":"${LAYER}","digest":"${D1}","size":${size}}`);

  for (const size of ["1e3", "1.0", "-0", "9007199254740992", "-1", "1E2"]) {
    it(`refuses size ${size} (json-number-not-canonical)`, () => {
      const result = check(bytes(withSize(size)), { mediaType: MANIFEST });
      expect(result.valid).toBe(false);
      expect(result.issues).toContainEqual(
        expect.objectContaining({ code: "json-number-not-canonical", path: "/layers/0/size" }),
      );
    });
  }

  it("accepts 0 and 2^53−1, the largest size JSON numbers carry exactly", () => {
    for (const size of ["0", "9007199254740991"]) {
      expect(check(bytes(withSize(size)), { mediaType: MANIFEST }).issues, size).toEqual([]);
    }
  });

  it("refuses schemaVersion 2.0 and an escaped \\u0073ize", () => {
    const version = `{"schemaVersion":2.0,"mediaType":"${MANIFEST}","config":${configText},"layers":[${layerText}]}`;
    expect(errors(check(bytes(version)))).toContain("json-number-not-canonical");
    const escaped = manifestText("", `{"mediaType":"${LAYER}","digest":"${D1}","\\u0073ize":1e3}`);
    expect(errors(check(bytes(escaped)))).toContain("json-number-not-canonical");
  });
});

describe("parser differentials: encoding", () => {
  it("refuses invalid UTF-8 and says where (json-encoding)", () => {
    const text = bytes(manifestText(`,"annotations":{"a":"xx"}`));
    const at = text.lastIndexOf(0x78);
    text[at] = 0xc3;
    text[at - 1] = 0xff;
    const result = check(text);
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ code: "json-encoding", line: 1 })]);
    expect(result.issues[0]?.message).toContain("0xff");
  });

  it("refuses overlong encodings: the 2-byte NUL C0 80", () => {
    const text = bytes(manifestText(`,"annotations":{"a":"xx"}`));
    const at = text.lastIndexOf(0x78);
    text.set([0xc0, 0x80], at - 1);
    expect(errors(check(text))).toEqual(["json-encoding"]);
  });

  it("reports a byte-order mark (json-bom), in bytes and in strings", () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(manifestText())]);
    expect(errors(check(withBom, { mediaType: MANIFEST }))).toEqual(["json-bom"]);
    expect(errors(check(`\ufeff${manifestText()}`, { mediaType: MANIFEST }))).toEqual(["json-bom"]);
  });

  it("refuses lone surrogates: escaped in bytes, raw in a string (json-lone-surrogate)", () => {
    const escaped = manifestText(`,"annotations":{"a":"\\ud800"}`);
    const result = check(bytes(escaped));
    expect(result.issues).toEqual([
      expect.objectContaining({ code: "json-lone-surrogate", path: "/annotations/a" }),
    ]);
    const raw = manifestText(`,"annotations":{"a":"\ud800"}`);
    expect(errors(check(raw))).toContain("json-lone-surrogate");
  });

  it("accepts escaped surrogate pairs", () => {
    expect(check(bytes(manifestText(`,"annotations":{"a":"\\ud83d\\ude00"}`))).issues).toEqual([]);
  });
});

describe("parser differentials: trailing data", () => {
  for (const [name, tail] of [
    ["a second document", indexText()],
    ["garbage", "garbage"],
    ["a NUL byte", "\u0000"],
    ["a comment", "// pushed by ci"],
  ] as const) {
    it(`refuses ${name} after the value (json-trailing-data)`, () => {
      const result = check(bytes(manifestText() + tail), { mediaType: MANIFEST });
      expect(result.valid).toBe(false);
      expect(result.issues).toEqual([expect.objectContaining({ code: "json-trailing-data", line: 1 })]);
    });
  }

  it("accepts trailing whitespace", () => {
    expect(check(bytes(`${manifestText()}\r\n\t `), { mediaType: MANIFEST }).issues).toEqual([]);
  });
});

describe("digest mismatch (expectedDigest)", () => {
  const data = bytes(manifestText());

  it("accepts the exact bytes' digest, sha256 or sha512", () => {
    expect(check(data, { expectedDigest: sha256(data) }).valid).toBe(true);
    const sha512 = `sha512:${createHash("sha512").update(data).digest("hex")}`;
    expect(check(data, { expectedDigest: sha512 }).valid).toBe(true);
  });

  it("refuses other bytes: one changed byte, or the same document re-serialized (digest-mismatch)", () => {
    const pretty = bytes(JSON.stringify(JSON.parse(manifestText()), null, 2));
    for (const other of [bytes(`${manifestText()} `), pretty]) {
      const result = check(other, { expectedDigest: sha256(data) });
      expect(result.valid).toBe(false);
      expect(result.issues).toEqual([expect.objectContaining({ code: "digest-mismatch", path: "" })]);
      expect(result.issues[0]?.message).toContain(sha256(other));
    }
  });

  it("refuses what it cannot verify: an object (no bytes), a malformed digest, an unsupported algorithm", () => {
    const document = JSON.parse(manifestText()) as object;
    expect(errors(check(document, { expectedDigest: sha256(data) }))).toEqual(["digest-mismatch"]);
    expect(errors(check(data, { expectedDigest: "sha256:abc" }))).toEqual(["digest-mismatch"]);
    expect(errors(check(data, { expectedDigest: `blake3:${"a".repeat(64)}` }))).toEqual(["digest-mismatch"]);
  });

  it("checks the digest even when the bytes are not JSON", () => {
    expect(errors(check(bytes("not json"), { expectedDigest: sha256(data) }))).toEqual([
      "json-syntax",
      "digest-mismatch",
    ]);
  });
});

describe("embedded data mismatches", () => {
  // The empty descriptor's content {} is 2 bytes, base64 e30=.
  const withData = (data: string, size = 2, digest = EMPTY_DIGEST) =>
    manifestText(
      "",
      `{"mediaType":"application/vnd.oci.empty.v1+json","digest":"${digest}","size":${size},"data":"${data}"}`,
    );

  it("accepts data that matches size and digest", () => {
    expect(check(bytes(withData("e30=")), { mediaType: MANIFEST }).issues).toEqual([]);
  });

  it("refuses data whose length is not size (data-size-mismatch)", () => {
    expect(errors(check(bytes(withData("e30=", 3, D1)), { mediaType: MANIFEST }))).toContain(
      "data-size-mismatch",
    );
  });

  it("refuses data that does not hash to digest (data-digest-mismatch)", () => {
    // The right 2 bytes, but the descriptor claims another digest.
    expect(errors(check(bytes(withData("e30=", 2, D1)), { mediaType: MANIFEST }))).toContain(
      "data-digest-mismatch",
    );
  });

  it("refuses data that is not base64 (data-not-base64)", () => {
    for (const data of ["e30", "e3 0=", "e30=e30=", "-_8="]) {
      expect(errors(check(bytes(withData(data)), { mediaType: MANIFEST })), data).toContain(
        "data-not-base64",
      );
    }
  });
});

describe("resource limits", () => {
  it("answers a 1,000,000-deep document with exactly one finding (json-too-deep), without recursion", () => {
    const depth = 1_000_000;
    const deep = `${"[".repeat(depth)}${"]".repeat(depth)}`;
    const result = check(bytes(deep));
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({ code: "json-too-deep", severity: "error", path: "", line: 1, column: 65 }),
    ]);
    expect(result.issues[0]?.message).toContain("limits.maxDepth");
  });

  it("answers a 4 MiB + 1 byte document with exactly one finding (json-too-large), before decoding it", () => {
    const big = new Uint8Array(DEFAULT_MAX_BYTES + 1).fill(0x20);
    big.set(bytes(manifestText()));
    const result = check(big, { mediaType: MANIFEST });
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({ code: "json-too-large", severity: "error", path: "" }),
    ]);
    expect(result.issues[0]?.message).toContain(`${DEFAULT_MAX_BYTES + 1} bytes`);
    expect(result.document).toBeUndefined();
  });

  it("takes limits.maxBytes and limits.maxDepth from the caller, both ways", () => {
    const text = manifestText();
    expect(errors(check(bytes(text), { limits: { maxBytes: text.length - 1 } }))).toEqual(["json-too-large"]);
    expect(check(bytes(text), { limits: { maxBytes: text.length } }).valid).toBe(true);
    // A manifest nests 3 deep (document, layers, descriptor).
    expect(errors(check(bytes(text), { limits: { maxDepth: 2 } }))).toEqual(["json-too-deep"]);
    expect(check(bytes(text), { limits: { maxDepth: 3 } }).valid).toBe(true);
    const padded = new Uint8Array(DEFAULT_MAX_BYTES + 1).fill(0x20);
    padded.set(bytes(text));
    expect(check(padded, { limits: { maxBytes: DEFAULT_MAX_BYTES * 2 } }).valid).toBe(true);
  });

  it("takes Infinity as no limit, and never lets NaN lift a limit", () => {
    const depth = 1000;
    const deep = manifestText(
      `,"x":${"[".repeat(depth)}${"]".repeat(depth)}`,
      `{"mediaType":"${LAYER}","digest":"${D1}","size":1.0}`,
    );
    const unlimited = check(bytes(deep), {
      limits: { maxDepth: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY },
    });
    expect(errors(unlimited)).toEqual(["json-number-not-canonical"]);
    expect(errors(check(bytes(deep), { limits: { maxDepth: Number.NaN } }))).toEqual(["json-too-deep"]);
    const big = new Uint8Array(DEFAULT_MAX_BYTES + 1).fill(0x20);
    big.set(bytes(manifestText()));
    expect(errors(check(big, { limits: { maxBytes: Number.NaN } }))).toEqual(["json-too-large"]);
  });

  it("with maxDepth raised, reads 100,000 levels in an unknown member without overflowing the stack", () => {
    const depth = 100_000;
    const text = manifestText(`,"x":${"[".repeat(depth)}${"]".repeat(depth)}`);
    const result = check(bytes(text), { mediaType: MANIFEST, limits: { maxDepth: depth + 10 } });
    expect(result.issues).toEqual([]);
  });

  it("collects schema findings for 30,000 empty layers without copying them per layer", () => {
    // The compiled schema used to merge each layer's errors with concat: quadratic in the layers.
    const count = 30_000;
    const text = manifestText("", Array(count).fill("{}").join(","));
    const result = check(bytes(text), { mediaType: MANIFEST, limits: { maxIssues: Infinity } });
    const last = result.issues.filter((i) => i.path.startsWith(`/layers/${count - 1}/`));
    expect(last.map((i) => i.path.split("/").pop())).toEqual(["mediaType", "digest", "size"]);
    expect(result.issues.filter((i) => i.code === "schema-required")).toHaveLength(3 * count);
  });

  it("answers an object with a cycle with json-syntax at the member that closes it, without hanging", () => {
    const document = JSON.parse(manifestText()) as { layers: unknown[] };
    document.layers.push(document);
    const result = check(document, { mediaType: MANIFEST });
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ code: "json-syntax", path: "/layers/1" })]);
  });

  it("answers an object that would write out to more values than a 4 MiB document holds with json-too-large", () => {
    // 2^40 values as text, 40 objects in memory.
    let shared: object = { digest: D1 };
    for (let level = 0; level < 40; level++) shared = { a: shared, b: [shared] };
    const result = check({ ...JSON.parse(manifestText()), annotations: shared }, { mediaType: MANIFEST });
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ code: "json-too-large" })]);
    expect(result.issues[0]?.path).toMatch(/^\/annotations\//);
  });

  it("accepts an object that uses one descriptor object twice", () => {
    const descriptor = { mediaType: MANIFEST, digest: D1, size: 7143 };
    const index = { schemaVersion: 2, mediaType: INDEX, manifests: [descriptor, descriptor] };
    expect(check(index).issues).toEqual([]);
  });

  it("locates every finding of a document with thousands of them in one pass", () => {
    // One finding per layer: each used to re-read the whole text to find its line (quadratic).
    const count = 8000;
    const bad = `{"mediaType":"${LAYER}","digest":"sha256:${"A".repeat(64)}","size":1.0}`;
    const text = manifestText("", Array(count).fill(bad).join(",\n"));
    const result = check(bytes(text), { mediaType: MANIFEST, limits: { maxIssues: Infinity } });
    const byCode = (code: string) => result.issues.filter((i) => i.code === code);
    expect(byCode("digest-algorithm-encoding")).toHaveLength(count);
    expect(byCode("json-number-not-canonical")).toHaveLength(count);
    const last = byCode("digest-algorithm-encoding").at(-1);
    expect(last).toMatchObject({ path: `/layers/${count - 1}/digest`, line: count });
    expect(byCode("json-number-not-canonical").at(-1)).toMatchObject({
      path: `/layers/${count - 1}/size`,
      line: count,
    });
  });
});

describe("docs/security.md", () => {
  const doc = readFileSync(new URL("../docs/security.md", import.meta.url), "utf8");

  it("cites only tests that exist: every quoted title on a Proof line is a describe or it title", () => {
    const cited: Array<[string, string]> = [];
    for (const line of doc.split("\n").filter((l) => l.startsWith("Proof ("))) {
      // `test/x.test.ts`: "title"; "title"; `test/y.test.ts`: "title"
      let file = "";
      for (const part of line.matchAll(/`(test\/[\w.-]+\.test\.ts)`|"([^"]+)"/g)) {
        if (part[1] !== undefined) file = part[1];
        else cited.push([file, part[2] as string]);
      }
    }
    expect(cited.length).toBeGreaterThan(40);
    const missing = cited.filter(([file, title]) => {
      const source = readFileSync(new URL(`../${file}`, import.meta.url), "utf8");
      return ![`"${title}"`, `'${title}'`, `\`${title}\``].some((quoted) => source.includes(`(${quoted}`));
    });
    expect(missing).toEqual([]);
  });

  it("has a section for every threat class this file tests", () => {
    const headings = doc.split("\n").filter((l) => l.startsWith("#"));
    const threats = ["CVE-2021-41190", "Content-Type", "Duplicate", "Case folding", "Number precision"];
    threats.push(
      "Encoding",
      "Trailing data",
      "Digest mismatch",
      "`data`",
      "Resource limits",
      "JSONTestSuite",
    );
    for (const threat of threats)
      expect(
        headings.some((h) => h.includes(threat)),
        threat,
      ).toBe(true);
  });
});
