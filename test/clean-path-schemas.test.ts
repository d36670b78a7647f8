import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { mapMemberNames } from "../src/json/spec-member-names.js";
import { CLEAN_PATH_DEPTH } from "../src/validate/clean-path.js";
import { countMembers, ociImageManifest } from "../src/validate/generated/validators.js";
import { UNDESCRIBED_DEPTH } from "../src/validate/undescribed-members.js";

/**
 * What the clean path's member count assumes of the schemas (scripts/compile-schemas.mjs counts the
 * members each object schema describes): maps — whose keys it counts without Go's case folding —
 * only where the strict reader reads maps too, and a depth within CLEAN_PATH_DEPTH.
 */

const schemaDir = fileURLToPath(new URL("../schemas/", import.meta.url));
type Schema = Record<string, unknown>;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(dir, entry.name))
      : entry.name.endsWith(".json")
        ? [join(dir, entry.name)]
        : [],
  );
}

const read = (file: string): Schema => JSON.parse(readFileSync(file, "utf8"));

/** Every object or array node reachable from `schema`, with the member name that leads to it and its depth. */
function* nodes(
  schema: Schema,
  file: string,
  root: Schema,
  member: string | undefined,
  depth: number,
): Generator<{ schema: Schema; member: string | undefined; depth: number; file: string }> {
  const ref = schema.$ref;
  if (typeof ref === "string") {
    if (ref.startsWith("#/")) {
      const target = ref
        .slice(2)
        .split("/")
        .reduce<unknown>((node, key) => (node as Schema)[key], root) as Schema;
      yield* nodes(target, file, root, member, depth);
    } else {
      const target = join(dirname(file), ref);
      const schemaThere = read(target);
      yield* nodes(schemaThere, target, schemaThere, member, depth);
    }
    return;
  }
  const types = ([] as unknown[]).concat(schema.type);
  const container = types.includes("object") || types.includes("array");
  const here = container ? depth + 1 : depth;
  if (container) yield { schema, member, depth: here, file };
  for (const [name, child] of Object.entries((schema.properties as Record<string, Schema>) ?? {}))
    yield* nodes(child, file, root, name, here);
  if (typeof schema.additionalProperties === "object")
    yield* nodes(schema.additionalProperties as Schema, file, root, undefined, here);
  if (typeof schema.items === "object") yield* nodes(schema.items as Schema, file, root, undefined, here);
}

const entries = files(schemaDir).filter((file) => !file.includes(`${join("schemas", "defs")}`));

describe("the schemas, as the clean path's member count reads them", () => {
  it("count a map's keys freely only where the strict reader reads a map (annotations, Labels, …)", () => {
    const maps: string[] = [];
    for (const file of entries) {
      const schema = read(file);
      for (const node of nodes(schema, file, schema, undefined, 0)) {
        if (typeof node.schema.additionalProperties !== "object") continue;
        maps.push(`${node.member}`);
        expect(mapMemberNames.has(node.member ?? ""), `${file}: a map under ${node.member}`).toBe(true);
      }
    }
    expect(maps).toContain("annotations");
  });

  it("describe no deeper than CLEAN_PATH_DEPTH leaves room for values they do not describe", () => {
    let deepest = 0;
    for (const file of entries) {
      const schema = read(file);
      for (const node of nodes(schema, file, schema, undefined, 0)) deepest = Math.max(deepest, node.depth);
    }
    expect(deepest).toBeGreaterThanOrEqual(4); // index → manifests → descriptor → platform
    expect(deepest + UNDESCRIBED_DEPTH).toBeLessThanOrEqual(CLEAN_PATH_DEPTH);
  });
});

describe("countMembers", () => {
  it("stops at the first error: a hostile document's million failures are never made", () => {
    const layers: unknown[] = [0, 0, 0];
    let readPastFirst = false;
    Object.defineProperty(layers, 1, {
      get() {
        readPastFirst = true;
        return 0;
      },
    });
    const config = { mediaType: "a/b", digest: `sha256:${"0".repeat(64)}`, size: 1 };
    const manifest = { schemaVersion: 2, config, layers };
    expect(countMembers(ociImageManifest, manifest)).toBe(-1);
    expect(readPastFirst).toBe(false);
  });

  it("counts every member of a valid document the schema walks", () => {
    const descriptor = { mediaType: "a/b", digest: `sha256:${"0".repeat(64)}`, size: 1 };
    const manifest = { schemaVersion: 2, config: descriptor, layers: [descriptor], annotations: { k: "v" } };
    expect(countMembers(ociImageManifest, manifest)).toBe(4 + 3 + 3 + 1);
  });
});
