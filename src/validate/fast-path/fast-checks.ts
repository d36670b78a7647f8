import type { DocumentKind } from "../types.js";
import type { FastCheck } from "./fast-check.js";
import { imageConfigFastCheck } from "./image-config.js";
import { imageIndexFastCheck } from "./image-index.js";
import { imageManifestFastCheck } from "./image-manifest.js";

/**
 * The fast check of each document kind that has one; the other kinds always take the full pipeline.
 *
 * @example
 * fastChecks["image-manifest"] === imageManifestFastCheck; // true
 * fastChecks["docker-manifest"]; // undefined: the full pipeline validates Docker manifests
 */
export const fastChecks: Readonly<Partial<Record<DocumentKind, FastCheck>>> = {
  "image-manifest": imageManifestFastCheck,
  "image-index": imageIndexFastCheck,
  "image-config": imageConfigFastCheck,
};
