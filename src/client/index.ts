export {
  type FetchedGraph,
  type FetchGraphOptions,
  fetchGraph,
  type GraphNode,
  type GraphRole,
} from "./fetch-graph.js";
export {
  DOCKER_HUB_REGISTRY,
  formatImageReference,
  type ImageReference,
  looksLikeImageReference,
  parseImageReference,
} from "./image-reference.js";
export { MANIFEST_MEDIA_TYPES, manifestAccept } from "./manifest-accept.js";
export {
  type FetchedContent,
  type FetchedDescriptor,
  fetchBlob,
  fetchManifest,
  fetchReferrers,
} from "./pull.js";
export {
  type PushedContent,
  type PushOptions,
  type PushProgress,
  type PushResult,
  type PushSource,
  push,
} from "./push.js";
export { RegistryClientError, type RegistryClientErrorCode } from "./registry-client-error.js";
export {
  createRegistrySession,
  type RegistryClientOptions,
  type RegistryCredentials,
  type RegistryRequest,
  type RegistrySession,
} from "./registry-session.js";
export { type AuthChallenge, parseWwwAuthenticate } from "./www-authenticate.js";
