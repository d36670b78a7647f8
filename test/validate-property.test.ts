import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildDescriptor,
  buildImageIndex,
  buildImageManifest,
  type DescriptorExtras,
  emptyDescriptor,
} from "../src/builders/index.js";
import { mapMemberNames, readJson } from "../src/json/index.js";
import { ruleCatalog, type ValidationResult, validate } from "../src/validate/index.js";

/**
 * Properties of validate() over generated input: it never throws, it answers bytes, strings and
 * parsed objects alike, and no spelling trick (a key's case, a repeated key) turns a refusal into
 * an acceptance. numRuns stay modest: CI has 2 cores.
 */

const MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const INDEX = "application/vnd.oci.image.index.v1+json";
const encoder = new TextEncoder();
const known = new Set(ruleCatalog.map((r) => r.code));
const mediaTypes = fc.constantFrom(
  undefined,
  MANIFEST,
  INDEX,
  "application/vnd.oci.image.config.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/json",
);

/** What every answer must look like, whatever the input. */
function wellFormed(result: ValidationResult): void {
  expect(result.valid).toBe(!result.issues.some((i) => i.severity === "error"));
  for (const issue of result.issues) {
    expect(known.has(issue.code) || issue.code.startsWith("json-"), issue.code).toBe(true);
    expect(typeof issue.message).toBe("string");
    expect(typeof issue.path).toBe("string");
  }
}

/** A valid manifest's bytes, to mutate. */
const layer = buildDescriptor(encoder.encode("layer"), "application/vnd.oci.image.layer.v1.tar");
const config = buildDescriptor(encoder.encode("{}"), "application/vnd.oci.image.config.v1+json");
const validManifest = buildImageManifest({ config, layers: [layer], annotations: { "a.b": "c" } }).bytes;

describe("validate never throws", () => {
  it("on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), mediaTypes, (data, mediaType) => {
        wellFormed(validate(data, mediaType === undefined ? {} : { mediaType }));
      }),
      { numRuns: 300 },
    );
  });

  it("on arbitrary strings, any code point and lone surrogates included", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 200 }),
          fc.string({ unit: "grapheme", maxLength: 200 }),
        ),
        mediaTypes,
        (text, mediaType) => {
          wellFormed(validate(text, mediaType === undefined ? {} : { mediaType }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("on arbitrary JSON values, as text and as objects", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), mediaTypes, (value, mediaType) => {
        const options = mediaType === undefined ? {} : { mediaType };
        wellFormed(validate(JSON.stringify(value) ?? "null", options));
        wellFormed(validate(value as object, options));
      }),
      { numRuns: 300 },
    );
  });

  it("on arbitrary mutations of a valid manifest's bytes", () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({
        kind: fc.constant("delete" as const),
        at: fc.nat(),
        length: fc.integer({ min: 1, max: 16 }),
      }),
      fc.record({
        kind: fc.constant("insert" as const),
        at: fc.nat(),
        data: fc.uint8Array({ maxLength: 8 }),
      }),
      fc.record({
        kind: fc.constant("repeat" as const),
        at: fc.nat(),
        length: fc.integer({ min: 1, max: 64 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), mediaTypes, (mutations, mediaType) => {
        let data = validManifest;
        for (const m of mutations) {
          const at = m.at % (data.length + 1);
          if (m.kind === "set") {
            data = data.slice();
            if (at < data.length) data[at] = m.byte;
          } else if (m.kind === "delete") {
            data = new Uint8Array([...data.subarray(0, at), ...data.subarray(at + m.length)]);
          } else if (m.kind === "insert") {
            data = new Uint8Array([...data.subarray(0, at), ...m.data, ...data.subarray(at)]);
          } else {
            const slice = data.subarray(at, at + m.length);
            data = new Uint8Array([
              ...data.subarray(0, at),
              ...slice,
              ...slice,
              ...data.subarray(at + m.length),
            ]);
          }
        }
        wellFormed(validate(data, mediaType === undefined ? {} : { mediaType }));
      }),
      { numRuns: 400 },
    );
  });
});

/** Valid documents from arbitrary-but-valid parts, through the builders. */
const token = fc.stringMatching(/^[a-z0-9]{1,8}$/);
const annotations = fc.dictionary(
  fc.oneof(token, fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 })),
  fc.string({ unit: "grapheme", maxLength: 24 }),
  { maxKeys: 4 },
);
const blobMediaType = fc.oneof(
  fc.constantFrom(
    "application/vnd.oci.image.layer.v1.tar",
    "application/vnd.oci.image.layer.v1.tar+gzip",
    "application/vnd.oci.image.layer.v1.tar+zstd",
  ),
  fc.tuple(token, token).map(([a, b]) => `application/vnd.${a}.${b}`),
);
const descriptorExtras: fc.Arbitrary<DescriptorExtras> = fc.record(
  {
    data: fc.boolean(),
    annotations,
    urls: fc.array(
      token.map((host) => `https://${host}.example/blob`),
      { maxLength: 2 },
    ),
    algorithm: fc.constantFrom("sha256" as const, "sha512" as const),
  },
  { requiredKeys: [] },
);
const blob = fc
  .tuple(fc.uint8Array({ maxLength: 64 }), blobMediaType, descriptorExtras)
  .map(([content, mediaType, extra]) => buildDescriptor(content, mediaType, extra).descriptor);
const artifactType = fc.tuple(token, token).map(([a, b]) => `application/vnd.${a}.${b}+json`);
const manifest = fc.oneof(
  fc
    .record({ layers: fc.array(blob, { minLength: 1, maxLength: 4 }), annotations })
    .map((input) => buildImageManifest({ config: config.descriptor, ...input })),
  fc
    .record({ layers: fc.array(blob, { minLength: 1, maxLength: 3 }), artifactType, annotations })
    .map((input) => buildImageManifest({ config: emptyDescriptor, ...input })),
);
const index = fc
  .array(manifest, { minLength: 0, maxLength: 3 })
  .chain((manifests) =>
    fc
      .record({ artifactType: fc.option(artifactType, { nil: undefined }), annotations })
      .map((rest) => buildImageIndex({ manifests: manifests.map((m) => m.descriptor), ...rest })),
  );
const built = fc.oneof(manifest, index);

/** The verdict without positions: what must not depend on the input's form. */
const verdict = (result: ValidationResult) => ({
  valid: result.valid,
  kind: result.kind,
  codes: [...new Set(result.issues.map((i) => JSON.stringify([i.severity, i.code, i.path])))].sort(),
});

describe("bytes, strings and objects get the same verdict", () => {
  it("for generated valid manifests and indexes", () => {
    fc.assert(
      fc.property(built, fc.boolean(), ({ bytes, document, descriptor }, withContentType) => {
        const options = withContentType ? { mediaType: descriptor.mediaType } : {};
        const fromBytes = validate(bytes, options);
        expect(fromBytes.valid).toBe(true);
        expect(fromBytes.digest).toBe(descriptor.digest);
        const text = new TextDecoder().decode(bytes);
        expect(verdict(validate(text, options))).toEqual(verdict(fromBytes));
        expect(verdict(validate(JSON.parse(text) as object, options))).toEqual(verdict(fromBytes));
        expect(verdict(validate(document as object, options))).toEqual(verdict(fromBytes));
      }),
      { numRuns: 200 },
    );
  });

  it("for arbitrary JSON values and damaged manifests", () => {
    const damaged = fc
      .tuple(built, fc.jsonValue({ maxDepth: 3 }), fc.nat())
      .map(([{ document }, value, pick]) => {
        const copy = structuredClone(document) as unknown as Record<string, unknown>;
        const keys = Object.keys(copy);
        copy[keys[pick % keys.length] as string] = value;
        return copy;
      });
    fc.assert(
      fc.property(fc.oneof(damaged, fc.jsonValue({ maxDepth: 4 })), mediaTypes, (value, mediaType) => {
        const options = mediaType === undefined ? {} : { mediaType };
        const text = JSON.stringify(value) ?? "null";
        const fromBytes = validate(encoder.encode(text), options);
        // JSON.stringify writes no duplicates, and objects hold no lone surrogates the text would
        // flag: JSON.stringify escapes them, and the reader reports escaped ones. Skip those.
        fc.pre(!fromBytes.issues.some((i) => i.code === "json-lone-surrogate"));
        expect(verdict(validate(text, options))).toEqual(verdict(fromBytes));
        if (value !== null && typeof value === "object") {
          // Object input has no lexemes: the reader's number check cannot apply to it, and the
          // pipeline does not repeat a schema finding where the reader refused the number.
          const lexical = new Set(
            fromBytes.issues.filter((i) => i.code === "json-number-not-canonical").map((i) => i.path),
          );
          const comparable = (codes: string[]) =>
            codes.filter((c) => !lexical.has((JSON.parse(c) as string[])[2] as string));
          const fromObject = verdict(validate(value, options));
          const bytesVerdict = verdict(fromBytes);
          expect(comparable(fromObject.codes)).toEqual(comparable(bytesVerdict.codes));
          if (lexical.size === 0) expect(fromObject.valid).toBe(bytesVerdict.valid);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Where a key sits: the path of its object, and the key. Map members' keys are data, not fields. */
interface KeyPlace {
  path: readonly (string | number)[];
  key: string;
}

function structKeys(value: unknown): KeyPlace[] {
  const out: KeyPlace[] = [];
  const stack: Array<{ node: unknown; path: (string | number)[]; isMap: boolean }> = [
    { node: value, path: [], isMap: false },
  ];
  while (stack.length > 0) {
    const { node, path, isMap } = stack.pop() as { node: unknown; path: (string | number)[]; isMap: boolean };
    if (node === null || typeof node !== "object") continue;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        stack.push({ node: item, path: [...path, i], isMap: false });
      });
      continue;
    }
    for (const [key, child] of Object.entries(node)) {
      if (!isMap) out.push({ path, key });
      stack.push({ node: child, path: [...path, key], isMap: !isMap && mapMemberNames.has(key) });
    }
  }
  return out;
}

/** JSON text of `value` with the member at `place` renamed, or written twice. */
function serialize(
  value: unknown,
  place: KeyPlace,
  change: (key: string) => string | [string, string],
): string {
  const write = (node: unknown, path: (string | number)[]): string => {
    if (node === null || typeof node !== "object") return JSON.stringify(node);
    if (Array.isArray(node)) return `[${node.map((item, i) => write(item, [...path, i])).join(",")}]`;
    const here = path.length === place.path.length && path.every((p, i) => p === place.path[i]);
    const members = Object.entries(node).map(([key, child]) => {
      const text = write(child, [...path, key]);
      if (!here || key !== place.key) return `${JSON.stringify(key)}:${text}`;
      const changed = change(key);
      if (typeof changed === "string") return `${JSON.stringify(changed)}:${text}`;
      return `${JSON.stringify(changed[0])}:${text},${JSON.stringify(changed[1])}:${text}`;
    });
    return `{${members.join(",")}}`;
  };
  return write(value, []);
}

/** Spellings Go folds together: ASCII case, ſ for s, the Kelvin sign for k. */
const recase = fc.constantFrom(
  (k: string) => k.toUpperCase(),
  (k: string) => k.toLowerCase(),
  (k: string) => (k[0] === k[0]?.toUpperCase() ? k[0]?.toLowerCase() : k[0]?.toUpperCase()) + k.slice(1),
  (k: string) => k.replace(/s/g, "\u017f"),
  (k: string) => k.replace(/k/gi, "\u212a"),
);

describe("spelling tricks never turn a refusal into an acceptance", () => {
  // Documents: valid ones, damaged ones, and arbitrary objects. Their keys are spelled as written,
  // with no member already folding onto a field (else a case change could repair it).
  const document = fc.oneof(
    built.map((b) => b.document as unknown),
    fc.tuple(built, fc.jsonValue({ maxDepth: 2 }), fc.nat()).map(([{ document }, value, pick]) => {
      const copy = structuredClone(document) as unknown as Record<string, unknown>;
      const keys = Object.keys(copy);
      copy[keys[pick % keys.length] as string] = value;
      return copy as unknown;
    }),
    fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1 }),
  );

  it("changing the case of a member name", () => {
    let refusals = 0;
    fc.assert(
      fc.property(document, fc.nat(), recase, mediaTypes, (value, pick, change, mediaType) => {
        const places = structKeys(value);
        fc.pre(places.length > 0);
        const place = places[pick % places.length] as KeyPlace;
        fc.pre(change(place.key) !== place.key);
        const options = mediaType === undefined ? {} : { mediaType };
        const original = validate(encoder.encode(JSON.stringify(value)), options);
        fc.pre(!original.issues.some((i) => i.code === "json-case-fold-key"));
        const mutated = validate(encoder.encode(serialize(value, place, change)), options);
        if (!original.valid) {
          refusals++;
          expect(mutated.valid).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
    // The property is about refusals: make sure the generator produced some.
    expect(refusals).toBeGreaterThan(20);
  });

  it("writing a member twice, with the same value, also escaped", () => {
    fc.assert(
      fc.property(document, fc.nat(), fc.boolean(), mediaTypes, (value, pick, escaped, mediaType) => {
        const places = structKeys(value);
        fc.pre(places.length > 0);
        const place = places[pick % places.length] as KeyPlace;
        const options = mediaType === undefined ? {} : { mediaType };
        const twice = serialize(value, place, (key) => [key, key]);
        // The repeat may be written with \u escapes: the same name once unescaped.
        const text = escaped
          ? twice.replace(
              `${JSON.stringify(place.key)}:`,
              `"${[...place.key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")}":`,
            )
          : twice;
        const mutated = validate(encoder.encode(text), options);
        expect(mutated.valid).toBe(false);
        expect(mutated.issues.map((i) => i.code)).toContain("json-duplicate-key");
      }),
      { numRuns: 300 },
    );
  });
});

describe("the reader's clean path finds what its full scan finds", () => {
  // JSON texts built from awkward pieces: colons in names and strings, escaped quotes before
  // "size", numbers an integer member must refuse, repeated and case-folded names, escapes.
  const ws = fc.constantFrom("", " ", "\n", "\t ");
  const number = fc.constantFrom(
    "0",
    "7",
    "-0",
    "-1",
    "1.0",
    "1e3",
    "1E+2",
    "0.5",
    "9007199254740991",
    "9007199254740992",
    "123456789012345678901",
    "1e400",
    "-1.5E-3",
  );
  const string = fc.constantFrom(
    '""',
    '"a"',
    '"a:b"',
    '"::"',
    '"size"',
    '"\\"size\\":1.0"',
    '"x\\\\"',
    '"\\/"',
    '"\\n:"',
    '"\\ud800"',
    '"\\ud83d\\ude00"',
    '"\\u003a"',
  );
  const name = fc.constantFrom(
    '"size"',
    '"schemaVersion"',
    '"a"',
    '"a:b"',
    '":"',
    '"\\u0073ize"',
    '"Size"',
    '"mediaType"',
    '"MEDIATYPE"',
    '"annotations"',
    '"\\"size"',
    '"x\\"size"',
    '"__proto__"',
  );
  const { text } = fc.letrec<{ text: string; object: string; array: string }>((tie) => ({
    text: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      number,
      string,
      fc.constantFrom("true", "false", "null"),
      tie("object"),
      tie("array"),
    ),
    object: fc
      .array(fc.tuple(name, tie("text"), ws, ws), { maxLength: 5 })
      .map((members) => `{${members.map(([n, v, a, b]) => `${a}${n}${b}:${a}${v}${b}`).join(",")}}`),
    array: fc
      .array(fc.tuple(tie("text"), ws), { maxLength: 4 })
      .map((items) => `[${items.map(([v, a]) => `${a}${v}`).join(",")}]`),
  }));
  const codes = (issues: readonly { code: string }[]) => issues.map((i) => i.code).sort();

  it("readJson gives the same findings whether or not the text can take the clean path", () => {
    fc.assert(
      fc.property(text, (json) => {
        const direct = readJson(json);
        // A \u escape anywhere sends the reader through its full scan.
        const scanned = readJson(`[${json},"\\u0041"]`);
        expect(direct.ok).toBe(true);
        expect(codes(direct.issues)).toEqual(codes(scanned.issues));
        expect((scanned.value as unknown[])[0]).toEqual(direct.value);
      }),
      { numRuns: 500 },
    );
  });
});
