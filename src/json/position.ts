/** A 1-based line and column in a text (the column counts UTF-16 code units). */
export interface SourcePosition {
  line: number;
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
