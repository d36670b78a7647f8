import { describeThrown } from "../json/describe-thrown.js";
import type { Issue, Severity } from "../vocabulary/issue.js";
import type { JsonObject } from "./kinds.js";
import type { Rule, RuleContext, RuleReport } from "./rule.js";
import { ruleMessage } from "./rule-message.js";
import type { Preset } from "./types.js";

/**
 * A rule list sorted for the clean path: the rules that always run, then groups of rules that look
 * at the same members, each run only when the object has one of them. Findings keep the order of
 * the list within each group.
 */
interface RulePlan {
  readonly always: readonly Rule<unknown>[];
  readonly gated: readonly {
    readonly members: readonly string[];
    readonly rules: readonly Rule<unknown>[];
  }[];
}

/** Plans by rule list; the lists are module-level constants, so each is planned once. */
const plans = new WeakMap<readonly Rule<unknown>[], RulePlan>();

function planOf(rules: readonly Rule<unknown>[]): RulePlan {
  let plan = plans.get(rules);
  if (plan === undefined) {
    const always: Rule<unknown>[] = [];
    const groups = new Map<string, { members: readonly string[]; rules: Rule<unknown>[] }>();
    for (const rule of rules) {
      if (rule.members === undefined) {
        always.push(rule);
        continue;
      }
      const key = rule.members.join("\u0000");
      const group = groups.get(key);
      if (group === undefined) groups.set(key, { members: rule.members, rules: [rule] });
      else group.rules.push(rule);
    }
    plan = { always, gated: [...groups.values()] };
    plans.set(rules, plan);
  }
  return plan;
}

/** Whether `target` has at least one of `members` (own or not: parsed JSON has no prototype members). */
function hasAnyMember(target: JsonObject, members: readonly string[]): boolean {
  for (const member of members) if (target[member] !== undefined) return true;
  return false;
}

function severityOf(rule: Rule<unknown>, preset: Preset): Severity {
  return preset === "strict" ? (rule.strictSeverity ?? rule.severity) : rule.severity;
}

/**
 * Collects the findings of rules. One per validation, reused for every object the rules run on, so
 * the clean path allocates no closure per rule or per descriptor.
 */
export class RuleRunner {
  readonly issues: Issue[];
  private rule: Rule<unknown> | undefined;
  /** Where the object the rules run on sits: a JSON Pointer, or a member (and index) of the root whose pointer is built only when a rule reports. */
  private prefix: string | undefined = "";
  private member = "";
  private index: number | undefined;
  private lastRules: readonly Rule<unknown>[] | undefined;
  private lastPlan: RulePlan | undefined;
  /** More findings than limits.maxIssues allows were reported: no rule runs any more. */
  full = false;
  readonly report: RuleReport = (path, messageId, data) => {
    const rule = this.rule;
    if (rule === undefined || this.full) return;
    if (this.issues.length > this.maxIssues) {
      this.full = true;
      return;
    }
    const prefix = this.pointer();
    this.issues.push({
      code: rule.code,
      severity: severityOf(rule, this.preset),
      path: prefix + path,
      // The rule's template, filled with its data; a nested object's place is its {{where}}.
      message: ruleMessage(rule, messageId, data, prefix),
      ref: rule.ref,
    });
  };

  constructor(
    issues: Issue[],
    private readonly preset: Preset,
    private readonly context: RuleContext,
    private readonly schemaFailed: boolean,
    /** Findings after which the runner stops (limits.maxIssues); it keeps one more, to know. */
    private readonly maxIssues = Number.POSITIVE_INFINITY,
  ) {
    this.issues = issues;
  }

  /** Runs `rules` on `target`, which sits at `prefix` (a JSON Pointer) in the document. */
  run(rules: readonly Rule<unknown>[], target: JsonObject, prefix: string): void {
    this.prefix = prefix;
    this.runPlan(rules, target);
  }

  /**
   * Runs `rules` on `target`, the root's member `member` (or entry `index` of it): the same as
   * {@link run} at `/member/index`, without building that pointer unless a rule reports.
   */
  runAt(rules: readonly Rule<unknown>[], target: JsonObject, member: string, index?: number): void {
    this.prefix = undefined;
    this.member = member;
    this.index = index;
    this.runPlan(rules, target);
  }

  private pointer(): string {
    this.prefix ??= this.index === undefined ? `/${this.member}` : `/${this.member}/${this.index}`;
    return this.prefix;
  }

  private runPlan(rules: readonly Rule<unknown>[], target: JsonObject): void {
    // Rules run on every descriptor of a list in turn: the last plan is asked first.
    let plan = this.lastPlan;
    if (rules !== this.lastRules || plan === undefined) {
      plan = planOf(rules);
      this.lastRules = rules;
      this.lastPlan = plan;
    }
    if (plan.always.length > 0) this.runAll(plan.always, target);
    for (const group of plan.gated) {
      if (hasAnyMember(target, group.members)) this.runAll(group.rules, target);
    }
  }

  private runAll(rules: readonly Rule<unknown>[], target: JsonObject): void {
    for (const rule of rules) {
      if (this.issues.length > this.maxIssues) this.full = true;
      if (this.full) break;
      this.rule = rule;
      try {
        rule.check(target, this.report, this.context);
      } catch (error) {
        // A malformed document the schema already refused may trip a rule; the schema said why.
        if (!this.schemaFailed && this.issues.length <= this.maxIssues) {
          this.issues.push({
            code: "internal-error",
            severity: "error",
            path: this.pointer(),
            message: `rule ${rule.code} failed on this document: ${describeThrown(error, "an unexpected value was thrown")}`,
          });
        }
      }
    }
    this.rule = undefined;
  }
}
