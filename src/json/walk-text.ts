import { pointerToken } from "./json-pointer.js";

/** Callbacks of {@link walkText}; returning `true` stops the walk. */
export interface TextVisitor {
  /**
   * A value starts at `offset`; `pointer()` builds its JSON Pointer on demand. `depth` is its
   * nesting depth (0 for the top-level value) and `container` the array or object holding it, whose
   * `key` or `index` says where: enough to follow a path in O(1) per value.
   */
  value?(
    offset: number,
    pointer: () => string,
    depth: number,
    container: WalkContainer | undefined,
  ): boolean | undefined;
  /** A member name (unescaped) starts at `offset` in the object at `objectPointer()`, `depth` levels deep. */
  name?(
    name: string,
    offset: number,
    objectPointer: () => string,
    objectId: number,
    depth: number,
  ): boolean | undefined;
}

/** An array or object the walk is inside: the current member's name, or the current element's index. */
export interface WalkContainer {
  readonly isObject: boolean;
  readonly index: number;
  readonly key: string;
}

interface Frame extends WalkContainer {
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
      out += `/${frame.isObject ? pointerToken(frame.key) : String(frame.index)}`;
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
      if (visitor.name?.(name, i, () => pointerOf(depth - 1), top.id, depth)) return;
      expectName = false;
      i = end;
      continue;
    }
    // A value starts here.
    const depth = frames.length;
    if (visitor.value?.(i, () => pointerOf(depth), depth, frames[depth - 1])) return;
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

/** Where a finding sits: the offset of a value, or of a member name when `inName`. */
export interface TextAnchor {
  readonly offset: number;
  readonly inName: boolean;
}

/**
 * The JSON Pointer of the value or member name starting at each anchor (`""` when none does), in
 * one walk over the text however many anchors there are.
 */
export function pointersAtOffsets(text: string, anchors: readonly TextAnchor[]): string[] {
  const found = anchors.map(() => "");
  if (anchors.length === 0) return found;
  const values = new Map<number, number[]>();
  const names = new Map<number, number[]>();
  let last = 0;
  anchors.forEach((anchor, index) => {
    const wanted = anchor.inName ? names : values;
    const list = wanted.get(anchor.offset);
    if (list === undefined) wanted.set(anchor.offset, [index]);
    else list.push(index);
    if (anchor.offset > last) last = anchor.offset;
  });
  walkText(text, {
    value(at, pointer) {
      const indexes = values.get(at);
      if (indexes !== undefined) {
        const here = pointer();
        for (const index of indexes) found[index] = here;
      }
      return at > last;
    },
    name(name, at, objectPointer) {
      const indexes = names.get(at);
      if (indexes !== undefined) {
        const here = `${objectPointer()}/${pointerToken(name)}`;
        for (const index of indexes) found[index] = here;
      }
      return at > last;
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

/**
 * Member names that repeat, after unescaping, a name earlier in the same object: the first
 * `max + 1` of them, in text order (the walk stops there). Only the names of the objects on the
 * current path are kept, so memory is bounded by the largest object, not the whole text.
 */
export function findDuplicateMembers(text: string, max = Number.POSITIVE_INFINITY): DuplicateMember[] {
  // The names seen so far in the open object at each depth, and which object that is.
  const seen: { id: number; names: Set<string> }[] = [];
  const duplicates: DuplicateMember[] = [];
  walkText(text, {
    name(name, offset, objectPointer, objectId, depth) {
      let open = seen[depth];
      if (open === undefined || open.id !== objectId) {
        open = { id: objectId, names: new Set() };
        seen[depth] = open;
      }
      if (open.names.has(name)) {
        duplicates.push({ name, offset, pointer: `${objectPointer()}/${pointerToken(name)}` });
        return duplicates.length > max;
      }
      open.names.add(name);
      return undefined;
    },
  });
  return duplicates;
}
