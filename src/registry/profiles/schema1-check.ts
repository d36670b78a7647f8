import type { IssueCode } from "../../vocabulary/vocabulary.generated.js";
import { isDockerSchema1 } from "./docker-media-types.js";
import type { ProfileCheck, RegistryResponse } from "./profile.js";
import { MANIFEST_INVALID_RESPONSE } from "./responses.js";

/**
 * A check for a registry that refuses Docker schema 1 manifests: fires on the schema 1 kind, a
 * schema 1 media type, or `schemaVersion: 1`. `response` is the registry's answer, when known.
 */
export function schema1RefusedCheck(
  code: IssueCode,
  ref: string,
  description: string,
  message: string,
  response: RegistryResponse | null = MANIFEST_INVALID_RESPONSE,
): ProfileCheck {
  return {
    code,
    ref,
    description,
    refuses: true,
    ...(response === null ? {} : { response }),
    check(document, report, context) {
      if (context.kind === "docker-manifest-v1" || isDockerSchema1(document, context.contentType)) {
        report(document.schemaVersion === 1 ? "/schemaVersion" : "", message);
      }
    },
  };
}
