import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { PolicyOptions } from "../../registry/policy.js";

/** One manifest for a worker; `bytes` is transferred, so it must be the job's own buffer. */
export interface ValidationJob {
  id: number;
  bytes: ArrayBuffer;
  contentType: string | undefined;
  reference: string;
  contentLength: number | undefined;
}

/** A worker's answer: validateUpload's status, the bounded body text, the rules that fired. */
export type ValidationReply =
  | {
      id: number;
      status: number;
      body: string | null;
      rules: string[];
      errorCount?: number;
      digest?: string | undefined;
    }
  | { id: number; failure: string };

/** What the pool makes of a job. */
export type ValidationOutcome =
  | {
      kind: "answered";
      status: number;
      body: string | null;
      rules: string[];
      errorCount: number;
      digest?: string | undefined;
    }
  /** The queue is full: answer 429 and let the client retry. */
  | { kind: "overloaded" }
  /** The document cost more than the budget (time or heap), or the worker failed: refuse it. */
  | { kind: "over-budget"; reason: "deadline" | "memory" | "failure"; message: string };

/** How the pool runs. */
export interface ValidationPoolOptions {
  /** The worker script (dist/gate-worker.js). */
  workerUrl: URL;
  /** Worker threads; default: one per core minus one for the event loop, at least 1. */
  size?: number | undefined;
  /** Options for createPolicy in each worker (plain data). */
  policy: PolicyOptions;
  /** Old-generation heap per worker, MB. */
  heapMb: number;
  /** Wall-clock budget for one validation, ms; the worker is terminated and replaced past it. */
  deadlineMs: number;
  /** Jobs waiting for a worker beyond which new ones are answered `overloaded`. */
  maxQueue: number;
  /** Nice value of the worker threads (Linux): above 0, they yield to the event loop. */
  nice: number;
}

interface Pending {
  job: ValidationJob;
  resolve: (outcome: ValidationOutcome) => void;
  signal: AbortSignal | undefined;
  /** A job waits in the queue no longer than one deadline; then it is answered `overloaded`. */
  queueTimer: NodeJS.Timeout | undefined;
}

interface Slot {
  worker: Worker;
  pending: Pending | undefined;
  timer: NodeJS.Timeout | undefined;
}

/** Default pool size: leave a core to the event loop. */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * Validation off the event loop: a fixed set of worker threads, each with a heap limit, one job at a
 * time, a deadline per job, and a bounded queue. A worker that overruns, runs out of heap or dies is
 * replaced; its job is answered `over-budget` (the gate refuses the document).
 *
 * @example
 * const pool = new ValidationPool({ workerUrl, policy: {}, heapMb: 512, deadlineMs: 5000, maxQueue: 64 });
 * await pool.ready();
 * const outcome = await pool.validate({ bytes, contentType, reference: "v1", contentLength: bytes.length });
 */
export class ValidationPool {
  readonly #options: ValidationPoolOptions;
  readonly #slots: Slot[] = [];
  readonly #queue: Pending[] = [];
  #nextId = 1;
  #closed = false;
  #replaced = 0;

  constructor(options: ValidationPoolOptions) {
    this.#options = options;
    const size = options.size ?? defaultPoolSize();
    for (let i = 0; i < size; i++) this.#slots.push(this.#spawn());
  }

  /** Resolves once every worker has loaded (rejects when the script cannot load). */
  async ready(): Promise<void> {
    await Promise.all(
      this.#slots.map(
        (slot) =>
          new Promise<void>((resolve, reject) => {
            slot.worker.once("online", () => resolve());
            slot.worker.once("error", reject);
          }),
      ),
    );
  }

  /** Counts for /healthz. */
  stats(): { workers: number; busy: number; queued: number; replaced: number } {
    return {
      workers: this.#slots.length,
      busy: this.#slots.filter((slot) => slot.pending !== undefined).length,
      queued: this.#queue.length,
      replaced: this.#replaced,
    };
  }

  /** Validates one manifest; a job whose `signal` aborts while still queued is dropped. */
  validate(
    input: Omit<ValidationJob, "id" | "bytes"> & { bytes: Uint8Array },
    signal?: AbortSignal,
  ): Promise<ValidationOutcome> {
    if (this.#closed) return Promise.resolve({ kind: "overloaded" });
    if (this.#queue.length >= this.#options.maxQueue) return Promise.resolve({ kind: "overloaded" });
    // A copy the job owns, so transferring it leaves the caller's bytes (forwarded upstream) intact.
    // (Not `Buffer#slice`, which is a view: a small Buffer shares Node's 8 KiB pool slab.)
    const bytes = new Uint8Array(input.bytes).buffer as ArrayBuffer;
    const job: ValidationJob = { ...input, id: this.#nextId++, bytes };
    return new Promise((resolve) => {
      const pending: Pending = { job, resolve, signal, queueTimer: undefined };
      pending.queueTimer = setTimeout(() => {
        const index = this.#queue.indexOf(pending);
        if (index === -1) return;
        this.#queue.splice(index, 1);
        resolve({ kind: "overloaded" });
      }, this.#options.deadlineMs);
      this.#queue.push(pending);
      this.#dispatch();
    });
  }

  /** Terminates every worker; queued jobs are answered `overloaded`. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const pending of this.#queue.splice(0)) {
      clearTimeout(pending.queueTimer);
      pending.resolve({ kind: "overloaded" });
    }
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }

  #spawn(): Slot {
    const worker = new Worker(this.#options.workerUrl, {
      workerData: { policy: this.#options.policy, nice: this.#options.nice },
      resourceLimits: { maxOldGenerationSizeMb: this.#options.heapMb, maxYoungGenerationSizeMb: 32 },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    const slot: Slot = { worker, pending: undefined, timer: undefined };
    worker.on("message", (reply: ValidationReply) => {
      const pending = slot.pending;
      if (pending === undefined || pending.job.id !== reply.id) return;
      this.#settle(slot);
      pending.resolve(
        "failure" in reply
          ? { kind: "over-budget", reason: "failure", message: reply.failure }
          : {
              kind: "answered",
              status: reply.status,
              body: reply.body,
              rules: reply.rules,
              errorCount: reply.errorCount ?? 0,
              digest: reply.digest,
            },
      );
      this.#dispatch();
    });
    worker.on("error", (error: Error & { code?: string }) => {
      const memory = error.code === "ERR_WORKER_OUT_OF_MEMORY";
      this.#replace(
        slot,
        memory ? "memory" : "failure",
        memory ? `validation ran out of its ${this.#options.heapMb} MB heap` : error.message,
      );
    });
    worker.on("exit", () => this.#replace(slot, "failure", "the validation worker exited"));
    return slot;
  }

  #settle(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.pending = undefined;
  }

  #replace(slot: Slot, reason: "deadline" | "memory" | "failure", message: string): void {
    const index = this.#slots.indexOf(slot);
    if (index === -1) return;
    const pending = slot.pending;
    this.#settle(slot);
    slot.worker.removeAllListeners();
    slot.worker.on("error", () => undefined);
    void slot.worker.terminate();
    pending?.resolve({ kind: "over-budget", reason, message });
    if (this.#closed) {
      this.#slots.splice(index, 1);
      return;
    }
    this.#replaced++;
    this.#slots[index] = this.#spawn();
    this.#dispatch();
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (slot.pending !== undefined) continue;
      let next = this.#queue.shift();
      while (next?.signal?.aborted) {
        clearTimeout(next.queueTimer);
        next.resolve({ kind: "overloaded" });
        next = this.#queue.shift();
      }
      if (next === undefined) return;
      clearTimeout(next.queueTimer);
      slot.pending = next;
      slot.timer = setTimeout(
        () => this.#replace(slot, "deadline", `validation took longer than ${this.#options.deadlineMs} ms`),
        this.#options.deadlineMs,
      );
      slot.worker.postMessage(next.job, [next.job.bytes]);
    }
  }
}
