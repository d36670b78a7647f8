import { equalFoldKey } from "./equal-fold-key.js";
import { pointerToken } from "./json-pointer.js";

/** What one walk over a parsed value found. */
export interface MemberCensus {
  /** Members in all objects (JSON.parse keeps one per name, so duplicates make this smaller). */
  members: number;
  /** Some struct member folds onto a known field name without being spelled like it. */
  caseFoldConflict: boolean;
  /** Colons inside member names and string values (counted only when asked: see `textAgrees`). */
  colons: number;
  /** How deep arrays and objects nest (a top-level object or array is 1). */
  depth: number;
}

/** Colons in a string. */
function colonsIn(s: string): number {
  let n = 0;
  for (let i = s.indexOf(":"); i !== -1; i = s.indexOf(":", i + 1)) n++;
  return n;
}

/**
 * Counts the members of every object in a parsed value and checks struct member names against the
 * folded field names, without recursion and without allocating on the clean path (a key spelled
 * exactly like a known field is not folded). With `countColons`, also counts the colons inside
 * names and string values, which {@link textAgrees} subtracts from the text's colons.
 */
export function censusMembers(
  value: unknown,
  known: ReadonlySet<string>,
  folded: ReadonlyMap<string, string>,
  mapMembers: ReadonlySet<string>,
  countColons = false,
): MemberCensus {
  let members = 0;
  let caseFoldConflict = false;
  let colons = countColons && typeof value === "string" ? colonsIn(value) : 0;
  let depth = 0;
  const stack: unknown[] = [value];
  // Per stacked node: its nesting level times two, plus one inside a map member.
  const levels: number[] = [2];
  // Per stacked node: for an array, the index to resume at. An array is walked one object element
  // at a time (pushed back with its place), so a million-element array does not stack a million.
  const resume: number[] = [0];
  while (stack.length > 0) {
    const node = stack.pop();
    const level = levels.pop() as number;
    const from = resume.pop() as number;
    if (node === null || typeof node !== "object") continue;
    if (level >> 1 > depth) depth = level >> 1;
    const inner = (level | 1) + 1; // the next level, not in a map
    if (Array.isArray(node)) {
      for (let k = from; k < node.length; k++) {
        const item = node[k];
        if (item !== null && typeof item === "object") {
          stack.push(node, item);
          levels.push(level, inner);
          resume.push(k + 1, 0);
          break;
        }
        if (countColons && typeof item === "string") colons += colonsIn(item);
      }
      continue;
    }
    const isMap = (level & 1) === 1;
    const record = node as Record<string, unknown>;
    for (const key in record) {
      members++;
      if (!isMap && !known.has(key) && folded.has(equalFoldKey(key))) caseFoldConflict = true;
      const child = record[key];
      if (countColons) {
        colons += colonsIn(key);
        if (typeof child === "string") colons += colonsIn(child);
      }
      if (child !== null && typeof child === "object") {
        stack.push(child);
        levels.push(!isMap && mapMembers.has(key) ? inner + 1 : inner);
        resume.push(0);
      }
    }
  }
  return { members, caseFoldConflict, colons, depth };
}

/** One struct member whose name folds onto a known field. */
export interface CaseFoldMember {
  /** The name as written. */
  name: string;
  /** The field it folds onto. */
  field: string;
  /** JSON Pointer of the member. */
  pointer: string;
}

interface FoldFrame {
  node: object;
  /** Member names of an object; undefined for an array (its indexes are walked instead). */
  keys: string[] | undefined;
  length: number;
  next: number;
  isMap: boolean;
}

/**
 * Struct members whose names fold onto a known field without being spelled like them (slow path):
 * the first `max + 1` in document order (the walk stops there). Depth first without recursion,
 * each JSON Pointer built only for a member found, so the walk allocates nothing per value.
 */
export function findCaseFoldMembers(
  value: unknown,
  known: ReadonlySet<string>,
  folded: ReadonlyMap<string, string>,
  mapMembers: ReadonlySet<string>,
  max = Number.POSITIVE_INFINITY,
): CaseFoldMember[] {
  const found: CaseFoldMember[] = [];
  const stack: FoldFrame[] = [];
  const enter = (node: unknown, isMap: boolean): void => {
    if (node === null || typeof node !== "object") return;
    const keys = Array.isArray(node) ? undefined : Object.keys(node);
    stack.push({ node, keys, length: keys?.length ?? (node as unknown[]).length, next: 0, isMap });
  };
  const pointer = (): string => {
    let out = "";
    for (const frame of stack) {
      const at = frame.next - 1;
      out += `/${frame.keys === undefined ? String(at) : pointerToken(frame.keys[at] as string)}`;
    }
    return out;
  };
  enter(value, false);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as FoldFrame;
    if (top.next >= top.length) {
      stack.pop();
      continue;
    }
    const at = top.next++;
    if (top.keys === undefined) {
      enter((top.node as unknown[])[at], false);
      continue;
    }
    const key = top.keys[at] as string;
    if (!top.isMap && !known.has(key)) {
      const field = folded.get(equalFoldKey(key));
      if (field !== undefined) {
        found.push({ name: key, field, pointer: pointer() });
        if (found.length > max) break;
      }
    }
    enter((top.node as Record<string, unknown>)[key], !top.isMap && mapMembers.has(key));
  }
  return found;
}
