// The folders of src/ depend on each other one way (DESIGN.md: "The data flows one way"): a cycle
// between two folders means neither can be read, tested or moved without the other. This reads every
// import of src/**/*.ts (static, type-only, re-exports and import()) with TypeScript's own
// pre-processor and fails on any cycle between top-level folders, naming it with one import per step.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../src");

/** One import that crosses from one top-level folder into another. */
interface Crossing {
  file: string;
  specifier: string;
}

/** folder → folder it imports → the imports that do it. Files directly in src/ are the folder ".". */
type FolderGraph = Map<string, Map<string, Crossing[]>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

function folderOf(path: string): string {
  const parts = relative(SRC, path).split("/");
  return parts.length > 1 ? (parts[0] as string) : ".";
}

function folderGraph(): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith(".")) continue;
      const target = resolve(dirname(file), specifier);
      if (relative(SRC, target).startsWith("..")) continue;
      const to = folderOf(target);
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, Crossing[]>();
      graph.set(from, edges);
      edges.set(to, [...(edges.get(to) ?? []), { file: relative(SRC, file), specifier }]);
    }
  }
  return graph;
}

/**
 * The cycles between folders: for each strongly connected component of more than one folder
 * (Tarjan), the shortest cycle through each of its folders, each cycle once, starting at its
 * alphabetically first folder — e.g. ["builders", "validate", "falco", "builders"].
 */
function folderCycles(graph: ReadonlyMap<string, ReadonlyMap<string, unknown>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component);
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  const cycles = new Map<string, string[]>();
  for (const component of components) {
    for (const start of [...component].sort()) {
      const cycle = shortestCycle(graph, new Set(component), start);
      const first = cycle.indexOf([...cycle].sort()[0] as string);
      const rotated = [...cycle.slice(first, -1), ...cycle.slice(0, first)];
      cycles.set(rotated.join(" "), [...rotated, rotated[0] as string]);
    }
  }
  return [...cycles.values()];
}

/** The shortest closed walk from `start` back to itself inside `members`, by breadth-first search. */
function shortestCycle(
  graph: ReadonlyMap<string, ReadonlyMap<string, unknown>>,
  members: Set<string>,
  start: string,
): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0] as string) as string);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}

function describeCycle(graph: FolderGraph, cycle: string[]): string {
  const steps = cycle.slice(1).map((to, i) => {
    const from = cycle[i] as string;
    const crossings = graph.get(from)?.get(to) ?? [];
    const shown = crossings
      .slice(0, 3)
      .map(({ file, specifier }) => `src/${file} imports ${specifier}`)
      .join("; ");
    const more = crossings.length > 3 ? ` (+${crossings.length - 3} more)` : "";
    return `  ${from} → ${to}: ${shown}${more}`;
  });
  return `${cycle.join(" → ")}\n${steps.join("\n")}`;
}

describe("folder graph of src/", () => {
  it("finds the cycles of a graph that has them, and none in one that has none", () => {
    const graph = (edges: Record<string, string[]>) =>
      new Map(Object.entries(edges).map(([from, tos]) => [from, new Map(tos.map((to) => [to, []]))]));
    expect(folderCycles(graph({ json: ["vocabulary"], validate: ["json", "vocabulary"] }))).toEqual([]);
    expect(folderCycles(graph({ json: ["validate"], validate: ["json"] }))).toEqual([
      ["json", "validate", "json"],
    ]);
    expect(
      folderCycles(
        graph({ falco: ["builders"], builders: ["validate"], validate: ["falco", "json"], json: [] }),
      ),
    ).toEqual([["builders", "validate", "falco", "builders"]]);
    expect(folderCycles(graph({ a: ["b", "c"], b: ["a"], c: ["a"] }))).toEqual([
      ["a", "b", "a"],
      ["a", "c", "a"],
    ]);
  });

  it("reads every kind of import: type-only, re-export and import()", () => {
    const text = [
      'import type { A } from "../a/x.js";',
      'export { B } from "../b/y.js";',
      'const c = await import("../c/z.js");',
    ].join("\n");
    expect(ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName)).toEqual([
      "../a/x.js",
      "../b/y.js",
      "../c/z.js",
    ]);
  });

  it("has no cycle between top-level folders", () => {
    const graph = folderGraph();
    expect(graph.size).toBeGreaterThan(5);
    const cycles = folderCycles(graph).map((cycle) => describeCycle(graph, cycle));
    expect(cycles, `folder cycles in src/:\n${cycles.join("\n")}`).toEqual([]);
  });
});
