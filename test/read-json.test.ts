import { describe, expect, it } from "vitest";
import { locatePointer, readJson, readParsedJson } from "../src/json/index.js";

const bytes = (s: string) => new TextEncoder().encode(s);
const codes = (input: Uint8Array | string, options = {}) =>
  readJson(input, options).issues.map((i) => i.code);

describe("readJson: clean input", () => {
  it("reads bytes and strings to the same value, with no findings", () => {
    const text =
      '{"schemaVersion": 2, "layers": [{"size": 0}, {"size": 9007199254740991}], "annotations": {"A": "b"}}';
    const fromBytes = readJson(bytes(text));
    const fromString = readJson(text);
    expect(fromBytes.issues).toEqual([]);
    expect(fromBytes.ok).toBe(true);
    expect(fromString.value).toEqual(fromBytes.value);
    expect(fromString.bytes).toEqual(bytes(text));
  });

  it("accepts escaped surrogate pairs and other escapes", () => {
    const r = readJson('{"a": "\\ud83d\\ude00 \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9"}');
    expect(r.issues).toEqual([]);
    expect((r.value as { a: string }).a.startsWith("😀")).toBe(true);
  });
});

describe("readJson: encoding", () => {
  it("refuses invalid UTF-8 and says which byte", () => {
    const r = readJson(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]));
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: "json-encoding", line: 1, column: 7 });
    expect(r.issues[0]?.message).toContain("0xc3 at offset 6");
  });

  it("refuses overlong encodings and encoded surrogates", () => {
    expect(codes(new Uint8Array([0x22, 0xc0, 0xaf, 0x22]))).toEqual(["json-encoding"]);
    expect(codes(new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22]))).toEqual(["json-encoding"]);
  });

  it("reports a byte-order mark, in bytes and in strings", () => {
    expect(codes(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toEqual(["json-bom"]);
    expect(codes("\ufeff{}")).toEqual(["json-bom"]);
  });

  it("reports lone surrogates, escaped in values and names, and raw in strings", () => {
    const r = readJson('{"a": "x\\ud800y", "\\udc00": 1}');
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ["json-lone-surrogate", "/a"],
      ["json-lone-surrogate", "/\udc00"],
    ]);
    expect(codes('{"a": "\ud800"}')).toEqual(["json-lone-surrogate"]);
    expect(codes('["\\ud800\\u0041"]')).toEqual(["json-lone-surrogate"]);
  });
});

describe("readJson: structure", () => {
  it.each([
    ["", "json-syntax"],
    ["{", "json-syntax"],
    ['{"a" 1}', "json-syntax"],
    ["[1,]", "json-syntax"],
    ['{"a":1,}', "json-syntax"],
    ["[01]", "json-syntax"],
    ["[1.]", "json-syntax"],
    ["[-]", "json-syntax"],
    ["[1e]", "json-syntax"],
    ["[tru]", "json-syntax"],
    ['["a\\x"]', "json-syntax"],
    ['["\\u12"]', "json-syntax"],
    ['["a\u0001"]', "json-syntax"],
    ["{}]", "json-trailing-data"],
    ["{} {}", "json-trailing-data"],
    ["[1] x", "json-trailing-data"],
  ])("%j → %s", (text, code) => {
    const r = readJson(text);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual([code]);
  });

  it("gives the position of a syntax error", () => {
    const r = readJson('{\n  "a": 1,\n  "b": ]\n}');
    expect(r.issues[0]).toMatchObject({ code: "json-syntax", line: 3, column: 8 });
  });

  it("stops at maxDepth without recursion, even a million levels deep", () => {
    const deep = `${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}`;
    const r = readJson(deep);
    expect(r.ok).toBe(false);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: "json-too-deep", line: 1, column: 65 });
    expect(r.issues[0]?.message).toContain("64");
    expect(codes("[[[]]]", { maxDepth: 2 })).toEqual(["json-too-deep"]);
    expect(codes("[[[]]]", { maxDepth: 3 })).toEqual([]);
  });

  it("refuses input beyond maxBytes before decoding it", () => {
    const big = new Uint8Array(4 * 1024 * 1024 + 1).fill(0x20);
    const r = readJson(big);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.code).toBe("json-too-large");
    expect(r.issues[0]?.message).toContain("4194305 bytes, more than the limit of 4194304");
    expect(codes("[1]", { maxBytes: 2 })).toEqual(["json-too-large"]);
  });
});

describe("readJson: duplicates and case folding", () => {
  it("finds duplicate member names after unescaping, at any depth", () => {
    const r = readJson('{"mediaType": "a", "config": {"size": 1, "si\\u007ae": 2}, "\\u006dediaType": "b"}');
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ["json-duplicate-key", "/config/size"],
      ["json-duplicate-key", "/mediaType"],
    ]);
    expect(r.issues[0]?.line).toBe(1);
  });

  it("finds __proto__ duplicates too", () => {
    expect(codes('{"__proto__": 1, "__proto__": 2}')).toEqual(["json-duplicate-key"]);
  });

  it.each(["Manifests", "MEDIATYPE", "manifeſts", "\u212Aey"])(
    "flags member names Go folds onto a spec field: %s",
    (name) => {
      const r = readJson(`{"schemaVersion": 2, ${JSON.stringify(name)}: []}`, {
        knownMembers: new Set(["schemaVersion", "manifests", "mediaType", "key"]),
      });
      expect(r.issues.map((i) => i.code)).toEqual(["json-case-fold-key"]);
      expect(r.issues[0]?.message).toContain("Go's case-insensitive decoding");
    },
  );

  it("uses the spec's field names by default, and leaves map keys alone", () => {
    expect(
      codes('{"Layers": [], "annotations": {"MEDIATYPE": "x"}, "config": {"Labels": {"SIZE": "1"}}}'),
    ).toEqual(["json-case-fold-key"]);
    expect(codes('{"layers": [{"Digest": "x", "ſize": 1}]}')).toEqual([
      "json-case-fold-key",
      "json-case-fold-key",
    ]);
  });
});

describe("readJson: integer members", () => {
  it.each([
    ["1e3", "exponent"],
    ["1.0", "fraction"],
    ["-0", "-0"],
    ["-1", "negative"],
    ["9007199254740992", "2^53"],
    ["123456789012345678901", "2^53"],
  ])("size %s is not canonical (%s)", (lexeme, word) => {
    const r = readJson(`{"config": {"size": ${lexeme}}}`);
    expect(r.ok).toBe(true);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({
      code: "json-number-not-canonical",
      path: "/config/size",
      column: 21,
    });
    expect(r.issues[0]?.message).toContain(word);
  });

  it("checks schemaVersion and escaped member names, and nothing else", () => {
    expect(codes('{"schemaVersion": 2.0}')).toEqual(["json-number-not-canonical"]);
    expect(codes('{"si\\u007ae": 1e2}')).toEqual(["json-number-not-canonical"]);
    expect(codes('{"other": 1e2, "size": 0}')).toEqual([]);
  });
});

describe("locatePointer", () => {
  const text = '{\n  "layers": [\n    {"size": 1},\n    {"a/b": {"~x": true}}\n  ]\n}';
  it("finds values by JSON Pointer, escapes included", () => {
    expect(locatePointer(text, "")).toEqual({ line: 1, column: 1 });
    expect(locatePointer(text, "/layers")).toEqual({ line: 2, column: 13 });
    expect(locatePointer(text, "/layers/0/size")).toEqual({ line: 3, column: 14 });
    expect(locatePointer(text, "/layers/1/a~1b/~0x")).toEqual({ line: 4, column: 20 });
  });
  it("answers undefined for a pointer the text does not have", () => {
    expect(locatePointer(text, "/layers/2")).toBeUndefined();
    expect(locatePointer(text, "/nope")).toBeUndefined();
  });
});

describe("readParsedJson: the reader from a text already decoded and parsed", () => {
  const texts = [
    '{"schemaVersion": 2, "layers": []}',
    '{"size": 1, "size": 2}',
    '{"size": 1e3}',
    '{"MediaType": "x"}',
    '{"a": "\\ud800"}',
    `${"[".repeat(70)}${"]".repeat(70)}`,
    '{"a": {"b": [1, 2, {"c": null}]}}',
  ];
  it("answers what readJson answers on the same bytes, limits included", () => {
    for (const text of texts) {
      const bytes = new TextEncoder().encode(text);
      for (const options of [{}, { maxDepth: 3 }, { maxBytes: 8 }]) {
        expect(readParsedJson(bytes, text, JSON.parse(text), options), text).toEqual(
          readJson(bytes, options),
        );
      }
    }
  });
});
