// A validation worker thread of `ocispec gate`: it owns a policy built once from plain options and
// answers one manifest at a time, so a costly document blocks this thread, never the gate's event
// loop. The pool bounds its heap (resourceLimits) and its time (terminate on deadline).
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { createPolicy, type PolicyOptions } from "../../registry/policy.js";
import { validateUpload } from "../../registry/upload.js";
import { boundedErrorBody } from "./error-body.js";
import type { ValidationJob, ValidationReply } from "./validation-pool.js";

const data = workerData as { policy: PolicyOptions; nice: number };
const policy = createPolicy(data.policy);

// On Linux a thread has its own nice value: this one yields the CPU to the gate's event loop (and
// to the registry) whenever they have work. /proc/thread-self names the thread; elsewhere, no-op.
try {
  const threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
  if (Number.isSafeInteger(threadId) && data.nice > 0) setPriority(threadId, data.nice);
} catch {
  // not Linux, or not permitted: the worker runs at the process's priority
}

function answer(job: ValidationJob): ValidationReply {
  try {
    const result = validateUpload(new Uint8Array(job.bytes), {
      contentType: job.contentType,
      reference: job.reference,
      contentLength: job.contentLength,
      policy,
    });
    if (result.body === null)
      return { id: job.id, status: result.status, body: null, rules: [], digest: result.digest };
    return {
      id: job.id,
      status: result.status,
      body: boundedErrorBody(result.body),
      rules: [...new Set(result.body.errors.slice(0, 1_000).map((error) => error.detail.rule))],
      errorCount: result.body.errors.length,
      digest: result.digest,
    };
  } catch (error) {
    return { id: job.id, failure: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on("message", (job: ValidationJob) => {
  parentPort?.postMessage(answer(job));
});
