// Every JavaScript/TypeScript example in docs/ and the README that imports "ocispec" is executed
// against the built package, so no example in the docs can rot.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transformSync } from "esbuild";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const docFiles = [
  "README.md",
  ...readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

interface Example {
  file: string;
  line: number;
  code: string;
}

/** Fenced ```js / ```ts blocks that import the package; other languages are for reading only. */
function extractExamples(file: string, markdown: string): Example[] {
  const examples: Example[] = [];
  const fence = /^```(js|javascript|ts|typescript|mjs)\s*\n([\s\S]*?)^```/gm;
  for (let m = fence.exec(markdown); m !== null; m = fence.exec(markdown)) {
    const code = m[2] ?? "";
    if (!/from\s+["']ocispec(?:\/core)?["']/.test(code)) continue;
    examples.push({ file, line: markdown.slice(0, m.index).split("\n").length, code });
  }
  return examples;
}

const examples = docFiles.flatMap((f) => extractExamples(f, readFileSync(join(root, f), "utf8")));
const built = existsSync(join(root, "dist", "index.js"));

describe("extractExamples", () => {
  it("keeps only code blocks that import the package", () => {
    const md =
      '# t\n```js\nimport { validate } from "ocispec";\n```\n```go\nimport "x"\n```\n```ts\nconst a = 1;\n```\n';
    const found = extractExamples("x.md", md);
    expect(found).toHaveLength(1);
    expect(found[0]?.line).toBe(2);
  });
});

describe.skipIf(!built || examples.length === 0)("docs examples run against the built package", () => {
  // The examples run from a folder inside the repository so that `import "ocispec"` resolves to
  // this package through its own `exports` map (Node's package self-reference).
  const dir = join(root, ".tmp", "docs-examples");

  it.each(examples.map((e) => [`${e.file}:${e.line}`, e] as const))("%s", (_name, example) => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const js = transformSync(example.code, { loader: "ts", format: "esm", target: "node20" }).code;
    const file = join(dir, "example.mjs");
    writeFileSync(file, js);
    const run = spawnSync(process.execPath, [file], { cwd: dir, encoding: "utf8", timeout: 30_000 });
    expect(run.stderr, `${example.file}:${example.line} failed:\n${run.stderr}`).toBe("");
    expect(run.status).toBe(0);
  });
});
