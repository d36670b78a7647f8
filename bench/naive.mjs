// The naive baseline a user would write: ajv compiling image-spec's own (draft-04) schemas at run
// time; bench/measure-document.mjs times JSON.parse + validate + sha256 with them (issue #16's
// definition). Reads them from ../shared/reference; absent there, no baseline.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv-draft-04";

const BASE = "https://opencontainers.org/schema/naive/";

/** Folder that holds image-spec v1.1.1's schemas, or undefined when ../shared is absent. */
export function imageSpecSchemaDir(root) {
  const dir = join(root, "..", "shared", "reference", "image-spec-schema");
  return existsSync(dir) ? dir : undefined;
}

// image-spec's files resolve "defs.json" against two different base ids; registering every file
// under one base, with nested ids dropped, gives ajv one consistent namespace.
function normalise(node) {
  if (Array.isArray(node)) return node.map(normalise);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "id" && typeof v === "string") continue;
    if (k === "$ref" && typeof v === "string" && !v.startsWith("#")) out[k] = BASE + v;
    else out[k] = normalise(v);
  }
  return out;
}

/** Compiles image-spec's schemas the way a user would; returns validators by document kind. */
export function compileNaive(dir) {
  const ajv = new Ajv({ allErrors: false, strict: false });
  ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i);
  ajv.addFormat("uri", true);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    ajv.addSchema(normalise(JSON.parse(readFileSync(join(dir, file), "utf8"))), BASE + file);
  }
  return {
    manifest: ajv.getSchema(`${BASE}image-manifest-schema.json`),
    index: ajv.getSchema(`${BASE}image-index-schema.json`),
    config: ajv.getSchema(`${BASE}config-schema.json`),
  };
}
