import type { Issue } from "../vocabulary/issue.js";
import { foldIndex } from "./equal-fold-key.js";
import { type JsonIssueCode, jsonIssueCatalog } from "./issue-codes.js";
import { capIssues, issueLimit } from "./issue-limit.js";
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ISSUES, limitOrDefault } from "./limits.js";
import { snapshotObject } from "./object-shape.js";
import { censusMembers, findCaseFoldMembers } from "./parsed-members.js";
import { positionAt, positionAtByte, positionsAt } from "./position.js";
import { integerMemberNames, mapMemberNames, specMemberNames } from "./spec-member-names.js";
import { type ScanFinding, scanStructure } from "./structure-scan.js";
import { integerNeedles, safeToParseFirst, textAgrees } from "./text-agrees.js";
import { firstInvalidUtf8 } from "./utf8.js";
import { findDuplicateMembers, pointersAtOffsets } from "./walk-text.js";

/**
 * Options of {@link readJson}.
 *
 * @example
 * const options: JsonReadOptions = { maxBytes: 1024, maxDepth: 8 };
 * readJson('{"a":1}', { maxBytes: 4 }).issues[0]?.code; // "json-too-large"
 * readJson('{"Title":1}', { knownMembers: new Set(["title"]) }).issues[0]?.code; // "json-case-fold-key"
 */
export interface JsonReadOptions {
  /** Largest input accepted, in bytes (default 4 MiB; `Infinity` for none; NaN keeps the default). */
  maxBytes?: number;
  /** Deepest nesting accepted (default 64; `Infinity` for none; NaN keeps the default). */
  maxDepth?: number;
  /** Struct field names Go would match case-insensitively (default {@link specMemberNames}). */
  knownMembers?: ReadonlySet<string>;
  /** Members whose numbers must be canonical integers (default `size`, `schemaVersion`). */
  integerMembers?: ReadonlySet<string>;
  /** Members whose values are maps, exempt from the case-folding check (default annotations, Labels, …). */
  mapMembers?: ReadonlySet<string>;
  /**
   * Most findings reported (default 1,000; `Infinity` for all). Past it the reader stops reading:
   * the last finding, `too-many-issues`, says so, and no value is answered (`ok: false`).
   */
  maxIssues?: number;
}

/**
 * What {@link readJson} answers.
 *
 * @example
 * const result: JsonReadResult = readJson('{\n  "size": 1,\n  "size": 2\n}');
 * result.ok; // true: a value was read (Go's: the last duplicate wins)
 * result.value; // { size: 2 }
 * result.issues.map((i) => `${i.line}:${i.column} ${i.code}`); // ["3:3 json-duplicate-key"]
 * readJson("[1,").ok; // false: json-syntax at 1:4, no value
 */
export interface JsonReadResult {
  /** `false` when no JSON value could be read (`value` is then absent). */
  ok: boolean;
  /** The parsed value. */
  value?: unknown;
  /** The decoded text (without a byte-order mark), for source positions. */
  text?: string;
  /** The exact bytes (string input encoded as UTF-8), for the digest. */
  bytes?: Uint8Array;
  /** Every finding, each with line and column. */
  issues: Issue[];
}

const fatalDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();
const refs = new Map(jsonIssueCatalog.map((info) => [info.code, info.ref]));
const defaultFolded = foldIndex(specMemberNames);
const defaultIntegers = [...integerMemberNames];
const defaultNeedles = integerNeedles(defaultIntegers);

function issue(code: JsonIssueCode, path: string, message: string, line?: number, column?: number): Issue {
  const out: Issue = { code, severity: "error", path, message, ref: refs.get(code) as string };
  if (line !== undefined) out.line = line;
  if (column !== undefined) out.column = column;
  return out;
}

function located(code: JsonIssueCode, text: string, path: string, offset: number, message: string): Issue {
  const { line, column } = positionAt(text, offset);
  return issue(code, path, message, line, column);
}

/** The scan's fatal finding: a syntax, depth or trailing-data problem, about the whole text. */
function fromFatal(text: string, finding: ScanFinding): Issue {
  return located(finding.code, text, "", finding.offset, finding.message);
}

/**
 * The scan's findings in a well-formed text, located together: one walk names every pointer and
 * the line starts are found once, so a text with many findings is not re-read for each.
 */
function fromFindings(text: string, findings: readonly ScanFinding[], issues: Issue[]): void {
  if (findings.length === 0) return;
  const pointers = pointersAtOffsets(
    text,
    findings.map((f) => ({ offset: f.anchor, inName: f.inName })),
  );
  const positions = positionsAt(
    text,
    findings.map((f) => f.offset),
  );
  findings.forEach((finding, k) => {
    const path = pointers[k] as string;
    const { line, column } = positions[k] as { line: number; column: number };
    const where = path === "" ? "" : `${path}: `;
    issues.push(issue(finding.code, path, `${where}${finding.message}`, line, column));
  });
}

// Any surrogate code unit: a native scan that rules out the common case before the exact check.
const SURROGATE = /[\uD800-\uDFFF]/;

/** The first unpaired surrogate code unit of a string, or -1. */
function firstLoneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

/**
 * Reads raw input as one strict JSON value — what a registry must do before trusting a manifest.
 * Beyond `JSON.parse` it refuses invalid UTF-8, a byte-order mark, trailing data, nesting beyond
 * `maxDepth`, duplicate member names (after unescaping), member names Go would fold onto a spec
 * field, lone surrogates, and integer fields that are not canonical integers in 0 … 2^53−1.
 * Never throws; every finding carries line and column.
 *
 * @example
 * const { ok, value, issues } = readJson(new TextEncoder().encode('{"size": 1e3}'));
 * // ok: true, issues: [{ code: "json-number-not-canonical", path: "/size", line: 1, column: 10, … }]
 */
export function readJson(input: Uint8Array | string, options: JsonReadOptions = {}): JsonReadResult {
  const maxBytes = limitOrDefault(options.maxBytes, DEFAULT_MAX_BYTES);
  const maxDepth = limitOrDefault(options.maxDepth, DEFAULT_MAX_DEPTH);
  const issues: Issue[] = [];
  let bytes: Uint8Array;
  let text: string;

  if (typeof input === "string") {
    // Lone surrogates in a JavaScript string cannot be encoded as UTF-8: say so before encoding replaces them.
    const at = SURROGATE.test(input) ? firstLoneSurrogate(input) : -1;
    if (at !== -1) {
      issues.push(
        located(
          "json-lone-surrogate",
          input,
          "",
          at,
          `the text holds an unpaired surrogate U+${input.charCodeAt(at).toString(16).toUpperCase()} at offset ${at}`,
        ),
      );
    }
    bytes = encoder.encode(input);
    if (bytes.length > maxBytes) return tooLarge(bytes, maxBytes);
    text = input;
  } else {
    bytes = input;
    if (bytes.length > maxBytes) return tooLarge(bytes, maxBytes);
    try {
      text = fatalDecoder.decode(bytes);
    } catch {
      const at = firstInvalidUtf8(bytes);
      const { line, column } = positionAtByte(bytes, Math.max(at, 0));
      const shown =
        at >= 0 ? ` (byte 0x${(bytes[at] as number).toString(16).padStart(2, "0")} at offset ${at})` : "";
      issues.push(issue("json-encoding", "", `the document is not valid UTF-8${shown}`, line, column));
      return { ok: false, bytes, issues };
    }
  }

  if (text.charCodeAt(0) === 0xfeff) {
    issues.push(
      issue(
        "json-bom",
        "",
        "the document starts with a byte-order mark (U+FEFF); JSON sent over a network must not",
        1,
        1,
      ),
    );
    text = text.slice(1);
  }

  return readText(text, bytes, issues, options, maxDepth, NOT_PARSED);
}

/** What {@link readText} is given when the caller has not parsed the text. */
const NOT_PARSED: unique symbol = Symbol("not parsed");

/**
 * {@link readJson} for bytes a caller has already decoded (no byte-order mark) and parsed — the
 * clean path of `validate` does, before it finds the document not clean — so that the reader does
 * not decode and parse them again. The same answer as `readJson(bytes, options)`.
 *
 * @example
 * const text = new TextDecoder().decode(bytes);
 * readParsedJson(bytes, text, JSON.parse(text)).issues; // what readJson(bytes) finds
 */
export function readParsedJson(
  bytes: Uint8Array,
  text: string,
  value: unknown,
  options: JsonReadOptions = {},
): JsonReadResult {
  const maxBytes = limitOrDefault(options.maxBytes, DEFAULT_MAX_BYTES);
  if (bytes.length > maxBytes) return tooLarge(bytes, maxBytes);
  return readText(text, bytes, [], options, limitOrDefault(options.maxDepth, DEFAULT_MAX_DEPTH), value);
}

/** The reader after decoding: structure, duplicates, integers, member names. */
function readText(
  text: string,
  bytes: Uint8Array,
  issues: Issue[],
  options: JsonReadOptions,
  maxDepth: number,
  parsedValue: unknown,
): JsonReadResult {
  const integers = options.integerMembers === undefined ? defaultIntegers : [...options.integerMembers];
  const known = options.knownMembers ?? specMemberNames;
  const folded = options.knownMembers === undefined ? defaultFolded : foldIndex(known);
  const maps = options.mapMembers ?? mapMemberNames;
  const maxIssues = issueLimit(options.maxIssues, DEFAULT_MAX_ISSUES);
  // Past the cap the reader stops: what it found is answered, the rest is not read.
  const stop = (): JsonReadResult => {
    capIssues(issues, maxIssues);
    return { ok: false, text, bytes, issues };
  };
  // The text is parsed first, and the structure scan (a pass over every character) runs only when
  // native searches cannot prove it would find nothing; parsing goes first only when nesting cannot
  // make it slow (docs/performance.md, "The strict reader").
  let value: unknown = parsedValue;
  let parsed = parsedValue !== NOT_PARSED;
  if (!parsed && safeToParseFirst(text, maxDepth)) {
    try {
      value = JSON.parse(text);
      parsed = true;
    } catch {
      // The scan below says where and why.
    }
  }
  let census = parsed ? censusMembers(value, known, folded, maps, true) : undefined;
  if (
    census === undefined ||
    census.depth > maxDepth ||
    !textAgrees(
      text,
      census.members,
      census.colons,
      options.integerMembers === undefined ? defaultNeedles : integerNeedles(integers),
    )
  ) {
    const scan = scanStructure(text, maxDepth, integers, Math.max(0, maxIssues - issues.length));
    if (scan.truncated) {
      fromFindings(text, scan.findings, issues);
      return stop();
    }
    if (scan.fatal !== undefined) {
      issues.push(fromFatal(text, scan.fatal));
      return { ok: false, text, bytes, issues };
    }
    if (!parsed) {
      try {
        value = JSON.parse(text);
      } catch (error) {
        // The scan checked the structure; what remains is a control character inside a string.
        const message = (error as Error).message;
        const at = /at position (\d+)/.exec(message);
        const offset = at === null ? 0 : Number(at[1]);
        issues.push(located("json-syntax", text, "", offset, `the document is not valid JSON: ${message}`));
        return { ok: false, text, bytes, issues };
      }
    }
    census ??= censusMembers(value, known, folded, maps);
    fromFindings(text, scan.findings, issues);
    if (issues.length > maxIssues) return stop();
    if (census.members !== scan.members) {
      const duplicates = findDuplicateMembers(text, maxIssues - issues.length);
      const positions = positionsAt(
        text,
        duplicates.map((d) => d.offset),
      );
      for (const [k, duplicate] of duplicates.entries()) {
        const { line, column } = positions[k] as { line: number; column: number };
        issues.push(
          issue(
            "json-duplicate-key",
            duplicate.pointer,
            `${duplicate.pointer}: the member name ${JSON.stringify(duplicate.name)} appears more than once in the same object; parsers disagree on which value wins`,
            line,
            column,
          ),
        );
      }
    }
  }
  if (issues.length > maxIssues) return stop();
  if (census.caseFoldConflict) caseFoldIssues(value, known, folded, maps, issues, maxIssues - issues.length);
  if (issues.length > maxIssues) return stop();
  return { ok: true, value, text, bytes, issues };
}

function caseFoldIssues(
  value: unknown,
  known: ReadonlySet<string>,
  folded: ReadonlyMap<string, string>,
  maps: ReadonlySet<string>,
  issues: Issue[],
  max: number,
): Issue[] {
  for (const member of findCaseFoldMembers(value, known, folded, maps, max)) {
    issues.push(
      issue(
        "json-case-fold-key",
        member.pointer,
        `${member.pointer}: the member name ${JSON.stringify(member.name)} is not ${JSON.stringify(member.field)}, but Go's case-insensitive decoding reads it as that field`,
      ),
    );
  }
  return issues;
}

/**
 * {@link readJson} for a value that is already parsed (object input): it has no bytes to read, but
 * it is read once into plain arrays and objects, bounded like bytes are, and its member names can
 * still fold onto spec fields. An object no JSON text of `maxBytes` could encode — one with a cycle
 * (`json-syntax` at the member that closes it), or more values than such a document holds once
 * shared parts are repeated, a sparse array's holes included (`json-too-large`), one nested deeper
 * than `maxDepth` (`json-too-deep`) — or one whose
 * reading throws (a getter, a Proxy; `json-syntax`) gets that one finding and no value, so that
 * nothing walks it further. `value` is the copy: later stages never call the caller's getters or
 * traps again.
 *
 * @example
 * readObject({ Layers: [] }).issues[0]?.code; // "json-case-fold-key"
 * const sparse: unknown[] = []; sparse[1e7] = 1;
 * readObject({ layers: sparse }).issues[0]?.code; // "json-too-large"
 */
export function readObject(
  value: unknown,
  options: Pick<JsonReadOptions, "knownMembers" | "mapMembers" | "maxBytes" | "maxDepth" | "maxIssues"> = {},
): JsonReadResult {
  // A JSON text of maxBytes holds at most maxBytes / 2 values (`[0,0,…]`).
  const maxValues = Math.floor(limitOrDefault(options.maxBytes, DEFAULT_MAX_BYTES) / 2);
  const maxDepth = limitOrDefault(options.maxDepth, DEFAULT_MAX_DEPTH);
  const snapshot = snapshotObject(value, maxValues, maxDepth);
  if (!snapshot.ok) {
    const where = snapshot.pointer === "" ? "" : `${snapshot.pointer}: `;
    const message =
      snapshot.problem === "cycle"
        ? `${where}refers back to an object that contains it; a value with a cycle is not JSON`
        : snapshot.problem === "too-large"
          ? `${where}the object holds more than ${maxValues} values once its shared parts and array holes are written out, more than a ${limitOrDefault(options.maxBytes, DEFAULT_MAX_BYTES)}-byte document can`
          : snapshot.problem === "too-deep"
            ? `${where}arrays and objects nest deeper than ${maxDepth} levels (limits.maxDepth)`
            : `${where}reading the object threw: ${snapshot.message}`;
    const code =
      snapshot.problem === "too-large"
        ? "json-too-large"
        : snapshot.problem === "too-deep"
          ? "json-too-deep"
          : "json-syntax";
    return { ok: false, issues: [issue(code, snapshot.pointer, message)] };
  }
  const known = options.knownMembers ?? specMemberNames;
  const folded = options.knownMembers === undefined ? defaultFolded : foldIndex(known);
  const maps = options.mapMembers ?? mapMemberNames;
  const maxIssues = issueLimit(options.maxIssues, DEFAULT_MAX_ISSUES);
  const issues: Issue[] = [];
  if (censusMembers(snapshot.value, known, folded, maps).caseFoldConflict) {
    caseFoldIssues(snapshot.value, known, folded, maps, issues, maxIssues);
    if (issues.length > maxIssues) {
      capIssues(issues, maxIssues);
      return { ok: false, issues };
    }
  }
  return { ok: true, value: snapshot.value, issues };
}

/**
 * The member-name check of {@link readJson} for a value that is already parsed: {@link readObject}'s
 * findings. Empty when all is well.
 *
 * @example
 * checkMemberNames({ Layers: [] }) // [{ code: "json-case-fold-key", path: "/Layers", … }]
 */
export function checkMemberNames(
  value: unknown,
  options: Pick<JsonReadOptions, "knownMembers" | "mapMembers" | "maxIssues"> = {},
): Issue[] {
  return readObject(value, options).issues;
}

function tooLarge(bytes: Uint8Array, maxBytes: number): JsonReadResult {
  return {
    ok: false,
    bytes,
    issues: [
      issue(
        "json-too-large",
        "",
        `the document is ${bytes.length} bytes, more than the limit of ${maxBytes} bytes (limits.maxBytes)`,
        1,
        1,
      ),
    ],
  };
}
