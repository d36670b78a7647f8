import { DEFAULT_MAX_MANIFEST_BYTES } from "../registry/policy.js";
import type { ImageReference } from "./image-reference.js";
import {
  asDescriptor,
  type FetchedDescriptor,
  fetchBlob,
  fetchManifest,
  fetchReferrers,
  parseJsonObject,
} from "./pull.js";
import { RegistryClientError } from "./registry-client-error.js";
import {
  createRegistrySession,
  type RegistryClientOptions,
  type RegistrySession,
} from "./registry-session.js";

/** The part a node plays in the graph, from the descriptor that led to it. *
 * @example
 * const role: GraphRole = "referrer"; // a manifest whose subject is a node of the graph
 */
export type GraphRole = "root" | "manifest" | "config" | "layer" | "referrer";

/**
 * One node of a fetched graph: the descriptor that led to it, where that descriptor sits (the parent's
 * digest and JSON Pointer), and either the exact bytes the registry served — verified against the
 * descriptor's digest and size — or the error that stopped the fetch.
 *
 * @example
 * const node: GraphNode = { role: "config", descriptor, parent: { digest: "sha256:…", pointer: "/config" }, bytes };
 */
export interface GraphNode {
  role: GraphRole;
  descriptor: FetchedDescriptor;
  /** The document whose descriptor led here; absent for the root. Referrers point at their subject with pointer `""`. */
  parent?: { digest: string; pointer: string } | undefined;
  /** The bytes, present unless the node was skipped or failed. */
  bytes?: Uint8Array | undefined;
  /** Why the bytes are absent: a fetch failure, or a limit. */
  error?: RegistryClientError | undefined;
  /** True for a layer that was not fetched (no `deep`), or a blob over `maxBlobBytes`. */
  skipped?: boolean | undefined;
}

/** The result of {@link fetchGraph}: every node, the root first, each digest once. *
 * @example
 * const { root, nodes }: FetchedGraph = await fetchGraph(reference, { plainHttp: true });
 */
export interface FetchedGraph {
  reference: ImageReference;
  root: GraphNode;
  nodes: GraphNode[];
}

/** Options for {@link fetchGraph}: the client's, plus what to walk. *
 * @example
 * const options: FetchGraphOptions = { deep: true, referrers: false, maxNodes: 500 };
 */
export interface FetchGraphOptions extends RegistryClientOptions {
  /** Reuse a session (its tokens) across calls. */
  session?: RegistrySession;
  /** Fetch and verify layers and other non-document blobs too. Default false: configs only. */
  deep?: boolean;
  /** Follow referrers of every manifest and index (referrers API, then the tag schema). Default true. */
  referrers?: boolean;
  /** Largest manifest or config read. Default 4 MiB. */
  maxDocumentBytes?: number;
  /** Largest blob read under `deep`. Default 512 MiB. */
  maxBlobBytes?: number;
  /** Most nodes walked; the walk stops there. Default 10,000. */
  maxNodes?: number;
  /** Called as each node is done, for progress display. */
  onNode?: (node: GraphNode) => void;
}

/** Indexes nested deeper than this are not followed. */
const MAX_GRAPH_DEPTH = 16;

/**
 * Fetches a manifest or index and the graph below it — index → manifests → configs (and layers with
 * `deep`), and the referrers of each manifest — from a registry, keeping the exact bytes served and
 * verifying each against the digest that referenced it. Failures below the root are recorded on their
 * node, so a caller can report them beside the documents that did arrive.
 *
 * @throws {RegistryClientError} when the root itself cannot be fetched.
 * @example
 * const graph = await fetchGraph(parseImageReference("127.0.0.1:5000/falco/k8saudit:0.7.0"), { plainHttp: true });
 * for (const node of graph.nodes) console.log(node.role, node.descriptor.mediaType, node.descriptor.digest);
 */
export async function fetchGraph(
  reference: ImageReference,
  options: FetchGraphOptions = {},
): Promise<FetchedGraph> {
  const session = options.session ?? createRegistrySession(options);
  const maxDocumentBytes = options.maxDocumentBytes ?? DEFAULT_MAX_MANIFEST_BYTES;
  const maxBlobBytes = options.maxBlobBytes ?? 512 * 1024 * 1024;
  const maxNodes = options.maxNodes ?? 10_000;
  const rootContent = await fetchManifest(session, reference, { maxBytes: maxDocumentBytes });
  const root: GraphNode = { role: "root", descriptor: rootContent.descriptor, bytes: rootContent.bytes };
  const nodes: GraphNode[] = [];
  const seen = new Set<string>();
  const add = (node: GraphNode): boolean => {
    if (seen.has(node.descriptor.digest) || nodes.length >= maxNodes) return false;
    seen.add(node.descriptor.digest);
    nodes.push(node);
    options.onNode?.(node);
    return true;
  };
  const guard = async (node: GraphNode, load: () => Promise<Uint8Array>) => {
    try {
      node.bytes = await load();
    } catch (error) {
      if (!(error instanceof RegistryClientError)) throw error;
      node.error = error;
    }
  };
  const walkDocument = async (node: GraphNode, depth: number): Promise<void> => {
    if (node.bytes === undefined || depth > MAX_GRAPH_DEPTH) return;
    const document = parseJsonObject(node.bytes);
    if (document === undefined) return;
    const digest = node.descriptor.digest;
    for (const [i, child] of (Array.isArray(document.manifests) ? document.manifests : []).entries()) {
      const descriptor = asDescriptor(child);
      if (descriptor === undefined) continue;
      await visitManifest(
        { role: "manifest", descriptor, parent: { digest, pointer: `/manifests/${i}` } },
        depth + 1,
      );
    }
    const config = asDescriptor(document.config);
    if (config !== undefined)
      await visitBlob({ role: "config", descriptor: config, parent: { digest, pointer: "/config" } }, true);
    for (const [i, layer] of (Array.isArray(document.layers) ? document.layers : []).entries()) {
      const descriptor = asDescriptor(layer);
      if (descriptor !== undefined)
        await visitBlob({ role: "layer", descriptor, parent: { digest, pointer: `/layers/${i}` } }, false);
    }
    if (options.referrers !== false) {
      let referrers: FetchedDescriptor[] = [];
      try {
        referrers = await fetchReferrers(session, reference, digest);
      } catch (error) {
        if (!(error instanceof RegistryClientError)) throw error;
        node.error ??= error;
      }
      for (const referrer of referrers) {
        await visitManifest(
          { role: "referrer", descriptor: referrer, parent: { digest, pointer: "" } },
          depth + 1,
        );
      }
    }
  };
  const visitManifest = async (node: GraphNode, depth: number) => {
    if (!add(node)) return;
    await guard(node, async () => {
      const content = await fetchManifest(
        session,
        { ...reference, digest: node.descriptor.digest },
        {
          maxBytes: maxDocumentBytes,
          mediaType: node.descriptor.mediaType,
        },
      );
      if (content.bytes.length !== node.descriptor.size) {
        throw new RegistryClientError(
          "size-mismatch",
          `manifest ${node.descriptor.digest}: the registry served ${content.bytes.length} bytes, the descriptor says ${node.descriptor.size}`,
        );
      }
      return content.bytes;
    });
    await walkDocument(node, depth);
  };
  const visitBlob = async (node: GraphNode, isDocument: boolean) => {
    if (!add(node)) return;
    const limit = isDocument ? maxDocumentBytes : maxBlobBytes;
    if ((!isDocument && options.deep !== true) || node.descriptor.size > limit) {
      node.skipped = true;
      return;
    }
    await guard(
      node,
      async () => (await fetchBlob(session, reference, node.descriptor, { maxBytes: limit })).bytes,
    );
  };
  add(root);
  await walkDocument(root, 0);
  return { reference, root, nodes };
}
