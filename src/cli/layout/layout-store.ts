import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { digestFile, type FileDigestAlgorithm } from "../input/hash-file.js";

/**
 * Read access to the files of one OCI image layout, by paths relative to its root
 * (`oci-layout`, `index.json`, `blobs/sha256/<hex>`). The layout walker only sees this, so it can be
 * tested on layouts held in memory.
 */
export interface LayoutStore {
  /** The bytes of a file, or `undefined` when it does not exist. */
  read(path: string): Uint8Array | undefined;
  /** The size of a file in bytes, or `undefined` when it does not exist. */
  size(path: string): number | undefined;
  /** The digest of a file's bytes (`sha256:<hex>`); only called for files that exist. */
  digest(path: string, algorithm: FileDigestAlgorithm): string;
  /** Every regular file under `blobs/`, as relative paths, sorted. */
  listBlobs(): string[];
}

/** A {@link LayoutStore} over a layout directory on disk; large blobs are hashed in chunks. */
export function directoryLayoutStore(root: string): LayoutStore {
  return {
    read(path) {
      try {
        return new Uint8Array(readFileSync(join(root, path)));
      } catch {
        return undefined;
      }
    },
    size(path) {
      const stat = statSync(join(root, path), { throwIfNoEntry: false });
      return stat?.isFile() ? stat.size : undefined;
    },
    digest: (path, algorithm) => digestFile(join(root, path), algorithm),
    listBlobs() {
      const out: string[] = [];
      const visit = (rel: string) => {
        let entries: string[];
        try {
          entries = readdirSync(join(root, rel)).sort();
        } catch {
          return;
        }
        for (const name of entries) {
          const child = `${rel}/${name}`;
          const stat = statSync(join(root, child), { throwIfNoEntry: false });
          if (stat?.isDirectory()) visit(child);
          else if (stat?.isFile()) out.push(child);
        }
      };
      visit("blobs");
      return out;
    },
  };
}

/** A {@link LayoutStore} over files in memory (path → bytes), for tests and for checking a layout before writing it. */
export function memoryLayoutStore(
  files: ReadonlyMap<string, Uint8Array>,
  hash: (bytes: Uint8Array, algorithm: FileDigestAlgorithm) => string,
): LayoutStore {
  return {
    read: (path) => files.get(path),
    size: (path) => files.get(path)?.length,
    digest: (path, algorithm) => hash(files.get(path) ?? new Uint8Array(), algorithm),
    listBlobs: () => [...files.keys()].filter((path) => path.startsWith("blobs/")).sort(),
  };
}
