import { describe, expect, it } from "vitest";
import { boundedErrorBody, MAX_ERROR_BODY_BYTES, MAX_ERROR_ENTRIES } from "../src/cli/gate/error-body.js";
import { clientResponseHeaders, upstreamRequestHeaders } from "../src/cli/gate/forward-headers.js";

const context = {
  clientAddress: "10.0.0.7",
  upstreamHost: "127.0.0.1:5000",
  publicUrl: new URL("https://registry.example.com"),
  trustForwarded: false,
};

describe("upstreamRequestHeaders", () => {
  it("drops hop-by-hop fields, the ones Connection names, and proxy credentials (RFC 9110 §7.6.1, §11.7)", () => {
    const headers = upstreamRequestHeaders(
      {
        connection: "keep-alive, X-Private, x-other",
        "x-private": "1",
        "x-other": "2",
        "keep-alive": "timeout=5",
        "proxy-connection": "keep-alive",
        te: "trailers",
        trailer: "x-checksum",
        "transfer-encoding": "chunked",
        upgrade: "h2c",
        expect: "100-continue",
        "proxy-authorization": "Basic eDp5",
        authorization: "Bearer t",
        "content-type": "application/vnd.oci.image.manifest.v1+json",
      },
      context,
    );
    expect(headers).toEqual({
      authorization: "Bearer t",
      "content-type": "application/vnd.oci.image.manifest.v1+json",
      host: "127.0.0.1:5000",
      "x-forwarded-for": "10.0.0.7",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "registry.example.com",
    });
  });

  it("replaces the client's forwarding fields; appends to X-Forwarded-For only when trusted", () => {
    const client = {
      host: "evil.example",
      forwarded: "for=1.2.3.4;host=evil.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "http",
      "x-forwarded-port": "1",
      "x-forwarded-prefix": "/x",
      "x-real-ip": "1.2.3.4",
      "x-forwarded-for": "1.2.3.4",
    };
    expect(upstreamRequestHeaders(client, context)).toEqual({
      host: "127.0.0.1:5000",
      "x-forwarded-for": "10.0.0.7",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "registry.example.com",
    });
    expect(upstreamRequestHeaders(client, { ...context, trustForwarded: true })["x-forwarded-for"]).toBe(
      "1.2.3.4, 10.0.0.7",
    );
  });
});

describe("clientResponseHeaders", () => {
  const upstream = new URL("http://127.0.0.1:5000");
  const publicUrl = new URL("https://registry.example.com");

  it("rebuilds a Location naming the upstream on the public URL, never on anything the client sent", () => {
    expect(
      clientResponseHeaders(
        { location: "http://127.0.0.1:5000/v2/a/blobs/uploads/u?_state=s" },
        upstream,
        publicUrl,
      ).location,
    ).toBe("https://registry.example.com/v2/a/blobs/uploads/u?_state=s");
    expect(
      clientResponseHeaders(
        { location: "https://127.0.0.1:5000/v2/a/manifests/sha256:ab" },
        upstream,
        publicUrl,
      ).location,
    ).toBe("https://registry.example.com/v2/a/manifests/sha256:ab");
  });

  it("leaves relative Locations and other hosts (blob storage redirects) alone", () => {
    expect(clientResponseHeaders({ location: "/v2/a/blobs/uploads/u" }, upstream, publicUrl).location).toBe(
      "/v2/a/blobs/uploads/u",
    );
    const s3 = "https://bucket.s3.amazonaws.com/docker/registry/v2/blobs/sha256/ab/data?X-Amz-Signature=x";
    expect(clientResponseHeaders({ location: s3 }, upstream, publicUrl).location).toBe(s3);
  });

  it("drops hop-by-hop response fields", () => {
    expect(
      clientResponseHeaders(
        {
          connection: "x-hop",
          "x-hop": "1",
          "keep-alive": "timeout=5",
          "transfer-encoding": "chunked",
          "proxy-authenticate": "Basic",
          "docker-content-digest": "sha256:ab",
        },
        upstream,
        publicUrl,
      ),
    ).toEqual({ "docker-content-digest": "sha256:ab" });
  });
});

describe("boundedErrorBody", () => {
  const entry = (i: number) => ({
    code: "MANIFEST_INVALID",
    message: `layers[${i}] must be an object`,
    detail: { rule: "schema-type", field: `layers[${i}]`, pointer: `/layers/${i}` },
  });

  it("keeps the first errors and says how many were left out", () => {
    const text = boundedErrorBody({ errors: Array.from({ length: 200_000 }, (_, i) => entry(i)) });
    const body = JSON.parse(text) as { errors: { code: string; detail: { rule: string; value?: number } }[] };
    expect(body.errors).toHaveLength(MAX_ERROR_ENTRIES + 1);
    expect(body.errors[0]).toEqual(entry(0));
    expect(body.errors.at(-1)?.detail).toMatchObject({
      rule: "gate-errors-left-out",
      value: 200_000 - MAX_ERROR_ENTRIES,
    });
  });

  it("caps the bytes too, shortening long messages and always keeping the first error", () => {
    const long = { ...entry(0), message: "x".repeat(1_000_000) };
    const text = boundedErrorBody({ errors: Array.from({ length: 90 }, () => long) });
    expect(text.length).toBeLessThan(MAX_ERROR_BODY_BYTES + 2_048);
    const body = JSON.parse(text) as { errors: { message: string }[] };
    expect(body.errors[0]?.message.length).toBeLessThanOrEqual(1_025);
    expect(body.errors.at(-1)?.message).toMatch(/more errors left out/);
  });

  it("is the plain body when nothing needs leaving out", () => {
    expect(JSON.parse(boundedErrorBody({ errors: [entry(1)] }))).toEqual({ errors: [entry(1)] });
  });
});
