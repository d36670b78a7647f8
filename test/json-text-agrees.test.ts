import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldIndex } from "../src/json/equal-fold-key.js";
import { readJson } from "../src/json/index.js";
import { censusMembers } from "../src/json/parsed-members.js";
import { integerMemberNames, specMemberNames } from "../src/json/spec-member-names.js";
import { scanStructure } from "../src/json/structure-scan.js";
import { integerNeedles, proveTextClean, safeToParseFirst, textAgrees } from "../src/json/text-agrees.js";

const integers = [...integerMemberNames];
const needles = integerNeedles(integers);
const census = (text: string) =>
  censusMembers(JSON.parse(text), specMemberNames, foldIndex(specMemberNames), new Set(), true);
const members = (text: string) => census(text).members;
const agrees = (text: string) => textAgrees(text, members(text), census(text).colons, needles);
const separators = (text: string) => proveTextClean(text, members(text));

describe("textAgrees: the clean-path stand-in for the structure scan", () => {
  it("proves a clean document, compact or indented", () => {
    const doc = { schemaVersion: 2, layers: [{ size: 12, digest: "sha256:ab" }], annotations: { a: "x:y" } };
    expect(agrees(JSON.stringify(doc))).toBe(true);
    expect(agrees(JSON.stringify(doc, null, 3))).toBe(true);
    expect(agrees('{"a" : ":b", "c\\"": "\\"size\\": 1e3", "size": "1e3"}')).toBe(true);
  });

  it("does not prove what the scan must look at", () => {
    expect(agrees('{"a": 1, "a": 2}')).toBe(false); // duplicate
    expect(agrees('{"size": 1e3}')).toBe(false); // exponent
    expect(agrees('{"x": {"schemaVersion": 2.0}}')).toBe(false); // fraction
    expect(agrees('{"size": -0}')).toBe(false);
    expect(agrees('{"size": 9007199254740993}')).toBe(false);
    expect(agrees('{"a": "\\ud800"}')).toBe(false); // an escape that may be a lone surrogate
    expect(agrees('{"\\u0073ize": 1e3}')).toBe(false); // an escaped member name
    expect(agrees('{"a" : 1, "a": 2}')).toBe(false); // a duplicate, spaced
    expect(agrees('{"a": ":b", "c": {"a:": 1, "a:": "x:y"}}')).toBe(false); // colons in the dropped member
    expect(agrees('{"size" :\n 1.0}')).toBe(false); // a spaced integer member
  });

  it("counts brackets up to a limit", () => {
    expect(safeToParseFirst('[{"a": [1]}]', 3)).toBe(true);
    expect(safeToParseFirst('[{"a": [1]}]', 2)).toBe(false);
  });

  it("never proves a text the scan would flag or count differently", () => {
    const key = fc.constantFrom("a", "size", "schemaVersion", "Size", "b:c", ":", " ", "\\");
    const leaf = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(":", 'x\\"y', "\ud800"), fc.string());
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        leaf,
        fc.array(tie("node"), { maxLength: 3 }),
        fc.array(fc.tuple(key, tie("node")), { maxLength: 4 }).map((pairs) => ({ pairs })),
      ),
    })).node;
    // Objects are rendered by hand so that duplicate names and odd spacing can occur.
    const render = (v: unknown, space: string): string => {
      if (Array.isArray(v)) return `[${v.map((x) => render(x, space)).join(",")}]`;
      if (v !== null && typeof v === "object" && "pairs" in v) {
        const pairs = (v as { pairs: [string, unknown][] }).pairs;
        return `{${pairs.map(([k, x]) => `${JSON.stringify(k)}${space}:${render(x, space)}`).join(",")}}`;
      }
      return JSON.stringify(v) ?? "null";
    };
    fc.assert(
      fc.property(value, fc.constantFrom("", " ", "\n"), (v, space) => {
        const text = render(v, space);
        if (!agrees(text)) return;
        const scan = scanStructure(text, 64, integers);
        expect(scan.fatal).toBeUndefined();
        expect(scan.findings).toEqual([]);
        expect(scan.members).toBe(members(text));
      }),
      { numRuns: 500 },
    );
    // The clean path's variant, which counts only member separators and checks every member number: the same guarantee.
    fc.assert(
      fc.property(value, fc.constantFrom("", " ", "\n", " \t"), (v, space) => {
        const text = render(v, space);
        if (!separators(text)) return;
        const scan = scanStructure(text, 64, integers);
        expect(scan.fatal).toBeUndefined();
        expect(scan.findings).toEqual([]);
        expect(scan.members).toBe(members(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("proveTextClean: proves clean texts, refuses every non-canonical member number", () => {
    const doc = {
      schemaVersion: 2,
      layers: [{ size: 12, digest: "sha256:ab" }],
      annotations: { t: "03:04:05" },
    };
    expect(separators(JSON.stringify(doc))).toBe(true);
    expect(separators(JSON.stringify(doc, null, "\t"))).toBe(true);
    expect(separators('{"a" : "b:", "c\\"": "\\"size\\": 1e3", "size": "1e3", "n": 0}')).toBe(true);
    expect(separators('{"a": ":b"}')).toBe(false); // a string opening with a colon looks like a separator: refused
    expect(proveTextClean('{"a": 1, "b": "x"}', 1)).toBe(false); // a member the caller did not count
    expect(proveTextClean('{"a": {"b:c": "d:e"}}', 2)).toBe(true); // colons inside names and strings are not counted
    expect(separators('{"size": 9007199254740991}')).toBe(true);
    expect(separators('{"size": 9007199254740992}')).toBe(false); // 2^53
    expect(separators('{"size": 12345678901234567}')).toBe(false);
    expect(separators('{"size": 1e3}')).toBe(false);
    expect(separators('{"other": 2.5}')).toBe(false); // stricter than the reader: any member number
    expect(separators('{"size" :\n -0}')).toBe(false);
    expect(proveTextClean('{"size": 01}', 1)).toBe(false); // not JSON; refused all the same
    expect(separators('{"a\\\\": 1.5}')).toBe(false); // a name ending in an escaped backslash
    expect(separators('{"a": 1, "a": 2}')).toBe(false);
    expect(separators('{"a": "\\u0041"}')).toBe(false); // a \u escape: left to the scan
    expect(separators('{"a": "\\\\u0041"}')).toBe(false); // an escaped backslash, then u: refused too
    expect(separators("[1.5, -2]")).toBe(true); // array numbers are no member's
  });

  it("still refuses a text too deep when it is parsed first (few brackets for its length)", () => {
    const padded = `${"[".repeat(70)}${" ".repeat(70 * 64)}${"]".repeat(70)}`;
    const r = readJson(padded);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => `${i.line}:${i.column} ${i.code}`)).toEqual(["1:65 json-too-deep"]);
    expect(census("[[], [[{}]], 1]").depth).toBe(4);
  });

  it("leaves readJson's findings as they were: a duplicate after a proven-looking prefix", () => {
    const r = readJson('{"size": 1, "layers": [], "size": 2}');
    expect(r.issues.map((i) => `${i.line}:${i.column} ${i.code}`)).toEqual(["1:27 json-duplicate-key"]);
  });
});
