import { positionsAt, type SourcePosition } from "./position.js";
import { type WalkContainer, walkText } from "./walk-text.js";

/** One token of a wanted pointer: where its value starts once the walk meets it. */
interface WantedNode {
  offset: number | undefined;
  children: Map<string, WantedNode> | undefined;
  /** Found, or known absent: the walk has left its parent without meeting it. */
  settled: boolean;
}

/** Settles every node under `node` not met yet (the walk has left it); answers how many. */
function settleBelow(node: WantedNode): number {
  let settled = 0;
  const stack = [node];
  while (stack.length > 0) {
    const children = (stack.pop() as WantedNode).children;
    if (children === undefined) continue;
    for (const child of children.values()) {
      if (child.settled) continue;
      child.settled = true;
      settled++;
      stack.push(child);
    }
  }
  return settled;
}

function tokensOf(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => (raw.includes("~") ? raw.replace(/~1/g, "/").replace(/~0/g, "~") : raw));
}

/**
 * Where the value at each JSON Pointer starts (a UTF-16 offset), in one walk over the text that
 * follows only the wanted paths: nothing is kept per value of the text, so locating the findings of
 * a 4 MiB document costs one pass and memory for the pointers alone. With `closest`, a pointer the
 * text does not have gets its closest ancestor's offset. The first of duplicate members wins.
 */
function offsetsOf(text: string, pointers: readonly string[], closest: boolean): (number | undefined)[] {
  const root: WantedNode = { offset: undefined, children: undefined, settled: false };
  let unresolved = 1;
  const paths = pointers.map((pointer) => {
    const path: WantedNode[] = [root];
    let node = root;
    for (const token of tokensOf(pointer)) {
      node.children ??= new Map();
      let child = node.children.get(token);
      if (child === undefined) {
        child = { offset: undefined, children: undefined, settled: false };
        node.children.set(token, child);
        unresolved++;
      }
      path.push(child);
      node = child;
    }
    return path;
  });
  // The wanted node of the value being read at each depth; undefined below an unwanted one.
  const open: (WantedNode | undefined)[] = [];
  walkText(text, {
    value(at, _pointer, depth, container) {
      // A value at this depth ends the previous one's subtree: what it did not hold, it has not.
      for (let d = depth; d < open.length; d++) {
        const done = open[d];
        if (done !== undefined) unresolved -= settleBelow(done);
      }
      open.length = depth;
      let node: WantedNode | undefined;
      if (depth === 0) node = root;
      else {
        const parent = open[depth - 1];
        const c = container as WalkContainer;
        node = parent?.children?.get(c.isObject ? c.key : String(c.index));
      }
      open[depth] = node;
      if (node !== undefined && !node.settled) {
        node.offset = at;
        node.settled = true;
        unresolved--;
      }
      return unresolved <= 0;
    },
  });
  return paths.map((path) => {
    const last = path[path.length - 1] as WantedNode;
    if (!closest) return last.offset;
    for (let k = path.length - 1; k >= 0; k--) {
      const offset = (path[k] as WantedNode).offset;
      if (offset !== undefined) return offset;
    }
    return undefined;
  });
}

/**
 * The line and column where the value at each JSON Pointer starts in `text` (undefined for a
 * pointer the text has no value at, or — with `closest` — where its closest ancestor that the text
 * has starts). One pass over the text however many pointers: locate a document's findings together.
 *
 * @example
 * locatePointers('{\n  "size": -1\n}', ["/size", "/digest"]); // [{ line: 2, column: 11 }, undefined]
 * locatePointers('{\n  "size": -1\n}', ["/digest"], true); // [{ line: 1, column: 1 }]
 */
export function locatePointers(
  text: string,
  pointers: readonly string[],
  closest = false,
): (SourcePosition | undefined)[] {
  if (pointers.length === 0) return [];
  const offsets = offsetsOf(text, pointers, closest);
  const found = offsets.filter((offset): offset is number => offset !== undefined);
  const positions = positionsAt(text, found);
  let k = 0;
  return offsets.map((offset) => (offset === undefined ? undefined : positions[k++]));
}

/**
 * The line and column where the value at a JSON Pointer starts in `text`, or undefined when the text
 * has no such value. One pass over the text (nothing is cached between calls): to locate several
 * pointers in one text, {@link locatePointers} does it in one pass for all.
 *
 * @example
 * locatePointer('{\n  "size": -1\n}', "/size") // { line: 2, column: 11 }
 */
export function locatePointer(text: string, pointer: string): SourcePosition | undefined {
  return locatePointers(text, [pointer])[0];
}
