import { isJsonObject, type JsonObject, type KindSpec } from "./kinds.js";
import type { Rule } from "./rule.js";
import type { RuleRunner } from "./rule-runner.js";

/**
 * Runs everything a kind states beyond its schema on a document: the kind's rules on the whole
 * document, its descriptor rules on every descriptor inside, then `extraRules`. The one place both
 * the full pipeline and the clean path run rules, so a rule added to a kind's lists applies to
 * bytes, strings and objects alike. `rules` stands for the kind's descriptor rules when the caller
 * runs fewer of them (the clean path leaves out those its schema already held).
 */
export function runDocumentRules(
  runner: RuleRunner,
  spec: KindSpec,
  document: JsonObject,
  extraRules: readonly Rule<unknown>[] | undefined,
  rules: readonly Rule<unknown>[] | undefined = spec.descriptorRules,
): void {
  runner.run(spec.rules, document, "");
  if (rules !== undefined && spec.descriptors !== undefined) {
    for (const { member, list } of spec.descriptors) {
      if (runner.full) return;
      const value = document[member];
      if (!list) {
        if (isJsonObject(value)) runner.runAt(rules, value, member);
      } else if (Array.isArray(value)) {
        for (let i = 0; i < value.length && !runner.full; i++) {
          const entry: unknown = value[i];
          if (isJsonObject(entry)) runner.runAt(rules, entry, member, i);
        }
      }
    }
  }
  if (extraRules !== undefined && !runner.full) runner.run(extraRules, document, "");
}
