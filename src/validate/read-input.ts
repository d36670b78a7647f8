import type { Issue } from "./issue.js";
import type { ValidationLimits } from "./types.js";

/** What the read step hands the rest of the pipeline. */
export interface ReadInput {
  /** `false` when no JSON value could be read. */
  ok: boolean;
  /** The parsed value. */
  value?: unknown;
  /** The text, for source positions. */
  text?: string;
  /** The exact bytes, for the digest. */
  bytes?: Uint8Array;
  /** Findings of the reader. */
  issues: Issue[];
}

const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
const fatalDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * Reads raw input as JSON. Interim reader until src/json's strict `readJson` lands: fatal UTF-8
 * decoding, a size limit and `JSON.parse`.
 */
export function readInput(input: Uint8Array | string, limits: ValidationLimits | undefined): ReadInput {
  const bytes = typeof input === "string" ? encoder.encode(input) : input;
  const maxBytes = limits?.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      bytes,
      issues: [
        {
          code: "json-too-large",
          severity: "error",
          path: "",
          message: `the document is ${bytes.length} bytes, more than the limit of ${maxBytes}`,
        },
      ],
    };
  }
  let text: string;
  try {
    text = typeof input === "string" ? input : fatalDecoder.decode(bytes);
  } catch {
    return {
      ok: false,
      bytes,
      issues: [
        {
          code: "json-invalid-utf8",
          severity: "error",
          path: "",
          message: "the document is not valid UTF-8",
        },
      ],
    };
  }
  try {
    return { ok: true, value: JSON.parse(text), text, bytes, issues: [] };
  } catch (error) {
    return {
      ok: false,
      text,
      bytes,
      issues: [
        {
          code: "json-syntax",
          severity: "error",
          path: "",
          message: `the document is not valid JSON: ${(error as Error).message}`,
        },
      ],
    };
  }
}

/**
 * The line and column of a JSON Pointer in the text. Interim: unknown until src/json's
 * `locatePointer` lands.
 */
export function locate(_text: string, _pointer: string): { line: number; column: number } | undefined {
  return undefined;
}
