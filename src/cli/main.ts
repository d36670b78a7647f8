// The `ocispec` command: binds the CLI to the real process and sets the exit status.
import { DEFAULT_MAX_BYTES } from "../json/limits.js";
import { readStreamUpTo } from "./input/read-input.js";
import type { CliIo, OutputStream } from "./io.js";
import { run } from "./run.js";

function outputOf(stream: NodeJS.WriteStream): OutputStream {
  return {
    write: (chunk) => {
      stream.write(chunk);
    },
    isTTY: stream.isTTY === true,
    get columns() {
      return stream.columns;
    },
  };
}

// Standard input is read up to the size limit and refused past it (src/cli/input/read-input.ts).
const readStdin = (): Promise<Uint8Array> => readStreamUpTo(process.stdin, DEFAULT_MAX_BYTES);

// A closed pipe (`ocispec media-types | head`) is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const io: CliIo = {
  stdout: outputOf(process.stdout),
  stderr: outputOf(process.stderr),
  readStdin,
  cwd: process.cwd(),
  env: process.env,
};

process.exitCode = await run(process.argv.slice(2), io);
