/**
 * The registry client end to end, through the CLI and the library, against Debian's docker-registry
 * (distribution 2.8): `falco pack --push` → `ocispec lint <ref>` → `skopeo inspect --raw`, digests
 * byte for byte (the plugin index included); a push refused by `--target gitlab` before any upload;
 * htpasswd basic auth behind TLS (openssl's self-signed certificate) with --password-stdin, Docker's
 * config.json and a credential helper; and the bearer-token flow against `auth: token` with a token
 * issuer written for the test.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFalcoArtifact } from "../src/builders/index.js";
import { type FetchedDescriptor, fetchGraph, parseImageReference, push } from "../src/client/index.js";
import { computeDigest } from "../src/digest/index.js";
import { runCli } from "./helpers/cli.js";
import {
  type ConfiguredRegistry,
  makeCertificate,
  startConfiguredRegistry,
  tlsUnavailableReason,
} from "./helpers/configured-registry.js";
import { findExecutable } from "./helpers/executable.js";
import { type GateProcess, gateUnavailableReason, startGateProcess } from "./helpers/gate.js";
import { registryUnavailableReason, startRegistry, type TestRegistry } from "./helpers/registry.js";
import { startTokenIssuer, type TokenIssuer } from "./helpers/token-issuer.js";

const reason = registryUnavailableReason();
if (reason !== undefined) console.warn(`skipping the registry client end-to-end tests: ${reason}`);
const skopeo = findExecutable("skopeo");
if (skopeo === undefined)
  console.warn("skipping the skopeo comparisons: no skopeo on PATH (apt-get install skopeo)");
const tlsReason = tlsUnavailableReason();
if (tlsReason !== undefined) console.warn(`skipping the TLS + htpasswd tests: ${tlsReason}`);

const work = mkdtempSync(join(tmpdir(), "ocispec-client-e2e-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
writeFileSync(join(work, "libk8saudit-amd64.so"), "amd64 plugin build\n");
writeFileSync(join(work, "libk8saudit-arm64.so"), "arm64 plugin build\n");
writeFileSync(join(work, "asset.yaml"), "key: value\n");

const PACK_PLUGIN = [
  "falco",
  "pack",
  "libk8saudit-amd64.so",
  "libk8saudit-arm64.so",
  "--type",
  "plugin",
  "--name",
  "k8saudit",
  "--version",
  "0.7.0",
  "--platform",
  "linux/amd64",
  "--platform",
  "linux/arm64",
  "--requires",
  "plugin_api_version:3.0.0",
  "--created",
  "2024-01-31T12:00:00Z",
];
const PACK_ASSET = [
  "falco",
  "pack",
  "asset.yaml",
  "--type",
  "asset",
  "--name",
  "my-asset",
  "--version",
  "0.1.0",
  "--created",
  "2024-01-31T12:00:00Z",
];

/** The bytes skopeo reads for a reference, raw (no conversion). */
function skopeoRaw(reference: string, extra: string[] = []): Uint8Array {
  const result = spawnSync("skopeo", [
    "inspect",
    "--raw",
    "--tls-verify=false",
    ...extra,
    `docker://${reference}`,
  ]);
  if (result.status !== 0) throw new Error(`skopeo inspect --raw ${reference}: ${result.stderr}`);
  return new Uint8Array(result.stdout);
}

/** Every file of a layout directory written by `falco pack -o`, by its blob digest. */
function layoutBlobs(directory: string): Map<string, Uint8Array> {
  const index = JSON.parse(readFileSync(join(directory, "index.json"), "utf8"));
  const blobs = new Map<string, Uint8Array>();
  const visit = (digest: string) => {
    const bytes = new Uint8Array(readFileSync(join(directory, "blobs", "sha256", digest.slice(7))));
    blobs.set(digest, bytes);
    const document = (() => {
      try {
        return JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        return {};
      }
    })();
    for (const child of [
      ...(document.manifests ?? []),
      ...(document.config ? [document.config] : []),
      ...(document.layers ?? []),
    ]) {
      visit(child.digest);
    }
  };
  visit(index.manifests[0].digest);
  return blobs;
}

describe.skipIf(reason !== undefined)(
  "falco pack --push, ocispec lint <ref>, ocispec push (plain HTTP)",
  () => {
    let registry: TestRegistry;
    beforeAll(async () => {
      registry = await startRegistry();
    });
    afterAll(async () => {
      await registry?.stop();
    });

    it("pushes the plugin under exactly the layout's digests, lints it remotely, and skopeo reads the same bytes", () => {
      const layout = runCli([...PACK_PLUGIN, "-o", "plugin-layout"], { cwd: work });
      expect(layout.status).toBe(0);
      const blobs = layoutBlobs(join(work, "plugin-layout"));
      const rootDigest = JSON.parse(readFileSync(join(work, "plugin-layout", "index.json"), "utf8"))
        .manifests[0].digest;

      const ref = `${registry.host}/falcosecurity/plugins/k8saudit`;
      const pushed = runCli([...PACK_PLUGIN, "--push", ref, "--plain-http"], { cwd: work });
      expect(pushed.stderr).toBe("");
      expect(pushed.stdout).toBe(
        `pushed ${ref}:0.7.0@${rootDigest}: 3 blobs uploaded, 0 mounted, 0 already there, 3 manifests\n`,
      );

      const lint = runCli(["lint", `${ref}:0.7.0`, "--plain-http", "--format", "json"], { cwd: work });
      expect(lint.stderr).toBe("");
      expect(lint.status).toBe(0);
      const report = JSON.parse(lint.stdout);
      expect(report.files[0].path).toBe(`${ref}:0.7.0@${rootDigest}`);
      expect(report.files[1].path).toMatch(new RegExp(`^${ref.replace(/\./g, "\\.")}@sha256:[0-9a-f]{64}$`));
      expect(report.files.map((f: { kind: string }) => f.kind)).toEqual([
        "image-index",
        "image-manifest",
        "falco-config",
        "image-manifest",
      ]);

      if (skopeo === undefined) return;
      expect(skopeoRaw(`${ref}:0.7.0`)).toEqual(blobs.get(rootDigest));
      const index = JSON.parse(new TextDecoder().decode(blobs.get(rootDigest)));
      for (const entry of index.manifests)
        expect(skopeoRaw(`${ref}@${entry.digest}`)).toEqual(blobs.get(entry.digest));
    });

    it("ocispec push of the layout: same digests, every blob already there; --from mounts into another repository", () => {
      const ref = `${registry.host}/falcosecurity/plugins/k8saudit`;
      const again = runCli(["push", "plugin-layout:0.7.0", ref, "--plain-http"], { cwd: work });
      expect(again.stderr).toBe("");
      expect(again.stdout).toMatch(/: 0 blobs uploaded, 0 mounted, 3 already there, 3 manifests\n$/);
      const mirror = runCli(
        [
          "push",
          "plugin-layout",
          `${registry.host}/mirror/k8saudit:copy`,
          "--plain-http",
          "--from",
          "falcosecurity/plugins/k8saudit",
        ],
        { cwd: work },
      );
      expect(mirror.stdout).toMatch(
        /^pushed 127\.0\.0\.1:\d+\/mirror\/k8saudit:copy@sha256:[0-9a-f]{64}: 0 blobs uploaded, 3 mounted, 0 already there, 3 manifests\n$/,
      );
    });

    it("predicts GitLab's refusal of the Falco asset remotely, and refuses to push it under --target gitlab before any upload", () => {
      const ref = `${registry.host}/falcosecurity/assets/my-asset`;
      const refused = runCli([...PACK_ASSET, "--push", ref, "--plain-http", "--target", "gitlab"], {
        cwd: work,
      });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/target-gitlab-unknown-media-type/);
      expect(refused.stderr).toMatch(
        /ocispec: not pushing my-asset:0\.1\.0: 1 predicted refusal under --target gitlab \(--force pushes anyway\)\n$/,
      );
      expect(runCli(["lint", `${ref}:0.1.0`, "--plain-http"]).stderr).toMatch(
        /HTTP 404: MANIFEST_UNKNOWN|HTTP 404: NAME_UNKNOWN/,
      );

      expect(
        runCli([...PACK_ASSET, "--push", ref, "--plain-http", "--target", "gitlab", "--force"], { cwd: work })
          .status,
      ).toBe(0);
      const plain = runCli(["lint", `docker://${ref}:0.1.0`, "--plain-http"]);
      expect(plain.status).toBe(0);
      const predicted = runCli([
        "lint",
        `${ref}:0.1.0`,
        "--plain-http",
        "--target",
        "gitlab",
        "--format",
        "json",
        "--max-warnings",
        "0",
      ]);
      expect(predicted.status).toBe(1);
      const findings = JSON.parse(predicted.stdout).files.flatMap(
        (f: { issues: { code: string; severity: string }[] }) => f.issues,
      );
      expect(findings.map((i: { code: string }) => i.code)).toContain("target-gitlab-unknown-media-type");
    });

    it("reports usage and registry errors with exit 2, never a stack", () => {
      const remote = runCli(["lint", "registry.example/a:b", "--plain-http"]);
      expect(remote.status).toBe(2);
      expect(remote.stderr).toMatch(/--plain-http is only for loopback registries/);
      const refused = runCli(["lint", `${registry.host}/nothing/here:v1`, "--plain-http"]);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/^ocispec: 127\.0\.0\.1:\d+\/nothing\/here:v1: GET .*HTTP 404/);
    });
  },
);

// Under Deno the CLI's pushes over TLS with a test CA (DENO_CERT and NODE_EXTRA_CA_CERTS both given)
// do not get the registry's 401; not yet understood, so the Node-only CLI's TLS tests skip there.
const denoTlsReason =
  (process.versions as Record<string, string | undefined>).deno === undefined
    ? undefined
    : "the CLI over TLS with a test CA is not verified on Deno yet (docs/performance.md, per runtime)";
if (denoTlsReason !== undefined) console.warn(`skipping the htpasswd + TLS CLI tests: ${denoTlsReason}`);

describe.skipIf(tlsReason !== undefined || denoTlsReason !== undefined)(
  "htpasswd basic auth behind TLS",
  () => {
    let registry: ConfiguredRegistry;
    let certificate: string;
    const password = "correct horse battery staple";
    beforeAll(async () => {
      const tls = makeCertificate(work, "registry");
      certificate = tls.certificate;
      registry = await startConfiguredRegistry({ tls, htpasswd: `alice:${bcrypt.hashSync(password, 10)}\n` });
    });
    afterAll(async () => {
      await registry?.stop();
    });
    const env = () => ({
      NODE_EXTRA_CA_CERTS: certificate,
      DENO_CERT: certificate,
      DOCKER_CONFIG: join(work, "no-docker-config"),
    });

    it("pushes with --username/--password-stdin over verified TLS, and never prints the password", () => {
      const ref = `${registry.host}/alice/k8saudit:0.7.0`;
      const anonymous = runCli([...PACK_PLUGIN, "--push", ref], { cwd: work, env: env() });
      expect(anonymous.status).toBe(2);
      expect(anonymous.stderr).toMatch(/HTTP 401, the registry needs credentials and none were given/);
      const wrong = runCli([...PACK_PLUGIN, "--push", ref, "--username", "alice", "--password-stdin"], {
        cwd: work,
        env: env(),
        input: "nope\n",
      });
      expect(wrong.status).toBe(2);
      expect(wrong.stderr).toMatch(/HTTP 401/);
      const pushed = runCli([...PACK_PLUGIN, "--push", ref, "--username", "alice", "--password-stdin"], {
        cwd: work,
        env: env(),
        input: `${password}\n`,
      });
      expect(pushed.stderr).toBe("");
      expect(pushed.status).toBe(0);
      const untrusted = runCli(["lint", ref, "--username", "alice", "--password-stdin"], {
        cwd: work,
        input: password,
        env: { DOCKER_CONFIG: env().DOCKER_CONFIG },
      });
      expect(untrusted.status).toBe(2);
      expect(untrusted.stderr).toMatch(/certificate/i);
      for (const output of [anonymous, wrong, pushed, untrusted]) {
        expect(output.stdout + output.stderr).not.toContain(password);
        expect(output.stdout + output.stderr).not.toContain(
          Buffer.from(`alice:${password}`).toString("base64"),
        );
      }
    });

    it("reads credentials from Docker's config.json: auths, then a credential helper", () => {
      const ref = `${registry.host}/alice/k8saudit:0.7.0`;
      const config = join(work, "docker-auths");
      mkdirSync(config, { recursive: true });
      writeFileSync(
        join(config, "config.json"),
        JSON.stringify({
          auths: { [registry.host]: { auth: Buffer.from(`alice:${password}`).toString("base64") } },
        }),
      );
      const fromAuths = runCli(["lint", ref], {
        cwd: work,
        env: { NODE_EXTRA_CA_CERTS: certificate, DENO_CERT: certificate, DOCKER_CONFIG: config },
      });
      expect(fromAuths.stderr).toBe("");
      expect(fromAuths.status).toBe(0);

      const bin = join(work, "bin");
      mkdirSync(bin, { recursive: true });
      const helper = join(bin, "docker-credential-ocispec-test");
      writeFileSync(
        helper,
        `#!/bin/sh\nread server\nif [ "$server" = "${registry.host}" ]; then printf '{"ServerURL":"%s","Username":"alice","Secret":"${password}"}' "$server"; else echo "credentials not found in native keychain"; exit 1; fi\n`,
      );
      chmodSync(helper, 0o755);
      const helped = join(work, "docker-helper");
      mkdirSync(helped, { recursive: true });
      writeFileSync(
        join(helped, "config.json"),
        JSON.stringify({ credHelpers: { [registry.host]: "ocispec-test" } }),
      );
      const fromHelper = runCli(["lint", ref], {
        cwd: work,
        env: {
          NODE_EXTRA_CA_CERTS: certificate,
          DENO_CERT: certificate,
          DOCKER_CONFIG: helped,
          PATH: `${bin}:${process.env.PATH}`,
        },
      });
      expect(fromHelper.stderr).toBe("");
      expect(fromHelper.status).toBe(0);
    });
  },
);

describe.skipIf(tlsReason !== undefined)(
  "the bearer-token flow (auth: token, issuer written for the test)",
  () => {
    let registry: ConfiguredRegistry;
    let issuer: TokenIssuer;
    beforeAll(async () => {
      const signing = makeCertificate(work, "token-signer");
      issuer = await startTokenIssuer(signing, "bob", "bob's secret");
      registry = await startConfiguredRegistry({
        token: {
          realm: issuer.realm,
          service: issuer.service,
          issuer: issuer.issuer,
          certificate: signing.certificate,
        },
      });
    });
    afterAll(async () => {
      await registry?.stop();
      await issuer?.stop();
    });

    it("gets scoped tokens with basic credentials, pushes byte for byte and fetches the graph back", async () => {
      const artifact = buildFalcoArtifact({
        kind: "plugin",
        name: "k8saudit",
        version: "0.7.0",
        platforms: [{ platform: "linux/amd64", files: { "libk8saudit.so": "amd64 build" } }],
        created: "2024-01-31T12:00:00Z",
      });
      const contents = new Map(
        [...artifact.blobs, ...artifact.manifests].map((item) => [item.descriptor.digest, item.bytes]),
      );
      const root = artifact.root.descriptor as FetchedDescriptor;
      const target = parseImageReference(`${registry.host}/bob/k8saudit:0.7.0`);
      const options = { plainHttp: true, credentials: () => ({ username: "bob", password: "bob's secret" }) };

      const anonymous = await push({ read: (d) => contents.get(d.digest) }, root, target, {
        plainHttp: true,
      }).catch((e) => e);
      expect(anonymous.code).toBe("auth");
      expect(anonymous.message).toMatch(/token service .* refused anonymous access: HTTP 401: UNAUTHORIZED/);

      const result = await push({ read: (d) => contents.get(d.digest) }, root, target, options);
      expect(result.digest).toBe(root.digest);
      expect(issuer.requests.filter((r) => r.authenticated).map((r) => r.scopes)).toContainEqual([
        "repository:bob/k8saudit:pull,push",
      ]);

      const graph = await fetchGraph(target, options);
      for (const node of graph.nodes) {
        if (node.bytes !== undefined) expect(computeDigest(node.bytes)).toBe(node.descriptor.digest);
      }
      // index, manifest, config; the layer is fetched only with `deep`.
      expect(graph.nodes.map((n) => [n.role, n.bytes !== undefined])).toEqual([
        ["root", true],
        ["manifest", true],
        ["config", true],
        ["layer", false],
      ]);
      expect(issuer.requests.filter((r) => r.authenticated).map((r) => r.scopes)).toContainEqual([
        "repository:bob/k8saudit:pull",
      ]);
    });
  },
);

const gateReason = reason ?? gateUnavailableReason();
if (gateReason !== undefined) console.warn(`skipping the push through ocispec gate: ${gateReason}`);

describe.skipIf(gateReason !== undefined)("a push through ocispec gate --target gitlab", () => {
  let registry: TestRegistry;
  let gate: GateProcess;
  beforeAll(async () => {
    registry = await startRegistry();
    gate = await startGateProcess(registry.url, ["--target", "gitlab"]);
  });
  afterAll(async () => {
    await gate?.stop();
    await registry?.stop();
  });

  it("predicts the gate's refusal of the Falco asset, and a forced push shows the gate's answer", () => {
    const ref = `${gate.host}/falcosecurity/assets/my-asset`;
    const refused = runCli([...PACK_ASSET, "--push", ref, "--plain-http", "--target", "gitlab"], {
      cwd: work,
    });
    expect(refused.status).toBe(1);
    const forced = runCli([...PACK_ASSET, "--push", ref, "--plain-http", "--force"], { cwd: work });
    expect(forced.status).toBe(2);
    expect(forced.stderr).toMatch(
      /PUT 127\.0\.0\.1:\d+\/v2\/falcosecurity\/assets\/my-asset\/manifests\/0\.1\.0: HTTP 400: MANIFEST_INVALID/,
    );
    expect(forced.stderr).toContain("application/vnd.cncf.falco.asset.config.v1+json");
    // The plugin passes the gate byte for byte.
    const plugin = runCli(
      [
        ...PACK_PLUGIN,
        "--push",
        `${gate.host}/falcosecurity/plugins/k8saudit`,
        "--plain-http",
        "--target",
        "gitlab",
      ],
      { cwd: work },
    );
    expect(plugin.stderr).toBe("");
    expect(plugin.status).toBe(0);
  });
});
