import { descriptorRulesToRun } from "./clean-path-descriptor-rules.js";
import { cleanRules } from "./generated/clean-rules.js";
import type { JsonObject, KindSpec } from "./kinds.js";
import { cleanRulesSignature } from "./render-clean-rules.js";
import type { Rule, RuleContext } from "./rule.js";

/**
 * One kind's generated clean-path rule check (scripts/write-clean-rules.mjs): `run` calls the
 * given lists' rules on the document and its descriptors, gated as the runner gates them, and
 * answers `false` at the first report.
 *
 * @example
 * const generated: GeneratedCleanRules = { signature: "…", run: (document, R, D, context) => true };
 */
export interface GeneratedCleanRules {
  /** The lists it was written for (`cleanRulesSignature`). */
  readonly signature: string;
  /** Runs `rules` on the document and `descriptorRules` on its descriptors; `false` once any reported. */
  readonly run: (
    document: JsonObject,
    rules: readonly Rule<unknown>[],
    descriptorRules: readonly Rule<unknown>[] | undefined,
    context: RuleContext,
  ) => boolean;
}

/** A kind's rules as the clean path runs them: `true` when no rule reports anything. */
export type CleanRulesCheck = (document: JsonObject, context: RuleContext) => boolean;

const checks = new WeakMap<KindSpec, CleanRulesCheck | null>();

/**
 * The generated check of a kind's rules, or `undefined` when there is none for its lists as they
 * are now — a rule added, removed or regated since the generated file was written — so that the
 * runner runs them instead: the generated calls are a fast form of the lists, never a second
 * statement that could miss a rule. Decided once per kind.
 *
 * @example
 * cleanRulesCheck(imageManifestKind)?.(manifest, { contentType: undefined, bytes }); // true when clean
 */
export function cleanRulesCheck(spec: KindSpec, generated = cleanRules): CleanRulesCheck | undefined {
  let check = generated === cleanRules ? checks.get(spec) : undefined;
  if (check === undefined) {
    const descriptorRules = descriptorRulesToRun(spec);
    const lists = { kind: spec.kind, rules: spec.rules, descriptorRules, descriptors: spec.descriptors };
    const candidate = Object.hasOwn(generated, spec.kind) ? generated[spec.kind] : undefined;
    check =
      candidate !== undefined && candidate.signature === cleanRulesSignature(lists)
        ? (document, context) => candidate.run(document, spec.rules, descriptorRules, context)
        : null;
    if (generated === cleanRules) checks.set(spec, check);
  }
  return check ?? undefined;
}
