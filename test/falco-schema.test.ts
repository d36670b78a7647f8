import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { falcoMediaTypes } from "../src/falco/media-types.js";
import { falcoConfigMembers, falcoDependencyMembers, falcoRequirementMembers } from "../src/falco/types.js";
import { lookupMediaType } from "../src/media-types/index.js";

// The FalcoConfig types and schemas/falco/config.json must not drift: the member lists are checked
// against the types at compile time (`satisfies MemberPresence<…>`) and against the schema here.

interface ObjectSchema {
  $id?: string;
  properties: Record<string, unknown>;
  required?: string[];
  $defs?: Record<string, ObjectSchema>;
}

const schema = JSON.parse(
  readFileSync(new URL("../schemas/falco/config.json", import.meta.url), "utf8"),
) as ObjectSchema;

function presence(s: ObjectSchema): Record<string, string> {
  return Object.fromEntries(
    Object.keys(s.properties).map((k) => [k, s.required?.includes(k) ? "required" : "optional"]),
  );
}

describe("schemas/falco/config.json agrees with the FalcoConfig types", () => {
  it("config members", () => {
    expect(presence(schema)).toEqual(falcoConfigMembers);
  });

  // Go's decoder requires nothing, so the schema requires nothing; the types say what falcoctl writes
  // (name and version always), which falco-entry-incomplete checks as a rule.
  it("dependency and requirement members (names; presence is a rule, not the schema)", () => {
    const defs = schema.$defs ?? {};
    expect(Object.keys(defs.dependency?.properties ?? {})).toEqual(Object.keys(falcoDependencyMembers));
    expect(Object.keys(defs.nameVersion?.properties ?? {})).toEqual(Object.keys(falcoRequirementMembers));
    expect(defs.dependency?.required).toBeUndefined();
  });

  it("the media-type table points every Falco config type at this schema", () => {
    for (const { config, layer } of Object.values(falcoMediaTypes)) {
      expect(lookupMediaType(config)?.schema).toBe(schema.$id);
      expect(lookupMediaType(layer)).toBeDefined();
    }
  });
});
