import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type JsonIssueCode, readJson } from "../src/json/index.js";
import { validate } from "../src/validate/index.js";

/**
 * JSONTestSuite (nst/JSONTestSuite, test_parsing/): `n_` files must be rejected, `y_` files accepted,
 * `i_` files are the implementation's choice. The strict reader is stricter than RFC 8259 where
 * RFC 7493 (I-JSON) or Go's decoder make a document ambiguous, so a few `y_` files are refused on
 * purpose, and every `i_` file has a documented outcome. docs/security.md reproduces both tables.
 */
const dir = fileURLToPath(new URL("../../shared/reference/json-test-suite/test_parsing/", import.meta.url));
const present = existsSync(dir);
if (!present) {
  console.warn(
    `json-test-suite: skipped, ${dir} is absent (../shared/reference/json-test-suite is not checked out)`,
  );
}

/**
 * `y_` files the reader refuses on purpose: RFC 7493 (I-JSON) forbids what RFC 8259 allows. The
 * other I-JSON prohibition, noncharacters (RFC 7493 §2.1: y_string_nonCharacterInUTF-8_U+FFFF,
 * y_string_unicode_U+FDD0_nonchar, y_string_last_surrogates_1_and_2 = U+10FFFF, …), is not
 * enforced: every decoder keeps a noncharacter as it is, so it is no parser differential.
 */
const Y_EXCLUSIONS: Readonly<Record<string, { code: JsonIssueCode; reason: string }>> = {
  "y_object_duplicated_key.json": {
    code: "json-duplicate-key",
    reason:
      'RFC 7493 §2.3 MUST NOT; {"a":"b","a":"c"}: JSON.parse keeps the last value, other parsers the first or refuse',
  },
  "y_object_duplicated_key_and_value.json": {
    code: "json-duplicate-key",
    reason:
      "RFC 7493 §2.3 MUST NOT; refused even with equal values: the reader does not compare values, and the name still repeats",
  },
};

/** The outcome of every `i_` file: accepted, or refused with this code. */
const I_OUTCOMES: Readonly<Record<string, { outcome: "accept" | JsonIssueCode; reason: string }>> = {
  // Numbers outside integer members: kept as JSON.parse's double (Go skips unknown members
  // without converting them). Integer members (size, schemaVersion) get json-number-not-canonical.
  "i_number_double_huge_neg_exp.json": { outcome: "accept", reason: "not an integer member; reads as 0" },
  "i_number_huge_exp.json": { outcome: "accept", reason: "not an integer member; reads as Infinity" },
  "i_number_neg_int_huge_exp.json": {
    outcome: "accept",
    reason: "not an integer member; reads as -Infinity",
  },
  "i_number_pos_double_huge_exp.json": {
    outcome: "accept",
    reason: "not an integer member; reads as Infinity",
  },
  "i_number_real_neg_overflow.json": {
    outcome: "accept",
    reason: "not an integer member; reads as -Infinity",
  },
  "i_number_real_pos_overflow.json": {
    outcome: "accept",
    reason: "not an integer member; reads as Infinity",
  },
  "i_number_real_underflow.json": { outcome: "accept", reason: "not an integer member; reads as 0" },
  "i_number_too_big_neg_int.json": {
    outcome: "accept",
    reason: "not an integer member; rounded to a double",
  },
  "i_number_too_big_pos_int.json": {
    outcome: "accept",
    reason: "not an integer member; rounded to a double",
  },
  "i_number_very_big_negative_int.json": {
    outcome: "accept",
    reason: "not an integer member; rounded to a double",
  },
  // Escaped surrogates that do not pair: RFC 7493 §2.1 forbids them; decoders replace them with
  // U+FFFD, keep them, or refuse — three different documents.
  "i_object_key_lone_2nd_surrogate.json": {
    outcome: "json-lone-surrogate",
    reason: "RFC 7493 §2.1, in a name",
  },
  "i_string_1st_surrogate_but_2nd_missing.json": { outcome: "json-lone-surrogate", reason: "RFC 7493 §2.1" },
  "i_string_1st_valid_surrogate_2nd_invalid.json": {
    outcome: "json-lone-surrogate",
    reason: "RFC 7493 §2.1",
  },
  "i_string_incomplete_surrogate_and_escape_valid.json": {
    outcome: "json-lone-surrogate",
    reason: "RFC 7493 §2.1",
  },
  "i_string_incomplete_surrogate_pair.json": { outcome: "json-lone-surrogate", reason: "RFC 7493 §2.1" },
  "i_string_incomplete_surrogates_escape_valid.json": {
    outcome: "json-lone-surrogate",
    reason: "RFC 7493 §2.1",
  },
  "i_string_invalid_lonely_surrogate.json": { outcome: "json-lone-surrogate", reason: "RFC 7493 §2.1" },
  "i_string_invalid_surrogate.json": { outcome: "json-lone-surrogate", reason: "RFC 7493 §2.1" },
  "i_string_inverted_surrogates_U+1D11E.json": {
    outcome: "json-lone-surrogate",
    reason: "RFC 7493 §2.1: low before high is two lone surrogates",
  },
  "i_string_lone_second_surrogate.json": { outcome: "json-lone-surrogate", reason: "RFC 7493 §2.1" },
  // Bytes that are not UTF-8: RFC 8259 §8.1 MUST; decoders replace, guess the encoding, or refuse.
  "i_string_UTF-16LE_with_BOM.json": {
    outcome: "json-encoding",
    reason: "UTF-16 is not UTF-8 (RFC 8259 §8.1)",
  },
  "i_string_UTF-8_invalid_sequence.json": { outcome: "json-encoding", reason: "invalid UTF-8" },
  "i_string_UTF8_surrogate_U+D800.json": { outcome: "json-encoding", reason: "encoded surrogate (RFC 3629)" },
  "i_string_invalid_utf-8.json": { outcome: "json-encoding", reason: "0xFF never occurs in UTF-8" },
  "i_string_iso_latin_1.json": { outcome: "json-encoding", reason: "Latin-1 is not UTF-8" },
  "i_string_lone_utf8_continuation_byte.json": {
    outcome: "json-encoding",
    reason: "continuation byte alone",
  },
  "i_string_not_in_unicode_range.json": { outcome: "json-encoding", reason: "above U+10FFFF" },
  "i_string_overlong_sequence_2_bytes.json": { outcome: "json-encoding", reason: "overlong form (RFC 3629)" },
  "i_string_overlong_sequence_6_bytes.json": {
    outcome: "json-encoding",
    reason: "6-byte forms are not UTF-8",
  },
  "i_string_overlong_sequence_6_bytes_null.json": {
    outcome: "json-encoding",
    reason: "6-byte overlong NUL: the classic filter bypass",
  },
  "i_string_truncated-utf-8.json": { outcome: "json-encoding", reason: "truncated sequence" },
  "i_string_utf16BE_no_BOM.json": { outcome: "json-encoding", reason: "UTF-16 is not UTF-8 (RFC 8259 §8.1)" },
  "i_string_utf16LE_no_BOM.json": { outcome: "json-encoding", reason: "UTF-16 is not UTF-8 (RFC 8259 §8.1)" },
  // Structure.
  "i_structure_500_nested_arrays.json": {
    outcome: "json-too-deep",
    reason: "limits.maxDepth, default 64 (RFC 8259 §9 allows a limit); OCI documents nest 6 deep",
  },
  "i_structure_UTF-8_BOM_empty_object.json": {
    outcome: "json-bom",
    reason: "RFC 8259 §8.1 MUST NOT add a BOM; JSON.parse and Go both refuse it, some decoders skip it",
  },
};

interface Case {
  name: string;
  bytes: Uint8Array;
}

function cases(prefix: string): Case[] {
  if (!present) return [];
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith(".json"))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
}

function errorCodes(input: Uint8Array | string): { ok: boolean; codes: string[] } {
  const result = readJson(input);
  return { ok: result.ok, codes: result.issues.filter((i) => i.severity === "error").map((i) => i.code) };
}

const rejected = (r: { ok: boolean; codes: string[] }) => !r.ok || r.codes.length > 0;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function asString(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

describe.skipIf(!present)("JSONTestSuite test_parsing", () => {
  const n = cases("n_");
  const y = cases("y_");
  const i = cases("i_");
  const tally = { nRejected: 0, yAccepted: 0, yExcluded: 0, iDocumented: 0 };

  afterAll(() => {
    console.log(
      `JSONTestSuite: n_ ${tally.nRejected}/${n.length} rejected; y_ ${tally.yAccepted}/${y.length} accepted except ${tally.yExcluded} I-JSON exclusions; i_ ${tally.iDocumented} documented`,
    );
  });

  it("has the files this test was written against", () => {
    expect(n.length).toBe(188);
    expect(y.length).toBe(95);
    expect(i.length).toBe(35);
    for (const name of Object.keys(Y_EXCLUSIONS)) expect(y.map((c) => c.name)).toContain(name);
    expect(i.map((c) => c.name).sort()).toEqual(Object.keys(I_OUTCOMES).sort());
  });

  it("rejects every n_ file, as bytes and (when it is UTF-8) as a string", () => {
    const accepted: string[] = [];
    for (const c of n) {
      const fromBytes = errorCodes(c.bytes);
      const text = asString(c.bytes);
      const fromString = text === undefined ? fromBytes : errorCodes(text);
      if (rejected(fromBytes) && rejected(fromString)) tally.nRejected++;
      else accepted.push(c.name);
    }
    expect(accepted).toEqual([]);
  });

  it("accepts every y_ file except the I-JSON exclusions, and reads the value JSON.parse reads", () => {
    const wrong: string[] = [];
    for (const c of y) {
      const result = readJson(c.bytes);
      const codes = result.issues.map((issue) => issue.code);
      const excluded = Y_EXCLUSIONS[c.name];
      if (excluded !== undefined) {
        if (result.ok && codes.length > 0 && codes.every((code) => code === excluded.code)) tally.yExcluded++;
        else wrong.push(`${c.name}: expected only ${excluded.code}, got ok=${result.ok} ${codes.join(",")}`);
        continue;
      }
      const text = asString(c.bytes) as string;
      const fromString = readJson(text);
      if (result.ok && codes.length === 0 && fromString.ok && fromString.issues.length === 0) {
        expect(result.value, c.name).toEqual(JSON.parse(text));
        tally.yAccepted++;
      } else {
        wrong.push(`${c.name}: ${codes.join(",")} / ${fromString.issues.map((x) => x.code).join(",")}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("gives every i_ file its documented outcome", () => {
    const wrong: string[] = [];
    for (const c of i) {
      const expected = I_OUTCOMES[c.name];
      if (expected === undefined) {
        wrong.push(`${c.name}: no documented outcome`);
        continue;
      }
      const result = errorCodes(c.bytes);
      const ok =
        expected.outcome === "accept"
          ? !rejected(result)
          : result.codes.length > 0 && result.codes.every((code) => code === expected.outcome);
      if (ok) tally.iDocumented++;
      else
        wrong.push(`${c.name}: expected ${expected.outcome}, got ok=${result.ok} ${result.codes.join(",")}`);
    }
    expect(wrong).toEqual([]);
  });

  it("refuses every n_ file through validate(), as a manifest or with no Content-Type", () => {
    for (const c of n) {
      for (const options of [{}, { mediaType: "application/vnd.oci.image.manifest.v1+json" }]) {
        expect(validate(c.bytes, options).valid, c.name).toBe(false);
      }
    }
  });

  it("refuses the accepted i_number lexemes in an integer member (json-number-not-canonical)", () => {
    const numbers = i.filter((c) => c.name.startsWith("i_number_"));
    expect(numbers).toHaveLength(10);
    for (const c of numbers) {
      const lexeme = new TextDecoder().decode(c.bytes).trim().slice(1, -1).trim();
      const codes = readJson(`{"size": ${lexeme}}`).issues.map((x) => x.code);
      expect(codes, c.name).toEqual(["json-number-not-canonical"]);
    }
  });

  it("refuses the i_ files with escaped lone surrogates as strings too, and still reads them", () => {
    for (const c of i.filter((x) => I_OUTCOMES[x.name]?.outcome === "json-lone-surrogate")) {
      const result = readJson(asString(c.bytes) as string);
      expect(result.ok, c.name).toBe(true);
      expect(
        result.issues.map((x) => x.code),
        c.name,
      ).toContain("json-lone-surrogate");
    }
  });
});
