/**
 * One reference token of a JSON Pointer (RFC 6901 section 3): `~` becomes `~0`, `/` becomes `~1`.
 *
 * @example
 * pointerToken("a/b~c") // "a~1b~0c"
 */
export function pointerToken(key: string): string {
  return key.includes("~") || key.includes("/") ? key.replace(/~/g, "~0").replace(/\//g, "~1") : key;
}
