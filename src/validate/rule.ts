import type { Severity } from "../vocabulary/issue.js";
import type { IssueCode } from "../vocabulary/vocabulary.generated.js";

/**
 * Reports a finding at a JSON Pointer, relative to the document root, with its text: what registry
 * profile checks call (rules report a message id instead, see {@link RuleReport}).
 *
 * @example
 * const report: Report = (path, message) => issues.push({ code: check.code, severity: "error", path, message });
 * check.check(manifest, report, context);
 */
export type Report = (path: string, message: string) => void;

/**
 * A rule's message templates by id, as typescript-eslint's `meta.messages`: `{{name}}` is filled
 * from the data of the report, and `{{where}}` by the runner with the place of the object the rule
 * runs on (`""` for the document itself, `"layers[0]."` for a nested descriptor).
 *
 * @example
 * const messages: RuleMessages = { empty: "{{where}}layers is empty" };
 */
export type RuleMessages = Readonly<Record<string, string>>;

/** The placeholder names in a template: `"a {{x}} b {{y}}"` → `"x" | "y"`. */
type Placeholders<Template extends string> = Template extends `${string}{{${infer Name}}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/**
 * The values a report gives a template's placeholders, by name; `where` is the runner's.
 *
 * @example
 * const data: MessageData<"{{field}} is {{value}}"> = { field: "os", value: '"linux "' };
 */
export type MessageData<Template extends string = string> = string extends Template
  ? Readonly<Record<string, string | number>>
  : { readonly [Name in Exclude<Placeholders<Template>, "where">]: string | number };

/** A report's data argument: required when the template has placeholders, absent when it has none. */
type DataArgument<Template extends string> = string extends Template
  ? [data?: MessageData]
  : [Exclude<Placeholders<Template>, "where">] extends [never]
    ? []
    : [data: MessageData<Template>];

/**
 * Reports a finding of a rule at a JSON Pointer relative to the object the rule runs on, by message
 * id: the id must be one of the rule's `messages`, and the data must name every placeholder of its
 * template (type errors otherwise, for rules made with {@link defineRule}).
 *
 * @example
 * report("/rootfs/type", "notLayers", { type: quoteValue(type) });
 */
export type RuleReport<M extends RuleMessages = RuleMessages> = string extends keyof M
  ? (path: string, messageId: string, data?: MessageData) => void
  : <Id extends keyof M & string>(path: string, messageId: Id, ...data: DataArgument<M[Id]>) => void;

/**
 * What a rule may know beyond the document itself.
 *
 * @example
 * const context: RuleContext = { contentType: "application/vnd.oci.image.manifest.v1+json", bytes };
 * rule.check(manifest, report, context);
 */
export interface RuleContext {
  /** The Content-Type the document arrived with, if any. */
  readonly contentType?: string | undefined;
  /** The raw bytes, when the input was bytes or a string. */
  readonly bytes?: Uint8Array | undefined;
}

/**
 * A rule beyond JSON Schema: plain data plus one function. The pipeline owns ordering, severity
 * overrides, source positions and the wording of findings from `messages`; a rule only says where,
 * which message and with what values. Write rules with {@link defineRule}, which checks the message
 * ids and placeholders.
 *
 * @example
 * const layersEmpty = defineRule({
 *   code: "layers-empty",
 *   severity: "warning",
 *   strictSeverity: "error",
 *   ref: "image-spec v1.1.1 manifest.md#image-manifest-property-descriptions",
 *   description: "layers has at least one entry (the empty descriptor when the artifact needs none).",
 *   members: ["layers"],
 *   messages: { empty: "layers is empty; for portability it should have at least one entry" },
 *   check(manifest: ImageManifest, report) {
 *     // Rules also run on documents the schema refused, so they check shapes themselves.
 *     if (Array.isArray(manifest.layers) && manifest.layers.length === 0) report("/layers", "empty");
 *   },
 * });
 */
export interface Rule<T, M extends RuleMessages = RuleMessages> {
  /** Stable kebab-case code. */
  readonly code: IssueCode;
  /** Severity under the default preset. */
  readonly severity: Severity;
  /** Severity under the `strict` preset, when it differs. */
  readonly strictSeverity?: Severity;
  /** The spec section enforced, e.g. `image-spec v1.1.1 manifest.md#image-manifest-property-descriptions`. */
  readonly ref: string;
  /** One sentence: what the rule requires. */
  readonly description: string;
  /**
   * The members the rule looks at: when the object has none of them, the rule has nothing to say and
   * the pipeline skips it. A fast path for the clean case (most descriptors carry no `data`, `urls`,
   * `platform` or `annotations`), never a change of meaning: leave it out to always run.
   */
  readonly members?: readonly string[];
  /**
   * The text of every finding, by message id. A rule that also runs on nested objects (descriptors,
   * their platform and annotations) starts each template with `{{where}}`, the object's place.
   */
  readonly messages: M;
  /** Examines the document and calls `report` for every violation. */
  check(document: T, report: RuleReport<M>, context: RuleContext): void;
}

/**
 * Returns `rule` as it is, typed so that `report` accepts only the ids of its own `messages`, with
 * data for exactly their placeholders. The document type comes from `check`'s first parameter.
 *
 * @example
 * export const configRootfsType = defineRule({
 *   code: "config-rootfs-type", severity: "error", ref: CONFIG_REF,
 *   description: "rootfs.type must be the string `layers`.",
 *   messages: { notLayers: 'rootfs.type is {{type}}, but it must be "layers"' },
 *   check(config: ImageConfig, report) {
 *     const type = config.rootfs?.type;
 *     if (typeof type === "string" && type !== "layers") report("/rootfs/type", "notLayers", { type: quoteValue(type) });
 *   },
 * });
 */
export function defineRule<T, const M extends RuleMessages>(rule: Rule<T, M>): Rule<T, M> {
  return rule;
}
