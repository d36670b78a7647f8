// examples/registry-gate/server.js, the sample of embedding validateUpload in one's own server:
// hostile requests are answered, and the server keeps serving.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeHttpPut, rawRequest } from "./helpers/gate.js";

const SERVER = fileURLToPath(new URL("../examples/registry-gate/server.js", import.meta.url));
const built = existsSync(fileURLToPath(new URL("../dist/index.js", import.meta.url)));
if (!built) console.warn("skipping the embedding example test: dist/ is missing (npm run build)");
const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

describe.skipIf(!built)("examples/registry-gate/server.js", () => {
  let child: ChildProcess;
  let port = 0;
  let stderr = "";

  beforeAll(async () => {
    child = spawn(process.execPath, [SERVER, "0"], { stdio: ["ignore", "pipe", "pipe"] });
    child.stderr?.on("data", (chunk) => (stderr += chunk));
    port = await new Promise<number>((resolve, reject) => {
      let out = "";
      child.stdout?.on("data", (chunk) => {
        out += chunk;
        const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      child.once("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
  });

  afterAll(() => {
    child?.kill("SIGTERM");
  });

  const put = (target: string, body: string | Uint8Array) =>
    rawRequest(port, { method: "PUT", target, headers: { "content-type": OCI_MANIFEST }, body });

  it("stores a valid manifest and serves it back", async () => {
    const manifest = readFileSync(fileURLToPath(new URL("../examples/image/manifest.json", import.meta.url)));
    expect((await put("/v2/demo/image/manifests/v1", manifest)).status).toBe(201);
    const got = await rawRequest(port, { method: "GET", target: "/v2/demo/image/manifests/v1" });
    expect(got.status).toBe(200);
    expect(got.body).toBe(manifest.toString("latin1"));
  });

  /** A PUT whose chunked body never ends: the answer's head, or what arrived before the connection failed. */
  const endlessChunkedPut = () =>
    new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.write(
          `PUT /v2/demo/big/manifests/v1 HTTP/1.1\r\nHost: x\r\nContent-Type: ${OCI_MANIFEST}\r\nTransfer-Encoding: chunked\r\n\r\n`,
        );
        const chunk = Buffer.alloc(1 << 20, 0x20);
        const frame = Buffer.concat([
          Buffer.from(`${chunk.length.toString(16)}\r\n`),
          chunk,
          Buffer.from("\r\n"),
        ]);
        for (let i = 0; i < 8; i++) socket.write(frame);
      });
      let text = "";
      socket.on("data", (data) => {
        text += data;
        if (text.includes("\r\n\r\n")) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on("error", () => resolve(text));
    });

  it("answers a body over the limit with its 413 every time, not a reset", async () => {
    // Closing at once, with body bytes unread, resets the connection: the reset can overtake the 413,
    // and the client reads '' (an endless chunked body) or fails with EPIPE (node:http).
    const chunked: string[] = [];
    for (let i = 0; i < 10; i++) chunked.push((await endlessChunkedPut()).slice(0, 13));
    expect(chunked).toEqual(Array(10).fill("HTTP/1.1 413 "));
    const declared: string[] = [];
    const body = Buffer.alloc(5_000_000, 0x20);
    for (let i = 0; i < 10; i++)
      declared.push(await nodeHttpPut(port, "/v2/demo/big/manifests/v1", OCI_MANIFEST, body));
    expect(declared).toEqual(Array(10).fill("413"));
    expect(child.exitCode).toBeNull();
    expect(stderr).toBe("");
  });

  it("answers hostile requests and keeps serving", async () => {
    expect((await put("/v2/demo/%zz/manifests/v1", "{}")).status).toBe(400);
    const flood = `{"schemaVersion":2,"mediaType":"${OCI_MANIFEST}","config":{},"layers":[${"0,".repeat(20_000)}0]}`;
    const refused = await put("/v2/demo/flood/manifests/v1", flood);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body).errors).toHaveLength(101);
    expect((await put("/v2/demo/dup/manifests/v1", '{"schemaVersion":2,"schemaVersion":2}')).status).toBe(
      400,
    );
    expect((await rawRequest(port, { method: "DELETE", target: "/v2/demo/x/manifests/v1" })).status).toBe(
      405,
    );
    expect(await endlessChunkedPut()).toMatch(/^HTTP\/1\.1 413 /);
    expect((await rawRequest(port, { method: "GET", target: "/v2/demo/image/manifests/v1" })).status).toBe(
      200,
    );
    expect(child.exitCode).toBeNull();
    expect(stderr).toBe("");
  });
});
