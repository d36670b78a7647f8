// The validators, stated once. This file is `ocispec/core`'s; the root entry's,
// src/registry/validate-with-targets.generated.ts, is this file with the registry profiles as
// `targetFindings` (scripts/write-validators.mjs writes it, test/validate-with-targets.test.ts fails
// when it is stale): edit here, then `npm run generate`.
import type { PipelineExtensions } from "./pipeline.js";
import { runChecked } from "./run-checked.js";
import type { DocumentKind, ResultOf, ValidateOptions, ValidationResult } from "./types.js";

/** What every validator here passes the pipeline: `ocispec/core` has no registry profiles. */
const EXTENSIONS: PipelineExtensions = {};

/** The pipeline's extensions for one kind-specific validator, built once. */
function asKind(kind: DocumentKind): PipelineExtensions {
  return { ...EXTENSIONS, kind };
}

const IMAGE_MANIFEST = asKind("image-manifest");
const IMAGE_INDEX = asKind("image-index");
const DESCRIPTOR = asKind("descriptor");
const IMAGE_CONFIG = asKind("image-config");
const DOCKER_MANIFEST = asKind("docker-manifest");
const DOCKER_MANIFEST_LIST = asKind("docker-manifest-list");
const FALCO_CONFIG = asKind("falco-config");

/**
 * Validates an OCI or Docker document — raw bytes as a registry receives them, a string, or an
 * already-parsed object — and says exactly what is wrong with it. The kind is detected from
 * `options.mediaType` (the Content-Type), the document's `mediaType` member, or its shape. Never
 * throws: every problem, bad input included, is an issue in the result. `options.targets` adds the
 * named registries' known refusals; `ocispec/core`'s `validate`, which carries no registry profiles,
 * answers it with a `targets-unsupported` error.
 *
 * @example
 * const result = validate(bytes, { mediaType: "application/vnd.oci.image.manifest.v1+json" });
 * if (!result.valid) for (const i of result.issues) console.log(`${i.line}:${i.column} ${i.code} ${i.message}`);
 */
export function validate(input: Uint8Array | string | object, options?: ValidateOptions): ValidationResult {
  return runChecked(input, options, EXTENSIONS);
}

/**
 * Validates the input as an OCI image manifest, whatever it says it is.
 *
 * @example
 * validateImageManifest('{"schemaVersion":2,"config":{},"layers":[]}').issues.map((i) => i.code)
 */
export function validateImageManifest(
  input: Uint8Array | string | object,
  options?: ValidateOptions,
): ResultOf<"image-manifest" | "unknown"> {
  return runChecked(input, options, IMAGE_MANIFEST);
}

/**
 * Validates the input as an OCI image index, whatever it says it is.
 *
 * @example
 * validateImageIndex({ schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests: [] }).valid // true
 */
export function validateImageIndex(
  input: Uint8Array | string | object,
  options?: ValidateOptions,
): ResultOf<"image-index" | "unknown"> {
  return runChecked(input, options, IMAGE_INDEX);
}

/**
 * Validates the input as an OCI content descriptor (`application/vnd.oci.descriptor.v1+json`).
 *
 * @example
 * validateDescriptor({ mediaType: "application/vnd.oci.empty.v1+json", size: 2, data: "e30=",
 *   digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a" }).valid // true
 */
export function validateDescriptor(
  input: Uint8Array | string | object,
  options?: ValidateOptions,
): ResultOf<"descriptor" | "unknown"> {
  return runChecked(input, options, DESCRIPTOR);
}

/**
 * Validates the input as an OCI image config (`application/vnd.oci.image.config.v1+json`).
 *
 * @example
 * validateImageConfig({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [] } }).valid // true
 */
export function validateImageConfig(
  input: Uint8Array | string | object,
  options?: ValidateOptions,
): ResultOf<"image-config" | "unknown"> {
  return runChecked(input, options, IMAGE_CONFIG);
}

/**
 * Validates the input as a Docker image manifest, version 2 schema 2.
 *
 * @example
 * validateDockerManifest(bytes, { mediaType: "application/vnd.docker.distribution.manifest.v2+json" })
 */
export function validateDockerManifest(
  input: Uint8Array | string | object,
  options?: ValidateOptions,
): ResultOf<"docker-manifest" | "unknown"> {
  return runChecked(input, options, DOCKER_MANIFEST);
}

/**
 * Validates the input as a Docker manifest list.
 *
 * @example
 * validateDockerManifestList(bytes)
 */
export function validateDockerManifestList(
  input: Uint8Array | string | object,
  options?: ValidateOptions,
): ResultOf<"docker-manifest-list" | "unknown"> {
  return runChecked(input, options, DOCKER_MANIFEST_LIST);
}

/**
 * Validates the input as a Falco artifact config blob (rulesfile, plugin or asset).
 *
 * @example
 * validateFalcoConfig('{"name":"falco-rules","version":"3.0.0"}')
 */
export function validateFalcoConfig(
  input: Uint8Array | string | object,
  options?: ValidateOptions,
): ResultOf<"falco-config" | "unknown"> {
  return runChecked(input, options, FALCO_CONFIG);
}
