import { checkDigest, computeDigest, verifyDigest } from "../digest/index.js";
import type { Issue } from "../vocabulary/issue.js";

/** Checks `options.expectedDigest` against the exact bytes. */
export function checkExpectedDigest(
  expected: string,
  bytes: Uint8Array | undefined,
  actual: string | undefined,
): Issue | undefined {
  const issue = (message: string): Issue => ({
    code: "digest-mismatch",
    severity: "error",
    path: "",
    message,
    ref: "image-spec v1.1.1 descriptor.md#verification",
  });
  if (bytes === undefined)
    return issue(
      `expectedDigest ${expected} cannot be verified: the input was an already-parsed object, not its bytes`,
    );
  const problem = checkDigest(expected);
  if (problem !== undefined) return issue(`expectedDigest is not a valid digest: ${problem.message}`);
  const algorithm = expected.slice(0, expected.indexOf(":"));
  if (algorithm !== "sha256" && algorithm !== "sha512") {
    return issue(
      `expectedDigest ${expected} cannot be verified: ocispec computes sha256 and sha512, not ${algorithm}`,
    );
  }
  if (expected === actual || verifyDigest(bytes, expected)) return undefined;
  const computed = algorithm === "sha256" && actual !== undefined ? actual : computeDigest(bytes, algorithm);
  return issue(`the document hashes to ${computed}, but expectedDigest is ${expected}`);
}
