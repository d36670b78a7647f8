import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { falcoConfigCommand } from "../src/cli/commands/falco-config.js";
import { falcoPackCommand } from "../src/cli/commands/falco-pack.js";
import { issueCodes } from "../src/cli/rules/issue-codes.js";
import { commands, mainHelp } from "../src/cli/run.js";
import { ruleDocsUrl } from "../src/format/docs-url.js";
import { layoutIssueCodes } from "../src/layout/layout-issue-codes.js";
import { CLI_PATH, SCRIPT_RUNNER, sarifSchemaValidator } from "./helpers/cli.js";

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

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const [, heading] of markdown.matchAll(/^#{1,6} (.+)$/gm)) {
    out.add(
      (heading ?? "")
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/ /g, "-"),
    );
  }
  return out;
}

describe("SARIF helpUri", () => {
  it("points every code `ocispec rules` lists at a heading that exists in docs/", () => {
    const docsDir = new URL("../docs/", import.meta.url);
    const anchorsOf = new Map<string, Set<string>>();
    for (const { code } of issueCodes) {
      const [file, anchor] = ruleDocsUrl(code, "").split("#") as [string, string];
      if (!anchorsOf.has(file)) anchorsOf.set(file, anchors(readFileSync(new URL(file, docsDir), "utf8")));
      expect(anchorsOf.get(file)?.has(anchor), `${code} → ${file}#${anchor}`).toBe(true);
    }
  });
});

/**
 * The shell examples of docs/cli.md's command sections, run against the built CLI in a scratch
 * directory holding examples/ (what they name) and a package.json: every line that runs `ocispec`.
 * `curl …` stands for a registry, so its output is replaced by an example manifest; `$ ` lines show
 * their output on the lines after, which must match.
 */
function shellExamples(): { command: string; expected?: string }[] {
  const commandSections = docs.slice(0, docs.indexOf("\n## Hooks\n"));
  const out: { command: string; expected?: string }[] = [];
  for (const [, body] of commandSections.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
    const lines = (body ?? "").replace(/\\\n\s*/g, "").split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? "";
      const prompt = line.startsWith("$ ");
      const command = (prompt ? line.slice(2) : line).replace(/\s+#.*$/, "").trim();
      if (!/(^|\| )ocispec /.test(command) || /^(npm|npx|skopeo|oras) /.test(command)) continue;
      let expected: string | undefined;
      if (prompt) {
        const shown: string[] = [];
        while (i + 1 < lines.length && !(lines[i + 1] ?? "").startsWith("$ ") && lines[i + 1] !== "") {
          shown.push(lines[++i] ?? "");
        }
        expected = shown.join("\n");
      }
      out.push({ command, ...(expected !== undefined && expected !== "" && { expected }) });
    }
  }
  return out;
}

describe.skipIf(!existsSync(CLI_PATH))("docs/cli.md's shell examples run", () => {
  const dir = mkdtempSync(join(tmpdir(), "ocispec-docs-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(new URL("../examples/", import.meta.url), join(dir, "examples"), { recursive: true });
  writeFileSync(join(dir, "package.json"), '{ "name": "app", "version": "1.0.0", "dependencies": {} }\n');
  // what `falco pack` packs
  writeFileSync(join(dir, "falco_rules.yaml"), "- rule: example\n");
  for (const arch of ["amd64", "arm64"]) {
    mkdirSync(join(dir, arch));
    writeFileSync(join(dir, arch, "libk8saudit.so"), `plugin for ${arch}\n`);
  }
  const bin = join(dir, ".bin");
  mkdirSync(bin);
  writeFileSync(
    join(bin, "ocispec"),
    `#!/bin/sh\nexec ${SCRIPT_RUNNER.map((word) => `"${word}"`).join(" ")} "${CLI_PATH}" "$@"\n`,
  );
  chmodSync(join(bin, "ocispec"), 0o755);
  const haveJq = spawnSync("jq", ["--version"]).error === undefined;
  const validateSarif = sarifSchemaValidator();
  const examples = shellExamples();

  it("finds the examples", () => {
    expect(examples.length).toBeGreaterThan(15);
  });

  it.for(examples.map((e) => [e.command, e] as const))("%s", ([, example], context) => {
    if (example.command.includes("| jq") && !haveJq) return context.skip("jq is not installed");
    const command = example.command.replace(/^curl .*?\| /, "cat examples/image/manifest.json | ");
    const result = spawnSync("sh", ["-c", command], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: "1", FORCE_COLOR: "" },
    });
    // findings are fine (1), a usage error or an unreadable path is a broken example (2)
    expect(result.status, `${command}\n${result.stderr}`).toBeLessThan(2);
    expect(result.stderr).not.toContain("internal error");
    if (example.expected !== undefined) expect(result.stdout.trimEnd()).toBe(example.expected);
    const sarifFile = command.match(/-o (\S+\.sarif)/)?.[1];
    if (sarifFile !== undefined) {
      const sarif = JSON.parse(readFileSync(join(dir, sarifFile), "utf8"));
      expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    }
  });
});
