import type { KindSpec } from "./kinds.js";
import type { Rule } from "./rule.js";

const descriptorRulesByKind = new WeakMap<KindSpec, readonly Rule<unknown>[] | undefined>();

/**
 * The kind's descriptor rules without those its schema held on the clean path
 * (`KindSpec.provenOnCleanPath`); computed once per kind.
 *
 * @example
 * descriptorRulesToRun(imageManifestKind)?.some((rule) => rule.code === "digest-algorithm-encoding"); // false
 */
export function descriptorRulesToRun(spec: KindSpec): readonly Rule<unknown>[] | undefined {
  if (spec.provenOnCleanPath === undefined) return spec.descriptorRules;
  let rules = descriptorRulesByKind.get(spec);
  if (rules === undefined) {
    const proven = new Set(spec.provenOnCleanPath);
    rules = spec.descriptorRules?.filter((rule) => !proven.has(rule));
    descriptorRulesByKind.set(spec, rules);
  }
  return rules;
}
