import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { buildDescriptor, buildImageManifest, canonicalJson } from "../../src/builders/index.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

/** A one-file ustar archive, gzip-compressed: a real layer, small and deterministic. */
export function tarGzOneFile(name: string, content: Uint8Array): { tar: Uint8Array; gz: Uint8Array } {
  const header = new Uint8Array(512);
  const put = (offset: number, text: string) => header.set(utf8(text), offset);
  const octal = (value: number, width: number) => value.toString(8).padStart(width - 1, "0");
  put(0, name);
  put(100, octal(0o644, 8));
  put(108, octal(0, 8));
  put(116, octal(0, 8));
  put(124, octal(content.length, 12));
  put(136, octal(0, 12));
  put(148, "        ");
  put(156, "0");
  put(257, "ustar\u000000");
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  put(148, `${octal(checksum, 7)}\u0000 `);
  const padded = new Uint8Array(Math.ceil(content.length / 512) * 512);
  padded.set(content);
  const tar = new Uint8Array(512 + padded.length + 1024);
  tar.set(header);
  tar.set(padded, 512);
  return { tar, gz: new Uint8Array(gzipSync(tar, { level: 9 })) };
}

/**
 * A small real OCI image for one platform — an image config whose diff_ids match and a gzip tar layer
 * holding hello.txt — so that skopeo and umoci, not only the registry, accept it.
 */
export function buildTestImage(architecture: string) {
  const { tar, gz } = tarGzOneFile("hello.txt", utf8(`hello from ${architecture}\n`));
  const layer = buildDescriptor(gz, "application/vnd.oci.image.layer.v1.tar+gzip");
  const config = buildDescriptor(
    canonicalJson({
      architecture,
      os: "linux",
      config: { Cmd: ["/bin/true"] },
      rootfs: { type: "layers", diff_ids: [sha256(tar)] },
    }),
    "application/vnd.oci.image.config.v1+json",
  );
  const manifest = buildImageManifest({
    config,
    layers: [layer],
    annotations: { "org.opencontainers.image.title": `test image ${architecture}` },
  });
  return { config, layer, manifest };
}
