import { describe, expect, it } from "vitest";
import { compileGlob } from "../src/cli/input/glob.js";

describe("compileGlob", () => {
  const cases: [string, string, boolean][] = [
    ["**/*.json", "a.json", true],
    ["**/*.json", "examples/image/manifest.json", true],
    ["**/*.json", "examples/image/manifest.yaml", false],
    ["*.json", "deep/down/x.json", true], // no slash: base name at any depth
    ["examples/*.json", "examples/a.json", true],
    ["examples/*.json", "examples/sub/a.json", false],
    ["examples/**", "examples/sub/a.json", true],
    ["examples/**", "other/a.json", false],
    ["**/node_modules/**", "a/node_modules/", true],
    ["**/node_modules/**", "node_modules/x/package.json", true],
    ["node_modules", "a/node_modules", true],
    ["test/fixtures/**", "test/fixtures/bad/m.json", true],
    ["?.json", "a.json", true],
    ["?.json", "ab.json", false],
    ["[ab].json", "b.json", true],
    ["[!ab].json", "b.json", false],
    ["*.{manifest,index}.json", "x.index.json", true],
    ["*.{manifest,index}.json", "x.config.json", false],
    ["a.b", "axb", false], // dots are literal
    ["./examples/*.json", "examples/a.json", true],
    ["[!ab].json", "c.json", true], // POSIX bracket negation (picomatch needs posix: true for it)
    ["**/*.json", ".vscode/settings.json", true], // dot files are files like any other
    ["vendor/", "vendor/x/y.json", true], // a trailing slash: everything under the directory
    ["*.+(manifest|index).json", "a.index.json", true], // extglob
  ];
  it.each(cases)("%s against %s → %s", (pattern, path, expected) => {
    expect(compileGlob(pattern).matches(path)).toBe(expected);
  });

  it("matches absolute patterns against the absolute path", () => {
    expect(compileGlob("/repo/vendor/**").matches("vendor/a.json", "/repo/vendor/a.json")).toBe(true);
    expect(compileGlob("/repo/vendor/**").matches("vendor/a.json", "/other/vendor/a.json")).toBe(false);
  });

  it("never lets * or ? cross a directory separator", () => {
    expect(compileGlob("examples/*").matches("examples/a/b")).toBe(false);
    expect(compileGlob("a?b").matches("a/b")).toBe(false);
  });
});
