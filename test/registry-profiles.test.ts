import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lintCommand } from "../src/cli/commands/lint.js";
import { validate } from "../src/index.js";
import { mediaTypes } from "../src/media-types/index.js";
import {
  findProfileCheck,
  profileFindings,
  registryProfiles,
  resolveTargets,
  TARGET_UNKNOWN,
  UnknownTargetError,
} from "../src/registry/index.js";
import { targetNames } from "../src/vocabulary/vocabulary.generated.js";

const EMPTY_DIGEST = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
const DIGEST_A = `sha256:${"a".repeat(64)}`;
const DIGEST_B = `sha256:${"b".repeat(64)}`;
const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";

/** An OCI image manifest with the given config type and layer types. */
function manifest(configType: string, layerTypes: string[], extra: Record<string, unknown> = {}) {
  return {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: configType, digest: DIGEST_A, size: 120 },
    layers: layerTypes.map((mediaType) => ({ mediaType, digest: DIGEST_B, size: 512 })),
    ...extra,
  };
}

const falco = (kind: "rulesfile" | "plugin" | "asset") =>
  manifest(`application/vnd.cncf.falco.${kind}.config.v1+json`, [
    `application/vnd.cncf.falco.${kind}.layer.v1+tar.gz`,
  ]);

const codes = (issues: { code: string }[]) => issues.map((issue) => issue.code);

describe("registry profiles as data", () => {
  // Adding a profile is its file plus one line in registryProfiles (docs/registry.md, "Adding a
  // target"): these checks read the registration, so they hold for a new profile unchanged.
  it("registers each profile once, under a --target name the vocabulary and the CLI help carry", () => {
    const names = registryProfiles.map((profile) => profile.name);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
    expect(targetNames).toEqual(names);
    const help = lintCommand.help.replace(/\s+/g, " ");
    for (const profile of registryProfiles) {
      expect(profile.name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(help, profile.name).toContain(profile.name);
      expect(profile.sources.length, profile.name).toBeGreaterThan(0);
      expect(profile.notes.length, profile.name).toBeGreaterThan(0);
      expect(profile.checks.length, profile.name).toBeGreaterThan(0);
    }
  });

  it("names every check target-<registry>-…, with a source; refuses alone decides the severity", () => {
    const all = registryProfiles.flatMap((profile) => profile.checks.map((check) => ({ profile, check })));
    for (const { profile, check } of all) {
      expect(check.code).toMatch(new RegExp(`^target-${profile.name}-[a-z0-9-]+$`));
      expect(check.ref.length).toBeGreaterThan(10);
      expect(typeof check.refuses, check.code).toBe("boolean");
      expect("severity" in check, `${check.code} carries severity, which nothing reads`).toBe(false);
    }
    expect(new Set(all.map(({ check }) => check.code)).size).toBe(all.length);
  });

  it("harbor has distribution 2.8's checks under its configuration (URLs by scheme only, signed schema 1 kept)", () => {
    const harbor = resolveTargets(["harbor"])[0];
    const checks = harbor?.checks.map((check) => check.code) ?? [];
    expect(checks).toContain("target-harbor-layer-url-refused");
    expect(checks).toContain("target-harbor-schema1-unsigned");
    expect(checks).not.toContain("target-harbor-schema1-refused");
  });

  it("marks every check executed or read, with the release it holds for where known", () => {
    for (const profile of registryProfiles) {
      for (const check of profile.checks) {
        if (check.evidence === "executed") expect(check.version, check.code).toMatch(/\d/);
      }
    }
    const executed = registryProfiles.filter((profile) =>
      profile.checks.some((check) => check.evidence === "executed"),
    );
    expect(executed.map((profile) => profile.name)).toEqual([
      "distribution",
      "harbor",
      "containers-image",
      "containerd",
    ]);
  });
});

describe("resolveTargets / unknown targets", () => {
  it("resolves names case-insensitively, without duplicates", () => {
    expect(resolveTargets(["GitLab", "ecr", "gitlab"]).map((profile) => profile.name)).toEqual([
      "gitlab",
      "ecr",
    ]);
  });

  it("throws naming the known targets", () => {
    expect(() => resolveTargets(["gitlba"])).toThrow(UnknownTargetError);
    expect(() => resolveTargets(["gitlba"])).toThrow(
      /unknown target "gitlba": known targets are gitlab, distribution, zot/,
    );
  });

  it("takes a single name given as a string", () => {
    const issues = profileFindings(falco("asset"), "image-manifest", "gitlab" as unknown as string[]);
    expect(codes(issues)).toContain("target-gitlab-unknown-media-type");
  });

  it("reports an unknown target as an error finding instead of throwing", () => {
    const issues = profileFindings(falco("asset"), "image-manifest", ["nope", "gitlab"]);
    expect(issues[0]).toMatchObject({ code: TARGET_UNKNOWN, severity: "error" });
    expect(issues[0]?.message).toMatch(/known targets are/);
    expect(codes(issues)).toContain("target-gitlab-unknown-media-type");
  });
});

describe("gitlab", () => {
  it("predicts the Falco asset rejection on config.mediaType, quoting gitlab.com's answer", () => {
    const issues = profileFindings(falco("asset"), "image-manifest", ["gitlab"]);
    const unknown = issues.filter((issue) => issue.code === "target-gitlab-unknown-media-type");
    expect(unknown).toHaveLength(1);
    // a predicted refusal is an error (one meaning for targets)
    expect(unknown[0]).toMatchObject({ severity: "error", path: "/config/mediaType" });
    expect(unknown[0]?.message).toContain(
      'MANIFEST_INVALID "manifest invalid; unknown media type: application/vnd.cncf.falco.asset.config.v1+json"',
    );
    // the asset layer type is unknown too, but GitLab only degrades unknown layers
    expect(codes(issues)).toContain("target-gitlab-unknown-layer-media-type");
  });

  it("accepts the Falco rulesfile and plugin types, noting the release that added them (16.3)", () => {
    for (const kind of ["rulesfile", "plugin"] as const) {
      const issues = profileFindings(falco(kind), "image-manifest", ["gitlab"]);
      expect(codes(issues)).toEqual(["target-gitlab-media-type-added-later"]);
      expect(issues[0]?.path).toBe("/config/mediaType");
      expect(issues[0]?.message).toContain("migration 20230803, container registry 3.80.0 (GitLab 16.3)");
    }
  });

  it("derives its allowlist from the table's knownBy data", () => {
    const gitlabConfigs = mediaTypes.filter(
      (row) => row.kind === "config" && row.knownBy.some((by) => by.name === "gitlab"),
    );
    expect(gitlabConfigs.length).toBeGreaterThan(10);
    for (const row of gitlabConfigs) {
      const document = manifest(row.mediaType, ["application/vnd.oci.image.layer.v1.tar+gzip"]);
      const issues = profileFindings(document, "image-manifest", ["gitlab"]);
      expect(
        codes(issues).filter((code) => code !== "target-gitlab-media-type-added-later"),
        row.mediaType,
      ).toEqual([]);
    }
    // types of the table's first migration are in every GitLab release with the table: no note
    const image = manifest("application/vnd.oci.image.config.v1+json", [
      "application/vnd.oci.image.layer.v1.tar+gzip",
    ]);
    expect(profileFindings(image, "image-manifest", ["gitlab"])).toEqual([]);
  });

  it("checks artifactType", () => {
    const artifact = manifest("application/vnd.oci.empty.v1+json", ["application/vnd.oci.empty.v1+json"], {
      artifactType: "application/fleet.manifest",
    });
    const issues = profileFindings(artifact, "image-manifest", ["gitlab"]);
    expect(issues.find((issue) => issue.code === "target-gitlab-unknown-media-type")?.path).toBe(
      "/artifactType",
    );
  });

  it("reminds that the subject must already exist", () => {
    const referrer = manifest(
      "application/vnd.oci.image.config.v1+json",
      ["application/vnd.oci.image.layer.v1.tar+gzip"],
      {
        subject: { mediaType: OCI_MANIFEST, digest: DIGEST_B, size: 7 },
      },
    );
    const issues = profileFindings(referrer, "image-manifest", ["gitlab"]);
    expect(issues).toEqual([
      expect.objectContaining({ code: "target-gitlab-subject-must-exist", path: "/subject" }),
    ]);
  });

  it("refuses indexes referencing blobs, except BuildKit cache indexes", () => {
    const index = {
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.index.v1+json",
      manifests: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: DIGEST_A, size: 3 }],
    };
    expect(codes(profileFindings(index, "image-index", ["gitlab"]))).toEqual([
      "target-gitlab-index-blob-reference",
    ]);
    const cache = {
      ...index,
      manifests: [
        ...index.manifests,
        { mediaType: "application/vnd.buildkit.cacheconfig.v0", digest: DIGEST_B, size: 3 },
      ],
    };
    expect(profileFindings(cache, "image-index", ["gitlab"])).toEqual([]);
    const custom = {
      ...index,
      manifests: [{ mediaType: "application/vnd.example.manifest.v1+json", digest: DIGEST_A, size: 3 }],
    };
    expect(profileFindings(custom, "image-index", ["gitlab"])).toEqual([]);
  });
});

describe("ecr, gar, zot, quay, distribution", () => {
  it("ecr: annotations on the config descriptor", () => {
    const annotated = manifest("application/vnd.cncf.falco.rulesfile.config.v1+json", [
      "application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz",
    ]);
    (annotated.config as Record<string, unknown>).annotations = {
      "org.opencontainers.image.title": "config.json",
    };
    expect(profileFindings(annotated, "image-manifest", ["ecr"])).toEqual([
      expect.objectContaining({ code: "target-ecr-config-annotations", path: "/config/annotations" }),
    ]);
    expect(profileFindings(falco("rulesfile"), "image-manifest", ["ecr"])).toEqual([]);
  });

  it("ecr and gar: zero-byte blobs", () => {
    const empty = manifest("application/vnd.devcontainers", ["application/vnd.devcontainers.layer.v1+tar"]);
    empty.config.size = 0;
    expect(codes(profileFindings(empty, "image-manifest", ["ecr", "gar"]))).toEqual([
      "target-ecr-empty-blob",
      "target-gar-empty-blob",
    ]);
    const withEmptyDescriptor = {
      ...empty,
      config: { mediaType: "application/vnd.oci.empty.v1+json", digest: EMPTY_DIGEST, size: 2 },
    };
    expect(profileFindings(withEmptyDescriptor, "image-manifest", ["ecr", "gar"])).toEqual([]);
  });

  it("zot: Docker manifests need http.compat docker2s2", () => {
    const docker = {
      schemaVersion: 2,
      mediaType: DOCKER_V2,
      config: { mediaType: "application/vnd.docker.container.image.v1+json", digest: DIGEST_A, size: 7 },
      layers: [{ mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip", digest: DIGEST_B, size: 9 }],
    };
    expect(codes(profileFindings(docker, "docker-manifest", ["zot"]))).toEqual([
      "target-zot-docker-manifest",
    ]);
    expect(profileFindings(falco("rulesfile"), "image-manifest", ["zot"])).toEqual([]);
  });

  it("quay: config allowlist for OCI, strict Docker schema 2 types", () => {
    expect(codes(profileFindings(falco("rulesfile"), "image-manifest", ["quay"]))).toEqual([
      "target-quay-config-media-type",
    ]);
    const helm = manifest("application/vnd.cncf.helm.config.v1+json", [
      "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
    ]);
    expect(profileFindings(helm, "image-manifest", ["quay"])).toEqual([]);
    const docker = {
      schemaVersion: 2,
      mediaType: DOCKER_V2,
      config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: DIGEST_A, size: 7 },
      layers: [{ mediaType: "application/vnd.docker.image.rootfs.diff.tar", digest: DIGEST_B, size: 9 }],
    };
    expect(codes(profileFindings(docker, "docker-manifest", ["quay"]))).toEqual([
      "target-quay-docker-config-media-type",
      "target-quay-docker-layer-media-type",
    ]);
  });

  it("distribution refuses every layer URL by default; harbor only those not http(s) or with a fragment", () => {
    const foreign = manifest("application/vnd.oci.image.config.v1+json", [
      "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
      "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
    ]);
    (foreign.layers[0] as Record<string, unknown>).urls = ["https://example.com/layer"];
    (foreign.layers[1] as Record<string, unknown>).urls = [
      "https://example.com/layer",
      "https://example.com/l#frag",
    ];
    const at = (target: string) =>
      profileFindings(foreign, "image-manifest", [target], { contentType: OCI_MANIFEST }).map(
        (issue) => `${issue.code} ${issue.path}`,
      );
    expect(at("distribution")).toEqual([
      "target-distribution-layer-url-refused /layers/0/urls/0",
      "target-distribution-layer-url-refused /layers/1/urls/0",
    ]);
    expect(at("harbor")).toEqual(["target-harbor-layer-url-refused /layers/1/urls/1"]);
  });

  it("distribution and harbor refuse a Docker foreign layer without urls and a Docker manifest without mediaType", () => {
    const docker = {
      schemaVersion: 2,
      config: { mediaType: "application/vnd.docker.container.image.v1+json", digest: DIGEST_A, size: 2 },
      layers: [
        { mediaType: "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", digest: DIGEST_B, size: 2 },
      ],
    };
    for (const target of ["distribution", "harbor"]) {
      const found = profileFindings(docker, "docker-manifest", [target], { contentType: DOCKER_V2 }).map(
        (issue) => issue.code,
      );
      expect(found).toEqual([`target-${target}-media-type-mismatch`, `target-${target}-layer-url-refused`]);
      for (const code of found) expect(findProfileCheck(code)?.refuses).toBe(true);
    }
  });

  it("without a Content-Type (a file being linted) the detected kind stands for it", () => {
    const docker = {
      schemaVersion: 2,
      config: { mediaType: "application/vnd.docker.container.image.v1+json", digest: DIGEST_A, size: 2 },
      layers: [{ mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip", digest: DIGEST_B, size: 2 }],
    };
    const found = profileFindings(docker, "docker-manifest", ["distribution", "containers-image"]).map(
      (issue) => issue.code,
    );
    expect(found).toEqual([
      "target-distribution-media-type-mismatch",
      "target-containers-image-docker-media-type",
    ]);
  });

  it("distribution refuses digests go-digest does not register (500 UNKNOWN) or cannot read (DIGEST_INVALID)", () => {
    const sha1 = manifest("application/vnd.oci.image.config.v1+json", []);
    sha1.config.digest = `sha1:${"a".repeat(40)}`;
    const upper = manifest("application/vnd.oci.image.config.v1+json", []);
    upper.config.digest = `sha256:${"A".repeat(64)}`;
    const code = (document: unknown) =>
      profileFindings(document, "image-manifest", ["distribution"], { contentType: OCI_MANIFEST }).map(
        (issue) => issue.code,
      );
    expect(code(sha1)).toEqual(["target-distribution-digest-unsupported"]);
    expect(findProfileCheck("target-distribution-digest-unsupported")?.response?.code).toBe("UNKNOWN");
    expect(code(upper)).toEqual(["target-distribution-digest-invalid"]);
    expect(findProfileCheck("target-distribution-digest-invalid")?.response?.code).toBe("DIGEST_INVALID");
  });

  it("containers-image refuses history/fsLayers on manifests and OCI layer types in Docker v2 manifests", () => {
    const withHistory = manifest("application/vnd.oci.image.config.v1+json", [], { history: [] });
    expect(
      profileFindings(withHistory, "image-manifest", ["containers-image"]).map((issue) => issue.code),
    ).toEqual(["target-containers-image-ambiguous"]);
    const docker = {
      schemaVersion: 2,
      mediaType: DOCKER_V2,
      config: { mediaType: "application/vnd.docker.container.image.v1+json", digest: DIGEST_A, size: 2 },
      layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: DIGEST_B, size: 2 }],
    };
    expect(
      profileFindings(docker, "docker-manifest", ["containers-image"]).map((issue) => issue.path),
    ).toEqual(["/layers/0/mediaType"]);
  });
});

const fixtures = new URL("../../shared/reference/registry-fixtures/", import.meta.url);
const fixturesMissing = !existsSync(fixtures);
if (fixturesMissing)
  console.warn("skipping registry-fixture predictions: ../shared/reference/registry-fixtures is absent");

describe.skipIf(fixturesMissing)("profiles predict the documented refusals in registry-fixtures", () => {
  const load = (file: string) => JSON.parse(readFileSync(new URL(file, fixtures), "utf8"));
  const index: { file: string; contentType: string; expected: string }[] = fixturesMissing
    ? []
    : load("index.json");
  const kindOf = (contentType: string) =>
    contentType.includes("index")
      ? "image-index"
      : contentType.includes("list")
        ? "docker-manifest-list"
        : contentType.includes("v1+prettyjws")
          ? "docker-manifest-v1"
          : contentType.includes("docker")
            ? "docker-manifest"
            : "image-manifest";
  const findings = (file: string, targets: string[]) => {
    const entry = index.find((row) => row.file === file);
    if (!entry) throw new Error(`${file} not in index.json`);
    return codes(
      profileFindings(load(file), kindOf(entry.contentType), targets, { contentType: entry.contentType }),
    );
  };

  it("gitlab refuses the unknown config type, tolerates the unknown layer type", () => {
    expect(findings("gitlab__unknown-config-mediatype.json", ["gitlab"])).toContain(
      "target-gitlab-unknown-media-type",
    );
    const layer = findings("gitlab__unknown-layer-mediatype.json", ["gitlab"]);
    expect(layer).toContain("target-gitlab-unknown-layer-media-type");
    expect(layer).not.toContain("target-gitlab-unknown-media-type");
  });

  it("gitlab and distribution refuse schema 1; quay does not", () => {
    expect(findings("gitlab__schema1-signed.json", ["gitlab"])).toContain("target-gitlab-schema1-refused");
    expect(findings("quay__schema1-simple.json", ["distribution"])).toContain(
      "target-distribution-schema1-refused",
    );
    expect(findings("quay__schema1-simple.json", ["quay"])).toEqual([]);
  });

  it("every gitlab fixture: a refusal is an error or a refusing gitlab prediction; an acceptance is neither", () => {
    for (const row of index.filter((entry) => entry.file.startsWith("gitlab__"))) {
      const result = validate(readFileSync(new URL(row.file, fixtures)), {
        mediaType: row.contentType,
        targets: ["gitlab"],
      });
      const refused = result.issues.some(
        (issue) => issue.severity === "error" || findProfileCheck(issue.code)?.refuses === true,
      );
      expect(refused, `${row.file} (${row.expected})`).toBe(row.expected === "reject");
    }
  });

  it("gitlab accepts the BuildKit cache index and its happy-path images", () => {
    for (const file of [
      "gitlab__buildkit-index-as-manifest-list.json",
      "gitlab__schema2-1layer.json",
      "gitlab__manifest-list.json",
    ]) {
      expect(findings(file, ["gitlab"]), file).toEqual([]);
    }
  });
});

describe("validate(…, { targets })", () => {
  it("appends the targets' findings to the pipeline's: refusals as errors, other predictions as warnings", () => {
    const asset = falco("asset");
    for (const layer of asset.layers)
      Object.assign(layer, { annotations: { "org.opencontainers.image.title": "a.tar.gz" } });
    const result = validate(JSON.stringify(asset), { targets: ["gitlab", "ecr"] });
    expect(result.valid).toBe(false);
    expect(result.issues.map((issue) => [issue.code, issue.severity])).toEqual([
      ["target-gitlab-unknown-media-type", "error"],
      ["target-gitlab-unknown-layer-media-type", "warning"],
    ]);
    expect(codes(validate(JSON.stringify(asset)).issues)).toEqual([]);
  });

  it("reports each finding with the severity its check's refuses flag says", () => {
    const documents = [falco("asset"), falco("plugin"), falco("rulesfile")];
    const names = registryProfiles.map((profile) => profile.name);
    let seen = 0;
    for (const document of documents) {
      for (const issue of validate(JSON.stringify(document), { targets: names as never }).issues) {
        const check = findProfileCheck(issue.code);
        if (check === undefined) continue;
        seen++;
        expect(issue.severity, issue.code).toBe(check.refuses ? "error" : "warning");
      }
    }
    expect(seen).toBeGreaterThan(2);
  });

  it("lets options.rules turn a predicted refusal into a warning", () => {
    const result = validate(JSON.stringify(falco("asset")), {
      targets: ["gitlab"],
      rules: { "target-gitlab-unknown-media-type": "warning" },
    });
    expect(result.issues.find((issue) => issue.code === "target-gitlab-unknown-media-type")?.severity).toBe(
      "warning",
    );
  });

  it("reports an unknown target as an options-invalid error naming the known ones", () => {
    const result = validate(JSON.stringify(falco("rulesfile")), { targets: ["gitlabb" as never] });
    expect(result.valid).toBe(false);
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        code: "options-invalid",
        severity: "error",
        message: expect.stringContaining(
          'options.targets: unknown target "gitlabb": known targets are gitlab',
        ),
      }),
    );
  });
});
