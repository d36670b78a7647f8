import { pointerToken } from "./json-pointer.js";

/** What {@link measureObject} found about an already-parsed value. */
export interface ObjectShape {
  /** JSON Pointer of the first member or element that refers back to an object containing it. */
  cycle?: string;
  /** Values the JSON text of the value would hold (shared objects counted once per reference), capped just above `maxValues`. */
  values: number;
}

interface Frame {
  node: object;
  keys: string[];
  next: number;
  /** Values below this node, itself included, as JSON text would repeat them. */
  size: number;
}

/**
 * Checks that an already-parsed value is a JSON value of bounded size before anything walks it:
 * no cycle (a walk would never end), and no more than `maxValues` values once shared objects are
 * written out as JSON repeats them (`a = [b, b]`, `b = [c, c]`, … is small in memory and
 * exponential as text). One depth-first walk without recursion; each object is expanded once.
 */
export function measureObject(value: unknown, maxValues: number): ObjectShape {
  if (value === null || typeof value !== "object") return { values: 1 };
  const onPath = new Set<object>();
  const sizes = new Map<object, number>(); // finished objects
  const stack: Frame[] = [];
  const enter = (node: object): void => {
    onPath.add(node);
    stack.push({ node, keys: Object.keys(node), next: 0, size: 1 });
  };
  enter(value);
  for (;;) {
    const top = stack[stack.length - 1] as Frame;
    if (top.next < top.keys.length) {
      const key = top.keys[top.next++] as string;
      const child = (top.node as Record<string, unknown>)[key];
      if (child === null || typeof child !== "object") {
        top.size++;
        continue;
      }
      if (onPath.has(child)) {
        let pointer = "";
        for (const frame of stack) pointer += `/${pointerToken(frame.keys[frame.next - 1] as string)}`;
        return { cycle: pointer, values: top.size };
      }
      const known = sizes.get(child);
      if (known !== undefined) top.size += known;
      else enter(child);
    } else {
      stack.pop();
      onPath.delete(top.node);
      const size = Math.min(top.size, maxValues + 1);
      sizes.set(top.node, size);
      const parent = stack[stack.length - 1];
      if (parent === undefined) return { values: size };
      parent.size = Math.min(parent.size + size, maxValues + 1);
    }
  }
}
