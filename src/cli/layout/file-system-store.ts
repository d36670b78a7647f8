import { createHash } from "node:crypto";
import { createReadStream, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join, sep } from "node:path";
import { Readable } from "node:stream";
import type { LayoutFileStat, LayoutStore } from "../../layout/store.js";

/** Where a layout path really is, or why the store will not open it, or `undefined` when it does not exist. */
type Resolved = { real: string } | { refused: string } | undefined;

/**
 * A {@link LayoutStore} over a layout directory on disk (Node; exported by `ocispec/node`). Blobs are
 * streamed (a layer of any size costs a chunk of memory) and hashed with `node:crypto`. A path that
 * is, or passes through, a symbolic link leading out of the layout is refused — `stat` answers
 * `{ refused }` and nothing is opened (issue #17: a blob symlinked to /etc/passwd had its size
 * printed); links that stay inside the layout are followed.
 *
 * @example
 * import { fileSystemLayoutStore } from "ocispec/node";
 * const result = await lintLayout(fileSystemLayoutStore("./oci-dir"), { deep: true });
 */
export function fileSystemLayoutStore(root: string): LayoutStore {
  let realRoot: string | undefined;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = undefined; // no such directory: every file is missing
  }
  const resolve = (path: string): Resolved => {
    if (realRoot === undefined) return undefined;
    const full = join(root, path);
    try {
      lstatSync(full);
    } catch {
      return undefined;
    }
    let real: string;
    try {
      real = realpathSync(full); // resolves links without opening the file they lead to
    } catch {
      return { refused: "a symbolic link that leads nowhere" };
    }
    if (real !== realRoot && !real.startsWith(realRoot + sep)) {
      return { refused: `it is a symbolic link to ${real}, outside the layout` };
    }
    return { real };
  };
  return {
    stat(path): LayoutFileStat | undefined {
      const resolved = resolve(path);
      if (resolved === undefined || "refused" in resolved) return resolved;
      const stat = statSync(resolved.real, { throwIfNoEntry: false });
      return stat?.isFile() ? { size: stat.size } : undefined;
    },
    read(path) {
      const resolved = resolve(path);
      if (resolved === undefined || "refused" in resolved) return undefined;
      try {
        return new Uint8Array(readFileSync(resolved.real));
      } catch {
        return undefined;
      }
    },
    stream(path) {
      const resolved = resolve(path);
      if (resolved === undefined || "refused" in resolved) return undefined;
      return Readable.toWeb(
        createReadStream(resolved.real, { highWaterMark: 1 << 20 }),
      ) as ReadableStream<Uint8Array>;
    },
    listBlobs() {
      const out: string[] = [];
      const visit = (rel: string, depth: number) => {
        let entries: string[];
        try {
          entries = readdirSync(join(root, rel)).sort();
        } catch {
          return;
        }
        for (const name of entries) {
          const child = `${rel}/${name}`;
          const link = lstatSync(join(root, child), { throwIfNoEntry: false });
          if (link?.isDirectory() && depth < 4) visit(child, depth + 1);
          // Files and links alike: `stat` decides whether a link may be followed.
          else if (link?.isFile() || link?.isSymbolicLink()) out.push(child);
        }
      };
      visit("blobs", 0);
      return out;
    },
    createHash(algorithm) {
      const hash = createHash(algorithm);
      return {
        update: (chunk) => {
          hash.update(chunk);
        },
        digestHex: () => hash.digest("hex"),
      };
    },
  };
}
