// `ocispec/node`: what needs Node's file system, kept out of `ocispec` and `ocispec/core` (which run in
// browsers, Deno and Bun alike). The implementation lives with the CLI (src/cli/), the one place
// `node:` imports are allowed; the CLI and this entry use the same store.
export { fileSystemLayoutStore } from "./cli/layout/file-system-store.js";
