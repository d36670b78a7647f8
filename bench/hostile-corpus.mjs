// The hostile corpus: documents an attacker sends a registry, each at most 4 MiB (the default
// limits.maxBytes), generated here at bench time (nothing hostile is stored in the repository).
// Finding floods of each kind — reader, schema, rules, for each document kind — escapes,
// case-folded and duplicate keys, deep nesting, and the documents issue 17 reported.
// `npm run bench -- --check` holds each to ≤ 25× JSON.parse of the same bytes and ≤ 64 MB of heap
// growth (bench/budgets.mjs); test/hostile-corpus.test.ts checks each result is bounded.
import { createHash } from "node:crypto";

const MAX_BYTES = 4 * 1024 * 1024;
/** The size the documents fill: 4 MiB in the bench; smaller for the tests, whose bounds hold at any size past the cap. */
let LIMIT = MAX_BYTES;
const MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const INDEX = "application/vnd.oci.image.index.v1+json";
const CONFIG = "application/vnd.oci.image.config.v1+json";
const LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
const sha = (s) => `sha256:${createHash("sha256").update(s).digest("hex")}`;
const CONFIG_DESCRIPTOR = JSON.stringify({ mediaType: CONFIG, digest: sha("config"), size: 1470 });
const utf8 = (text) => new TextEncoder().encode(text);

/** `head` + as many `item`s as fit (joined by `separator`) + `tail`, at most `LIMIT` bytes. */
function fill(head, item, tail, separator = ",") {
  const room = LIMIT - utf8(head).length - utf8(tail).length;
  const each = utf8(item).length + separator.length;
  const count = Math.floor((room + separator.length) / each);
  return utf8(head + Array(count).fill(item).join(separator) + tail);
}

/** A string of `unit` repeated to fill the document. */
function fillString(head, unit, tail) {
  const room = LIMIT - utf8(head).length - utf8(tail).length;
  return utf8(head + unit.repeat(Math.floor(room / utf8(unit).length)) + tail);
}

const manifestHead = `{"schemaVersion":2,"mediaType":"${MANIFEST}","config":${CONFIG_DESCRIPTOR},"layers":[`;
const manifestWithAnnotation = (key) =>
  `{"schemaVersion":2,"mediaType":"${MANIFEST}","config":${CONFIG_DESCRIPTOR},"layers":[],"annotations":{"${key}":"`;

/**
 * Each entry: a name, the bytes, and the Content-Type it is sent with. `size` is what each document
 * fills (at most 4 MiB, the default): the tests use smaller ones, as floods far past the cap.
 */
export function hostileCorpus(size = MAX_BYTES) {
  if (!(size <= MAX_BYTES)) throw new Error("hostile corpus: at most 4 MiB per document");
  LIMIT = size;
  const layer = JSON.stringify({ mediaType: LAYER, digest: sha("layer"), size: 1 });
  let deep = 0;
  const docs = [
    // Issue 17, items 2 and 3: schema floods, "required" and "type".
    { name: "manifest layers [{},…]", bytes: fill(manifestHead, "{}", "]}"), mediaType: MANIFEST },
    { name: "manifest layers [0,…]", bytes: fill(manifestHead, "0", "]}"), mediaType: MANIFEST },
    {
      name: "index manifests [{},…]",
      bytes: fill(`{"schemaVersion":2,"mediaType":"${INDEX}","manifests":[`, "{}", "]}"),
      mediaType: INDEX,
    },
    {
      name: "docker list manifests [{},…]",
      bytes: fill(
        '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[',
        "{}",
        "]}",
      ),
      mediaType: "application/vnd.docker.distribution.manifest.list.v2+json",
    },
    {
      name: "config diff_ids [0,…]",
      bytes: fill('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[', "0", "]}}"),
      mediaType: CONFIG,
    },
    {
      name: 'config history [{"x":0},…]',
      bytes: fill(
        '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"history":[',
        '{"created_by":0}',
        "]}",
      ),
      mediaType: CONFIG,
    },
    // A rule flood: every layer passes the schema and fails a rule (upper-case hex).
    {
      name: "manifest layers, one rule finding each",
      bytes: fill(
        manifestHead,
        JSON.stringify({ mediaType: LAYER, digest: `sha256:${"A".repeat(64)}`, size: 1 }),
        "]}",
      ),
      mediaType: MANIFEST,
    },
    // Reader floods.
    {
      name: "duplicate keys",
      bytes: fill(manifestWithAnnotation("a").slice(0, -5), '"a":""', "}}"),
      mediaType: MANIFEST,
    },
    {
      name: 'case-folded keys [{"MediaType":…},…]',
      bytes: fill(manifestHead, '{"MediaType":""}', "]}"),
      mediaType: MANIFEST,
    },
    {
      name: 'non-canonical sizes [{"size":1.0},…]',
      bytes: fill(manifestHead, '{"size":1.0}', "]}"),
      mediaType: MANIFEST,
    },
    {
      name: "lone surrogates in one string",
      bytes: fillString(manifestWithAnnotation("a"), "\\ud800", '"}}'),
      mediaType: MANIFEST,
    },
    // Escapes on a valid document (issue 17, item 5: 699k \u0041 in one string took 18.8 s).
    // Counts in names are at 4 MiB.
    {
      name: "\\u0041 filling one string (699k)",
      bytes: fillString(manifestWithAnnotation("a"), "\\u0041", '"}}'),
      mediaType: MANIFEST,
    },
    {
      name: "\\\\ filling one string (2M)",
      bytes: fillString(manifestWithAnnotation("a"), "\\\\", '"}}'),
      mediaType: MANIFEST,
    },
    {
      name: "escaped annotation keys",
      bytes: (() => {
        let k = 0;
        const head = manifestWithAnnotation("a").slice(0, -5);
        const parts = [];
        let size = utf8(head).length + 2;
        for (;;) {
          const key = `"\\u006b${(k++).toString(36)}":""`;
          if (size + key.length + 1 > LIMIT) break;
          parts.push(key);
          size += key.length + 1;
        }
        return utf8(`${head}${parts.join(",")}}}`);
      })(),
      mediaType: MANIFEST,
    },
    // Structure.
    {
      name: "nesting as deep as the bytes go (2M)",
      bytes: utf8("[".repeat(LIMIT / 2) + "]".repeat(LIMIT / 2)),
      mediaType: MANIFEST,
    },
    {
      name: "nesting 60 deep, repeated",
      bytes: (() => {
        const unit = `${"[".repeat(60)}${"]".repeat(60)}`;
        deep = Math.floor((LIMIT - 400) / (unit.length + 1));
        return utf8(`${manifestHead}],"x":[${Array(deep).fill(unit).join(",")}]}`);
      })(),
      mediaType: MANIFEST,
    },
    {
      name: "newlines filling the document (4M)",
      bytes: fillString(`${manifestHead}${layer}`, "\n", "]}"),
      mediaType: MANIFEST,
    },
  ];
  for (const doc of docs) {
    if (doc.bytes.length > LIMIT) throw new Error(`hostile corpus: ${doc.name} is over ${LIMIT} bytes`);
  }
  return docs;
}
