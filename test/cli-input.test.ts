import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { discoverTargets } from "../src/cli/input/discover.js";
import { displayPath } from "../src/cli/input/display-path.js";
import { meantAsDocument } from "../src/cli/lint/classify-document.js";
import { createProgress } from "../src/cli/progress.js";
import { InputError } from "../src/cli/usage-error.js";
import { documentKinds } from "../src/validate/kinds.js";
import { bufferStream, runInProcess } from "./helpers/cli.js";

describe("which named files lint skips: validate's answer, not a second detector", () => {
  const dir = mkdtempSync(join(tmpdir(), "ocispec-skip-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: {
      mediaType: "application/vnd.oci.image.config.v1+json",
      digest: `sha256:${"c".repeat(64)}`,
      size: 3,
    },
    layers: [],
  });
  it.each([
    ["manifest.json", manifest, "linted"],
    [
      "anything.json",
      '{"mediaType":"application/vnd.oci.image.index.v1+json","schemaVersion":2,"manifests":[]}',
      "linted",
    ],
    [
      "config.json",
      '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}',
      "linted",
    ],
    ["rules.json", '{"name":"r","version":"1.0.0","requirements":[]}', "linted"],
    ["layout-header.json", '{"imageLayoutVersion":"1.0.0"}', "linted"],
    ["package.json", '{"name":"x","version":"1.0.0","dependencies":{"a":"1"}}', "skipped"],
    ["renovate.json", '{"extends":["config:recommended"]}', "skipped"],
    ["tsconfig.json", '{ // comments\n "compilerOptions": {} }', "skipped"],
    ["list.json", "[1,2]", "skipped"],
    ["empty.json", "", "skipped"],
    // broken look-alikes are linted, and fail
    ["broken.manifest.json", '{"schemaVersion": 2, "config": {', "failed"],
    ["broken.json", '{"schemaVersion": 2, "config": {', "failed"],
    ["truncated.json", '{"mediaType": "application/vnd.oci.image.manifest.v1+json", "lay', "failed"],
    ["index.json", "{", "failed"],
  ])("%s: %s → %s", async (name, text, expected) => {
    // one directory each: an oci-layout file beside index.json would make it a layout
    const cwd = mkdtempSync(join(dir, "case-"));
    writeFileSync(join(cwd, name), text);
    const result = await runInProcess(
      ["lint", "--no-config", "--no-error-on-unmatched-pattern", "-f", "json", name],
      { cwd },
    );
    const output = JSON.parse(result.stdout);
    if (expected === "skipped") {
      expect(output.skipped.map((entry: { path: string }) => entry.path)).toEqual([name]);
      expect(output.files).toEqual([]);
      expect(result.status).toBe(0);
    } else {
      expect(output.skipped).toEqual([]);
      expect(output.files.map((entry: { path: string }) => entry.path)).toEqual([name]);
      expect(result.status).toBe(expected === "failed" ? 1 : 0);
    }
  });

  it("meantAsDocument reads names and member names only", () => {
    expect(meantAsDocument("manifest.json", "{")).toBe(true);
    expect(meantAsDocument("x.index.json", "{")).toBe(true);
    expect(meantAsDocument("oci-layout", "")).toBe(true);
    expect(meantAsDocument("x.json", '{"layers": [')).toBe(true);
    expect(meantAsDocument("manifest.json.bak", "{}")).toBe(false);
    expect(meantAsDocument("tsconfig.json", '{ "compilerOptions": { "strict": true, } }')).toBe(false);
  });

  it("reads the member names from the kinds table: every kind's text markers, nothing else", () => {
    const markers = documentKinds.flatMap((row) => row.textMarkers ?? []);
    expect(new Set(markers)).toEqual(
      new Set(["schemaVersion", "mediaType", "layers", "manifests", "fsLayers", "imageLayoutVersion"]),
    );
    for (const marker of markers) expect(meantAsDocument("x.json", `{"${marker}": [`), marker).toBe(true);
    // What package.json and friends carry, even where a kind's shape test reads it, marks nothing.
    for (const member of ["os", "architecture", "dependencies", "config", "digest", "size", "name"]) {
      expect(meantAsDocument("x.json", `{"${member}": [`), member).toBe(false);
    }
  });
});

describe("displayPath", () => {
  it("is relative inside the working directory and absolute outside it", () => {
    expect(displayPath("/work/repo", "/work/repo/examples/a.json")).toBe("examples/a.json");
    expect(displayPath("/work/repo", "examples/a.json")).toBe("examples/a.json");
    expect(displayPath("/work/repo", "/tmp/a.json")).toBe("/tmp/a.json");
    expect(displayPath("/work/repo", "/work/repo")).toBe(".");
  });
});

describe("discoverTargets", () => {
  const root = mkdtempSync(join(tmpdir(), "ocispec-walk-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const dir of ["a/layout/blobs/sha256", "a/node_modules/pkg", "b", "fixtures/bad"]) {
    mkdirSync(join(root, dir), { recursive: true });
  }
  for (const file of [
    "a/m.json",
    "a/notes.txt",
    "a/layout/oci-layout",
    "a/layout/index.json",
    "a/node_modules/pkg/m.json",
    "b/z.json",
    "b/y.json",
    "fixtures/bad/x.json",
  ]) {
    writeFileSync(join(root, file), "{}");
  }

  it("walks sorted, treats layouts as one target, skips node_modules and non-matching files", () => {
    const targets = discoverTargets(["."], { cwd: root });
    expect(targets.map((t) => `${t.type} ${t.display}`)).toEqual([
      "layout a/layout",
      "file a/m.json",
      "file b/y.json",
      "file b/z.json",
      "file fixtures/bad/x.json",
    ]);
  });

  it("applies --ignore to files and directories, and --include", () => {
    const ignored = discoverTargets(["."], { cwd: root, ignore: ["fixtures/**", "y.json"] });
    expect(ignored.map((t) => t.display)).toEqual(["a/layout", "a/m.json", "b/z.json"]);
    const absolute = discoverTargets(["."], {
      cwd: root,
      ignore: [join(root, "fixtures"), `${root}/b/y.json`],
    });
    expect(absolute.map((t) => t.display)).toEqual(["a/layout", "a/m.json", "b/z.json"]);
    const included = discoverTargets(["."], { cwd: root, include: ["**/*.txt"] });
    expect(included.map((t) => t.display)).toEqual(["a/layout", "a/notes.txt"]);
  });

  it("keeps explicit files whatever their name, stdin, and drops duplicates", () => {
    const targets = discoverTargets(["a/notes.txt", "-", "a/notes.txt"], { cwd: root });
    expect(targets).toEqual([
      {
        type: "file",
        path: join(root, "a/notes.txt"),
        display: "a/notes.txt",
        explicit: true,
        input: "a/notes.txt",
      },
      { type: "stdin", display: "<stdin>", input: "-" },
    ]);
  });

  it("marks named files an ignore pattern matches, relative or absolute", () => {
    for (const pattern of [
      "a/*.txt",
      "notes.txt",
      join(root, "a/notes.txt"),
      `${root}/a/**`,
      "./a/notes.txt",
    ]) {
      const [target] = discoverTargets(["a/notes.txt"], { cwd: root, ignore: [pattern] });
      expect(target, pattern).toMatchObject({ type: "file", ignoredBy: pattern });
    }
    const [kept] = discoverTargets(["a/notes.txt"], {
      cwd: root,
      ignore: ["b/**", "/elsewhere/a/notes.txt"],
    });
    expect(kept).not.toHaveProperty("ignoredBy");
  });

  it("turns a file of a layout (oci-layout, index.json, a blob) into the whole layout", () => {
    writeFileSync(join(root, "a/layout/blobs/sha256/abc"), "x");
    for (const file of ["a/layout/oci-layout", "a/layout/index.json", "a/layout/blobs/sha256/abc"]) {
      expect(discoverTargets([file], { cwd: root })).toEqual([
        { type: "layout", path: join(root, "a/layout"), display: "a/layout", input: file },
      ]);
    }
    expect(discoverTargets(["b/y.json"], { cwd: root })[0]?.type).toBe("file");
  });

  it("refuses a path that does not exist", () => {
    expect(() => discoverTargets(["nope.json"], { cwd: root })).toThrow(InputError);
    expect(() => discoverTargets(["nope.json"], { cwd: root })).toThrow(
      "cannot read nope.json: no such file or directory (ENOENT)",
    );
  });
});

describe("createProgress", () => {
  it("draws nothing when stderr is not a terminal", () => {
    const stream = bufferStream(false);
    const progress = createProgress(stream, { delay: 0, interval: 0 });
    progress.tick("a.json");
    progress.done();
    expect(stream.text()).toBe("");
  });

  it("on a terminal, waits out the delay, throttles redraws and erases itself", () => {
    const stream = bufferStream(true);
    let t = 0;
    const progress = createProgress(stream, { delay: 100, interval: 50, now: () => t });
    progress.tick("first.json"); // t=0: within the delay
    t = 120;
    progress.tick("second.json"); // drawn
    t = 130;
    progress.tick("third.json"); // throttled
    t = 200;
    progress.tick("fourth.json"); // drawn
    progress.done();
    expect(stream.text()).toBe(
      "\r\u001b[Kocispec: 2 files  second.json\r\u001b[Kocispec: 4 files  fourth.json\r\u001b[K",
    );
  });
});
