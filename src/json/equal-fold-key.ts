/**
 * The key under which Go's `strings.EqualFold` finds two member names equal, for names compared
 * against ASCII field names (as encoding/json matches members to struct fields):
 * ASCII letters lower-cased, and the two non-ASCII letters whose simple case folding reaches ASCII —
 * U+017F LATIN SMALL LETTER LONG S (≡ s) and U+212A KELVIN SIGN (≡ k). Other characters are kept:
 * they cannot equal an ASCII field name.
 *
 * @example
 * equalFoldKey("MediaType"); // "mediatype"
 * equalFoldKey("\u017Fize"); // "size" — Go's decoder would fill the `size` field from this member
 * equalFoldKey("\u212Aey"); // "key" (KELVIN SIGN)
 */
export function equalFoldKey(name: string): string {
  let out = "";
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) out += String.fromCharCode(c + 0x20);
    else if (c === 0x017f) out += "s";
    else if (c === 0x212a) out += "k";
    else out += name[i];
  }
  return out;
}

/** {@link equalFoldKey} → canonical field name, for every name in `fields`. */
export function foldIndex(fields: Iterable<string>): ReadonlyMap<string, string> {
  const index = new Map<string, string>();
  for (const field of fields) index.set(equalFoldKey(field), field);
  return index;
}
