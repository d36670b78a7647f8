import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalRequestTarget, manifestRoute } from "../src/cli/gate/request-target.js";

const options = { authorities: ["gate.example:5001", "127.0.0.1:5001"] };
const canonical = (target: string) => canonicalRequestTarget(target, options);
const rule = (target: string) => {
  const verdict = canonical(target);
  return verdict.ok ? "ok" : verdict.rule;
};

describe("canonicalRequestTarget", () => {
  it("decodes every escape as Go's net/url does, so the gate judges the path the registry routes", () => {
    // the bypasses of issue #17, item 1: each is the manifest path once decoded
    expect(canonical("/v2/demo/img/%6danifests/v1")).toEqual({
      ok: true,
      path: "/v2/demo/img/manifests/v1",
      query: "",
    });
    expect(canonical("/%762/demo/img/manifests/v1")).toEqual({
      ok: true,
      path: "/v2/demo/img/manifests/v1",
      query: "",
    });
    expect(canonical("/v2/demo/img/manifests/v%31")).toMatchObject({ path: "/v2/demo/img/manifests/v1" });
    expect(canonical("/v2/demo/img/manifests/sha256%3Aabc")).toMatchObject({
      path: "/v2/demo/img/manifests/sha256:abc",
    });
  });

  it("accepts absolute-form only for this gate's own authorities, forwarding the path alone", () => {
    expect(canonical("http://gate.example:5001/v2/a/manifests/b?x=1")).toEqual({
      ok: true,
      path: "/v2/a/manifests/b",
      query: "?x=1",
    });
    expect(canonical("HTTP://GATE.example:5001/v2/")).toMatchObject({ ok: true, path: "/v2/" });
    expect(canonicalRequestTarget("http://gate.example/v2/", { authorities: ["gate.example:80"] }).ok).toBe(
      true,
    );
    expect(rule("http://127.0.0.1:5000/v2/demo/img/manifests/v1")).toBe("target-authority");
    expect(rule("http://evil.example/v2/")).toBe("target-authority");
    expect(rule("http://user:pw@gate.example:5001/v2/")).toBe("target-userinfo");
    expect(rule("ftp://gate.example:5001/v2/")).toBe("target-scheme");
    expect(rule("http://gate.example:5001")).toBe("target-form");
    expect(rule("*")).toBe("target-form");
    expect(rule("gate.example:5001")).toBe("target-form");
    expect(rule("v2/a")).toBe("target-form");
  });

  it("refuses what two readers could take apart differently", () => {
    const cases: [string, string][] = [
      ["/v2/demo%2Fimg/manifests/v1", "path-encoded-slash"],
      ["/v2/demo%2fimg/manifests/v1", "path-encoded-slash"],
      ["/v2/demo/img/./manifests/v1", "path-dot-segment"],
      ["/v2/demo/x/../img/manifests/v1", "path-dot-segment"],
      ["/v2/demo/x/%2e%2E/img/manifests/v1", "path-dot-segment"],
      ["/v2/demo/img/manifests/.", "path-dot-segment"],
      ["/v2//demo/img/manifests/v1", "path-empty-segment"],
      ["//v2/demo/img/manifests/v1", "path-empty-segment"],
      ["/v2/demo\\img/manifests/v1", "path-backslash"],
      ["/v2/demo%5Cimg/manifests/v1", "path-backslash"],
      ["/v2/demo/img/manifests/v1%00", "path-control-character"],
      ["/v2/demo/img/manifests/v1\u0001", "path-control-character"],
      ["/v2/demo/img/manifests/v1%7f", "path-control-character"],
      ["/v2/demo/img/manifests/v1%C3%A9", "path-non-ascii"],
      ["/v2/demo/img/manifests/vé", "path-non-ascii"],
      ["/v2/demo/img/manifests/v1%zz", "path-bad-escape"],
      ["/v2/demo/img/manifests/v1%4", "path-bad-escape"],
      ["/v2/demo/img/manifests/v1%3F.x", "path-character"],
      ["/v2/demo/img/manifests/v1%23x", "path-character"],
      ["/v2/demo/img/manifests/v1%25", "path-character"],
      ["/v2/demo/img/manifests/v%201", "path-character"],
      ["/v2/demo/img/manifests/{v1}", "path-character"],
      ["/v2/demo/img/manifests/v1#frag", "target-fragment"],
      ["/v2/demo/img/manifests/v1?a=b c", "query-character"],
      ["/v2/demo/img/manifests/v1?a=%zz", "query-character"],
    ];
    for (const [target, expected] of cases) expect(rule(target), target).toBe(expected);
  });

  it("keeps a trailing slash and an ordinary query as they are", () => {
    expect(canonical("/v2/")).toEqual({ ok: true, path: "/v2/", query: "" });
    expect(canonical("/v2/a/blobs/uploads/?digest=sha256%3Aab")).toEqual({
      ok: true,
      path: "/v2/a/blobs/uploads/",
      query: "?digest=sha256%3Aab",
    });
  });

  it("returns paths that are fixed points: no %, no dot or empty segment, decoding again changes nothing", () => {
    const pathCharacter = fc.constantFrom(..."abcAZ09-._~!$&'()*+,;=:@/%2e%2f%41%6d%3a%zz\\".split(""));
    fc.assert(
      fc.property(fc.array(pathCharacter, { maxLength: 40 }), (characters) => {
        const verdict = canonical(`/${characters.join("")}`);
        if (!verdict.ok) return;
        expect(verdict.path).not.toMatch(/%|\\|\/\/|\/\.\.?(?:\/|$)/);
        expect(canonical(verdict.path)).toEqual(verdict);
        expect(decodeURIComponent(verdict.path)).toBe(verdict.path);
      }),
      { seed: 17, numRuns: 2_000 },
    );
  });
});

describe("manifestRoute", () => {
  it("reads the repository and reference, broadly", () => {
    expect(manifestRoute("/v2/library/alpine/manifests/3.20")).toEqual({
      repository: "library/alpine",
      reference: "3.20",
    });
    expect(manifestRoute("/V2/a/MANIFESTS/b/")).toEqual({ repository: "a", reference: "b" });
    expect(manifestRoute("/v2/a/manifests/b/manifests/c")).toEqual({
      repository: "a/manifests/b",
      reference: "c",
    });
    expect(manifestRoute("/v2/a/blobs/sha256:00")).toBeUndefined();
    expect(manifestRoute("/v2/a/manifests/")).toBeUndefined();
  });
});
