import { positionLookup, type SourcePosition } from "./position.js";
import { PointerIndex } from "./walk-text.js";

/** The index of the text located last: callers locate every finding of one document in turn. */
let indexed:
  | { text: string; pointers: PointerIndex; position: (offset: number) => SourcePosition }
  | undefined;

function indexOf(text: string) {
  if (indexed?.text !== text) {
    indexed = { text, pointers: new PointerIndex(text), position: positionLookup(text) };
  }
  return indexed;
}

/**
 * The line and column where the value at a JSON Pointer starts in `text`, or undefined when the text
 * has no such value. The first call for a text indexes it in one pass (meant for findings, not for
 * the clean path); further calls for the same text are lookups, so locating every finding of a
 * document costs one pass, not one per finding.
 *
 * @example
 * locatePointer('{\n  "size": -1\n}', "/size") // { line: 2, column: 11 }
 */
export function locatePointer(text: string, pointer: string): SourcePosition | undefined {
  const { pointers, position } = indexOf(text);
  const offset = pointers.offsetOf(pointer);
  return offset === undefined ? undefined : position(offset);
}
