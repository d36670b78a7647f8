import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRfc3339DateTime } from "../src/validate/formats/rfc3339.js";

/** RFC 3339 section 5.6 read with capture groups, field by field: the oracle the function is held to. */
function oracle(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/.exec(
    value,
  );
  if (m === null) return false;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (days === undefined || day < 1 || day > days) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  return m[7] === undefined || (Number(m[7]) <= 23 && Number(m[8]) <= 59);
}

describe("isRfc3339DateTime", () => {
  it.each([
    ["2015-10-31T22:22:56.015925234Z", true],
    ["2015-10-31t22:22:56z", true],
    ["2024-02-29T00:00:00+23:59", true],
    ["2016-12-31T23:59:60-00:00", true],
    ["2023-02-29T00:00:00Z", false],
    ["2015-13-01T00:00:00Z", false],
    ["2015-10-31T24:00:00Z", false],
    ["2015-10-31T22:60:00Z", false],
    ["2015-10-31T22:22:61Z", false],
    ["2015-10-31T22:22:56+24:00", false],
    ["2015-10-31T22:22:56+00:60", false],
    ["2015-10-31 22:22:56Z", false],
    ["2015-10-31T22:22:56", false],
  ])("%s → %s", (value, expected) => {
    expect(isRfc3339DateTime(value)).toBe(expected);
  });

  it("agrees with a capture-group reading on generated date-times, valid and not", () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
    const dateTime = fc
      .tuple(
        digits(4),
        digits(2),
        digits(2),
        fc.constantFrom("T", "t"),
        digits(2),
        digits(2),
        digits(2),
        fc.option(digits(3)),
        fc.oneof(fc.constantFrom("Z", "z"), fc.tuple(fc.constantFrom("+", "-"), digits(2), digits(2))),
      )
      .map(([y, mo, d, t, h, mi, s, frac, zone]) => {
        const offset = typeof zone === "string" ? zone : `${zone[0]}${zone[1]}:${zone[2]}`;
        return `${y}-${mo}-${d}${t}${h}:${mi}:${s}${frac === null ? "" : `.${frac}`}${offset}`;
      });
    fc.assert(
      fc.property(fc.oneof(dateTime, fc.string()), (value) => {
        expect(isRfc3339DateTime(value)).toBe(oracle(value));
      }),
      { numRuns: 5000 },
    );
  });
});
