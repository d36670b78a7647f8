/**
 * A 1-based line and column in a text (the column counts UTF-16 code units).
 *
 * @example
 * const position: SourcePosition | undefined = locatePointer('{\n  "layers": [\n    {}\n  ]\n}', "/layers/0");
 * // { line: 3, column: 5 }
 */
export interface SourcePosition {
  /** 1-based line number; lines end at LF. */
  line: number;
  /** 1-based column: UTF-16 code units from the line start (bytes, in input that is not valid UTF-8). */
  column: number;
}

/** The line and column of a UTF-16 offset. Only called for findings, so a linear count is fine. */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * The line and column of a byte offset in UTF-8 bytes that may not decode: lines are counted by
 * LF bytes, and the column counts the bytes before the offset on that line (1-based).
 */
export function positionAtByte(bytes: Uint8Array, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The line and column of each offset, in one pass over the text's line ends however many offsets
 * there are, and nothing allocated per line: O(n + k log k) for k offsets.
 *
 * @example
 * positionsAt("{\n  \"a\": 1\n}", [0, 4]); // [{ line: 1, column: 1 }, { line: 2, column: 3 }]
 */
export function positionsAt(text: string, offsets: readonly number[]): SourcePosition[] {
  const order = offsets
    .map((_, index) => index)
    .sort((a, b) => (offsets[a] as number) - (offsets[b] as number));
  const out: SourcePosition[] = new Array(offsets.length);
  let line = 1;
  let lineStart = 0;
  let next = text.indexOf("\n");
  for (const index of order) {
    const at = Math.min(Math.max(offsets[index] as number, 0), text.length);
    while (next !== -1 && next < at) {
      line++;
      lineStart = next + 1;
      next = text.indexOf("\n", lineStart);
    }
    out[index] = { line, column: at - lineStart + 1 };
  }
  return out;
}
