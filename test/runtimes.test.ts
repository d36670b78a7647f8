// scripts/runtimes.mjs, the matrix CI tests on, against what package.json and the docs promise.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script without declarations
import { runtimes, selectRuntimes } from "../scripts/runtimes.mjs";

interface Runtime {
  id: string;
  kind: "node" | "deno" | "bun";
  line: string;
  version: string;
  why: string;
}

const root = join(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const rows = runtimes as readonly Runtime[];
const nodes = rows.filter((r) => r.kind === "node");
const read = (file: string) => readFileSync(join(root, file), "utf8");

describe("the runtime matrix", () => {
  it("pins an exact version on its own line for every runtime, with a reason", () => {
    for (const r of rows) {
      expect(r.version, r.id).toMatch(/^\d+\.\d+\.\d+$/);
      expect(r.version.split(".")[0], r.id).toBe(r.line);
      expect(r.why.length, r.id).toBeGreaterThan(10);
    }
    expect(rows.map((r) => r.id)).toEqual(["node20", "node22", "node24", "node26", "deno", "bun"]);
  });

  it("tests Node at exactly the floor of engines", () => {
    const floor = /^>=(\d+\.\d+\.\d+)$/.exec(pkg.engines.node)?.[1];
    expect(floor, `engines.node is ${pkg.engines.node}`).toBeDefined();
    expect(nodes[0]?.version).toBe(floor);
  });

  it("the README and getting started state the floor and every tested version", () => {
    const floor = nodes[0]?.version as string;
    for (const file of ["README.md", "docs/getting-started.md"]) {
      const text = read(file);
      expect(text, file).toContain(`Node.js ${floor}`);
      for (const r of rows.slice(1)) expect(text, `${file}: ${r.id}`).toContain(r.version);
    }
  });

  it("selects by id, by Node line, by list and all; refuses an unknown name", () => {
    const ids = (value?: string, kinds?: string[]) =>
      (selectRuntimes(value, kinds ? { kinds } : undefined) as Runtime[]).map((r) => r.id);
    expect(ids()).toEqual(rows.map((r) => r.id));
    expect(ids("all", ["node"])).toEqual(nodes.map((r) => r.id));
    expect(ids("24")).toEqual(["node24"]);
    expect(ids("node22,bun")).toEqual(["node22", "bun"]);
    expect(() => ids("deno", ["node"])).toThrow(/unknown runtime deno/);
    expect(() => ids("18")).toThrow(/unknown runtime 18/);
  });
});
