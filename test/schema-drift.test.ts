import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { descriptorMembers } from "../src/validate/types/descriptor.js";
import { imageIndexMembers, platformMembers } from "../src/validate/types/image-index.js";
import { imageManifestMembers } from "../src/validate/types/image-manifest.js";

// The type half of the drift check: each member list is declared `satisfies MemberPresence<T>`, so
// `tsc` fails when it misses a member of the interface, adds one, or gets a member's presence wrong.
// This test is the schema half: each list names exactly the schema's properties and required members.

interface ObjectSchema {
  properties: Record<string, { $ref?: string; items?: { $ref?: string } }>;
  required?: string[];
}

function schema(path: string): ObjectSchema {
  return JSON.parse(readFileSync(new URL(`../schemas/${path}`, import.meta.url), "utf8"));
}

function presence(object: ObjectSchema): Record<string, "required" | "optional"> {
  const required = new Set(object.required ?? []);
  return Object.fromEntries(
    Object.keys(object.properties).map((name) => [name, required.has(name) ? "required" : "optional"]),
  );
}

const descriptor = schema("oci/descriptor.json");
const manifest = schema("oci/image-manifest.json");
const index = schema("oci/image-index.json");

describe("types and schemas do not drift: descriptor, image manifest, image index, platform", () => {
  it.each([
    ["Descriptor", descriptorMembers, descriptor],
    ["ImageManifest", imageManifestMembers, manifest],
    ["ImageIndex", imageIndexMembers, index],
    ["Platform", platformMembers, schema("defs/platform.json")],
  ] as const)("%s names exactly the schema's members, with the same presence", (_name, members, object) => {
    expect({ ...members }).toEqual(presence(object));
  });

  it("descriptor-typed members of the manifest and index reference the descriptor schema", () => {
    for (const member of ["config", "subject"])
      expect(manifest.properties[member]?.$ref).toBe("descriptor.json");
    expect(manifest.properties.layers?.items?.$ref).toBe("descriptor.json");
    expect(index.properties.manifests?.items?.$ref).toBe("descriptor.json");
    expect(index.properties.subject?.$ref).toBe("descriptor.json");
    expect(descriptor.properties.platform?.$ref).toBe("../defs/platform.json");
  });
});

describe("the schemas are compiled ahead of time", () => {
  const generated = new URL("../src/validate/generated/validators.js", import.meta.url);
  const bundle = new URL("../dist/index.js", import.meta.url);

  it("the generated validators are plain code: no compiler, no eval, only ajv's small runtime helpers, the member count's and the registered digest encodings", () => {
    const code = readFileSync(generated, "utf8");
    expect(code).not.toMatch(/new Function|\beval\(|require\(/);
    const imports = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    for (const specifier of imports)
      expect(specifier).toMatch(
        /^ajv\/dist\/runtime\/[a-z0-9_]+\.js$|^\.\.\/undescribed-members\.js$|^\.\.\/\.\.\/digest\/registered-encoding\.js$/,
      );
  });

  it.skipIf(!existsSync(bundle))(
    "the published core bundles those helpers and imports nothing from ajv",
    () => {
      const code = readFileSync(bundle, "utf8");
      expect(code).not.toMatch(/from\s*"ajv|require\("ajv|new Function\(/);
    },
  );

  it("every schema is JSON Schema 2020-12 with an $id under https://ocispec.dev/schemas/", () => {
    for (const path of [
      "defs/digest.json",
      "defs/media-type.json",
      "defs/annotations.json",
      "defs/platform.json",
      "oci/descriptor.json",
      "oci/image-manifest.json",
      "oci/image-index.json",
    ]) {
      const s = JSON.parse(readFileSync(new URL(`../schemas/${path}`, import.meta.url), "utf8"));
      expect(s.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(s.$id).toBe(`https://ocispec.dev/schemas/${path}`);
    }
  });
});
