import { type Preset, type SeveritySetting, validate } from "../../validate/index.js";
import type { LintedFile } from "./lint-report.js";

/** Settings every validation of a lint run shares. */
export interface DocumentLintOptions {
  /** The media type to validate as (`--media-type`, or the guess from the file's name and shape). */
  mediaType?: string | undefined;
  preset?: Preset | undefined;
  rules?: Readonly<Record<string, SeveritySetting>> | undefined;
  /** Registry profiles whose known refusals are added as findings (`--target gitlab,ecr`). */
  targets?: readonly string[] | undefined;
}

/**
 * Validates one document's raw bytes and returns its lint entry, shown as `display`.
 *
 * @example
 * lintDocument("examples/image/manifest.json", bytes, {}).kind // "image-manifest"
 */
export function lintDocument(display: string, bytes: Uint8Array, options: DocumentLintOptions): LintedFile {
  const result = validate(bytes, {
    ...(options.mediaType !== undefined && { mediaType: options.mediaType }),
    ...(options.preset !== undefined && { preset: options.preset }),
    ...(options.rules !== undefined && { rules: options.rules }),
    ...(options.targets !== undefined && { targets: options.targets }),
  });
  return {
    path: display,
    kind: result.kind,
    mediaType: result.mediaType,
    digest: result.digest,
    issues: [...result.issues],
  };
}
