// One behaviour for bad options (docs/validation.md#options): an `options-invalid` error finding that
// names the option and, for a misspelt name, the nearest known ones; the option is left out, the
// document is still validated, and nothing throws — in validate, the kind-specific validators,
// ocispec/core's validate, validateUpload and createPolicy alike.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validate as coreValidate } from "../src/core.js";
import { createPolicy, validate, validateImageIndex, validateUpload } from "../src/index.js";
import { issueCodeNames, targetNames } from "../src/vocabulary/vocabulary.generated.js";

const index = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}';
const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
const messages = (options: unknown, validator = validate) =>
  validator(index, options as never)
    .issues.filter((issue) => issue.code === "options-invalid")
    .map((issue) => issue.message);

describe("validate's options", () => {
  it("answers mediaType: null (and any non-string) with options-invalid, not internal-error", () => {
    for (const mediaType of [null, 5, {}, ["a"], true]) {
      const result = validate(index, { mediaType } as never);
      expect(result.valid).toBe(false);
      expect(result.issues.map((issue) => issue.code)).toEqual(["options-invalid"]);
      expect(result.issues[0]?.message).toMatch(/^options\.mediaType: must be a string or left out, got /);
      // The document is still validated, as if the option were absent.
      expect(result.kind).toBe("image-index");
    }
  });

  it("names an unknown rule code with the nearest known ones", () => {
    expect(messages({ rules: { "layers-emty": "off" } })).toEqual([
      expect.stringContaining('options.rules: unknown rule code "layers-emty" (did you mean layers-empty?)'),
    ]);
    expect(messages({ rules: { "layers-empty": "warn" } })).toEqual([
      'options.rules.layers-empty: must be "off", "info", "warning" or "error", got "warn"',
    ]);
  });

  it("names an unknown target with the known ones, in ocispec and ocispec/core alike", () => {
    for (const validator of [validate, coreValidate]) {
      expect(messages({ targets: ["gitlba"] }, validator)).toEqual([
        expect.stringMatching(
          /^options\.targets: unknown target "gitlba": known targets are .*; did you mean gitlab\?$/,
        ),
      ]);
    }
  });

  it("refuses malformed limits and misspelt options", () => {
    expect(messages({ limits: { maxBytes: -1, maxDepth: 1.5 } })).toEqual([
      "options.limits.maxBytes: must be a positive whole number, got -1",
      "options.limits.maxDepth: must be a positive whole number, got 1.5",
    ]);
    expect(messages({ limits: { maxByte: 10 } })[0]).toMatch(
      /^options\.limits\.maxByte: unknown option \(did you mean maxBytes/,
    );
    expect(messages({ mediatype: OCI_INDEX })[0]).toMatch(
      /^options\.mediatype: unknown option \(did you mean mediaType/,
    );
    expect(messages(null)).toEqual(["options: must be an object, got null"]);
    expect(messages({ preset: "loose" })).toEqual([
      'options.preset: must be "default" or "strict", got "loose"',
    ]);
  });

  it("applies to the kind-specific validators", () => {
    expect(messages({ mediaType: null }, validateImageIndex as typeof validate)).toHaveLength(1);
  });

  it("lets a caller accept codes only a newer ocispec knows, as warnings", () => {
    const result = validate(index, {
      rules: { "from-the-future": "off", "options-invalid": "warning" },
    } as never);
    expect(result.valid).toBe(true);
    expect(result.issues).toEqual([
      expect.objectContaining({ code: "options-invalid", severity: "warning" }),
    ]);
  });

  it("reads options that throw without throwing", () => {
    const getter = Object.defineProperty({}, "rules", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    expect(messages(getter)).toEqual(["options.rules: cannot be read (boom)"]);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(() => validate(index, proxy as never)).not.toThrow();
    expect(validate(index, proxy as never).valid).toBe(false);
  });

  it("never throws, whatever the options (property)", () => {
    fc.assert(
      fc.property(fc.anything(), (options) => {
        const result = validate(index, options as never);
        return Array.isArray(result.issues) && typeof result.valid === "boolean";
      }),
      { numRuns: 300 },
    );
  });

  it("checks against the generated vocabulary", () => {
    expect(issueCodeNames).toContain("options-invalid");
    expect(targetNames).toContain("gitlab");
  });
});

describe("validateUpload's options", () => {
  it("answers a bad contentType, reference or policy with options-invalid, refused", () => {
    for (const options of [
      { contentType: 5, reference: "v1" },
      { contentType: OCI_INDEX, reference: null },
      { contentType: OCI_INDEX, reference: "v1", policy: { maxBytes: 1 } },
      { contentType: OCI_INDEX, reference: "v1", contentLength: -1 },
      null,
    ]) {
      const answer = validateUpload(index, options as never);
      expect(answer.valid).toBe(false);
      expect(answer.status).not.toBe(201);
      expect(answer.issues.map((issue) => issue.code)).toContain("options-invalid");
    }
  });

  it("accepts the same upload with good options", () => {
    const answer = validateUpload(index, { contentType: OCI_INDEX, reference: "v1", policy: createPolicy() });
    expect(answer.status).toBe(201);
  });
});
