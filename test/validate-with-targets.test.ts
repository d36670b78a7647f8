// The root entry's validators (src/registry/validate-with-targets.generated.ts) are generated from
// `ocispec/core`'s (src/validate/validate.ts): the committed file must be the renderer's output, and
// the two sets must differ in the registry profiles alone.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderValidateWithTargets } from "../src/registry/render-validate-with-targets.js";
import * as root from "../src/registry/validate-with-targets.generated.js";
import * as core from "../src/validate/validate.js";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

// A Falco asset: GitLab's registry refuses its media types (a profile finding), every validator reads it.
const asset = {
  schemaVersion: 2,
  mediaType: "application/vnd.oci.image.manifest.v1+json",
  config: {
    mediaType: "application/vnd.cncf.falco.asset.config.v1+json",
    digest: `sha256:${"a".repeat(64)}`,
    size: 2,
  },
  layers: [],
};

describe("validate-with-targets.generated.ts", () => {
  it("is src/validate/validate.ts as the renderer writes it", () => {
    expect(
      read("src/registry/validate-with-targets.generated.ts"),
      "validate-with-targets.generated.ts is stale: run `npm run generate` (scripts/write-validators.mjs) and commit it",
    ).toBe(renderValidateWithTargets(read("src/validate/validate.ts")));
  });

  it("refuses a core file without the extensions line it replaces", () => {
    expect(() => renderValidateWithTargets("export function validate() {}\n")).toThrow(/EXTENSIONS/);
  });

  it("exports the same validators as the core, each its own function", () => {
    const rootValidators = new Map(Object.entries(root));
    const coreValidators = new Map(Object.entries(core));
    expect([...rootValidators.keys()].sort()).toEqual([...coreValidators.keys()].sort());
    expect(coreValidators.size).toBe(8);
    for (const [name, validator] of coreValidators) expect(rootValidators.get(name)).not.toBe(validator);
  });

  it("runs the registry profiles for targets; the core answers targets-unsupported", () => {
    const codes = (result: { issues: { code: string }[] }) => result.issues.map((issue) => issue.code);
    expect(codes(root.validate(asset, { targets: ["gitlab"] }))).not.toContain("targets-unsupported");
    expect(codes(root.validate(asset, { targets: ["gitlab"] })).length).toBeGreaterThan(0);
    expect(codes(core.validate(asset, { targets: ["gitlab"] }))).toContain("targets-unsupported");
    expect(codes(root.validateImageManifest(asset, { targets: ["gitlab"] }))).toEqual(
      codes(root.validate(asset, { targets: ["gitlab"] })),
    );
    expect(codes(core.validateImageManifest(asset, { targets: ["gitlab"] }))).toContain(
      "targets-unsupported",
    );
  });

  it("validates as the validator's kind, whatever the document says", () => {
    const kinds = Object.fromEntries(
      Object.entries(root).map(([name, validator]) => [name, validator(asset).kind]),
    );
    expect(kinds).toEqual({
      validate: "image-manifest",
      validateDescriptor: "descriptor",
      validateDockerManifest: "docker-manifest",
      validateDockerManifestList: "docker-manifest-list",
      validateFalcoConfig: "falco-config",
      validateImageConfig: "image-config",
      validateImageIndex: "image-index",
      validateImageManifest: "image-manifest",
    });
  });
});
