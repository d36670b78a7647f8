// biome-ignore-all lint/suspicious/noExplicitAny: fixtures are edited freely to build failing documents
import { describe, expect, it } from "vitest";
import type { Rule } from "../src/validate/rule.js";
import { ruleFindings } from "../src/validate/rule-message.js";
import { falcoConfigRules } from "../src/validate/rules/falco-config.js";
import { falcoManifestRules } from "../src/validate/rules/falco-manifest.js";

const RULESFILE_CONFIG = "application/vnd.cncf.falco.rulesfile.config.v1+json";
const RULESFILE_LAYER = "application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz";
const PLUGIN_CONFIG = "application/vnd.cncf.falco.plugin.config.v1+json";
const PLUGIN_LAYER = "application/vnd.cncf.falco.plugin.layer.v1+tar.gz";
const D1 = `sha256:${"a".repeat(64)}`;
const D2 = `sha256:${"b".repeat(64)}`;
const D3 = `sha256:${"c".repeat(64)}`;

/** A Falco manifest as falcoctl pushes it, with `change` applied. */
function manifest(change: (m: Record<string, any>) => void = () => {}): Record<string, unknown> {
  const m: Record<string, any> = {
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: { mediaType: RULESFILE_CONFIG, digest: D1, size: 86 },
    layers: [
      {
        mediaType: RULESFILE_LAYER,
        digest: D2,
        size: 2560,
        annotations: { "org.opencontainers.image.title": "rules.tar.gz" },
      },
    ],
    annotations: { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" },
  };
  change(m);
  return m;
}

/** A two-platform plugin index as falcoctl pushes it, with `change` applied. */
function index(change: (m: Record<string, any>) => void = () => {}): Record<string, unknown> {
  const m: Record<string, any> = {
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.index.v1+json",
    manifests: [
      {
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        digest: D1,
        size: 500,
        platform: { architecture: "amd64", os: "linux" },
        artifactType: PLUGIN_CONFIG,
      },
      {
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        digest: D2,
        size: 500,
        platform: { architecture: "arm64", os: "linux" },
        artifactType: PLUGIN_CONFIG,
      },
    ],
  };
  change(m);
  return m;
}

function run(rules: readonly Rule<any>[], code: string, document: unknown): string[] {
  const rule = rules.find((r) => r.code === code);
  if (!rule) throw new Error(`no rule ${code}`);
  const findings = ruleFindings(rule, document);
  for (const { message } of findings) {
    expect(message.length).toBeGreaterThan(10);
    // Every placeholder was given a value.
    expect(message).not.toMatch(/\{\{\w+\}\}/);
  }
  return findings.map((finding) => finding.path);
}

const configCases: [code: string, pass: unknown, fail: unknown, paths: string[]][] = [
  [
    "falco-name-format",
    { name: "k8saudit-rules" },
    { name: "k8saudit-rules", dependencies: [{ name: "ghcr.io/acme/plugin/json", version: "0.7.0" }] },
    ["/dependencies/0/name"],
  ],
  [
    "falco-version-semver",
    { version: "0.6.1", dependencies: [{ name: "json", version: "0.7.0" }] },
    { version: "0.18.0-0.17.0-3+abc1234" },
    ["/version"],
  ],
  [
    "falco-requirement-unknown",
    { requirements: [{ name: "engine_version_semver", version: "0.37.0" }] },
    { requirements: [{ name: "engine_versoin", version: "26" }] },
    ["/requirements/0/name"],
  ],
  [
    "falco-requirement-version-format",
    {
      requirements: [
        { name: "engine_version", version: "26" },
        { name: "plugin_api_version", version: "3.0.0" },
      ],
    },
    {
      requirements: [
        { name: "plugin_api_version", version: "3" },
        { name: "engine_version", version: "latest" },
      ],
    },
    ["/requirements/0/version", "/requirements/1/version"],
  ],
  [
    "falco-requirement-legacy",
    { requirements: [{ name: "engine_version_semver", version: "0.37.0" }] },
    { requirements: [{ name: "engine_version", version: "26" }] },
    ["/requirements/0/name"],
  ],
  [
    "falco-dependency-duplicate",
    {
      dependencies: [
        { name: "a", version: "1.0.0" },
        { name: "b", version: "1.0.0", alternatives: [{ name: "a", version: "1.0.0" }] },
      ],
    },
    {
      dependencies: [
        {
          name: "a",
          version: "1.0.0",
          alternatives: [
            { name: "x", version: "1.0.0" },
            { name: "x", version: "2.0.0" },
          ],
        },
        { name: "a", version: "2.0.0" },
      ],
    },
    ["/dependencies/1/name", "/dependencies/0/alternatives/1/name"],
  ],
  [
    "falco-requirement-duplicate",
    {
      requirements: [
        { name: "a", version: "1" },
        { name: "b", version: "1" },
      ],
    },
    {
      requirements: [
        { name: "a", version: "1" },
        { name: "a", version: "2" },
      ],
    },
    ["/requirements/1/name"],
  ],
  [
    "falco-entry-incomplete",
    { dependencies: [{ name: "a", version: "1.0.0" }] },
    { dependencies: [{ name: "a" }], requirements: [{ name: "", version: "1" }] },
    ["/dependencies/0", "/requirements/0/name"],
  ],
  [
    "falco-unknown-member",
    { name: "a", Version: "1.0.0" },
    { name: "a", dependecies: [], requirements: [{ name: "engine_version", version: "26", op: ">=" }] },
    ["/dependecies", "/requirements/0/op"],
  ],
  [
    "falco-null-value",
    { name: "a" },
    { name: null, dependencies: [{ name: "a", version: "1.0.0", alternatives: null }] },
    ["/name", "/dependencies/0/alternatives"],
  ],
];

describe("falcoConfigRules: one passing and one failing document per rule", () => {
  it("covers every rule", () => {
    expect(configCases.map((c) => c[0]).sort()).toEqual(falcoConfigRules.map((r) => r.code).sort());
  });
  it.each(configCases)("%s", (code, pass, fail, paths) => {
    expect(run(falcoConfigRules, code, pass)).toEqual([]);
    expect(run(falcoConfigRules, code, fail)).toEqual(paths);
  });
  it("survives documents of the wrong shape", () => {
    for (const doc of [
      {},
      { dependencies: "x" },
      { dependencies: [1, null, []] },
      { requirements: { name: "x" } },
    ]) {
      for (const rule of falcoConfigRules) expect(() => rule.check(doc as never, () => {}, {})).not.toThrow();
    }
  });
});

const manifestCases: [code: string, pass: unknown, fail: unknown, paths: string[]][] = [
  [
    "falco-manifest-layer-count",
    manifest(),
    manifest((m) => m.layers.push({ ...m.layers[0], digest: D3 })),
    ["/layers"],
  ],
  [
    "falco-manifest-layer-kind",
    manifest(),
    manifest((m) => {
      m.layers[0].mediaType = PLUGIN_LAYER;
    }),
    ["/layers/0/mediaType"],
  ],
  [
    "falco-layer-title-missing",
    manifest(),
    manifest((m) => {
      delete m.layers[0].annotations;
    }),
    ["/layers/0"],
  ],
  [
    "falco-layer-title-path",
    manifest(),
    manifest((m) => {
      m.layers[0].annotations["org.opencontainers.image.title"] = "../../etc/cron.d/x";
    }),
    ["/layers/0/annotations/org.opencontainers.image.title"],
  ],
  [
    "falco-config-annotations",
    manifest(),
    manifest((m) => {
      m.config.annotations = { "org.opencontainers.image.title": "config" };
    }),
    ["/config/annotations"],
  ],
  [
    "falco-index-platform-missing",
    index(),
    index((m) => {
      delete m.manifests[1].platform;
    }),
    ["/manifests/1"],
  ],
  [
    "falco-index-platform-duplicate",
    index(),
    index((m) => {
      m.manifests[1].platform.architecture = "amd64";
    }),
    ["/manifests/1/platform"],
  ],
  [
    "falco-index-artifact-type",
    index(),
    index((m) => {
      delete m.manifests[0].artifactType;
    }),
    ["/manifests/0"],
  ],
];

describe("falcoManifestRules: one passing and one failing document per rule", () => {
  it("covers every rule", () => {
    expect(manifestCases.map((c) => c[0]).sort()).toEqual(falcoManifestRules.map((r) => r.code).sort());
  });
  it.each(manifestCases)("%s", (code, pass, fail, paths) => {
    expect(run(falcoManifestRules, code, pass)).toEqual([]);
    expect(run(falcoManifestRules, code, fail)).toEqual(paths);
  });

  it("leaves other artifacts alone", () => {
    const image = {
      schemaVersion: 2,
      config: {
        mediaType: "application/vnd.oci.image.config.v1+json",
        digest: D1,
        size: 2,
        annotations: { a: "b" },
      },
      layers: [],
    };
    const imageIndex = {
      schemaVersion: 2,
      manifests: [{ mediaType: "application/vnd.oci.image.manifest.v1+json", digest: D1, size: 2 }],
    };
    for (const rule of falcoManifestRules) {
      for (const doc of [image, imageIndex, {}, { layers: "x" }, { manifests: [null, 1] }]) {
        const found: string[] = [];
        rule.check(doc as never, (p) => found.push(p), {});
        expect(found).toEqual([]);
      }
    }
  });

  it("recognises a Falco manifest by its first layer alone, as falcoctl does", () => {
    const m = manifest((x) => {
      x.config = { mediaType: "application/vnd.oci.empty.v1+json", digest: D1, size: 2 };
      delete x.layers[0].annotations;
    });
    expect(run(falcoManifestRules, "falco-layer-title-missing", m)).toEqual(["/layers/0"]);
  });
});

describe("docs/falco.md", () => {
  it("names every Falco rule code", async () => {
    const { readFileSync } = await import("node:fs");
    const doc = readFileSync(new URL("../docs/falco.md", import.meta.url), "utf8");
    const missing = [...falcoConfigRules, ...falcoManifestRules]
      .map((r) => r.code)
      .filter((c) => !doc.includes(`\`${c}\``));
    expect(missing).toEqual([]);
  });
});
