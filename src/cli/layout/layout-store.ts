// The CLI's stores are the library's (src/layout/, src/cli/layout/file-system-store.ts); the name
// the lint command imports is kept.
export { fileSystemLayoutStore as directoryLayoutStore } from "./file-system-store.js";
