import { escapePointerToken } from "./json-pointer.js";

/** Callbacks of {@link walkText}; returning `true` stops the walk. */
export interface TextVisitor {
  /** A value starts at `offset`; `pointer()` builds its JSON Pointer on demand. */
  value?(offset: number, pointer: () => string): boolean | undefined;
  /** A member name (unescaped) starts at `offset` in the object at `objectPointer()`. */
  name?(name: string, offset: number, objectPointer: () => string, objectId: number): boolean | undefined;
}

interface Frame {
  isObject: boolean;
  index: number;
  key: string;
  id: number;
}

/**
 * Walks well-formed JSON text token by token, without recursion, telling where each value and
 * member name starts together with its JSON Pointer. The slow path: used only to locate findings
 * and to name duplicate members, never on a clean document.
 */
export function walkText(text: string, visitor: TextVisitor): void {
  const frames: Frame[] = [];
  let ids = 0;
  const pointerOf = (count: number): string => {
    let out = "";
    for (let f = 0; f < count; f++) {
      const frame = frames[f] as Frame;
      out += `/${frame.isObject ? escapePointerToken(frame.key) : String(frame.index)}`;
    }
    return out;
  };
  let expectName = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3a) {
      i++;
      continue;
    }
    if (c === 0x2c) {
      const top = frames[frames.length - 1];
      if (top !== undefined) {
        if (top.isObject) expectName = true;
        else top.index++;
      }
      i++;
      continue;
    }
    if (c === 0x5d || c === 0x7d) {
      frames.pop();
      expectName = false;
      i++;
      continue;
    }
    if (expectName && c === 0x22) {
      const end = stringEnd(text, i);
      const raw = text.slice(i, end);
      const name = raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      const top = frames[frames.length - 1] as Frame;
      top.key = name;
      const depth = frames.length;
      if (visitor.name?.(name, i, () => pointerOf(depth - 1), top.id)) return;
      expectName = false;
      i = end;
      continue;
    }
    // A value starts here.
    const depth = frames.length;
    if (visitor.value?.(i, () => pointerOf(depth))) return;
    if (c === 0x7b || c === 0x5b) {
      frames.push({ isObject: c === 0x7b, index: 0, key: "", id: ids++ });
      expectName = c === 0x7b;
      i++;
      continue;
    }
    if (c === 0x22) {
      i = stringEnd(text, i);
      continue;
    }
    // Numbers and literals: up to the next delimiter.
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d === 0x2c || d === 0x5d || d === 0x7d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09)
        break;
      i++;
    }
  }
}

/** The offset after the closing quote of the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/** The JSON Pointer of the value or member name starting at `offset`, or `""` when none does. */
export function pointerAtOffset(text: string, offset: number, inName: boolean): string {
  let found = "";
  walkText(text, {
    value(at, pointer) {
      if (!inName && at === offset) {
        found = pointer();
        return true;
      }
      return at > offset;
    },
    name(name, at, objectPointer) {
      if (inName && at === offset) {
        found = `${objectPointer()}/${escapePointerToken(name)}`;
        return true;
      }
      return at > offset;
    },
  });
  return found;
}

/**
 * Where the value at a JSON Pointer starts, as a UTF-16 offset, or undefined when the text has no
 * such value. The pointer must use the same escaping as {@link escapePointerToken}.
 */
export function offsetOfPointer(text: string, pointer: string): number | undefined {
  let found: number | undefined;
  walkText(text, {
    value(at, pointerOf) {
      if (pointerOf() !== pointer) return undefined;
      found = at;
      return true;
    },
  });
  return found;
}

/** One member name that repeats a name earlier in the same object. */
export interface DuplicateMember {
  name: string;
  /** Offset of the repeated name. */
  offset: number;
  /** JSON Pointer of the member. */
  pointer: string;
}

/** Every member name that repeats, after unescaping, a name earlier in the same object. */
export function findDuplicateMembers(text: string): DuplicateMember[] {
  const seen = new Map<number, Set<string>>();
  const duplicates: DuplicateMember[] = [];
  walkText(text, {
    name(name, offset, objectPointer, objectId) {
      let names = seen.get(objectId);
      if (names === undefined) {
        names = new Set();
        seen.set(objectId, names);
      }
      if (names.has(name))
        duplicates.push({ name, offset, pointer: `${objectPointer()}/${escapePointerToken(name)}` });
      else names.add(name);
      return undefined;
    },
  });
  return duplicates;
}
