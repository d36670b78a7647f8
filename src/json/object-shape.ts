import { describeThrown } from "./describe-thrown.js";
import { pointerToken } from "./json-pointer.js";

/** What {@link snapshotObject} made of an already-parsed value. */
export type ObjectSnapshot =
  /** A plain copy: arrays and objects as JSON would hold them, every property read once. */
  | { readonly ok: true; readonly value: unknown }
  /** A member or element refers back to an object that contains it (at `pointer`). */
  | { readonly ok: false; readonly problem: "cycle"; readonly pointer: string }
  /** More than `maxValues` values once shared parts are written out as JSON repeats them. */
  | { readonly ok: false; readonly problem: "too-large"; readonly pointer: string }
  /** Arrays and objects nest deeper than `maxDepth`. */
  | { readonly ok: false; readonly problem: "too-deep"; readonly pointer: string }
  /** Reading a property threw (a getter, a Proxy trap, a revoked Proxy): `message` says what. */
  | {
      readonly ok: false;
      readonly problem: "unreadable";
      readonly pointer: string;
      readonly message: string;
    };

interface Frame {
  node: object;
  copy: unknown[] | Record<string, unknown>;
  /** Member names of an object; undefined for an array. */
  keys: string[] | undefined;
  length: number;
  next: number;
  /** Values below this node, itself included, as JSON text would repeat them. */
  size: number;
}

/**
 * Reads an already-parsed value once into plain arrays and objects, bounded like bytes are: no
 * cycle (a walk would never end), no more than `maxValues` values once shared objects are written
 * out as JSON repeats them (`a = [b, b]`, `b = [c, c]`, … is small in memory and exponential as
 * text; a sparse array's length counts, holes included, as JSON writes each one), and every
 * property read exactly once, so a getter or a Proxy cannot show later stages another value or
 * throw in them; and no deeper than `maxDepth`. One depth-first walk without recursion; each
 * shared object is copied once.
 *
 * @example
 * snapshotObject({ layers: [] }, 1000); // { ok: true, value: { layers: [] } }
 * const a: unknown[] = []; a[1e7] = 1;
 * snapshotObject({ layers: a }, 1000); // { ok: false, problem: "too-large", pointer: "/layers" }
 */
export function snapshotObject(
  value: unknown,
  maxValues: number,
  maxDepth = Number.POSITIVE_INFINITY,
): ObjectSnapshot {
  if (value === null || typeof value !== "object") return { ok: true, value };
  const onPath = new Set<object>();
  const done = new Map<object, { copy: unknown; size: number }>();
  const stack: Frame[] = [];
  const pointer = (): string => {
    let out = "";
    for (const frame of stack) {
      const at = frame.next - 1;
      if (at < 0) break;
      out += `/${frame.keys === undefined ? String(at) : pointerToken(frame.keys[at] as string)}`;
    }
    return out;
  };
  /** Starts copying `node`; a problem when it is too large to start. */
  const enter = (node: object): ObjectSnapshot | undefined => {
    if (stack.length >= maxDepth) return { ok: false, problem: "too-deep", pointer: pointer() };
    if (Array.isArray(node)) {
      const length = (node as unknown[]).length;
      if (!(length <= maxValues)) return { ok: false, problem: "too-large", pointer: pointer() };
      onPath.add(node);
      stack.push({ node, copy: new Array(length), keys: undefined, length, next: 0, size: 1 + length });
      return undefined;
    }
    // A typed array's keys are its indexes: count them before listing them.
    if (ArrayBuffer.isView(node) && !(node.byteLength <= maxValues)) {
      return { ok: false, problem: "too-large", pointer: pointer() };
    }
    const keys = Object.keys(node);
    if (!(keys.length <= maxValues)) return { ok: false, problem: "too-large", pointer: pointer() };
    onPath.add(node);
    stack.push({ node, copy: {}, keys, length: keys.length, next: 0, size: 1 });
    return undefined;
  };
  let finished: unknown;
  try {
    const problem = enter(value);
    if (problem !== undefined) return problem;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Frame;
      if (top.size > maxValues) return { ok: false, problem: "too-large", pointer: pointer() };
      if (top.next < top.length) {
        const at = top.next++;
        const key = top.keys === undefined ? at : (top.keys[at] as string);
        const child = (top.node as Record<string | number, unknown>)[key];
        let copied: unknown = child;
        if (child !== null && typeof child === "object") {
          if (onPath.has(child)) return { ok: false, problem: "cycle", pointer: pointer() };
          const known = done.get(child);
          if (known === undefined) {
            const tooLarge = enter(child);
            if (tooLarge !== undefined) return tooLarge;
            continue; // its copy is placed when it is finished
          }
          top.size += known.size - (top.keys === undefined ? 1 : 0);
          copied = known.copy;
        } else if (top.keys !== undefined) top.size++;
        place(top, key, copied);
        continue;
      }
      stack.pop();
      onPath.delete(top.node);
      done.set(top.node, { copy: top.copy, size: top.size });
      const parent = stack[stack.length - 1];
      if (parent === undefined) finished = top.copy;
      else {
        parent.size += top.size - (parent.keys === undefined ? 1 : 0);
        place(
          parent,
          parent.keys === undefined ? parent.next - 1 : (parent.keys[parent.next - 1] as string),
          top.copy,
        );
      }
    }
  } catch (error) {
    return {
      ok: false,
      problem: "unreadable",
      pointer: pointer(),
      message: describeThrown(error, "a value that cannot be shown"),
    };
  }
  return { ok: true, value: finished };
}

/** Sets a copied member; `__proto__` as an own member, as JSON.parse makes it, not the prototype. */
function place(frame: Frame, key: string | number, value: unknown): void {
  if (typeof key === "number") (frame.copy as unknown[])[key] = value;
  else if (key === "__proto__")
    Object.defineProperty(frame.copy, key, { value, enumerable: true, writable: true, configurable: true });
  else (frame.copy as Record<string, unknown>)[key] = value;
}
