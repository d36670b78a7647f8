import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BuildError } from "../src/builders/build-error.js";
import { buildFalcoConfig, type FalcoConfigInput } from "../src/builders/falco-config.js";
import { FalcoSyntaxError, parseFalcoDependency, parseFalcoRequirement } from "../src/falco/index.js";

const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const sha256 = (b: Uint8Array) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

interface Case {
  description: string;
  input: FalcoConfigInput;
  expected: string;
  size: number;
  digest: string;
}
const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/falco/config-cases.json", import.meta.url), "utf8"),
) as {
  cases: Case[];
};

describe("buildFalcoConfig: our own cases", () => {
  it.each(fixtures.cases.map((c) => [c.description, c] as const))("%s", (_d, c) => {
    const built = buildFalcoConfig(c.input);
    expect(decode(built.bytes)).toBe(c.expected);
    expect(built.descriptor.digest).toBe(c.digest);
    expect(sha256(built.bytes)).toBe(c.digest);
    expect(built.descriptor.size).toBe(c.size);
    expect(built.descriptor.mediaType).toBe(
      `application/vnd.cncf.falco.${c.input.kind ?? "rulesfile"}.config.v1+json`,
    );
    expect(JSON.parse(c.expected)).toEqual(built.document);
  });

  it("prints the 98 bytes of `ocispec falco config --name falco-rules --version 2.0.0 --requires engine_version:26`", () => {
    const { bytes, descriptor } = buildFalcoConfig({
      name: "falco-rules",
      version: "2.0.0",
      requirements: ["engine_version:26"],
    });
    expect(bytes.length).toBe(98);
    expect(descriptor.digest).toBe("sha256:5edca1a8eea6c01df18acab6956b1e285c72890dc4cf719a86e73bb2c43c70d5");
  });

  it("does not change its input", () => {
    const input = {
      dependencies: [{ name: "b", version: "1.0.0", alternatives: [{ name: "z", version: "1.0.0" }] }],
    };
    const copy = structuredClone(input);
    buildFalcoConfig({ dependencies: [...input.dependencies, "b:2.0.0|a:1.0.0"] });
    expect(input).toEqual(copy);
  });

  it.each([
    [{ name: "Falco" }, "name", "^[a-z]+[a-z0-9-_]*$"],
    [{ version: "1.0" }, "version", "semantic version"],
    [{ version: "1.0.0+build" }, "version", "without build metadata"],
    [{ dependencies: ["json"] }, "dependencies[0]", '"name:version"'],
    [{ dependencies: ["json:1.0.0|Bad:1.0.0"] }, "dependencies[0]", "invalid artifact name"],
    [{ dependencies: [{ name: "json", version: "v1" }] }, "dependencies[0].version", "semantic version"],
    [
      { dependencies: [{ name: "json", version: "1.0.0", alternatives: [{ name: "", version: "1.0.0" }] }] },
      "dependencies[0].alternatives[0].name",
      "name",
    ],
    [{ requirements: ["engine_version"] }, "requirements[0]", '"name:version"'],
    [{ requirements: [{ name: "engine_version", version: "" }] }, "requirements[0].version", "non-empty"],
    [{ requirements: ["engine_version_semver:0.37"] }, "requirements[0].version", "semantic version"],
    [{ requirements: ["engine_version:latest"] }, "requirements[0].version", "integer engine version"],
    [{ kind: "chart" }, "kind", "rulesfile"],
  ] as [FalcoConfigInput, string, string][])("refuses %j at %s", (input, field, message) => {
    let error: unknown;
    try {
      buildFalcoConfig(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).field).toBe(field);
    expect((error as BuildError).message).toContain(message);
  });
});

describe("parseFalcoDependency", () => {
  it("parses name:version", () => {
    expect(parseFalcoDependency("json:0.7.0")).toEqual({ name: "json", version: "0.7.0" });
  });

  it("turns the other references into sorted, de-duplicated alternatives", () => {
    expect(
      parseFalcoDependency("k8saudit:0.6.0|k8saudit-gke:0.1.0|k8saudit-eks:0.2.0|k8saudit-gke:0.3.0"),
    ).toEqual({
      name: "k8saudit",
      version: "0.6.0",
      alternatives: [
        { name: "k8saudit-eks", version: "0.2.0" },
        { name: "k8saudit-gke", version: "0.3.0" },
      ],
    });
  });

  it.each([
    ["json", "invalid artifact reference"],
    ["json:1.0.0:x", "invalid artifact reference"],
    ["ghcr.io/falcosecurity/plugins/plugin/json:0.7.0", "invalid artifact name"],
    ["Json:1.0.0", "invalid artifact name"],
    ["1json:1.0.0", "invalid artifact name"],
    ["json:1.0", "invalid artifact version"],
    ["json:v1.0.0", "invalid artifact version"],
    ["json:1.0.0+abc", "invalid artifact version"],
    ["json:01.0.0", "invalid artifact version"],
    ["json:1.0.0|", "invalid artifact reference"],
  ])("refuses %j (%s)", (text, message) => {
    expect(() => parseFalcoDependency(text)).toThrow(FalcoSyntaxError);
    expect(() => parseFalcoDependency(text)).toThrow(message);
  });

  it("accepts semver pre-releases and names with - and _", () => {
    expect(parseFalcoDependency("my_dep-2:1.2.3-rc.1")).toEqual({ name: "my_dep-2", version: "1.2.3-rc.1" });
  });
});

describe("parseFalcoRequirement", () => {
  it("parses name:version, including the legacy integer engine_version", () => {
    expect(parseFalcoRequirement("engine_version:26")).toEqual({ name: "engine_version", version: "26" });
    expect(parseFalcoRequirement("engine_version_semver:0.37.0")).toEqual({
      name: "engine_version_semver",
      version: "0.37.0",
    });
  });

  it.each([
    ["engine_version", "format"],
    ["a:b:c", "format"],
    [":1.0.0", "name is empty"],
    ["engine_version:", "version is empty"],
  ])("refuses %j (%s)", (text, message) => {
    expect(() => parseFalcoRequirement(text)).toThrow(FalcoSyntaxError);
    expect(() => parseFalcoRequirement(text)).toThrow(message);
  });
});

const referenceDir = join(__dirname, "..", "..", "shared", "reference", "falco");
if (!existsSync(referenceDir))
  console.warn(`skipping the published Falco digests: ${referenceDir} is absent`);

describe.skipIf(!existsSync(referenceDir))("buildFalcoConfig: published Falco configs, byte for byte", () => {
  // The README's table: | configs/<file> | <bytes> | <12-hex prefix>… | where published |
  const readme = existsSync(referenceDir) ? readFileSync(join(referenceDir, "README.md"), "utf8") : "";
  const published = new Map(
    [...readme.matchAll(/^\| configs\/(\S+) \| (\d+) \| ([0-9a-f]{12})… \|/gm)].map((m) => [
      m[1] as string,
      { size: Number(m[2]), prefix: m[3] as string },
    ]),
  );
  const files = existsSync(referenceDir) ? readdirSync(join(referenceDir, "configs")).sort() : [];

  it("lists a published digest for every reference config", () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
    expect([...published.keys()].sort()).toEqual(files);
  });

  it.each(files)("%s", (file) => {
    const bytes = new Uint8Array(readFileSync(join(referenceDir, "configs", file)));
    const parsed = JSON.parse(decode(bytes)) as FalcoConfigInput;
    const built = buildFalcoConfig({
      ...(parsed.name !== undefined && { name: parsed.name }),
      ...(parsed.version !== undefined && { version: parsed.version }),
      ...(parsed.dependencies !== undefined && { dependencies: parsed.dependencies }),
      ...(parsed.requirements !== undefined && { requirements: parsed.requirements }),
    });
    expect(decode(built.bytes)).toBe(decode(bytes));
    const { size, prefix } = published.get(file) ?? { size: -1, prefix: "missing" };
    expect(built.descriptor.size).toBe(size);
    expect(built.descriptor.digest.startsWith(`sha256:${prefix}`)).toBe(true);
  });
});
