import { describe, expect, it } from "vitest";
import { DOCS_URL } from "../src/format/docs-url.js";
import { escapeData, escapeProperty, formatGithub } from "../src/format/github.js";
import { formatJson } from "../src/format/json.js";
import { buildReport, type LintedFile, reportExitStatus } from "../src/format/report.js";
import { formatSarif } from "../src/format/sarif.js";
import { formatText } from "../src/format/text.js";
import { sarifSchemaValidator } from "./helpers/cli.js";

// Plain data, as the lint command hands it to the formatters.
const files: LintedFile[] = [
  {
    path: "examples/bad image/manifest.json",
    kind: "image-manifest",
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    digest: `sha256:${"a".repeat(64)}`,
    issues: [
      {
        code: "layers-empty",
        severity: "warning",
        path: "/layers",
        message: "layers is empty, which some registries refuse",
        line: 9,
        column: 13,
      },
      {
        code: "artifact-type-required",
        severity: "error",
        path: "/config/mediaType",
        message: "config is the empty descriptor, so artifactType must say what this artifact is",
        line: 4,
        column: 18,
        ref: "image-spec v1.1.1 manifest.md#guidelines-for-artifact-usage",
      },
    ],
  },
  { path: "examples/good.json", kind: "image-index", issues: [] },
  {
    path: "<stdin>",
    kind: "unknown",
    issues: [{ code: "json-syntax", severity: "error", path: "", message: "not JSON: 100%, line\nbreak" }],
  },
];

// A file that is not a document, and one with an `info` finding.
const skippedFile: LintedFile = {
  path: "package.json",
  kind: "unknown",
  issues: [],
  skipped: "not an OCI, Docker or Falco document",
};
const noted: LintedFile = {
  path: "/elsewhere/plain.manifest.json",
  kind: "image-manifest",
  issues: [
    {
      code: "media-type-missing",
      severity: "info",
      path: "",
      message: "a note",
    },
  ],
};

describe("buildReport", () => {
  it("counts, sorts issues by position and applies rule overrides", () => {
    const report = buildReport(files, { rules: { "layers-empty": "error", "json-syntax": "off" } });
    expect(report.summary).toEqual({ files: 3, errors: 2, warnings: 0, infos: 0, skipped: 0, unchecked: 0 });
    expect(report.files[0]?.issues.map((i) => [i.code, i.severity])).toEqual([
      ["artifact-type-required", "error"],
      ["layers-empty", "error"],
    ]);
    expect(report.files[2]?.issues).toEqual([]);
  });

  it("drops warnings under --quiet", () => {
    const report = buildReport(files, { quiet: true });
    expect(report.summary).toEqual({ files: 3, errors: 2, warnings: 0, infos: 0, skipped: 0, unchecked: 0 });
  });

  it("sets skipped files apart, counts info findings as notes, and carries unchecked inputs", () => {
    const report = buildReport([...files, skippedFile, noted], {
      unchecked: [{ input: "gone.json", message: "cannot read gone.json" }],
    });
    expect(report.summary).toEqual({ files: 4, errors: 2, warnings: 1, infos: 1, skipped: 1, unchecked: 1 });
    expect(report.skipped).toEqual([
      { path: "package.json", reason: "not an OCI, Docker or Falco document" },
    ]);
    expect(report.files.some((file) => "skipped" in file)).toBe(false);
  });

  it("exit status: unchecked inputs, errors, or warnings beyond the budget; notes never", () => {
    const summary = { files: 1, errors: 0, warnings: 0, infos: 0, skipped: 0, unchecked: 0 };
    expect(reportExitStatus({ ...summary, warnings: 3 })).toBe(0);
    expect(reportExitStatus({ ...summary, warnings: 3 }, 3)).toBe(0);
    expect(reportExitStatus({ ...summary, warnings: 4 }, 3)).toBe(1);
    expect(reportExitStatus({ ...summary, errors: 1 }, 10)).toBe(1);
    expect(reportExitStatus({ ...summary, infos: 5 }, 0)).toBe(0);
    expect(reportExitStatus({ ...summary, unchecked: 1 })).toBe(2);
  });
});

describe("text format", () => {
  const report = buildReport(files);
  it("prints path:line:col: severity code message, then a summary", () => {
    const lines = formatText(report).trimEnd().split("\n");
    expect(lines[0]).toBe(
      "examples/bad image/manifest.json:4:18: error artifact-type-required config is the empty descriptor, so artifactType must say what this artifact is",
    );
    expect(lines[1]).toBe(
      "examples/bad image/manifest.json:9:13: warning layers-empty layers is empty, which some registries refuse",
    );
    expect(lines[2]).toBe("<stdin>:1:1: error json-syntax not JSON: 100%, line break");
    expect(lines.at(-1)).toBe("✖ 3 problems (2 errors, 1 warning) in 3 files");
    expect(formatText(report)).not.toContain("\u001b[");
  });

  it("lists skipped files, prints notes as info without counting them as problems", () => {
    const text = formatText(buildReport([files[1] as LintedFile, skippedFile, noted]));
    expect(text).toBe(
      [
        "/elsewhere/plain.manifest.json:1:1: info media-type-missing a note",
        "package.json: skipped, not an OCI, Docker or Falco document",
        "",
        "✔ 2 files checked, 1 skipped, no problems, 1 info",
        "",
      ].join("\n"),
    );
    expect(formatText(buildReport([files[1] as LintedFile]))).toBe("✔ 1 file checked, no problems\n");
  });

  it("never shows the green check when an input could not be checked", () => {
    const text = formatText(buildReport([], { unchecked: [{ input: "", message: "no documents matched" }] }));
    expect(text).not.toContain("✔");
    expect(text).toBe("✖ 0 files checked, no problems, but 1 input could not be checked\n");
  });

  it("colours only when asked", () => {
    expect(formatText(report, { color: true })).toContain("\u001b[31merror\u001b[0m");
  });

  it("says so when there is nothing to report", () => {
    expect(formatText(buildReport([files[1] as LintedFile]))).toBe("✔ 1 file checked, no problems\n");
  });

  it("explains an exit 1 caused by warnings alone", () => {
    const text = formatText(
      buildReport([files[0] as LintedFile], { rules: { "artifact-type-required": "off" } }),
      {
        maxWarnings: 0,
      },
    );
    expect(text).toContain("more warnings than --max-warnings 0 allows");
  });
});

describe("json format", () => {
  it("has the documented, stable shape with nulls for unknown values", () => {
    const out = JSON.parse(formatJson(buildReport(files)));
    expect(Object.keys(out)).toEqual(["files", "skipped", "unchecked", "summary"]);
    expect(out.summary).toEqual({ files: 3, errors: 2, warnings: 1, infos: 0, skipped: 0, unchecked: 0 });
    expect(out.files[0]).toMatchObject({
      path: "examples/bad image/manifest.json",
      kind: "image-manifest",
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      valid: false,
    });
    expect(Object.keys(out.files[0])).toEqual(["path", "kind", "mediaType", "digest", "valid", "issues"]);
    expect(Object.keys(out.files[0].issues[0])).toEqual([
      "code",
      "severity",
      "path",
      "message",
      "line",
      "column",
    ]);
    expect(out.files[1]).toEqual({
      path: "examples/good.json",
      kind: "image-index",
      mediaType: null,
      digest: null,
      valid: true,
      issues: [],
    });
    expect(out.files[2].issues[0]).toMatchObject({ line: null, column: null });
  });
});

describe("github format", () => {
  it("escapes data and properties as the Actions runner decodes them", () => {
    expect(escapeData("100% done\r\nnext")).toBe("100%25 done%0D%0Anext");
    expect(escapeProperty("a,b:c%")).toBe("a%2Cb%3Ac%25");
  });

  it("prints one workflow command per finding", () => {
    const lines = formatGithub(buildReport(files)).trimEnd().split("\n");
    expect(lines[0]).toBe(
      "::error file=examples/bad image/manifest.json,line=4,col=18,title=artifact-type-required::config is the empty descriptor, so artifactType must say what this artifact is (at /config/mediaType)",
    );
    expect(lines[1]).toMatch(
      /^::warning file=examples\/bad image\/manifest.json,line=9,col=13,title=layers-empty::/,
    );
    expect(lines[2]).toBe("::error file=<stdin>,title=json-syntax::not JSON: 100%25, line%0Abreak");
    expect(lines[3]).toBe("ocispec: 2 errors, 1 warning in 3 files");
  });

  it("annotates info findings as notices and logs skipped files and unchecked inputs", () => {
    const out = formatGithub(
      buildReport([skippedFile, noted], { unchecked: [{ input: "x/", message: "no documents matched x/" }] }),
    );
    expect(out).toBe(
      [
        "::notice file=/elsewhere/plain.manifest.json,title=media-type-missing::a note",
        "ocispec: skipped package.json: not an OCI, Docker or Falco document",
        "::error title=ocispec::no documents matched x/",
        "ocispec: 0 errors, 0 warnings, 1 info in 1 file, 1 skipped",
        "",
      ].join("\n"),
    );
  });
});

describe("sarif format", () => {
  const validateSarif = sarifSchemaValidator();
  const sarif = JSON.parse(
    formatSarif(
      buildReport([...files, skippedFile, noted], {
        unchecked: [{ input: "", message: "no documents matched x/" }],
      }),
      {
        version: "1.2.3",
        baseUri: "file:///work/repo/",
        describeRule: (code) =>
          code === "layers-empty"
            ? { description: "layers has an entry", ref: "manifest.md#layers" }
            : undefined,
      },
    ),
  );

  it("is valid against the SARIF 2.1.0 schema", () => {
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
  });

  it("the schema check is not vacuous", () => {
    const broken = structuredClone(sarif);
    broken.runs[0].results[0].level = "fatal";
    expect(validateSarif(broken)).toBe(false);
  });

  it("carries one rule per code, and results with locations", () => {
    const run = sarif.runs[0];
    expect(sarif.version).toBe("2.1.0");
    expect(run.tool.driver).toMatchObject({ name: "ocispec", version: "1.2.3" });
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      "artifact-type-required",
      "layers-empty",
      "json-syntax",
      "media-type-missing",
    ]);
    expect(run.results).toHaveLength(4);
    expect(run.results[0]).toMatchObject({
      ruleId: "artifact-type-required",
      ruleIndex: 0,
      level: "error",
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "examples/bad%20image/manifest.json", uriBaseId: "%SRCROOT%", index: 0 },
            region: { startLine: 4, startColumn: 18 },
          },
          logicalLocations: [{ fullyQualifiedName: "/config/mediaType" }],
        },
      ],
    });
    expect(run.originalUriBaseIds["%SRCROOT%"].uri).toBe("file:///work/repo/");
    expect(run.tool.driver.rules[1]).toMatchObject({
      shortDescription: { text: "layers has an entry" },
      properties: { specReference: "manifest.md#layers" },
    });
    expect(run.tool.driver.rules[0].properties.specReference).toBe(
      "image-spec v1.1.1 manifest.md#guidelines-for-artifact-usage",
    );
    expect(run.artifacts[0].hashes).toEqual({ "sha-256": "a".repeat(64) });
  });

  it("links the tool and each rule to the docs section that explains it", () => {
    const driver = sarif.runs[0].tool.driver;
    expect(driver.informationUri).toMatch(/^https:\/\//);
    const help = Object.fromEntries(
      driver.rules.map((r: { id: string; helpUri: string }) => [r.id, r.helpUri]),
    );
    expect(help["layers-empty"]).toBe(`${DOCS_URL}validation.md#layers-empty`);
    expect(help["json-syntax"]).toBe(`${DOCS_URL}validation.md#json-syntax`);
  });

  it("gives info findings level note, absolute paths file: URIs, and lists skipped and unchecked inputs", () => {
    const run = sarif.runs[0];
    const note = run.results.find((r: { ruleId: string }) => r.ruleId === "media-type-missing");
    expect(note.level).toBe("note");
    expect(note.locations[0].physicalLocation.artifactLocation).toEqual({
      uri: "file:///elsewhere/plain.manifest.json",
      index: 3,
    });
    const [invocation] = run.invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: "note", descriptor: { id: "file-skipped" } }),
      expect.objectContaining({ level: "error", message: { text: "no documents matched x/" } }),
    ]);
  });
});

describe("severity info", () => {
  const withInfo: LintedFile[] = [
    {
      path: "layout/index.json",
      kind: "image-index",
      issues: [
        {
          code: "media-type-missing",
          severity: "info",
          path: "/mediaType",
          message: "mediaType is missing",
          line: 1,
          column: 1,
        },
      ],
    },
    {
      path: "model-config.json",
      kind: "unknown",
      issues: [
        { code: "kind-unknown", severity: "info", path: "", message: "not validated: a model config" },
      ],
    },
  ];
  const report = buildReport(withInfo);

  it("is counted apart, never as a warning, so --max-warnings 0 still passes", () => {
    expect(report.summary).toEqual({ files: 2, errors: 0, warnings: 0, infos: 2, skipped: 0, unchecked: 0 });
    expect(reportExitStatus(report.summary, 0)).toBe(0);
    // Under --quiet infos are dropped like warnings.
    expect(buildReport(withInfo, { quiet: true }).summary.infos).toBe(0);
    // An override may make any finding an info, and an info anything else.
    const raised = buildReport(withInfo, { rules: { "media-type-missing": "warning" } });
    expect(raised.summary).toMatchObject({ warnings: 1, infos: 1 });
  });

  it("text shows it as info, distinct from warnings, and the summary says no problems", () => {
    const text = formatText(report);
    expect(text).toContain("layout/index.json:1:1: info media-type-missing mediaType is missing");
    expect(text).not.toContain("warning");
    expect(text).toContain("✔ 2 files checked, no problems, 2 infos");
    const mixed = formatText(buildReport([...files, ...withInfo]));
    expect(mixed).toContain("(2 errors, 1 warning, 2 infos)");
  });

  it("SARIF level note, GitHub ::notice, JSON severity info", () => {
    const sarif = JSON.parse(formatSarif(report, { version: "0.0.0", baseUri: "file:///tmp/" }));
    const validateSarif = sarifSchemaValidator();
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(sarif.runs[0].results.map((r: { level: string }) => r.level)).toEqual(["note", "note"]);
    expect(sarif.runs[0].tool.driver.rules[0].defaultConfiguration.level).toBe("note");
    const github = formatGithub(report);
    expect(github).toContain("::notice file=layout/index.json,line=1,col=1,title=media-type-missing::");
    expect(github).toContain("ocispec: 0 errors, 0 warnings, 2 infos in 2 files");
    const json = JSON.parse(formatJson(report));
    expect(json.files[0].issues[0].severity).toBe("info");
    expect(json.summary).toEqual({ files: 2, errors: 0, warnings: 0, infos: 2, skipped: 0, unchecked: 0 });
  });
});
