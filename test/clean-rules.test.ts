import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM module without types (bench/ is not part of the build)
import { corpus } from "../bench/corpus.mjs";
import { descriptorRulesToRun } from "../src/validate/clean-path-descriptor-rules.js";
import { cleanRulesCheck, type GeneratedCleanRules } from "../src/validate/clean-rules.js";
import { runDocumentRules } from "../src/validate/document-rules.js";
import { cleanRules } from "../src/validate/generated/clean-rules.js";
import { documentKinds, isJsonObject, type JsonObject, type KindSpec } from "../src/validate/kinds.js";
import { cleanRulesSignature, renderCleanRules } from "../src/validate/render-clean-rules.js";
import { defineRule, type Rule } from "../src/validate/rule.js";
import { RuleRunner } from "../src/validate/rule-runner.js";

/**
 * The clean path's generated rule calls (scripts/write-clean-rules.mjs, src/validate/clean-rules.ts)
 * are a fast form of the kinds' rule lists: used only while the lists are the ones they were
 * written for, and then answering exactly as the runner does on every document at hand.
 */

const kindsWithSchema = documentKinds.filter((spec) => spec.schema !== undefined);

/** The runner's answer on the clean path: whether the kind's rules report nothing. */
function runnerClean(spec: KindSpec, document: JsonObject, bytes: Uint8Array): boolean {
  const issues: never[] = [];
  const runner = new RuleRunner(issues, "default", { contentType: undefined, bytes }, false, 0);
  try {
    runDocumentRules(runner, spec, document, undefined, descriptorRulesToRun(spec));
  } catch {
    return false;
  }
  return issues.length === 0;
}

function generatedClean(spec: KindSpec, document: JsonObject, bytes: Uint8Array): boolean {
  const check = cleanRulesCheck(spec);
  if (check === undefined) throw new Error(`${spec.kind}: no generated check`);
  try {
    return check(document, { contentType: undefined, bytes });
  } catch {
    return false;
  }
}

/** Every JSON document under test/fixtures, ../shared/reference and the bench corpus. */
function documents(): { name: string; bytes: Uint8Array; value: JsonObject }[] {
  const out: { name: string; bytes: Uint8Array; value: JsonObject }[] = [];
  const add = (name: string, bytes: Uint8Array) => {
    try {
      const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
      if (isJsonObject(value)) out.push({ name, bytes, value });
    } catch {
      // not JSON
    }
  };
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".json") && statSync(path).size < 4 * 1024 * 1024)
        add(path, new Uint8Array(readFileSync(path)));
    }
  };
  walk(new URL("fixtures", import.meta.url).pathname);
  const reference = new URL("../../shared/reference", import.meta.url).pathname;
  if (existsSync(reference)) walk(reference);
  else console.warn(`clean-rules: ${reference} is absent; the fixtures and the bench corpus only`);
  for (const doc of corpus() as { name: string; bytes: Uint8Array }[]) add(doc.name, doc.bytes);
  return out;
}

describe("the clean path's generated rule calls", () => {
  it("exist for every kind with a schema, written for the lists as they are", () => {
    for (const spec of kindsWithSchema) {
      expect(cleanRulesCheck(spec), spec.kind).toBeDefined();
    }
  });

  it("answer as the runner does, for every kind, on every document at hand", () => {
    const all = documents();
    expect(all.length).toBeGreaterThan(50);
    let clean = 0;
    let reported = 0;
    for (const spec of kindsWithSchema) {
      for (const { name, bytes, value } of all) {
        const expected = runnerClean(spec, value, bytes);
        expect(generatedClean(spec, value, bytes), `${spec.kind} on ${name}`).toBe(expected);
        if (expected) clean++;
        else reported++;
      }
    }
    // Both answers are exercised, many times.
    expect(clean).toBeGreaterThan(100);
    expect(reported).toBeGreaterThan(100);
  });

  it("stand aside when a list changed since they were written: the runner runs the lists", () => {
    const spec = kindsWithSchema.find((row) => row.kind === "image-manifest") as KindSpec;
    const added = defineRule({
      code: "layers-empty",
      severity: "error",
      ref: "test",
      description: "a rule added to the list after generation",
      members: ["layers"],
      messages: { x: "x" },
      check() {},
    }) as Rule<unknown>;
    const longer: KindSpec = { ...spec, rules: [...spec.rules, added] };
    expect(cleanRulesCheck(longer)).toBeUndefined();
    const regated: KindSpec = {
      ...spec,
      rules: spec.rules.map((rule, i) => (i === 0 ? { ...rule, members: ["somethingElse"] } : rule)),
    };
    expect(cleanRulesCheck(regated)).toBeUndefined();
    const fewerPlaces: KindSpec = { ...spec, descriptors: (spec.descriptors ?? []).slice(1) };
    expect(cleanRulesCheck(fewerPlaces)).toBeUndefined();
    const stale: Record<string, GeneratedCleanRules> = {
      "image-manifest": { signature: "stale", run: () => true },
    };
    expect(cleanRulesCheck(spec, stale)).toBeUndefined();
    expect(cleanRulesCheck(spec, {})).toBeUndefined();
  });

  it("are the generator's output for the lists as they are (the build wrote them)", () => {
    const text = renderCleanRules(
      kindsWithSchema.map((spec) => ({
        kind: spec.kind,
        rules: spec.rules,
        descriptorRules: descriptorRulesToRun(spec),
        descriptors: spec.descriptors,
      })),
    );
    const file = new URL("../src/validate/generated/clean-rules.js", import.meta.url);
    expect(readFileSync(file, "utf8")).toBe(text);
    expect(Object.keys(cleanRules).sort()).toEqual(kindsWithSchema.map((spec) => spec.kind).sort());
  });
});

describe("renderCleanRules", () => {
  const gated = defineRule({
    code: "layers-empty",
    severity: "error",
    ref: "test",
    description: "gated",
    members: ["os.version", 'a"b'],
    messages: { x: "x" },
    check() {},
  }) as Rule<unknown>;

  it("gates each call on its members, read by constant names, neighbours sharing a gate", () => {
    const lists = {
      kind: "k",
      rules: [gated, gated],
      descriptorRules: [gated],
      descriptors: [{ member: "layers", list: true }],
    };
    const text = renderCleanRules([lists]);
    expect(text).toContain(
      `  if (document["os.version"] !== undefined || document["a\\"b"] !== undefined) {\n    R[0].check(document, report, context);\n    R[1].check(document, report, context);\n  }`,
    );
    expect(text).toContain(
      `  if (entry["os.version"] !== undefined || entry["a\\"b"] !== undefined) {\n    D[0].check`,
    );
    expect(text).toContain('document["layers"]');
    expect(text).toContain(JSON.stringify(cleanRulesSignature(lists)));
    expect(cleanRulesSignature(lists)).toMatch(/^[0-9a-f]{16}$/);
    // Any change of code, gate, order or places changes it.
    const variants = [
      { ...lists, rules: [] },
      { ...lists, rules: [gated] },
      { ...lists, descriptorRules: [] },
      { ...lists, descriptors: [{ member: "layers", list: false }] },
      { ...lists, descriptors: [{ member: "manifests", list: true }] },
      { ...lists, rules: [gated, { ...gated, members: ["os.version"] }] },
      { ...lists, rules: [gated, { ...gated, code: "layers-missing" as never }] },
    ];
    const signatures = new Set([lists, ...variants].map(cleanRulesSignature));
    expect(signatures.size).toBe(variants.length + 1);
  });

  it("runs, as a module, the calls it writes", async () => {
    const seen: string[] = [];
    const rule = (name: string, reports: boolean, members?: string[]) =>
      defineRule({
        code: "layers-empty",
        severity: "error",
        ref: "test",
        description: name,
        ...(members === undefined ? {} : { members }),
        messages: { x: "x" },
        check(_target: unknown, report) {
          seen.push(name);
          if (reports) report("", "x");
        },
      }) as Rule<unknown>;
    const R = [rule("always", false), rule("gated", false, ["absent"]), rule("present", false, ["layers"])];
    const D = [rule("descriptor", false, ["digest"])];
    const text = renderCleanRules([
      { kind: "k", rules: R, descriptorRules: D, descriptors: [{ member: "layers", list: true }] },
    ]);
    const module = await import(`data:text/javascript;base64,${Buffer.from(text).toString("base64")}`);
    const run = module.cleanRules.k.run;
    const document = { layers: [{ digest: "d" }, { size: 1 }, 7] };
    expect(run(document, R, D, {})).toBe(true);
    expect(seen).toEqual(["always", "present", "descriptor"]);
    seen.length = 0;
    const reporting = [rule("always", true), ...R.slice(1)];
    expect(run(document, reporting, D, {})).toBe(false);
    // The document's own rules all run; its descriptors are not visited once one reported.
    expect(seen).toEqual(["always", "present"]);
    // The next call starts afresh.
    seen.length = 0;
    expect(run(document, R, D, {})).toBe(true);
  });
});
