import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkMediaType,
  MediaTypeError,
  OCI_MEDIA_TYPE_PATTERN,
  parseMediaType,
} from "../src/media-types/index.js";

function errorOf(input: string): MediaTypeError {
  try {
    parseMediaType(input);
  } catch (error) {
    if (error instanceof MediaTypeError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe("parseMediaType", () => {
  it("splits type, subtype, suffix and essence", () => {
    const parsed = parseMediaType("application/vnd.oci.image.manifest.v1+json");
    expect(parsed.type).toBe("application");
    expect(parsed.subtype).toBe("vnd.oci.image.manifest.v1+json");
    expect(parsed.suffix).toBe("json");
    expect(parsed.essence).toBe("application/vnd.oci.image.manifest.v1+json");
    expect({ ...parsed.parameters }).toEqual({});
  });

  it("takes the suffix after the last +", () => {
    expect(parseMediaType("application/vnd.oci.image.layer.v1.tar+gzip+encrypted").suffix).toBe("encrypted");
    expect(parseMediaType("application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz").suffix).toBe("tar.gz");
    expect(parseMediaType("application/vnd.buildkit.cacheconfig.v0").suffix).toBeUndefined();
    expect(parseMediaType("application/a+").suffix).toBeUndefined();
  });

  it("lower-cases type and subtype (RFC 6838 §4.2: case-insensitive)", () => {
    const parsed = parseMediaType("Application/VND.OCI.Image.Manifest.v1+JSON");
    expect(parsed.essence).toBe("application/vnd.oci.image.manifest.v1+json");
    expect(parsed.suffix).toBe("json");
  });

  it("reads token and quoted-string parameters with optional whitespace", () => {
    const parsed = parseMediaType('text/plain ; Charset=UTF-8;\tformat="flowed \\"x\\""');
    expect({ ...parsed.parameters }).toEqual({ charset: "UTF-8", format: 'flowed "x"' });
    expect(parseMediaType("application/vnd.dev.sigstore.bundle+json;version=0.3").parameters.version).toBe(
      "0.3",
    );
  });

  it("accepts empty parameters, as RFC 9110 does", () => {
    expect({ ...parseMediaType("text/plain;;charset=utf-8;").parameters }).toEqual({ charset: "utf-8" });
  });

  it("treats __proto__ as an ordinary parameter name", () => {
    const parsed = parseMediaType("text/plain;__proto__=x");
    expect(Object.hasOwn(parsed.parameters, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(parsed.parameters, "__proto__")?.value).toBe("x");
  });

  it.each([
    ["", 0, undefined, /expected a type/],
    ["application", 11, undefined, /expected "\/" and a subtype/],
    ["application/", 12, undefined, /expected a subtype/],
    ["/application/vnd.acme.rocket.config", 0, "/", /type must start with a letter or digit/],
    ["appli cation/json", 5, " ", /type may contain only/],
    ["application/vnd oci", 15, " ", /subtype may not contain whitespace/],
    ["application/vnd@oci", 15, "@", /subtype may contain only/],
    ["application/.json", 12, ".", /subtype must start with a letter or digit/],
    ["application/json ", 16, " ", /whitespace may only come before/],
    ["application/json;", -1, undefined, null],
    ["application/json; =x", 18, "=", /expected a parameter name/],
    ["application/json;charset", 24, undefined, /expected "=" after parameter name "charset"/],
    ["application/json;charset =x", 24, " ", /expected "="/],
    ["application/json;charset=", 25, undefined, /expected a value for parameter "charset"/],
    ["application/json;charset=a b", 26, " ", /expected ";" between parameters/],
    ["application/json;charset=a@", 26, "@", /token or a quoted-string/],
    ['application/json;a="x', 21, undefined, /unterminated quoted-string/],
    ['application/json;a="x\u0001"', 21, "\u0001", /quoted-string may contain only/],
    ["application/json;a=1;A=2", 21, "A", /parameter "a" appears more than once/],
    ["application/é", 12, "é", /subtype must start with a letter or digit/],
  ])("rejects %j at index %i", (input, index, character, pattern) => {
    if (pattern === null) {
      expect(() => parseMediaType(input)).not.toThrow();
      return;
    }
    const error = errorOf(input);
    expect(error.index).toBe(index);
    expect(error.character).toBe(character);
    expect(error.message).toMatch(pattern);
    expect(error.message).toContain(JSON.stringify(input));
    expect(error.message).toContain(character === undefined ? "end of input" : `at index ${index}`);
  });

  it("names an invisible character by its code point", () => {
    expect(errorOf("application/json\u0000").message).toContain("U+0000");
  });

  it("limits type and subtype to 127 characters (RFC 6838 §4.2)", () => {
    expect(parseMediaType(`${"a".repeat(127)}/${"b".repeat(127)}`).type).toHaveLength(127);
    const error = errorOf(`application/${"b".repeat(128)}`);
    expect(error.index).toBe(12 + 127);
    expect(error.message).toMatch(/at most 127 characters/);
  });

  it("rejects what is not a string", () => {
    expect(() => parseMediaType(42 as unknown as string)).toThrow(/must be a string, got number/);
  });

  it("agrees with image-spec's descriptor pattern on parameter-free strings", () => {
    const chars = "abcAZ09!#$&^_.+-/;= \t@é";
    const arbitrary = fc.string({ unit: fc.constantFrom(...chars.split("")), maxLength: 12 });
    fc.assert(
      fc.property(arbitrary, (s) => {
        if (s.includes(";") || s.includes(" ") || s.includes("\t")) return;
        expect(checkMediaType(s).ok).toBe(OCI_MEDIA_TYPE_PATTERN.test(s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("checkMediaType", () => {
  it("returns the parsed value", () => {
    const result = checkMediaType("application/json");
    expect(result.ok && result.value.essence).toBe("application/json");
  });

  it("returns the error as data", () => {
    expect(checkMediaType("application/")).toEqual({
      ok: false,
      message: expect.stringContaining("expected a subtype"),
      index: 12,
    });
    expect(checkMediaType("application/a b")).toMatchObject({ ok: false, index: 13, character: " " });
  });
});
