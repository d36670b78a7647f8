import { verifyDigest } from "../digest/index.js";
import { OCI_IMAGE_INDEX } from "../media-types/index.js";
import { formatImageReference, type ImageReference } from "./image-reference.js";
import { asDescriptor, type FetchedDescriptor, parseJsonObject } from "./pull.js";
import { RegistryClientError } from "./registry-client-error.js";
import {
  createRegistrySession,
  type RegistryClientOptions,
  type RegistrySession,
} from "./registry-session.js";

/**
 * Where {@link push} reads content from: the bytes for a descriptor (a layout's
 * `blobs/<alg>/<encoded>`, or a builder's output in memory), or `undefined` when it has none.
 *
 * @example
 * const source: PushSource = { read: (descriptor) => blobs.get(descriptor.digest) };
 */
export interface PushSource {
  read(descriptor: FetchedDescriptor): Uint8Array | undefined | Promise<Uint8Array | undefined>;
}

/** What happened to one blob or manifest of a push. *
 * @example
 * result.pushed.filter((p: PushedContent) => p.action === "mounted").length;
 */
export interface PushedContent {
  descriptor: FetchedDescriptor;
  /** `uploaded` (monolithic), `chunked`, `mounted` (cross-repository), `exists` (already there), `manifest` (PUT). */
  action: "uploaded" | "chunked" | "mounted" | "exists" | "manifest";
}

/** Progress of a push, for a progress line: bytes of blobs done out of the total. *
 * @example
 * const onProgress = (p: PushProgress) => console.log(`${p.sentBytes}/${p.totalBytes}`);
 */
export interface PushProgress {
  descriptor: FetchedDescriptor;
  sentBytes: number;
  totalBytes: number;
}

/** Options for {@link push}. *
 * @example
 * const options: PushOptions = { from: "falcosecurity/plugins/k8saudit", chunkSize: 16 << 20 };
 */
export interface PushOptions extends RegistryClientOptions {
  session?: RegistrySession;
  /** A repository on the same registry to mount blobs from (`POST …/uploads/?mount=<digest>&from=<repo>`). */
  from?: string | undefined;
  /** Blobs larger than this go up in PATCH chunks of this size. Default 8 MiB. */
  chunkSize?: number;
  /**
   * When a manifest with a `subject` goes to a registry without the referrers API (no `OCI-Subject`
   * in its answer), add it to the referrers tag schema's index, as distribution-spec asks of clients.
   * Default true.
   */
  referrersTag?: boolean;
  /** Called after each blob chunk and each manifest. */
  onProgress?: (progress: PushProgress) => void;
}

/** The result of {@link push}: the root's digest, as the registry confirmed it, and what was done. *
 * @example
 * const { digest }: PushResult = await push(source, root, target);
 */
export interface PushResult {
  reference: ImageReference;
  digest: string;
  pushed: PushedContent[];
}

/** Indexes nested deeper than this are refused. */
const MAX_PUSH_DEPTH = 16;

const DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;

interface PlannedContent {
  descriptor: FetchedDescriptor;
  isManifest: boolean;
}

/**
 * Pushes the graph under `root` — an index's manifests, each manifest's config and layers — to
 * `target` exactly as `source` holds it: every blob first (skipped when present, mounted from
 * `options.from` when possible, else uploaded monolithically, or in chunks above `chunkSize`), then
 * the manifests, children before the index that lists them, each with its own media type as
 * `Content-Type`, and the root last under the target's tag. Bytes are never re-serialized, so the
 * registry's digests are the source's. Every item is read and checked against its descriptor's
 * digest and size before anything is uploaded.
 *
 * @throws {RegistryClientError} `content-missing`, `digest-mismatch`, `size-mismatch`, `content-invalid`
 *   (before any upload); `http`/`auth`/`network` from the registry, quoting its error envelope.
 * @example
 * const result = await push(source, rootDescriptor, parseImageReference("127.0.0.1:5000/falco/k8saudit:0.7.0"), { plainHttp: true });
 * result.digest === rootDescriptor.digest; // true
 */
export async function push(
  source: PushSource,
  root: FetchedDescriptor,
  target: ImageReference,
  options: PushOptions = {},
): Promise<PushResult> {
  const session = options.session ?? createRegistrySession(options);
  if (target.digest !== undefined && target.digest !== root.digest) {
    throw new RegistryClientError(
      "digest-mismatch",
      `${formatImageReference(target)} names digest ${target.digest}, but the content to push is ${root.digest}`,
    );
  }
  const plan = await planPush(source, root);
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const totalBytes = plan.reduce((sum, item) => sum + item.descriptor.size, 0);
  let sentBytes = 0;
  const progress = (descriptor: FetchedDescriptor, bytes: number) => {
    sentBytes += bytes;
    options.onProgress?.({ descriptor, sentBytes, totalBytes });
  };
  const pushed: PushedContent[] = [];
  let digest = root.digest;
  for (const item of plan) {
    const bytes = await readChecked(source, item.descriptor);
    if (!item.isManifest) {
      const action = await pushBlob(
        session,
        target,
        item.descriptor,
        bytes,
        { ...options, chunkSize },
        progress,
      );
      pushed.push({ descriptor: item.descriptor, action });
      continue;
    }
    const isRoot = item.descriptor.digest === root.digest;
    const stored = await pushManifest(
      session,
      target,
      item.descriptor,
      bytes,
      isRoot ? (target.tag ?? root.digest) : item.descriptor.digest,
    );
    digest = stored.digest;
    progress(item.descriptor, bytes.length);
    pushed.push({ descriptor: item.descriptor, action: "manifest" });
    if (!stored.subjectAcknowledged && options.referrersTag !== false) {
      await updateReferrersTag(session, target, item.descriptor, bytes);
    }
  }
  return { reference: target, digest, pushed };
}

/** The push order: blobs, then manifests bottom-up (post-order), each digest once; the root last. */
async function planPush(source: PushSource, root: FetchedDescriptor): Promise<PlannedContent[]> {
  const blobs: PlannedContent[] = [];
  const manifests: PlannedContent[] = [];
  const seen = new Set<string>();
  const visit = async (descriptor: FetchedDescriptor, depth: number, isManifest: boolean) => {
    if (seen.has(descriptor.digest)) return;
    seen.add(descriptor.digest);
    const bytes = await readChecked(source, descriptor);
    if (!isManifest) {
      blobs.push({ descriptor, isManifest });
      return;
    }
    if (depth > MAX_PUSH_DEPTH) {
      throw new RegistryClientError(
        "content-invalid",
        `indexes nest deeper than ${MAX_PUSH_DEPTH} levels at ${descriptor.digest}`,
      );
    }
    const document = parseJsonObject(bytes);
    if (document === undefined) {
      throw new RegistryClientError("content-invalid", `manifest ${descriptor.digest} is not a JSON object`);
    }
    for (const child of Array.isArray(document.manifests) ? document.manifests : []) {
      const childDescriptor = asDescriptor(child);
      if (childDescriptor === undefined)
        throw new RegistryClientError(
          "content-invalid",
          `index ${descriptor.digest} lists a malformed descriptor`,
        );
      await visit(childDescriptor, depth + 1, true);
    }
    const children = [document.config, ...(Array.isArray(document.layers) ? document.layers : [])].filter(
      (c) => c !== undefined,
    );
    for (const child of children) {
      const childDescriptor = asDescriptor(child);
      if (childDescriptor === undefined)
        throw new RegistryClientError(
          "content-invalid",
          `manifest ${descriptor.digest} has a malformed descriptor`,
        );
      await visit(childDescriptor, depth + 1, false);
    }
    manifests.push({ descriptor, isManifest });
  };
  await visit(root, 0, true);
  return [...blobs, ...manifests];
}

async function readChecked(source: PushSource, descriptor: FetchedDescriptor): Promise<Uint8Array> {
  const bytes = await source.read(descriptor);
  if (bytes === undefined) {
    throw new RegistryClientError(
      "content-missing",
      `${descriptor.mediaType} ${descriptor.digest} is referenced but not in the source`,
    );
  }
  if (bytes.length !== descriptor.size) {
    throw new RegistryClientError(
      "size-mismatch",
      `${descriptor.digest}: the source holds ${bytes.length} bytes, the descriptor says ${descriptor.size}`,
    );
  }
  if (!verifyDigest(bytes, descriptor.digest)) {
    throw new RegistryClientError(
      "digest-mismatch",
      `the source's bytes for ${descriptor.digest} do not hash to it`,
    );
  }
  return bytes;
}

async function pushBlob(
  session: RegistrySession,
  target: ImageReference,
  descriptor: FetchedDescriptor,
  bytes: Uint8Array,
  options: PushOptions & { chunkSize: number },
  progress: (descriptor: FetchedDescriptor, bytes: number) => void,
): Promise<PushedContent["action"]> {
  const repository = target.repository;
  const scopes = [`repository:${repository}:pull,push`];
  const head = await session.send(target.registry, {
    method: "HEAD",
    path: `/v2/${repository}/blobs/${descriptor.digest}`,
    scopes,
    expect: [200, 404],
  });
  if (head.status === 200) {
    progress(descriptor, bytes.length);
    return "exists";
  }
  const from = options.from !== undefined && options.from !== repository ? options.from : undefined;
  const start = await session.send(target.registry, {
    method: "POST",
    path: `/v2/${repository}/blobs/uploads/${from !== undefined ? `?mount=${encodeURIComponent(descriptor.digest)}&from=${encodeURIComponent(from)}` : ""}`,
    scopes: from !== undefined ? [...scopes, `repository:${from}:pull`] : scopes,
    expect: [201, 202],
  });
  await start.body?.cancel();
  if (start.status === 201) {
    progress(descriptor, bytes.length);
    return "mounted";
  }
  let location = uploadLocation(session, target, start);
  const chunked = bytes.length > options.chunkSize;
  if (chunked) {
    for (let offset = 0; offset < bytes.length; offset += options.chunkSize) {
      const chunk = bytes.subarray(offset, Math.min(bytes.length, offset + options.chunkSize));
      const patch = await session.send(target.registry, {
        method: "PATCH",
        path: location,
        headers: {
          "content-type": "application/octet-stream",
          "content-range": `${offset}-${offset + chunk.length - 1}`,
          "content-length": String(chunk.length),
        },
        body: chunk,
        scopes,
        expect: [202],
        retry: false,
      });
      await patch.body?.cancel();
      location = uploadLocation(session, target, patch);
      progress(descriptor, chunk.length);
    }
  }
  const url = new URL(location);
  url.searchParams.set("digest", descriptor.digest);
  const put = await session.send(target.registry, {
    method: "PUT",
    path: url.href,
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(chunked ? 0 : bytes.length),
    },
    ...(!chunked && { body: bytes }),
    scopes,
    expect: [201],
  });
  await put.body?.cancel();
  if (!chunked) progress(descriptor, bytes.length);
  return chunked ? "chunked" : "uploaded";
}

/** The absolute URL of an upload session from a response's `Location` (registries send relative ones). */
function uploadLocation(session: RegistrySession, target: ImageReference, response: Response): string {
  const location = response.headers.get("location");
  if (location === null || location === "") {
    throw new RegistryClientError(
      "http",
      `${target.registry}: the blob upload response has no Location header`,
    );
  }
  return new URL(location, `${session.baseUrl(target.registry)}/`).href;
}

async function pushManifest(
  session: RegistrySession,
  target: ImageReference,
  descriptor: FetchedDescriptor,
  bytes: Uint8Array,
  reference: string,
): Promise<{ digest: string; subjectAcknowledged: boolean }> {
  const response = await session.send(target.registry, {
    method: "PUT",
    path: `/v2/${target.repository}/manifests/${reference}`,
    headers: { "content-type": descriptor.mediaType },
    body: bytes,
    scopes: [`repository:${target.repository}:pull,push`],
    expect: [201],
  });
  await response.body?.cancel();
  const stored = response.headers.get("docker-content-digest");
  if (stored !== null && stored !== descriptor.digest) {
    throw new RegistryClientError(
      "digest-mismatch",
      `PUT /v2/${target.repository}/manifests/${reference}: the registry stored ${stored}, not ${descriptor.digest}`,
    );
  }
  return { digest: descriptor.digest, subjectAcknowledged: response.headers.has("oci-subject") };
}

/**
 * distribution-spec spec.md#pushing-manifests-with-subject: when the registry does not answer with
 * `OCI-Subject`, "the client MUST" pull the referrers tag (`<alg>-<ref>`, an image index, or start an
 * empty one), add the manifest's descriptor — with its `artifactType` (else `config.mediaType`) and
 * annotations — and push the index back under that tag.
 */
async function updateReferrersTag(
  session: RegistrySession,
  target: ImageReference,
  descriptor: FetchedDescriptor,
  bytes: Uint8Array,
): Promise<void> {
  const manifest = parseJsonObject(bytes);
  const subject = asDescriptor(manifest?.subject);
  if (manifest === undefined || subject === undefined) return;
  const [algorithm, encoded] = subject.digest.split(":") as [string, string];
  const tag = `${algorithm}-${encoded}`.slice(0, algorithm.length + 1 + 64);
  const path = `/v2/${target.repository}/manifests/${tag}`;
  const scopes = [`repository:${target.repository}:pull,push`];
  const current = await session.send(target.registry, {
    method: "GET",
    path,
    headers: { accept: OCI_IMAGE_INDEX },
    scopes,
    expect: [200, 404],
  });
  const existing =
    current.status === 200 ? parseJsonObject(new Uint8Array(await current.arrayBuffer())) : undefined;
  if (current.status !== 200) await current.body?.cancel();
  const manifests = Array.isArray(existing?.manifests) ? existing.manifests : [];
  if (manifests.some((entry) => asDescriptor(entry)?.digest === descriptor.digest)) return;
  const config = asDescriptor(manifest.config);
  const artifactType = typeof manifest.artifactType === "string" ? manifest.artifactType : config?.mediaType;
  const annotations =
    typeof manifest.annotations === "object" && manifest.annotations !== null
      ? manifest.annotations
      : undefined;
  const entry = {
    mediaType: descriptor.mediaType,
    digest: descriptor.digest,
    size: descriptor.size,
    ...(artifactType !== undefined && { artifactType }),
    ...(annotations !== undefined && { annotations }),
  };
  const index = {
    schemaVersion: 2,
    mediaType: OCI_IMAGE_INDEX,
    ...existing,
    manifests: [...manifests, entry],
  };
  const response = await session.send(target.registry, {
    method: "PUT",
    path,
    headers: { "content-type": OCI_IMAGE_INDEX },
    body: new TextEncoder().encode(JSON.stringify(index)),
    scopes,
    expect: [201],
  });
  await response.body?.cancel();
}
