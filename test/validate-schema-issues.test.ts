import { describe, expect, it } from "vitest";
import type { CompiledValidatorError } from "../src/validate/compiled-validator.js";
import { schemaCodes, schemaIssues } from "../src/validate/schema-issues.js";

// Today's schemas produce only some keywords (required, type, pattern, const, minimum); the mapping
// covers every keyword so that a schema change cannot produce an uncatalogued code. These tests feed
// it errors shaped exactly as ajv's generated code reports them (with `verbose`: data, parentSchema).

function error(
  keyword: string,
  instancePath: string,
  params: Record<string, unknown>,
  extra: { data?: unknown; title?: string; schemaPath?: string; message?: string } = {},
): CompiledValidatorError {
  return {
    keyword,
    instancePath,
    schemaPath: extra.schemaPath ?? `#/${keyword}`,
    params,
    message: extra.message ?? "is invalid",
    ...({
      data: extra.data,
      parentSchema: extra.title === undefined ? {} : { title: extra.title },
    } as object),
  } as CompiledValidatorError;
}

const REF = "spec";

describe("schemaIssues: every keyword maps to a catalogued code with a message naming field, rule and value", () => {
  const cases: [CompiledValidatorError, { code: string; path: string; message: string }][] = [
    [
      error("required", "/config", { missingProperty: "digest" }),
      { code: "schema-required", path: "/config/digest", message: "config.digest is required" },
    ],
    [
      error("required", "", { missingProperty: "layers" }),
      { code: "schema-required", path: "/layers", message: "layers is required" },
    ],
    [
      error("dependentRequired", "/a", { property: "b", missingProperty: "c" }),
      { code: "schema-required", path: "/a/c", message: "a.c is required when b is present" },
    ],
    [
      error("type", "/layers/0/size", { type: "integer" }, { data: "12" }),
      { code: "schema-type", path: "/layers/0/size", message: 'layers[0].size must be integer, got "12"' },
    ],
    [
      error("type", "/os", { type: "string,null" }, { data: 1 }),
      { code: "schema-type", path: "/os", message: "os must be string or null, got 1" },
    ],
    [
      error("pattern", "/mediaType", { pattern: "^x$" }, { data: "y", title: "a media type" }),
      { code: "schema-pattern", path: "/mediaType", message: 'mediaType must be a media type, got "y"' },
    ],
    [
      error("pattern", "/mediaType", { pattern: "^x$" }, { data: "y" }),
      { code: "schema-pattern", path: "/mediaType", message: 'mediaType must match ^x$, got "y"' },
    ],
    [
      error("format", "/created", { format: "date-time" }, { data: "now" }),
      { code: "schema-format", path: "/created", message: 'created must match date-time, got "now"' },
    ],
    [
      error("enum", "/rootfs/type", { allowedValues: ["layers"] }, { data: "x" }),
      { code: "schema-enum", path: "/rootfs/type", message: 'rootfs.type must be one of "layers", got "x"' },
    ],
    [
      error("const", "/schemaVersion", { allowedValue: 2 }, { data: 3 }),
      { code: "schema-const", path: "/schemaVersion", message: "schemaVersion must be 2, got 3" },
    ],
    [
      error("additionalProperties", "/a", { additionalProperty: "b/c" }),
      { code: "schema-additional", path: "/a/b~1c", message: "a.b/c is not allowed here" },
    ],
    [
      error("unevaluatedProperties", "", { unevaluatedProperty: "x" }),
      { code: "schema-additional", path: "/x", message: "x is not allowed here" },
    ],
    [
      error("minimum", "/size", { comparison: ">=", limit: 0 }, { data: -1 }),
      { code: "schema-range", path: "/size", message: "size must be >= 0, got -1" },
    ],
    [
      error(
        "maxLength",
        "/name",
        { limit: 3 },
        { data: "abcd", message: "must NOT have more than 3 characters" },
      ),
      {
        code: "schema-length",
        path: "/name",
        message: 'name must NOT have more than 3 characters, got "abcd"',
      },
    ],
    [
      error("minItems", "/layers", { limit: 1 }, { data: [], message: "must NOT have fewer than 1 items" }),
      { code: "schema-items", path: "/layers", message: "layers must NOT have fewer than 1 items" },
    ],
    [
      error(
        "minProperties",
        "/a",
        { limit: 1 },
        { data: {}, message: "must NOT have fewer than 1 properties" },
      ),
      { code: "schema-members", path: "/a", message: "a must NOT have fewer than 1 properties, got {}" },
    ],
    [
      error("anyOf", "/x", {}, { data: 1, title: "a string or a list" }),
      { code: "schema-alternatives", path: "/x", message: "x must be a string or a list, got 1" },
    ],
    [
      error("not", "/x", {}, { data: 1, message: "must NOT be valid" }),
      { code: "schema-alternatives", path: "/x", message: "x must NOT be valid, got 1" },
    ],
    [
      error("someFutureKeyword", "/x", {}, { data: 1, message: "is odd" }),
      { code: "schema-invalid", path: "/x", message: "x is odd, got 1" },
    ],
  ];

  it.each(cases)("%# %o", (input, expected) => {
    expect(schemaIssues([input], REF)).toEqual([{ ...expected, severity: "error", ref: REF }]);
  });

  it("covers every schema code", () => {
    const produced = new Set(cases.map(([, e]) => e.code));
    expect(schemaCodes.map((c) => c.code).filter((c) => !produced.has(c))).toEqual([]);
  });
});

describe("schemaIssues: no noise", () => {
  it("drops the branch errors of a failed oneOf/anyOf, the $ref/if wrappers and exact repeats", () => {
    const issues = schemaIssues(
      [
        error("type", "/x", { type: "string" }, { data: 1, schemaPath: "#/properties/x/oneOf/0/type" }),
        error("type", "/x", { type: "array" }, { data: 1, schemaPath: "#/properties/x/oneOf/1/type" }),
        error("oneOf", "/x", { passingSchemas: null }, { data: 1, schemaPath: "#/properties/x/oneOf" }),
        error("if", "/y", { failingKeyword: "then" }),
        error("required", "", { missingProperty: "z" }),
        error("required", "", { missingProperty: "z" }),
      ],
      REF,
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["schema-alternatives", "/x"],
      ["schema-required", "/z"],
    ]);
  });
});
