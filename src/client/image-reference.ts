import { checkDigest } from "../digest/index.js";
import { RegistryClientError } from "./registry-client-error.js";

/**
 * Where an image or artifact lives: a registry host, a repository in it, and a tag, a digest or both
 * (`registry.example/falco/rules:3.0.0@sha256:…` pins the tag's manifest to that digest).
 *
 * @example
 * const ref: ImageReference = { registry: "127.0.0.1:5000", repository: "falco/rules", tag: "3.0.0" };
 */
export interface ImageReference {
  /** Host, with the port when not the scheme's default: `ghcr.io`, `127.0.0.1:5000`. */
  registry: string;
  /** The repository name, distribution-spec's `<name>`: `falcosecurity/rules/falco-rules`. */
  repository: string;
  /** The tag, when the reference names one. */
  tag?: string | undefined;
  /** The digest, when the reference names one; what was fetched must hash to it. */
  digest?: string | undefined;
}

/** The host Docker's short names (`ubuntu:24.04`, `library/ubuntu`) resolve to. *
 * @example
 * parseImageReference("ubuntu:24.04").registry === DOCKER_HUB_REGISTRY; // true
 */
export const DOCKER_HUB_REGISTRY = "registry-1.docker.io";

/**
 * distribution-spec spec.md, "Pulling manifests": `<name>` "MUST match the following regular
 * expression: `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*`".
 */
const REPOSITORY = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;

/** distribution-spec spec.md: a tag "MUST match `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`". */
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;

/** A host (name or IPv4, or a bracketed IPv6), with an optional port. */
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

/** The prefixes a reference may carry: skopeo's `docker://` and Helm's and ORAS's `oci://`. */
const SCHEMES = ["docker://", "oci://"] as const;

/**
 * Whether the first path component names a registry, as Docker decides: it contains a `.` or a `:`,
 * or is `localhost`. Otherwise the reference is a Docker Hub short name.
 */
function namesRegistry(component: string): boolean {
  return component.includes(".") || component.includes(":") || component === "localhost";
}

/**
 * Reads a reference as `docker pull`, skopeo (`docker://…`) and Helm (`oci://…`) write it:
 * `<registry>/<repository>[:<tag>][@<digest>]`. With neither tag nor digest the tag is `latest`; a
 * first component without `.`, `:` or `localhost` is a Docker Hub name (`ubuntu` →
 * `registry-1.docker.io/library/ubuntu`).
 *
 * @throws {RegistryClientError} `reference-invalid`, naming the part and the grammar it breaks.
 * @example
 * parseImageReference("docker://127.0.0.1:5000/falco/rules:3.0.0");
 * // { registry: "127.0.0.1:5000", repository: "falco/rules", tag: "3.0.0" }
 * parseImageReference("ghcr.io/org/app@sha256:4413…").digest; // "sha256:4413…"
 */
export function parseImageReference(text: string): ImageReference {
  const fail = (why: string): never => {
    throw new RegistryClientError("reference-invalid", `reference ${JSON.stringify(text)}: ${why}`);
  };
  let rest = text;
  for (const scheme of SCHEMES) if (rest.startsWith(scheme)) rest = rest.slice(scheme.length);
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const problem = checkDigest(digest);
    if (problem !== undefined) fail(problem.message);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) fail(`tag "${tag}" does not match [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`);
  }
  const slash = rest.indexOf("/");
  let registry = DOCKER_HUB_REGISTRY;
  let repository = rest;
  if (slash !== -1 && namesRegistry(rest.slice(0, slash))) {
    registry = rest.slice(0, slash);
    repository = rest.slice(slash + 1);
    if (!HOST.test(registry)) fail(`registry "${registry}" is not a host name with an optional port`);
    if (registry === "docker.io" || registry === "index.docker.io") registry = DOCKER_HUB_REGISTRY;
  }
  if (registry === DOCKER_HUB_REGISTRY && repository !== "" && !repository.includes("/")) {
    repository = `library/${repository}`;
  }
  if (repository === "") fail("the repository name is missing");
  if (!REPOSITORY.test(repository)) {
    fail(
      `repository "${repository}" must be lower-case path components of [a-z0-9] joined by ".", "_", "__" or "-"`,
    );
  }
  if (tag === undefined && digest === undefined) tag = "latest";
  return { registry, repository, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
}

/**
 * Writes a reference back in its canonical spelling, `<registry>/<repository>[:<tag>][@<digest>]`.
 *
 * @example
 * formatImageReference({ registry: "127.0.0.1:5000", repository: "falco/rules", tag: "3.0.0" });
 * // "127.0.0.1:5000/falco/rules:3.0.0"
 */
export function formatImageReference(reference: ImageReference): string {
  return `${reference.registry}/${reference.repository}${reference.tag !== undefined ? `:${reference.tag}` : ""}${
    reference.digest !== undefined ? `@${reference.digest}` : ""
  }`;
}

/**
 * Whether a command-line argument is spelled as a registry reference rather than a path: it starts
 * with `docker://` or `oci://`, or its first component is a host (`127.0.0.1:5000/…`, `ghcr.io/…`,
 * `localhost/…`) and the whole parses. Callers check the file system first for bare spellings.
 *
 * @example
 * looksLikeImageReference("ghcr.io/falcosecurity/rules:3"); // true
 * looksLikeImageReference("examples/layout");                // false
 */
export function looksLikeImageReference(text: string): boolean {
  if (SCHEMES.some((scheme) => text.startsWith(scheme))) return true;
  const slash = text.indexOf("/");
  if (slash <= 0 || !namesRegistry(text.slice(0, slash))) return false;
  try {
    return parseImageReference(text).registry !== DOCKER_HUB_REGISTRY || text.startsWith("docker.io/");
  } catch {
    return false;
  }
}
