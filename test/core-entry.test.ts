// `ocispec/core` (src/core.ts): what a registry or a pre-push hook imports to validate. Checked on
// what ships (dist/), through the package's own `exports` map: its names are the documented list,
// they are the root entry's functions and behave as them, the root still exports everything, the
// registry profiles stay out of the core, and `targets` on the core is the documented error.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import * as source from "../src/index.js";
import * as constants from "../src/media-types/constants.js";

const root = join(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const built = ["dist/core.js", "dist/core.cjs", "dist/index.js", "dist/index.cjs"].every((f) =>
  existsSync(join(root, f)),
);
if (!built) console.warn("core-entry.test.ts skipped: dist/ is missing: run npm run build (npm test does)");

/** README.md's "API reference" list, as names. */
const CORE_EXPORTS = [
  // digests
  "DIGEST_REF",
  "DigestError",
  "checkDigest",
  "computeDigest",
  "hashBackend",
  "lookupDigestAlgorithm",
  "parseDigest",
  "registeredDigestAlgorithms",
  "verifyDigest",
  // media types: parsing and the predicates (the annotated table stays in the root entry)
  "MediaTypeError",
  "OCI_MEDIA_TYPE_PATTERN",
  "checkMediaType",
  "isConfigMediaType",
  "isIndexMediaType",
  "isLayerMediaType",
  "isManifestMediaType",
  "isNonDistributableMediaType",
  "layerCompression",
  "parseMediaType",
  // validation: the validators and the type guards
  "isDescriptor",
  "isDockerManifest",
  "isDockerManifestList",
  "isImageConfig",
  "isImageIndex",
  "isImageLayout",
  "isImageManifest",
  "validate",
  "validateDescriptor",
  "validateDockerManifest",
  "validateDockerManifestList",
  "validateFalcoConfig",
  "validateImageConfig",
  "validateImageIndex",
  "validateImageManifest",
  // the vocabulary options are checked against
  "issueCodeNames",
  "targetNames",
];
/** The validators: the root's run the registry profiles for `targets`, so they are other functions. */
const VALIDATORS = CORE_EXPORTS.filter((name) => name.startsWith("validate"));
/** The media-type constants (src/media-types/constants.ts), all in the core. */
const CONSTANTS = Object.keys(constants);
const isConstant = (name: string) => CONSTANTS.includes(name);
/** A sample of what the root has and the core leaves out. */
const ROOT_ONLY = [
  "buildImageManifest",
  "buildImageIndex",
  "createPolicy",
  "validateUpload",
  "toDistributionError",
  "profileFindings",
  "registryProfiles",
  "ruleCatalog",
  "readJson",
  "renderMediaTypesMarkdown",
  // the annotated media-type table and what reads it
  "mediaTypes",
  "lookupMediaType",
  "dockerToOci",
  "ociToDocker",
  "mediaTypesJson",
];

type Module = Record<string, unknown>;
type Validator = (
  input: unknown,
  options?: Record<string, unknown>,
) => {
  valid: boolean;
  kind: string;
  issues: { code: string; severity: string }[];
};

const EMPTY = { mediaType: "application/vnd.oci.empty.v1+json", digest: `sha256:${"4".repeat(64)}`, size: 2 };
const manifest = {
  schemaVersion: 2,
  mediaType: "application/vnd.oci.image.manifest.v1+json",
  artifactType: "application/vnd.example.thing.v1",
  config: {
    mediaType: "application/vnd.oci.empty.v1+json",
    digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
    size: 2,
  },
  layers: [
    {
      mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
      digest: `sha256:${"a".repeat(64)}`,
      size: 1234,
      annotations: { "org.opencontainers.image.title": "layer.tar.gz" },
    },
  ],
};
const falcoAsset = {
  ...manifest,
  artifactType: undefined,
  config: { ...manifest.config, mediaType: "application/vnd.cncf.falco.asset.config.v1+json" },
  layers: [{ ...manifest.layers[0], mediaType: "application/vnd.cncf.falco.asset.layer.v1+tar.gz" }],
};
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
/** Inputs for the behaviour comparison: valid, invalid, unreadable, of several kinds. */
const SAMPLES: unknown[] = [
  encode(manifest),
  JSON.stringify(manifest),
  manifest,
  encode({ ...manifest, layers: [{ ...EMPTY, size: -1 }] }),
  encode({ schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests: [] }),
  encode({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [] } }),
  encode({ name: "falco-rules", version: "3.0.0" }),
  new TextEncoder().encode('{"schemaVersion":2,"schemaVersion":2}'),
  new TextEncoder().encode("{"),
  { hello: "world" },
  42,
];

describe.skipIf(!built)("ocispec/core, as built", () => {
  let core: Module;
  let rootEntry: Module;
  beforeAll(async () => {
    // Through the exports map (package self-reference), as a user imports it.
    core = await import("ocispec/core");
    rootEntry = await import("ocispec");
  });

  it("is in package.json's exports, for import and require, each with its own types", () => {
    expect(pkg.exports["./core"]).toEqual({
      import: { types: "./dist/core.d.ts", default: "./dist/core.js" },
      require: { types: "./dist/core.d.cts", default: "./dist/core.cjs" },
    });
  });

  it("exports exactly the documented names: digests, media-type parsing and predicates, the validators and guards", () => {
    const names = Object.keys(core);
    expect(names.filter((name) => !isConstant(name)).sort()).toEqual([...CORE_EXPORTS].sort());
    expect(names.filter(isConstant).sort()).toEqual([...CONSTANTS].sort());
    expect(CONSTANTS).toContain("OCI_IMAGE_MANIFEST");
    for (const name of ROOT_ONLY) expect(names, name).not.toContain(name);
  });

  it("exports the same names from the CommonJS build", () => {
    const required = createRequire(import.meta.url)(join(root, "dist", "core.cjs")) as Module;
    expect(Object.keys(required).sort()).toEqual(Object.keys(core).sort());
  });

  it("shares everything but the validators with the root entry: the same functions and values", () => {
    for (const name of Object.keys(core)) {
      if (VALIDATORS.includes(name)) continue;
      expect(core[name], name).toBe(rootEntry[name]);
    }
    const error = (() => {
      try {
        (core.parseMediaType as (s: string) => unknown)("not a media type");
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(rootEntry.MediaTypeError as new () => Error);
  });

  it.each(VALIDATORS)("%s answers as the root entry's, for every sample input", (name) => {
    const ours = core[name] as Validator;
    const theirs = rootEntry[name] as Validator;
    expect(typeof ours).toBe("function");
    for (const input of SAMPLES) {
      for (const options of [undefined, { preset: "strict" }, { rules: { "layers-empty": "error" } }]) {
        expect(ours(input, options)).toEqual(theirs(input, options));
      }
    }
  });

  it("answers targets with one targets-unsupported error, and otherwise as without them", () => {
    const validate = core.validate as Validator;
    for (const input of [encode(manifest), falcoAsset]) {
      const plain = validate(input);
      const targeted = validate(input, { targets: ["gitlab"] });
      expect(plain.valid).toBe(true);
      expect(targeted.valid).toBe(false);
      expect(targeted.issues.filter((i) => i.code === "targets-unsupported")).toEqual([
        expect.objectContaining({
          severity: "error",
          path: "",
          message: expect.stringMatching(/options\.targets .*"ocispec\/core".*"ocispec"/),
        }),
      ]);
      expect(targeted.issues.filter((i) => i.code !== "targets-unsupported")).toEqual(plain.issues);
    }
    const kindSpecific = (core.validateImageManifest as Validator)(falcoAsset, { targets: ["gitlab"] });
    expect(kindSpecific.issues.map((i) => i.code)).toContain("targets-unsupported");
    // An empty list asks for nothing.
    expect(validate(falcoAsset, { targets: [] }).valid).toBe(true);
    // `rules` can turn it down like any other code.
    expect(
      validate(falcoAsset, { targets: ["gitlab"], rules: { "targets-unsupported": "warning" } }).valid,
    ).toBe(true);
  });

  it("lets the root entry's validators run the registry profiles for the same targets", () => {
    const result = (rootEntry.validate as Validator)(falcoAsset, { targets: ["gitlab"] });
    const codes = result.issues.map((i) => i.code);
    expect(codes).toContain("target-gitlab-unknown-media-type");
    expect(codes).not.toContain("targets-unsupported");
    const unknown = (rootEntry.validateImageManifest as Validator)(falcoAsset, { targets: ["gitlba"] });
    expect(unknown.issues.map((i) => i.code)).toContain("options-invalid");
  });

  it("leaves the registry profiles, policy, builders and the annotated media-type table out of its bundle", async () => {
    const result = await build({
      entryPoints: [join(root, "dist", "core.js")],
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      logLevel: "silent",
    });
    const text = result.outputFiles[0]?.text ?? "";
    expect(text).toContain("targets-unsupported");
    for (const marker of [
      // a profile check's own text (its code is in the core: the IssueCode list options are checked against)
      "looks up mediaType, config.mediaType and artifactType in a hard-coded media-type table",
      "UnknownTargetError",
      "createPolicy",
      "buildImageManifest",
      // the table's annotations: a row's description, spec URL and knownBy
      "Ansible collection",
      "https://docs.ansible.com/ansible/latest/collections_guide/",
      "knownBy",
    ]) {
      expect(text, marker).not.toContain(marker);
    }
  });
});

describe.skipIf(!built)("ocispec, the root entry, as built", () => {
  it("still exports everything src/index.ts exports, the core's names included", async () => {
    const rootEntry: Module = await import("ocispec");
    expect(Object.keys(rootEntry).sort()).toEqual(Object.keys(source).sort());
    const core: Module = await import("ocispec/core");
    for (const name of Object.keys(core)) expect(Object.keys(rootEntry), name).toContain(name);
    for (const name of ROOT_ONLY) expect(typeof rootEntry[name], name).not.toBe("undefined");
  });
});
