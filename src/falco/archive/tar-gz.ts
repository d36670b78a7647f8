import { gzip } from "./gzip.js";
import { createTar, type TarFiles, type TarOptions } from "./tar.js";

/**
 * A deterministic `.tar.gz` of `files`: a sorted ustar archive with fixed owner, modes and mtime,
 * compressed by a gzip without timestamp or name. The same files always give the same bytes, and so
 * the same layer digest.
 *
 * @example
 * const layer = createTarGz({ "falco_rules.yaml": "- rule: shell in container\n" });
 * // tar -tzvf shows: -rw-r--r-- 0/0 ... 1970-01-01 00:00 falco_rules.yaml
 */
export function createTarGz(files: TarFiles, options: TarOptions = {}): Uint8Array {
  return gzip(createTar(files, options));
}
