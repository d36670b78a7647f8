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
 * A position lookup for many offsets in one text: the line starts are found once, each lookup is a
 * binary search. Locating k findings costs O(n + k log n) instead of k passes over the text.
 */
export function positionLookup(text: string): (offset: number) => SourcePosition {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    const at = Math.min(offset, text.length);
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((starts[mid] as number) <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: at - (starts[low] as number) + 1 };
  };
}
