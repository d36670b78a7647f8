// validate (and each per-kind validator), validateUpload, toDistributionError and the CLI answer
// anything whatsoever without throwing (issue 17): arbitrary values, Proxies (throwing traps,
// revoked), throwing getters, sparse arrays, cycles, bad options. How malformed options are
// worded is not fixed here; that each call answers, with a body that serialises, is.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readStreamUpTo } from "../src/cli/input/read-input.js";
import { run } from "../src/cli/run.js";
import {
  createPolicy,
  toDistributionError,
  toDistributionResponse,
  validate,
  validateDescriptor,
  validateDockerManifest,
  validateDockerManifestList,
  validateFalcoConfig,
  validateImageConfig,
  validateImageIndex,
  validateImageManifest,
  validateUpload,
} from "../src/index.js";
import { bufferStream, CLI_PATH } from "./helpers/cli.js";

const RUNS = { numRuns: 100 };
const MANIFEST = "application/vnd.oci.image.manifest.v1+json";

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** A Proxy whose every trap throws (what it throws may itself be hostile). */
function throwingProxy(target: object, thrown: unknown = new Error("trap")): object {
  const fail = () => {
    throw thrown;
  };
  return new Proxy(target, {
    get: fail,
    has: fail,
    ownKeys: fail,
    getOwnPropertyDescriptor: fail,
    getPrototypeOf: fail,
  });
}

/** `value` (an object) with a member whose getter throws. */
function throwingGetter(name: string, thrown: unknown = new Error("getter")): object {
  return Object.defineProperty({}, name, {
    enumerable: true,
    get() {
      throw thrown;
    },
  });
}

function sparse(): unknown[] {
  const layers: unknown[] = [];
  layers[1e7] = 1;
  return layers;
}

function cyclic(): object {
  const a: Record<string, unknown> = { schemaVersion: 2, mediaType: MANIFEST };
  a.layers = [a];
  return a;
}

/**
 * A hostile value is made inside the property, from a description fast-check can print and
 * shrink: fast-check itself would trip over a revoked Proxy or a throwing trap while inspecting it.
 */
type Make = () => unknown;
const made = (describe: string, make: Make): Make => Object.assign(make, { toString: () => describe });

/** Values thrown by hostile getters and traps: errors, primitives, a revoked Proxy, a throwing one. */
const thrownValue: fc.Arbitrary<Make> = fc.oneof(
  fc.constant(made("new Error", () => new Error("boom"))),
  fc.anything().map((v) => made(fc.stringify(v), () => v)),
  fc.constant(made("revoked Proxy", revoked)),
  fc.constant(made("throwing Proxy", () => throwingProxy(new Error("inner")))),
);

/** Anything, and the hostile shapes fc.anything() does not make. */
const hostile: fc.Arbitrary<Make> = fc.oneof(
  fc
    .anything({ withBigInt: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true })
    .map((v) => made(fc.stringify(v), () => v)),
  fc.uint8Array({ maxLength: 64 }).map((v) => made(fc.stringify(v), () => v)),
  fc.string().map((v) => made(fc.stringify(v), () => v)),
  fc.constant(made("revoked Proxy", revoked)),
  fc
    .tuple(fc.anything(), thrownValue)
    .map(([v, t]) =>
      made(`throwing Proxy of ${fc.stringify(v)}`, () =>
        throwingProxy(typeof v === "object" && v !== null ? v : {}, t()),
      ),
    ),
  fc
    .tuple(
      fc.constantFrom("mediaType", "layers", "schemaVersion", "manifests", "limits", "rules"),
      thrownValue,
    )
    .map(([name, t]) => made(`throwing getter ${name}`, () => throwingGetter(name, t()))),
  fc.constant(made("sparse layers", () => ({ schemaVersion: 2, mediaType: MANIFEST, layers: sparse() }))),
  fc.constant(made("cycle", cyclic)),
);

/** A record of hostile members, made member by member. */
function record(members: Record<string, fc.Arbitrary<Make>>): fc.Arbitrary<Make> {
  return fc.record(members, { requiredKeys: [] }).map((parts) =>
    made(
      `{ ${Object.entries(parts)
        .map(([k, m]) => `${k}: ${String(m)}`)
        .join(", ")} }`,
      () => Object.fromEntries(Object.entries(parts).map(([k, m]) => [k, (m as Make)()])),
    ),
  );
}

/** Options: anything, or a record whose members are anything hostile. */
const hostileOptions: fc.Arbitrary<Make> = fc.oneof(
  hostile,
  record({
    mediaType: hostile,
    expectedDigest: hostile,
    rules: hostile,
    preset: hostile,
    limits: fc.oneof(hostile, record({ maxBytes: hostile, maxDepth: hostile, maxIssues: hostile })),
    targets: hostile,
  }),
);

/** The answer is a result whose findings serialise. */
function answered(result: { valid: unknown; issues: unknown }): void {
  expect(typeof result.valid).toBe("boolean");
  expect(Array.isArray(result.issues)).toBe(true);
  expect(() => JSON.stringify(result.issues)).not.toThrow();
}

const validators = {
  validate,
  validateImageManifest,
  validateImageIndex,
  validateDescriptor,
  validateImageConfig,
  validateDockerManifest,
  validateDockerManifestList,
  validateFalcoConfig,
};

describe("never throws", () => {
  for (const [name, fn] of Object.entries(validators)) {
    it(`${name}, on any input and any options`, () => {
      const call = fn as (input: unknown, options?: unknown) => { valid: unknown; issues: unknown };
      fc.assert(
        fc.property(hostile, hostileOptions, (input, options) => {
          answered(call(input(), options()));
          answered(call(input()));
        }),
        // validate gets the full count; the per-kind ones share its pipeline.
        name === "validate" ? RUNS : { numRuns: 40 },
      );
    });
  }

  it("validate answers the named hostile objects with a finding, not an exception or a hang", () => {
    for (const input of [sparse(), { layers: sparse() }, cyclic(), revoked(), throwingProxy({})]) {
      const result = validate(input as object, { mediaType: MANIFEST });
      expect(result.valid).toBe(false);
      expect(result.issues.length).toBeGreaterThan(0);
    }
    expect(validate({ layers: sparse() }).issues.map((i) => i.code)).toEqual(["json-too-large"]);
    expect(validate(throwingGetter("layers") as object).issues[0]?.code).toBe("json-syntax");
  });

  it("validateUpload, on any body and any options, with a body that serialises", () => {
    const policies = fc.oneof(
      hostile,
      fc.constant(made("createPolicy()", () => createPolicy())),
      fc.constant(made("{ maxBytes: 10 }", () => ({ maxBytes: 10 }))),
    );
    const uploadOptions = fc.oneof(
      hostile,
      record({
        contentType: hostile,
        reference: fc.oneof(hostile, fc.constant(made('"v1"', () => "v1"))),
        policy: policies,
        contentLength: hostile,
      }),
    );
    fc.assert(
      fc.property(hostile, uploadOptions, (body, options) => {
        const call = validateUpload as (
          body: unknown,
          options?: unknown,
        ) => ReturnType<typeof validateUpload>;
        for (const answer of [call(body(), options()), call(body())]) {
          answered(answer);
          expect(Number.isInteger(answer.status)).toBe(true);
          expect(() => JSON.stringify(answer.body)).not.toThrow();
          // Nothing unreadable is accepted.
          if (answer.status === 201) expect(answer.valid).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("toDistributionError and toDistributionResponse, on any value, refusing what they cannot read", () => {
    const results = fc.oneof(
      hostile,
      record({ issues: hostile, document: hostile }),
      fc.tuple(fc.array(hostile, { maxLength: 4 }), hostile).map(([issues, document]) =>
        made(`{ issues: [${issues.map(String).join(", ")}] }`, () => ({
          issues: issues.map((m) => m()),
          document: document(),
        })),
      ),
    );
    fc.assert(
      fc.property(results, (make) => {
        const body = (toDistributionError as (r: unknown) => ReturnType<typeof toDistributionError>)(make());
        expect(() => JSON.stringify(body)).not.toThrow();
        const response = (
          toDistributionResponse as (r: unknown) => ReturnType<typeof toDistributionResponse>
        )(make());
        expect(() => JSON.stringify(response)).not.toThrow();
      }),
      RUNS,
    );
    expect(toDistributionResponse(null as never).status).toBe(400);
    expect(toDistributionResponse({ issues: [revoked()] } as never).status).toBe(400);
    expect(toDistributionResponse({ issues: [] }).status).toBe(201);
  });

  it("toDistributionError carries at most 1,000 entries, the last saying how many more", () => {
    const issue = {
      code: "schema-required",
      severity: "error" as const,
      path: "/layers/0/size",
      message: "x",
    };
    const body = toDistributionError({ issues: Array(5000).fill(issue) });
    expect(body.errors).toHaveLength(1000);
    expect(body.errors.at(-1)?.detail.rule).toBe("too-many-issues");
    expect(body.errors.at(-1)?.message).toMatch(/^4001 more errors/);
  });
});

describe("the CLI never throws", () => {
  // Tokens that can never name a path outside the empty working directory, a registry, or a
  // command that listens or pushes: no separators, no dots, no colons or @.
  const token = fc.oneof(
    fc.constantFrom(
      "lint",
      "-",
      "media-types",
      "digest",
      "rules",
      "falco",
      "config",
      "pack",
      "--help",
      "-m",
      "--format",
      "json",
      "sarif",
      "--rule",
      "--preset",
      "strict",
      "--max-warnings",
      "--media-type",
      MANIFEST.replace(/[./]/g, ""),
    ),
    fc.string().filter((s) => !/[./\\:@~]/.test(s) && s !== "gate" && s !== "push" && s !== "--push"),
  );
  it("answers any argv and any stdin with an exit status", async () => {
    const cwd = await import("node:fs").then((fs) =>
      fs.mkdtempSync(`${(process.env.TMPDIR ?? "/tmp").replace(/\/$/, "")}/ocispec-never-throws-`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(token, { maxLength: 5 }),
        fc.uint8Array({ maxLength: 256 }),
        async (argv, stdin) => {
          const io = {
            stdout: bufferStream(),
            stderr: bufferStream(),
            cwd,
            env: {},
            readStdin: async () => stdin,
          };
          const status = await run(argv, io);
          expect(Number.isInteger(status)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("ends lint - < /dev/zero at once, exit 2, having read no more than the limit", async () => {
    const { spawn } = await import("node:child_process");
    const { existsSync, openSync, closeSync } = await import("node:fs");
    if (!existsSync("/dev/zero") || !existsSync(CLI_PATH)) {
      console.log("skipped: needs /dev/zero and the built CLI (npm run build)");
      return;
    }
    const zero = openSync("/dev/zero", "r");
    try {
      const child = spawn(process.execPath, [CLI_PATH, "lint", "-"], { stdio: [zero, "pipe", "pipe"] });
      let stderr = "";
      child.stderr?.on("data", (chunk) => {
        stderr += String(chunk);
      });
      const status = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
        child.on("exit", (code) => {
          clearTimeout(timer);
          resolve(code);
        });
      });
      expect(status).toBe(2);
      expect(stderr).toMatch(/cannot read standard input: .*more than 4194304 bytes/);
    } finally {
      closeSync(zero);
    }
  });

  it("reads stdin only up to the limit, then stops reading and refuses", async () => {
    let chunks = 0;
    async function* zeros() {
      for (;;) {
        chunks++;
        yield new Uint8Array(65536);
      }
    }
    await expect(readStreamUpTo(zeros(), 4 * 1024 * 1024)).rejects.toThrow(/more than 4194304 bytes/);
    expect(chunks).toBe(65); // 64 chunks fill the limit; the 65th crosses it, and no more is read
    async function* parts() {
      yield new Uint8Array(10);
      yield "abc";
    }
    const exact = await readStreamUpTo(parts(), 13);
    expect(exact).toHaveLength(13);
  });
});
