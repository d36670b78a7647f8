/** Something the CLI writes text or bytes to: stdout, stderr, or a buffer in tests. */
export interface OutputStream {
  write(chunk: string | Uint8Array): void;
  /** True when the stream is an interactive terminal (colour, progress). */
  readonly isTTY: boolean;
  /** Terminal width, when known. */
  readonly columns?: number | undefined;
}

/**
 * Everything a command may touch outside its arguments. `main.ts` binds it to the real process;
 * tests pass buffers, so commands run in-process on plain data.
 */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Reads standard input to its end. */
  readStdin(): Promise<Uint8Array>;
  /** The working directory paths are resolved against and config discovery starts from. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}
