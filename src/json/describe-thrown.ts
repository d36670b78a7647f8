/**
 * What was thrown, in words, without trusting it: an Error's message, or the value as a string; a
 * thrown Proxy or a throwing getter or `toString` gives `fallback` instead of a second throw.
 *
 * @example
 * describeThrown(new Error("boom"), "it threw"); // "boom"
 * describeThrown({ toString() { throw 1; } }, "it threw"); // "it threw"
 */
export function describeThrown(error: unknown, fallback: string): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    return fallback;
  }
}
