import { describe, expect, it } from "vitest";
import { isRfc3339DateTime } from "../src/validate/formats/rfc3339.js";
import type { Rule } from "../src/validate/rule.js";
import {
  configArchitectureKnown,
  configCreatedFormat,
  configDiffIdDigest,
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

/** Runs one rule and collects what it reports. */
function run<T>(rule: Rule<T>, document: T): { path: string; message: string }[] {
  const found: { path: string; message: string }[] = [];
  rule.check(document, (path, message) => found.push({ path, message }), {});
  return found;
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
