import { positionAt, type SourcePosition } from "./position.js";
import { offsetOfPointer } from "./walk-text.js";

/**
 * The line and column where the value at a JSON Pointer starts in `text`, or undefined when the text
 * has no such value. Re-scans the text: meant for findings, not for the clean path.
 *
 * @example
 * locatePointer('{\n  "size": -1\n}', "/size") // { line: 2, column: 11 }
 */
export function locatePointer(text: string, pointer: string): SourcePosition | undefined {
  const offset = offsetOfPointer(text, pointer);
  return offset === undefined ? undefined : positionAt(text, offset);
}
