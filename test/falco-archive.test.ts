import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync, gunzipSync, inflateRawSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crc32 } from "../src/falco/archive/crc32.js";
import { deflateRaw } from "../src/falco/archive/deflate.js";
import { gzip } from "../src/falco/archive/gzip.js";
import { canonicalCodes, huffmanLengths } from "../src/falco/archive/huffman.js";
import { createTar, TarError } from "../src/falco/archive/tar.js";
import { createTarGz } from "../src/falco/archive/tar-gz.js";

const text = (s: string) => new TextEncoder().encode(s);

/** Reads a ustar archive back: [path, typeflag, mode, uid, gid, mtime, content]. */
function listTar(tar: Uint8Array) {
  const out: {
    path: string;
    type: string;
    mode: number;
    uid: number;
    gid: number;
    mtime: number;
    data: Uint8Array;
  }[] = [];
  const dec = new TextDecoder();
  const field = (b: Uint8Array, o: number, l: number) =>
    dec.decode(b.subarray(o, o + l)).replace(/\0.*$/s, "");
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const h = tar.subarray(offset, offset + 512);
    if (h.every((b) => b === 0)) break;
    const name = field(h, 0, 100);
    const prefix = field(h, 345, 155);
    const size = Number.parseInt(field(h, 124, 12), 8);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (h[i] as number);
    expect(Number.parseInt(field(h, 148, 8), 8)).toBe(sum);
    out.push({
      path: prefix ? `${prefix}/${name}` : name,
      type: String.fromCharCode(h[156] as number),
      mode: Number.parseInt(field(h, 100, 8), 8),
      uid: Number.parseInt(field(h, 108, 8), 8),
      gid: Number.parseInt(field(h, 116, 8), 8),
      mtime: Number.parseInt(field(h, 136, 12), 8),
      data: tar.slice(offset + 512, offset + 512 + size),
    });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

describe("crc32", () => {
  it("matches the standard check value", () => {
    expect(crc32(text("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe("deflateRaw", () => {
  it("round-trips through zlib for text, repetition, binary and empty input", () => {
    const samples = [
      new Uint8Array(0),
      text("a"),
      text("hello hello hello hello"),
      new Uint8Array(100_000), // long runs: 258-byte matches
      text("- rule: Terminal shell in container\n  condition: spawned_process and container\n".repeat(500)),
      Uint8Array.from({ length: 70_000 }, (_, i) => (i * 2654435761) >>> 24), // noisy: stored fallback
    ];
    for (const s of samples) expect(new Uint8Array(inflateRawSync(deflateRaw(s)))).toEqual(s);
  });

  it("compresses repetitive text", () => {
    const s = text("required_engine_version: 26\n".repeat(1000));
    expect(deflateRaw(s).length).toBeLessThan(s.length / 20);
  });

  it("never expands incompressible data by more than the stored-block overhead", () => {
    const s = new Uint8Array(randomBytes(100_000));
    const out = deflateRaw(s);
    expect(new Uint8Array(inflateRawSync(out))).toEqual(s);
    expect(out.length).toBeLessThanOrEqual(s.length + 5 * Math.ceil(s.length / 16384) + 1);
  });

  it("compresses text about as well as zlib (dynamic Huffman blocks)", () => {
    const s = text(
      Array.from(
        { length: 400 },
        (_, i) => `- rule: rule number ${i * 7919}\n  condition: evt.type = open and fd.num = ${i}\n`,
      ).join(""),
    );
    expect(deflateRaw(s).length).toBeLessThan(deflateRawSync(s).length * 1.15);
  });

  it("gives the same bytes every time", () => {
    const s = text("deterministic ".repeat(5000));
    expect(deflateRaw(s)).toEqual(deflateRaw(s));
  });

  it("round-trips arbitrary bytes (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 4 }), (bytes, repeat) => {
        const input = new Uint8Array(bytes.length * repeat);
        for (let r = 0; r < repeat; r++) input.set(bytes, r * bytes.length);
        expect(new Uint8Array(inflateRawSync(deflateRaw(input)))).toEqual(input);
      }),
      { numRuns: 150 },
    );
  });
});

describe("huffmanLengths", () => {
  const kraft = (lengths: Uint8Array) => [...lengths].reduce((sum, l) => sum + (l > 0 ? 2 ** -l : 0), 0);

  it("limits code lengths and keeps the code complete", () => {
    // Fibonacci frequencies make the deepest possible tree: 30 symbols would need 29 bits.
    const fib = [1, 1];
    while (fib.length < 30) fib.push((fib.at(-1) as number) + (fib.at(-2) as number));
    for (const max of [7, 15]) {
      const lengths = huffmanLengths(fib, max);
      expect(Math.max(...lengths)).toBeLessThanOrEqual(max);
      expect(kraft(lengths)).toBe(1);
    }
  });

  it("keeps every code complete and within the limit (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.nat(3), fc.nat(1_000_000)), { minLength: 2, maxLength: 300 }),
        fc.constantFrom(7, 15),
        (freqs, max) => {
          const lengths = huffmanLengths(freqs, max);
          expect(Math.max(...lengths)).toBeLessThanOrEqual(max);
          expect(kraft(lengths)).toBe(1);
          freqs.forEach((f, i) => {
            if (f > 0) expect(lengths[i]).toBeGreaterThan(0);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives frequent symbols codes no longer than rare ones", () => {
    const lengths = huffmanLengths([100, 1, 50, 0, 2], 15);
    expect(lengths[3]).toBe(0);
    expect(lengths[0]).toBeLessThanOrEqual(lengths[2] as number);
    expect(lengths[2]).toBeLessThanOrEqual(lengths[4] as number);
    expect(kraft(lengths)).toBe(1);
  });

  it("makes a complete two-symbol code when one symbol or none occurs", () => {
    expect([...huffmanLengths([0, 0, 5], 15)]).toEqual([1, 0, 1]);
    expect([...huffmanLengths([0, 0, 0], 15)]).toEqual([1, 1, 0]);
  });

  it("assigns canonical codes (RFC 1951 3.2.2 example, bit-reversed)", () => {
    const lengths = Uint8Array.from([3, 3, 3, 3, 3, 2, 4, 4]);
    const expected = [0b010, 0b011, 0b100, 0b101, 0b110, 0b00, 0b1110, 0b1111];
    const reversed = (c: number, l: number) =>
      Number.parseInt(c.toString(2).padStart(l, "0").split("").reverse().join(""), 2);
    expect([...canonicalCodes(lengths)]).toEqual(expected.map((c, i) => reversed(c, lengths[i] as number)));
  });
});

describe("gzip", () => {
  it("writes a header without timestamp or name, and a trailer zlib accepts", () => {
    const gz = gzip(text("falco"));
    expect([...gz.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    expect(new TextDecoder().decode(gunzipSync(gz))).toBe("falco");
  });
});

describe("createTar", () => {
  it("sorts entries, adds parent directories, fixes owner, modes and mtime", () => {
    const tar = createTar({ "z.yaml": "z", "a/b/c.yaml": "abc", "a/a.yaml": "" });
    const entries = listTar(tar);
    expect(entries.map((e) => [e.path, e.type, e.mode.toString(8)])).toEqual([
      ["a/", "5", "755"],
      ["a/a.yaml", "0", "644"],
      ["a/b/", "5", "755"],
      ["a/b/c.yaml", "0", "644"],
      ["z.yaml", "0", "644"],
    ]);
    expect(entries.every((e) => e.uid === 0 && e.gid === 0 && e.mtime === 0)).toBe(true);
    expect(new TextDecoder().decode(entries[3]?.data)).toBe("abc");
    expect(tar.length % 512).toBe(0);
    expect(tar.subarray(tar.length - 1024).every((b) => b === 0)).toBe(true);
  });

  it("is independent of the order files are given in", () => {
    expect(createTar({ b: "2", a: "1" })).toEqual(createTar({ a: "1", b: "2" }));
  });

  it("writes a caller-given mtime", () => {
    const [entry] = listTar(createTar({ f: "x" }, { mtime: new Date("2024-01-02T03:04:05Z") }));
    expect(entry?.mtime).toBe(Date.UTC(2024, 0, 2, 3, 4, 5) / 1000);
  });

  it("splits long names into ustar prefix and name", () => {
    const long = `${"d".repeat(60)}/${"e".repeat(60)}/${"f".repeat(90)}.yaml`;
    expect(listTar(createTar({ [long]: "x" })).at(-1)?.path).toBe(long);
  });

  it.each([
    ["/etc/passwd", "absolute"],
    ["../escape.yaml", '".."'],
    ["a/../../b", '".."'],
    ["a//b", "empty"],
    ["./a", '"."'],
    ["", "empty"],
    ["a\\b", "backslash"],
    ["x".repeat(101), "too long"],
  ])("rejects %j (%s)", (path, why) => {
    expect(() => createTar({ [path]: "x" })).toThrow(TarError);
    expect(() => createTar({ [path]: "x" })).toThrow(why);
  });

  it("rejects a path that is both a file and a directory", () => {
    expect(() => createTar({ a: "x", "a/b": "y" })).toThrow(/both a file and a directory/);
  });
});

describe("createTarGz", () => {
  it("gives identical bytes for identical inputs, and zlib + tar recover the files", () => {
    const files = { "falco_rules.yaml": "- required_engine_version: 26\n", "extra/notes.txt": "ü ✓" };
    const a = createTarGz(files);
    expect(createTarGz({ ...files })).toEqual(a);
    const entries = listTar(new Uint8Array(gunzipSync(a)));
    expect(entries.map((e) => e.path)).toEqual(["extra/", "extra/notes.txt", "falco_rules.yaml"]);
    expect(new TextDecoder().decode(entries[1]?.data)).toBe("ü ✓");
  });

  it("keeps its digest from release to release (a changed compressor would change every layer digest)", () => {
    const files = {
      "falco_rules.yaml": `- required_engine_version: 0.37.0\n${"- rule: r\n  condition: evt.type = open\n".repeat(50)}`,
      "extra/notes.txt": "ü ✓\n",
    };
    const layer = createTarGz(files);
    expect(layer.length).toBe(240);
    expect(createHash("sha256").update(layer).digest("hex")).toBe(
      "0277323eb3aeaef266fc041ccd51bd069160a4b8d01dc8c83424685d28771009",
    );
  });

  it("is listed and extracted by the system tar", () => {
    let tarVersion: string;
    try {
      tarVersion = execFileSync("tar", ["--version"], { encoding: "utf8" });
    } catch {
      console.warn("skipping the system-tar check: no tar binary on PATH");
      return;
    }
    expect(tarVersion).toBeTruthy();
    const dir = mkdtempSync(join(tmpdir(), "ocispec-tar-"));
    try {
      writeFileSync(join(dir, "layer.tar.gz"), createTarGz({ "rules/a.yaml": "a: 1\n", "b.yaml": "b" }));
      const listing = execFileSync("tar", ["-tzvf", join(dir, "layer.tar.gz")], { encoding: "utf8" });
      expect(listing).toMatch(/-rw-r--r-- 0\/0 +1 1970-01-01 00:00 b\.yaml/);
      expect(listing).toMatch(/drwxr-xr-x 0\/0 +0 1970-01-01 00:00 rules\//);
      execFileSync("tar", ["-xzf", join(dir, "layer.tar.gz"), "-C", dir]);
      expect(execFileSync("cat", [join(dir, "rules/a.yaml")], { encoding: "utf8" })).toBe("a: 1\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
