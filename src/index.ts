// The public surface of ocispec: re-exports only.
export * from "./build/index.js";
export * from "./digest/index.js";
export * from "./falco/index.js";
export * from "./json/index.js";
export * from "./media-types/index.js";
export * from "./registry/index.js";
export * from "./validate/index.js";
