import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { REF_NAME_ANNOTATION } from "../../builders/index.js";
import { type FetchedDescriptor, parseImageReference } from "../../client/index.js";
import type { Command } from "../command.js";
import { parseTargets } from "../config/lint-config.js";
import { directoryLayoutStore } from "../layout/layout-store.js";
import { booleanFlag, parseFlags, stringFlag, stringList } from "../parse-flags.js";
import { CLIENT_FLAGS, CLIENT_FLAGS_HELP, clientOptionsFromFlags } from "../remote/client-flags.js";
import { lintAndPush } from "../remote/push-layout.js";
import { InputError, UsageError } from "../usage-error.js";

const help = `Usage: ocispec push <layout>[:<tag>] <registry>/<repository>[:<tag>] [options]

Pushes one manifest or index of an OCI image layout, and everything below it, to a registry
exactly as the layout holds it: blobs first (monolithic, in chunks above 8 MiB, or mounted
with --from), then manifests, children before the index that lists them, each with its own
media type as Content-Type. No byte is rewritten, so the registry's digests are the layout's.
The layout is linted first; errors (including --target predictions) stop the push before
anything is uploaded.

<layout>:<tag> picks the manifest whose org.opencontainers.image.ref.name is <tag>; with no
tag, the layout must hold one manifest. The destination tag defaults to the layout's tag.

Options:
      --target <registries> refuse to push what these registries would refuse (comma-separated)
      --force               push even when the lint finds errors
      --from <repository>   mount blobs from this repository of the same registry
${CLIENT_FLAGS_HELP}
  -h, --help                show this help

Examples:
  ocispec push out/k8saudit:0.7.0 127.0.0.1:5000/falcosecurity/plugins/k8saudit --plain-http
  echo "$TOKEN" | ocispec push out/rules ghcr.io/me/rules:3.0.0 --username me --password-stdin --target ghcr

Exit status: 0 pushed, 1 not pushed because of lint errors, 2 usage error or failed push.
`;

/** `ocispec push <layout>[:<tag>] <reference>`. */
export const pushCommand: Command = {
  name: "push",
  summary: "push an OCI layout's manifest or index to a registry, byte for byte, after linting it",
  help,
  async run(argv, io) {
    const flags = parseFlags(
      argv,
      {
        target: { type: "string", multiple: true },
        force: { type: "boolean" },
        from: { type: "string" },
        ...CLIENT_FLAGS,
      },
      "push",
    );
    const [source, destination, ...extra] = flags.positionals;
    if (source === undefined || destination === undefined || extra.length > 0) {
      throw new UsageError(
        "name a layout and a destination: ocispec push <layout>[:<tag>] <registry>/<repository>[:<tag>]",
        "push",
      );
    }
    const { directory, tag } = splitLayoutArgument(source, io.cwd);
    const entry = pickManifest(directory, source, tag);
    const target = parseDestination(destination, entry.tag);
    const targets = targetsFlag(stringList(flags, "target"));
    return lintAndPush(
      {
        store: directoryLayoutStore(directory),
        display: tag === undefined ? source : source.slice(0, -(tag.length + 1)),
        root: entry.descriptor,
        target,
        client: await clientOptionsFromFlags(flags, io, [target.registry], "push"),
        targets,
        force: booleanFlag(flags, "force"),
        from: stringFlag(flags, "from"),
      },
      io,
    );
  },
};

/** `--target gitlab,ecr` (repeatable) as checked profile names. */
export function targetsFlag(values: readonly string[]): string[] | undefined {
  const names = values
    .flatMap((value) => value.split(","))
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (names.length === 0) return undefined;
  try {
    return parseTargets(names, "--target");
  } catch (error) {
    throw new UsageError((error as Error).message, "push");
  }
}

/**
 * The destination reference; without a tag or digest of its own it takes `defaultTag` (the layout's),
 * else `latest`.
 */
export function parseDestination(
  text: string,
  defaultTag: string | undefined,
): ReturnType<typeof parseImageReference> {
  try {
    const reference = parseImageReference(text);
    const bare = !text.includes("@") && text.lastIndexOf(":") <= text.lastIndexOf("/");
    return bare && defaultTag !== undefined ? { ...reference, tag: defaultTag } : reference;
  } catch (error) {
    throw new UsageError((error as Error).message, "push");
  }
}

/** `dir` or `dir:tag` (skopeo's `oci:` spelling without the prefix); an existing directory wins. */
function splitLayoutArgument(argument: string, cwd: string): { directory: string; tag: string | undefined } {
  const path = argument.replace(/^oci:(?!\/\/)/, "");
  const whole = resolve(cwd, path);
  if (existsSync(whole) && statSync(whole).isDirectory()) return { directory: whole, tag: undefined };
  const colon = path.lastIndexOf(":");
  if (colon > path.lastIndexOf("/"))
    return { directory: resolve(cwd, path.slice(0, colon)), tag: path.slice(colon + 1) };
  return { directory: whole, tag: undefined };
}

function pickManifest(
  directory: string,
  shown: string,
  tag: string | undefined,
): { descriptor: FetchedDescriptor; tag: string | undefined } {
  let index: { manifests?: unknown };
  try {
    index = JSON.parse(readFileSync(resolve(directory, "index.json"), "utf8")) as { manifests?: unknown };
  } catch (error) {
    throw new InputError(
      `${shown} is not an OCI image layout with a readable index.json (${(error as Error).message})`,
    );
  }
  const entries = (Array.isArray(index.manifests) ? index.manifests : []) as (FetchedDescriptor & {
    annotations?: Record<string, string>;
  })[];
  const tagOf = (entry: { annotations?: Record<string, string> }) => entry.annotations?.[REF_NAME_ANNOTATION];
  const chosen =
    tag === undefined
      ? entries.length === 1
        ? entries[0]
        : undefined
      : entries.find((entry) => tagOf(entry) === tag);
  if (chosen === undefined) {
    const tags = entries.map(tagOf).filter((name) => name !== undefined);
    throw new UsageError(
      tag === undefined
        ? `${shown} holds ${entries.length} manifests: name one as <layout>:<tag> (${tags.join(", ") || "none is tagged"})`
        : `${shown} has no manifest tagged "${tag}" (${tags.join(", ") || "none is tagged"})`,
      "push",
    );
  }
  const { annotations: _annotations, ...descriptor } = chosen;
  return { descriptor, tag: tag ?? tagOf(chosen) };
}
