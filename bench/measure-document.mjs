// One corpus document, measured in this fresh process (bench/run.mjs starts one per document):
// the floor (decode + JSON.parse + sha256), JSON.parse alone, validate(bytes), and the naive approach
// as issue #16 defines it: ajv with image-spec's own schemas + JSON.parse + sha256 (a registry needs
// the digest either way; validate returns it).
// Usage: node bench/measure-document.mjs <file URL of the built entry> <corpus index>. Prints JSON.
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { corpus } from "./corpus.mjs";
import { compileNaive, imageSpecSchemaDir } from "./naive.mjs";
import { measureInterleaved } from "./sampling.mjs";

const [entryUrl, indexArg] = process.argv.slice(2);
const { computeDigest, validate } = await import(entryUrl);
const doc = corpus()[Number(indexArg)];
const schemaDir = imageSpecSchemaDir(join(dirname(fileURLToPath(import.meta.url)), ".."));
const naive = schemaDir ? compileNaive(schemaDir) : undefined;
const decoder = new TextDecoder("utf-8", { fatal: true });

const verdict = validate(doc.bytes);
const floor = () => {
  JSON.parse(decoder.decode(doc.bytes));
  createHash("sha256").update(doc.bytes).digest("hex");
};
const parseOnly = () => JSON.parse(decoder.decode(doc.bytes));
// What any validator that answers with the digest must do: decode, parse, hash (this library's
// hashing). Its ratio to the naive contender is how far below the naive any validator can get.
const bound = () => {
  JSON.parse(decoder.decode(doc.bytes));
  computeDigest(doc.bytes);
};
const ours = () => validate(doc.bytes);
const naiveFn = naive
  ? () => {
      naive[doc.naive](JSON.parse(decoder.decode(doc.bytes)));
      createHash("sha256").update(doc.bytes).digest("hex");
    }
  : undefined;
const m = measureInterleaved({
  floor,
  parseOnly,
  bound,
  ours,
  ...(naiveFn === undefined ? {} : { naive: naiveFn }),
});
console.log(
  JSON.stringify({
    name: doc.name,
    bytes: doc.bytes.length,
    floorUs: m.ns.floor / 1e3,
    parseUs: m.ns.parseOnly / 1e3,
    validateUs: m.ns.ours / 1e3,
    naiveUs: naiveFn === undefined ? undefined : m.ns.naive / 1e3,
    ratioToFloor: m.ratio("ours", "floor"),
    ratioToNaive: naiveFn === undefined ? undefined : m.ratio("ours", "naive"),
    naiveRatioToParse: naiveFn === undefined ? undefined : m.ratio("naive", "parseOnly"),
    boundRatioToNaive: naiveFn === undefined ? undefined : m.ratio("bound", "naive"),
    errors: verdict.valid ? undefined : verdict.issues.map((i) => i.code).join(", "),
  }),
);
