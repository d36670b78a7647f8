/**
 * Thrown by {@link parseMediaType} when a string breaks the media-type grammar. The message names
 * the offending character and its position; `index` and `character` carry them as data.
 *
 * @example
 * try { parseMediaType("application/vnd oci") } catch (e) {
 *   if (e instanceof MediaTypeError) console.log(e.index, e.character); // 15 " "
 * }
 */
export class MediaTypeError extends Error {
  /** The string that failed to parse. */
  readonly input: string;
  /** 0-based UTF-16 index of the offending character, or the input length when input ended too early. */
  readonly index: number;
  /** The offending character, or `undefined` when the input ended too early. */
  readonly character: string | undefined;

  constructor(message: string, input: string, index: number, character: string | undefined) {
    super(message);
    this.name = "MediaTypeError";
    this.input = input;
    this.index = index;
    this.character = character;
  }
}
