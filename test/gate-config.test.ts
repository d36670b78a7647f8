import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveGateConfig } from "../src/cli/gate/gate-config.js";

const dir = mkdtempSync(join(tmpdir(), "ocispec-gate-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const flags = { targets: [], trustForwarded: false };

function configFile(value: unknown): string {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

describe("resolveGateConfig", () => {
  it("accepts the config file docs/gate.md shows, every key applied", () => {
    const docs = readFileSync(new URL("../docs/gate.md", import.meta.url), "utf8");
    const section = docs.slice(docs.indexOf("## Config file"));
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(section)?.[1] ?? "null");
    const config = resolveGateConfig({ ...flags, config: configFile(example) }, dir);
    expect(config).toMatchObject({
      host: "0.0.0.0",
      port: 5001,
      workers: example.workers,
      queue: example.queue,
      largeManifestBytes: example.largeManifestBytes,
      maxBufferedBytes: example.maxBufferedBytes,
      validatorHeapMb: example.validatorHeapMb,
      timeouts: example.timeouts,
      trustForwarded: false,
      policy: example.policy,
    });
    expect(config.upstream.href).toBe("http://registry:5000/");
    expect(config.publicUrl?.origin).toBe("https://registry.example.com");
  });

  it("lets flags win over the file", () => {
    const path = configFile({ upstream: "http://a:1", listen: "127.0.0.1:1", policy: { maxBytes: 10 } });
    const config = resolveGateConfig(
      {
        ...flags,
        config: path,
        upstream: "http://b:2",
        listen: "127.0.0.1:3",
        maxBytes: "20",
        targets: ["gitlab,ecr"],
      },
      dir,
    );
    expect(config.upstream.host).toBe("b:2");
    expect(config.port).toBe(3);
    expect(config.policy).toMatchObject({ maxBytes: 20, targets: ["gitlab", "ecr"] });
  });

  it("refuses unknown keys, bad numbers, bad policies and URLs with paths, naming them", () => {
    const bad = (value: unknown) => () => resolveGateConfig({ ...flags, config: configFile(value) }, dir);
    expect(bad({ upstream: "http://a:1", lisen: "x" })).toThrow(/unknown key "lisen"/);
    expect(bad({ upstream: "http://a:1", timeouts: { connect: 1 } })).toThrow(/unknown timeout "connect"/);
    expect(bad({ upstream: "http://a:1", queue: -1 })).toThrow(/queue must be a positive integer/);
    expect(bad({ upstream: "http://a:1", policy: { unknown: "maybe" } })).toThrow(/policy\.unknown/);
    expect(bad({ upstream: "http://a:1/v2/" })).toThrow(/must be an origin/);
    expect(bad({ upstream: "http://a:1", trustForwarded: "yes" })).toThrow(/trustForwarded/);
  });
});
