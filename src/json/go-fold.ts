/**
 * A member name folded the way Go's `strings.EqualFold` compares it against ASCII field names:
 * ASCII letters lower-cased, and the two non-ASCII letters whose simple case folding reaches ASCII —
 * U+017F LATIN SMALL LETTER LONG S (≡ s) and U+212A KELVIN SIGN (≡ k). Other characters are kept:
 * they cannot equal an ASCII field name.
 *
 * @example
 * goFold("MediaType"); // "mediatype"
 * goFold("\u017Fize"); // "size" — Go's decoder would fill the `size` field from this member
 * goFold("\u212Aey"); // "key" (KELVIN SIGN)
 */
export function goFold(name: string): string {
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

/** Folded name → canonical field name, for every name in `fields`. */
export function foldIndex(fields: Iterable<string>): ReadonlyMap<string, string> {
  const index = new Map<string, string>();
  for (const field of fields) index.set(goFold(field), field);
  return index;
}
