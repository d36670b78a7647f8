import { computeDigest } from "../digest/index.js";
import { readJson } from "../json/index.js";
import { OCI_IMAGE_INDEX } from "../media-types/index.js";
import { BuildError } from "./build-error.js";
import type { Built } from "./built.js";
import { builtDocument } from "./built-document.js";
import { checkDescriptor, checkDigestField } from "./descriptor-field.js";
import type { BuiltDescriptor, BuiltImageIndex } from "./document-types.js";
import { describe, MANIFEST_MEDIA_TYPES } from "./media-type-field.js";

/**
 * A referring manifest as {@link buildReferrersIndex} takes it: its exact bytes, or a builder result
 * (`{ bytes, descriptor }`), or `{ bytes, mediaType }` when the document has no `mediaType` member and
 * the media type is only known from the Content-Type it was pushed with.
 *
 * @example
 * const referrers: ReferrerInput[] = [
 *   sbom, // a builder result: { bytes, descriptor }
 *   signatureBytes, // raw manifest bytes that carry their own mediaType
 *   { bytes: pushedBytes, mediaType: contentType }, // the media type known only from the Content-Type
 * ];
 * buildReferrersIndex(subject.descriptor.digest, referrers);
 */
export type ReferrerInput =
  | Uint8Array
  | {
      /** The referring manifest's exact bytes, as pushed. */
      readonly bytes: Uint8Array;
      /** Its media type, when the document has no `mediaType` member (the Content-Type it was pushed with). */
      readonly mediaType?: string;
      /** A builder's descriptor of the bytes; its `mediaType` is used. */
      readonly descriptor?: {
        /** The referring manifest's media type. */
        readonly mediaType: string;
      };
    };

/**
 * Options of {@link buildReferrersIndex}.
 *
 * @example
 * const options: ReferrersIndexOptions = { artifactType: url.searchParams.get("artifactType") ?? undefined };
 * buildReferrersIndex(subjectDigest, storedReferrers, options);
 */
export interface ReferrersIndexOptions {
  /** Keep only referrers of this artifact type — the `?artifactType=` query of the referrers API. */
  artifactType?: string | undefined;
}

/**
 * What {@link buildReferrersIndex} returns: a built index plus the filters it applied.
 *
 * @example
 * const answer: BuiltReferrersIndex = buildReferrersIndex(subject.descriptor.digest, [sbom], { artifactType: "application/spdx+json" });
 * answer.filtersApplied; // ["artifactType"]: send `OCI-Filters-Applied: artifactType`
 * // respond 200 with answer.bytes, Content-Type answer.descriptor.mediaType
 */
export interface BuiltReferrersIndex extends Built<BuiltImageIndex> {
  /**
   * The filters applied, for the `OCI-Filters-Applied` response header (joined with `,`):
   * `["artifactType"]` when filtered by artifact type, `[]` otherwise (then send no header).
   */
  filtersApplied: string[];
}

/**
 * Builds the response of the distribution-spec v1.1 referrers API, `GET /v2/<name>/referrers/<digest>`
 * (spec.md#listing-referrers): an image index with one descriptor per manifest whose `subject` is the
 * digest; each descriptor's `artifactType` is the manifest's `artifactType` or, when that is empty or
 * missing, its config descriptor's `mediaType`, and it carries all of the manifest's annotations.
 * With `options.artifactType`, only matching referrers are listed and `filtersApplied` is
 * `["artifactType"]`, the value of the `OCI-Filters-Applied` header the registry must then send.
 *
 * Every referrer must be a manifest or index whose `subject` is `subjectDigest`; a referrer listed
 * twice (same digest) appears once. Entries keep the order they are given in.
 *
 * @throws {BuildError} naming the referrer that is not valid JSON, not a manifest, or refers elsewhere.
 * @example
 * const image = buildImageManifest({ config, layers: [layer] });
 * const signature = buildImageManifest({
 *   artifactType: "application/vnd.example.signature", config: emptyDescriptor, layers: [emptyDescriptor], subject: image,
 * });
 * const response = buildReferrersIndex(image.descriptor.digest, [signature], { artifactType: "application/vnd.example.signature" });
 * // response.bytes is the body, response.filtersApplied → ["artifactType"]
 */
export function buildReferrersIndex(
  subjectDigest: string,
  referrers: readonly ReferrerInput[],
  options: ReferrersIndexOptions = {},
): BuiltReferrersIndex {
  checkDigestField(subjectDigest, "subjectDigest");
  if (!Array.isArray(referrers)) {
    throw new BuildError(
      "referrers",
      `must be an array of referring manifests (bytes or builder results), got ${describe(referrers)}`,
    );
  }
  const seen = new Set<string>();
  const manifests: BuiltDescriptor[] = [];
  referrers.forEach((referrer, i) => {
    const entry = referrerDescriptor(referrer, `referrers[${i}]`, subjectDigest);
    if (seen.has(entry.digest)) return;
    seen.add(entry.digest);
    if (options.artifactType === undefined || entry.artifactType === options.artifactType)
      manifests.push(entry);
  });
  const index = {
    schemaVersion: 2,
    mediaType: OCI_IMAGE_INDEX,
    manifests,
  } satisfies BuiltImageIndex;
  return {
    ...builtDocument<BuiltImageIndex>(index),
    filtersApplied: options.artifactType === undefined ? [] : ["artifactType"],
  };
}

function referrerDescriptor(referrer: ReferrerInput, field: string, subjectDigest: string): BuiltDescriptor {
  const bytes = referrer instanceof Uint8Array ? referrer : referrer?.bytes;
  if (!(bytes instanceof Uint8Array)) {
    throw new BuildError(
      field,
      "must be the referring manifest's bytes, or a builder result { bytes, descriptor }",
    );
  }
  const document = parseReferrer(bytes, field);
  const declared =
    referrer instanceof Uint8Array ? undefined : (referrer.mediaType ?? referrer.descriptor?.mediaType);
  const mediaType = document.mediaType ?? declared;
  if (typeof mediaType !== "string" || !MANIFEST_MEDIA_TYPES.has(mediaType)) {
    throw new BuildError(
      `${field}.mediaType`,
      `a referrer is an image manifest or index, but its media type is ${describe(mediaType)}; pass { bytes, mediaType } when the document does not carry one`,
    );
  }
  const subject = document.subject as { digest?: unknown } | undefined;
  if (subject?.digest !== subjectDigest) {
    throw new BuildError(
      `${field}.subject`,
      `refers to ${describe(subject?.digest)}, not ${subjectDigest}; list only manifests whose subject is the digest asked for`,
    );
  }
  const config = document.config as { mediaType?: unknown } | undefined;
  const artifactType = document.artifactType ?? config?.mediaType;
  return checkDescriptor(
    {
      mediaType,
      digest: computeDigest(bytes),
      size: bytes.length,
      annotations: document.annotations,
      artifactType: artifactType === "" ? undefined : artifactType,
    },
    field,
  );
}

function parseReferrer(bytes: Uint8Array, field: string): Record<string, unknown> {
  // The strict reader: bytes other tools would read differently (BOM, duplicate keys, …) are refused.
  const read = readJson(bytes);
  const problem = read.issues.find((issue) => issue.severity === "error");
  if (!read.ok || problem !== undefined) {
    throw new BuildError(
      field,
      `is not strict UTF-8 JSON (${problem?.message}); pass the manifest's exact bytes`,
    );
  }
  const value = read.value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new BuildError(field, "is not a JSON object; pass an image manifest's or index's bytes");
  }
  return value as Record<string, unknown>;
}
