import type { ProfileContext } from "./profile.js";

/**
 * The Content-Type a client pulls a document with: the one given, else the document's own
 * `mediaType` (what a registry serves it as). `undefined` when neither says.
 */
export function pullType(
  document: Readonly<Record<string, unknown>>,
  context: ProfileContext,
): string | undefined {
  if (context.contentType !== undefined) return context.contentType;
  return typeof document.mediaType === "string" ? document.mediaType : undefined;
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
