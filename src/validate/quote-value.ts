/**
 * A value as it appears in a message: JSON, shortened so a hostile megabyte string does not end up
 * in a log line.
 *
 * @example
 * quoteValue("sha256:ABC") // "\"sha256:ABC\""
 * quoteValue(undefined) // "nothing"
 */
export function quoteValue(value: unknown): string {
  if (value === undefined) return "nothing";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
