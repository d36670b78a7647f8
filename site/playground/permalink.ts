// The playground's state in the URL fragment: the fragment never leaves the browser (it is not part
// of the request a browser sends), so a permalink shares a document without a server seeing it.

/** What a permalink restores: the document and every option that changes the verdict. */
export interface PlaygroundState {
  /** The document text, exactly as typed or dropped. */
  readonly document: string;
  /** The Content-Type it was pushed with; `""` for none. */
  readonly contentType: string;
  /** Target names (`registryProfiles[].name`). */
  readonly targets: readonly string[];
  /** Validation preset. */
  readonly preset: "default" | "strict";
}

const PREFIX = "#state=";

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The fragment (`#state=…`) that restores `state`: base64url of its UTF-8 JSON. */
export function encodeState(state: PlaygroundState): string {
  const json = JSON.stringify({ d: state.document, c: state.contentType, t: state.targets, p: state.preset });
  return PREFIX + toBase64Url(new TextEncoder().encode(json));
}

/** The state a fragment holds, or `undefined` when it holds none or is damaged (it came from a URL). */
export function decodeState(hash: string): PlaygroundState | undefined {
  if (!hash.startsWith(PREFIX)) return undefined;
  try {
    const value: unknown = JSON.parse(
      new TextDecoder("utf-8", { fatal: true }).decode(fromBase64Url(hash.slice(PREFIX.length))),
    );
    if (typeof value !== "object" || value === null) return undefined;
    const { d, c, t, p } = value as Record<string, unknown>;
    if (typeof d !== "string" || typeof c !== "string") return undefined;
    if (!Array.isArray(t) || !t.every((name) => typeof name === "string")) return undefined;
    return { document: d, contentType: c, targets: t, preset: p === "strict" ? "strict" : "default" };
  } catch {
    return undefined;
  }
}
