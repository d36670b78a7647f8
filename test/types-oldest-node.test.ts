// The published declarations compile for a consumer on the oldest Node line `engines` allows: a
// TypeScript project with that line's @types/node (the devDependency, which must stay on that line),
// no DOM library (a Node program has none), strict, and without skipLibCheck so our .d.ts files are
// checked too, importing `ocispec` and `ocispec/core` by package name from ESM and from CommonJS
// under node16 resolution. A type the declarations take from the DOM, or from a newer @types/node,
// fails here.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const built = ["dist/index.d.ts", "dist/index.d.cts", "dist/core.d.ts", "dist/core.d.cts"].every((f) =>
  existsSync(join(root, f)),
);
if (!built)
  console.warn("types-oldest-node.test.ts skipped: dist/*.d.ts missing: run npm run build (npm test does)");

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const typesNode = JSON.parse(readFileSync(join(root, "node_modules/@types/node/package.json"), "utf8"));
/** The oldest Node major `engines.node` admits (">=20", ">=20.19.0" → 20). */
const oldestMajor = Number(/^>=\s*(\d+)/.exec(pkg.engines.node)?.[1]);

const ESM_CONSUMER = `
import { buildImageManifest, emptyDescriptor, validate, validateUpload, type ValidationResult } from "ocispec";
import { validate as validateCore } from "ocispec/core";
const built = buildImageManifest({ config: emptyDescriptor, layers: [emptyDescriptor], artifactType: "application/x.example" });
const result: ValidationResult = validate(built.bytes);
const upload = validateUpload(built.bytes, { contentType: built.descriptor.mediaType, reference: "v1" });
const status: number = upload.status;
const bytes: Buffer = Buffer.from(built.bytes);
export const outcome = [result.valid, validateCore(bytes).valid, status] as const;
`;

const CJS_CONSUMER = `
import ocispec = require("ocispec");
import core = require("ocispec/core");
const text: string = JSON.stringify(ocispec.emptyDescriptor);
export const valid: boolean = core.validate(text).valid && ocispec.validate(new Uint8Array(2)).valid;
`;

describe.skipIf(!built)("the published types on the oldest supported Node", () => {
  const dir = mkdtempSync(join(tmpdir(), "ocispec-types-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the @types/node devDependency is the oldest supported line's", () => {
    expect(oldestMajor, `engines.node is ${pkg.engines.node}`).toBeGreaterThan(0);
    expect(Number(typesNode.version.split(".")[0]), `@types/node ${typesNode.version}`).toBe(oldestMajor);
  });

  it("compile from ESM and CommonJS under node16 resolution, no DOM, lib checked", () => {
    mkdirSync(join(dir, "node_modules", "@types"), { recursive: true });
    symlinkSync(root, join(dir, "node_modules", "ocispec"), "dir");
    symlinkSync(join(root, "node_modules/@types/node"), join(dir, "node_modules/@types/node"), "dir");
    writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
    writeFileSync(join(dir, "esm.mts"), ESM_CONSUMER);
    writeFileSync(join(dir, "cjs.cts"), CJS_CONSUMER);
    const program = ts.createProgram([join(dir, "esm.mts"), join(dir, "cjs.cts")], {
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts"],
      types: ["node"],
      typeRoots: [join(dir, "node_modules/@types")],
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      preserveSymlinks: false,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName.replace(root, "<repo>")}: ` : "";
      return `${where}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    expect(diagnostics).toEqual([]);
    // The declarations checked are the package's own, reached through its exports.
    const files = program.getSourceFiles().map((f) => f.fileName);
    for (const d of ["dist/index.d.ts", "dist/core.d.ts", "dist/index.d.cts", "dist/core.d.cts"])
      expect(
        files.some((f) => f.endsWith(d)),
        d,
      ).toBe(true);
    expect(files.some((f) => f.includes("@types/node/"))).toBe(true);
  });
});
