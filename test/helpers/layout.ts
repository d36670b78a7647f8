import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { writeImageLayout as writeLayoutFiles } from "../../src/cli/layout/write-layout.js";

/** One file of an OCI image layout, as `buildImageLayout` returns them. */
export interface LayoutFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * Writes an OCI image layout (the result of `buildImageLayout`) under `directory`, which must be
 * empty or absent — with the CLI's writer, so tests write layouts exactly as `ocispec` does.
 */
export function writeImageLayout(directory: string, layout: { files: readonly LayoutFile[] }): void {
  writeLayoutFiles(directory, layout.files);
}

/** Reads every file under `directory` back, paths with `/`, sorted — to compare with what was written. */
export function readImageLayout(directory: string): LayoutFile[] {
  const files: LayoutFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else
        files.push({
          path: relative(directory, path).split(sep).join("/"),
          bytes: new Uint8Array(readFileSync(path)),
        });
    }
  };
  walk(directory);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
