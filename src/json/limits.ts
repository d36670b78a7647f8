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
 * limitOrDefault(undefined, DEFAULT_MAX_DEPTH); // 64
 * limitOrDefault(Number.NaN, DEFAULT_MAX_DEPTH); // 64
 * limitOrDefault(Infinity, DEFAULT_MAX_DEPTH); // Infinity
 */
export function limitOrDefault(value: number | undefined, fallback: number): number {
  return typeof value === "number" && !Number.isNaN(value) ? value : fallback;
}

/**
 * Default most findings one validation reports (`limits.maxIssues`); the last of them then says
 * that more were left out, and validation stops where it is. 1,000: a real document's problem
 * repeats at most once per descriptor, and documents with that many descriptors are rare (the
 * bench's 10,000-entry index is clean); a registry's error body stays a few hundred KB; and
 * finding and locating that many costs milliseconds, where a 4 MiB document can hold millions of
 * findings (`layers: [{},{},…]`) that cost seconds and gigabytes to produce and cannot be sent.
 *
 * @example
 * validate(floodOfEmptyLayers).issues.length; // 1000, the last one "too-many-issues"
 * validate(bytes, { limits: { maxIssues: Infinity } }); // every finding, at whatever cost
 */
export const DEFAULT_MAX_ISSUES = 1000;
