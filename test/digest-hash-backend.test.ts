import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashers } from "../src/digest/hash-backend.js";

describe("hashers: pure JS for a process's first 64 KiB, then native", () => {
  it("answers the same digests before, across and after the switch", () => {
    const sizes = [0, 1, 1321, 30_000, 40_000, 5, 100_000, 7];
    sizes.forEach((size, k) => {
      const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 31 + k) & 0xff);
      expect(hashers.sha256(bytes)).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(hashers.sha512(bytes)).toBe(createHash("sha512").update(bytes).digest("hex"));
    });
  });
});
