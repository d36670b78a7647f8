import type { RegistryClientOptions } from "../../client/index.js";
import {
  createRegistrySession,
  type FetchedDescriptor,
  formatImageReference,
  type ImageReference,
  push,
  RegistryClientError,
} from "../../client/index.js";
import { buildReport } from "../../format/report.js";
import { formatText, plural } from "../../format/text.js";
import type { LayoutStore } from "../../layout/store.js";
import { findProfileCheck } from "../../registry/profiles/index.js";
import type { CliIo } from "../io.js";
import { lintLayout } from "../layout/lint-layout.js";
import { InputError } from "../usage-error.js";

/** What {@link lintAndPush} needs: the layout, which manifest of it, where to, and how. */
export interface LayoutPush {
  store: LayoutStore;
  /** How the layout is shown in findings. */
  display: string;
  root: FetchedDescriptor;
  target: ImageReference;
  client: RegistryClientOptions;
  /** Registry profiles the graph must pass (`--target`). */
  targets: readonly string[] | undefined;
  /** Push even when the lint finds errors (`--force`). */
  force: boolean;
  from?: string | undefined;
}

/** Exit 1 for a refused push (lint errors), 0 pushed; registry failures become an {@link InputError}. */
export async function lintAndPush(job: LayoutPush, io: CliIo): Promise<number> {
  // A predicted refusal blocks the push: an error, or a target finding whose check says the registry refuses.
  const files = (await lintLayout(job.store, { display: job.display, targets: job.targets })).map((file) => ({
    ...file,
    issues: file.issues.filter(
      (issue) => issue.severity === "error" || findProfileCheck(issue.code)?.refuses === true,
    ),
  }));
  const report = buildReport(files);
  const blocking = report.summary.errors + report.summary.warnings;
  if (blocking > 0) {
    io.stderr.write(formatText(report, { color: false }));
    if (!job.force) {
      io.stderr.write(
        `ocispec: not pushing ${job.display}: ${plural(blocking, "predicted refusal")}${
          job.targets !== undefined && job.targets.length > 0
            ? ` under --target ${job.targets.join(",")}`
            : ""
        } (--force pushes anyway)\n`,
      );
      return 1;
    }
    io.stderr.write(`ocispec: pushing despite ${plural(blocking, "predicted refusal")} (--force)\n`);
  }
  const progress = io.stderr.isTTY ? io.stderr : undefined;
  let drawn = false;
  try {
    const result = await push(
      { read: (descriptor) => job.store.read(blobPath(descriptor.digest)) },
      job.root,
      job.target,
      {
        ...job.client,
        session: createRegistrySession(job.client),
        from: job.from,
        onProgress: (p) => {
          if (progress === undefined) return;
          const percent = p.totalBytes === 0 ? 100 : Math.floor((100 * p.sentBytes) / p.totalBytes);
          progress.write(
            `\r\u001b[Kocispec: pushing ${percent}%  ${p.sentBytes}/${p.totalBytes} bytes  ${p.descriptor.digest.slice(0, 19)}…`,
          );
          drawn = true;
        },
      },
    );
    if (drawn) progress?.write("\r\u001b[K");
    const count = (action: string) => result.pushed.filter((p) => p.action === action).length;
    io.stdout.write(
      `pushed ${formatImageReference({ ...job.target, digest: result.digest })}: ${plural(count("uploaded") + count("chunked"), "blob")} uploaded, ${count("mounted")} mounted, ${count("exists")} already there, ${plural(count("manifest"), "manifest")}\n`,
    );
    return 0;
  } catch (error) {
    if (drawn) progress?.write("\r\u001b[K");
    if (error instanceof RegistryClientError)
      throw new InputError(`push to ${formatImageReference(job.target)} failed: ${error.message}`);
    throw error;
  }
}

/** `blobs/<alg>/<encoded>`: the descriptor's digest already passed the client's grammar check (no `/` or `..`). */
function blobPath(digest: string): string {
  const [algorithm, encoded] = digest.split(":");
  return `blobs/${algorithm}/${encoded}`;
}
