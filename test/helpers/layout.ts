import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";

/** One file of an OCI image layout, as `buildImageLayout` returns them. */
export interface LayoutFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * Writes the files of an OCI image layout (the result of `buildImageLayout`) under `directory`,
 * creating folders as needed. The core does no I/O; this is the few lines the CLI and tests need.
 */
export function writeImageLayout(directory: string, layout: { files: readonly LayoutFile[] }): void {
  for (const file of layout.files) {
    if (file.path.split("/").includes(".."))
      throw new Error(`refusing to write outside the layout: ${file.path}`);
    const target = join(directory, ...file.path.split("/"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.bytes);
  }
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
