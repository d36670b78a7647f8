// A validation worker thread of `ocispec gate`: it owns a policy built once from plain options and
// answers one manifest at a time, so a costly document blocks this thread, never the gate's event
// loop. The pool bounds its heap (resourceLimits) and its time (terminate on deadline).
import { parentPort, workerData } from "node:worker_threads";
import { createPolicy, type PolicyOptions } from "../../registry/policy.js";
import { validateUpload } from "../../registry/upload.js";
import { boundedErrorBody } from "./error-body.js";
import type { ValidationJob, ValidationReply } from "./validation-pool.js";

const policy = createPolicy((workerData as { policy: PolicyOptions }).policy);

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
