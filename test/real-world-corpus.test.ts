/**
 * Real documents from the wild (issue 20): what real tools write must get no error the spec does not
 * make, and at most one accepted document in fifteen may carry a warning — each warning a real
 * portability problem with a name.
 *
 * Three sources, none of them copied into the repository:
 * 1. documents generated here and now by the real tools installed on this machine (buildah, skopeo,
 *    umoci, distribution's registry) — test/helpers/real-world-tools.ts;
 * 2. the real-world documents of ../shared/reference (registry and client test fixtures, Falco
 *    artifacts published on ghcr.io), read in place when present;
 * 3. documents written by hand for this test (test/fixtures/real-world/constructed.json), each
 *    labelled with the public fixture whose shape it reflects and the spec sentence its verdict rests on.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validate } from "../src/index.js";
import type { ValidationResult } from "../src/validate/index.js";
import { runPipeline } from "../src/validate/pipeline.js";
import { cleanAnswer } from "./helpers/member-count.js";
import { generateToolCorpus, missingTools, type ToolDocument } from "./helpers/real-world-tools.js";

/**
 * The warnings an accepted real document may carry, each a portability problem with a name: who
 * refuses or misreads the document. A warning code not listed here fails the test.
 */
const NAMED_PROBLEMS: Readonly<Record<string, string>> = {
  "docker-media-type-missing":
    "distribution's schema2 parser and GitLab refuse a Docker manifest without mediaType",
  "docker-foreign-layer-urls": "distribution refuses a foreign layer without urls (errMissingURL)",
  "docker-layer-urls-unexpected": "distribution refuses urls on a layer that is not foreign",
  "docker-schema1-refused": "distribution v3, GitLab and Docker Hub refuse schema 1",
  "layers-empty": "image-spec's own schema and validator refuse an empty layers array",
  "platform-variant-known": "no client (containers/image, containerd) selects an unknown arm/arm64 variant",
  "platform-architecture-known":
    "no client selects a platform whose architecture is not a GOARCH value (distribution's fixtures use sun4m/sunos)",
  "platform-os-known": "no client selects a platform whose os is not a GOOS value",
};

interface Judged {
  origin: string;
  contentType: string;
  result: ValidationResult;
}

const judged: Judged[] = [];

function judge(documents: readonly ToolDocument[]): Judged[] {
  return documents.map((d) => ({
    origin: d.origin,
    contentType: d.contentType,
    result: validate(d.bytes, d.contentType === "" ? {} : { mediaType: d.contentType }),
  }));
}

function errorsOf(list: readonly Judged[]): string[] {
  return list.flatMap((j) =>
    j.result.issues
      .filter((i) => i.severity === "error")
      .map((i) => `${j.origin} (${j.contentType}): ${i.code} at ${i.path}: ${i.message}`),
  );
}

const missing = missingTools();
if (missing.length > 0)
  console.warn(`real-world corpus: tool-written documents skipped, missing: ${missing.join(", ")}`);

describe.skipIf(missing.length > 0)(
  "documents real tools write (buildah, skopeo, umoci, distribution)",
  () => {
    let work = "";
    let documents: ToolDocument[] = [];
    const notes: string[] = [];

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), "ocispec-real-world-"));
      documents = (await generateToolCorpus(work, (line) => notes.push(line))).documents;
      if (notes.length > 0) console.warn(`real-world corpus: steps skipped:\n  ${notes.join("\n  ")}`);
    }, 600_000);
    afterAll(() => {
      if (work !== "") rmSync(work, { recursive: true, force: true });
    });

    it("has at least 100 distinct documents of every kind the tools write", () => {
      const results = judge(documents);
      judged.push(...results);
      const kinds = new Map<string, number>();
      for (const j of results) kinds.set(j.result.kind, (kinds.get(j.result.kind) ?? 0) + 1);
      console.log(
        `real-world corpus: ${documents.length} distinct tool-written documents: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")}`,
      );
      expect(documents.length).toBeGreaterThanOrEqual(100);
      for (const kind of [
        "image-manifest",
        "image-index",
        "image-config",
        "image-layout",
        "docker-manifest",
        "docker-manifest-list",
      ]) {
        expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(0);
      }
    });

    it("gives none of them an error: every one is spec-valid (real tools wrote it, real tools read it)", () => {
      expect(errorsOf(judge(documents))).toEqual([]);
    });

    it("the clean path agrees with the full pipeline on every one, and proves most of them clean", () => {
      let proven = 0;
      for (const d of documents) {
        const options = d.contentType === "" ? {} : { mediaType: d.contentType };
        const full = runPipeline(d.bytes, options, { full: true });
        expect(runPipeline(d.bytes, options), d.origin).toStrictEqual(full);
        const fast = cleanAnswer(d.bytes, options, undefined);
        if (fast === undefined) continue;
        proven++;
        expect(fast, d.origin).toStrictEqual(full);
      }
      console.log(
        `real-world corpus: the clean path proved ${proven} of ${documents.length} tool-written documents clean`,
      );
      expect(proven).toBeGreaterThan(0);
    });

    it('media-type-missing on layout index.json files, and buildah\'s base.digest "", are no warning', () => {
      const results = judge(documents);
      const indexJson = results.filter((j) => j.origin.endsWith("/index.json"));
      expect(indexJson.length).toBeGreaterThan(0);
      for (const j of indexJson) {
        for (const issue of j.result.issues)
          expect(issue.severity, `${j.origin}: ${issue.code}`).not.toBe("warning");
      }
      const scratch = documents.filter((d) =>
        new TextDecoder().decode(d.bytes).includes('"org.opencontainers.image.base.digest":""'),
      );
      expect(scratch.length, 'buildah writes base.digest "" for FROM scratch').toBeGreaterThan(0);
      for (const d of scratch) {
        expect(judge([d])[0]?.result.issues.map((i) => i.code)).not.toContain(
          "annotation-base-digest-format",
        );
      }
    });
  },
);

interface SharedFixture {
  file: string;
  contentType: string;
  expected: "accept" | "reject";
  why: string;
}

const sharedRoot = new URL("../../shared/reference/", import.meta.url);
const sharedFixtures = new URL("registry-fixtures/index.json", sharedRoot);
const haveShared = existsSync(sharedFixtures);
if (!haveShared)
  console.warn(`real-world corpus: shared reference documents skipped: ${sharedFixtures.pathname} is absent`);

describe.skipIf(!haveShared)("real-world documents of ../shared/reference", () => {
  it("gives no error to any fixture its project accepts, and the Falco artifacts published on ghcr.io", () => {
    const fixtures: SharedFixture[] = haveShared ? JSON.parse(readFileSync(sharedFixtures, "utf8")) : [];
    const accepted = fixtures
      .filter((f) => f.expected === "accept")
      .map((f) => ({
        origin: `shared/reference/registry-fixtures/${f.file}`,
        contentType: f.contentType,
        bytes: readFileSync(new URL(`registry-fixtures/${f.file}`, sharedRoot)),
      }));
    const falcoConfigs = new URL("falco/configs/", sharedRoot);
    const falco = existsSync(falcoConfigs)
      ? [
          "04-real-k8saudit-0.6.1-plugin.json",
          "05-real-k8saudit-rules-0.6.1.json",
          "07-real-falco-rules-2.0.0-legacy.json",
          "17-real-falco-rules-1.0.2-legacy.json",
        ]
          .filter((file) => existsSync(new URL(file, falcoConfigs)))
          .map((file) => ({
            origin: `shared/reference/falco/configs/${file}`,
            contentType: `application/vnd.cncf.falco.${file.includes("plugin") ? "plugin" : "rulesfile"}.config.v1+json`,
            bytes: readFileSync(new URL(file, falcoConfigs)),
          }))
      : [];
    const results = judge([...accepted, ...falco]);
    judged.push(...results);
    console.log(
      `real-world corpus: ${results.length} documents from ../shared/reference (${accepted.length} accepted registry fixtures, ${falco.length} published Falco configs)`,
    );
    expect(errorsOf(results)).toEqual([]);
  });
});

interface Constructed {
  name: string;
  /** The public fixture or example whose shape this reflects (repository, path). */
  reflects: string;
  contentType: string;
  /** The verdict the spec gives, and the sentence it rests on. */
  expect: { valid: boolean; kind: string; codes: string[] };
  because: string;
  document: unknown;
}

describe("constructed documents in the shapes real tools write (test/fixtures/real-world/constructed.json)", () => {
  const file = new URL("fixtures/real-world/constructed.json", import.meta.url);
  const constructed: Constructed[] = JSON.parse(readFileSync(file, "utf8")).documents;

  it.each(constructed.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const bytes = new TextEncoder().encode(JSON.stringify(c.document, null, 2));
    const result = validate(bytes, c.contentType === "" ? {} : { mediaType: c.contentType });
    expect(
      { valid: result.valid, kind: result.kind, codes: result.issues.map((i) => i.code) },
      c.because,
    ).toEqual(c.expect);
    if (c.expect.valid) judged.push({ origin: `constructed: ${c.name}`, contentType: c.contentType, result });
  });
});

describe("the whole corpus", () => {
  it("prints the warning rate: at most one accepted document in fifteen, each warning a named portability problem", () => {
    const accepted = judged.filter((j) => j.result.valid);
    const warned = accepted.filter((j) => j.result.issues.some((i) => i.severity === "warning"));
    const infos = accepted.filter((j) => j.result.issues.some((i) => i.severity === "info"));
    const lines = warned.flatMap((j) =>
      j.result.issues
        .filter((i) => i.severity === "warning")
        .map((i) => `  ${j.origin}: ${i.code} — ${NAMED_PROBLEMS[i.code] ?? "NOT A NAMED PROBLEM"}`),
    );
    console.log(
      `real-world corpus: ${accepted.length} accepted documents, ${warned.length} with a warning (1 in ${warned.length === 0 ? "∞" : (accepted.length / warned.length).toFixed(1)}), ${infos.length} with an info${lines.length > 0 ? `\n${lines.join("\n")}` : ""}`,
    );
    for (const j of warned) {
      for (const issue of j.result.issues.filter((i) => i.severity === "warning")) {
        expect(NAMED_PROBLEMS, `${j.origin}: ${issue.code}: ${issue.message}`).toHaveProperty(issue.code);
      }
    }
    expect(warned.length * 15).toBeLessThanOrEqual(accepted.length);
  });
});
