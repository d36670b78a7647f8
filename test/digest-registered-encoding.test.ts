import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { registeredDigestAlgorithms } from "../src/digest/algorithms.js";
import { hasRegisteredEncoding, registeredAlgorithmOf } from "../src/digest/registered-encoding.js";

/** The rule as the spec states it: the registered algorithm's `encoded` expression on the encoded part. */
function oracle(digest: string): boolean {
  for (const algorithm of Object.values(registeredDigestAlgorithms)) {
    if (digest.startsWith(`${algorithm.name}:`))
      return algorithm.encoded.test(digest.slice(algorithm.name.length + 1));
  }
  return true;
}

describe("hasRegisteredEncoding", () => {
  it.each([
    [`sha256:${"a".repeat(64)}`, true],
    [`sha256:${"A".repeat(64)}`, false],
    [`sha256:${"a".repeat(63)}`, false],
    [`sha256:${"a".repeat(63)}\u00e9`, false],
    [`sha256:${"a".repeat(63)}\u{1F600}`.slice(0, 71), false],
    [`sha512:${"0".repeat(128)}`, true],
    [`sha512:${"0".repeat(64)}`, false],
    [`blake3:${"f".repeat(64)}`, true],
    [`md5:${"f".repeat(32)}`, true],
    ["sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564", true],
  ])("%s → %s", (digest, expected) => {
    expect(hasRegisteredEncoding(digest)).toBe(expected);
    expect(hasRegisteredEncoding(digest)).toBe(oracle(digest));
  });

  it("agrees with each algorithm's encoded expression on generated digests", () => {
    const encoded = fc.oneof(
      fc.stringMatching(/^[a-f0-9]{64}$/),
      fc.stringMatching(/^[a-f0-9]{128}$/),
      fc.stringMatching(/^[a-fA-F0-9=_\-g\u00e9]{60,130}$/),
      fc.string({ unit: "binary", minLength: 62, maxLength: 130 }),
    );
    const digest = fc
      .tuple(fc.constantFrom("sha256", "sha512", "blake3", "sha384", "sha256+b64u"), encoded)
      .map(([name, rest]) => `${name}:${rest}`);
    fc.assert(
      fc.property(digest, (value) => {
        expect(hasRegisteredEncoding(value)).toBe(oracle(value));
      }),
      { numRuns: 20000 },
    );
  });

  it("names the registered algorithm of a digest, and no other", () => {
    expect(registeredAlgorithmOf(`sha512:${"0".repeat(128)}`)?.name).toBe("sha512");
    expect(registeredAlgorithmOf("sha384:00")).toBeUndefined();
  });
});
