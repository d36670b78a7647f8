// The playground's logic without a browser: the permalink round trip and what verdictOf answers
// (the browser test drives the same modules through the page).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeState, encodeState, type PlaygroundState } from "../site/playground/permalink.js";

const built = existsSync(join(import.meta.dirname, "..", "dist", "index.js"));

describe("playground permalink", () => {
  const state: PlaygroundState = {
    document: '{\n  "annotations": { "note": "ünïcödé ✓ 🐳" }\n}\n',
    contentType: "application/vnd.oci.image.manifest.v1+json",
    targets: ["gitlab", "ecr"],
    preset: "strict",
  };

  it("round-trips the document and every option through the fragment", () => {
    const fragment = encodeState(state);
    expect(fragment).toMatch(/^#state=[A-Za-z0-9_-]+$/);
    expect(decodeState(fragment)).toEqual(state);
  });

  it("answers undefined for a fragment that is not a state or is damaged", () => {
    expect(decodeState("")).toBeUndefined();
    expect(decodeState("#install")).toBeUndefined();
    expect(decodeState("#state=%%%")).toBeUndefined();
    expect(decodeState(`#state=${btoa('{"d":1}')}`)).toBeUndefined();
    expect(decodeState(`#state=${btoa("[1,2]")}`)).toBeUndefined();
  });
});

describe.skipIf(!built)("playground verdict", async () => {
  // verdict.ts imports "ocispec": the package itself (dist/), through its exports map. Imported by
  // a computed name so that `tsc -p .` does not follow it (site/tsconfig.json checks site/ against src/).
  const playground = (name: string) => import(/* @vite-ignore */ `../site/playground/${name}.ts`);
  const { verdictOf } = await playground("verdict");
  const { falcoAssetManifest } = await playground("examples");

  it("gives GitLab's refusal of the Falco asset manifest with the registry's own answer", () => {
    const verdict = verdictOf({
      document: falcoAssetManifest(),
      contentType: "application/vnd.oci.image.manifest.v1+json",
      targets: ["gitlab"],
      preset: "default",
    });
    expect(verdict.answer.from).toBe("validateUpload");
    expect(verdict.answer.status).toBe(400);
    const refusal = verdict.findings.find(
      (f: { issue: { code: string } }) => f.issue.code === "target-gitlab-unknown-media-type",
    );
    expect(refusal?.refuses).toBe(true);
    expect(refusal?.response?.code).toBe("MANIFEST_INVALID");
    expect(refusal?.issue.line).toBe(5);
    const total = Object.values(verdict.counts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBe(verdict.findings.length);
  });

  it("reports severities as data: an info finding is counted and kept, the document stays valid", () => {
    const verdict = verdictOf({ document: "{}", contentType: "", targets: [], preset: "default" });
    const severities = verdict.findings.map((f: { issue: { severity: string } }) => f.issue.severity);
    expect(verdict.findings.map((f: { issue: { code: string } }) => f.issue.code)).toContain("kind-unknown");
    for (const severity of severities) expect(verdict.counts[severity]).toBeGreaterThan(0);
    if (!severities.includes("error")) expect(verdict.result.valid).toBe(true);
  });

  it("answers for a config blob with the body a gate would send", () => {
    const verdict = verdictOf({
      document: '{"name":1}',
      contentType: "application/vnd.cncf.falco.rulesfile.config.v1+json",
      targets: [],
      preset: "default",
    });
    expect(verdict.result.kind).toBe("falco-config");
    expect(verdict.answer.from).toBe("toDistributionResponse");
    expect(verdict.answer.status).toBe(400);
    expect(JSON.stringify(verdict.answer.body)).toContain("/name");
  });
});
