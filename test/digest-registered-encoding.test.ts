import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { registeredDigestAlgorithms } from "../src/digest/algorithms.js";
import { checkDigest } from "../src/digest/grammar.js";
import {
  hasRegisteredEncoding,
  hasRegisteredForm,
  registeredAlgorithmOf,
  registeredFormsMatch,
} from "../src/digest/registered-encoding.js";

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

/** The image-spec digest grammar, written out here from descriptor.md#digests. */
const GRAMMAR = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

describe("hasRegisteredForm", () => {
  it("is a registered algorithm with its exact encoding, and false for any other digest", () => {
    const digest = fc
      .tuple(
        fc.constantFrom("sha256", "sha512", "blake3", "sha384", "md5", "sha256+b64u", "SHA256"),
        fc.oneof(
          fc.stringMatching(/^[a-f0-9]{64}$/),
          fc.stringMatching(/^[a-f0-9]{128}$/),
          fc.stringMatching(/^[a-fA-F0-9=_\-g]{60,130}$/),
        ),
      )
      .map(([name, rest]) => `${name}:${rest}`);
    fc.assert(
      fc.property(digest, (value) => {
        const registered = registeredAlgorithmOf(value) !== undefined;
        expect(hasRegisteredForm(value)).toBe(registered && oracle(value));
        // Every registered form is grammatical: what lets checkDigest and the clean path skip the grammar.
        if (hasRegisteredForm(value)) expect(GRAMMAR.test(value)).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });

  it("is shown to imply a grammar only for grammars whose encoded part takes every registered character", () => {
    expect(registeredFormsMatch(GRAMMAR)).toBe(true);
    expect(registeredFormsMatch(new RegExp(GRAMMAR.source, "u"))).toBe(true);
    expect(registeredFormsMatch(/^[a-z0-9]+:[a-e0-9]+$/)).toBe(false);
    expect(registeredFormsMatch(/^[a-z]+:[a-f0-9]+$/)).toBe(false);
    expect(registeredFormsMatch(/^[a-z0-9]+:(?:[a-f0-9]{2})+$/)).toBe(false);
  });

  it("leaves checkDigest's answers as the grammar and the encodings give them", () => {
    const digest = fc.oneof(
      fc.stringMatching(/^(sha256|sha512|blake3|sha384|a+b):[a-fA-F0-9=_\-g]{0,130}$/),
      fc.string({ maxLength: 80 }),
    );
    fc.assert(
      fc.property(digest, (value) => {
        const expected = !GRAMMAR.test(value)
          ? "digest-grammar"
          : oracle(value)
            ? undefined
            : "digest-encoding";
        expect(checkDigest(value)?.code).toBe(expected);
      }),
      { numRuns: 20000 },
    );
  });
});
