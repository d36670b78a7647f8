import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isRfc3339DateTime } from "../src/validate/formats/rfc3339.js";
import { validate, validateImageConfig } from "../src/validate/index.js";
import type { Rule } from "../src/validate/rule.js";
import { ruleFindings } from "../src/validate/rule-message.js";
import {
  configArchitectureKnown,
  configCreatedFormat,
  configDiffIdDigest,
  configDiffIdsNull,
  configEnvFormat,
  configExposedPortFormat,
  configHistoryLayerCount,
  configOsKnown,
  configRootfsType,
  imageConfigRules,
} from "../src/validate/rules/image-config.js";
import { imageLayoutRules, layoutVersion } from "../src/validate/rules/image-layout.js";
import { type ImageConfig, isImageConfig } from "../src/validate/types/image-config.js";
import { type ImageLayout, isImageLayout } from "../src/validate/types/image-layout.js";

/** Runs one rule and collects what it reports, worded. */
function run<T>(rule: Rule<T>, document: T): { path: string; message: string }[] {
  return ruleFindings(rule, document).map(({ path, message }) => ({ path, message }));
}

const DIFF_ID = "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";

/** image-spec v1.1.1 config.md's example, trimmed. */
function config(overrides: Partial<ImageConfig> = {}): ImageConfig {
  return {
    created: "2015-10-31T22:22:56.015925234Z",
    author: "Alyssa P. Hacker <alyspdev@example.com>",
    architecture: "amd64",
    os: "linux",
    config: {
      User: "alice",
      ExposedPorts: { "8080/tcp": {} },
      Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "FOO=oci_is_a", "EMPTY="],
      Entrypoint: ["/bin/my-app-binary"],
      Cmd: ["--foreground"],
      Volumes: { "/var/job-result-data": {} },
      WorkingDir: "/home/alice",
      Labels: { "com.example.project.git.url": "https://example.com/project.git" },
    },
    rootfs: { type: "layers", diff_ids: [DIFF_ID] },
    history: [
      { created: "2015-10-31T22:22:54.690851953Z", created_by: "/bin/sh -c #(nop) ADD file:a3bc1e in /" },
      {
        created: "2015-10-31T22:22:55.613815829Z",
        created_by: '/bin/sh -c #(nop) CMD ["sh"]',
        empty_layer: true,
      },
    ],
    ...overrides,
  };
}

describe("image config rules: one passing and one failing document per code", () => {
  it("every rule passes the spec's example", () => {
    for (const rule of imageConfigRules) expect(run(rule, config()), rule.code).toEqual([]);
  });

  it("config-rootfs-type: rootfs.type must be layers", () => {
    const found = run(configRootfsType, config({ rootfs: { type: "layer", diff_ids: [] } }));
    expect(found).toEqual([{ path: "/rootfs/type", message: expect.stringContaining('"layer"') }]);
    expect(found[0]?.message).toContain("layers");
  });

  it("config-diff-id-digest: every diff_id is a digest", () => {
    const found = run(
      configDiffIdDigest,
      config({ rootfs: { type: "layers", diff_ids: [DIFF_ID, "sha256:ABC", "not a digest"] } }),
    );
    expect(found.map((f) => f.path)).toEqual(["/rootfs/diff_ids/1", "/rootfs/diff_ids/2"]);
    expect(found[0]?.message).toMatch(/rootfs\.diff_ids\[1\].*"sha256:ABC"/);
  });

  it("config-diff-ids-null: diff_ids is an array, not null", () => {
    expect(run(configDiffIdsNull, config({ rootfs: { type: "layers", diff_ids: null } }))).toEqual([
      { path: "/rootfs/diff_ids", message: expect.stringContaining("rootfs.diff_ids is null") },
    ]);
    expect(run(configDiffIdsNull, config({ rootfs: { type: "layers", diff_ids: [] } }))).toEqual([]);
  });

  it("config-env-format: Env entries are NAME=value (image-spec vector TestConfig/9)", () => {
    const found = run(configEnvFormat, config({ config: { Env: ["PATH=/bin", "foo", "=value"] } }));
    expect(found.map((f) => f.path)).toEqual(["/config/Env/1", "/config/Env/2"]);
    expect(found[0]?.message).toContain('config.Env[1] is "foo"');
  });

  it("config-created-format: created and history[].created are RFC 3339", () => {
    const found = run(
      configCreatedFormat,
      config({
        created: "2015-10-31 22:22:56",
        history: [{ created: "yesterday" }, { created: "2015-10-31T22:22:55Z" }],
      }),
    );
    expect(found.map((f) => f.path)).toEqual(["/created", "/history/0/created"]);
    expect(found[0]?.message).toContain('created is "2015-10-31 22:22:56"');
    expect(run(configCreatedFormat, config({ created: null, history: null }))).toEqual([]);
  });

  it("config-history-layer-count: non-empty history entries match diff_ids", () => {
    const found = run(
      configHistoryLayerCount,
      config({ rootfs: { type: "layers", diff_ids: [DIFF_ID, DIFF_ID] } }),
    );
    expect(found).toEqual([{ path: "/history", message: expect.stringContaining("1 entries") }]);
    expect(run(configHistoryLayerCount, config({ history: [] }))).toEqual([]);
  });

  it("config-architecture-known: architecture is a GOARCH value", () => {
    const found = run(configArchitectureKnown, config({ architecture: "x86_64" }));
    expect(found).toEqual([{ path: "/architecture", message: expect.stringContaining('"x86_64"') }]);
    expect(run(configArchitectureKnown, config({ architecture: "arm64" }))).toEqual([]);
  });

  it("config-os-known: os is a GOOS value", () => {
    const found = run(configOsKnown, config({ os: "Linux" }));
    expect(found).toEqual([{ path: "/os", message: expect.stringContaining('"Linux"') }]);
    expect(run(configOsKnown, config({ os: "windows" }))).toEqual([]);
  });

  it("config-exposed-port-format: ExposedPorts keys are port[/tcp|/udp]", () => {
    const found = run(
      configExposedPortFormat,
      config({
        config: { ExposedPorts: { "80": {}, "53/udp": {}, "132/sctp": {}, "http/tcp": {}, "70000/tcp": {} } },
      }),
    );
    expect(found.map((f) => f.path)).toEqual([
      "/config/ExposedPorts/http~1tcp",
      "/config/ExposedPorts/70000~1tcp",
    ]);
  });

  it("rules tolerate null optional fields, as the spec allows", () => {
    const minimal = config({ config: null, history: null, created: null, author: null });
    for (const rule of imageConfigRules) expect(run(rule, minimal), rule.code).toEqual([]);
  });

  it("every rule has a kebab-case code, a ref and a description", () => {
    for (const rule of [...imageConfigRules, ...imageLayoutRules]) {
      expect(rule.code).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(rule.ref).toMatch(/^image-spec v1\.1\.1 /);
      expect(rule.description.length).toBeGreaterThan(10);
    }
  });
});

describe("image layout rule", () => {
  it("layout-version: imageLayoutVersion is 1.0.0", () => {
    const good: ImageLayout = { imageLayoutVersion: "1.0.0" };
    expect(run(layoutVersion, good)).toEqual([]);
    expect(run(layoutVersion, { imageLayoutVersion: "1.1.0" })).toEqual([
      { path: "/imageLayoutVersion", message: expect.stringContaining('"1.1.0"') },
    ]);
  });

  it("the schema requires imageLayoutVersion as a string", () => {
    expect(isImageLayout({ imageLayoutVersion: "1.0.0" })).toBe(true);
    expect(isImageLayout({ imageLayoutVersion: 1 })).toBe(false);
    expect(isImageLayout({})).toBe(false);
  });
});

describe("image config schema (isImageConfig)", () => {
  it("accepts the spec example and a minimal config", () => {
    expect(isImageConfig(config())).toBe(true);
    expect(
      isImageConfig({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [] } }),
    ).toBe(true);
  });

  it("accepts Docker's legacy members and nulls (docker:1.12.1 and fedora:23 configs from Docker Hub)", () => {
    const docker = {
      architecture: "amd64",
      os: "linux",
      container: "15a30be053fb3069a7879b4ea537e84689d8e8e8ba94dc4dd499271506803ba1",
      container_config: { Hostname: "09713501c176", Cmd: ["/bin/sh"] },
      docker_version: "1.12.1",
      config: {
        Hostname: "09713501c176",
        AttachStdin: false,
        Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
        Cmd: null,
        Image: "sha256:32e2e3ccf2a4fbaa75b078bf539cd5ea2e374a4242665a5ec3f3c01e7a3eefb8",
        Volumes: null,
        Entrypoint: null,
        OnBuild: null,
        Labels: {},
      },
      rootfs: { type: "layers", diff_ids: [DIFF_ID] },
    };
    expect(isImageConfig(docker)).toBe(true);
  });

  it("refuses the wrong types (image-spec vectors TestConfig/0-5)", () => {
    const base = { architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [DIFF_ID] } };
    expect(isImageConfig({ ...base, os: 123 })).toBe(false);
    expect(isImageConfig({ ...base, variant: 123 })).toBe(false);
    expect(isImageConfig({ ...base, config: { User: 1234 } })).toBe(false);
    expect(isImageConfig({ ...base, history: "should be an array" })).toBe(false);
    expect(isImageConfig({ ...base, config: { Env: [7353] } })).toBe(false);
    expect(isImageConfig({ ...base, config: { Volumes: ["/var/job-result-data"] } })).toBe(false);
    expect(isImageConfig({ architecture: "amd64", os: "linux" })).toBe(false);
    expect(isImageConfig({ ...base, rootfs: { type: "layers" } })).toBe(false);
  });
});

describe("isRfc3339DateTime", () => {
  it.each([
    "2015-10-31T22:22:56.015925234Z",
    "1970-01-01T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "2016-02-29T23:59:60+05:30",
    "2015-10-31t22:22:56z",
  ])("accepts %s", (value) => expect(isRfc3339DateTime(value)).toBe(true));

  it.each([
    "2015-10-31 22:22:56Z",
    "2015-10-31T22:22:56",
    "2015-02-29T00:00:00Z",
    "2015-13-01T00:00:00Z",
    "2015-10-31T24:00:00Z",
    "2015-10-31T22:22:56+0100",
    "2015-10-31",
    "",
  ])("refuses %s", (value) => expect(isRfc3339DateTime(value)).toBe(false));
});

describe("validateImageConfig and validate(): end to end, from bytes", () => {
  const OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  const DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  const text = (value: unknown) => JSON.stringify(value, null, 2);

  it("accepts the spec example, as OCI and as Docker config, with no finding", () => {
    for (const mediaType of [OCI_CONFIG, DOCKER_CONFIG]) {
      const result = validate(text(config()), { mediaType });
      expect(result).toMatchObject({ valid: true, kind: "image-config", mediaType, issues: [] });
    }
    expect(validateImageConfig(new TextEncoder().encode(text(config()))).valid).toBe(true);
  });

  it.each([
    ["config-rootfs-type", { rootfs: { type: "layer", diff_ids: [DIFF_ID] } }, "/rootfs/type", "error"],
    [
      "config-diff-id-digest",
      { rootfs: { type: "layers", diff_ids: ["sha256:abc"] } },
      "/rootfs/diff_ids/0",
      "error",
    ],
    ["config-env-format", { config: { Env: ["foo"] } }, "/config/Env/0", "warning"],
    ["config-created-format", { created: "31/10/2015" }, "/created", "warning"],
    ["config-history-layer-count", { history: [] as unknown[] }, "/history", "warning"],
    ["config-architecture-known", { architecture: "x86_64" }, "/architecture", "warning"],
    ["config-os-known", { os: "Linux" }, "/os", "warning"],
    [
      "config-diff-ids-null",
      { rootfs: { type: "layers", diff_ids: null }, history: null },
      "/rootfs/diff_ids",
      "warning",
    ],
    [
      "config-exposed-port-format",
      { config: { ExposedPorts: { "http/tcp": {} } } },
      "/config/ExposedPorts/http~1tcp",
      "warning",
    ],
  ] as const)("%s: located, with its severity and ref", (code, overrides, path, severity) => {
    const document: Record<string, unknown> = { ...config(), ...overrides };
    if (code === "config-history-layer-count") document.history = [{ created_by: "a" }, { created_by: "b" }];
    const result = validate(text(document), { mediaType: OCI_CONFIG });
    const issue = result.issues.find((i) => i.code === code);
    expect(issue).toMatchObject({
      code,
      severity,
      path,
      ref: expect.stringMatching(/^image-spec v1\.1\.1 /),
    });
    expect(result.issues.filter((i) => i.code !== code)).toEqual([]);
    expect(result.valid).toBe(severity !== "error");
  });

  it("config-env-format and config-created-format (no MUST in the text) are errors under strict", () => {
    for (const overrides of [{ config: { Env: ["foo"] } }, { created: "31/10/2015" }]) {
      const document = { ...config(), ...overrides };
      expect(validate(document, { mediaType: OCI_CONFIG }).valid).toBe(true);
      expect(validate(document, { mediaType: OCI_CONFIG, preset: "strict" }).valid).toBe(false);
    }
  });

  it("config-diff-ids-null is an error under the strict preset, as image-spec's schema refuses null", () => {
    const document = { architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: null } };
    expect(validate(document, { mediaType: OCI_CONFIG }).valid).toBe(true);
    expect(validate(document, { mediaType: OCI_CONFIG, preset: "strict" }).valid).toBe(false);
  });

  it("the strict preset keeps these severities, and overrides can change them", () => {
    const document = { ...config(), os: "Linux" };
    expect(validate(document, { preset: "strict", mediaType: OCI_CONFIG }).issues[0]?.severity).toBe(
      "warning",
    );
    const result = validate(document, { mediaType: OCI_CONFIG, rules: { "config-os-known": "error" } });
    expect(result.valid).toBe(false);
  });

  it("recognises a config by shape when no Content-Type is given", () => {
    expect(validate(text(config())).kind).toBe("image-config");
  });

  it("layout-version: the oci-layout file, end to end", () => {
    const mediaType = "application/vnd.oci.layout.header.v1+json";
    expect(validate('{"imageLayoutVersion":"1.0.0"}', { mediaType })).toMatchObject({
      valid: true,
      kind: "image-layout",
      issues: [],
    });
    const bad = validate('{\n  "imageLayoutVersion": "2.0.0"\n}', { mediaType });
    expect(bad.valid).toBe(true);
    expect(bad.issues).toEqual([
      expect.objectContaining({ code: "layout-version", path: "/imageLayoutVersion", severity: "warning" }),
    ]);
    expect(validate('{"imageLayoutVersion":"2.0.0"}', { mediaType, preset: "strict" }).valid).toBe(false);
    expect(validate('{"imageLayoutVersion":"1.0.0"}').kind).toBe("image-layout");
  });
});

const vectorsFile = new URL("../../shared/reference/image-spec-vectors.json", import.meta.url);
const haveVectors = existsSync(vectorsFile);
if (!haveVectors) console.warn(`image-spec config vectors skipped: ${vectorsFile.pathname} is absent`);

describe.skipIf(!haveVectors)("image-spec v1.1.1's own config and layout vectors", () => {
  interface Vector {
    source: string;
    mediaType: string;
    valid: boolean;
    document: unknown;
  }
  const vectors: Vector[] = haveVectors
    ? JSON.parse(readFileSync(vectorsFile, "utf8")).filter((v: Vector) => /config|layout/.test(v.mediaType))
    : [];

  it.each(vectors.map((v) => [v.source, v] as const))(
    "%s: same verdict under strict, and under default unless docs/deviations.md lists it",
    (source, vector) => {
      const input = typeof vector.document === "string" ? vector.document : JSON.stringify(vector.document);
      // The Env format is no MUST: only strict refuses it (docs/deviations.md).
      const presets =
        source === "schema/config_test.go#TestConfig/9"
          ? (["strict"] as const)
          : (["default", "strict"] as const);
      for (const preset of presets) {
        const result = validate(input, { mediaType: vector.mediaType, preset });
        expect(result.valid, `${preset}: ${result.issues.map((i) => i.message).join("; ")}`).toBe(
          vector.valid,
        );
      }
    },
  );
});

describe("config.Labels follow the annotation rules", () => {
  it("annotation codes are reported under /config/Labels, and a clean label set passes", () => {
    const labels = {
      "org.opencontainers.image.created": "yesterday",
      "org.opencontainers.image.madeup": "x",
      "com.example.fine": "y",
    };
    const result = validate(
      { ...config(), config: { Labels: labels } },
      { mediaType: "application/vnd.oci.image.config.v1+json" },
    );
    expect(result.issues.map((i) => [i.code, i.severity, i.path])).toEqual([
      ["annotation-reserved-prefix", "warning", "/config/Labels/org.opencontainers.image.madeup"],
      ["annotation-created-format", "warning", "/config/Labels/org.opencontainers.image.created"],
    ]);
    expect(result.issues[1]?.message).toMatch(
      /^config\.Labels\["org\.opencontainers\.image\.created"\] "yesterday"/,
    );
    expect(
      validate({
        ...config(),
        config: { Labels: { "org.opencontainers.image.created": "2015-10-31T22:22:56Z" } },
      }).issues,
    ).toEqual([]);
  });
});
