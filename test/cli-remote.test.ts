/**
 * The CLI's registry pieces that need no registry: telling references from paths, Docker's
 * config.json and credential helpers, the destination tag, and the guard on --plain-http.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseDestination } from "../src/cli/commands/push.js";
import { dockerCredentials } from "../src/cli/remote/docker-credentials.js";
import { isRemoteLint } from "../src/cli/remote/lint-remote.js";
import { InputError } from "../src/cli/usage-error.js";
import { runInProcess } from "./helpers/cli.js";

const work = mkdtempSync(join(tmpdir(), "ocispec-cli-remote-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("isRemoteLint", () => {
  it("dispatches references and leaves paths, flags and existing directories alone", () => {
    mkdirSync(join(work, "localhost", "layout"), { recursive: true });
    expect(isRemoteLint(["127.0.0.1:5000/a/b:c"], work)).toBe(true);
    expect(isRemoteLint(["-f", "json", "docker://ghcr.io/o/r:1"], work)).toBe(true);
    expect(isRemoteLint(["examples/", "manifest.json"], work)).toBe(false);
    expect(isRemoteLint(["localhost/layout"], work)).toBe(false);
    expect(isRemoteLint(["--target", "gitlab", "."], work)).toBe(false);
  });
});

describe("dockerCredentials", () => {
  const config = (name: string, content: unknown) => {
    const directory = join(work, name);
    mkdirSync(directory, { recursive: true });
    writeFileSync(
      join(directory, "config.json"),
      typeof content === "string" ? content : JSON.stringify(content),
    );
    return { DOCKER_CONFIG: directory, PATH: process.env.PATH };
  };

  it("reads auths by host, with or without a scheme, and Docker Hub's v1 key", () => {
    const env = config("auths", {
      auths: {
        "https://r.example:5000/v2/": { auth: Buffer.from("u:p:with:colons").toString("base64") },
        "https://index.docker.io/v1/": { username: "hub", password: "pw" },
      },
    });
    expect(dockerCredentials("r.example:5000", env)).toEqual({ username: "u", password: "p:with:colons" });
    expect(dockerCredentials("registry-1.docker.io", env)).toEqual({ username: "hub", password: "pw" });
    expect(dockerCredentials("other.example", env)).toBeUndefined();
    expect(dockerCredentials("r.example:5000", { DOCKER_CONFIG: join(work, "none") })).toBeUndefined();
  });

  it("refuses malformed files naming the file and host, never the value", () => {
    const broken = config("broken", "{");
    expect(() => dockerCredentials("r.example", broken)).toThrow(InputError);
    const bad = config("bad-auth", {
      auths: { "r.example": { auth: Buffer.from("no-colon-secret").toString("base64") } },
    });
    const error = (() => {
      try {
        dockerCredentials("r.example", bad);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/"auth" entry for r\.example is not base64 of user:password/);
    expect(error?.message).not.toContain("no-colon-secret");
  });

  it("asks credHelpers, then credsStore, through docker-credential-<name> get", () => {
    const bin = join(work, "bin");
    mkdirSync(bin, { recursive: true });
    const helper = (name: string, body: string) => {
      writeFileSync(join(bin, `docker-credential-${name}`), `#!/bin/sh\n${body}\n`);
      chmodSync(join(bin, `docker-credential-${name}`), 0o755);
    };
    helper("one", `read s; printf '{"ServerURL":"%s","Username":"one","Secret":"s1"}' "$s"`);
    helper(
      "store",
      `read s; if [ "$s" = "r.example" ]; then printf '{"Username":"store","Secret":"s2"}'; else echo "credentials not found" >&2; exit 1; fi`,
    );
    helper("garbage", "echo not json");
    const env = {
      ...config("helpers", {
        credHelpers: { "h.example": "one" },
        credsStore: "store",
        auths: { "a.example": { auth: btoa("a:b") } },
      }),
      PATH: `${bin}:${process.env.PATH}`,
    };
    expect(dockerCredentials("h.example", env)).toEqual({ username: "one", password: "s1" });
    expect(dockerCredentials("r.example", env)).toEqual({ username: "store", password: "s2" });
    expect(dockerCredentials("a.example", env)).toEqual({ username: "a", password: "b" });
    const garbage = { ...config("garbage", { credsStore: "garbage" }), PATH: env.PATH };
    expect(() => dockerCredentials("r.example", garbage)).toThrow(
      /docker-credential-garbage get answered something other than/,
    );
  });
});

describe("ocispec push arguments", () => {
  it("takes the layout's tag unless the destination names one", () => {
    expect(parseDestination("127.0.0.1:5000/a/b", "0.7.0").tag).toBe("0.7.0");
    expect(parseDestination("127.0.0.1:5000/a/b:x", "0.7.0").tag).toBe("x");
    expect(parseDestination("127.0.0.1:5000/a/b", undefined).tag).toBe("latest");
  });

  it("answers usage errors with exit 2 before touching the network", async () => {
    const missing = await runInProcess(["push", "only-one"], { cwd: work });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/name a layout and a destination/);
    const remote = await runInProcess(["push", "x", "registry.example/a:b", "--plain-http"], { cwd: work });
    expect(remote.stderr).toMatch(/is not an OCI image layout|--plain-http is only for loopback/);
    const half = await runInProcess(["lint", "127.0.0.1:1/a:b", "--username", "u"], { cwd: work });
    expect(half.status).toBe(2);
    expect(half.stderr).toMatch(/--username and --password-stdin go together/);
  });
});
