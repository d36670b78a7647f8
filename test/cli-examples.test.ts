// examples/ is what `npm start` lints: it must hold exactly what the builders produce
// (regenerate with `npm run build && node examples/generate.mjs`).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../examples/", import.meta.url).pathname;
const generated = ["image", "docker", "falco-rulesfile", "falco-plugin", "layout"];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(root, path)];
  });
}

describe("examples/", async () => {
  if (!existsSync(new URL("../dist/index.js", import.meta.url))) {
    throw new Error("dist/index.js is missing (examples/generate.mjs imports it): run `npm run build` first");
  }
  const { exampleFiles } = await import("../examples/generate.mjs");
  const expected: Map<string, Uint8Array> = exampleFiles();

  it("are byte for byte what examples/generate.mjs builds", () => {
    const onDisk = generated.flatMap((dir) => filesUnder(join(root, dir))).sort();
    const stale =
      "examples/ is stale: run `npm run build && node examples/generate.mjs` and commit the result";
    expect(onDisk, stale).toEqual([...expected.keys()].sort());
    for (const [path, bytes] of expected) {
      expect(
        Buffer.from(readFileSync(join(root, path))).equals(Buffer.from(bytes)),
        `${path}: ${stale}`,
      ).toBe(true);
    }
  });

  it("hold a document of each kind", () => {
    const json = (path: string) => JSON.parse(new TextDecoder().decode(expected.get(path)));
    expect(json("image/manifest.json").mediaType).toBe("application/vnd.oci.image.manifest.v1+json");
    expect(json("image/config.json").rootfs.type).toBe("layers");
    expect(json("docker/manifest.json").mediaType).toBe(
      "application/vnd.docker.distribution.manifest.v2+json",
    );
    expect(json("falco-rulesfile/manifest.json").layers[0].mediaType).toBe(
      "application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz",
    );
    expect(json("falco-rulesfile/config.json").name).toBe("example-rules");
    expect(
      json("falco-plugin/index.json").manifests.map(
        (m: { platform: { architecture: string } }) => m.platform.architecture,
      ),
    ).toEqual(["amd64", "arm64"]);
    expect(json("layout/oci-layout")).toEqual({ imageLayoutVersion: "1.0.0" });
    expect(json("layout/index.json").manifests).toHaveLength(3);
  });
});
