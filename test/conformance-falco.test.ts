import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildFalcoConfig, type FalcoConfigInput } from "../src/builders/index.js";
import { validate, validateFalcoConfig } from "../src/validate/index.js";

// Falco configs and manifests as falcoctl and Falco's publishing tools wrote them: every one of them
// is valid (warnings allowed: the legacy engine_version requirement, for instance).

const reference = new URL("../../shared/reference/falco/", import.meta.url);
const present = existsSync(reference);
if (!present) console.warn(`falco reference configs: skipped, ${reference.pathname} is absent`);

const CONFIG_TYPES = ["rulesfile", "plugin", "asset"].map(
  (k) => `application/vnd.cncf.falco.${k}.config.v1+json`,
);

describe.skipIf(!present)("conformance: published Falco configs and manifests", () => {
  const dir = new URL("configs/", reference);
  const files = present ? readdirSync(dir).sort() : [];

  it("every reference config is valid, as a config of each kind and through validate() by Content-Type", () => {
    const valid = files.filter((file) => {
      const bytes = new Uint8Array(readFileSync(new URL(file, dir)));
      const direct = validateFalcoConfig(bytes);
      expect(direct.kind, file).toBe("falco-config");
      expect(
        direct.issues.filter((i) => i.severity === "error"),
        file,
      ).toEqual([]);
      for (const mediaType of CONFIG_TYPES) {
        const result = validate(bytes, { mediaType });
        expect(result.kind, file).toBe("falco-config");
        expect(result.valid, `${file} as ${mediaType}`).toBe(true);
      }
      return direct.valid;
    });
    console.log(`falco configs: ${valid.length}/${files.length} valid`);
    expect(files.length).toBeGreaterThanOrEqual(7);
    expect(valid).toEqual(files);
  });

  it("the legacy engine_version configs are valid with the legacy warning", () => {
    const legacy = files.filter((f) => f.includes("legacy"));
    expect(legacy.length).toBeGreaterThan(0);
    for (const file of legacy) {
      const result = validateFalcoConfig(new Uint8Array(readFileSync(new URL(file, dir))));
      expect(result.valid).toBe(true);
      expect(result.issues.map((i) => i.code)).toContain("falco-requirement-legacy");
    }
  });

  it("the k8saudit-rules 0.6.1 manifest from ghcr.io is a valid Falco manifest under both presets", () => {
    const bytes = readFileSync(new URL("manifests/real-k8saudit-rules-0.6.1.manifest.json", reference));
    for (const preset of ["default", "strict"] as const) {
      const result = validate(new Uint8Array(bytes), { preset });
      expect(result.kind).toBe("image-manifest");
      expect(result.issues.filter((i) => i.code.startsWith("falco-"))).toEqual([]);
      expect(result.valid).toBe(true);
    }
  });
});

describe("conformance: our own Falco config cases (no ../shared needed)", () => {
  const cases = (
    JSON.parse(readFileSync(new URL("./fixtures/falco/config-cases.json", import.meta.url), "utf8")) as {
      cases: { description: string; input: FalcoConfigInput; expected: string }[];
    }
  ).cases;

  it("every built config is valid under the strict preset", () => {
    let valid = 0;
    for (const c of cases) {
      const built = buildFalcoConfig(c.input);
      const result = validateFalcoConfig(built.bytes, {
        preset: "strict",
        expectedDigest: built.descriptor.digest,
      });
      expect(result.valid, c.description).toBe(true);
      if (result.valid) valid++;
    }
    console.log(`falco built configs: ${valid}/${cases.length} valid (strict)`);
  });
});

describe("validateFalcoConfig through the pipeline", () => {
  it("locates findings by pointer, line and column", () => {
    const text =
      '{\n  "name": "Falco Rules",\n  "requirements": [\n    { "name": "engine_versoin", "version": "26" }\n  ]\n}';
    const result = validateFalcoConfig(text);
    expect(result.valid).toBe(true);
    const byCode = new Map(result.issues.map((i) => [i.code, i]));
    expect(byCode.get("falco-name-format")).toMatchObject({ path: "/name", severity: "warning" });
    expect(byCode.get("falco-requirement-unknown")).toMatchObject({ path: "/requirements/0/name" });
    // Positions come from the strict reader; when it gives them they point at the value's line.
    for (const [code, line] of [
      ["falco-name-format", 2],
      ["falco-requirement-unknown", 4],
    ] as const) {
      const found = byCode.get(code)?.line;
      if (found !== undefined) expect(found).toBe(line);
    }
    expect(byCode.get("falco-requirement-unknown")?.message).toContain("engine_version_semver");
  });

  it("refuses members of the wrong type, as Go's decoder does", () => {
    const result = validateFalcoConfig(
      '{"name":"x","dependencies":{"name":"json"},"requirements":[{"name":1}]}',
    );
    expect(result.valid).toBe(false);
    expect(
      result.issues
        .filter((i) => i.severity === "error")
        .map((i) => i.path)
        .sort(),
    ).toEqual(["/dependencies", "/requirements/0/name"]);
  });

  it("refuses member names Go would fold onto falcoctl's fields (the strict reader's json-case-fold-key)", () => {
    const result = validateFalcoConfig('{"Name":"x"}');
    expect(result.valid).toBe(false);
    expect(result.issues.map((i) => [i.code, i.path])).toContainEqual(["json-case-fold-key", "/Name"]);
  });

  it("recognises a config by Content-Type and by its dependency or requirement lists", () => {
    expect(validate('{"requirements":[{"name":"engine_version_semver","version":"0.37.0"}]}').kind).toBe(
      "falco-config",
    );
    expect(validate("{}", { mediaType: CONFIG_TYPES[1] as string }).kind).toBe("falco-config");
  });

  it("reports the Falco manifest rules through validate()", () => {
    const manifest = {
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: {
        mediaType: CONFIG_TYPES[0],
        digest: `sha256:${"a".repeat(64)}`,
        size: 2,
        annotations: { a: "b" },
      },
      layers: [
        {
          mediaType: "application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz",
          digest: `sha256:${"b".repeat(64)}`,
          size: 10,
        },
      ],
    };
    const result = validate(JSON.stringify(manifest));
    expect(result.valid).toBe(false);
    expect(result.issues.filter((i) => i.code.startsWith("falco-")).map((i) => [i.code, i.severity])).toEqual(
      [
        ["falco-layer-title-missing", "error"],
        ["falco-config-annotations", "warning"],
      ],
    );
  });
});
