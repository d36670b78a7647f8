import { basename, resolve } from "node:path";
import { buildFalcoArtifact, buildImageLayout } from "../../builders/index.js";
import type { FetchedDescriptor } from "../../client/index.js";
import { type FalcoArtifactKind, falcoArtifactKinds } from "../../falco/index.js";
import { memoryLayoutStore } from "../../layout/memory-store.js";
import type { Command } from "../command.js";
import { EXIT_OK } from "../exit-codes.js";
import { readInputFile } from "../input/read-input.js";
import { writeImageLayout } from "../layout/write-layout.js";
import { booleanFlag, oneOf, parseFlags, stringFlag, stringList } from "../parse-flags.js";
import { CLIENT_FLAGS, CLIENT_FLAGS_HELP, clientOptionsFromFlags } from "../remote/client-flags.js";
import { lintAndPush } from "../remote/push-layout.js";
import { UsageError } from "../usage-error.js";
import { buildOrUsageError } from "./falco-config.js";
import { parseDestination, targetsFlag } from "./push.js";

const help = `Usage: ocispec falco pack <files…> --type <type> --name <name> --version <semver> (-o <dir> | --push <ref>) [options]

Packs files as a complete Falco artifact — config blob, .tar.gz layer titled with its file
name, image manifest, and for plugins one manifest per platform under an image index — and
writes it as an OCI image layout, ready for "skopeo copy" or "oras cp". Flags follow
falcoctl's "registry push".

Options:
      --type <type>          rulesfile, plugin or asset (required)
      --name <name>          artifact name (required; ^[a-z]+[a-z0-9_-]*$)
      --version <semver>     artifact version (required)
      --platform <os/arch>   plugins: the platform of each file, in the same order (repeatable)
  -d, --depends-on <dep>     dependency "name:version|alt:version" (repeatable)
  -r, --requires <req>       requirement "name:version" (repeatable)
  -t, --tag <ref>            the layout's reference name for the artifact (default: the version)
      --created <date>       RFC 3339 creation time (default: $SOURCE_DATE_EPOCH, else now)
      --source <url>         org.opencontainers.image.source annotation
  -o, --output <dir>         the layout directory to create (must be new or empty)
      --push <ref>           push the artifact to <registry>/<repository>[:<tag>] as falcoctl
                             does (the tag defaults to --tag); -o is then optional
      --target <registries>  with --push: refuse when these registries would refuse it
      --force                with --push: push even when the lint finds errors
${CLIENT_FLAGS_HELP.replace(/^ {6}/gm, "      ")}
  -h, --help                 show this help

Rules files and assets: all files go into one layer. Plugins: one file per --platform.
Pass the files themselves, not a .tar.gz: the layer archive is built here, deterministically.

Examples:
  ocispec falco pack falco_rules.yaml --type rulesfile --name falco-rules --version 3.0.0 \\
      --requires engine_version_semver:0.37.0 -o out/falco-rules
  skopeo copy oci:out/falco-rules:3.0.0 docker://registry.example/falco-rules:3.0.0
  ocispec falco pack falco_rules.yaml --type rulesfile --name falco-rules --version 3.0.0 \\
      --push 127.0.0.1:5000/falcosecurity/rules/falco-rules --plain-http --target gitlab

  ocispec falco pack linux-amd64/libk8saudit.so linux-arm64/libk8saudit.so --type plugin \\
      --name k8saudit --version 0.7.0 --platform linux/amd64 --platform linux/arm64 \\
      --requires plugin_api_version:3.0.0 -o out/k8saudit

Exit status: 0 written (and pushed), 1 not pushed because of lint errors, 2 usage error,
unreadable file, non-empty output directory or failed push.
`;

/** `ocispec falco pack`: a complete Falco artifact as an OCI image layout. */
export const falcoPackCommand: Command = {
  name: "falco pack",
  summary: "pack files as a complete Falco artifact in an OCI image layout",
  help,
  async run(argv, io) {
    const command = "falco pack";
    const flags = parseFlags(
      argv,
      {
        type: { type: "string" },
        name: { type: "string" },
        version: { type: "string" },
        platform: { type: "string", multiple: true },
        "depends-on": { type: "string", short: "d", multiple: true },
        requires: { type: "string", short: "r", multiple: true },
        tag: { type: "string", short: "t" },
        created: { type: "string" },
        source: { type: "string" },
        output: { type: "string", short: "o" },
        push: { type: "string" },
        target: { type: "string", multiple: true },
        force: { type: "boolean" },
        ...CLIENT_FLAGS,
      },
      command,
    );
    const required = (flag: string): string => {
      const value = stringFlag(flags, flag);
      if (value === undefined || value === "") throw new UsageError(`--${flag} is required`, command);
      return value;
    };
    const kind: FalcoArtifactKind = oneOf(required("type"), falcoArtifactKinds, "--type", command);
    const name = required("name");
    const version = required("version");
    const pushTo = stringFlag(flags, "push");
    const output = pushTo === undefined ? required("output") : stringFlag(flags, "output");
    const paths = flags.positionals;
    if (paths.length === 0) throw new UsageError("name at least one file to pack", command);
    const platforms = stringList(flags, "platform");
    if (kind !== "plugin" && platforms.length > 0) {
      throw new UsageError("--platform is only for plugins (--type plugin)", command);
    }
    if (kind === "plugin" && platforms.length !== paths.length) {
      throw new UsageError(
        `a plugin needs one --platform per file, in the same order (${paths.length} files, ${platforms.length} platforms)`,
        command,
      );
    }
    const files = paths.map((path) => ({
      name: basename(path),
      bytes: readInputFile(resolve(io.cwd, path)),
    }));
    for (const [i, file] of files.entries()) {
      // falcoctl pushes a .tar.gz argument as the layer itself; packing it again would nest archives.
      if (file.bytes[0] === 0x1f && file.bytes[1] === 0x8b) {
        throw new UsageError(
          `${paths[i]} is already gzip-compressed: pass the files to pack (falco pack builds the .tar.gz layer itself)`,
          command,
        );
      }
    }
    const created = stringFlag(flags, "created") ?? createdFromEnvironment(io.env.SOURCE_DATE_EPOCH, command);
    const source = stringFlag(flags, "source");
    const refName = stringFlag(flags, "tag") ?? version;

    const layout = buildOrUsageError(command, () => {
      const artifact = buildFalcoArtifact({
        kind,
        name,
        version,
        dependencies: stringList(flags, "depends-on"),
        requirements: stringList(flags, "requires"),
        ...(kind === "plugin"
          ? {
              platforms: files.map((file, i) => ({
                platform: platforms[i] as string,
                files: { [file.name]: file.bytes },
              })),
            }
          : { files: Object.fromEntries(files.map((file) => [file.name, file.bytes])) }),
        ...(created !== undefined && { created }),
        ...(source !== undefined && { source }),
      });
      return {
        artifact,
        files: buildImageLayout({
          manifests: [{ bytes: artifact.root.bytes, descriptor: artifact.root.descriptor, refName }],
          blobs: [...artifact.blobs, ...artifact.manifests.slice(0, -1)],
        }).files,
      };
    });
    if (output !== undefined) writeImageLayout(resolve(io.cwd, output), layout.files);
    const root = layout.artifact.root.descriptor;
    if (pushTo !== undefined) {
      const target = parseDestination(pushTo, refName);
      const files = new Map(layout.files.map((file) => [file.path, file.bytes]));
      return lintAndPush(
        {
          store: memoryLayoutStore(files),
          display: output ?? `${name}:${version}`,
          root: root as FetchedDescriptor,
          target,
          client: await clientOptionsFromFlags(flags, io, [target.registry], command),
          targets: targetsFlag(stringList(flags, "target")),
          force: booleanFlag(flags, "force"),
        },
        io,
      );
    }
    io.stdout.write(
      `${output}: ${kind} ${name}:${version} as ${root.mediaType} ${root.digest} (${root.size} bytes), tagged "${refName}"\n` +
        `push it with: ocispec push ${output}:${refName} <registry>/<repository>:${refName}\n`,
    );
    return EXIT_OK;
  },
};

/** `SOURCE_DATE_EPOCH` (reproducible builds) as an RFC 3339 date, or `undefined` when unset. */
function createdFromEnvironment(epoch: string | undefined, command: string): string | undefined {
  if (epoch === undefined || epoch === "") return undefined;
  if (!/^\d+$/.test(epoch))
    throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds (got "${epoch}")`, command);
  return new Date(Number(epoch) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
