// A deterministic ustar writer (POSIX.1-1988 "ustar" interchange format, as specified in POSIX
// pax(1)): entries sorted by name, owner 0:0, fixed modes and a fixed mtime, so the same files always
// give the same archive.

import { compareUtf8 } from "../../json/utf8-order.js";

/**
 * The content of one file: raw bytes, or text written as UTF-8.
 *
 * @example
 * const files: Record<string, TarFileContent> = { "rules.yaml": "- rule: x\n", "lib.so": new Uint8Array([0x7f, 0x45, 0x4c, 0x46]) };
 * createTarGz(files);
 */
export type TarFileContent = Uint8Array | string;

/**
 * Files to archive, keyed by relative path (`rules/falco_rules.yaml`).
 *
 * @example
 * const files: TarFiles = { "a.yaml": "a: 1\n", "rules/b.yaml": "b: 2\n" };
 * createTar(files); // a.yaml, rules/, rules/b.yaml — sorted, owner 0:0, mtime 0
 */
export type TarFiles = Readonly<Record<string, TarFileContent>>;

/**
 * Options for {@link createTar}.
 *
 * @example
 * const options: TarOptions = { mtime: new Date("2024-01-01T00:00:00Z") };
 * createTar({ "a.txt": "hi" }, options).length; // 2048: a header block, one content block, two zero blocks
 */
export interface TarOptions {
  /** Modification time written on every entry; default the Unix epoch (0). */
  mtime?: Date;
}

const BLOCK = 512;
const FILE_MODE = 0o644;
const DIR_MODE = 0o755;
const MAX_SIZE = 0o77777777777; // 11 octal digits
const encoder = new TextEncoder();

/**
 * Thrown for a file name or size the archive cannot carry safely.
 *
 * @example
 * try {
 *   createTar({ "../escape.yaml": "x" });
 * } catch (error) {
 *   if (error instanceof TarError) console.log(error.message);
 *   // file name "../escape.yaml" contains a ".." segment; use a relative path like "rules.yaml"
 * }
 */
export class TarError extends Error {
  /** Always `"TarError"`, so logs and `error.name` checks tell it apart. */
  override name = "TarError";
}

/**
 * Checks that a path is a plain relative path: no empty, `.` or `..` segments, no leading `/`,
 * no backslash or NUL. falcoctl refuses to extract entries that escape the target directory.
 */
function checkPath(path: string): void {
  const why =
    path === ""
      ? "is empty"
      : path.startsWith("/")
        ? "is absolute"
        : path.includes("\\")
          ? "contains a backslash"
          : path.includes("\0")
            ? "contains NUL"
            : path.split("/").some((s) => s === "..")
              ? 'contains a ".." segment'
              : path.split("/").some((s) => s === "" || s === ".")
                ? 'contains an empty or "." segment'
                : undefined;
  if (why)
    throw new TarError(`file name ${JSON.stringify(path)} ${why}; use a relative path like "rules.yaml"`);
  // In a /u pattern a surrogate class matches only unpaired halves, which UTF-8 cannot carry.
  if (/[\uD800-\uDFFF]/u.test(path)) {
    throw new TarError(`file name ${JSON.stringify(path)} contains a lone surrogate`);
  }
}

function writeString(header: Uint8Array, offset: number, length: number, bytes: Uint8Array): void {
  header.set(bytes.subarray(0, length), offset);
}

function writeOctal(header: Uint8Array, offset: number, length: number, value: number): void {
  // length-1 zero-padded octal digits followed by NUL
  const digits = value.toString(8).padStart(length - 1, "0");
  writeString(header, offset, length, encoder.encode(`${digits}\0`));
}

/** Splits a UTF-8 path into ustar's prefix (≤155 bytes) and name (≤100 bytes) at a `/`. */
function splitName(path: string, bytes: Uint8Array): { name: Uint8Array; prefix: Uint8Array } {
  if (bytes.length <= 100) return { name: bytes, prefix: new Uint8Array(0) };
  for (let i = bytes.length - 1; i > 0; i--) {
    if (bytes[i] !== 0x2f) continue;
    const prefix = bytes.subarray(0, i);
    const name = bytes.subarray(i + 1);
    if (prefix.length <= 155 && name.length <= 100 && name.length > 0) return { name, prefix };
  }
  throw new TarError(
    `file name ${JSON.stringify(path)} is too long for ustar (at most 100 bytes after the last "/" and 155 before it)`,
  );
}

function header(path: string, type: "file" | "dir", size: number, mtime: number): Uint8Array {
  const block = new Uint8Array(BLOCK);
  const { name, prefix } = splitName(path, encoder.encode(type === "dir" ? `${path}/` : path));
  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, type === "dir" ? DIR_MODE : FILE_MODE);
  writeOctal(block, 108, 8, 0); // uid
  writeOctal(block, 116, 8, 0); // gid
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, mtime);
  block.fill(0x20, 148, 156); // checksum field counts as spaces while summing
  block[156] = type === "dir" ? 0x35 : 0x30; // typeflag '5' directory, '0' regular file
  writeString(block, 257, 6, encoder.encode("ustar\0"));
  writeString(block, 263, 2, encoder.encode("00"));
  writeString(block, 345, 155, prefix);
  let sum = 0;
  for (const b of block) sum += b;
  writeString(block, 148, 8, encoder.encode(`${sum.toString(8).padStart(6, "0")}\0 `));
  return block;
}

/**
 * Writes a ustar archive of `files`: parent directories first, entries sorted by path, mode 0644 for
 * files and 0755 for directories, uid/gid 0, no user or group names, mtime 0 unless given, ended by
 * two zero blocks. Identical inputs give identical bytes.
 *
 * @throws {TarError} for absolute paths, `..` segments, names too long for ustar, or files of 8 GiB or more.
 * @example
 * const tar = createTar({ "falco_rules.yaml": "- rule: x\n" });
 */
export function createTar(files: TarFiles, options: TarOptions = {}): Uint8Array {
  const mtime = Math.floor((options.mtime?.getTime() ?? 0) / 1000);
  if (!Number.isFinite(mtime) || mtime < 0 || mtime > MAX_SIZE) {
    throw new TarError(`mtime ${String(options.mtime)} cannot be written in a ustar header`);
  }
  const entries = new Map<string, { type: "file" | "dir"; data: Uint8Array }>();
  for (const [path, content] of Object.entries(files)) {
    checkPath(path);
    const data = typeof content === "string" ? encoder.encode(content) : content;
    if (!(data instanceof Uint8Array))
      throw new TarError(`file ${JSON.stringify(path)}: content must be a string or Uint8Array`);
    if (data.length > MAX_SIZE)
      throw new TarError(`file ${JSON.stringify(path)} is too large for ustar (8 GiB or more)`);
    const segments = path.split("/");
    for (let i = 1; i < segments.length; i++) {
      const dir = segments.slice(0, i).join("/");
      if (entries.get(dir)?.type === "file") throw new TarError(`"${dir}" is both a file and a directory`);
      entries.set(dir, { type: "dir", data: new Uint8Array(0) });
    }
    if (entries.has(path)) throw new TarError(`"${path}" is both a file and a directory`);
    entries.set(path, { type: "file", data });
  }
  const sorted = [...entries.keys()].sort(compareUtf8);
  let total = 2 * BLOCK;
  for (const path of sorted)
    total += BLOCK + Math.ceil((entries.get(path) as { data: Uint8Array }).data.length / BLOCK) * BLOCK;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const path of sorted) {
    const entry = entries.get(path) as { type: "file" | "dir"; data: Uint8Array };
    out.set(header(path, entry.type, entry.data.length, mtime), offset);
    offset += BLOCK;
    out.set(entry.data, offset);
    offset += Math.ceil(entry.data.length / BLOCK) * BLOCK;
  }
  return out; // the final two zero blocks are already there: the buffer started zeroed
}
