import type { LintedFile } from "../../format/report.js";
import { type LintLayoutOptions, lintLayout as lintLayoutGraph } from "../../layout/lint-layout.js";
import type { LayoutStore } from "../../layout/store.js";
import type { TargetName } from "../../vocabulary/vocabulary.generated.js";
import type { DocumentLintOptions } from "../lint/lint-document.js";

/** Options of the CLI's layout lint: the library's, plus how the layout is shown. */
export interface CliLayoutOptions extends Omit<DocumentLintOptions, "mediaType"> {
  /** How the layout directory is shown (`examples/layout`); its files are shown under it. */
  display: string;
  maxDepth?: number;
  deep?: boolean;
  onFile?: (path: string) => void;
}

/**
 * `ocispec lint <layout>`: the library's {@link lintLayoutGraph} (src/layout/lint-layout.ts), its
 * files shown under the layout's display path.
 */
export async function lintLayout(store: LayoutStore, options: CliLayoutOptions): Promise<LintedFile[]> {
  const { display, onFile, targets, ...rest } = options;
  const shown = (path: string) => (display === "." ? path : `${display}/${path}`);
  const graph: LintLayoutOptions = {
    ...rest,
    // checked names (parseTargets)
    ...(targets !== undefined && { targets: targets as readonly TargetName[] }),
    ...(onFile !== undefined && { onFile }),
  };
  const result = await lintLayoutGraph(store, graph);
  return result.files.map((file) => ({ ...file, path: shown(file.path) }));
}
