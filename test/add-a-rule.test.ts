import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validate as shippedValidate } from "../src/index.js";

/**
 * A rule is stated once: added in its one place — the rule list of its kind, of descriptors or of
 * annotations — it applies to bytes, strings and objects alike, clean path included, with no other
 * file touched. A fixture build proves it: a copy of src/ with three rules added, each in its own
 * list and nowhere else, imported and run on documents the shipped library finds clean.
 */

const root = fileURLToPath(new URL("..", import.meta.url));
const fixture = join(root, "test", ".fixture-build", `add-a-rule-${process.pid}`);

/** Each added rule: the file it goes into, the list it joins, and its source. */
const additions = [
  {
    file: "src/validate/rules/image-manifest.ts",
    list: "export const imageManifestRules: readonly Rule<ImageManifest>[] = [",
    entry: "fixtureManifestRule",
    source: `export const fixtureManifestRule = defineRule({
  code: "fixture-manifest-rule" as never,
  severity: "error",
  ref: "test/add-a-rule.test.ts",
  description: "A manifest is not annotated org.example.manifest.",
  messages: { annotated: "annotated org.example.manifest" },
  check(manifest: ImageManifest, report) {
    if (manifest.annotations?.["org.example.manifest"] !== undefined) report("/annotations", "annotated");
  },
});`,
  },
  {
    file: "src/validate/rules/descriptor.ts",
    list: "export const descriptorRules: readonly Rule<Descriptor>[] = [",
    entry: "fixtureDescriptorRule",
    source: `export const fixtureDescriptorRule = defineRule({
  code: "fixture-descriptor-rule" as never,
  severity: "warning",
  ref: "test/add-a-rule.test.ts",
  description: "No descriptor has size 12345.",
  members: ["size"],
  messages: { size: "{{where}}size is 12345" },
  check(descriptor: Descriptor, report) {
    if (descriptor.size === 12345) report("/size", "size");
  },
});`,
  },
  {
    file: "src/validate/rules/annotations.ts",
    list: "export function annotationRulesFor<T>(map: AnnotationMap<T>): Rule<T>[] {\n  return [",
    entry: "fixtureAnnotationRule(map)",
    source: `function fixtureAnnotationRule<T>(map: AnnotationMap<T>): Rule<T> {
  return defineRule({
    code: "fixture-annotation-rule" as never,
    severity: "info",
    ref: "test/add-a-rule.test.ts",
    description: "No annotation is named org.example.flag.",
    members: [map.member],
    messages: { flagged: "{{where}}flagged" },
    check(subject: T, report) {
      const value = map.read(subject);
      if (value !== null && typeof value === "object" && "org.example.flag" in value)
        report(\`\${map.pointer}/org.example.flag\`, "flagged");
    },
  });
}`,
  },
];

type Validate = typeof shippedValidate;
let fixtureValidate: Validate;
let fixtureClean: (bytes: Uint8Array) => unknown;

beforeAll(async () => {
  rmSync(fixture, { recursive: true, force: true });
  cpSync(join(root, "src"), join(fixture, "src"), { recursive: true });
  for (const { file, list, entry, source } of additions) {
    const path = join(fixture, file);
    const text = readFileSync(path, "utf8");
    expect(text, `${file} holds ${list}`).toContain(list);
    // The rule is defined just above the list it joins: the list is the one place that names it.
    writeFileSync(path, text.replace(list, `${source}\n\n${list}\n  ${entry},`));
  }
  const entry = await import(pathToFileURL(join(fixture, "src", "index.ts")).href);
  fixtureValidate = entry.validate;
  const clean = await import(pathToFileURL(join(fixture, "src", "validate", "clean-path.ts")).href);
  fixtureClean = (bytes) => {
    const parsed = clean.decodeAndParse(bytes, {});
    return parsed === undefined ? undefined : clean.cleanResult(bytes, parsed, {}, {});
  };
});

afterAll(() => rmSync(fixture, { recursive: true, force: true }));

const digest = (n: number) => `sha256:${n.toString(16).padStart(64, "0")}`;

/** A clean manifest with each rule's trigger, or none. */
function manifest(triggers: { manifest?: boolean; descriptor?: boolean; annotation?: boolean }) {
  return {
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: digest(1), size: 1470 },
    layers: [
      {
        mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
        digest: digest(2),
        size: triggers.descriptor === true ? 12345 : 32,
        ...(triggers.annotation === true ? { annotations: { "org.example.flag": "x" } } : {}),
      },
    ],
    ...(triggers.manifest === true ? { annotations: { "org.example.manifest": "x" } } : {}),
  };
}

const cases = [
  { triggers: { manifest: true }, code: "fixture-manifest-rule", path: "/annotations" },
  { triggers: { descriptor: true }, code: "fixture-descriptor-rule", path: "/layers/0/size" },
  {
    triggers: { annotation: true },
    code: "fixture-annotation-rule",
    path: "/layers/0/annotations/org.example.flag",
  },
];

describe("a rule added in its one place", () => {
  for (const { triggers, code, path } of cases) {
    it(`${code} applies to bytes, strings and objects alike`, () => {
      const document = manifest(triggers);
      const text = JSON.stringify(document, null, 2);
      const bytes = new TextEncoder().encode(text);
      // The shipped library finds the document clean, by its clean path too.
      expect(shippedValidate(bytes).issues).toEqual([]);
      for (const input of [bytes, text, document]) {
        const found = fixtureValidate(input).issues.map((issue) => `${issue.code} ${issue.path}`);
        expect(found, typeof input).toEqual([`${code} ${path}`]);
      }
      // The clean path itself does not prove it clean any more.
      expect(fixtureClean(bytes)).toBeUndefined();
    });
  }

  it("leaves documents without the triggers clean, by the clean path", () => {
    const bytes = new TextEncoder().encode(JSON.stringify(manifest({})));
    expect(fixtureValidate(bytes).issues).toEqual([]);
    expect(fixtureClean(bytes)).toBeDefined();
  });
});
