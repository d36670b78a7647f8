import { pointerLabel } from "./json-pointer.js";
import type { MessageData, Rule, RuleContext } from "./rule.js";

/** `{{name}}`: a placeholder of a message template. */
const PLACEHOLDER = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/**
 * Fills a template's `{{name}}` placeholders from `data`, in one pass: a value is never read as a
 * template itself (an annotation key `{{where}}` stays as it is). A placeholder without a value is
 * left as written, as ESLint does; the types of {@link defineRule} rule that out for rules.
 *
 * @example
 * formatMessage("{{where}}digest {{digest}} is bad", { where: "config.", digest: '"sha256:x"' })
 * // 'config.digest "sha256:x" is bad'
 */
export function formatMessage(template: string, data: MessageData | undefined): string {
  return template.replace(PLACEHOLDER, (placeholder, name: string) =>
    data !== undefined && Object.hasOwn(data, name) ? String(data[name]) : placeholder,
  );
}

/**
 * The `{{where}}` of an object a rule runs on at `place` (a JSON Pointer): `""` for the document
 * itself, else its label and a dot, since templates go on with a member of that object.
 *
 * @example
 * whereLabel("/layers/0") // "layers[0]."
 */
export function whereLabel(place: string): string {
  return place === "" ? "" : `${pointerLabel(place)}.`;
}

/**
 * The text of one finding: the rule's template for `messageId`, filled with `data` and the place of
 * the object the rule ran on. An id the rule does not declare (possible only around the types) is
 * named as such rather than thrown on: rules run in a registry's write path.
 *
 * @example
 * ruleMessage(layersEmpty, "empty", undefined, "") // "layers is empty; …"
 */
export function ruleMessage(
  rule: Rule<unknown>,
  messageId: string,
  data: MessageData | undefined,
  place: string,
): string {
  const messages = rule.messages as Readonly<Record<string, string>> | undefined;
  const template =
    messages !== undefined && Object.hasOwn(messages, messageId) ? messages[messageId] : undefined;
  if (template === undefined)
    return `rule ${rule.code} reported the undeclared message ${JSON.stringify(messageId)}`;
  return formatMessage(template, { ...data, where: whereLabel(place) });
}

/**
 * One finding of a rule run on its own: where, which message, and its text.
 *
 * @example
 * const finding: RuleFinding = { path: "/layers", messageId: "empty", message: "layers is empty; …" };
 */
export interface RuleFinding {
  /** JSON Pointer relative to the object the rule ran on. */
  readonly path: string;
  /** The id in the rule's `messages`. */
  readonly messageId: string;
  /** The text, with `{{where}}` empty (the object is the document). */
  readonly message: string;
}

/**
 * Runs one rule on one object, outside the pipeline, and returns its findings with their text: for
 * the builders, which refuse what the rules would warn about, and for tests.
 *
 * @example
 * ruleFindings(layersEmpty, { schemaVersion: 2, config, layers: [] })
 * // [{ path: "/layers", messageId: "empty", message: "layers is empty; …" }]
 */
export function ruleFindings<T>(rule: Rule<T>, document: T, context: RuleContext = {}): RuleFinding[] {
  const findings: RuleFinding[] = [];
  rule.check(
    document,
    (path, messageId, data) =>
      findings.push({ path, messageId, message: ruleMessage(rule as Rule<unknown>, messageId, data, "") }),
    context,
  );
  return findings;
}
