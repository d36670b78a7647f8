import type { RegistryResponse } from "./profile.js";

/** distribution's answer to a manifest it cannot unmarshal or verify (errcode ErrorCodeManifestInvalid). */
export const MANIFEST_INVALID_RESPONSE: RegistryResponse = {
  status: 400,
  code: "MANIFEST_INVALID",
  message: "manifest invalid",
};

/** GitLab's answer to a media type missing from its table. */
export const GITLAB_UNKNOWN_MEDIA_TYPE_RESPONSE: RegistryResponse = {
  status: 400,
  code: "MANIFEST_INVALID",
  message: "manifest invalid; unknown media type: <type>",
};
