/** Every example file: path under examples/ → exact bytes, as the builders make them. */
export function exampleFiles(): Map<string, Uint8Array>;
