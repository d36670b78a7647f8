import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validate } from "../src/validate/index.js";
import type { Preset, ValidationResult } from "../src/validate/types.js";

// Real manifests from registries' and clients' test data (GitLab, distribution, Quay, regclient,
// go-containerregistry, image-spec), each with what that project's tests expect. Every `accept` must
// be valid; every `reject` must be invalid, or listed in docs/deviations.md ("Registry fixtures")
// as registry-specific, with the reason.

const dir = new URL("../../shared/reference/registry-fixtures/", import.meta.url);
const present = existsSync(new URL("index.json", dir));
if (!present)
  console.warn(
    `registry fixtures skipped: ${dir.pathname} is absent (../shared/reference is not checked out)`,
  );

interface Fixture {
  file: string;
  contentType: string;
  expected: "accept" | "reject";
  why: string;
  provenance: string;
}

/** The fixture files docs/deviations.md lists under its "Registry fixtures" heading. */
function listedDeviations(): Set<string> {
  const text = readFileSync(new URL("../docs/deviations.md", import.meta.url), "utf8");
  const start = text.search(/^## Registry fixtures\s*$/m);
  if (start < 0) return new Set();
  const rest = text.slice(start).split("\n").slice(1).join("\n");
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  return new Set([...section.matchAll(/`([A-Za-z0-9_.-]+\.(?:json|yaml))`/g)].map((m) => m[1] as string));
}

function summary(result: ValidationResult): string {
  return result.issues.map((i) => `${i.severity} ${i.code} at ${i.path || "/"}: ${i.message}`).join("\n  ");
}

describe.skipIf(!present)("conformance: registry fixtures", () => {
  const fixtures: Fixture[] = present ? JSON.parse(readFileSync(new URL("index.json", dir), "utf8")) : [];
  const run = (fixture: Fixture, preset: Preset): ValidationResult =>
    validate(new Uint8Array(readFileSync(new URL(fixture.file, dir))), {
      mediaType: fixture.contentType,
      preset,
    });

  it("has the fixtures the reference README promises", () => {
    expect(fixtures.length).toBe(64);
  });

  it.each(fixtures.filter((f) => f.expected === "accept").map((f) => [f.file, f] as const))(
    "accepts %s",
    (_file, fixture) => {
      const result = run(fixture, "default");
      expect(result.valid, `${fixture.why}\n  ${summary(result)}`).toBe(true);
    },
  );

  it("rejects every reject fixture, except those docs/deviations.md lists as registry-specific", () => {
    const listed = listedDeviations();
    const rejects = fixtures.filter((f) => f.expected === "reject");
    const accepts = fixtures.filter((f) => f.expected === "accept");
    const acceptedRejects = rejects.filter((f) => run(f, "default").valid);
    const unlisted = acceptedRejects.filter((f) => !listed.has(f.file));
    const stale = [...listed].filter((file) => !acceptedRejects.some((f) => f.file === file));
    const strictRejected = rejects.filter((f) => !run(f, "strict").valid).length;
    const strictAccepted = accepts.filter((f) => run(f, "strict").valid).length;
    console.log(
      `registry fixtures: ${accepts.filter((f) => run(f, "default").valid).length}/${accepts.length} accepts accepted; ` +
        `${rejects.length - acceptedRejects.length}/${rejects.length} rejects rejected, ` +
        `${acceptedRejects.length - unlisted.length} listed as registry-specific in docs/deviations.md` +
        ` (preset strict: ${strictAccepted}/${accepts.length} accepts accepted, ${strictRejected}/${rejects.length} rejects rejected)`,
    );
    expect(
      unlisted.map((f) => f.file),
      "rejects accepted but not listed in docs/deviations.md",
    ).toEqual([]);
    expect(
      stale,
      "listed in docs/deviations.md as accepted, but ocispec rejects them: remove the listing",
    ).toEqual([]);
  });

  it("kinds: Docker payloads are read as Docker, schema 1 is refused with one error", () => {
    const byFile = new Map(fixtures.map((f) => [f.file, f]));
    const kind = (file: string) => run(byFile.get(file) as Fixture, "default");
    expect(kind("gitlab__schema2-1layer.json").kind).toBe("docker-manifest");
    expect(kind("gitlab__manifest-list.json").kind).toBe("docker-manifest-list");
    const schema1 = kind("gitlab__schema1-signed.json");
    expect(schema1.kind).toBe("docker-manifest-v1");
    expect(schema1.issues.map((i) => i.code)).toEqual(["docker-schema1-refused"]);
    const noMediaType = kind("distribution__derived-schema2-no-mediatype.json");
    expect(noMediaType.issues.map((i) => i.code)).toEqual(["docker-media-type-missing"]);
  });
});
