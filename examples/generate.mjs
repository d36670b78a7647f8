// Writes every example document under examples/ with ocispec's own builders, so the examples are
// exactly what the library produces (test/cli-examples.test.ts checks they have not drifted).
// Run after a build: `npm run build && node examples/generate.mjs`.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildDescriptor,
  buildFalcoArtifact,
  buildImageLayout,
  buildImageManifest,
  canonicalJson,
  computeDigest,
  createTar,
  createTarGz,
  DOCKER_IMAGE_CONFIG,
  DOCKER_LAYER_GZIP,
  DOCKER_MANIFEST_V2,
  OCI_IMAGE_CONFIG,
  OCI_LAYER_TAR_GZIP,
} from "../dist/index.js";

const CREATED = "2024-01-01T00:00:00Z";

/** A one-layer image: the layer holds hello.txt; the config runs `cat /hello.txt`. */
function image() {
  const files = { "hello.txt": "Hello from the ocispec examples.\n" };
  const layer = createTarGz(files);
  const config = canonicalJson({
    created: CREATED,
    architecture: "amd64",
    os: "linux",
    config: { Cmd: ["cat", "/hello.txt"] },
    rootfs: { type: "layers", diff_ids: [computeDigest(createTar(files))] },
    history: [{ created: CREATED, created_by: "ocispec examples/generate.mjs" }],
  });
  const configDescriptor = buildDescriptor(config, OCI_IMAGE_CONFIG).descriptor;
  const layerDescriptor = buildDescriptor(layer, OCI_LAYER_TAR_GZIP).descriptor;
  const manifest = buildImageManifest({
    config: configDescriptor,
    layers: [layerDescriptor],
    annotations: { "org.opencontainers.image.created": CREATED },
  });
  // The same content as Docker's registries describe it (schema 2, Go struct field order).
  const docker = canonicalJson({
    schemaVersion: 2,
    mediaType: DOCKER_MANIFEST_V2,
    config: { mediaType: DOCKER_IMAGE_CONFIG, size: config.length, digest: configDescriptor.digest },
    layers: [{ mediaType: DOCKER_LAYER_GZIP, size: layer.length, digest: layerDescriptor.digest }],
  });
  return { config, layer, manifest, docker };
}

const RULES = `# An example Falco rules file for the ocispec examples.
- required_engine_version: 0.26.0

- rule: Example shell in a container
  desc: A shell was started inside a container.
  condition: spawned_process and container and proc.name in (sh, bash)
  output: Shell in a container (user=%user.name container=%container.id cmd=%proc.cmdline)
  priority: NOTICE
`;

function falcoRulesfile() {
  return buildFalcoArtifact({
    kind: "rulesfile",
    name: "example-rules",
    version: "1.0.0",
    requirements: ["engine_version_semver:0.26.0"],
    files: { "example_rules.yaml": RULES },
    created: CREATED,
  });
}

function falcoPlugin() {
  // Stand-ins for the shared libraries a real plugin ships.
  return buildFalcoArtifact({
    kind: "plugin",
    name: "example-plugin",
    version: "0.1.0",
    requirements: ["plugin_api_version:3.0.0"],
    platforms: [
      { platform: "linux/amd64", files: { "libexample.so": "not a real plugin: linux/amd64\n" } },
      { platform: "linux/arm64", files: { "libexample.so": "not a real plugin: linux/arm64\n" } },
    ],
    created: CREATED,
  });
}

/** Every example file: path under examples/ → exact bytes. */
export function exampleFiles() {
  const files = new Map();
  const { config, layer, manifest, docker } = image();
  files.set("image/manifest.json", manifest.bytes);
  files.set("image/config.json", config);
  files.set("docker/manifest.json", docker);

  const rules = falcoRulesfile();
  files.set("falco-rulesfile/manifest.json", rules.root.bytes);
  files.set("falco-rulesfile/config.json", rules.blobs[0].bytes);

  const plugin = falcoPlugin();
  files.set("falco-plugin/index.json", plugin.root.bytes);

  const layout = buildImageLayout({
    manifests: [
      { bytes: manifest.bytes, descriptor: manifest.descriptor, refName: "hello-1.0" },
      { bytes: rules.root.bytes, descriptor: rules.root.descriptor, refName: "example-rules-1.0.0" },
      { bytes: plugin.root.bytes, descriptor: plugin.root.descriptor, refName: "example-plugin-0.1.0" },
    ],
    blobs: [
      { bytes: config },
      { bytes: layer },
      ...rules.blobs,
      ...plugin.blobs,
      ...plugin.manifests.slice(0, -1),
    ],
  });
  for (const file of layout.files) files.set(`layout/${file.path}`, file.bytes);
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = dirname(fileURLToPath(import.meta.url));
  for (const dir of ["image", "docker", "falco-rulesfile", "falco-plugin", "layout"]) {
    rmSync(join(root, dir), { recursive: true, force: true });
  }
  for (const [path, bytes] of exampleFiles()) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
  }
  console.log(`wrote ${exampleFiles().size} files under examples/`);
}
