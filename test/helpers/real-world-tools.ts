/**
 * Generates a corpus of real documents with the real tools installed on this machine — buildah,
 * skopeo, umoci and distribution's registry — at test time, so that nothing copied from another
 * project is committed. Each document keeps the exact bytes the tool wrote and the media type it
 * was (or would be) served with, found the way a registry or client finds it: from the descriptor
 * that points at it, or from its own `mediaType`.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

/** One document a tool wrote. */
export interface ToolDocument {
  /** Which tool and step wrote it, and where it sat (for messages). */
  origin: string;
  /** The media type it is served with: its descriptor's, its own `mediaType`, or the layout file's. */
  contentType: string;
  bytes: Uint8Array;
}

const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
const OCI_LAYOUT_HEADER = "application/vnd.oci.layout.header.v1+json";
const JSON_KINDS = /(manifest|index|config|\+json$|list)/;

/** Which of the tools are missing, for the skip reason (`[]` when all are present). */
export function missingTools(): string[] {
  const missing: string[] = [];
  for (const tool of ["buildah", "skopeo", "umoci", "docker-registry"]) {
    try {
      execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    } catch {
      missing.push(tool);
    }
  }
  if (typeof process.getuid === "function" && process.getuid() !== 0)
    missing.push("root (buildah --storage-driver vfs)");
  return missing;
}

function run(command: string, args: readonly string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
  });
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Collects documents, each distinct (content type and bytes) once. */
export class Corpus {
  readonly documents: ToolDocument[] = [];
  private readonly seen = new Set<string>();

  add(origin: string, contentType: string, bytes: Uint8Array): void {
    const key = `${contentType} ${sha256(bytes)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.documents.push({ origin, contentType, bytes });
  }

  /** Every JSON document of an OCI image layout: oci-layout, index.json and what it reaches. */
  addLayout(origin: string, dir: string): void {
    this.add(`${origin}/oci-layout`, OCI_LAYOUT_HEADER, readFileSync(join(dir, "oci-layout")));
    const index = readFileSync(join(dir, "index.json"));
    this.add(`${origin}/index.json`, OCI_INDEX, index);
    this.walk(origin, JSON.parse(index.toString("utf8")), (digest) => {
      const [algorithm, encoded] = digest.split(":");
      const path = join(dir, "blobs", algorithm ?? "", encoded ?? "");
      return existsSync(path) ? readFileSync(path) : undefined;
    });
  }

  /** The manifest of a `dir:` transport directory and the blobs it points at that are JSON. */
  addDirTransport(origin: string, dir: string): void {
    const manifest = readFileSync(join(dir, "manifest.json"));
    const parsed = JSON.parse(manifest.toString("utf8")) as { mediaType?: string };
    this.add(
      `${origin}/manifest.json`,
      parsed.mediaType ?? "application/vnd.oci.image.manifest.v1+json",
      manifest,
    );
    this.walk(origin, parsed, (digest) => {
      const path = join(dir, digest.split(":")[1] ?? "");
      return existsSync(path) ? readFileSync(path) : undefined;
    });
  }

  /** Follows descriptors of JSON types (configs, manifests, indexes) from `document`. */
  private walk(origin: string, document: unknown, read: (digest: string) => Buffer | undefined): void {
    if (document === null || typeof document !== "object") return;
    const doc = document as { config?: Descriptor; manifests?: Descriptor[] };
    const children = [
      ...(doc.config ? [doc.config] : []),
      ...(Array.isArray(doc.manifests) ? doc.manifests : []),
    ];
    for (const child of children) {
      if (typeof child?.digest !== "string" || typeof child.mediaType !== "string") continue;
      if (!JSON_KINDS.test(child.mediaType)) continue;
      const bytes = read(child.digest);
      if (bytes === undefined) continue;
      this.add(`${origin}/${child.digest.slice(0, 19)}`, child.mediaType, bytes);
      if (!/config/.test(child.mediaType)) this.walk(origin, JSON.parse(bytes.toString("utf8")), read);
    }
  }
}

interface Descriptor {
  mediaType?: string;
  digest?: string;
}

/** What a buildah image is: its config flags, how many layers, and the name it is committed as. */
interface BuildVariant {
  name: string;
  config: string[];
  layers: number;
  /** Formats to commit (`oci` into an OCI layout, `docker` into a `dir:` directory). */
  formats: ("oci" | "docker")[];
}

/**
 * Image configurations as people write them: each flag of `buildah config` that changes the
 * documents, platforms real images use (arm/v5 … s390x, windows), annotations and labels.
 */
const BUILD_VARIANTS: readonly BuildVariant[] = [
  { name: "plain", config: [], layers: 1, formats: ["oci", "docker"] },
  { name: "two-layers", config: [], layers: 2, formats: ["oci", "docker"] },
  { name: "three-layers", config: ["--created-by", "COPY app /app"], layers: 3, formats: ["oci", "docker"] },
  {
    name: "annotated",
    config: [
      "--annotation",
      "org.opencontainers.image.title=demo",
      "--annotation",
      "org.opencontainers.image.created=2024-01-02T03:04:05Z",
      "--annotation",
      "com.example.team=build",
    ],
    layers: 1,
    formats: ["oci", "docker"],
  },
  {
    name: "labelled",
    config: [
      "--label",
      "org.opencontainers.image.source=https://example.com/src",
      "--label",
      "maintainer=dev@example.com",
      "--label",
      "org.opencontainers.image.version=1.2.3",
    ],
    layers: 1,
    formats: ["oci", "docker"],
  },
  {
    name: "env",
    config: ["--env", "PATH=/usr/local/bin:/usr/bin:/bin", "--env", "LANG=C.UTF-8", "--env", "EMPTY="],
    layers: 1,
    formats: ["oci", "docker"],
  },
  {
    name: "ports",
    config: ["--port", "80", "--port", "443/tcp", "--port", "53/udp"],
    layers: 1,
    formats: ["oci", "docker"],
  },
  {
    name: "entrypoint",
    config: ["--entrypoint", '["/bin/app","--serve"]', "--cmd", "--verbose"],
    layers: 1,
    formats: ["oci", "docker"],
  },
  {
    name: "user-workdir",
    config: ["--user", "1000:1000", "--workingdir", "/srv", "--volume", "/data", "--stop-signal", "SIGTERM"],
    layers: 1,
    formats: ["oci", "docker"],
  },
  {
    name: "history",
    config: ["--author", "Jane Doe <jane@example.com>", "--comment", "built for the corpus"],
    layers: 2,
    formats: ["oci", "docker"],
  },
  {
    name: "healthcheck",
    config: [
      "--healthcheck",
      "CMD /bin/true",
      "--healthcheck-interval",
      "30s",
      "--shell",
      "/bin/sh -c",
      "--domainname",
      "example.com",
      "--hostname",
      "corpus",
    ],
    layers: 1,
    formats: ["docker"],
  },
  { name: "arm64-v8", config: ["--arch", "arm64", "--variant", "v8"], layers: 1, formats: ["oci", "docker"] },
  { name: "arm-v7", config: ["--arch", "arm", "--variant", "v7"], layers: 1, formats: ["oci", "docker"] },
  { name: "arm-v6", config: ["--arch", "arm", "--variant", "v6"], layers: 1, formats: ["oci"] },
  { name: "arm-v5", config: ["--arch", "arm", "--variant", "v5"], layers: 1, formats: ["oci", "docker"] },
  { name: "s390x", config: ["--arch", "s390x"], layers: 1, formats: ["oci", "docker"] },
  { name: "ppc64le", config: ["--arch", "ppc64le"], layers: 1, formats: ["oci"] },
  { name: "riscv64", config: ["--arch", "riscv64"], layers: 1, formats: ["oci"] },
  { name: "i386", config: ["--arch", "386"], layers: 1, formats: ["oci"] },
  { name: "windows", config: ["--os", "windows", "--arch", "amd64"], layers: 1, formats: ["oci", "docker"] },
  { name: "onbuild", config: ["--onbuild", "RUN make"], layers: 1, formats: ["docker"] },
];

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0));
    });
  });
}

async function waitForRegistry(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/v2/`);
      if (response.status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`docker-registry did not answer on 127.0.0.1:${port}`);
}

/**
 * Builds every variant with buildah, converts and copies with skopeo (OCI layout, `dir:`,
 * oci-archive, a local distribution registry, `--format v2s2` and `oci`), assembles manifest lists
 * with `buildah manifest`, and writes umoci layouts; returns the corpus. `work` is an empty
 * directory; `log` receives one line per step that failed (a tool option this version lacks),
 * which is skipped rather than fatal.
 */
export async function generateToolCorpus(work: string, log: (line: string) => void): Promise<Corpus> {
  const corpus = new Corpus();
  const buildah = (...args: string[]) =>
    run(
      "buildah",
      ["--root", join(work, "storage"), "--runroot", join(work, "run"), "--storage-driver", "vfs", ...args],
      work,
    );
  const step = (what: string, action: () => void) => {
    try {
      action();
    } catch (error) {
      log(
        `${what}: ${((error as { stderr?: string }).stderr || (error as Error).message).trim().split("\n")[0]}`,
      );
    }
  };
  for (let i = 0; i < 3; i++)
    writeFileSync(join(work, `file${i}.txt`), `layer ${i} of the real-world corpus\n`);
  // The transports parse a destination only when its parent directory exists.
  mkdirSync(join(work, "layouts"));
  mkdirSync(join(work, "dirs"));

  // buildah: FROM scratch, one commit per variant and format, deterministic timestamps.
  const layouts: string[] = [];
  for (const variant of BUILD_VARIANTS) {
    step(`buildah ${variant.name}`, () => {
      // Each layer but the last is committed and built upon, so the image has that many layers.
      let container = buildah("from", "--name", `c-${variant.name}-0`, "scratch").trim();
      for (let i = 0; i < variant.layers; i++) {
        buildah("copy", container, join(work, `file${i}.txt`), `/file${i}.txt`);
        if (i === variant.layers - 1) break;
        const base = `localhost/${variant.name}-base${i}`;
        buildah("commit", "-q", "--timestamp", "0", container, base);
        container = buildah("from", "--name", `c-${variant.name}-${i + 1}`, base).trim();
      }
      if (variant.config.length > 0) buildah("config", ...variant.config, container);
      for (const format of variant.formats) {
        if (format === "oci") {
          const layout = join(work, "layouts", variant.name);
          buildah(
            "commit",
            "-q",
            "--timestamp",
            "0",
            "--format",
            "oci",
            container,
            `oci:${layout}:${variant.name}`,
          );
          layouts.push(layout);
        } else {
          const dir = join(work, "dirs", variant.name);
          buildah("commit", "-q", "--timestamp", "0", "--format", "docker", container, `dir:${dir}`);
          corpus.addDirTransport(`buildah commit --format docker (${variant.name})`, dir);
        }
      }
      // Also into buildah's own store, for the manifest lists below.
      buildah(
        "commit",
        "-q",
        "--timestamp",
        "0",
        "--format",
        "oci",
        container,
        `localhost/${variant.name}:latest`,
      );
    });
  }
  for (const layout of layouts)
    corpus.addLayout(`buildah commit --format oci (${layout.split("/").pop()})`, layout);

  // buildah manifest: lists of the platform variants, as an OCI index and as a Docker list.
  step("buildah manifest", () => {
    buildah("manifest", "create", "localhost/multi:latest");
    for (const name of ["plain", "arm64-v8", "arm-v7", "arm-v5", "s390x", "windows"]) {
      buildah("manifest", "add", "localhost/multi:latest", `containers-storage:localhost/${name}:latest`);
    }
    buildah(
      "manifest",
      "annotate",
      "--annotation",
      "com.example.note=corpus",
      "localhost/multi:latest",
      `containers-storage:localhost/plain:latest`,
    );
    const ociList = join(work, "layouts", "multi-oci");
    buildah(
      "manifest",
      "push",
      "-q",
      "--all",
      "--format",
      "oci",
      "localhost/multi:latest",
      `oci:${ociList}:multi`,
    );
    corpus.addLayout("buildah manifest push --format oci", ociList);
    const dockerList = join(work, "dirs", "multi-v2s2");
    buildah(
      "manifest",
      "push",
      "-q",
      "--all",
      "--format",
      "v2s2",
      "localhost/multi:latest",
      `dir:${dockerList}`,
    );
    corpus.addDirTransport("buildah manifest push --format v2s2", dockerList);
    buildah("manifest", "create", "localhost/pair:latest");
    buildah(
      "manifest",
      "add",
      "--arch",
      "arm",
      "--variant",
      "v6",
      "localhost/pair:latest",
      `containers-storage:localhost/arm-v6:latest`,
    );
    buildah("manifest", "add", "localhost/pair:latest", `containers-storage:localhost/ppc64le:latest`);
    const pair = join(work, "layouts", "pair");
    buildah(
      "manifest",
      "push",
      "-q",
      "--all",
      "--format",
      "oci",
      "localhost/pair:latest",
      `oci:${pair}:pair`,
    );
    corpus.addLayout("buildah manifest push (pair)", pair);
  });

  // skopeo: conversions between transports and formats.
  const skopeo = (...args: string[]) => run("skopeo", ["--insecure-policy", ...args], work);
  for (const name of ["plain", "annotated", "three-layers", "arm-v5", "entrypoint", "labelled"]) {
    const source = `oci:${join(work, "layouts", name)}:${name}`;
    step(`skopeo ${name}`, () => {
      const v2s2 = join(work, "dirs", `skopeo-${name}-v2s2`);
      skopeo("copy", "-q", "--format", "v2s2", source, `dir:${v2s2}`);
      corpus.addDirTransport(`skopeo copy --format v2s2 oci: → dir: (${name})`, v2s2);
      const oci = join(work, "dirs", `skopeo-${name}-oci`);
      skopeo("copy", "-q", "--format", "oci", `dir:${v2s2}`, `dir:${oci}`);
      corpus.addDirTransport(`skopeo copy --format oci dir: → dir: (${name})`, oci);
      const archive = join(work, `skopeo-${name}.tar`);
      skopeo("copy", "-q", "--dest-compress", source, `oci-archive:${archive}:${name}`);
      const back = join(work, "layouts", `skopeo-${name}-from-archive`);
      skopeo("copy", "-q", `oci-archive:${archive}:${name}`, `oci:${back}:${name}`);
      corpus.addLayout(`skopeo copy --dest-compress oci: → oci-archive: → oci: (${name})`, back);
      const shared = join(work, "layouts", "skopeo-shared");
      skopeo("copy", "-q", "--format", "oci", `dir:${v2s2}`, `oci:${shared}:${name}`);
    });
  }
  step("skopeo shared layout", () =>
    corpus.addLayout("skopeo copy into one layout, several tags", join(work, "layouts", "skopeo-shared")),
  );

  // A local distribution registry: what it stores and serves after skopeo pushes.
  let registry: ChildProcess | undefined;
  try {
    const port = await freePort();
    const config = join(work, "registry.yml");
    writeFileSync(
      config,
      `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(work, "registry")}\nhttp:\n  addr: 127.0.0.1:${port}\n`,
    );
    registry = spawn("docker-registry", ["serve", config], { stdio: "ignore" });
    await waitForRegistry(port);
    const pushes: [string, string, string][] = [
      ["plain", "v2s2", "plain"],
      ["plain", "oci", "plain"],
      ["history", "v2s2", "history"],
      ["user-workdir", "oci", "user-workdir"],
      ["arm64-v8", "v2s2", "arm64-v8"],
    ];
    for (const [name, format, tag] of pushes) {
      step(`registry ${name} ${format}`, () => {
        const ref = `docker://127.0.0.1:${port}/corpus/${name}:${tag}-${format}`;
        skopeo(
          "copy",
          "-q",
          "--dest-tls-verify=false",
          "--format",
          format,
          `oci:${join(work, "layouts", name)}:${name}`,
          ref,
        );
        const manifest = Buffer.from(skopeo("inspect", "--raw", "--tls-verify=false", ref), "utf8");
        const parsed = JSON.parse(manifest.toString("utf8")) as { mediaType?: string; config?: Descriptor };
        corpus.add(`distribution 2.8 serves (${name}, ${format})`, parsed.mediaType ?? "", manifest);
        const config = Buffer.from(skopeo("inspect", "--raw", "--config", "--tls-verify=false", ref), "utf8");
        corpus.add(
          `distribution 2.8 serves its config (${name}, ${format})`,
          parsed.config?.mediaType ?? "",
          config,
        );
      });
    }
    step("registry list", () => {
      const ref = `docker://127.0.0.1:${port}/corpus/multi:v2s2`;
      skopeo(
        "copy",
        "-q",
        "--all",
        "--dest-tls-verify=false",
        `dir:${join(work, "dirs", "multi-v2s2")}`,
        ref,
      );
      const list = Buffer.from(skopeo("inspect", "--raw", "--tls-verify=false", ref), "utf8");
      corpus.add(
        "distribution 2.8 serves a manifest list",
        JSON.parse(list.toString("utf8")).mediaType,
        list,
      );
    });
  } catch (error) {
    log(`docker-registry: ${(error as Error).message}`);
  } finally {
    registry?.kill("SIGTERM");
  }

  // umoci: a layout from init/new, config changes, an unpacked bundle repacked.
  const umoci = (...args: string[]) => run("umoci", args, work);
  step("umoci", () => {
    // As people use it: a new image, unpacked, files added, repacked; then configured and repacked again.
    const layout = join(work, "layouts", "umoci");
    umoci("init", "--layout", layout);
    umoci("new", "--image", `${layout}:empty`);
    corpus.addLayout("umoci init + new", layout);
    const bundle = join(work, "bundle");
    umoci("unpack", "--image", `${layout}:empty`, bundle);
    mkdirSync(join(bundle, "rootfs", "etc"), { recursive: true });
    writeFileSync(join(bundle, "rootfs", "etc", "motd"), "corpus\n");
    umoci("repack", "--image", `${layout}:base`, bundle);
    const configs: [string, string[]][] = [
      ["env", ["--config.env", "PATH=/bin", "--config.env", "HOME=/root"]],
      ["entrypoint", ["--config.entrypoint", "/bin/sh", "--config.cmd", "-c", "--config.cmd", "true"]],
      ["user", ["--config.user", "nobody", "--config.workingdir", "/tmp", "--config.stopsignal", "SIGINT"]],
      ["ports", ["--config.exposedports", "8080/tcp", "--config.volume", "/var/lib/data"]],
      [
        "labels",
        ["--config.label", "org.opencontainers.image.authors=corpus", "--config.label", "tier=test"],
      ],
      [
        "annotations",
        [
          "--manifest.annotation",
          "org.opencontainers.image.description=umoci corpus",
          "--manifest.annotation",
          "com.example.k=v",
        ],
      ],
      ["platform", ["--architecture", "arm64", "--os", "linux"]],
      [
        "author",
        ["--author", "corpus", "--created", "2020-01-01T00:00:00Z", "--history.comment", "configured"],
      ],
    ];
    for (const [tag, flags] of configs) {
      umoci("config", "--image", `${layout}:base`, "--tag", tag, ...flags);
    }
    const again = join(work, "bundle-again");
    umoci("unpack", "--image", `${layout}:env`, again);
    writeFileSync(join(again, "rootfs", "etc", "hostname"), "corpus\n");
    umoci("repack", "--image", `${layout}:repacked`, "--history.created_by", "echo corpus", again);
    umoci("gc", "--layout", layout);
    corpus.addLayout("umoci unpack / repack / config", layout);
  });
  return corpus;
}

/** The names of the directories under `dir`, for messages. */
export function listDir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}
