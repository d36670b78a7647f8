// The gate decides on the path the registry routes on: the bypasses of issue #17 as named regression
// tests, and a seeded, bounded path fuzzer (loopback only) against `ocispec gate` in front of the real
// docker-registry. The fuzzer sends each target to a second, bare registry too, to count how many of
// them distribution really routes to its manifest handler: the gate must have let none of those (nor
// any other) store the refused document.
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../src/builders/index.js";
import { type GateProcess, gateUnavailableReason, rawRequest, startGateProcess } from "./helpers/gate.js";
import {
  MANIFEST_ACCEPT,
  pushBlob,
  registryUnavailableReason,
  startRegistry,
  type TestRegistry,
} from "./helpers/registry.js";
import { buildTestImage } from "./helpers/test-image.js";

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const reason = registryUnavailableReason() ?? gateUnavailableReason();
if (reason) console.warn(`skipping the gate path tests: ${reason}`);

/**
 * A manifest with a duplicate key: Go's encoding/json keeps the last value, so distribution stores it;
 * ocispec refuses it (json-duplicate-key), as every parser-differential document.
 */
function duplicateKeyManifest(document: object, marker: string): Uint8Array {
  const text = new TextDecoder().decode(canonicalJson({ ...document, annotations: { marker } }));
  return new TextEncoder().encode(`{"schemaVersion":1,${text.slice(1)}`);
}

const digestOf = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

/** True when the registry's storage holds a blob (manifests are stored as blobs) with this digest. */
function storedAnywhere(registry: TestRegistry, digest: string): boolean {
  const hex = digest.slice("sha256:".length);
  return existsSync(
    join(registry.directory, "storage/docker/registry/v2/blobs/sha256", hex.slice(0, 2), hex),
  );
}

/** mulberry32: a small seeded generator, so a failing run can be replayed from its seed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

type Random = ReturnType<typeof generator>;

const encode = (character: string, random: Random) => {
  const hex = character.charCodeAt(0).toString(16).padStart(2, "0");
  return `%${random.chance(0.5) ? hex.toUpperCase() : hex}`;
};

/** One mutated request target for `/v2/<repository>/manifests/<reference>`. */
function mutateTarget(
  repository: string,
  reference: string,
  authorities: readonly string[],
  random: Random,
): string {
  const segments = ["v2", ...repository.split("/"), "manifests", reference];
  const out: string[] = [];
  for (const segment of segments) {
    if (random.chance(0.08)) out.push(random.pick([".", "%2e", "%2E", "x/..", "x/%2e%2e", "", "."]));
    let text = segment;
    if (random.chance(0.1)) text = segment === "v2" ? "V2" : segment === "manifests" ? "Manifests" : segment;
    text = [...text]
      .map((character) => (random.chance(0.15) ? encode(character, random) : character))
      .join("");
    if (random.chance(0.05)) text += random.pick([";a=b", ";", "%3B"]);
    out.push(text);
  }
  let path = "";
  for (const [index, segment] of out.entries()) {
    const separator =
      index === 0
        ? "/"
        : random.pick(["/", "/", "/", "/", "/", "/", "/", "/", "%2F", "%2f", "//", "\\", "%5C"]);
    path += `${separator}${segment}`;
  }
  if (random.chance(0.08)) path += random.pick(["/", "/.", "/%2e", "/..", "%00", "%20", "%23x"]);
  if (random.chance(0.1)) path += random.pick(["?", "?x=1", "?digest=sha256%3Aab", "#frag", "?a=b#c"]);
  if (random.chance(0.25)) {
    const scheme = random.pick(["http", "HTTP", "https", "Http"]);
    path = `${scheme}://${random.pick(authorities)}${path}`;
  }
  return path;
}

describe.skipIf(reason !== undefined)("ocispec gate: the path the registry routes on", () => {
  let registry: TestRegistry;
  let control: TestRegistry;
  let gate: GateProcess;
  const image = buildTestImage("riscv64");
  const refused = duplicateKeyManifest(image.manifest.document as object, "through the gate");
  const controlDocument = duplicateKeyManifest(image.manifest.document as object, "control");

  beforeAll(async () => {
    [registry, control] = await Promise.all([startRegistry(), startRegistry()]);
    gate = await startGateProcess(registry.url);
    for (const target of [registry, control]) {
      for (const blob of [image.config.bytes, image.layer.bytes]) await pushBlob(target, "demo/img", blob);
    }
  });

  afterAll(async () => {
    await gate?.stop();
    await Promise.all([registry?.stop(), control?.stop()]);
  });

  const putThroughGate = (target: string, body = refused) =>
    rawRequest(gate.port, { method: "PUT", target, headers: { "content-type": OCI_MANIFEST }, body });

  async function expectNotStored(reference: string, document = refused) {
    const byTag = await fetch(`${registry.url}/v2/demo/img/manifests/${reference}`, {
      headers: { accept: MANIFEST_ACCEPT },
    });
    expect(byTag.status, `GET demo/img:${reference}`).toBe(404);
    const byDigest = await fetch(`${registry.url}/v2/demo/img/manifests/${digestOf(document)}`, {
      headers: { accept: MANIFEST_ACCEPT },
    });
    expect(byDigest.status, "GET demo/img@digest").toBe(404);
    expect(storedAnywhere(registry, digestOf(document))).toBe(false);
  }

  it("the refused document is one distribution stores when it reaches it", async () => {
    const direct = await rawRequest(control.port, {
      method: "PUT",
      target: "/v2/demo/img/manifests/direct",
      headers: { "content-type": OCI_MANIFEST },
      body: controlDocument,
    });
    expect(direct.status).toBe(201);
    expect(storedAnywhere(control, digestOf(controlDocument))).toBe(true);
    const answer = await putThroughGate("/v2/demo/img/manifests/plain");
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).errors[0].detail.rule).toBe("json-duplicate-key");
    await expectNotStored("plain");
  });

  it("bypass 1 (issue #17): an encoded letter in 'manifests' (/v2/demo/img/%6danifests/<ref>) is decoded and judged", async () => {
    const answer = await putThroughGate("/v2/demo/img/%6danifests/bypass1");
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).errors[0].detail.rule).toBe("json-duplicate-key");
    await expectNotStored("bypass1");
  });

  it("bypass 2 (issue #17): an encoded letter in 'v2' (/%762/demo/img/manifests/<ref>) is decoded and judged", async () => {
    const answer = await putThroughGate("/%762/demo/img/manifests/bypass2");
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).errors[0].detail.rule).toBe("json-duplicate-key");
    await expectNotStored("bypass2");
  });

  it("bypass 3 (issue #17): an absolute-form target naming the registry itself is refused; naming the gate, judged", async () => {
    const other = await putThroughGate(`http://${registry.host}/v2/demo/img/manifests/bypass3`);
    expect(other.status).toBe(400);
    expect(JSON.parse(other.body).errors[0].detail.rule).toBe("target-authority");
    const own = await putThroughGate(`http://${gate.host}/v2/demo/img/manifests/bypass3`);
    expect(own.status).toBe(400);
    expect(JSON.parse(own.body).errors[0].detail.rule).toBe("json-duplicate-key");
    await expectNotStored("bypass3");
  });

  it("refuses encoded slashes, dot segments and empty segments before anything reaches the registry", async () => {
    for (const [target, rule] of [
      ["/v2/demo%2Fimg/manifests/slash", "path-encoded-slash"],
      ["/v2/demo/x/../img/manifests/dots", "path-dot-segment"],
      ["/v2/demo/x/%2e%2e/img/manifests/dots2", "path-dot-segment"],
      ["/v2/demo//img/manifests/empty", "path-empty-segment"],
      ["/v2/demo\\img/manifests/backslash", "path-backslash"],
    ] as const) {
      const answer = await putThroughGate(target);
      expect(answer.status, target).toBe(400);
      expect(JSON.parse(answer.body).errors[0].detail.rule, target).toBe(rule);
    }
    const logs = gate.logs().filter((record) => record.event === "refused");
    expect(logs.some((record) => (record.rules as string[]).includes("path-encoded-slash"))).toBe(true);
    for (const record of logs)
      expect(record).toMatchObject({ client: "127.0.0.1", status: 400, time: expect.any(String) });
  });

  it("fuzzes request targets (seeded, bounded): nothing the gate refuses is ever stored", async () => {
    const seed = Number(process.env.OCISPEC_GATE_FUZZ_SEED ?? 20261207);
    const runs = Number(process.env.OCISPEC_GATE_FUZZ_RUNS ?? 400);
    const random = generator(seed);
    const authorities = [
      gate.host,
      gate.host,
      `localhost:${gate.port}`,
      registry.host,
      control.host,
      "evil.example",
      "127.0.0.1",
    ];
    let storedByControl = 0;
    const gateStatuses = new Map<number, number>();
    const started = Date.now();
    for (let i = 0; i < runs && Date.now() - started < 60_000; i++) {
      const reference = random.chance(0.15) ? digestOf(refused) : `f${i}`;
      const target = mutateTarget("demo/img", reference, authorities, random);
      const throughGate = await putThroughGate(target);
      gateStatuses.set(throughGate.status, (gateStatuses.get(throughGate.status) ?? 0) + 1);
      expect(throughGate.status, `seed ${seed} run ${i}: ${JSON.stringify(target)}`).not.toBe(201);
      // The same bytes straight to a bare registry: did distribution route this target to its manifest PUT?
      const controlTarget = target.replace(/^[A-Za-z]+:\/\/[^/]*/, "");
      const reference2 = `c${i}`;
      const direct = await rawRequest(control.port, {
        method: "PUT",
        target: controlTarget.replace(reference, reference2),
        headers: { "content-type": OCI_MANIFEST },
        body: controlDocument,
      });
      if (direct.status === 201) storedByControl++;
    }
    console.log(
      `gate path fuzzer: seed ${seed}, ${[...gateStatuses.values()].reduce((a, b) => a + b, 0)} targets; gate answers ${JSON.stringify(Object.fromEntries(gateStatuses))}; ${storedByControl} of them stored by a bare registry`,
    );
    expect(storedByControl).toBeGreaterThan(20); // the fuzzer does reach distribution's manifest handler
    // Straight to the registry: no manifest, no tag, no blob of the refused document.
    await expectNotStored(`f0`);
    const tags = await fetch(`${registry.url}/v2/demo/img/tags/list`);
    if (tags.status === 200) expect((await tags.json()).tags ?? []).toEqual([]);
    else expect(tags.status).toBe(404);
    const catalog = (await (await fetch(`${registry.url}/v2/_catalog`)).json()) as { repositories: string[] };
    expect(catalog.repositories).toEqual(["demo/img"]);
    const revisions = join(registry.directory, "storage/docker/registry/v2/repositories/demo/img/_manifests");
    expect(existsSync(revisions) ? readdirSync(join(revisions, "revisions/sha256")) : []).toEqual([]);
  });
});
