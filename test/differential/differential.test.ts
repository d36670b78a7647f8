/**
 * The differential suite: the real Go implementations (distribution 2.8.2, Harbor's distribution
 * configuration, containers/image 5.23, containerd 1.6, image-spec 1.1.0-rc2's schema validator,
 * go-digest) run on the same bytes as ocispec, and each target's prediction must match the real
 * verdict — refusal for refusal, with the same error code — or differ by a rule ocispec enforces on
 * purpose (docs/deviations.md). Skips with a printed reason without go or Debian's Go -dev packages.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDigest } from "../../src/digest/index.js";
import { registryProfiles } from "../../src/registry/profiles/index.js";
import { validate } from "../../src/registry/validate-with-targets.generated.js";
import { type Agreement, compare, DIFFERENTIAL_TARGETS, predict, STRICTER_ON_PURPOSE } from "./agreement.js";
import {
  type CorpusDocument,
  exampleDocuments,
  fixtureDocuments,
  mutationDocuments,
  referenceDocuments,
} from "./corpus.js";
import { buildVerdicts, type GoVerdicts, goUnavailableReason, runVerdicts } from "./go-verdicts.js";
import { toolDocuments, toolsUnavailableReason } from "./tools-corpus.js";

const reason = goUnavailableReason();
if (reason !== undefined) console.warn(`skipping the differential suite: ${reason}`);

describe.skipIf(reason !== undefined)("differential: ocispec against the real Go implementations", () => {
  let corpus: CorpusDocument[] = [];
  let verdicts = new Map<string, GoVerdicts>();
  const table: string[] = [];

  beforeAll(async () => {
    const binary = buildVerdicts();
    const tools = toolsUnavailableReason();
    if (tools !== undefined) console.warn(`differential corpus without tool-written documents: ${tools}`);
    corpus = [
      ...exampleDocuments(),
      ...fixtureDocuments(),
      ...referenceDocuments(),
      ...(tools === undefined ? await toolDocuments() : []),
      ...mutationDocuments(),
    ];
    verdicts = runVerdicts(binary, corpus);
    if (process.env.OCISPEC_DIFFERENTIAL_REPORT)
      writeFileSync(
        `${process.env.OCISPEC_DIFFERENTIAL_REPORT}.verdicts`,
        [...verdicts.values()].map((v) => JSON.stringify(v)).join("\n"),
      );
  }, 600_000);

  afterAll(() => {
    if (table.length > 0) console.log(table.join("\n"));
  });

  it("runs every document of the corpus through the Go program", () => {
    const origins = new Map<string, number>();
    for (const document of corpus) origins.set(document.origin, (origins.get(document.origin) ?? 0) + 1);
    table.push(
      `differential corpus: ${corpus.length} documents (${[...origins].map(([o, n]) => `${o} ${n}`).join(", ")})`,
    );
    expect(corpus.length).toBeGreaterThan(500);
    expect(new Set(corpus.map((document) => document.id)).size).toBe(corpus.length);
    expect(verdicts.size).toBe(corpus.length);
  });

  for (const target of DIFFERENTIAL_TARGETS) {
    it(`target ${target.target} predicts exactly the refusals of the real ${target.implementation}`, () => {
      const tally = { agree: 0, warned: 0, stricter: 0, "code-differs": 0, missed: 0, wrong: 0 };
      const stricterRules = new Map<string, number>();
      const unexplained: string[] = [];
      const confirmed = new Set<string>();
      for (const document of corpus) {
        const real = verdicts.get(document.id)?.[target.implementation];
        if (!real) throw new Error(`no verdict for ${document.id}`);
        const prediction = predict(document, target);
        const agreement: Agreement = compare(prediction, real);
        tally[agreement.kind]++;
        if (agreement.kind === "agree" && real.refused)
          for (const issue of prediction.errors) confirmed.add(issue.code);
        if (agreement.kind === "stricter")
          for (const rule of agreement.rules) stricterRules.set(rule, (stricterRules.get(rule) ?? 0) + 1);
        if (agreement.kind === "missed" || agreement.kind === "wrong" || agreement.kind === "code-differs")
          unexplained.push(`${document.id} [${document.contentType}] ${agreement.kind}: ${agreement.detail}`);
      }
      table.push(
        `${target.target.padEnd(17)} vs ${target.implementation.padEnd(15)} agree ${tally.agree}, warned (cannot tell offline) ${tally.warned}, ocispec stricter by rule ${tally.stricter} (${[...stricterRules].map(([r, n]) => `${r} ${n}`).join(", ")}), unexplained ${unexplained.length}`,
      );
      if (process.env.OCISPEC_DIFFERENTIAL_REPORT)
        writeFileSync(`${process.env.OCISPEC_DIFFERENTIAL_REPORT}.${target.target}`, unexplained.join("\n"));
      expect(unexplained, unexplained.slice(0, 40).join("\n")).toEqual([]);
      // A check marked "executed" must have predicted at least one refusal the real code made.
      const profile = registryProfiles.find((candidate) => candidate.name === target.target);
      const unproven = (profile?.checks ?? [])
        .filter((check) => check.evidence === "executed" && !confirmed.has(check.code))
        .map((check) => check.code);
      expect(unproven, "executed checks no document of the corpus confirmed").toEqual([]);
    });
  }

  it("image-spec's schema validator refuses nothing ocispec's strict preset accepts", () => {
    const missed: string[] = [];
    let compared = 0;
    let agree = 0;
    for (const document of corpus) {
      const real = verdicts.get(document.id)?.imageSpec;
      if (!real) continue;
      compared++;
      const result = validate(document.bytes, { mediaType: document.contentType, preset: "strict" });
      if (result.valid !== real.refused) agree++;
      else if (result.valid) missed.push(`${document.id}: ${real.error}`);
    }
    table.push(
      `image-spec schema (1.1.0-rc2) vs preset strict: ${compared} compared, ${agree} agree, ${compared - agree - missed.length} stricter, ${missed.length} unexplained`,
    );
    expect(missed, missed.join("\n")).toEqual([]);
  });

  it("go-digest's parser refuses no digest ocispec's parseDigest accepts, and the reverse is explained", () => {
    const digests = new Map<string, string | undefined>();
    for (const verdict of verdicts.values())
      for (const { digest, error } of verdict.digests) digests.set(digest, error);
    const unexplained: string[] = [];
    let agree = 0;
    for (const [digest, error] of digests) {
      let ours: string | undefined;
      try {
        parseDigest(digest);
      } catch (thrown) {
        ours = String(thrown);
      }
      if ((ours === undefined) === (error === undefined)) agree++;
      // go-digest knows only the algorithms registered in its process (sha256, sha384, sha512);
      // the spec's grammar admits others, which parseDigest accepts and validate warns about.
      else if (error === "unsupported digest algorithm" && ours === undefined) agree++;
      else
        unexplained.push(
          `${JSON.stringify(digest)}: go-digest ${error ?? "accepts"}, ocispec ${ours ?? "accepts"}`,
        );
    }
    table.push(
      `go-digest Parse vs parseDigest: ${digests.size} digests, ${agree} agree, ${unexplained.length} unexplained`,
    );
    expect(unexplained, unexplained.join("\n")).toEqual([]);
  });

  it("docs/deviations.md lists every rule by which ocispec is stricter on purpose", () => {
    const text = readFileSync(new URL("../../docs/deviations.md", import.meta.url), "utf8");
    const missing = [...STRICTER_ON_PURPOSE].filter((rule) => !text.includes(`\`${rule}\``));
    expect(missing).toEqual([]);
  });
});
