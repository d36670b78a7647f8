import type { DistributionError, DistributionErrorBody } from "../../registry/distribution-error.js";

/** At most this many errors in a body the gate sends: enough to fix a document, never a flood. */
export const MAX_ERROR_ENTRIES = 100;
/** At most this many bytes of error entries (the last entry, saying how many were left out, comes on top). */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;
const MAX_MESSAGE_LENGTH = 1024;

function shortened(entry: DistributionError): DistributionError {
  return entry.message.length <= MAX_MESSAGE_LENGTH
    ? entry
    : { ...entry, message: `${entry.message.slice(0, MAX_MESSAGE_LENGTH)}…` };
}

/**
 * The JSON text of a distribution error body, bounded: the first errors up to {@link MAX_ERROR_ENTRIES}
 * and {@link MAX_ERROR_BODY_BYTES}, then one entry saying how many were left out. The first error (the
 * one that decided the status) is always kept. A body of two million errors cannot be serialised at
 * all (`JSON.stringify` throws "Invalid string length"), and no client needs it.
 *
 * @example
 * boundedErrorBody({ errors: manyErrors }) // '{"errors":[…100 entries…,{"code":"MANIFEST_INVALID","message":"… 4190204 more errors left out …"}]}'
 */
export function boundedErrorBody(body: DistributionErrorBody): string {
  const parts: string[] = [];
  let bytes = 0;
  for (const entry of body.errors) {
    if (parts.length >= MAX_ERROR_ENTRIES) break;
    const text = JSON.stringify(shortened(entry));
    if (parts.length > 0 && bytes + text.length > MAX_ERROR_BODY_BYTES) break;
    parts.push(text);
    bytes += text.length + 1;
  }
  const omitted = body.errors.length - parts.length;
  if (omitted > 0) {
    const first = body.errors[0];
    parts.push(
      JSON.stringify({
        code: first?.code ?? "MANIFEST_INVALID",
        message: `${omitted} more errors left out; fix the ones above and push again`,
        detail: { rule: "gate-errors-left-out", field: "", pointer: "", value: omitted },
      }),
    );
  }
  return `{"errors":[${parts.join(",")}]}`;
}
