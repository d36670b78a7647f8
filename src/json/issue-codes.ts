/**
 * The codes the strict reader reports. All are errors: each is a place where parsers disagree.
 *
 * @example
 * const code: JsonIssueCode = "json-duplicate-key";
 * readJson('{"size":1,"size":2}').issues[0]?.code === code; // true
 */
export type JsonIssueCode =
  | "json-too-large"
  | "json-encoding"
  | "json-bom"
  | "json-syntax"
  | "json-trailing-data"
  | "json-too-deep"
  | "json-duplicate-key"
  | "json-case-fold-key"
  | "json-lone-surrogate"
  | "json-number-not-canonical";

/**
 * One row of {@link jsonIssueCatalog}.
 *
 * @example
 * const info: JsonIssueInfo | undefined = jsonIssueCatalog.find((row) => row.code === "json-bom");
 * info?.description; // one sentence: what the reader requires
 */
export interface JsonIssueInfo {
  /** The code findings carry. */
  readonly code: JsonIssueCode;
  /** The specification section the check enforces. */
  readonly ref: string;
  /** One sentence: what the reader requires. */
  readonly description: string;
}

/**
 * Every code the strict reader can report, with the rule it enforces. Data for the rule catalog,
 * the docs and the CLI.
 *
 * @example
 * jsonIssueCatalog.find((row) => row.code === "json-duplicate-key")?.ref;
 * // "RFC 7493 (I-JSON) §2.3: Objects in I-JSON messages MUST NOT have members with duplicate names"
 */
export const jsonIssueCatalog: readonly JsonIssueInfo[] = [
  {
    code: "json-too-large",
    ref: "distribution-spec v1.1 spec.md#pushing-manifests (registries SHOULD accept at least 4 MiB); limits.maxBytes",
    description:
      "The input is no larger than limits.maxBytes (default 4 MiB), checked before anything is decoded.",
  },
  {
    code: "json-encoding",
    ref: "RFC 8259 §8.1: JSON text exchanged between systems that are not part of a closed ecosystem MUST be encoded using UTF-8",
    description: "The bytes are well-formed UTF-8 (no invalid, overlong or surrogate sequences).",
  },
  {
    code: "json-bom",
    ref: "RFC 8259 §8.1: Implementations MUST NOT add a byte order mark (U+FEFF) to the beginning of a networked-transmitted JSON text",
    description: "The text does not start with a byte-order mark.",
  },
  {
    code: "json-syntax",
    ref: "RFC 8259 §2-§7",
    description: "The text is one well-formed JSON value.",
  },
  {
    code: "json-trailing-data",
    ref: "RFC 8259 §2: JSON-text = ws value ws",
    description:
      "Nothing but whitespace follows the top-level value (Go's decoder and JSON.parse disagree on it).",
  },
  {
    code: "json-too-deep",
    ref: "RFC 8259 §9: An implementation may set limits on the maximum depth of nesting; limits.maxDepth",
    description: "Arrays and objects nest no deeper than limits.maxDepth (default 64).",
  },
  {
    code: "json-duplicate-key",
    ref: "RFC 7493 (I-JSON) §2.3: Objects in I-JSON messages MUST NOT have members with duplicate names",
    description: "No object has two members with the same name, compared after unescaping.",
  },
  {
    code: "json-case-fold-key",
    ref: "Go encoding/json Unmarshal: preferring an exact match but also accepting a case-insensitive match",
    description:
      "No member name differs only by case (Go's Unicode simple folding, ſ and K included) from a field the specs define: Go registries would read it as that field.",
  },
  {
    code: "json-lone-surrogate",
    ref: "RFC 7493 (I-JSON) §2.1: MUST NOT include code points that identify Surrogates or Noncharacters",
    description: "Strings hold no unpaired UTF-16 surrogate, escaped or not.",
  },
  {
    code: "json-number-not-canonical",
    ref: "image-spec v1.1.1 descriptor.md: size (int64) / RFC 7493 (I-JSON) §2.2",
    description:
      "size and the other integer fields are written as plain non-negative integers (no sign, fraction or exponent) no larger than 2^53−1.",
  },
];
