import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BuildError, canonicalJson } from "../src/builders/index.js";

const text = (value: unknown, maps?: readonly string[]) =>
  new TextDecoder().decode(canonicalJson(value, maps === undefined ? undefined : { maps }));

describe("canonicalJson", () => {
  it("writes members in insertion order without whitespace, like a Go struct", () => {
    expect(text({ schemaVersion: 2, mediaType: "m", config: { mediaType: "c", digest: "d", size: 0 } })).toBe(
      '{"schemaVersion":2,"mediaType":"m","config":{"mediaType":"c","digest":"d","size":0}}',
    );
  });

  it("sorts the keys of annotations like a Go map, by UTF-8 bytes", () => {
    // U+FF21 (3 UTF-8 bytes, EF BC A1) sorts before U+1F600 (4 bytes, F0 …) in UTF-8 order, although
    // the emoji's UTF-16 high surrogate (D83D) is smaller than FF21.
    const annotations = { b: "1", a: "2", "\u{1F600}": "3", "\uFF21": "4", A: "5" };
    expect(text({ annotations })).toBe(
      '{"annotations":{"A":"5","a":"2","b":"1","\uFF21":"4","\u{1F600}":"3"}}',
    );
    // Not sorted outside the named map members.
    expect(text({ labels: { b: 1, a: 2 } })).toBe('{"labels":{"b":1,"a":2}}');
    expect(text({ labels: { b: 1, a: 2 } }, ["labels"])).toBe('{"labels":{"a":2,"b":1}}');
  });

  it("escapes strings exactly as Go's encoding/json does", () => {
    expect(text("<a href='x'>&amp;</a>")).toBe("\"\\u003ca href='x'\\u003e\\u0026amp;\\u003c/a\\u003e\"");
    expect(text("\u2028\u2029")).toBe('"\\u2028\\u2029"');
    expect(text('"\\/')).toBe('"\\"\\\\/"');
    expect(text("\b\f\n\r\t")).toBe('"\\b\\f\\n\\r\\t"');
    expect(text("\u0000\u0001\u001f\u007f")).toBe('"\\u0000\\u0001\\u001f\u007f"');
    expect(text("é😀")).toBe('"é😀"');
    expect([...canonicalJson("é")]).toEqual([0x22, 0xc3, 0xa9, 0x22]);
  });

  it("refuses lone surrogates instead of replacing them", () => {
    expect(() => canonicalJson({ annotations: { k: "a\ud800b" } })).toThrow(BuildError);
    expect(() => canonicalJson("\udc00")).toThrow(/lone UTF-16 surrogate/);
    expect(() => canonicalJson("\ud83d")).toThrow(/lone UTF-16 surrogate/);
  });

  it("writes only safe integers", () => {
    expect(text([0, -1, 9007199254740991, -0])).toBe("[0,-1,9007199254740991,0]");
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => canonicalJson({ size: bad })).toThrow(/size: .* is not a safe integer/);
    }
  });

  it("leaves out undefined members and refuses values that are not JSON", () => {
    expect(text({ a: undefined, b: null, c: true, d: false })).toBe('{"b":null,"c":true,"d":false}');
    expect(() => canonicalJson([undefined])).toThrow(/\[0\]: is undefined/);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(/when: is not plain JSON data/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
    try {
      canonicalJson({ layers: [{ size: 0.5 }] });
      expect.unreachable();
    } catch (error) {
      expect((error as BuildError).field).toBe("layers[0].size");
    }
  });

  it("agrees with JSON.parse on every well-formed value (property)", () => {
    const json = fc.jsonValue().filter((v) => !containsNonInteger(v));
    fc.assert(
      fc.property(json, (value) => {
        const bytes = canonicalJson(value, { maps: [] });
        const decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        expect(JSON.parse(decoded)).toEqual(normalizeNegativeZero(value));
        expect(decoded).not.toMatch(/[<>&\u2028\u2029]/);
      }),
    );
  });
});

function containsNonInteger(value: unknown): boolean {
  if (typeof value === "number") return !Number.isSafeInteger(value);
  if (typeof value === "string")
    return /[\ud800-\udfff]/.test(value.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ""));
  if (Array.isArray(value)) return value.some(containsNonInteger);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).some(([k, v]) => containsNonInteger(k) || containsNonInteger(v));
  }
  return false;
}

function normalizeNegativeZero(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
