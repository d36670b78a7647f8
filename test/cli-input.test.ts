import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { discoverTargets } from "../src/cli/input/discover.js";
import { displayPath } from "../src/cli/input/display-path.js";
import { guessDocument } from "../src/cli/lint/classify-document.js";
import { createProgress } from "../src/cli/progress.js";
import { InputError } from "../src/cli/usage-error.js";
import { bufferStream } from "./helpers/cli.js";

describe("guessDocument", () => {
  it.each([
    ["manifest.json", '{"schemaVersion":2,"mediaType":"x"}', { isDocument: true }],
    ["anything.json", '{"mediaType":"application/vnd.oci.image.index.v1+json"}', { isDocument: true }],
    [
      "config.json",
      '{"architecture":"amd64","os":"linux","rootfs":{}}',
      { isDocument: true, mediaType: "application/vnd.oci.image.config.v1+json" },
    ],
    [
      "rules.json",
      '{"name":"r","version":"1.0.0","requirements":[]}',
      { isDocument: true, mediaType: "application/vnd.cncf.falco.rulesfile.config.v1+json" },
    ],
    [
      "k8saudit.plugin-config.json",
      '{"name":"k","requirements":[]}',
      { isDocument: true, mediaType: "application/vnd.cncf.falco.plugin.config.v1+json" },
    ],
    [
      "oci-layout",
      '{"imageLayoutVersion":"1.0.0"}',
      { isDocument: true, mediaType: "application/vnd.oci.layout.header.v1+json" },
    ],
    ["package.json", '{"name":"x","version":"1.0.0","dependencies":{"a":"1"}}', { isDocument: false }],
    ["tsconfig.json", '{ // comments\n "compilerOptions": {} }', { isDocument: false }],
    ["list.json", "[1,2]", { isDocument: false }],
    [
      "broken.manifest.json",
      '{"schemaVersion": 2, "config": {',
      { isDocument: true, mediaType: "application/vnd.oci.image.manifest.v1+json" },
    ],
    ["broken.json", '{"schemaVersion": 2, "config": {', { isDocument: true }],
    [
      "app.index.json",
      '{"schemaVersion":2,"manifests":[]}',
      { isDocument: true, mediaType: "application/vnd.oci.image.index.v1+json" },
    ],
    [
      "index.json",
      '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json"}',
      { isDocument: true },
    ],
    ["manifest.json", "[]", { isDocument: true, mediaType: "application/vnd.oci.image.manifest.v1+json" }],
    ["manifest.json.bak", "{}", { isDocument: false }],
  ])("%s", (name, text, expected) => {
    expect(guessDocument(name, text)).toEqual(expected);
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
    const included = discoverTargets(["."], { cwd: root, include: ["**/*.txt"] });
    expect(included.map((t) => t.display)).toEqual(["a/layout", "a/notes.txt"]);
  });

  it("keeps explicit files whatever their name, stdin, and drops duplicates", () => {
    const targets = discoverTargets(["a/notes.txt", "-", "a/notes.txt"], { cwd: root });
    expect(targets).toEqual([
      { type: "file", path: join(root, "a/notes.txt"), display: "a/notes.txt", explicit: true },
      { type: "stdin", display: "<stdin>" },
    ]);
  });

  it("turns a file of a layout (oci-layout, index.json, a blob) into the whole layout", () => {
    writeFileSync(join(root, "a/layout/blobs/sha256/abc"), "x");
    for (const file of ["a/layout/oci-layout", "a/layout/index.json", "a/layout/blobs/sha256/abc"]) {
      expect(discoverTargets([file], { cwd: root })).toEqual([
        { type: "layout", path: join(root, "a/layout"), display: "a/layout" },
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
