// The `ocispec` command. Placeholder until the CLI lands: it only reports its version.
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};
process.stdout.write(`ocispec ${pkg.version}\n`);
