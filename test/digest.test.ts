import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashBackend, nativeHashers, pureHashers } from "../src/digest/hash-backend.js";
import {
  checkDigest,
  computeDigest,
  DigestError,
  lookupDigestAlgorithm,
  parseDigest,
  registeredDigestAlgorithms,
  verifyDigest,
} from "../src/digest/index.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

// FIPS 180-2 appendix B / C example vectors (published values).
const vectors = [
  {
    input: "abc",
    sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    sha512:
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
  },
  {
    input: "",
    sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    sha512:
      "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
  },
  {
    input: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
    sha256: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    sha512:
      "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445",
  },
  {
    input:
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
    sha256: "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
    sha512:
      "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909",
  },
];

describe("pure-JS hashers", () => {
  for (const v of vectors) {
    it(`sha256 and sha512 of ${JSON.stringify(v.input.slice(0, 10))}… match the FIPS 180 example`, () => {
      expect(pureHashers.sha256(utf8(v.input))).toBe(v.sha256);
      expect(pureHashers.sha512(utf8(v.input))).toBe(v.sha512);
    });
  }

  it("agree with node:crypto on every length around the padding boundaries", () => {
    for (let length = 0; length <= 300; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(pureHashers.sha256(bytes)).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(pureHashers.sha512(bytes)).toBe(createHash("sha512").update(bytes).digest("hex"));
    }
  });

  it("agree with node:crypto on random inputs", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        expect(pureHashers.sha256(bytes)).toBe(createHash("sha256").update(bytes).digest("hex"));
        expect(pureHashers.sha512(bytes)).toBe(createHash("sha512").update(bytes).digest("hex"));
      }),
      { numRuns: 200 },
    );
  });

  it("hash a byte view into a larger buffer, not the whole buffer", () => {
    const buffer = utf8("xxabcxx");
    const view = buffer.subarray(2, 5);
    expect(pureHashers.sha256(view)).toBe(vectors[0]?.sha256);
    expect(nativeHashers?.sha256(view) ?? vectors[0]?.sha256).toBe(vectors[0]?.sha256);
  });
});

describe("computeDigest", () => {
  it("uses the native backend under Node", () => {
    expect(hashBackend).toBe("native");
  });

  it("computes the empty descriptor's published digest", () => {
    expect(computeDigest(utf8("{}"))).toBe(
      "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
    );
  });

  it("computes sha512 when asked", () => {
    expect(computeDigest(utf8("abc"), "sha512")).toBe(`sha512:${vectors[0]?.sha512}`);
  });

  it("refuses algorithms it cannot compute with a clear error", () => {
    expect(() => computeDigest(utf8("{}"), "blake3" as "sha256")).toThrow(
      /cannot compute digest algorithm "blake3"/,
    );
  });
});

describe("verifyDigest", () => {
  const bytes = utf8("{}");
  it("accepts the right digest and rejects a wrong one", () => {
    expect(verifyDigest(bytes, computeDigest(bytes))).toBe(true);
    expect(verifyDigest(bytes, computeDigest(bytes, "sha512"))).toBe(true);
    expect(verifyDigest(utf8("{ }"), computeDigest(bytes))).toBe(false);
  });

  it("answers false, never throws, for malformed, upper-case, unregistered and uncomputable digests", () => {
    const upper = computeDigest(bytes).toUpperCase().replace("SHA256", "sha256");
    for (const digest of [
      upper,
      "sha256:",
      "nonsense",
      `blake3:${"a".repeat(64)}`,
      `md5:${"a".repeat(32)}`,
    ]) {
      expect(verifyDigest(bytes, digest)).toBe(false);
    }
    expect(verifyDigest(bytes, 42 as unknown as string)).toBe(false);
  });
});

describe("parseDigest and checkDigest", () => {
  const hex64 = "a".repeat(64);

  it("split well-formed digests, registered or not", () => {
    expect(parseDigest(`sha256:${hex64}`)).toEqual({ algorithm: "sha256", encoded: hex64 });
    expect(parseDigest("multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8")).toEqual({
      algorithm: "multihash+base58",
      encoded: "QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8",
    });
    expect(parseDigest("sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564")).toEqual({
      algorithm: "sha256+b64u",
      encoded: "LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564",
    });
  });

  it.each([
    ["", "empty"],
    [hex64, "no algorithm"],
    ["sha256:", "empty encoded part"],
    [`SHA256:${hex64}`, "upper-case algorithm"],
    [`sha256::${hex64}`, "two colons"],
    [`sha256 :${hex64}`, "space"],
    [`sha256-:${hex64}`, "trailing separator"],
    [`sha256:${hex64}\n`, "trailing newline"],
    [`sha256:${"a".repeat(63)}/`, "slash in encoded"],
  ])("digest-grammar: %j (%s)", (digest) => {
    expect(checkDigest(digest)?.code).toBe("digest-grammar");
    expect(() => parseDigest(digest)).toThrow(DigestError);
    expect(() => parseDigest(digest)).toThrow(/does not match the digest grammar/);
  });

  it.each([
    [`sha256:${"A".repeat(64)}`, /sha256 digests must be 64 lower-case hexadecimal/],
    [`sha256:${"a".repeat(63)}`, /sha256 digests must be 64/],
    [`sha512:${hex64}`, /sha512 digests must be 128/],
    [`blake3:${"g".repeat(64)}`, /blake3 digests must be 64/],
  ])("digest-encoding: %j", (digest, message) => {
    expect(checkDigest(digest)).toEqual({ code: "digest-encoding", message: expect.stringMatching(message) });
    try {
      parseDigest(digest);
      expect.unreachable("parseDigest should throw");
    } catch (error) {
      expect(error).toBeInstanceOf(DigestError);
      expect((error as DigestError).code).toBe("digest-encoding");
    }
  });

  it("does not mistake Object.prototype members for registered algorithms", () => {
    expect(lookupDigestAlgorithm("constructor")).toBeUndefined();
    expect(checkDigest("constructor:abc")).toBeUndefined();
    expect(checkDigest("__proto__:abc")?.code).toBe("digest-grammar");
  });

  it("registers exactly sha256, sha512 and blake3", () => {
    expect(Object.keys(registeredDigestAlgorithms).sort()).toEqual(["blake3", "sha256", "sha512"]);
  });

  it("shortens huge values in messages", () => {
    expect(checkDigest("x".repeat(10_000))?.message.length).toBeLessThan(400);
  });
});
