/**
 * What a {@link LayoutStore} says about one file of a layout: its size, or why it will not open it.
 *
 * @example
 * const stat: LayoutFileStat = { size: 2 };
 * const refused: LayoutFileStat = { refused: "a symbolic link to /etc/passwd, outside the layout" };
 */
export type LayoutFileStat =
  | {
      /** The file's size in bytes. */
      readonly size: number;
    }
  | {
      /** Why the store will not open the file (it is never read). */
      readonly refused: string;
    };

/**
 * A hash fed chunk by chunk: what a store may offer instead of the pure-JS one (the file-system store
 * offers `node:crypto`'s, several times faster).
 *
 * @example
 * const hash: IncrementalHash = { update(chunk) {}, digestHex: () => "…" };
 */
export interface IncrementalHash {
  /** Adds bytes. */
  update(chunk: Uint8Array): void;
  /** The lowercase hex digest of everything added. */
  digestHex(): string;
}

/**
 * Read access to the files of one OCI image layout, by paths relative to its root (`oci-layout`,
 * `index.json`, `blobs/sha256/<hex>`): all {@link lintLayout} sees, so the same check runs on a
 * directory (`fileSystemLayoutStore` from `ocispec/node`), on files in memory
 * ({@link memoryLayoutStore}), or on anything else a caller can read (a tarball, object storage).
 * Every method may be asynchronous; none may throw for a missing file.
 *
 * @example
 * const store: LayoutStore = memoryLayoutStore({ "oci-layout": bytes, "index.json": index });
 * const result = await lintLayout(store);
 */
export interface LayoutStore {
  /** The size of a regular file, `{ refused }` when the store will not open it, `undefined` when it does not exist. */
  stat(path: string): LayoutFileStat | undefined | Promise<LayoutFileStat | undefined>;
  /** The whole content of a file (called only for files `stat` sized, and only up to the caller's limit). */
  read(path: string): Uint8Array | undefined | Promise<Uint8Array | undefined>;
  /** The content as a stream of chunks, for blobs of any size. */
  stream(
    path: string,
  ): ReadableStream<Uint8Array> | undefined | Promise<ReadableStream<Uint8Array> | undefined>;
  /** Every file under `blobs/`, as relative paths, sorted. */
  listBlobs(): readonly string[] | Promise<readonly string[]>;
  /** A faster hash than the built-in pure-JS one, when the runtime has one. */
  createHash?(algorithm: "sha256" | "sha512"): IncrementalHash;
}
