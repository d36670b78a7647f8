import { existsSync, readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM module without types (bench/ is not part of the build)
import { corpus } from "../bench/corpus.mjs";
import { countMembers, ociImageConfig } from "../src/validate/generated/validators.js";
import { type PipelineExtensions, runPipeline } from "../src/validate/pipeline.js";
import type { Preset } from "../src/validate/types.js";
import { cleanAnswer, independentTally } from "./helpers/member-count.js";

/**
 * Differential test of the image-config fast check: whenever it answers true, the full pipeline
 * reports nothing under either preset, and its tally equals an independent count of members. Real
 * configs (fixtures, examples, image-spec's vectors, the benchmark's) and thousands of
 * generated mutations of realistic ones are the inputs.
 */

const OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
const DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
const encoder = new TextEncoder();

/** The full pipeline, never the clean path (src/validate/fast-path). */
const FULL: PipelineExtensions = { full: true };

/**
 * Every issue the full pipeline reports, under both presets, as "preset code path" — and, on the
 * way, that `validate`'s ordinary path (the clean path, once image configs have a fast check in
 * its table) gives the same result as the full pipeline, field for field.
 */
function fullFindings(bytes: Uint8Array, mediaType: string): string[] {
  const found: string[] = [];
  for (const preset of ["default", "strict"] as Preset[]) {
    const full = runPipeline(bytes, { mediaType, preset }, FULL);
    expect(runPipeline(bytes, { mediaType, preset })).toEqual(full);
    for (const issue of full.issues) found.push(`${preset} ${issue.code} ${issue.path}`);
  }
  return found;
}

interface Outcome {
  accepted: boolean;
  findings: string[];
}

/** Runs the fast check on a text and, when it answers true, checks it against the full pipeline. */
function differential(text: string, mediaType = OCI_CONFIG): Outcome {
  const bytes = encoder.encode(text);
  const document: unknown = JSON.parse(text);
  const accepted = cleanAnswer(bytes, { mediaType }) !== undefined;
  const findings = fullFindings(bytes, mediaType);
  const members = countMembers(ociImageConfig, document);
  if (members >= 0) expect(members, text).toBeLessThanOrEqual(independentTally(document).members);
  if (accepted) {
    expect(findings, text).toEqual([]);
    expect(members, text).toEqual(independentTally(document).members);
  }
  return { accepted, findings };
}

const digest = (n: number, algorithm = "sha256") =>
  `${algorithm}:${n
    .toString(16)
    .padStart(algorithm === "sha512" ? 128 : 64, "0")
    .slice(0, algorithm === "sha512" ? 128 : 64)}`;

/** A BuildKit-style config, as `docker buildx build` writes it. */
function buildkitConfig(): Record<string, unknown> {
  return {
    architecture: "arm64",
    variant: "v8",
    os: "linux",
    created: "2024-05-06T07:08:09.123456789+02:00",
    author: "Jane <jane@example.com>",
    config: {
      User: "1000:1000",
      ExposedPorts: { "8080/tcp": {}, "53/udp": {}, "9000": {}, "36412/sctp": {} },
      Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TZ=Europe/Paris", "EMPTY="],
      Entrypoint: ["/usr/bin/tini", "--"],
      Cmd: ["server", "--listen", "0.0.0.0:8080"],
      Volumes: { "/data": {}, "C:\\cache": {} },
      WorkingDir: "/srv",
      Labels: {
        "org.opencontainers.image.source": "https://github.com/example/app",
        "org.opencontainers.image.created": "2024-05-06T05:08:09Z",
        "org.opencontainers.image.ref.name": "ubuntu",
        "org.opencontainers.image.version": "24.04",
        "org.opencontainers.image.base.digest": digest(7),
        "com.example.build:id": "a:b:c",
      },
      StopSignal: "SIGTERM",
      ArgsEscaped: true,
      OnBuild: null,
      Healthcheck: {
        Test: ["CMD-SHELL", "curl -f http://localhost:8080/ || exit 1"],
        Interval: 30000000000,
        Retries: 3,
      },
      Shell: ["/bin/sh", "-c"],
    },
    rootfs: { type: "layers", diff_ids: [digest(1), digest(2), digest(3, "sha512")] },
    history: [
      { created: "2024-05-01T00:00:00Z", created_by: "/bin/sh -c #(nop) ADD file:abc in / ", comment: "" },
      {
        created: "2024-05-01T00:00:01Z",
        created_by: '/bin/sh -c #(nop)  CMD ["bash"]',
        empty_layer: true,
      },
      {
        created: "2024-05-06T07:08:09Z",
        created_by: "RUN apt-get update",
        comment: "buildkit.dockerfile.v0",
      },
      { created: null, author: "Jane", created_by: "COPY . /srv", empty_layer: false },
    ],
  };
}

/** A config of Docker's classic builder: container_config, docker_version, Docker's own members. */
function dockerClassicConfig(): Record<string, unknown> {
  const execution = {
    Hostname: "09713501c176",
    Domainname: "",
    User: "",
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    Tty: false,
    OpenStdin: false,
    StdinOnce: false,
    Env: ["PATH=/usr/local/sbin:/usr/local/bin"],
    Cmd: ["/bin/sh", "-c", "#(nop) ", 'CMD ["sh"]'],
    Image: digest(9),
    Volumes: null,
    WorkingDir: "",
    Entrypoint: null,
    OnBuild: [],
    Labels: {},
    NetworkDisabled: false,
    MacAddress: "02:42:ac:11:00:02",
    StopTimeout: 10,
  };
  return {
    architecture: "amd64",
    config: { ...execution, Cmd: ["sh"] },
    container: "15a30be053fb3069a7879b4ea537e84689d8e8e8ba94dc4dd499271506803ba1",
    container_config: execution,
    created: "2016-10-10T23:04:00.821781828Z",
    docker_version: "1.12.1",
    "os.version": "10.0.17763.1",
    "os.features": ["win32k"],
    history: [
      { created: "2016-09-23T16:29:57.276868291Z", created_by: "/bin/sh -c #(nop) ADD file:d6 in / " },
      {
        created: "2016-09-23T16:36:54.365914519Z",
        created_by: "/bin/sh -c #(nop)  ENV A=b",
        empty_layer: true,
      },
    ],
    os: "linux",
    rootfs: { type: "layers", diff_ids: [digest(4)] },
  };
}

/** The least a config holds (what `ko` or a scratch image without layers writes), with a null history. */
function minimalConfig(): Record<string, unknown> {
  return { architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [] }, history: null };
}

/** image config documents in the repository and the shared reference, with their names. */
function repositoryConfigs(): { name: string; text: string }[] {
  const found: { name: string; text: string }[] = [];
  const consider = (name: string, text: string) => {
    try {
      const value = JSON.parse(text);
      if (value !== null && typeof value === "object" && "rootfs" in value) found.push({ name, text });
    } catch {
      // not JSON: not a config
    }
  };
  const walk = (dir: URL, name: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const url = new URL(entry.isDirectory() ? `${entry.name}/` : entry.name, dir);
      if (entry.isDirectory()) walk(url, `${name}${entry.name}/`);
      else if (entry.isFile() && !/\.(m?[jt]s|md|tar|gz)$/.test(entry.name)) {
        consider(`${name}${entry.name}`, readFileSync(url, "utf8"));
      }
    }
  };
  walk(new URL("../examples/", import.meta.url), "examples/");
  walk(new URL("./fixtures/", import.meta.url), "test/fixtures/");
  return found;
}

const reference = new URL("../../shared/reference/", import.meta.url);
const vectorsFile = new URL("image-spec-vectors.json", reference);
const vectorsPresent = existsSync(vectorsFile);
if (!vectorsPresent)
  console.warn(`image-config fast check: reference vectors skipped, ${vectorsFile.pathname} is absent`);

describe("the clean path on real configs", () => {
  it("proves the benchmark's image config", () => {
    const entry = (corpus() as { name: string; mediaType: string; bytes: Uint8Array }[]).find(
      (e) => e.mediaType === OCI_CONFIG,
    );
    expect(entry).toBeDefined();
    const text = new TextDecoder().decode(entry?.bytes);
    expect(differential(text).accepted).toBe(true);
  });

  it("proves typical BuildKit and classic Docker configs, under both content types", () => {
    for (const config of [buildkitConfig(), dockerClassicConfig(), minimalConfig()]) {
      for (const text of [JSON.stringify(config), JSON.stringify(config, null, 2)]) {
        expect(differential(text).accepted, text).toBe(true);
        expect(differential(text, DOCKER_CONFIG).accepted, text).toBe(true);
      }
    }
  });

  it("proves the repository's clean configs (examples/, test/fixtures/) and only those", () => {
    const configs = repositoryConfigs();
    expect(configs.length).toBeGreaterThan(0);
    for (const { name, text } of configs) {
      const { accepted, findings } = differential(text);
      // These are all written the way real tools write them: a clean one must be proven.
      expect(accepted, name).toBe(findings.length === 0);
    }
  });

  it.skipIf(!vectorsPresent)("agrees with the full pipeline on image-spec's config vectors", () => {
    const vectors: { source: string; mediaType: string; document: unknown }[] = JSON.parse(
      readFileSync(vectorsFile, "utf8"),
    );
    let proven = 0;
    for (const vector of vectors.filter((v) => v.mediaType === OCI_CONFIG)) {
      const text = typeof vector.document === "string" ? vector.document : JSON.stringify(vector.document);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        continue; // not JSON: the fast path never sees it
      }
      if (parsed === null || typeof parsed !== "object") continue;
      const { accepted, findings } = differential(text);
      // The spec's examples and the Docker Hub configs are what real tools write: clean means proven.
      expect(accepted, vector.source).toBe(findings.length === 0);
      if (accepted) proven++;
    }
    expect(proven).toBe(4); // the five valid ones but TestConfig/7, whose history gets a warning
  });
});

// ---------------------------------------------------------------------------------------------
// Generated mutations.

type Path = (string | number)[];

/** Every place in a value: object members and array elements, with the container's kind. */
function placesOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) {
    out.push(path);
    value.forEach((item, i) => {
      placesOf(item, [...path, i], out);
    });
  } else if (value !== null && typeof value === "object") {
    out.push(path);
    for (const [key, child] of Object.entries(value)) placesOf(child, [...path, key], out);
  } else out.push(path);
  return out;
}

function parentOf(root: unknown, path: Path): unknown {
  let node = root;
  for (const step of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[step];
  return node;
}

/** Strings that sit on the edges of the checks: dates, digests, ports, Env entries, platform values, keys. */
const edgeStrings = [
  "",
  "layers",
  "Layers",
  "amd64",
  "x86_64",
  "arm64",
  "unknown",
  "linux",
  "Linux",
  "windows",
  "2024-01-02T03:04:05Z",
  "2024-01-02T03:04:05.5+05:30",
  "2024-02-30T00:00:00Z",
  "2024-01-02 03:04:05Z",
  "2024-01-02T03:04:05",
  "2024-01-02T24:00:00Z",
  digest(5),
  digest(5, "sha512"),
  digest(5).toUpperCase(),
  `sha384:${"a".repeat(96)}`,
  `sha256:${"a".repeat(63)}`,
  "sha256:",
  "A=b:c:d",
  "=value",
  "NOVALUE",
  "A==",
  "80",
  "80/tcp",
  "80/udp",
  "80/sctp",
  "80/TCP",
  "0/tcp",
  "65535/tcp",
  "65536",
  "080",
  "123456",
  "/tcp",
  "org.opencontainers.image.created",
  "org.opencontainers.image.base.digest",
  "org.opencontainers.image.ref.name",
  "org.opencontainers.image.colour",
  "org.opencontainers",
  "org.opencontainersx",
  "-bad ref",
  "v1.0",
  "a:b",
  ":",
  "::::",
];

/** Member names: every spec field, folded and misspelled variants, Docker's, and odd ones. */
const knownNames = [
  "architecture",
  "os",
  "os.version",
  "os.features",
  "variant",
  "created",
  "author",
  "config",
  "container_config",
  "container",
  "docker_version",
  "rootfs",
  "type",
  "diff_ids",
  "history",
  "created_by",
  "comment",
  "empty_layer",
  "User",
  "ExposedPorts",
  "Env",
  "Entrypoint",
  "Cmd",
  "Volumes",
  "WorkingDir",
  "Labels",
  "StopSignal",
  "ArgsEscaped",
  "Memory",
  "MemorySwap",
  "CpuShares",
  "Healthcheck",
  "Hostname",
  "Image",
  "OnBuild",
  "Shell",
  "StopTimeout",
  "Test",
  "Interval",
  "Retries",
  "mediaType",
  "size",
  "digest",
  "annotations",
  "id",
  "parent",
  "Size",
  "__proto__",
];

const nameArb = fc.oneof(
  fc.constantFrom(...knownNames),
  fc.constantFrom(...knownNames).map((n) => n.toUpperCase()),
  fc.constantFrom(...knownNames).map((n) => n.charAt(0).toUpperCase() + n.slice(1)),
  fc.constantFrom(...knownNames).map((n) => n.charAt(0).toLowerCase() + n.slice(1)),
  fc.constantFrom(...knownNames).map((n) => n.replace(/s/, "\u017f").replace(/k/, "\u212a")),
  fc.constantFrom(...knownNames).map((n) => `${n}_`),
  fc.constantFrom(...edgeStrings),
  fc.string({ maxLength: 6 }),
);

const leafArb = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 70000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(...edgeStrings),
  fc.string({ maxLength: 8 }),
);

const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: leafArb },
  { weight: 1, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.constant([]) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...edgeStrings), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(nameArb, leafArb, { maxKeys: 2 }) },
  { weight: 1, arbitrary: fc.dictionary(nameArb, fc.constant({}), { maxKeys: 2 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(nameArb, fc.dictionary(nameArb, leafArb, { maxKeys: 1 }), { maxKeys: 1 }),
  },
);

/** Spellings of a member name that Go's decoder may read as the same field, and near misses. */
const respellings: ((name: string) => string)[] = [
  (n) => n.toUpperCase(),
  (n) => n.toLowerCase(),
  (n) => n.charAt(0).toUpperCase() + n.slice(1),
  (n) => n.charAt(0).toLowerCase() + n.slice(1),
  (n) => n.replace(/s/, "\u017f"),
  (n) => n.replace(/k/i, "\u212a"),
  (n) => `${n}_`,
  (n) => n.slice(1),
  (n) => `${n}:x`,
];

type Mutation =
  | { op: "set"; at: number; value: unknown }
  | { op: "delete"; at: number }
  | { op: "rename"; at: number; name: string }
  | { op: "respell"; at: number; how: number }
  | { op: "add"; at: number; name: string; value: unknown }
  | { op: "push"; at: number; value: unknown }
  | { op: "pop"; at: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("set" as const), at: fc.nat(), value: valueArb }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("rename" as const), at: fc.nat(), name: nameArb }),
  fc.record({ op: fc.constant("respell" as const), at: fc.nat(), how: fc.nat() }),
  fc.record({ op: fc.constant("add" as const), at: fc.nat(), name: nameArb, value: valueArb }),
  fc.record({ op: fc.constant("push" as const), at: fc.nat(), value: valueArb }),
  fc.record({ op: fc.constant("pop" as const), at: fc.nat() }),
);

/** Applies one mutation to a place chosen among the document's places (in place). */
function mutate(root: Record<string, unknown>, mutation: Mutation): void {
  const places = placesOf(root);
  const path = places[mutation.at % places.length] as Path;
  const key = path[path.length - 1];
  const parent = path.length === 0 ? undefined : (parentOf(root, path) as Record<string | number, unknown>);
  const node = path.reduce<unknown>((n, step) => (n as Record<string | number, unknown>)[step], root);
  switch (mutation.op) {
    case "set":
      if (parent !== undefined && key !== undefined) parent[key] = structuredClone(mutation.value);
      break;
    case "delete":
      if (parent !== undefined && key !== undefined) {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
      }
      break;
    case "rename":
    case "respell":
      if (parent !== undefined && !Array.isArray(parent) && typeof key === "string") {
        const name =
          mutation.op === "rename"
            ? mutation.name
            : (respellings[mutation.how % respellings.length] as (n: string) => string)(key);
        const value = parent[key];
        delete parent[key];
        Object.defineProperty(parent, name, { value, enumerable: true, writable: true, configurable: true });
      }
      break;
    case "add":
      if (node !== null && typeof node === "object" && !Array.isArray(node)) {
        Object.defineProperty(node, mutation.name, {
          value: structuredClone(mutation.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      break;
    case "push":
      if (Array.isArray(node)) node.push(structuredClone(mutation.value));
      break;
    case "pop":
      if (Array.isArray(node)) node.pop();
      break;
  }
}

/** Replacement values tried at every place: other types, nulls, nested objects, the edge strings. */
const replacements: unknown[] = [
  null,
  true,
  false,
  0,
  1,
  -1,
  1.5,
  {},
  [],
  [null],
  [{}],
  { a: {} },
  { a: { b: "c" } },
  { "80/tcp": {} },
  { "org.opencontainers.image.colour": "red" },
  ...edgeStrings,
];

describe("the clean path on every single mutation", () => {
  for (const [name, base] of [
    ["BuildKit config", buildkitConfig],
    ["classic Docker config", dockerClassicConfig],
    ["minimal config", minimalConfig],
  ] as const) {
    it(`never proves what the full pipeline reports (${name})`, () => {
      const count = placesOf(base()).length;
      let accepted = 0;
      let runs = 0;
      const run = (mutation: Mutation) => {
        const document = base();
        mutate(document, mutation);
        runs++;
        if (differential(JSON.stringify(document)).accepted) accepted++;
      };
      for (let at = 0; at < count; at++) {
        run({ op: "delete", at });
        run({ op: "pop", at });
        run({ op: "push", at, value: "x" });
        run({ op: "push", at, value: digest(8) });
        for (let how = 0; how < respellings.length; how++) run({ op: "respell", at, how });
        for (const value of replacements) run({ op: "set", at, value });
        for (const key of [
          "org.opencontainers.image.colour",
          "org.opencontainers",
          "Size",
          "x:y",
          "__proto__",
        ]) {
          run({ op: "add", at, name: key, value: "v" });
          run({ op: "add", at, name: key, value: {} });
        }
      }
      expect(accepted).toBeGreaterThan(runs / 20);
    });
  }
});

describe("the clean path on generated mutations", () => {
  for (const [name, base] of [
    ["BuildKit config", buildkitConfig],
    ["classic Docker config", dockerClassicConfig],
    ["minimal config", minimalConfig],
  ] as const) {
    it(`never proves what the full pipeline reports, and counts exactly (${name})`, () => {
      let accepted = 0;
      let runs = 0;
      fc.assert(
        fc.property(
          fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
          fc.boolean(),
          fc.constantFrom(OCI_CONFIG, DOCKER_CONFIG),
          (mutations, pretty, mediaType) => {
            const document = base();
            for (const mutation of mutations) mutate(document, mutation);
            const text = JSON.stringify(document, null, pretty ? 2 : undefined);
            runs++;
            if (differential(text, mediaType).accepted) accepted++;
          },
        ),
        { numRuns: 2500 },
      );
      // Not a `return false` stub: a good share of the mutations (values swapped for valid ones,
      // members dropped that are optional, …) stay clean and are proven.
      expect(accepted).toBeGreaterThan(runs / 20);
    });
  }
});
