// Deterministic benchmark corpus: the same bytes on every run and every machine, so figures compare.
// Digests are sha256 of counters, not of real blobs: the validator checks their grammar, not content.
import { createHash } from "node:crypto";

const sha = (s) => `sha256:${createHash("sha256").update(s).digest("hex")}`;
// Small documents pretty-printed, as people write them; large indexes compact, as Go tools emit them.
const enc = (value) => new TextEncoder().encode(JSON.stringify(value, null, 2));
const compact = (value) => new TextEncoder().encode(JSON.stringify(value));

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
const OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

function imageManifest() {
  return {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: OCI_CONFIG, digest: sha("config"), size: 1470 },
    layers: Array.from({ length: 5 }, (_, i) => ({
      mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
      digest: sha(`layer-${i}`),
      size: 1000 * (i + 1) + 17,
    })),
    annotations: { "org.opencontainers.image.created": "2024-01-02T03:04:05Z" },
  };
}

function falcoRulesfileManifest() {
  return {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: "application/vnd.cncf.falco.rulesfile.config.v1+json",
      digest: sha("falco-config"),
      size: 98,
    },
    layers: [
      {
        mediaType: "application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz",
        digest: sha("falco-layer"),
        size: 24613,
        annotations: { "org.opencontainers.image.title": "falco_rules.yaml" },
      },
    ],
    annotations: { "org.opencontainers.image.created": "2024-01-02T03:04:05Z" },
  };
}

function falcoPluginIndex() {
  const platforms = [
    ["linux", "amd64"],
    ["linux", "arm64"],
  ];
  return {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: platforms.map(([os, architecture]) => ({
      mediaType: OCI_MANIFEST,
      digest: sha(`plugin-${os}-${architecture}`),
      size: 612,
      platform: { architecture, os },
      artifactType: "application/vnd.cncf.falco.plugin.config.v1+json",
    })),
  };
}

function imageConfig() {
  return {
    created: "2024-01-02T03:04:05Z",
    architecture: "amd64",
    os: "linux",
    config: {
      Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8"],
      Entrypoint: ["/docker-entrypoint.sh"],
      Cmd: ["nginx", "-g", "daemon off;"],
      WorkingDir: "/",
      Labels: { maintainer: "bench" },
      StopSignal: "SIGQUIT",
      ExposedPorts: { "80/tcp": {} },
    },
    rootfs: { type: "layers", diff_ids: Array.from({ length: 5 }, (_, i) => sha(`diff-${i}`)) },
    history: Array.from({ length: 5 }, (_, i) => ({
      created: "2024-01-02T03:04:05Z",
      created_by: `RUN step ${i}`,
    })),
  };
}

function bigIndex(entries) {
  const arches = ["amd64", "arm64", "ppc64le", "s390x"];
  return {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: Array.from({ length: entries }, (_, i) => ({
      mediaType: OCI_MANIFEST,
      digest: sha(`entry-${i}`),
      size: 400 + (i % 997),
      platform: { architecture: arches[i % arches.length], os: "linux" },
      annotations: { "org.opencontainers.image.ref.name": `v1.${i}` },
    })),
  };
}

/**
 * The corpus: name, the media type it is pushed with, the image-spec schema the naive baseline
 * uses, and its bytes.
 */
export function corpus() {
  return [
    {
      name: "image manifest (5 layers)",
      mediaType: OCI_MANIFEST,
      naive: "manifest",
      bytes: enc(imageManifest()),
    },
    {
      name: "falco rulesfile manifest",
      mediaType: OCI_MANIFEST,
      naive: "manifest",
      bytes: enc(falcoRulesfileManifest()),
    },
    { name: "falco plugin index", mediaType: OCI_INDEX, naive: "index", bytes: enc(falcoPluginIndex()) },
    { name: "image config", mediaType: OCI_CONFIG, naive: "config", bytes: enc(imageConfig()) },
    { name: "index, 1,000 entries", mediaType: OCI_INDEX, naive: "index", bytes: compact(bigIndex(1000)) },
    { name: "index, 10,000 entries", mediaType: OCI_INDEX, naive: "index", bytes: compact(bigIndex(10000)) },
  ];
}
