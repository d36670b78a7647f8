// The one-click examples, built in the page by the library's own builders, then pretty-printed so
// that every finding sits on a line of its own.
import {
  buildDescriptor,
  buildFalcoArtifact,
  buildImageIndex,
  buildImageManifest,
  OCI_IMAGE_CONFIG,
  OCI_IMAGE_INDEX,
  OCI_IMAGE_MANIFEST,
  OCI_LAYER_TAR_GZIP,
} from "ocispec";
import type { PlaygroundState } from "./permalink.js";

/** One example: a label for its button, a sentence on what it shows, and the state it loads. */
export interface PlaygroundExample {
  readonly id: string;
  readonly label: string;
  readonly about: string;
  readonly state: () => PlaygroundState;
}

const pretty = (bytes: Uint8Array): string =>
  `${JSON.stringify(JSON.parse(new TextDecoder().decode(bytes)), null, 2)}\n`;
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function cleanImage() {
  const config = buildDescriptor(
    utf8('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}'),
    OCI_IMAGE_CONFIG,
  );
  const layer = buildDescriptor(utf8("hello\n"), OCI_LAYER_TAR_GZIP);
  return buildImageManifest({ config: config.descriptor, layers: [layer.descriptor] });
}

/** The Falco asset manifest, as falcoctl pushes it: gitlab.com refuses its config type. */
export function falcoAssetManifest(): string {
  const artifact = buildFalcoArtifact({
    kind: "asset",
    name: "k8smeta-assets",
    version: "0.1.0",
    files: { "k8smeta.yaml": "metadata: {}\n" },
    created: "2024-01-31T12:00:00Z",
  });
  return pretty(artifact.root.bytes);
}

/** What the playground opens with when the URL holds no state. */
export const cleanImageExample: PlaygroundExample = {
  id: "clean-image",
  label: "Clean image",
  about: "An OCI image manifest made by buildImageManifest: nothing to report.",
  state: () => ({
    document: pretty(cleanImage().bytes),
    contentType: OCI_IMAGE_MANIFEST,
    targets: [],
    preset: "default",
  }),
};

export const examples: readonly PlaygroundExample[] = [
  {
    id: "falco-asset",
    label: "Falco asset → GitLab",
    about: "A Falco asset artifact as falcoctl pushes it; GitLab's media-type table lacks the asset types.",
    state: () => ({
      document: falcoAssetManifest(),
      contentType: OCI_IMAGE_MANIFEST,
      targets: ["gitlab"],
      preset: "default",
    }),
  },
  {
    id: "cve-2021-41190",
    label: "CVE-2021-41190 ambiguous index",
    about: "An index that also carries layers: a manifest to one reader, an index to another.",
    state: () => {
      const image = cleanImage();
      const index = buildImageIndex({ manifests: [image.descriptor] });
      const ambiguous = { ...index.document, layers: image.document.layers };
      return {
        document: `${JSON.stringify(ambiguous, null, 2)}\n`,
        contentType: OCI_IMAGE_INDEX,
        targets: [],
        preset: "default",
      };
    },
  },
  {
    id: "duplicate-key",
    label: "Duplicate key",
    about: "Two mediaType members: JSON.parse and Go keep the last, other parsers the first.",
    state: () => {
      const text = pretty(cleanImage().bytes);
      return {
        document: text.replace("{\n", `{\n  "mediaType": "${OCI_IMAGE_INDEX}",\n`),
        contentType: OCI_IMAGE_MANIFEST,
        targets: [],
        preset: "default",
      };
    },
  },
  cleanImageExample,
];
