import type { LayoutStore } from "./store.js";

/** Chunk size of {@link memoryLayoutStore}'s streams: small enough to exercise the streamed paths. */
const CHUNK = 64 * 1024;

/**
 * A {@link LayoutStore} over files held in memory (relative path → bytes): for browsers, for tests,
 * and for checking a layout the builders made before writing it anywhere.
 *
 * @example
 * const { files } = buildImageLayout({ manifests: [{ ...manifest, refName: "v1" }], blobs: [{ bytes: config }] });
 * const result = await lintLayout(memoryLayoutStore(new Map(files.map((f) => [f.path, f.bytes]))));
 */
export function memoryLayoutStore(
  files: ReadonlyMap<string, Uint8Array> | Readonly<Record<string, Uint8Array>>,
): LayoutStore {
  const map: ReadonlyMap<string, Uint8Array> =
    files instanceof Map ? files : new Map(Object.entries(files as Record<string, Uint8Array>));
  return {
    stat: (path) => {
      const bytes = map.get(path);
      return bytes === undefined ? undefined : { size: bytes.length };
    },
    read: (path) => map.get(path),
    stream(path) {
      const bytes = map.get(path);
      if (bytes === undefined) return undefined;
      let offset = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= bytes.length) {
            controller.close();
            return;
          }
          controller.enqueue(bytes.subarray(offset, offset + CHUNK));
          offset += CHUNK;
        },
      });
    },
    listBlobs: () => [...map.keys()].filter((path) => path.startsWith("blobs/")).sort(),
  };
}
