import type { Command } from "../command.js";
import { UsageError } from "../usage-error.js";

/** `ocispec falco pack` (placeholder until buildFalcoArtifact lands). */
export const falcoPackCommand: Command = {
  name: "falco pack",
  summary: "pack files as a complete Falco artifact in an OCI image layout",
  help: "Usage: ocispec falco pack <files…> --type rulesfile|plugin|asset --name <name> --version <semver> -o <dir>\n",
  async run() {
    throw new UsageError("falco pack is not available yet", "falco pack");
  },
};
