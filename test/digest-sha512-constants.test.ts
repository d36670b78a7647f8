// SHA-512's constants are computed (src/digest/sha512-constants.ts), not written out: checked here
// against FIPS 180-4 §4.2.3 and §5.3.5, and through the hash in test/digest.test.ts's FIPS vectors.
import { describe, expect, it } from "vitest";
import { sha512 } from "../src/digest/sha512.js";
import { sha512Constants } from "../src/digest/sha512-constants.js";

const hex = (words: Uint32Array, i: number) =>
  `${(words[i] as number).toString(16).padStart(8, "0")}${(words[i + 1] as number).toString(16).padStart(8, "0")}`;

describe("sha512Constants", () => {
  const { k, h0 } = sha512Constants();

  it("has 80 round constants and 8 initial words, as (high, low) pairs", () => {
    expect(k).toHaveLength(160);
    expect(h0).toHaveLength(16);
  });

  it("matches FIPS 180-4 §4.2.3's first, tenth and last round constants", () => {
    expect(hex(k, 0)).toBe("428a2f98d728ae22");
    expect(hex(k, 18)).toBe("12835b0145706fbe");
    expect(hex(k, 158)).toBe("6c44198c4a475817");
  });

  it("matches FIPS 180-4 §5.3.5's initial hash value", () => {
    expect([0, 2, 4, 6, 8, 10, 12, 14].map((i) => hex(h0, i))).toEqual([
      "6a09e667f3bcc908",
      "bb67ae8584caa73b",
      "3c6ef372fe94f82b",
      "a54ff53a5f1d36f1",
      "510e527fade682d1",
      "9b05688c2b3e6c1f",
      "1f83d9abfb41bd6b",
      "5be0cd19137e2179",
    ]);
  });

  it("is computed once", () => {
    expect(sha512Constants()).toBe(sha512Constants());
  });

  it("gives sha512 FIPS 180-2's one-block example", () => {
    const digest = [...sha512(new TextEncoder().encode("abc"))].map((b) => b.toString(16).padStart(2, "0"));
    expect(digest.join("").slice(0, 32)).toBe("ddaf35a193617abacc417349ae204131");
  });
});
