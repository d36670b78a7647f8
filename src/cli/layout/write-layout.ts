import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ImageLayoutFile } from "../../builders/index.js";
import { describeFsError } from "../input/read-input.js";
import { InputError } from "../usage-error.js";

/**
 * Writes the files of an OCI image layout (from `buildImageLayout`) under `dir`, creating it. Refuses
 * a directory that already has content, so a layout is never half-merged into another one.
 */
export function writeImageLayout(dir: string, files: readonly ImageLayoutFile[]): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new InputError(`${dir} is not empty; choose a new directory for the layout`);
  }
  try {
    for (const file of files) {
      const path = join(dir, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.bytes);
    }
  } catch (error) {
    throw new InputError(`cannot write the layout to ${dir}: ${describeFsError(error)}`);
  }
}
