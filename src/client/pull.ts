import { computeDigest, verifyDigest } from "../digest/index.js";
import { OCI_IMAGE_INDEX } from "../media-types/index.js";
import { DEFAULT_MAX_MANIFEST_BYTES } from "../registry/policy.js";
import type { ImageReference } from "./image-reference.js";
import { manifestAccept } from "./manifest-accept.js";
import { RegistryClientError } from "./registry-client-error.js";
import type { RegistryRequest, RegistrySession } from "./registry-session.js";

/**
 * A descriptor as the client uses it: what a document or blob is, by its digest and size.
 *
 * @example
 * const descriptor: FetchedDescriptor = { mediaType: "application/vnd.oci.image.manifest.v1+json", digest: "sha256:…", size: 512 };
 */
export interface FetchedDescriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string | undefined;
  annotations?: Record<string, string> | undefined;
}

/** The content a registry served for a descriptor: the exact bytes, verified against its digest. *
 * @example
 * const { descriptor, bytes }: FetchedContent = await fetchManifest(session, reference);
 */
export interface FetchedContent {
  descriptor: FetchedDescriptor;
  bytes: Uint8Array;
}

const pullScope = (repository: string) => [`repository:${repository}:pull`];

/**
 * Pulls a manifest or index by the reference's digest (else its tag), accepting every manifest type
 * of the media-type table. The bytes are hashed: by digest they must match it; by tag they must
 * match the registry's `Docker-Content-Digest` when it sent one. The descriptor's media type is the
 * `Content-Type` the registry served.
 *
 * @throws {RegistryClientError} `http`/`auth`/`network`, `digest-mismatch`, `too-large`.
 * @example
 * const root = await fetchManifest(session, parseImageReference("127.0.0.1:5000/falco/rules:3.0.0"));
 * root.descriptor.digest; // "sha256:…"
 */
export async function fetchManifest(
  session: RegistrySession,
  reference: ImageReference,
  options: { maxBytes?: number; mediaType?: string } = {},
): Promise<FetchedContent> {
  const target = reference.digest ?? reference.tag ?? "latest";
  const path = `/v2/${reference.repository}/manifests/${target}`;
  const response = await session.send(reference.registry, {
    method: "GET",
    path,
    headers: { accept: manifestAccept(options.mediaType) },
    scopes: pullScope(reference.repository),
    expect: [200],
  });
  const bytes = await readBody(response, options.maxBytes ?? DEFAULT_MAX_MANIFEST_BYTES, `GET ${path}`);
  const served = response.headers.get("docker-content-digest") ?? undefined;
  const expected = reference.digest ?? served;
  const algorithm = expected?.startsWith("sha512:") ? "sha512" : "sha256";
  const digest = computeDigest(bytes, algorithm);
  if (expected !== undefined && expected !== digest) {
    throw new RegistryClientError(
      "digest-mismatch",
      `GET ${path}: the registry served bytes hashing to ${digest}, not ${expected}${reference.digest === undefined ? " (its Docker-Content-Digest)" : ""}`,
    );
  }
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  return {
    descriptor: { mediaType: contentType || (options.mediaType ?? ""), digest, size: bytes.length },
    bytes,
  };
}

/**
 * Pulls a blob by its descriptor and checks the bytes against its size and digest.
 *
 * @throws {RegistryClientError} `http`/`auth`/`network`, `size-mismatch`, `digest-mismatch`, `too-large`.
 * @example
 * const config = await fetchBlob(session, reference, manifest.config, { maxBytes: 4 << 20 });
 */
export async function fetchBlob(
  session: RegistrySession,
  reference: ImageReference,
  descriptor: FetchedDescriptor,
  options: { maxBytes?: number } = {},
): Promise<FetchedContent> {
  const path = `/v2/${reference.repository}/blobs/${descriptor.digest}`;
  const maxBytes = options.maxBytes ?? Number.MAX_SAFE_INTEGER;
  if (descriptor.size > maxBytes) {
    throw new RegistryClientError(
      "too-large",
      `GET ${path}: the descriptor says ${descriptor.size} bytes, more than the ${maxBytes} allowed`,
    );
  }
  const response = await session.send(reference.registry, {
    method: "GET",
    path,
    scopes: pullScope(reference.repository),
    expect: [200],
  });
  const bytes = await readBody(response, Math.min(maxBytes, descriptor.size + 1), `GET ${path}`);
  if (bytes.length !== descriptor.size) {
    throw new RegistryClientError(
      "size-mismatch",
      `GET ${path}: the registry served ${bytes.length} bytes, the descriptor says ${descriptor.size}`,
    );
  }
  if (!verifyDigest(bytes, descriptor.digest)) {
    throw new RegistryClientError(
      "digest-mismatch",
      `GET ${path}: the bytes served do not hash to ${descriptor.digest}`,
    );
  }
  return { descriptor, bytes };
}

/**
 * Lists the manifests that name `digest` as their `subject`: distribution-spec's referrers API
 * (`GET /v2/<name>/referrers/<digest>`), and when the registry does not have it (404), the referrers
 * tag schema's fallback tag `<alg>-<encoded>`. No referrers is an empty list.
 *
 * @example
 * const referrers = await fetchReferrers(session, reference, "sha256:…"); // [{ mediaType, digest, size, artifactType }]
 */
export async function fetchReferrers(
  session: RegistrySession,
  reference: ImageReference,
  digest: string,
): Promise<FetchedDescriptor[]> {
  const request: RegistryRequest = {
    method: "GET",
    path: `/v2/${reference.repository}/referrers/${digest}`,
    headers: { accept: OCI_IMAGE_INDEX },
    scopes: pullScope(reference.repository),
    expect: [200, 404],
  };
  const response = await session.send(reference.registry, request);
  const contentType = response.headers.get("content-type") ?? "";
  let bytes: Uint8Array | undefined;
  if (response.status === 200 && contentType.startsWith(OCI_IMAGE_INDEX)) {
    bytes = await readBody(response, DEFAULT_MAX_MANIFEST_BYTES, `GET ${request.path}`);
  } else {
    // distribution-spec spec.md#referrers-tag-schema: "<alg>-<ref>", with ref truncated to 64 characters.
    await response.body?.cancel();
    const [algorithm, encoded] = digest.split(":") as [string, string];
    const tag = `${algorithm}-${encoded}`.slice(0, algorithm.length + 1 + 64);
    const fallback = await session.send(reference.registry, {
      method: "GET",
      path: `/v2/${reference.repository}/manifests/${tag}`,
      headers: { accept: OCI_IMAGE_INDEX },
      scopes: pullScope(reference.repository),
      expect: [200, 404],
    });
    if (fallback.status === 404) {
      await fallback.body?.cancel();
      return [];
    }
    bytes = await readBody(
      fallback,
      DEFAULT_MAX_MANIFEST_BYTES,
      `GET /v2/${reference.repository}/manifests/${tag}`,
    );
  }
  return descriptorsOf(parseJsonObject(bytes)?.manifests);
}

/** The well-formed descriptors in a `manifests` or `layers` array; malformed entries are the validator's to report. */
export function descriptorsOf(value: unknown): FetchedDescriptor[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    const descriptor = asDescriptor(entry);
    return descriptor === undefined ? [] : [descriptor];
  });
}

/** A descriptor when `value` has a string mediaType, a well-formed digest and a safe integer size. */
export function asDescriptor(value: unknown): FetchedDescriptor | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { mediaType, digest, size, artifactType, annotations } = value as Record<string, unknown>;
  if (
    typeof mediaType !== "string" ||
    typeof digest !== "string" ||
    !Number.isSafeInteger(size) ||
    (size as number) < 0
  ) {
    return undefined;
  }
  if (!/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(digest)) return undefined;
  return {
    mediaType,
    digest,
    size: size as number,
    ...(typeof artifactType === "string" && { artifactType }),
    ...(typeof annotations === "object" &&
      annotations !== null && { annotations: annotations as Record<string, string> }),
  };
}

/** The bytes parsed as a JSON object, or `undefined` (the validator reports why). */
export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a response body, stopping with `too-large` past `maxBytes` rather than buffering it all. */
async function readBody(response: Response, maxBytes: number, what: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new RegistryClientError(
      "too-large",
      `${what}: ${declared} bytes, more than the ${maxBytes} allowed`,
    );
  }
  if (response.body === null) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel();
      throw new RegistryClientError("too-large", `${what}: more than the ${maxBytes} bytes allowed`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
