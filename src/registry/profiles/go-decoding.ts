import type { ProfileContext } from "./profile.js";

/** The manifest type a detected kind is pushed and served as. */
const KIND_TYPES: Partial<Record<ProfileContext["kind"], string>> = {
  "image-manifest": "application/vnd.oci.image.manifest.v1+json",
  "image-index": "application/vnd.oci.image.index.v1+json",
  "docker-manifest": "application/vnd.docker.distribution.manifest.v2+json",
  "docker-manifest-list": "application/vnd.docker.distribution.manifest.list.v2+json",
};

/**
 * The Content-Type a document travels with when none is given (a file being linted): the type of
 * the kind `validate` detected.
 */
export function kindType(context: ProfileContext): string | undefined {
  return KIND_TYPES[context.kind];
}

/**
 * The Content-Type a client pulls a document with: the one given, else the document's own
 * `mediaType` (what a registry serves it as), else the type of its detected kind.
 */
export function pullType(
  document: Readonly<Record<string, unknown>>,
  context: ProfileContext,
): string | undefined {
  if (context.contentType !== undefined) return context.contentType;
  const mediaType = goField(document, "mediaType");
  return typeof mediaType === "string" ? mediaType : kindType(context);
}

/**
 * The member names present in a document as Go's encoding/json sees them: names matched
 * case-insensitively, a `null` value counted or not as the decoder does.
 */
export function goMembers(
  document: Readonly<Record<string, unknown>>,
  names: readonly string[],
  countNull: boolean,
): string[] {
  const present: string[] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    const found = Object.keys(document).some(
      (key) => key.toLowerCase() === lower && (countNull || document[key] !== null),
    );
    if (found) present.push(name);
  }
  return present;
}

/**
 * The value Go's encoding/json decodes into the field `name`: member names match
 * case-insensitively and the last matching member wins.
 */
export function goField(object: Readonly<Record<string, unknown>>, name: string): unknown {
  const lower = name.toLowerCase();
  let value: unknown;
  for (const key of Object.keys(object)) if (key.toLowerCase() === lower) value = object[key];
  return value;
}
