import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { falcoConfigCommand } from "../src/cli/commands/falco-config.js";
import { falcoPackCommand } from "../src/cli/commands/falco-pack.js";
import { commands, mainHelp } from "../src/cli/run.js";
import { layoutIssueCodes } from "../src/layout/layout-issue-codes.js";

const docs = readFileSync(new URL("../docs/cli.md", import.meta.url), "utf8");
const documented = [...commands.filter((c) => !c.hasSubcommands), falcoConfigCommand, falcoPackCommand];

describe("docs/cli.md", () => {
  it.each(documented.map((c) => [c.name, c] as const))(
    "documents `ocispec %s` and every flag its --help lists",
    (name, command) => {
      const section = docs.split(/^## /m).find((part) => part.startsWith(`\`ocispec ${name}\``));
      expect(section, `a "## \`ocispec ${name}\`" section`).toBeDefined();
      const flags = new Set(command.help.match(/--[a-z][a-z-]*/g));
      flags.delete("--help");
      for (const flag of flags) expect(section, `${name} ${flag}`).toContain(`\`${flag}`);
      expect(command.help).toContain("Examples:");
    },
  );

  it("documents every layout issue code", () => {
    for (const { code, severity } of layoutIssueCodes)
      expect(docs).toContain(`| \`${code}\` | ${severity} |`);
  });

  it("lists every command that `ocispec --help` lists", () => {
    for (const command of commands) expect(mainHelp()).toContain(command.name);
    expect(docs).toContain("--version");
  });
});
