/** Default largest input, in bytes: 4 MiB, the manifest limit distribution and most registries apply. */
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

/** Default deepest nesting of arrays and objects; OCI documents never go beyond 6. */
export const DEFAULT_MAX_DEPTH = 64;
