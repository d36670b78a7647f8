// Runs first in `npm run build`: empties dist/, so that a file a build no longer writes does not ship
// (tsup's own `clean` is off: its parallel builds would clean away each other's output).
import { rmSync } from "node:fs";

rmSync(new URL("../dist/", import.meta.url), { recursive: true, force: true });
