/**
 * The documents the differential suite runs: every fixture and example at hand, the image-spec
 * vectors and registry fixtures from ../shared/reference, and seeded, deterministic mutations of
 * valid documents. Documents written by umoci, skopeo and buildah come from tools-corpus.ts.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";

/** One document and the Content-Type it is pushed (and served) with. */
export interface CorpusDocument {
  /** Unique, stable: `<origin>:<name>`. */
  id: string;
  /** Where it came from: `example`, `fixture`, `image-spec`, `registry-fixture`, `falco`, `tool`, `mutation`. */
  origin: string;
  contentType: string;
  bytes: Uint8Array;
}

export const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
export const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
export const OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
export const DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
export const DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
export const DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
const MANIFEST_TYPES = [OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST];

const utf8 = (text: string) => new TextEncoder().encode(text);
const repository = new URL("../../", import.meta.url);
const reference = new URL("../../../shared/reference/", import.meta.url);

/** The Content-Type a registry serves a JSON blob with: its own mediaType, else the one given. */
function typeOf(bytes: Uint8Array, fallback: string): string {
  try {
    const document = JSON.parse(new TextDecoder().decode(bytes)) as { mediaType?: unknown };
    return typeof document.mediaType === "string" ? document.mediaType : fallback;
  } catch {
    return fallback;
  }
}

/** examples/: the loose documents and every manifest, index and config of the example layout. */
export function exampleDocuments(): CorpusDocument[] {
  const documents: CorpusDocument[] = [];
  const loose: ReadonlyArray<readonly [string, string]> = [
    ["examples/docker/manifest.json", DOCKER_MANIFEST],
    ["examples/image/manifest.json", OCI_MANIFEST],
    ["examples/image/config.json", OCI_CONFIG],
    ["examples/falco-rulesfile/manifest.json", OCI_MANIFEST],
    ["examples/falco-rulesfile/config.json", "application/vnd.cncf.falco.rulesfile.config.v1+json"],
    ["examples/falco-plugin/index.json", OCI_INDEX],
    ["examples/layout/index.json", OCI_INDEX],
  ];
  for (const [path, fallback] of loose) {
    const file = new URL(path, repository);
    if (!existsSync(file)) continue;
    const bytes = new Uint8Array(readFileSync(file));
    documents.push({ id: `example:${path}`, origin: "example", contentType: typeOf(bytes, fallback), bytes });
  }
  // Every layout blob a descriptor types as a manifest, index or JSON config.
  const blobs = new URL("examples/layout/blobs/sha256/", repository);
  if (!existsSync(blobs)) return documents;
  const typed = new Map<string, string>();
  for (const name of readdirSync(blobs)) {
    const text = readFileSync(new URL(name, blobs), "utf8");
    try {
      const document = JSON.parse(text) as Record<string, unknown>;
      const descriptors = [
        document.config,
        ...(Array.isArray(document.manifests) ? document.manifests : []),
      ] as Array<{ mediaType?: string; digest?: string }>;
      for (const descriptor of descriptors) {
        if (descriptor?.digest && descriptor.mediaType)
          typed.set(descriptor.digest.slice("sha256:".length), descriptor.mediaType);
      }
    } catch {
      // a layer
    }
  }
  for (const [name, type] of [...typed].sort()) {
    const file = new URL(name, blobs);
    if (!existsSync(file)) continue;
    if (!type.endsWith("json")) continue;
    documents.push({
      id: `example:layout/${name.slice(0, 12)}`,
      origin: "example",
      contentType: type,
      bytes: new Uint8Array(readFileSync(file)),
    });
  }
  return documents;
}

/** test/fixtures: the Falco config cases (config blobs, pushed here as if they were manifests). */
export function fixtureDocuments(): CorpusDocument[] {
  const file = new URL("test/fixtures/falco/config-cases.json", repository);
  if (!existsSync(file)) return [];
  const cases = (JSON.parse(readFileSync(file, "utf8")) as { cases: Array<{ expected?: string }> }).cases;
  return cases
    .filter((entry) => typeof entry.expected === "string")
    .map((entry, index) => ({
      id: `fixture:falco-config-${index}`,
      origin: "fixture",
      contentType: "application/vnd.cncf.falco.rulesfile.config.v1+json",
      bytes: utf8(entry.expected as string),
    }));
}

/** ../shared/reference: image-spec's vectors, the registry fixtures, Falco's real manifest. */
export function referenceDocuments(): CorpusDocument[] {
  const documents: CorpusDocument[] = [];
  const vectors = new URL("image-spec-vectors.json", reference);
  if (existsSync(vectors)) {
    const list = JSON.parse(readFileSync(vectors, "utf8")) as Array<{
      source: string;
      mediaType: string;
      document: unknown;
    }>;
    list.forEach((vector, index) => {
      documents.push({
        id: `image-spec:${index}:${vector.source}`,
        origin: "image-spec",
        contentType: vector.mediaType,
        bytes: utf8(typeof vector.document === "string" ? vector.document : JSON.stringify(vector.document)),
      });
    });
  }
  const fixtures = new URL("registry-fixtures/index.json", reference);
  if (existsSync(fixtures)) {
    const list = JSON.parse(readFileSync(fixtures, "utf8")) as Array<{ file: string; contentType: string }>;
    for (const fixture of list) {
      documents.push({
        id: `registry-fixture:${fixture.file}`,
        origin: "registry-fixture",
        contentType: fixture.contentType,
        bytes: new Uint8Array(readFileSync(new URL(`registry-fixtures/${fixture.file}`, reference))),
      });
    }
  }
  const configs = new URL("falco/configs/", reference);
  if (existsSync(configs)) {
    for (const name of readdirSync(configs).sort()) {
      documents.push({
        id: `falco:configs/${name}`,
        origin: "falco",
        contentType: name.includes("plugin")
          ? "application/vnd.cncf.falco.plugin.config.v1+json"
          : "application/vnd.cncf.falco.rulesfile.config.v1+json",
        bytes: new Uint8Array(readFileSync(new URL(name, configs))),
      });
    }
  }
  const falco = new URL("falco/manifests/real-k8saudit-rules-0.6.1.manifest.json", reference);
  if (existsSync(falco)) {
    const bytes = new Uint8Array(readFileSync(falco));
    documents.push({
      id: "falco:k8saudit-rules-0.6.1",
      origin: "falco",
      contentType: typeOf(bytes, OCI_MANIFEST),
      bytes,
    });
  }
  return documents;
}

// --- mutations -------------------------------------------------------------------------------------

const hex = (character: string) => character.repeat(64);
const CONFIG_DIGEST = `sha256:${hex("a")}`;
const LAYER_DIGEST = `sha256:${hex("b")}`;
const CHILD_DIGEST = `sha256:${hex("c")}`;

type Json = Record<string, unknown>;

/** The valid documents every mutation starts from. */
function seeds(): Array<{ name: string; contentType: string; document: Json }> {
  const ociLayer = {
    mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
    digest: LAYER_DIGEST,
    size: 32,
  };
  const dockerLayer = {
    mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip",
    digest: LAYER_DIGEST,
    size: 32,
  };
  return [
    {
      name: "oci-manifest",
      contentType: OCI_MANIFEST,
      document: {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: OCI_CONFIG, digest: CONFIG_DIGEST, size: 7 },
        layers: [ociLayer],
        annotations: { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" },
      },
    },
    {
      name: "oci-artifact",
      contentType: OCI_MANIFEST,
      document: {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        artifactType: "application/vnd.example.thing.v1",
        config: {
          mediaType: "application/vnd.oci.empty.v1+json",
          digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
          size: 2,
        },
        layers: [{ mediaType: "application/vnd.example.thing.layer.v1", digest: LAYER_DIGEST, size: 32 }],
        subject: { mediaType: OCI_MANIFEST, digest: CHILD_DIGEST, size: 500 },
      },
    },
    {
      name: "oci-index",
      contentType: OCI_INDEX,
      document: {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          {
            mediaType: OCI_MANIFEST,
            digest: CHILD_DIGEST,
            size: 500,
            platform: { architecture: "amd64", os: "linux" },
          },
        ],
      },
    },
    {
      name: "docker-manifest",
      contentType: DOCKER_MANIFEST,
      document: {
        schemaVersion: 2,
        mediaType: DOCKER_MANIFEST,
        config: { mediaType: DOCKER_CONFIG, digest: CONFIG_DIGEST, size: 7 },
        layers: [dockerLayer],
      },
    },
    {
      name: "docker-list",
      contentType: DOCKER_LIST,
      document: {
        schemaVersion: 2,
        mediaType: DOCKER_LIST,
        manifests: [
          {
            mediaType: DOCKER_MANIFEST,
            digest: CHILD_DIGEST,
            size: 500,
            platform: { architecture: "amd64", os: "linux" },
          },
        ],
      },
    },
  ];
}

/** A deterministic PRNG (mulberry32): the same seed gives the same corpus on every machine. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clone = (document: Json): Json => structuredClone(document);

/** The first layer (or index entry) of a document, for mutations that touch a descriptor. */
function firstDescriptor(document: Json): Json | undefined {
  const list = (document.layers ?? document.manifests) as Json[] | undefined;
  return Array.isArray(list) ? list[0] : undefined;
}

/** A text mutation: the document's JSON with one edit no object can express. */
type Mutation = {
  name: string;
  apply(document: Json, contentType: string): { text: string; contentType?: string } | undefined;
};

const json = (document: Json) => ({ text: JSON.stringify(document) });

/** Replaces the first `"key":` in the serialised document. */
function renameKey(document: Json, from: string, to: string) {
  const text = JSON.stringify(document);
  const needle = `"${from}":`;
  return text.includes(needle) ? { text: text.replace(needle, `"${to}":`) } : undefined;
}

/** Replaces the first value of `"key":<value>` (a number or string) with a raw lexeme. */
function replaceValue(document: Json, key: string, lexeme: string) {
  const text = JSON.stringify(document);
  const pattern = new RegExp(`"${key}":("[^"]*"|-?[0-9.eE+-]+)`);
  return pattern.test(text) ? { text: text.replace(pattern, `"${key}":${lexeme}`) } : undefined;
}

const DIGESTS = [
  `sha256:${hex("A")}`,
  `sha256:${hex("a").slice(1)}`,
  `sha512:${"d".repeat(128)}`,
  `sha512:${"d".repeat(64)}`,
  `sha384:${"e".repeat(96)}`,
  `sha1:${"f".repeat(40)}`,
  "sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564",
  "multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8",
  `blake3:${hex("a")}`,
  "sha256:",
  hex("a"),
  ` sha256:${hex("a")}`,
  `SHA256:${hex("a")}`,
  `sha256:${hex("g")}`,
];
const NUMBERS = [
  "7.0",
  "7e0",
  "0.7e1",
  "-0",
  "07",
  "-1",
  "0",
  "1e400",
  "9007199254740993",
  '"7"',
  "null",
  "true",
  "7.5",
];
const URLS = [
  "https://example.com/layer",
  "http://example.com/layer",
  "ftp://example.com/layer",
  "https://example.com/layer#frag",
  "",
  "not a url",
  "file:///etc/passwd",
];
const CONTENT_TYPES = [
  "",
  "application/json",
  "text/plain",
  OCI_CONFIG,
  `${OCI_MANIFEST}; charset=utf-8`,
  "APPLICATION/VND.OCI.IMAGE.MANIFEST.V1+JSON",
  ...MANIFEST_TYPES,
  "application/vnd.docker.distribution.manifest.v1+prettyjws",
  "application/vnd.oci.artifact.manifest.v1+json",
];
const LAYER_TYPES = [
  "application/vnd.oci.image.layer.v1.tar",
  "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
  "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
  "application/vnd.docker.image.rootfs.foreign.diff.tar",
  "application/vnd.docker.image.rootfs.diff.tar",
  "application/vnd.docker.image.rootfs.diff.tar.gzip",
  "application/vnd.oci.image.layer.v1.tar+zstd",
  "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
  "",
];
const FOREIGN_MEMBERS: Record<string, unknown> = {
  manifests: [],
  layers: [],
  config: { mediaType: OCI_CONFIG, digest: CONFIG_DIGEST, size: 7 },
  history: [],
  fsLayers: [{ blobSum: LAYER_DIGEST }],
  signatures: [],
  name: "library/x",
  tag: "latest",
  architecture: "amd64",
  blobs: [],
};

/** Every single mutation of a seed, by name. */
function mutations(): Mutation[] {
  const list: Mutation[] = [];
  const keys = [
    "schemaVersion",
    "mediaType",
    "config",
    "layers",
    "manifests",
    "digest",
    "size",
    "urls",
    "artifactType",
    "subject",
    "annotations",
    "platform",
  ];
  for (const key of keys) {
    list.push({
      name: `case-variant-${key}`,
      apply: (d) => renameKey(d, key, key[0]?.toUpperCase() + key.slice(1)),
    });
    list.push({ name: `upper-${key}`, apply: (d) => renameKey(d, key, key.toUpperCase()) });
    list.push({
      name: `duplicate-${key}`,
      apply: (d) => {
        const text = JSON.stringify(d);
        const match = new RegExp(`"${key}":("[^"]*"|-?[0-9.eE+-]+|\\[\\]|\\{\\})`).exec(text);
        if (!match) return undefined;
        return { text: text.replace(match[0], `${match[0]},${match[0]}`) };
      },
    });
  }
  list.push({
    name: "duplicate-mediaType-conflicting",
    apply: (d) => {
      const text = JSON.stringify(d);
      return text.startsWith('{"schemaVersion":2,"mediaType"')
        ? { text: text.replace('"mediaType":', `"mediaType":"${OCI_INDEX}","mediaType":`) }
        : undefined;
    },
  });
  for (const key of ["schemaVersion", "size"]) {
    for (const lexeme of NUMBERS)
      list.push({ name: `number-${key}-${lexeme}`, apply: (d) => replaceValue(d, key, lexeme) });
  }
  for (const digest of DIGESTS) {
    list.push({
      name: `digest-${digest.slice(0, 24)}`,
      apply: (d) => replaceValue(d, "digest", JSON.stringify(digest)),
    });
  }
  for (const member of [
    "schemaVersion",
    "mediaType",
    "config",
    "layers",
    "manifests",
    "subject",
    "annotations",
  ]) {
    list.push({
      name: `missing-${member}`,
      apply: (d) => {
        if (!(member in d)) return undefined;
        const copy = clone(d);
        delete copy[member];
        return json(copy);
      },
    });
    list.push({
      name: `null-${member}`,
      apply: (d) => (member in d ? json({ ...clone(d), [member]: null }) : undefined),
    });
  }
  for (const member of ["mediaType", "digest", "size", "platform", "annotations"]) {
    list.push({
      name: `descriptor-missing-${member}`,
      apply: (d) => {
        const copy = clone(d);
        const descriptor = firstDescriptor(copy);
        if (!descriptor || !(member in descriptor)) return undefined;
        delete descriptor[member];
        return json(copy);
      },
    });
  }
  list.push({ name: "extra-member", apply: (d) => json({ ...clone(d), "x-extra": { nested: [1, 2] } }) });
  list.push({
    name: "annotation-number",
    apply: (d) => json({ ...clone(d), annotations: { "org.example.n": 1 } }),
  });
  list.push({ name: "schemaVersion-1", apply: (d) => json({ ...clone(d), schemaVersion: 1 }) });
  list.push({ name: "schemaVersion-3", apply: (d) => json({ ...clone(d), schemaVersion: 3 }) });
  for (const [member, value] of Object.entries(FOREIGN_MEMBERS)) {
    list.push({
      name: `foreign-member-${member}`,
      apply: (d) => (member in d ? undefined : json({ ...clone(d), [member]: value })),
    });
    list.push({
      name: `foreign-member-null-${member}`,
      apply: (d) => (member in d ? undefined : json({ ...clone(d), [member]: null })),
    });
  }
  for (const contentType of CONTENT_TYPES) {
    list.push({
      name: `content-type-${contentType || "empty"}`,
      apply: (d) => ({ text: JSON.stringify(d), contentType }),
    });
  }
  for (const type of MANIFEST_TYPES) {
    list.push({ name: `mediaType-${type}`, apply: (d) => json({ ...clone(d), mediaType: type }) });
  }
  for (const layerType of LAYER_TYPES) {
    list.push({
      name: `layer-type-${layerType || "empty"}`,
      apply: (d) => {
        if (!Array.isArray(d.layers)) return undefined;
        const copy = clone(d);
        (firstDescriptor(copy) as Json).mediaType = layerType;
        return json(copy);
      },
    });
    for (const url of URLS.slice(0, 4)) {
      list.push({
        name: `layer-type-${layerType || "empty"}-url-${url}`,
        apply: (d) => {
          if (!Array.isArray(d.layers)) return undefined;
          const copy = clone(d);
          Object.assign(firstDescriptor(copy) as Json, { mediaType: layerType, urls: [url] });
          return json(copy);
        },
      });
    }
  }
  for (const url of URLS) {
    list.push({
      name: `urls-${url || "empty"}`,
      apply: (d) => {
        const copy = clone(d);
        const descriptor = firstDescriptor(copy);
        if (!descriptor) return undefined;
        descriptor.urls = [url];
        return json(copy);
      },
    });
  }
  list.push({
    name: "config-media-type-custom",
    apply: (d) =>
      d.config
        ? json({
            ...clone(d),
            config: { ...(d.config as Json), mediaType: "application/vnd.example.config.v1+json" },
          })
        : undefined,
  });
  list.push({
    name: "child-is-a-blob",
    apply: (d) => {
      const copy = clone(d);
      if (!Array.isArray(copy.manifests)) return undefined;
      (firstDescriptor(copy) as Json).mediaType = "application/vnd.oci.image.layer.v1.tar+gzip";
      return json(copy);
    },
  });
  list.push({ name: "bom", apply: (d) => ({ text: `\uFEFF${JSON.stringify(d)}` }) });
  list.push({ name: "trailing-data", apply: (d) => ({ text: `${JSON.stringify(d)} {}` }) });
  list.push({ name: "top-level-array", apply: (d) => ({ text: `[${JSON.stringify(d)}]` }) });
  list.push({ name: "empty-body", apply: () => ({ text: "" }) });
  return list;
}

/**
 * Every mutation applied to every seed it fits, then `pairs` seeded combinations of two mutations.
 * Deterministic for a given seed.
 */
export function mutationDocuments(seed = 0x14, pairs = 200): CorpusDocument[] {
  const documents: CorpusDocument[] = [];
  const all = mutations();
  const seen = new Set<string>();
  const ids = new Set<string>();
  const add = (name: string, contentType: string, text: string) => {
    const key = `${contentType}\n${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    const id = ids.has(name) ? `${name}#${documents.length}` : name;
    ids.add(name);
    documents.push({ id: `mutation:${id}`, origin: "mutation", contentType, bytes: utf8(text) });
  };
  for (const { name, contentType, document } of seeds()) {
    for (const mutation of all) {
      const result = mutation.apply(clone(document), contentType);
      if (result) add(`${name}/${mutation.name}`, result.contentType ?? contentType, result.text);
    }
  }
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const seedList = seeds();
  for (let i = 0; i < pairs; i++) {
    const { name, contentType, document } = pick(seedList);
    const first = pick(all);
    const second = pick(all);
    const once = first.apply(clone(document), contentType);
    if (!once) continue;
    let parsed: Json;
    try {
      parsed = JSON.parse(once.text) as Json;
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) continue;
    } catch {
      continue;
    }
    const twice = second.apply(parsed, once.contentType ?? contentType);
    if (!twice) continue;
    add(
      `${name}/${first.name}+${second.name}`,
      twice.contentType ?? once.contentType ?? contentType,
      twice.text,
    );
  }
  return documents;
}
