/**
 * Default largest input, in bytes: 4 MiB, the manifest limit distribution and most registries apply.
 *
 * @example
 * validate(new Uint8Array(DEFAULT_MAX_BYTES + 1)).issues[0]?.code; // "json-too-large"
 * validate(bigIndex, { limits: { maxBytes: 16 * DEFAULT_MAX_BYTES } }); // a registry with a higher limit
 */
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

/**
 * Default deepest nesting of arrays and objects; OCI documents never go beyond 6.
 *
 * @example
 * const deep = "[".repeat(DEFAULT_MAX_DEPTH + 1) + "]".repeat(DEFAULT_MAX_DEPTH + 1);
 * readJson(deep).issues[0]?.code; // "json-too-deep"
 */
export const DEFAULT_MAX_DEPTH = 64;

/**
 * A caller's limit: `Infinity` means none; what is not a number (NaN, e.g. a bad flag) never lifts
 * the default. The strict reader and the clean path of `validate` read limits alike through it.
 *
 * @example
 * limit(undefined, DEFAULT_MAX_DEPTH); // 64
 * limit(Number.NaN, DEFAULT_MAX_DEPTH); // 64
 * limit(Infinity, DEFAULT_MAX_DEPTH); // Infinity
 */
export function limit(value: number | undefined, fallback: number): number {
  return typeof value === "number" && !Number.isNaN(value) ? value : fallback;
}
