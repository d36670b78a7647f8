import { goFold } from "./go-fold.js";
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
  while (stack.length > 0) {
    const node = stack.pop();
    const level = levels.pop() as number;
    if (node === null || typeof node !== "object") continue;
    if (level >> 1 > depth) depth = level >> 1;
    const inner = (level | 1) + 1; // the next level, not in a map
    if (Array.isArray(node)) {
      for (const item of node) {
        if (item !== null && typeof item === "object") {
          stack.push(item);
          levels.push(inner);
        } else if (countColons && typeof item === "string") colons += colonsIn(item);
      }
      continue;
    }
    const isMap = (level & 1) === 1;
    const record = node as Record<string, unknown>;
    for (const key in record) {
      members++;
      if (!isMap && !known.has(key) && folded.has(goFold(key))) caseFoldConflict = true;
      const child = record[key];
      if (countColons) {
        colons += colonsIn(key);
        if (typeof child === "string") colons += colonsIn(child);
      }
      if (child !== null && typeof child === "object") {
        stack.push(child);
        levels.push(!isMap && mapMembers.has(key) ? inner + 1 : inner);
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

/** Every struct member whose name folds onto a known field without being spelled like it (slow path). */
export function findCaseFoldMembers(
  value: unknown,
  known: ReadonlySet<string>,
  folded: ReadonlyMap<string, string>,
  mapMembers: ReadonlySet<string>,
): CaseFoldMember[] {
  const found: CaseFoldMember[] = [];
  const stack: Array<{ node: unknown; pointer: string; isMap: boolean }> = [
    { node: value, pointer: "", isMap: false },
  ];
  while (stack.length > 0) {
    const { node, pointer, isMap } = stack.pop() as { node: unknown; pointer: string; isMap: boolean };
    if (node === null || typeof node !== "object") continue;
    const entries: Array<[string, unknown]> = Array.isArray(node)
      ? node.map((item, index) => [String(index), item])
      : Object.entries(node as Record<string, unknown>);
    for (const [key, child] of entries) {
      const childPointer = `${pointer}/${pointerToken(key)}`;
      if (!Array.isArray(node) && !isMap && !known.has(key)) {
        const field = folded.get(goFold(key));
        if (field !== undefined) found.push({ name: key, field, pointer: childPointer });
      }
      stack.push({
        node: child,
        pointer: childPointer,
        isMap: !Array.isArray(node) && !isMap && mapMembers.has(key),
      });
    }
  }
  return found.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}
