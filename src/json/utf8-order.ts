/**
 * Orders strings by their UTF-8 bytes, which is code point order. Plain `<` compares UTF-16 code
 * units and puts astral characters (surrogate pairs) before U+E000–U+FFFF; Go does not. The order
 * of canonical JSON's members, of Falco's dependency alternatives and of tar entries.
 *
 * @example
 * ["\u{1F600}", "\uFFFD"].sort(compareUtf8); // ["\uFFFD", "\u{1F600}"]
 */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
