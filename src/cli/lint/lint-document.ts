import type { LintedFile } from "../../format/report.js";
import { validate } from "../../registry/validate-with-targets.generated.js";
import type { Preset, SeveritySetting } from "../../validate/index.js";
import type { TargetName } from "../../vocabulary/vocabulary.generated.js";

/** Settings every validation of a lint run shares. */
export interface DocumentLintOptions {
  /** The media type to validate as (`--media-type`, or the guess from the file's name and shape). */
  mediaType?: string | undefined;
  preset?: Preset | undefined;
  rules?: Readonly<Record<string, SeveritySetting>> | undefined;
  /** Registry profiles whose known refusals are added as findings (`--target gitlab,ecr`). */
  targets?: readonly string[] | undefined;
}

/** A lint entry together with the parsed document, for callers that follow its references. */
export interface LintedDocument {
  file: LintedFile;
  /** The parsed document, when the bytes could be read as JSON. */
  document: unknown;
}

/**
 * Validates one document's raw bytes and returns its lint entry, shown as `display`, and the parsed
 * document.
 *
 * @example
 * lintDocument("examples/image/manifest.json", bytes, {}).file.kind // "image-manifest"
 */
export function lintDocument(
  display: string,
  bytes: Uint8Array,
  options: DocumentLintOptions,
): LintedDocument {
  const result = validate(bytes, {
    ...(options.mediaType !== undefined && { mediaType: options.mediaType }),
    ...(options.preset !== undefined && { preset: options.preset }),
    ...(options.rules !== undefined && { rules: options.rules }),
    // Checked names (parseTargets); a name that is not one is an options-invalid finding anyway.
    ...(options.targets !== undefined && { targets: options.targets as readonly TargetName[] }),
  });
  return {
    file: {
      path: display,
      kind: result.kind,
      mediaType: result.mediaType,
      digest: result.digest,
      issues: [...result.issues],
    },
    document: result.document,
  };
}
