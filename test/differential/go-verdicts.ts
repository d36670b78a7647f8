/**
 * Builds and runs test/differential/verdicts/main.go: the real Go implementations (Debian's -dev
 * source packages, GOPATH mode, offline) answering on the same bytes as ocispec.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findExecutable } from "../helpers/executable.js";

/** One implementation's answer. */
export interface GoVerdict {
  refused: boolean;
  /** HTTP status of the first error (registries). */
  status?: number;
  /** The errcode codes, in the order the registry sends them (registries). */
  codes?: string[];
  error?: string;
}

/** What every implementation says about one document. */
export interface GoVerdicts {
  id: string;
  distribution: GoVerdict;
  harbor: GoVerdict;
  containersImage: GoVerdict;
  containerd: GoVerdict;
  /** image-spec's schema validator, for the four types it has a schema for. */
  imageSpec?: GoVerdict;
  /** go-digest's digest.Parse on every `digest` string in the document. */
  digests: Array<{ digest: string; error?: string }>;
}

const GOCODE = "/usr/share/gocode/src";
const SOURCE = new URL("./verdicts/main.go", import.meta.url);

/** The -dev packages the program imports, each with the directory that proves it is installed. */
const PACKAGES: ReadonlyArray<readonly [string, string]> = [
  ["golang-github-docker-distribution-dev", "github.com/docker/distribution/registry/storage"],
  ["golang-github-containers-image-dev", "github.com/containers/image/manifest"],
  ["golang-github-opencontainers-image-spec-dev", "github.com/opencontainers/image-spec/schema"],
  ["golang-github-opencontainers-go-digest-dev", "github.com/opencontainers/go-digest"],
  ["golang-github-containerd-containerd-dev", "github.com/containerd/containerd/images"],
];

/** Why the Go side cannot run here, or `undefined` when it can. */
export function goUnavailableReason(): string | undefined {
  if (findExecutable("go") === undefined) return "go is not on PATH (apt-get install golang-go)";
  const missing = PACKAGES.filter(([, dir]) => !existsSync(join(GOCODE, dir))).map(([name]) => name);
  if (missing.length > 0)
    return `Debian Go source packages missing: ${missing.join(", ")} (apt-get install them)`;
  return undefined;
}

/**
 * The built program, from the cache when its source has not changed: the cache lives outside the
 * repository (OCISPEC_GO_CACHE, default <tmpdir>/ocispec-differential) and is keyed by the hash of
 * main.go and of the Go version.
 */
export function buildVerdicts(): string {
  const source = readFileSync(SOURCE);
  const goVersion = execFileSync("go", ["version"], { encoding: "utf8" });
  const key = createHash("sha256").update(source).update(goVersion).digest("hex").slice(0, 16);
  const root = process.env.OCISPEC_GO_CACHE ?? join(tmpdir(), "ocispec-differential");
  const binary = join(root, `verdicts-${key}`);
  if (existsSync(binary)) return binary;
  const gopath = join(root, "gopath");
  const dir = join(gopath, "src", "ocispec-verdicts");
  mkdirSync(dir, { recursive: true });
  copyFileSync(SOURCE, join(dir, "main.go"));
  // A go.mod lets GOPATH mode resolve containers/image's /v5 import paths (minimal module compatibility).
  writeFileSync(join(dir, "go.mod"), "module ocispec-verdicts\n\ngo 1.19\n");
  const partial = `${binary}.${process.pid}`;
  const built = spawnSync("go", ["build", "-o", partial, "."], {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      GO111MODULE: "off",
      GOPATH: `${gopath}:/usr/share/gocode`,
      GOCACHE: join(root, "gocache"),
      GOFLAGS: "",
    },
    timeout: 600_000,
  });
  if (built.status !== 0) throw new Error(`go build failed:\n${built.stderr}${built.stdout}`);
  renameSync(partial, binary);
  return binary;
}

/** One document for the Go program. */
export interface GoInput {
  id: string;
  contentType: string;
  bytes: Uint8Array;
}

/** Runs the program on every document; answers by id. */
export function runVerdicts(binary: string, inputs: readonly GoInput[]): Map<string, GoVerdicts> {
  const lines = inputs
    .map((input) =>
      JSON.stringify({
        id: input.id,
        contentType: input.contentType,
        body: Buffer.from(input.bytes).toString("base64"),
      }),
    )
    .join("\n");
  const ran = spawnSync(binary, [], {
    input: `${lines}\n`,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: 300_000,
  });
  if (ran.status !== 0) throw new Error(`verdicts failed (${ran.status}): ${ran.stderr}`);
  const answers = new Map<string, GoVerdicts>();
  for (const line of ran.stdout.split("\n")) {
    if (line === "") continue;
    const verdicts = JSON.parse(line) as GoVerdicts;
    answers.set(verdicts.id, verdicts);
  }
  return answers;
}
