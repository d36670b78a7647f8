import { compareUtf8 } from "../json/utf8-order.js";
import { BuildError } from "./build-error.js";
import { describe } from "./media-type-field.js";

/**
 * Checks annotations the builders are about to write. image-spec annotations.md: "Annotations MUST
 * be a key-value map where both the key and value MUST be strings" (the empty key included: the spec
 * does not forbid it). An empty map is left out (Go's `omitempty`). Keys are copied as own data
 * properties, so even `__proto__` survives as a key.
 *
 * @returns a copy with the keys in Go's (sorted) order, or `undefined` when there are none.
 * @throws {BuildError} naming the offending key.
 */
export function checkAnnotations(value: unknown, field: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new BuildError(
      field,
      `must be an object mapping annotation keys to string values, got ${describe(value)}`,
    );
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return undefined;
  const result: Record<string, string> = {};
  entries.sort(([a], [b]) => compareUtf8(a, b));
  for (const [key, item] of entries) {
    if (typeof item !== "string") {
      throw new BuildError(
        `${field}[${JSON.stringify(key)}]`,
        `annotation values must be strings, got ${describe(item)}; write it as a string, e.g. ${JSON.stringify(String(item))}`,
      );
    }
    Object.defineProperty(result, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return result;
}
