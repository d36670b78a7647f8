// DESIGN.md, "Pure core": the library runs in Node, browsers, Deno and Bun — no `node:` imports
// outside cli/. Proven on what ships: esbuild reads every import, dynamic import and require() of
// the built dist/index.js and dist/index.cjs, and the core must import nothing outside itself (it has
// no runtime dependencies, so anything external is a Node builtin or a missing package). A run-time
// lookup such as `globalThis.process?.getBuiltinModule?.("crypto")` is not an import and is allowed.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const coreFiles = ["dist/index.js", "dist/index.cjs"];
const built = coreFiles.every((f) => existsSync(join(root, f)));
if (!built) console.warn("core-purity.test.ts skipped: dist/ is missing: run npm run build (npm test does)");

/** One import of a module from outside the file's own bundle. */
interface ExternalImport {
  path: string;
  kind: string;
}

/**
 * Every import, `import()` and `require()` of `file` that leaves it, as esbuild's parser sees them
 * (comments and strings that merely mention a module do not count).
 */
async function externalImports(file: string): Promise<ExternalImport[]> {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    metafile: true,
    platform: "neutral",
    format: "esm",
    logLevel: "silent",
    plugins: [
      {
        name: "everything-bare-is-external",
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path, external: true }));
        },
      },
    ],
  });
  return Object.values(result.metafile.inputs).flatMap((input) =>
    input.imports.filter((i) => i.external === true).map((i) => ({ path: i.path, kind: i.kind })),
  );
}

const isBuiltin = (specifier: string) =>
  specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0] ?? "");

describe("externalImports", () => {
  const dir = mkdtempSync(join(tmpdir(), "ocispec-purity-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("finds static, dynamic and require() imports of builtins, and ignores mentions in strings", async () => {
    const esm = join(dir, "sample.mjs");
    writeFileSync(
      esm,
      [
        'import { readFileSync } from "node:fs";',
        'export { createHash } from "crypto";',
        'export const later = () => import("node:path");',
        'export const note = "see import x from \\"node:os\\"";',
        "export const lookup = globalThis.process?.getBuiltinModule?.('crypto');",
        "export const r = readFileSync;",
      ].join("\n"),
    );
    const cjs = join(dir, "sample.cjs");
    writeFileSync(cjs, 'const fs = require("fs");\nmodule.exports = { fs, u: require("node:util") };\n');
    expect((await externalImports(esm)).map((i) => i.path).sort()).toEqual([
      "crypto",
      "node:fs",
      "node:path",
    ]);
    expect((await externalImports(cjs)).map((i) => i.path).sort()).toEqual(["fs", "node:util"]);
    expect(["node:fs", "crypto", "fs/promises", "path"].every(isBuiltin)).toBe(true);
    expect(isBuiltin("ocispec")).toBe(false);
  });
});

/** Module specifiers a declaration file imports or references (`import … from`, `import("…")`, `/// <reference types>`). */
function declarationImports(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    /^\s*\/\/\/\s*<reference\s+types=["']([^"']+)["']/gm,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1] ?? "");
  return found;
}

describe("declarationImports", () => {
  it("finds imports, import types and type references", () => {
    const text = [
      '/// <reference types="node" />',
      'import { Readable } from "node:stream";',
      'export type { Hash } from "crypto";',
      'declare const b: import("buffer").Buffer;',
      '/** see `import x from "node:os"` */',
    ].join("\n");
    expect(declarationImports(text).sort()).toEqual(["buffer", "crypto", "node", "node:stream"]);
  });
});

describe.skipIf(!built)("the built core", () => {
  it.each(["dist/index.d.ts", "dist/index.d.cts"])("%s needs no Node types", (file) => {
    const imports = declarationImports(readFileSync(join(root, file), "utf8"));
    expect(imports.filter((i) => i === "node" || isBuiltin(i))).toEqual([]);
  });

  it.each(coreFiles)("%s imports no Node builtin and nothing else from outside", async (file) => {
    const imports = await externalImports(join(root, file));
    expect(imports.filter((i) => isBuiltin(i.path))).toEqual([]);
    expect(imports).toEqual([]);
  });
});
