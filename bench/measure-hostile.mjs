// One hostile document, measured in this fresh process (bench/run.mjs starts one per document):
// CPU time of validate(bytes) and of decode + JSON.parse on the same bytes, interleaved rounds,
// medians; and the heap growth of one validate call. Run with --expose-gc.
// Usage: node --expose-gc bench/measure-hostile.mjs <file URL of the built entry> <hostile index>
import { hostileCorpus } from "./hostile-corpus.mjs";
import { cpuNs, median } from "./sampling.mjs";

const [entryUrl, indexArg] = process.argv.slice(2);
const { validate } = await import(entryUrl);
const doc = hostileCorpus()[Number(indexArg)];
const decoder = new TextDecoder("utf-8", { fatal: true });
const options = { mediaType: doc.mediaType };

/** Heap in use after `fn` returns, its result still held, over the heap before (collected): bytes. */
function heapGrowth(fn) {
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const kept = fn();
  const growth = process.memoryUsage().heapUsed - before;
  if (kept === undefined) throw new Error("nothing kept");
  return growth;
}

// JSON.parse may refuse the document (2M-deep nesting): then the floor is the decode and the throw.
const parse = () => {
  try {
    return JSON.parse(decoder.decode(doc.bytes));
  } catch (error) {
    return error;
  }
};
const ours = () => validate(doc.bytes, options);

const result = ours(); // warm: the first call compiles
parse();
const parseGrowth = heapGrowth(parse);
const validateGrowth = heapGrowth(ours);
// Few rounds: a hostile call costs up to a second, and each round times one call of each.
const parseNs = [];
const validateNs = [];
for (let round = 0; round < 5; round++) {
  let t0 = cpuNs();
  parse();
  parseNs.push(cpuNs() - t0);
  t0 = cpuNs();
  ours();
  validateNs.push(cpuNs() - t0);
}
const ratios = parseNs.map((p, r) => validateNs[r] / p);
console.log(
  JSON.stringify({
    name: doc.name,
    bytes: doc.bytes.length,
    parseMs: median(parseNs) / 1e6,
    validateMs: median(validateNs) / 1e6,
    ratioToParse: median(ratios),
    validateHeapMB: validateGrowth / 2 ** 20,
    parseHeapMB: parseGrowth / 2 ** 20,
    issues: result.issues.length,
    last: result.issues.at(-1)?.code ?? null,
    bodyBytes: JSON.stringify(result.issues).length,
  }),
);
