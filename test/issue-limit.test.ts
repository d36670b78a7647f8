// limits.maxIssues: the cap on findings, and validation that stops working at it (issue 17).
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_ISSUES, locatePointers, readJson, readObject, validate } from "../src/index.js";
import { boundedValidate, ociImageManifest } from "../src/validate/generated/validators.js";

const MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const CONFIG = `{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:${"a".repeat(64)}","size":2}`;
const LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
const manifest = (layers: string[], extra = "") =>
  `{"schemaVersion":2,"mediaType":"${MANIFEST}","config":${CONFIG},"layers":[\n${layers.join(",\n")}\n]${extra}}`;
const bytes = (text: string) => new TextEncoder().encode(text);
const codes = (issues: readonly { code: string }[]) => [...new Set(issues.map((i) => i.code))].sort();

describe("limits.maxIssues", () => {
  it("defaults to 1,000 findings, the last saying how many more were left out", () => {
    const result = validate(bytes(manifest(Array(2000).fill("{}"))));
    expect(DEFAULT_MAX_ISSUES).toBe(1000);
    expect(result.issues).toHaveLength(1000);
    const last = result.issues.at(-1);
    expect(last).toMatchObject({ code: "too-many-issues", severity: "error", path: "" });
    expect(last?.message).toMatch(
      /stopped after 999 findings \(limits\.maxIssues is 1000\): at least 2 more were left out/,
    );
    expect(result.issues.slice(0, 3).map((i) => i.path)).toEqual([
      "/layers/0/mediaType",
      "/layers/0/digest",
      "/layers/0/size",
    ]);
  });

  it("takes the caller's cap, and Infinity for every finding", () => {
    const text = manifest(Array(50).fill("{}"));
    expect(validate(bytes(text), { limits: { maxIssues: 10 } }).issues).toHaveLength(10);
    expect(validate(bytes(text), { limits: { maxIssues: 1 } }).issues.map((i) => i.code)).toEqual([
      "too-many-issues",
    ]);
    expect(validate(bytes(text), { limits: { maxIssues: 150 } }).issues).toHaveLength(150);
    expect(validate(bytes(text), { limits: { maxIssues: 151 } }).issues).toHaveLength(150);
    expect(validate(bytes(text), { limits: { maxIssues: Infinity } }).issues).toHaveLength(150);
    // What is not a number keeps the default; below 1 means 1.
    expect(validate(bytes(text), { limits: { maxIssues: Number.NaN } }).issues).toHaveLength(150);
    expect(validate(bytes(text), { limits: { maxIssues: 0 } }).issues).toHaveLength(1);
  });

  it("is no longer valid once capped, even when every finding was a warning", () => {
    const text = manifest(Array(20).fill("{}"));
    const result = validate(bytes(text), {
      rules: { "schema-required": "warning" },
      limits: { maxIssues: 5 },
    });
    expect(result.valid).toBe(false);
    expect(result.issues.filter((i) => i.severity === "error").map((i) => i.code)).toEqual([
      "too-many-issues",
    ]);
  });

  const floods: Array<[string, string, string]> = [
    ["the reader's scan", manifest(Array(30).fill('{"size":1.0}')), "json-number-not-canonical"],
    [
      "the reader's duplicate walk",
      manifest([], `,"annotations":{${Array(30).fill('"a":""').join(",")}}`),
      "json-duplicate-key",
    ],
    ["the reader's case-fold walk", manifest(Array(30).fill('{"MediaType":""}')), "json-case-fold-key"],
    ["the schema", manifest(Array(30).fill("0")), "schema-type"],
    [
      "the rules",
      manifest(Array(30).fill(`{"mediaType":"${LAYER}","digest":"sha256:${"A".repeat(64)}","size":1}`)),
      "digest-algorithm-encoding",
    ],
  ];
  for (const [stage, text, code] of floods) {
    it(`stops ${stage} at the cap, with every finding it kept located`, () => {
      const result = validate(bytes(text), { mediaType: MANIFEST, limits: { maxIssues: 10 } });
      expect(result.issues).toHaveLength(10);
      expect(codes(result.issues.slice(0, 9))).toEqual([code]);
      expect(result.issues[9]?.code).toBe("too-many-issues");
      for (const issue of result.issues) expect(issue.line).toBeGreaterThanOrEqual(1);
      // The same findings as an uncapped run, in its order: the cap cuts, it does not choose.
      const all = validate(bytes(text), { mediaType: MANIFEST, limits: { maxIssues: Infinity } });
      expect(result.issues.slice(0, 9)).toEqual(all.issues.slice(0, 9));
    });
  }

  it("caps object input's findings alike", () => {
    const document = JSON.parse(manifest(Array(30).fill('{"MediaType":""}')));
    const result = validate(document, { limits: { maxIssues: 10 } });
    expect(result.issues).toHaveLength(10);
    expect(result.issues.at(-1)?.code).toBe("too-many-issues");
  });

  it("stops the compiled schema itself: it makes one error more than allowed, then no more", () => {
    const document = JSON.parse(manifest(Array(100_000).fill("{}")));
    const run = boundedValidate(ociImageManifest, document, 99);
    expect(run).toMatchObject({ valid: false, complete: false });
    expect(run.errors).toHaveLength(100);
    const small = boundedValidate(ociImageManifest, JSON.parse(manifest(["{}"])), 99);
    expect(small).toMatchObject({ valid: false, complete: true });
    expect(small.errors).toHaveLength(3);
    // The journal is per call: an unbounded call afterwards reports every error.
    expect(ociImageManifest(JSON.parse(manifest(Array(200).fill("{}"))))).toBe(false);
    expect(ociImageManifest.errors).toHaveLength(600);
  });

  it("gives the reader a cap of its own: no value past it", () => {
    const read = readJson(manifest(Array(30).fill('{"size":1.0}')), { maxIssues: 5 });
    expect(read.ok).toBe(false);
    expect(read.value).toBeUndefined();
    expect(read.issues).toHaveLength(5);
    expect(read.issues.at(-1)?.code).toBe("too-many-issues");
    expect(readJson(manifest(Array(3).fill('{"size":1.0}')), { maxIssues: 5 }).ok).toBe(true);
  });

  it("answers the same bytes the same way, call after call", () => {
    const text = bytes(manifest(Array(3000).fill("0")));
    const first = validate(text, { limits: { maxIssues: Infinity } });
    const second = validate(text, { limits: { maxIssues: Infinity } });
    expect(second.issues).toEqual(first.issues);
    expect(first.issues).toHaveLength(3000);
  });
});

describe("locatePointers", () => {
  const text = '{\n  "a": [\n    1,\n    {"b~/c": 2}\n  ],\n  "a": 9,\n  "d": {}\n}';
  it("locates many pointers in one walk, first duplicate winning, escapes followed", () => {
    expect(locatePointers(text, ["", "/a", "/a/1", "/a/1/b~0~1c", "/d", "/x"])).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 8 },
      { line: 4, column: 5 },
      { line: 4, column: 14 },
      { line: 7, column: 8 },
      undefined,
    ]);
  });
  it("falls back to the closest ancestor the text has, when asked", () => {
    expect(locatePointers(text, ["/a/1/zz/yy", "/d/e", "/q"], true)).toEqual([
      { line: 4, column: 5 },
      { line: 7, column: 8 },
      { line: 1, column: 1 },
    ]);
  });
});

describe("readObject: object input bounded like bytes", () => {
  it("refuses a sparse array by its length, holes included, before walking it", () => {
    const layers: unknown[] = [];
    layers[1e7] = 1;
    const read = readObject({ layers });
    expect(read.ok).toBe(false);
    expect(read.issues).toEqual([expect.objectContaining({ code: "json-too-large", path: "/layers" })]);
    expect(validate({ schemaVersion: 2, layers }).issues.map((i) => i.code)).toEqual(["json-too-large"]);
  });

  it("refuses a huge typed array by its length", () => {
    expect(readObject({ annotations: new Uint8Array(3e6) }).issues[0]?.code).toBe("json-too-large");
  });

  it("reads every getter once, and later stages see that one value", () => {
    let reads = 0;
    const document = JSON.parse(manifest([]));
    Object.defineProperty(document, "schemaVersion", {
      enumerable: true,
      get() {
        reads++;
        return reads === 1 ? 2 : 3;
      },
    });
    const result = validate(document);
    expect(reads).toBe(1);
    expect(result.issues.map((i) => i.code)).not.toContain("schema-const");
    expect((result.document as { schemaVersion: number }).schemaVersion).toBe(2);
  });

  it("answers getters and Proxy traps that throw, and revoked Proxies, with json-syntax", () => {
    const throwing = Object.defineProperty({}, "layers", {
      enumerable: true,
      get() {
        throw new Error("no layers today");
      },
    });
    expect(readObject(throwing).issues).toEqual([
      expect.objectContaining({ code: "json-syntax", path: "/layers" }),
    ]);
    expect(readObject(throwing).issues[0]?.message).toMatch(/no layers today/);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(readObject({ config: proxy }).issues[0]).toMatchObject({ code: "json-syntax", path: "/config" });
  });

  it("keeps a __proto__ member as a member, as JSON.parse does", () => {
    const read = readObject(JSON.parse('{"__proto__":{"x":1},"a":1}'));
    expect(Object.keys(read.value as object)).toEqual(["__proto__", "a"]);
    expect(Object.getPrototypeOf(read.value)).toBe(Object.prototype);
  });

  it("counts shared parts as JSON writes them, and answers a cycle where it closes", () => {
    const shared = { a: 1 };
    expect(readObject({ x: [shared, shared] }).ok).toBe(true);
    const cycle: Record<string, unknown> = {};
    cycle.self = [cycle];
    expect(readObject(cycle).issues[0]).toMatchObject({ code: "json-syntax", path: "/self/0" });
  });
});

describe("readObject: depth", () => {
  it("refuses an object nested deeper than limits.maxDepth, like bytes, without recursion", () => {
    let deep: unknown = {};
    for (let k = 0; k < 1_000_000; k++) deep = { a: deep };
    const result = validate({ schemaVersion: 2, annotations: deep } as object);
    expect(result.issues.map((i) => i.code)).toEqual(["json-too-deep"]);
    let shallow: unknown = {};
    for (let k = 0; k < 62; k++) shallow = [shallow];
    expect(readObject({ x: shallow }).ok).toBe(true);
    expect(readObject({ x: [shallow] }).issues.map((i) => i.code)).toEqual(["json-too-deep"]);
    expect(readObject({ x: [shallow] }, { maxDepth: 65 }).ok).toBe(true);
  });
});
