/**
 * A mistake in how the command was called: printed as one line plus a hint to `--help`, exit 2.
 * `command` names the (sub)command whose help the hint points at.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  constructor(
    message: string,
    readonly command = "",
  ) {
    super(message);
  }
}

/**
 * An input that could not be read (missing path, permission denied, unreadable stdin): exit 2.
 */
export class InputError extends Error {
  override readonly name = "InputError";
}
