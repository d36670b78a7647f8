import type { OutputStream } from "./io.js";

/** A progress line on a terminal: `tick` per file, `done` to erase it. */
export interface Progress {
  tick(label: string): void;
  done(): void;
}

/** Options for {@link createProgress}. */
export interface ProgressOptions {
  /** Milliseconds before the line first appears, so short runs never flicker. Default 300. */
  delay?: number;
  /** Minimum milliseconds between redraws. Default 80. */
  interval?: number;
  /** The clock, replaceable in tests. */
  now?: () => number;
}

const NO_PROGRESS: Progress = { tick() {}, done() {} };

/**
 * A one-line progress display (`ocispec: 120 files  examples/layout/blobs/sha256/…`) redrawn in
 * place on `stream` — only when it is a terminal, so pipes and CI logs stay clean — and erased at the end.
 */
export function createProgress(stream: OutputStream, options: ProgressOptions = {}): Progress {
  if (!stream.isTTY) return NO_PROGRESS;
  const now = options.now ?? Date.now;
  const delay = options.delay ?? 300;
  const interval = options.interval ?? 80;
  const start = now();
  let last = Number.NEGATIVE_INFINITY;
  let count = 0;
  let drawn = false;
  return {
    tick(label) {
      count++;
      const t = now();
      if (t - start < delay || t - last < interval) return;
      last = t;
      const line = `ocispec: ${count} ${count === 1 ? "file" : "files"}  ${label}`;
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(`\r\u001b[K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write("\r\u001b[K");
      drawn = false;
    },
  };
}
