import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dockerManifestListMembers, dockerManifestMembers } from "../src/validate/types/docker.js";
import {
  imageConfigExecutionMembers,
  imageConfigHistoryMembers,
  imageConfigMembers,
  imageConfigRootfsMembers,
} from "../src/validate/types/image-config.js";
import { imageLayoutMembers } from "../src/validate/types/image-layout.js";

// The type half of the drift check: each member list is declared `satisfies MemberPresence<T>`, so
// `tsc` fails when it misses a member of the interface, adds one, or gets its presence wrong. This
// test is the schema half: each list must name exactly the schema's properties and required members.

interface ObjectSchema {
  properties: Record<string, unknown>;
  required?: string[];
}

function schema<T extends ObjectSchema = ObjectSchema>(path: string): T {
  return JSON.parse(readFileSync(new URL(`../schemas/${path}`, import.meta.url), "utf8"));
}

/** The members a schema object declares, with their presence, in the shape of the member lists. */
function presence(object: ObjectSchema): Record<string, "required" | "optional"> {
  const required = new Set(object.required ?? []);
  return Object.fromEntries(
    Object.keys(object.properties).map((name) => [name, required.has(name) ? "required" : "optional"]),
  );
}

const config = schema<
  ObjectSchema & {
    properties: { config: ObjectSchema; rootfs: ObjectSchema; history: { items: ObjectSchema } };
  }
>("oci/image-config.json");

describe("types and schemas do not drift: image config, image layout, Docker", () => {
  it.each([
    ["ImageConfig", imageConfigMembers, config],
    ["ImageConfigExecution", imageConfigExecutionMembers, config.properties.config],
    ["ImageConfigRootfs", imageConfigRootfsMembers, config.properties.rootfs],
    ["ImageConfigHistory", imageConfigHistoryMembers, config.properties.history.items],
    ["ImageLayout", imageLayoutMembers, schema("oci/image-layout.json")],
    ["DockerManifest", dockerManifestMembers, schema("docker/manifest-v2.json")],
    ["DockerManifestList", dockerManifestListMembers, schema("docker/manifest-list.json")],
  ] as const)("%s names exactly the schema's members, with the same presence", (_name, members, object) => {
    expect({ ...members }).toEqual(presence(object));
  });
});
